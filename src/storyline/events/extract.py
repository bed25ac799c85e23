"""Events and positions per article.

Public function: ``extract_events(doc, article, mentions, timexes, scope="typed")
-> (list[EventMention], list[Position])`` — pure, per article.

* Triggers: verbs and event nouns whose lemma (and particle) is listed in
  ``data/triggers.tsv``; with ``scope="all"`` every content verb and every event
  noun (``data/event_nouns.txt``) is a mention too, typed ``OTHER`` when no rule
  types it (used for event-mention detection on ECB+).
* Arguments from the dependency parse: agent (subject, passive ``by``, the
  subject of a light verb governing an event noun, a possessor, a compound
  name), patient (object, passive subject, ``with``/``between`` partners),
  location (a place after in/at/near/into, or a place compound), time.
* Time: the time expression of the trigger's clause; otherwise, for an event
  that happened, the article's publication date (precision "day") when known.
* Modality from ``data/modality.tsv`` cues (negation, modals, conditionals,
  governing verbs, modifiers).
* Positions: stance triggers of ``data/positions.tsv`` with their holder,
  topic (the complement) and polarity.
"""
from __future__ import annotations

import re

from ..nlp.docview import tokens_with_pos
from ..records import Argument, EventMention, Position
from ..records.entities import PLACE_TYPES
from ..temporal.stamp import article_day as stamp_article_day
from ..temporal.values import period_end
from .pairscore import argument_heads
from . import lexicon

