"""Attributions anchored on a reporting cue in the dependency parse (one pass over tokens).

For every verb whose lemma is a reporting expression (``data/cues.tsv``) we look for its
content among its dependents (a clause, an infinitive or an object, as the cue's frames
allow) and for its source (the subject, the passive agent, or the subject inherited from
the verb it hangs off: "..., adding that ..."). Prepositional attributions ("according to
officials, ...") come from ``data/source_phrases.tsv``. Quotation marks are handled
afterwards (:mod:`storyline.quotes.extract`); a cue found without any content is kept as a
*bare cue* so that a nearby quotation can become its content.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..entities.anaphora import relative_host
from ..nlp.docview import doc_text, line_breaks, tokens_with_lower, tokens_with_pos
from ..temporal.rules import tables as time_tables
from .lexicon import (CueEntry, adjective_cues, cues, function_words, noun_cues,
                      source_phrases, topic_prepositions)

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_FINITE = ("VBZ", "VBD", "VBP")
_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBG", "VBN", "VB"})
_CUE_POS = frozenset({"NOUN", "ADJ", "VERB", "AUX"})
# deps through which a verb without a subject shares the subject of its head
# ("are more likely to say": say -> likely -> are)
_INHERIT = {"conj", "advcl", "xcomp", "acl", "pcomp", "dep", "acomp"}
_WHEN = {"DATE", "TIME"}  # "spoke on Sunday" is not about Sunday
_NOUN_LINKS = ("compound", "appos", "punct", "amod", "flat", "nmod")


@dataclass
class Candidate:
    """A working attribution (mutable while the stage assembles it)."""

    cue: tuple[int, int]  # char offsets
    cue_token: int  # index of the cue's head token in the doc (-1 for bare quotes)
    cls: str
    parts: list[tuple[int, int]] = field(default_factory=list)  # content pieces (char offsets)
    source: tuple[int, int] | None = None
    source_head: int = -1  # token index of the source's head word
    frame: str = ""  # comp | inf | obj | invert | phrase | quote
    confidence: float = 0.7
    inherited: bool = False  # the source came from an earlier quotation of the same speaker
    negated: bool = False  # the cue is negated or refused ("did not say", "declined to say")


def _token_span(doc, first: int, last: int) -> tuple[int, int]:
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _trimmed(doc, tokens: list[int], phrase: bool = False) -> tuple[int, int] | None:
    """Char span from the first to the last token, without leading/trailing punctuation
    (quotation marks are kept; for a ``phrase``, a source's noun phrase, only in pairs)."""
    if not tokens:
        return None
    lo, hi = min(tokens), max(tokens)
    while lo <= hi and (doc[lo].is_punct and not doc[lo].is_quote or doc[lo].is_space
                        or doc[lo].lower_ in ("and", "but")):
        lo += 1
    while hi >= lo and (doc[hi].is_punct and not doc[hi].is_quote or doc[hi].is_space):
        if phrase and doc[hi].text == ")" and any(doc[i].text == "(" for i in range(lo, hi)):
            break  # "Coast Alert (CA)": a bracket closing one opened in the phrase stays
        hi -= 1
    # a mark at an edge with no partner inside is the neighbouring quotation's ("...,” an
    # intelligence source told"), not part of the phrase
    while phrase and lo <= hi and (doc[lo].is_quote or doc[hi].is_quote) \
            and sum(doc[i].is_quote for i in range(lo, hi + 1)) % 2:
        if doc[lo].is_quote:
            lo += 1
        else:
            hi -= 1
    if hi < lo:
        return None
    return _token_span(doc, lo, hi)


def _subtree_ids(tok, exclude=()) -> list[int]:
    skip = set()
    for ex in exclude:
        skip.update(t.i for t in ex.subtree)
    return [t.i for t in tok.subtree if t.i not in skip]


def _contiguous_from_head(tok, ids: list[int]) -> list[int]:
    """Keep the run of ``ids`` around ``tok`` with no gap."""
    have = set(ids)
    lo = hi = tok.i
    while lo - 1 in have:
        lo -= 1
    while hi + 1 in have:
        hi += 1
    return list(range(lo, hi + 1))


def source_span(doc, subj) -> tuple[int, int] | None:
    """The noun phrase of a source: the subject's subtree without relative clauses or
    punctuation at its edges, within the subject's sentence and paragraph."""
    # clauses anywhere in the phrase: "Roy Cooper, McCrory's opponent, | called Friday for ..."
    cut = [c for c in subj.subtree if c.dep_ in ("relcl", "acl", "advcl") and c.i != subj.i]
    ids = _same_block(subj, _subtree_ids(subj, cut))
    # a quotation the parse hung on the name ('Said Comey, “The thought ...”') ends the phrase
    opening = [i for i in ids if i > subj.i and subj.doc[i].tag_ == "``"]
    if opening:
        ids = [i for i in ids if i < opening[0]]
    # and the close of a quotation opened before the phrase begins it ('“... frankly the
    # minister,” Dorsey said'; not 'his "Keepin' It Real" program')
    marks = [i for i in ids if i < subj.i and subj.doc[i].tag_ in ("``", "''")
             and subj.doc[i].text != "’"]  # a right single mark is mostly an apostrophe: "Sanders’ campaign"
    if marks and subj.doc[marks[0]].tag_ == "''":
        ids = [i for i in ids if i > marks[0]]
    # a wire dateline the parse hung on the name ("SKAGEN, Denmark (Nordic Wire) - Shipping group
    # Maersk said") ends at the dash after the agency's bracket
    dash = [i for i in ids if 0 < i < subj.i and subj.doc[i].text in _DASHES
            and subj.doc[i - 1].text in (")", "-RRB-")]
    if dash:
        ids = [i for i in ids if i > dash[-1]]
    ids = _contiguous_from_head(subj, ids)
    return _trimmed(doc, ids, phrase=True)


def _same_block(tok, ids: list[int], sentence: bool = True) -> list[int]:
    """Keep the tokens in ``tok``'s paragraph (a parse may join a headline to the next
    paragraph) and, with ``sentence``, in its sentence: between the line breaks (tokens of
    their own) on either side of ``tok``."""
    doc = tok.doc
    breaks = line_breaks(doc)
    k = bisect.bisect_left(breaks, tok.i)
    lo = breaks[k - 1] + 1 if k > 0 else 0
    k = bisect.bisect_right(breaks, tok.i)
    hi = breaks[k] if k < len(breaks) else len(doc)
    if sentence:
        sent = tok.sent
        lo, hi = max(lo, sent.start), min(hi, sent.end)
    return [i for i in ids if lo <= i < hi]


def _find_source(tok, depth: int = 0, via: str = ""):
    """The subject (or passive agent) of a cue verb, inherited through conjunctions and
    adverbial participles when the verb has none of its own; the noun a participle or
    relative clause modifies ("a group backing Bush"); the raised subject of a passive
    ("the Times is expected to endorse")."""
    agent = None
    for c in tok.children:
        if c.dep_ == "nsubj" and c.tag_ in _FINITE:
            # a finite verb read as the subject: two verbs of one subject without a conjunction,
            # as headlines write them ("Apple releases kit, announces update"); its subject speaks
            inner = next((g for g in c.children if g.dep_ == "nsubj"), None)
            if inner is not None:
                return inner
        if c.dep_ in ("nsubj", "csubj"):
            return c
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            agent = objs[0] if objs else None
    if agent is not None:
        return agent
    passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if passive:
        # "X is expected to endorse": X endorses; "X was asked": the asker is not named
        return passive[0] if via == "xcomp" else None
    if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN") and depth == 0:
        # a passive participle's noun is what is said or named, not who says it: "an island
        # called Hispaniola", "thousands feared dead" (a noun opened by a relative pronoun is
        # a misread clause's subject: "which the chief executive called ...")
        return None if _passive_modifier(tok) else tok.head
    if depth < 3 and tok.dep_ in _INHERIT and tok.head.i != tok.i:
        head = tok.head
        if tok.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head  # "after announcing ...": the verb the preposition modifies
        return _find_source(head, depth + 1, tok.dep_)
    return None


def _passive_modifier(tok) -> bool:
    """A past participle modifying a common noun: "an island called Hispaniola", "a box labeled
    ...". Not what reads as a misparsed finite verb: after a name ("Lind called the plan a
    ..."), after a noun with a possessor ("the senator's campaign called the report ...") or a
    relative pronoun ("which the chief executive called"), or with a that-clause ("two
    analysts found that ..."). A form the tagger took for a past tense still names when its
    only complement is the name given ("smaller quakes called aftershocks": an object
    predicate and no object)."""
    head = tok.head
    kids = {c.dep_ for c in tok.children}
    naming = tok.tag_ == "VBN" or (tok.tag_ == "VBD" and "oprd" in kids and "dobj" not in kids)
    return tok.dep_ == "acl" and naming and head.pos_ == "NOUN" \
        and not any(c.tag_ in ("WDT", "WP") or c.dep_ == "poss" for c in head.children) \
        and not any(c.dep_ == "ccomp" for c in tok.children)


def _lemmas(tok) -> tuple[str, ...]:
    """The parser's lemma, and the -e form of a stem it may have cut ("hoping" -> "hope")."""
    lem = tok.lemma_.lower()
    low = tok.lower_
    for suffix in ("ing", "ed"):
        if low.endswith(suffix) and lem == low[: -len(suffix)]:
            return lem, lem + "e"
    return (lem,)


def _entry_for(tok) -> CueEntry | None:
    table = cues()
    entries = next((table[lem] for lem in _lemmas(tok) if lem in table), None)
    if not entries:
        return None
    doc = tok.doc
    for e in entries:
        if not e.particle:
            return e
        words = e.particle.split()
        nxt = [doc[j].lower_ for j in range(tok.i + 1, min(len(doc), tok.i + 4))]
        kids = {c.lower_ for c in tok.children}
        if words[0] in kids or words[0] in nxt:
            return e
    return None


def _particle_end(tok, entry: CueEntry) -> int:
    if not entry.particle:
        return tok.i
    doc = tok.doc
    word = entry.particle.split()[-1]
    for j in range(tok.i + 1, min(len(doc), tok.i + 4)):
        if doc[j].lower_ == word:
            return j
    return tok.i


def _content_of(tok, entry: CueEntry, particle_end: int):
    """(frame, token ids) of the cue's content, or (None, [])."""
    kids = list(tok.children)
    if "comp" in entry.frames:
        comps = [c for c in kids if c.dep_ == "ccomp"]
        if not comps:
            # "made clear that ...": the clause may hang off the particle
            comps = [c for c in tok.doc[tok.i + 1: particle_end + 1] for c in c.children
                     if c.dep_ == "ccomp"]
        comps = [c for c in comps if not _trailing_report(c, comps)]
        if comps:
            ids = [i for c in comps for i in _subtree_ids(c)]
            return "comp", ids
    if entry.particle:
        # "call for X", "point out X": the object of the particle
        last = tok.doc[particle_end]
        objs = [c for c in last.children if c.dep_ in ("pobj", "dobj")]
        if objs:
            return "obj", _subtree_ids(objs[0])
        if last.dep_ == "mark" and last.head.i > last.i:
            # "called for the troops to leave": the preposition marks a clause
            return "obj", [i for i in _subtree_ids(last.head) if i > last.i]
    if "prep" in entry.frames:
        for c in kids:
            if c.dep_ == "prep" and c.i > tok.i and c.lower_ in (entry.preps or topic_prepositions()):
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")
                        and g.ent_type_ not in _WHEN]
                if objs:
                    return "prep", _subtree_ids(objs[0])
    if "inf" in entry.frames:
        for c in kids:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                ids = _subtree_ids(c)
                # "urged Congress to act": include the object that is the infinitive's subject
                objs = [d for d in kids if d.dep_ == "dobj" and d.i < c.i]
                for d in objs:
                    ids += _subtree_ids(d)
                return "inf", ids
    if "obj" in entry.frames:
        for c in kids:
            if c.dep_ == "dobj" and c.lower_ not in function_words("object_pronoun") \
                    and c.ent_type_ not in _WHEN:  # "called Friday for ...": a day is no content
                extra = [d for d in kids if d.dep_ in ("oprd", "prep") and d.i > c.i
                         and entry.lemma in ("call", "describe", "criticize", "criticise",
                                             "blame", "praise", "accuse", "condemn",
                                             "denounce", "dismiss")]
                ids = _subtree_ids(c)
                for d in extra:
                    ids += _subtree_ids(d)
                return "obj", ids
        for c in kids:
            # "calling Trump a fascist" parsed as a nominal small clause
            if c.i > tok.i and c.dep_ in ("xcomp", "oprd") and c.pos_ in ("NOUN", "PROPN") \
                    and c.ent_type_ not in _WHEN:
                return "obj", _subtree_ids(c)
    return None, []


