"""Which documents a dependent's answers call for, and how the uploads line up against them.

The rules follow the member manual (seed ``000_…``: the required-documents screen) and the survey
Q&A (seed ``004_…``). Where the two seeds disagree the newer Q&A wins: salaried income is proved
by payslips, not by an income certificate (Q25), and a student proves income, not enrolment (Q23).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from reviewer_app.bundle.schema import (
    Dependent,
    DocumentKind,
    Occupation,
    RequiredDocument,
)
from reviewer_app.render.problems import FileProblem


@dataclass(frozen=True, slots=True)
class Requirement:
    """One document the answers call for."""

    kind: DocumentKind
    title_ja: str
    why_ja: str
    # Other kinds that stand in for this one (lost payslips → 給与額等証明書, Q26).
    alternatives: frozenset[DocumentKind] = frozenset()
    # 「未提出で進める」 with a comment is an acceptable answer (賞与支給なし, Q29).
    may_proceed_without: bool = False
    seed_ref: str = ""


class DocumentState(StrEnum):
    PROVIDED = "provided"  # files uploaded for the required kind
    SUBSTITUTED = "substituted"  # an accepted alternative was uploaded instead
    PROCEED_WITHOUT = "proceed_without"  # 「未提出で進める」 ticked, no files
    MISSING = "missing"  # required, nothing uploaded
    EXTRA = "extra"  # uploaded but not called for by the answers


@dataclass(frozen=True, slots=True)
class UnusableFile:
    """An uploaded file the import quarantined: kept, but it cannot be opened (issue 9)."""

    file_id: str
    name: str  # the member's file name
    problem: FileProblem


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    """One row of the 書類 tab: a requirement, an uploaded document, or both."""

    requirement: Requirement | None
    document: RequiredDocument | None
    state: DocumentState
    notes_ja: tuple[str, ...] = field(default=())
    unusable: tuple[UnusableFile, ...] = field(default=())  # 「ファイルを開けません」

    @property
    def key(self) -> str:
        """What a :class:`~reviewer_app.review.deficiency.DocumentReview` refers to.

        An uploaded document is known by its id; a requirement with nothing uploaded has no id, so
        it gets a stable synthetic one (still a valid bundle ``Id``).
        """
        if self.document is not None:
            return self.document.document_id
        assert self.requirement is not None  # a status always has one of the two
        return missing_key(self.requirement.kind)

    @property
    def title_ja(self) -> str:
        if self.requirement is not None:
            return self.requirement.title_ja
        assert self.document is not None
        return self.document.title

    @property
    def file_count(self) -> int:
        return len(self.document.files) if self.document is not None else 0


def missing_key(kind: DocumentKind) -> str:
    return f"missing-{kind.value}"


# --- the document texts -------------------------------------------------------------------------

_PAYSLIP_TITLE = "給与明細書({year}年1月～12月支払分)"
_SALARY_KINDS = frozenset(
    {
        Occupation.PART_TIME,
        Occupation.SHORT_TERM_PART_TIME,
        Occupation.TEMP_RISE_LAST_YEAR,
        Occupation.TEMP_RISE_THIS_YEAR,
        Occupation.RETIRED,
    }
)
_STUDENTS = frozenset({Occupation.STUDENT_LIVING_TOGETHER, Occupation.STUDENT_BOARDING})
_INCOME_OCCUPATIONS = _SALARY_KINDS | {
    Occupation.PENSIONER,
    Occupation.SELF_EMPLOYED,
    Occupation.SELF_EMPLOYED_SUBSIDY,
    Occupation.INVESTMENT,
    Occupation.SOCIAL_INSURANCE_BENEFIT,
    Occupation.UNEMPLOYMENT_BENEFIT,
}

_NO_TAX_RETURN_WORDS = ("確定申告していない", "確定申告はしていない", "確定申告をしていない",
                        "申告していない", "申告なし", "確定申告なし")


def says_no_tax_return(contact: str) -> bool:
    """Whether the contact field says no tax return was filed (seed 000, question 7)."""
    text = unicodedata.normalize("NFKC", contact).replace(" ", "")
    return any(w in text for w in _NO_TAX_RETURN_WORDS)


def required_documents(dependent: Dependent, target_year: int) -> list[Requirement]:
    """What the dependent's answers call for, one requirement per document kind, in form order."""
    answers = dependent.answers
    if answers is None:
        return []
    ticked = {a.occupation: a for a in answers.occupations}
    y = target_year
    out: dict[DocumentKind, Requirement] = {}

    def add(req: Requirement) -> None:
        if req.kind in out:
            # Several answers may call for the same document; keep one row, give every reason.
            prev = out[req.kind]
            if req.why_ja not in prev.why_ja:
                out[req.kind] = Requirement(
                    prev.kind, prev.title_ja, f"{prev.why_ja} / {req.why_ja}",
                    prev.alternatives | req.alternatives,
                    prev.may_proceed_without and req.may_proceed_without,
                    prev.seed_ref,
                )
            return
        out[req.kind] = req

    if Occupation.REMOVAL in ticked:
        add(Requirement(
            DocumentKind.OTHER_INSURANCE_CARD, "就職先の保険証の写し",
            "扶養削除(就職等により他の健康保険に加入済)と回答されたため", seed_ref="004 Q5"))

    salaried = [o for o in _SALARY_KINDS if o in ticked]
    student_with_pay = bool(_STUDENTS & ticked.keys()) and bool(salaried)
    if salaried:
        why = "パート・アルバイト等の給与収入を、通勤手当等の非課税分を含む総支給額で確認するため"
        if Occupation.RETIRED in ticked:
            why += "(退職した場合は退職月までの分)"
        if student_with_pay:
            why += "。学生は在学証明書ではなく収入の証明が必要"
        add(Requirement(
            DocumentKind.PAYSLIP, _PAYSLIP_TITLE.format(year=y), why,
            alternatives=frozenset({DocumentKind.SALARY_CERTIFICATE}),
            seed_ref="004 Q23, Q25, Q26, Q28"))
        add(Requirement(
            DocumentKind.BONUS_SLIP, f"賞与明細書({y}年1月～12月支払分)",
            "賞与も収入に含めるため。賞与支給がない場合は「未提出で進める」に"
            "チェックし、コメント欄に「賞与支給なし」と記入",
            may_proceed_without=True, seed_ref="004 Q29"))

    if Occupation.TEMP_RISE_LAST_YEAR in ticked or Occupation.TEMP_RISE_THIS_YEAR in ticked:
        add(Requirement(
            DocumentKind.TEMP_RISE_CERTIFICATE, "一時的な収入変動に係る事業主の証明書",
            "一時的な収入増により収入限度額を超えた(超える見込み)と回答されたため",
            seed_ref="000 必要書類(コロナ), 004 Q31"))

    if Occupation.PENSIONER in ticked:
        add(Requirement(
            DocumentKind.PENSION_NOTICE,
            f"年金振込通知書または年金額改定通知書({y}年分、受給中の年金すべて)",
            "年金受給者と回答されたため。老齢年金以外(遺族年金・障害年金等)も含め、すべての年金について必要",
            seed_ref="004 Q32-Q34"))

    if Occupation.SELF_EMPLOYED in ticked or Occupation.SELF_EMPLOYED_SUBSIDY in ticked:
        if says_no_tax_return(answers.contact):
            add(Requirement(
                DocumentKind.RESIDENT_TAX_RETURN, f"住民税申告書の写し({y}年分)",
                "自営業者で、確定申告をしていないと連絡欄に記入されたため",
                alternatives=frozenset({DocumentKind.TAX_RETURN}), seed_ref="004 Q37"))
        else:
            add(Requirement(
                DocumentKind.TAX_RETURN,
                f"確定申告書 第一表・第二表 および 収支内訳書または青色申告決算書({y}年分)",
                "自営業者と回答されたため。所得ではなく総収入から直接的必要経費を差し引いて確認する",
                alternatives=frozenset({DocumentKind.RESIDENT_TAX_RETURN}),
                seed_ref="004 Q35-Q38"))

    if Occupation.INVESTMENT in ticked:
        add(Requirement(
            DocumentKind.TRADING_REPORT,
            f"年間取引報告書等({y}年の1年間の売買の記録がわかるもの。確定申告した場合は確定申告書)",
            "株式等の収入があると回答されたため", alternatives=frozenset({DocumentKind.TAX_RETURN}),
            seed_ref="004 Q41"))

    if Occupation.SOCIAL_INSURANCE_BENEFIT in ticked or Occupation.UNEMPLOYMENT_BENEFIT in ticked:
        what = []
        if Occupation.UNEMPLOYMENT_BENEFIT in ticked:
            what.append("雇用保険受給資格者証")
        if Occupation.SOCIAL_INSURANCE_BENEFIT in ticked:
            what.append("給付金(手当)の支給決定通知書")
        add(Requirement(
            DocumentKind.BENEFIT_NOTICE, "・".join(what) + "(受給日額と受給期間がわかるもの)",
            "給付金・失業給付は日額で収入限度額と比べるため", seed_ref="000 質問4 ⑥⑦"))

    no_income_proof = not any(o in ticked for o in _INCOME_OCCUPATIONS)
    if Occupation.LIVES_ABROAD in ticked:
        add(Requirement(
            DocumentKind.RESIDENCE_CERTIFICATE, "住民票(除票)",
            "海外居住と回答されたため。住民票を削除している場合は所得証明書に代えて提出",
            seed_ref="000 必要書類 ②"))
    elif no_income_proof and Occupation.REMOVAL not in ticked:
        why = "無職(無収入)でも提出が必要。無収入の場合は非課税証明書"
        if _STUDENTS & ticked.keys():
            why = "学生は在学証明書ではなく収入の証明が必要。" + why
        add(Requirement(
            DocumentKind.INCOME_CERTIFICATE, f"所得証明書または非課税証明書({y}年分の所得)", why,
            seed_ref="000 必要書類, 004 Q23"))

    if Occupation.NON_LINEAL_RELATIVE in ticked:
        add(Requirement(
            DocumentKind.RESIDENCE_CERTIFICATE, "住民票(世帯全員・続柄記載)",
            "直系尊属以外の親族(義父母・甥姪・おじおば・義兄弟・連れ子)は同居が認定の条件のため",
            seed_ref="000 質問4 Check5"))

    if answers.other_income is not None and answers.other_income > 1:
        add(Requirement(
            DocumentKind.OTHER, "その他の収入(遺産相続など)の内容と金額がわかる書類",
            "質問5で職業以外の収入があると回答されたため", seed_ref="000 質問5"))

    return list(out.values())


