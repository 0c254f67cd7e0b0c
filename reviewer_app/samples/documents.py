"""Real documents whose figures match the ground truth: PDFs, scans, photos and screenshots.

:func:`render_file` turns a :class:`~reviewer_app.samples.truth.FileSpec` into the bytes a member
would upload. Every document is first laid out as a :class:`Sheet` (text, lines, boxes, seals),
drawn with PyMuPDF's built-in Japanese font; PDFs keep the text layer, every other format is a
rasterisation of the same sheet:

* ``pdf``: one page per sheet, with text (as payroll systems and e-Tax print them);
* ``pdf_scan``: image-only pages (grey or colour JPEG inside the PDF, slightly skewed);
* ``jpeg_photo``: the sheet on a desk, photographed, EXIF orientation (6 = stored sideways);
* ``heic_photo``: 4032×3024 phone photo of up to three sheets side by side;
* ``png_screenshot``: a phone screenshot of a web payslip or online banking;
* ``bmp_scan`` / ``gif_scan``: old scanner output.

Bytes are deterministic for a given spec: no time stamps, fixed PDF metadata, no PDF /ID, the
background textures come from a fixed seed. Expensive base images are built once per process.
"""

from __future__ import annotations

import functools
import io
import random
from collections.abc import Callable
from datetime import date

import pymupdf
from PIL import Image, ImageChops, ImageFilter, ImageOps

from reviewer_app.bundle.schema import MAX_FILE_BYTES
from reviewer_app.domain.wareki import format_wareki as wareki
from reviewer_app.samples.payslips import bonus_sheet, payslip_sheet
from reviewer_app.samples.sheet import (
    A4,
    CARD,
    GREY,
    PALE,
    Color,
    Sheet,
    draw,
)
from reviewer_app.samples.truth import (
    TARGET_YEAR,
    BenefitPage,
    BonusPage,
    FileFormat,
    FileSpec,
    IncomeCertificatePage,
    InsuranceCardPage,
    PageSource,
    PayslipPage,
    PensionPage,
    RemittancePage,
    StudentCertificatePage,
    SubsidyNoticePage,
    TaxReturnPage,
    TempRiseCertificatePage,
    TradingReportPage,
    yen,
)

PHOTO_SIZE = (2016, 1512)  # landscape JPEG photos (a phone's 12 MP photo, resized by the app)
HEIC_SIZE = (4032, 3024)
SCREEN_SIZE = (1170, 2532)  # iPhone screenshot
_FIXED_PDF_DATE = "D:20240902090000+09'00'"
NEAR_LIMIT_TARGET = MAX_FILE_BYTES - 64 * 1024


# --- the documents -----------------------------------------------------------------------------


def _pension(p: PensionPage) -> Sheet:
    pen, holder = p.pension, p.holder
    sh = Sheet(*A4)
    sh.text(297, 60, "年金額改定通知書・年金振込通知書", 16, align="center")
    sh.text(60, 95, holder.address, 9)
    sh.text(60, 115, f"{holder.name}  様", 12)
    sh.text(540, 95, "日本年金機構", 10, align="right")
    sh.text(540, 110, f"基礎年金番号・年金コード {pen.pension_code}", 8, align="right")
    sh.text(60, 150, f"年金の種類  {pen.title}", 10)
    sh.text(60, 178, "令和5年度の年金額をお知らせします。", 9)
    sh.table(60, 190, [220, 120, 120],
             [["", "改定前（令和4年度）", "改定後（令和5年度）"],
              ["年金額（年額）", f"{yen(pen.annual_previous)}円", f"{yen(pen.annual_current)}円"]],
             right_from=1)
    sh.text(60, 250, f"{TARGET_YEAR}年（令和5年）中の年金のお支払い", 10)
    rows = [["支払日", "年金支給額", "介護保険料額", "所得税額", "控除後振込額"]]
    for pay in pen.payments:
        rows.append([wareki(pay.pay_date), yen(pay.amount), yen(pay.care_insurance),
                     yen(pay.income_tax), yen(pay.net)])
    rows.append(["合計", yen(pen.paid_in_year), yen(sum(x.care_insurance for x in pen.payments)),
                 "0", yen(sum(x.net for x in pen.payments))])
    sh.table(60, 262, [120, 95, 90, 70, 100], rows, row_h=18)
    sh.text(60, 440, "※ 年金は偶数月の15日に前2か月分をお支払いします。", 8, color=GREY)
    sh.seal(500, 130, 20, "年金機構")
    return sh


