"""Quotes and attributions: who said what, in one article.

Public function: ``extract_quotes(doc, article, mentions) -> list[Quote]``.

The stage works in three steps over one parse:

1. reporting cues in the dependency parse give attributions with a source and a content
   (:mod:`storyline.quotes.cues`);
2. quotation marks in the raw text (:mod:`storyline.quotes.marks`) turn a cue's content
   into a direct quotation, attach quotations to cues that had no content ("..., said
   Caddell." / "Caddell continued:"), join a quotation split around its cue, and carry a
   speaker into the next paragraph's quotation; a short quotation with no speech act is a
   scare quote and is not speech;
3. each source span is linked to the article's entity mentions (:mod:`.speaker`).

The kind of an attribution is read from its content (:func:`classify_kind`): ``direct``
when the quoted words cover all of it, ``partial`` when it holds a quotation among
reported words, ``indirect`` otherwise.
"""
from __future__ import annotations

import bisect
import re

from ..chronology.bounds import dateline_end
from ..entities.lexicon import nominal_heads, role_nouns
from ..entities.lexicon import pronouns as pronoun_words
from ..nlp.docview import doc_text
from ..records import Article, Mention, Quote, Span
from ..records.entities import PLACE_TYPES
from .cues import Candidate, cue_candidates, source_span
from .lexicon import noun_cues
from .marks import QuoteSpan, doc_quote_spans, find_quote_spans
from .speaker import resolve_speaker

VERSION = "storyline.quotes.v2"
# a quotation with fewer words than this and no cue of its own is a scare quote / term
_MIN_SPEECH_WORDS = 5
# "Name: statement" at the start of a paragraph: at most this many words before the colon
_COLON_MAX_WORDS = 5
_COLON_MAX_CHARS = 60
_SPEAKER_TYPES = {"PERSON", "ORG", "NORP", "GPE"}
_PARAGRAPH = re.compile(r"[^\n]+")


def classify_kind(text: str, parts) -> str:
    """direct | partial | indirect for content pieces ``parts`` (char offsets into text)."""
    quoted = unquoted = 0
    for start, end in parts:
        piece = text[start:end]
        covered = [False] * len(piece)
        for q in find_quote_spans(piece):
            for i in range(q.start, q.end):
                covered[i] = True
        for ch, cov in zip(piece, covered):
            if ch.isalnum():
                if cov:
                    quoted += 1
                else:
                    unquoted += 1
    if quoted and not unquoted:
        return "direct"
    if quoted:
        return "partial"
    return "indirect"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _inside(inner: tuple[int, int], outer: tuple[int, int], slack: int = 0) -> bool:
    return outer[0] - slack <= inner[0] and inner[1] <= outer[1] + slack


def _word_count(text: str, span: tuple[int, int]) -> int:
    return sum(1 for w in text[span[0]:span[1]].split() if any(c.isalnum() for c in w))


class _Sentences:
    def __init__(self, doc):
        self.starts = [s.start_char for s in doc.sents]
        self.ends = [s.end_char for s in doc.sents]

    def index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)


def _paragraph_of(text: str, char: int) -> int:
    return text.count("\n", 0, char)


def _claim_quotes(text: str, cands: list[Candidate], quotes: list[QuoteSpan]) -> set[int]:
    """Make cue contents that are quotations direct; returns the quotes now used."""
    used: set[int] = set()
    for qi, q in enumerate(quotes):
        outer = (q.start, q.end)
        inner = q.inner
        for c in cands:
            if _inside(c.cue, outer):
                # a cue inside the quotation belongs to the quoted speaker's words: its
                # content stays inside the quotation too
                c.parts = [(max(p[0], inner[0]), min(p[1], inner[1])) for p in c.parts
                           if _overlap(p, inner)]
                continue
            for pi, part in enumerate(c.parts):
                if not _overlap(part, outer):
                    continue
                used.add(qi)
                if _inside(part, outer, slack=2):
                    c.parts[pi] = outer  # the content is the quotation: direct
                elif not _inside(outer, part):
                    c.parts[pi] = (min(part[0], q.start), max(part[1], q.end))
    return used


def _inside_any(span, cands: list[Candidate]) -> bool:
    return any(_inside(span, p) for c in cands for p in c.parts) or any(
        c.source and _inside(span, c.source) for c in cands)


