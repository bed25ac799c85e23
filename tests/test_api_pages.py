"""The JSON API in-process: every page's JSON twin, record-derived content,
OpenAPI, exports, and clear 4xx errors."""
import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "web"))
from webfixture import built_db  # noqa: E402

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from storyline.api.app import create_app, is_loopback, serve  # noqa: E402

PAGES = ["/timeline", "/entities", "/quotes", "/threads", "/events", "/graph", "/articles", "/search?q=levee",
         "/ask?q=Who+said+Riverton+is+our+home%3F"]


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(built_db("rich")))


@pytest.fixture(scope="module")
def plain_client():
    return TestClient(create_app(built_db("plain")))


def _ids(client):
    ents = client.get("/api/entities").json()["entities"]
    alvarez = next(e for e in ents if "Alvarez" in e["name"])
    arts = {a["external_id"]: a["id"] for a in client.get("/api/export/json").json()["articles"]}
    return alvarez, arts


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_a_json_twin(client, page):
    html = client.get(page)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    twin = "/api" + page
    assert f'href="{twin.replace("&", "&amp;")}"' in html.text
    data = client.get(twin)
    assert data.status_code == 200 and data.headers["content-type"].startswith("application/json")
    assert isinstance(data.json(), dict)


@pytest.mark.parametrize("page", PAGES + ["/"])
def test_pages_work_on_what_the_pipeline_stored(plain_client, page):
    assert plain_client.get(page).status_code == 200


def test_timeline_orders_dated_entries_then_undated(client):
    data = client.get("/api/timeline").json()
    dates = [e["date"] for e in data["entries"]]
    assert dates == ["2024-04-02", "2024-04-03", "2024-04-05", "2024-04-08", None]
    first = data["entries"][0]
    assert first["event"]["id"] == "V1" and first["source_url"].endswith("?hl=0-54#hl")
    only_t2 = client.get("/api/timeline?thread=T2").json()
    assert only_t2["count"] == 2
    assert client.get("/api/timeline?thread=T9").status_code == 404


def test_entity_page_roles_quotes_positions_mentions(client):
    alvarez, arts = _ids(client)
    data = client.get(f"/api/entities/{alvarez['id']}").json()
    assert data["entity"]["name"] == alvarez["name"]
    assert data["quotes"][0]["record"]["content"]["text"] == "We will not leave anyone behind."  # earliest
    assert all(q["speaker"]["id"] == alvarez["id"] for q in data["quotes"])
    assert data["positions"][0]["record"]["stance"] == "demand"
    assert len(data["mentions"]) >= 5
    m = data["mentions"][0]
    marked = "".join(p for p, hit in m["context"]["segments"] if hit)
    assert marked == m["text"]
    html = client.get(f"/entities/{alvarez['id']}").text
    assert "<mark>" in html and "We will not leave anyone behind." in html


def test_article_page_highlights_the_requested_span(client):
    _, arts = _ids(client)
    aid = arts["w-04"]
    data = client.get(f"/api/articles/{aid}?hl=88-143").json()
    current = [s for s in data["sentences"] if s["current"]]
    assert len(current) == 1
    assert "".join(p for p, hit in current[0]["segments"] if hit).startswith('"Riverton is our home')
    assert 'id="hl"' in client.get(f"/articles/{aid}?hl=88-143").text
    assert client.get(f"/api/articles/{aid}?hl=5000-6000").json()["highlight"] is None  # out of range: ignored


def test_quote_explorer_filters(client):
    alvarez, _ = _ids(client)
    every = client.get("/api/quotes").json()
    assert all(q["said"] and q["said"].replace("…", "").split()[0] in q["record"]["content"]["text"]
               for q in every["quotes"])  # what was said, as shown: the content's pieces
    assert every["count"] >= 4
    assert {q["record"]["kind"] for q in client.get("/api/quotes?kind=indirect").json()["quotes"]} == {"indirect"}
    unatt = client.get("/api/quotes?attributed=no").json()["quotes"]
    assert unatt and all(not q["attributed"] for q in unatt)
    by = client.get(f"/api/quotes?speaker={alvarez['id']}").json()["quotes"]
    assert by and {q["speaker"]["id"] for q in by} == {alvarez["id"]}
    assert client.get("/api/quotes?from=2024-04-08").json()["count"] == 3


def test_articles_list_newest_first_with_date_filter(client):
    data = client.get("/api/articles").json()
    assert [a["published"] for a in data["articles"]] == ["2024-04-09", "2024-04-08", "2024-04-05",
                                                          "2024-04-03", "2024-04-02"]
    assert client.get("/api/articles?from=2024-04-05&to=2024-04-08").json()["count"] == 2
    assert client.get("/api/articles?from=04/05/2024").status_code == 422


def test_threads_events_graph(client):
    threads = client.get("/api/threads").json()["threads"]
    assert {t["id"] for t in threads} == {"T1", "T2"}
    t1 = client.get("/api/threads/T1").json()
    assert [c["id"] for c in t1["children"]] == ["T2"] and len(t1["articles"]) == 5
    ev = client.get("/api/events/V2").json()
    assert ev["mentions"][0]["record"]["trigger"] == "declared"
    assert client.get("/api/events?type=REPAIR").json()["count"] == 1
    graph = client.get("/api/graph").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["edges"] and all(e["source"] in ids and e["target"] in ids for e in graph["edges"])


