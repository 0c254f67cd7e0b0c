"""The live evaluation panel: verdict, annual total against its limit, monthly limit, age,
exclusion and re-certification dates, each check, and the engine's Japanese explanation.

Everything shown comes from the engine's output (issue 2's JSON); the panel only formats it.
"""

from __future__ import annotations

import datetime
import html
from typing import Any

from reviewer_app.domain.field_words import describe_field
from reviewer_app.domain.wareki import format_wareki
from reviewer_app.ui.income.money import format_man, format_yen, month_label
from reviewer_app.ui.qt import Qt, QtCore, QtWidgets

VERDICT_STYLE = {
    "continue": ("#1e7b34", "#e3f4e6"),
    "exclude": ("#a1261c", "#fbe3e1"),
    "needs_review": ("#8a5a00", "#fff1c2"),
}
RESULT_STYLE = {"pass": ("✓", "#1e7b34"), "fail": ("✗", "#a1261c"), "review": ("?", "#8a5a00")}


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("IncomeSummary", text)


def verdict_label(verdict: str) -> str:
    return {"continue": _tr("扶養継続"), "exclude": _tr("扶養除外"),
            "needs_review": _tr("要確認")}.get(verdict, verdict)


def basis_label(basis: str) -> str:
    return {"under_60": _tr("60歳未満"), "60_or_over": _tr("60歳以上"),
            "disability_pension": _tr("障害年金受給者"),
            "age_19_to_22": _tr("19歳以上23歳未満")}.get(basis, basis)


def rule_label(rule: str | None) -> str:
    return {"three_consecutive_months": _tr("3か月連続で月額限度額を超過"),
            "three_month_average": _tr("3か月平均が月額限度額を超過")}.get(rule or "", rule or "")


def check_label(code: str) -> str:
    return {"annual_limit": _tr("年間収入"), "monthly_limit": _tr("月額限度"),
            "missing_months": _tr("未入力の月"), "daily_benefit": _tr("給付の日額"),
            "half_income": _tr("被保険者収入の2分の1"), "remittance": _tr("仕送り額"),
            "residence": _tr("国内居住"), "age_75": _tr("75歳到達"),
            "labour_contract": _tr("労働契約"), "certificate": _tr("事業主の証明"),
            "survey_not_submitted": _tr("調査票の提出")}.get(code, code)


def format_date(iso: object) -> str:
    """``2023年2月16日(令和5年2月16日)``; '—' for none."""
    if not isinstance(iso, str):
        return "—"
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    western = _tr("{y}年{m}月{d}日").replace("{y}", str(day.year)).replace(
        "{m}", str(day.month)).replace("{d}", str(day.day))
    try:
        return f"{western}({format_wareki(day)})"
    except ValueError:
        return western