def _attach_bare(text: str, q: QuoteSpan, bare: list[Candidate], sents: _Sentences,
                 taken: set[int]) -> Candidate | None:
    """A cue with no content of its own next to the quotation: same sentence, the short
    sentence right after it ("..." said X.), or the sentence before ending in ':' or ','."""
    q_first, q_last = sents.index(q.start), sents.index(max(q.start, q.end - 1))
    best, best_dist = None, None
    for bi, c in enumerate(bare):
        if bi in taken or _inside(c.cue, (q.start, q.end)):
            continue
        s = sents.index(c.cue[0])
        if c.cue[0] >= q.end:
            gap = text[q.end:c.cue[0]]
            ok = s <= q_last + 1 and "\n" not in gap and len(gap) < 80
        else:
            gap = text[c.cue[1]:q.start]
            ok = (s >= q_first - 1 and len(gap) < 120 and
                  (s == q_first or gap.rstrip()[-1:] in (":", ",")))
            ok = ok and gap.count("\n") <= 2 and not any(ch in gap for ch in "“”\"") \
                and "''" not in gap and "``" not in gap  # no quotation between (doubled marks too)
        if not ok:
            continue
        dist = len(gap)
        if best_dist is None or dist < best_dist:
            best, best_dist = bi, dist
    if best is None:
        return None
    taken.add(best)
    return bare[best]


def _previous_direct(cands: list[Candidate], before: int, text: str) -> Candidate | None:
    prev = None
    for c in cands:
        if not c.parts or c.parts[-1][1] > before:
            continue
        if prev is None or c.parts[-1][1] > prev.parts[-1][1]:
            prev = c
    if prev is None or classify_kind(text, prev.parts[-1:]) != "direct":
        return None
    return prev


def _no_cue_between(cands: list[Candidate], bare: list[Candidate], lo: int, hi: int,
                    owner: Candidate) -> bool:
    return not any(lo <= c.cue[0] < hi for c in cands + bare if c is not owner)


def _colon_source(doc, text: str, q: QuoteSpan) -> Candidate | None:
    """"... doesn't surprise pollster Daron Shaw: “Historically, ...”": a quotation
    introduced by a colon right after a person's or organization's name."""
    j = q.start - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    if j <= 0 or text[j] != ":" or "\n" in text[j:q.start]:
        return None
    before = doc.char_span(max(0, j - 120), j, alignment_mode="contract")
    if before is None or not len(before):
        return None
    last = before[-1]
    if last.ent_type_ not in ("PERSON", "ORG") or last.ent_iob_ == "O":
        return None
    ent = next((e for e in doc.ents if e.start <= last.i < e.end), None)
    if ent is None or ent.end_char > j:
        return None
    return Candidate(cue=(j, j + 1), cue_token=last.i, cls="speech", parts=[(q.start, q.end)],
                     source=(ent.start_char, ent.end_char), source_head=ent.root.i,
                     frame="colon", confidence=0.6)


def _assign_quotes(doc, cands, bare, quotes, sents, scare: list[QuoteSpan]):
    text = doc_text(doc)
    used = _claim_quotes(text, cands, quotes)
    taken: set[int] = set()
    for qi, q in enumerate(quotes):
        if qi in used:
            continue
        outer = (q.start, q.end)
        if _inside_any(outer, cands):
            continue  # a quotation inside reported words (partial) or inside a source
        words = _word_count(text, q.inner)
        if q.continues is not None:
            owner = _owner_of(cands, quotes[q.continues])
            if owner is not None:
                owner.parts.append(outer)  # the quotation goes on in a new paragraph
                continue
        host = _attach_bare(text, q, bare, sents, taken)
        if host is not None and (words >= 2 or (q.kind == "double" and _said_word(doc, text, q, host))):
            host.parts = [outer]
            host.frame = "quote"
            host.confidence = 0.8
            cands.append(host)
            continue
        named = _colon_source(doc, text, q) if words >= 2 else None
        if named is not None:
            cands.append(named)
            continue
        if words < _MIN_SPEECH_WORDS and q.continues is None and not _whole_sentence(text, q):
            scare.append(q)
            continue
        prev = _previous_direct(cands, q.start, text)
        if prev is not None and _no_cue_between(cands, bare, prev.parts[-1][1], q.start, prev):
            same_par = _paragraph_of(text, prev.parts[-1][1]) == _paragraph_of(text, q.start)
            if same_par:
                prev.parts.append(outer)  # "A," said X. "B."
                continue
            next_par = _paragraph_of(text, q.start) - _paragraph_of(text, prev.parts[-1][1]) <= 2
            para_start = text.rfind("\n", 0, q.start) + 1
            if next_par and not text[para_start:q.start].strip():
                # a paragraph opening with a quotation, nobody else named: same speaker
                cands.append(Candidate(cue=prev.cue, cue_token=prev.cue_token, cls=prev.cls,
                                       parts=[outer], source=prev.source,
                                       source_head=prev.source_head, frame="quote",
                                       confidence=0.55, inherited=True))
                continue
        if words < _MIN_SPEECH_WORDS:
            scare.append(q)
    _join_open_paragraphs(cands, quotes)


