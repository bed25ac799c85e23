"""Dated timeline (backbone version: none yet).

Public function: ``build_timeline(analyses, corpus) -> list[TimelineEntry]``.
"""
from __future__ import annotations


def build_timeline(analyses, corpus):
    return []
