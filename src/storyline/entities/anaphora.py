"""In-article reference of nominals and pronouns to earlier mentions.

No coreference model: a few rules from general linguistics, in order.

1. Syntax. A nominal in apposition to a name ("Russia's top diplomat,
   Sergey Lavrov"; "X, the company's chief") or predicated of it ("X is the
   chairman") refers to that name; so does a role noun compounded onto a
   name ("Apple CEO" in "Apple CEO Steve Jobs").
2. Same head. A definite nominal whose head lemma was the head of an earlier
   mention refers to what that mention refers to ("the SDK" ... "The SDK").
3. Roles. A person nominal ("the Republican president", "the Kremlin
   leader") refers to the most salient earlier person whom the article gave
   that role, or, for generic heads (leader, official, chief ...), a person
   tied to the same country; a country named in the nominal that conflicts
   with the person's country rules the person out.
4. Organizations and places. "the company", "the alliance", "the country"
   refer to the most salient earlier name of that type.
5. Pronouns. he/she -> the most salient person in the same or the previous
   two sentences; it/its -> an organization, place or product; they/their ->
   a plural nominal, a group or an organization. Salience prefers the same
   sentence, then subjects (a main clause's above an embedded one's), then
   names, then recency. A pronoun object is not bound by the subject of its
   own verb ("Trump thanked him").
6. Quotations. A third-person pronoun or person nominal inside a quotation
   is not its speaker (the subject of the speech verb heading a sentence
   the quotation starts or ends in); a third person never takes an "I" or
   "you" as antecedent; apposition and copulas do not cross a quotation's
   edge or a negation ("X is not a citizen").

Indefinite nominals ("an alliance official") start new referents unless
syntax links them. First and second person pronouns are left to the quotes
stage.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from ..chronology.bounds import sentence_datelines
from ..nlp.docview import cached, doc_text
from ..quotes.marks import doc_quote_spans
from . import lexicon

GENERIC_HEADS = {"leader", "head", "chief", "official", "boss", "strongman", "commander"}
THING_TYPES = {"ORG", "GPE", "LOC", "FAC", "PRODUCT", ""}
PERSON_WINDOW = 2  # sentences back for pronouns
ENTITY_TYPES_FOR_ORG_NOUN = {"ORG": {"ORG"}, "GPE": {"GPE", "LOC"}, "LOC": {"LOC", "GPE"}, "PRODUCT": {"PRODUCT"}}


def sentences(doc) -> list:
    """The doc's sentences, or the whole doc as one when nothing set boundaries."""
    try:
        return list(doc.sents)
    except ValueError:
        return [doc[:]] if len(doc) else []


def _sent_of(doc):
    out = {}
    for si, sent in enumerate(sentences(doc)):
        for t in range(sent.start, sent.end):
            out[t] = si
    return out


def _double_quotations(doc) -> tuple[list[tuple[int, int]], list[int]]:
    """The inner spans of the doc's double quotations in order (outermost: disjoint), and
    their starts (for bisecting)."""
    inner = sorted(q.inner for q in doc_quote_spans(doc) if q.kind == "double")
    return inner, [a for a, _ in inner]


def _units_of(doc, sent_of, quotations) -> dict[int, int]:
    """Like ``_sent_of``, but a sentence that begins inside a quotation opened in an earlier
    sentence continues that sentence's unit: a quotation of three sentences followed by "he
    said" is one step back to the man named before it, not three. ``quotations``:
    ``_double_quotations(doc)``."""
    inner, starts = quotations
    unit_of_sent: dict[int, int] = {}
    unit = -1
    for si, sent in enumerate(sentences(doc)):
        at = sent[0].idx if len(sent) else 0
        k = bisect_right(starts, at - 1) - 1  # a quotation opened before the sentence begins
        if not (si and k >= 0 and at < inner[k][1]):
            unit += 1
        unit_of_sent[si] = unit
    return {t: unit_of_sent[si] for t, si in sent_of.items()}


def _root(drafts, i: int) -> int:
    """Follow antecedent links to the mention that starts the chain."""
    seen = set()
    while drafts[i].antecedent is not None and i not in seen:
        seen.add(i)
        i = drafts[i].antecedent
    return i


def _countries_near(doc, d) -> set[str]:
    """Countries a mention is tied to by its own words and pre-modifiers."""
    out = set()
    head = doc[d.head]
    toks = {t.i for t in head.subtree if t.i <= d.end} | set(range(d.start, d.end))
    for i in toks:
        tok = doc[i]
        c = lexicon.country_of_demonym(tok.text)
        if c:
            out.add(c)
        met = lexicon.metonyms().get(tok.lower_)
        if met and met[1] == "seat":
            out.add(met[0])
        if tok.ent_type_ == "GPE" and i < d.start + (d.end - d.start) and tok.dep_ in ("poss", "compound", "nmod"):
            out.add(lexicon.aliases().get(tok.text, tok.text))
        if tok.ent_type_ == "GPE" and (i + 1 < len(doc) and doc[i + 1].tag_ == "POS") and i < d.head:
            out.add(lexicon.aliases().get(tok.text, tok.text))
    for text, *_ in d.roles:
        for w in text.replace("'s", " ").split():
            c = lexicon.country_of_demonym(w)
            if c:
                out.add(c)
            elif w in lexicon.aliases():
                out.add(lexicon.aliases()[w])
    return out


