"""Per-article entity mentions (backbone version: spaCy's named entities).

Public function: ``extract_mentions(doc, article) -> list[Mention]``.
"""
from __future__ import annotations

from ..records import Article, Mention

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


def extract_mentions(doc, article: Article) -> list[Mention]:
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    out = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        sent = ent.sent
        out.append(Mention(
            article_id=article.id, start=ent.start_char, end=ent.end_char, text=ent.text,
            type=ent.label_, kind="demonym" if ent.label_ == "NORP" else "name",
            head=ent.root.text, sentence=sent_index.get(sent.start, -1),
        ))
    return out
