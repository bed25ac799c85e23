"""The served snapshot of a store: results and their index, reloaded when the
database file changes (a new build while the server runs)."""
from __future__ import annotations

import os
import threading

from .. import library
from ..search.index import CorpusIndex


class AppState:
    def __init__(self, db: str):
        self.db = db
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._index: CorpusIndex | None = None

    def _current_stamp(self) -> tuple:
        out = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.db + suffix)
                out.append((st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                out.append(None)
        return tuple(out)

    @property
    def index(self) -> CorpusIndex:
        """The index of what is stored now (loaded once, again after a change)."""
        stamp = self._current_stamp()
        with self._lock:
            if self._index is None or stamp != self._stamp:
                self._index = CorpusIndex(library.load(self.db))
                self._stamp = stamp
            return self._index
