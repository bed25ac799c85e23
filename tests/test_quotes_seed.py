"""The reference briefs: quoted sentences and reported statements go to the right person;
quoted phrases inside reported speech are partial quotes, not scare quotes."""
from __future__ import annotations

import pytest

from storyline.entities.mentions import extract_mentions
from storyline.quotes.extract import extract_quotes, scare_quotes
from storyline.records import Article


@pytest.fixture(scope="module")
def seed(shared_data, nlp_md):
    path = shared_data / "seed" / "articles.txt"
    if not path.exists():
        pytest.skip("seed briefs not here")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        doc = nlp_md(line)
        art = Article(id=str(n), text=line)
        mentions = extract_mentions(doc, art)
        out.append((line, doc, mentions, extract_quotes(doc, art, mentions)))
    return out


def _find(seed, cue: str, content_start: str):
    for line, doc, mentions, quotes in seed:
        for q in quotes:
            if q.cue and q.cue.text == cue and q.content.text.startswith(content_start):
                name = mentions[q.speaker_mention].text if q.speaker_mention is not None else None
                return q, name
    raise AssertionError(f"no attribution with cue {cue!r} and content {content_start!r}")


@pytest.mark.parametrize("cue,content,kind,speaker", [
    ("says", "that any foreign troops", "partial", "Putin"),
    ("said", 'that "we assume', "partial", "Putin"),
    ("replied", '"You have my assurance', "direct", "Trump"),
    ("made clear", "that Putin won't meet", "indirect", "Lavrov"),
    ("told", "that some Russian troops", "indirect", "Trehubov"),
    ("said", "he'd make a decision", "indirect", "Trump"),
    ("said", "32 defense chiefs", "partial", "Dragone"),
    ("criticized", "the talks", "indirect", "Lavrov"),
    ("said", "that the Trump administration", "partial", "Putin"),
    ("says", 'there will be "very severe', "partial", "Trump"),
    ("reiterated", "that Ukraine would not withdraw", "indirect", "Zelenskyy"),
])
def test_seed_attributions(seed, cue, content, kind, speaker):
    q, name = _find(seed, cue, content)
    assert q.kind == kind
    assert name is not None and name.endswith(speaker)


def test_seed_nominal_speakers_are_kept(seed):
    q, _ = _find(seed, "said", "U.S. Gen. Alexus Grynkewich")
    assert q.speaker_text == "An alliance official" and q.attributed
    q, _ = _find(seed, "says", "Russia's invading forces")
    assert q.speaker_text == "A Ukrainian military official"


def test_seed_has_no_scare_quotes_taken_for_speech(seed):
    for line, doc, mentions, quotes in seed:
        for a, b in scare_quotes(doc):
            assert not any(q.start <= a and b <= q.end for q in quotes)
        # every quotation mark pair in the briefs sits inside an attribution
        for q in quotes:
            assert q.content.text.count('"') % 2 == 0 or q.kind != "direct"
