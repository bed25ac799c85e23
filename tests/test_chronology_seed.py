"""The ten reference briefs, undated: nothing invented, and the announced summit comes first."""
import re

from storyline.chronology.infer import infer_texts

MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"


def _briefs(shared_data):
    path = shared_data / "seed" / "articles.txt"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_seed_nothing_invented_and_announce_before_report(shared_data):
    briefs = _briefs(shared_data)
    chron = infer_texts([(f"s{i + 1}", t, None) for i, t in enumerate(briefs)])
    texts = {f"s{i + 1}": t for i, t in enumerate(briefs)}
    for iv in chron.intervals:
        written = re.search(rf"\b(?:{MONTHS})\b.{{0,6}}\d|\b(?:19|20)\d\d\b", texts[iv.article_id])
        if not written:  # no calendar date in the text: no calendar date out
            assert iv.earliest is None and iv.latest is None
        if iv.earliest or iv.latest:
            assert iv.evidence
    assert chron.pairs, "the Alaska summit is announced in one brief and reported in another"
    for pair in chron.pairs:
        tenses = {(e.article_id, e.tense) for e in pair.evidence}
        assert (pair.before, "future") in tenses and (pair.after, "past") in tenses
        for e in pair.evidence:
            cue = texts[e.article_id][e.start:e.end]
            assert cue and cue in e.text  # grounded: offsets point into the brief's own sentence
    ranks = {iv.article_id: iv.rank for iv in chron.intervals}
    assert all(ranks[p.before] < ranks[p.after] for p in chron.pairs)
