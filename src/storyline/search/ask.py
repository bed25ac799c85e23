"""Answer a plain question from the stored analysis, with citations.

No language model: the question's content words go to the store's full-text
ranking over sentences (BM25 on SQLite, ts_rank_cd on PostgreSQL); entities
named in the question and the kind of fact it asks for ("who said", "what
does X want") boost sentences that carry quotes, events or
positions of those entities. The answer is the best-ranked extracted facts and
the sentences that support them, each with article id and character offsets.
When the optional sentence-embedding model is installed, its similarity joins
the ranking. Some questions shape the answer (``data/answer_forms.tsv``): "when" leads
with the date the text gives, "who is X" gives X's roles (or who holds the role asked
about), "how many" the best sentence holding a number. Nothing is made up: with no
supporting fact or sentence, ``answer`` is None.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..entities.query import roles_over_time
from ..events import lexicon as event_lexicon
from ..events.positions import stance_words
from ..quotes.query import not_said, said_text
from ..records import to_dict
from ..store import open_store
from . import resources, semantic
from .fulltext import parse_highlight, query_terms
from .index import CorpusIndex, Fact

_WORD = re.compile(r"\w+(?:\.\w+)*\.?")
FTS_CANDIDATES = 300
SEMANTIC_CANDIDATES = 50
W_ENTITY = 0.4
W_HOLDER = 1.0
W_OVERLAP = 1.0
W_SEMANTIC = 1.0
W_OTHER_HOLDER = 0.5
W_NUMBER = 0.5  # "how many ...": a sentence holding a number
W_TENSE = 1.0  # "when did ...": a planned or supposed event answers less well ("when will ...": one past)
W_EVENT_TYPE = 0.5  # "when did they meet": an event of the category the question's verb names (a summit)
W_CUE = 0.5  # "who condemned the hanging": a quote whose reporting verb is the question's verb
UNREAL = ("planned", "hypothetical", "negated")
ROLES_SHOWN = 4  # "who is X": the roles named most often
EVENT_LIKE = {"event": "event", "action": "event"}  # fact kinds a question asking for events takes


@dataclass(frozen=True)
class Citation:
    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    score: float
    title: str = ""
    published: str | None = None
    reasons: tuple[str, ...] = ()
    highlights: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class AnswerFact:
    kind: str  # quote | event | position | role
    article_id: str
    index: int  # position in the article's list of that kind
    sentence: int
    start: int
    end: int
    text: str
    score: float
    who: str | None = None  # entity id of speaker / holder / agent
    who_name: str = ""
    summary: str = ""
    record: dict | None = None


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str | None
    citations: tuple[Citation, ...]
    facts: tuple[AnswerFact, ...]
    entities: tuple[str, ...] = ()
    asks_for: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    semantic: bool = False
    # "fact" (an extracted fact) | "sentence" (named in, or read from, the best sentence) |
    # "date" (when: the date of the best fact or sentence) | "entity" (who is: the roles given)
    answer_kind: str | None = None
    answer_span: tuple[str, int, int] | None = None  # (article id, start, end) the answer comes from


def _tokens(text: str) -> list[str]:
    return [t.lower().rstrip(".") if t.count(".") <= 1 else t.lower() for t in _WORD.findall(text)]


def question_entities(index: CorpusIndex, question: str) -> list[str]:
    """Entities whose name or alias occurs in the question as whole words; a
    bare surname matches a multi-word person name. Most mentioned first."""
    q = " " + " ".join(_tokens(question)) + " "
    stop = resources.question_words()
    found = []
    for e in sorted(index.entities.values(), key=lambda e: -e.mention_count):
        names = {n for n in (e.name, *e.names) if n}
        keys = {" ".join(_tokens(n)) for n in names}
        if e.type == "PERSON":
            keys |= {_tokens(n)[-1] for n in names if len(_tokens(n)) > 1}
        keys = {k for k in keys if k and k not in stop and len(k) > 1}
        if any(f" {k} " in q for k in keys):
            found.append(e.id)
    return found


def asked_kinds(question: str) -> dict[str, float]:
    """Fact kinds the question asks for (quote, position, event, stance:X) with boosts."""
    table = resources.intents()
    out: dict[str, float] = {}
    for tok in _tokens(question):
        for kind, boost in table.get(tok, {}).items():
            out[kind] = max(out.get(kind, 0.0), boost)
    return out


def _content_words(text: str) -> set[str]:
    stop = resources.question_words()
    return {t[:5] for t in _tokens(text) if len(t) > 2 and t not in stop}


def _fact_record(index: CorpusIndex, f: Fact):
    an = index.analyses[f.article_id]
    return {"quote": an.quotes, "event": an.events, "action": an.actions, "position": an.positions}[f.kind][f.index]


def _intent_boost(f: Fact, rec, kinds: dict[str, float]) -> float:
    b = kinds.get(EVENT_LIKE.get(f.kind, f.kind), 0.0)
    if f.holder and "holder" in kinds:
        b = max(b, kinds["holder"])
    if f.kind == "position":
        b = max(b, kinds.get(f"stance:{rec.stance}", 0.0))
    return b


def _fact_boost(index, f: Fact, rec, q_ents: set[str], kinds, q_words: set[str],
                tense: str | None = None, types: frozenset[str] = frozenset()) -> tuple[float, list[str]]:
    score, why = 0.0, []
    if f.kind in EVENT_LIKE and rec.type in types:
        score += W_EVENT_TYPE
        why.append(f"an event of the kind asked ({rec.type})")
    if f.kind == "quote" and rec.cue is not None and q_words & _content_words(rec.cue.text):
        score += W_CUE
        why.append(f"said with the question's verb ({rec.cue.text})")
    if f.kind in EVENT_LIKE and tense is not None and (
            (tense == "past" and rec.modality in UNREAL) or (tense == "future" and rec.modality != "planned")):
        score -= W_TENSE  # "when did they meet": the meeting that happened, not the one announced
    named_holder = bool(f.holder) and f.holder in q_ents
    if named_holder and "holder" not in kinds:
        score += W_HOLDER
        why.append(f"{f.kind} by {index.entity_name(f.holder)}")
    elif named_holder or q_ents & set(f.entities):
        # in "Who said Ukraine would not withdraw?" the actor the question names is what was
        # said about, not who said it: its own facts only involve it
        score += 0.3
        why.append(f"{f.kind} involving a named entity")
    elif f.holder and q_ents and "holder" not in kinds:
        score -= W_OTHER_HOLDER  # "what does X want": someone else's stance answers less well
    # and a stance or quote that involves none of the named entities is not the kind asked for:
    # Y's demand reported by X, or an unresolved "they" praising, is not what X wants
    relevant = (f.kind in EVENT_LIKE or not q_ents or f.holder in q_ents or bool(q_ents & set(f.entities))
                or "holder" in kinds)
    ib = _intent_boost(f, rec, kinds) if relevant else 0.0
    if ib > 0:
        score += ib
        why.append(f"asks for {f.kind}")
    if q_words:
        text = f.text if f.kind != "position" else f"{rec.topic} {rec.text}"
        words = _content_words(text)
        if f.kind == "event" and rec.lemma:
            # "when did the ship sink": "sank" is the question's verb (a typed event only: an
            # untyped action's lemma may be a verb of aspect, "began" in "begin repairing")
            words |= _content_words(rec.lemma)
        overlap = len(q_words & words) / len(q_words)
        score += W_OVERLAP * overlap
    return score, why


def summarize_fact(index: CorpusIndex, f: Fact, rec) -> str:
    """A one-line statement of the fact, quoting only the record's own text."""
    who = index.entity_name(f.holder)
    if f.kind == "quote":
        who = (who or rec.speaker_text or "unattributed") + not_said(rec)
        return f"{who}: {said_text(rec)}"  # a direct quote keeps the source's own marks
    if f.kind == "position":
        who = who or rec.holder_text or "unattributed"
        word, net = stance_words(rec)
        return f"{who} ({word}, {net}): {rec.text}"
    date = rec.time_value or ""
    what = f"{rec.trigger} ({rec.type}, {rec.modality}" + (f", {date})" if date else ")")
    return f"{who}: {what}" if who else what


