"""Temporal awareness of a timeline (UzZaman & Allen 2011, as TempEval-3 and SemEval-2015
Task 4 use it), written from the definitions.

A timeline is a list of :class:`Line` s: an ordinal position, a date (``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``; None when unknown) and one or more event mentions (coreferent mentions share a
line). It becomes a graph of temporal relations between its events and its dates:

* events at the same position > 0 are SIMULTANEOUS (one chain over them, in key order);
* positions are ordered: the first event (in key order) of each position is BEFORE the first of
  the next position;
* an event with a date is anchored to it: the date INCLUDES the event (a day, month or year is
  an interval of time; the task relates the event to its TIMEX3 as SIMULTANEOUS, but its gold
  timelines put events of one day at different positions, which SIMULTANEOUS with the day would
  make contradictory);
* dates are ordered among themselves: BEFORE when their intervals do not overlap, INCLUDES when
  one holds the other ("2006" INCLUDES "2006-05");
* position 0 holds the events the timeline cannot order: they take part in no ordering, only in
  their date's anchor (when they have one) and in the coreference of their own line.

Relations are read as constraints on the start and end points of intervals (BEFORE: end of a
<= start of b; SIMULTANEOUS: equal starts and ends; INCLUDES: a starts no later and ends no
earlier than b; every interval starts before it ends); the **closure** of a graph is every
relation between two of its nodes that these constraints entail (``Graph.relation``). The
**reduced** graph drops, one at a time, every relation the rest of the graph entails (event
orderings first, then coreference, then anchors, then date orderings, each group in key order,
so the result is deterministic), leaving the relations that carry the information.

    precision = |reduced(system) ∩ closure(gold)| / |reduced(system)|
    recall    = |reduced(gold) ∩ closure(system)| / |reduced(gold)|

``score(gold, system) -> Counts``; counts add up over timelines for micro figures
(``Counts.prf``).

Public: ``Line``, ``Counts``, ``relations(lines)``, ``Graph``, ``reduce(relations)``, ``score``.
"""
from __future__ import annotations

import calendar
import re
from collections import deque
from dataclasses import dataclass
from datetime import date as _date

BEFORE, SIMULTANEOUS, INCLUDES = "BEFORE", "SIMULTANEOUS", "INCLUDES"
DATE_PREFIX = "t:"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Line:
    """One line of a timeline: position, date (None: unknown) and coreferent event mentions."""

    position: int
    date: str | None
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Counts:
    """What one comparison found: the system's reduced relations and how many of them the gold
    closure holds; the gold's reduced relations and how many the system closure holds."""

    system: int = 0
    system_correct: int = 0
    gold: int = 0
    gold_found: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.system + other.system, self.system_correct + other.system_correct,
                      self.gold + other.gold, self.gold_found + other.gold_found)

    def prf(self) -> tuple[float, float, float]:
        p = self.system_correct / self.system if self.system else 0.0
        r = self.gold_found / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


Relation = tuple[str, str, str]  # (a, BEFORE | SIMULTANEOUS | INCLUDES, b)


def date_interval(value: str | None) -> tuple[_date, _date] | None:
    """The first and last day of a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value, else None."""
    m = _DATE.match(value or "")
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            d = _date(year, int(month), int(day))
            return d, d
        if month:
            last = calendar.monthrange(year, int(month))[1]
            return _date(year, int(month), 1), _date(year, int(month), last)
        return _date(year, 1, 1), _date(year, 12, 31)
    except ValueError:
        return None


def _key(node: str):
    """Key order: dates first by value, then event mentions by document, sentence, word."""
    if node.startswith(DATE_PREFIX):
        return (0, node)
    parts = node.split("-", 2)
    nums = tuple(int(p) if p.isdigit() else 0 for p in parts[:2])
    return (1, nums, node)


def _sim(a: str, b: str) -> Relation:
    return (a, SIMULTANEOUS, b) if _key(a) <= _key(b) else (b, SIMULTANEOUS, a)