class _PerDraft:
    """``fn(draft)`` for each draft by index, computed when first asked for (most
    drafts are never compared by their countries)."""

    def __init__(self, fn, drafts) -> None:
        self._fn, self._drafts, self._memo = fn, drafts, {}

    def __getitem__(self, i: int):
        if i not in self._memo:
            self._memo[i] = self._fn(self._drafts[i])
        return self._memo[i]


def _gender_of(doc, d) -> str | None:
    """'m'/'f' when the mention's own words or roles say so, else None."""
    table = lexicon.gender_words()
    # a possessor's pronoun says nothing of the mention's own gender: "her husband" is a man
    words = [doc[k].lower_ for k in range(d.start, d.end)
             if not (d.kind == "nominal" and doc[k].tag_ == "PRP$")]
    if d.kind == "name":  # a title just before the name that modifies it ("Mrs. Lind"), not "She says Lind"
        words += [t.lower_ for t in (doc[k] for k in range(max(0, d.start - 2), d.start))
                  if t.pos_ != "PRON" and d.start <= t.head.i < d.end]
    for text, *_ in d.roles:
        words.extend(w.strip(",.") for w in text.lower().split())
    found = {table[w] for w in words if w in table}
    return found.pop() if len(found) == 1 else None


def _role_words(d) -> set[str]:
    words = set()
    for text, *_ in d.roles:
        for w in text.lower().replace("'s", " ").split():
            words.add(w.strip(".,"))
    return words


def _is_subject(tok) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass")


def _main_clause(subject) -> bool:
    """The subject's verb is the sentence's root (or a verb coordinated with it)."""
    verb = subject.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _salience(doc, sent_of, d, cand, here_sent: int) -> float:
    head = doc[cand.head]
    dist = here_sent - sent_of.get(cand.head, here_sent)
    score = -1.0 * dist
    subject = head if _is_subject(head) else head.head if head.dep_ == "poss" and _is_subject(head.head) else None
    if subject is not None:
        # the main clause's subject is the centre of attention; an embedded clause's less so
        # ("Lopez argues the audit shows Brandt hid the losses ... She says": Lopez)
        score += 0.6 if _main_clause(subject) else 0.45
    if cand.kind == "name":
        score += 0.3
    score += 0.001 * cand.start
    return score


NON_PERSON_ENTS = ("ORG", "GPE", "NORP", "FAC", "LOC")
RELATIVE_TAGS = ("WDT", "WP", "WP$")  # which, who, whose


QUOTATION_MIN_WORDS = 4  # shorter double-quoted spans are names or scare quotes ('the "iPod", a player')


def quotation_index(tok) -> int | None:
    """The index of the double quotation of at least QUOTATION_MIN_WORDS words holding the
    token (None: outside every such quotation); the doc's quotations are read once."""
    spans = cached(tok.doc, "storyline.long_quotations", _long_quotations)
    return next((k for k, (a, b) in enumerate(spans) if a <= tok.idx < b), None)


def _long_quotations(doc) -> list[tuple[int, int]]:
    text = doc_text(doc)
    return [(a, b) for a, b in _double_quotations(doc)[0] if len(text[a:b].split()) >= QUOTATION_MIN_WORDS]


def appos_host(tok):
    """What an appositive stands beside (None: nothing). A person's name after "<role noun> of
    <organisation>," is the role noun's appositive, not the organisation's, as parsers often
    attach it ("The head of the Suez Canal Authority, Osama Rabie,": "Rabie" hangs off
    "Authority"). The edge of a quotation between the two ends the apposition: in "... between
    the board and the mayor,” Ross, an aide, said" the mayor is no one's appositive."""
    host = tok.head
    if quotation_index(host) != quotation_index(tok):
        return None
    if (tok.ent_type_ == "PERSON" and host.ent_type_ in NON_PERSON_ENTS and host.dep_ == "pobj"
            and host.head.dep_ == "prep" and host.head.lower_ == "of"
            and host.head.head.lemma_.lower() in lexicon.role_nouns()):
        return host.head.head
    # an appositive stands right after what it describes: with a clause between the parser's
    # host and it, the name just before it is meant ("Lopez - who dismissed Brandt, the
    # fire chief, ...": the chief is Brandt)
    doc = tok.doc
    prev = min(t.i for t in tok.subtree) - 1
    while prev > host.i and doc[prev].is_punct:
        prev -= 1
    if host.i < prev and doc[prev].ent_type_ == "PERSON" and doc[prev].pos_ == "PROPN" \
            and any(t.dep_ in ("relcl", "acl") for t in doc[host.i + 1:prev]):
        return doc[prev]
    return host


