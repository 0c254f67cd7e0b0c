"""The plain data a letter is printed from: no database rows, no Qt, only what the member reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Society:
    """The health-insurance society (健康保険組合) that sends the letters (survey settings)."""

    name: str      # e.g. "〇〇健康保険組合"
    contact: str   # multi-line: department, address, phone, hours


@dataclass(frozen=True, slots=True)
class Addressee:
    """The insured (被保険者) a letter goes to and the dependent (被扶養者) it is about.

    ``ref`` is an opaque, non-personal id chosen by the caller (e.g. ``"case-12"``); it names the
    member's file in the "one file per member" mode and is never printed.
    """

    ref: str
    insured_name: str
    card_symbol: str
    card_number: str
    office_name: str
    dependent_name: str
    relationship_label: str   # 妻, 長男, 母 …


@dataclass(frozen=True, slots=True)
class ExclusionLetter:
    """扶養家族除外のお知らせ: the dependent is excluded from ``exclusion_date``."""

    to: Addressee
    issued_on: date
    exclusion_date: date
    reason_ja: str   # the reason in plain words, e.g. "令和5年の給与収入が…"


@dataclass(frozen=True, slots=True)
class NoticeItemText:
    """One deficiency item, worded for the member."""

    title: str
    problem: str
    what_to_submit: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class NoticeLetter:
    """書類不備のお知らせ, on paper for members without e-mail."""

    to: Addressee
    issued_on: date
    reply_deadline: date
    items: tuple[NoticeItemText, ...]
    message: str = ""


@dataclass(frozen=True, slots=True)
class RecertificationLetter:
    """再認定のご案内 (遡り再認定): the dependent can be certified again from
    ``recertification_date``; the documents must reach the society by ``reply_deadline``
    (30 days from the exclusion notice, seed 004: see ``wording.reply_deadline_from``)."""

    to: Addressee
    issued_on: date
    recertification_date: date
    reply_deadline: date


Letter = ExclusionLetter | NoticeLetter | RecertificationLetter
