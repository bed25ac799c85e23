"""The build: read inputs, skip what is stored, analyse what is new (per-article
stage) and, again, every stored article whose analysis another version of the
per-article stage made (``version.analysis_version``), store the articles (each
whole or not at all, ``STORE_BATCH`` to a transaction), then run the
cross-article stage on everything stored, taking the analyses of this run from
memory rather than decoding them back."""
from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..errors import InputError
from ..ingest.dedup import NearDuplicateIndex, from_signature, minhash, signature
from ..ingest.readers import read_inputs
from ..pipeline import analyse_corpus
from ..records import Article, ArticleAnalysis, CorpusAnalysis
from ..settings import Settings
from ..store import BaseStore, open_store
from ..version import analysis_version

log = logging.getLogger(__name__)
STORE_BATCH = 64  # articles written in one transaction


@dataclass
class BuildReport:
    read: int = 0
    stored: int = 0
    already_stored: int = 0
    reanalysed: int = 0
    duplicates: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)

    def counts(self) -> dict:
        return {"read": self.read, "stored": self.stored, "already_stored": self.already_stored,
                "reanalysed": self.reanalysed, "duplicates": self.duplicates, "skipped": self.skipped}

    def summary(self) -> str:
        stale = f" (re-analysed {self.reanalysed}: made by another version)" if self.reanalysed else ""
        return (f"read {self.read}, stored {self.stored}{stale}, already stored {self.already_stored}, "
                f"duplicates {self.duplicates}, skipped {self.skipped}")


def _load_index(store: BaseStore, threshold: float) -> NearDuplicateIndex:
    index = NearDuplicateIndex(threshold)
    for aid, sig in store.minhashes():
        m = from_signature(sig)
        index.hashes[aid] = m
        index.lsh.insert(aid, m)
    return index


def select_new(items: Iterable, store: BaseStore, settings: Settings, report: BuildReport,
               on_error: Callable[[InputError], None],
               duplicates: list) -> Iterable[tuple[Article, bytes]]:
    """Filter read items down to new, non-duplicate articles (with their MinHash).
    Near-duplicates are appended to ``duplicates`` as (article, original id), to be
    stored once the original is."""
    index = _load_index(store, settings.dedup_threshold)
    seen: set[str] = set()
    for item in items:
        if isinstance(item, InputError):
            report.skipped += 1
            report.errors.append(str(item))
            on_error(item)
            continue
        report.read += 1
        art = item
        if art.id in seen or store.has_analysis(art.id):
            report.already_stored += 1
            continue
        m = minhash(art.text)
        dup = index.check(art.id, art.text, m)
        if dup is not None:
            report.duplicates += 1
            duplicates.append((art, dup))
            seen.add(art.id)
            continue
        index.add(art.id, art.text, m)
        seen.add(art.id)
        yield art, signature(m)


def build(inputs: list[str], settings: Settings | None = None, progress: Callable | None = None,
          on_error: Callable[[InputError], None] | None = None) -> tuple[BuildReport, CorpusAnalysis]:
    """Build or update the store at ``settings.db`` (a SQLite file path or a PostgreSQL URL) from ``inputs``."""
    settings = settings or Settings()
    report = BuildReport()
    on_error = on_error or (lambda e: None)
    with open_store(settings.db) as store:
        build_id = store.start_build()

        def logged(err: InputError):
            store.log_input_error(build_id, err.path, err.line, err.message)
            on_error(err)

        duplicates: list = []
        new = select_new(read_inputs(inputs, settings), store, settings, report, logged, duplicates)
        sigs: dict[str, bytes] = {}
        stale = store.stale_ids(analysis_version())
        if stale:
            log.warning("%d stored articles were analysed by another version of storyline: "
                        "analysing them again", len(stale))

        def articles():
            for art, sig in new:
                sigs[art.id] = sig
                yield art
            for aid in stale:
                art = store.article(aid)
                if art is not None:
                    yield art

        if settings.engine == "spark":
            from .spark import run_per_article_spark as runner
            results = runner(articles(), settings)
        else:
            from .local import run_per_article
            results = run_per_article(articles(), model=settings.model, workers=settings.workers,
                                      batch_size=settings.batch_size)
        stale_set = set(stale)
        fresh: dict[str, ArticleAnalysis] = {}  # stored in this run: the cross-article stage reuses them
        batch: list = []

        def flush():
            for (analysis, _), ok in zip(batch, store.add_analyses(batch)):
                if isinstance(ok, Exception):
                    log.error("article %s not stored: %s", analysis.article.id, ok)
                    report.errors.append(f"article {analysis.article.id} not stored: {ok}")
                elif ok:
                    report.stored += 1
                    report.reanalysed += analysis.article.id in stale_set
                    fresh[analysis.article.id] = analysis
                if progress:
                    progress(report)
            batch.clear()

        for analysis in results:
            batch.append((analysis, sigs.pop(analysis.article.id, None)))
            if len(batch) >= STORE_BATCH:
                flush()
        flush()
        for art, original in duplicates:
            store.add_duplicate(art, original)
        corpus = update_corpus(store, fresh, event_context=settings.event_context)
        store.finish_build(build_id, report.counts())
    return report, corpus


def update_corpus(store: BaseStore, known: dict[str, ArticleAnalysis] | None = None,
                  event_context: bool = False) -> CorpusAnalysis:
    """Run the cross-article stage over everything stored and save it. ``known``:
    analyses the caller holds already (article id -> analysis, equal to what the
    store holds), used instead of decoding them from the store again;
    ``event_context``: see ``pipeline.analyse_corpus`` (the event vectors are kept in the
    store, so a build encodes only new or changed articles)."""
    basis, analyses = store.snapshot(known)
    corpus = analyse_corpus(analyses, event_context=event_context,
                            vector_cache=store.vector_cache() if event_context else None)
    store.save_corpus(corpus, basis)
    return corpus
