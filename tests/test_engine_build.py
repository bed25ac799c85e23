"""End-to-end builds with the small model: storing, re-running, broken input,
near-duplicates, the export contract, and the CLI."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from storyline import library
from storyline.cli.main import main, make_parser
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ever_given.jsonl"


@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("ex") / "ex.db"
    report, corpus = library.build([str(EXAMPLE)], Settings(db=str(db), model="en_core_web_sm"))
    assert report.stored == 12
    return db


def test_build_example_stores_every_article_with_grounded_records(example_db):
    res = library.load(str(example_db))
    assert len(res.articles) == 12 and len(res.analyses) == 12
    for an in res.analyses:
        text = an.article.text
        for m in an.mentions:
            assert text[m.start:m.end] == m.text and m.article_id == an.article.id
        for s in an.sentences:
            assert 0 <= s.start < s.end <= len(text)
    names = {e.name for e in res.corpus.entities}
    assert "Osama Rabie" in names
    rabie = next(e for e in res.corpus.entities if e.name == "Osama Rabie")
    assert rabie.type == "PERSON" and rabie.mention_count >= 4 and len(rabie.article_ids) >= 4


def test_build_rerun_adds_nothing(example_db):
    report, _ = library.build([str(EXAMPLE)], Settings(db=str(example_db), model="en_core_web_sm"))
    assert report.stored == 0 and report.already_stored == 12 and report.read == 12


def test_build_broken_jsonl_line_reported_rest_stored(tmp_path, fixtures_dir, capsys):
    db = tmp_path / "b.db"
    code = main(["build", str(fixtures_dir / "ingest" / "briefs.jsonl"), "--db", str(db),
                 "--model", "en_core_web_sm", "--no-brief", "-q"])
    err = capsys.readouterr().err
    assert code == 0
    assert "briefs.jsonl:3" in err and "briefs.jsonl:5" in err
    assert "read 3, stored 3" in err and "skipped 2" in err
    assert len(library.load(str(db)).articles) == 3


def test_build_near_duplicate_linked_not_analysed(tmp_path):
    base = ("The port authority said on Monday that the harbour would reopen after a week of repairs "
            "to the eastern quay, and that ferries would resume their normal timetable on Thursday.")
    p = tmp_path / "dup.jsonl"
    p.write_text(json.dumps({"text": base, "source": "A"}) + "\n"
                 + json.dumps({"text": base.replace("Thursday.", "Thursday, officials added."), "source": "B"}) + "\n")
    report, _ = library.build([str(p)], Settings(db=str(tmp_path / "d.db"), model="en_core_web_sm"))
    assert report.stored == 1 and report.duplicates == 1
    res = library.load(str(tmp_path / "d.db"))
    assert len(res.duplicates) == 1 and res.duplicates[0][1] == res.articles[0].id


def test_build_nothing_readable_exits_nonzero(tmp_path, fixtures_dir, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    paths = {"empty.txt": tmp_path / "empty.txt", "binary.bin": fixtures_dir / "ingest" / "binary.bin",
             "missing.txt": fixtures_dir / "ingest" / "missing.txt"}
    for name, path in paths.items():
        code = main(["build", str(path), "--db", str(tmp_path / "n.db"), "-q"])
        assert code == 1
        assert name in capsys.readouterr().err


def test_export_json_matches_schema(example_db, tmp_path, capsys):
    out = tmp_path / "export.json"
    assert main(["export", "--db", str(example_db), "--format", "json", "--out", str(out)]) == 0
    doc = json.loads(out.read_text())
    schema = library.json_schema()
    jsonschema.validate(doc, schema)
    assert doc["schema_version"] == "1.0" and len(doc["articles"]) == 12
    first = doc["articles"][0]
    assert first["published"] == "2021-03-23" and first["mentions"]
    assert all(m["entity_id"] for m in first["mentions"] if m["kind"] == "name")
    # the schema document in docs/ is the one the code derives
    assert main(["export", "--format", "schema", "--out", str(tmp_path / "schema.json")]) == 0
    assert json.loads((tmp_path / "schema.json").read_text()) == schema


def test_export_schema_doc_is_current():
    committed = json.loads((ROOT / "docs" / "schema.json").read_text())
    assert committed == library.json_schema(), "docs/schema.json is stale: run storyline export --format schema --out docs/schema.json"


def test_cli_every_command_has_help():
    parser = make_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, sp in sub.choices.items():
        assert sp.description or sub._name_parser_map[name].format_help(), name
        helps = {a.dest: a.help for a in sp._actions if a.dest != "help"}
        missing = [d for d, h in helps.items() if not h and d not in ("corpus", "func")]
        assert not missing, f"{name}: options without help: {missing}"
    helps = {c.dest: c.help for c in sub._choices_actions}
    assert all(helps.values()) and {"build", "brief", "export", "entities", "quotes", "eval"} <= set(helps)


def test_cli_entities_and_entity(example_db, capsys):
    assert main(["entities", "--db", str(example_db)]) == 0
    out = capsys.readouterr().out
    assert "Osama Rabie" in out and "PERSON" in out
    assert main(["entity", "Rabie", "--db", str(example_db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Osama Rabie (PERSON)") and "[[" in out
    # the ship the briefs are about, which the recognizer never tags, is the main actor
    assert main(["entity", "Ever Given", "--db", str(example_db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ever Given (PRODUCT)")
    mentions = int(out.split("— ")[1].split(" mentions")[0])
    assert mentions >= 12  # one name in each of the twelve briefs, and the ship's nominals


def test_cli_entity_shows_the_timeline_and_caps_long_lists(example_db, capsys):
    assert main(["entity", "Ever Given", "--db", str(example_db), "--limit", "4"]) == 0
    out = capsys.readouterr().out
    timeline = out.split("timeline:\n")[1].split("mentions:")[0].splitlines()
    assert len(timeline) == 5 and timeline[-1].startswith("  … ") and "more events" in timeline[-1]
    mentions = out.split("mentions:\n")[1].splitlines()
    total = int(out.split("— ")[1].split(" mentions")[0])
    assert len(mentions) == 5 and mentions[-1] == f"  … {total - 4} more mentions (--limit 0 shows all)"
    assert main(["entity", "Ever Given", "--db", str(example_db), "--limit", "0"]) == 0
    assert len(capsys.readouterr().out.split("mentions:\n")[1].splitlines()) == total


def test_build_two_workers_equals_one_process(example_db, tmp_path):
    from storyline.records import to_dict

    db = tmp_path / "w2.db"
    report, _ = library.build([str(EXAMPLE)], Settings(db=str(db), model="en_core_web_sm", workers=2,
                                                       batch_size=4))
    assert report.stored == 12
    one, two = library.load(str(example_db)), library.load(str(db))
    assert [a.id for a in one.articles] == [a.id for a in two.articles]
    assert to_dict(one.analyses) == to_dict(two.analyses)


def test_build_workers_consume_input_in_the_callers_thread():
    """The build's input generator reads the store, whose connection belongs to the
    caller's thread; the worker pool must not pull it from its own feeder thread
    (that raced with the store writes: sqlite3 'bad parameter or other API misuse')."""
    import threading

    from storyline.engine.local import run_per_article
    from storyline.ingest import read_path

    seen = []

    def articles():
        for a in read_path(str(EXAMPLE)):
            seen.append(threading.current_thread())
            yield a

    out = list(run_per_article(articles(), model="en_core_web_sm", workers=2, batch_size=2))
    assert len(out) == 12 and [a.article.id for a in out] == [a.id for a in read_path(str(EXAMPLE))]
    assert set(seen) == {threading.current_thread()}


def test_build_cross_article_stage_from_memory_equals_one_from_the_store(example_db):
    """The build hands the cross-article stage the analyses it has just stored;
    decoding them all back from the store gives the same corpus results."""
    from storyline.engine.build import update_corpus
    from storyline.store import Store

    with Store(example_db) as store:
        built = store.corpus()
        basis, analyses = store.snapshot()
        assert len(analyses) == 12
        again = update_corpus(store)  # nothing known: every analysis decoded from the store
    assert again == built


def test_build_context_without_the_encoder_says_how_to_get_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("storyline.events.context.available", lambda: False)
    rc = main(["build", str(EXAMPLE), "--db", str(tmp_path / "x.db"), "--context", "--model", "en_core_web_sm",
               "-q", "--no-brief"])
    assert rc == 1
    assert "make context" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()
