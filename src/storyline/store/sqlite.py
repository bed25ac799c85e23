"""The SQLite store: one file, named migrations, WAL, one writer at a time.

Articles are keyed by a hash of their normalized text, so re-running on the
same or overlapping input adds only what is new. Each article and its analysis
are written in one transaction: a crash never leaves half an article.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from ..errors import StoreError
from ..records import Article, ArticleAnalysis, CorpusAnalysis, from_dict, to_dict

BUSY_TIMEOUT_MS = 60_000


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _migrations() -> list[tuple[str, str]]:
    folder = resources.files("storyline.store") / "migrations"
    items = sorted((p.name, p.read_text("utf-8")) for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(name[:-4], sql) for name, sql in items]


class Store:
    """A storyline database. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path = "storyline.db", readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        try:
            if readonly:
                if not Path(self.path).exists():
                    raise StoreError(f"{self.path}: no such database (run 'storyline build' first)")
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                            check_same_thread=False)
            else:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                                            isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self.conn.execute("PRAGMA foreign_keys=ON")
                self.migrate()
            else:
                self.conn.execute("PRAGMA query_only=ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable storyline database: {exc}") from exc

    # -- lifecycle --------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def transaction(self):
        return _Transaction(self)

    def migrate(self) -> list[str]:
        """Apply the named migrations not yet recorded; returns those applied."""
        applied = []
        with self.transaction():
            self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
            done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
            for name, sql in _migrations():
                if name in done:
                    continue
                for stmt in _split_sql(sql):
                    self.conn.execute(stmt)
                self.conn.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
                applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    # -- articles ---------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def has_analysis(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM analyses WHERE article_id=?", (article_id,)).fetchone() is not None

    def _next_seq(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]

    def add_duplicate(self, article: Article, duplicate_of: str) -> bool:
        with self.transaction():
            if self.has_article(article.id):
                return False
            self._insert_article(article, duplicate_of)
        return True

    def _insert_article(self, a: Article, duplicate_of: str | None = None) -> None:
        self.conn.execute(
            "INSERT INTO articles (id, text, title, published, date_is_default, source, url, external_id,"
            " origin, duplicate_of, seq, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (a.id, a.text, a.title, a.published, int(a.date_is_default), a.source, a.url,
             a.external_id, a.origin, duplicate_of, self._next_seq(), _now()))
        self.conn.execute("INSERT INTO articles_fts (title, text, article_id) VALUES (?,?,?)",
                          (a.title, a.text, a.id))

    def add_analysis(self, analysis: ArticleAnalysis, minhash_sig: bytes | None = None) -> bool:
        """Store an article with its per-article analysis, atomically. Returns
        False when the article was already there with an analysis of the same
        pipeline version (nothing written); one of another version is replaced."""
        with self.transaction():
            return self._write_analysis(analysis, minhash_sig)

    def add_analyses(self, items: list[tuple[ArticleAnalysis, bytes | None]]) -> list[bool | Exception]:
        """Store several articles in one transaction (one commit instead of one
        each). Should one of them fail, the batch is rolled back and written
        again one article a transaction, so a broken record loses only itself.
        Returns, per item, whether it was written, or the error that stopped it."""
        try:
            with self.transaction():
                return [self._write_analysis(an, sig) for an, sig in items]
        except Exception:  # noqa: BLE001 - retried below, one article a transaction
            if self.conn.in_transaction:
                raise  # the caller's own transaction: not ours to split
        out: list[bool | Exception] = []
        for an, sig in items:
            try:
                out.append(self.add_analysis(an, sig))
            except Exception as exc:  # noqa: BLE001 - reported per article by the caller
                out.append(exc)
        return out

    def _write_analysis(self, analysis: ArticleAnalysis, minhash_sig: bytes | None) -> bool:
        """Write an article's analysis; one stored by another pipeline version is
        replaced (the article's row and sequence stay), one by the same is kept."""
        a = analysis.article
        row = self.conn.execute("SELECT pipeline_version FROM analyses WHERE article_id=?", (a.id,)).fetchone()
        if row is not None and row[0] == analysis.pipeline_version:
            return False
        data = json.dumps(to_dict(analysis), ensure_ascii=False)  # before any write: may fail
        if row is not None:
            self.conn.execute("DELETE FROM analyses WHERE article_id=?", (a.id,))
            self.conn.execute("DELETE FROM sentences_fts WHERE article_id=?", (a.id,))
        if not self.has_article(a.id):
            self._insert_article(a)
        self.conn.execute("INSERT INTO analyses VALUES (?,?,?,?)",
                          (a.id, analysis.model, analysis.pipeline_version, data))
        if minhash_sig is not None:
            self.conn.execute("INSERT OR REPLACE INTO minhashes VALUES (?,?)", (a.id, minhash_sig))
        self.conn.executemany(
            'INSERT INTO sentences_fts (text, article_id, idx, start, "end") VALUES (?,?,?,?,?)',
            [(a.text[s.start:s.end], a.id, s.index, s.start, s.end) for s in analysis.sentences])
        return True

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        return _row_article(row) if row else None

    def articles(self, include_duplicates: bool = False) -> list[Article]:
        q = "SELECT * FROM articles" + ("" if include_duplicates else " WHERE duplicate_of IS NULL") + " ORDER BY seq"
        return [_row_article(r) for r in self.conn.execute(q)]

    def duplicates(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL ORDER BY seq")]

    def analyses(self) -> Iterator[ArticleAnalysis]:
        for row in self.conn.execute(
                "SELECT an.data FROM analyses an JOIN articles a ON a.id = an.article_id ORDER BY a.seq"):
            yield from_dict(ArticleAnalysis, json.loads(row[0]))

    def analysis(self, article_id: str) -> ArticleAnalysis | None:
        row = self.conn.execute("SELECT data FROM analyses WHERE article_id=?", (article_id,)).fetchone()
        return from_dict(ArticleAnalysis, json.loads(row[0])) if row else None

    def stale_ids(self, version: str) -> list[str]:
        """Ids of the stored articles whose analysis another pipeline version made,
        in the store's order."""
        return [r[0] for r in self.conn.execute(
            "SELECT a.id FROM analyses an JOIN articles a ON a.id = an.article_id "
            "WHERE an.pipeline_version != ? ORDER BY a.seq", (version,))]

    def minhashes(self) -> Iterator[tuple[str, bytes]]:
        yield from ((r[0], r[1]) for r in self.conn.execute("SELECT article_id, sig FROM minhashes"))

    def count_articles(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM analyses").fetchone()[0]

    # -- corpus -----------------------------------------------------------
    def snapshot(self, known: Mapping[str, ArticleAnalysis] | None = None) -> tuple[int, list[ArticleAnalysis]]:
        """All analyses and the basis (count, max seq) they form, read in one snapshot.
        Analyses the caller holds already (``known``: article id -> analysis, e.g.
        those a build has just stored) are taken from there instead of being
        decoded again; the order is the store's either way."""
        known = known or {}
        self.conn.execute("BEGIN")
        try:
            basis = self.basis()
            ids = [r[0] for r in self.conn.execute(
                "SELECT an.article_id FROM analyses an JOIN articles a ON a.id = an.article_id ORDER BY a.seq")]
            items = [known.get(aid) or self.analysis(aid) for aid in ids]
        finally:
            self.conn.execute("COMMIT")
        return basis, [a for a in items if a is not None]

    def basis(self) -> int:
        row = self.conn.execute(
            "SELECT COUNT(*) * 1000000000 + COALESCE(MAX(a.seq), 0) FROM analyses an "
            "JOIN articles a ON a.id = an.article_id").fetchone()
        return int(row[0])

    def save_corpus(self, corpus: CorpusAnalysis, basis: int | None = None) -> bool:
        """Save cross-article results computed from the analyses at ``basis``;
        results from an older basis never replace newer ones. Returns whether saved."""
        with self.transaction():
            basis = self.basis() if basis is None else basis
            row = self.conn.execute("SELECT basis FROM corpus WHERE key='corpus'").fetchone()
            if row is not None and row[0] > basis:
                return False
            self.conn.execute("INSERT OR REPLACE INTO corpus (key, data, updated_at, basis) VALUES ('corpus', ?, ?, ?)",
                              (json.dumps(to_dict(corpus), ensure_ascii=False), _now(), basis))
        return True

    def corpus(self) -> CorpusAnalysis:
        row = self.conn.execute("SELECT data FROM corpus WHERE key='corpus'").fetchone()
        return from_dict(CorpusAnalysis, json.loads(row[0])) if row else CorpusAnalysis()

    # -- cached event vectors (build --context) -----------------------------
    def vector_cache(self) -> "VectorCache":
        return VectorCache(self)

    # -- builds -----------------------------------------------------------
    def start_build(self) -> int:
        with self.transaction():
            cur = self.conn.execute("INSERT INTO builds (started_at) VALUES (?)", (_now(),))
            return cur.lastrowid

    def finish_build(self, build_id: int, counts: dict) -> None:
        with self.transaction():
            self.conn.execute("UPDATE builds SET finished_at=?, counts=? WHERE id=?",
                              (_now(), json.dumps(counts), build_id))

    def log_input_error(self, build_id: int, path: str | None, line: int | None, message: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT INTO input_errors VALUES (?,?,?,?)", (build_id, path, line, message))

    # -- search -----------------------------------------------------------
    def search_sentences(self, query: str, limit: int = 20) -> list[dict]:
        try:
            rows = self.conn.execute(
                'SELECT article_id, idx, start, "end", text, bm25(sentences_fts) AS score '
                "FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY score LIMIT ?",
                (fts_query(query), limit)).fetchall()
        except sqlite3.OperationalError:
            return []
        return [dict(r) for r in rows]

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]


def fts_query(text: str) -> str:
    """A safe FTS5 query from free text: quoted terms joined by OR."""
    import re

    terms = [t for t in re.findall(r"\w+", text) if len(t) > 1]
    return " OR ".join(f'"{t}"' for t in terms) or '""'


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT (one writer at a time; rolls back on error)."""

    def __init__(self, store: Store):
        self.store = store
        self.depth_owner = False

    def __enter__(self):
        self.store._lock.acquire()
        if not self.store.conn.in_transaction:
            self.store.conn.execute("BEGIN IMMEDIATE")
            self.depth_owner = True
        return self.store.conn

    def __exit__(self, exc_type, exc, tb):
        try:
            if self.depth_owner:
                if exc_type is None:
                    self.store.conn.execute("COMMIT")
                else:
                    self.store.conn.execute("ROLLBACK")
        finally:
            self.store._lock.release()
        return False


def _row_article(row) -> Article:
    return Article(id=row["id"], text=row["text"], title=row["title"], published=row["published"],
                   source=row["source"], url=row["url"], external_id=row["external_id"],
                   origin=row["origin"], date_is_default=bool(row["date_is_default"]))


def _split_sql(sql: str) -> list[str]:
    out, cur = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--"):
            continue
        cur.append(line)
        if line.rstrip().endswith(";"):
            stmt = "\n".join(cur).strip()
            if stmt:
                out.append(stmt)
            cur = []
    if "".join(cur).strip():
        out.append("\n".join(cur))
    return out


class VectorCache:
    """The contextual vectors of each article's event mentions, kept in the store
    (``events.pairscore.item_vectors``): ``get`` returns (trigger, sentence) float32
    matrices stored under the same ``key``, else None; ``put`` replaces them."""

    def __init__(self, store: Store):
        self.store = store

    def get(self, article_id: str, key: str):
        import numpy as np

        row = self.store.conn.execute("SELECT key, rows, dim, trig, sent FROM event_vectors WHERE article_id=?",
                                      (article_id,)).fetchone()
        if row is None or row[0] != key:
            return None
        shape = (row[1], row[2])
        return (np.frombuffer(row[3], dtype=np.float32).reshape(shape).copy(),
                np.frombuffer(row[4], dtype=np.float32).reshape(shape).copy())

    def put(self, article_id: str, key: str, trig, sent) -> None:
        import numpy as np

        trig, sent = np.asarray(trig, dtype=np.float32), np.asarray(sent, dtype=np.float32)
        rows, dim = trig.shape if trig.ndim == 2 else (len(trig), 0)
        with self.store.transaction():
            self.store.conn.execute("INSERT OR REPLACE INTO event_vectors VALUES (?,?,?,?,?,?)",
                                    (article_id, key, rows, dim, trig.tobytes(), sent.tobytes()))
