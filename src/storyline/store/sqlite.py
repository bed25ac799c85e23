"""The SQLite store: one file, named migrations, WAL, one writer at a time.

Articles are keyed by a hash of their normalized text, so re-running on the
same or overlapping input adds only what is new. Each article and its analysis
are written in one transaction: a crash never leaves half an article. The
store contract itself lives in ``base.BaseStore``; here is what is SQLite's.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Sequence

from ..errors import StoreError
from .base import BaseStore, FtsRow, VectorCache, fts_query

BUSY_TIMEOUT_MS = 60_000


class Store(BaseStore):
    """A storyline database in one SQLite file. Use as a context manager or call ``close()``."""

    MIGRATIONS = "migrations"

    def __init__(self, path: str | Path = "storyline.db", readonly: bool = False):
        self.path = self.name = str(path)
        self.readonly = readonly
        self._init_lock()
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

    # -- backend hooks ----------------------------------------------------
    def _execute(self, sql: str, params: Sequence = ()):
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:  # locked past the timeout, disk full, read-only: one clear line
            raise StoreError(f"{self.path}: {exc}") from exc

    def _executemany(self, sql: str, rows: list) -> None:
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def _begin_write(self) -> None:
        self._execute("BEGIN IMMEDIATE")

    def _begin_read(self) -> None:
        self._execute("BEGIN")

    def _next_seq(self) -> int:
        # safe: called inside BEGIN IMMEDIATE, so no other writer can take the same number
        return self._execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]

    def _fts(self, scope: str, terms: Sequence[str], mode: str, ids: set[str] | None, limit: int) -> list[FtsRow]:
        """FTS5 with BM25 (see ``BaseStore.fts_rows``): the terms joined by AND or OR."""
        table = f"{scope}_fts"
        params: list = [(" AND " if mode == "all" else " OR ").join(terms)]
        where = f"{table} MATCH ?"
        if ids is not None:
            where += f" AND article_id IN ({','.join('?' * len(ids))})"
            params.extend(sorted(ids))
        if scope == "sentences":  # char(2), char(3): base.HL_OPEN, base.HL_CLOSE
            cols = (f'article_id, idx, start, "end", bm25({table}) AS score, '
                    f"highlight({table}, 0, char(2), char(3)) AS marked")
        else:
            cols = f"article_id, -1 AS idx, 0 AS start, 0 AS \"end\", bm25({table}, 2.0, 1.0) AS score, '' AS marked"
        params.append(limit)
        try:
            rows = self.conn.execute(f"SELECT {cols} FROM {table} WHERE {where} ORDER BY score LIMIT ?",
                                     params).fetchall()
        except sqlite3.OperationalError:
            return []
        return [FtsRow(r[0], int(r[1]), int(r[2]), int(r[3]), -float(r[4]), r[5] or "") for r in rows]

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

__all__ = ["Store", "VectorCache", "fts_query"]
