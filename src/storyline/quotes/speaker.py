"""Linking a source span to the article's entity mentions.

Only the fields of the :class:`Mention` record are used. The speaker is the mention that
covers the source's head word, else an apposition or the main name inside the source span
(never a possessor such as "Russia's" in "Russia's top diplomat", nor the object of a
preposition as in "spokesman for the army"). A pronoun or nominal mention follows its
``antecedent``. A personal pronoun with no mention of its own is linked only when exactly
one person is the subject of a clause (or, failing that, named at all) in that sentence
and the two before it; otherwise the speaker stays
unresolved (the source text is kept on the quote).
"""
from __future__ import annotations

from ..records import Mention
from .lexicon import function_words

_MAX_HOPS = 6


def _follow(mentions: list[Mention], idx: int) -> int:
    hops = 0
    while mentions[idx].antecedent is not None and hops < _MAX_HOPS:
        nxt = mentions[idx].antecedent
        if nxt is None or nxt == idx or not 0 <= nxt < len(mentions):
            break
        idx = nxt
        hops += 1
    return idx


def _token_role(doc, m: Mention) -> str:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    return span.root.dep_


def resolve_speaker(doc, source: tuple[int, int] | None, head: int,
                    mentions: list[Mention], content: list[tuple[int, int]] = ()) -> int | None:
    """Index in ``mentions`` of the speaker, or None when it cannot be told.

    A speaker is not someone named inside their own quoted words: when a pronoun's
    antecedent lies in ``content`` ("“... the budget Lars wrote ...,” she said"), the
    pronoun is resolved again without the quoted words, or left unresolved."""
    found = _resolve(doc, source, head, mentions, content)
    if found is None or not any(a <= mentions[found].start < b for a, b in content):
        return found
    if source is None:
        return None
    quoted = {i for i, m in enumerate(mentions) if any(a <= m.start < b for a, b in content)}
    return _unique_recent_person(doc, source[0], mentions, exclude=quoted)


def _resolve(doc, source: tuple[int, int] | None, head: int, mentions: list[Mention],
             content: list[tuple[int, int]] = ()) -> int | None:
    if source is None or not mentions:
        return None
    head_char = doc[head].idx if 0 <= head < len(doc) else source[0]
    inside = [i for i, m in enumerate(mentions)
              if m.start < source[1] and source[0] < m.end]
    for i in inside:
        if mentions[i].start <= head_char < mentions[i].end:
            return _follow(mentions, i)
    # the head word is the antecedent of a relative "who", outside the source span (not a
    # word of the quotation the parser made the verb's subject: '“... between the board and
    # the mayor,” Ross, an aide, said')
    if not source[0] <= head_char < source[1] and not any(a <= head_char < b for a, b in content):
        for i, m in enumerate(mentions):
            if m.start <= head_char < m.end:
                return _follow(mentions, i)
    ranked = [i for i in inside if _token_role(doc, mentions[i]) not in ("poss", "pobj", "compound")]
    ranked.sort(key=lambda i: (_token_role(doc, mentions[i]) != "appos",
                               mentions[i].type not in ("PERSON", "ORG"), -(mentions[i].end - mentions[i].start)))
    if ranked:
        return _follow(mentions, ranked[0])
    span = doc.char_span(source[0], source[1], alignment_mode="expand")
    word = span.text.strip().lower() if span is not None else ""
    if word in function_words("person_pronoun"):
        return _unique_recent_person(doc, source[0], mentions)
    return None


def _unique_recent_person(doc, at: int, mentions: list[Mention], exclude=frozenset()) -> int | None:
    sents = [s for s in doc.sents if s.start_char <= at]
    if not sents:
        return None
    window_start = sents[max(0, len(sents) - 3)].start_char
    people = [i for i, m in enumerate(mentions)
              if m.type == "PERSON" and m.kind == "name" and window_start <= m.start < at and i not in exclude]
    subjects = [i for i in people if _token_role(doc, mentions[i]) in ("nsubj", "nsubjpass")]
    for group in (subjects, people):
        if len({mentions[i].text.split()[-1].lower() for i in group}) == 1:
            people = group
            break
    else:
        return None
    # the longest form of that name in the window
    best = max(people, key=lambda i: (len(mentions[i].text), mentions[i].start))
    return _follow(mentions, best)
