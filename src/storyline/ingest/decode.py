"""Bytes to text: binary detection, byte-order marks, encodings."""
from __future__ import annotations

import codecs

from ..errors import BinaryInputError, EncodingError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if not head:
        return False
    if any(head.startswith(b) for b, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    ctrl = sum(1 for c in head if c < 9 or 13 < c < 32)
    return ctrl / len(head) > 0.10


def decode_bytes(data: bytes, path: str = "<input>") -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding). Raises BinaryInputError or
    EncodingError naming ``path``. UTF-8 (with or without BOM) and UTF-16/32
    with a BOM are taken as is; other text is decoded only when a detector is
    confident, else refused with the byte offset of the first bad byte."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise EncodingError(f"invalid {enc} after byte-order mark at byte {exc.start}", path) from exc
    if looks_binary(data):
        raise BinaryInputError("binary data, not text (is this a PDF, image or archive?)", path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - detector is optional
        best = None
    if best is not None and best.encoding and best.encoding.lower() not in ("utf_8", "utf-8"):
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    line = data[:first_bad].count(b"\n") + 1
    raise EncodingError(f"not valid UTF-8 (bad byte at offset {first_bad}) and no other encoding fits",
                        path, line)
