"""The case's documents as the viewer lists them, and the next case's first one fetched ahead."""

from __future__ import annotations

import logging

from reviewer_app.services.case_views import CaseDetail
from reviewer_app.services.casework import CaseService
from reviewer_app.ui.tasks import TaskManager
from reviewer_app.ui.viewer import AttachmentGroup, AttachmentRef, DocumentViewer

log = logging.getLogger(__name__)


def attachment_groups(detail: CaseDetail) -> list[AttachmentGroup]:
    return [AttachmentGroup(doc.title, [
        AttachmentRef(str(a.attachment_id), a.name, a.media_type, a.rotation, a.is_new,
                      problem=a.problem)
        for a in doc.attachments]) for doc in detail.documents]


def prefetch_first_document(tasks: TaskManager, service: CaseService, viewer: DocumentViewer,
                            case_id: int) -> None:
    """Fetch the first document of ``case_id`` ahead of time (the next case in the queue)."""

    def first_refs() -> list[AttachmentRef]:
        detail = service.open_case(case_id, take=False)
        return next(([g.attachments[0]] for g in attachment_groups(detail) if g.attachments), [])

    # A prefetch that fails (the case was taken, is damaged, …) only costs the head start: it is
    # logged (an unexpected failure with its trace, by the task manager), never shown.
    tasks.run(first_refs, viewer.prefetch,
              lambda failure: log.info("prefetch of the next case failed (%s)", failure.code),
              receiver=viewer)