def _tax_return(p: TaxReturnPage) -> Sheet:
    b, who = p.business, p.taxpayer
    sh = Sheet(*A4)
    revenue_total = b.revenue + b.misc_income
    if p.part == "first":
        sh.text(297, 50, "令和05年分の所得税及び復興特別所得税の確定申告書", 13, align="center")
        sh.text(540, 70, "第一表", 11, align="right")
        sh.text(50, 95, f"住所  {who.address}", 9)
        sh.text(50, 115, f"フリガナ  {who.kana}", 8)
        sh.text(50, 132, f"氏名  {who.name}", 11)
        sh.text(50, 150, f"職業  {b.trade}   屋号  {b.trade_name or '―'}", 9)
        sh.text(50, 180, "収入金額等", 10)
        sh.table(50, 190, [40, 200, 120],
                 [["", "区分", "金額（円）"], ["ア", "事業 営業等", yen(revenue_total)],
                  ["イ", "事業 農業", "0"], ["カ", "給与", "0"], ["キ", "雑 公的年金等", "0"]],
                 right_from=2)
        sh.text(50, 300, "所得金額等", 10)
        sh.table(50, 310, [40, 200, 120],
                 [["", "区分", "金額（円）"], ["①", "事業 営業等", yen(b.tax_income)],
                  ["⑫", "合計", yen(b.tax_income)]], right_from=2)
        sh.text(50, 400, "青色申告" if b.blue_return else "白色申告", 9)
        sh.rect(400, 80, 545, 160, fill=None, stroke=GREY)
        sh.text(472, 100, "受付印", 9, color=GREY, align="center")
        sh.seal(472, 130, 20, "税務署")
    elif p.part == "second":
        sh.text(297, 50, "令和05年分の所得税及び復興特別所得税の確定申告書", 13, align="center")
        sh.text(540, 70, "第二表", 11, align="right")
        sh.text(50, 100, f"氏名  {who.name}", 11)
        sh.text(50, 130, "○ 所得の内訳（所得税及び復興特別所得税の源泉徴収税額）", 9)
        sh.table(50, 140, [120, 200, 120], [["所得の種類", "支払者の名称", "収入金額"],
                                             ["―", "―", "0"]], right_from=2)
        sh.text(50, 210, "○ 住民税・事業税に関する事項", 9)
        sh.table(50, 220, [200, 120], [["項目", "金額"], ["非課税所得など", "0"],
                                        ["事業税 不動産所得から差し引いた青色申告特別控除額",
                                         "0"]])
        sh.text(50, 300, "○ 事業専従者に関する事項  該当なし", 9)
    elif p.part == "statement":
        title = "令和05年分 所得税青色申告決算書（一般用）" if b.blue_return \
            else "令和05年分 収支内訳書（一般用）"
        sh.text(297, 50, title, 13, align="center")
        sh.text(50, 80, f"氏名  {who.name}   業種名  {b.trade}", 10)
        rows = [["科目", "金額（円）"], ["売上（収入）金額", yen(b.revenue)],
                ["雑収入", yen(b.misc_income)], ["売上原価（仕入金額）", yen(b.cost_of_sales)]]
        rows += [[name, yen(v)] for name, v in b.direct_expenses]
        rows += [[name, yen(v)] for name, v in b.other_expenses]
        rows += [["経費計", yen(b.expenses_total)],
                 ["差引金額", yen(revenue_total - b.expenses_total)]]
        if b.blue_return:
            rows.append(["青色申告特別控除額", yen(b.blue_deduction)])
        rows.append(["所得金額", yen(b.tax_income)])
        sh.table(80, 100, [250, 150], rows, row_h=19)
    else:
        sh.text(297, 50, "令和6年度 市民税・県民税申告書", 14, align="center")
        sh.text(50, 90, f"住所  {who.address}", 9)
        sh.text(50, 110, f"氏名  {who.name}  （{who.kana}）", 10)
        sh.text(50, 135, "令和5年中の収入・所得", 10)
        sh.table(50, 145, [200, 120, 120],
                 [["区分", "収入金額", "所得金額"],
                  ["営業等", yen(revenue_total), yen(b.tax_income)],
                  ["給与", "0", "0"], ["公的年金等", "0", "0"]], right_from=1)
        sh.text(50, 250, "必要経費の内訳", 10)
        items = [["科目", "金額"], ["売上原価", yen(b.cost_of_sales)]]
        items += [[n, yen(v)] for n, v in (*b.direct_expenses, *b.other_expenses)]
        sh.table(50, 260, [200, 120], items)
        sh.seal(500, 100, 20, "受付")
    return sh


