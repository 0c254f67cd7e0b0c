"""Paper surveys (紙の調査票, issue 14): staff switch a dependent to paper, key in the answers,
attach the scans, and a second person checks the entry (入力確認) before review starts.

Switching to paper
    The bundle's member-side status has no "paper" value (schema.MemberStatus is 未提出 / 登録済 /
    提出済), so staff mark the dependent (:meth:`PaperService.mark`) with a reason (sealed) and
    the date; the event ``paper.mark`` names who. A paper dependent shows as 紙 in the queue, is
    not a web non-submitter (the 未提出 view and the bulk exclusion leave them out until the
    society's paper deadline, :func:`set_paper_deadline`, has passed) and its results are marked
    ``answered_on_paper`` so the web system does not e-mail the member.

Entering the answers (:meth:`PaperService.enter`)
    The answers have the structure of an imported submission's (schema.Answers) and are
    validated by the same pydantic models as an import: the dependent is put into a copy of the
    member's current submission and the whole of it is validated as schema.Submission. The scans
    are checked like imported files: at most schema.MAX_FILE_BYTES each, typed by their magic
    bytes (render.sniff), their contents checked in a bounded child (render.checker) and a
    damaged one stored quarantined; they are sealed at rest by the import's own writer
    (services.import_rows.RowWriter), which stores the revision. The revision is the member's
    next one, of source ``paper``, with who entered it and when; a correction is another new
    revision (the earlier ones stay), never an overwrite. The entry is signed by its author.

入力確認 (:meth:`PaperService.check`)
    Another examiner or supervisor signs a ``check`` statement over the revision's content MAC
    and the entry's statement. Review of a paper case starts (casework takes it) only when the
    dependent's latest paper revision has a valid entry and a valid check by a different user:
    both signatures verify with keys certified for their authors (services.authority), so a row
    written into the database by hand, or a check claimed in another user's name, does not count.

Bad input (an unknown member or dependent, a dependent who already answered on the web, an answer
outside its allowed values, a file over the limits): :class:`PaperInputError` naming the field,
and nothing is stored (one transaction).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.bundle import schema
from reviewer_app.bundle.reader import json_path
from reviewer_app.domain.vocabulary import DocumentKind, MemberStatus, Role
from reviewer_app.errors import InputError, UserError
from reviewer_app.render.checker import ContentChecker, shared_checker
from reviewer_app.render.sniff import sniff_media_type
from reviewer_app.review.requirements import required_documents
from reviewer_app.security import statements
from reviewer_app.services.import_rows import RowWriter
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store import blind_index, sealing, settings
from reviewer_app.store.blind_index import content_mac
from reviewer_app.store.models import (
    Attachment,
    Case,
    Dependent,
    Member,
    PaperSignoff,
    RequiredDocument,
    SubmissionRevision,
    Survey,
    User,
)
from reviewer_app.store.types import utcnow

PAPER_ROLES = (Role.EXAMINER, Role.SUPERVISOR)
PAPER_DEADLINE = "paper_submission_deadline"  # workspace setting (ISO date): the society's own
ENTRY = "entry"
CHECK = "check"
STATEMENT = "paper"  # the kind of the signed statements (security.statements)
MAX_REASON = 500
_BLOB_BATCH_BYTES = 32 * 1024 * 1024


class PaperInputError(InputError):
    """Bad input for a paper survey; ``subject`` names the field."""

    def __init__(self, field: str, ja: str, en: str, *, code: str) -> None:
        super().__init__(f"{field}: {ja}", f"{field}: {en}", code=code, subject=field)


@dataclass(frozen=True)
class Scan:
    """A file from disk for one required document (``document``: a DocumentKind value);
    ``pages``: the first and last page (from 1) of a multi-page PDF to take."""

    document: str
    path: Path
    pages: tuple[int, int] | None = None


@dataclass(frozen=True)
class PaperTarget:
    case_id: int
    dependent_id: int
    dependent_key: str
    relationship_label: str
    member: str = ""  # 記号-番号
    dependent_name: str = ""


@dataclass(frozen=True)
class EntryResult:
    case_id: int
    revision: int
    files: int
    quarantined: dict[str, int]


@dataclass(frozen=True)
class PaperState:
    """What the window and the CLI say about one dependent's paper survey."""

    case_id: int
    paper: bool
    paper_since: date | None
    reason: str
    revision: int | None  # the latest paper revision
    entered_by: str | None
    entered_at: datetime | None
    checked_by: str | None
    checked_at: datetime | None
    answers: schema.Answers | None
    documents: tuple[tuple[str, str], ...]  # (document kind, title) the answers require

    @property
    def entered(self) -> bool:
        return self.revision is not None

    @property
    def checked(self) -> bool:
        return self.checked_by is not None

    @property
    def awaiting_check(self) -> bool:
        return self.entered and not self.checked


