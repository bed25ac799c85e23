"""Per-article entity mentions: names, nominals, pronouns and demonyms.

Public functions:

``extract_mentions(doc, article) -> list[Mention]``
    Names from the spaCy entity recognizer (titles split off into roles,
    possessive ``'s`` trimmed), definite and appositive nominal mentions
    headed by a role noun or an organization/place noun ("the Republican
    president", "Russia's top diplomat", "the company"), third-person
    pronouns, and demonyms ("Russian" -> nationality Russia). Roles come from
    pre-modifiers ("U.S. Gen."), appositives ("X, spokesman for ...", "Russia's
    top diplomat, X") and copulas ("X is the chairman of ..."). Nominals and
    pronouns get the in-article mention they refer to in ``antecedent``
    (see :mod:`storyline.entities.anaphora`).

``mentions_for_spans(doc, article, spans) -> list[Mention]``
    The same description and in-article linking for given character spans
    (used to evaluate resolution on gold mentions).

``np_extent(doc, mention) -> (start, end)``
    The full noun phrase around a mention (determiner, modifiers, titles,
    "of"-complements), for scoring against corpora whose mentions are whole
    noun phrases.

Pure functions of the parsed doc; word lists live in ``entities/data``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..nlp.docview import doc_text, line_span, tokens_with_pos
from ..quotes.marks import doc_quote_spans
from ..records import Article, Mention, Role
from ..records.entities import PLACE_TYPES
from . import lexicon
from .anaphora import RELATIVE_TAGS, appos_host, asserted, link_mentions, quotation_index, sentences

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT"}
DEFINITE_DETS = {"the", "this", "that", "these", "those"}
SOURCE_NAME = "storyline.entities.mentions.name.v2"
SOURCE_NOMINAL = "storyline.entities.mentions.nominal.v2"
SOURCE_PRONOUN = "storyline.entities.mentions.pronoun.v2"
SOURCE_DEMONYM = "storyline.entities.mentions.demonym.v2"
MAX_ROLE_TOKENS = 16
ROLE_OPENERS = frozenset({"a", "an", "the", "both", "either", "neither"})  # words a role never starts with
ROLE_DEEP_CUT = frozenset({"relcl", "acl", "advcl", "parataxis"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
DROPPABLE_DEPS = frozenset({"prep", "acl", "relcl", "appos", "advcl", "punct", "cc", "conj", "npadvmod", "advmod"})
PREMOD_DEPS = {"compound", "amod", "nmod", "poss", "case", "det", "punct", "npadvmod", "advmod", "cc", "conj",
               "nummod", "quantmod", "prep", "pobj"}


@dataclass
class Draft:
    """A mention under construction (token span + description)."""

    start: int  # token index
    end: int  # token index, exclusive
    head: int  # token index of the syntactic head
    kind: str
    type: str
    name: str = ""
    roles: list = field(default_factory=list)  # (text, start_char, end_char, source)
    nationality_of: str | None = None
    metonym_of: str | None = None
    plural: bool = False
    definite: bool = False
    antecedent: int | None = None
    gender: str | None = None
    source: str = SOURCE_NAME
    confidence: float = 0.8
    lemma: str = ""  # the head's lemma when the parse's is not it (a headline's capitalized noun)


# ---------------------------------------------------------------- helpers

def _is_title(tok) -> bool:
    return (tok.lower_ in lexicon.titles() or tok.lemma_.lower() in lexicon.titles()) \
        and not _in_hyphenated_name(tok)


def _in_hyphenated_name(tok) -> bool:
    """The last word of a name of three or more words joined by hyphens ("Prince" of
    "Port-au-Prince"); a prefix before one hyphen is not one ("ex-President")."""
    doc, i, joined = tok.doc, tok.i, 0
    while i >= 2 and doc[i - 1].text in ("-", "‐") and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        i -= 2
        joined += 1
    return joined >= 2


def _is_role_noun(tok) -> bool:
    return (tok.lemma_.lower() in lexicon.role_nouns() or tok.lower_ in lexicon.role_nouns()) \
        and not _in_hyphenated_name(tok)


def _strip_name(doc, start: int, end: int) -> tuple[int, int]:
    """Trim a leading determiner or adverb and a trailing possessive/punctuation, and end a name
    before a verb the recognizer swept into it, as it does in title-case headlines: a finite
    verb ("Donald Trump Is Right") or a participle taking an object ("Hillary Asking
    Moderator")."""
    for i in range(start + 1, end):
        t = doc[i]
        if t.tag_ in ("VBZ", "VBD", "VBP", "MD") or (
                t.tag_ == "VBG" and any(c.dep_ == "dobj" and start <= c.i < end for c in t.children)):
            end = i
            break
        if t.text in ("-", "--", "–", "—") and doc[i - 1].whitespace_ and i + 1 < end \
                and not doc[i + 1].text[:1].isupper():
            end = i  # a dash before a lower-case word: "L. Dana Wilder - himself a former governor"
            break  # (not "Wal - Mart", nor the pronoun of "Alliance to Reclaim Our Schools")
    while end > start + 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                                and doc[end - 1].text not in (".",)):
        end -= 1
    if end - start > 2 and _common_word_of_name(doc[start]) and doc[start + 1].text == "-" \
            and not doc[start].whitespace_:
        start += 3  # "pro-Clinton Priorities USA Action": a prefixed adjective before the name
    while start < end - 1 and (doc[start].lower_ in DEFINITE_DETS or doc[start].is_punct
                                or _common_word_of_name(doc[start])
                                or doc[start].tag_ in ("RB", "RBR", "RBS") and doc[start].dep_ == "advmod"
                                or doc[start].tag_ in ("VBD", "VBZ", "VBP") and doc[start + 1].head.i == start):
        # "Later Wen paid a visit": a sentence's first adverb is no part of the name, nor the
        # verb of an inverted "Said Comey, ..." whose subject the name is
        start += 1
    return start, end


