"""Failures of case work that a person can act on (what is wrong, what to do), in ja and en.

Messages never name a person or an amount: they may be logged. ``subject`` names the case,
attachment or field concerned.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reviewer_app.errors import UserError
from reviewer_app.services.errors import PermissionDenied


class CaseNotFound(UserError):
    def __init__(self, case_id: int) -> None:
        super().__init__(
            f"案件 {case_id} が見つかりません。キューを更新してから選び直してください。",
            f"Case {case_id} does not exist. Refresh the queue and choose again.",
            code="case_not_found", subject=f"case:{case_id}")


class AttachmentNotFound(UserError):
    def __init__(self, attachment_id: int) -> None:
        super().__init__(
            f"添付資料 {attachment_id} が見つかりません。案件を開き直してください。",
            f"Attachment {attachment_id} does not exist. Open the case again.",
            code="attachment_not_found", subject=f"attachment:{attachment_id}")


class CaseDamaged(UserError):
    """A sealed value of the case does not open: damaged, moved to another row or replayed."""

    def __init__(self, case_id: int) -> None:
        super().__init__(
            f"案件 {case_id} のデータが壊れているか書き換えられているため開けません"
            "（ほかの案件は開けます）。管理者に連絡し、バックアップからの復元を相談してください。",
            f"Case {case_id} cannot be opened: its data is damaged or was altered (other cases "
            "open as usual). Contact your administrator about restoring it from a backup.",
            code="case_damaged", subject=f"case:{case_id}")


class DocumentDamaged(UserError):
    """The document's sealed bytes do not open: damaged, or its row moved to another owner."""

    def __init__(self, attachment_id: int) -> None:
        super().__init__(
            f"提出書類 {attachment_id} は壊れているか書き換えられているため開けません"
            "（ほかの書類は開けます）。管理者に連絡してください。",
            f"Document {attachment_id} cannot be opened: it is damaged or was altered (other "
            "documents open as usual). Contact your administrator.",
            code="document_damaged", subject=f"attachment:{attachment_id}")


class CreatedByProposer(UserError):
    """Separation of duties: a supervisor account created by the proposal's author."""

    def __init__(self, case_id: int) -> None:
        super().__init__(
            f"案件 {case_id} の判定案を出した人が作成したアカウントでは、その判定案を承認も"
            "差し戻しもできません（職務の分離）。別の承認者に依頼してください。",
            f"An account created by the author of case {case_id}'s proposal may neither approve "
            "nor return it (separation of duties). Ask another supervisor.",
            code="created_by_proposer", subject=f"case:{case_id}")


class CaseHeldByOther(UserError):
    """Someone else holds the case (or nobody does): only the holder edits it."""

    def __init__(self, case_id: int, holder: str | None) -> None:
        if holder is None:
            ja = (f"案件 {case_id} は担当者がいません。案件を開いて担当になってから"
                  "入力してください。")
            en = f"Case {case_id} has no examiner. Open it to take it before editing."
        else:
            ja = (f"案件 {case_id} は {holder} さんが担当しています。閲覧だけできます。"
                  "担当を替えるには承認者に担当の解除を依頼してください。")
            en = (f"Case {case_id} is held by {holder}; you can only read it. Ask a supervisor "
                  "to release it if you should take it over.")
        super().__init__(ja, en, code="case_held", subject=f"case:{case_id}")
        self.holder = holder


class CaseLocked(UserError):
    """The case's status does not allow the change (awaiting approval, done…)."""

    def __init__(self, case_id: int, status_ja: str, status_en: str, what_ja: str,
                 what_en: str) -> None:
        super().__init__(
            f"案件 {case_id} は「{status_ja}」のため{what_ja}。",
            f"Case {case_id} is {status_en}, so {what_en}.",
            code="case_locked", subject=f"case:{case_id}")


