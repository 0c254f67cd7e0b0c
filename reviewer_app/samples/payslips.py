"""Payslips and bonus slips as four payroll systems print them (truth.payslip_style).

``classic``
    給与明細書; 和暦 (令和5年3月分, 支給日 令和5年3月25日); three tables side by side, 総支給額
    at the foot of the 支給 column; 差引支給額 in a box.
``grid``
    給与支給明細書; 西暦 (2023年03月分, 支給日 2023/03/25); the items in columns, labels over
    amounts, 支給額計 and 控除額計 at the right end of their rows (a layout many payroll
    packages use).
``fullwidth``
    給料明細書; full-width digits and ￥ (令和５年３月分, 支払日：令和５年３月２５日,
    ￥８２，７５０); one list of items with the amount right of each, 支給合計, 控除合計,
    差引支払額.
``western``
    支給明細書; 2023.03.25 dates (支給年月日), 総支給金額 and amounts with 円.

An employer that prints 個人番号 (truth.prints_my_number) puts it under the employee number.
"""

from __future__ import annotations

from reviewer_app.domain.wareki import format_wareki as wareki
from reviewer_app.samples.sheet import A5_LANDSCAPE, BLACK, BLUE_FILL, GREEN_FILL, GREY, Sheet
from reviewer_app.samples.truth import (
    TARGET_YEAR,
    BonusPage,
    PayslipPage,
    day_text,
    payslip_style,
    wareki_month,
    yen,
)

WARM_FILL = (0.97, 0.9, 0.86)
_FULL = str.maketrans("0123456789,", "０１２３４５６７８９，")


def full(text: str) -> str:
    """``82,750`` → ``８２，７５０``."""
    return text.translate(_FULL)


def _my_number(sh: Sheet, x: float, y: float, page: PayslipPage | BonusPage,
               size: float = 8.5) -> None:
    number = page.my_number
    if number is not None:
        sh.text(x, y, f"個人番号 {number[:4]} {number[4:8]} {number[8:]}", size)


def payslip_sheet(p: PayslipPage) -> Sheet:
    return {"classic": _classic, "grid": _grid, "fullwidth": _fullwidth,
            "western": _western}[payslip_style(p.employer)](p)


def bonus_sheet(p: BonusPage) -> Sheet:
    return {"classic": _bonus_classic, "grid": _bonus_grid, "fullwidth": _bonus_fullwidth,
            "western": _bonus_western}[payslip_style(p.employer)](p)


# --- payslips ----------------------------------------------------------------------------------


def _classic(p: PayslipPage) -> Sheet:
    e, slip, person = p.employer, p.slip, p.employee
    year, month = int(slip.pay_month[:4]), int(slip.pay_month[5:])
    sh = Sheet(*A5_LANDSCAPE)
    sh.rect(20, 18, 575, 46, fill=BLUE_FILL, stroke=None)
    sh.text(297, 38, "給与明細書", 16, align="center")
    sh.text(30, 38, wareki_month(year, month) + "分", 10)
    sh.text(565, 38, f"支給日 {wareki(slip.pay_date)}", 9, align="right")
    sh.text(30, 64, e.name, 10)
    sh.text(30, 79, f"社員番号 {e.employee_no}", 8.5)
    _my_number(sh, 130, 79, p)
    sh.text(330, 64, f"氏名  {person.name}  様", 11)
    sh.text(330, 79, f"勤怠期間 {wareki(slip.period_start)} ～ {wareki(slip.period_end)}", 8)
    hours = slip.hours_quarters / 4
    ot = slip.overtime_quarters / 4
    attendance = [["勤怠", ""], ["出勤日数", f"{slip.work_days}日"],
                  ["労働時間", f"{hours:.2f}時間"], ["残業時間", f"{ot:.2f}時間"],
                  ["時給", f"{yen(slip.hourly_wage)}円"]]
    pay = [["支給", ""], ["基本給", yen(slip.base_pay)], ["残業手当", yen(slip.overtime_pay)],
           ["その他手当", yen(slip.other_allowance)], ["通勤手当（非課税）", yen(slip.commute)],
           ["総支給額", yen(slip.gross)]]
    ded = [["控除", ""], ["健康保険", "0"], ["厚生年金", "0"],
           ["雇用保険", yen(slip.employment_insurance)], ["所得税", yen(slip.income_tax)],
           ["住民税", yen(slip.resident_tax)], ["控除合計", yen(slip.deductions)]]
    sh.table(30, 95, [80, 75], attendance, header=True)
    sh.table(200, 95, [100, 75], pay, header=True)
    sh.table(395, 95, [90, 80], ded, header=True)
    sh.rect(200, 95 + 5 * 16, 375, 95 + 6 * 16, fill=None, stroke=BLACK, width=1.4)
    sh.rect(395, 230, 565, 262, fill=GREEN_FILL, stroke=BLACK, width=1.0)
    sh.text(405, 251, "差引支給額", 10)
    sh.text(555, 251, f"{yen(slip.net)}円", 12, align="right")
    sh.text(30, 250, f"締め日 {day_text(e.cutoff_day)} / 支払日 {day_text(e.pay_day)}", 7.5,
            color=GREY)
    sh.text(30, 395, e.address, 7, color=GREY)
    sh.text(565, 395, "※ 通勤手当は非課税です", 7, color=GREY, align="right")
    return sh


