"""Loading and applying the temporal rule files (HeidelTime-style, rules as data).

Three data files in ``temporal/data/``:

* ``repatterns.tsv`` — named lists of regex alternatives (``%reMonth``);
* ``normalization.tsv`` — lookup tables for value templates (``{m|normMonth}``);
* ``rules.tsv`` — the rules: id, TIMEX3 type, flags, extraction pattern,
  value template, mod template and an example.

First pass only: :func:`match_rules` returns candidates with *underspecified*
values; resolution against a reference date is in :mod:`.values`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

_REF = re.compile(r"%(re[A-Za-z0-9]+)")
_TEMPLATE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:\|([A-Za-z0-9_]+))?\}")


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    flags: frozenset
    pattern: re.Pattern
    value: str
    mod: str
    example: str
    priority: int
    needs: tuple = ()  # repattern lists that must occur in a window for the rule to be tried
    # literal sets derived from the pattern: a match needs one word of every set (lower case)
    requires: tuple = field(default=(), compare=False)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    underspecified: str
    mod: str


def _data_lines(name: str):
    text = resources.files("storyline.temporal").joinpath("data", name).read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        yield n, line.rstrip("\n").split("\t")


def norm_key(s: str) -> str:
    s = s.lower().strip().rstrip(".")
    s = s.replace("\u2019", "'")
    return re.sub(r"[\s-]+", " ", s)


@lru_cache(maxsize=1)
def repatterns() -> dict[str, str]:
    raw: dict[str, list[str]] = {}
    for _, cols in _data_lines("repatterns.tsv"):
        raw.setdefault(cols[0], []).append(cols[1])
    done: dict[str, str] = {}

    def expand(name: str, stack=()) -> str:
        if name in done:
            return done[name]
        if name in stack or name not in raw:
            raise ValueError(f"repattern {name!r} unknown or recursive")
        alts = [_REF.sub(lambda m: expand(m.group(1), stack + (name,)), a) for a in raw[name]]
        alts.sort(key=len, reverse=True)
        done[name] = "(?:" + "|".join(alts) + ")"
        return done[name]

    for name in raw:
        expand(name)
    return done


@lru_cache(maxsize=1)
def tables() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for _, cols in _data_lines("normalization.tsv"):
        out.setdefault(cols[0], {})[norm_key(cols[1])] = cols[2] if len(cols) > 2 else ""
    return out


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[str, str]]:
    return {cols[0]: (cols[1], cols[2]) for _, cols in _data_lines("numbers.tsv")}


def read_number(s: str) -> str:
    """A spelled or written count as a string: '12', '1.5', or 'X' when vague."""
    s = norm_key(s).replace(",", "").replace("and a half", "half")
    m = re.fullmatch(r"(\d+) (\d)/(\d)", s)
    if m:
        return _fmt(int(m.group(1)) + int(m.group(2)) / int(m.group(3)))
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return _fmt(float(s))
    words = number_words()
    total, current, seen, article = 0.0, 0.0, False, False
    ws = s.split()
    for i, w in enumerate(ws):
        article = article or w in ("a", "an")
        if w in ("and", "of") or (w in ("a", "an") and (i + 1 < len(ws) or (i and ws[i - 1] == "half"))):
            continue  # "a couple of" is two, "a hundred" a hundred, "half a" a half: the article counts only alone
        if w not in words:
            return "X"
        val, kind = words[w]
        if kind == "vague":
            return "X"
        if kind == "same":  # "an additional", "one more", "a full": the count is the other words'
            continue
        seen = True
        if kind == "scale":
            current = (current or 1) * float(val)
            if float(val) >= 1000:
                total += current
                current = 0
        elif val == "0.5" and (current or total):
            current += 0.5
        else:
            current += float(val)
    if not seen and article:  # "an additional", "a full": the article is the count
        return "1"
    return _fmt(total + current) if seen else "X"


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"


def read_year(s: str) -> str:
    """A year as four digits: '1998', "'98" (-> 1998), 'nineteen ninety-seven', 'two thousand'."""
    k = norm_key(s).lstrip("'")
    if re.fullmatch(r"\d{4}", k):
        return k
    if re.fullmatch(r"\d\d", k):
        return ("19" if int(k) > 30 else "20") + k
    parts = k.split()
    if len(parts) >= 2 and parts[0] in ("nineteen", "eighteen", "seventeen", "twenty") and "thousand" not in parts:
        hi = read_number(parts[0])
        lo = read_number(" ".join(parts[1:]))
        if hi != "X" and lo != "X" and float(lo) < 100:
            return f"{int(hi):02d}{int(float(lo)):02d}"
    n = read_number(k)
    return f"{int(float(n)):04d}" if n != "X" else "XXXX"


def read_clock(s: str) -> str:
    """A clock time as HH:MM: '10:35 a.m.' -> 10:35, '10 p.m' -> 22:00, 'nine in the evening' -> 21:00."""
    k = s.lower()
    m = re.match(r"\s*([0-9]{1,2}|[a-z]+)(?::([0-9]{2}))?", k)
    if not m:
        return "XX:XX"
    h = read_number(m.group(1))
    if h == "X":
        return "XX:XX"
    hour, minute = int(float(h)), int(m.group(2) or 0)
    if re.search(r"p\.?\s?m\b|afternoon|evening|night", k) and hour < 12:
        hour += 12
    elif re.search(r"a\.?\s?m\b|morning", k) and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def _apply(fn: str, text: str) -> str:
    if fn == "num":
        return read_number(text)
    if fn == "pad2":
        n = read_number(text)
        return f"{int(float(n)):02d}" if n != "X" else "XX"
    if fn == "ordday":  # "eighth" -> 08
        n = tables()["normOrdinalNum"].get(norm_key(text), "")
        return f"{int(n):02d}" if n.isdigit() else "XX"
    if fn == "year":
        return read_year(text)
    if fn == "decade":
        return read_year(text)[:3]
    if fn == "decade1":
        return norm_key(text).lstrip("'")[:1]
    if fn == "clock":
        return read_clock(text)
    if fn == "century":
        n = read_number(text) if text[:1].isdigit() else tables()["normOrdinalNum"].get(norm_key(text), "X")
        n = re.sub(r"\D", "", n) if n != "X" else n
        return f"{int(n) - 1:02d}" if n not in ("X", "") else "XX"
    if fn == "tpod":
        v = tables()["normPartOfDay"].get(norm_key(text), "")
        return "T" + v if v else ""
    if fn == "lower":
        return text.lower()
    table = tables().get(fn)
    if table is None:
        raise KeyError(f"unknown normalization {fn!r}")
    return table.get(norm_key(text), "")


def fill(template: str, m: re.Match) -> str:
    def sub(t: re.Match) -> str:
        g = m.group(t.group(1)) if t.group(1) in m.re.groupindex else None
        if g is None:
            return ""
        return _apply(t.group(2), g) if t.group(2) else g
    out = _TEMPLATE.sub(sub, template)
    return tidy_value(out.lstrip(":"))


_DUR = re.compile(r"^P(X|\d+(?:\.\d+)?)(Y|M|W|D|DE|CE|Q|H|MIN|S)$")
# a fraction of one unit written in the next smaller one: unit -> (factor, smaller unit, is time)
_SPLIT = {"Y": (12, "M", False), "M": (30, "D", False), "W": (7, "D", False), "D": (24, "H", True),
          "H": (60, "M", True), "MIN": (60, "S", True), "DE": (10, "Y", False), "CE": (100, "Y", False)}


def tidy_value(v: str) -> str:
    """Final touches on a filled duration: decades/centuries as years (P10Y; vague decades PXY,
    vague centuries PXC),
    quarters kept as TimeBank writes them (P2Q), fractions in the next unit (P2Y6M, PT5H30M)
    and the 'T' of time units."""
    m = _DUR.match(v)
    if not m:
        return v
    n, unit = m.group(1), m.group(2)
    if n == "X" and unit == "CE":
        return "PXC"  # "centuries": an unknown number of centuries, TimeML's century letter (PXY would lose the scale)
    if n == "X" and unit == "DE":
        return "PXY"  # "decades": an unknown number of years, as TimeBank writes them (ISO 8601 has no decade unit)
    if n != "X" and unit in ("DE", "CE"):
        n = _num(float(n) * {"DE": 10, "CE": 100}[unit])
        unit = "Y"
    time = unit in ("H", "MIN", "S")
    letter = {"MIN": "M"}.get(unit, unit)
    if n != "X" and "." in n:
        whole, frac = int(float(n)), float(n) - int(float(n))
        factor, small, small_time = _SPLIT.get(unit, (0, "", False))
        if factor and (frac * factor).is_integer():
            parts = (f"{whole}{letter}" if whole else "")
            if small_time and not time:
                return f"P{parts}T{int(frac * factor)}{small}"
            return ("PT" if time else "P") + parts + f"{int(frac * factor)}{small}"
    return ("PT" if time else "P") + n + letter


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    reps = repatterns()
    out = []
    seen = set()
    for n, cols in _data_lines("rules.tsv"):
        if len(cols) < 7:
            raise ValueError(f"rules.tsv:{n}: expected 7 tab-separated columns, got {len(cols)}")
        rid, typ, flags, pat, value, mod, example = cols[:7]
        if rid in seen:
            raise ValueError(f"rules.tsv:{n}: duplicate rule id {rid}")
        seen.add(rid)
        flagset = frozenset(f for f in flags.split(",") if f and f != "-")
        body = _REF.sub(lambda m: reps[m.group(1)], pat)
        regex = r"(?<![\w'])(?:" + body + r")(?![\w])"
        try:
            compiled = re.compile(regex, 0 if "cs" in flagset else re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"rules.tsv:{n}: rule {rid}: {exc}") from exc
        needs = tuple(f[5:] for f in flagset if f.startswith("need:"))
        out.append(Rule(rid, typ, flagset, compiled, value, "" if mod == "-" else mod,
                        example, len(out), needs, required_literals(compiled)))
    return tuple(out)


# --- the literal prefilter --------------------------------------------------------------------
# Every rule's regex is read once (``re._parser``) for the literal strings a match cannot do
# without: a sequence needs each of its literal runs, an alternation one of its branches' words,
# a repeat of at least one its body's. A rule is tried on a window only when one word of each of
# its sets occurs there (checked on a lower-cased copy of the text), which leaves the matches
# unchanged: the sets are necessary conditions, never guesses.

_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _required(items) -> list[frozenset]:
    from re import _constants as C  # the stdlib regex parser's opcodes

    sets: list[frozenset] = []
    run: list[str] = []

    def flush():
        if run:
            sets.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in items:
        if op is C.LITERAL and av < 128:  # only ASCII literals (the fold below is exact for them)
            run.append(chr(av))
            continue
        flush()
        if op is C.SUBPATTERN:
            sets.extend(_required(av[3]))
        elif op is C.ATOMIC_GROUP:
            sets.extend(_required(av))
        elif op is C.BRANCH:
            alts = [_required(a) for a in av[1]]
            if all(alts):
                sets.append(frozenset().union(*(_best(a) for a in alts)))
        elif op.name in _REPEATS and av[0] >= 1:
            sets.extend(_required(av[2]))
    flush()
    return sets


def _best(sets: list[frozenset]) -> frozenset:
    """The most selective of several necessary sets (longest shortest word, then fewest words)."""
    return max(sets, key=lambda s: (min(map(len, s)), -len(s)))


def required_literals(pattern: re.Pattern) -> tuple[frozenset, ...]:
    """Sets of lower-case words a match of ``pattern`` needs one of each of (most selective first)."""
    try:
        from re import _parser  # the standard library's own regex parser (private, Python >= 3.11)

        sets = {s for s in _required(_parser.parse(pattern.pattern, pattern.flags)) if s}
    except Exception:  # a parser that changed shape: no prefilter for this rule (tried everywhere)
        return ()
    return tuple(sorted(sets, key=lambda s: (-min(map(len, s)), len(s), sorted(s))))


class _Fold(dict):
    """``str.translate`` table: ASCII upper case to lower case; a non-ASCII character that
    ``re.IGNORECASE`` equates with an ASCII letter ("ſ", the Kelvin sign) to that letter;
    any other character kept. The text keeps its length, so offsets stay valid."""

    def __missing__(self, cp: int) -> int:
        c = chr(cp)
        if cp < 128:
            out = ord(c.lower())
        else:
            out = next((ord(a) for a in "abcdefghijklmnopqrstuvwxyz"
                        if re.fullmatch(a, c, re.IGNORECASE)), cp)
        self[cp] = out
        return out


_FOLD = _Fold()


def fold(text: str) -> str:
    """``text`` lower-cased the way the prefilter compares it (same length)."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