class PaperCheckPending(UserError):
    def __init__(self, case_id: int) -> None:
        super().__init__(
            f"案件 {case_id} は紙の調査票の入力確認（別の担当者による確認）が済んでいないため、"
            "審査を始められません。ファイル→紙の調査票を入力 から、入力した人とは別の担当者が"
            "入力確認をしてください。",
            f"Case {case_id} is a paper survey whose entry has not been checked by a second "
            "person, so its review cannot start. Another examiner than the one who entered it "
            "checks it (File → Enter a paper survey → 入力確認).",
            code="paper_check_pending", subject=f"case:{case_id}")


# --- reading the answers as the import does ------------------------------------------------------


def parse_answers(raw: Mapping[str, Any] | schema.Answers) -> schema.Answers:
    """The answers validated by the import's own model (schema.Answers); PaperInputError names
    the first field that is wrong."""
    if isinstance(raw, schema.Answers):
        return raw
    try:
        return schema.Answers.model_validate(dict(raw))
    except ValidationError as error:
        first = error.errors(include_url=False, include_input=False)[0]
        path = json_path(("answers", *first["loc"]))
        raise PaperInputError(
            path, f"調査票の回答が受け付けられる値ではありません（{first['msg']}）。"
            "調査票の記入どおりに直してください。",
            f"the answer is not an accepted value ({first['msg']}). Correct it as written on "
            "the paper survey.", code="invalid_answer") from None


def parse_member(text: str) -> tuple[str, str]:
    """``SYMBOL-NUMBER`` (記号-番号) as printed on the insurance card."""
    symbol, sep, number = text.strip().partition("-")
    if not sep or not symbol.isdigit() or not number.isdigit():
        raise PaperInputError("member",
                              "被保険者は 記号-番号 の形で指定してください（例: 10-123）。",
                              "give the insured as SYMBOL-NUMBER (e.g. 10-123).",
                              code="invalid_member")
    return symbol, number


# --- the service ---------------------------------------------------------------------------------


