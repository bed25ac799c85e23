"""The two stages of storyline.

Per-article stage: ``analyse_doc(doc, article)`` — a pure function from a parsed
article to an :class:`ArticleAnalysis` of compact records. ``analyse_articles``
streams articles through ``nlp.pipe``.

Cross-article stage: ``analyse_corpus(analyses)`` — entity resolution, event
coreference, chronology of undated articles, threads and the timeline, on the
compact records only.
"""
from __future__ import annotations

import contextlib
import dataclasses
import itertools
import logging
from typing import Iterable, Iterator

from .chronology.bounds import in_spans, story_mask
from .chronology.infer import infer_intervals
from .entities.mentions import extract_mentions
from .entities.resolve import resolve
from .events.coref import cluster_events
from .events.extract import OTHER, extract_events, is_action
from .nlp.docview import doc_text, keep_text
from .nlp.model import load_model, model_name
from .quotes.extract import extract_quotes
from .records import Article, ArticleAnalysis, CorpusAnalysis, NounPhrase, Sentence
from .stories.threads import assign_threads
from .stories.timeline import build_timeline
from .temporal.tagger import tag as tag_timexes
from .version import analysis_version

log = logging.getLogger(__name__)


def _sentences(doc, article: Article) -> tuple[Sentence, ...]:
    return tuple(Sentence(article.id, i, s.start_char, s.end_char) for i, s in enumerate(doc.sents))


def _noun_phrases(doc, article: Article) -> tuple[NounPhrase, ...]:
    try:
        chunks = list(doc.noun_chunks)
    except ValueError:  # no parser in the pipeline
        return ()
    text = doc_text(doc)  # a span's text is its slice (joining its tokens costs more)
    return tuple(NounPhrase(article.id, c.start_char, c.end_char, text[c.start_char:c.end_char], c.root.lemma_)
                 for c in chunks)


def _guard(stage: str, article: Article, fn, *args, default=()):
    """Run one stage; a failing stage loses only its own records, and says so."""
    try:
        return fn(*args)
    except Exception:  # noqa: BLE001 - one bad article/stage never sinks a batch
        log.exception("stage %s failed on article %s (%s)", stage, article.id, article.origin)
        return default


def analyse_doc(doc, article: Article, model: str = "", event_scope: str = "typed") -> ArticleAnalysis:
    """The per-article stage on an already parsed ``doc`` of ``article.text``. ``event_scope``:
    "typed" (the event categories of docs/events.md; the untyped happenings that have an entity
    among their arguments go to ``actions``, for entity timelines) or "all" (every content verb and
    event noun among the events, typed OTHER: what the evaluations of event detection read)."""
    keep_text(doc, article.text)
    mentions = tuple(_guard("mentions", article, extract_mentions, doc, article))
    timexes = tuple(_guard("temporal", article, tag_timexes, doc, article))
    quotes = tuple(_guard("quotes", article, extract_quotes, doc, article, list(mentions)))
    found, positions = _guard("events", article, extract_events, doc, article, list(mentions),
                              list(timexes), "all", default=((), ()))
    sentences = _sentences(doc, article)
    found = _guard("events", article, _story_events, found, article.text, sentences, default=found)
    analysis = ArticleAnalysis(
        article=article, sentences=sentences, mentions=mentions,
        noun_phrases=_noun_phrases(doc, article), timexes=timexes, quotes=quotes,
        events=tuple(found), positions=tuple(positions), model=model,
        pipeline_version=analysis_version(),
    )
    return analysis if event_scope == "all" else typed_view(analysis)


PAGE_SENTENCE_SCOPES = frozenset({"sentence", "caption"})


def _story_events(events, text: str, sentences) -> list:
    """The events told by the story, not by the page around it: a trigger inside a sentence of
    page material (reader-comment rules, disclaimers, captions; ``chronology.bounds.story_mask``)
    is none (a comment policy welcoming comments that "advance" a debate is neither a welcome nor an
    advance).
    Only the sentence-long rows: a time stamp's window or a sidebar's trailer can run over the
    story's own first or last sentences, which a chronology can spare and an event layer cannot."""
    page = story_mask(text, [(s.start, s.end) for s in sentences], PAGE_SENTENCE_SCOPES)
    if not page:
        return list(events)
    return [e for e in events if not in_spans(e.start, page)]


