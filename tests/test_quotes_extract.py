"""The quotes stage on sentences written for these tests: direct, split, partial and
indirect attributions, "according to", nominal and pronoun speakers, scare quotes,
quotations running over paragraphs."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline.entities.mentions import extract_mentions
from storyline.quotes.extract import classify_kind, extract_quotes, scare_quotes
from storyline.records import Article


BRIEFS = Path(__file__).resolve().parent / "fixtures" / "quotes" / "briefs.txt"


@pytest.fixture(scope="module")
def briefs():
    lines = BRIEFS.read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln and not ln.startswith("#")]


def run(nlp, text):
    doc = nlp(text)
    art = Article(id="a1", text=text)
    mentions = extract_mentions(doc, art)
    return extract_quotes(doc, art, mentions), mentions, doc


def only(quotes):
    assert len(quotes) == 1, [q.content.text for q in quotes]
    return quotes[0]


def test_split_direct_quote_is_one_attribution_in_two_pieces(nlp_md, briefs):
    q = only(run(nlp_md, briefs[0])[0])
    assert q.kind == "direct"
    assert q.speaker_text == "the general" and q.attributed
    assert q.cue.text == "said"
    assert [p.text for p in q.content_parts] == ['"We will not retreat,"',
                                                 '"and we will not surrender."']


def test_partial_quote_inside_reported_speech(nlp_md, briefs):
    q = only(run(nlp_md, briefs[1])[0])
    assert q.kind == "partial"
    assert q.speaker_text == "The minister"
    assert q.content.text.startswith("that the plan was")
    assert '"dead on arrival"' in q.content.text


def test_scare_quote_is_not_speech(nlp_md, briefs):
    quotes, _, doc = run(nlp_md, briefs[2])
    assert quotes == []
    assert [briefs[2][a:b] for a, b in scare_quotes(doc)] == ['"peace plan"']


def test_according_to(nlp_md, briefs):
    q = only(run(nlp_md, briefs[3])[0])
    assert q.kind == "indirect"
    assert q.speaker_text == "two senior officials"
    assert q.cue.text == "According to"
    assert q.content.text == "the talks collapsed on Friday evening"


def test_nominal_speaker_kept_as_text(nlp_md, briefs):
    q = only(run(nlp_md, briefs[4])[0])
    assert q.speaker_text == "An alliance official" and q.attributed
    assert q.content.text == "the meeting took place on Wednesday in Brussels"


def test_pronoun_speaker_resolved_to_the_named_person(nlp_md, briefs):
    quotes, mentions, _ = run(nlp_md, briefs[5])
    q = only(quotes)
    assert q.speaker_text == "She"
    assert q.speaker_mention is not None
    assert mentions[q.speaker_mention].text == "Maria Lopez"


def test_direct_quote_after_a_comma_cue(nlp_md, briefs):
    quotes, mentions, _ = run(nlp_md, briefs[6])
    q = [q for q in quotes if q.cue.text == "replied"][0]
    assert q.kind == "direct"
    assert q.content.text == '"You have my word, and I keep it."'
    assert mentions[q.speaker_mention].text == "Tom Becker"


def test_thought_inside_a_quotation_is_not_a_separate_attribution(nlp_md, briefs):
    q = only(run(nlp_md, briefs[7])[0])
    assert q.kind == "direct" and q.speaker_text == "Lopez"
    assert q.content.text == '"I think we can win this,"'


def test_indirect_speech_with_a_time_word_between_cue_and_clause(nlp_md, briefs):
    q = only(run(nlp_md, briefs[8])[0])
    assert q.kind == "indirect" and q.cue.text == "warned"
    assert q.speaker_text == "Nina Park"
    assert q.content.text == "that the river would flood the lower town by morning"


def test_quotation_running_over_two_paragraphs(nlp_md):
    text = ('Ana Ruiz spoke to reporters on Sunday. She said:\n\n'
            '“The harbour will stay closed until the storm has passed.\n\n'
            '“After that we will open it again, one berth at a time.”')
    quotes, mentions, _ = run(nlp_md, text)
    q = only(quotes)
    assert q.kind == "direct"
    assert len(q.content_parts) == 2
    assert q.content_parts[1].text.startswith("“After that")
    assert mentions[q.speaker_mention].text == "Ana Ruiz"


def test_mixed_quotation_mark_styles_close_each_other(nlp_md):
    # scraped copy mixes curly and straight marks; the attribution between the two pieces is
    # not part of what was said
    text = ('“It was a good deal for the port," said Lena Maas, a lawyer in Hamburg. '
            '"The company had run out of options.”')
    quotes, mentions, _ = run(nlp_md, text)
    q = only(quotes)
    assert [p.text for p in q.content_parts] == ['“It was a good deal for the port,"',
                                                 '"The company had run out of options.”']
    assert mentions[q.speaker_mention].text == "Lena Maas" and q.cue.text == "said"


def test_a_short_quoted_sentence_after_a_split_quote_goes_on_with_its_speaker(nlp_md):
    text = '“Has anyone on this board read the harbor budget?” Ruiz asked. “I have not.”'
    q = only(run(nlp_md, text)[0])
    assert [p.text for p in q.content_parts] == ['“Has anyone on this board read the harbor budget?”',
                                                 '“I have not.”']


def test_a_term_or_a_title_in_quotes_stays_a_scare_quote(nlp_md):
    quotes, _, _ = run(nlp_md, "“We will build it,” Ruiz said. The plan was called “Bridge.” "
                               "The paper ran the headline 'All Bets Are Off.' on Monday.")
    assert [p.text for q in quotes for p in (q.content_parts or (q.content,))] == ["“We will build it,”"]


def test_a_speaker_is_not_someone_named_inside_their_own_quote(nlp_md):
    text = ("Lars Berg spoke first at the debate. Mara Olsen, who wants a new harbor tax, "
            "answered him.\n\n“The budget Lars wrote would close three schools in the valley,” "
            "she said.")
    quotes, mentions, _ = run(nlp_md, text)
    q = next(q for q in quotes if "three schools" in q.content.text)
    assert q.speaker_mention is None or mentions[q.speaker_mention].text != "Lars"


def test_who_refers_to_the_person_not_the_organization_of_their_description(nlp_md):
    text = ('"The dam is not safe," said Ines Duarte, an engineer for the Valley Water Board, '
            'who has said the reservoir must be drained.')
    quotes, mentions, _ = run(nlp_md, text)
    q = next(q for q in quotes if "must be drained" in q.content.text)
    assert mentions[q.speaker_mention].text == "Ines Duarte"


def test_straight_quotation_inside_a_curly_one_stays_inside():
    from storyline.quotes.marks import find_quote_spans
    text = '“He called the plan "reckless" and left,” she said.'
    (span,) = find_quote_spans(text)
    assert text[span.start:span.end] == '“He called the plan "reckless" and left,”'


def test_unknown_speaker_stays_unattributed(nlp_md):
    quotes, _, _ = run(nlp_md, "Several questions were asked whether the dam was safe.")
    assert all(q.speaker_mention is None for q in quotes)
    assert all(not q.attributed for q in quotes)


def test_offsets_ground_every_span(nlp_md, briefs):
    for text in briefs:
        for q in run(nlp_md, text)[0]:
            for s in (q.content, q.cue, q.source_span, *q.content_parts):
                if s is not None:
                    assert text[s.start:s.end] == s.text
            assert (q.start, q.end) == (q.content.start, q.content.end)


@pytest.mark.parametrize("text,kind", [
    ('"All of it."', "direct"),
    ('that it was "over" by then', "partial"),
    ("that it was over", "indirect"),
    ("“Go,” “now.”", "direct"),
])
def test_classify_kind(text, kind):
    assert classify_kind(text, [(0, len(text))]) == kind


def test_quotation_introduced_by_a_colon_after_a_name(nlp_md):
    text = "The result did not surprise pollster Dana Shaw: “Newcomers always rise early in the race.”"
    q = only(run(nlp_md, text)[0])
    assert q.kind == "direct" and q.cue.text == ":"
    assert q.speaker_text == "Dana Shaw"


def test_stance_adjective_and_light_verb_noun(nlp_md):
    quotes, _, _ = run(nlp_md, "Senator Ellen Ward was critical of the new budget. "
                               "Mayor Tom Hill raised concerns about the cost of the bridge.")
    got = {(q.speaker_text, q.cue.text, q.content.text) for q in quotes}
    assert ("Senator Ellen Ward", "critical", "the new budget") in got
    assert ("Mayor Tom Hill", "concerns", "the cost of the bridge") in got


@pytest.mark.parametrize("text,negated", [
    ("The governor did not say when the bridge would reopen.", True),
    ("The ministry declined to say whether the talks had failed.", True),
    ("Officials would not say if the mayor had resigned.", True),
    ("The governor said the bridge would reopen in May.", False),
])
def test_an_attribution_the_source_did_not_make_is_marked(nlp_md, text, negated):
    quotes, _, _ = run(nlp_md, text)
    assert len(quotes) == 1
    assert quotes[0].negated is negated


def test_thanking_someone_reports_what_for_not_whom(nlp_md):
    text = "The ministers thanked the mediator for her efforts to end the strike."
    quotes, _, _ = run(nlp_md, text)
    assert [q.content.text for q in quotes] == ["her efforts to end the strike"]


def test_a_headline_with_two_verbs_and_no_conjunction_keeps_its_subject_as_speaker(nlp_md):
    # the parser reads the first verb as the subject of the second
    text = "Council approves budget, promises lower fees\nThe council met on Monday."
    quotes, _, _ = run(nlp_md, text)
    assert [(q.speaker_text, q.content.text) for q in quotes] == [("Council", "lower fees")]


def test_a_source_phrase_takes_no_stray_mark_of_the_quotation_next_to_it(nlp_md):
    text = ("Each count carries five years in prison.\u201d\n\n\u201cThe agents are under a lot of "
            "pressure,\u201d an intelligence source, who was not authorized to speak, told a reporter.")
    q = only([q for q in run(nlp_md, text)[0] if q.kind == "direct"])
    assert q.speaker_text == "an intelligence source"


def test_a_phrase_around_a_scare_quoted_name_is_the_source(nlp_md):
    q = only(run(nlp_md, 'The "Iron Lady" of the party, Jane Holt, said the vote was lost.')[0])
    assert q.speaker_text == 'The "Iron Lady" of the party, Jane Holt'
    assert q.content.text == "the vote was lost"


def test_a_dateline_is_not_the_source(nlp_md):
    text = ("Mayor Opens Bridge\n\nRIVERTON -- Mayor Ada Koss, opening the bridge on Saturday, said it "
            "would carry ten thousand cars a day.")
    q = only(run(nlp_md, text)[0])
    assert q.speaker_text == "Mayor Ada Koss"


def test_a_quotation_after_a_quote_in_doubled_marks_keeps_its_speaker(nlp_md):
    text = ("''This bridge tells the story of a town that never gave up,'' Ms. Koss declared. "
            "''Even today, the work is not done. But this bridge will carry us further.''")
    q = only(run(nlp_md, text)[0])
    assert q.speaker_text == "Ms. Koss" and "carry us further" in text[q.start:q.end]


def test_a_day_is_no_content_and_a_clause_inside_the_source_phrase_is_cut(nlp_md):
    text = ("Comptroller Dana Whitfield (D), Halvorsen's opponent in the upcoming mayoral election, "
            "called Friday for releasing the audit files, as well, saying that openness helps.")
    quotes = run(nlp_md, text)[0]
    assert all(q.content.text != "Friday" for q in quotes)
    said = only([q for q in quotes if "openness" in q.content.text])
    assert said.speaker_text == "Comptroller Dana Whitfield (D), Halvorsen's opponent in the upcoming " \
                                "mayoral election"


def test_a_marked_term_is_no_quote_but_a_one_word_answer_is(nlp_md):
    quotes = run(nlp_md, 'Friends even offered to work for my "campaign" when I posted the story. '
                         'Retired Marine John “Tig” Tiegen found both issues disqualifying.')[0]
    assert not [q for q in quotes if q.kind == "direct"]
    said = only([q for q in run(nlp_md, '"Yes," he said. "Never!" she shouted back.')[0] if q.kind == "direct"
                 and "Yes" in q.content.text])
    assert said.speaker_text == "he"


def test_a_relative_pronoun_source_is_shown_as_the_noun_it_stands_for(nlp_md):
    q = only(run(nlp_md, "The senator thanked the voters who said they would back her.")[0])
    assert q.speaker_text == "the voters"
    assert q.source_span.text == "who"  # the source as written stays where it is


def test_an_inverted_said_before_the_name_is_neither_name_nor_source(nlp_md):
    quotes, mentions, _ = run(nlp_md, 'It was a hate crime. Said Comey, "The thought that an error on our part '
                                      'is connected to this purchase is very painful to us."')
    assert only(quotes).speaker_text == "Comey"
    assert not [m for m in mentions if m.text.startswith("Said")]


def test_a_quotations_last_noun_parsed_as_subject_gives_the_source_to_its_appositive(nlp_md):
    text = ("\u201cThere is a severe gap between this ministry and frankly the minister and our army,\u201d "
            "Dorsey, a top adviser, said on Friday.")
    quotes, mentions, _ = run(nlp_md, text)
    q = only(quotes)
    assert q.speaker_text.startswith("Dorsey")
    assert mentions[q.speaker_mention].text == "Dorsey"


def test_two_apostrophes_are_one_double_mark():
    from storyline.quotes.marks import find_quote_spans
    text = ("''Well, it's a silly thing to say,'' Ms. Vale said. ''But I trust the voters.''\n\n"
            "``Yes,'' he said, and 'maybe' she said.")
    spans = find_quote_spans(text)
    assert [(s.kind, text[s.inner[0]:s.inner[1]]) for s in spans] == [
        ("double", "Well, it's a silly thing to say,"), ("double", "But I trust the voters."),
        ("double", "Yes,"), ("single", "maybe")]
    assert text[spans[0].start:spans[0].end] == "''Well, it's a silly thing to say,''"


def test_treebank_marks_with_spaces_inside_close_where_they_should(nlp_md):
    from storyline.quotes.marks import find_quote_spans
    text = ("Obama criticized the `` ridiculous spectacle '' of trading blame . He was angry . "
            "`` I have to say , '' Obama said , `` I did not appreciate it . ''")
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == [
        "`` ridiculous spectacle ''", "`` I have to say , ''", "`` I did not appreciate it . ''"]
    quotes, _, _ = run(nlp_md, text)  # no quotation runs on to the end of the text any more
    assert quotes and all(len(q.content.text) < 80 and q.speaker_text == "Obama" for q in quotes)
    # copy that leaves a quotation unclosed: it ends where the next `` opens
    text = ("`` This is a legal mess , Attorney General Ann Holt told reporters . `` The claims "
            "will dwarf every earlier settlement , '' said Karl Brandt .")
    spans = find_quote_spans(text)
    assert [(text[s.start:s.end], s.closed) for s in spans] == [
        ("`` This is a legal mess , Attorney General Ann Holt told reporters .", False),
        ("`` The claims will dwarf every earlier settlement , ''", True)]
    quotes, _, _ = run(nlp_md, text)
    q = next(q for q in quotes if "settlement" in q.content.text)
    assert q.speaker_text == "Karl Brandt" and "legal disaster" not in q.content.text


def test_a_quotation_in_two_apostrophes_is_a_direct_quote_of_its_speaker(nlp_md):
    text = ("Ms. Vale rode the train uptown on Thursday. ''I cannot tell what he means by it, but I will "
            "take Tom Reed over Ann Brandt or Carl Mendes anytime,'' she said.")
    quotes, mentions, _ = run(nlp_md, text)
    q = next(q for q in quotes if "anytime" in q.content.text)
    assert q.kind == "direct" and q.content.text.startswith("''I cannot tell")
    assert mentions[q.speaker_mention].text == "Vale"


def test_a_report_closing_the_sentence_is_not_part_of_what_was_said(nlp_md):
    text = ('Norway said on Monday that the closure of the northern pass had caused "deep concern", '
            'the official Nordic Wire agency reported.')
    q = only(run(nlp_md, text)[0])
    assert q.speaker_text == "Norway"
    assert q.content.text.endswith('"deep concern"')
    assert "reported" not in q.content.text


def test_a_quote_passed_on_by_an_agency_stays_with_its_speaker(nlp_md):
    text = ('"We have seen the tension grow every hour since the vote," Lund said outside his home in '
            'Bergen, the Nordic Wire agency reported.')
    q = only(run(nlp_md, text)[0])
    assert q.speaker_text == "Lund"
    assert q.kind == "direct" and q.content.text.endswith('since the vote,"')


def test_a_weekday_parsed_as_subject_is_never_the_source(nlp_md):
    for text in ("Harbor watchdog Coast Alert (CA) Saturday condemned the sinking of the ferry, "
                 "saying the owners would face an inquiry.",  # the name hangs off the day
                 "Rights group Nordic Rights Watch (NRW) Thursday condemned the sinking of the ferry, "
                 "saying the owners would face an inquiry."):  # the name is left as the root
        quotes, _, _ = run(nlp_md, text)
        assert len(quotes) == 2
        assert all(q.speaker_text not in ("Saturday", "Thursday") for q in quotes)
        assert all(q.speaker_text.endswith(("Coast Alert (CA)", "Nordic Rights Watch (NRW)")) for q in quotes)


def test_a_capitalised_dateline_before_a_colon_is_not_a_speaker(nlp_md):
    text = ("What is planned for today:\n\nOSLO: Covering the vote on the new fishing quota after "
            "weeks of protest by trawler crews.\n\nBERGEN, Norway: Reporting on the storm damage.")
    quotes, _, _ = run(nlp_md, text)
    assert not [q for q in quotes if q.speaker_text in ("OSLO", "BERGEN, Norway", "BERGEN")]


def test_a_pronoun_speaker_bound_to_a_description_is_shown_as_it(nlp_md):
    text = ("The transport ministry said 41 ships had been held at sea. A total of 664 crew members "
            "have been brought ashore, it said.")
    quotes, mentions, _ = run(nlp_md, text)
    q = next(q for q in quotes if "crew members" in q.content.text)
    assert q.speaker_text == "The transport ministry"
    assert q.source_span.text == "it"  # the source as written stays where it is


def test_a_participle_naming_a_thing_is_not_speech(nlp_md):
    text = ("The island is shared with a country called Verdania. Smaller quakes, called "
            "aftershocks, shook the valley. Police arrested a man named Olaf Brandt.")
    quotes, _, _ = run(nlp_md, text)
    assert quotes == [], [(q.speaker_text, q.content.text) for q in quotes]
    # quoted words under such a participle are reported words, but nobody is their speaker
    text = 'On the intake form, in a field labeled "main complaint," the nurse wrote "dizziness."'
    quotes, _, _ = run(nlp_md, text)
    labeled = [q for q in quotes if q.cue and q.cue.text == "labeled"]
    assert labeled and all(not q.attributed and q.speaker_text != "a box" for q in labeled)


def test_a_naming_participle_the_tagger_read_as_a_past_tense_is_still_no_speech(nlp_md):
    # "called" tagged VBD, attached to "quakes" with "aftershocks" as its object predicate
    quotes, _, _ = run(nlp_md, "Strong earthquakes are usually followed by smaller quakes called aftershocks.")
    assert quotes == [], [(q.speaker_text, q.content.text) for q in quotes]
    # a misparsed finite verb with an object keeps its source
    quotes, _, _ = run(nlp_md, "The senator's campaign called the report a disgrace.")
    assert [q.speaker_text for q in quotes] == ["The senator's campaign"]


def test_a_topic_before_a_colon_is_not_a_speaker(nlp_md):
    quotes, _, _ = run(nlp_md, "Verdania earthquake: many feared dead\n\nThe quake struck at dawn.")
    assert not [q for q in quotes if q.speaker_text and "earthquake" in q.speaker_text]
    quotes, _, _ = run(nlp_md, "Olaf Brandt: we will rebuild every school\n\nThe quake struck at dawn.")
    assert [q.speaker_text for q in quotes] == ["Olaf Brandt"]


def test_a_wire_dateline_before_the_speaker_is_not_the_speaker(nlp_md):
    for text in ("SKAGEN, Denmark | Tue Mar 4, 2025 6:10pm CET SKAGEN, Denmark (Nordic Wire) - Shipping "
                 "group Maersk said on Tuesday its crews had made real progress against the fire.",
                 "SKAGEN , Denmark -LRB- Nordic Wire -RRB- - Shipping group Maersk said on Tuesday its crews "
                 "had made progress ."):
        quotes, mentions, _ = run(nlp_md, text)
        q = only(quotes)
        assert q.speaker_text == "Shipping group Maersk"
        assert mentions[q.speaker_mention].text == "Maersk"


def test_a_clause_joined_by_and_with_its_own_complement_reports_nothing_back(nlp_md):
    text = ("The new pump did nothing to seal the hull, and a large volume of water continues to pour "
            "into the engine room.")
    quotes, _, _ = run(nlp_md, text)
    assert quotes == [], [(q.speaker_text, q.content.text) for q in quotes]
    quotes, _, _ = run(nlp_md, "The talks failed, the minister told reporters on Monday.")
    assert [(q.speaker_text, q.content.text) for q in quotes] == [("the minister", "The talks failed")]


def test_the_words_reported_after_a_wire_dateline_leave_the_dateline_out(nlp_md):
    for text, said, who in (
            ("BERGEN | Tue Feb 10 , 2026 9:03 pm CET BERGEN -LRB- Nordic Wire -RRB- - Checking whether a hull "
             "is sound takes divers several days , a harbour official said on Tuesday .",
             "Checking whether a hull is sound", "a harbour official"),
            ("BERGEN | Tue Feb 10 , 2026 9:03 pm CET BERGEN -LRB- Nordic Wire -RRB- - Raising the sunken ferry "
             "could take until the spring , the port authority said on Tuesday .",
             "Raising the sunken ferry could take", "the port authority")):
        quotes, _, _ = run(nlp_md, text)
        q = only(quotes)
        assert q.speaker_text == who
        assert q.content.text.startswith(said), q.content.text  # not "BERGEN | Tue Feb 10 ..."
        assert text[q.start:q.end] == q.content.text
