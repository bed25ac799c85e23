"""Tense of the clause that governs a time expression.

With a spaCy doc: climb the dependency tree from the expression to its verb
and read the verb's tag and auxiliaries. Without one (text-only runs): look
for cue words in the sentence. Word lists live in ``data/tense.tsv``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

PAST, PRESENT, FUTURE = "past", "present", "future"


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset]:
    text = resources.files("storyline.temporal").joinpath("data", "tense.tsv").read_text(encoding="utf-8")
    out: dict[str, set] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, word = line.split("\t")[:2]
        out.setdefault(kind, set()).add(word.lower())
    return {k: frozenset(v) for k, v in out.items()}


_VOWELS = "aeiou"


def inflections(lemma: str) -> frozenset:
    """Regular English forms of a verb: hope -> hope, hopes, hoped, hoping; plan -> planned, planning.

    Irregular forms are listed in the data file under the same kind.
    """
    w = lemma.lower()
    forms = {w}
    consonant_y = w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS
    forms.add(w + "es" if w.endswith(("s", "sh", "ch", "x", "z", "o")) else w[:-1] + "ies" if consonant_y
              else w + "s")
    if w.endswith("e"):
        forms |= {w + "d", (w[:-1] if not w.endswith("ee") else w) + "ing"}
    elif consonant_y:
        forms |= {w[:-1] + "ied", w + "ing"}
    else:
        forms |= {w + "ed", w + "ing"}
        if len(w) >= 3 and w[-1] not in _VOWELS + "wxy" and w[-2] in _VOWELS and w[-3] not in _VOWELS:
            # a stressed consonant-vowel-consonant ending doubles: planned, setting
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return frozenset(forms)


@lru_cache(maxsize=None)
def _forms(kind: str) -> frozenset:
    """Every form of the verbs of list ``kind`` (the lemmatizer is not trusted: 'hoped' -> 'hop')."""
    out: set = set()
    for lemma in _lists().get(kind, ()):
        out |= inflections(lemma) if " " not in lemma else {lemma}
    return frozenset(out)


def is_kind(token, kind: str) -> bool:
    """Whether a spaCy token is (a form of) a verb of list ``kind``; a phrasal verb is another
    verb ("set up an appeal", "went on to win" are neither "set" nor "go"), listed with its
    particle when it belongs ("put off" the vote until Monday is "postpone")."""
    forms = _forms(kind)
    lemma = token.lemma_.lower()
    if any(c.dep_ == "advmod" and f"{lemma} {c.lower_}" in forms for c in token.children):
        return True  # the parser reads some particles as adverbs: "pushed back the vote"
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    if particles:
        return any(f"{lemma} {p}" in forms for p in particles)
    return token.lower_ in forms or lemma in forms


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[re.Pattern, re.Pattern]:
    lists = _lists()

    def alt(words):
        return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                          + r")(?!\w)", re.I)
    # "hoped to", "plans to", "aiming to": a future verb with its to-infinitive
    infinitive = {f + " to" for f in _forms("future_verb")}
    return alt(lists["future_cue"] | infinitive), alt(lists["past_cue"])


@lru_cache(maxsize=1)
def _deadline_pattern() -> re.Pattern:
    words = sorted(_lists()["deadline_prep"], key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in words) + r")\s+$", re.I)


@lru_cache(maxsize=1)
def _since_pattern() -> re.Pattern:
    words = sorted(_lists()["since_prep"], key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in words) + r")\s+$", re.I)


@lru_cache(maxsize=1)
def _effect_pattern() -> tuple[re.Pattern, re.Pattern]:
    lists = _lists()

    def alt(words):
        return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
    effect = re.compile(r"(?<![\w'])" + alt(lists["effect_prep"]) + r"\s+$", re.I)
    copula = re.compile(r"(?<![\w'])" + alt(lists["past_copula"]) + r"\s+$", re.I)
    return effect, copula


def _takes_effect(text: str, start: int) -> bool:
    """ "effective Feb. 1" right before the expression, not after "became"/"was"."""
    effect, copula = _effect_pattern()
    m = effect.search(text, max(0, start - 24), start)
    return m is not None and not copula.search(text, max(0, m.start() - 16), m.start())


_POSSESSIVE = re.compile(r"['\u2019]s\b")


@lru_cache(maxsize=1)
def _weekday_at_end() -> re.Pattern:
    from .rules import repatterns  # the weekday names of the rule files
    return re.compile(r"(?<![\w'])" + repatterns()["reWeekday"] + r"$", re.I)


def orient(text: str, start: int, tense: str, perfect: bool = False, end: int = -1,
           agent: bool = False) -> str:
    """The tense with the preposition before the expression taken into account: deadlines ("by
    Friday", "until the weekend") point ahead unless the clause is in the past ("had left by
    Friday") or the "by" names the doer of a passive (``agent``: "flattened by Tuesday's
    earthquake"); a present perfect (``perfect``: "has given them until Tuesday") reaches ahead
    too; a starting point ("since March") always lies behind; a possessive weekday ("Thursday's
    closing price", ``end`` the expression's end) in a present or tenseless clause lies behind."""
    window = max(0, start - 24)
    if _since_pattern().search(text, window, start):
        return PAST
    if _takes_effect(text, start):
        return FUTURE
    if (tense in ("", PRESENT) or perfect) and not agent and _deadline_pattern().search(text, window, start):
        return FUTURE
    if tense in ("", PRESENT) and end > start and _weekday_at_end().search(text, start, end) \
            and _POSSESSIVE.match(text, end):
        return PAST  # "a premium over Thursday's closing price": a day whose event is reported
    return tense


def _remote_perfect(verb) -> bool:
    """Past perfect or a modal perfect: "had been scheduled", "may have been responsible".

    The plan or possibility lies in the past, whatever was planned ("will have" is left out:
    the future perfect looks ahead)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not (any(a.lemma_.lower() == "have" for a in auxes)
            and (verb.tag_ == "VBN" or any(a.lower_ == "been" for a in auxes))):
        return False
    return any(a.lower_ == "had" or (a.tag_ == "MD" and a.lower_ not in _lists()["future_perfect_aux"])
               for a in auxes)


def _looks_back(verb) -> bool:
    """A remote perfect, or an adjective under one: "had been due to expire Friday"."""
    return _remote_perfect(verb) or (verb.dep_ == "acomp" and _remote_perfect(verb.head))


def verb_tense(verb, depth: int = 0) -> str:
    """Tense of a spaCy verb token from its tag and auxiliaries."""
    lists = _lists()
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if _looks_back(verb):
        return PAST
    if words & lists["future_aux"] or any(
            a.tag_ == "MD" and a.lemma_.lower() in lists["future_aux"] for a in auxes):  # he'd = he would
        return FUTURE
    if is_kind(verb, "plan_verb"):
        return FUTURE
    if "to" in words and "have" in words and verb.tag_ == "VBN":
        return PAST  # a perfect infinitive lies before what governs it: "expected to have died"
    if "to" in words and verb.dep_ in ("xcomp", "ccomp", "advcl") and is_kind(verb.head, "future_verb") \
            and not _looks_back(verb.head):
        return FUTURE
    if "to" in words and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        return verb_tense(verb.head, depth + 1) if depth < 4 else ""
    tags = [verb.tag_] + [a.tag_ for a in auxes]
    if "VBD" in tags:
        return PAST
    if any(a.lemma_.lower() == "have" for a in auxes) and (
            verb.tag_ == "VBN" or any(a.lower_ == "been" for a in auxes)):
        return PAST  # present perfect, also progressive: "have been searching since ..."
    if any(t in ("VBZ", "VBP") for t in tags):
        return PRESENT
    if verb.tag_ == "MD":
        return FUTURE if verb.lower_ in lists["future_aux"] else PRESENT
    return ""


def in_passive_agent(doc, start: int, end: int) -> bool:
    """The expression modifies the doer of a passive: "flattened by [Tuesday's] earthquake" (the
    doer is the earthquake; "signed by Wednesday", where the day is the object itself, is a
    deadline however the parser labels the "by")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span.root.dep_ not in ("poss", "compound", "nmod"):
        return False
    noun = span.root.head
    return noun.dep_ == "pobj" and noun.head.dep_ == "agent"


def governing_verb(doc, start: int, end: int):
    """The verb a time expression at ``start:end`` depends on (None when there is none)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def names_a_thing(doc, start: int, end: int) -> bool:
    """The time expression pre-modifies a noun ("the Nov. 8 election", "her Aug. 30 primary")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ in ("nmod", "npadvmod", "compound") and root.head.pos_ == "NOUN" and root.head.i >= span.end


def present_perfect(verb) -> bool:
    """ "has extended", "have given": a perfect with a present-tense *have* (not "had")."""
    if verb is None:
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(a.lemma_.lower() == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes) and verb.tag_ == "VBN"


def doc_tense(doc, start: int, end: int) -> str:
    tok = governing_verb(doc, start, end)
    if tok is None:
        return ""
    span = doc.char_span(start, end, alignment_mode="expand")
    if tok.tag_ == "VBD" and span.end <= tok.i and is_kind(tok, "plan_verb"):
        return PAST  # "On Friday, the government planned ...": when the planning happened
    t = verb_tense(tok)
    if not t and tok.dep_ in ("conj", "xcomp", "advcl", "ccomp", "relcl", "acl") and tok.head.i != tok.i:
        # a participle modifying a noun ("the plan rejected on Monday was ..."): a noun has no
        # tense, even one spelled like a verb of the lists ("plan", "schedule")
        t = verb_tense(tok.head) if tok.head.pos_ not in ("NOUN", "PROPN", "PRON") else ""
    if not t and tok.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        t = _nonfinite_tense(tok)
    return t


def _nonfinite_tense(tok) -> str:
    """A participle without auxiliaries ("with the third departing each Thursday from August 6")
    takes the tense of the nearest finite verb above it."""
    head = tok.head
    for _ in range(6):
        if head.i == tok.i:
            return ""
        if head.pos_ in ("VERB", "AUX"):
            t = verb_tense(head)
            if t:
                return t
        if head.head.i == head.i:
            return ""
        tok, head = head, head.head
    return ""


_ED = re.compile(r"(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bam )(?<!\bbeen )(?<!\bbeing )\b[a-z]{3,}ed\b")


def text_tense(sentence: str, start: int = -1, end: int = -1) -> str:
    """Tense from cue words, without a parser: the cue nearest the expression at
    ``start:end`` (offsets into ``sentence``) wins; without offsets, any future cue."""
    fut, past = _cue_patterns()
    cues = [(m.start(), m.end(), FUTURE) for m in fut.finditer(sentence)]
    cues += [(m.start(), m.end(), PAST) for m in past.finditer(sentence)]
    # -ed words, except passives and adjectives after a non-past "be" ("must be signed", "is closed")
    cues += [(m.start(), m.end(), PAST) for m in _ED.finditer(sentence)]
    cues = [c for c in cues if start < 0 or c[1] <= start or c[0] >= end]
    if not cues:
        return ""
    if start < 0:
        return FUTURE if any(c[2] == FUTURE for c in cues) else PAST

    def distance(c):
        return start - c[1] if c[1] <= start else c[0] - end + 0.5  # ties go to the left
    best = min(cues, key=distance)
    if best[2] == PAST and fut.search(sentence[max(0, best[0] - 16):best[0]]):
        return FUTURE  # "will be held", "would have ended": a participle under a future auxiliary
    return best[2]