class PaperService:
    def __init__(self, ws: WorkspaceSession, *, checker: ContentChecker | None = None) -> None:
        self.ws = ws
        self._checker = checker

    @property
    def checker(self) -> ContentChecker:
        if self._checker is None:
            self._checker = shared_checker()
        return self._checker

    # -- finding the dependent ------------------------------------------------------------------

    def find(self, member: str, dependent: str) -> PaperTarget:
        """The case of the dependent (their id from the export, or their name as printed) of the
        insured ``member`` (記号-番号)."""
        self._require()
        symbol, number = parse_member(member)
        mk = self.ws.master_key
        with self.ws.transaction(readonly=True) as db:
            ids = db.scalars(blind_index.matching_dependents(
                self.ws.blind_index_key, blind_index.card_text(symbol, number))).all()
            members: dict[int, Member] = {}
            for dep in db.scalars(select(Dependent).where(Dependent.id.in_(ids))):
                ins = dep.member.personal(mk)
                if (ins["card_symbol"], ins["card_number"]) == (symbol, number):
                    members[dep.member_id] = dep.member
            if not members:
                raise PaperInputError(
                    "member", f"記号-番号 {symbol}-{number} の被保険者は取り込まれた調査に"
                    "ありません。保険証の記号・番号を確かめてください。",
                    f"no insured {symbol}-{number} in the imported surveys. Check the card's "
                    "symbol and number.", code="unknown_member")
            wanted = dependent.strip()
            found: list[Dependent] = []
            for m in members.values():
                for dep in db.scalars(select(Dependent).where(Dependent.member_id == m.id)):
                    if wanted in (dep.dependent_key, dep.personal(mk)["name"]):
                        found.append(dep)
            if len(found) != 1:
                raise PaperInputError(
                    "dependent", f"被保険者 {symbol}-{number} に被扶養者「{wanted}」は"
                    + ("いません" if not found else "が複数います（IDで指定してください）")
                    + "。",
                    f"insured {symbol}-{number} has "
                    + ("no dependent" if not found else "several dependents")
                    + f" '{wanted}'" + ("" if not found else " (give the id instead)") + ".",
                    code="unknown_dependent")
            dep = found[0]
            case_id = db.scalar(select(Case.id).where(Case.dependent_id == dep.id))
            if case_id is None:
                raise PaperInputError("dependent", "この被扶養者の案件がありません。",
                                      "this dependent has no case.", code="unknown_dependent")
            return self._target(db, case_id, dep)

    def target_of(self, case_id: int) -> PaperTarget:
        """The dependent of a case (the queue's context menu starts from a case)."""
        self._require()
        with self.ws.transaction(readonly=True) as db:
            return self._target(db, case_id, self._dependent(db, case_id))

    def _target(self, db: Session, case_id: int, dep: Dependent) -> PaperTarget:
        mk = self.ws.master_key
        ins = dep.member.personal(mk)
        return PaperTarget(case_id, dep.id, dep.dependent_key, dep.relationship_label,
                           blind_index.card_text(ins["card_symbol"], ins["card_number"]),
                           dep.personal(mk)["name"])

    # -- switching to paper ---------------------------------------------------------------------

    def mark(self, case_id: int, reason: str, on: date) -> None:
        """Switch the case's dependent to paper (reason sealed, the date, who: audited)."""
        self._require()
        reason = reason.strip()
        if not reason or len(reason) > MAX_REASON:
            raise PaperInputError("reason", f"紙に切り替える理由を 1～{MAX_REASON} 文字で入力して"
                                  "ください。", f"give the reason for paper in 1 to {MAX_REASON} "
                                  "characters.", code="invalid_reason")
        with self.ws.transaction() as db:
            dep = self._dependent(db, case_id)
            self._mark(db, dep, reason, on)
            self.ws.audit(db, "paper.mark", f"case:{case_id}", {"on": on.isoformat()})

    def _mark(self, db: Session, dep: Dependent, reason: str, on: date) -> None:
        dep.paper_since, dep.paper_marked_by_id = on, self.ws.user.id
        db.flush()
        dep.seal_into("paper_reason_sealed", self.ws.master_key, reason.encode("utf-8"))

    # -- entering -------------------------------------------------------------------------------

    def enter(self, case_id: int, answers: Mapping[str, Any] | schema.Answers,
              scans: Sequence[Scan] = (), *, correction: bool = False,
              today: date | None = None) -> EntryResult:
        """Store the paper answers and scans as the member's next revision (source paper)."""
        self._require()
        parsed = parse_answers(answers)
        files = [self._read_scan(i, scan) for i, scan in enumerate(scans)]
        now = utcnow()
        mk = self.ws.master_key
        with self.ws.transaction() as db:
            case = db.get(Case, case_id, with_for_update=True)
            if case is None:
                raise PaperInputError("dependent", f"案件 {case_id} がありません。",
                                      f"there is no case {case_id}.", code="unknown_dependent")
            dep_row = db.get(Dependent, case.dependent_id)
            assert dep_row is not None
            member = db.get(Member, dep_row.member_id, with_for_update=True)
            assert member is not None
            previous = _paper_revision(db, dep_row.id)
            if previous is None and dep_row.member_status != MemberStatus.NOT_SUBMITTED.value:
                raise PaperInputError(
                    "dependent", "この被扶養者はWEBシステムで回答済み（登録済または提出済）です。"
                    "紙の調査票を重ねて入力することはできません。WEBの回答を審査してください。",
                    "this dependent already answered on the web system (registered or "
                    "submitted); a paper survey cannot be entered on top of it. Review the web "
                    "answers.", code="already_submitted_on_web")
            if previous is not None and not correction:
                raise PaperInputError(
                    "dependent", "この被扶養者の紙の調査票は入力済みです。訂正するときは訂正として"
                    "入力してください（新しい版になります）。",
                    "this dependent's paper survey is already entered. Enter it as a correction "
                    "(it becomes a new revision).", code="already_entered_on_paper")
            current = db.scalars(select(SubmissionRevision).where(
                SubmissionRevision.member_id == member.id,
                SubmissionRevision.revision == member.current_revision)).one()
            sub = schema.Submission.model_validate(current.open_json_from("sealed_json", mk))
            survey = db.get(Survey, member.survey_id)
            assert survey is not None
            source = _Files(db, mk, current)
            built = self._submission(sub, dep_row.dependent_key, parsed, files, source,
                                     survey.target_year, now)
            if dep_row.paper_since is None:
                self._mark(db, dep_row, "紙の調査票を受領", today or now.date())
            plaintext = sealing.canonical_json(built.model_dump(mode="json"))
            mac = content_mac(self.ws.content_mac_key, plaintext)
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="paper-sha256") as pool:
                writer = RowWriter(self.ws, db, survey_id=member.survey_id, import_id=None,
                                   blob_batch_bytes=_BLOB_BATCH_BYTES, hasher=pool,
                                   checker=self.checker)
                revision = writer.store_submission(
                    source, built, plaintext, mac, member=member, source="paper",
                    entered_by_id=self.ws.user.id, only=frozenset({dep_row.dependent_key}))
                writer.finish()
            db.flush()
            self._sign(db, revision, dep_row.id, ENTRY, now, prior="")
            count = sum(len(d.files) for d in _dependent_of(built, dep_row.dependent_key)
                        .required_documents)
            self.ws.audit(db, "paper.correct" if correction else "paper.enter",
                          f"case:{case_id}", {
                              "revision": revision.revision, "files": count,
                              "quarantined": [[r, n] for r, n in
                                              sorted(writer.quarantined.items())]})
            return EntryResult(case_id, revision.revision, count,
                               dict(sorted(writer.quarantined.items())))

    def _submission(self, sub: schema.Submission, dependent_key: str, answers: schema.Answers,
                    files: list[tuple[Scan, bytes, str]], source: _Files, target_year: int,
                    now: datetime) -> schema.Submission:
        dep = _dependent_of(sub, dependent_key)
        answered = dep.model_copy(update={"answers": answers})
        wanted = {r.kind.value: r.title_ja for r in required_documents(answered, target_year)}
        kept = {d.document_id: d for d in dep.required_documents}
        for index, (scan, _data, _media) in enumerate(files):
            if scan.document not in wanted:
                raise PaperInputError(
                    f"attach[{index}]", f"書類「{scan.document}」はこの回答では求められていません。"
                    "求められる書類: " + ("、".join(f"{k}（{v}）" for k, v in wanted.items())
                                           or "なし"),
                    f"the document '{scan.document}' is not required by these answers. "
                    "Required: " + (", ".join(wanted) or "none"), code="document_not_required")
        documents: list[dict[str, Any]] = []
        for kind, title in wanted.items():
            earlier = kept.get(kind)
            uploaded = [f.model_dump(mode="json") for f in earlier.files] if earlier else []
            for scan, data, media in files:
                if scan.document != kind:
                    continue
                file_id = f"paper-{uuid.uuid4().hex[:24]}"
                source.new[file_id] = data
                uploaded.append({"file_id": file_id, "original_name": scan.path.name[:255],
                                 "media_type": media, "uploaded_at": now.isoformat()})
            documents.append({"document_id": kind, "kind": kind, "title": title[:100],
                              "files": uploaded})
        raw = sub.model_dump(mode="json")
        raw["revision"] = sub.revision + 1
        raw["updated_at"] = now.isoformat()
        for i, d in enumerate(raw["dependents"]):
            if d["dependent_id"] == dependent_key:
                raw["dependents"][i] = dict(
                    d, answers=answers.model_dump(mode="json"),
                    status=MemberStatus.SUBMITTED.value, submitted_at=now.isoformat(),
                    required_documents=documents)
        try:
            return schema.Submission.model_validate(raw)
        except ValidationError as error:  # the import's validation of the whole submission
            first = error.errors(include_url=False, include_input=False)[0]
            path = json_path(tuple(first["loc"]))
            raise PaperInputError(path, f"入力を保存できません（{first['msg']}）。",
                                  f"the entry cannot be stored ({first['msg']}).",
                                  code="invalid_answer") from None

    def _read_scan(self, index: int, scan: Scan) -> tuple[Scan, bytes, str]:
        field = f"attach[{index}]"
        if scan.document not in {k.value for k in DocumentKind}:
            raise PaperInputError(
                field, f"書類の種類「{scan.document}」は使えません。次のいずれかです: "
                + ", ".join(k.value for k in DocumentKind),
                f"unknown document kind '{scan.document}'; one of: "
                + ", ".join(k.value for k in DocumentKind), code="unknown_document")
        try:
            size = scan.path.stat().st_size
            if size > schema.MAX_FILE_BYTES:
                raise PaperInputError(
                    field, f"ファイル {scan.path.name} は {size:,} バイトで、上限"
                    f" {schema.MAX_FILE_BYTES:,} バイト（5 MB）を超えています。ページ範囲で"
                    "分けるか、解像度を下げてスキャンし直してください。",
                    f"the file {scan.path.name} is {size:,} bytes, over the limit of "
                    f"{schema.MAX_FILE_BYTES:,} bytes (5 MB). Split it by page range or scan "
                    "it again at a lower resolution.", code="file_too_large")
            data = scan.path.read_bytes()
        except OSError as exc:
            raise PaperInputError(field,
                                  f"ファイル {scan.path.name} を読めません（{exc.strerror}）。",
                                  f"cannot read the file {scan.path.name} ({exc.strerror}).",
                                  code="file_unreadable") from None
        media = sniff_media_type(data)
        if media is None or media not in schema.ALLOWED_MEDIA_TYPES:
            raise PaperInputError(
                field, f"ファイル {scan.path.name} は受け付けられる種類（jpg, png, bmp, gif, pdf, "
                "heic）ではありません。",
                f"the file {scan.path.name} is not an accepted type (jpg, png, bmp, gif, pdf, "
                "heic).", code="file_type_not_allowed")
        if scan.pages is not None:
            data = self._pages(field, scan, data, media)
        return scan, data, media

    def _pages(self, field: str, scan: Scan, data: bytes, media: str) -> bytes:
        first, last = scan.pages or (1, 1)
        if media != "application/pdf":
            raise PaperInputError(field, "ページ範囲を指定できるのはPDFだけです。",
                                  "a page range can be given for a PDF only.",
                                  code="pages_not_pdf")
        # the whole scan is checked in the bounded child before PyMuPDF opens it here
        inspection = self.checker.submit(data, media).result()
        if inspection.problem is not None:
            raise PaperInputError(
                field, f"ファイル {scan.path.name} は開けないためページで分けられません"
                f"（{inspection.problem.value}）。", f"the file {scan.path.name} cannot be "
                f"opened, so it cannot be split by pages ({inspection.problem.value}).",
                code="pages_unreadable")
        pages = inspection.page_count or 0
        if not 1 <= first <= last <= pages:
            raise PaperInputError(
                field, f"ページ範囲 {first}-{last} が {scan.path.name} の {pages} ページに"
                "収まっていません。", f"the page range {first}-{last} is outside the {pages} "
                f"pages of {scan.path.name}.", code="pages_out_of_range")
        return split_pdf(data, first, last)

    # -- 入力確認 --------------------------------------------------------------------------------

    def check(self, case_id: int) -> None:
        """The second person's 入力確認 of the dependent's latest paper revision."""
        self._require()
        now = utcnow()
        with self.ws.transaction() as db:
            dep = self._dependent(db, case_id)
            revision = _paper_revision(db, dep.id)
            if revision is None:
                raise PaperInputError("dependent", "この被扶養者の紙の調査票はまだ入力されて"
                                      "いません。", "no paper survey has been entered for this "
                                      "dependent yet.", code="paper_not_entered")
            entry, checked = self._signoffs(db, revision, dep.id)
            if checked is not None:
                raise UserError("この入力は確認済みです。", "this entry is already checked.",
                                code="paper_already_checked", subject=f"case:{case_id}")
            if entry is None:
                raise UserError(
                    "この入力には入力者の有効な署名がありません。入力し直してください。",
                    "this entry has no valid signature by the person who entered it; enter it "
                    "again.", code="paper_entry_unsigned", subject=f"case:{case_id}")
            if entry.user_id == self.ws.user.id:
                raise UserError(
                    "自分で入力した調査票の入力確認はできません。別の担当者に確認を依頼して"
                    "ください。", "you cannot check a paper survey you entered yourself; ask "
                    "another examiner to check it.", code="paper_self_check",
                    subject=f"case:{case_id}")
            self._sign(db, revision, dep.id, CHECK, now, prior=entry.body_hash)
            self.ws.audit(db, "paper.check", f"case:{case_id}",
                          {"revision": revision.revision, "entered_by": entry.user_id})

    def state(self, case_id: int) -> PaperState:
        self._require()
        mk = self.ws.master_key
        with self.ws.transaction(readonly=True) as db:
            dep = self._dependent(db, case_id)
            reason = (dep.open_from("paper_reason_sealed", mk).decode("utf-8")
                      if dep.paper_reason_sealed is not None else "")
            revision = _paper_revision(db, dep.id)
            if revision is None:
                return PaperState(case_id, dep.paper_since is not None, dep.paper_since, reason,
                                  None, None, None, None, None, None, ())
            entry, checked = self._signoffs(db, revision, dep.id)
            names: dict[int, str] = {uid: name for uid, name in db.execute(
                select(User.id, User.name).where(User.id.in_(
                    [s.user_id for s in (entry, checked) if s is not None])))}
            sub = schema.Submission.model_validate(revision.open_json_from("sealed_json", mk))
            mine = _dependent_of(sub, dep.dependent_key)
            return PaperState(
                case_id, True, dep.paper_since, reason, revision.revision,
                names.get(entry.user_id) if entry else None, entry.at if entry else None,
                names.get(checked.user_id) if checked else None,
                checked.at if checked else None, mine.answers,
                tuple((d.kind.value, d.title) for d in mine.required_documents))

    # -- helpers --------------------------------------------------------------------------------

    def _require(self) -> None:
        self.ws.require_role(*PAPER_ROLES, action_ja="紙の調査票の入力",
                             action_en="enter paper surveys")

    def _dependent(self, db: Session, case_id: int) -> Dependent:
        dep = db.scalar(select(Dependent).join(Case, Case.dependent_id == Dependent.id)
                        .where(Case.id == case_id))
        if dep is None:
            raise PaperInputError("dependent", f"案件 {case_id} がありません。",
                                  f"there is no case {case_id}.", code="unknown_dependent")
        return dep

    def _sign(self, db: Session, revision: SubmissionRevision, dependent_id: int, kind: str,
              at: datetime, *, prior: str) -> None:
        body = signoff_body(self.ws.workspace.workspace_id, revision, dependent_id, kind,
                            self.ws.user.id, at, prior)
        keys = self.ws.keys
        db.add(PaperSignoff(
            revision_id=revision.id, dependent_id=dependent_id, kind=kind,
            user_id=self.ws.user.id, at=at, signed_body=statements.canonical(body).decode(),
            body_hash=statements.statement_hash(STATEMENT, body),
            signer_key_id=keys.key_id if keys is not None else None,
            signature=statements.sign(self.ws.signing_key(), STATEMENT, body)))
        db.flush()

    def _signoffs(self, db: Session, revision: SubmissionRevision, dependent_id: int,
                  ) -> tuple[PaperSignoff | None, PaperSignoff | None]:
        return verified_signoffs(self.ws, db, revision, dependent_id)


