"""Quotation spans found from the quotation marks in the raw text.

Pure text scanning (no parse): each paragraph (text between line breaks) is scanned once.
Closing marks of either double style close a double quotation (copy that mixes “ with ").
A double quotation left open at the end of a paragraph is normal in news when the same
speaker goes on in the next paragraph, which then opens with a quotation mark again; the
next paragraph's span records that it continues the previous one (``continues``).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..nlp.docview import cached, doc_text
from .lexicon import marks

_PARAGRAPH = re.compile(r"[^\n]+")
_OPEN_BEFORE = set(" \t\u00a0([{—–-/") | {""}
# at most this many characters for a quotation in single marks (they double as apostrophes)
_SINGLE_MAX = 300
_ASCII_DOUBLE = re.compile(r"''|``")
_FILLER = "\x01"  # stands for the second character of a two-character mark while scanning


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (or the paragraph end when left open)
    kind: str  # "double" | "single"
    closed: bool = True
    continues: int | None = None  # index of the span (in the returned list) this one continues
    widths: tuple[int, int] = (1, 1)  # characters of the opening and closing marks ('' is two)

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the quoted words without the marks."""
        return self.start + self.widths[0], self.end - (self.widths[1] if self.closed else 0)


def _opens(text: str, i: int, para_start: int) -> bool:
    before = text[i - 1] if i > para_start else ""
    j = i + 2 if text[i + 1:i + 2] == _FILLER else i + 1  # past a two-character mark
    after = text[j] if j < len(text) else ""
    if after in ("", " ", "\n"):
        return False
    return before in _OPEN_BEFORE or not before.isalnum() and before not in ".,;:!?"


def _closes_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else ""
    return not after.isalnum()


def doc_quote_spans(doc) -> tuple[QuoteSpan, ...]:
    """``find_quote_spans`` of a parsed doc's text, computed once per doc (the entity and
    the quote stages both ask)."""
    return cached(doc, "storyline.quote_spans", lambda d: tuple(find_quote_spans(doc_text(d))))


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All quotation spans of ``text``, in order, outermost only for double marks. Two
    apostrophes ('') are one straight double mark, as typewriter-era copy writes them
    (''Well, it's silly,'' she said); two grave accents (``) are an opening one, as treebank
    copy writes them (`` Well , it 's silly , '' she said)."""
    if "''" not in text and "``" not in text:
        return _find_spans(text)
    # `` only ever opens (treebank copy puts a space after it: "`` ridiculous spectacle ''"),
    # so it is scanned as a curly opening mark; '' opens or closes like a straight mark
    spans = _find_spans(_ASCII_DOUBLE.sub(lambda m: ("\u201c" if m.group() == "``" else '"') + _FILLER, text))
    out = []
    for q in spans:
        opening = 2 if text.startswith(("''", "``"), q.start) else 1
        closing = 2 if q.closed and text.startswith("''", q.end - 1) else 1
        out.append(dataclasses.replace(q, end=q.end + closing - 1, widths=(opening, closing)))
    return out


def _find_spans(text: str) -> list[QuoteSpan]:
    ms = marks()
    out: list[QuoteSpan] = []
    carried: int | None = None  # index of a span left open at the previous paragraph end
    for para in _PARAGRAPH.finditer(text):
        p0, p1 = para.start(), para.end()
        while p0 < p1 and text[p0].isspace():
            p0 += 1
        if p0 >= p1:
            continue
        d_open: int | None = None
        d_char = ""
        inner = False  # a straight quotation open inside a curly one
        s_open: int | None = None
        s_char = ""
        cont_from = carried
        carried = None
        for i in range(p0, p1):
            c = text[i]
            if c in ms.double_open or c in ms.double_close:
                if d_open is None:
                    if c in ms.double_open and (c not in ms.double_close or _opens(text, i, p0)):
                        d_open, d_char, inner = i, c, False
                        s_open = None
                elif c == d_char and c not in ms.double_close and text[i + 1:i + 2] == _FILLER:
                    # a treebank opening `` inside a quotation it opened: the copy left the
                    # first one unclosed ("`` This is a legal disaster , X told reporters . ``
                    # It seems ...''"), which ends where the next begins (curly copy nests
                    # and mistypes its marks too often for the same rule: "“Mostly False.“")
                    end = i
                    while end > d_open and text[end - 1].isspace():
                        end -= 1
                    cont = cont_from if d_open == p0 else None
                    out.append(QuoteSpan(d_open, end, "double", False, cont))
                    d_open, d_char, inner, cont_from = i, c, False, None
                elif c in ms.double_close:
                    # scraped copy mixes styles (“...," said X. "...”): a closing mark of the
                    # other style closes too, unless a straight quotation opened inside this one
                    same = c in ms.pairs.get(d_char, ())
                    both = c in ms.double_open and c in ms.double_close
                    if both and _opens(text, i, p0) and i > d_open + 1 and text[i - 1] == " ":
                        inner = inner or not same
                        continue  # a straight mark opening after a space: not a close
                    if both and not same and inner:
                        inner = False  # closes the straight quotation inside
                        continue
                    cont = cont_from if d_open == p0 else None
                    out.append(QuoteSpan(d_open, i + 1, "double", True, cont))
                    d_open, cont_from = None, None
                continue
            if d_open is not None:
                continue  # single marks inside a double quotation are part of its words
            if c in ms.single_open and s_open is None and _opens(text, i, p0):
                if c in ms.single_close and i > p0 and text[i - 1].isalnum():
                    continue
                s_open, s_char = i, c
            elif s_open is not None and c in ms.pairs.get(s_char, ()) and _closes_single(text, i):
                if i - s_open <= _SINGLE_MAX and i > s_open + 1:
                    out.append(QuoteSpan(s_open, i + 1, "single", True, None))
                s_open = None
        if d_open is not None:
            end = p1
            while end > d_open and text[end - 1].isspace():
                end -= 1
            cont = cont_from if d_open == p0 else None
            out.append(QuoteSpan(d_open, end, "double", False, cont))
            carried = len(out) - 1
    return out
