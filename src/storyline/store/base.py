"""What the two stores share: the store contract, written once over a small
set of backend hooks.

``BaseStore`` holds every public method of a storyline store (articles,
analyses, duplicates, MinHash signatures, the corpus results with their
basis, builds and input errors, the event-vector cache, full-text search);
``sqlite.Store`` and ``postgres.PgStore`` supply only what differs between
the engines: connecting, beginning and ending a transaction, the next
article number, and the full-text query itself (``fts_rows``).

SQL here is written with ``?`` placeholders and the syntax both engines
accept (``INSERT ... ON CONFLICT ... DO UPDATE``, ``RETURNING``); a backend's
``_execute`` adapts the placeholders.
"""
from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import dataclass
from importlib import resources
from typing import Iterator, Mapping, Sequence

from ..records import Article, ArticleAnalysis, CorpusAnalysis, from_dict, to_dict

HL_OPEN, HL_CLOSE = "\x02", "\x03"  # match markers in ``FtsRow.marked``; control characters never survive ingestion
SCOPES = ("sentences", "articles")
MODES = ("all", "any")
SNAPSHOT_CHUNK = 500  # analyses read in one query by a snapshot (below SQLite's 999 parameters)
ARTICLE_COLUMNS = "id, text, title, published, source, url, external_id, origin, date_is_default"


@dataclass(frozen=True)
class FtsRow:
    """One full-text match. ``score`` is higher for a better match on both
    backends (SQLite: minus BM25; PostgreSQL: ts_rank_cd); ``marked`` is the
    sentence with each matched term between ``HL_OPEN`` and ``HL_CLOSE``
    (sentence scope; empty for article rows, which carry idx -1 and no offsets)."""

    article_id: str
    idx: int
    start: int
    end: int
    score: float
    marked: str = ""


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def migration_files(folder: str) -> list[tuple[str, str]]:
    """(name, SQL) of the ``*.sql`` files in ``storyline.store/<folder>``, in name order."""
    root = resources.files("storyline.store") / folder
    items = sorted((p.name, p.read_text("utf-8")) for p in root.iterdir() if p.name.endswith(".sql"))
    return [(name[:-4], sql) for name, sql in items]


def split_sql(sql: str) -> list[str]:
    """Statements of a migration file: comment lines dropped, cut after each line ending in ';'."""
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


def upsert(table: str, columns: Sequence[str], key: str) -> str:
    """INSERT of ``columns`` that replaces the row with the same ``key`` (both engines)."""
    cols = ", ".join(columns)
    sets = ", ".join(f"{c}=excluded.{c}" for c in columns if c != key)
    marks = ",".join("?" * len(columns))
    return f"INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT ({key}) DO UPDATE SET {sets}"


def fts_terms(text: str) -> list[str]:
    """Quoted terms of free text (words of two or more characters), for ``fts_rows``."""
    import re

    return [f'"{t}"' for t in re.findall(r"\w+", text) if len(t) > 1]


def fts_query(text: str) -> str:
    """A safe FTS5 query from free text: quoted terms joined by OR."""
    return " OR ".join(fts_terms(text)) or '""'


def term_words(term: str) -> str:
    """The words of one quoted term (``'"u s"'`` -> ``'u s'``)."""
    return term.strip().strip('"')