def typed_view(analysis: ArticleAnalysis) -> ArticleAnalysis:
    """What the build keeps of an analysis made with ``event_scope="all"``: the typed events as
    its events, the untyped ones that are actions (``events.extract.is_action``) as its actions."""
    return dataclasses.replace(analysis, events=tuple(e for e in analysis.events if e.type != OTHER),
                               actions=tuple(e for e in analysis.events if is_action(e)))


ZONE_ARTICLES = 1000  # articles parsed inside one spaCy memory zone
LEMMA_CACHE_MAX = 200_000  # the lemmatizer's cache is emptied past this many entries


@contextlib.contextmanager
def _zone(nlp):
    """spaCy's memory zone where the model has one (spaCy 3.8+): the strings and
    lexemes that new words add to the vocabulary are freed at its end, so a long
    stream does not grow the vocabulary without bound. The records keep no spaCy
    object, so nothing of a zone is used after it. The lemmatizer's cache (one
    entry per word form and tag seen, not covered by the zone) is emptied once it
    holds ``LEMMA_CACHE_MAX`` entries (it stays warm across the build's small chunks)."""
    zone = getattr(nlp, "memory_zone", None)
    if zone is None:
        yield
        return
    with zone():
        yield
    for _, pipe in nlp.pipeline:
        cache = getattr(pipe, "cache", None) if pipe.__class__.__name__.endswith("Lemmatizer") else None
        if isinstance(cache, dict) and len(cache) > LEMMA_CACHE_MAX:
            cache.clear()


def analyse_articles(articles: Iterable[Article], nlp=None, model: str | None = None,
                     batch_size: int = 32, zone_size: int = ZONE_ARTICLES,
                     event_scope: str = "typed") -> Iterator[ArticleAnalysis]:
    """Stream articles through the parser and the per-article stage (memory stays
    flat: ``zone_size`` articles at a time inside a memory zone, see ``_zone``;
    ``event_scope``: see ``analyse_doc``)."""
    nlp = nlp or load_model(model)
    name = model_name(nlp)
    stream = iter(articles)
    while True:
        taken = 0

        def texts():
            nonlocal taken
            for art in itertools.islice(stream, zone_size):
                taken += 1
                yield art.text, art

        with _zone(nlp):
            for doc, art in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
                yield analyse_doc(doc, art, name, event_scope)
        if taken < zone_size:
            return


def analyse_article(article: Article, nlp=None, model: str | None = None) -> ArticleAnalysis:
    return next(analyse_articles([article], nlp=nlp, model=model))


def entities_and_events(analyses: list[ArticleAnalysis], event_context: bool = False,
                        vector_cache=None) -> CorpusAnalysis:
    """The first steps of the cross-article stage: entity resolution, then event
    clustering (``event_context``: by the contextual pair scorer,
    ``events.coref.scored_labels``, its vectors kept in ``vector_cache`` when given)."""
    entities, mention_entity = resolve(analyses)
    events, event_ids = cluster_events(analyses, mention_entity, context=event_context, vector_cache=vector_cache)
    return CorpusAnalysis(entities=tuple(entities), mention_entity=mention_entity, events=tuple(events),
                          event_ids=event_ids)


def analyse_corpus(analyses: list[ArticleAnalysis], event_context: bool = False,
                   vector_cache=None) -> CorpusAnalysis:
    """The cross-article stage, on compact per-article records only (``event_context``,
    ``vector_cache``: see ``entities_and_events``)."""
    analyses = list(analyses)
    corpus = entities_and_events(analyses, event_context, vector_cache)
    intervals = infer_intervals(analyses, corpus)
    corpus = dataclasses.replace(corpus, intervals=tuple(intervals))
    threads = assign_threads(analyses, corpus)
    corpus = dataclasses.replace(corpus, threads=tuple(threads))
    timeline = build_timeline(analyses, corpus)
    return dataclasses.replace(corpus, timeline=tuple(timeline))
