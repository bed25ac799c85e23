"""The served snapshot follows the database: a change is picked up (not more
often than the minimum interval)."""
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "web"))
from webfixture import built_db  # noqa: E402

from storyline.api.state import AppState  # noqa: E402


def _retitle(db: str, title: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE articles SET title=? WHERE external_id='w-01'", (title,))
    conn.close()


def _title(state: AppState) -> str:
    return next(a.title for a in state.index.results.articles if a.external_id == "w-01")


def test_reloads_after_the_database_changes(tmp_path):
    db = str(tmp_path / "copy.db")
    shutil.copyfile(built_db("rich"), db)
    state = AppState(db, min_interval=0.0)
    first = state.index
    assert state.index is first  # unchanged file: same snapshot
    time.sleep(0.01)
    _retitle(db, "Levee breach: new title")
    assert _title(state) == "Levee breach: new title"
    assert state.index is not first


def test_checks_at_most_once_per_interval(tmp_path):
    db = str(tmp_path / "copy.db")
    shutil.copyfile(built_db("rich"), db)
    state = AppState(db, min_interval=3600)
    before = _title(state)
    _retitle(db, "changed")
    assert _title(state) == before  # within the interval the snapshot stays
