"""The literal prefilter of the rule matcher: derived sets are necessary, output unchanged."""
import re

import pytest

from storyline.temporal import rules as R


def _unfiltered(text):
    cands = []
    for ws, we in R.windows(text):
        R._match_window(text, ws, we, cands)  # no folded text: every rule is tried
    return R._select(cands)


def _key(cands):
    return [(c.start, c.end, c.rule.id, c.underspecified, c.mod) for c in cands]


@pytest.mark.parametrize("pattern, words", [
    (r"the (?:next|following) week", [{"the "}, {"next", "following"}, {" week"}]),
    (r"(?:about )?(?P<n>\d+) days? ago", [{" day"}, {" ago"}]),
    (r"(?:early )?\d{4}", []),
])
def test_required_words_are_those_no_match_can_lack(pattern, words):
    got = R.required_literals(re.compile(pattern, re.IGNORECASE))
    assert {frozenset(w) for w in words} <= set(got)
    assert all(w for s in got for w in s)
    # every required set is met by a real match
    m = re.search(pattern, "We met the following week, 12 days ago, in early 1990.", re.IGNORECASE)
    if m and got:
        assert all(any(w in m.group(0).lower() for w in s) for s in got)


def test_every_rule_example_passes_its_own_prefilter():
    for rule in R.rules():
        m = rule.pattern.search(rule.example)
        folded = R.fold(m.group(0))
        assert all(any(w in folded for w in s) for s in rule.requires), rule.id


def test_fold_keeps_offsets_and_maps_ignorecase_letters():
    text = "Ju\u017fT \u201cLast FRIDAY\u201d, \u212aelvin"
    folded = R.fold(text)
    assert len(folded) == len(text)
    assert folded == "just \u201clast friday\u201d, kelvin"


@pytest.mark.parametrize("text", [
    "The talks ended on FRIDAY, four days later than planned; a 42-year-old man said so May 3.",
    "Sales in the third quarter of fiscal 1990 fell 3% from the year-earlier period, \u201cthe "
    "company\u201d said Tuesday; twice a week since the 1980s, at 10:35 a.m. EST, for the past six months.",
    "Ordinary words only, and nothing to tag here at all.",
])
def test_prefilter_gives_the_unfiltered_matches(text):
    assert _key(R.match_rules(text)) == _key(_unfiltered(text))


def test_prefilter_gives_the_unfiltered_matches_on_timebank(shared_data):
    from storyline.eval.timeml import find_tml, parse_tml
    files = find_tml(shared_data / "tempeval3" / "Training" / "TBAQ-cleaned" / "TimeBank")[:12]
    assert files
    for f in files:
        text = parse_tml(f).text
        assert _key(R.match_rules(text)) == _key(_unfiltered(text)), f