def _semantic_scores(index: CorpusIndex, question: str, encoder) -> dict[tuple[str, int], float]:
    keys = [(aid, s.index) for aid, an in index.analyses.items() for s in an.sentences]
    vecs = index.cache.get("sentence_vectors")
    if vecs is None:
        vecs = encoder([index.sentence_text(a, i) for a, i in keys]) if keys else []
        index.cache["sentence_vectors"] = vecs
    if not keys:
        return {}
    q = encoder([question])[0]
    return {k: semantic.cosine(q, v) for k, v in zip(keys, vecs)}


def ask(db: str, question: str, index: CorpusIndex, limit: int = 5, use_semantic: bool = True) -> Answer:
    """Rank supporting sentences and extracted facts for ``question``."""
    stop = resources.question_words()
    q_ents = question_entities(index, question)
    q_ent_set = set(q_ents)
    kinds = asked_kinds(question)
    terms = query_terms(question, stop)
    q_words = _content_words(question)
    form = question_form(question)
    tense = question_tense(question)
    ev_types = frozenset(asked_event_types(question))

    bm25: dict[tuple[str, int], float] = {}
    marks: dict[tuple[str, int], list[tuple[int, int]]] = {}
    if terms:
        with open_store(db, readonly=True) as store:
            rows = store.fts_rows("sentences", terms, "any", None, FTS_CANDIDATES)
        best = max((r.score for r in rows), default=0.0) or 1.0
        for r in rows:
            key = (r.article_id, r.idx)
            bm25[key] = r.score / best
            _, spans = parse_highlight(r.marked)
            marks[key] = [(r.start + a, r.start + b) for a, b in spans]

    candidates = set(bm25)
    for eid in q_ents:
        candidates |= index.entity_sentences.get(eid, set())
    for f in index.facts:
        if f.holder in q_ent_set:
            candidates.add((f.article_id, f.sentence))

    encoder = semantic.get_encoder() if use_semantic else None
    sem: dict[tuple[str, int], float] = {}
    if encoder is not None:
        sem = _semantic_scores(index, question, encoder)
        candidates |= set(sorted(sem, key=lambda k: -sem[k])[:SEMANTIC_CANDIDATES])

    sent_scores: dict[tuple[str, int], float] = {}
    reasons: dict[tuple[str, int], list[str]] = defaultdict(list)
    facts: list[AnswerFact] = []
    for key in candidates:
        aid, idx = key
        if aid not in index.analyses or idx < 0:
            continue
        score = bm25.get(key, 0.0)
        if key in bm25:
            reasons[key].append("words of the question")
        named = q_ent_set & index.sentence_entities.get(key, set())
        if named:
            score += W_ENTITY * min(2, len(named))
            reasons[key].append("mentions " + ", ".join(sorted(filter(None, map(index.entity_name, named)))))
        if key in sem:
            score += W_SEMANTIC * max(0.0, sem[key])
        fact_part = []
        for f in index.sentence_facts.get(key, []):
            rec = _fact_record(index, f)
            boost, why = _fact_boost(index, f, rec, q_ent_set, kinds, q_words, tense, ev_types)
            fact_part.append((f, rec, boost))
            reasons[key].extend(why)
        score += 0.5 * max((b for _, _, b in fact_part), default=0.0)
        if form == "how_many" and score > 0:
            s = index.sentence(aid, idx)
            if s is not None and _holds_number(index, aid, s.start, s.end):
                score += W_NUMBER
                reasons[key].append("holds a number")
        if score <= 0:
            continue  # nothing in the question points here
        sent_scores[key] = score
        for f, rec, boost in fact_part:
            if "holder" in kinds and not f.holder:
                continue  # asks who; this fact does not say
            facts.append(AnswerFact(
                f.kind, aid, f.index, idx, f.start, f.end, f.text, round(score + boost, 4), f.holder,
                index.entity_name(f.holder) or "", summarize_fact(index, f, rec), to_dict(rec)))

    ranked = sorted(sent_scores, key=lambda k: (-sent_scores[k], k))[:limit]
    citations = []
    for key in ranked:
        aid, idx = key
        s = index.sentence(aid, idx)
        art = index.articles[aid]
        citations.append(Citation(aid, idx, s.start, s.end, art.text[s.start:s.end], round(sent_scores[key], 4),
                                  art.title, index.article_date(aid), tuple(dict.fromkeys(reasons[key])),
                                  tuple(marks.get(key, ()))))
    facts.sort(key=lambda f: (-f.score, f.article_id, f.start))
    facts = [f for f in facts if f.score > 0][:limit]
    answer, kind = (facts[0].summary, "fact") if facts else (None, None)
    top = citations[0] if citations else None
    span = (facts[0].article_id, facts[0].start, facts[0].end) if facts else None
    top_span = (top.article_id, top.start, top.end) if top is not None else None
    described = _described(index, question, q_ents) if form == "who_is" else None
    if form == "when" and (facts or top):
        answer, kind = _dated_answer(index, facts[0] if facts else None, top), "date"
        span = span or top_span
    elif form == "how_many" and top is not None and _holds_number(index, top.article_id, top.start, top.end):
        answer, kind, span = top.text.strip(), "sentence", top_span
    elif described is not None:
        answer, kind = described[0], "entity"
        facts = (described[1] + facts)[:limit]
        span = (facts[0].article_id, facts[0].start, facts[0].end)
    else:
        top_has_holder = top is not None and any(
            f.holder for f in index.sentence_facts.get((top.article_id, top.sentence), []))
        if "holder" in kinds and top is not None and not top_has_holder:
            named = sentence_actor(index, citations[0], q_ent_set)
            if named:
                answer, kind, span = (f"{named} (named in the best-matching sentence: “{top.text}”)",
                                      "sentence", top_span)
    return Answer(question, answer, tuple(citations), tuple(facts), tuple(q_ents), tuple(sorted(kinds)),
                  tuple(terms), encoder is not None, kind, span if answer else None)


