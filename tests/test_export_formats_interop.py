"""Exports open in their target tools' formats: TimelineJS JSON (checked against
its documented structure), GraphML (read back with networkx), the events CSV
(csv module) and Parquet tables (pyarrow)."""
import csv
import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "web"))
from webfixture import built_db  # noqa: E402

from storyline import library  # noqa: E402
from storyline.export import formats  # noqa: E402
from storyline.export.tables import EVENT_COLUMNS  # noqa: E402
from storyline.export.timelinejs import start_date  # noqa: E402

DATE = {"type": "object", "required": ["year"], "additionalProperties": False,
        "properties": {"year": {"type": "integer"}, "month": {"type": "integer", "minimum": 1, "maximum": 12},
                       "day": {"type": "integer", "minimum": 1, "maximum": 31}}}
TEXT = {"type": "object", "properties": {"headline": {"type": "string"}, "text": {"type": "string"}}}
TIMELINEJS_SCHEMA = {
    "type": "object", "required": ["events"],
    "properties": {
        "title": {"type": "object", "properties": {"text": TEXT}},
        "events": {"type": "array", "items": {
            "type": "object", "required": ["start_date", "text"],
            "properties": {"start_date": DATE, "end_date": DATE, "text": TEXT, "group": {"type": "string"},
                           "unique_id": {"type": "string"}}}},
    },
}


@pytest.fixture(scope="module")
def results():
    return library.load(built_db("rich"))


@pytest.fixture(scope="module")
def plain():
    return library.load(built_db("plain"))


def test_timelinejs_structure_dates_and_escaping(results):
    jsonschema = pytest.importorskip("jsonschema")
    doc = json.loads(formats.render("timelinejs", results))
    jsonschema.validate(doc, TIMELINEJS_SCHEMA)
    assert [e["start_date"] for e in doc["events"]][:2] == [{"year": 2024, "month": 4, "day": 2},
                                                            {"year": 2024, "month": 4, "day": 3}]
    assert len(doc["events"]) == 4  # the undated fifth entry is left out, not given a date
    assert "1 undated" in doc["title"]["text"]["text"]
    raw = json.dumps(doc)
    assert "<script>" not in raw and "&lt;script&gt;" in raw  # TimelineJS renders text as HTML
    assert doc["events"][0]["group"] == "Riverton levee"


def test_timelinejs_without_a_timeline_uses_dated_articles(plain):
    jsonschema = pytest.importorskip("jsonschema")
    doc = json.loads(formats.render("timelinejs", plain))
    jsonschema.validate(doc, TIMELINEJS_SCHEMA)
    if not plain.corpus.timeline:
        assert len(doc["events"]) == 5


def test_start_date_keeps_the_precision_given():
    assert start_date("2024-04") == {"year": 2024, "month": 4}
    assert start_date("2024-04-09T10:00:00+02:00") == {"year": 2024, "month": 4, "day": 9}
    assert start_date("XXXX-WXX-5") is None and start_date(None) is None


def test_graphml_reads_back_with_networkx(results, tmp_path):
    nx = pytest.importorskip("networkx")
    path = tmp_path / "g.graphml"
    path.write_text(formats.render("graphml", results), encoding="utf-8")
    g = nx.read_graphml(path)
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"Maria Alvarez", "Tom Becker"} <= labels
    assert g.number_of_nodes() == len(results.corpus.entities)
    by_label = {d["label"]: n for n, d in g.nodes(data=True)}
    edge = g.edges[by_label["Tom Becker"], by_label["Maria Alvarez"]]
    assert edge["sentences"] >= 1 and edge["weight"] >= 1
    aid, span = edge["evidence"].split()[0].split(":")
    s, e = map(int, span.split("-"))
    text = next(a.text for a in results.articles if a.id == aid)[s:e]
    assert "Alvarez" in text or "Becker" in text or "mayor" in text


def test_graphml_escapes_markup_in_names(results, tmp_path):
    nx = pytest.importorskip("networkx")
    import dataclasses
    from storyline.records import Entity

    bad = Entity("Ex", "<b>A & B</b>", "ORG", names=("<b>A & B</b>",), mention_count=1)
    res = dataclasses.replace(results, corpus=dataclasses.replace(results.corpus, entities=(bad,)))
    path = tmp_path / "bad.graphml"
    path.write_text(formats.render("graphml", res), encoding="utf-8")
    assert nx.read_graphml(path).nodes["Ex"]["label"] == "<b>A & B</b>"


def test_events_csv_gdelt_layout(results):
    rows = list(csv.DictReader(io.StringIO(formats.render("csv", results))))
    assert tuple(rows[0].keys()) == EVENT_COLUMNS
    by_id = {r["GLOBALEVENTID"]: r for r in rows}
    v2 = by_id["V2"]
    assert v2["SQLDATE"] == "20240402" and v2["Actor1Name"] == "Maria Alvarez" and v2["EventType"] == "DECLARE"
    assert by_id["V1"]["ActionGeo_FullName"] == "Riverton"
    assert by_id["V3"]["SQLDATE"] == ""  # undated stays empty
    art = next(a for a in results.articles if a.id == v2["SourceArticleID"])
    assert art.text[int(v2["TriggerStart"]):int(v2["TriggerEnd"])] == "declared"
    assert v2["SOURCEURL"] == "https://example.org/riverton-1"


def test_parquet_tables_read_back(results, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    paths = formats.write_binary("parquet", results, str(tmp_path))
    names = {Path(p).stem for p in paths}
    assert {"articles", "sentences", "mentions", "quotes", "event_mentions", "positions", "entities",
            "events", "threads", "timeline", "events_gdelt"} <= names
    arts = pq.read_table(tmp_path / "articles.parquet").to_pylist()
    assert len(arts) == 5 and {a["external_id"] for a in arts} == {f"w-0{i}" for i in range(1, 6)}
    quotes = pq.read_table(tmp_path / "quotes.parquet").to_pylist()
    assert len(quotes) == sum(len(a.quotes) for a in results.analyses)
    actions = pq.read_table(tmp_path / "actions.parquet").to_pylist()
    assert len(actions) == sum(len(a.actions) for a in results.analyses) > 0
    for row in actions:  # each row grounded in its article
        art = next(a for a in results.articles if a.id == row["article_id"])
        assert art.text[row["start"]:row["end"]] == row["trigger"] and row["type"] == "OTHER"
    content = json.loads(quotes[0]["content"])
    assert {"start", "end", "text"} <= set(content)
    ents = pq.read_table(tmp_path / "entities.parquet")
    assert ents.num_rows == len(results.corpus.entities)


def test_parquet_empty_tables_keep_their_columns(plain, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import dataclasses
    from storyline.records import CorpusAnalysis

    empty = dataclasses.replace(plain, corpus=CorpusAnalysis())
    formats.write_binary("parquet", empty, str(tmp_path))
    events = pq.read_table(tmp_path / "events.parquet")
    assert events.num_rows == 0 and {"id", "type", "label", "date", "participants"} <= set(events.column_names)
    assert str(pq.read_table(tmp_path / "timeline.parquet").schema.field("start").type) == "int64"
    arts = pq.read_table(tmp_path / "articles.parquet")
    assert str(arts.schema.field("published").type) == "string"
