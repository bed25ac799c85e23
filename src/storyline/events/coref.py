"""Cross-article event coreference, and the document grouping it relies on.

Public functions:

* ``cluster_events(analyses, mention_entity, threshold=...) -> (events, event_ids)``
  — the cross-article stage: every event mention gets the id of the real
  event it refers to; ``event_ids[article_id]`` is parallel to that article's
  ``events``.
* ``group_documents(bags, threshold) -> list[int]`` — storyline's own grouping
  of documents about the same happening: TF-IDF vectors over the documents'
  bags of features, average-link agglomerative clustering on cosine distance,
  cut at ``threshold``. Reusable by any stage (``analysis_bag`` gives the bag
  of an :class:`ArticleAnalysis`).
* ``cluster_mentions(items, groups) -> list[int]`` — the mention clustering
  used by both the pipeline and the ECB+ evaluation.

Two mentions are merged (transitively, strongest evidence first) when their
documents are in the same group and either
  (a) they share a lemma key (lemma, or Porter stem of lemma or trigger) — in
      the pipeline, across articles, only with a shared participant entity or
      the same known day;
  (b) they have the same typed category and the same actors on the same known
      day, or the same two or more actors on no conflicting day ("will meet
      Friday" / "the summit on Friday");
  (c) in one article (pipeline only), they are event nouns of one category, or
      neighbouring mentions of one category sharing an actor, in the same mood;
unless they conflict: a reporting verb (each act of saying is its own event),
two different known days (also across whole clusters), actor sets sharing
nobody or each having two or more actors the other lacks, or a negated mention
(an event said not to happen is not an instance of it).
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

from ..records import Event
from ..records.entities import PLACE_TYPES
from ..stories.stem import stem
from . import lexicon

SOURCE = "storyline.events.coref.v1"
SUBGROUP_THRESHOLD = 0.75  # tighter cut for lemmas peripheral to a group (ECB+ train-tuned)
CENTRAL = 0.3  # a lemma in at least this share of a group's documents merges group-wide
DOC_THRESHOLD = 0.85  # cosine distance cut, tuned on ECB+ training topics (0.80-0.90 within 0.1 CoNLL)
UNTYPED = {"OTHER", "STATEMENT"}
# temporal normalization tables whose words, as argument heads, are no evidence of one event
TIME_TABLES = ("normWeekday", "normMonth", "normPartOfDay", "normSeason", "normCalUnit", "normDurUnit",
               "normDeict")
EXPLICIT_REPORTS = 2  # an explicit day told in this many reports dates its event ...
EXPLICIT_SHARE = 0.25  # ... or told by this share of the event's dated mentions
PREMODIFIER_GAP = 3  # characters between a pre-modifier and its noun: " ", "'s "
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# ------------------------------------------------------------ document grouping

KEY_DF_CAP = 200  # a term in more documents than this proposes no candidate pairs (it still weighs)
MAX_COMPONENT = 1000  # documents linked in one average-link run; larger components are cut tighter
COMPONENT_STEP = 0.05  # how much tighter each cut of an oversized component is


def tfidf_matrix(bags: Sequence[Iterable[str]]):
    """Rows: L2-normalised sublinear TF-IDF vectors of the bags (sparse CSR)."""
    from scipy import sparse

    counts = [Counter(b) for b in bags]
    vocab: dict[str, int] = {}
    for c in counts:
        for w in c:
            vocab.setdefault(w, len(vocab))
    df = Counter(w for c in counts for w in c)
    n = len(counts)
    rows, cols, vals = [], [], []
    for i, c in enumerate(counts):
        for w, k in c.items():
            rows.append(i)
            cols.append(vocab[w])
            vals.append((1 + math.log(k)) * (1 + math.log((1 + n) / (1 + df[w]))))
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(n, max(1, len(vocab))))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    return sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ x


def doc_cosine(bags: Sequence[Iterable[str]], ids: Sequence[str]) -> Callable[[str, str], float]:
    """The TF-IDF cosine of two documents, by id."""
    x = tfidf_matrix(bags)
    sims = (x @ x.T).toarray()
    index = {d: i for i, d in enumerate(ids)}
    return lambda a, b: float(sims[index[a], index[b]])


def candidate_pairs(x, min_similarity: float, df_cap: int = KEY_DF_CAP):
    """Document pairs with cosine similarity of at least ``min_similarity``,
    found through an inverted index with a cap per key: only terms found in
    at most ``df_cap`` documents propose pairs (their share of the similarity
    must reach half the cut), and only those pairs get their full similarity.
    The work grows with the documents, not their square; below ``df_cap``
    documents nothing is capped and the pairs are exact. Returns (rows, cols,
    similarities) with rows < cols."""
    from scipy import sparse

    df = np.diff(x.tocsc().indptr)
    rare = x[:, np.flatnonzero(df <= df_cap)]
    partial = sparse.triu(rare @ rare.T, k=1).tocoo()
    ok = partial.data >= min_similarity / 2
    rows, cols = partial.row[ok], partial.col[ok]
    if len(rows) == 0:
        return rows, cols, np.array([])
    sims = np.asarray(x[rows].multiply(x[cols]).sum(axis=1)).ravel()
    ok = sims >= min_similarity - 1e-12
    return rows[ok], cols[ok], sims[ok]


def _components(n: int, rows, cols) -> list[list[int]]:
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    graph = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    k, labels = connected_components(graph, directed=False)
    out: list[list[int]] = [[] for _ in range(k)]
    for i, label in enumerate(labels):
        out[label].append(i)
    return out


def _average_link(x, members: list[int], threshold: float) -> list[int]:
    """Exact average-link labels of ``members`` cut at cosine distance ``threshold``."""
    if len(members) == 1:
        return [1]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    sub = x[members]
    sim = (sub @ sub.T).toarray()
    dist = np.clip(1.0 - sim, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    empty = np.asarray(sub.getnnz(axis=1) == 0)
    dist[empty, :] = 1.0
    dist[:, empty] = 1.0
    np.fill_diagonal(dist, 0.0)
    return list(fcluster(linkage(squareform(dist, checks=False), method="average"),
                         t=threshold, criterion="distance"))


def group_documents(bags: Sequence[Iterable[str]], threshold: float = DOC_THRESHOLD,
                    max_component: int = MAX_COMPONENT) -> list[int]:
    """Group ids (0..k-1) of documents, from their bags of features.

    Average-link clustering on cosine distance cut at ``threshold``. Two
    documents can only end in one group if a chain of pairs closer than the
    cut joins them, so the linkage runs inside the connected components of
    the candidate pairs (blocked by an inverted index of terms), never over
    all pairs of a corpus; a component larger than ``max_component`` is cut
    with a tighter threshold until its pieces fit (an approximation that only
    applies to very large streams)."""
    n = len(bags)
    if n == 0:
        return []
    if n == 1:
        return [0]
    x = tfidf_matrix(bags)
    labels = [0] * n
    next_label = 0
    pending = [(list(range(n)), threshold)]
    while pending:
        members, cut = pending.pop()
        sub = x[members]
        rows, cols, _ = candidate_pairs(sub, 1.0 - cut)
        for comp in _components(len(members), rows, cols):
            docs = [members[i] for i in comp]
            if len(docs) > max_component and cut > COMPONENT_STEP:
                pending.append((docs, cut - COMPONENT_STEP))
                continue
            local: dict[int, int] = {}
            for d, label in zip(docs, _average_link(x, docs, threshold)):
                if label not in local:
                    local[label] = next_label
                    next_label += 1
                labels[d] = local[label]
    remap: dict[int, int] = {}
    return [remap.setdefault(label, len(remap)) for label in labels]


def analysis_bag(analysis) -> list[str]:
    """Features of one article: noun-phrase heads, names, event lemmas."""
    bag = [np.root_lemma.lower() for np in analysis.noun_phrases if np.root_lemma.isalpha()]
    bag += ["ENT_" + m.text.lower().replace(" ", "_") for m in analysis.mentions if m.kind == "name"]
    bag += [e.lemma for e in analysis.events if e.lemma.isalpha()]
    return bag


# ------------------------------------------------------------ mention clustering

@dataclass(frozen=True)
class MentionItem:
    """What the clustering needs to know about one event mention."""

    doc: str
    keys: frozenset
    reporting: bool = False
    type: str = "OTHER"
    day: str | None = None  # a fully specified ISO day, or None
    participants: frozenset = field(default_factory=frozenset)
    negated: bool = False
    noun: bool = False  # the trigger is an event noun
    sentence: int = -1
    modality: str = ""
    weak_day: str | None = None  # the article-date fallback: only orders the merges
    period: str | None = None  # an explicit time value at year, month or day precision
    associated: frozenset = field(default_factory=frozenset)  # names inside an argument: evidence, no conflict
    earliest: str | None = None  # the event cannot be before this day (announced on it)
    latest: str | None = None  # nor after this one (reported as done on it)
    arguments: frozenset = field(default_factory=frozenset)  # argument head lemmas (pairscore.argument_heads)
    lasting: bool = False  # a happening that lasts (``data/lasting_events.txt``): its days are phases
    start: int = -1  # the trigger's offset in its article
    agents: tuple = ()  # (start, end) of each agent argument


def lemma_keys(lemma: str, trigger: str = "") -> frozenset:
    """The lemma, the stems of the lemma and of the trigger word, and the
    derivational family of either ("died" / "death": ``data/word_families.tsv``)."""
    lemma = lemma.lower()
    keys = {lemma, stem(lemma)}
    families = lexicon.word_families()
    words = (lemma, trigger.lower()) if trigger else (lemma,)
    for word in words:
        if word in families:
            keys.add("family:" + families[word])
    if trigger:
        keys.add(stem(trigger.lower()))
    return frozenset(k for k in keys if k)


class _UnionFind:
    """Union-find that keeps the set of known days of each cluster."""

    def __init__(self, items: Sequence[MentionItem]):
        self.parent = list(range(len(items)))
        self.days = {i: ({it.day} if it.day else set()) for i, it in enumerate(items)}
        self.parts = {i: set(it.participants) for i, it in enumerate(items)}
        self.span = {i: (it.earliest or it.day, it.latest or it.day) for i, it in enumerate(items)}
        self.lasting = {i: it.lasting for i, it in enumerate(items)}

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, gone = min(ra, rb), max(ra, rb)
            self.parent[gone] = keep
            self.days[keep] |= self.days.pop(gone)
            self.parts[keep] |= self.parts.pop(gone)
            self.span[keep] = _meet_spans(self.span[keep], self.span.pop(gone))
            self.lasting[keep] = self.lasting[keep] and self.lasting.pop(gone)

    def days_agree(self, a: int, b: int) -> bool:
        """No chaining across dates: merged clusters must not know two days."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        da, db = self.days[ra], self.days[rb]
        if self.lasting[ra] and self.lasting[rb]:
            if da and db and not {d[:4] for d in da} & {d[:4] for d in db}:
                return False  # a spill of another year is another spill
        elif da and db and da != db:
            return False
        lo, hi = _meet_spans(self.span[ra], self.span[rb])
        if lo and hi and lo > hi:
            return False  # announced after the day it was reported as done: two events
        pa, pb = self.parts[ra], self.parts[rb]
        return not (_parts_conflict(pa, pb) or _other_actors(pa, pb))


