"""The per-article stage's version stamp, and builds that re-analyse what another
version stored."""
from __future__ import annotations

import json
import sqlite3

from storyline import library
from storyline.settings import PIPELINE_VERSION, Settings
from storyline.version import analysis_version, code_digest


def _tree(root):
    (root / "stage" / "data").mkdir(parents=True)
    (root / "stage" / "rules.py").write_text("RULE = 1\n")
    (root / "stage" / "data" / "words.tsv").write_text("ship\tPRODUCT\n")
    (root / "other.py").write_text("X = 2\n")
    return root


def test_digest_follows_code_and_data_not_caches(tmp_path):
    root = _tree(tmp_path)
    first = code_digest(root, ["stage"])
    assert first == code_digest(root, ["stage"])
    (root / "stage" / "__pycache__").mkdir()
    (root / "stage" / "__pycache__" / "rules.cpython-312.pyc").write_bytes(b"\x00\x01")
    (root / "other.py").write_text("X = 3\n")  # not part of the stage
    assert code_digest(root, ["stage"]) == first
    (root / "stage" / "data" / "words.tsv").write_text("ship\tPRODUCT\nvessel\tPRODUCT\n")
    second = code_digest(root, ["stage"])
    assert second != first
    (root / "stage" / "data" / "words.tsv").rename(root / "stage" / "data" / "nouns.tsv")
    assert code_digest(root, ["stage"]) != second  # a renamed file is another stage


def test_analysis_version_names_the_release():
    assert analysis_version().startswith(PIPELINE_VERSION + "+")
    assert len(analysis_version().split("+")[1]) == 12


ARTICLES = [
    "The port authority said on Monday that the harbour in Valdoria would reopen after repairs. "
    "Captain Mira Holt said the crews had worked through the night.",
    "Fishing boats returned to the harbour in Valdoria on Tuesday. Mira Holt said traffic was normal.",
]


def test_build_reanalyses_articles_another_version_stored(tmp_path):
    jl = tmp_path / "in.jsonl"
    jl.write_text("".join(json.dumps({"text": t}) + "\n" for t in ARTICLES), encoding="utf-8")
    db = tmp_path / "v.db"
    settings = Settings(db=str(db), model="en_core_web_sm")
    report, _ = library.build([str(jl)], settings)
    assert report.stored == 2 and report.reanalysed == 0
    with sqlite3.connect(db) as conn:  # as an older storyline would have left them
        conn.execute("UPDATE analyses SET pipeline_version='0.0.9+old', "
                     "data=json_set(data, '$.pipeline_version', '0.0.9+old')")
    before = library.load(str(db))
    assert {an.pipeline_version for an in before.analyses} == {"0.0.9+old"}

    report, _ = library.build([str(jl)], settings)
    assert report.already_stored == 2 and report.reanalysed == 2 and report.stored == 2
    assert "re-analysed 2" in report.summary()
    after = library.load(str(db))
    assert {an.pipeline_version for an in after.analyses} == {analysis_version()}
    assert [a.id for a in after.articles] == [a.id for a in before.articles]  # same order, no copies
    holt = [e for e in after.corpus.entities if e.name == "Mira Holt"]
    assert len(holt) == 1 and len(holt[0].article_ids) == 2
    # the search index holds each sentence once, not once per analysis
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT COUNT(*) FROM sentences_fts").fetchone()[0]
    assert rows == sum(len(an.sentences) for an in after.analyses)

    report, _ = library.build([str(jl)], settings)  # now current: nothing to do
    assert report.stored == 0 and report.reanalysed == 0