def asserted(verb) -> bool:
    """A finite verb stating what is or was: not negated, under no modal ("will not be"), not
    a gerund or infinitive ("Obama being a founder", "wants him to be"); perfects count
    ("has been chairman since 2010")."""
    kids = list(verb.children)
    if any(c.dep_ == "neg" or c.tag_ == "MD" for c in kids):
        return False
    return verb.tag_ in ("VBZ", "VBD", "VBP") or (
        verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in kids))


def _syntactic_link(doc, drafts, by_head, i: int) -> int | None:
    d = drafts[i]
    head = doc[d.head]
    if lexicon.quantified(head):
        return None  # "every other candidate, including X": a set, not X
    # nominal is the appositive of a name, or a name is the appositive of the nominal
    host = appos_host(head) if head.dep_ == "appos" else None
    if host is not None and host.i in by_head:
        return by_head[host.i]
    for app in head.subtree:  # its own appositive, or "the head of the Authority, X" (``appos_host``)
        if app.dep_ == "appos" and app.i in by_head and drafts[by_head[app.i]].kind == "name" \
                and getattr(appos_host(app), "i", None) == head.i:
            if d.type == "PERSON" and drafts[by_head[app.i]].type not in ("PERSON", ""):
                # "The CEO of the monopoly Gazprom, Alexei Miller": the parse hangs the person on
                # the firm; the role is the person's
                person = next((c for c in app.children if c.dep_ == "appos" and c.i in by_head
                               and drafts[by_head[c.i]].kind == "name" and drafts[by_head[c.i]].type == "PERSON"),
                              None)
                if person is not None:
                    return by_head[person.i]
            return by_head[app.i]
    # copula: "X is the chairman", "X will be the new coach" (not "saying X is not an
    # American citizen": a negated copula says who X is not)
    if head.dep_ == "attr" and head.head.lemma_ == "be" and not any(c.dep_ == "neg" for c in head.head.children):
        for child in head.head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i in by_head and child.i != head.i:
                return by_head[child.i]
    # role noun compounded onto a name: "Apple CEO Steve Jobs"
    if head.dep_ == "compound" and head.head.i in by_head and drafts[by_head[head.head.i]].kind == "name":
        return by_head[head.head.i]
    return None


def _token_owner(drafts) -> dict[int, int]:
    """token index -> index of the innermost (shortest) draft containing it, heads first."""
    owner = {}
    for i, d in enumerate(drafts):
        owner.setdefault(d.head, i)
    return owner


def _own_verb(pron_tok):
    """The verb whose subject a non-reflexive object pronoun cannot be (None: not an object)."""
    if pron_tok.dep_ in ("dobj", "pobj", "dative", "obj") and not pron_tok.lower_.endswith("self"):
        return pron_tok.head if pron_tok.dep_ != "pobj" else pron_tok.head.head
    return None


def _bound_by_own_subject(doc, pron_tok, cand_tok) -> bool:
    """Non-reflexive pronoun object and a subject of the same verb cannot corefer."""
    verb = _own_verb(pron_tok)
    return verb is not None and cand_tok.head.i == verb.i and _is_subject(cand_tok)


def _commands(pron_tok, cand_tok) -> bool:
    """A subject pronoun cannot be a name in the clause its verb governs (binding principle
    C): "He said Ortiz would replace Lund", "Ortiz would replace Lund, he said" — "he" is
    neither Ortiz nor Lund. Not inside a quotation: a speaker's own words may name the speaker
    ('"The court decided to uphold the sentence," it said' is the court's)."""
    if pron_tok.dep_ != "nsubj" or quotation_index(cand_tok) is not None:
        return False
    verb = pron_tok.head
    doc = pron_tok.doc
    for c in verb.children:
        if c.left_edge.i <= cand_tok.i <= c.right_edge.i and (
                c.dep_ in ("ccomp", "xcomp") and c.left_edge.i > pron_tok.i
                or c.dep_ == "ccomp" and c.i < pron_tok.i and verb.lemma_.lower() in lexicon.speech_verbs()
                and _after_clause(doc, min(pron_tok.i, verb.i)) and _within_clause(doc, cand_tok.i, pron_tok.i)):
            return True
    # the reported clause before its speech verb, parsed as the head of it: "..., he said",
    # '"...," he said'
    head, edge = verb.head, verb.left_edge.i
    if verb.dep_ not in ("ccomp", "parataxis") or head.i > verb.i or edge == 0 \
            or verb.lemma_.lower() not in lexicon.speech_verbs() \
            or any(c.dep_ in ("dobj", "ccomp") for c in verb.children) \
            or not _after_clause(doc, edge):
        return False
    return head.left_edge.i <= cand_tok.i < edge and _within_clause(doc, cand_tok.i, edge)