def signoff_body(workspace_id: str, revision: SubmissionRevision, dependent_id: int, kind: str,
                 user_id: int, at: datetime, prior: str) -> dict[str, Any]:
    return {"workspace": workspace_id, "kind": kind, "revision_id": revision.id,
            "member_id": revision.member_id, "revision": revision.revision,
            "dependent_id": dependent_id, "content_mac": revision.content_mac.hex(),
            "user": user_id, "at": at.isoformat(timespec="microseconds"), "prior": prior}


def verified_signoffs(ws: WorkspaceSession, db: Session, revision: SubmissionRevision,
                      dependent_id: int) -> tuple[PaperSignoff | None, PaperSignoff | None]:
    """The entry and the check of a paper revision that hold: signed by a key certified for the
    user they name, that user allowed to enter paper surveys then, the body that of this
    revision; the check by another user than the entry's, over the entry. None where none holds.
    """
    authority = ws.reload_authority(db)
    rows = db.scalars(select(PaperSignoff).where(
        PaperSignoff.revision_id == revision.id, PaperSignoff.dependent_id == dependent_id)
        .order_by(PaperSignoff.id)).all()

    def holds(row: PaperSignoff, kind: str, prior: str) -> bool:
        expected = signoff_body(ws.workspace.workspace_id, revision, dependent_id, kind,
                                row.user_id, row.at, prior)
        public = authority.public_key(row.signer_key_id or "", row.user_id)
        state = authority.state_at(row.user_id, row.at)
        return (row.kind == kind and public is not None and state is not None
                and state.may(*PAPER_ROLES)
                and row.body_hash == statements.statement_hash(STATEMENT, expected)
                and statements.verify(public, STATEMENT, expected, row.signature))

    entry = next((r for r in rows if r.kind == ENTRY and holds(r, ENTRY, "")), None)
    if entry is None:
        return None, None
    check = next((r for r in rows if r.kind == CHECK and r.user_id != entry.user_id
                  and holds(r, CHECK, entry.body_hash)), None)
    return entry, check


