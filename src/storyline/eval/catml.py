"""TIMEX3 layers of NewsReader CAT XML (MEANTIME) for ``storyline eval tempeval``.

``read_cat_timeml(path)`` gives the :class:`~.timeml.TimeMLDoc` the TempEval scorer reads:
the text rebuilt from the tokens (``eval.cat``), the creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``, which MEANTIME anchors on the article's date line),
the other token-anchored TIMEX3 as gold, and, since MEANTIME annotates only the first
sentences of each article, the sentences holding any markable as the scored part.
``write_cat(doc, timexes, out_path)`` writes a copy of the CAT file whose markables are
the creation time and the system TIMEX3s (token-anchored), without relations.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..errors import EvalError
from .cat import read_cat
from .timeml import GoldTimex, TimeMLDoc


def find_cat(directory: str | Path) -> list[Path]:
    """CAT XML files below ``directory`` (those whose root element holds tokens)."""
    directory = Path(directory)
    paths = [directory] if directory.is_file() else sorted(directory.rglob("*.xml"))
    out = []
    for p in paths:
        if p.name.startswith("._"):
            continue
        try:
            with open(p, "rb") as fh:
                head = fh.read(2000)
        except OSError as exc:
            raise EvalError(f"{p}: cannot read ({exc})") from exc
        if b"<token " in head or b"<Document" in head:
            out.append(p)
    return out


def read_cat_timeml(path: str | Path) -> TimeMLDoc:
    d = read_cat(path)
    sentence_of = {t.t_id: t.sentence for t in d.tokens}
    gold, dct_span = [], None
    annotated = set()
    for m in d.markables.values():
        if not m.anchored:
            continue
        annotated.update(sentence_of[t] for t in m.t_ids if t in sentence_of)
        if m.tag != "TIMEX3":
            continue
        if m.attrs.get("functionInDocument") == "CREATION_TIME":
            dct_span = (m.start, m.end)
            continue
        gold.append(GoldTimex(m.start, m.end, m.text, m.attrs.get("type", ""), m.attrs.get("value", ""),
                              m.m_id, m.attrs.get("mod", "")))
    spans: dict[int, list[int]] = {}
    for t in d.tokens:
        if t.sentence in annotated:
            lo_hi = spans.setdefault(t.sentence, [t.start, t.end])
            lo_hi[0], lo_hi[1] = min(lo_hi[0], t.start), max(lo_hi[1], t.end)
    scored = tuple(sorted((lo, hi) for lo, hi in spans.values()))
    return TimeMLDoc(str(path), d.doc_id, d.dct(), d.text, tuple(sorted(gold, key=lambda g: (g.start, g.end))),
                     scored=scored, dct_span=dct_span, fmt="cat")


def write_cat(doc: TimeMLDoc, timexes, out_path: str | Path) -> None:
    """A copy of ``doc``'s CAT file holding its creation time and the system TIMEX3s."""
    src = read_cat(doc.path)
    tree = ET.parse(doc.path)
    root = tree.getroot()
    block = root.find("Markables")
    if block is None:
        block = ET.SubElement(root, "Markables")
    keep = [el for el in block if el.tag == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME"]
    for el in list(block):
        block.remove(el)
    for el in keep:
        block.append(el)
    used = {el.get("m_id", "") for el in keep}
    n = 0
    for t in sorted(timexes, key=lambda t: (t.start, t.end)):
        t_ids = src.token_index(t.start, t.end)
        if not t_ids:
            continue
        n += 1
        while f"sys{n}" in used:
            n += 1
        el = ET.SubElement(block, "TIMEX3", {"m_id": f"sys{n}", "type": t.type, "value": t.value,
                                             "functionInDocument": "NONE"})
        if getattr(t, "mod", ""):
            el.set("mod", t.mod)
        for tid in t_ids:
            ET.SubElement(el, "token_anchor", {"t_id": tid})
    rel = root.find("Relations")
    if rel is not None:
        for el in list(rel):
            rel.remove(el)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tree.write(out_path, encoding="utf-8", xml_declaration=True)