SOURCE = "storyline.events.extract.v1"
POSITION_SOURCE = "storyline.events.positions.v1"
MODALITY_ORDER = ("negated", "hypothetical", "planned", "ongoing", "reported", "happened")
ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
SUBJ_DEPS = {"nsubj", "csubj"}
OBJ_DEPS = {"dobj", "nsubjpass", "attr", "obj"}
LOC_PREPS = {"in", "at", "near", "into", "inside", "outside", "across", "on"}
PARTNER_PREPS = {"with", "between", "among"}
OTHER = "OTHER"  # the type of an event mention no rule types (scope "all")
SIMULTANEOUS = {"as", "while", "when"}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_WEEK = re.compile(r"^\d{4}-W\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


def precision_of(value: str | None) -> str:
    """day | week | month | year | "" (underspecified or not a date)."""
    if not value:
        return ""
    for pattern, name in ((_DAY, "day"), (_WEEK, "week"), (_MONTH, "month"), (_YEAR, "year")):
        if pattern.match(value):
            return name
    return ""


# ---------------------------------------------------------------- triggers

def _is_event_noun(token) -> bool:
    words, suffixes = lexicon.event_nouns()
    lemma = token.lemma_.lower()
    if lemma in words:
        return True
    return len(lemma) > 5 and any(lemma.endswith(s) for s in suffixes)


TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ", "AUX"})


def _trigger_type(token, scope: str) -> str | None:
    if token.pos_ not in TRIGGER_POS:
        return None
    if token.ent_type_ and token.ent_type_ not in ("EVENT",) and token.pos_ == "PROPN":
        return None
    rule = lexicon.match_rule(lexicon.triggers(), token)
    if rule is None and token.pos_ == "NOUN":  # "the seizure of the ship": the verb's type
        rule = lexicon.family_verb_rule(lexicon.triggers(), token.lemma_.lower())
    if rule is not None and token.pos_ == "NOUN" and token.dep_ == "compound" and \
            _rule_label(token.head) != rule.label and \
            token.head.lemma_.lower() not in lexicon.modality_cues().get("governor", {}):
        rule = None  # a noun naming a kind of thing, not a happening: "death penalty", "tsunami warning"
        # (but "a ceasefire plan" plans a ceasefire: the head is a cue of what is planned or possible)
    if rule is not None and token.pos_ != "AUX":
        return _subject_event_type(token, rule.label) or rule.label
    if scope != "all":
        return None
    if token.pos_ == "VERB" and token.dep_ not in ("aux", "auxpass"):
        return OTHER
    if token.pos_ == "NOUN" and _is_event_noun(token):
        return OTHER
    return None


def _rule_label(token) -> str | None:
    rule = lexicon.match_rule(lexicon.triggers(), token)
    return rule.label if rule is not None else None


def _subject_event_type(verb, label: str) -> str | None:
    """The category of a typed verb's subject when that subject is itself an event noun of a
    category that takes over verbs of ``label``'s category (``data/subject_events.txt``: "the
    quake struck the city", "an explosion that killed two": the verb tells the hazard, it is
    no assault of its own); for a participle without a subject, the category of the happening
    its clause tells ("the ferry capsized, killing 30")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.tag_ == "WDT" and verb.dep_ == "relcl":
        subj = verb.head  # "an explosion that killed": the relative pronoun stands for its noun
    if subj is None and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp") and verb.head.pos_ == "VERB":
        # "the ferry capsized, killing 30": the participle tells what the happening of its clause did
        head_label = _rule_label(verb.head)
        head_label = head_label and (_subject_event_type(verb.head, head_label) or head_label)
        return head_label if label in lexicon.subject_event_types().get(head_label or "", ()) else None
    if subj is None or subj.pos_ != "NOUN":
        return None
    noun_label = _rule_label(subj)
    return noun_label if label in lexicon.subject_event_types().get(noun_label or "", ()) else None


# ---------------------------------------------------------------- arguments

def _mention_at(mentions, start: int, end: int) -> int | None:
    best = None
    for i, m in enumerate(mentions):
        if m.start <= start and end <= m.end:
            if best is None or (m.end - m.start) < (mentions[best].end - mentions[best].start):
                best = i
    return best


def _arg(role: str, token, mentions) -> Argument:
    """An argument headed by ``token``: the entity mention around it, or the
    token with its compound/adjective pre-modifiers."""
    idx = _mention_at(mentions, token.idx, token.idx + len(token.text))
    if idx is not None:
        m = mentions[idx]
        return Argument(role, m.start, m.end, m.text, mention=idx)
    left = token
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < left.i:
            left = child
    doc = token.doc
    span = doc[left.i: token.i + 1]
    return Argument(role, span.start_char, span.end_char, span.text, mention=None)


def _with_conjuncts(token):
    out = [token]
    out.extend(t for t in token.conjuncts if t.i > token.i)
    return out


def _verb_args(tok, mentions) -> list[Argument]:
    args = []
    for child in tok.children:
        dep = child.dep_
        if dep in SUBJ_DEPS:
            args += [_arg("agent", t, mentions) for t in _with_conjuncts(child)]
        elif dep in OBJ_DEPS:
            args += [_arg("patient", t, mentions) for t in _with_conjuncts(child)]
        elif dep == "agent":
            args += [_arg("agent", g, mentions) for g in child.children if g.dep_ == "pobj"]
        elif dep == "prep":
            args += _prep_args(child, mentions)
    # subject of a governing verb for xcomp triggers ("agreed to meet")
    if not any(a.role == "agent" for a in args):
        gov = _controller(tok)
        if gov is not None:
            args += [_arg("agent", c, mentions) for c in gov.children if c.dep_ in SUBJ_DEPS]
    return args


def _controller(tok):
    """The verb whose subject is the unexpressed subject of ``tok``: "agreed to *meet*"
    (xcomp), "signed and *left*" (conj), "spoke, *saying* ..." (a participle adjunct), "came to *unveil*" (purpose), "by
    *walking* out" (a gerund after a preposition); None when ``tok`` has its own."""
    head = tok.head
    if tok.dep_ in ("xcomp", "conj") and head.pos_ in ("VERB", "AUX"):
        return head
    infinitive = tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if tok.dep_ == "advcl" and (tok.tag_ in ("VBG", "VBN") or infinitive) and head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in tok.children):
        return head
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def _prep_args(prep, mentions) -> list[Argument]:
    out = []
    word = prep.lower_
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        targets = _with_conjuncts(obj)
        if word in PARTNER_PREPS:
            out += [_arg("patient", t, mentions) for t in targets]
        elif word in LOC_PREPS and (obj.ent_type_ in PLACE_TYPES or word in ("into", "inside")):
            out += [_arg("location", t, mentions) for t in targets]
    return out


