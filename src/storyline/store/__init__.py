"""Persistence of records: SQLite by default."""
from .base import HL_CLOSE, HL_OPEN, BaseStore, FtsRow
from .sqlite import Store, fts_query

__all__ = ["BaseStore", "FtsRow", "HL_CLOSE", "HL_OPEN", "Store", "fts_query"]