def _meet_spans(a, b):
    lows = [x for x in (a[0], b[0]) if x]
    highs = [x for x in (a[1], b[1]) if x]
    return (max(lows) if lows else None, min(highs) if highs else None)


def _other_actors(pa, pb) -> bool:
    """Two events with two or more known actors each, and each with an actor
    the other lacks: "Trump and Zelenskyy met" is not "Trump and Putin meet"."""
    return len(pa) >= 2 and len(pb) >= 2 and bool(pa - pb) and bool(pb - pa)


def _periods_differ(a: str | None, b: str | None) -> bool:
    """Two time values that cannot name the same time ("2025-02" vs
    "2025-08-18", "2025-W33" vs "2025-08-20")."""
    ra, rb = period_range(a), period_range(b)
    return bool(ra and rb and (ra[1] < rb[0] or rb[1] < ra[0]))


def _same_week(a: str | None, b: str | None) -> bool:
    """Two time values of a week or finer that overlap ("later this week" /
    "Friday"): evidence of one time."""
    ra, rb = period_range(a), period_range(b)
    if not (ra and rb) or _span_days(ra) > 7 or _span_days(rb) > 7:
        return False
    return not (ra[1] < rb[0] or rb[1] < ra[0])


def _span_days(r) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(r[1]) - dt.date.fromisoformat(r[0])).days + 1


