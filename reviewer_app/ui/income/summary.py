"""The live evaluation panel: verdict, annual total against its limit, monthly limit, age,
exclusion and re-certification dates, each check, and the engine's explanation (in the
window's language, rendered from the engine's message codes).

Everything shown comes from the engine's :class:`~reviewer_app.domain.engine.Evaluation`; the
panel only formats it.
"""

from __future__ import annotations

import datetime
import html

from reviewer_app.domain.checks import Check
from reviewer_app.domain.engine import Evaluation
from reviewer_app.domain.field_words import describe_field
from reviewer_app.domain.sheet import CaseInputError, IncomeSheet
from reviewer_app.domain.vocabulary import Verdict
from reviewer_app.domain.wareki import format_wareki
from reviewer_app.ui import palette
from reviewer_app.ui.labels import (
    basis_label,
    check_label,
    check_sentence,
    explanation_lines,
    format_man,
    format_yen,
    month_label,
    result_label,
    rule_label,
    verdict_label,
    window_language,
)
from reviewer_app.ui.qt import Qt, QtCore, QtWidgets

RESULT_SYMBOL = {"pass": "✓", "fail": "✗", "review": "?"}


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("IncomeSummary", text)


def format_date(day: datetime.date | None) -> str:
    """``2023年2月16日(令和5年2月16日)``; '—' for none."""
    if day is None:
        return "—"
    western = _tr("{y}年{m}月{d}日").replace("{y}", str(day.year)).replace(
        "{m}", str(day.month)).replace("{d}", str(day.day))
    if window_language() == "en":
        return western  # 和暦 means nothing to a reader of the English window
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
        # wraps rather than widening the panel (「Proposed verdict: Continue」 was clipped)
        self.verdict.setWordWrap(True)
        self.verdict.setMinimumHeight(self.fontMetrics().height() * 2)
        self.error = QtWidgets.QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet(
            f"color: {palette.ERROR_TEXT.name()}; background: {palette.OVER_BG.name()};"
            " border: 1px solid #e4a09a; border-radius: 4px; padding: 6px;")
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
            form.addRow(f"<span style='color:{palette.SECONDARY_TEXT.name()}'>"
                        f"{html.escape(label)}</span>", value)
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

    def set_evaluation(self, evaluation: Evaluation | None, error: CaseInputError | None, *,
                       nothing_entered: bool = False, sheet: IncomeSheet | None = None) -> None:
        """Show the engine's output; ``error``: why the sheet cannot be evaluated (its field and
        problem), or None; ``nothing_entered``: no income entered and no document checked, so
        「未入力」 stands where the verdict would (issue 13: the engine's 扶養継続 at 0 yen is no
        verdict)."""
        if error is not None:
            # Words for the examiner (「賞与 1 行目の支給月」), never the field's path.
            english = window_language() == "en"
            field = describe_field(error.field, sheet)[1 if english else 0]
            problem = error.problem_en if english else error.problem_ja
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
            self._set_verdict(evaluation.verdict)
        self._set_amounts(evaluation)
        self._set_dates(evaluation)
        self._set_checks(evaluation.checks)
        self.explanation.setText("\n".join(explanation_lines(evaluation)))

    def _set_unentered(self) -> None:
        self.verdict.setText(_tr("未入力"))
        self.verdict.setToolTip(_tr("収入を入力するか書類を確認すると判定案を示します。"))
        self._style_verdict(*palette.NO_VERDICT)

    def _style_verdict(self, fg: str, bg: str) -> None:
        self.verdict.setStyleSheet(f"color: {fg}; background: {bg}; border: 1px solid {fg};"
                                   " border-radius: 6px; font-weight: bold; padding: 6px;"
                                   " font-size: 15pt;")

    def _set_verdict(self, verdict: Verdict | None) -> None:
        self.verdict.setToolTip("")
        if verdict is None:
            self.verdict.setText(_tr("判定できません"))
            fg, bg = palette.NO_VERDICT
        else:
            self.verdict.setText(_tr("判定案: {verdict}").replace("{verdict}",
                                                                  verdict_label(verdict)))
            fg, bg = palette.VERDICT_COLOURS[verdict]
        self._style_verdict(fg, bg)

    def _set_amounts(self, ev: Evaluation) -> None:
        annual, limit = ev.annual_income, ev.annual_limit
        # The engine's annual check decides (a certificate may accept an income over the limit).
        result = next((c.result for c in ev.checks if c.code == "annual_limit"), "")
        mark = {"pass": _tr("基準内"), "fail": _tr("超過"), "review": _tr("要確認")}.get(result, "")
        colour = palette.RESULT_COLOURS.get(result, palette.UNKNOWN)
        self.values["annual"].setText(
            f"<b>{html.escape(format_yen(annual, unit=True))}</b> / "
            f"{html.escape(format_yen(limit, unit=True))} "
            f"<span style='color:{colour}'>({html.escape(mark)})</span>")
        assessed = ev.assessed_income
        if assessed != annual:
            self.values["annual"].setText(self.values["annual"].text() + "<br>" + html.escape(
                _tr("判定に使う年収: {amount}").replace("{amount}",
                                                  format_yen(assessed, unit=True))))
        self.values["basis"].setText(f"{basis_label(ev.limit_basis)} {format_man(limit)}")
        self.values["monthly"].setText(format_yen(ev.monthly_limit, unit=True))
        self.values["age"].setText(_tr("{age}歳(判定日時点)").replace(
            "{age}", str(ev.age_on_judgment_date)))
        src = ev.income_by_source
        parts = [(_tr("給与"), src.salary), (_tr("賞与"), src.bonus), (_tr("年金"), src.pension),
                 (_tr("事業"), src.self_employment), (_tr("その他"), src.other)]
        self.values["sources"].setText("  ".join(f"{name} {format_yen(amount)}"
                                                 for name, amount in parts if amount) or "—")

    def _set_dates(self, ev: Evaluation) -> None:
        exclusion = ev.exclusion
        date_text = format_date(exclusion.date)
        if exclusion.date and ev.verdict is not Verdict.EXCLUDE:
            date_text += _tr("(候補)")
        self.values["exclusion"].setText(date_text)
        rule = rule_label(exclusion.rule)
        if exclusion.months:
            rule += "\n" + "・".join(month_label(m) for m in exclusion.months)
        self.values["rule"].setText(rule or "—")
        self.values["recert"].setText(format_date(ev.recertification.date))

    def _set_checks(self, checks: tuple[Check, ...]) -> None:
        # One compact line per check; the full sentences are in the explanation and, for
        # every check, in the tooltip (the explanation does not repeat passed checks).
        items, tips = [], []
        for check in checks:
            result = check.result
            symbol = RESULT_SYMBOL.get(result, "・")
            colour = palette.RESULT_COLOURS.get(result, palette.UNKNOWN)
            label = check_label(check.code)
            items.append(f"<span style='color:{colour}; white-space:nowrap'><b>{symbol}</b> "
                         f"{html.escape(label)}({html.escape(result_label(result))})</span>")
            tips.append(f"{symbol} {label}: {check_sentence(check)}")
        self.checks.setText("&nbsp;&nbsp; ".join(items))
        self.checks.setToolTip("\n".join(tips))
