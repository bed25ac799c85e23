"""Looking entities up, for ``storyline entities`` and ``storyline entity NAME``.

Pure helpers over the resolved records:

``find_entity(entities, name) -> Entity | None``
    The entity a user means by ``name``: exact canonical name, then any of its
    names, then the same normalized key ("the U.S." = "United States",
    "Apple Inc." = "Apple"), then a person's surname or full name with
    compatible given names ("Putin", "vladimir putin"), then a word-boundary
    match inside a name. Ties go to the most mentioned entity.
``find_entities(entities, name)``
    Every entity matching at the best level found (to show ambiguity).
``roles_over_time(entity) -> list[RoleSpan]``
    The entity's roles grouped by wording (case-insensitive), each with its
    first and last date and every (article, start, end) that states it, in
    date order (undated last).
``entity_mentions(entity_id, analyses, mention_entity)``
    (analysis, index, mention) for every mention linked to the entity.
``mention_context(analysis, mention) -> (before, text, after)``
    The sentence around a mention, split at the mention.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Entity
from .names import compatible_given, norm, org_key, person_parts


def _levels(name: str):
    key = name.casefold().strip()
    nkey = norm(name)
    okey = org_key(name)
    given, surname = person_parts(name)
    word = re.compile(r"\b" + re.escape(key) + r"\b") if key else None

    def person_match(e: Entity) -> bool:
        if e.type != "PERSON" or not surname:
            return False
        for n in e.names:
            g, s = person_parts(n)
            if s == surname and compatible_given(given, g):
                return True
        return False

    return (
        lambda e: e.name.casefold() == key,
        lambda e: any(n.casefold() == key for n in e.names),
        lambda e: any(norm(n) == nkey or org_key(n) == okey for n in (e.name, *e.names)),
        person_match,
        lambda e: word is not None and any(word.search(n.casefold()) for n in (e.name, *e.names)),
    )


def find_entities(entities, name: str) -> list[Entity]:
    ranked = sorted(entities, key=lambda e: (-e.mention_count, e.name))
    if not name.strip():
        return []
    for test in _levels(name):
        hits = [e for e in ranked if test(e)]
        if hits:
            return hits
    return []


def find_entity(entities, name: str) -> Entity | None:
    hits = find_entities(entities, name)
    return hits[0] if hits else None


@dataclass(frozen=True)
class RoleSpan:
    text: str
    first: str | None
    last: str | None
    where: tuple[tuple[str, int, int], ...]  # (article id, start, end)


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an) ")


def role_key(text: str) -> str:
    """One key for the ways a role is written: case, spacing and a leading article aside
    ("the Republican nominee" = "Republican Nominee")."""
    key = " ".join(text.casefold().split())
    return _LEADING_ARTICLE.sub("", key) or key


def roles_over_time(entity: Entity) -> list[RoleSpan]:
    groups: dict[str, list] = {}
    for r in entity.roles:
        groups.setdefault(role_key(r.text), []).append(r)
    out = []
    for rs in groups.values():
        dates = sorted(r.date for r in rs if r.date)
        text = max((r.text for r in rs), key=lambda t: (sum(1 for r in rs if r.text == t),
                                                          not _LEADING_ARTICLE.match(t.casefold()), t))
        out.append(RoleSpan(text=text, first=dates[0] if dates else None, last=dates[-1] if dates else None,
                            where=tuple((r.article_id, r.start, r.end) for r in rs)))
    out.sort(key=lambda s: (s.first is None, s.first or "", -len(s.where), s.text))
    return out


def entity_mentions(entity_id: str, analyses, mention_entity):
    for a in analyses:
        ids = mention_entity.get(a.article.id, [])
        for i, m in enumerate(a.mentions):
            if i < len(ids) and ids[i] == entity_id:
                yield a, i, m


def mention_context(analysis, mention) -> tuple[str, str, str]:
    text = analysis.article.text
    sent = next((s for s in analysis.sentences if s.start <= mention.start < s.end), None)
    lo, hi = (sent.start, sent.end) if sent else (max(0, mention.start - 80), min(len(text), mention.end + 80))
    return text[lo:mention.start], text[mention.start:mention.end], text[mention.end:hi]
