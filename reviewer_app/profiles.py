"""Rule profiles on disk: ``resources/profiles/<name>.toml`` or any TOML file by path.

The domain validates (``profile_from_mapping``); this module only finds and parses files.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from reviewer_app.domain.profile import ProfileError, RuleProfile, profile_from_mapping
from reviewer_app.resources import resource_path

DEFAULT_PROFILE = "default"


def profiles_dir() -> Path:
    return resource_path("profiles")


def list_profiles() -> list[str]:
    """Names of the shipped profiles, sorted."""
    return sorted(p.stem for p in profiles_dir().glob("*.toml"))


def profile_path(name_or_path: str) -> Path:
    """A shipped profile's file by name, or the given path (anything with a suffix or a slash)."""
    if name_or_path.endswith(".toml") or "/" in name_or_path or "\\" in name_or_path:
        return Path(name_or_path)
    return profiles_dir() / f"{name_or_path}.toml"


def load_profile(name_or_path: str) -> RuleProfile:
    """Load and validate a profile; raises :class:`ProfileError` for a missing, unreadable,
    malformed or invalid file (``key`` is ``(file)`` when the file itself is the problem)."""
    path = profile_path(name_or_path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        known = ", ".join(list_profiles())
        raise ProfileError(str(path), "(file)",
                           f"プロファイル「{name_or_path}」はありません(あるもの: {known})",
                           f"no profile {name_or_path!r} (known: {known})") from None
    except OSError as exc:
        raise ProfileError(str(path), "(file)", f"読めません({exc.strerror})",
                           f"cannot be read ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(str(path), "(file)", f"TOML として読めません({exc})",
                           f"is not valid TOML ({exc})") from None
    return profile_from_mapping(data, str(path), name=path.stem)