@lru_cache(maxsize=None)
def _set_pattern(words: frozenset) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _has_any(words: frozenset, folded: str, ws: int, we: int) -> bool:
    if len(words) == 1:
        (w,) = words
        return folded.find(w, ws, we) >= 0
    return _set_pattern(words).search(folded, ws, we) is not None


_WORD = re.compile(r"[a-z0-9]+")


class _Requirements:
    """The rules' required sets, numbered, and a quick reading of which a window meets.

    A literal made only of ``[a-z0-9]`` lies inside one run of such characters wherever it
    occurs, so the sets it meets are known from the window's runs alone: each distinct run
    is looked up once (``_run_meets``, cached across articles). A set with other literals
    (spaces, punctuation: " ago", "a couple of") is searched for in the text, unless each
    of its literals holds a run of letters or digits (its *piece*) and no run of the window
    contains any of these pieces: then none of the literals can occur.
    """

    def __init__(self, rule_list) -> None:
        numbered: dict[frozenset, int] = {}
        for rule in rule_list:
            for words in rule.requires:
                numbered.setdefault(words, len(numbered))
        keys: dict[str, set[int]] = {}  # word literal or piece -> the numbers it stands for
        self.other = []
        for words, i in numbered.items():
            for w in words:
                if _WORD.fullmatch(w):
                    keys.setdefault(w, set()).add(i)
            if all(_WORD.fullmatch(w) for w in words):
                continue
            pieces = [max(_WORD.findall(w), key=len, default="") for w in words]
            piece_id = -1 - i  # the set's pieces get a number of their own
            if all(pieces):
                for piece in pieces:
                    keys.setdefault(piece, set()).add(piece_id)
            self.other.append((i, words, piece_id if all(pieces) else None))
        self.keys = tuple(sorted(keys))
        self.numbers = {k: frozenset(v) for k, v in keys.items()}
        self.required = tuple(frozenset(numbered[w] for w in rule.requires) for rule in rule_list)
        self.run_meets = lru_cache(maxsize=100_000)(self._run_meets)

    def _run_meets(self, run: str) -> frozenset:
        found: set[int] = set()
        for k in self.keys:
            if k in run:
                found |= self.numbers[k]
        return frozenset(found)

    def met(self, folded: str, ws: int, we: int) -> set[int]:
        """Numbers of the sets one of whose words occurs in ``folded[ws:we]``."""
        found: set[int] = set()
        for run in set(_WORD.findall(folded, ws, we)):
            found |= self.run_meets(run)
        for i, words, piece_id in self.other:
            if i in found or (piece_id is not None and piece_id not in found):
                continue
            if _has_any(words, folded, ws, we):
                found.add(i)
        return found