_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?$")


@functools.lru_cache(maxsize=4096)
def period_range(value: str | None) -> tuple[str, str] | None:
    """First and last ISO day of a year, month, ISO week or day value."""
    import calendar
    import datetime as dt

    m = _PERIOD.match(value or "")
    if not m:
        return None
    year, month, day, week = m.groups()
    y = int(year)
    try:
        if week:
            first = dt.date.fromisocalendar(y, int(week), 1)
            return first.isoformat(), (first + dt.timedelta(days=6)).isoformat()
        if day:
            d = dt.date(y, int(month), int(day)).isoformat()
            return d, d
        if month:
            last = calendar.monthrange(y, int(month))[1]
            return f"{y:04d}-{int(month):02d}-01", f"{y:04d}-{int(month):02d}-{last:02d}"
    except ValueError:
        return None
    return f"{y:04d}-01-01", f"{y:04d}-12-31"


def _conflict(a: MentionItem, b: MentionItem) -> bool:
    if a.negated or b.negated:
        return True
    if a.reporting or b.reporting:
        return True  # each act of saying is its own event (train: +0.3 CoNLL; inside a document too)
    if _dates_conflict(a, b):
        return True
    pa, pb = a.participants, b.participants
    return _parts_conflict(pa, pb) or _other_actors(pa, pb)


