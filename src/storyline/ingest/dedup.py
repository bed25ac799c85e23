"""Near-duplicate detection (the same wire story re-published) with MinHash LSH
over word shingles. Exact duplicates share an article id already."""
from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+")
NUM_PERM = 64


def shingles(text: str, k: int = 5) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


SCHEME = "affine32"


def minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME)
    m.update_batch(list(shingles(text)))
    return m


def from_signature(sig: bytes) -> MinHash:
    import numpy as np

    return MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME,
                   hashvalues=np.frombuffer(sig, dtype=np.uint64).copy())


def signature(m: MinHash) -> bytes:
    import numpy as np

    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


class NearDuplicateIndex:
    """Online index: ``check(id, text)`` returns the id of an earlier near-duplicate or None."""

    def __init__(self, threshold: float = 0.85):
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.hashes: dict[str, MinHash] = {}

    def check(self, key: str, text: str, m: MinHash | None = None) -> str | None:
        """``m``: the text's MinHash when the caller already has it."""
        m = m if m is not None else minhash(text)
        best, best_sim = None, 0.0
        for other in self.lsh.query(m):
            sim = m.jaccard(self.hashes[other])
            if sim >= self.threshold and sim > best_sim:
                best, best_sim = other, sim
        return best

    def add(self, key: str, text: str, m: MinHash | None = None) -> None:
        if key in self.hashes:
            return
        m = m if m is not None else minhash(text)
        self.hashes[key] = m
        self.lsh.insert(key, m)