def _said_word(doc, text: str, q: QuoteSpan, host: Candidate) -> bool:
    """A one-word quotation that is said: an utterance closed by its own punctuation ("“Yes,”
    he said", "“Never!”"), or a word the cue governs ('called the plan "reckless"'); not a term
    the writer marks elsewhere in the sentence ('work for my "campaign" when I posted the
    story', 'John “Tig” Tiegen')."""
    if text[q.inner[0]:q.inner[1]].rstrip()[-1:] in (",", ".", "!", "?"):
        return True
    span = doc.char_span(q.inner[0], q.inner[1], alignment_mode="expand")
    if span is None or host.cue_token is None:
        return False
    cue = doc[host.cue_token]
    return any(t.i == cue.i for t in span.root.ancestors)


def _whole_sentence(text: str, q: QuoteSpan) -> bool:
    """The quotation is a sentence of its own ("Nobody knows when."), standing where a sentence
    starts, not a term ending one (called it "Bridge.")."""
    words = text[q.inner[0]:q.inner[1]].strip()
    before = text[:q.start].rstrip()
    starts = not before or before[-1] in ".!?\"”’\n"
    return (q.kind == "double" and starts and len(words.split()) >= 2 and words[0].isupper()
            and words[-1] in ".!?")  # single marks also set off titles ('All Bets Are Off.')


def _owner_of(cands: list[Candidate], q: QuoteSpan) -> Candidate | None:
    for c in cands:
        if (q.start, q.end) in c.parts:
            return c
    return None


def _join_open_paragraphs(cands: list[Candidate], quotes: list[QuoteSpan]) -> None:
    """A paragraph left open whose continuation found its cue later ("“A.\n\n“B,” said
    X."): the open paragraph joins the continuation's attribution."""
    for q in reversed(quotes):
        if q.continues is None:
            continue
        prev = quotes[q.continues]
        if _owner_of(cands, prev) is not None:
            continue
        owner = _owner_of(cands, q)
        if owner is not None:
            owner.parts.insert(0, (prev.start, prev.end))
            owner.parts.sort()


def _outermost(cands: list[Candidate]) -> list[Candidate]:
    """Drop attributions reported inside another one's content ("Zelenskyy says Putin
    wants ..."): what Putin wants is Zelenskyy's claim, not Putin's statement."""
    def nested(c: Candidate, o: Candidate) -> bool:
        return o is not c and any(_inside(c.cue, p) for p in o.parts) and all(
            any(_inside(mine, p) for p in o.parts) for mine in c.parts)

    def relay(o: Candidate) -> bool:
        # '"...," Lund said, the news agency reported': a report closing the sentence passes
        # on a whole attribution (its source named inside); the speaker is Lund
        return o.frame == "invert" and any(
            nested(c, o) and c.cls == "speech" and c.source is not None and any(_inside(c.source, p) for p in o.parts)
            for c in cands)

    relays = [o for o in cands if relay(o)]
    return [c for c in cands if c not in relays
            and not any(nested(c, o) for o in cands if o not in relays)]


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    seen = set()
    out = []
    for c in sorted(cands, key=lambda c: (c.parts[0][0], c.cue[0])):
        key = (tuple(c.parts), c.cue)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def _can_speak(tok) -> bool:
    """A common noun that names a person or an organization ("correspondent", "ministry") or
    something said ("warning", "report", "reaction")."""
    lemma = tok.lemma_.lower()
    return lemma in role_nouns() or nominal_heads().get(lemma) in ("ORG", "NORP", "GPE", "PERSON") \
        or lemma in noun_cues()


def _colon_candidates(doc, sents: _Sentences) -> list[Candidate]:
    """Headline style "Name: what they said": a paragraph opening with a short name
    (no verb, a proper noun in it) followed by a colon."""
    text = doc_text(doc)
    out = []
    for para in _PARAGRAPH.finditer(text):
        p0, p1 = para.start(), para.end()
        colon = text.find(": ", p0, min(p1, p0 + _COLON_MAX_CHARS))
        if colon < 0:
            continue
        head = doc.char_span(p0, colon, alignment_mode="contract")
        if head is None or not 1 <= len(head) <= _COLON_MAX_WORDS:
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in head) or not any(
                t.pos_ == "PROPN" and t.ent_type_ in _SPEAKER_TYPES for t in head):
            continue
        if head.root.pos_ != "PROPN" and not _can_speak(head.root) and not any(
                t.ent_type_ in ("PERSON", "ORG", "NORP") for t in head if t.i != head.root.i):
            continue  # "Haiti earthquake: many feared dead": a place's event, not a voice
        if _dateline(head):
            continue
        start = colon + 1
        while start < p1 and text[start].isspace():
            start += 1
        end = p1
        while end > start and text[end - 1].isspace():
            end -= 1
        if _word_count(text, (start, end)) < 2:
            continue
        out.append(Candidate(cue=(colon, colon + 1), cue_token=head.end if head.end < len(doc) else head.end - 1,
                             cls="speech", parts=[(start, end)], source=(p0, colon),
                             source_head=head.root.i, frame="colon", confidence=0.5))
    return out


