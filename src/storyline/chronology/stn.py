"""A simple temporal network (STN): difference constraints ``x[v] - x[u] <= w`` over day numbers.

``solve(nodes, constraints)`` computes all-pairs tightest bounds (Floyd-Warshall on a numpy
matrix), detects inconsistency (a negative cycle), reports the cycle's constraints, drops the
least confident one, and solves again until the network is consistent. Every constraint
carries its evidence (any object) so that each bound can say why.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

INF = float("inf")


@dataclass(frozen=True)
class Constraint:
    """``x[v] - x[u] <= w``."""

    u: str
    v: str
    w: float
    confidence: float = 0.8
    evidence: object = None


@dataclass(frozen=True)
class Conflict:
    """A negative cycle: the constraints that cannot all hold, and the one that was dropped."""

    cycle: tuple[Constraint, ...]
    dropped: Constraint


@dataclass
class Solution:
    nodes: list[str]
    dist: np.ndarray  # dist[i, j] = tightest upper bound on x[j] - x[i]
    kept: list[Constraint]
    conflicts: list[Conflict] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)

    def bound(self, u: str, v: str) -> float:
        """Tightest upper bound on ``x[v] - x[u]`` (inf when unconstrained)."""
        return float(self.dist[self.index[u], self.index[v]])


def _matrix(nodes: list[str], constraints: list[Constraint]) -> np.ndarray:
    idx = {n: i for i, n in enumerate(nodes)}
    d = np.full((len(nodes), len(nodes)), INF)
    np.fill_diagonal(d, 0.0)
    for c in constraints:
        i, j = idx[c.u], idx[c.v]
        if c.w < d[i, j]:
            d[i, j] = c.w
    return d


def floyd_warshall(d: np.ndarray) -> np.ndarray:
    d = d.copy()
    for k in range(d.shape[0]):
        np.minimum(d, d[:, k:k + 1] + d[k:k + 1, :], out=d)
    return d


def find_negative_cycle(nodes: list[str], constraints: list[Constraint]) -> list[Constraint] | None:
    """Bellman-Ford from a virtual source; returns the constraints on one negative cycle."""
    idx = {n: i for i, n in enumerate(nodes)}
    dist = [0.0] * len(nodes)
    pred: list[Constraint | None] = [None] * len(nodes)
    last = -1
    for _ in range(len(nodes) + 1):
        last = -1
        for c in constraints:
            i, j = idx[c.u], idx[c.v]
            if dist[i] + c.w < dist[j]:
                dist[j] = dist[i] + c.w
                pred[j] = c
                last = j
        if last < 0:
            return None
    # walk back n steps to land on the cycle, then collect it
    x = last
    for _ in range(len(nodes)):
        x = idx[pred[x].u]
    cycle, y = [], x
    while True:
        c = pred[y]
        cycle.append(c)
        y = idx[c.u]
        if y == x:
            break
    return list(reversed(cycle))


def solve(nodes: list[str], constraints: list[Constraint], max_drops: int = 200) -> Solution:
    """Tightest bounds for every pair of nodes; conflicts resolved by dropping, and recorded."""
    nodes = list(dict.fromkeys(nodes))
    kept = list(constraints)
    conflicts: list[Conflict] = []
    for _ in range(max_drops + 1):
        cycle = find_negative_cycle(nodes, kept)
        if cycle is None:
            break
        drop = min(cycle, key=lambda c: (c.confidence, -abs(c.w)))
        conflicts.append(Conflict(tuple(cycle), drop))
        kept.remove(drop)
    d = floyd_warshall(_matrix(nodes, kept))
    return Solution(nodes, d, kept, conflicts, {n: i for i, n in enumerate(nodes)})


def path(sol: Solution, u: str, v: str) -> list[Constraint]:
    """The constraints on one tightest path u -> v (the evidence of the bound x[v]-x[u] <= d)."""
    target = sol.bound(u, v)
    if target == INF:
        return []
    by_u: dict[str, list[Constraint]] = {}
    for c in sol.kept:
        by_u.setdefault(c.u, []).append(c)
    out, cur, seen = [], u, {u}
    while cur != v:
        remaining = sol.bound(cur, v)
        step = None
        for c in by_u.get(cur, []):
            if c.v not in seen and abs(c.w + sol.bound(c.v, v) - remaining) < 1e-9:
                step = c
                break
        if step is None:
            break
        out.append(step)
        cur = step.v
        seen.add(cur)
    return out