def test_search_and_ask_answer_with_citations(client):
    alvarez, _ = _ids(client)
    s = client.get(f"/api/search?q=federal+aid&entity={alvarez['id']}&from=2024-04-01&to=2024-04-30").json()
    assert s["total"] == 1 and s["hits"][0]["source_url"].startswith("/articles/")
    assert "".join(p for p, hit in s["hits"][0]["segments"] if hit).lower() == "federalaid"
    a = client.get("/api/ask?q=What+does+Maria+Alvarez+want%3F").json()
    assert a["facts"][0]["record"]["stance"] == "demand" and a["answer_source"].startswith("/articles/")
    assert a["citations"][0]["article_id"] and a["citations"][0]["end"] > a["citations"][0]["start"]


def test_openapi_and_docs_are_local(client):
    spec = client.get("/api/openapi.json").json()
    for p in ["/api/timeline", "/api/entities/{eid}", "/api/search", "/api/ask", "/api/export/{fmt}"]:
        assert p in spec["paths"]
    docs = client.get("/api/docs").text
    assert "/api/search" in docs and "cdn" not in docs.lower()


def test_exports_over_http(client):
    assert client.get("/api/export/graphml").text.startswith("<?xml")
    assert client.get("/api/export/csv").text.startswith("GLOBALEVENTID,")
    assert "events" in client.get("/api/export/timelinejs").json()
    assert client.get("/api/export/schema").json()["$schema"].startswith("https://json-schema.org/")
    assert client.get("/api/export/parquet").status_code == 422


@pytest.mark.parametrize("url", [
    "/api/search?limit=0", "/api/search?limit=100000", "/api/search?from=April", "/api/search?scope=everything",
    "/api/quotes?kind=shouted", "/api/articles/abc?hl=1-2-3", "/api/search?q=" + "x" * 501,
    "/api/entities/bad%20id", "/api/graph?max_nodes=-1",
])
def test_bad_parameters_answer_422_with_the_problem(client, url):
    r = client.get(url)
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "invalid request" and body["problems"][0]["where"]


def test_unknown_ids_answer_404(client):
    for url in ["/api/entities/Enope", "/api/threads/T404", "/api/events/V404", "/api/articles/ffff"]:
        r = client.get(url)
        assert r.status_code == 404 and "no " in r.json()["error"]
    assert client.get("/entities/Enope").headers["content-type"].startswith("text/html")


def test_loopback_by_default_and_host_check():
    import inspect

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    guarded = TestClient(create_app(built_db("rich"), allowed_hosts=["127.0.0.1", "localhost"]),
                         base_url="http://127.0.0.1")
    assert guarded.get("/api/threads").status_code == 200
    assert guarded.get("/api/threads", headers={"Host": "evil.example"}).status_code == 400


def test_roles_are_grouped_over_time():
    from storyline.api.views import _group_roles

    rows = [{"text": "Governor", "date": "2024-04-02", "source_url": "/a"},
            {"text": "top diplomat", "date": None, "source_url": "/b"},
            {"text": "governor", "date": "2024-04-09", "source_url": "/c"}]
    groups = _group_roles(rows)
    assert [(g["text"], g["first"], g["last"], g["count"]) for g in groups] == [
        ("Governor", "2024-04-02", "2024-04-09", 2), ("top diplomat", None, None, 1)]
    assert groups[0]["sources"] == ["/a", "/c"]


def test_long_lists_page_with_offset(client):
    first = client.get("/api/quotes?limit=2").json()
    assert len(first["quotes"]) == 2 and first["next"].startswith("/quotes?")
    second = client.get("/api" + first["next"]).json()
    assert second["offset"] == 2 and second["quotes"][0] != first["quotes"][0]
    ents = client.get("/api/entities?limit=1&type=PERSON").json()
    assert "type=PERSON" in ents["next"] and len(ents["entities"]) == 1
    assert client.get("/api/entities?limit=5000").json()["next"] is None
    assert 'class="more"' in client.get("/quotes?limit=1").text


def test_entity_page_shows_the_actors_timeline_grounded(plain_client):
    # built by the pipeline: typed events and actions the actor takes part in, in date order,
    # each mention marked in its sentence and linked to where it is told
    ents = plain_client.get("/api/entities").json()["entities"]
    shown = 0
    for e in ents:
        data = plain_client.get(f"/api/entities/{e['id']}").json()
        items = data["timeline"]
        dates = [t["date"] for t in items if t["date"]]
        assert dates == sorted(dates)
        assert all(t["date"] is not None for t in items[:len(dates)])  # undated ones come last
        for t in items:
            for m in t["mentions"]:
                marked = "".join(p for p, hit in m["context"]["segments"] if hit)
                assert marked == m["trigger"] and m["source_url"].endswith(f"?hl={m['start']}-{m['end']}#hl")
        if items:
            shown += 1
            html = plain_client.get(f"/entities/{e['id']}").text
            assert "<h2>Timeline</h2>" in html and items[0]["mentions"][0]["trigger"] in html
    assert shown >= 1
