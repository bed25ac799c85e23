"""Tables: an events CSV in a GDELT-like layout, and Parquet tables of every record.

The CSV has one row per real-world event (a cross-article cluster), plus one
row per event mention that no cluster holds. Its columns follow GDELT's event
table where the meaning is the same (date, actor 1, actor 2, event type,
location, source URL, number of mentions and articles) and add the grounding:
article id and trigger offsets of the first mention. Unknown values stay empty.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

EVENT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1Type", "Actor2Name", "Actor2Type",
    "EventType", "EventLabel", "Modality", "ActionGeo_FullName", "NumMentions", "NumArticles",
    "SOURCEURL", "SourceArticleID", "TriggerStart", "TriggerEnd", "Confidence",
)


def _sqldate(value: str | None) -> str:
    """YYYYMMDD for a full ISO date; empty otherwise (no invented day or month)."""
    v = (value or "")[:10]
    if len(v) == 10 and v[4] == "-" and v[7] == "-" and v.replace("-", "").isdigit():
        return v.replace("-", "")
    return ""


def _actor(index, aid: str, arg) -> tuple[str, str]:
    if arg is None:
        return "", ""
    eid = arg.entity_id or index.mention_entity(aid, arg.mention)
    ent = index.entities.get(eid) if eid else None
    if ent is not None:
        return ent.name, ent.type
    return arg.text, ""


def _row(index, event_id: str, mentions: list[tuple[str, int]], label: str, date: str | None,
         type_: str, confidence: float) -> dict:
    aid, i = mentions[0]
    em = index.analyses[aid].events[i]
    args = {}
    for a in em.arguments:
        args.setdefault(a.role, a)
    a1, t1 = _actor(index, aid, args.get("agent"))
    a2, t2 = _actor(index, aid, args.get("patient"))
    loc = args.get("location")
    art = index.articles.get(aid)
    return {"GLOBALEVENTID": event_id, "SQLDATE": _sqldate(date or em.time_value),
            "Actor1Name": a1, "Actor1Type": t1, "Actor2Name": a2, "Actor2Type": t2,
            "EventType": type_, "EventLabel": label, "Modality": em.modality,
            "ActionGeo_FullName": loc.text if loc is not None else "",
            "NumMentions": len(mentions), "NumArticles": len({m[0] for m in mentions}),
            "SOURCEURL": art.url if art is not None else "", "SourceArticleID": aid,
            "TriggerStart": em.start, "TriggerEnd": em.end, "Confidence": round(confidence, 3)}


def event_rows(results) -> list[dict]:
    from ..search.index import CorpusIndex

    index = CorpusIndex(results)
    rows, covered = [], set()
    for ev in results.corpus.events:
        ms = [(aid, i) for aid, i in ev.mentions if aid in index.analyses and i < len(index.analyses[aid].events)]
        if not ms:
            continue
        covered.update(ms)
        rows.append(_row(index, ev.id, ms, ev.label, ev.date, ev.type, ev.confidence))
    for aid, an in index.analyses.items():
        for i, em in enumerate(an.events):
            if (aid, i) not in covered:
                rows.append(_row(index, f"{aid}:{i}", [(aid, i)], em.trigger, em.time_value, em.type, em.confidence))
    rows.sort(key=lambda r: (r["SQLDATE"] or "99999999", r["GLOBALEVENTID"]))
    return rows


def render_events_csv(results) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=EVENT_COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in event_rows(results):
        w.writerow(r)
    return buf.getvalue()


# --- Parquet -------------------------------------------------------------

def _flat(d: dict) -> dict:
    """Nested values (lists, dicts) become JSON strings so every column is flat."""
    return {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in d.items()}


def tables(results) -> dict[str, list[dict]]:
    """Every record as rows of flat tables, keyed by table name."""
    from ..records import to_dict

    out: dict[str, list[dict]] = {k: [] for k in (
        "articles", "sentences", "mentions", "timexes", "quotes", "event_mentions", "actions", "positions",
        "entities", "events", "threads", "timeline", "intervals")}
    ents = results.corpus.mention_entity
    evids = results.corpus.event_ids
    for a in results.articles:
        out["articles"].append(_flat(to_dict(a)))
    for an in results.analyses:
        aid = an.article.id
        out["sentences"] += [_flat(to_dict(s)) for s in an.sentences]
        for i, m in enumerate(an.mentions):
            row = _flat(to_dict(m))
            ids = ents.get(aid, [])
            row.update(index=i, entity_id=ids[i] if i < len(ids) else m.entity_id)
            out["mentions"].append(row)
        for key, recs in (("timexes", an.timexes), ("quotes", an.quotes), ("positions", an.positions),
                          ("actions", an.actions)):
            out[key] += [dict(_flat(to_dict(r)), index=i) for i, r in enumerate(recs)]
        for i, e in enumerate(an.events):
            ids = evids.get(aid, [])
            out["event_mentions"].append(dict(_flat(to_dict(e)), index=i,
                                              event_id=ids[i] if i < len(ids) else e.event_id))
    c = results.corpus
    for key, recs in (("entities", c.entities), ("events", c.events), ("threads", c.threads),
                      ("timeline", c.timeline), ("intervals", c.intervals)):
        out[key] = [_flat(to_dict(r)) for r in recs]
    out["events_gdelt"] = event_rows(results)
    return out


def _record_types():
    from .. import records as R

    return {"articles": (R.Article, {}), "sentences": (R.Sentence, {}),
            "mentions": (R.Mention, {"index": int}), "timexes": (R.Timex, {"index": int}),
            "quotes": (R.Quote, {"index": int}), "event_mentions": (R.EventMention, {"index": int}),
            "actions": (R.EventMention, {"index": int}),
            "positions": (R.Position, {"index": int}), "entities": (R.Entity, {}), "events": (R.Event, {}),
            "threads": (R.Thread, {}), "timeline": (R.TimelineEntry, {}), "intervals": (R.DateInterval, {})}


def _arrow_type(tp):
    """Arrow type of a record field: scalars as themselves, anything nested as a JSON string."""
    import types
    import typing

    import pyarrow as pa

    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        tp = args[0] if len(args) == 1 else str
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}.get(tp, pa.string())


def table_schema(name: str):
    """The Arrow schema of a table, derived from its record dataclass (so empty
    tables keep their columns and all-null columns keep their type)."""
    import dataclasses
    import typing

    import pyarrow as pa

    if name == "events_gdelt":
        ints = {"NumMentions", "NumArticles", "TriggerStart", "TriggerEnd"}
        return pa.schema([(c, pa.int64() if c in ints else pa.float64() if c == "Confidence" else pa.string())
                          for c in EVENT_COLUMNS])
    cls, extra = _record_types()[name]
    hints = typing.get_type_hints(cls)
    fields = [(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(cls)]
    fields += [(k, _arrow_type(v)) for k, v in extra.items()]
    return pa.schema(fields)


def write_parquet(results, out_dir: str) -> list[str]:
    """One Parquet file per table in ``out_dir``; returns the paths written.
    Empty tables are written too, with their columns, so the set is stable."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in tables(results).items():
        schema = table_schema(name)
        try:
            table = pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rows], schema=schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # a value off its declared type: let Arrow infer
            table = pa.Table.from_pylist(rows)
        path = folder / f"{name}.parquet"
        pq.write_table(table, path)
        paths.append(str(path))
    return paths