def _common_word_of_name(tok) -> bool:
    """A word in lower case at a name's start that is no name particle ("charge d'affaire
    Seromi Okamoto"; not "de Blasio", "al-Qaeda", "d'Estaing")."""
    return tok.text[:1].isalpha() and tok.text.islower() and tok.lower_ not in lexicon.name_particles()


def _span_head(doc, start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside the span; when several
    do (coordination, punctuation), the first noun, proper noun or pronoun."""
    outside = [i for i in range(start, end)
               if doc[i].head.i < start or doc[i].head.i >= end or doc[i].head.i == i]
    nominal = [i for i in outside if doc[i].pos_ in ("NOUN", "PROPN", "PRON")]
    if nominal:
        return nominal[0]
    return outside[0] if outside else end - 1


def _role_text_span(doc, tokens: list[int]) -> tuple[int, int] | None:
    """Contiguous token range for a role, trimmed of punctuation, capped in length."""
    if not tokens:
        return None
    lo, hi = min(tokens), max(tokens) + 1
    for i in range(hi - 1, lo - 1, -1):  # never across a line break or a clock time
        if "\n" in doc[i].text_with_ws[:-1] or (doc[i].is_space and "\n" in doc[i].text) \
                or doc[i].ent_type_ == "TIME":
            lo = i + 1
            break
    while lo < hi and (doc[lo].is_punct or doc[lo].is_quote or doc[lo].lower_ in ROLE_OPENERS
                       or doc[lo].tag_ == "CD" and doc[lo].text.isdigit()  # a live report's "2313 US Secretary of State"
                       or doc[lo].dep_ == "preconj" or doc[lo].tag_ == "CC"  # "both President X and his wife"
                       or doc[lo].tag_ in RELATIVE_TAGS  # "which Brio's chief executive, X, called"
                       or doc[lo].lower_.rstrip(".") in lexicon.honorifics()):
        lo += 1
    if lo < hi and doc[lo].pos_ == "ADP":
        return None  # "like most elected officials": a comparison, not a role
    for i in range(lo + 1, hi):  # "a Fed governor since 2014": the time is not the role
        if doc[i].dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in doc[i].children):
            hi = i
            break
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    if hi <= lo:
        return None
    if hi - lo > MAX_ROLE_TOKENS:
        hi = _clean_end(doc, lo, hi)
    return lo, hi


def _clean_end(doc, lo: int, hi: int) -> int:
    """The end of the longest prefix of a long role phrase, at most MAX_ROLE_TOKENS, that
    leaves out only whole modifiers ("head of the Institute for Coastal Flood Studies at the
    University of Lagos": up to "Studies", not "... at the University of")."""
    for k in range(lo + MAX_ROLE_TOKENS, lo, -1):
        if any(lo <= doc[t].head.i != t and k <= doc[t].head.i < hi for t in range(lo, k)):
            continue  # a word kept depends on a word left out
        if all(doc[u].dep_ in DROPPABLE_DEPS for u in range(k, hi) if lo <= doc[u].head.i < k):
            while k > lo + 1 and (doc[k - 1].is_punct or doc[k - 1].pos_ in ("ADP", "CCONJ", "DET")):
                k -= 1
            return k
    return lo + MAX_ROLE_TOKENS


def _subtree_without(tok, cut_deps=("relcl", "acl", "appos", "advcl", "punct", "cc", "conj"),
                     cut_below=None) -> list[int]:
    """Token indices of tok's subtree, leaving out clauses and appositives hanging off it
    (``cut_deps``) and, at any depth below, the subtrees of the tokens ``cut_below`` picks."""
    out = [tok.i]
    stack = [c for c in tok.children if c.dep_ not in cut_deps]
    while stack:
        t = stack.pop()
        out.append(t.i)
        stack.extend(c for c in t.children if cut_below is None or not cut_below(c))
    return sorted(out)


def _aside(tok) -> bool:
    """A clause, or an appositive set off by punctuation, hanging off a word inside a role
    phrase ("... Barrow, who represents", "Verdant, a startup outside Denver"); not a close
    appositive ("the company Theranos", "Rock the Vote") or a place's state or country
    ("Somerton, Ariz.")."""
    if tok.dep_ == "appos":
        left = tok.left_edge.i
        if left == 0 or not tok.doc[left - 1].is_punct:
            return False
        return not (tok.ent_type_ in PLACE_LABELS and tok.head.ent_type_ in PLACE_LABELS)
    return tok.dep_ in ROLE_DEEP_CUT


def _role_tokens(noun) -> list[int]:
    """The tokens of the role phrase a noun heads: its subtree without asides at any depth
    ("a lawyer at Hale & Barrow, who represents ...": "a lawyer at Hale & Barrow"; "founder of
    Verdant, a startup outside Denver": "founder of Verdant")."""
    return _contiguous_around(_subtree_without(noun, cut_below=_aside), noun.i)


def _contiguous_around(indices: list[int], anchor: int) -> list[int]:
    s = set(indices)
    lo = hi = anchor
    while lo - 1 in s:
        lo -= 1
    while hi + 1 in s:
        hi += 1
    return list(range(lo, hi + 1))


def _has_role_word(doc, lo: int, hi: int) -> bool:
    return any(_is_title(doc[i]) or _is_role_noun(doc[i]) for i in range(lo, hi))


def _country_words(doc, lo: int, hi: int) -> list[str]:
    """Countries named or implied by demonyms/metonyms in doc[lo:hi]."""
    out = []
    for i in range(lo, hi):
        c = lexicon.country_of_demonym(doc[i].text)
        if c:
            out.append(c)
    return out


# ---------------------------------------------------------------- names

def _metonym(doc, start: int, end: int, name: str, label: str) -> str | None:
    entry = lexicon.metonyms().get(name.lower())
    if not entry:
        return None
    country, kind = entry
    if kind == "seat":
        return country
    head = doc[_span_head(doc, start, end)]
    # a capital acts, owns, speaks or is one side of a relation
    if head.dep_ in ("nsubj", "nsubjpass", "agent", "poss") or (end < len(doc) and doc[end].tag_ == "POS"):
        return country
    if head.dep_ in ("pobj", "conj") and head.head.lower_ in ("between", "by", "with", "and", "from"):
        return country
    return None


def _entities(doc) -> list:
    """The recognizer's entities, with a person's name split in two rejoined
    ("Abdel Fattah" + "el-Sisi")."""
    out = []
    for ent in doc.ents:
        if out and ent.label_ == "PERSON" and out[-1].label_ == "PERSON" and ent.start == out[-1].end \
                and not doc[ent.start - 1].whitespace_ == "" and "\n" not in doc[ent.start - 1].whitespace_:
            out[-1] = doc.char_span(out[-1].start_char, ent.end_char, label="PERSON") or out[-1]
        else:
            out.append(ent)
    return out


HEADLINE_MIN_WORDS = 5  # a line this long with (nearly) every content word capitalized is a headline
LONG_NAME_TOKENS = 4


def _describes_a_noun(tok) -> bool:
    """A group word used as an adjective before a noun ("Democratic nominee", "Sunni
    militias"), not as a noun ("the Democrats said")."""
    return tok.tag_ == "JJ" or (tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN")
                                and tok.head.i > tok.i and tok.tag_ not in ("NNS", "NNPS"))


def _headline_phrase(doc, start: int, end: int, text: str) -> bool:
    """A long "name" that the recognizer cut out of a title-case headline ("Chicago Tribune Story
    Smears Harbor Union Organizer") and that the article never writes again: in a headline
    every word is capitalized, so capitals do not mark names there."""
    if end - start < LONG_NAME_TOKENS:
        return False
    full = doc_text(doc)
    lo, hi = line_span(full, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
    return _headline_line(full[lo:hi]) and full.find(text, 0, lo) < 0 and full.find(text, hi) < 0


def _headline_line(line: str) -> bool:
    """A line of HEADLINE_MIN_WORDS words or more whose words of four letters or more are
    (nearly) all capitalized."""
    words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
    return len(line.split()) >= HEADLINE_MIN_WORDS and bool(words) \
        and sum(w[0].isupper() for w in words) >= 0.9 * len(words)


def _name_drafts(doc) -> list[Draft]:
    drafts = []
    for ent in _entities(doc):
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = _strip_name(doc, ent.start, ent.end)
        if end <= start:
            continue
        text = doc[start:end].text
        if not any(ch.isupper() for ch in text) or text[0] in "-–—":
            continue  # "eastern industrial heartland", a bracket written "-RRB-": not a name
        if _headline_phrase(doc, start, end, text):
            continue
        if ent.label_ == "PERSON" and sum(ch.isalpha() for ch in text) < 2:
            continue  # a stray initial ("I.") is not a person's name
        if ent.label_ == "NORP" or (end - start == 1 and lexicon.country_of_demonym(text)):
            country = lexicon.country_of_demonym(text)
            if country:
                drafts.append(Draft(start, end, _span_head(doc, start, end), "demonym", "NORP",
                                    name=text, nationality_of=country,
                                    plural=doc[end - 1].tag_ in ("NNS", "NNPS"),
                                    source=SOURCE_DEMONYM, confidence=0.9))
                continue
            if _describes_a_noun(doc[end - 1]) and (end - start == 1 or all(
                    t.tag_ in ("JJ", "HYPH") for t in doc[start:end])):
                continue  # "Democratic nominee", "the anti-Syrian majority": a group adjective
                # describing someone, not an actor
        # titles spaCy kept inside the entity ("Gen. Dan Caine")
        roles = []
        if ent.label_ == "PERSON":
            t = start
            while t < end - 1 and (_is_title(doc[t]) or lexicon.country_of_demonym(doc[t].text)):
                t += 1
            if t > start:
                roles.append((doc[start:t].text, doc[start].idx, doc[t - 1].idx + len(doc[t - 1]), "title"))
                start = t
        name = doc[start:end].text
        label = ent.label_
        titled = _titled(doc, start, end)
        if label != "PERSON" and titled:
            label = "PERSON"  # "Attorney General Lynch", "Mr. Patel": a title says person
            source = SOURCE_NAME + "+title"
        elif label == "PERSON" and titled:
            source = SOURCE_NAME  # the title outranks an appositive noun ("Mr. Halvorsen, the developer")
        elif (classified := _classified(doc, start, end)) and classified != label:
            label, source = classified, SOURCE_NAME + "+classifier"  # "the shipping company Maersk"
        elif label in ("NORP", "PRODUCT") and _employer(doc, start, end):
            label, source = "ORG", SOURCE_NAME + "+title"  # "Boskalis chief executive": an employer
        else:
            source = SOURCE_NAME
        d = Draft(start, end, _span_head(doc, start, end), "name", label, name=name,
                  plural=False, source=source, confidence=0.8)
        d.roles.extend(roles)
        if label in ("GPE", "ORG", "FAC", "LOC"):
            d.metonym_of = _metonym(doc, start, end, name, label)
        drafts.append(d)
    return drafts


def _employer(doc, start: int, end: int) -> bool:
    """The name modifies a role noun or an organization noun outside it."""
    head = doc[_span_head(doc, start, end)]
    gov = head.head
    if head.dep_ not in ("compound", "poss", "nmod") or start <= gov.i < end:
        return False
    if _is_role_noun(gov) or lexicon.nominal_heads().get(gov.lemma_.lower()) == "ORG":
        return True  # "Boskalis executive", "the Boskalis group"
    # "Boskalis chief executive Peter Berdowski": a role noun between the name and the person
    return gov.ent_type_ == "PERSON" and any(_is_role_noun(doc[i]) for i in range(end, gov.i))


def _says_person(tok) -> bool:
    """A noun said only of people: a role that is also a title before names ("spokeswoman",
    "professor", "senator"), a gendered noun ("businessman"), or a plain person noun."""
    lemma = tok.lemma_.lower()
    return ((_is_role_noun(tok) and _is_title(tok)) or lemma in lexicon.gender_words()
            or lexicon.nominal_heads().get(lemma) == "PERSON")


def _classified(doc, start: int, end: int) -> str | None:
    """The type a classifier noun gives the name (``nominal_heads.tsv``): in apposition
    ("the Danish shipping company Maersk", "Maersk, the shipping company") or, for places,
    as "the N of X" ("the port city of Rotterdam")."""
    head = doc[_span_head(doc, start, end)]
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.pos_ == "NOUN" and not before.ent_type_ and before.whitespace_ \
            and head.dep_ == "appos" and head.head.i < start - 1:
        # "The CEO of the state gas monopoly Gazprom, X": the noun right before the name
        # classifies it, not a role noun further back the parse made it the appositive of
        noun = before
    elif head.dep_ == "appos" and not start <= head.head.i < end:
        noun = head.head
    else:
        noun = next((c for c in head.children if c.dep_ == "appos" and c.i >= end), None)
    if noun is not None and noun.pos_ == "NOUN" and not noun.ent_type_:
        if any(_says_person(t) for t in (noun, *noun.conjuncts)):
            return "PERSON"  # "Brunner, a developer and spokeswoman for the coalition"
        return lexicon.nominal_heads().get(noun.lemma_.lower())
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        type_ = lexicon.nominal_heads().get(head.head.head.lemma_.lower())
        if type_ in PLACE_TYPES:
            return type_
    return None


def _titled(doc, start: int, end: int) -> bool:
    """A short capitalized name right after a capitalized title or courtesy
    title that modifies it ("Sen. Cruz", "Mrs. Lynch")."""
    if start == 0 or end - start > 3 or not all(t.text[:1].isupper() for t in doc[start:end]):
        return False
    prev = doc[start - 1]
    word = prev.lower_.rstrip(".")
    return prev.text[:1].isupper() and prev.head.i in range(start, end) and (
        _is_title(prev) or word in lexicon.honorifics())


def _propagate_names(doc, drafts: list[Draft]) -> list[Draft]:
    """Proper-noun strings the recognizer tagged elsewhere in the article
    (full names and person surnames) are mentions wherever they recur
    untagged."""
    in_ent = {i for e in doc.ents for i in range(e.start, e.end)}
    forms: dict[tuple[str, ...], Draft] = {}
    for d in drafts:
        if d.kind != "name" or d.type not in ("PERSON", "ORG", "GPE"):
            continue
        words = tuple(t.text for t in doc[d.start:d.end])
        forms.setdefault(words, d)
        if d.type == "PERSON" and len(words) > 1:
            forms.setdefault(words[-1:], d)
    if not forms:
        return []
    longest = max(len(k) for k in forms)
    texts = [t.text for t in doc]
    firsts = {k[0] for k in forms}
    out = []
    free = 0  # tokens before this one are already inside a propagated name
    for i in [i for i, w in enumerate(texts) if w in firsts]:  # where a known form may start
        if i < free:
            continue
        hit = None
        for n in range(min(longest, len(texts) - i), 0, -1):
            key = tuple(texts[i:i + n])
            if key in forms and not any(j in in_ent for j in range(i, i + n)) \
                    and all(t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN") for t in doc[i:i + n]):
                hit = (n, forms[key])
                break
        if hit:
            n, src = hit
            out.append(Draft(i, i + n, _span_head(doc, i, i + n), "name", src.type,
                             name=doc[i:i + n].text, source=SOURCE_NAME + "+propagated",
                             confidence=0.6))
            free = i + n
    return out


RECURRING_MIN = 2  # a run of capitals the recognizer missed is a name when written this often
FUNCTION_TAGS = frozenset({"DT", "PRP", "PRP$", "IN", "CC", "WDT", "WP", "WP$", "MD", "TO", "EX", "PDT"})


def _capital(tok) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and not tok.text.isupper() and not tok.ent_type_


def _recurring_capitals(doc, taken: set[int]) -> list[Draft]:
    """Names the recognizer missed everywhere: a run of capitalized words inside the prose
    (not starting a sentence, not a title, function word or verb first, no word of it in a
    recognized expression of any kind, not on a headline line, not the tail of a longer
    capitalized phrase) that the article writes at least ``RECURRING_MIN`` times so, or once
    after "the" when it is two words or more ("to free the Ever Given"; a single proper noun
    that is no role needs one time more), and never in lower case. Its type comes from a classifier noun beside it
    ("The Ever Given, a 400-metre vessel": ``nominal_heads.tsv``), else the corpus decides."""
    runs = []
    i, n = 0, len(doc)
    while i < n:
        t = doc[i]
        if not (_capital(t) and i not in taken and not t.is_sent_start and t.tag_ not in FUNCTION_TAGS
                and not _is_title(t) and t.lower_.rstrip(".") not in lexicon.honorifics()):
            i += 1
            continue
        j = i + 1
        while j < n and j not in taken and _capital(doc[j]) and not doc[j].is_sent_start:
            j += 1
        runs.append((i, j))
        i = j
    if not runs:
        return []
    counts = Counter(doc[a:b].text for a, b in runs)
    out = []
    lowered: dict[str, bool] = {}  # run text -> written in lower case too (one search per text)
    for a, b in runs:
        text = doc[a:b].text
        before = doc[a - 1] if a else None
        if before is not None and before.text[:1].isupper() and before.lower_ != "the":
            continue  # the tail of a longer capitalized phrase ("Gramm-Leach-Bliley Act", "Zero Hedge")
        if b - a == 1:  # one word: a proper noun by the parse, no role, written a third time
            t = doc[a]
            if t.tag_ not in ("NNP", "NNPS") or _is_role_noun(t) or counts[text] < RECURRING_MIN + 1:
                continue
        elif doc[a].tag_.startswith("VB") or not (
                counts[text] >= RECURRING_MIN or (before is not None and before.lower_ == "the")):
            continue  # "Did Crooked ...": a verb opens no name; once is enough after "the"
        if all(t.is_stop for t in doc[a:b]) or _headline_line(_line_of(doc, doc[a])):
            continue
        if text not in lowered:
            lowered[text] = _written_lower(doc, text)
        if lowered[text]:
            continue
        out.append(Draft(a, b, b - 1, "name", _classified(doc, a, b) or "", name=text,
                         source=SOURCE_NAME + "+recurring", confidence=0.6))
    return out


def _written_lower(doc, text: str) -> bool:
    """The words are also written in lower case in the document (a common phrase styled with
    capitals, not a name)."""
    return re.search(r"\b" + re.escape(text.lower()) + r"\b", doc_text(doc)) is not None


def _affiliation(doc, d: Draft) -> str | None:
    """The country a person's pre-modifier ties them to: "Russia's Vladimir
    Putin", "Italian Admiral X", "U.S. Gen. X"."""
    i = d.start - 1
    while i >= 0 and d.start - i <= 6 and i - 2 <= doc[i].head.i < d.end and doc[i].dep_ in PREMOD_DEPS:
        tok = doc[i]
        country = lexicon.country_of_demonym(tok.text)
        if country:
            return country
        if tok.ent_type_ == "GPE" and (tok.dep_ in ("poss", "compound", "nmod") or
                                       (i + 1 < len(doc) and doc[i + 1].tag_ == "POS")):
            return lexicon.aliases().get(tok.text, tok.text)
        i -= 1
    return None


def _appositives_of(head) -> list:
    """The appositives that describe ``head`` (``anaphora.appos_host``), wherever the parser
    attached them in the sentence."""
    return [t for t in head.sent if t.dep_ == "appos" and t.i != head.i
            and getattr(appos_host(t), "i", None) == head.i]


def _plural_of_one(noun, name) -> bool:
    """A plural role noun said of one singular name is no role of it: in "emails to Powell,
    Rice's aides" the headline's comma joins two recipients."""
    coordinated = name.dep_ == "conj" or any(c.dep_ == "conj" for c in name.children)
    return noun.tag_ in ("NNS", "NNPS") and name.tag_ == "NNP" and not coordinated


def _titles_someone_else(doc, lo: int, hi: int) -> bool:
    """The phrase runs into another person's name that its words title ("X, Chairman of the
    Board of the Harbor Union Tomas Ekberg, and ..." lists Ekberg with his office); a name
    after a preposition or a title stays ("an adviser to John Smith", "a friend of the late
    Senator John Smith")."""
    return any(doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "B" and doc[i - 1].pos_ in ("PROPN", "NOUN")
               and doc[i - 1].ent_type_ != "PERSON" and not _is_title(doc[i - 1])
               for i in range(lo + 1, min(hi + 1, len(doc))))


def _person_roles(doc, d: Draft) -> list[tuple]:
    """Roles said of a name: pre-modifier titles, appositives, copular predicates."""
    roles = []
    head = doc[d.head]
    # pre-modifiers: words just before the name that modify it ("U.S. Gen.", "Russia's top")
    left: list[int] = []
    own_quotation = quotation_index(doc[d.start])
    for k in range(1, MAX_ROLE_TOKENS + 1):
        lo = d.start - k
        if lo < 0 or doc[lo].dep_ not in PREMOD_DEPS or doc[lo].is_space \
                or quotation_index(doc[lo]) != own_quotation:
            break  # not across a quotation's edge: '... the minister and our army,” Dorsey said'

        window = set(range(lo, d.end))
        if all(doc[t].head.i in window for t in range(lo, d.start)):
            left = list(range(lo, d.start))  # a closed phrase modifying the name
    dets = [t for t in left[1:] if doc[t].dep_ == "det"]
    if dets:  # "Part of the network President X": keep what follows the inner determiner
        left = [t for t in left if t > max(dets)]
    span = _role_text_span(doc, left)
    if span and _has_role_word(doc, *span):
        lo, hi = span
        t = hi  # "Democratic vice presidential nominee Sen. X": a role, then a title of its own
        while t - 1 > lo and _is_title(doc[t - 1]) and doc[t - 1].text.endswith("."):
            t -= 1
        if t < hi and _has_role_word(doc, lo, t):
            roles.append((doc[t:hi].text, doc[t].idx, doc[hi - 1].idx + len(doc[hi - 1]), "title"))
            hi = t
        roles.append((doc[lo:hi].text, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]), "premodifier"))
    # appositive hanging off the name: "X, spokesman for local forces,"
    for child in _appositives_of(head):
        if child.ent_type_ == "PERSON":
            continue  # another person in a list: "X, Y, and ..."
        if _role_phrase(child) and not lexicon.quantified(child) and not _plural_of_one(child, head):
            span = _role_text_span(doc, _role_tokens(child))
            if span and not _titles_someone_else(doc, *span):
                lo, hi = span
                roles.append((doc[lo:hi].text, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]), "appositive"))
    # the name is the appositive of a role noun: "Russia's top diplomat, X", "the head of Y, X"
    host = appos_host(head) if head.dep_ == "appos" else None
    if host is not None and _common_or_role(host) and _is_role_noun(host) and not lexicon.quantified(host) \
            and not _plural_of_one(host, head):
        noun = host
        toks = [i for i in _subtree_without(noun, cut_below=_aside) if not (d.start <= i < d.end)]
        span = _role_text_span(doc, _contiguous_around(toks, noun.i))
        if span:
            lo, hi = span
            roles.append((doc[lo:hi].text, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]), "appositive"))
    # an asserted copula: "X is the chairman of Y" (not "X will never be mayor of the city")
    be = head.head
    if head.dep_ == "nsubj" and be.lemma_ == "be" and asserted(be):
        for child in be.children:
            if child.dep_ == "attr" and _common_or_role(child) and _is_role_noun(child) \
                    and not lexicon.quantified(child) and not _plural_of_one(child, head):
                span = _role_text_span(doc, _role_tokens(child))
                if span:
                    lo, hi = span
                    roles.append((doc[lo:hi].text, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]), "copula"))
    return roles


