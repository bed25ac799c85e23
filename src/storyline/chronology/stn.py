"""A simple temporal network (STN): difference constraints ``x[v] - x[u] <= w`` over day numbers.

``solve(nodes, constraints, hubs=...)`` computes all-pairs tightest bounds one connected
component at a time (Floyd-Warshall on numpy over each component and the hub nodes every
component may touch; bounds between components go through the hubs), detects inconsistency
(a negative cycle), reports the cycle's constraints, drops the least confident one, and
solves again until the network is consistent. ``Solution.ordered`` gives the pairs the
bounds order. Every constraint carries its evidence (any object) so that each bound can say
why.
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
class _Part:
    """One connected component of the network (hub nodes left out), solved on its own
    together with the hubs: ``dist`` is over ``hubs + nodes``."""

    nodes: list[str]
    dist: np.ndarray


@dataclass
class Solution:
    """Tightest bounds, kept per connected component.

    Nodes that every part of the network may touch (the calendar zero, the story-year
    origin) are *hubs*; the other nodes fall into components that share no constraint. Each
    component is solved with the hubs (Floyd-Warshall on a small matrix), the hub-to-hub
    bounds are tightened until no component changes them, and a bound between nodes of two
    components goes through the hubs: ``min d(u, h1) + H(h1, h2) + d(h2, v)``. The result
    equals all-pairs shortest paths on the whole network, at a cost that grows with the sum
    of the cubes of the component sizes instead of the cube of the total."""

    nodes: list[str]
    kept: list[Constraint]
    conflicts: list[Conflict] = field(default_factory=list)
    hubs: list[str] = field(default_factory=list)
    hub_dist: np.ndarray | None = None
    parts: list[_Part] = field(default_factory=list)
    where: dict[str, tuple[int, int]] = field(default_factory=dict)  # node -> (part, row)
    _by_u: dict[str, list[Constraint]] | None = None

    def _hub_row(self, u: str) -> np.ndarray:
        """Bounds x[h] - x[u] for every hub h."""
        if u in self.hubs:
            return self.hub_dist[self.hubs.index(u)]
        loc = self.where.get(u)
        if loc is None:
            return np.full(len(self.hubs), INF)
        part, row = loc
        return self.parts[part].dist[row, :len(self.hubs)]

    def _hub_col(self, v: str) -> np.ndarray:
        """Bounds x[v] - x[h] for every hub h."""
        if v in self.hubs:
            return self.hub_dist[:, self.hubs.index(v)]
        loc = self.where.get(v)
        if loc is None:
            return np.full(len(self.hubs), INF)
        part, row = loc
        return self.parts[part].dist[:len(self.hubs), row]

    def bound(self, u: str, v: str) -> float:
        """Tightest upper bound on ``x[v] - x[u]`` (inf when unconstrained)."""
        if u == v:
            return 0.0
        lu, lv = self.where.get(u), self.where.get(v)
        if lu is not None and lv is not None and lu[0] == lv[0]:
            return float(self.parts[lu[0]].dist[lu[1], lv[1]])
        if u in self.hubs and lv is not None:
            return float(self.parts[lv[0]].dist[self.hubs.index(u), lv[1]])
        if v in self.hubs and lu is not None:
            return float(self.parts[lu[0]].dist[lu[1], self.hubs.index(v)])
        if not self.hubs:
            return INF
        return float(np.min(self._hub_row(u)[:, None] + self.hub_dist + self._hub_col(v)[None, :]))

    def ordered(self, among: list[str]) -> list[tuple[str, str]]:
        """Pairs (x, y) of ``among`` with ``x[x] <= x[y]`` implied and ``x[y] <= x[x]`` not:
        within a component from its matrix, across components through the hubs (only nodes
        with a bound to a hub can be ordered that way)."""
        k = len(self.hubs)
        out: list[tuple[str, str]] = []
        by_part: dict[int, list[str]] = {}
        for n in among:
            if n in self.where:
                by_part.setdefault(self.where[n][0], []).append(n)
        for g, ns in by_part.items():
            rows = [self.where[n][1] for n in ns]
            sub = self.parts[g].dist[np.ix_(rows, rows)]
            ys, xs = np.nonzero((sub <= 0) & (sub.T > 0))  # sub[y, x] = bound on x[x] - x[y]
            out.extend((ns[x], ns[y]) for y, x in zip(ys, xs))
        if not k:
            return out
        placed = [n for n in among if n in self.where]
        if not placed:
            return out
        part = np.array([self.where[n][0] for n in placed])
        rows = np.array([self._hub_row(n) for n in placed])  # x[h] - x[n]
        cols = np.array([self._hub_col(n) for n in placed])  # x[n] - x[h]
        via = (rows[:, :, None] + self.hub_dist[None, :, :]).min(axis=1)  # x[h2] - x[n]
        ys = np.nonzero(np.isfinite(via).any(axis=1))[0]
        xs = np.nonzero(np.isfinite(cols).any(axis=1))[0]
        if not len(ys) or not len(xs):
            return out
        m = (via[ys][:, None, :] + cols[xs][None, :, :]).min(axis=2)  # bound on x[x] - x[y]
        for i, j in zip(*np.nonzero(m <= 0)):
            y, x = placed[ys[i]], placed[xs[j]]
            if part[ys[i]] != part[xs[j]] and self.bound(x, y) > 0:
                out.append((x, y))
        return out

    def by_u(self) -> dict[str, list[Constraint]]:
        if self._by_u is None:
            self._by_u = {}
            for c in self.kept:
                self._by_u.setdefault(c.u, []).append(c)
        return self._by_u


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


def components(nodes: list[str], constraints: list[Constraint], hubs: list[str]) -> list[list[str]]:
    """Groups of non-hub nodes joined by constraints (hubs do not join groups); nodes with no
    constraint at all are left out (nothing bounds them)."""
    hub = set(hubs)
    parent: dict[str, str] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c in constraints:
        if c.u in hub and c.v in hub:
            continue
        if c.u in hub or c.v in hub:
            find(c.v if c.u in hub else c.u)
            continue
        ra, rb = find(c.u), find(c.v)
        if ra != rb:
            parent[rb] = ra
    groups: dict[str, list[str]] = {}
    for n in nodes:
        if n in parent:
            groups.setdefault(find(n), []).append(n)
    return list(groups.values())


def _hub_closure(hubs: list[str], constraints: list[Constraint]) -> np.ndarray:
    hub = set(hubs)
    return floyd_warshall(_matrix(hubs, [c for c in constraints if c.u in hub and c.v in hub]))


def _hub_constraints(hubs: list[str], h: np.ndarray) -> list[Constraint]:
    """The current hub-to-hub bounds as constraints (never dropped: they summarise the rest)."""
    return [Constraint(a, b, float(h[i, j]), HUB_CONFIDENCE, None)
            for i, a in enumerate(hubs) for j, b in enumerate(hubs) if i != j and h[i, j] < INF]


HUB_CONFIDENCE = 9.0


def _drop_cycle(cycle: list[Constraint], kept: list[Constraint], per: list[list[Constraint]],
                of_group: dict[str, int], conflicts: list[Conflict]) -> bool:
    """Drop the least confident constraint of a negative cycle (from ``kept`` and from its
    component's list) and record the conflict."""
    real = [c for c in cycle if c.confidence < HUB_CONFIDENCE]
    if not real:
        return False
    drop = min(real, key=lambda c: (c.confidence, -abs(c.w)))
    conflicts.append(Conflict(tuple(real), drop))
    kept.remove(drop)
    g = of_group.get(drop.u, of_group.get(drop.v))
    if g is not None and drop in per[g]:
        per[g].remove(drop)
    return True


def _solve_part(hubs: list[str], members: list[str], cs: list[Constraint], h: np.ndarray) -> _Part:
    k = len(hubs)
    d = _matrix(hubs + members, cs + _hub_constraints(hubs, h))
    d[:k, :k] = np.minimum(d[:k, :k], h)
    return _Part(members, floyd_warshall(d))


def solve(nodes: list[str], constraints: list[Constraint], max_drops: int = 200,
          hubs: tuple[str, ...] = ()) -> Solution:
    """Tightest bounds for every pair of nodes; conflicts resolved by dropping the least
    confident constraint of each negative cycle, and recorded. ``hubs`` are nodes shared by
    every part of the network (see ``Solution``); the network is solved one connected
    component at a time."""
    nodes = list(dict.fromkeys(nodes))
    present = set(nodes)
    hub_set = set(hubs) & present
    hub_list = [x for x in hubs if x in present]
    k = len(hub_list)
    kept = list(constraints)
    conflicts: list[Conflict] = []
    groups = components(nodes, kept, hub_list)
    of_group = {n: g for g, members in enumerate(groups) for n in members}
    per: list[list[Constraint]] = [[] for _ in groups]
    for c in kept:
        g = of_group.get(c.u, of_group.get(c.v))
        if g is not None:
            per[g].append(c)
    drops = 0
    while True:
        # hub-to-hub constraints alone
        while drops < max_drops:
            cycle = find_negative_cycle(hub_list, [c for c in kept if c.u in hub_set and c.v in hub_set])
            if cycle is None or not _drop_cycle(cycle, kept, per, of_group, conflicts):
                break
            drops += 1
        h = _hub_closure(hub_list, kept)
        between = [c for c in kept if c.u in hub_set and c.v in hub_set]
        # each component with the hubs, until it is consistent
        parts: list[_Part] = []
        restart = False
        for g, members in enumerate(groups):
            while drops < max_drops:
                cycle = find_negative_cycle(hub_list + members, between + per[g])
                if cycle is None or not _drop_cycle(cycle, kept, per, of_group, conflicts):
                    break
                drops += 1
                if len(kept) - sum(map(len, per)) != len(between):
                    restart = True  # a hub-to-hub constraint went: the parts solved so far are stale
                    break
            if restart:
                break
            parts.append(_solve_part(hub_list, members, per[g], h))
        if restart:
            continue
        # hub bounds tightened through the components, until no component tightens them
        for _round in range(len(groups) + 1):
            tighter = h.copy()
            for p in parts:
                tighter = np.minimum(tighter, p.dist[:k, :k])
            tighter = floyd_warshall(tighter) if k else tighter
            if not k or np.array_equal(tighter, h):
                break
            if np.any(np.diag(tighter) < 0):  # a cycle through two components: found on the whole
                cycle = find_negative_cycle(nodes, kept)
                if cycle is not None and drops < max_drops and _drop_cycle(cycle, kept, per, of_group, conflicts):
                    drops += 1
                    restart = True
                break
            h = tighter
            for g, members in enumerate(groups):
                if np.any(parts[g].dist[:k, :k] > h):
                    parts[g] = _solve_part(hub_list, members, per[g], h)
        if not restart:
            break
    where = {n: (g, k + i) for g, p in enumerate(parts) for i, n in enumerate(p.nodes)}
    return Solution(nodes, kept, conflicts, hub_list, h, parts, where)


def path(sol: Solution, u: str, v: str) -> list[Constraint]:
    """The constraints on one tightest path u -> v (the evidence of the bound x[v]-x[u] <= d)."""
    target = sol.bound(u, v)
    if target == INF:
        return []
    by_u = sol.by_u()
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