def _after_clause(doc, i: int) -> bool:
    """The token before ``i`` closes a fronted clause: a comma or a closing quotation mark
    ("..., he said", '"...," he said' around a short quotation; not "... — he told the AP")."""
    return i > 0 and (doc[i - 1].text == "," or doc[i - 1].is_quote)


def _within_clause(doc, start: int, end: int) -> bool:
    """No colon or opening quotation mark between two tokens: a clause fronted before a
    speech verb starts after them ('X scolded him: “...,” she said')."""
    return not any(t.text == ":" or t.tag_ == "``" or t.text in ("“", "‘") for t in doc[start:end])


def _own_subject_chain(doc, drafts, by_head, i) -> int | None:
    """The chain (its first mention) of the subject of the verb a non-reflexive object
    pronoun depends on: "She then peppered him" — "him" is not whoever "She" is."""
    verb = _own_verb(doc[drafts[i].head])
    if verb is None:
        return None
    for c in verb.children:
        if _is_subject(c) and c.i in by_head and by_head[c.i] != i:
            return _root(drafts, by_head[c.i])
    return None


def _pleonastic(tok) -> bool:
    """'it' in "it is likely that", "it's an opportunity to", "it rained"."""
    if tok.lower_ != "it":
        return False
    verb = tok.head
    if verb.lemma_ == "be" or any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children
                                  if verb.lemma_ in ("seem", "appear", "take", "remain")):
        return True
    return False


def _quotation_speakers(doc, drafts, by_head, quotations) -> dict[int, int]:
    """For each double quotation, the draft that is the subject of the speech verb heading a
    sentence it starts or ends in, or a short sentence right after it, outside the quotation
    ("“He's right,” Ross said"): its speaker, whom a third-person mention inside it does not
    name. ``quotations``: ``_double_quotations(doc)``."""
    verbs = lexicon.speech_verbs()
    out: dict[int, int] = {}
    for k, (a, b) in enumerate(quotations[0]):
        first, last = doc.char_span(a, a + 1, alignment_mode="expand"), \
            doc.char_span(max(a, b - 1), b, alignment_mode="expand")
        if first is None or last is None:
            continue
        sents = {first.sent.start: first.sent, last.sent.start: last.sent}
        end = last.sent.end  # the parser may put '“...,” Mitchell recalled.' in a sentence of its own
        if end < len(doc) and doc[end - 1].idx <= b + 1 and len(doc[end].sent) <= 12:
            sents[end] = doc[end].sent
        for sent in sents.values():
            for tok in sent:  # the sentence's main verb: not "... shortly after Trump said he ..."
                if tok.dep_ not in MAIN_CLAUSE_DEPS or a <= tok.idx < b or tok.lemma_.lower() not in verbs \
                        or tok.pos_ not in ("VERB", "AUX"):
                    continue
                subj = _speech_subject(tok, quotations)
                if subj is not None and subj.i in by_head:
                    out.setdefault(k, by_head[subj.i])
    return out


def _quotation_at(at: int, quotations) -> int | None:
    """The index of the double quotation holding character ``at`` (None: the writer's own
    words). ``quotations``: ``_double_quotations(doc)``."""
    inner, starts = quotations
    k = bisect_right(starts, at) - 1
    return k if k >= 0 and at < inner[k][1] else None


def _quotation_of(doc, drafts, quotations) -> list[int | None]:
    """For each draft, the index of the double quotation holding its head (``_quotation_at``)."""
    return [_quotation_at(doc[d.head].idx, quotations) for d in drafts]


def _datelines(doc) -> list[tuple[int, int]]:
    """Character spans of the wire datelines opening the doc's sentences ("LONDON (Reuters) -")."""
    return cached(doc, "datelines", _find_datelines)


def _find_datelines(doc) -> list[tuple[int, int]]:
    return sentence_datelines(doc_text(doc), [(sent.start_char, sent.end_char) for sent in doc.sents])


def _candidates(drafts, i: int, types: set[str] | None, back_sents: int | None, sent_of, doc,
                plural: bool | None = None, quoted: list | None = None):
    d = drafts[i]
    here = sent_of.get(d.head, 0)
    datelines = _datelines(doc)
    for j in range(i - 1, -1, -1):
        c = drafts[j]
        if c.start >= d.start or (c.start <= d.start and c.end >= d.end):
            continue  # only mentions wholly before (not containing) this one
        if any(s <= c.start < e for s, e in datelines):
            continue  # the agency of a dateline is no antecedent: "(Reuters) - A strain ... It has killed"
        if quoted is not None and quoted[j] is not None and quoted[j] != quoted[i]:
            continue  # "'... Obama ...,' she said": the writer's pronoun is not bound inside a quotation
        if c.kind in ("demonym",) or (c.kind == "pronoun" and c.antecedent is None):
            continue
        if back_sents is not None and here - sent_of.get(c.head, here) > back_sents:
            break
        ctype = drafts[_root(drafts, j)].type or c.type
        if types is not None and ctype not in types:
            continue
        if plural is not None and c.plural != plural and c.kind != "name":
            continue
        if plural and c.kind == "name" and ctype not in ("ORG", "NORP"):
            continue
        yield j


