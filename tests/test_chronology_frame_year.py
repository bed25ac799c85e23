"""The story year without dated articles: fixed when every full date the collection writes
falls in one story year (two articles at least), else only bounded from below."""
from storyline.chronology import infer
from storyline.chronology.bounds import read_cues

# invented valley and dam; only the calendar and the tense of the text matter
TEXTS = [
    ("a", "The dam was inspected on June 1, 2011 by engineers. Villagers fled on June 2 after it cracked."),
    ("b", "Engineers said the dam was last repaired on June 1, 2011. The flood began on June 4 after heavy rain."),
    ("c", "Rescue teams were sent to the valley on June 6 , officials said."),
]


def _frame(texts):
    docs = [infer.Doc(i, t) for i, t in texts]
    return infer.choose_frame(docs, {d.id: read_cues(d.id, d.text) for d in docs})


def test_full_dates_of_one_story_year_fix_the_year_of_yearless_dates():
    frame = _frame(TEXTS)
    assert frame.calendar_year == 2011
    iv = {x.article_id: x for x in infer.solve_docs([infer.Doc(i, t) for i, t in TEXTS]).intervals}
    assert iv["c"].earliest == "2011-06-06"  # "were sent ... on June 6", read in 2011


def test_one_article_writing_full_dates_is_not_enough():
    frame = _frame([TEXTS[0], (TEXTS[1][0], "The flood began on June 4 after heavy rain."), TEXTS[2]])
    assert frame is None or frame.calendar_year is None


def test_full_dates_outside_the_months_of_the_story_leave_the_year_open():
    # with only June written without a year, the story year starts in June; "March 3, 2011"
    # in both articles would fix it at June 2010 - May 2011, yet June is likelier 2011
    texts = [(i, t.replace("June 1, 2011", "March 3, 2011")) for i, t in TEXTS]
    frame = _frame(texts)
    assert frame.calendar_year is None and frame.min_year == 2010
