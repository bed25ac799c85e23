"""The entity relation graph, and its GraphML export (Gephi, networkx, yEd).

Nodes are canonical entities; two entities are linked when they are mentioned
in the same sentence or take part in the same event. Each edge keeps its
evidence (article id and sentence offsets) so every link can be checked.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    sentences: int  # sentences mentioning both
    events: int  # events both take part in
    evidence: tuple[tuple[str, int, int], ...] = ()  # (article id, start, end) of sentences

    @property
    def weight(self) -> int:
        return self.sentences + self.events


def entity_graph(results, index=None, max_nodes: int | None = None, max_evidence: int = 5):
    """(entities, edges): the entities kept (most mentioned first) and their links."""
    from ..search.index import CorpusIndex

    index = index or CorpusIndex(results)
    ents = sorted(results.corpus.entities, key=lambda e: (-e.mention_count, e.name, e.id))
    if max_nodes is not None:
        ents = ents[:max_nodes]
    keep = {e.id for e in ents}
    sent_pairs: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for (aid, idx), eids in sorted(index.sentence_entities.items()):
        ids = sorted(eids & keep)
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                sent_pairs[(a, b)].append((aid, idx))
    event_pairs: dict[tuple[str, str], int] = defaultdict(int)
    for ev in results.corpus.events:
        ids = sorted(set(ev.participants) & keep)
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                event_pairs[(a, b)] += 1
    edges = []
    for pair in sorted(set(sent_pairs) | set(event_pairs)):
        ev = []
        for aid, idx in sent_pairs.get(pair, [])[:max_evidence]:
            s = index.sentence(aid, idx)
            if s is not None:
                ev.append((aid, s.start, s.end))
        edges.append(Edge(pair[0], pair[1], len(sent_pairs.get(pair, [])), event_pairs.get(pair, 0), tuple(ev)))
    return ents, edges


_NODE_KEYS = (("label", "string"), ("type", "string"), ("mention_count", "int"), ("article_count", "int"),
              ("names", "string"))
_EDGE_KEYS = (("weight", "double"), ("sentences", "int"), ("events", "int"), ("evidence", "string"))


def render(results) -> str:
    """GraphML of the entity graph (undirected; attributes declared with <key>)."""
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for name, typ in _NODE_KEYS:
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": f"n_{name}", "for": "node", "attr.name": name,
                                                     "attr.type": typ})
    for name, typ in _EDGE_KEYS:
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": f"e_{name}", "for": "edge", "attr.name": name,
                                                     "attr.type": typ})
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "entities", "edgedefault": "undirected"})
    ents, edges = entity_graph(results)
    for e in ents:
        node = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": e.id})
        values = {"label": e.name, "type": e.type, "mention_count": e.mention_count,
                  "article_count": len(e.article_ids), "names": "; ".join(e.names)}
        for name, _ in _NODE_KEYS:
            _data(node, f"n_{name}", values[name])
    for i, ed in enumerate(edges):
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge", {"id": f"e{i}", "source": ed.source, "target": ed.target})
        values = {"weight": float(ed.weight), "sentences": ed.sentences, "events": ed.events,
                  "evidence": " ".join(f"{a}:{s}-{t}" for a, s, t in ed.evidence)}
        for name, _ in _EDGE_KEYS:
            _data(el, f"e_{name}", values[name])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _data(parent, key: str, value) -> None:
    d = ET.SubElement(parent, f"{{{GRAPHML_NS}}}data", {"key": key})
    d.text = str(value)
