"""Ingest: files, feeds and pages -> Article records."""
from .readers import make_article, read_inputs, read_path, read_string, split_plain_text
from .dedup import NearDuplicateIndex

__all__ = ["make_article", "read_inputs", "read_path", "read_string", "split_plain_text",
           "NearDuplicateIndex"]