def _trailing_report(comp, comps) -> bool:
    """'X said that ..., the agency reported.': a reporting clause closing the sentence after a
    comma, parsed as a second complement of the first cue, is the source of the whole sentence
    and not part of what X said."""
    doc = comp.doc
    edge = comp.left_edge.i
    return (comp is comps[-1] and len(comps) > 1 and edge > 0
            and "," in (doc[edge].text, doc[edge - 1].text)
            and not any(c.dep_ == "ccomp" for c in comp.children)
            and any(c.dep_ in _SUBJ for c in comp.children) and _entry_for(comp) is not None)


def _inverted_content(tok) -> list[int]:
    """"The talks failed, officials said.": the cue hangs off the reported clause."""
    if tok.dep_ not in ("parataxis", "ccomp", "advcl", "conj") or tok.head.i >= tok.i:
        return []
    head = tok.head
    if not any(c.dep_ in _SUBJ for c in tok.children):
        return []
    if any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
        # a verb with an infinitive or a clause of its own reports nothing back: "The plumbing
        # did not close the well, and oil continues to leak"
        return []
    between = tok.doc[head.i:tok.i]
    if not any(t.text == "," for t in between):
        return []
    mine = {t.i for t in tok.subtree}
    return _same_block(tok, [t.i for t in head.subtree if t.i not in mine and t.i < tok.left_edge.i])


