"""Persistence of records: SQLite by default."""
from .sqlite import Store, fts_query

__all__ = ["Store", "fts_query"]
