"""The exclusion list (除外者一覧) for the society's 被扶養者異動 processing (issue 7).

:func:`exclusion_rows` gives one row per approved exclusion, with the names opened from the
seal; :func:`write_exclusion_list` writes them as CSV or Excel (formatting in
``reviewer_app.exports.exclusion_list``). Supervisors and admins only: the list carries every
excluded dependent's personal data, and examiners work case by case.

Writing: a temporary file is made beside the target first (a path that cannot be written fails
before any personal data is opened), the rows are read in a read-only transaction and written to
it; the export is then audited (``export.exclusions``: count and format, never a name) and
committed, and only after that is the temporary file renamed to the target.
So a file with personal data never appears under its name without its audit event. The reverse
(an event whose rename failed) is possible but rare, since the temporary file already sits in
the target folder; the user then sees :class:`OutputNotWritable`, and nothing is left behind.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from reviewer_app.atomic import OutputNotWritable, publish, temporary_output
from reviewer_app.errors import InputError
from reviewer_app.exports.exclusion_list import FORMATS, ExclusionRow, render
from reviewer_app.services import case_trust
from reviewer_app.services.outcomes import outcomes, people
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store.enums import Role, Verdict

AUDIT_ACTION = "export.exclusions"


class UnknownFormat(InputError):
    def __init__(self, fmt: str) -> None:
        choices = " / ".join(FORMATS)
        super().__init__(
            f"形式 {fmt!r} には対応していません。{choices} のどれかを指定してください。",
            f"The format {fmt!r} is not supported. Choose one of {choices}.",
            code="unknown_format", subject=fmt)


def _require(ws: WorkspaceSession, action_ja: str, action_en: str) -> None:
    ws.require_role(Role.SUPERVISOR, Role.ADMIN, action_ja=action_ja, action_en=action_en)


def _card_key(text: str) -> tuple[int, int, str]:
    """記号 and 番号 are digit strings: "99" before "123", as on the society's own lists."""
    return (0, int(text), text) if text.isdigit() else (1, 0, text)


def _rows(db: Session, mk: bytes) -> list[ExclusionRow]:
    found = outcomes(db, mk, verdict=Verdict.EXCLUDE)
    persons = people(db, mk, [o.dependent_id for o in found])
    rows: list[ExclusionRow] = []
    for o in found:
        p = persons[o.dependent_id]
        rows.append(ExclusionRow(
            case_id=o.case_id, office_code=p.office_code, office_name=p.office_name,
            card_symbol=p.card_symbol, card_number=p.card_number, insured_name=p.insured_name,
            dependent_name=p.dependent_name, dependent_kana=p.dependent_kana,
            birth_date=p.birth_date, relationship_label=p.relationship_label,
            exclusion_date=o.exclusion_date, reason=o.rule_ja, approved_by=o.approved_by,
            approved_at=o.approved_at))
    # By 記号・番号, so that the dependents of one insured member stand together.
    rows.sort(key=lambda r: (_card_key(r.card_symbol), _card_key(r.card_number), r.case_id))
    return rows


def exclusion_rows(ws: WorkspaceSession) -> list[ExclusionRow]:
    """Every approved exclusion, ordered by 記号・番号 (supervisor or admin)."""
    _require(ws, "除外者一覧の表示", "view the exclusion list")
    with ws.transaction(readonly=True) as db:
        rows = _rows(db, ws.master_key)
        # a forged approval never reaches the society's filing (issue 8 §1)
        case_trust.require_trusted(ws, db, [r.case_id for r in rows])
        return rows


def write_exclusion_list(ws: WorkspaceSession, path: Path, fmt: str) -> int:
    """Write the exclusion list to ``path`` as ``fmt`` (``csv`` or ``xlsx``) and return how many
    rows it has. Raises :class:`OutputNotWritable` (nothing written) when ``path`` cannot be
    written, :class:`UnknownFormat` for another format, PermissionDenied for an examiner."""
    _require(ws, "除外者一覧の書き出し", "export the exclusion list")
    if fmt not in FORMATS:
        raise UnknownFormat(fmt)
    path = Path(path)
    handle, tmp = temporary_output(path)  # OutputNotWritable before any personal data is opened
    try:
        with handle:
            rows = exclusion_rows(ws)
            data = render(rows, fmt)
            try:
                handle.write(data)
            except OSError as exc:  # e.g. the disk is full
                raise OutputNotWritable(path, exc.strerror or type(exc).__name__) from None
        with ws.transaction() as db:
            ws.audit(db, AUDIT_ACTION, "", {"count": len(rows), "format": fmt,
                                            "case_ids": sorted(r.case_id for r in rows)})
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    publish(tmp, path)  # fsync, rename; removes the temporary file if that fails
    return len(rows)