def _noun_args(tok, mentions) -> list[Argument]:
    args = []
    for child in tok.children:
        dep = child.dep_
        if dep == "poss":
            args += [_arg("agent", t, mentions) for t in _with_conjuncts(child)]
        elif dep in ("compound", "nmod", "amod") and child.ent_type_ in ACTOR_TYPES | PLACE_TYPES:
            role = "location" if child.ent_type_ in PLACE_TYPES and dep != "amod" else "agent"
            if child.ent_type_ in ("GPE", "NORP") and dep == "amod":
                role = "agent"
            args.append(_arg(role, child, mentions))
        elif dep == "prep":
            if child.lower_ == "between":
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    args += [_arg("agent", t, mentions) for t in _with_conjuncts(obj)]
            else:
                args += _prep_args(child, mentions)
    head = tok.head
    if tok.dep_ in ("dobj", "pobj", "attr") and head.i != tok.i:
        verb = head.head if tok.dep_ == "pobj" else head
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in lexicon.light_verbs():
            subjects = [_arg("agent", c, mentions) for s in verb.children if s.dep_ in SUBJ_DEPS
                        for c in _with_conjuncts(s)]
            agents = [a for a in args if a.role == "agent"]
            if subjects and agents and all(_is_possessive_pronoun(tok, a) for a in agents):
                # "Trump and Putin started their summit": the subject names who "their" is
                args = [a for a in args if a.role != "agent"]
            if not any(a.role == "agent" for a in args):
                args += subjects
            for prep in (c for c in verb.children if c.dep_ == "prep"):
                args += [a for a in _prep_args(prep, mentions) if a.role == "location"]
    return args


def _is_possessive_pronoun(tok, arg) -> bool:
    return any(c.dep_ == "poss" and c.pos_ == "PRON" and c.idx == arg.start for c in tok.children)


def _dedupe(args: list[Argument]) -> tuple[Argument, ...]:
    seen, out = set(), []
    for a in args:
        key = (a.role, a.start, a.end)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return tuple(out)


# ---------------------------------------------------------------- time

def _clause_head(token):
    """The nearest verb at or above ``token`` (the token itself if a verb)."""
    t = token
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


_BOUNDING = frozenset({"before", "after", "until", "till", "prior", "by", "since", "following", "ahead"})


def _timex_for(tok, doc, timexes) -> int | None:
    """Index of the time expression of the trigger's clause, if any."""
    sent = tok.sent
    clause = _clause_head(tok)
    governing = tok.head if tok.pos_ in ("NOUN", "PROPN") else tok
    candidates = []
    for i, tx in enumerate(timexes):
        if tx.type not in ("DATE", "TIME") or not (sent.start_char <= tx.start < sent.end_char):
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.head.i == tok.i and (root.dep_ in ("dobj", "nsubjpass") or (
                span.end < len(doc) and doc[span.end].lower_ == "as" and doc[span.end].head.i == tok.i)):
            continue  # "declared January 2 as a day of mourning": the day is what was declared
        if root.dep_ == "pobj" and (root.head.lower_ in _BOUNDING or (
                root.head.head.lower_ in _BOUNDING and root.head.i == root.head.head.i + 1)):
            continue  # "a press conference prior to Election Day": a bound, not the event's day
        near = _noun_before_prep(root)
        if near is not None and near.i == tok.i:
            candidates.append((0, abs(root.i - tok.i), i))
            continue
        if near is not None and _dates_other_event(near, tok):
            continue  # "their encounter in February": the nearest event noun takes the date
        # walk from the timex up to its clause; accept it if it meets the trigger
        t, hops, nested = root, 0, False
        while t.head.i != t.i and hops < 6:
            t = t.head
            hops += 1
            if t.i == tok.i or (t.i == governing.i and not nested):
                candidates.append((0, abs(root.i - tok.i), i))
                break
            if t.i == governing.i:
                break  # "went off ... in contrast to their encounter in February": not the meeting's time
            nested = nested or (t.pos_ in ("NOUN", "PROPN") and not span.start <= t.i < span.end)
            if _dates_other_event(t, tok):
                break  # "their encounter in February" dates the encounter, not the meeting
            if t.pos_ in ("VERB", "AUX"):
                if t.i == clause.i and hops <= 2:
                    candidates.append((1, abs(root.i - tok.i), i))
                break
    return min(candidates)[2] if candidates else None


def _noun_before_prep(root):
    """The noun right before the preposition introducing a time expression
    ("encounter" in "their encounter in February"), whatever the parser
    attached the phrase to: the closest event noun is its likeliest anchor."""
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.i == 0 or prep.i > root.i:
        return None
    before = root.doc[prep.i - 1]
    return before if before.pos_ == "NOUN" else None


