"""The matcher's reading of which required word sets a window meets equals a plain search."""
import pytest

from storyline.temporal import rules as R

TEXTS = [
    "A couple of weeks ago, the 42-year-old minister said on Friday that talks would resume "
    "in the second half of fiscal 1990, at 10:35 a.m., a year or two from now.",
    "Shares fell 3% in the year-earlier quarter; o'clock, mid-afternoon, twice a week.",
    "Nothing here names a time at all; only words.",
]


def _brute(folded, ws, we):
    numbered = {}
    for rule in R.rules():
        for words in rule.requires:
            numbered.setdefault(words, len(numbered))
    # numbered as the matcher numbers them: in the order the rules first name each set
    return {i for words, i in numbered.items() if any(folded.find(w, ws, we) >= 0 for w in words)}


@pytest.mark.parametrize("text", TEXTS)
def test_met_sets_equal_a_search_for_every_word(text):
    folded = R.fold(text)
    reqs = R._requirements()
    for ws, we in [(0, len(text))] + R.windows(text) + [(5, 40), (len(text) // 2, len(text))]:
        met = {i for i in reqs.met(folded, ws, we) if i >= 0}  # (negative: pieces, internal)
        assert met == _brute(folded, ws, we)
