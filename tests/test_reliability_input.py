"""Hostile and broken input: every reader either yields articles or the
documented InputError family — never another exception — and huge inputs
stream in bounded memory or are refused with a clear message."""
from __future__ import annotations

import json
import tracemalloc

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from storyline.errors import InputError, InputTooLarge
from storyline.ingest.readers import read_bytes, read_path
from storyline.records import Article
from storyline.settings import Settings

KINDS = [None, "text", "jsonl", "json", "csv", "tsv", "html", "feed"]
SETTINGS = Settings(max_record_chars=10_000)


def _check(items):
    for it in items:
        assert isinstance(it, (Article, InputError)), type(it)
        if isinstance(it, Article):
            assert it.text and it.id
            assert "\x00" not in it.text and "\u202e" not in it.text


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), kind=st.sampled_from(KINDS))
def test_reliability_readers_never_crash_on_bytes(data, kind):
    _check(read_bytes(data, "fuzz.bin", SETTINGS, kind))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20)


@hsettings(max_examples=150, deadline=None)
@given(records=st.lists(st.one_of(json_values, st.fixed_dictionaries(
    {"text": st.text(max_size=200), "published": st.text(max_size=30) | st.integers() | st.none(),
     "title": json_values})), max_size=5))
def test_reliability_json_records_never_crash(records):
    data = "\n".join(json.dumps(r) for r in records).encode()
    _check(read_bytes(data, "fuzz.jsonl", SETTINGS, "jsonl"))
    _check(read_bytes(json.dumps(records).encode(), "fuzz.json", SETTINGS, "json"))


@hsettings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=500))
def test_reliability_html_feed_csv_on_any_text(text):
    for kind in ("html", "feed", "csv", "text"):
        _check(read_bytes(text.encode("utf-8"), f"fuzz.{kind}", SETTINGS, kind))


def test_reliability_deeply_nested_json_is_a_clear_error():
    items = list(read_bytes(("[" * 100_000 + "]" * 100_000).encode(), "deep.json", SETTINGS, "json"))
    assert len(items) == 1 and isinstance(items[0], InputError)


def test_reliability_control_zero_width_rtl_and_bom(tmp_path):
    p = tmp_path / "odd.txt"
    p.write_bytes(b"\xef\xbb\xbfThe mayor\xe2\x80\x8b said\x07 \xe2\x80\xaeyes\xe2\x80\xac on Monday.\n"
                  b"Caf\xe9 owners protested.\n")  # second line is Latin-1 inside a UTF-8 file
    arts = [a for a in read_path(str(p)) if isinstance(a, Article)]
    assert arts[0].text == "The mayor said yes on Monday."
    assert arts[1].text == "Café owners protested."


def test_reliability_ten_megabyte_single_line_refused_by_limit(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("word " * 2_000_000)  # one 10 MB line
    items = list(read_path(str(p), Settings(max_record_chars=1_000_000)))
    assert len(items) == 1 and isinstance(items[0], InputTooLarge)
    assert "long.txt:1" in str(items[0]) and "--max-record-chars" in str(items[0])


def test_reliability_million_tiny_records_stream_in_flat_memory(tmp_path):
    p = tmp_path / "many.jsonl"
    line = json.dumps({"text": "A short note about the harbour."}) + "\n"
    with open(p, "w") as f:
        f.write(line * 1_000_000)
    tracemalloc.start()
    n = 0
    for it in read_path(str(p)):
        n += 1
        if n == 1000:
            _, early_peak = tracemalloc.get_traced_memory()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert n == 1_000_000
    assert peak < early_peak + 5_000_000, (early_peak, peak)  # no growth with the record count


def test_reliability_whole_document_format_over_limit_refused(tmp_path):
    p = tmp_path / "big.json"
    p.write_text(json.dumps([{"text": "x" * 1000}] * 200))
    items = list(read_path(str(p), Settings(max_file_bytes=10_000)))
    assert len(items) == 1 and isinstance(items[0], InputTooLarge) and "--max-file-bytes" in str(items[0])
