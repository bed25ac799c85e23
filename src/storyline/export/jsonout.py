"""The JSON export: the whole analysis in one versioned document.

The layout is the contract documented in docs/schema.md; ``json_schema()``
derives a JSON Schema (draft 2020-12) from the record dataclasses themselves,
so the schema and the code cannot drift apart.
"""
from __future__ import annotations

import dataclasses
import types
import typing

from .. import records as R
from ..quotes.query import speaker_entity
from ..records import to_dict
from ..settings import PIPELINE_VERSION, SCHEMA_VERSION


def _with(d: dict, **extra) -> dict:
    d = dict(d)
    d.update(extra)
    return d


def corpus_document(articles, analyses, corpus, duplicates=()) -> dict:
    """Assemble the export document from stored records."""
    by_id = {a.article.id: a for a in analyses}
    intervals = {iv.article_id: iv for iv in corpus.intervals}
    out_articles = []
    for art in articles:
        an = by_id.get(art.id)
        ents = corpus.mention_entity.get(art.id, [])
        evs = corpus.event_ids.get(art.id, [])
        item = _with(to_dict(art), interval=to_dict(intervals[art.id]) if art.id in intervals else None)
        if an is not None:
            item.update(
                sentences=[to_dict(s) for s in an.sentences],
                mentions=[_with(to_dict(m), entity_id=ents[i] if i < len(ents) else m.entity_id)
                          for i, m in enumerate(an.mentions)],
                timexes=[to_dict(t) for t in an.timexes],
                quotes=[_with(to_dict(q), speaker_entity=speaker_entity(q, ents)) for q in an.quotes],
                events=[_with(to_dict(e), event_id=evs[i] if i < len(evs) else e.event_id)
                        for i, e in enumerate(an.events)],
                actions=[to_dict(e) for e in an.actions],
                positions=[_with(to_dict(p), holder_entity=p.holder_entity or (
                    ents[p.holder_mention] if p.holder_mention is not None and p.holder_mention < len(ents) else None))
                    for p in an.positions],
                model=an.model, pipeline_version=an.pipeline_version,
            )
        out_articles.append(item)
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": "storyline", "version": PIPELINE_VERSION},
        "articles": out_articles,
        "duplicates": [{"id": a, "duplicate_of": b} for a, b in duplicates],
        "entities": [to_dict(e) for e in corpus.entities],
        "events": [to_dict(e) for e in corpus.events],
        "threads": [to_dict(t) for t in corpus.threads],
        "timeline": [to_dict(t) for t in corpus.timeline],
        "chronology": [to_dict(i) for i in corpus.intervals],
    }


# --- JSON Schema derived from the dataclasses ---------------------------------

def _type_schema(tp, defs: dict) -> dict:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is typing.Any:
        return {}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type_schema(a, defs) for a in args]}
    if tp is type(None):
        return {"type": "null"}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if origin in (tuple, list):
        if origin is tuple and args and args[-1] is not Ellipsis:
            return {"type": "array", "prefixItems": [_type_schema(a, defs) for a in args],
                    "minItems": len(args), "maxItems": len(args)}
        return {"type": "array", "items": _type_schema(args[0], defs) if args else {}}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs) if args else {}}
    if dataclasses.is_dataclass(tp):
        _record_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    return {}


def _record_schema(cls, defs: dict, extra: dict | None = None) -> dict:
    name = cls.__name__ if extra is None else cls.__name__ + "Out"
    if name in defs:
        return defs[name]
    defs[name] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls)
    props = {f.name: _type_schema(hints[f.name], defs) for f in dataclasses.fields(cls)}
    props.update(extra or {})
    schema = {"type": "object", "description": (cls.__doc__ or "").strip().split("\n\n")[0],
              "properties": props, "required": sorted(props)}
    defs[name] = schema
    return schema


def json_schema() -> dict:
    defs: dict = {}
    nullable_str = {"type": ["string", "null"]}

    def arr(cls):
        return {"type": "array", "items": _type_schema(cls, defs)}

    article_extra = {
        "interval": {"anyOf": [{"type": "null"}, _type_schema(R.DateInterval, defs)]},
        "sentences": arr(R.Sentence), "mentions": arr(R.Mention), "timexes": arr(R.Timex),
        "quotes": arr(R.Quote), "events": arr(R.EventMention), "positions": arr(R.Position),
        "actions": arr(R.EventMention),
        "model": {"type": "string"}, "pipeline_version": {"type": "string"},
    }
    art = _record_schema(R.Article, defs, article_extra)
    art["required"] = sorted(f.name for f in dataclasses.fields(R.Article)) + ["interval"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"storyline-export-{SCHEMA_VERSION}",
        "title": "storyline export",
        "type": "object",
        "required": ["schema_version", "generator", "articles", "duplicates", "entities", "events",
                     "threads", "timeline", "chronology"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "generator": {"type": "object", "properties": {"name": {"type": "string"},
                                                           "version": {"type": "string"}}},
            "articles": {"type": "array", "items": {"$ref": "#/$defs/ArticleOut"}},
            "duplicates": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "string"}, "duplicate_of": nullable_str}}},
            "entities": arr(R.Entity), "events": arr(R.Event), "threads": arr(R.Thread),
            "timeline": arr(R.TimelineEntry), "chronology": arr(R.DateInterval),
        },
        "$defs": defs,
    }