def check_pending(ws: WorkspaceSession, db: Session, dependent_id: int) -> bool:
    """Whether the dependent has a paper entry whose latest revision is not validly checked.

    It rests on the entries themselves, not on a column: on PostgreSQL nobody but the owner
    may delete or change them (store.pg_roles), and a forged or altered one fails closed (its
    revision then counts as unchecked)."""
    revision = _paper_revision(db, dependent_id)
    if revision is None:
        return False
    return verified_signoffs(ws, db, revision, dependent_id)[1] is None


def paper_deadline(db: Session) -> date | None:
    text = settings.get_text(db, PAPER_DEADLINE)
    return date.fromisoformat(text) if text else None


def set_paper_deadline(ws: WorkspaceSession, deadline: date | None) -> None:
    """The society's own deadline for paper surveys (admins); None: the survey's deadline."""
    ws.require_role(Role.ADMIN, action_ja="紙の調査票の提出期限の設定",
                    action_en="set the deadline for paper surveys")
    with ws.transaction() as db:
        settings.set_text(db, PAPER_DEADLINE, deadline.isoformat() if deadline else "")
        ws.audit(db, "settings.paper_deadline", "settings:" + PAPER_DEADLINE,
                 {"deadline": deadline.isoformat() if deadline else None})


def split_pdf(data: bytes, first: int, last: int) -> bytes:
    """Pages ``first``..``last`` (from 1) of a PDF already checked by render.checker."""
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as source, pymupdf.open() as part:
        part.insert_pdf(source, from_page=first - 1, to_page=last - 1)
        return bytes(part.tobytes(garbage=3, deflate=True))