def asked_event_types(question: str) -> set[str]:
    """The event categories the question's words trigger (``events/data/triggers.tsv``, a word
    read as written or without a plural/verb ending): "meet" asks for a CONSULT event, which a
    summit answers as well as a meeting."""
    table = event_lexicon.triggers()
    out = set()
    for w in _tokens(question):
        forms = {w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("ed") else w,
                 w[:-3] if w.endswith("ing") else w}
        for form in forms:
            # a row that asks only what its subject is ("sink" @PRODUCT) names the word's sense too
            out |= {r.label for r in table.get(form, ())
                    if (not r.particle or r.subject_kind) and r.label != "OTHER"}
    return out


def question_tense(question: str) -> str | None:
    """"past" ("When did X meet Y?") or "future" ("When will X meet Y?") by
    ``data/answer_forms.tsv``; None when the question says neither or both."""
    forms = resources.answer_forms()
    said = [t for t in ("past", "future") if t in forms and forms[t].search(question)]
    return said[0] if len(said) == 1 else None


def question_form(question: str) -> str | None:
    """The answer shape the question asks for (``data/answer_forms.tsv``): "when",
    "who_is", "how_many", or None."""
    forms = resources.answer_forms()
    return next((f for f in ("when", "who_is", "how_many") if f in forms and forms[f].search(question)), None)