class StaleCase(UserError):
    """The case changed on another workstation since this one loaded it."""

    def __init__(self, case_id: int, changed_by: str | None = None) -> None:
        who_ja = f"{changed_by} さんが" if changed_by else "ほかの端末で"
        who_en = f"by {changed_by}" if changed_by else "on another workstation"
        super().__init__(
            f"案件 {case_id} は{who_ja}更新されました。入力内容はそのままです。"
            "案件を開き直して最新の状態を確かめてから、もう一度操作してください。",
            f"Case {case_id} was changed {who_en}. Your entries are kept. Reopen the case, "
            "check its current state, then try again.",
            code="case_stale", subject=f"case:{case_id}")


class ConflictError(UserError):
    """A save lost the optimistic-lock race: someone saved a newer version first.

    ``theirs`` is the stored value (the income sheet as a dict, or a document check), with
    ``their_version``, ``changed_by`` and ``changed_at``; ``differences`` lists the paths that
    differ from what this workstation tried to save (``employers[0].payments 2024-03``), so
    the window can show what changed and keep the examiner's entries (they are not touched).
    """

    def __init__(self, what_ja: str, what_en: str, subject: str, *, theirs: Any,
                 their_version: int | None, changed_by: str | None,
                 changed_at: datetime | None, differences: list[str]) -> None:
        who = changed_by or "?"
        listed = "、".join(differences[:10]) + (" ほか" if len(differences) > 10 else "")
        listed_en = ", ".join(differences[:10]) + (" and more" if len(differences) > 10 else "")
        diff_ja = f"違う項目: {listed}。" if differences else ""
        diff_en = f" Differences: {listed_en}." if differences else ""
        super().__init__(
            f"{what_ja}は先に {who} さんが保存しました。{diff_ja}"
            "あなたの入力は消えていません。相手の内容を確かめてから、残す方を保存し直してください。",
            f"{who} saved the {what_en} first.{diff_en} Your entries are not lost: compare them "
            "with the saved version and save again what should stay.",
            code="conflict", subject=subject)
        self.theirs = theirs
        self.their_version = their_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.differences = differences


class InvalidIncomeSheet(UserError):
    """The sheet does not pass the rules engine's input contract; nothing was stored."""

    def __init__(self, field: str, problem_ja: str, problem_en: str,
                 where: tuple[str, str] | None = None) -> None:
        # The examiner reads words (「賞与 1 行目の支給月」), never the path (issue 13); the
        # path stays in ``field`` and ``subject`` for callers and the CLI.
        ja, en = where if where is not None else ("入力内容", "an entry")
        super().__init__(
            f"収入の入力({ja}): {problem_ja}。直してから保存してください(入力は残っています)。",
            f"Income entry ({en}): {problem_en}. Correct it and save again (your entries are "
            "kept).",
            code="invalid_income_sheet", subject=field)
        self.field = field


class InvalidInput(UserError):
    def __init__(self, field: str, ja: str, en: str) -> None:
        super().__init__(ja, en, code="invalid_input", subject=field)
        self.field = field


class SelfApprovalRefused(PermissionDenied):
    """Four eyes: nobody approves or returns their own proposal, whatever their role."""

    def __init__(self, case_id: int) -> None:
        UserError.__init__(
            self,
            f"案件 {case_id} の判定案はあなたが作成したため、承認も差し戻しもできません。"
            "ほかの承認者に依頼してください。",
            f"You proposed the verdict of case {case_id}, so you may not approve or return it. "
            "Ask another supervisor.",
            code="self_approval_refused", subject=f"case:{case_id}")


class EvaluationChanged(UserError):
    """At approval the evaluation of the current data no longer matches the proposal's."""

    def __init__(self, case_id: int, changes_ja: list[str], changes_en: list[str]) -> None:
        super().__init__(
            f"案件 {case_id} は判定案の作成後に判定結果が変わったため承認できません"
            f"({'、'.join(changes_ja)})。差し戻して担当者に見直しを依頼してください。",
            f"Case {case_id} cannot be approved: the evaluation changed since the proposal "
            f"({'; '.join(changes_en)}). Return it to the examiner for another look.",
            code="evaluation_changed", subject=f"case:{case_id}")
        self.changes_ja = changes_ja
        self.changes_en = changes_en