def _dependent_of(sub: schema.Submission, dependent_key: str) -> schema.Dependent:
    for dep in sub.dependents:
        if dep.dependent_id == dependent_key:
            return dep
    raise PaperInputError("dependent", "この被扶養者は被保険者の調査票にありません。",
                          "this dependent is not in the insured's survey.",
                          code="unknown_dependent")


def _paper_revision(db: Session, dependent_id: int) -> SubmissionRevision | None:
    """The latest paper revision that holds the dependent's entry (its ``entry`` signoff)."""
    return db.scalar(
        select(SubmissionRevision)
        .join(PaperSignoff, PaperSignoff.revision_id == SubmissionRevision.id)
        .where(PaperSignoff.dependent_id == dependent_id, PaperSignoff.kind == ENTRY)
        .order_by(SubmissionRevision.revision.desc()).limit(1))


class _Files:
    """The files of the new revision: the scans just read, and the files of the current
    revision (opened from their sealed blobs; the writer seals them again for the new one)."""

    def __init__(self, db: Session, master_key: bytes, current: SubmissionRevision) -> None:
        self._db, self._mk, self._current = db, master_key, current
        self.new: dict[str, bytes] = {}

    def read_file(self, object_id: str) -> bytes:
        if object_id in self.new:
            return self.new.pop(object_id)
        att = self._db.scalars(
            select(Attachment)
            .join(RequiredDocument, RequiredDocument.id == Attachment.required_document_id)
            .where(RequiredDocument.revision_id == self._current.id,
                   Attachment.file_key == object_id)).first()
        if att is None or att.blob is None:
            raise UserError("前の版のファイルが見つかりません。", "a file of the previous revision "
                            "is missing.", code="paper_file_missing", subject=object_id)
        return att.blob.open_document(self._mk, att)


__all__ = ["PAPER_DEADLINE", "EntryResult", "PaperCheckPending",
           "PaperInputError", "PaperService", "PaperState", "PaperTarget", "Scan",
           "check_pending", "paper_deadline", "parse_answers", "set_paper_deadline",
           "split_pdf"]