def _grid(p: PayslipPage) -> Sheet:
    e, slip = p.employer, p.slip
    sh = Sheet(*A5_LANDSCAPE)
    sh.text(297, 40, "給与支給明細書", 15, align="center")
    sh.line(200, 46, 395, 46, 1.0)
    sh.text(30, 40, f"{slip.pay_month[:4]}年{slip.pay_month[5:]}月分", 10)
    sh.text(565, 40, f"支給日 {slip.pay_date:%Y/%m/%d}", 9, align="right")
    sh.text(30, 68, f"所属 {e.name}", 9)
    sh.text(30, 82, f"従業員コード {e.employee_no}", 8.5)
    _my_number(sh, 160, 82, p)
    sh.text(565, 68, f"{p.employee.name} 殿", 11, align="right")
    sh.text(565, 82, f"対象期間 {slip.period_start:%Y/%m/%d}～{slip.period_end:%Y/%m/%d}", 7.5,
            align="right")
    widths = [72.0] * 7
    sh.text(24, 112, "支給", 9)
    sh.table(50, 100, widths, [
        ["基本給", "時間外手当", "その他手当", "通勤手当", "", "", "支給額計"],
        [yen(slip.base_pay), yen(slip.overtime_pay), yen(slip.other_allowance),
         yen(slip.commute), "", "", yen(slip.gross)]], row_h=18, right_from=0)
    sh.text(24, 162, "控除", 9)
    sh.table(50, 150, widths, [
        ["健康保険料", "厚生年金", "雇用保険料", "所得税", "住民税", "", "控除額計"],
        ["0", "0", yen(slip.employment_insurance), yen(slip.income_tax),
         yen(slip.resident_tax), "", yen(slip.deductions)]], row_h=18, right_from=0)
    sh.text(24, 212, "勤怠", 9)
    sh.table(50, 200, widths[:4], [
        ["出勤日数", "労働時間", "時間外", "時間給"],
        [f"{slip.work_days}", f"{slip.hours_quarters / 4:.2f}",
         f"{slip.overtime_quarters / 4:.2f}", yen(slip.hourly_wage)]], row_h=18, right_from=0)
    sh.table(440, 250, [70, 76], [["差引支給額", yen(slip.net)]], row_h=20, header=False,
             right_from=1)
    sh.text(30, 395, f"{e.name}  {e.address}", 7, color=GREY)
    return sh