def relations(lines) -> list[Relation]:
    """The explicit relations of a timeline (see the module's docstring), in the order the
    reduction considers them."""
    by_position: dict[int, list[str]] = {}
    coref, anchors, dates = [], [], set()
    for line in lines:
        mentions = sorted(dict.fromkeys(line.mentions), key=_key)
        coref += [_sim(a, b) for a, b in zip(mentions, mentions[1:])]
        if line.position > 0:
            by_position.setdefault(line.position, []).extend(mentions)
        if date_interval(line.date):
            dates.add(line.date)
            anchors += [(DATE_PREFIX + line.date, INCLUDES, m) for m in mentions]
    order, same = [], []
    firsts = []
    for pos in sorted(by_position):
        members = sorted(dict.fromkeys(by_position[pos]), key=_key)
        same += [_sim(a, b) for a, b in zip(members, members[1:])]
        firsts.append(members[0])
    order = [(a, BEFORE, b) for a, b in zip(firsts, firsts[1:])]
    spans = {d: date_interval(d) for d in sorted(dates)}
    between = []
    for a in spans:
        for b in spans:
            (a0, a1), (b0, b1) = spans[a], spans[b]
            if a1 < b0:
                between.append((DATE_PREFIX + a, BEFORE, DATE_PREFIX + b))
            elif a != b and a0 <= b0 and b1 <= a1:
                between.append((DATE_PREFIX + a, INCLUDES, DATE_PREFIX + b))
    return list(dict.fromkeys(order + same + coref + sorted(set(anchors), key=lambda r: (_key(r[2]), r[0]))
                              + between))


def _edges(rel: Relation) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    a, kind, b = rel
    if kind == BEFORE:
        return [((a, "e"), (b, "s"))]
    if kind == SIMULTANEOUS:
        return [((a, "s"), (b, "s")), ((b, "s"), (a, "s")), ((a, "e"), (b, "e")), ((b, "e"), (a, "e"))]
    return [((a, "s"), (b, "s")), ((b, "e"), (a, "e"))]


class Graph:
    """The point graph of a set of relations, for entailment questions."""

    def __init__(self, rels):
        self.rels = list(rels)
        self.nodes = {n for a, _, b in self.rels for n in (a, b)}
        self.adj: dict[tuple[str, str], list[tuple[tuple[str, str], int]]] = {}
        for n in self.nodes:
            self.adj.setdefault((n, "s"), []).append(((n, "e"), -1))
        for i, rel in enumerate(self.rels):
            for u, v in _edges(rel):
                self.adj.setdefault(u, []).append((v, i))
        self._reach: dict[tuple[str, str], set] = {}

    def _reachable(self, start, skip: frozenset = frozenset()) -> set:
        if not skip and start in self._reach:
            return self._reach[start]
        seen, todo = {start}, deque([start])
        while todo:
            u = todo.popleft()
            for v, i in self.adj.get(u, ()):
                if v not in seen and i not in skip:
                    seen.add(v)
                    todo.append(v)
        if not skip:
            self._reach[start] = seen
        return seen

    def holds(self, rel: Relation, skip: frozenset = frozenset()) -> bool:
        """Whether the graph (without the relations numbered in ``skip``) entails ``rel``: the
        point constraints hold and no stronger relation between the two nodes does."""
        a, kind, b = rel
        if a not in self.nodes or b not in self.nodes:
            return False

        def le(x, y):
            return y in self._reachable(x, skip)

        sim = le((a, "s"), (b, "s")) and le((b, "s"), (a, "s")) and le((a, "e"), (b, "e")) and le((b, "e"), (a, "e"))
        if kind == SIMULTANEOUS:
            return sim
        if sim:
            return False
        if kind == BEFORE:
            return le((a, "e"), (b, "s"))
        return le((a, "s"), (b, "s")) and le((b, "e"), (a, "e")) and not le((a, "e"), (b, "s"))


def reduce(rels) -> list[Relation]:
    """The relations left when each one the others entail is dropped, in the given order."""
    graph = Graph(rels)
    dropped: set[int] = set()
    for i, rel in enumerate(graph.rels):
        if graph.holds(rel, frozenset(dropped | {i})):
            dropped.add(i)
    return [r for i, r in enumerate(graph.rels) if i not in dropped]


def score(gold, system) -> Counts:
    """Temporal awareness counts of a system timeline against a gold one (lists of Line)."""
    gold_rels, sys_rels = relations(gold), relations(system)
    gold_graph, sys_graph = Graph(gold_rels), Graph(sys_rels)
    gold_red, sys_red = reduce(gold_rels), reduce(sys_rels)
    return Counts(system=len(sys_red), system_correct=sum(gold_graph.holds(r) for r in sys_red),
                  gold=len(gold_red), gold_found=sum(sys_graph.holds(r) for r in gold_red))