@lru_cache(maxsize=1)
def _requirements() -> _Requirements:
    return _Requirements(rules())


WINDOW_MARGIN = 60  # characters of context kept on each side of a trigger word
WINDOW_JOIN = 0  # windows closer than this are scanned as one (fewer regex calls)


_CASED = re.compile(r"\(\?-i:([^()]*)\)")  # a case-sensitive group of the trigger pattern


@lru_cache(maxsize=1)
def _triggers() -> tuple[re.Pattern, re.Pattern | None]:
    """The trigger pattern as two: its case-insensitive part, lower-cased, for the folded
    text (``fold``: same length, same word characters; a case-blind regex over the original
    is three to four times slower), and its case-sensitive groups ("May", "March") for the
    original text."""
    body = repatterns()["reTrigger"]
    if re.search(r"\\[A-Z]", body):
        raise ValueError("reTrigger: an upper-case escape would change meaning when lower-cased")
    cased = _CASED.findall(body)
    blind = re.compile(r"(?<![\w'])" + _CASED.sub("(?!)", body).lower() + r"(?!\w)")
    exact = re.compile(r"(?<![\w'])(?:" + "|".join(cased) + r")(?!\w)") if cased else None
    return blind, exact


def windows(text: str, folded: str | None = None) -> list[tuple[int, int]]:
    """Stretches of ``text`` around trigger words (every rule needs one), cut at whitespace.

    Running the rules on these instead of the whole text is what keeps tagging fast.
    ``folded`` is ``fold(text)`` when the caller has it.
    """
    blind, exact = _triggers()
    hits = [m.span() for m in blind.finditer(fold(text) if folded is None else folded)]
    if exact is not None:
        hits = sorted(hits + [m.span() for m in exact.finditer(text)])
    spans: list[list[int]] = []
    n = len(text)
    for start, end in hits:
        s = max(0, start - WINDOW_MARGIN)
        e = min(n, end + WINDOW_MARGIN)
        if spans and s <= spans[-1][1] + WINDOW_JOIN:
            spans[-1][1] = max(spans[-1][1], e)
        else:
            spans.append([s, e])
    out = []
    for s, e in spans:
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        while e < n and not text[e].isspace():
            e += 1
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def match_rules(text: str) -> list[Candidate]:
    """All rule matches in ``text``, overlaps resolved (longest first, then rule order)."""
    cands: list[Candidate] = []
    folded = fold(text)
    for ws, we in windows(text, folded):
        _match_window(text, ws, we, cands, folded)
    return _select(cands)


