"""Time expressions (TIMEX3-style)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Timex:
    """A time expression.

    type: DATE | TIME | DURATION | SET.
    value: the TIMEX3 value after resolution against the article's date
    (``2025-08-15``, ``2025-W33``, ``P2W``, ``PRESENT_REF``); when the article
    has no date it stays underspecified (``XXXX-WXX-5``).
    ``underspecified`` is what the rule produced before resolution.
    ``rule`` is the stable id of the rule that matched.
    """

    article_id: str
    start: int
    end: int
    text: str
    type: str
    value: str
    underspecified: str = ""
    rule: str = ""
    mod: str = ""  # TIMEX3 mod: BEFORE, AFTER, START, END, APPROX ...
    anchor: str = ""  # how it was resolved: "dct", "focus", "none"
    tense: str = ""  # tense of the governing verb: past | present | future | ""
    sentence: int = -1
    source: str = "storyline.temporal.v1"
    confidence: float = 0.8
