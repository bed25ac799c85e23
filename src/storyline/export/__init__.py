"""Exports from stored records only."""
from .jsonout import corpus_document, json_schema

__all__ = ["corpus_document", "json_schema"]
