"""Readers on small fixtures written for these tests."""
from __future__ import annotations

import io
import json

import pytest

from storyline.errors import (BinaryInputError, EmptyInputError, EncodingError, InputError, InputTooLarge,
                              SkippedFile)
from storyline.ingest import read_path, split_plain_text
from storyline.ingest.dates import parse_published
from storyline.ingest.normalize import article_id, clean_text
from storyline.records import Article
from storyline.settings import Settings


def _split(items):
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, InputError)]
    return arts, errs


def test_ingest_jsonl_broken_line_reported_rest_kept(fixtures_dir):
    path = str(fixtures_dir / "ingest" / "briefs.jsonl")
    arts, errs = _split(list(read_path(path)))
    assert [a.external_id for a in arts] == ["b1", "b2", "b4"]
    assert {e.line for e in errs} == {3, 5}
    assert all(e.path == path for e in errs)
    assert "briefs.jsonl:3" in str(errs[0]) and "invalid JSON" in str(errs[0])
    assert arts[0].published == "2024-05-06"
    assert arts[1].published == "2024-05-09T14:30:00+02:00"  # time zone kept
    assert arts[2].published == "2024-05-14"  # "date" field, free format
    assert arts[2].text.startswith("The council named")  # "body" field
    assert arts[0].source == "Test Wire" and arts[0].title == "Council approves river bridge"


def test_ingest_plain_text_one_per_line_and_blocks(fixtures_dir):
    arts, _ = _split(list(read_path(str(fixtures_dir / "ingest" / "oneperline.txt"))))
    assert len(arts) == 2 and arts[1].text.startswith("Second article")
    blocks, _ = _split(list(read_path(str(fixtures_dir / "ingest" / "blocks.txt"))))
    assert len(blocks) == 2
    assert blocks[0].text.count("\n") == 2 and blocks[1].origin.endswith(":5")


def test_ingest_split_plain_text_detects_layout():
    assert [t for _, t in split_plain_text("a\nb\nc\n")] == ["a", "b", "c"]
    assert [t for _, t in split_plain_text("a\nb\n\nc\n")] == ["a\nb", "c"]


def test_ingest_csv_rows_and_bad_row(fixtures_dir):
    arts, errs = _split(list(read_path(str(fixtures_dir / "ingest" / "briefs.csv"))))
    assert [a.external_id for a in arts] == ["c1", "c2"]
    assert arts[1].published == "2024-01-02" or arts[1].published == "2024-02-01"
    assert len(errs) == 1 and errs[0].line == 4


def test_ingest_html_page_main_text_title_date(fixtures_dir):
    arts, errs = _split(list(read_path(str(fixtures_dir / "ingest" / "page.html"))))
    assert not errs and len(arts) == 1
    a = arts[0]
    assert "crane collapsed" in a.text and "Home | World" not in a.text
    assert "Harbour crane collapses" in a.title
    assert a.published and a.published.startswith("2024-03-04")


def test_ingest_rss_entries(fixtures_dir):
    arts, errs = _split(list(read_path(str(fixtures_dir / "ingest" / "feed.xml"))))
    assert len(arts) == 1 and arts[0].title == "Harbour strike called off"
    assert arts[0].text.startswith("The dock workers' union") and "<p>" not in arts[0].text
    assert arts[0].published == "2024-03-05T10:00:00+01:00"
    assert len(errs) == 1 and errs[0].line == 2


def test_ingest_encodings_bom_latin1_binary_empty_missing(fixtures_dir, tmp_path):
    d = fixtures_dir / "ingest"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    arts, _ = _split(list(read_path(str(d / "utf16.txt"))))
    assert arts[0].text == "The storm ended."
    arts, _ = _split(list(read_path(str(d / "latin1.txt"))))
    assert arts[0].text.startswith("Café owners")
    _, errs = _split(list(read_path(str(d / "binary.bin"))))
    assert isinstance(errs[0], BinaryInputError) and "binary.bin" in str(errs[0])
    _, errs = _split(list(read_path(str(empty))))
    assert isinstance(errs[0], EmptyInputError)
    _, errs = _split(list(read_path(str(d / "nope.txt"))))
    assert "no such file" in str(errs[0]) and "nope.txt" in str(errs[0])


def test_ingest_directory_reads_every_format(fixtures_dir):
    arts, errs = _split(list(read_path(str(fixtures_dir / "ingest"))))
    assert len(arts) >= 10
    assert any(isinstance(e, BinaryInputError) for e in errs)


def test_a_folders_readme_and_source_notes_are_not_articles(tmp_path):
    (tmp_path / "wire.txt").write_text("Ferry service resumed on Monday after the storm.\n\n"
                                       "The harbour reopened to cargo ships.\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("Wire copy collected for the ferry story.\n", encoding="utf-8")
    (tmp_path / "SOURCE.txt").write_text("Collected by the desk in May.\n", encoding="utf-8")
    arts, errs = _split(list(read_path(str(tmp_path))))
    assert [a.text.split()[0] for a in arts] == ["Ferry", "The"]
    assert sorted(e.path.rsplit("/", 1)[-1] for e in errs) == ["README.md", "SOURCE.txt"]
    assert all(isinstance(e, SkippedFile) and "give its own path" in str(e) for e in errs)
    # named on its own, such a file is read
    assert [a.text for a in read_path(str(tmp_path / "SOURCE.txt"))] == ["Collected by the desk in May."]


def test_ingest_record_limit_and_date_default(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text(json.dumps({"text": "word " * 100}) + "\n" + json.dumps({"text": "short one"}) + "\n")
    arts, errs = _split(list(read_path(str(p), Settings(max_record_chars=50, date_default="2024-01-31"))))
    assert isinstance(errs[0], InputTooLarge) and errs[0].line == 1
    assert arts[0].published == "2024-01-31" and arts[0].date_is_default


def test_ingest_stdin(monkeypatch):
    import sys

    class FakeStdin:
        buffer = io.BytesIO(b"One article from standard input.\nAnother one.\n")

    monkeypatch.setattr(sys, "stdin", FakeStdin)
    arts, _ = _split(list(read_path("-")))
    assert len(arts) == 2 and arts[0].origin == "<stdin>:1"


def test_ingest_ids_are_content_hashes():
    assert article_id("The  Storm\nhit.") == article_id("the storm hit.")
    assert article_id("a") != article_id("b")
    assert clean_text("a\u200bb\u202ec\x07") == "abc"


@pytest.mark.parametrize("value,expected", [
    ("2025-08-15", "2025-08-15"), ("August 15, 2025", "2025-08-15"),
    ("Fri, 15 Aug 2025 10:00:00 +0200", "2025-08-15T10:00:00+02:00"),
    ("Aug 2025", None), ("Friday", None), ("", None), (None, None),
])
def test_ingest_parse_published(value, expected):
    assert parse_published(value) == expected


def test_an_agencys_handling_words_are_no_part_of_a_title():
    from storyline.ingest.normalize import clean_title
    from storyline.ingest.readers import make_article

    assert make_article("The port reopened.", title="URGENT Port of Bergen reopens").title == "Port of Bergen reopens"
    assert clean_title("FLASH URGENT Quake hits the coast") == "Quake hits the coast"
    assert clean_title("ATTENTION - ADDS quotes ///") == ""  # a note to editors, not a title
    assert clean_title("= (PICTURE) =") == ""
    # capitals that are the subject stay: an acronym, a word written in lower case after them
    assert clean_title("NATO summit opens") == "NATO summit opens"
    assert clean_title("Alert raised in Bergen") == "Alert raised in Bergen"
