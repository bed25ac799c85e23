"""Publication-date intervals and order for undated articles (backbone version: none yet).

Public function: ``infer_intervals(analyses, corpus) -> list[DateInterval]``.
"""
from __future__ import annotations


def infer_intervals(analyses, corpus):
    return []