class SummaryPanel(QtWidgets.QFrame):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incomeSummary")
        self.verdict = QtWidgets.QLabel(self)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setMinimumHeight(self.fontMetrics().height() * 2)
        self.error = QtWidgets.QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet("color: #a1261c; background: #fbe3e1; border: 1px solid #e4a09a;"
                                 " border-radius: 4px; padding: 6px;")
        self.values: dict[str, QtWidgets.QLabel] = {}
        self.details = QtWidgets.QWidget(self)
        form = QtWidgets.QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(6)
        for key, label in (("annual", _tr("年間収入")), ("basis", _tr("基準")),
                           ("monthly", _tr("月額限度額")), ("age", _tr("年齢")),
                           ("exclusion", _tr("除外日")), ("rule", _tr("根拠")),
                           ("recert", _tr("再認定日")), ("sources", _tr("内訳"))):
            value = QtWidgets.QLabel(self.details)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(f"<span style='color:#5b6b7a'>{html.escape(label)}</span>", value)
        self.checks = QtWidgets.QLabel(self.details)
        self.checks.setWordWrap(True)
        self.checks.setTextFormat(Qt.TextFormat.RichText)
        self.checks.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation = QtWidgets.QLabel(self.details)
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                 | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.explanation.setStyleSheet("background: #f6f8fa; border: 1px solid #d8dee4;"
                                       " border-radius: 4px; padding: 8px;")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addWidget(self.verdict)
        layout.addWidget(self.error)
        form.addRow(self._heading(_tr("確認項目")))
        form.addRow(self.checks)
        form.addRow(self._heading(_tr("説明")))
        form.addRow(self.explanation)
        layout.addWidget(self.details)
        layout.addStretch(1)
        self.set_evaluation(None, None)

    def _heading(self, text: str) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel(text, self.details)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def set_evaluation(self, evaluation: dict[str, Any] | None, error: Any, *,
                       nothing_entered: bool = False, sheet: Any = None) -> None:
        """Show the engine's output; ``error`` is a CaseInputError (field and problem) or None;
        ``nothing_entered``: no income entered and no document checked, so 「未入力」 stands
        where the verdict would (issue 13: the engine's 扶養継続 at 0 yen is no verdict)."""
        if error is not None:
            # Words for the examiner (「賞与 1 行目の支給月」), never the field's path.
            field = describe_field(str(getattr(error, "field", "")), sheet)[0]
            problem = str(getattr(error, "problem_ja", error))
            self.error.setText(_tr("入力に誤りがあるため判定できません: {field}: {problem}")
                               .replace("{field}", field).replace("{problem}", problem))
        self.error.setVisible(error is not None)
        self.details.setVisible(evaluation is not None)
        if evaluation is None:
            self._set_verdict(None)
            for value in self.values.values():
                value.setText("—")
            self.checks.setText("")
            self.explanation.setText("")
            return
        if nothing_entered:
            self._set_unentered()
        else:
            self._set_verdict(str(evaluation.get("verdict")))
        self._set_amounts(evaluation)
        self._set_dates(evaluation)
        self._set_checks(evaluation.get("checks") or [])
        self.explanation.setText("\n".join(str(s) for s in evaluation.get("explanation") or []))

    def _set_unentered(self) -> None:
        self.verdict.setText(_tr("未入力"))
        self.verdict.setToolTip(_tr("収入を入力するか書類を確認すると判定案を示します。"))
        self._style_verdict("#5b6b7a", "#eef1f4")

    def _style_verdict(self, fg: str, bg: str) -> None:
        self.verdict.setStyleSheet(f"color: {fg}; background: {bg}; border: 1px solid {fg};"
                                   " border-radius: 6px; font-weight: bold; padding: 6px;"
                                   " font-size: 15pt;")

    def _set_verdict(self, verdict: str | None) -> None:
        self.verdict.setToolTip("")
        if verdict is None:
            self.verdict.setText(_tr("判定できません"))
            fg, bg = "#5b6b7a", "#eef1f4"
        else:
            self.verdict.setText(_tr("判定案: {verdict}").replace("{verdict}",
                                                                  verdict_label(verdict)))
            fg, bg = VERDICT_STYLE.get(verdict, ("#333333", "#eeeeee"))
        self._style_verdict(fg, bg)

    def _set_amounts(self, ev: dict[str, Any]) -> None:
        annual, limit = ev.get("annual_income"), ev.get("annual_limit")
        # The engine's annual check decides (a certificate may accept an income over the limit).
        result = next((str(c.get("result")) for c in ev.get("checks") or []
                       if isinstance(c, dict) and c.get("code") == "annual_limit"), "")
        mark = {"pass": _tr("基準内"), "fail": _tr("超過"), "review": _tr("要確認")}.get(result, "")
        colour = RESULT_STYLE.get(result, ("", "#333333"))[1]
        self.values["annual"].setText(
            f"<b>{html.escape(format_yen(annual, unit=True))}</b> / "
            f"{html.escape(format_yen(limit, unit=True))} "
            f"<span style='color:{colour}'>({html.escape(mark)})</span>")
        assessed = ev.get("assessed_income")
        if assessed is not None and assessed != annual:
            self.values["annual"].setText(self.values["annual"].text() + "<br>" + html.escape(
                _tr("判定に使う年収: {amount}").replace("{amount}",
                                                  format_yen(assessed, unit=True))))
        self.values["basis"].setText(f"{basis_label(str(ev.get('limit_basis')))} "
                                     f"{format_man(limit)}")
        self.values["monthly"].setText(format_yen(ev.get("monthly_limit"), unit=True))
        age = ev.get("age_on_judgment_date")
        self.values["age"].setText(_tr("{age}歳(判定日時点)").replace("{age}", str(age))
                                   if age is not None else "—")
        src = ev.get("income_by_source") or {}
        parts = [(_tr("給与"), src.get("salary")), (_tr("賞与"), src.get("bonus")),
                 (_tr("年金"), src.get("pension")), (_tr("事業"), src.get("self_employment")),
                 (_tr("その他"), src.get("other"))]
        self.values["sources"].setText("  ".join(f"{name} {format_yen(amount)}"
                                                 for name, amount in parts if amount) or "—")

    def _set_dates(self, ev: dict[str, Any]) -> None:
        exclusion = ev.get("exclusion") or {}
        date_text = format_date(exclusion.get("date"))
        if exclusion.get("date") and ev.get("verdict") != "exclude":
            date_text += _tr("(候補)")
        self.values["exclusion"].setText(date_text)
        months = [str(m) for m in exclusion.get("months") or []]
        rule = rule_label(exclusion.get("rule"))
        if months:
            rule += "\n" + "・".join(month_label(m) for m in months)
        self.values["rule"].setText(rule or "—")
        recert = ev.get("recertification") or {}
        self.values["recert"].setText(format_date(recert.get("date")))

    def _set_checks(self, checks: list[dict[str, Any]]) -> None:
        # One compact line per check; the full sentences are in the explanation and, for
        # every check, in the tooltip (the explanation does not repeat passed checks).
        words = {"pass": _tr("適合"), "fail": _tr("不適合"), "review": _tr("要確認")}
        items, tips = [], []
        for check in checks:
            result = str(check.get("result"))
            symbol, colour = RESULT_STYLE.get(result, ("・", "#333333"))
            label = check_label(str(check.get("code")))
            items.append(f"<span style='color:{colour}; white-space:nowrap'><b>{symbol}</b> "
                         f"{html.escape(label)}({html.escape(words.get(result, result))})</span>")
            tips.append(f"{symbol} {label}: {check.get('message') or ''}")
        self.checks.setText("&nbsp;&nbsp; ".join(items))
        self.checks.setToolTip("\n".join(tips))