class BaseStore:
    """A storyline database. Use as a context manager or call ``close()``.

    Backends set ``conn``, ``readonly``, ``name`` (how the database is named in
    messages, never with a password) and implement the hooks below."""

    MIGRATIONS = "migrations"  # folder of this backend's migration files
    conn = None
    name = ""
    readonly = False

    def _init_lock(self) -> None:
        self._lock = threading.RLock()

    # -- backend hooks ----------------------------------------------------
    def _execute(self, sql: str, params: Sequence = ()):
        raise NotImplementedError

    def _executemany(self, sql: str, rows: list) -> None:
        raise NotImplementedError

    def in_transaction(self) -> bool:
        raise NotImplementedError

    def _begin_write(self) -> None:
        """Begin a transaction that excludes other writers (readers go on)."""
        raise NotImplementedError

    def _begin_read(self) -> None:
        """Begin a transaction whose reads all see one snapshot."""
        raise NotImplementedError

    def _next_seq(self) -> int:
        raise NotImplementedError

    def _fts(self, scope: str, terms: Sequence[str], mode: str, ids: set[str] | None, limit: int) -> list[FtsRow]:
        """The backend's full-text query (arguments checked, ``terms`` and ``ids`` not empty)."""
        raise NotImplementedError

    def integrity_check(self) -> str:
        """"ok", or what is wrong with the database."""
        raise NotImplementedError

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
            self._execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
            done = {r[0] for r in self._execute("SELECT name FROM migrations")}
            for name, sql in migration_files(self.MIGRATIONS):
                if name in done:
                    continue
                for stmt in split_sql(sql):
                    self._execute(stmt)
                self._execute("INSERT INTO migrations VALUES (?, ?)", (name, now()))
                applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self._execute("SELECT name FROM migrations ORDER BY name")]

    # -- articles ---------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self._execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def has_analysis(self, article_id: str) -> bool:
        return self._execute("SELECT 1 FROM analyses WHERE article_id=?", (article_id,)).fetchone() is not None

    def add_duplicate(self, article: Article, duplicate_of: str) -> bool:
        with self.transaction():
            if self.has_article(article.id):
                return False
            self._insert_article(article, duplicate_of)
        return True

    def _insert_article(self, a: Article, duplicate_of: str | None = None) -> None:
        self._execute(
            "INSERT INTO articles (id, text, title, published, date_is_default, source, url, external_id,"
            " origin, duplicate_of, seq, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (a.id, a.text, a.title, a.published, int(a.date_is_default), a.source, a.url,
             a.external_id, a.origin, duplicate_of, self._next_seq(), now()))
        self._execute("INSERT INTO articles_fts (title, text, article_id) VALUES (?,?,?)",
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
            if self.in_transaction():
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
        row = self._execute("SELECT pipeline_version FROM analyses WHERE article_id=?", (a.id,)).fetchone()
        if row is not None and row[0] == analysis.pipeline_version:
            return False
        data = json.dumps(to_dict(analysis), ensure_ascii=False)  # before any write: may fail
        if row is not None:
            self._execute("DELETE FROM analyses WHERE article_id=?", (a.id,))
            self._execute("DELETE FROM sentences_fts WHERE article_id=?", (a.id,))
        if not self.has_article(a.id):
            self._insert_article(a)
        self._execute("INSERT INTO analyses VALUES (?,?,?,?)",
                      (a.id, analysis.model, analysis.pipeline_version, data))
        if minhash_sig is not None:
            self._execute(upsert("minhashes", ("article_id", "sig"), "article_id"), (a.id, minhash_sig))
        self._executemany(
            'INSERT INTO sentences_fts (text, article_id, idx, start, "end") VALUES (?,?,?,?,?)',
            [(a.text[s.start:s.end], a.id, s.index, s.start, s.end) for s in analysis.sentences])
        return True

    def article(self, article_id: str) -> Article | None:
        row = self._execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id=?", (article_id,)).fetchone()
        return _row_article(row) if row else None

    def articles(self, include_duplicates: bool = False) -> list[Article]:
        q = (f"SELECT {ARTICLE_COLUMNS} FROM articles" + ("" if include_duplicates else " WHERE duplicate_of IS NULL")
             + " ORDER BY seq")
        return [_row_article(r) for r in self._execute(q).fetchall()]

    def duplicates(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self._execute(
            "SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL ORDER BY seq").fetchall()]

    def analyses(self) -> Iterator[ArticleAnalysis]:
        for row in self._execute(
                "SELECT an.data FROM analyses an JOIN articles a ON a.id = an.article_id ORDER BY a.seq"):
            yield from_dict(ArticleAnalysis, json.loads(row[0]))

    def analysis(self, article_id: str) -> ArticleAnalysis | None:
        row = self._execute("SELECT data FROM analyses WHERE article_id=?", (article_id,)).fetchone()
        return from_dict(ArticleAnalysis, json.loads(row[0])) if row else None

    def _decode_analyses(self, ids: list[str]) -> dict[str, ArticleAnalysis]:
        """The analyses of ``ids``, read ``SNAPSHOT_CHUNK`` to a query (one round trip per
        article cost a PostgreSQL snapshot most of its time)."""
        out = {}
        for k in range(0, len(ids), SNAPSHOT_CHUNK):
            chunk = ids[k:k + SNAPSHOT_CHUNK]
            marks = ",".join("?" * len(chunk))
            for aid, data in self._execute(
                    f"SELECT article_id, data FROM analyses WHERE article_id IN ({marks})", chunk).fetchall():
                out[aid] = from_dict(ArticleAnalysis, json.loads(data))
        return out

    def stale_ids(self, version: str) -> list[str]:
        """Ids of the stored articles whose analysis another pipeline version made,
        in the store's order."""
        return [r[0] for r in self._execute(
            "SELECT a.id FROM analyses an JOIN articles a ON a.id = an.article_id "
            "WHERE an.pipeline_version != ? ORDER BY a.seq", (version,)).fetchall()]

    def minhashes(self) -> Iterator[tuple[str, bytes]]:
        yield from ((r[0], bytes(r[1])) for r in self._execute("SELECT article_id, sig FROM minhashes"))

    def count_articles(self) -> int:
        return self._execute("SELECT COUNT(*) FROM analyses").fetchone()[0]

    # -- corpus -----------------------------------------------------------
    def snapshot(self, known: Mapping[str, ArticleAnalysis] | None = None) -> tuple[int, list[ArticleAnalysis]]:
        """All analyses and the basis (count, max seq) they form, read in one snapshot.
        Analyses the caller holds already (``known``: article id -> analysis, e.g.
        those a build has just stored) are taken from there instead of being
        decoded again; the order is the store's either way."""
        known = known or {}
        with self._lock:
            self._begin_read()
            try:
                basis = self.basis()
                ids = [r[0] for r in self._execute(
                    "SELECT an.article_id FROM analyses an JOIN articles a ON a.id = an.article_id "
                    "ORDER BY a.seq").fetchall()]
                decoded = self._decode_analyses([aid for aid in ids if aid not in known])
                items = [known.get(aid) or decoded.get(aid) for aid in ids]
            finally:
                self._execute("COMMIT")
        return basis, [a for a in items if a is not None]

    def basis(self) -> int:
        row = self._execute(
            "SELECT COUNT(*) * 1000000000 + COALESCE(MAX(a.seq), 0) FROM analyses an "
            "JOIN articles a ON a.id = an.article_id").fetchone()
        return int(row[0])

    def save_corpus(self, corpus: CorpusAnalysis, basis: int | None = None) -> bool:
        """Save cross-article results computed from the analyses at ``basis``;
        results from an older basis never replace newer ones. Returns whether saved."""
        with self.transaction():
            basis = self.basis() if basis is None else basis
            row = self._execute("SELECT basis FROM corpus WHERE key='corpus'").fetchone()
            if row is not None and row[0] > basis:
                return False
            self._execute(upsert("corpus", ("key", "data", "updated_at", "basis"), "key"),
                          ("corpus", json.dumps(to_dict(corpus), ensure_ascii=False), now(), basis))
        return True

    def corpus(self) -> CorpusAnalysis:
        row = self._execute("SELECT data FROM corpus WHERE key='corpus'").fetchone()
        return from_dict(CorpusAnalysis, json.loads(row[0])) if row else CorpusAnalysis()

    def stamp(self) -> tuple:
        """Changes whenever articles or corpus results are written (a server's reload check)."""
        return tuple(self._execute(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT MAX(seq) FROM articles),"
            " (SELECT basis FROM corpus WHERE key='corpus'), (SELECT updated_at FROM corpus WHERE key='corpus')"
        ).fetchone())

    # -- cached event vectors (build --context) -----------------------------
    def vector_cache(self) -> "VectorCache":
        return VectorCache(self)

    # -- builds -----------------------------------------------------------
    def start_build(self) -> int:
        with self.transaction():
            return int(self._execute("INSERT INTO builds (started_at) VALUES (?) RETURNING id", (now(),)).fetchone()[0])

    def finish_build(self, build_id: int, counts: dict) -> None:
        with self.transaction():
            self._execute("UPDATE builds SET finished_at=?, counts=? WHERE id=?",
                          (now(), json.dumps(counts), build_id))

    def log_input_error(self, build_id: int, path: str | None, line: int | None, message: str) -> None:
        with self.transaction():
            self._execute("INSERT INTO input_errors VALUES (?,?,?,?)", (build_id, path, line, message))

    def input_errors(self, build_id: int | None = None) -> list[tuple[int, str | None, int | None, str]]:
        """(build id, path, line, message) of the input errors logged (by one build, or all)."""
        q = "SELECT build_id, path, line, message FROM input_errors"
        rows = self._execute(q + " WHERE build_id=?", (build_id,)) if build_id is not None else self._execute(q)
        return [tuple(r) for r in rows.fetchall()]

    # -- search -----------------------------------------------------------
    def fts_rows(self, scope: str, terms: Sequence[str], mode: str = "any", ids: set[str] | None = None,
                 limit: int = 20) -> list[FtsRow]:
        """Full-text matches of the quoted ``terms`` (see ``search.fulltext.query_terms``)
        in stored sentences (``scope`` "sentences") or articles by title and text
        ("articles", the title weighing double), best first. ``mode`` "all": every
        term must match, "any": one is enough; ``ids``: only these articles."""
        if scope not in SCOPES or mode not in MODES:
            raise ValueError(f"scope must be one of {SCOPES} and mode one of {MODES}")
        if not terms or (ids is not None and not ids):
            return []
        return self._fts(scope, terms, mode, ids, limit)

    def search_sentences(self, query: str, limit: int = 20) -> list[dict]:
        """Sentences matching any word of ``query``, best first; ``score``: lower is
        better (SQLite: BM25 itself; PostgreSQL: minus ts_rank_cd)."""
        terms = fts_terms(query)
        if not terms:
            return []
        out = []
        for r in self.fts_rows("sentences", terms, "any", None, limit):
            text = r.marked.replace(HL_OPEN, "").replace(HL_CLOSE, "")
            out.append({"article_id": r.article_id, "idx": r.idx, "start": r.start, "end": r.end,
                        "text": text, "score": -r.score})
        return out


