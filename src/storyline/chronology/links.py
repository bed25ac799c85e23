"""The same day seen from different articles: linking time cues across articles.

A cue that names a day relative to its article ("on Tuesday", "yesterday", "six weeks
ago") or on the calendar ("on June 1") refers to the day of some event. When two articles
tell of the same event (their sentences around the cues share enough distinctive words,
weighted by how rare each word is in the collection) and their cues do not contradict each
other (the same weekday, the same calendar date), the two cues refer to the same day: that
day becomes one node of the temporal network, which ties the two articles' dates together.
A weekday written beside a date in one article ("Tuesday , June 1") is the same day too.

Links are made greedily from the most similar pair down and never join cues with
different weekdays or different dates, so one wrong link cannot chain two events.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .bounds import Cue
from ..resources import data_lines
from .lexicon import calendar, event_words

DAY_KINDS = ("weekday", "deictic", "monthday", "date", "elapsed")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in data_lines("storyline.chronology", "stopwords.txt"))


_NAME_RUN = re.compile(r"\b[A-Z][\w'.-]*(?:\s+(?:(?:of|and|the|for|de)\s+)?[A-Z][\w'.-]*)+")


def content_words(text: str) -> frozenset[str]:
    """Distinctive words of a context; a multi-word name ("National Oceanic and Atmospheric
    Administration") counts once."""
    stop = stopwords()
    out = set()
    text = text.replace("\u2019", "'")
    for m in _NAME_RUN.finditer(text):
        out.add("_".join(w.lower() for w in m.group().split() if w[0].isupper()))
    text = _NAME_RUN.sub(" ", text)
    for w in _WORD.findall(text):
        w = re.sub(r"'s?$", "", w.lower())
        if len(w) < 3 or w in stop:
            continue
        if w.endswith("s") and len(w) > 4 and not w.endswith("ss"):
            w = w[:-1]
        out.add(w)
    return frozenset(out)


_NUM = re.compile(r"(?<![\w.])(?:\d[\d,.]*\d|\d)(?=(?:p|m|bn|k|%)?(?![\w]))")


_ORDINAL = re.compile(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b",
                      re.IGNORECASE)


def numbers(text: str) -> frozenset[str]:
    """Figures and ordinals in a context (not years): two reports of a running count, or a second
    and a third visit, that differ are two events."""
    out = {m.group().lower() for m in _ORDINAL.finditer(text)}
    spelled = calendar().numbers
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in spelled and len(w) > 2:  # "three more cases" / "five": counts written out
            out.add(str(spelled[w]))
    for m in _NUM.finditer(text):
        v = m.group().replace(",", "")
        if re.fullmatch(r"(?:19|20)\d\d", v):
            continue
        out.add(v)
    return frozenset(out)


def refers_to_day(cue: Cue) -> bool:
    if cue.kind == "elapsed":
        return cue.rule == "elapsed.ago"
    if cue.kind == "deictic":
        return cue.hi - cue.lo <= 13  # yesterday, today, last night, later this week, next week
    return cue.kind in DAY_KINDS


def _window(cue: Cue, reach: int, others) -> tuple[int, int]:
    """The stretch of the cue's sentence within ``reach`` characters each side, not past a
    neighbouring day expression (which dates another event)."""
    s = max(cue.sentence[0], cue.start - reach)
    e = min(cue.sentence[1], cue.end + reach)
    for o in others:
        if o is cue or o.kind not in DAY_KINDS:
            continue
        if s <= o.start and o.end <= cue.start:
            s = o.end
        elif cue.end <= o.start < e:
            e = o.start
    return s, e


def context(text: str, cue: Cue, reach: int = 160, others: list[Cue] = ()) -> str:
    """The words around a cue that tell its event: its sentence, at most ``reach`` characters
    each side, and not past a neighbouring time expression (which dates another event)."""
    s, e = _window(cue, reach, others)
    return text[s:cue.start] + " " + text[cue.end:e]


@dataclass(frozen=True)
class Link:
    a: tuple[str, int]  # (article id, index of the cue in the article's cue list)
    b: tuple[str, int]
    score: float
    shared: tuple[str, ...]
    rule: str


def day_key(cue: Cue):
    """What a cue says about which day it is: ("wd", n), ("date", y, m, d), ("md", m, d) or None."""
    if cue.kind == "weekday":
        return ("wd", cue.weekday)
    if cue.kind == "date":
        return ("date", cue.year, cue.month, cue.day)
    if cue.kind == "monthday":
        return ("md", cue.month, cue.day)
    return None


def adjacent_links(doc_id: str, text: str, cues: list[Cue]) -> list[Link]:
    """A weekday (or yesterday / today / tomorrow) written beside a date: "Tuesday , June 1",
    "June 1 -LRB- Tuesday -RRB-", "yesterday , 31 May"."""
    out = []
    for i, c in enumerate(cues):
        if c.kind != "weekday" and not (c.kind == "deictic" and c.lo == c.hi):
            continue
        for j, d in enumerate(cues):
            if d.kind in ("date", "monthday"):
                gap = text[c.end:d.start] if c.end <= d.start else text[d.end:c.start]
                if len(gap) <= 8 and re.fullmatch(r"[\s,(]*(?:-LRB-)?[\s,(]*|\s*,?\s*", gap):
                    out.append(Link((doc_id, i), (doc_id, j), 1.0, (), "link.day_beside_date"))
    return out


def aligned(ca: Cue, cb: Cue, weekday_of) -> bool | None:
    """A weekday against a date whose weekday the story calendar knows: True when they agree,
    False when they cannot be the same day, None when it cannot be told."""
    if ca.kind == "weekday" and cb.kind == "weekday":
        return ca.weekday == cb.weekday
    if weekday_of is None:
        return None
    for w, d in ((ca, cb), (cb, ca)):
        if w.kind == "weekday" and d.kind == "date":  # a full date may be in another year
            return False if weekday_of(d) != w.weekday else None
        if w.kind == "weekday" and d.kind == "monthday":
            wd = weekday_of(d)
            return None if wd is None else wd == w.weekday
    return None


def similar_links(texts: dict[str, str], cues: dict[str, list[Cue]], threshold: float = 0.3,
                  min_shared: int = 3, strong_shared: int = 5, strong_threshold: float = 0.19, weekday_of=None, aligned_threshold: float = 0.11,
                  aligned_min_shared: int = 3, core_reach: int = 60, core_min: int = 2,
                  max_postings: int = 50) -> list[Link]:
    """Cue pairs in different articles whose contexts tell of the same event. A weekday and
    a date that fall on the same day of the week in the story calendar (``weekday_of(cue)``)
    need less overlap; one that cannot is never linked."""
    ctx: dict[tuple[str, int], frozenset[str]] = {}
    nums: dict[tuple[str, int], frozenset[str]] = {}
    core: dict[tuple[str, int], frozenset[str]] = {}
    for doc_id, cs in cues.items():
        for i, c in enumerate(cs):
            if refers_to_day(c):
                near = [o for o in cs if abs(o.start - c.start) < 400]
                around = context(texts[doc_id], c, others=near)
                ctx[(doc_id, i)] = content_words(around)
                core[(doc_id, i)] = content_words(context(texts[doc_id], c, reach=core_reach, others=near))
                nums[(doc_id, i)] = numbers(around)
    df: Counter = Counter()
    for doc_id in cues:
        words = set()
        for (d, _), ws in ctx.items():
            if d == doc_id:
                words |= ws
        df.update(words)
    n = max(1, len(cues))
    idf = {w: math.log((n + 1) / (k + 0.5)) for w, k in df.items()}
    keys = list(ctx)
    # an inverted index on distinctive words keeps this near-linear: a word written in more
    # than half of the articles, or in more than ``max_postings`` of them, does not make
    # candidates (it still counts in the similarity score)
    index: dict[str, list[int]] = {}
    cap = max(3, min(0.5 * n, max_postings))
    for k, key in enumerate(keys):
        for w in ctx[key]:
            if df[w] <= cap:
                index.setdefault(w, []).append(k)
    event_forms = event_words()
    out = []
    for k, key in enumerate(keys):
        cand = Counter()
        for w in ctx[key]:
            for m in index.get(w, ()):
                if m > k and keys[m][0] != key[0]:
                    cand[m] += 1
        ca = cues[key[0]][key[1]]
        for m, shared_n in cand.items():
            if shared_n < min(min_shared, aligned_min_shared, 2):
                continue
            other = keys[m]
            cb = cues[other[0]][other[1]]
            al = aligned(ca, cb, weekday_of)
            if al is False:
                continue
            need_n, need_score = (aligned_min_shared, aligned_threshold) if al else (min_shared, threshold)
            if not al and shared_n >= strong_shared:  # many shared words: a lower share will do
                need_score = min(need_score, strong_threshold)
            c_shared = core[key] & core[other]
            if al and len(c_shared) >= 2 and any(w in event_forms for w in c_shared):
                need_n = 2  # same weekday, same event word and one more word beside both: "Alaska summit"
            if shared_n < need_n:
                continue
            ka, kb = day_key(ca), day_key(cb)
            if ka and kb and ka[0] == kb[0] and ka != kb:
                continue  # different weekdays, different dates
            if nums[key] and nums[other] and not nums[key] & nums[other]:
                continue  # different figures: another day of a running count
            shared = ctx[key] & ctx[other]
            union = ctx[key] | ctx[other]
            score = sum(idf[w] for w in shared) / max(1e-9, sum(idf[w] for w in union))
            if al and len(c_shared) >= core_min:  # the words right beside the two cues agree: "Alaska summit"
                c_union = core[key] | core[other]
                top = math.log(n + 2)
                score = max(score, sum(idf.get(w, top) for w in c_shared) / max(1e-9, sum(idf.get(w, top) for w in c_union)))
            if score >= need_score:
                out.append(Link(key, other, score, tuple(sorted(shared, key=lambda w: -idf[w])[:8]),
                                "link.same_event_context" + (".weekday_agrees" if al else "")))
    out.sort(key=lambda l: -l.score)
    return out


class DayClusters:
    """Union-find over cues that name the same day; refuses merges that contradict."""

    def __init__(self, cues: dict[str, list[Cue]], weekday_of=None):
        self.cues = cues
        self.weekday_of = weekday_of
        self.parent: dict[tuple[str, int], tuple[str, int]] = {}
        self.keys: dict[tuple[str, int], set] = {}
        self.links: dict[tuple[str, int], list[Link]] = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        if x not in self.keys:
            c = self.cues[x[0]][x[1]]
            k = day_key(c)
            self.keys[x] = {k} if k else set()
            if c.kind in ("date", "monthday") and self.weekday_of and self.weekday_of(c) is not None:
                self.keys[x].add(("wd", self.weekday_of(c)))
            self.links[x] = []
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    @staticmethod
    def _compatible(k1: set, k2: set) -> bool:
        both = k1 | k2
        for kind in ("wd", "date", "md"):
            if len({k for k in both if k[0] == kind}) > 1:
                return False
        return True

    def union(self, link: Link) -> bool:
        ra, rb = self.find(link.a), self.find(link.b)
        if ra == rb:
            return True
        if not self._compatible(self.keys[ra], self.keys[rb]):
            return False
        self.parent[rb] = ra
        self.keys[ra] |= self.keys.pop(rb)
        self.links[ra].extend(self.links.pop(rb) + [link])
        return True

    def groups(self) -> dict[tuple[str, int], list[tuple[str, int]]]:
        out: dict[tuple[str, int], list[tuple[str, int]]] = {}
        for x in list(self.parent):
            out.setdefault(self.find(x), []).append(x)
        return {r: m for r, m in out.items() if len(m) > 1}


_NEGATION = re.compile(r"\b(?:not|never|no)\b|n't\b", re.IGNORECASE)
_CAP = re.compile(r"(?<![\w'])([A-Z][A-Za-z'.-]*[a-z][A-Za-z-]*|[A-Z]{2,})(?!\w)")


def proper_names(texts: dict[str, str]) -> frozenset[str]:
    """Words written with a capital that the collection never writes in lower case ("Alaska",
    "Putin"; not "President", which is also "the president") and that are not calendar words."""
    cal = calendar()
    lower: set[str] = set()
    caps: set[str] = set()
    for t in texts.values():
        lower.update(w for w in re.findall(r"(?<![\w'])[a-z][a-z-]+", t))
        caps.update(m.group(1) for m in _CAP.finditer(t))
    skip = set(cal.months) | set(cal.weekdays) | stopwords()
    return frozenset(w.lower() for w in caps
                     if w.lower() not in lower and w.lower().rstrip("'s") not in skip and len(w) > 2)


def names_near(text: str, cue: Cue, names: frozenset[str], reach: int, others: list[Cue] = ()) -> frozenset[str]:
    """Proper names in the words beside a cue (not the first word of its sentence)."""
    s = max(cue.sentence[0], cue.start - reach)
    window = context(text, cue, reach=reach, others=others)
    out = set()
    for m in _CAP.finditer(window):
        w = re.sub(r"'s?$", "", m.group(1)).lower()
        if w in names and not (s == cue.sentence[0] and m.start() == len(window) - len(window.lstrip())):
            out.add(w)
    return frozenset(out)


def event_dated(text: str, cue: Cue, reach: int, others: list[Cue] = ()) -> frozenset[str]:
    """The event a cue dates: the lemma (``data/event_words.tsv``) of the event word nearest
    to it in the words beside it ("a trip to Louisiana and an address tomorrow": the address)."""
    forms = event_words()
    s, e = _window(cue, reach, others)
    best, lemma = reach + 1, ""
    for m in re.finditer(r"[a-z]+", text[s:e].lower()):
        if m.group() not in forms:
            continue
        a, b = s + m.start(), s + m.end()
        dist = cue.start - b if b <= cue.start else (a - cue.end if a >= cue.end else 0)
        if 0 <= dist < best:
            best, lemma = dist, forms[m.group()]
    return frozenset({lemma}) if lemma else frozenset()


def announce_links(texts: dict[str, str], cues: dict[str, list[Cue]], direction, planned: frozenset[str],
                   reach: int = 60, max_share: float = 0.5) -> list[Link]:
    """An event announced in one article and reported in another: a cue placing an event
    after its article ("a summit later this week in Alaska") and one placing it before its
    article ("started their Alaska summit ... on Friday"), dating the same planned-event word
    (the event word nearest each cue) with the same proper name (a place or a participant)
    and the same figures and ordinals ("third trip" is not "a trip") beside both. ``direction(doc_id,
    cue)`` is +1 (the day named is not before the article), -1 (not after) or 0; names
    found in more than ``max_share`` of the articles do not tell events apart."""
    names = proper_names(texts)
    n = max(1, len(cues))
    side: dict[tuple[str, int], tuple] = {}
    df: Counter = Counter()  # how many articles write each name
    for t in texts.values():
        df.update({m.group(1).lower() for m in _CAP.finditer(t)} & names)
    for doc_id, cs in cues.items():
        for i, c in enumerate(cs):
            if not refers_to_day(c) or c.kind not in ("weekday", "deictic"):
                continue
            d = direction(doc_id, c)
            if not d:
                continue
            near = [o for o in cs if abs(o.start - c.start) < 400]
            ev = event_dated(texts[doc_id], c, reach, near) & planned
            nm = names_near(texts[doc_id], c, names, reach, near)
            around = context(texts[doc_id], c, reach=reach, others=near)
            if _NEGATION.search(texts[doc_id][max(c.sentence[0], c.start - reach):c.start]):
                continue  # "will not be meeting today"
            if ev and nm:
                ords = frozenset(m.group().lower() for m in _ORDINAL.finditer(around))
                side[(doc_id, i)] = (d, ev, nm, numbers(around), ords)
    limit = max(2, max_share * n)
    out = []
    keys = sorted(side)
    # candidates share an event word and a name: blocked on (event, name)
    block: dict[tuple[str, str], list[int]] = {}
    for k, key in enumerate(keys):
        _, ev, nm, _, _ = side[key]
        for e in ev:
            for w in nm:
                if df[w] <= limit:
                    block.setdefault((e, w), []).append(k)
    partners: dict[int, set[int]] = {}
    for members in block.values():
        for i in members:
            partners.setdefault(i, set()).update(j for j in members if j > i)
    for k, ka in enumerate(keys):
        da, ea, na, fa, oa = side[ka]
        for kb in (keys[j] for j in sorted(partners.get(k, ()))):
            db, eb, nb, fb, ob = side[kb]
            if ka[0] == kb[0] or da == db or oa != ob or (fa and fb and not fa & fb):
                continue  # same article, same direction, other ordinals ("third trip" / "a trip") or figures
            ca, cb = cues[ka[0]][ka[1]], cues[kb[0]][kb[1]]
            ya, yb = day_key(ca), day_key(cb)
            if ya and yb and ya != yb:
                continue
            common_names = {w for w in na & nb if df[w] <= limit}
            common_events = ea & eb
            if common_names and common_events:
                shared = tuple(sorted(common_events)) + tuple(sorted(common_names))
                out.append(Link(ka, kb, 0.5, shared, "link.announced_then_reported"))
    return out
