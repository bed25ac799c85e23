"""Per-article mentions: titles, appositives, copulas, nominals, pronouns,
demonyms and metonyms, on sentences written for these tests."""
from __future__ import annotations

import pytest

from storyline.entities.mentions import extract_mentions, mentions_for_spans, np_extent
from storyline.records import Article


def _mentions(nlp, text, published=None):
    art = Article(id="t1", text=text, published=published)
    return extract_mentions(nlp(text), art)


def _by_text(ms, text, kind=None):
    hits = [m for m in ms if m.text == text and (kind is None or m.kind == kind)]
    assert hits, (text, [(m.text, m.kind) for m in ms])
    return hits[0]


def _pronoun_referent(ms, pronoun):
    """The text of the mention the (first) pronoun ``pronoun`` finally refers to."""
    return _referent(ms, _by_text(ms, pronoun, "pronoun")).text


def _referent(ms, m):
    seen = set()
    while m.antecedent is not None and id(m) not in seen:
        seen.add(id(m))
        m = ms[m.antecedent]
    return m


def test_title_before_a_name_is_a_role_with_offsets(nlp_md):
    text = "Brazilian Finance Minister Ana Souza met bankers in Lisbon on Monday."
    ms = _mentions(nlp_md, text, published="2024-03-04")
    souza = _by_text(ms, "Ana Souza", "name")
    assert souza.type == "PERSON"
    role = souza.roles[0]
    assert text[role.start:role.end] == role.text == "Brazilian Finance Minister"
    assert role.date == "2024-03-04" and role.article_id == "t1"


def test_appositive_role_after_a_name(nlp_md):
    text = "Marco Bellini, spokesman for the regional police, said the road would reopen."
    ms = _mentions(nlp_md, text)
    bellini = _by_text(ms, "Marco Bellini", "name")
    assert any(r.text.startswith("spokesman for the regional police") for r in bellini.roles)


def test_possessive_role_before_an_appositive_name_links_the_nominal(nlp_md):
    text = "France's top diplomat, Jean Moreau, warned on Tuesday that talks could fail."
    ms = _mentions(nlp_md, text)
    moreau = _by_text(ms, "Jean Moreau", "name")
    assert any(r.text == "France's top diplomat" for r in moreau.roles)
    nominal = _by_text(ms, "France's top diplomat", "nominal")
    assert _referent(ms, nominal) is moreau


def test_name_after_role_of_organisation_is_the_role_nouns_appositive(nlp_md):
    """"The head of the Kiel Canal Authority, Jonas Pedersen," parses with the name hanging
    off the organisation; the role and the nominal still belong to the person."""
    text = "The head of the Kiel Canal Authority, Jonas Pedersen, said on Saturday that water levels were low."
    doc = nlp_md(text)
    assert [t.head.text for t in doc if t.dep_ == "appos"] == ["Authority"]  # the parse this test is about
    ms = extract_mentions(doc, Article(id="t1", text=text))
    pedersen = _by_text(ms, "Jonas Pedersen", "name")
    assert any(r.text == "head of the Kiel Canal Authority" for r in pedersen.roles)
    assert _referent(ms, _by_text(ms, "The head", "nominal")) is pedersen


def test_definite_nominal_refers_back_to_the_titled_person(nlp_md):
    text = ("Chancellor Karl Weber met Prime Minister Ines Duarte in Berlin. "
            "Later the conservative chancellor told reporters the meeting went well.")
    ms = _mentions(nlp_md, text)
    nominal = _by_text(ms, "the conservative chancellor", "nominal")
    assert _referent(ms, nominal).text == "Karl Weber"


def test_nominal_with_a_conflicting_country_is_not_linked(nlp_md):
    text = ("President Anna Berg visited the border on Monday. "
            "Poland's president did not attend.")
    ms = _mentions(nlp_md, text)
    nominal = _by_text(ms, "Poland's president", "nominal")
    assert nominal.antecedent is None


def test_pronoun_refers_to_the_subject_of_the_previous_sentence(nlp_md):
    text = "Senator Maria Lopez criticized the budget plan on Friday. She said it would hurt schools."
    ms = _mentions(nlp_md, text)
    assert _pronoun_referent(ms, "She") == "Maria Lopez"


def test_pronoun_object_is_not_bound_to_its_own_subject(nlp_md):
    text = "Tom Rivers met Paul Grant on Monday. Rivers thanked him for the help."
    ms = _mentions(nlp_md, text)
    him = _by_text(ms, "him", "pronoun")
    assert _referent(ms, him).text != "Rivers"


