"""Which code produced a stored per-article analysis.

An analysis is stamped with ``analysis_version()``: the release number and a digest
of the code and data files of the per-article stage. A build finds analyses stored
under another stamp (made by an older or newer storyline) and analyses those
articles again, so the cross-article stage never mixes records of two versions.
The digest is over files, not a number someone must remember to raise: any change
to a rule list, a word list or a stage's code makes the stored analyses stale.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Iterable

from .settings import PIPELINE_VERSION

# What ``pipeline.analyse_doc`` runs (file or package paths inside the package).
# A little more than the per-article stage (these packages also hold
# cross-article modules): a change there costs a re-analysis, never a stale one.
PER_ARTICLE_CODE = ("pipeline.py", "resources.py", "nlp", "records", "entities", "temporal",
                    "quotes", "events", "chronology/bounds.py", "chronology/lexicon.py",
                    "chronology/data/boilerplate.tsv")


def code_digest(root: Path, parts: Iterable[str]) -> str:
    """A short digest of every file under ``root / part`` (paths and bytes; compiled
    caches left out)."""
    h = hashlib.sha256()
    for part in parts:
        base = root / part
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts or path.suffix in (".pyc", ".pyo"):
                continue
            h.update(path.relative_to(root).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()[:12]


@functools.lru_cache(maxsize=None)
def analysis_version() -> str:
    """``PIPELINE_VERSION+digest`` of the per-article stage's code and data."""
    return f"{PIPELINE_VERSION}+{code_digest(Path(__file__).parent, PER_ARTICLE_CODE)}"
