"""Huge inputs read in bounded memory: a 200 MB JSON Lines file and a 200 MB
plain-text file stream through the readers with flat peak memory.

    .venv/bin/python bench/bench_big_input.py [--mb 200]

Prints records read, seconds and peak RSS for each; figures go to docs/reliability.md.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from storyline.ingest.readers import read_path
from storyline.records import Article


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_file(path: Path, mb: int, kind: str) -> None:
    para = ("The harbour authority said on Monday that repairs to the eastern quay would take "
            "another week, and that ferries would keep to a reduced timetable until then. ") * 10
    target = mb * 1024 * 1024
    with open(path, "w") as f:
        i = 0
        while f.tell() < target:
            text = f"Report {i}. " + para
            f.write(json.dumps({"id": i, "text": text}) + "\n" if kind == "jsonl" else text + "\n")
            i += 1


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--mb", type=int, default=200)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("jsonl", "text"):
            path = Path(tmp) / f"big.{'jsonl' if kind == 'jsonl' else 'txt'}"
            make_file(path, args.mb, kind)
            size = path.stat().st_size
            before = _rss_mb()
            t = time.perf_counter()
            n = sum(1 for it in read_path(str(path)) if isinstance(it, Article))
            secs = time.perf_counter() - t
            print(f"{kind}: {size / 1e6:.0f} MB, {n} articles in {secs:.1f} s, "
                  f"peak RSS {_rss_mb():.0f} MB (before reading {before:.0f} MB)")
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