def test_demonyms_are_nationalities_not_actors(nlp_md):
    ms = _mentions(nlp_md, "Swedish officials and Kenyan diplomats met in Nairobi.")
    swedish = _by_text(ms, "Swedish")
    assert swedish.kind == "demonym" and swedish.nationality_of == "Sweden"
    assert _by_text(ms, "Kenyan").nationality_of == "Kenya"


def test_capital_acting_as_government_is_a_metonym(nlp_md):
    ms = _mentions(nlp_md, "Beijing rejected the proposal, and the Kremlin said nothing. Tourists love Beijing.")
    beijing = [m for m in ms if m.text == "Beijing"]
    assert beijing[0].metonym_of == "China"
    assert beijing[1].metonym_of is None  # a place people visit
    assert _by_text(ms, "Kremlin").metonym_of == "Russia"


def test_name_the_tagger_missed_is_found_where_the_article_names_it(nlp_md):
    text = ("Governor Lena Trask signed the bill on Monday. Critics said Trask ignored them. "
            "Trask said she would not veto it.")
    ms = _mentions(nlp_md, text)
    names = [m for m in ms if m.kind == "name" and m.text.endswith("Trask")]
    assert len(names) == 3


def test_mentions_for_given_spans_are_one_per_span_and_linked(nlp_md):
    text = "Acme Corp. bought Widgetco. The company said its profit rose."
    spans = [(0, 10), (18, 26), (28, 39), (45, 48)]
    ms = mentions_for_spans(nlp_md(text), Article(id="t", text=text), spans)
    assert len(ms) == 4
    assert ms[0].kind == "name" and ms[2].kind == "nominal" and ms[3].kind == "pronoun"
    assert _referent(ms, ms[2]) is ms[0]


def test_np_extent_covers_determiner_modifiers_and_of_complement(nlp_md):
    text = "She met the new chairman of the board yesterday."
    doc = nlp_md(text)
    ms = extract_mentions(doc, Article(id="t", text=text))
    chairman = next(m for m in ms if m.head == "chairman")
    s, e = np_extent(doc, chairman)
    assert text[s:e] == "the new chairman of the board"


def test_pronoun_gender_agrees_with_what_the_text_says(nlp_md):
    text = ("Spokeswoman Dana Reyes met Omar Haddad in Cairo on Monday. "
            "He thanked the delegation. She said the talks would continue.")
    ms = _mentions(nlp_md, text)
    assert _referent(ms, _by_text(ms, "He", "pronoun")).text == "Omar Haddad"
    assert _referent(ms, _by_text(ms, "She", "pronoun")).text == "Dana Reyes"


def test_pronoun_prefers_the_main_clause_subject_over_an_embedded_one(nlp_md):
    text = ("Maria Lopez opened the hearing on Monday. "
            "Lopez argues the audit shows Brandt hid the losses from the board.\n\n"
            "She says Brandt runs the same closed shop that he promised to open up.")
    ms = _mentions(nlp_md, text)
    assert _referent(ms, _by_text(ms, "She", "pronoun")).text.endswith("Lopez")
    assert _referent(ms, _by_text(ms, "he", "pronoun")).text.endswith("Brandt")


def test_a_pronoun_before_a_name_does_not_give_the_name_its_gender(nlp_md):
    # "She says Brandt ...": "She" is not a title of Brandt
    ms = _mentions(nlp_md, "Maria Lopez spoke first. She says Brandt lied. He denies it.")
    brandt = _by_text(ms, "Brandt", "name")
    assert brandt.gender is None
    assert _referent(ms, _by_text(ms, "He", "pronoun")).text in ("Brandt", "Peter Brandt")


def test_a_courtesy_title_outranks_an_appositive_classifier_noun(nlp_md):
    # "developer" can name a company ("the developer Evergrande"), but "Mr." says person
    ms = _mentions(nlp_md, "Mr. Halvorsen, the developer who built the tower, has paid his debts.")
    assert _by_text(ms, "Halvorsen", "name").type == "PERSON"


def test_a_title_case_headline_is_not_a_long_name(nlp_md):
    # the recognizer reads "Chicago Tribune Story Smears Harbor Union Organizer" as one organization
    text = ("Chicago Tribune Story Smears Harbor Union Organizer Who Was in a Clinic for Stress.\n\n"
            "The paper ran the story on Sunday.")
    names = [m.text for m in _mentions(nlp_md, text) if m.kind == "name"]
    assert not any(len(n.split()) >= 4 for n in names), names


def test_a_group_adjective_before_a_noun_is_not_an_actor_but_the_group_noun_is(nlp_md):
    ms = _mentions(nlp_md, "The Democratic nominee met voters. The Democrats said the party was united.")
    names = [m.text for m in ms if m.kind == "name"]
    assert "Democratic" not in names
    assert "Democrats" in names


