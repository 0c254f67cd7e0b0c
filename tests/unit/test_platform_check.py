"""Issue 13: the README's first command on a bare Linux desktop names the packages to install."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer_app import cli, platform_check
from reviewer_app.platform_check import (
    XCB_LIBRARIES,
    PlatformUnavailable,
    ensure_window_platform,
    missing_xcb_libraries,
)

BARE_DESKTOP = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"}


def bare_loader(soname: str) -> object:
    if soname in BARE_DESKTOP:
        raise OSError(f"{soname}: cannot open shared object file")
    return object()


def test_missing_libraries_are_those_the_loader_cannot_open() -> None:
    missing = missing_xcb_libraries(bare_loader)
    assert {lib.soname for lib in missing} == BARE_DESKTOP


def test_the_xcb_plugin_libraries_are_all_checked() -> None:
    sonames = {lib.soname for lib in XCB_LIBRARIES}
    assert sonames >= BARE_DESKTOP
    assert sonames >= {"libxcb-image.so.0", "libxcb-render-util.so.0", "libxkbcommon-x11.so.0"}


def test_bare_linux_desktop_names_apt_and_dnf_packages_in_both_languages() -> None:
    with pytest.raises(PlatformUnavailable) as caught:
        ensure_window_platform({}, "linux", bare_loader)
    error = caught.value
    assert error.exit_code == 2
    text = error.message()
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in text
    assert "sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms" in text
    assert "インストール" in text and "Install these packages" in text
    assert error.message("en") == text


def test_explicit_xcb_is_checked_and_other_platforms_are_not() -> None:
    with pytest.raises(PlatformUnavailable):
        ensure_window_platform({"QT_QPA_PLATFORM": "xcb"}, "linux", bare_loader)
    ensure_window_platform({"QT_QPA_PLATFORM": "offscreen"}, "linux", bare_loader)
    ensure_window_platform({"QT_QPA_PLATFORM": "wayland"}, "linux", bare_loader)
    ensure_window_platform({}, "win32", bare_loader)
    ensure_window_platform({}, "darwin", bare_loader)


def test_complete_desktop_passes() -> None:
    ensure_window_platform({}, "linux", lambda soname: object())


def test_demo_exits_2_before_building_its_workspace(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(platform_check, "_load", bare_loader)
    directory = tmp_path / "demo"
    assert cli.main(["demo", "--workspace", str(directory)]) == 2
    err = capsys.readouterr().err
    assert "libxcb-cursor0" in err and "xcb-util-cursor" in err
    assert not directory.exists()


def test_gui_exits_2_with_the_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer_app.services.workspace import WORKSPACE_FILE

    (tmp_path / WORKSPACE_FILE).write_text("{}")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(platform_check, "_load", bare_loader)
    assert cli.main(["gui", "--workspace", str(tmp_path)]) == 2
    assert "libxcb-keysyms1" in capsys.readouterr().err
