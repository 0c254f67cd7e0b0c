"""調査票 tab: the member's answers to questions 1–7 as given, with inconsistencies marked.

Read-only by nature: it shows what the member answered (the services' view objects) and never
edits it. The findings the case service found
(:func:`reviewer_app.review.inconsistencies.find_inconsistencies`) are listed at the top and
repeated next to the answer they concern (question 4 findings under their occupation).
"""

from __future__ import annotations

from collections.abc import Sequence

from reviewer_app.domain.vocabulary import OCCUPATIONS_WITH_AMOUNT
from reviewer_app.review.inconsistencies import Finding, Severity
from reviewer_app.services.case_views import DependentView, InsuredView
from reviewer_app.ui import labels, palette
from reviewer_app.ui.qt import Qt, QtWidgets


def _finding_style(severity: Severity) -> str:
    bg, fg = ((palette.WARN_BG, palette.WARN_FG) if severity is Severity.WARN
              else (palette.INFO_BG, palette.INFO_FG))
    return (f"QLabel {{ background: {bg.name()}; color: {fg.name()}; border-radius: 4px;"
            " padding: 4px 8px; }")


class AnswersTab(QtWidgets.QWidget):
    """``set_case(insured, dependent, target_year)`` shows one dependent; ``clear()`` empties."""

    def __init__(self, parent: QtWidgets.QWidget | None = None, *, language: str = "ja") -> None:
        super().__init__(parent)
        self._english = language == "en"
        self._findings: list[Finding] = []
        self._question_boxes: dict[int, QtWidgets.QGroupBox] = {}

        self._scroll = QtWidgets.QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        self._empty = QtWidgets.QLabel(self.tr("被扶養者を選択すると調査票の回答を表示します。"))
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setObjectName("emptyLabel")
        self._scroll.setWidget(self._empty)

    # --- public API ------------------------------------------------------------------------

    def set_case(self, insured: InsuredView, dependent: DependentView, target_year: int, *,
                 findings: Sequence[Finding]) -> None:
        """Show the answers with the findings the case service found in them."""
        self._findings = list(findings)
        self._question_boxes = {}
        body = QtWidgets.QWidget()
        body.setObjectName("answersBody")
        layout = QtWidgets.QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(12)
        layout.addWidget(self._summary_box())
        layout.addWidget(self._insured_box(insured))
        layout.addWidget(self._q1(dependent))
        layout.addWidget(self._q2(dependent))
        layout.addWidget(self._q3(dependent))
        layout.addWidget(self._q4(dependent, target_year))
        layout.addWidget(self._q5(dependent))
        layout.addWidget(self._q6(dependent))
        layout.addWidget(self._q7(dependent))
        layout.addWidget(self._municipal_box(dependent))
        layout.addStretch(1)
        self._scroll.setWidget(body)

    def clear(self) -> None:
        self._findings = []
        self._question_boxes = {}
        self._empty = QtWidgets.QLabel(self.tr("被扶養者を選択すると調査票の回答を表示します。"))
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setObjectName("emptyLabel")
        self._scroll.setWidget(self._empty)

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def question_box(self, number: int) -> QtWidgets.QGroupBox:
        return self._question_boxes[number]

    # --- building blocks -------------------------------------------------------------------

    def _finding_label(self, f: Finding, prefix: str = "") -> QtWidgets.QLabel:
        mark = "⚠" if f.severity is Severity.WARN else "ℹ"
        text = f.message_en if self._english else f.message_ja
        label = QtWidgets.QLabel(f"{mark} {prefix}{text}")
        label.setWordWrap(True)
        label.setObjectName("finding")
        label.setProperty("findingCode", f.code.value)
        label.setProperty("severity", f.severity.value)
        label.setStyleSheet(_finding_style(f.severity))
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @staticmethod
    def _value(text: str, *, wrap: bool = False) -> QtWidgets.QLabel:
        # Only long free text wraps: a word-wrapped label in a form row can lose its second line
        # (height-for-width is not honoured there), which clipped the western dates.
        label = QtWidgets.QLabel(text)
        label.setWordWrap(wrap)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @staticmethod
    def _form() -> QtWidgets.QFormLayout:
        form = QtWidgets.QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return form

    def _question(self, number: int, title: str) -> tuple[QtWidgets.QGroupBox,
                                                          QtWidgets.QVBoxLayout]:
        box = QtWidgets.QGroupBox(title)
        box.setObjectName(f"question{number}")
        layout = QtWidgets.QVBoxLayout(box)
        layout.setSpacing(6)
        self._question_boxes[number] = box
        warn = any(f.question == number and f.severity is Severity.WARN for f in self._findings)
        box.setProperty("hasWarning", warn)
        if warn:
            # A style sheet on the box would switch it to style-sheet drawing and make it look
            # unlike its neighbours; the mark in the title is enough beside the coloured findings.
            box.setTitle("⚠ " + title)
        return box, layout

    def _add_question_findings(self, layout: QtWidgets.QVBoxLayout, number: int) -> None:
        for f in self._findings:
            # Question-4 findings about one occupation sit under that occupation instead.
            if f.question == number and not (number == 4 and f.occupation is not None):
                layout.addWidget(self._finding_label(f))

    def _yes_no(self, value: bool) -> str:
        return self.tr("有") if value else self.tr("無")

    def _summary_box(self) -> QtWidgets.QWidget:
        box = QtWidgets.QGroupBox(self.tr("確認事項"))
        box.setObjectName("summaryBox")
        layout = QtWidgets.QVBoxLayout(box)
        if not self._findings:
            ok = QtWidgets.QLabel(self.tr("回答に不整合は見つかりませんでした。"))
            ok.setStyleSheet(f"color: {palette.OK_FG.name()};")
            layout.addWidget(ok)
            return box
        warns = sum(f.severity is Severity.WARN for f in self._findings)
        infos = len(self._findings) - warns
        layout.addWidget(QtWidgets.QLabel(
            self.tr("要確認 {warn}件・参考 {info}件").format(warn=warns, info=infos)))
        for f in self._findings:
            prefix = self.tr("質問{n}: ").format(n=f.question) if f.question else ""
            layout.addWidget(self._finding_label(f, prefix))
        return box

    def _insured_box(self, insured: InsuredView) -> QtWidgets.QWidget:
        box = QtWidgets.QGroupBox(self.tr("被保険者"))
        box.setObjectName("insuredBox")
        form = self._form()
        form.addRow(self.tr("記号・番号"),
                    self._value(f"{insured.card_symbol}-{insured.card_number}"))
        form.addRow(self.tr("氏名"), self._value(insured.name))
        form.addRow(self.tr("カナ"), self._value(insured.kana))
        form.addRow(self.tr("事業所"),
                    self._value(f"{insured.office.name} ({insured.office.code})"))
        form.addRow(self.tr("社員コード"), self._value(insured.employee_code or "—"))
        box.setLayout(form)
        return box

    def _q1(self, dep: DependentView) -> QtWidgets.QWidget:
        box, layout = self._question(1, self.tr("1. 被保険者(本人)の健康保険証保有状況"))
        a = dep.answers
        layout.addWidget(self._value(self._yes_no(a.insured_has_card) if a else self.tr("未回答")))
        self._add_question_findings(layout, 1)
        return box

    def _q2(self, dep: DependentView) -> QtWidgets.QWidget:
        box, layout = self._question(
            2, self.tr("2. 調査対象である被扶養者(家族)の基本情報の確認"))
        form = self._form()
        form.addRow(self.tr("氏名"), self._value(dep.name))
        form.addRow(self.tr("カナ"), self._value(dep.kana))
        form.addRow(self.tr("続柄"), self._value(dep.relationship_label))
        form.addRow(self.tr("生年月日"), self._value(labels.date_text(dep.birth_date)))
        form.addRow(self.tr("認定日"), self._value(
            labels.date_text(dep.certified_on) if dep.certified_on else "—"))
        form.addRow(self.tr("処理状態"), self._value(labels.member_status_label(dep.status)))
        form.addRow(self.tr("提出日時"), self._value(
            labels.datetime_text(dep.submitted_at) if dep.submitted_at else "—"))
        if dep.answers is not None:
            form.addRow(self.tr("基本情報の確認"), self._value(
                self.tr("確認済") if dep.answers.dependent_details_confirmed
                else self.tr("相違あり")))
        layout.addLayout(form)
        self._add_question_findings(layout, 2)
        return box

    def _q3(self, dep: DependentView) -> QtWidgets.QWidget:
        box, layout = self._question(3, self.tr("3. 被扶養者(家族)の健康保険証保有状況"))
        a = dep.answers
        answer = self._yes_no(a.dependent_has_card) if a else self.tr("未回答")
        layout.addWidget(self._value(answer))
        self._add_question_findings(layout, 3)
        return box

    def _q4(self, dep: DependentView, target_year: int) -> QtWidgets.QWidget:
        box, layout = self._question(4, self.tr("4. 被扶養者(家族)の現在の職業と収入見込"))
        a = dep.answers
        if a is None:
            layout.addWidget(self._value(self.tr("未回答")))
            return box
        period = QtWidgets.QLabel(
            self.tr("収入見込の対象期間: {year}年1月～12月").format(year=target_year))
        period.setEnabled(False)  # drawn in the palette's secondary colour
        layout.addWidget(period)
        grid = QtWidgets.QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(0, 1)
        row = 0
        for ans in a.occupations:
            name = self._value("☑ " + labels.occupation_label(ans.occupation), wrap=True)
            name.setObjectName(f"occupation_{ans.occupation.value}")
            grid.addWidget(name, row, 0)
            if ans.occupation in OCCUPATIONS_WITH_AMOUNT or ans.amount is not None:
                amount = QtWidgets.QLabel(labels.yen_text(ans.amount))
                amount.setObjectName(f"amount_{ans.occupation.value}")
                amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                amount.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(amount, row, 1)
            row += 1
            for f in self._findings:
                if f.question == 4 and f.occupation is ans.occupation:
                    grid.addWidget(self._finding_label(f), row, 0, 1, 2)
                    row += 1
        layout.addLayout(grid)
        self._add_question_findings(layout, 4)
        return box

    def _q5(self, dep: DependentView) -> QtWidgets.QWidget:
        box, layout = self._question(
            5, self.tr("5. 年収: 上記②～④以外に一時的収入などがある場合(遺産相続など)"))
        a = dep.answers
        form = self._form()
        if a is None:
            layout.addWidget(self._value(self.tr("未回答")))
        else:
            other = (labels.yen_text(a.other_income) if a.other_income is not None
                     else self.tr("記入なし"))
            form.addRow(self.tr("その他"), self._value(other))
            layout.addLayout(form)
        self._add_question_findings(layout, 5)
        return box

    def _q6(self, dep: DependentView) -> QtWidgets.QWidget:
        box, layout = self._question(6, self.tr("6. 被保険者と被扶養者は同居か別居か"))
        a = dep.answers
        if a is None:
            layout.addWidget(self._value(self.tr("未回答")))
        else:
            form = self._form()
            form.addRow(self.tr("同居・別居"), self._value(labels.living_label(a.living)))
            if a.living_apart_since is not None:
                form.addRow(self.tr("別居日"),
                            self._value(labels.year_month_text(a.living_apart_since)))
            layout.addLayout(form)
        self._add_question_findings(layout, 6)
        return box

    def _q7(self, dep: DependentView) -> QtWidgets.QWidget:
        box, layout = self._question(7, self.tr("7. 連絡欄"))
        a = dep.answers
        text = (a.contact.strip() or self.tr("(記入なし)")) if a else self.tr("未回答")
        contact = self._value(text, wrap=True)
        contact.setObjectName("contactText")
        layout.addWidget(contact)
        self._add_question_findings(layout, 7)
        return box

    def _municipal_box(self, dep: DependentView) -> QtWidgets.QWidget:
        box = QtWidgets.QGroupBox(self.tr("自治体照会の収入 (マイナンバー情報連携)"))
        box.setObjectName("municipalBox")
        m = dep.municipal_income
        if m is None:
            layout = QtWidgets.QVBoxLayout(box)
            layout.addWidget(self._value(self.tr("照会結果なし")))
            return box
        form = self._form()

        def amount(v: int | None) -> QtWidgets.QLabel:
            return self._value(labels.format_yen(v, unit=True) if v is not None else "—")

        form.addRow(self.tr("対象年"), self._value(self.tr("{year}年").format(year=m.year)))
        form.addRow(self.tr("給与収入"), amount(m.salary_income))
        form.addRow(self.tr("公的年金等収入"), amount(m.pension_income))
        form.addRow(self.tr("合計所得"), amount(m.total_income))
        box.setLayout(form)
        return box
