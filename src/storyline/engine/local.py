"""Running the per-article stage in this process or in N worker processes.

The model is loaded once per process; articles stream through ``nlp.pipe`` in
batches, so memory stays flat in the number of articles.
"""
from __future__ import annotations

import multiprocessing as mp
from typing import Iterable, Iterator

from ..pipeline import analyse_articles
from ..records import Article, ArticleAnalysis

_WORKER_NLP = None
_WORKER_MODEL = None


def _init_worker(model: str) -> None:
    global _WORKER_NLP, _WORKER_MODEL
    from ..nlp.model import load_model

    _WORKER_MODEL = model
    _WORKER_NLP = load_model(model)


def _work(chunk: list[Article]) -> list[ArticleAnalysis]:
    return list(analyse_articles(chunk, nlp=_WORKER_NLP))


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    buf = []
    for it in items:
        buf.append(it)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def run_per_article(articles: Iterable[Article], model: str | None = None, workers: int = 1,
                    batch_size: int = 32) -> Iterator[ArticleAnalysis]:
    """Analyse articles, yielding results in input order."""
    if workers <= 1:
        yield from analyse_articles(articles, model=model, batch_size=batch_size)
        return
    from ..settings import DEFAULT_MODEL

    from collections import deque

    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(model or DEFAULT_MODEL,)) as pool:
        # The input is consumed here, in the caller's thread (not by the pool's feeder
        # thread): it may read the store, whose connection belongs to this thread.
        # At most 2 chunks per worker are in flight, so memory stays bounded.
        pending: deque = deque()
        for chunk in _chunks(articles, batch_size):
            pending.append(pool.apply_async(_work, (chunk,)))
            while len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