def _dates_other_event(t, tok) -> bool:
    """A time expression reaching an event noun other than the trigger is
    that event's time."""
    return t.i != tok.i and t.pos_ == "NOUN" and (
        _is_event_noun(t) or lexicon.match_rule(lexicon.triggers(), t) is not None)


_WEEKDAY = re.compile(r"^XXXX-WXX-([1-7])$")


def _nearest_weekday(timex, value, article_day, ahead: bool):
    """A bare weekday taken on the side of the article's day its event lies on: an announced
    event's (``ahead``) is the coming one when the tagger resolved it to a day before the
    article; a happening nobody schedules ("Tuesday's quake") is the latest such day not after
    the article when the tagger resolved it after (a future-in-the-past "would" in the clause)."""
    import datetime as dt

    m = _WEEKDAY.match(timex.underspecified or "")
    if not (m and article_day and value and _DAY.match(value)):
        return value
    if (value[:10] < article_day) if ahead else (value[:10] > article_day):
        base = dt.date.fromisoformat(article_day)
        if ahead:
            return (base + dt.timedelta(days=(int(m.group(1)) - base.isoweekday()) % 7 or 7)).isoformat()
        return (base - dt.timedelta(days=(base.isoweekday() - int(m.group(1))) % 7)).isoformat()
    return value


def _possessive_of(doc, timex, tok) -> bool:
    """The time expression is the possessive of the event noun ("Tuesday 's quake")."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.dep_ == "poss" and span.root.head.i == tok.i


# ---------------------------------------------------------------- modality

def _governors(tok, limit: int = 3):
    """Words governing the trigger through complement/prep/object links, each with whether an
    adverbial or relative clause with a subject of its own lies between ("... sending troops as he met
    with the president": the meeting is no possibility of the sending's, though a report of
    the sentence's speech verb)."""
    out, t, own = [], tok, False
    # "imposing sanctions or tariffs", "plans to meet and sign": as the first conjunct, when the
    # two are words of one form (not "plans to cut ..., and proposing new limits")
    while t.dep_ == "conj" and t.head.i != t.i and (t.tag_ == t.head.tag_ or t.pos_ == t.head.pos_ == "NOUN"):
        t = t.head
    for _ in range(limit):
        if t.head.i == t.i or t.dep_ not in ("xcomp", "ccomp", "pobj", "pcomp", "prep", "dobj", "advcl", "acl",
                                              "relcl"):
            break
        if t.dep_ == "acl" and t.tag_ == "VBN":
            break  # "... rebels in the north of Valdoria, invaded by the alliance": a participle
            # that describes a noun says what was done to it, whatever governs the noun
        # an adverbial or a relative clause with a subject of its own ("the spill which is sending
        # oil", under "set up an inquiry into the spill") is no plan of what governs it
        own = own or (t.dep_ in ("advcl", "relcl") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children))
        t = t.head
        if t.pos_ in ("VERB", "NOUN", "AUX", "ADJ"):
            out.append((t, own))
    return out


def _aux_or_neg(c, cues) -> str | None:
    """The modality an auxiliary ("will", "could") or a negation ("not", "no") child gives."""
    if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
        return cues.get("neg", {}).get(c.lower_, "negated")
    if c.dep_ in ("aux", "auxpass") and c.lower_ in cues.get("aux", {}):
        return cues["aux"][c.lower_]
    return None


