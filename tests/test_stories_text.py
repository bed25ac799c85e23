"""Cheap sentence splitting and the fast day-date reader."""
from datetime import date

from storyline.stories.daydates import day_dates
from storyline.stories.text import split_sentences


def test_sentence_split_handles_titles_initials_and_ptb_tokens():
    text = ("Mr. Hale met Gen. Ortiz in the U.S. capital on Friday. J. Smith was there too! "
            "He said : `` We agreed . '' Then they left .")
    parts = [text[s:e] for s, e in split_sentences(text)]
    assert parts == ["Mr. Hale met Gen. Ortiz in the U.S. capital on Friday.", "J. Smith was there too!",
                     "He said : `` We agreed . ''", "Then they left ."]


def test_day_dates_resolve_against_the_publication_date():
    dct = date(2010, 5, 5)  # a Wednesday
    text = ("On Tuesday the company said the leak began April 20 , 2010 ; on 3 May it tried a dome . "
            "Officials will meet Friday . It may rain. Yesterday was calm; 2010-04-22 too.")
    found = {d.text: d.date for d in day_dates(text, dct)}
    assert found["Tuesday"] == date(2010, 5, 4)
    assert found["April 20 , 2010"] == date(2010, 4, 20)
    assert found["3 May"] == date(2010, 5, 3)
    assert found["Friday"] == date(2010, 5, 7)  # "will" points ahead
    assert found["Yesterday"] == date(2010, 5, 4)
    assert found["2010-04-22"] == date(2010, 4, 22)
    assert "may" not in {k.lower() for k in found if k.lower() == "may"}


def test_day_dates_without_publication_date_keep_only_full_dates():
    found = day_dates("It happened on Monday, on 12 June 2009 and on June 13.", None)
    assert [d.date for d in found] == [date(2009, 6, 12)]


def test_page_furniture_is_no_clean_sentence_but_news_is():
    from storyline.stories.text import is_clean_sentence

    for chrome in ("Share your thoughts with us in the form below.",
                   "Can not play media. This clip is blocked where you live.",
                   "People no longer understand risk, he wrote. Continue reading",
                   "Link to video: the ministry releases its advert"):
        assert not is_clean_sentence(chrome), chrome
    assert is_clean_sentence("Rescuers pulled two survivors from the collapsed school on Thursday.")
    assert is_clean_sentence("The media were kept away from the hearing.")
