"""Coverage-guided fuzzing of every reader with atheris.

    .venv/bin/pip install atheris
    .venv/bin/python bench/fuzz_readers.py -atheris_runs=200000      # or -max_total_time=600

The first input byte picks the reader (text, JSON Lines, JSON, CSV, TSV, HTML,
RSS/Atom, or sniffing); the rest is the file. Any exception other than the
documented ``InputError`` family is a crash and stops the run with the input
saved by libFuzzer (crash-*), so it can be replayed: ``python bench/fuzz_readers.py crash-...``.
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from storyline.errors import InputError
    from storyline.ingest.readers import read_bytes
    from storyline.records import Article
    from storyline.settings import Settings

KINDS = [None, "text", "jsonl", "json", "csv", "tsv", "html", "feed"]
SETTINGS = Settings(max_record_chars=100_000, max_file_bytes=1_000_000)


def one_input(data: bytes) -> None:
    if not data:
        return
    kind = KINDS[data[0] % len(KINDS)]
    for item in read_bytes(data[1:], "fuzz", SETTINGS, kind):
        if not isinstance(item, (Article, InputError)):
            raise TypeError(f"reader yielded {type(item)}")


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
