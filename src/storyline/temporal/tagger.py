"""Time expressions (backbone version: spaCy DATE/TIME entities, values left unresolved).

Public function: ``tag(doc, article) -> list[Timex]``.
"""
from __future__ import annotations

from ..records import Article, Timex


def tag(doc, article: Article) -> list[Timex]:
    return [
        Timex(article_id=article.id, start=e.start_char, end=e.end_char, text=e.text,
              type=e.label_, value="", rule="spacy.ner", source="spacy.ner.v1", confidence=0.5)
        for e in doc.ents if e.label_ in ("DATE", "TIME")
    ]