class _Transaction:
    """A write transaction (one writer at a time; rolls back on error). Nested
    uses join the outer transaction."""

    def __init__(self, store: BaseStore):
        self.store = store
        self.depth_owner = False

    def __enter__(self):
        self.store._lock.acquire()
        try:
            if not self.store.in_transaction():
                self.store._begin_write()
                self.depth_owner = True
        except BaseException:
            self.store._lock.release()
            raise
        return self.store.conn

    def __exit__(self, exc_type, exc, tb):
        try:
            if self.depth_owner:
                self.store._execute("COMMIT" if exc_type is None else "ROLLBACK")
        finally:
            self.store._lock.release()
        return False


def _row_article(row) -> Article:
    aid, text, title, published, source, url, external_id, origin, date_is_default = row
    return Article(id=aid, text=text, title=title, published=published, source=source, url=url,
                   external_id=external_id, origin=origin, date_is_default=bool(date_is_default))


class VectorCache:
    """The contextual vectors of each article's event mentions, kept in the store
    (``events.pairscore.item_vectors``): ``get`` returns (trigger, sentence) float32
    matrices stored under the same ``key``, else None; ``put`` replaces them."""

    def __init__(self, store: BaseStore):
        self.store = store

    def get(self, article_id: str, key: str):
        import numpy as np

        row = self.store._execute("SELECT key, rows, dim, trig, sent FROM event_vectors WHERE article_id=?",
                                  (article_id,)).fetchone()
        if row is None or row[0] != key:
            return None
        shape = (row[1], row[2])
        return (np.frombuffer(bytes(row[3]), dtype=np.float32).reshape(shape).copy(),
                np.frombuffer(bytes(row[4]), dtype=np.float32).reshape(shape).copy())

    def put(self, article_id: str, key: str, trig, sent) -> None:
        import numpy as np

        trig, sent = np.asarray(trig, dtype=np.float32), np.asarray(sent, dtype=np.float32)
        rows, dim = trig.shape if trig.ndim == 2 else (len(trig), 0)
        with self.store.transaction():
            self.store._execute(upsert("event_vectors", ("article_id", "key", "rows", "dim", "trig", "sent"),
                                       "article_id"),
                                (article_id, key, rows, dim, trig.tobytes(), sent.tobytes()))