def negated_cue(tok) -> bool:
    """The speech act did not happen: the cue has a negation ("did not say", "never
    said", "won't say"), is the infinitive of a refusal verb, or is a refusal verb whose
    infinitive is a speech act ("declined to say": either word may be the cue)."""
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    refusal = function_words("refusal")
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in refusal:
        return True
    return tok.lemma_.lower() in refusal and any(
        c.dep_ == "xcomp" and getattr(_entry_for(c), "cls", "") == "speech" for c in tok.children)


def _modifier(tok) -> bool:
    """A verb form inside a compound modifier ("so-called", "much-discussed")."""
    doc = tok.doc
    return tok.dep_ in ("amod", "compound") or (tok.i > 0 and doc[tok.i - 1].text in ("-", "‐"))


def _in_any(i: int, doc, spans) -> bool:
    return any(a <= doc[i].idx < b for a, b in spans)


_DASHES = ("--", "—", "–", "-")


def _past_dateline(subj):
    """"WASHINGTON -- President Obama, ..., said", "SKAGEN, Denmark (Nordic Wire) - Shipping
    group Maersk said": a dateline parsed as the subject with the real one as its appositive after the
    dash; the source is the appositive. A dateline opens a paragraph or names its agency in
    brackets, and holds only names, numbers and punctuation before the dash."""
    if subj is None:
        return subj
    doc = subj.doc
    j, limit = subj.i + 1, min(len(doc), subj.i + 20)
    while j < limit and doc[j].text not in _DASHES and (
            doc[j].is_punct or doc[j].pos_ in ("PROPN", "NUM", "SYM") or doc[j].tag_ == "CD"
            or doc[j].text in ("-LRB-", "-RRB-", "|")):  # "PLACE, State | Tue Mar 4, 2025 6:10pm CET"
        j += 1
    if j >= limit or doc[j].text not in _DASHES:
        return subj
    line_start = subj.i == 0 or "\n" in doc[subj.i - 1].text_with_ws or doc[subj.i - 1].is_space
    agency = any(doc[k].text in (")", "-RRB-") for k in range(subj.i + 1, j))
    if not (line_start and j == subj.i + 1 or agency):
        return subj
    appos = [c for c in subj.children if c.dep_ == "appos" and c.i > j]
    return appos[0] if appos else subj


