"""Suggested amounts read from payslips and bonus slips, and My Numbers caught (issue 11).

Pure parsing (no PDF library, no OCR; unit- and Hypothesis-tested on plain data):
:mod:`.model`, :mod:`.normalize`, :mod:`.layout`, :mod:`.payslip`, :mod:`.mynumber`.
The edges: :mod:`.reader` (PyMuPDF's text layer, pixels for OCR), :mod:`.ocr` (RapidOCR, the
optional extra ``reviewer-app[ocr]``) and :mod:`.worker` (a child process with a time limit).
"""