def _modality(tok, time_value: str | None, article_day: str | None, depth: int = 0, etype: str = "") -> str:
    cues = lexicon.modality_cues()
    found = set()
    verb = tok if tok.pos_ in ("VERB", "AUX") else None
    if verb is None and tok.dep_ in ("dobj", "nsubjpass", "attr") and tok.head.pos_ in ("VERB", "AUX") \
            and tok.head.lemma_.lower() in lexicon.light_verbs():
        verb = tok.head
    heads = [tok] + ([verb] if verb is not None and verb.i != tok.i else [])
    for h in heads:
        for c in h.children:
            low = c.lower_
            if m := _aux_or_neg(c, cues):
                found.add(m)
            elif c.dep_ in ("cc", "preconj") and low in cues.get("neg_conj", {}) and c.i < h.i:
                found.add(cues["neg_conj"][low])  # "Nor will they sign", "neither confirm"
            elif c.dep_ == "mark" and low in cues.get("mark", {}):
                found.add(cues["mark"][low])
            elif c.dep_ in ("amod", "advmod") and c.lemma_.lower() in cues.get("modifier", {}):
                found.add(cues["modifier"][c.lemma_.lower()])
        if h.dep_ == "conj" and any(c.dep_ in ("cc", "preconj") and c.lower_ in cues.get("neg_conj", {})
                                    for c in h.head.children):
            found.add("negated")  # "neither confirm nor deny": the second conjunct too
        if h.dep_ == "conj" and h.pos_ in ("VERB", "AUX") and not any(
                c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in h.children):
            # "will sign the treaty and withdraw their troops": a conjunct sharing the first
            # verb's subject shares its auxiliaries and negation
            found.update(m for m in (_aux_or_neg(c, cues) for c in h.head.children) if m)
        if h.dep_ == "advcl":
            for c in h.children:
                if c.dep_ == "mark" and c.lower_ in cues.get("mark", {}):
                    found.add(cues["mark"][c.lower_])
        if h.pos_ in ("VERB", "AUX") and any(a.dep_ == "aux" and a.lower_ in ("will", "'ll")
                                              for a in h.children):
            # "unless a deal is reached, transit will be threatened": the consequence of a
            # condition is no more certain than the condition
            for c in h.children:
                if c.dep_ == "advcl" and any(
                        m.dep_ == "mark" and cues.get("mark", {}).get(m.lower_) == "hypothetical"
                        for m in c.children):
                    found.add("hypothetical")
        habitual = h.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ in cues.get("habitual", {})
                                             for c in h.head.children)
        for c in h.children:
            if c.dep_ in ("mark", "advmod") and c.lower_ in cues.get("when", {}) and h.tag_ in ("VBP", "VBZ") \
                    and not habitual:  # "Typically, he interrupts me when I ask": a habit
                found.add(cues["when"][c.lower_])
        if h.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in h.children):
            found.add("ongoing")
        if any(c.dep_ == "aux" and c.lower_ == "going" for c in h.children):
            found.add("planned")
    # a happening nobody schedules, named by a noun, is planned by no plan above it ("pledged to
    # contain the spill", "a plan paying for the spill": the spill is no plan); only by its own words
    unscheduled = verb is None and etype in lexicon.unannounced_types()
    governed = False
    for g, own_clause in _governors(verb or tok):
        lemma = g.lemma_.lower()
        if own_clause and cues.get("governor", {}).get(lemma) != "reported":
            continue
        if lemma in cues.get("denial", {}):  # "ruled out sending"; "did not rule out sending"
            denied = any(_aux_or_neg(c, cues) == "negated" for c in g.children)
            found.add("hypothetical" if denied else cues["denial"][lemma])
            break
        mod = cues.get("governor", {}).get(lemma)
        if mod == "planned" and unscheduled:
            continue
        if mod == "planned" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in g.children):
            mod = "hypothetical"  # "had been due to tour": a plan of the past, not one still on
        if mod and not governed:
            found.add(mod)
            if mod != "reported":
                if (verb or tok).dep_ in ("xcomp", "acl") and g.i == (verb or tok).head.i \
                        and any(_aux_or_neg(c, cues) == "negated" for c in g.children):
                    # "isn't planning to endorse", "did not agree to meet", "had no plans to meet"
                    found.add("negated")
                governed = True  # a denial above still decides: "declined to promise to publish"
    if not found and depth == 0 and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("pobj", "dobj") \
            and not unscheduled:
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        if gov.pos_ in ("VERB", "AUX") and gov.i != tok.i:
            inherited = _modality(gov, None, article_day, depth=1)
            if inherited in ("planned", "hypothetical", "negated"):
                found.add(inherited)
    if not found & {"planned", "hypothetical", "negated"} and time_value and article_day \
            and precision_of(time_value) == "day" and time_value[:10] > article_day:
        found.add("planned")
    for m in MODALITY_ORDER:
        if m in found:
            return m
    return "happened"


# ---------------------------------------------------------------- positions

def _stance_rule(tok):
    return lexicon.match_rule(lexicon.stances(), tok)