def _day_word(tok) -> bool:
    """A weekday, a month or a year, as the recognizer dates it (not "America" in its
    "2017 America")."""
    if tok.ent_type_ not in _WHEN:
        return False
    tables = time_tables()
    return tok.lower_ in tables["normWeekday"] or tok.lower_ in tables["normMonth"] or tok.like_num


def _past_time(subj):
    """'Rights group Nordic Rights Watch (NRW) Thursday condemned ...': a day parsed as the
    subject, with the real subject left as the head of the phrase before it (or hanging off
    the day); never a day as the source."""
    if subj is None or not _day_word(subj) or any(c.dep_ == "det" for c in subj.children):
        return subj
    inner = [c for c in subj.children if c.i < subj.i and c.dep_ in ("nmod", "compound", "npadvmod")
             and c.pos_ in ("PROPN", "NOUN") and not _day_word(c)]
    if inner:
        return inner[-1]  # "Coast Alert (CA) Saturday": the name hangs off the day
    doc = subj.doc
    j = subj.left_edge.i - 1
    if j < 0 or "\n" in doc[j].text_with_ws:
        return None
    t = doc[j]
    while t.head.i != t.i and t.head.i < subj.i and t.dep_ in _NOUN_LINKS:
        t = t.head
    if t.pos_ in ("PROPN", "NOUN") and t.ent_type_ not in _WHEN and t.dep_ in ("ROOT", "nsubj"):
        return t
    return None