# ---------------------------------------------------------------- nominals and pronouns

def _nominal_type(tok) -> str | None:
    lemma = tok.lemma_.lower()
    if _is_role_noun(tok):
        return "PERSON"
    return lexicon.nominal_heads().get(lemma)


def _common_or_role(tok) -> bool:
    """A common noun, or a capitalized role word outside any name ("the Apple Chief Executive Officer")."""
    if tok.pos_ == "NOUN":
        return True
    return tok.pos_ == "PROPN" and not tok.ent_type_ and (_is_role_noun(tok) or _is_title(tok))


def _role_phrase(tok) -> bool:
    """Heads a phrase naming a role: "spokesman for ...", or a role noun
    compounded onto another word ("NATO's supreme allied commander Europe")."""
    if _common_or_role(tok) and _is_role_noun(tok):
        return True
    return tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ != "PERSON" and any(
        c.dep_ == "compound" and c.i < tok.i and _is_role_noun(c) for c in tok.children)


def _definite(tok) -> bool:
    for child in tok.children:
        if child.dep_ == "det" and child.lower_ in DEFINITE_DETS:
            return True
        if child.dep_ == "poss":
            return True
    return False


def _linked_syntactically(tok) -> bool:
    """The noun stands in apposition to, or is predicated of, something."""
    if tok.dep_ == "appos":
        return True
    if any(c.dep_ == "appos" for c in tok.children):
        return True
    return tok.dep_ == "attr" and tok.head.lemma_ == "be"


