"""Persistence of records: a SQLite file by default, PostgreSQL for a shared server.

``open_store(db)`` opens either: a ``postgresql://`` or ``postgres://`` URL gives a
``PgStore`` (``pip install 'storyline[postgres]'``), anything else the SQLite file
at that path. Both have the same public methods and semantics (``base.BaseStore``).
"""
from __future__ import annotations

from pathlib import Path

from .base import HL_CLOSE, HL_OPEN, BaseStore, FtsRow
from .sqlite import Store, fts_query
from .url import is_postgres_url, shown


def open_store(db: str | Path = "storyline.db", readonly: bool = False) -> BaseStore:
    """The store at ``db``: a PostgreSQL URL or a SQLite file path."""
    if is_postgres_url(db):
        from .postgres import PgStore

        return PgStore(str(db), readonly=readonly)
    return Store(db, readonly=readonly)


__all__ = ["BaseStore", "FtsRow", "HL_CLOSE", "HL_OPEN", "Store", "fts_query", "is_postgres_url", "open_store",
           "shown"]