def _title_word(word: str) -> bool:
    w = word.lower()
    return w in lexicon.titles() or w in lexicon.role_nouns() or w.rstrip(".") in lexicon.honorifics()


def _capitalized_modifiers_of(head_lemma: str, drafts_) -> set[str]:
    """Capitalized words before ``head_lemma`` in the roles of these mentions
    ("Republican" in "Republican nominee")."""
    out = set()
    for d in drafts_:
        for text, *_ in d.roles:
            words = text.replace("'s", "").split()
            low = [w.lower().strip(",.") for w in words]
            for k, w in enumerate(low):
                if w == head_lemma or w.rstrip("s") == head_lemma:
                    out |= {x.lower() for x in words[:k] if x[:1].isupper() and not _title_word(x)}
    return out


def _name_groups(doc, drafts) -> dict[int, int]:
    """In-article person name groups: index -> group representative. A surname
    alone joins the one full name that ends with it; full names group when
    equal."""
    full: dict[str, list[int]] = {}
    group = {}
    for i, d in enumerate(drafts):
        if d.kind == "name" and d.type == "PERSON":
            words = d.name.split()
            if len(words) > 1:
                rep = next((g for g in full.get(words[-1], []) if drafts[g].name == d.name), None)
                if rep is None:
                    full.setdefault(words[-1], []).append(i)
                    rep = i
                group[i] = rep
    for i, d in enumerate(drafts):
        if d.kind == "name" and d.type == "PERSON" and i not in group:
            reps = full.get(d.name, [])
            group[i] = reps[0] if len(reps) == 1 else i
    return group


def _resolve_person_nominal(doc, drafts, i, sent_of, countries, groups, group_words,
                            avoid=None) -> int | None:
    d = drafts[i]
    head_lemma = doc[d.head].lemma_.lower()
    mine = countries[i]
    mine_caps = {t.text.lower() for t in doc[d.start:d.head] if t.text[:1].isupper() and not _title_word(t.text)}
    best, best_score = None, None
    for j in _candidates(drafts, i, {"PERSON"}, None, sent_of, doc):
        r = _root(drafts, j)
        rd = drafts[r]
        if rd.kind != "name" or (avoid and r in avoid):
            continue
        g = groups.get(r, r)
        theirs = countries[r] | countries[j] | group_words[g][1]
        if mine and not (mine & theirs):
            continue  # the nominal names a country the person is not tied to
        words = _role_words(rd) | _role_words(drafts[j]) | group_words[g][0]
        theirs_caps = _capitalized_modifiers_of(head_lemma, [rd, drafts[j]])
        if mine_caps and theirs_caps and not (mine_caps & theirs_caps):
            continue  # "the Democratic nominee" is not the one called "Republican nominee"
        role_match = head_lemma in words or doc[d.head].lower_ in words
        country_match = bool(mine & theirs)
        if not role_match and not (head_lemma in GENERIC_HEADS and country_match):
            continue
        score = 2.0 * role_match + 1.0 * country_match + _salience(doc, sent_of, d, drafts[j],
                                                                   sent_of.get(d.head, 0))
        if best_score is None or score > best_score:
            best, best_score = j, score
    return best


def _chain_gender_root(drafts, j, genders) -> int:
    """The first mention up j's chain whose gender is known (else j's root)."""
    seen = set()
    while genders[j] is None and drafts[j].antecedent is not None and j not in seen:
        seen.add(j)
        j = drafts[j].antecedent
    return j


MAIN_CLAUSE_DEPS = frozenset({"ROOT", "conj", "parataxis"})  # not "after Trump said", "who said"
SPEECH_PERSONS = frozenset({"first", "second"})  # pronoun classes of the speaker and addressee


