"""Cross-article entity resolution (backbone version: full name and surname within a type).

Public function: ``resolve(analyses) -> (entities, mention_entity)`` where
``mention_entity`` maps article id -> entity id per mention (None if unlinked).
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

from ..records import ArticleAnalysis, Entity


def _eid(type_: str, name: str) -> str:
    return "E" + hashlib.sha1(f"{type_}|{name.lower()}".encode()).hexdigest()[:10]


def resolve(analyses: list[ArticleAnalysis]):
    names = defaultdict(Counter)  # type -> name -> count
    for a in analyses:
        for m in a.mentions:
            if m.kind == "name":
                names[m.type][m.text] += 1
    canon = {}
    for type_, counter in names.items():
        full = [n for n in counter if len(n.split()) > 1]
        for n in counter:
            if len(n.split()) == 1:
                cands = [f for f in full if f.split()[-1] == n]
                canon[(type_, n)] = max(cands, key=lambda f: counter[f]) if len(cands) == 1 else n
            else:
                canon[(type_, n)] = n
    groups = defaultdict(list)
    mention_entity = {}
    for a in analyses:
        ids = []
        for i, m in enumerate(a.mentions):
            if m.kind != "name":
                ids.append(None)
                continue
            c = canon[(m.type, m.text)]
            eid = _eid(m.type, c)
            groups[(eid, m.type, c)].append((a.article.id, m))
            ids.append(eid)
        mention_entity[a.article.id] = ids
    entities = []
    for (eid, type_, c), ms in groups.items():
        entities.append(Entity(
            id=eid, name=c, type=type_, names=tuple(sorted({m.text for _, m in ms})),
            mention_count=len(ms), article_ids=tuple(sorted({aid for aid, _ in ms})),
        ))
    entities.sort(key=lambda e: (-e.mention_count, e.name))
    return entities, mention_entity
