"""Crash safety and concurrency on one SQLite store.

A build is killed (SIGKILL) at random points many times: the store is never
corrupted, what was committed is never lost, no article is half-written, and a
final re-run completes with no duplicates. Two builds and a reader run at once
on one store and end where a sequential build ends.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from storyline import library
from storyline.records import to_dict
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ever_given.jsonl"


def _corpus(tmp_path: Path, n: int = 40) -> Path:
    """The example briefs plus distinct pairings of them (not near-duplicates),
    so there is enough work to kill."""
    recs = [json.loads(l) for l in EXAMPLE.read_text().splitlines() if l.strip()]
    k = len(recs)
    import itertools

    combos = list(itertools.combinations(range(k), 3))
    out = tmp_path / "many.jsonl"
    with open(out, "w") as f:
        for i in range(n):
            r = dict(recs[i % k])
            r["id"] = f"{r['id']}-{i}"
            if i >= k:
                r["text"] = "\n".join(recs[x]["text"] for x in combos[(i * 7) % len(combos)])
            f.write(json.dumps(r) + "\n")
    return out


def _expected_unique(inp: Path) -> int:
    from storyline.ingest import read_path
    from storyline.ingest.dedup import NearDuplicateIndex

    idx, n = NearDuplicateIndex(Settings().dedup_threshold), 0
    for a in read_path(str(inp)):
        if idx.check(a.id, a.text) is None:
            n += 1
            idx.add(a.id, a.text)
    return n


def _build_cmd(inp: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "storyline.cli.main", "build", str(inp), "--db", str(db),
            "--model", "en_core_web_sm", "--no-brief", "-q"]


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM analyses").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _state(db: Path):
    con = sqlite3.connect(db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        ids = {r[0] for r in con.execute("SELECT id FROM articles WHERE duplicate_of IS NULL")}
        analysed = {r[0] for r in con.execute("SELECT article_id FROM analyses")}
        fts = con.execute("SELECT COUNT(DISTINCT article_id) FROM sentences_fts").fetchone()[0]
    finally:
        con.close()
    return ok, ids, analysed, fts


@pytest.mark.slow
def test_reliability_sigkill_never_corrupts_or_loses(tmp_path):
    inp = _corpus(tmp_path, 150)
    expected = _expected_unique(inp)
    db = tmp_path / "k.db"
    rng = random.Random(20250815)
    seen: set[str] = set()
    kills = 0
    for attempt in range(8):
        proc = subprocess.Popen(_build_cmd(inp, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                cwd=ROOT)
        # kill at a random moment once this run has started storing (so every kill lands
        # mid-build, whatever the machine's speed), or at a random moment before that
        deadline = time.monotonic() + 60
        early = rng.random() < 0.25
        if early:
            time.sleep(rng.uniform(0.2, 1.5))
        else:
            while proc.poll() is None and time.monotonic() < deadline and _stored(db) <= len(seen):
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 0.4))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        if not db.exists():
            continue
        ok, ids, analysed, fts = _state(db)
        assert ok == "ok"
        assert seen <= analysed, "an article committed before a kill was lost"
        assert ids == analysed, "half-written article: stored without its analysis"
        assert fts == len(analysed)
        seen = analysed
    print("kills", kills, "stored before final run", len(seen), "of", expected)
    assert kills >= 4
    done = subprocess.run(_build_cmd(inp, db), capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    ok, ids, analysed, _ = _state(db)
    assert ok == "ok" and len(analysed) == expected and ids == analysed
    res = library.load(str(db))
    assert len({a.article.id for a in res.analyses}) == len(res.analyses) == expected
    assert res.corpus.entities  # the cross-article stage completed


@pytest.mark.slow
def test_reliability_two_builds_and_a_reader_equal_sequential(tmp_path):
    inp = _corpus(tmp_path, 30)
    lines = inp.read_text().splitlines()
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("\n".join(lines[:20]) + "\n")
    b.write_text("\n".join(lines[10:]) + "\n")  # overlapping halves
    db = tmp_path / "c.db"
    library.build([str(a)], Settings(db=str(db), model="en_core_web_sm"))  # the store exists for the reader

    stop = threading.Event()
    waits: list[float] = []
    errors: list[Exception] = []

    def reader():
        while not stop.is_set():
            t = time.perf_counter()
            try:
                res = library.load(str(db))
                assert len(res.analyses) >= 20
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)
            waits.append(time.perf_counter() - t)
            time.sleep(0.05)

    th = threading.Thread(target=reader)
    th.start()
    procs = [subprocess.Popen(_build_cmd(p, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              cwd=ROOT, text=True) for p in (a, b)]
    outs = [p.communicate(timeout=300) for p in procs]
    stop.set()
    th.join()
    assert all(p.returncode == 0 for p in procs), outs
    assert not errors, errors[:3]
    assert max(waits) < 5.0

    seq = tmp_path / "seq.db"
    library.build([str(a), str(b)], Settings(db=str(seq), model="en_core_web_sm"))
    got, want = library.load(str(db)), library.load(str(seq))
    def key(r):
        # an article in both inputs keeps the origin (file:line) of whichever build stored it first
        docs = sorted(to_dict(r.analyses), key=lambda d: d["article"]["id"])
        for d in docs:
            d["article"].pop("origin")
        return docs

    assert key(got) == key(want)
    ents = lambda r: sorted((e.name, e.type, e.mention_count) for e in r.corpus.entities)  # noqa: E731
    assert ents(got) == ents(want)