def _holds_number(index: CorpusIndex, aid: str, start: int, end: int) -> bool:
    """A number between ``start`` and ``end`` of the article, outside its time expressions."""
    an = index.analyses[aid]
    times = [(t.start, t.end) for t in an.timexes]
    return any(not any(a <= m.start() < b for a, b in times)
               for m in resources.answer_forms()["number"].finditer(index.articles[aid].text, start, end))


def _stated_time(index: CorpusIndex, aid: str, start: int, end: int, near: int):
    """The date or time expression of the sentence ``start``-``end`` nearest to ``near``, one
    with a calendar value ("2016-07-05", "2016-07") first; None when the sentence has none."""
    found = [t for t in index.analyses[aid].timexes
             if start <= t.start < end and t.type in ("DATE", "TIME") and t.function != "CREATION_TIME"]
    return min(found, key=lambda t: (not t.value[:1].isdigit(), abs(t.start - near)), default=None)


def _dated_answer(index: CorpusIndex, fact: AnswerFact | None, top: Citation | None) -> str:
    """"When ...": the date of the best fact (an event's own date, else the time expression of
    its sentence), else of the best sentence; only the report's date when the text names none."""
    if fact is not None:
        aid, what, near = fact.article_id, fact.summary, fact.start
        s = index.sentence(aid, fact.sentence)
        start, end = (s.start, s.end) if s else (fact.start, fact.end)
    else:
        aid, what, near, start, end = top.article_id, top.text.strip(), top.start, top.start, top.end
    rec = (fact.record or {}) if fact is not None else {}
    if fact is not None and fact.kind == "event" and rec.get("timex_index") is None:
        dated = _event_dated_elsewhere(index, fact)
        if dated:
            return f"{dated}: {what}"
    if fact is not None and fact.kind in EVENT_LIKE and (rec.get("time_value") or "")[:1].isdigit():
        if rec.get("timex_index") is None:  # told as done, no time expression of its own
            return (f"by {rec['time_value']} (no time expression dates it: the day named just before it, "
                    f"else the report's): {what}")
        return f"{rec['time_value']}: {what}"
    t = _stated_time(index, aid, start, end, near)
    if t is not None and t.value[:1].isdigit():
        return f"{t.value}: {what}"
    if t is not None:
        return f"“{t.text}” (no calendar day: the report is undated): {what}"
    day = index.article_date(aid)
    if day:
        return f"{day} (the date of the report; the text names no day): {what}"
    return f"no date known (the report is undated and names no day): {what}"


