"""Cross-article event coreference (backbone version: none yet).

Public function: ``cluster_events(analyses, mention_entity) -> (events, event_ids)``.
"""
from __future__ import annotations


def cluster_events(analyses, mention_entity):
    return [], {a.article.id: [None] * len(a.events) for a in analyses}