def _dates_conflict(a: MentionItem, b: MentionItem) -> bool:
    """Two different known days, or explicit periods that do not overlap; for two mentions
    of a happening that lasts, whose days are phases, only two years (a year named, else the
    report's: "the Varn Bay spill of 1989" is not this year's spill)."""
    if a.lasting and b.lasting:
        ya, yb = (a.day or a.period or a.weak_day or "")[:4], (b.day or b.period or b.weak_day or "")[:4]
        return bool(ya[:1].isdigit() and yb[:1].isdigit() and ya != yb)
    return bool(a.day and b.day and a.day != b.day) or _periods_differ(a.period, b.period) \
        or _long_before(a, b) or _long_before(b, a)


HISTORY_DAYS = 60  # a period told that ended this long before a mention's day is another time's


def _long_before(a: MentionItem, b: MentionItem) -> bool:
    """``a`` tells a period that ended long before the day ``b`` is told on, and ``b`` tells no
    time of its own: "a 2005 explosion at its refinery" is no earlier telling of "the explosion"
    the report is about (an undated mention is the report's own time's, weak as its day is)."""
    if not a.period or b.period or b.day or not b.weak_day:
        return False
    r = period_range(a.period)
    if not r:
        return False
    import datetime as dt

    return (dt.date.fromisoformat(b.weak_day) - dt.date.fromisoformat(r[1])).days > HISTORY_DAYS


def _parts_conflict(a, b) -> bool:
    """Known participants that cannot be the same event's: none shared."""
    return bool(a and b and not a & b)


def _compatible_typed(a: MentionItem, b: MentionItem) -> bool:
    """Same category and the same actors: on the same known day, or (two or
    more actors each) the same set of actors on no conflicting day."""
    if a.type != b.type or a.type in UNTYPED:
        return False
    if a.day is not None and a.day == b.day and a.participants & b.participants:
        return True
    return len(a.participants) >= 2 and a.participants == b.participants and not (
        a.day and b.day and a.day != b.day)


def _same_article_typed(a: MentionItem, b: MentionItem) -> bool:
    """Inside one article, a typed event noun ("the talks", "the discussion")
    refers back to the event of its category told nearby; two verbs of one
    category are one event only when they share an actor."""
    if a.doc != b.doc or a.type != b.type or a.type in UNTYPED:
        return False
    if _mood(a.modality) != _mood(b.modality):
        return False  # told in one article as done and as still to come: two events
    if _periods_differ(a.period or a.weak_day, b.period or b.weak_day):
        return False  # "the meeting" (today) and "their encounter in February"
    if _is_agent(a, b) or _is_agent(b, a):
        return True  # "the quake struck the city": the verb tells its subject's event
    if a.noun and b.noun:
        # "the talks" = "the conference"; but "the earthquake" and "the tsunami", or two deaths,
        # are different happenings of one category: those nouns need a word in common
        return a.type not in lexicon.distinct_noun_types() or bool(a.keys & b.keys)
    if a.period and a.period == b.period and a.sentence == b.sentence:
        return True  # "meet for a summit later this week": one time expression for both
    return bool(_actors(a) & _actors(b)) and abs(a.sentence - b.sentence) <= 1


def _is_agent(noun: MentionItem, verb: MentionItem) -> bool:
    """The event noun is the agent of the verb (of the same article and category)."""
    return noun.noun and not verb.noun and any(s <= noun.start < e for s, e in verb.agents)


def _actors(it: MentionItem) -> frozenset:
    return it.participants | it.associated


