"""The PostgreSQL store: the same contract as the SQLite file (tests taking ``any_db`` run
on both), the same build, briefing, search and answers from the bundled example, two
builds at once into one database, and clear errors for a bad URL, an unreachable server
or a missing driver. conftest's ``pg_server`` starts a throwaway PostgreSQL for the run
(skipped where PostgreSQL is not installed)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline import library
from storyline.cli.main import main
from storyline.errors import StoreError
from storyline.ingest import make_article
from storyline.records import CorpusAnalysis, Entity
from storyline.search import CorpusIndex, ask, search
from storyline.settings import Settings
from storyline.store import HL_CLOSE, HL_OPEN, is_postgres_url, open_store, shown
from test_store_sqlite import _analysis

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ever_given.jsonl"
MODEL = "en_core_web_sm"
BRIDGE = "Mayor Ana Ruiz opened the bridge on Monday. She praised the workers."
PORT = "The port workers went on strike on Friday. Ships waited offshore."


# -- the store contract, on both backends ------------------------------------------------
def test_store_older_basis_never_replaces_newer_results(any_db):
    newer = CorpusAnalysis(entities=(Entity("E1", "Ana Ruiz", "PERSON", mention_count=2),))
    with open_store(any_db) as s:
        s.add_analysis(_analysis(BRIDGE))
        old_basis = s.basis()
        s.add_analysis(_analysis(PORT))
        new_basis = s.basis()
        assert new_basis > old_basis
        assert s.save_corpus(newer, new_basis) is True
        assert s.save_corpus(CorpusAnalysis(), old_basis) is False  # a slower build's older results
        assert s.corpus() == newer
        assert s.save_corpus(CorpusAnalysis()) is True  # no basis given: the current one
        assert s.corpus() == CorpusAnalysis()
        assert s.snapshot()[0] == new_basis == s.stamp()[2]


def test_store_duplicates_linked_not_analysed(any_db):
    original = _analysis(BRIDGE)
    copy = make_article(BRIDGE + " (Reuters)", title="Bridge")
    with open_store(any_db) as s:
        s.add_analysis(original)
        assert s.add_duplicate(copy, original.article.id) is True
        assert s.add_duplicate(copy, original.article.id) is False
        assert s.duplicates() == [(copy.id, original.article.id)]
        assert [a.id for a in s.articles()] == [original.article.id]
        assert [a.id for a in s.articles(include_duplicates=True)] == [original.article.id, copy.id]
        assert s.article(copy.id) == copy and s.has_article(copy.id) and not s.has_analysis(copy.id)
        assert s.count_articles() == 1 and s.integrity_check() == "ok"


def test_store_input_errors_logged_by_build(any_db):
    with open_store(any_db) as s:
        first = s.start_build()
        s.log_input_error(first, "feed.jsonl", 3, "not JSON")
        s.log_input_error(first, "notes.bin", None, "binary file")
        s.finish_build(first, {"read": 1})
        second = s.start_build()
        s.log_input_error(second, None, None, "nothing could be read")
        assert second > first
        assert s.input_errors(first) == [(first, "feed.jsonl", 3, "not JSON"), (first, "notes.bin", None, "binary file")]
        assert len(s.input_errors()) == 3


def test_store_fts_rows_grounded_and_ranked_alike(any_db):
    bridge, port = _analysis(BRIDGE), _analysis(PORT)
    with open_store(any_db) as s:
        s.add_analyses([(bridge, None), (port, None)])
        rows = s.fts_rows("sentences", ['"praising"', '"workers"'], "all")  # stemmed: praising ~ praised
        assert [(r.article_id, r.idx) for r in rows] == [(bridge.article.id, 1)]
        r = rows[0]
        assert BRIDGE[r.start:r.end] == "She praised the workers."
        plain = r.marked.replace(HL_OPEN, "").replace(HL_CLOSE, "")
        assert plain == BRIDGE[r.start:r.end] and f"{HL_OPEN}praised{HL_CLOSE}" in r.marked
        both = s.fts_rows("sentences", ['"praising"', '"workers"'], "any")
        assert both[0].article_id == bridge.article.id  # two terms beat one: higher score is better
        assert [x.score for x in both] == sorted((x.score for x in both), reverse=True)
        assert {x.article_id for x in both} == {bridge.article.id, port.article.id}
        assert [x.article_id for x in s.fts_rows("sentences", ['"workers"'], "any", {port.article.id})] == [
            port.article.id]
        assert s.fts_rows("sentences", ['"workers"'], "any", set()) == []
        assert s.fts_rows("sentences", ['"zeppelin"'], "any") == []
        arts = s.fts_rows("articles", ['"bridge"'], "any")  # the title of both, the text of one
        assert [a.article_id for a in arts] == [bridge.article.id, port.article.id] and arts[0].idx == -1
        assert s.fts_rows("sentences", ['"ships waited"'], "all")[0].article_id == port.article.id  # a phrase


def test_store_analysis_of_another_version_replaced_in_place(any_db):
    import dataclasses

    old, other = _analysis(BRIDGE), _analysis(PORT)
    new = dataclasses.replace(old, pipeline_version="1")
    with open_store(any_db) as s:
        s.add_analyses([(old, None), (other, None)])
        assert s.stale_ids("1") == [old.article.id, other.article.id] and s.stale_ids("0") == []
        assert s.add_analysis(new) is True and s.add_analysis(new) is False
        assert s.analysis(old.article.id) == new and s.stale_ids("1") == [other.article.id]
        assert [a.id for a in s.articles()] == [old.article.id, other.article.id]  # its place kept
        rows = s.fts_rows("sentences", ['"praised"'], "any")
        assert [(r.article_id, r.idx) for r in rows] == [(old.article.id, 1)]  # indexed once, not twice
        assert s.count_articles() == 2 and s.integrity_check() == "ok"


def test_store_readonly_needs_a_built_store_and_refuses_writes(any_db):
    with pytest.raises(StoreError, match="run 'storyline build' first"):
        open_store(any_db, readonly=True)
    with open_store(any_db) as s:
        s.add_analysis(_analysis(BRIDGE))
    with open_store(any_db, readonly=True) as s:
        assert s.count_articles() == 1
        with pytest.raises(StoreError) as refused:  # one clear line naming the store, either backend
            s.add_analysis(_analysis(PORT))
        assert "\n" not in str(refused.value) and ("read" in str(refused.value).lower())
    with open_store(any_db) as s:
        assert s.count_articles() == 1


# -- the bundled example built into each backend -------------------------------------------
@pytest.fixture(scope="module")
def example_builds(new_pg_database, tmp_path_factory):
    """(SQLite path, PostgreSQL URL, their briefings): the example built once into each."""
    out = {}
    for db in (str(tmp_path_factory.mktemp("pgcmp") / "ex.db"), new_pg_database()):
        library.build([str(EXAMPLE)], Settings(db=db, model=MODEL))
        out[db] = library.brief(library.load(db))
    return out


def test_pg_build_equals_sqlite_build(example_builds):
    (lite, lite_brief), (pg, pg_brief) = example_builds.items()
    a, b = library.load(lite), library.load(pg)
    assert len(b.analyses) == 12 and b.analyses == a.analyses
    assert [(e.name, e.type, e.mention_count) for e in b.corpus.entities] == [
        (e.name, e.type, e.mention_count) for e in a.corpus.entities]
    assert len(b.corpus.events) == len(a.corpus.events) > 0
    assert b.corpus.threads == a.corpus.threads
    assert pg_brief == lite_brief and "Ever Given" in pg_brief
    assert library.export_document(b) == library.export_document(a)


def test_pg_search_hits_point_at_the_matching_text(example_builds):
    (lite, _), (pg, _) = example_builds.items()
    index = CorpusIndex(library.load(pg))
    res = search(pg, "compensation", index)
    texts = {a.id: a.text for a in index.results.articles}
    assert res.mode == "all" and res.hits
    for h in res.hits:
        assert texts[h.article_id][h.start:h.end] == h.text
        assert h.highlights and all(texts[h.article_id][x:y].lower().startswith("compensat") for x, y in h.highlights)
    expected = {aid for aid, text in texts.items() if "compensat" in text.lower()}
    assert {h.article_id for h in res.hits} == expected
    lite_res = search(lite, "compensation", CorpusIndex(library.load(lite)))
    assert {(h.article_id, h.start, h.end) for h in res.hits} == {(h.article_id, h.start, h.end) for h in lite_res.hits}
    arts = search(pg, "salvage tugboats", index, scope="articles")
    assert arts.hits and all(h.sentence == -1 or texts[h.article_id][h.start:h.end] == h.text for h in arts.hits)


def test_pg_ask_cites_the_same_answer(example_builds):
    (lite, _), (pg, _) = example_builds.items()
    question = "Who said the wind was not the only cause?"
    on_pg = ask(pg, question, CorpusIndex(library.load(pg)), use_semantic=False)
    on_lite = ask(lite, question, CorpusIndex(library.load(lite)), use_semantic=False)
    assert on_pg.answer and on_pg.answer == on_lite.answer and "Rabie" in on_pg.answer
    texts = {a.id: a.text for a in library.load(pg).articles}
    for c in on_pg.citations:
        assert texts[c.article_id][c.start:c.end] == c.text


def test_pg_cli_commands_take_the_url(example_builds, capsys):
    _, (pg, _) = example_builds.items()
    assert main(["entities", "--db", pg]) == 0
    assert "Osama Rabie" in capsys.readouterr().out
    assert main(["search", "canal authority", "--db", pg, "--limit", "3"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3


def test_pg_two_builds_at_once_lose_nothing(pg_db, tmp_path):
    lines = [ln for ln in EXAMPLE.read_text().splitlines() if ln.strip()]
    halves = [tmp_path / "first.jsonl", tmp_path / "second.jsonl"]
    halves[0].write_text("\n".join(lines[0::2]) + "\n")
    halves[1].write_text("\n".join(lines[1::2]) + "\n")
    cmds = [[sys.executable, "-m", "storyline.cli.main", "build", str(h), "--db", pg_db, "--model", MODEL,
             "--no-brief", "-q"] for h in halves]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in cmds]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    ids = {json.loads(ln)["id"] for ln in lines}
    with open_store(pg_db, readonly=True) as s:
        stored = s.articles()
        seqs = [r[0] for r in s.conn.execute("SELECT seq FROM articles").fetchall()]
        assert s.count_articles() == len(lines) == 12 and s.integrity_check() == "ok"
        assert s.stamp()[2] == s.basis()  # the saved results are those of every stored article
    assert {a.external_id for a in stored} == ids and len(set(seqs)) == len(seqs) == 12
    assert len(library.load(pg_db).corpus.entities) > 0


def test_pg_writers_on_two_connections_take_distinct_numbers(pg_db):
    import threading

    def write(k: int):
        with open_store(pg_db) as s:
            for i in range(20):
                s.add_analysis(_analysis(f"Writer {k} filed report number {i} on Monday. Nobody objected."))

    with open_store(pg_db):
        pass  # migrated once before the writers start
    threads = [threading.Thread(target=write, args=(k,)) for k in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open_store(pg_db, readonly=True) as s:
        seqs = [r[0] for r in s.conn.execute("SELECT seq FROM articles ORDER BY seq").fetchall()]
        assert s.count_articles() == 40 and len(set(seqs)) == 40 and s.integrity_check() == "ok"


# -- naming and errors --------------------------------------------------------------------
@pytest.mark.parametrize("db, expected", [
    ("postgresql://ana:s3cret@db.example:5432/news", "postgresql://ana:***@db.example:5432/news"),
    ("postgres://ana@127.0.0.1/news?password=s3cret&sslmode=require",
     "postgres://ana@127.0.0.1/news?password=***&sslmode=require"),
    ("postgresql://127.0.0.1/news", "postgresql://127.0.0.1/news"),
    ("stores/seed.db", "stores/seed.db"),
])
def test_store_url_shown_without_password(db, expected):
    assert shown(db) == expected
    assert is_postgres_url(db) == db.startswith("postgres")


def test_cli_unreachable_server_one_clear_line(capsys):
    pytest.importorskip("psycopg")
    assert main(["entities", "--db", "postgresql://nobody@127.0.0.1:1/x"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: postgresql://nobody@127.0.0.1:1/x: cannot connect to PostgreSQL")
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert main(["build", str(EXAMPLE), "--db", "postgresql://nobody:s3cret@127.0.0.1:1/x", "--no-brief"]) == 1
    err = capsys.readouterr().err
    assert "s3cret" not in err and "postgresql://nobody:***@127.0.0.1:1/x: cannot connect" in err
    assert main(["brief", "--db", "postgresql://nobody@127.0.0.1:notaport/x"]) == 1
    assert capsys.readouterr().err.startswith("error: postgresql://nobody@127.0.0.1:notaport/x: ")


def test_pg_connection_lost_is_a_store_error(pg_db, pg_server):
    import psycopg

    with open_store(pg_db) as s:
        s.add_analysis(_analysis(BRIDGE))
        with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (s.conn.info.backend_pid,))
        with pytest.raises(StoreError, match=r"^postgresql://postgres@127\.0\.0\.1:\d+/t_\w+: "):
            s.count_articles()
        with pytest.raises(StoreError):
            s.add_analysis(_analysis(PORT))


def test_store_without_the_driver_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match=r"pip install 'storyline\[postgres\]'"):
        open_store("postgresql://nobody@127.0.0.1:1/x")


def test_cli_db_help_names_both_backends(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    assert "PostgreSQL URL" in " ".join(capsys.readouterr().out.split())


def test_server_state_reloads_after_a_write_to_pg(pg_db):
    from storyline.api.state import AppState

    with open_store(pg_db) as s:
        s.add_analysis(_analysis(BRIDGE))
        s.save_corpus(CorpusAnalysis())
    state = AppState(pg_db, min_interval=0.0)
    first = state.index
    assert state.index is first  # nothing written: same snapshot
    with open_store(pg_db) as s:
        s.add_analysis(_analysis(PORT))
    assert state.index is not first and len(state.index.results.articles) == 2