def _resolve_by_type(doc, drafts, i, sent_of, types, back_sents, plural=None, exclude_binding=False,
                     no_pronouns=False, genders=None, quoted=None, avoid=None):
    """The most salient earlier mention of one of ``types`` within ``back_sents``; ``avoid``:
    chains (their first mentions) none of whose mentions may be taken."""
    d = drafts[i]
    here = sent_of.get(d.head, 0)
    best, best_score = None, None
    for j in _candidates(drafts, i, types, back_sents, sent_of, doc, plural=plural, quoted=quoted):
        c = drafts[j]
        if c.kind == "pronoun" and (no_pronouns or lexicon.pronouns().get(doc[c.head].lower_) in SPEECH_PERSONS):
            continue  # "I have not seen it ... She cannot win": a third person is not the speaker's "I"
        if exclude_binding and (_bound_by_own_subject(doc, doc[d.head], doc[c.head])
                                or _commands(doc[d.head], doc[c.head])):
            continue
        if avoid and _root(drafts, j) in avoid:
            continue
        if doc[c.head].head.i == d.head:  # the pronoun's own modifier
            continue
        if genders is not None:
            want = genders[i]
            have = genders[_chain_gender_root(drafts, j, genders)]
            if want and have and want != have:
                continue
        score = _salience(doc, sent_of, d, c, here)
        if best_score is None or score > best_score:
            best, best_score = j, score
    return best


def _same_head(doc, drafts, i, countries) -> int | None:
    d = drafts[i]
    lemma = doc[d.head].lemma_.lower()
    for j in range(i - 1, -1, -1):
        c = drafts[j]
        if c.end > d.start or c.kind == "pronoun":
            continue
        if doc[c.head].lemma_.lower() == lemma and c.plural == d.plural:
            mods = {t.lower_ for t in doc[d.head].children
                    if t.dep_ in ("amod", "compound", "nmod", "poss", "nummod") and t.i < d.head}
            if not mods <= {t.lower_ for t in doc[c.start:c.end]}:
                continue  # "the Donetsk region" is not "an eighth region"
            r = _root(drafts, j)
            theirs = countries[j] | countries[r]
            if countries[i] != theirs and (countries[i] or theirs):
                continue  # "Ukraine's president" is not "the Russian president"
            return j
    return None


def _of_name(doc, drafts, by_head, i) -> int | None:
    """ "the city of Vladivostok": a place or organization noun named by its of-complement."""
    head = doc[drafts[i].head]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                j = by_head.get(obj.i)
                if obj.dep_ == "pobj" and j is not None and drafts[j].kind == "name":
                    return j
    return None


def _name_containing_head(doc, drafts, i) -> int | None:
    """ "the store" after "the iTunes Store", "the phone" after "iPhone": the
    nearest earlier name one of whose words ends with the nominal's head."""
    lemma = doc[drafts[i].head].lemma_.lower()
    if len(lemma) < 4:
        return None
    for j in range(i - 1, -1, -1):
        c = drafts[j]
        if c.kind == "name" and c.end <= drafts[i].start and any(
                w.lower().endswith(lemma) or w.lower().rstrip("s").endswith(lemma) for w in c.name.split()):
            return j
    return None


def _inside(tok, quotations) -> bool:
    return _quotation_at(tok.idx, quotations) is not None


def _speech_subject(verb, quotations):
    """The active subject of a speech verb written outside quotations. The parser sometimes
    makes the quotation's last noun the subject and the speaker its appositive ("... between
    the board and the mayor,” Ross, an aide, said"): then the appositive."""
    for child in verb.children:
        if child.dep_ != "nsubj":
            continue  # a passive's subject is what was said ("it was never mentioned")
        if not _inside(child, quotations) or _inside(verb, quotations):
            return child
        return next((t for t in child.children if t.dep_ == "appos" and not _inside(t, quotations)), None)
    return None


def _speaker(doc, drafts, by_head, i, sent_of, quotations) -> int | None:
    """The subject of a speech verb in the pronoun's sentence, else in the
    sentence before or after (a quote spanning a whole sentence)."""
    here = sent_of.get(drafts[i].head, 0)
    sents = sentences(doc)
    verbs = lexicon.speech_verbs()
    for k in (here, here - 1, here + 1):
        if not 0 <= k < len(sents):
            continue
        for tok in sents[k]:
            if tok.lemma_.lower() not in verbs or tok.pos_ not in ("VERB", "AUX"):
                continue
            child = _speech_subject(tok, quotations)
            if child is not None and child.i in by_head and by_head[child.i] != i:
                j = by_head[child.i]
                if drafts[j].kind != "pronoun" or drafts[j].antecedent is not None:
                    return j
    return None


def _tied_countries(drafts, j, countries) -> set[str]:
    """Countries a candidate is or stands for: its own name, metonymy, modifiers."""
    r = _root(drafts, j)
    out = set(countries[j]) | set(countries[r])
    for d in (drafts[j], drafts[r]):
        if d.name:
            out.add(lexicon.aliases().get(d.name, d.name))
        if d.metonym_of:
            out.add(d.metonym_of)
    return out


def _person_possessor(tok) -> bool:
    """The noun has a person as possessor: a possessive pronoun or a person's name."""
    for child in tok.children:
        if child.dep_ == "poss" and (child.tag_ == "PRP$" or child.ent_type_ == "PERSON"):
            return child.lower_ not in ("its",)
    return False