@lru_cache(maxsize=None)
def _need_pattern(name: str) -> re.Pattern:
    return re.compile(r"(?<![\w'])" + repatterns()[name] + r"(?!\w)", re.IGNORECASE)


def _match_window(text: str, ws: int, we: int, cands: list[Candidate], folded: str | None = None) -> None:
    """Matches of every rule in ``text[ws:we]``; with ``folded`` (``fold(text)``), rules whose
    required words are absent from the window are skipped (same matches, less work)."""
    present: dict[str, bool] = {}
    reqs = _requirements() if folded is not None else None
    met = reqs.met(folded, ws, we) if reqs is not None else None
    for rule in rules():
        if met is not None and not reqs.required[rule.priority] <= met:
            continue
        skip = False
        for name in rule.needs:
            if name not in present:
                present[name] = _need_pattern(name).search(text, ws, we) is not None
            skip = skip or not present[name]
        if skip:
            continue
        for m in rule.pattern.finditer(text, ws, we):
            if "t" in m.re.groupindex and m.group("t") is not None:
                s, e = m.span("t")
            else:
                s, e = m.span()
            if e <= s:
                continue
            if "reject" in rule.flags:
                cands.append(Candidate(s, e, rule, "", ""))
                continue
            cands.append(Candidate(s, e, rule, fill(rule.value, m), fill(rule.mod, m) if rule.mod else ""))


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Longest first, then rule order; a candidate overlapping one already taken is dropped."""
    cands.sort(key=lambda c: (-(c.end - c.start), c.rule.priority, c.start))
    taken: list[Candidate] = []
    occupied: dict[int, bool] = {}  # character offsets already covered (linear in matched text)
    for c in cands:
        if any(i in occupied for i in range(c.start, c.end)):
            continue
        for i in range(c.start, c.end):
            occupied[i] = True
        taken.append(c)
    taken = [c for c in taken if "reject" not in c.rule.flags]
    taken.sort(key=lambda c: c.start)
    return taken