# --- pairing with the uploads -------------------------------------------------------------------


def _state_of(doc: RequiredDocument, substituted: bool) -> DocumentState:
    if doc.files:
        return DocumentState.SUBSTITUTED if substituted else DocumentState.PROVIDED
    return DocumentState.PROCEED_WITHOUT if doc.proceed_without else DocumentState.MISSING


def _notes(doc: RequiredDocument) -> tuple[str, ...]:
    notes = []
    if doc.proceed_without:
        notes.append("未提出で進める" + (f": {doc.comment}" if doc.comment else "(コメントなし)"))
    elif doc.comment:
        notes.append(f"コメント: {doc.comment}")
    return tuple(notes)


def _unusable(doc: RequiredDocument,
              problems: Mapping[str, FileProblem]) -> tuple[UnusableFile, ...]:
    return tuple(UnusableFile(f.file_id, f.original_name, problems[f.file_id])
                 for f in doc.files if f.file_id in problems)


def match_uploads(
    requirements: Sequence[Requirement], uploads: Iterable[RequiredDocument],
    problems: Mapping[str, FileProblem] | None = None,
) -> list[DocumentStatus]:
    """Pair each requirement with what was uploaded for it.

    A requirement takes every upload of its own kind, or failing that the uploads of an accepted
    alternative kind; each upload is used once. Requirements with nothing come out as MISSING,
    uploads nobody asked for as EXTRA (they still get a row: the examiner looks at them).
    ``problems`` (file id -> problem) marks the files the import quarantined; a document whose
    files all cannot be opened still counts as uploaded, and the notice asks for it again.
    """
    problems = problems or {}
    remaining = list(uploads)
    out: list[DocumentStatus] = []
    for req in requirements:
        mine = [d for d in remaining if d.kind == req.kind]
        substituted = False
        if not any(d.files for d in mine):
            alt = [d for d in remaining if d.kind in req.alternatives and d.files]
            if alt:
                mine, substituted = mine + alt, True
        if not mine:
            out.append(DocumentStatus(req, None, DocumentState.MISSING))
            continue
        for d in mine:
            remaining.remove(d)
            is_alt = substituted and d.kind != req.kind
            out.append(DocumentStatus(req, d, _state_of(d, is_alt), _notes(d),
                                      _unusable(d, problems)))
    for d in remaining:
        state = DocumentState.EXTRA if d.files else _state_of(d, False)
        out.append(DocumentStatus(None, d, state, _notes(d), _unusable(d, problems)))
    return out
