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
    ``rule`` is the stable id of the rule that matched; ``anchor`` says what the
    value was resolved against (``dct``; ``stamp`` = the date line in the text of an
    article with no publication date; ``focus`` = the date last in focus; or ``none``); ``tense`` is the tense of the governing clause. The value grammar
    is documented in docs/temporal.md.
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
    # for a duration the text places on the calendar ("in two weeks" in a clause about the
    # future): the period it reaches from the article date, e.g. 2025-W36; "" otherwise
    point: str = ""
    # "CREATION_TIME" for the article's own date line ("March 06, 2008" under the title;
    # ``temporal.stamp``), as TimeML's functionInDocument marks it; "" otherwise
    function: str = ""
    source: str = "storyline.temporal.v1"
    confidence: float = 0.8
