"""Pure review logic behind the case view: required documents, inconsistencies, notices.

No Qt and no database here; the functions take the bundle's schema objects and return frozen
dataclasses, so the 調査票, 書類 and 不備連絡 tabs and the services share one set of rules.
"""
