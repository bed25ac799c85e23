"""A reader for CAT XML, the format of NewsReader MEANTIME and ECB+.

A CAT document is a list of ``<token t_id=".." sentence=".." number="..">``
elements, a ``<Markables>`` block (ENTITY_MENTION, EVENT_MENTION, TIMEX3,
VALUE, SIGNAL, ... in MEANTIME; ACTION_OCCURRENCE, HUMAN_PART_PER, ... in
ECB+), each either anchored to tokens (``<token_anchor t_id=".."/>``) or not
anchored at all (the corpus-level instances: ``<ENTITY ... instance_id="..">``),
and a ``<Relations>`` block (REFERS_TO, TLINK, HAS_PARTICIPANT,
CROSS_DOC_COREF, ...) of ``<source m_id>`` / ``<target m_id>`` lists.

API
---
``read_cat(path) -> CatDocument`` and ``read_cat_dir(folder) -> list[CatDocument]``
(every ``*.xml`` below the folder, sorted by path).

``CatDocument``
    ``doc_id``, ``name``, ``url``, ``path``;
    ``text`` — the tokens rebuilt into running text (see below);
    ``tokens`` — tuple of :class:`Token` (``t_id``, ``sentence``, ``number``,
    ``text`` as in the file, ``start``/``end`` char offsets into ``text``);
    ``markables`` — dict ``m_id -> Markable`` (``tag``, ``t_ids``, ``attrs``,
    ``start``/``end`` over its first..last token, ``-1`` when unanchored);
    ``relations`` — tuple of :class:`Relation` (``tag``, ``r_id``,
    ``sources``, ``targets`` as m_id tuples, ``attrs``).
    Helpers: ``mentions(tag)`` (anchored markables of one tag, in text order),
    ``instances(tags)`` (``m_id -> cross-document instance id``), ``dct()``,
    ``token_span(t_ids)``, ``token_index(start, end)``.

Rebuilt text: tokens of one sentence are joined by one space, except no
space before closing punctuation and clitics (``,`` ``.`` ``'s`` ``n't`` ``)``
...) and none after opening ones (``(`` ``$`` ``#`` ...); the PTB quote
tokens `````` and ``''`` and ``&quot;`` become ``"``; sentences are joined by a
newline. Token offsets are exact into that text, so a system that reads
``text`` and returns char spans can be mapped back to token ids.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import EvalError

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'re", "'ve",
                   "'ll", "'d", "'m", "...", "''", "’s", "”"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "``", "£", "€", "“"}


@dataclass(frozen=True)
class Token:
    t_id: str
    sentence: int
    number: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Markable:
    m_id: str
    tag: str
    t_ids: tuple[str, ...]
    attrs: dict = field(default_factory=dict, hash=False, compare=False)
    start: int = -1
    end: int = -1
    text: str = ""

    @property
    def anchored(self) -> bool:
        return bool(self.t_ids)


@dataclass(frozen=True)
class Relation:
    tag: str
    r_id: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    attrs: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class CatDocument:
    doc_id: str
    name: str
    url: str
    path: str
    text: str
    tokens: tuple[Token, ...]
    markables: dict = field(hash=False, compare=False)  # m_id -> Markable
    relations: tuple[Relation, ...] = ()

    def mentions(self, tag: str) -> list[Markable]:
        """Anchored markables with this tag, in text order."""
        ms = [m for m in self.markables.values() if m.tag == tag and m.anchored]
        return sorted(ms, key=lambda m: (m.start, m.end, m.m_id))

    def instances(self, tags: tuple[str, ...] = ("REFERS_TO", "CROSS_DOC_COREF")) -> dict[str, str]:
        """``m_id -> instance id`` for every source of a coreference relation.

        The instance id is the relation's ``note`` (ECB+) or else the
        ``instance_id`` of its target markable (MEANTIME). Sources whose target
        has no instance id are left out.
        """
        out = {}
        for rel in self.relations:
            if rel.tag not in tags:
                continue
            inst = rel.attrs.get("note") or ""
            if not inst:
                for t in rel.targets:
                    tgt = self.markables.get(t)
                    if tgt is not None and tgt.attrs.get("instance_id"):
                        inst = tgt.attrs["instance_id"]
                        break
            if inst:
                for s in rel.sources:
                    out[s] = inst
        return out

    def dct(self) -> str | None:
        """The creation date (value of the TIMEX3 with functionInDocument=CREATION_TIME)."""
        for m in self.markables.values():
            if m.tag == "TIMEX3" and m.attrs.get("functionInDocument") == "CREATION_TIME":
                return m.attrs.get("value") or None
        return None

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {t.t_id: i for i, t in enumerate(self.tokens)}

    def token_span(self, t_ids) -> tuple[int, int]:
        idx = self._positions
        pos = [idx[t] for t in t_ids if t in idx]
        if not pos:
            return -1, -1
        return self.tokens[min(pos)].start, self.tokens[max(pos)].end

    def token_index(self, start: int, end: int) -> list[str]:
        """t_ids of the tokens overlapping the char span [start, end)."""
        return [t.t_id for t in self.tokens if t.start < end and t.end > start]


def _quote_kind(text: str, quote_open: bool) -> str | None:
    """"open", "close" or None (not a quote token)."""
    if text in ("``", "“"):
        return "open"
    if text in ("''", "”"):
        return "close"
    if text in ('"', "&quot;"):
        return "close" if quote_open else "open"
    return None


def _rebuild(raw: list[tuple[str, int, int, str]]) -> tuple[str, list[Token]]:
    """raw: (t_id, sentence, number, text) in file order -> text, tokens."""
    parts: list[str] = []
    tokens: list[Token] = []
    pos = 0
    prev_sent = None
    prev_opens = False  # the previous token takes no space after it
    quote_open = False
    for t_id, sent, number, text in raw:
        if sent != prev_sent:
            quote_open = False
        kind = _quote_kind(text, quote_open)
        surface = '"' if kind else text
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent:
            sep = "\n"
        elif kind == "close" or text in NO_SPACE_BEFORE or prev_opens:
            sep = ""
        else:
            sep = " "
        if kind:
            quote_open = kind == "open"
        parts.append(sep)
        pos += len(sep)
        tokens.append(Token(t_id, sent, number, text, pos, pos + len(surface)))
        parts.append(surface)
        pos += len(surface)
        prev_sent = sent
        prev_opens = kind == "open" or text in NO_SPACE_AFTER
    return "".join(parts), tokens


def read_cat(path) -> CatDocument:
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise EvalError(f"{path}: not readable CAT XML ({exc})") from exc
    raw = []
    for tok in root.iter("token"):
        raw.append((tok.get("t_id", ""), int(tok.get("sentence", "0") or 0),
                    int(tok.get("number", "0") or 0), tok.text or ""))
    text, tokens = _rebuild(raw)
    by_id = {t.t_id: i for i, t in enumerate(tokens)}
    markables = {}
    block = root.find("Markables")
    for el in (list(block) if block is not None else []):
        t_ids = tuple(a.get("t_id") for a in el.iter("token_anchor"))
        pos = sorted(by_id[t] for t in t_ids if t in by_id)
        start = tokens[pos[0]].start if pos else -1
        end = tokens[pos[-1]].end if pos else -1
        attrs = {k: v for k, v in el.attrib.items() if k != "m_id"}
        markables[el.get("m_id", "")] = Markable(
            m_id=el.get("m_id", ""), tag=el.tag, t_ids=t_ids, attrs=attrs, start=start, end=end,
            text=text[start:end] if pos else attrs.get("TAG_DESCRIPTOR", ""))
    relations = []
    block = root.find("Relations")
    for el in (list(block) if block is not None else []):
        relations.append(Relation(
            tag=el.tag, r_id=el.get("r_id", ""),
            sources=tuple(s.get("m_id") for s in el.findall("source")),
            targets=tuple(t.get("m_id") for t in el.findall("target")),
            attrs={k: v for k, v in el.attrib.items() if k != "r_id"}))
    return CatDocument(
        doc_id=root.get("doc_id", path.stem), name=root.get("doc_name", path.stem),
        url=root.get("url", ""), path=str(path), text=text, tokens=tuple(tokens),
        markables=markables, relations=tuple(relations))


def read_cat_dir(folder) -> list[CatDocument]:
    """Every CAT XML file below ``folder`` (recursive, sorted by path)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EvalError(f"{folder}: no such folder")
    return [read_cat(p) for p in sorted(folder.rglob("*.xml"))]
