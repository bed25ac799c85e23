"""Events and positions per article (backbone version: none yet).

Public function: ``extract_events(doc, article, mentions, timexes) -> (list[EventMention], list[Position])``.
"""
from __future__ import annotations


def extract_events(doc, article, mentions, timexes):
    return [], []
