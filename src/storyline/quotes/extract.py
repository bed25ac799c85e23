"""Quotes and attributions (backbone version: none yet).

Public function: ``extract_quotes(doc, article, mentions) -> list[Quote]``.
"""
from __future__ import annotations

from ..records import Article, Mention, Quote


def extract_quotes(doc, article: Article, mentions: list[Mention]) -> list[Quote]:
    return []
