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


def _case_blind_hits(text):
    """Trigger spans as one case-blind regex over the original text finds them (the old way)."""
    import re
    rx = re.compile(r"(?<![\w'])" + R.repatterns()["reTrigger"] + r"(?!\w)", re.IGNORECASE)
    return [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize("text, has_window", [
    ("They may march on and they may not.", False),  # the verbs, not the months
    ("Elections are due in May, the march organisers said.", True),
    ("The call was logged at 18:00 UTC by the duty officer.", True),
    ("Ordinary words only, and nothing to tag here at all.", False),
])
def test_case_sensitive_trigger_words_open_windows_only_when_capitalized(text, has_window):
    assert bool(R.windows(text)) == has_window


@pytest.mark.parametrize("text", TEXTS + [
    "On Sept. 11 and in MAY, Ministers met; the March talks ended at noon GMT, two days later."])
def test_windows_hold_every_trigger_the_case_blind_regex_finds(text):
    wins = R.windows(text)
    for s, e in _case_blind_hits(text):
        assert any(ws <= s and e <= we for ws, we in wins), text[s:e]