def _dateline(head) -> bool:
    """'BAGHDAD: Reporting as ...', 'CRAWFORD, Texas: ...': a place in capitals opening a
    paragraph is where the item was filed, not who speaks ('BLITZER: ...' in a transcript
    is a person and stays)."""
    first = head[0]
    letters = [ch for ch in first.text if ch.isalpha()]
    tagged = [t.ent_type_ for t in head if t.ent_type_]
    return (len(letters) >= 3 and all(ch.isupper() for ch in letters)
            and bool(tagged) and all(e in PLACE_TYPES for e in tagged))


def _outside_quotes(cands: list[Candidate], quotes: list[QuoteSpan]) -> list[Candidate]:
    """Cues inside a double quotation are the quoted speaker's own words, not attributions
    reported by the writer."""
    inner = [q.inner for q in quotes if q.kind == "double"]
    return [c for c in cands if not any(_inside(c.cue, span) for span in inner)]


def _candidates(doc) -> tuple[list[Candidate], list[QuoteSpan]]:
    text = doc_text(doc)
    quotes = list(doc_quote_spans(doc))
    cands, bare = cue_candidates(doc, [q.inner for q in quotes if q.kind == "double"])
    cands = _outside_quotes(cands, quotes)
    bare = _outside_quotes(bare, quotes)
    cands += _colon_candidates(doc, _Sentences(doc))
    sents = _Sentences(doc)
    scare: list[QuoteSpan] = []
    _assign_quotes(doc, cands, bare, quotes, sents, scare)
    return _dedupe(_outermost([c for c in cands if c.parts])), scare


def scare_quotes(doc) -> list[tuple[int, int]]:
    """Quoted terms with no speech act around them (offsets with the marks)."""
    return [(q.start, q.end) for q in _candidates(doc)[1]]


def _span(text: str, se: tuple[int, int] | None) -> Span | None:
    if se is None:
        return None
    return Span(se[0], se[1], text[se[0]:se[1]])


def _speaker_text(doc, text: str, c: Candidate) -> str:
    """The source as written; for a relative pronoun ("officials, who said"), the phrase of
    the noun it stands for (the source span itself stays the pronoun)."""
    if not c.source:
        return ""
    written = text[c.source[0]:c.source[1]]
    if c.source_head is not None and 0 <= c.source_head < len(doc) and written.lower() in ("who", "that", "which") \
            and not c.source[0] <= doc[c.source_head].idx < c.source[1]:
        host = source_span(doc, doc[c.source_head])
        if host:
            return text[host[0]:host[1]]
    return written


def _described(written: str, speaker: int | None, mentions: list[Mention]) -> str:
    """A pronoun source bound to a description and no name ("the ministry said ... it said")
    is shown as that description."""
    if speaker is None or not written or written.lower() not in pronoun_words():
        return written
    m = mentions[speaker]
    return m.text if m.kind == "nominal" else written


def extract_quotes(doc, article: Article, mentions: list[Mention]) -> list[Quote]:
    """All attributions of one article, in text order."""
    text = doc_text(doc)
    cands, _ = _candidates(doc)
    sents = _Sentences(doc)
    head = dateline_end(text[:400])
    out = []
    for c in cands:
        if c.parts[0][0] < head < c.parts[0][1] - 1:
            # "BERGEN | Tue Feb 10 , 2026 (Nordic Wire) - Raising the ferry ... , the port said": the
            # wire's dateline heads the sentence, not the words said
            c.parts[0] = (head, c.parts[0][1])
        lo, hi = c.parts[0][0], c.parts[-1][1]
        speaker = resolve_speaker(doc, c.source, c.source_head, mentions, c.parts)
        conf = c.confidence if speaker is not None or c.source is None else c.confidence - 0.05
        out.append(Quote(
            article_id=article.id, start=lo, end=hi, kind=classify_kind(text, c.parts),
            content=Span(lo, hi, text[lo:hi]), cue=_span(text, c.cue if c.cue_token >= 0 else None),
            source_span=_span(text, c.source),
            speaker_text=_described(_speaker_text(doc, text, c), speaker, mentions),
            speaker_mention=speaker, attributed=c.source is not None,
            sentence=sents.index(c.cue[0] if c.cue_token >= 0 else lo),
            source=f"{VERSION}:{c.frame}", confidence=round(max(0.05, conf), 2),
            content_parts=tuple(_span(text, p) for p in c.parts) if len(c.parts) > 1 else (),
            cue_class=c.cls, negated=c.negated,
        ))
    return out
