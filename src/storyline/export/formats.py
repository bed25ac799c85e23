"""Dispatch of export formats. Text formats return a string; binary/multi-file
formats write into a directory."""
from __future__ import annotations

import importlib
import json

TEXT_FORMATS = {
    "json": ("storyline.export.formats", "render_json"),
    "md": ("storyline.export.formats", "render_md"),
    "html": ("storyline.export.formats", "render_html"),
    "timelinejs": ("storyline.export.timelinejs", "render"),
    "graphml": ("storyline.export.graphml", "render"),
    "csv": ("storyline.export.tables", "render_events_csv"),
}
BINARY_FORMATS = {"parquet": ("storyline.export.tables", "write_parquet")}


def _fn(table, fmt):
    mod, name = table[fmt]
    return getattr(importlib.import_module(mod), name)


def render(fmt: str, results) -> str:
    return _fn(TEXT_FORMATS, fmt)(results)


def write_binary(fmt: str, results, out_dir: str) -> list[str]:
    return _fn(BINARY_FORMATS, fmt)(results, out_dir)


def render_json(results) -> str:
    from ..library import export_document
    return json.dumps(export_document(results), ensure_ascii=False, indent=1)


def render_md(results) -> str:
    from ..library import brief
    return brief(results, fmt="md")


def render_html(results) -> str:
    from ..library import brief
    return brief(results, fmt="html")
