"""Screenshots of quarantined uploads (issue 9): the case screen with the 書類 tab, the viewer
showing why a file cannot be opened, the 不備連絡 tab, and the window's import summary.

    xvfb-run -s "-screen 0 1920x1080x24" uv run python tests/benchmarks/shot_quarantine.py OUT

A workspace is made in a temporary folder; a bundle whose members uploaded a password-protected
PDF, a cut-off JPEG and a file of a type that is not accepted (beside sound files) is imported.
Each view is saved at 1366x768, 1440x900 and 1920x1080.
"""

from __future__ import annotations

import secrets
import shutil
import sys
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

SIZES = ((1366, 768), (1440, 900), (1920, 1080))


def _workspace(root: Path) -> tuple[Path, str, Path]:
    from helpers_bundles import CREATED_AT, insurer, make_png, submission_dict, survey
    from helpers_crafted import cut, encrypted_pdf
    from helpers_documents import make_jpeg, make_scanned_pdf

    from reviewer_app.bundle import schema
    from reviewer_app.bundle.writer import BundleWriter
    from reviewer_app.security.keys import (
        generate_signing_key,
        public_key_from_text,
        public_key_to_text,
    )
    from reviewer_app.services.exporters import trust_exporter
    from reviewer_app.services.users import add_user
    from reviewer_app.services.workspace import init_workspace, open_session

    ws = root / "ws"
    admin_pw, examiner_pw = secrets.token_urlsafe(12), secrets.token_urlsafe(12)
    init_workspace(ws, None, "admin", admin_pw)
    signing = generate_signing_key()
    with open_session(ws, "admin", admin_pw) as admin:
        add_user(admin, "examiner", "examiner", examiner_pw)
        trust_exporter(admin, public_key_to_text(signing.public_key()))
    recipient = public_key_from_text((ws / "recipient.pub").read_text(encoding="utf-8"))
    assert isinstance(recipient, X25519PublicKey)
    files = {"f-scan": make_scanned_pdf(2, target_bytes=400_000, dpi=120),
             "f-locked": encrypted_pdf(), "f-photo": make_png(),
             "f-cut": cut(make_jpeg(1200, 900), 0.6),
             "f-webp": b"RIFF\0\0\0\0WEBPVP8 not accepted" * 8}
    bundle = root / "bundle.zip"
    with BundleWriter(bundle, signing_key=signing, recipients=[recipient], insurer=insurer(),
                      survey=survey(), bundle_id="shot-quarantine",
                      created_at=CREATED_AT) as writer:
        for file_id, data in files.items():
            writer.add_file(file_id, data)
        first = submission_dict(1, [("f-scan", "application/pdf"),
                                    ("f-locked", "application/pdf")])
        second = submission_dict(2, [("f-photo", "image/png"), ("f-cut", "image/jpeg"),
                                     ("f-webp", "image/png")])
        for submission in (first, second):
            writer.add_submission(schema.Submission.model_validate(submission))
    return ws, examiner_pw, bundle


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from reviewer_app.services.cases import list_cases
    from reviewer_app.services.casework import CaseService
    from reviewer_app.services.importing import import_bundle
    from reviewer_app.services.workspace import open_session
    from reviewer_app.ui.case_view import CaseView
    from reviewer_app.ui.fonts import ensure_japanese_font
    from reviewer_app.ui.import_action import ImportAction
    from reviewer_app.ui.qt import QtCore, QtWidgets
    from reviewer_app.ui.tasks import TaskManager

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv)
    assert isinstance(app, QtWidgets.QApplication)
    ensure_japanese_font(app)
    root = Path(tempfile.mkdtemp(prefix="shot-quarantine-"))
    tasks = TaskManager("ja")
    try:
        ws, password, bundle = _workspace(root)
        session = open_session(ws, "examiner", password)
        summary = import_bundle(session, bundle)
        service = CaseService(session)
        cases = {row.card: row.case_id for row in list_cases(session)}

        def wait(condition: object, seconds: float = 30) -> None:
            timer = QtCore.QElapsedTimer()
            timer.start()
            while not condition() and timer.elapsed() < seconds * 1000:  # type: ignore[operator]
                app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)

        view = CaseView(tasks, service, session.user)
        for card, name, file_key in (("10-101", "locked", "f-locked"),
                                     ("10-102", "cut", "f-cut")):
            view.open_case(cases[card])
            wait(lambda card=card: view.detail is not None and not view.is_loading
                 and view.detail.case_id == cases[card])
            assert view.detail is not None
            attachment = next(a for d in view.detail.documents for a in d.attachments
                              if a.file_key == file_key)
            for width, height in SIZES:
                view.resize(width, height)
                view.show()
                view.viewer.show_attachment(str(attachment.attachment_id))
                tab = view.documents_tab
                view.tabs.setCurrentWidget(tab)
                tab.select_row(next(r for r in range(tab.model.rowCount())
                                    if tab.model.status_at(r).unusable))
                wait(lambda: False, 0.5)
                path = out / f"quarantine_{name}_documents_{width}x{height}.png"
                view.grab().save(str(path))
                print(path)
                view.tabs.setCurrentWidget(view.notice_tab)
                wait(lambda: False, 0.3)
                path = out / f"quarantine_{name}_notice_{width}x{height}.png"
                view.grab().save(str(path))
                print(path)
        parent = QtWidgets.QWidget()
        text = ImportAction(parent, session, tasks).summary_text(summary)
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Information, "取込", text)
        box.show()
        wait(lambda: False, 0.3)
        path = out / "quarantine_import_summary.png"
        box.grab().save(str(path))
        print(path)
        view.shutdown()
        session.close()
    finally:
        tasks.wait_idle()
        tasks.shutdown()
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