def _subject_outside(tok, subj, quoted):
    """"“Judge,” said Brafman.": when the parse takes words inside a quotation as the
    subject, the source is the noun right after the cue."""
    if subj is None or not quoted or not _in_any(subj.i, tok.doc, quoted):
        return subj
    if _in_any(subj.left_edge.i, tok.doc, quoted):  # the phrase opens inside the quotation:
        for c in subj.children:  # '“... between the board and the mayor,” Ross, an aide, said'
            if c.dep_ == "appos" and c.i > subj.i and not _in_any(c.i, tok.doc, quoted):
                return c
    if any(not t.is_punct and not _in_any(t.i, tok.doc, quoted) for t in subj.subtree):
        return subj  # a phrase around a quoted name: 'The "Iron Lady" of the party said'
    near = sorted((c for c in tok.children
                   if c.dep_ in ("nsubj", "dobj", "npadvmod", "attr", "appos", "dep")
                   and c.pos_ in ("PROPN", "NOUN", "PRON") and not _in_any(c.i, tok.doc, quoted)),
                  key=lambda c: abs(c.i - tok.i))
    if near:
        return near[0]
    doc = tok.doc
    for j in range(tok.i + 1, min(len(doc), tok.i + 4)):
        t = doc[j]
        if t.is_punct or _in_any(j, doc, quoted):
            break
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            # the top of the noun phrase that starts here
            while t.head.i != t.i and t.head.pos_ in ("PROPN", "NOUN") and t.head.i > tok.i \
                    and not _in_any(t.head.i, doc, quoted):
                t = t.head
            # the subject of the reported clause ("said the vote was lost") is not the source
            return None if t.dep_ in ("nsubj", "nsubjpass") and t.head.i != tok.i else t
    return None