NOMINAL_POS = frozenset({"NOUN", "PROPN"})  # no other token passes _common_or_role


def _nominal_drafts(doc, taken: set[int]) -> list[Draft]:
    drafts = []
    for tok in tokens_with_pos(doc, NOMINAL_POS):
        if tok.i in taken or tok.dep_ in ("compound",) or not _common_or_role(tok):
            continue
        ntype = _nominal_type(tok)
        if not ntype:
            continue
        definite = _definite(tok) and not any(
            c.dep_ == "amod" and c.lower_ in lexicon.future_modifiers() for c in tok.children)
        if not (definite or _linked_syntactically(tok) or any(c.dep_ == "det" for c in tok.children)
                or tok.tag_ == "NNS"):
            continue
        left = [t.i for t in tok.subtree if t.i <= tok.i]
        left = _contiguous_around(left, tok.i)
        start, end = left[0], tok.i + 1
        if doc[start].tag_ in RELATIVE_TAGS and start < tok.i:
            start += 1  # "which Brio's chief executive, Lena Dahl, called a raid"
        if sum(doc[i].is_quote for i in range(start, end)) % 2:
            if end < len(doc) and doc[end].is_quote:
                end += 1  # the closing mark of a scare-quoted noun: 'the “reporter”'
            elif doc[start].is_quote:
                start += 1  # the opening mark of a quotation that goes on: "''the president but also"
        drafts.append(Draft(start, end, tok.i, "nominal", ntype, plural=tok.tag_ == "NNS",
                            definite=definite, source=SOURCE_NOMINAL, confidence=0.6))
    return drafts


