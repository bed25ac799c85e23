"""Text normalization and content hashing of articles."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from ..resources import data_rows

_WS = re.compile(r"\s+")
# Zero-width and bidirectional control characters: kept out of the stored text
# (they hide content and break offsets in browsers), other text is untouched.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """The text as stored: NFC, no control or invisible characters, trimmed,
    line breaks kept (paragraphs matter for quotes)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _INVISIBLE.sub("", text)
    return text.strip()


def clean_title(title: str) -> str:
    """A title without an agency's handling words in capitals at its head ("URGENT ...",
    ``data/title_slugs.tsv``); "" for a line that is a note to editors ("ATTENTION - ADDS
    quotes ///") or holds no words outside brackets ("= (PICTURE) =")."""
    title = clean_text(title)
    slugs = _title_slugs()
    while True:
        first, _, rest = title.partition(" ")
        kind = slugs.get(first.lower()) if first.isupper() else None
        if kind == "service":
            return ""
        if kind != "priority" or not rest.strip():
            break
        title = rest.strip()
    if not re.search(r"[A-Za-z]{2}", re.sub(r"\([^)]*\)", "", title)):
        return ""
    return title


@lru_cache(maxsize=1)
def _title_slugs() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in data_rows("storyline.ingest", "title_slugs.tsv", strip=True)
            if len(row) >= 2}


def content_key(text: str) -> str:
    """Normalized form used for identity: case- and whitespace-insensitive."""
    return _WS.sub(" ", text.casefold()).strip()


def article_id(text: str) -> str:
    return hashlib.sha256(content_key(text).encode("utf-8")).hexdigest()[:16]