def cue_candidates(doc, quoted: list[tuple[int, int]] = ()) -> tuple[list[Candidate], list[Candidate]]:
    """(attributions with content, bare cues without content) found in the parse.
    ``quoted``: the inner offsets of the text's quotations."""
    found: list[Candidate] = []
    bare: list[Candidate] = []
    for tok in tokens_with_pos(doc, _CUE_POS, _VERB_TAGS):  # no other token can be a cue
        if tok.pos_ in ("NOUN", "ADJ"):
            cand = _noun_candidate(tok) if tok.pos_ == "NOUN" else _adjective_candidate(tok, quoted)
            if cand is not None:
                found.append(cand)
            continue
        if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in _VERB_TAGS:
            continue
        entry = _entry_for(tok)
        if entry is None or _modifier(tok):
            continue
        pend = _particle_end(tok, entry)
        frame, ids = _content_of(tok, entry, pend)
        if frame is None:
            ids = _inverted_content(tok)
            frame = "invert" if ids else None
        subj = _subject_outside(tok, _past_time(_past_dateline(_find_source(tok))), quoted)
        cand = Candidate(cue=_token_span(doc, tok.i, pend), cue_token=tok.i, cls=entry.cls,
                         frame=frame or "", negated=negated_cue(tok))
        if subj is not None:
            cand.source = source_span(doc, subj)
            cand.source_head = subj.i
            if subj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                cand.source_head = relative_host(subj, tok.head).i  # "officials, who said ...": the noun
        if frame in ("obj", "prep", "inf") and subj is None and not (
                _passive_modifier(tok) and any(_in_any(i, doc, quoted) for i in ids)):
            # "to help defend Ukraine": an act, not an attribution, without a source; a
            # participle's quoted words are one ("a box labeled "medical problem"")
            continue
        ids = _same_block(tok, ids, sentence=frame != "comp")
        span = _trimmed(doc, ids) if ids else None
        if span is None:
            if entry.cls == "speech":
                bare.append(cand)
            continue
        cand.parts = [span]
        cand.confidence = {"comp": 0.8, "invert": 0.7, "inf": 0.6, "obj": 0.55}.get(frame, 0.6)
        if entry.cls != "speech":
            cand.confidence -= 0.1
        found.append(cand)
    found.extend(_phrase_candidates(doc))
    return found, bare


def _noun_candidate(tok) -> Candidate | None:
    """"his comments on Muslims", "Trump's claim that ...": a possessor as the source, or
    the subject of a light verb taking the noun ("raised concerns about")."""
    entry = noun_cues().get(tok.lemma_.lower())
    if entry is None:
        return None
    owners = [c for c in tok.children if c.dep_ == "poss"]
    if not owners and tok.dep_ == "dobj" and tok.head.lemma_.lower() in function_words("light_verb"):
        # "raised concerns about ...", "took a swipe at ...": the verb's subject
        subj = _find_source(tok.head)
        owners = [subj] if subj is not None else []
    if not owners:
        return None
    content = None
    light = owners and owners[0].dep_ != "poss"
    around = list(tok.children) + ([c for c in tok.head.children if c.i > tok.i] if light else [])
    for c in around:
        if c.i < tok.i:
            continue
        if c.dep_ == "prep" and c.lower_ in entry.links:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")
                    and g.ent_type_ not in _WHEN]
            if objs:
                content = _subtree_ids(objs[0])
                break
        if c.dep_ in ("acl", "ccomp", "relcl") and "that" in entry.links and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            content = _subtree_ids(c)
            break
    span = _trimmed(tok.doc, content) if content else None
    if span is None:
        return None
    doc = tok.doc
    cand = Candidate(cue=_token_span(doc, tok.i, tok.i), cue_token=tok.i, cls=entry.cls,
                     parts=[span], frame="noun", confidence=0.5)
    owner = owners[0]
    ids = [t.i for t in owner.subtree if t.dep_ != "case" and t.tag_ != "POS"]
    cand.source = _trimmed(doc, ids, phrase=True)
    cand.source_head = owner.i
    return cand