CODE_POS = frozenset({"NUM", "PROPN"})  # model designations: "the 787", "its A380s"
PRONOUN_POS = frozenset({"PRON", "DET"})


def _code_drafts(doc, taken: set[int]) -> list[Draft]:
    """Model designations heading a noun phrase ("the 787", "its A380s")."""
    drafts = []
    for tok in tokens_with_pos(doc, CODE_POS):
        if tok.i in taken or tok.dep_ in ("compound", "nummod"):
            continue
        code = model_code(tok)
        if code:
            drafts.append(Draft(tok.i, tok.i + 1, tok.i, "name", "PRODUCT", name=code,
                                plural=tok.text.endswith("s"), source=SOURCE_NAME + "+code", confidence=0.6))
    return drafts


def _pronoun_drafts(doc, taken: set[int]) -> list[Draft]:
    drafts = []
    table = lexicon.pronouns()
    for tok in tokens_with_pos(doc, PRONOUN_POS):
        cls = table.get(tok.lower_)
        if cls is None or tok.i in taken:
            continue
        ptype = {"person": "PERSON", "thing": "", "plural": ""}.get(cls, "")
        drafts.append(Draft(tok.i, tok.i + 1, tok.i, "pronoun", ptype, plural=cls == "plural",
                            source=SOURCE_PRONOUN, confidence=0.5))
    return drafts