@functools.lru_cache(maxsize=1)
def _not_content() -> frozenset:
    """Argument heads that are no evidence of one event: stop words and time words
    (weekdays, months, parts of day, units: "on Monday" is some Monday)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from ..temporal.rules import tables
    t = tables()
    time_words = {k.lower() for name in TIME_TABLES for k in t.get(name, {})}
    return frozenset(STOP_WORDS) | frozenset(time_words)


def _support(it: MentionItem) -> frozenset:
    """What two mentions of one lemma can share as evidence across articles: their actors
    and the content words heading their arguments ("struck [Ravna]", "the [tanker]'s seizure")."""
    skip = _not_content()
    return _actors(it) | frozenset("H:" + h for h in it.arguments if h.isalpha() and h not in skip)


def _mood(modality: str) -> str:
    return {"planned": "future", "hypothetical": "irrealis", "negated": "irrealis"}.get(modality, "real")


def _strength(a: MentionItem, b: MentionItem) -> int:
    """How much beyond the lemma supports a pair: same day, shared actors, same article."""
    da, db = a.day or a.weak_day, b.day or b.weak_day
    return (3 * (a.day is not None and a.day == b.day) + (da is not None and da == db)
            + len(_support(a) & _support(b)) + 2 * (a.doc == b.doc))


def _evidence(a: MentionItem, b: MentionItem) -> bool:
    """Positive support beyond the lemma for merging across articles. A hazard needs none: in
    the reports of one story (one document group) "the spill" is the story's spill, while
    meetings and attacks recur."""
    return a.doc == b.doc or bool(_support(a) & _support(b)) or (
        a.day is not None and a.day == b.day) or _same_week(a.period, b.period) or (
        a.type == b.type and a.type in lexicon.hazard_types())


def _scoped_keys(items: Sequence[MentionItem], groups: Mapping[str, int],
                 subgroups: Mapping[str, int] | None, central: float) -> list[frozenset]:
    """Lemma keys, scoped to the tight subgroup unless the lemma is central to
    its group (found in at least ``central`` of the group's documents): the
    words of a group's main happening link across the whole group, the others
    only between closely similar documents."""
    if subgroups is None:
        return [it.keys for it in items]
    docs: dict[int, set] = defaultdict(set)
    key_docs: dict[tuple, set] = defaultdict(set)
    for it in items:
        g = groups.get(it.doc, -1)
        docs[g].add(it.doc)
        for k in it.keys:
            key_docs[(g, k)].add(it.doc)
    out = []
    for it in items:
        g = groups.get(it.doc, -1)
        share = max((len(key_docs[(g, k)]) for k in it.keys), default=0) / max(1, len(docs[g]))
        if share >= central:
            out.append(it.keys)
        else:
            sub = subgroups.get(it.doc, -1)
            out.append(frozenset(f"{sub}|{k}" for k in it.keys))
    return out


BUCKET_CAP = 64  # a blocking bucket larger than this links each mention to its next BUCKET_WINDOW only
BUCKET_WINDOW = 16


def _bucket_pairs(bucket: list[int], items: Sequence[MentionItem]) -> Iterable[tuple[int, int]]:
    """All pairs of a small bucket; in a large one each mention and the next
    ``BUCKET_WINDOW`` in time order (linear work; transitive merges still join
    the whole run when nothing conflicts)."""
    if len(bucket) <= BUCKET_CAP:
        for x in range(len(bucket)):
            for y in range(x + 1, len(bucket)):
                yield bucket[x], bucket[y]
        return
    order = sorted(bucket, key=lambda i: (items[i].day or items[i].weak_day or "", items[i].doc, i))
    for x in range(len(order)):
        for y in range(x + 1, min(len(order), x + 1 + BUCKET_WINDOW)):
            yield order[x], order[y]


def _weeks(it: MentionItem) -> list[str]:
    """ISO weeks of a time value of a week or finer (the ``_same_week`` evidence)."""
    import datetime as dt

    r = period_range(it.period)
    if not r or _span_days(r) > 7:
        return []
    weeks = {dt.date.fromisoformat(d).isocalendar()[:2] for d in r}
    return [f"{y}-W{w:02d}" for y, w in sorted(weeks)]


def _candidate_pairs(items: Sequence[MentionItem], members: list[int], keys_of,
                     require_evidence: bool) -> set[tuple[int, int]]:
    """The mention pairs of one document group worth testing, found through
    blocking buckets rather than all pairs: a lemma key (with the evidence the
    pipeline requires: the same article, an actor, a day or a week), a
    category with its day and actor or its actor set, a category in one article."""
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i in members:
        it = items[i]
        if it.reporting or it.negated:
            continue  # never merged (``_conflict``)
        for k in keys_of[i]:
            if not require_evidence:
                buckets[("key", k)].append(i)
                continue
            buckets[("key", k, "doc", it.doc)].append(i)
            for p in _support(it):
                buckets[("key", k, "actor", p)].append(i)
            if it.day:
                buckets[("key", k, "day", it.day)].append(i)
            for w in _weeks(it):
                buckets[("key", k, "week", w)].append(i)
            if it.type in lexicon.hazard_types():
                buckets[("key", k, "hazard")].append(i)
        if it.type in UNTYPED:
            continue
        if it.day:
            for p in it.participants:
                buckets[("typed", it.type, it.day, p)].append(i)
        if len(it.participants) >= 2:
            buckets[("typed", it.type, it.participants)].append(i)
        if require_evidence:
            buckets[("article", it.type, it.doc)].append(i)
    pairs = set()
    for key, bucket in buckets.items():
        for i, j in _bucket_pairs(bucket, items):
            a, b = (i, j) if i < j else (j, i)
            if (a, b) in pairs:
                continue
            x, y = items[a], items[b]
            if key[0] == "key" and (not require_evidence or _evidence(x, y)):
                pairs.add((a, b))
            elif key[0] == "typed" and _compatible_typed(x, y):
                pairs.add((a, b))
            elif key[0] == "article" and _same_article_typed(x, y):
                pairs.add((a, b))
    return pairs


def cluster_mentions(items: Sequence[MentionItem], groups: Mapping[str, int],
                     require_evidence: bool = False, subgroups: Mapping[str, int] | None = None,
                     central: float = CENTRAL) -> list[int]:
    """Cluster ids (0..k-1) for the mentions, merging only inside a document group.

    ``require_evidence``: a lemma match across articles also needs a shared
    participant or the same known day (news streams about one story mention
    many different meetings; ECB+-style corpora grouped by seminal event do not
    need it).
    ``subgroups``: a tighter document grouping; lemmas that are not central to
    their group (``central``) merge only inside a subgroup."""
    uf = _UnionFind(items)
    keys_of = _scoped_keys(items, groups, subgroups, central)
    by_group: dict[int, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        by_group[groups.get(it.doc, -1)].append(i)
    for members in by_group.values():
        pairs = _candidate_pairs(items, members, keys_of, require_evidence)
        # strongest evidence first, so that clusters know their day before weak links are tried
        for i, j in sorted(pairs, key=lambda p: (-_strength(items[p[0]], items[p[1]]), p)):
            if not _conflict(items[i], items[j]) and uf.days_agree(i, j):
                uf.union(i, j)
    remap: dict[int, int] = {}
    return [remap.setdefault(uf.find(i), len(remap)) for i in range(len(items))]


# ------------------------------------------------------------ the pipeline stage

def _participants(analysis, event, entity_ids) -> tuple[frozenset, frozenset]:
    """Entity ids of the agents and patients: (the entities of the arguments'
    own mentions, the names inside the other arguments: "Russia's invading
    forces", "Ukraine's president"). The second kind supports a merge but
    cannot block one: the named entity is related to the actor, not the actor."""
    own, inside = set(), set()
    hazard = event.type in lexicon.hazard_types()
    for arg in event.arguments:
        if arg.role not in ("agent", "patient"):
            continue
        eid = entity_ids[arg.mention] if arg.mention is not None and arg.mention < len(entity_ids) else None
        if eid and _premodifier(event, arg):
            inside.add(eid)  # "U.S.-Russia summit", "Oval Office meeting": who or where, at another grain
        elif eid and hazard:
            inside.add(eid)  # "the quake struck the capital", "BP's spill": where and whose, not who acts
        elif eid:
            own.add(eid)
            continue
        for k, m in enumerate(analysis.mentions):
            if arg.start <= m.start and m.end <= arg.end and k < len(entity_ids) and entity_ids[k] \
                    and m.kind in ("name", "demonym"):
                inside.add(entity_ids[k])
    return frozenset(own), frozenset(inside - own)


def _premodifier(event, arg) -> bool:
    """The argument modifies an event noun from inside its noun phrase."""
    return event.pos == "NOUN" and arg.end <= event.start and event.start - arg.end <= PREMODIFIER_GAP


def _day(event, explicit: bool = True) -> str | None:
    """The event's known day; with ``explicit`` only a day from a time
    expression (the article-date fallback is too weak to keep events apart)."""
    if explicit and event.timex_index is None:
        return None
    value = event.time_value or ""
    return value[:10] if event.time_precision == "day" and _DAY.match(value[:10]) else None


def mention_items(analyses, mention_entity) -> tuple[list[MentionItem], list[tuple[str, int]]]:
    reporting = lexicon.reporting_verbs()
    items, where = [], []
    for a in analyses:
        ids = mention_entity.get(a.article.id, [])
        published = _published_day(a.article)
        for k, e in enumerate(a.events):
            own, inside = _participants(a, e, ids)
            lasting = _lasting(e)
            earliest, latest = _bounds(e, published, lasting)
            items.append(MentionItem(
                doc=a.article.id, keys=lemma_keys(e.lemma, e.trigger), reporting=e.lemma in reporting,
                type=e.type, day=_day(e), participants=own, associated=inside,
                negated=e.modality == "negated", noun=e.pos == "NOUN", sentence=e.sentence,
                modality=e.modality, weak_day=_day(e, explicit=False), period=_period(e),
                earliest=earliest, latest=latest, arguments=frozenset(e.heads), start=e.start,
                lasting=lasting,
                agents=tuple((x.start, x.end) for x in e.arguments if x.role == "agent")))
            where.append((a.article.id, k))
    return items, where


def _lasting(event) -> bool:
    """A hazard that lasts (``data/lasting_events.txt``: a spill, an outbreak): its days are phases."""
    return event.lemma.lower() in lexicon.lasting_events() and event.type in lexicon.hazard_types()


def _published_day(article) -> str | None:
    day = (article.published or "")[:10]
    return day if _DAY.match(day) else None


def _bounds(event, published: str | None, lasting: bool = False) -> tuple[str | None, str | None]:
    """The earliest and latest day the event can be on: inside its explicit
    time period; an announced event not before the article's date (a hazard "to come" is
    a forecast of how it goes on, not an announcement: "the spill will reach the coast"),
    an event reported as done not after it."""
    period = _period(event)
    if lasting and period and len(period) > 4:
        period = period[:4]  # a day or month told of a lasting happening is a phase of it: its year bounds it
    lo, hi = period_range(period) or (None, None)
    if published and event.modality == "planned" and event.type not in lexicon.hazard_types():
        lo = max(lo or published, published)
    elif published and event.modality in ("happened", "reported"):
        hi = min(hi or published, published)
    if lo and hi and lo > hi:
        return period_range(period) or (None, None)  # the text's own time wins
    return lo, hi


def _period(event) -> str | None:
    """The explicit time value (year, month, week or day)."""
    if event.timex_index is None:
        return None
    value = event.time_value or ""
    value = value[:10] if _DAY.match(value[:10]) else value
    return value if period_range(value) else None


def _best_date(events, published: Mapping[str, str | None] | None = None) -> tuple[str | None, float]:
    """The day of an event from its mentions, and the share of the votes behind it. Days a time
    expression gives win (explicit ones count double, dates of reported-as-happened mentions
    over announced ones) when the winning one is told in two reports or by a quarter of the
    dated mentions: one stray caption's date does not date a story-long spill; then days the
    narrative was on (``extract._focus_timex``); last, when nothing else dates it, the earliest
    report day: an event told as done is no later than its first report, and twenty reports of
    the next day do not move an earthquake that reports date. A narrative or report day outside
    the one period the mentions tell ("the 2005 refinery explosion") is no day of the event; when
    none is left, that period is its date ("2005")."""
    published = published or {}
    tiers: tuple[Counter, Counter, Counter] = (Counter(), Counter(), Counter())
    told_in: dict[str, set] = defaultdict(set)
    dated = 0
    for e in events:
        day = _day(e, explicit=False)
        if not day:
            continue
        dated += 1
        weight = 2.0 if e.timex_index is not None else 1.0
        if e.modality in ("happened", "ongoing", "reported"):
            weight += 0.5
        tier = 0 if e.timex_index is not None else 1 if day != published.get(e.article_id) else 2
        tiers[tier][day] += weight
        if tier == 0:
            told_in[day].add(e.article_id)
    if tiers[0] and events and all(_lasting(e) for e in events):
        told = sorted(d for d in tiers[0] if len(told_in[d]) >= EXPLICIT_REPORTS)
        if told:  # a lasting happening: the first day two reports tell, not its busiest phase
            return told[0], tiers[0][told[0]] / sum(tiers[0].values())
    if tiers[0]:
        day, w = tiers[0].most_common(1)[0]
        mentions = sum(1 for e in events if e.timex_index is not None and _day(e, explicit=False) == day)
        if len(told_in[day]) >= EXPLICIT_REPORTS or mentions >= EXPLICIT_SHARE * dated:
            return day, w / sum(tiers[0].values())
    # "the 2005 refinery explosion": no narrative or report day outside the period its mentions
    # tell (a lasting happening's periods are phases of it, not its day)
    window = _told_period(events) if not tiers[0] and not all(_lasting(e) for e in events) else None
    if window:
        value, lo, hi = window
        for tier in tiers[1:]:
            for day in [d for d in tier if not lo <= d <= hi]:
                del tier[day]
        if not tiers[1] and not tiers[2]:
            told = sum(1 for e in events if _period(e))
            return value, told / max(1, len(events))
    if tiers[1]:
        day, w = tiers[1].most_common(1)[0]
        return day, w / sum(tiers[1].values())
    fallback = tiers[2] or tiers[0]
    if not fallback:
        return None, 0.0
    day = min(fallback)
    return day, fallback[day] / sum(fallback.values())


def _told_period(events) -> tuple[str, str, str] | None:
    """(value, first day, last day) of the one time period the mentions' own time expressions
    all fit ("in 2005", "last March"): the narrowest told, when every told period holds it."""
    told = sorted(((v, period_range(v)) for v in {_period(e) for e in events} if v), key=lambda x: _span_days(x[1]))
    if not told:
        return None
    value, (lo, hi) = told[0]
    if all(a <= lo and hi <= b for _, (a, b) in told):
        return value, lo, hi
    return None


def scored_labels(analyses, items: Sequence[MentionItem], vector_cache=None) -> list[int]:
    """Cluster ids from the trained pair scorer over contextual vectors
    (``events.pairscore.cluster_scored``) inside the learned document groups
    (``events.docpairs.group``), as ``storyline eval ecbplus --context`` measures it,
    with the conflicts of ``_conflict`` as cannot-links.
    ``items`` are ``mention_items(analyses, ...)``, in article and event order;
    ``vector_cache``: see ``pairscore.item_vectors``."""
    from .docpairs import doc_features, group
    from .pairscore import cluster_scored, item_vectors

    bags = [analysis_bag(a) for a in analyses]
    ids = [a.article.id for a in analyses]
    groups = dict(zip(ids, group([doc_features(a, b) for a, b in zip(analyses, bags)])))
    spans = [(e.start, e.end) for a in analyses for e in a.events]
    texts = {a.article.id: a.article.text for a in analyses}
    sentences = {a.article.id: [(x.start, x.end) for x in a.sentences] for a in analyses}
    trig, sent = item_vectors(items, spans, texts, sentences, cache=vector_cache)
    # what may never join is what ``cluster_mentions`` keeps apart (``_conflict``: other days,
    # other actors, acts of saying, negation); on ECB+ dev that costs 5.7 CoNLL points
    # (docs/events.md) but keeps the build's meaning of an event
    return cluster_scored(items, groups, groups, trig, sent, doc_cosine(bags, ids), cannot=_conflict)


def cluster_events(analyses, mention_entity, threshold: float = 0.9, context: bool = False,
                   vector_cache=None):
    """Events across articles: (list[Event], event_ids per article). With ``context``
    the mentions are clustered by ``scored_labels`` (needs the optional encoder,
    ``events.context.available()``), else by lemma keys inside TF-IDF document groups
    (cut ``threshold``) with a shared participant or day required across articles."""
    analyses = list(analyses)
    items, where = mention_items(analyses, mention_entity)
    if context and items:
        labels = scored_labels(analyses, items, vector_cache)
    else:
        groups_list = group_documents([analysis_bag(a) for a in analyses], threshold) if analyses else []
        groups = {a.article.id: g for a, g in zip(analyses, groups_list)}
        labels = cluster_mentions(items, groups, require_evidence=True)
    by_article = {a.article.id: a for a in analyses}
    published = {aid: _published_day(a.article) for aid, a in by_article.items()}
    members: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        members[label].append(i)
    members = _join_told_hazards(members, items, where, by_article)
    event_ids = {a.article.id: [None] * len(a.events) for a in analyses}
    events = []
    for label in sorted(members, key=lambda lb: where[members[lb][0]]):
        idx = members[label]
        mentions = tuple(where[i] for i in idx)
        evs = [by_article[aid].events[k] for aid, k in mentions]
        eid = _event_id(mentions)
        for aid, k in mentions:
            event_ids[aid][k] = eid
        types = Counter(e.type for e in evs if e.type not in UNTYPED) or Counter(e.type for e in evs)
        lemmas = Counter(e.lemma for e in evs)
        # sets iterate in a per-process order: sort them, so ties are listed the same way every run
        participants = Counter(p for i in idx for p in sorted(items[i].participants))
        for p, n in Counter(p for i in idx for p in sorted(items[i].associated)).items():
            participants.setdefault(p, n / 100)  # after the actors themselves
        date, support = _best_date(evs, published)
        events.append(Event(
            id=eid, type=types.most_common(1)[0][0], label=lemmas.most_common(1)[0][0], date=date,
            mentions=mentions, participants=tuple(p for p, _ in participants.most_common()),
            source=SOURCE, confidence=round(min(0.9, 0.5 + 0.1 * len(idx)) * (support or 1.0), 3)))
    return events, event_ids


def _join_told_hazards(members: dict[int, list[int]], items: Sequence[MentionItem], where, by_article):
    """Clusters of one hazard told in several document groups: a disaster or accident of one
    word (its key) whose time expressions give one and the same day in each ("the April 20
    explosion" in a report on the rig, in one on the company's shares and in one on the
    lawsuits) is one happening, however different the reports around it."""
    hazards = lexicon.hazard_types()
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for label, idx in members.items():
        evs = [by_article[aid].events[k] for aid, k in (where[i] for i in idx)]
        kind = Counter(e.type for e in evs).most_common(1)[0][0]
        days = {_day(e) for e in evs} - {None}
        if kind not in hazards or len(days) != 1 or any(_lasting(e) for e in evs):
            continue
        for key in set().union(*(items[i].keys for i in idx if items[i].type == kind)):
            by_key[(kind, key, next(iter(days)))].append(label)
    parent = {label: label for label in members}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for labels in by_key.values():
        for other in labels[1:]:
            a, b = find(labels[0]), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    joined: dict[int, list[int]] = defaultdict(list)
    for label, idx in members.items():
        joined[find(label)].extend(idx)
    return {label: sorted(idx) for label, idx in joined.items()}


def _event_id(mentions) -> str:
    import hashlib

    key = "|".join(f"{a}:{k}" for a, k in sorted(mentions)[:1])
    return "ev_" + hashlib.sha1(key.encode()).hexdigest()[:12]
