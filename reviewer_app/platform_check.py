"""Can Qt's window platform load? Checked before the first QApplication, without importing Qt.

On a bare Linux desktop the xcb platform plugin needs X libraries that a Qt wheel does not ship
(``libxcb-cursor0`` and friends). Without them Qt prints "Could not load the Qt platform plugin
xcb" and aborts the process, after the demo has already built its workspace (issue 13). This
module names the missing system packages instead, per distribution family, so that the README's
first command either works or says exactly what to install.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from reviewer_app.errors import UserError


@dataclass(frozen=True)
class XcbLibrary:
    soname: str
    apt: str  # Debian / Ubuntu
    dnf: str  # Fedora / RHEL


# The NEEDED entries of PySide6's plugins/platforms/libqxcb.so and lib/libQt6XcbQpa.so.6 that
# are not Qt's own nor the C/C++ runtime (``objdump -p … | grep NEEDED``).
XCB_LIBRARIES: tuple[XcbLibrary, ...] = (
    XcbLibrary("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    XcbLibrary("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    XcbLibrary("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    XcbLibrary("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    XcbLibrary("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    XcbLibrary("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    XcbLibrary("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    XcbLibrary("libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    XcbLibrary("libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    XcbLibrary("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
    XcbLibrary("libxcb-render.so.0", "libxcb-render0", "libxcb"),
    XcbLibrary("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    XcbLibrary("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
    XcbLibrary("libxcb.so.1", "libxcb1", "libxcb"),
    XcbLibrary("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon"),
    XcbLibrary("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
    XcbLibrary("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    XcbLibrary("libX11.so.6", "libx11-6", "libX11"),
    XcbLibrary("libGL.so.1", "libgl1", "libglvnd-glx"),
    XcbLibrary("libglib-2.0.so.0", "libglib2.0-0", "glib2"),
)

Loader = Callable[[str], object]


def _load(soname: str) -> object:
    return ctypes.CDLL(soname)


def uses_xcb(environ: Mapping[str, str], platform: str) -> bool:
    """Whether Qt will pick the xcb plugin: asked for it, or nothing asked for on Linux."""
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        # "xcb" or a fallback list such as "wayland;xcb": xcb is the one that aborts.
        first = requested.split(";")[0].split(":")[0].strip()
        return first == "xcb"
    return platform.startswith("linux")


def missing_xcb_libraries(loader: Loader | None = None) -> list[XcbLibrary]:
    """The libraries of the xcb plugin that the dynamic loader cannot open."""
    loader = loader or _load
    missing: list[XcbLibrary] = []
    for library in XCB_LIBRARIES:
        try:
            loader(library.soname)
        except OSError:
            missing.append(library)
    return missing


class PlatformUnavailable(UserError):
    """Qt's window platform cannot load: the system packages to install (exit status 2)."""

    exit_code = 2

    def __init__(self, missing: list[XcbLibrary]) -> None:
        libs = ", ".join(lib.soname for lib in missing)
        apt = " ".join(dict.fromkeys(lib.apt for lib in missing))
        dnf = " ".join(dict.fromkeys(lib.dnf for lib in missing))
        ja = ("画面を開けません: Qt の xcb プラットフォームに必要なライブラリがありません"
              f" ({libs})。\n"
              "次のパッケージをインストールしてから、もう一度実行してください。\n"
              f"  Debian / Ubuntu: sudo apt install {apt}\n"
              f"  Fedora / RHEL:   sudo dnf install {dnf}")
        en = (f"Cannot open the window: Qt's xcb platform needs libraries that are missing "
              f"({libs}).\nInstall these packages, then run the command again.\n"
              f"  Debian / Ubuntu: sudo apt install {apt}\n"
              f"  Fedora / RHEL:   sudo dnf install {dnf}")
        super().__init__(ja, en, code="qt_platform_unavailable", subject=libs)
        self.missing = missing

    def message(self, lang: str | None = None) -> str:
        # Both languages: the console may be read before any language was chosen.
        return f"{self.ja}\n\n{self.en}"


def ensure_window_platform(environ: Mapping[str, str] | None = None,
                           platform: str | None = None,
                           loader: Loader | None = None) -> None:
    """Raise :class:`PlatformUnavailable` when Qt's xcb plugin would fail to load."""
    env = os.environ if environ is None else environ
    if not uses_xcb(env, sys.platform if platform is None else platform):
        return
    missing = missing_xcb_libraries(loader)
    if missing:
        raise PlatformUnavailable(missing)