# ---------------------------------------------------------------- records

def _sentence_index(doc) -> dict[int, int]:
    out = {}
    for si, sent in enumerate(sentences(doc)):
        for t in range(sent.start, sent.end):
            out[t] = si
    return out


def _to_records(doc, article: Article, drafts: list[Draft]) -> list[Mention]:
    sent_of = _sentence_index(doc)
    text = doc_text(doc)  # a span's text is its slice (joining its tokens costs more)
    date = (article.published or "")[:10] or None
    out = []
    for d in drafts:
        roles = tuple(Role(text=t, article_id=article.id, start=s, end=e, date=date,
                           source=f"storyline.entities.roles.{src}.v1") for t, s, e, src in d.roles)
        start, last = doc[d.start].idx, doc[d.end - 1]
        end = last.idx + len(last.text)
        out.append(Mention(
            article_id=article.id, start=start, end=end, text=text[start:end],
            type=d.type, kind=d.kind,
            head=(d.lemma or doc[d.head].lemma_.lower()) if d.kind != "name" else doc[d.head].text,
            roles=roles, antecedent=d.antecedent, metonym_of=d.metonym_of,
            nationality_of=d.nationality_of, sentence=sent_of.get(d.head, -1), source=d.source,
            confidence=d.confidence, name=d.name, plural=d.plural, definite=d.definite,
            gender=d.gender if d.kind in ("name", "nominal") and d.type in ("PERSON", "") else None))
    return out