def _event_dated_elsewhere(index: CorpusIndex, fact: AnswerFact) -> str:
    """For an event mention without a time expression of its own: the date of its event (the
    cross-article cluster) when another mention's time expression gives that very day, with
    where it says so ("2010-01-12 (“Tuesday” in report 3f2a…, one of 161 mentions)"); ""
    otherwise."""
    event = index.events.get(index.event_id(fact.article_id, fact.index) or "")
    if event is None or not event.date:
        return ""
    for aid, k in event.mentions:
        an = index.analyses.get(aid)
        e = an.events[k] if an is not None and k < len(an.events) else None
        if e is None or e.timex_index is None or (e.time_value or "")[:10] != event.date:
            continue
        t = an.timexes[e.timex_index] if e.timex_index < len(an.timexes) else None
        said = f"“{t.text}” in report {aid}" if t is not None else f"report {aid}"
        return f"{event.date} ({said}, one of {len(event.mentions)} mentions of the event)"
    return ""


def _described(index: CorpusIndex, question: str, q_ents) -> tuple[str, list[AnswerFact]] | None:
    """"Who is X": the roles the articles give X, most often given first, each a cited fact;
    None when X is not an entity of the corpus by one of its names, or has no role."""
    m = resources.answer_forms()["who_is"].search(question)
    if m is None:
        return None
    asked = " ".join(_tokens(m.group("name")))
    asked = re.sub(r"^(?:the|a|an) ", "", asked)
    for eid in q_ents:
        e = index.entities[eid]
        keys = {" ".join(_tokens(n)) for n in (e.name, *e.names) if n}
        if asked not in keys or not e.roles:
            continue
        where = {(r.article_id, r.start, r.end): (i, r) for i, r in enumerate(e.roles)}
        ranked = sorted(roles_over_time(e), key=lambda rs: -len(rs.where))[:ROLES_SHOWN]
        facts = []
        for rs in ranked:
            i, r = where[rs.where[0]]
            n = len(rs.where)
            facts.append(AnswerFact("role", r.article_id, i, index.sentence_index(r.article_id, r.start),
                                    r.start, r.end, r.text, float(n), eid, e.name,
                                    f"{e.name}: {rs.text}" + (f" ({n} times)" if n > 1 else ""), to_dict(r)))
        return f"{e.name} ({e.type}): " + "; ".join(rs.text for rs in ranked), facts
    return _holders_of_role(index, asked)


_ROLE_GLUE = frozenset({"the", "a", "an", "of", "for", "at", "in", "'s"})


def _role_key(text: str) -> frozenset[str]:
    return frozenset(w for w in _tokens(text.replace("'s", " 's")) if w not in _ROLE_GLUE)


def _holders_of_role(index: CorpusIndex, asked: str) -> tuple[str, list[AnswerFact]] | None:
    """"Who is the president of Judicial Watch": the entities given that role, in any word
    order ("Judicial Watch President"), those given it most often first."""
    key = _role_key(asked)
    if not key:
        return None
    holders = []
    for e in index.entities.values():
        hits = [(i, r) for i, r in enumerate(e.roles) if _role_key(r.text) == key]
        if hits:
            holders.append((e, hits))
    if not holders:
        return None
    holders.sort(key=lambda eh: (-len(eh[1]), -eh[0].mention_count, eh[0].name))
    facts = [AnswerFact("role", r.article_id, i, index.sentence_index(r.article_id, r.start), r.start, r.end,
                        r.text, float(len(hits)), e.id, e.name, f"{e.name}: {r.text}", to_dict(r))
             for e, hits in holders for i, r in hits[:1]]
    names = "; ".join(f"{e.name} ({e.type}), called “{hits[0][1].text}”"
                      + (f" in {len(hits)} places" if len(hits) > 1 else "") for e, hits in holders[:ROLES_SHOWN])
    return names, facts


ACTOR_TYPES = ("PERSON", "ORG", "NORP", "GPE")


def sentence_actor(index: CorpusIndex, c: Citation, exclude: set[str]) -> str | None:
    """The first-named person (else organization, group, country) of a cited
    sentence that the question did not name itself, for "who" questions whose
    best sentence carries no attributed fact."""
    an = index.analyses[c.article_id]
    found: dict[str, list[tuple[int, str]]] = {t: [] for t in ACTOR_TYPES}
    for i, m in enumerate(an.mentions):
        if c.start <= m.start < c.end and m.kind == "name":
            eid = index.mention_entity(c.article_id, i)
            ent = index.entities.get(eid) if eid else None
            if ent is not None and eid not in exclude and ent.type in found:
                found[ent.type].append((m.start, ent.name))
    for t in ACTOR_TYPES:
        if found[t]:
            return min(found[t])[1]
    return None