def test_a_double_space_inside_an_appositive_does_not_cut_the_role(nlp_md):
    ms = _mentions(nlp_md, "Ms. Varga, a harbor engineer  for the port authority, signed the report.")
    assert [r.text for r in _by_text(ms, "Varga", "name").roles] == ["harbor engineer  for the port authority"]
    # (a phrase of time after it is no part of the role: test_a_role_ends_before_a_phrase_of_time)


def test_a_role_said_inside_someone_elses_quotation_is_not_the_persons_role(nlp_md):
    quoted = _mentions(nlp_md, "“We must make sure Anna Lind is our next mayor,” the organizer said.")
    assert _by_text(quoted, "Anna Lind", "name").roles == ()
    plain = _mentions(nlp_md, "Anna Lind is the mayor of Marlow.")
    assert [r.text for r in _by_text(plain, "Anna Lind", "name").roles] == ["mayor of Marlow"]


def test_an_appositive_after_a_relative_clause_describes_the_name_just_before_it(nlp_md):
    # the parser hangs "the state fire chief" on Lopez, across the relative clause
    text = ("Governor Maria Lopez spoke. Lopez - who suddenly dismissed Brandt, the state fire chief, "
            "on Monday after praising him for weeks - faces no serious challenger.")
    ms = _mentions(nlp_md, text)
    assert [r.text for r in _by_text(ms, "Brandt", "name").roles] == ["state fire chief"]
    assert _by_text(ms, "Lopez", "name").roles == ()
    assert _referent(ms, _by_text(ms, "the state fire chief", "nominal")).text == "Brandt"


def test_organization_nominal_naming_another_country_is_not_linked(nlp_md):
    text = "The World Bank approved a loan on Monday. The Bolivian government said it welcomed the decision."
    ms = _mentions(nlp_md, text)
    assert _by_text(ms, "The Bolivian government", "nominal").antecedent is None
    text = "The World Bank approved a loan on Monday. The organization said it expected growth."
    ms = _mentions(nlp_md, text)
    assert _referent(ms, _by_text(ms, "The organization", "nominal")).text == "World Bank"


def test_party_adjective_conflict_blocks_a_role_nominal(nlp_md):
    text = ("Republican nominee Tom Hale spoke in Ohio on Monday. "
            "Later the Democratic nominee answered him in a speech.")
    ms = _mentions(nlp_md, text)
    assert _by_text(ms, "the Democratic nominee", "nominal").antecedent is None
    text = ("Republican nominee Tom Hale spoke in Ohio on Monday. "
            "Later the Republican nominee answered critics in a speech.")
    ms = _mentions(nlp_md, text)
    assert _referent(ms, _by_text(ms, "the Republican nominee", "nominal")).text == "Tom Hale"


def test_pipeline_without_parser_or_recognizer_gives_no_error():
    import spacy

    text = "Mr. Smith said he would come."
    assert extract_mentions(spacy.blank("en")(text), Article(id="b", text=text)) == []


def test_empty_article_has_no_mentions(nlp_sm):
    assert extract_mentions(nlp_sm(""), Article(id="e", text="")) == []


def test_possessive_country_before_a_name_is_an_affiliation_not_a_role(nlp_md):
    ms = _mentions(nlp_md, "Chile's Elena Ruiz met Peru's Jorge Salas in Lima.")
    ruiz = _by_text(ms, "Elena Ruiz", "name")
    assert ruiz.nationality_of == "Chile" and ruiz.roles == ()
    assert _by_text(ms, "Jorge Salas", "name").nationality_of == "Peru"


def test_role_noun_with_a_person_possessor_is_someone_else(nlp_md):
    text = "Senator Ana Ruiz arrived on Monday. Her spokesman said the senator was tired."
    ms = _mentions(nlp_md, text)
    assert _by_text(ms, "Her spokesman", "nominal").antecedent is None
    assert _referent(ms, _by_text(ms, "the senator", "nominal")).text == "Ana Ruiz"