def _surnames_are_persons(drafts: list[Draft]) -> None:
    """A one-word name that ends a person's full name in the same article is that surname,
    whatever the recognizer typed it there ("Ava DuVernay ... DuVernay said", tagged a place);
    a country's or capital's name keeps its type ("George Washington ... Washington said")."""
    surnames = {d.name.split()[-1] for d in drafts if d.kind == "name" and d.type == "PERSON"
                and len(d.name.split()) > 1}
    for d in drafts:
        if d.kind == "name" and d.type != "PERSON" and d.name in surnames and " " not in d.name \
                and not (lexicon.country_of_demonym(d.name) or d.name in lexicon.aliases()
                         or d.name in lexicon.aliases().values() or lexicon.metonyms().get(d.name.lower())):
            d.type, d.metonym_of = "PERSON", None
            d.source += "+surname"


def _finish(doc, article: Article, drafts: list[Draft]) -> list[Mention]:
    drafts.sort(key=lambda d: (d.start, -d.end))
    _surnames_are_persons(drafts)
    quoted = None
    for d in drafts:
        if d.kind == "name" and d.type == "PERSON":
            if quoted is None:
                quoted = [q.inner for q in doc_quote_spans(doc) if q.kind == "double"]
            seen = {r[1] for r in d.roles}
            d.roles.extend(r for r in _person_roles(doc, d) if r[1] not in seen
                           and not (r[3] == "copula" and any(a <= r[1] < b for a, b in quoted)))
            d.nationality_of = d.nationality_of or _affiliation(doc, d)
    link_mentions(doc, drafts)
    return _to_records(doc, article, drafts)


def extract_mentions(doc, article: Article) -> list[Mention]:
    drafts = _name_drafts(doc)
    drafts.extend(_propagate_names(doc, drafts))
    drafts.extend(_recurring_capitals(doc, {i for d in drafts for i in range(d.start, d.end)}))
    drafts.extend(_code_drafts(doc, {i for d in drafts for i in range(d.start, d.end)}))
    taken = {i for d in drafts for i in range(d.start, d.end)}
    # titles already read as roles of a name are not separate nominals
    for d in drafts:
        for t in range(d.start - 1, max(-1, d.start - 6), -1):
            if doc[t].head.i in range(d.start, d.end) and doc[t].dep_ in ("compound", "amod", "nmod"):
                taken.add(t)
            else:
                break
    nominals = _nominal_drafts(doc, taken)
    # a nominal's possessive pronoun is a mention of its own: "her husband" says who "her" is
    taken |= {i for d in nominals for i in range(d.start, d.end) if doc[i].tag_ != "PRP$"}
    drafts.extend(nominals)
    drafts.extend(_pronoun_drafts(doc, taken))
    return _finish(doc, article, drafts)


# ---------------------------------------------------------------- given spans

NON_NAME_NUMBERS = {"CARDINAL", "DATE", "MONEY", "QUANTITY", "PERCENT", "TIME", "ORDINAL"}


def model_code(tok) -> str | None:
    """A product or model designation ("787", "A380", "737-800", "777s"), or None."""
    text = tok.text
    determined = any(c.dep_ in ("det", "poss") for c in tok.children)  # "the 787"
    after_name = tok.head.pos_ == "PROPN" and tok.head.i == tok.i - 1  # "Boeing 747" parsed as a count
    if len(text) < 3 or not any(ch.isdigit() for ch in text) or (tok.dep_ == "nummod" and not after_name) \
            or (tok.ent_type_ in NON_NAME_NUMBERS and not (determined and tok.ent_type_ == "CARDINAL")) \
            or "," in text or "." in text or ":" in text:
        return None
    if text.endswith("'s"):
        text = text[:-2]
    if text.endswith("s") and text[:-1][-1:].isdigit():
        text = text[:-1]
    return text


def _known_names(doc) -> dict[str, str]:
    """Single words the recognizer tagged as (the last word of) a name in this doc -> label."""
    out = {}
    for e in doc.ents:
        if e.label_ in ("PERSON", "ORG", "GPE", "PRODUCT"):
            out.setdefault(e[-1].text, e.label_)
            if len(e) == 1:
                out[e.text] = e.label_
    return out