def _topic_span(tok):
    """The complement saying what the stance is about."""
    parts = []
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "dobj", "acl", "relcl") or (
                c.dep_ == "prep" and c.lower_ in ("on", "for", "to", "of", "about", "against", "that")
                and c.i > tok.i  # "on Tuesday rejected": a fronted phrase says when, not what
                and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)):
            parts.append(c)
    if tok.lemma_.lower() == "want" and not parts:
        parts = [c for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
    if not parts:
        return None
    start = min(p.left_edge.i for p in parts)
    end = max(p.right_edge.i for p in parts) + 1
    # an adverbial clause inside says when or why, not what about: "sending troops to join
    # any such effort | as he met with Ukraine's president"
    cut = [t.left_edge.i for p in parts for t in p.subtree if t.dep_ == "advcl" and t.left_edge.i > start
           and any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in t.children)]  # not "to join"
    if cut:
        end = min(end, min(cut))
    span = tok.doc[start:end]
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    return span


def _holder(tok, mentions):
    for c in tok.children:
        if c.dep_ in SUBJ_DEPS or c.dep_ == "poss":
            return _arg("agent", c, mentions)
    if tok.dep_ in ("dobj", "attr") and tok.head.lemma_.lower() in lexicon.light_verbs():
        for c in tok.head.children:
            if c.dep_ in SUBJ_DEPS:
                return _arg("agent", c, mentions)
    if tok.dep_ in ("xcomp", "conj") and tok.head.pos_ in ("VERB", "AUX"):
        for c in tok.head.children:
            if c.dep_ in SUBJ_DEPS:
                return _arg("agent", c, mentions)
    return None


def _negated(tok) -> bool:
    heads = [tok]
    if tok.dep_ in ("dobj", "xcomp") and tok.head.pos_ in ("VERB", "AUX"):
        heads.append(tok.head)
    return any(c.dep_ == "neg" for h in heads for c in h.children)


def _positions(doc, article, mentions, timexes, article_day) -> list[Position]:
    out = []
    for tok in tokens_with_pos(doc, lexicon.RULE_POS):  # no other token fits a stance rule
        rule = _stance_rule(tok)
        if rule is None:
            continue
        topic = _topic_span(tok)
        if topic is None:
            continue
        # "offer his assurances that ...": the noun carries the stance, not the light verb
        if tok.lemma_.lower() in lexicon.light_verbs() and any(
                _stance_rule(c) is not None for c in tok.children if c.dep_ == "dobj"):
            continue
        holder = _holder(tok, mentions)
        negated = _negated(tok)
        polarity = -1 if negated else 1
        topic_neg = any(t.dep_ == "neg" for t in topic)
        heads = [t for t in topic if t.pos_ in ("VERB", "NOUN") and not topic.start <= t.head.i < topic.end]
        if heads and heads[0].lemma_.lower() in lexicon.reversing_words():
            # "vowed to defy the decision": against the decision; "vowed to end the war" and
            # "demanded an end to the war" both against the war
            topic_neg = not topic_neg
        tx = _timex_for(tok, doc, timexes)
        date = timexes[tx].value if tx is not None else article_day
        conf = 0.7 if holder is not None else 0.4
        out.append(Position(
            article_id=article.id, start=tok.idx, end=tok.idx + len(tok.text), stance=rule.label,
            topic=topic.text, text=tok.sent.text.strip(),
            holder_text=holder.text if holder else "", holder_mention=holder.mention if holder else None,
            polarity=polarity * rule.sign * (-1 if topic_neg else 1), date=date, negated=negated,
            event_type=(_trigger_type(tok, "typed") or ""), modality=_modality(tok, None, article_day),
            topic_lemmas=tuple(sorted({t.lemma_.lower() for t in topic
                                       if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not t.is_stop})),
            source=POSITION_SOURCE, confidence=conf))
    return out


def _over_before(value: str | None, article_day: str | None) -> bool:
    """The time value names a period that ended before the article's day."""
    end = period_end(value) if value and article_day else None
    return end is not None and end.isoformat() < article_day[:10]


# ---------------------------------------------------------------- main

FOCUS_SENTENCES = 2  # how far back a day in focus dates a past event that names none