def _relative_antecedent(doc, drafts, by_head, i) -> int | None:
    """ "which"/"who"/"whose" refers to the noun its relative clause modifies."""
    tok = doc[drafts[i].head]
    verb = tok.head if tok.dep_ != "poss" else tok.head.head
    while verb.dep_ not in ("relcl", "acl") and verb.head.i != verb.i and verb.i > tok.i - 3:
        verb = verb.head
        if verb.dep_ in ("relcl", "acl"):
            break
    if verb.dep_ in ("relcl", "acl"):
        j = by_head.get(relative_host(tok, verb.head).i)
        if j is not None and j != i:
            return j
    return None


def relative_host(rel, noun):
    """The noun a relative pronoun ``rel`` refers to, given the ``noun`` its clause hangs on.
    "who" is said of people: a clause the parser hung on the organization in a person's
    description is the person's ("Ines Duarte, an engineer for the Water Board, who has ...")."""
    if rel.lower_ not in ("who", "whom") or noun.ent_type_ not in NON_PERSON_ENTS:
        return noun
    up = noun
    while up.dep_ == "pobj" and up.head.dep_ == "prep" and up.head.head.pos_ in ("NOUN", "PROPN"):
        up = up.head.head
    while up.dep_ == "appos" and up.head.i != up.i:
        up = up.head
    person = up.ent_type_ == "PERSON" or (up.pos_ == "NOUN" and up.lemma_.lower() in lexicon.role_nouns())
    return up if up.i != noun.i and person else noun


def _specific(head, children) -> bool:
    """A noun phrase made specific before its head ("the 1990 government", "the Labour
    government", "the state government"): no antecedent by type alone."""
    return any(c.dep_ in ("nummod", "compound", "npadvmod") or any(ch.isdigit() for ch in c.text)
               or (c.dep_ == "amod" and c.text[:1].isupper() and not lexicon.country_of_demonym(c.text))
               for c in children if c.i < head.i)