def _describe_span(doc, start: int, end: int) -> Draft:
    head_i = _span_head(doc, start, end)
    while doc[head_i].pos_ == "ADP":  # a place given with its preposition: "in the Gulf of Aden"
        obj = next((c for c in doc[head_i].children if c.dep_ == "pobj" and start <= c.i < end), None)
        if obj is None:
            break
        head_i = obj.i
    head = doc[head_i]
    cls = lexicon.pronouns().get(head.lower_)
    if (cls is not None and end - start <= 2 and not head.text.isupper()) or head.tag_ in ("PRP", "PRP$"):
        ptype = "PERSON" if cls == "person" else ""
        return Draft(start, end, head_i, "pronoun", ptype, plural=cls == "plural",
                     source=SOURCE_PRONOUN, confidence=0.5)
    if head.tag_ in RELATIVE_TAGS and end - start == 1:
        return Draft(start, end, head_i, "pronoun", "", source=SOURCE_PRONOUN, confidence=0.5)
    codes = [model_code(doc[i]) for i in range(start, max(head_i + 1, min(end, head_i + 2)))]
    codes = [c for c in codes if c]
    if codes:
        return Draft(start, end, head_i, "name", "PRODUCT", name=codes[-1], source=SOURCE_NAME,
                     confidence=0.6)
    if any(c.dep_ == "conj" and start <= c.i < end for c in head.children):
        # "Apple and AT&T": a group, not either name
        return Draft(start, end, head_i, "nominal", "", plural=True, source=SOURCE_NOMINAL, confidence=0.5)
    role_head = _is_title(head) or _is_role_noun(head)
    ent = next((e for e in doc.ents if e.start <= head_i < e.end), None)
    if ent is not None and ((head.pos_ == "NOUN" and head.text[:1].islower()) or role_head):
        ent = None  # "Apple CEO", "500 Apple engineers": the head is a common noun
    if ent is None:  # a name in apposition, or a person's name after a title: "CEO Louis Gallois"
        for child in head.children:
            if not (start <= child.i < end) or child.ent_type_ not in ("PERSON", "ORG", "GPE", "PRODUCT"):
                continue
            if child.dep_ == "appos" or (child.dep_ == "compound" and child.ent_type_ == "PERSON" and child.i > head_i):
                ent = next((e for e in doc.ents if e.start <= child.i < e.end), None)
                if ent is not None:
                    break
    if ent is not None and ent.label_ in NAME_LABELS | {"WORK_OF_ART", "EVENT", "LAW"}:
        s, e = _strip_name(doc, max(ent.start, start), min(ent.end, end))
        if e <= s:  # a span that is only a prefixed adjective ("pro-Israel"): describe it whole
            s, e = max(ent.start, start), min(ent.end, end)
        text = doc[s:e].text
        country = lexicon.country_of_demonym(text)
        if ent.label_ == "NORP" and country and e - s == end - start:
            return Draft(start, end, head_i, "demonym", "NORP", name=text, nationality_of=country,
                         source=SOURCE_DEMONYM, confidence=0.9)
        label = ent.label_ if ent.label_ in NAME_LABELS else "PRODUCT"
        d = Draft(start, end, head_i, "name", label, name=text, source=SOURCE_NAME)
        d.metonym_of = _metonym(doc, s, e, text, label) if label in ("GPE", "ORG", "FAC", "LOC") else None
        return d
    if ent is None and head.text[:1].isupper() and not role_head:
        label = _known_names(doc).get(head.text)
        if label:  # "Jobs" tagged as a common noun where the article names Steve Jobs
            return Draft(start, end, head_i, "name", label, name=head.text, source=SOURCE_NAME + "+propagated",
                         confidence=0.6)
    common = _common_form(doc, head) if head.pos_ == "PROPN" and ent is None else None
    if head.pos_ == "PROPN" and not role_head and common is None:
        lo = head_i
        while lo - 1 >= start and doc[lo - 1].pos_ == "PROPN":
            lo -= 1
        hi = head_i + 1  # the given span's capitalized words after its head: a name the
        while hi < end and doc[hi].text[:1].isupper():  # parse split ("Maurice Cheeks was")
            hi += 1
        return Draft(start, end, head_i, "name", "", name=doc[lo:hi].text, source=SOURCE_NAME,
                     confidence=0.6)
    ntype = _nominal_type(common or head) or ""
    return Draft(start, end, head_i, "nominal", ntype, plural=head.tag_ in ("NNS", "NNPS"),
                 definite=_definite(head), source=SOURCE_NOMINAL, confidence=0.6,
                 lemma=common.lemma_.lower() if common is not None else "")


def _common_form(doc, tok):
    """The same word written in lower case as a common noun elsewhere in the document, when
    ``tok`` is a word no name covers, capitalized only as every word of its place is (a
    headline, a line in capitals, a sentence's first word): a headline's "Woman" or "DRIVER"
    is the text's "woman" and "driver", not a name. A capital the prose gives ("the e-mail
    client Mail") stays a name."""
    low = tok.lower_
    if tok.text == low:
        return None
    if not (tok.is_sent_start or tok.text.isupper() or _headline_line(_line_of(doc, tok))):
        return None
    for t in doc:
        if t.text == low and t.pos_ == "NOUN":
            return t
    return None


def _line_of(doc, tok) -> str:
    full = doc_text(doc)
    lo, hi = line_span(full, tok.idx, tok.idx + len(tok))
    return full[lo:hi]


def mentions_for_spans(doc, article: Article, spans) -> list[Mention]:
    """Describe and link given (start_char, end_char) spans. The output has
    one mention per span, in the order of ``sorted(spans, key=lambda s: (s[0], -s[1]))``
    (antecedents index that order). Spans are widened to token boundaries."""
    drafts = []
    for s, e in sorted(spans, key=lambda sp: (sp[0], -sp[1])):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or len(span) == 0:
            toks = [t.i for t in doc if t.idx < e and t.idx + len(t) > s] or \
                   [min(range(len(doc)), key=lambda i: abs(doc[i].idx - s))]
            start, end = toks[0], toks[-1] + 1
        else:
            start, end = span.start, span.end
        drafts.append(_describe_span(doc, start, end))
    return _finish(doc, article, drafts)


def np_extent(doc, mention: Mention) -> tuple[int, int]:
    """Character span of the whole noun phrase a mention heads."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return mention.start, mention.end
    head = doc[_span_head(doc, span.start, span.end)]
    if mention.kind in ("pronoun", "demonym"):
        return mention.start, mention.end
    toks = _subtree_without(head, cut_deps=("relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "prep"))
    for child in head.children:  # keep "of" complements: "the chairman of the board"
        if child.dep_ == "prep" and child.lower_ == "of" and child.i > head.i:
            toks.extend(t.i for t in child.subtree)
    toks = _contiguous_around(sorted(set(toks) | set(range(span.start, span.end))), head.i)
    lo, hi = toks[0], toks[-1] + 1
    while hi > lo + 1 and (doc[hi - 1].is_punct or doc[hi - 1].tag_ == "POS"):
        hi -= 1
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