def test_name_that_employs_someone_is_an_organization(nlp_sm):
    # a hand-built parse in which the recognizer called the company a nationality
    from spacy.tokens import Doc

    words = ["Kestrel", "chief", "executive", "Ana", "Holm", "spoke", "."]
    doc = Doc(nlp_sm.vocab, words=words, spaces=[True] * 5 + [False, False],
              heads=[4, 2, 4, 4, 5, 5, 5], deps=["nmod", "amod", "compound", "compound", "nsubj", "ROOT", "punct"],
              pos=["PROPN", "ADJ", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT"],
              ents=["B-NORP", "O", "O", "B-PERSON", "I-PERSON", "O", "O"])
    ms = extract_mentions(doc, Article(id="k", text=doc.text))
    kestrel = _by_text(ms, "Kestrel", "name")
    assert kestrel.type == "ORG"
    assert any(r.text == "Kestrel chief executive" for r in _by_text(ms, "Ana Holm", "name").roles)


def test_a_stray_initial_is_not_a_person(nlp_md):
    text = ("Lind said she would look into the costs. I.\n\n"
            "On the radio on Tuesday, she said, “I never promised to pay.”")
    ms = _mentions(nlp_md, text)
    assert not any(m.kind == "name" and m.text == "I." for m in ms)


def test_a_quantified_noun_gives_no_role_and_refers_to_no_one(nlp_md):
    # the parser makes Lopez the appositive of "candidate"
    text = ("The tax bill was sailing through the council, supported by the unions, most of local radio, "
            "and every other council candidate for mayor this year, including, for a while, Maria Lopez.")
    ms = _mentions(nlp_md, text)
    assert _by_text(ms, "Maria Lopez", "name").roles == ()
    assert all(m.antecedent is None for m in ms if m.text.startswith("every other"))


def test_a_plural_role_noun_is_no_role_of_one_name(nlp_md):
    ms = _mentions(nlp_md, "Some emails to Powell, Rice's aides, were sent to secure storage.")
    assert _by_text(ms, "Powell").roles == ()
    ms = _mentions(nlp_md, "Anna Berg, a spokeswoman for the ministry, said talks would resume.")
    assert [r.text for r in _by_text(ms, "Anna Berg").roles] == ["spokeswoman for the ministry"]


def test_a_scare_quoted_nominal_keeps_both_marks(nlp_md):
    ms = _mentions(nlp_md, "Reines asked the \u201creporter\u201d to join him on a chat service.")
    assert _by_text(ms, "the \u201creporter\u201d", "nominal")


def test_a_role_starts_after_a_conjunction_and_a_nominal_after_an_open_quotation(nlp_md):
    ms = _mentions(nlp_md, "The cleanup goes on, with both Governor Anna Reyes and her husband "
                           "Paul expected to tour the valley.")
    assert [r.text for r in _by_text(ms, "Anna Reyes").roles] == ["Governor"]
    ms = _mentions(nlp_md, "Mr. Obama said the museum would tell of ''the president but also the slave.''")
    assert _by_text(ms, "the president", "nominal")


def test_a_name_ends_before_a_verb_of_a_title_case_headline(nlp_md):
    ms = _mentions(nlp_md, "FactWatch: Maria Lopez Is Right, 'Hundreds of Floods' in Ohio this Spring."
                           "\n\nThe fact-checkers agreed with Lopez.")
    assert _by_text(ms, "Maria Lopez", "name")
    assert not [m for m in ms if "Is Right" in m.text]


def test_a_role_ends_before_a_phrase_of_time(nlp_md):
    ms = _mentions(nlp_md, "Ms. Brainard, a Fed governor since 2014, has emerged as a voice for low rates.")
    assert [r.text for r in _by_text(ms, "Brainard").roles] == ["Fed governor"]


def test_a_sentence_adverb_is_no_part_of_the_name_after_it(nlp_md):
    ms = _mentions(nlp_md, "Wen told the company leaders to act.\n\nLater Wen paid a visit to the institute.")
    assert not [m for m in ms if m.text.startswith("Later")]
    assert len([m for m in ms if m.text == "Wen"]) == 2


def _span(text, phrase, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def test_given_spans_headline_capital_is_the_texts_common_noun(nlp_md):
    text = ("Elderly Woman Struck And Killed By Delivery Truck\n"
            "A woman was struck by a delivery truck on Friday. The woman died at the scene.")
    spans = [_span(text, "Woman"), _span(text, "woman"), _span(text, "woman", 1)]
    ms = mentions_for_spans(nlp_md(text), Article(id="t", text=text), spans)
    assert [m.kind for m in ms] == ["nominal", "nominal", "nominal"]
    assert {m.head for m in ms} == {"woman"}


def test_given_spans_a_capital_the_prose_gives_stays_a_name(nlp_md):
    text = "The update adds a new e-mail client, Mail, and fixes the mail server."
    ms = mentions_for_spans(nlp_md(text), Article(id="t", text=text), [_span(text, "Mail")])
    assert ms[0].kind == "name" and ms[0].name == "Mail"


def test_given_span_with_its_preposition_is_the_place_it_names(nlp_md):
    text = "Pirates seized a tanker in the Gulf of Aden on Saturday."
    ms = mentions_for_spans(nlp_md(text), Article(id="t", text=text), [_span(text, "in the Gulf of Aden")])
    assert ms[0].kind == "name" and "Gulf of Aden" in ms[0].name


def test_a_person_named_by_what_they_are_is_a_mention_pronouns_can_take(nlp_md):
    text = "A woman was struck by a delivery truck in Dayton on Friday. She died at the scene."
    ms = _mentions(nlp_md, text)
    woman = _by_text(ms, "A woman", "nominal")
    assert woman.type == "PERSON"
    assert _referent(ms, _by_text(ms, "She", "pronoun")) is woman


def test_a_nominals_possessive_pronoun_is_a_mention_of_its_own(nlp_md):
    text = "Dana Cole shouted to the officers that her husband was unarmed."
    ms = _mentions(nlp_md, text)
    husband = _by_text(ms, "her husband", "nominal")
    assert husband.gender == "m"  # the possessor's "her" says nothing of the husband
    her = _by_text(ms, "her", "pronoun")
    assert _referent(ms, her).text == "Dana Cole"


@pytest.mark.parametrize("quoted", [
    "the candidate",  # the writer's "he" is not bound to "Obama" inside the quotation
    "her",  # nor does the quotation's "her", read as Crespo's, make Crespo a woman
])
def test_the_writers_pronoun_after_a_quotation_is_the_speaker_outside_it(nlp_md, quoted):
    text = ("Henry Crespo leads the county caucus. "
            f"“No one is writing songs for {quoted}. Obama had a singer,” he said.")
    ms = _mentions(nlp_md, text)
    assert _pronoun_referent(ms, "he") == "Henry Crespo"


def test_a_name_the_recognizer_missed_is_found_after_the_and_typed_by_its_classifier(nlp_md):
    text = ("A container ship ran aground in the canal on Tuesday. Tugs tried to free the Ever Bright, "
            "a 400-metre vessel operated by a Danish firm. The vessel was refloated on Friday.")
    ms = _mentions(nlp_md, text)
    ship = _by_text(ms, "Ever Bright", "name")
    assert ship.type == "PRODUCT" and ship.source.endswith("+recurring")
    assert _referent(ms, _by_text(ms, "The vessel", "nominal")) is ship


def test_capitals_that_are_no_name_stay_unnamed(nlp_md):
    # a single capitalized word written twice, a phrase also written in lower case, and the
    # tail of a longer capitalized phrase are not names
    text = ("Staff members met on Monday, and Staff reporters wrote it up. "
            "The Long March began, said the editors, though the long march was short. "
            "Analysts at Zero Hedge wrote that Zero Hedge had seen it coming.")
    ms = _mentions(nlp_md, text)
    found = {m.text for m in ms if m.source.endswith("+recurring")}
    assert not found & {"Staff", "Long March", "Hedge"}


def test_a_persons_surname_is_a_person_whatever_the_recognizer_typed_it():
    from storyline.entities.mentions import Draft, _surnames_are_persons

    drafts = [Draft(0, 2, 1, "name", "PERSON", name="Ava DuVernay"),
              Draft(5, 7, 6, "name", "PERSON", name="George Washington"),
              Draft(10, 11, 10, "name", "GPE", name="DuVernay"),
              Draft(20, 21, 20, "name", "ORG", name="DuVernay"),
              Draft(30, 31, 30, "name", "GPE", name="Washington"),  # a capital keeps its type
              Draft(40, 41, 40, "name", "GPE", name="Selma")]
    _surnames_are_persons(drafts)
    assert [d.type for d in drafts] == ["PERSON", "PERSON", "PERSON", "PERSON", "GPE", "GPE"]
    assert drafts[2].source.endswith("+surname")


def test_a_names_gender_is_what_most_of_its_pronouns_say(nlp_md):
    # read by salience alone, "he" goes to Reyes and, as the first pronoun, used to make her a
    # man, sending every later "she" to Ortiz; three "she" outvote it, and "he" is Ortiz's
    text = ("Dana Reyes questioned Paul Ortiz at the hearing. Reyes asked Ortiz whether he had read "
            "the report. She said the bank had failed. She added that regulators had waited too long. "
            "“It is not right,” she said.")
    ms = _mentions(nlp_md, text)
    shes = [m for m in ms if m.kind == "pronoun" and m.text.lower() == "she"]
    assert len(shes) == 3 and all(_referent(ms, m).text == "Reyes" for m in shes)
    assert _pronoun_referent(ms, "he") == "Ortiz"


def test_a_quotation_of_several_sentences_is_one_step_back_for_the_pronoun_after_it(nlp_md):
    # "he" stands three sentences after Verlaine, two of them inside the quotation he speaks
    text = ("The council hired Tom Verlaine, a consultant from Ohio, in May. "
            "“The plan is simple. We build the bridge first. Then we repair the roads,” he said.")
    ms = _mentions(nlp_md, text)
    assert _pronoun_referent(ms, "he") == "Tom Verlaine"


def test_an_object_pronoun_is_not_whoever_its_verbs_subject_is(nlp_md):
    # "him" is not Lopez, whom "She" names; before, the subject's name was still a candidate
    text = ("Maria Lopez met Tom Verlaine at the hearing on Monday. She then thanked him for the report.")
    ms = _mentions(nlp_md, text)
    assert _pronoun_referent(ms, "him") == "Tom Verlaine"
    assert _pronoun_referent(ms, "She") == "Maria Lopez"


@pytest.mark.parametrize("appositive, expected", [
    ("a Washington-based developer and spokeswoman for the Harbor Investment Coalition", "PERSON"),
    ("a professor of law at Seton Hall University", "PERSON"),
    ("the largest developer in the region", "ORG"),  # a developer alone may be a firm
])
def test_an_appositive_said_only_of_people_types_the_name(nlp_md, appositive, expected):
    from storyline.entities.mentions import _classified

    text = f"Angelique Brunner, {appositive}, said the program had helped poor towns."
    doc = nlp_md(text)
    assert _classified(doc, 0, 2) == expected


def _roles(ms, name):
    return [r.text for r in _by_text(ms, name, "name").roles]


def test_a_role_leaves_out_a_clause_or_appositive_hanging_off_any_word_of_it(nlp_md):
    ms = _mentions(nlp_md, "\"The plant will close,\" said Ruth Ogden, a lawyer at Hale & Barrow, who "
                           "represents the county water board in the dispute.")
    assert _roles(ms, "Ruth Ogden") == ["lawyer at Hale & Barrow"]
    ms = _mentions(nlp_md, "One backer is Tomas Reyes, a founder of Verdant, a startup outside Denver.")
    assert "founder of Verdant" in _roles(ms, "Tomas Reyes")


def test_a_role_keeps_a_close_appositive_and_a_places_state(nlp_md):
    ms = _mentions(nlp_md, "\"It works,\" said Lena Ortiz, president of Rock the Vote.")
    assert _roles(ms, "Lena Ortiz") == ["president of Rock the Vote"]
    ms = _mentions(nlp_md, "\"It works,\" said Omar Haddad, a city council member in Yuma, Ariz., who had "
                           "not heard the mayor before.")
    assert _roles(ms, "Omar Haddad") == ["city council member in Yuma, Ariz."]
    ms = _mentions(nlp_md, "Omar Haddad, the mayor of Oakland, California, said the plan would pass.")
    assert _roles(ms, "Omar Haddad") == ["mayor of Oakland, California"]


def test_a_long_role_is_cut_between_phrases_not_inside_one(nlp_md):
    ms = _mentions(nlp_md, "Nadia Okafor, the head of the Center for Coastal Flood Studies at the "
                           "University of Lagos in southern Nigeria, said the walls would not hold.")
    (role,) = _roles(ms, "Nadia Okafor")
    assert role.startswith("head of the Center for Coastal Flood Studies")
    assert not role.endswith((" of", " at", " the", " in"))  # a whole phrase or none of it


def test_a_title_after_a_role_before_the_name_is_a_role_of_its_own(nlp_md):
    ms = _mentions(nlp_md, "He called Republican vice presidential nominee Gov. Dana Pike weak on trade.")
    assert set(_roles(ms, "Dana Pike")) == {"Republican vice presidential nominee", "Gov."}
    ms = _mentions(nlp_md, "Former Ohio Gov. Lee Marsh endorsed the plan.")
    assert _roles(ms, "Lee Marsh") == ["Former Ohio Gov."]  # no role noun before the title


def test_a_negated_modal_or_nonfinite_copula_gives_no_role(nlp_md):
    for text in ("Carl Voss is not an employee of the network.",
                 "Voters hope that Carl Voss will be the next mayor of the city.",
                 "She came to believe everything, from Carl Voss being a founder of the cartel onward."):
        assert _roles(_mentions(nlp_md, text), "Carl Voss") == [], text
    assert _roles(_mentions(nlp_md, "Carl Voss has been the chairman of the network since 2010."),
                  "Carl Voss") == ["chairman of the network"]


def test_a_relative_pronoun_opens_no_role_or_nominal(nlp_md):
    ms = _mentions(nlp_md, "The levy -- which Brio's chief executive, Lena Dahl, called a raid -- was cut.")
    assert not [m for m in ms if m.text.lower().startswith("which")]
    assert _roles(ms, "Lena Dahl") == ["Brio's chief executive"]


def test_a_third_person_inside_a_quotation_is_not_its_speaker(nlp_md):
    ms = _mentions(nlp_md, "Carl Mendes said Tom Blake was right about the bridge. \u201cHe has read the numbers "
                           "and he knows the river,\u201d Mendes said on Friday.")
    assert _pronoun_referent(ms, "He") == "Tom Blake"


def test_a_third_person_pronoun_does_not_take_the_speakers_i(nlp_md):
    ms = _mentions(nlp_md, "Carl Mendes said on the radio:\n\nAnd from a so-called favorite, Maria Ortiz, this "
                           "smells of the deepest panic that I have witnessed. She cannot win the race without "
                           "the unions? She cannot win it without the mayor?")
    assert _referent(ms, _by_text(ms, "I", "pronoun")).text == "Carl Mendes"  # the speaker's own words
    assert [_referent(ms, m).text for m in ms if m.text == "She"] == ["Maria Ortiz"] * 2


def test_a_quotations_last_noun_is_not_the_appositive_speakers_role(nlp_md):
    text = ("Retired Gen. Paul Dorsey spoke after the vote. \u201cThere is a severe gap between this ministry "
            "and frankly the minister and our army,\u201d Dorsey, a top adviser, said on Friday.")
    ms = _mentions(nlp_md, text)
    dorsey = [m for m in ms if m.text == "Dorsey"][0]
    assert all(r.text != "minister" for r in dorsey.roles)
    (minister,) = [m for m in ms if m.kind == "nominal" and m.text.endswith("the minister")]
    assert _referent(ms, minister).text not in ("Dorsey", "Paul Dorsey")


def test_a_negated_copula_and_a_next_holder_link_to_no_one(nlp_md):
    ms = _mentions(nlp_md, "He started the rumor by saying Mayor Ann Cole is not a citizen of the state.")
    assert _by_text(ms, "a citizen", "nominal").antecedent is None
    ms = _mentions(nlp_md, "President Lena Marsh spoke on Monday. Voters said the next president should cut taxes.")
    nxt = _by_text(ms, "the next president", "nominal")
    assert nxt.antecedent is None and not nxt.definite
    ms = _mentions(nlp_md, "President Lena Marsh spoke on Monday. The president said taxes would fall.")
    assert _referent(ms, _by_text(ms, "The president", "nominal")).text == "Lena Marsh"


def test_a_name_ends_at_a_dash_before_a_lower_case_word(nlp_md):
    ms = _mentions(nlp_md, "The first black governor since Reconstruction, L. Dana Wilder - himself a former "
                           "mayor - spoke on Friday.")
    assert _by_text(ms, "L. Dana Wilder", "name")
    assert not [m for m in ms if m.kind == "name" and "himself" in m.text]


def test_a_role_does_not_open_with_both(nlp_md):
    ms = _mentions(nlp_md, "Both President Lena Marsh and her husband toured the valley on Monday.")
    assert _roles(ms, "Lena Marsh") == ["President"]


def test_a_hyphenated_group_adjective_is_not_an_actor(nlp_md):
    text = ("The ruling anti-Syrian majority called for a funeral, and the pro-Iranian press "
            "said the Syrians would object.")
    names = [m.text for m in extract_mentions(nlp_md(text), Article(id="a", text=text))
             if m.kind in ("name", "demonym")]
    assert not [n for n in names if n.startswith(("anti", "pro"))]
    assert "Syrians" in names


@pytest.mark.parametrize("text", [
    "Mayor Ines Duarte opened the new bridge on Monday.\n\nFormer port chief Karl Lund would run it, she said.",
    "Mayor Ines Duarte opened the new bridge on Monday.\n\n\"Former port chief Karla Lund will run it,\" she said.",
    "Mayor Ines Duarte opened the new bridge on Monday. She said Karla Lund would run it.",
])
def test_the_subject_pronoun_of_a_speech_verb_is_no_one_named_in_what_was_said(nlp_md, text):
    ms = _mentions(nlp_md, text)
    she = next(m for m in ms if m.kind == "pronoun" and m.text.lower() == "she")
    assert _referent(ms, she).text == "Ines Duarte"


def test_a_clause_before_a_dash_or_a_colon_is_no_reported_clause(nlp_md):
    text = ("Senator Maria Lopez seems to know her weak point on taxes - she told the paper that "
            "the plan was hard to sell.")
    ms = _mentions(nlp_md, text)
    assert _pronoun_referent(ms, "she") == "Maria Lopez"


def test_an_appositive_that_titles_another_person_in_a_list_is_no_role(nlp_md):
    for text in ("Among the guests were Lena Ortiz, Chairman of the Board of the Nordic Harbor Union "
                 "Tomas Ekberg, and more than 40 dock leaders.",
                 "Among the guests were Maria Lopez, President of the Council of the Andean Union Alvaro "
                 "Pedro Mendez, and more than 30 regional leaders."):
        first = next(m for m in _mentions(nlp_md, text) if m.kind == "name")
        assert first.text in ("Lena Ortiz", "Maria Lopez")
        assert not first.roles
    for text, role in (("Ann Lee, an adviser to John Smith, spoke on Monday.", "adviser to John Smith"),
                       ("Ann Lee, a spokeswoman for the late Senator John Smith, spoke on Monday.",
                        "spokeswoman for the late Senator John Smith")):
        lee = next(m for m in _mentions(nlp_md, text) if m.kind == "name" and m.text == "Ann Lee")
        assert [r.text for r in lee.roles] == [role]


def test_a_role_nominal_before_a_firm_and_a_person_is_the_persons(nlp_md):
    # the parse hangs the person on the firm named just before: "the CEO" is still Lind
    text = "The CEO of Finland's state power monopoly Voimala, Anna Lind, was also there."
    ms = _mentions(nlp_md, text)
    ceo = _by_text(ms, "The CEO", "nominal")
    assert _referent(ms, ceo).text == "Anna Lind"
    firm = next(m for m in ms if m.text == "Voimala")
    assert firm.type != "PERSON"  # the noun right before a name classifies it, not "CEO"


def test_a_lower_case_word_or_a_prefixed_adjective_opens_no_name(nlp_md):
    text = ("Embassy charge d'affaire Kenji Morita said the flights had stopped. The pro-Israel lobby "
            "and Bill de Blasio met al-Qaeda experts.")
    names = [m.text for m in _mentions(nlp_md, text) if m.kind == "name"]
    assert "Kenji Morita" in names
    assert not [n for n in names if n.startswith(("d'affaire", "pro-", "Israel"))]
    assert "Bill de Blasio" in names and "al-Qaeda" in names


def test_a_title_word_ending_a_hyphenated_place_name_is_no_role(nlp_md):
    ms = _mentions(nlp_md, "Anna Moreau, Port-au-Prince, blogs: Crowds slept outside again. "
                           "Former Vice-President Al Gore wrote to him.")
    assert "Prince" not in _roles(ms, "Anna Moreau")
    assert not [m for m in ms if m.text.endswith("Prince") and m.kind == "nominal"]
    assert _roles(ms, "Al Gore") == ["Former Vice-President"]  # one hyphen: a title still


def test_a_live_reports_time_stamp_is_no_part_of_a_role(nlp_md):
    ms = _mentions(nlp_md, "Relief flights continue. 2313 Foreign Minister Ines Aalto has postponed her visit.")
    assert _roles(ms, "Ines Aalto") == ["Foreign Minister"]


def test_a_bracket_written_as_a_word_is_no_name(nlp_md):
    ms = _mentions(nlp_md, "The fault runs under the bay -LRB- see map -RRB- Money was pledged by donors.")
    assert not [m for m in ms if m.kind == "name" and m.text.startswith("-")]


def test_a_doctor_written_the_british_way_is_named_by_the_full_name(nlp_md):
    from storyline.entities.resolve import resolve
    from storyline.pipeline import analyse_article

    ms = _mentions(nlp_md, "Dr Halvorsen denied the charge. Prof Ines Aalto testified on Monday.")
    assert _roles(ms, "Halvorsen") == ["Dr"]
    assert _roles(ms, "Ines Aalto") == ["Prof"]
    texts = ["Erik Halvorsen, the singer's doctor, was charged on Monday. Dr Halvorsen denied the charge.",
             "Dr Halvorsen appeared in court. Dr Halvorsen's lawyer said he would appeal."]
    analyses = [analyse_article(Article(id=f"d{i}", text=t), nlp=nlp_md) for i, t in enumerate(texts)]
    entities, _ = resolve(analyses)
    doctor = [e for e in entities if "Halvorsen" in e.name]
    assert [e.name for e in doctor] == ["Erik Halvorsen"]


def test_a_place_or_agency_in_a_wire_dateline_is_no_antecedent(nlp_md):
    ms = _mentions(nlp_md, "OSLO -LRB- Reuters -RRB- - The ministry said its staff would work from home .")
    its = _by_text(ms, "its", "pronoun")
    assert its.antecedent is None or ms[its.antecedent].text not in ("OSLO", "Reuters")