def _fullwidth(p: PayslipPage) -> Sheet:
    e, slip = p.employer, p.slip
    year, month = int(slip.pay_month[:4]), int(slip.pay_month[5:])
    sh = Sheet(*A5_LANDSCAPE)
    sh.rect(20, 18, 575, 50, fill=None, stroke=BLACK, width=1.2)
    sh.text(40, 42, full(wareki_month(year, month) + "分"), 11)
    sh.text(297, 42, "給料明細書", 15, align="center")
    sh.text(560, 42, f"支払日：{full(wareki(slip.pay_date))}", 9, align="right")
    sh.text(40, 74, f"{p.employee.name} 様", 11)
    sh.text(300, 74, e.name, 9)
    sh.text(300, 88, f"社員ＮＯ．{full(e.employee_no)}", 8.5)
    _my_number(sh, 40, 92, p)

    def money(v: int) -> str:
        return "￥" + full(yen(v))

    left = [["支給項目", "金額"], ["基本給", money(slip.base_pay)],
            ["残業手当", money(slip.overtime_pay)], ["資格手当", money(slip.other_allowance)],
            ["通勤手当", money(slip.commute)], ["支給合計", money(slip.gross)]]
    right = [["控除項目", "金額"], ["雇用保険料", money(slip.employment_insurance)],
             ["所得税", money(slip.income_tax)], ["住民税", money(slip.resident_tax)],
             ["控除合計", money(slip.deductions)]]
    sh.table(40, 110, [110, 110], left, row_h=20, fill=(0.93, 0.93, 0.93))
    sh.table(320, 110, [110, 110], right, row_h=20, fill=(0.93, 0.93, 0.93))
    sh.text(320, 250, "差引支払額", 11)
    sh.text(540, 250, money(slip.net), 12, align="right")
    sh.line(320, 256, 540, 256, 1.0)
    sh.text(40, 250, f"出勤 {full(str(slip.work_days))}日", 9)
    return sh


def _western(p: PayslipPage) -> Sheet:
    e, slip = p.employer, p.slip
    sh = Sheet(*A5_LANDSCAPE)
    sh.rect(0, 0, 595, 56, fill=(0.2, 0.3, 0.45), stroke=None)
    white = (1.0, 1.0, 1.0)
    sh.text(30, 36, "支給明細書", 17, color=white)
    sh.text(565, 24, f"支給年月日 {slip.pay_date:%Y.%m.%d}", 9, color=white, align="right")
    sh.text(565, 42, f"{slip.pay_month[:4]}年{int(slip.pay_month[5:])}月度 給与", 9,
            color=white, align="right")
    sh.text(30, 80, f"{e.name}", 9)
    sh.text(30, 94, f"社員番号 {e.employee_no}  {p.employee.name} 様", 10)
    _my_number(sh, 330, 94, p)
    rows = [["項目", "金額"], ["基本給", f"{yen(slip.base_pay)}円"],
            ["時間外手当", f"{yen(slip.overtime_pay)}円"],
            ["諸手当", f"{yen(slip.other_allowance)}円"],
            ["交通費", f"{yen(slip.commute)}円"], ["総支給金額", f"{yen(slip.gross)}円"]]
    sh.table(30, 110, [120, 110], rows, row_h=18, fill=(0.9, 0.92, 0.95))
    ded = [["控除", "金額"], ["雇用保険", f"{yen(slip.employment_insurance)}円"],
           ["源泉所得税", f"{yen(slip.income_tax)}円"],
           ["住民税", f"{yen(slip.resident_tax)}円"], ["控除計", f"{yen(slip.deductions)}円"]]
    sh.table(310, 110, [120, 110], ded, row_h=18, fill=(0.9, 0.92, 0.95))
    sh.rect(310, 230, 540, 262, fill=GREEN_FILL, stroke=None)
    sh.text(320, 251, "差引支給額", 10)
    sh.text(530, 251, f"{yen(slip.net)}円", 12, align="right")
    sh.text(30, 250, f"出勤日数 {slip.work_days}日 / 労働時間 {slip.hours_quarters / 4:.2f}h",
            8, color=GREY)
    return sh


# --- bonus slips -------------------------------------------------------------------------------


def _season(p: BonusPage) -> str:
    return "夏季賞与" if p.bonus.pay_date.month <= 8 else "冬季賞与"


def _bonus_classic(p: BonusPage) -> Sheet:
    e, b = p.employer, p.bonus
    sh = Sheet(*A5_LANDSCAPE)
    sh.rect(20, 18, 575, 46, fill=WARM_FILL, stroke=None)
    sh.text(297, 38, "賞与明細書", 16, align="center")
    sh.text(30, 38, f"{TARGET_YEAR}年 {_season(p)}", 10)
    sh.text(565, 38, f"支給日 {wareki(b.pay_date)}", 9, align="right")
    sh.text(30, 66, e.name, 10)
    _my_number(sh, 30, 80, p)
    sh.text(330, 66, f"氏名  {p.employee.name}  様", 11)
    sh.table(30, 90, [110, 90], [["支給", ""], ["賞与", yen(b.gross)],
                                 ["総支給額", yen(b.gross)]])
    sh.table(260, 90, [110, 90], [["控除", ""], ["健康保険", "0"], ["厚生年金", "0"],
                                  ["雇用保険", yen(b.employment_insurance)],
                                  ["所得税", yen(b.income_tax)]])
    sh.rect(260, 190, 460, 220, fill=GREEN_FILL)
    sh.text(270, 210, "差引支給額", 10)
    sh.text(450, 210, f"{yen(b.net)}円", 12, align="right")
    return sh


