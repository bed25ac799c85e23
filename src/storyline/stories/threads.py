"""Story threads (backbone version: none yet).

Public function: ``assign_threads(analyses, corpus) -> list[Thread]``.
"""
from __future__ import annotations


def assign_threads(analyses, corpus):
    return []
