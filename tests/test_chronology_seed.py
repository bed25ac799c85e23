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


def _brief_with(texts: dict[str, str], phrase: str) -> str:
    (doc_id,) = [i for i, t in texts.items() if phrase in t]
    return doc_id


def test_seed_both_announcements_precede_the_report(shared_data):
    briefs = _briefs(shared_data)
    texts = {f"s{i + 1}": t for i, t in enumerate(briefs)}
    chron = infer_texts([(i, t, None) for i, t in texts.items()])
    report = _brief_with(texts, "have started their Alaska summit")
    later = _brief_with(texts, "summit later this week")
    prepared = _brief_with(texts, "prepared for a pivotal")
    pairs = {(p.before, p.after): p for p in chron.pairs}
    for announce in (later, prepared):
        pair = pairs.get((announce, report))
        assert pair is not None, f"{announce} announces the summit {report} reports"
        assert (report, announce) not in pairs
        cues = {texts[e.article_id][e.start:e.end] for e in pair.evidence}
        assert "Friday" in cues  # the report's day, grounded in its own text
    rules = " ".join(e.rule for e in pairs[(later, report)].evidence)
    assert "later this week" in {texts[e.article_id][e.start:e.end] for e in pairs[(later, report)].evidence}
    assert "summit" in rules and "alaska" in rules  # the shared event word and name are the evidence
    assert all(iv.earliest is None and iv.latest is None for iv in chron.intervals)  # no dates invented


def test_announcement_without_a_shared_name_is_not_linked():
    a = "Officials said the leaders will hold a summit later this week in Geneva to discuss trade."
    b = "The two leaders started their summit in Vienna on Friday with a handshake."
    c = "Farmers in Lyon said on Monday that prices were low."
    d = "Workers in Vienna said on Tuesday that rents were high."
    chron = infer_texts([("a", a, None), ("b", b, None), ("c", c, None), ("d", d, None)])
    assert not [p for p in chron.pairs if {p.before, p.after} == {"a", "b"}]
    b2 = b.replace("Vienna", "Geneva")
    chron = infer_texts([("a", a, None), ("b", b2, None), ("c", c, None), ("d", d, None)])
    assert [(p.before, p.after) for p in chron.pairs if {p.before, p.after} == {"a", "b"}] == [("a", "b")]
