"""Search by name, kana or card symbol-number without storing them in clear: a keyed blind index.

Choice and its cost
    Each searchable value is normalised (:func:`normalise`) and the index stores
    ``HMAC-SHA256(k, field ‖ 0x00 ‖ text)[:16]`` for the whole value, for each space-separated
    part (family name, given name) and for every prefix of those of at least
    :data:`MIN_PREFIX` characters (up to :data:`MAX_PREFIX`), in :class:`SearchToken`. A query is
    normalised the same way and matched by equality on the token column (an index lookup), so the
    queue searches as fast as in clear. ``k`` is derived from the master key with HKDF-SHA256
    (info ``reviewer-app blind index v1``, salt = workspace id): without the master key a token
    reveals nothing and cannot be brute-forced from a dictionary of names.

    What it does leak, to someone holding the database but not the key: which rows share a value
    or a prefix (equality), and so the frequency of surnames. Prefixes shorter than
    :data:`MIN_PREFIX` are not stored to limit this; a one-character surname is still found
    because every whole part is stored. Substring (infix) search is not supported: "花子" finds
    "山田 花子" because it is a part, but "田花" finds nothing.

Normalisation
    NFKC (full-width digits and half-width kana become standard), lower case, katakana folded to
    hiragana (so "ヤマダ" finds "やまだ"), white space (including the ideographic space)
    collapsed. Card symbol and number become ``"<symbol>-<number>"`` with leading zeros kept;
    the query ``"12 345"``, ``"12-345"`` or ``"12－345"`` all normalise to ``"12-345"``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import CompoundSelect, func, select, union

from reviewer_app.store.models import Dependent, SearchToken

MIN_PREFIX = 2
MAX_PREFIX = 16
TOKEN_BYTES = 16
_HKDF_INFO = b"reviewer-app blind index v1"
_CONTENT_INFO = b"reviewer-app content mac v1"


class Field(StrEnum):
    NAME = "name"  # a person's name in kanji (or as written)
    KANA = "kana"
    CARD = "card"  # the insured's card symbol-number


def derive_key(master_key: bytes, workspace_id: str, info: bytes = _HKDF_INFO) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=workspace_id.encode(), info=info
    ).derive(master_key)


def content_mac_key(master_key: bytes, workspace_id: str) -> bytes:
    """The key of ``SubmissionRevision.content_mac`` (same derivation, its own label)."""
    return derive_key(master_key, workspace_id, _CONTENT_INFO)


def content_mac(key: bytes, plaintext: bytes) -> bytes:
    return hmac.new(key, plaintext, hashlib.sha256).digest()


_SPACE = re.compile(r"\s+")
_CARD_SEP = re.compile(r"[\s\-‐‑–—−ー－・/]+")


def _hiragana(text: str) -> str:
    # Katakana U+30A1..U+30F6 map to hiragana by a fixed offset of 0x60.
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def normalise(field: Field, value: str) -> str:
    text = unicodedata.normalize("NFKC", value).strip().lower()
    if field is Field.CARD:
        return "-".join(p for p in _CARD_SEP.split(text) if p)
    if field is Field.KANA:
        text = _hiragana(text)
    return _SPACE.sub(" ", text)


def card_text(symbol: str, number: str) -> str:
    return f"{symbol}-{number}"


def _token(key: bytes, field: Field, text: str) -> bytes:
    mac = hmac.new(key, field.value.encode() + b"\x00" + text.encode("utf-8"), hashlib.sha256)
    return mac.digest()[:TOKEN_BYTES]


def _prefixes(text: str) -> set[str]:
    out = {text[:MAX_PREFIX]}
    out.update(text[:n] for n in range(MIN_PREFIX, min(len(text), MAX_PREFIX) + 1))
    return {t for t in out if t}


def index_tokens(key: bytes, field: Field, value: str) -> set[bytes]:
    """Every token stored for ``value``: the whole, each part, and their prefixes."""
    text = normalise(field, value)
    if not text:
        return set()
    candidates = {text.replace(" ", "")}
    if field is Field.CARD:
        candidates.add(text.split("-")[-1])  # the number alone
    else:
        candidates.update(text.split(" "))
    texts: set[str] = set()
    for c in candidates:
        texts |= _prefixes(c)
    return {_token(key, field, t) for t in texts}


def query_tokens(key: bytes, query: str) -> set[bytes]:
    """The tokens a free-text query may match, in any field (a name, kana or card)."""
    out: set[bytes] = set()
    for field in Field:
        text = normalise(field, query)
        if field is not Field.CARD:
            text = text.replace(" ", "")
        if text:
            out.add(_token(key, field, text[:MAX_PREFIX]))
    return out


def tokens_for_person(key: bytes, values: Iterable[tuple[Field, str]]) -> set[bytes]:
    tokens: set[bytes] = set()
    for field, value in values:
        tokens |= index_tokens(key, field, value)
    return tokens


def search_tokens(key: bytes, query: str) -> set[bytes]:
    """The blind-index tokens a query may match.

    Besides :func:`query_tokens`, a run of digits typed without the separator
    (``12345678``) is tried as every symbol-number split (``1-2345678`` … ``1234567-8``): the
    index stores the card as ``<symbol>-<number>`` and the examiner may not know where the
    symbol ends.
    """
    tokens = query_tokens(key, query)
    card = normalise(Field.CARD, query)
    if card.isdigit() and len(card) >= 2:
        for i in range(1, len(card)):
            tokens |= query_tokens(key, f"{card[:i]}-{card[i:]}")
    return tokens


def search_mac(key: bytes, query: str) -> str:
    """A keyed MAC of a normalised search, for the audit trail instead of the text: whoever
    holds the workspace key can tell whether a given name was searched, nobody else can read
    it (16 bytes, hex)."""
    text = normalise(Field.NAME, query).replace(" ", "")
    return hmac.new(key, b"audit-search\x00" + text.encode("utf-8"),
                    hashlib.sha256).hexdigest()[:32]


def matching_dependents(key: bytes, query: str) -> CompoundSelect[tuple[int]]:
    """``SELECT dependents.id`` whose own tokens, or their insured's, match ``query``.

    A UNION of two index lookups (``search_tokens.token``, then ``dependents`` by member): an
    ``OR`` of the two made SQLite scan every dependent.
    """
    tokens = list(search_tokens(key, query))
    # coalesce(): keeps the planner on the token index. A bare "dependent_id IS NULL" made
    # SQLite walk ix_search_tokens_dependent_id over every insured token (180 ms at 100,000).
    insured_row = func.coalesce(SearchToken.dependent_id, 0) == 0
    own = select(SearchToken.dependent_id).where(SearchToken.token.in_(tokens), ~insured_row)
    insured = select(Dependent.id).join(SearchToken, SearchToken.member_id == Dependent.member_id
                                        ).where(SearchToken.token.in_(tokens), insured_row)
    return union(own, insured)


def token_rows(key: bytes, *, member_id: int, dependent_id: int | None,
               values: Iterable[tuple[Field, str]]) -> list[dict[str, object]]:
    """The ``search_tokens`` rows indexing one person (the insured when ``dependent_id`` is
    None), ready for a Core ``insert``. On a new revision, delete the member's old rows first."""
    return [{"member_id": member_id, "dependent_id": dependent_id, "token": t}
            for t in sorted(tokens_for_person(key, values))]
