"""Reading and writing TimeML (TempEval-3 ``.tml``) documents.

Only what the TIMEX3 evaluation needs: the document id, the creation time
(DCT), the raw text of ``<TEXT>`` with its TIMEX3 annotations as character
offsets into that raw text, and a writer that puts system TIMEX3 tags back
into a copy of the original file.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvalError

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)((?:\s+[^<>]*?)?)\s*(/?)>")
_ATTR = re.compile(r'([A-Za-z_:][A-Za-z0-9_:.-]*)\s*=\s*"([^"]*)"')
_TEXT_OPEN = re.compile(r"<TEXT>")
_TEXT_CLOSE = re.compile(r"</TEXT>")
_DCT = re.compile(r"<DCT>[^<]*(<TIMEX3[^>]*>)")  # text may precede the TIMEX3 ("LONDON, <TIMEX3 ...>")
_DOCID = re.compile(r"<DOCID>\s*(.*?)\s*</DOCID>", re.S)


@dataclass(frozen=True)
class GoldTimex:
    """One TIMEX3 of a TimeML document, offsets into :attr:`TimeMLDoc.text`."""

    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str = ""
    mod: str = ""


@dataclass(frozen=True)
class TimeMLDoc:
    path: str
    doc_id: str
    dct: str | None
    text: str
    timexes: tuple[GoldTimex, ...] = field(default_factory=tuple)
    # where system expressions count (char spans; empty = the whole text): a corpus that
    # annotates only some sentences (MEANTIME) scores only those
    scored: tuple[tuple[int, int], ...] = ()
    # the creation time's own extent when the text holds it (a date line): never scored
    dct_span: tuple[int, int] | None = None
    fmt: str = "tml"  # tml | cat (NewsReader CAT XML)


def attributes(tag_body: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(tag_body)}


def strip_tags(fragment: str) -> tuple[str, list[tuple[int, int, dict[str, str]]]]:
    """Raw text of an XML fragment and the spans of its TIMEX3 elements.

    Entities are unescaped so offsets count characters of the readable text.
    """
    out: list[str] = []
    length = 0
    spans: list[tuple[int, int, dict[str, str]]] = []
    open_timex: list[tuple[int, dict[str, str]]] = []
    pos = 0
    for m in _TAG.finditer(fragment):
        chunk = html.unescape(fragment[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, body, selfclose = m.group(1), m.group(2), m.group(3), m.group(4)
        if name != "TIMEX3":
            continue
        if closing:
            if open_timex:
                start, attrs = open_timex.pop()
                spans.append((start, length, attrs))
        elif selfclose:
            continue  # empty TIMEX3 (implicit times) have no extent
        else:
            open_timex.append((length, attributes(body)))
    out.append(html.unescape(fragment[pos:]))
    spans.sort(key=lambda s: (s[0], s[1]))
    return "".join(out), spans


def parse_tml(path: str | Path) -> TimeMLDoc:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read TimeML file ({exc})") from exc
    o, c = _TEXT_OPEN.search(raw), _TEXT_CLOSE.search(raw)
    if not o or not c:
        raise EvalError(f"{path}: no <TEXT> element")
    text, spans = strip_tags(raw[o.end():c.start()])
    dct = None
    m = _DCT.search(raw)
    if m:
        dct = attributes(m.group(1)).get("value") or None
    d = _DOCID.search(raw)
    doc_id = d.group(1) if d else path.stem
    timexes = tuple(
        GoldTimex(s, e, text[s:e], a.get("type", ""), a.get("value", ""), a.get("tid", ""), a.get("mod", ""))
        for s, e, a in spans
        if a.get("functionInDocument", "NONE") != "CREATION_TIME"
    )
    return TimeMLDoc(str(path), doc_id, dct, text, timexes)


def find_tml(directory: str | Path) -> list[Path]:
    directory = Path(directory)
    if directory.is_file():
        return [directory]
    if not directory.exists():
        raise EvalError(f"{directory}: no such corpus folder")
    return sorted(p for p in directory.rglob("*.tml") if not p.name.startswith("._"))


def _timex_tag(tid: str, t) -> str:
    attrs = [("tid", tid), ("type", t.type), ("value", t.value)]
    if getattr(t, "mod", ""):
        attrs.append(("mod", t.mod))
    attrs.append(("functionInDocument", "NONE"))
    body = " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs)
    return f"<TIMEX3 {body}>"


def render_text(text: str, timexes) -> str:
    """``text`` escaped for XML with non-overlapping ``timexes`` as TIMEX3 tags."""
    parts: list[str] = []
    pos = 0
    n = 0
    for t in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if t.start < pos or t.end <= t.start:
            continue
        n += 1
        parts.append(html.escape(text[pos:t.start], quote=False))
        parts.append(_timex_tag(f"t{n}", t))
        parts.append(html.escape(text[t.start:t.end], quote=False))
        parts.append("</TIMEX3>")
        pos = t.end
    parts.append(html.escape(text[pos:], quote=False))
    return "".join(parts)


def write_tml(doc: TimeMLDoc, timexes, out_path: str | Path) -> None:
    """A copy of ``doc``'s file whose <TEXT> holds only the system TIMEX3 tags.

    Everything outside <TEXT> (DOCID, DCT, ...) is kept as in the original;
    other annotations inside <TEXT> (EVENT, SIGNAL) are dropped.
    """
    raw = Path(doc.path).read_text(encoding="utf-8")
    o, c = _TEXT_OPEN.search(raw), _TEXT_CLOSE.search(raw)
    new = raw[:o.end()] + render_text(doc.text, timexes) + raw[c.start():]
    # links refer to annotations that are no longer there
    new = re.sub(r"<(TLINK|SLINK|ALINK|MAKEINSTANCE)\b[^>]*/>\s*", "", new)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(new, encoding="utf-8")