def _bonus_grid(p: BonusPage) -> Sheet:
    e, b = p.employer, p.bonus
    sh = Sheet(*A5_LANDSCAPE)
    sh.text(297, 40, "賞与支給明細書", 15, align="center")
    sh.text(30, 40, f"{TARGET_YEAR}年 {_season(p)}", 10)
    sh.text(565, 40, f"支給日 {b.pay_date:%Y/%m/%d}", 9, align="right")
    sh.text(30, 68, f"所属 {e.name}", 9)
    _my_number(sh, 30, 82, p)
    sh.text(565, 68, f"{p.employee.name} 殿", 11, align="right")
    deductions = b.employment_insurance + b.income_tax
    sh.table(50, 100, [90, 90, 90], [["賞与", "", "支給額計"],
                                     [yen(b.gross), "", yen(b.gross)]], row_h=18, right_from=0)
    sh.table(50, 150, [90, 90, 90], [["雇用保険料", "所得税", "控除額計"],
                                     [yen(b.employment_insurance), yen(b.income_tax),
                                      yen(deductions)]], row_h=18, right_from=0)
    sh.table(440, 250, [70, 76], [["差引支給額", yen(b.net)]], row_h=20, header=False,
             right_from=1)
    return sh


def _bonus_fullwidth(p: BonusPage) -> Sheet:
    e, b = p.employer, p.bonus
    sh = Sheet(*A5_LANDSCAPE)
    sh.rect(20, 18, 575, 50, fill=None, stroke=BLACK, width=1.2)
    sh.text(297, 42, "賞与明細書", 15, align="center")
    sh.text(560, 42, f"支払日：{full(wareki(b.pay_date))}", 9, align="right")
    sh.text(40, 74, f"{p.employee.name} 様", 11)
    sh.text(300, 74, e.name, 9)
    _my_number(sh, 40, 92, p)
    money = "￥" + full(yen(b.gross))
    sh.table(40, 110, [110, 110], [["支給項目", "金額"], ["賞与", money], ["支給合計", money]],
             row_h=20, fill=(0.93, 0.93, 0.93))
    sh.text(320, 250, "差引支払額", 11)
    sh.text(540, 250, "￥" + full(yen(b.net)), 12, align="right")
    return sh


def _bonus_western(p: BonusPage) -> Sheet:
    e, b = p.employer, p.bonus
    sh = Sheet(*A5_LANDSCAPE)
    sh.rect(0, 0, 595, 56, fill=(0.45, 0.25, 0.2), stroke=None)
    white = (1.0, 1.0, 1.0)
    sh.text(30, 36, f"賞与支給明細書（{_season(p)}）", 15, color=white)
    sh.text(565, 36, f"支給年月日 {b.pay_date:%Y.%m.%d}", 9, color=white, align="right")
    sh.text(30, 80, e.name, 9)
    sh.text(30, 94, f"社員番号 {e.employee_no}  {p.employee.name} 様", 10)
    _my_number(sh, 330, 94, p)
    sh.table(30, 110, [120, 110], [["項目", "金額"], ["賞与", f"{yen(b.gross)}円"],
                                   ["総支給金額", f"{yen(b.gross)}円"]], row_h=18,
             fill=(0.95, 0.92, 0.9))
    sh.table(310, 110, [120, 110], [["控除", "金額"],
                                    ["雇用保険", f"{yen(b.employment_insurance)}円"],
                                    ["源泉所得税", f"{yen(b.income_tax)}円"]], row_h=18,
             fill=(0.95, 0.92, 0.9))
    sh.text(320, 251, "差引支給額", 10)
    sh.text(530, 251, f"{yen(b.net)}円", 12, align="right")
    return sh