def link_mentions(doc, drafts) -> None:
    """Set ``antecedent`` on nominal and pronoun drafts (sorted by position), in place."""
    sent_of = _sent_of(doc)
    quotations = _double_quotations(doc)
    units = _units_of(doc, sent_of, quotations)
    by_head = _token_owner(drafts)
    countries = _PerDraft(lambda d: _countries_near(doc, d), drafts)
    genders = [_gender_of(doc, d) for d in drafts]
    own_genders = list(genders)  # what each mention's own words say (stored on the records)
    groups = _name_groups(doc, drafts)
    group_words: dict[int, tuple[set, set]] = {}
    for i in range(len(drafts)):
        g = groups.get(i, i)
        words, ctry = group_words.setdefault(g, (set(), set()))
        if i in groups:
            words |= _role_words(drafts[i])
            ctry |= countries[i]
    pron = lexicon.pronouns()
    quoted = _quotation_of(doc, drafts, quotations)
    initial = [(d.antecedent, d.type) for d in drafts]
    speakers = _quotation_speakers(doc, drafts, by_head, quotations)

    def _speaker_chains(i) -> set[int]:
        """The chains (first mentions) of the speaker of the quotation holding mention i, with
        every name of the speaker's name group ("“He is right,” Ross said": "He" is someone
        Ross speaks of, not Ross, nor "Ana Ross" named before)."""
        k = quoted[i]
        if k is None or k not in speakers or speakers[k] == i:
            return set()
        r = _root(drafts, speakers[k])
        rep = groups.get(r, r)
        return {r} | {g for g, g_rep in groups.items() if g_rep == rep}

    def link_nominal(i, d) -> None:
        j = _syntactic_link(doc, drafts, by_head, i)
        if j is None and d.type in ("GPE", "LOC", "ORG"):
            j = _of_name(doc, drafts, by_head, i)
        relational = _person_possessor(doc[d.head])  # "her press secretary" is someone else
        unnamed_same_head = None
        if j is None and d.definite and not relational:
            j = _same_head(doc, drafts, i, countries)
            if j is not None and d.type == "PRODUCT" and drafts[_root(drafts, j)].kind != "name":
                # "A container ship ran aground ... The Ever Given, a vessel ... the ship": a
                # named vessel, if there is one, before the unnamed chain (for organizations
                # and places the same preference took "the city" for a park's name)
                unnamed_same_head, j = j, None
        if j is None and d.definite and d.type == "PERSON" and not d.plural and not relational:
            j = _resolve_person_nominal(doc, drafts, i, sent_of, countries, groups, group_words,
                                        avoid=_speaker_chains(i))
        if j is None:
            head_children = list(doc[d.head].children)
            has_name_inside = any(c.kind == "name" and d.start <= c.start and c.end <= d.end
                                  for c in drafts[max(0, i - 3):i + 4] if c is not d)
            has_name_inside = has_name_inside or any(c.dep_ == "compound" and c.pos_ == "PROPN"
                                                     for c in head_children)
            the = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head_children)
        if j is None and the and d.type in ("ORG", "GPE", "PRODUCT") and not has_name_inside and not d.plural \
                and not _specific(doc[d.head], head_children):
            j = _resolve_by_type(doc, drafts, i, sent_of, ENTITY_TYPES_FOR_ORG_NOUN[d.type], 3,
                                 plural=None, no_pronouns=True)
            if j is not None and drafts[_root(drafts, j)].kind != "name":
                j = None
            if j is not None and countries[i] and not (countries[i] & _tied_countries(drafts, j, countries)):
                j = None  # "the Israeli government" is not the Soviet Union's
        if j is None:
            j = unnamed_same_head
        if j is None and the and not has_name_inside:
            j = _name_containing_head(doc, drafts, i)
        if j is None and the and not d.type and not d.plural and not has_name_inside:
            j = _resolve_by_type(doc, drafts, i, sent_of, {"PRODUCT"}, 2, no_pronouns=True)
            if j is not None and drafts[_root(drafts, j)].kind != "name":
                j = None
        if j is not None and j != i:
            d.antecedent = j
            if not d.type:
                d.type = drafts[_root(drafts, j)].type

    def link_pronoun(i, d, genders, votes, voted) -> None:
        cls = pron.get(doc[d.head].lower_)
        j = None
        if doc[d.head].tag_ in RELATIVE_TAGS:
            j = _relative_antecedent(doc, drafts, by_head, i)
        elif cls == "first":
            j = _speaker(doc, drafts, by_head, i, sent_of, quotations)
            if j is not None:
                stype = drafts[_root(drafts, j)].type
                singular = doc[d.head].lower_ in ("i", "me", "my", "mine", "myself")
                if singular and stype not in ("PERSON", ""):
                    j = None
                elif not singular and stype == "PERSON":
                    j = None  # "we" of a person speaker is their group, not them
        elif cls == "person":
            avoid = ({_own_subject_chain(doc, drafts, by_head, i)} - {None}) | _speaker_chains(i)
            j = _resolve_by_type(doc, drafts, i, units, {"PERSON"}, PERSON_WINDOW, plural=False,
                                 exclude_binding=True, genders=genders, quoted=quoted, avoid=avoid)
        elif cls == "thing" and not _pleonastic(doc[d.head]):
            j = _resolve_by_type(doc, drafts, i, sent_of, THING_TYPES, 1, plural=False,
                                 exclude_binding=True)
        elif cls == "plural":
            j = _resolve_by_type(doc, drafts, i, sent_of, {"ORG", "NORP", "PERSON", ""}, 1,
                                 plural=True, exclude_binding=True)
        if j is not None:
            d.antecedent = j
            if not d.type:
                d.type = drafts[_root(drafts, j)].type
            r = _root(drafts, j)
            # "she" tells the name's gender; a quotation's pronoun only when what it is
            # bound to stands in its sentence ("Trump represents the 'system that he
            # claims'"), not across a quotation's edge
            telling = genders[i] and (quoted[i] is None
                                      or sent_of.get(drafts[j].head) == sent_of.get(d.head))
            rep_r = groups.get(r, r)
            if telling and votes is not None:
                votes.setdefault(rep_r, Counter())[genders[i]] += 1
            elif telling and genders[r] is None and rep_r not in voted:
                genders[r] = genders[i]
                for k, rep in groups.items():
                    if rep == rep_r and genders[k] is None:
                        genders[k] = genders[i]

    def run(genders, votes, voted) -> None:
        """One pass over the mentions in order. The first records, for each name group,
        the genders of the personal pronouns bound to it (``votes``); the second binds with
        the genders the votes decided, and lets a pronoun tell a name its gender only for
        groups no pronoun had voted on (``voted``)."""
        for i, d in enumerate(drafts):
            if d.kind == "nominal":
                link_nominal(i, d)
            elif d.kind == "pronoun":
                link_pronoun(i, d, genders, votes, voted)

    # pass one: bind by salience and the mentions' own words, and count the votes
    votes: dict[int, Counter] = {}
    run(list(genders), votes, set())
    # a name group is of the gender most of its pronouns give it (two to one at least, and
    # three votes when both genders have some): one pronoun bound wrongly no longer decides
    decided = False
    for rep, count in votes.items():
        ranked = count.most_common() + [(None, 0)]
        (top, n), (_, other) = ranked[0], ranked[1]
        if n >= 2 * other and (other == 0 or n + other >= 3):
            for k in range(len(drafts)):
                if groups.get(k, k) == rep and genders[k] is None:
                    genders[k] = top
                    decided = True
    if decided:  # else the second reading would bind exactly as the first did
        for d, (antecedent, type_) in zip(drafts, initial):
            d.antecedent, d.type = antecedent, type_
        run(genders, None, set(votes))
    for d, g in zip(drafts, own_genders):
        d.gender = g