def _focus_timex(tok, timexes, article_day: str) -> int | None:
    """The time expression of the day the narrative is on: the last past calendar day named
    before the event, in its sentence or the two before ("Jobs unveiled the phone on Monday.
    He *demoed* video calls ..."): a past event told without a day of its own happened then,
    not on the day of the report. Its ``timex_index`` stays None: no time expression of its
    own dates it."""
    if any(c.dep_ in ("advmod", "npadvmod") and c.lower_ in lexicon.shift_adverbs() for c in tok.children):
        return None  # "later hired", "had earlier refused": another day than the one in focus
    sent = tok.sent  # back FOCUS_SENTENCES sentences from the event's (not a list of all, per event)
    for _ in range(FOCUS_SENTENCES):
        if sent.start == 0:
            break
        sent = tok.doc[sent.start - 1].sent
    lo = sent.start_char
    best = None
    for k, t in enumerate(timexes):
        if lo <= t.start and t.end <= tok.idx and t.type == "DATE" and _DAY.match(t.value or "") \
                and len(t.value) == 10 and t.value <= article_day and t.function != "CREATION_TIME":
            best = k
    return best


def event_from_token(tok, etype: str, article, mentions, timexes, sent_index: dict, article_day):
    doc = tok.doc
    args = _verb_args(tok, mentions) if tok.pos_ in ("VERB", "AUX") else _noun_args(tok, mentions)
    tx = _timex_for(tok, doc, timexes)
    if tx is None and tok.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in SIMULTANEOUS for c in tok.children):
        up = tok.head  # "on Monday (he) did not rule out sending troops as he met with": same time
        for _ in range(3):
            tx = _timex_for(up, doc, timexes)
            if tx is not None or up.head.i == up.i:
                break
            up = up.head
    value = timexes[tx].value if tx is not None else None
    if tx is not None and etype in lexicon.unannounced_types() and _possessive_of(doc, timexes[tx], tok):
        value = _nearest_weekday(timexes[tx], value, article_day, ahead=False)
    modality = _modality(tok, value, article_day, etype=etype)
    if modality == "planned" and _over_before(value, article_day):
        modality = "happened"  # "will describe her 2008 battle with the regulators": the battle is past
    precision = precision_of(value)
    if tx is not None and modality == "planned":
        value = _nearest_weekday(timexes[tx], value, article_day, ahead=True)
    if tx is None and article_day and modality in ("happened", "ongoing", "reported"):
        focus = _focus_timex(tok, timexes, article_day)
        value, precision = (timexes[focus].value if focus is not None else article_day), "day"
    elif tx is not None and not precision:
        precision = ""
    if tx is not None:
        args.append(Argument("time", timexes[tx].start, timexes[tx].end, timexes[tx].text))
    conf = 0.7 if etype != OTHER else 0.5
    return EventMention(
        article_id=article.id, start=tok.idx, end=tok.idx + len(tok.text), trigger=tok.text,
        lemma=tok.lemma_.lower(), type=etype, modality=modality, arguments=_dedupe(args),
        time_value=value, time_precision=precision, timex_index=tx,
        sentence=sent_index.get(tok.sent.start, -1), pos="VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN",
        heads=tuple(sorted(argument_heads(tok))), source=SOURCE, confidence=conf)


def is_action(event) -> bool:
    """An untyped event mention worth keeping for the timelines of the entities in it: an
    entity mention among its arguments, and a word for a happening (not a reporting verb:
    what was said is the quotes layer's; not a verb of state or thought, ``non_actions.txt``)."""
    lemma = event.lemma.lower()
    return (event.type == OTHER and event.trigger[:1].isalpha()
            and any(a.mention is not None for a in event.arguments)
            and lemma not in lexicon.reporting_verbs() and lemma not in lexicon.non_actions())


def extract_events(doc, article, mentions, timexes, scope: str = "typed"):
    """Event mentions and positions of one parsed article (pure)."""
    mentions = list(mentions or [])
    timexes = list(timexes or [])
    article_day = stamp_article_day(article, timexes)
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    events = []
    for tok in tokens_with_pos(doc, TRIGGER_POS):
        etype = _trigger_type(tok, scope)
        if etype is None:
            continue
        events.append(event_from_token(tok, etype, article, mentions, timexes, sent_index, article_day))
    positions = _positions(doc, article, mentions, timexes, article_day)
    return events, positions