def _adjective_candidate(tok, quoted) -> Candidate | None:
    """"Smith was critical of the plan": a predicate adjective of stance; the source is
    the subject of its linking verb."""
    entry = adjective_cues().get(tok.lower_)
    if entry is None or tok.dep_ not in ("acomp", "oprd") or tok.i == 0:
        return None
    verb = tok.head
    content = None
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ == "prep" and c.lower_ in entry.links:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                content = _subtree_ids(objs[0])
                break
        if c.dep_ == "ccomp" and "that" in entry.links:
            content = _subtree_ids(c)
            break
        if c.dep_ == "xcomp" and "to" in entry.links:
            content = _subtree_ids(c)
            break
    subj = _subject_outside(verb, _past_dateline(_find_source(verb)), quoted)
    span = _trimmed(tok.doc, content) if content else None
    if span is None or subj is None:
        return None
    doc = tok.doc
    cand = Candidate(cue=_token_span(doc, tok.i, tok.i), cue_token=tok.i, cls=entry.cls,
                     parts=[span], frame="adjective", confidence=0.5)
    cand.source = source_span(doc, subj)
    cand.source_head = subj.i
    return cand


def _phrase_candidates(doc) -> list[Candidate]:
    """"According to X, ...": source = the preposition's object, content = the rest of the
    clause the phrase belongs to."""
    out = []
    phrases = source_phrases()
    for tok in tokens_with_lower(doc, frozenset(words[0] for words, _ in phrases)):
        for words, prep in phrases:
            n = len(words)
            if tok.lower_ != words[0] or tok.i + n > len(doc):
                continue
            if tuple(t.lower_ for t in doc[tok.i: tok.i + n]) != words:
                continue
            prep_tok = doc[tok.i + n - 1]
            objs = [c for c in prep_tok.children if c.dep_ == "pobj"]
            if not objs:
                continue
            phrase_ids = {t.i for t in doc[tok.i: tok.i + n]} | {t.i for t in objs[0].subtree}
            clause = _clause_of(tok)
            ids = _same_block(tok, [t.i for t in clause.subtree if t.i not in phrase_ids])
            lo_ph, hi_ph = min(phrase_ids), max(phrase_ids)
            before = [i for i in ids if i < lo_ph]
            after = [i for i in ids if i > hi_ph]
            parts = [p for p in (_trimmed(doc, before), _trimmed(doc, after)) if p]
            # a few words left over on one side are not a content piece of their own
            parts = [p for p in parts if len(doc_text(doc)[p[0]:p[1]].split()) >= 2] or parts
            if not parts:
                continue
            cand = Candidate(cue=_token_span(doc, tok.i, tok.i + n - 1), cue_token=tok.i,
                             cls="speech", parts=parts, frame="phrase", confidence=0.75)
            cand.source = source_span(doc, objs[0])
            cand.source_head = objs[0].i
            out.append(cand)
    return out


def _clause_of(tok):
    """The nearest verb above ``tok`` (or the sentence root)."""
    cur = tok.head
    for _ in range(len(tok.doc)):  # bounded: a malformed parse must not loop forever
        if cur.head.i == cur.i or cur.pos_ in ("VERB", "AUX"):
            break
        cur = cur.head
    return cur
