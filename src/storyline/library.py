"""The public library surface. The CLI, the HTTP API and the tests all call
these functions; each is a thin composition of stage functions over the store.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable

from .engine.build import BuildReport, build as _build, update_corpus
from .errors import StorylineError
from .export.jsonout import corpus_document, json_schema
from .records import Article, ArticleAnalysis, CorpusAnalysis
from .settings import Settings
from .store import open_store


@dataclass(frozen=True)
class Results:
    """Everything stored, loaded once: articles, per-article analyses, corpus results."""

    articles: tuple[Article, ...]
    analyses: tuple[ArticleAnalysis, ...]
    corpus: CorpusAnalysis
    duplicates: tuple[tuple[str, str], ...] = ()

    def analysis(self, article_id: str) -> ArticleAnalysis | None:
        for a in self.analyses:
            if a.article.id == article_id:
                return a
        return None


def build(inputs: list[str], settings: Settings | None = None, progress: Callable | None = None,
          on_error: Callable | None = None) -> tuple[BuildReport, CorpusAnalysis]:
    """Read ``inputs``, analyse what is new, store it, update cross-article results."""
    return _build(inputs, settings or Settings(), progress=progress, on_error=on_error)


def load(db: str = "storyline.db") -> Results:
    """Everything stored at ``db`` (a SQLite file path or a PostgreSQL URL)."""
    with open_store(db, readonly=True) as store:
        return Results(articles=tuple(store.articles()), analyses=tuple(store.analyses()),
                       corpus=store.corpus(), duplicates=tuple(store.duplicates()))


def recompute(db: str = "storyline.db", event_context: bool = False) -> CorpusAnalysis:
    """Re-run the cross-article stage on what is stored (``event_context``: see
    ``pipeline.analyse_corpus``)."""
    with open_store(db) as store:
        return update_corpus(store, event_context=event_context)


def export_document(results: Results) -> dict:
    return corpus_document(results.articles, results.analyses, results.corpus, results.duplicates)


def brief(results: Results, since: str | None = None, thread: str | None = None, fmt: str = "text") -> str:
    from .stories.brief import render_brief

    return render_brief(list(results.analyses), results.corpus, since=since, thread=thread, fmt=fmt)


__all__ = ["Results", "build", "load", "recompute", "export_document", "json_schema", "brief",
           "BuildReport", "Settings", "StorylineError"]
