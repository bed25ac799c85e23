"""The events layer's data files (``events/data/``), loaded once, lazily.

Every file opens with a FORMAT comment; lines starting with ``#`` and blank
lines are skipped. Nothing here is specific to one story.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..entities.lexicon import nominal_heads
from ..resources import data_rows


def _rows(name: str) -> list[list[str]]:
    return data_rows("storyline.events", name, strip=True)


@dataclass(frozen=True)
class TriggerRule:
    lemma: str
    pos: str  # VERB | NOUN | *
    label: str  # event type or stance
    particle: str = ""  # a particle child ("out"), "^word" a governing word, "@TYPE" a subject kind
    sign: int = 1

    @property
    def governor(self) -> str:
        """The word that must govern the trigger ("open" of "^open"), or ""."""
        return self.particle[1:] if self.particle.startswith("^") else ""

    @property
    def subject_kind(self) -> str:
        """The type its subject must have ("PRODUCT" of "@PRODUCT"), or ""."""
        return self.particle[1:] if self.particle.startswith("@") else ""


def _rule_table(rows: list[list[str]], with_sign: bool) -> dict[str, tuple[TriggerRule, ...]]:
    table: dict[str, list[TriggerRule]] = {}
    for row in rows:
        if with_sign:
            lemma, pos, label, sign = row[:4]
            particle = row[4] if len(row) > 4 else ""
            rule = TriggerRule(lemma, pos, label, particle, int(sign))
        else:
            lemma, pos, label = row[:3]
            rule = TriggerRule(lemma, pos, label, row[3] if len(row) > 3 else "")
        table.setdefault(lemma, []).append(rule)
    # rules with a particle are tried first
    return {k: tuple(sorted(v, key=lambda r: r.particle == "")) for k, v in table.items()}


@lru_cache(maxsize=1)
def triggers() -> dict[str, tuple[TriggerRule, ...]]:
    return _rule_table(_rows("triggers.tsv"), with_sign=False)


@lru_cache(maxsize=1)
def stances() -> dict[str, tuple[TriggerRule, ...]]:
    return _rule_table(_rows("positions.tsv"), with_sign=True)


@lru_cache(maxsize=1)
def stance_families() -> dict[str, str]:
    """stance -> family (``stance_families.tsv``): only positions of one family are compared."""
    return {stance: family for stance, family in (r[:2] for r in _rows("stance_families.tsv"))}


@lru_cache(maxsize=1)
def reversing_words() -> frozenset[str]:
    """Verbs and nouns of acts that stand against what they act on (``reversing_words.txt``)."""
    return frozenset(r[0].lower() for r in _rows("reversing_words.txt"))


@lru_cache(maxsize=1)
def modality_cues() -> dict[str, dict[str, str]]:
    """kind -> cue -> modality."""
    out: dict[str, dict[str, str]] = {}
    for cue, kind, modality in (r[:3] for r in _rows("modality.tsv")):
        out.setdefault(kind, {})[cue] = modality
    return out


def _words(name: str) -> frozenset[str]:
    return frozenset(r[0].lower() for r in _rows(name))


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return _words("light_verbs.txt")


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    return _words("reporting.txt")


@lru_cache(maxsize=1)
def non_actions() -> frozenset[str]:
    return _words("non_actions.txt")


@lru_cache(maxsize=1)
def shift_adverbs() -> frozenset[str]:
    return _words("shift_adverbs.txt")


@lru_cache(maxsize=1)
def event_nouns() -> tuple[frozenset[str], tuple[str, ...]]:
    """(event noun lemmas, deverbal suffixes)."""
    words = _words("event_nouns.txt")
    return (frozenset(w for w in words if not w.startswith("-")),
            tuple(sorted((w[1:] for w in words if w.startswith("-")), key=len, reverse=True)))


@lru_cache(maxsize=1)
def word_families() -> dict[str, str]:
    """lemma -> family name (``data/word_families.tsv``)."""
    out: dict[str, str] = {}
    for row in _rows("word_families.tsv"):
        for lemma in row[1].split():
            out[lemma.lower()] = row[0]
    return out


_RULE_POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN"}  # spaCy POS -> a rule's
RULE_POS = frozenset(_RULE_POS)  # the parts of speech a rule can fit


def family_verb_rule(table: dict[str, tuple[TriggerRule, ...]], lemma: str) -> TriggerRule | None:
    """For an event noun with no rule of its own ("seizure"), the rule of the verb of its
    derivational family ("seize", ``data/word_families.tsv``) that needs no particle."""
    family = word_families().get(lemma)
    if not family or family == lemma:
        return None
    return next((r for r in table.get(family, ()) if r.pos in ("VERB", "*") and not r.particle), None)


def match_rule(table: dict[str, tuple[TriggerRule, ...]], token) -> TriggerRule | None:
    """The rule of ``table`` that fits a spaCy token (lemma, POS, particle)."""
    pos = _RULE_POS.get(token.pos_)
    if pos is None:  # every rule names a part of speech ("*" = verb or noun)
        return None
    rules = table.get(token.lemma_.lower()) or table.get(token.text.lower())
    if not rules:
        return None
    particles = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "advmod")}
    for rule in rules:
        if rule.pos != "*" and rule.pos != pos:
            continue
        if rule.governor:  # the word that governs the trigger ("open fire")
            if token.head is token or token.head.lemma_.lower() != rule.governor:
                continue
        elif rule.subject_kind:  # the kind of thing its subject is ("the ferry sank")
            if not _subject_is(token, rule.subject_kind):
                continue
        elif rule.particle and rule.particle not in particles:
            continue
        return rule
    return None


def _subject_is(token, kind: str) -> bool:
    """The trigger's subject is a name of type ``kind`` (spaCy-style) or a noun that the
    entities layer types so (``entities/data/nominal_heads.tsv``: "the ferry" is a PRODUCT)."""
    subj = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    return subj.ent_type_ == kind or nominal_heads().get(subj.lemma_.lower()) == kind


@lru_cache(maxsize=1)
def hazard_types() -> frozenset[str]:
    """The categories of happenings nobody acts out (DISASTER, ACCIDENT): the noun categories
    of ``data/subject_events.txt``. Their places and named parties say where and whose, and in
    one story's reports one lemma of them is one happening (``coref``)."""
    return frozenset(subject_event_types())


@lru_cache(maxsize=1)
def subject_event_types() -> dict[str, frozenset[str]]:
    """Noun category -> the verb categories it takes over as their subject ("the quake struck
    the city", "a blast killed two": no assault; ``data/subject_events.txt``)."""
    return {r[0].upper(): frozenset(v.strip().upper() for v in r[1].split(",")) for r in _rows("subject_events.txt")}


@lru_cache(maxsize=1)
def distinct_noun_types() -> frozenset[str]:
    """Categories whose different event nouns name different happenings even inside one
    article ("the earthquake" and "the tsunami"; ``data/distinct_noun_types.txt``)."""
    return frozenset(r[0].upper() for r in _rows("distinct_noun_types.txt"))


@lru_cache(maxsize=1)
def lasting_events() -> frozenset[str]:
    """Lemmas of happenings that last (``data/lasting_events.txt``): days told of their phases
    do not keep their mentions apart."""
    return _words("lasting_events.txt")


@lru_cache(maxsize=1)
def unannounced_types() -> frozenset[str]:
    """Event categories nobody schedules (``data/unannounced_types.txt``): forecast or feared,
    never announced."""
    return frozenset(r[0].upper() for r in _rows("unannounced_types.txt"))
