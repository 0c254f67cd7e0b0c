"""Words for a field of the income sheet, as the examiner sees it on the 収入 tab (issue 13).

The engine's input contract names a bad field by its path (``employers[0].bonuses[1].month``);
that path is for the CLI and the logs. The examiner sees tables: 賞与 is one list with a row per
bonus of every employer, in that order, so the path becomes 「賞与 2 行目の支給月」.
"""

from __future__ import annotations

import re

from reviewer_app.domain.sheet import IncomeSheet

_PART = re.compile(r"(\w+)\[(\d+)\]")

# section -> (ja, en) of the table, and its columns
_SECTIONS: dict[str, tuple[str, str]] = {
    "employers": ("勤務先", "employer"), "bonuses": ("賞与", "bonus"),
    "pensions": ("年金", "pension"), "self_employment": ("自営業", "business"),
    "other_income": ("その他の収入", "other income"), "benefits": ("給付", "benefit"),
}
_COLUMNS: dict[str, tuple[str, str]] = {
    "name": ("勤務先名", "name"), "cutoff_day": ("締め日", "cutoff day"),
    "pay_month_offset": ("支払月", "pay month"), "pay_day": ("支払日", "pay day"),
    "month": ("月", "month"), "gross": ("金額", "amount"), "kind": ("種類", "kind"),
    "annual": ("年額", "annual amount"), "revenue": ("総収入", "revenue"),
    "direct_expenses": ("直接的必要経費", "direct expenses"), "label": ("内容", "description"),
    "amount": ("金額", "amount"), "daily_amount": ("日額", "daily amount"),
    "start_date": ("受給開始日", "start date"),
}
_BONUS_COLUMNS = {"month": ("支給月", "payment month"), "gross": ("賞与額", "amount")}
_OTHERS: dict[str, tuple[str, str]] = {
    "profile": ("ルールプロファイル", "the rule profile"),
    "judgment_date": ("判定日", "the judgment date"),
    "target_year": ("対象年", "the target year"),
    "dependent": ("被扶養者の情報", "the dependent's details"),
    "dependent.birth_date": ("被扶養者の生年月日", "the dependent's date of birth"),
    "insured": ("被保険者の情報", "the insured's details"),
    "labour_contract": ("労働契約", "the labour contract"),
    "labour_contract.annual_expected": ("労働契約の見込み年収",
                                        "the expected income of the labour contract"),
    "temporary_rise_certificate": ("事業主の証明", "the employer's certificate"),
    "recertification_from": ("再認定の起算月", "the re-certification month"),
    "survey": ("調査票の提出状況", "the survey's status"),
}


def _bonus_row(sheet: IncomeSheet | None, employer: int, bonus: int) -> int:
    """The 1-based row of ``employers[employer].bonuses[bonus]`` in the 賞与 table."""
    before = sum(len(e.bonuses) for e in sheet.employers[:employer]) if sheet else 0
    return before + bonus + 1


def _employer_name(sheet: IncomeSheet | None, index: int) -> tuple[str, str]:
    name = sheet.employers[index].name.strip() \
        if sheet is not None and index < len(sheet.employers) else ""
    if name:
        return name, name
    return f"勤務先{index + 1}", f"employer {index + 1}"


def _payment_month(sheet: IncomeSheet | None, employer: int, payment: int) -> str | None:
    if sheet is None or employer >= len(sheet.employers):
        return None
    payments = sheet.employers[employer].payments
    return str(payments[payment].month) if payment < len(payments) else None


def describe_field(path: str, sheet: IncomeSheet | None = None) -> tuple[str, str]:
    """(ja, en) words for ``path``; never the path itself. ``sheet`` (when the input could be
    read as one) gives the employer's name, the month and the row of the 賞与 table."""
    parts = path.split(".")
    first = _PART.fullmatch(parts[0])
    column = parts[-1] if len(parts) > 1 else ""
    if first and first.group(1) == "employers" and len(parts) >= 2:
        e = int(first.group(2))
        nested = _PART.fullmatch(parts[1])
        if nested and nested.group(1) == "bonuses":
            row = _bonus_row(sheet, e, int(nested.group(2)))
            ja, en = _BONUS_COLUMNS.get(column, ("内容", "entry")) if len(parts) > 2 \
                else ("内容", "entry")
            return f"賞与 {row} 行目の{ja}", f"the {en} of bonus row {row}"
        if nested and nested.group(1) == "payments":
            name_ja, name_en = _employer_name(sheet, e)
            month = _payment_month(sheet, e, int(nested.group(2)))
            when_ja = f"{int(month[5:])}月" if month else ""
            when_en = f" for {month}" if month else ""
            return f"{name_ja}の{when_ja}給与", f"the salary{when_en} from {name_en}"
        if parts[1] in ("bonuses", "payments"):
            return ("賞与の一覧", "the bonus list") if parts[1] == "bonuses" else (
                "月別の給与", "the monthly salaries")
        ja, en = _COLUMNS.get(column, ("内容", "entry"))
        return f"勤務先 {e + 1} 行目の{ja}", f"the {en} of employer row {e + 1}"
    if first and first.group(1) in _SECTIONS:
        table_ja, table_en = _SECTIONS[first.group(1)]
        row = int(first.group(2)) + 1
        ja, en = _COLUMNS.get(column, ("内容", "entry")) if column else ("内容", "entry")
        return f"{table_ja} {row} 行目の{ja}", f"the {en} of {table_en} row {row}"
    for key in (path, ".".join(parts[:2]), parts[0]):
        base = _PART.sub(r"\1", key)
        if base in _OTHERS:
            return _OTHERS[base]
        if base in _SECTIONS:
            ja, en = _SECTIONS[base]
            return f"{ja}の一覧", f"the {en} list"
    return "入力内容", "an entry"