def _trading(p: TradingReportPage) -> Sheet:
    inv = p.investment
    sh = Sheet(*A4)
    sh.text(297, 55, "令和5年分 特定口座年間取引報告書", 14, align="center")
    sh.text(50, 90, f"住所  {p.holder.address}", 9)
    sh.text(50, 110, f"氏名  {p.holder.name}  様", 11)
    sh.text(545, 90, inv.broker, 10, align="right")
    sh.text(50, 140, "源泉徴収の選択  有", 9)
    sh.text(50, 170, "① 譲渡に係る年間取引損益及び源泉徴収税額等", 10)
    gain_tax = max(0, inv.gain) * 20315 // 100_000
    sh.table(50, 180, [200, 150],
             [["区分", "金額（円）"], ["譲渡の対価の額（収入金額）", yen(inv.proceeds)],
              ["取得費及び譲渡に要した費用の額等", yen(inv.acquisition_cost)],
              ["差引金額（譲渡所得等の金額）", f"{inv.gain:,}"],
              ["源泉徴収税額", yen(gain_tax)]])
    sh.text(50, 290, "② 特定上場株式等の配当等", 10)
    sh.table(50, 300, [200, 150], [["区分", "金額（円）"], ["配当等の額", yen(inv.dividends)],
                                   ["源泉徴収税額", yen(inv.dividends * 20315 // 100_000)]])
    return sh


def _remittance(p: RemittancePage) -> Sheet:
    r = p.remittance
    sh = Sheet(*A4)
    if p.style == "online":
        sh.rect(0, 0, 595, 60, fill=(0.1, 0.35, 0.6), stroke=None)
        sh.text(30, 38, f"{r.bank} インターネットバンキング", 14, color=(1, 1, 1))
        sh.text(30, 90, "振込・振替 取引履歴（2023年1月1日～2023年12月31日）", 11)
        sh.text(30, 110, f"ご依頼人  {p.sender.kana}（{p.sender.name}）", 9)
        rows = [["取引日", "お振込先", "金額", "状況"]]
        for d, amount in r.transfers:
            rows.append([f"{d:%Y/%m/%d}", f"{p.recipient.kana}", f"{yen(amount)}円", "完了"])
        sh.table(30, 125, [90, 250, 110, 80], rows, row_h=22, right_from=2)
    else:
        sh.text(297, 50, f"{r.bank}  普通預金 通帳", 14, align="center")
        sh.text(50, 80, f"{p.sender.name}  様", 11)
        rows = [["年月日", "お取引内容", "お支払金額", "お預り金額"]]
        for d, amount in r.transfers:
            rows.append([f"{d.year - 2018:02d}-{d.month:02d}-{d.day:02d}",
                         f"振込 {p.recipient.kana}", yen(amount), ""])
        sh.table(40, 100, [90, 230, 110, 90], rows, row_h=24, right_from=2, fill=PALE)
    sh.text(30, 800, f"合計 {yen(r.total_in_year)}円（{len(r.transfers)}件）", 9)
    return sh


def _benefit(p: BenefitPage) -> Sheet:
    b = p.benefit
    sh = Sheet(*A4)
    if b.kind == "unemployment":
        sh.rect(40, 40, 555, 80, fill=(0.93, 0.9, 0.98), stroke=None)
        sh.text(297, 68, "雇用保険受給資格者証", 16, align="center")
        rows = [["項目", "内容"], ["氏名", p.holder.name],
                ["生年月日", wareki(p.holder.birth_date)],
                ["離職年月日", wareki(b.left_job_on) if b.left_job_on else "―"],
                ["基本手当日額", f"{yen(b.daily_amount)}円"],
                ["所定給付日数", f"{(b.end - b.start).days + 1}日"],
                ["支給開始日", wareki(b.start)], ["支給終了予定日", wareki(b.end)]]
        sh.table(60, 100, [150, 320], rows, row_h=24, right_from=9)
        sh.text(60, 330, "支給処理状況", 10)
        sh.table(60, 340, [150, 160, 160], [["認定日", "支給日数", "支給金額"],
                                             [wareki(b.start), f"{b.days_paid}日",
                                              f"{yen(b.paid_in_year)}円"]])
        sh.seal(500, 440, 22, "職安")
    else:
        sh.text(297, 60, "傷病手当金支給決定通知書", 16, align="center")
        sh.text(60, 100, f"{p.holder.name}  様", 12)
        sh.text(60, 125, "下記のとおり支給を決定しましたので通知します。", 9)
        sh.table(60, 140, [150, 320],
                 [["項目", "内容"], ["支給期間", f"{wareki(b.start)} ～ {wareki(b.end)}"],
                  ["支給日数", f"{b.days_paid}日"], ["日額", f"{yen(b.daily_amount)}円"],
                  ["支給金額", f"{yen(b.paid_in_year)}円"]], row_h=24, right_from=9)
        sh.seal(500, 100, 22, "健保")
    return sh


def _income_certificate(p: IncomeCertificatePage) -> Sheet:
    f = p.figures
    sh = Sheet(*A4)
    title = "所得証明書" if f.total_income > 0 else "非課税証明書"
    sh.text(297, 60, f"令和6年度 {title}（令和5年分）", 15, align="center")
    sh.text(60, 100, f"住所  {p.holder.address}", 9)
    sh.text(60, 120, f"氏名  {p.holder.name}", 11)
    sh.text(60, 138, f"生年月日  {wareki(p.holder.birth_date)}", 9)
    salary_income = max(0, f.total_income - f.business_income - max(
        0, f.pension_income - 1_100_000))
    rows = [["区分", "収入金額", "所得金額"],
            ["給与", yen(f.salary_income), yen(salary_income)],
            ["公的年金等", yen(f.pension_income), yen(max(0, f.total_income - salary_income
                                                         - f.business_income))],
            ["営業等", "―", yen(f.business_income)],
            ["合計所得金額", "", yen(f.total_income)]]
    sh.table(60, 160, [160, 140, 140], rows, row_h=24)
    sh.text(60, 320, "上記のとおり証明します。", 10)
    sh.text(60, 345, wareki(date(2024, 8, 26)), 10)
    sh.text(380, 380, f"{f.city}長", 12)
    sh.seal(480, 375, 24, f.city[:2] + "印")
    return sh


def _student(p: StudentCertificatePage) -> Sheet:
    sh = Sheet(*A4)
    sh.text(297, 90, "在学証明書", 22, align="center")
    sh.text(100, 170, f"氏名        {p.student.name}", 12)
    sh.text(100, 200, f"生年月日    {wareki(p.student.birth_date)}生", 12)
    sh.text(100, 230, f"所属        {p.faculty}  {p.grade}年", 12)
    sh.text(100, 300, "上記の者は、本学に在学していることを証明する。", 12)
    sh.text(100, 340, wareki(date(2024, 9, 4)), 11)
    sh.text(300, 420, f"{p.school}  学長", 13)
    sh.seal(480, 415, 26, "学長之印")
    return sh


def _card(p: InsuranceCardPage) -> Sheet:
    sh = Sheet(*CARD)
    sh.rect(0, 0, CARD[0], CARD[1], fill=(0.85, 0.93, 0.98), stroke=None)
    sh.text(170, 24, "健康保険被保険者証  本人（被保険者）", 10, align="center")
    sh.text(16, 52, f"記号  {p.symbol}   番号  {p.number}", 9)
    sh.text(16, 78, f"氏名  {p.holder.name}", 11)
    sh.text(16, 100, f"生年月日  {wareki(p.holder.birth_date)}", 8.5)
    sh.text(16, 120, f"資格取得年月日  {wareki(p.acquired_on)}", 8.5)
    sh.text(16, 150, f"保険者名称  {p.insurer_name}", 8.5)
    sh.text(16, 168, "保険者番号  06" + p.symbol.rjust(6, "0"), 8.5)
    sh.seal(300, 170, 16, "保険")
    return sh


def _temp_rise(p: TempRiseCertificatePage) -> Sheet:
    sh = Sheet(*A4)
    sh.text(297, 60, "一時的な収入変動に係る事業主の証明書", 15, align="center")
    sh.text(60, 110, f"被扶養者氏名  {p.employee.name}", 11)
    sh.text(60, 135, f"生年月日  {wareki(p.employee.birth_date)}", 9)
    months = "、".join(f"{int(m[:4])}年{int(m[5:])}月" for m in p.months)
    sh.text(60, 170, f"収入が増加した期間  {months}", 10)
    sh.text(60, 195, f"収入が増加した理由  {p.reason}", 10)
    sh.text(60, 240, "上記の者の収入の増加は、一時的なものであることを証明します。", 10)
    sh.text(60, 270, wareki(date(2024, 9, 6)), 10)
    sh.text(300, 320, f"事業所名  {p.employer.name}", 10)
    sh.text(300, 340, f"所在地  {p.employer.address}", 8)
    sh.text(300, 360, "事業主氏名  代表取締役", 10)
    sh.seal(520, 350, 20, "社印")
    return sh


def _subsidy(p: SubsidyNoticePage) -> Sheet:
    sh = Sheet(*A4)
    sh.text(297, 60, "持続化給付金 給付通知書", 15, align="center")
    sh.text(60, 110, f"{p.recipient.name}  様", 12)
    sh.text(60, 150, "持続化給付金の給付額を下記のとおり決定しましたので通知します。", 10)
    sh.table(60, 170, [160, 200], [["項目", "内容"], ["給付額", f"{yen(p.amount)}円"],
                                   ["振込予定日", wareki(p.paid_on)]], row_h=24)
    sh.text(400, 300, "中小企業庁長官", 11)
    return sh


_LAYOUTS: dict[type, Callable[[object], Sheet]] = {
    PayslipPage: payslip_sheet,  # type: ignore[dict-item]
    BonusPage: bonus_sheet,  # type: ignore[dict-item]
    PensionPage: _pension,  # type: ignore[dict-item]
    TaxReturnPage: _tax_return,  # type: ignore[dict-item]
    TradingReportPage: _trading,  # type: ignore[dict-item]
    RemittancePage: _remittance,  # type: ignore[dict-item]
    BenefitPage: _benefit,  # type: ignore[dict-item]
    IncomeCertificatePage: _income_certificate,  # type: ignore[dict-item]
    StudentCertificatePage: _student,  # type: ignore[dict-item]
    InsuranceCardPage: _card,  # type: ignore[dict-item]
    TempRiseCertificatePage: _temp_rise,  # type: ignore[dict-item]
    SubsidyNoticePage: _subsidy,  # type: ignore[dict-item]
}


def layout(source: PageSource) -> Sheet:
    """The sheet showing one page source."""
    return _LAYOUTS[type(source)](source)


# --- PDF and raster ----------------------------------------------------------------------------


def _pdf_bytes(doc: pymupdf.Document, title: str) -> bytes:
    doc.set_metadata({
        "title": title, "author": "", "subject": "", "keywords": "",
        "creator": "reviewer-app sample generator", "producer": "PyMuPDF",
        "creationDate": _FIXED_PDF_DATE, "modDate": _FIXED_PDF_DATE,
    })
    data: bytes = doc.tobytes(garbage=3, deflate=True, no_new_id=True)
    return data


def sheets_pdf(sheets: list[Sheet], title: str = "") -> bytes:
    """A text PDF, one page per sheet."""
    doc = pymupdf.open()
    for sheet in sheets:
        draw(doc.new_page(width=sheet.width, height=sheet.height), sheet)
    data = _pdf_bytes(doc, title)
    doc.close()
    return data


def raster(sheet: Sheet, dpi: int, *, grey: bool = False) -> Image.Image:
    """The sheet rendered to pixels on white paper."""
    doc = pymupdf.open()
    page = doc.new_page(width=sheet.width, height=sheet.height)
    draw(page, sheet)
    pix = page.get_pixmap(dpi=dpi, alpha=False,
                          colorspace=pymupdf.csGRAY if grey else pymupdf.csRGB)
    image = Image.frombytes("L" if grey else "RGB", (pix.width, pix.height), pix.samples)
    doc.close()
    return image


def raster_turned(sheet: Sheet, zoom: float, angle: float) -> Image.Image:
    """The sheet on white paper turned by ``angle`` degrees, RGBA (transparent around it)."""
    doc = pymupdf.open()
    page = doc.new_page(width=sheet.width, height=sheet.height)
    draw(page, sheet, paper=True)
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom).prerotate(angle), alpha=True)
    image = Image.frombytes("RGBA", (pix.width, pix.height), pix.samples)
    doc.close()
    return image


@functools.cache
def _noise(width: int, height: int, salt: int) -> Image.Image:
    rng = random.Random(f"noise:{width}x{height}:{salt}")
    return Image.frombytes("L", (width, height), rng.randbytes(width * height))


@functools.cache
def _background(width: int, height: int, palette: int) -> Image.Image:
    """A desk/table texture with a vignette, built once per process and size."""
    palettes = (((95, 68, 42), (190, 150, 105)), ((120, 120, 118), (215, 214, 208)),
                ((70, 85, 60), (170, 180, 140)))
    coarse = _noise(max(8, width // 48), max(8, height // 48), 1).resize(
        (width, height), Image.Resampling.BICUBIC)
    streaks = _noise(max(8, width // 6), max(4, height // 160), 2).resize(
        (width, height), Image.Resampling.BILINEAR)
    grain = Image.blend(coarse, streaks, 0.45)
    lo, hi = palettes[palette % len(palettes)]
    colour = ImageOps.colorize(ImageOps.autocontrast(grain), lo, hi)
    vignette = Image.radial_gradient("L").resize((width, height), Image.Resampling.BILINEAR)
    vignette = vignette.point(lambda v: 255 - v * 110 // 255)
    return ImageChops.multiply(colour, Image.merge("RGB", (vignette, vignette, vignette)))


@functools.cache
def _scan_grain(width: int, height: int) -> Image.Image:
    """Fine scanner noise, 0–14 grey levels, subtracted from scanned pages."""
    return _noise(width, height, 3).point(lambda v: v * 14 // 255)


def _photo(sheets: list[Sheet], size: tuple[int, int], variant: int) -> Image.Image:
    """Sheets lying on a desk, photographed from above (upright)."""
    rng = random.Random(variant)
    width, height = size
    canvas = _background(width, height, variant % 3).copy()
    n = len(sheets)
    gap = width // 40
    slot_w = (width - gap * (n + 1)) // n
    slot_h = int(height * 0.86)
    for k, sheet in enumerate(sheets):
        zoom = min(slot_w / sheet.width, slot_h / sheet.height) * 0.95
        angle = rng.uniform(-3.5, 3.5)
        paper = raster_turned(sheet, zoom, angle)
        # indoor light: a slightly warm, darker paper
        warm = rng.randint(0, 12)
        r, g, b, mask = paper.split()
        paper = Image.merge("RGB", [
            band.point(lambda v, lo=lo: lo + v * (232 - lo) // 255)
            for band, lo in zip((r, g, b), (28, 24 + warm // 2, 18 + warm), strict=True)])
        x = gap + k * (slot_w + gap) + (slot_w - paper.width) // 2 + rng.randint(-gap, gap) // 2
        y = (height - paper.height) // 2 + rng.randint(-height // 40, height // 40)
        shadow = Image.new("RGB", paper.size, (35, 30, 25))
        canvas.paste(shadow, (x + width // 200, y + width // 160), mask)
        canvas.paste(paper, (x, y), mask)
    return canvas


_STORE_TRANSPOSE: dict[int, Image.Transpose | None] = {
    1: None, 3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90,
    8: Image.Transpose.ROTATE_270,
}


def _exif(orientation: int, spec: FileSpec) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "Apple"  # Make
    exif[0x0110] = "iPhone 12"  # Model
    exif[0x0132] = spec.uploaded_at.strftime("%Y:%m:%d %H:%M:%S")  # DateTime
    return exif.tobytes()


def _jpeg(spec: FileSpec, sheets: list[Sheet], fast: bool) -> bytes:
    portrait = sheets[0].height > sheets[0].width
    size = (PHOTO_SIZE[1], PHOTO_SIZE[0]) if portrait else PHOTO_SIZE
    if fast:
        size = (size[0] * 2 // 3, size[1] * 2 // 3)
    upright = _photo(sheets, size, spec.variant)
    if spec.blurred:
        upright = upright.filter(ImageFilter.GaussianBlur(radius=max(5, size[0] // 260)))
    method = _STORE_TRANSPOSE.get(spec.orientation)
    stored = upright if method is None else upright.transpose(method)
    buf = io.BytesIO()
    stored.save(buf, "JPEG", quality=82 if not fast else 70, exif=_exif(spec.orientation, spec))
    return buf.getvalue()


def _heic(spec: FileSpec, sheets: list[Sheet], fast: bool) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    image = _photo(sheets, HEIC_SIZE, spec.variant)
    buf = io.BytesIO()
    image.save(buf, format="HEIF", quality=35 if fast else 50, exif=_exif(1, spec),
               enc_params={"preset": "ultrafast"})
    return buf.getvalue()


def _png(spec: FileSpec, sheets: list[Sheet], fast: bool) -> bytes:
    rng = random.Random(spec.variant)
    width, height = SCREEN_SIZE
    screen = Image.new("RGB", SCREEN_SIZE, (246, 246, 248))
    colour = (0.12, 0.35, 0.63) if rng.random() < 0.5 else (0.0, 0.51, 0.43)
    title = Sheet(width * 72 / 160, 300 * 72 / 160)
    title.rect(0, 0, title.width, title.height, fill=colour, stroke=None)
    white: Color = (1.0, 1.0, 1.0)
    title.text(20, 24, f"{rng.randint(8, 23)}:{rng.randint(0, 59):02d}", 10, color=white)
    title.text(title.width - 20, 24, "5G  82%", 9, color=white, align="right")
    label = "Web給与明細" if sheets[0].width > sheets[0].height else "明細照会"
    title.text(title.width / 2, 95, label, 16, color=white, align="center")
    screen.paste(raster(title, 160), (0, 0))
    y = 330
    for sheet in sheets:
        dpi = max(30, int(72 * (width - 60) / sheet.width))
        page = raster(sheet, dpi)
        if y + page.height > height - 40:
            page = page.crop((0, 0, page.width, max(1, height - 40 - y)))
        screen.paste(page, (30, y))
        y += page.height + 30
    buf = io.BytesIO()
    screen.save(buf, "PNG", compress_level=1 if fast else 3)
    return buf.getvalue()


def _scan_page(sheet: Sheet, dpi: int, grey: bool, variant: int) -> Image.Image:
    """A scanner's picture of the sheet: slightly skewed, with fine grain."""
    rng = random.Random(variant)
    doc = pymupdf.open()
    page = doc.new_page(width=sheet.width, height=sheet.height)
    draw(page, sheet)
    matrix = pymupdf.Matrix(dpi / 72, dpi / 72).prerotate(rng.uniform(-0.8, 0.8))
    pix = page.get_pixmap(matrix=matrix, alpha=False,
                          colorspace=pymupdf.csGRAY if grey else pymupdf.csRGB)
    image = Image.frombytes("L" if grey else "RGB", (pix.width, pix.height), pix.samples)
    doc.close()
    grain = _scan_grain(*image.size)
    if grey:
        return ImageChops.subtract(image, grain)
    return ImageChops.subtract(image, Image.merge("RGB", (grain, grain, grain)))


def _pdf_scan(spec: FileSpec, sheets: list[Sheet], fast: bool) -> bytes:
    rng = random.Random(spec.variant)
    if spec.near_limit:
        return _pdf_scan_near_limit(spec, sheets)
    grey = rng.random() < 0.7
    dpi = 100 if fast else 150
    doc = pymupdf.open()
    for k, sheet in enumerate(sheets):
        image = _scan_page(sheet, dpi, grey, spec.variant + k)
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=60 if fast else 72)
        page = doc.new_page(width=sheet.width, height=sheet.height)
        page.insert_image(page.rect, stream=buf.getvalue())
    data = _pdf_bytes(doc, "")
    doc.close()
    return data


def _pdf_scan_near_limit(spec: FileSpec, sheets: list[Sheet]) -> bytes:
    """A colour 300 dpi scan, JPEG quality chosen so the file is just under the 5 MB limit."""
    images = [_scan_page(sheet, 300, False, spec.variant + k) for k, sheet in enumerate(sheets)]
    best = b""
    for quality in (95, 92, 90, 87, 84, 80, 75, 70, 60, 50, 40, 30):
        doc = pymupdf.open()
        for sheet, image in zip(sheets, images, strict=True):
            buf = io.BytesIO()
            image.save(buf, "JPEG", quality=quality, subsampling=0 if quality >= 90 else 2)
            page = doc.new_page(width=sheet.width, height=sheet.height)
            page.insert_image(page.rect, stream=buf.getvalue())
        best = _pdf_bytes(doc, "")
        doc.close()
        if len(best) <= NEAR_LIMIT_TARGET:
            break
    return best


def _bmp(spec: FileSpec, sheets: list[Sheet], fast: bool) -> bytes:
    image = _scan_page(sheets[0], 72 if fast else 100, False, spec.variant)
    buf = io.BytesIO()
    image.save(buf, "BMP")
    return buf.getvalue()


def _gif(spec: FileSpec, sheets: list[Sheet], fast: bool) -> bytes:
    image = raster(sheets[0], 72 if fast else 100)
    buf = io.BytesIO()
    image.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        buf, "GIF")
    return buf.getvalue()


_RENDERERS: dict[FileFormat, Callable[[FileSpec, list[Sheet], bool], bytes]] = {
    FileFormat.JPEG_PHOTO: _jpeg,
    FileFormat.HEIC_PHOTO: _heic,
    FileFormat.PNG_SCREENSHOT: _png,
    FileFormat.PDF_SCAN: _pdf_scan,
    FileFormat.BMP_SCAN: _bmp,
    FileFormat.GIF_SCAN: _gif,
}


def render_file(spec: FileSpec, *, fast: bool = False) -> bytes:
    """The bytes of one uploaded file. ``fast`` lowers resolution and quality (benchmarks)."""
    sheets = [layout(source) for source in spec.pages]
    if spec.fmt == FileFormat.PDF:
        data = sheets_pdf(sheets)
    else:
        data = _RENDERERS[spec.fmt](spec, sheets, fast)
    if len(data) > MAX_FILE_BYTES:  # pragma: no cover - the generator's own guarantee
        raise AssertionError(f"{spec.file_id}: {len(data)} bytes exceed the upload limit")
    return data
