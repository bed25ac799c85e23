"""Cross-article resolution on hand-made mention records (no parser needed)."""
from __future__ import annotations

from storyline.entities.resolve import resolve, vote_types
from storyline.records import Article, ArticleAnalysis, Mention, Role


def _m(aid, text, type_, kind="name", start=0, antecedent=None, roles=(), nationality_of=None, metonym_of=None):
    return Mention(article_id=aid, start=start, end=start + len(text), text=text, type=type_, kind=kind,
                   name=text if kind == "name" else "", antecedent=antecedent, roles=tuple(roles),
                   nationality_of=nationality_of, metonym_of=metonym_of)


def _a(aid, mentions, published=None):
    return ArticleAnalysis(article=Article(id=aid, text="x" * 500, published=published), mentions=tuple(mentions))


def _entity_of(ents, me, aid, i):
    eid = me[aid][i]
    return next((e for e in ents if e.id == eid), None)


def test_full_name_surname_and_possessive_form_merge():
    an = [
        _a("a1", [_m("a1", "Elena Markova", "PERSON"), _m("a1", "Markova", "PERSON", start=50)]),
        _a("a2", [_m("a2", "Markova", "PERSON")]),
        _a("a3", [_m("a3", "Elena Markova's", "PERSON")]),
    ]
    ents, me = resolve(an)
    persons = [e for e in ents if e.type == "PERSON"]
    assert len(persons) == 1
    assert persons[0].name == "Elena Markova" and persons[0].mention_count == 4
    assert set(persons[0].article_ids) == {"a1", "a2", "a3"}


def test_same_surname_different_given_names_stay_apart():
    an = [
        _a("a1", [_m("a1", "John Keller", "PERSON"), _m("a1", "Keller", "PERSON", start=40)]),
        _a("a2", [_m("a2", "Maria Keller", "PERSON"), _m("a2", "Keller", "PERSON", start=40)]),
    ]
    ents, me = resolve(an)
    john, maria = _entity_of(ents, me, "a1", 0), _entity_of(ents, me, "a2", 0)
    assert john.id != maria.id
    assert me["a1"][1] == john.id and me["a2"][1] == maria.id  # each article's bare surname goes to its own


def test_ambiguous_bare_surname_is_not_forced_onto_either_person():
    an = [
        _a("a1", [_m("a1", "John Keller", "PERSON")]),
        _a("a2", [_m("a2", "Maria Keller", "PERSON")]),
        _a("a3", [_m("a3", "Keller", "PERSON")]),
    ]
    ents, me = resolve(an)
    assert me["a3"][0] not in (me["a1"][0], me["a2"][0])
    assert _entity_of(ents, me, "a3", 0).confidence < 0.8


def test_pronouns_tell_a_bare_surname_which_namesake_it_is():
    # "Maria Keller ... she" and "John Keller ... he" in two articles; a third names only
    # "Keller" and then says "he": the man, not an ambiguous Keller of its own
    an = [
        _a("a1", [_m("a1", "John Keller", "PERSON"), _m("a1", "he", "PERSON", kind="pronoun", start=40, antecedent=0)]),
        _a("a2", [_m("a2", "Maria Keller", "PERSON"), _m("a2", "she", "PERSON", kind="pronoun", start=40, antecedent=0)]),
        _a("a3", [_m("a3", "Keller", "PERSON"), _m("a3", "he", "PERSON", kind="pronoun", start=40, antecedent=0)]),
    ]
    ents, me = resolve(an)
    assert me["a3"][0] == me["a1"][0] != me["a2"][0]
    # pronouns that disagree tell nothing
    an[2] = _a("a3", [_m("a3", "Keller", "PERSON"), _m("a3", "he", "PERSON", kind="pronoun", start=40, antecedent=0),
                      _m("a3", "she", "PERSON", kind="pronoun", start=60, antecedent=0)])
    ents, me = resolve(an)
    assert me["a3"][0] not in (me["a1"][0], me["a2"][0])


def test_type_is_voted_across_the_corpus():
    an = [_a(f"a{i}", [_m(f"a{i}", "Oskar Lindqvist", "PERSON"), _m(f"a{i}", "Lindqvist", "PERSON", start=30)])
          for i in range(3)]
    an.append(_a("bad", [_m("bad", "Lindqvist", "GPE")]))  # a tagger error
    assert vote_types(an)["lindqvist"] == "PERSON"
    ents, me = resolve(an)
    e = _entity_of(ents, me, "bad", 0)
    assert e.type == "PERSON" and e.name == "Oskar Lindqvist"


def test_alias_suffix_and_acronym_keys():
    an = [
        _a("a1", [_m("a1", "Acme Inc.", "ORG"), _m("a1", "U.S.", "GPE", start=20),
                  _m("a1", "European Space Agency", "ORG", start=40)]),
        _a("a2", [_m("a2", "Acme", "ORG"), _m("a2", "the United States", "GPE", start=20),
                  _m("a2", "ESA", "ORG", start=40)]),
    ]
    ents, me = resolve(an)
    for i in range(3):
        assert me["a1"][i] == me["a2"][i]
    assert len(ents) == 3


def test_a_body_named_head_first_and_field_first_is_one_entity():
    an = [
        _a("a1", [_m("a1", "Department of Justice", "ORG"), _m("a1", "Ministry of Defence", "ORG", start=30),
                  _m("a1", "Bank of America", "ORG", start=60)]),
        _a("a2", [_m("a2", "the Justice Department", "ORG"), _m("a2", "Defence Ministry", "ORG", start=30),
                  _m("a2", "America Bank", "ORG", start=60)]),
    ]
    ents, me = resolve(an)
    assert me["a1"][0] == me["a2"][0] and me["a1"][1] == me["a2"][1]
    assert me["a1"][2] != me["a2"][2]  # only government bodies' heads invert
    assert len(ents) == 4


def test_a_body_named_by_its_field_alone_joins_the_one_body_of_that_field():
    an = [
        _a("a1", [_m("a1", "State Department", "ORG"), _m("a1", "State", "ORG", start=30),
                  _m("a1", "Defense Department", "ORG", start=60)]),
        _a("a2", [_m("a2", "Defense Ministry", "ORG"), _m("a2", "Defense", "ORG", start=30)]),
        _a("a3", [_m("a3", "Georgia", "GPE"), _m("a3", "Georgia Department", "ORG", start=30)]),
    ]
    ents, me = resolve(an)
    assert me["a1"][1] == me["a1"][0]              # "State" said: the State Department
    assert me["a2"][1] not in (me["a1"][2], me["a2"][0])  # two bodies of defense: left alone
    assert me["a3"][0] != me["a3"][1]              # a place is not a body of its name


def test_demonym_attaches_to_its_country_and_nominals_follow_antecedents():
    an = [_a("a1", [
        _m("a1", "Norway", "GPE"),
        _m("a1", "Norwegian", "NORP", kind="demonym", start=10, nationality_of="Norway"),
        _m("a1", "Ida Berg", "PERSON", start=20),
        _m("a1", "the minister", "PERSON", kind="nominal", start=40, antecedent=2),
        _m("a1", "she", "PERSON", kind="pronoun", start=60, antecedent=3),
        _m("a1", "Italian", "NORP", kind="demonym", start=80, nationality_of="Italy"),
    ])]
    ents, me = resolve(an)
    assert me["a1"][1] == me["a1"][0]
    assert me["a1"][3] == me["a1"][4] == me["a1"][2]
    assert me["a1"][5] is None  # Italy is never named: no separate actor is made up
    assert not any(e.type == "NORP" for e in ents)


def test_roles_accumulate_with_article_offsets_and_date():
    r1 = Role(text="Finance Minister", article_id="a1", start=0, end=16, date="2024-01-02")
    an = [
        _a("a1", [_m("a1", "Ida Berg", "PERSON", start=17, roles=[r1])], published="2024-01-02"),
        _a("a2", [_m("a2", "Ida Berg", "PERSON"),
                  _m("a2", "the veteran minister", "PERSON", kind="nominal", start=30, antecedent=0)],
           published="2024-02-01"),
    ]
    ents, _ = resolve(an)
    berg = next(e for e in ents if e.name == "Ida Berg")
    assert [(r.text, r.article_id, r.date) for r in berg.roles] == [
        ("Finance Minister", "a1", "2024-01-02"), ("the veteran minister", "a2", "2024-02-01")]


def test_unnamed_chains_become_entities_only_when_asked():
    an = [_a("a1", [_m("a1", "an official", "PERSON", kind="nominal"),
                    _m("a1", "he", "PERSON", kind="pronoun", start=20, antecedent=0)])]
    ents, me = resolve(an)
    assert ents == [] and me["a1"] == [None, None]
    ents, me = resolve(an, unnamed=True)
    assert len(ents) == 1 and me["a1"][0] == me["a1"][1] == ents[0].id


def test_metonym_entity_is_marked():
    an = [_a("a1", [_m("a1", "Ottawa", "GPE", metonym_of="Canada"), _m("a1", "Ottawa", "GPE", start=30,
                                                                         metonym_of="Canada")])]
    ents, _ = resolve(an)
    assert ents[0].metonym_of == "Canada"


def test_bare_surname_with_a_title_goes_to_the_person_with_that_title():
    gov = Role(text="Governor", article_id="a1", start=0, end=8)
    ceo = Role(text="CEO", article_id="a2", start=0, end=3)
    an = [
        _a("a1", [_m("a1", "John Keller", "PERSON", start=9, roles=[gov])]),
        _a("a2", [_m("a2", "Maria Keller", "PERSON", start=4, roles=[ceo])]),
        _a("a3", [_m("a3", "Keller", "PERSON", start=9,
                     roles=[Role(text="Gov.", article_id="a3", start=0, end=4)]),
                  _m("a3", "Keller", "PERSON", start=40,
                     roles=[Role(text="Governor", article_id="a3", start=30, end=38)])]),
    ]
    ents, me = resolve(an)
    assert me["a3"][1] == me["a1"][0] != me["a2"][0]


def test_unresolved_role_nominal_joins_the_one_holder_of_that_role_phrase():
    an = [
        _a("a1", [_m("a1", "Ida Berg", "PERSON"),
                  Mention(article_id="a1", start=20, end=44, text="the Social Democrat leader", type="PERSON",
                          kind="nominal", antecedent=0, definite=True)]),
        _a("a2", [Mention(article_id="a2", start=0, end=26, text="The Social Democrat leader", type="PERSON",
                          kind="nominal", definite=True),
                  _m("a2", "she", "PERSON", kind="pronoun", start=40, antecedent=0),
                  Mention(article_id="a2", start=60, end=73, text="the president", type="PERSON",
                          kind="nominal", definite=True)]),
    ]
    ents, me = resolve(an)
    berg = me["a1"][0]
    assert me["a2"][0] == me["a2"][1] == berg
    assert me["a2"][2] is None  # a one-word role decides nothing


def test_bare_surname_goes_to_a_dominant_namesake_unless_gender_conflicts():
    an = [_a(f"j{i}", [_m(f"j{i}", "John Keller", "PERSON")]) for i in range(4)]
    an.append(_a("m1", [_m("m1", "Maria Keller", "PERSON")]))
    an.append(_a("x", [_m("x", "Keller", "PERSON")]))
    ents, me = resolve(an)
    assert me["x"][0] == me["j0"][0]
    an[-1] = _a("x", [Mention(article_id="x", start=0, end=6, text="Keller", type="PERSON", kind="name",
                              name="Keller", gender="f")])
    an[0] = _a("j0", [Mention(article_id="j0", start=0, end=11, text="John Keller", type="PERSON", kind="name",
                              name="John Keller", gender="m")])
    ents, me = resolve(an)
    assert me["x"][0] != me["j0"][0]


def test_nominal_resolved_with_roles_and_countries_known_from_other_articles():
    pres = Role(text="Brazilian President", article_id="a1", start=0, end=19)
    an = [
        _a("a1", [_m("a1", "Rita Alves", "PERSON", start=20, roles=[pres])]),
        _a("a2", [_m("a2", "Alves", "PERSON"), _m("a2", "Tom Hale", "PERSON", start=20),
                  Mention(article_id="a2", start=40, end=60, text="the Brazilian leader", type="PERSON",
                          kind="nominal", head="leader", definite=True),
                  Mention(article_id="a2", start=70, end=83, text="the president", type="PERSON",
                          kind="nominal", head="president", definite=True),
                  Mention(article_id="a2", start=90, end=112, text="the Canadian president", type="PERSON",
                          kind="nominal", head="president", definite=True)]),
    ]
    ents, me = resolve(an)
    alves = me["a1"][0]
    assert me["a2"][0] == alves
    assert me["a2"][2] == alves  # generic head + country known from article a1
    assert me["a2"][3] == alves  # Hale holds no presidency anywhere
    assert me["a2"][4] is None  # a Canadian president is nobody here


def test_surname_tagged_otherwise_in_the_same_article_is_the_person():
    an = [_a("a1", [_m("a1", "Abdel Fattah el-Sisi", "PERSON"), _m("a1", "El-Sisi", "ORG", start=40)])]
    ents, me = resolve(an)
    assert me["a1"][0] == me["a1"][1]
    assert [e.type for e in ents] == ["PERSON"]


def test_a_person_is_named_by_the_full_name_even_when_a_short_form_is_more_frequent():
    an = [
        _a("a1", [_m("a1", "Debbie Wasserman Schultz", "PERSON"), _m("a1", "Wasserman Schultz", "PERSON", start=40),
                  _m("a1", "Wasserman Schultz", "PERSON", start=80)]),
        _a("a2", [_m("a2", "Wasserman Schultz", "PERSON"), _m("a2", "Wasserman Schultz", "PERSON", start=40)]),
    ]
    ents, me = resolve(an)
    persons = [e for e in ents if e.type == "PERSON"]
    assert [e.name for e in persons] == ["Debbie Wasserman Schultz"]


def _nominal(aid, text, head, start=0, antecedent=None, type_="PERSON", definite=True, plural=False, roles=()):
    return Mention(article_id=aid, start=start, end=start + len(text), text=text, type=type_, kind="nominal",
                   head=head, antecedent=antecedent, definite=definite, plural=plural, roles=tuple(roles))


def test_unnamed_chains_of_one_group_sharing_their_head_are_one_referent():
    an = [
        _a("a1", [_nominal("a1", "a woman", "woman", definite=False),
                  _nominal("a1", "The woman", "woman", start=40, antecedent=0)]),
        _a("a2", [_nominal("a2", "the woman", "woman"), _nominal("a2", "the driver", "driver", start=30)]),
        _a("a3", [_nominal("a3", "a woman", "woman", definite=False)]),  # another story
    ]
    groups = {"a1": 0, "a2": 0, "a3": 1}
    _, me = resolve(an, unnamed=True, groups=groups)
    assert me["a1"][0] == me["a1"][1] == me["a2"][0]
    assert me["a2"][1] != me["a2"][0]
    assert me["a3"][0] != me["a1"][0]
    # without groups each article's chain stays its own referent, and without unnamed none is kept
    _, me = resolve(an, unnamed=True)
    assert me["a1"][0] == me["a1"][1] and me["a1"][0] != me["a2"][0]
    _, me = resolve(an, groups=groups)
    assert me["a1"] == [None, None]


def test_unnamed_chain_headed_by_a_role_one_named_person_holds_in_the_group_is_that_person():
    host = Role(text="talk-show host", article_id="a1", start=0, end=14)
    an = [
        _a("a1", [_m("a1", "Ellen Marsh", "PERSON", roles=[host])]),
        _a("a2", [_nominal("a2", "the host", "host"), _nominal("a2", "the hosts", "host", start=30, plural=True)]),
        _a("a3", [_nominal("a3", "the host", "host")]),  # another story: not Marsh
    ]
    ents, me = resolve(an, unnamed=True, groups={"a1": "g", "a2": "g", "a3": "h"})
    assert me["a2"][0] == me["a1"][0]
    assert me["a2"][1] != me["a1"][0]  # a plural is not one person
    assert me["a3"][0] != me["a1"][0]


def test_organization_named_by_the_end_of_its_one_full_name_merges():
    an = [
        _a("a1", [_m("a1", "Boston Red Sox", "ORG"), _m("a1", "Red Sox", "ORG", start=60)]),
        _a("a2", [_m("a2", "Red Sox", "ORG")]),
        _a("a3", [_m("a3", "New York Daily Post", "ORG"), _m("a3", "Washington Daily Post", "ORG", start=30),
                  _m("a3", "Daily Post", "ORG", start=60)]),
        _a("a4", [_m("a4", "White House", "ORG"), _m("a4", "House", "ORG", start=40)]),
    ]
    ents, me = resolve(an)
    assert me["a1"][0] == me["a1"][1] == me["a2"][0]
    # an end that two names share decides nothing
    assert len({me["a3"][0], me["a3"][1], me["a3"][2]}) == 3
    # one word is too little: the House is not the White House
    assert me["a4"][0] != me["a4"][1]


def test_quoted_nickname_inside_a_name_is_no_given_name():
    an = [
        _a("a1", [_m("a1", "Vincent 'The Chin' Gigante", "PERSON")]),
        _a("a2", [_m("a2", "Vincent Gigante", "PERSON"), _m("a2", "Rosa Gigante", "PERSON", start=40)]),
    ]
    ents, me = resolve(an)
    assert me["a1"][0] == me["a2"][0] != me["a2"][1]
    # the quoted words are no given names, whatever the marks
    from storyline.entities.names import person_parts

    assert person_parts("Vincent \u201cThe Chin\u201d Gigante") == (("vincent",), "gigante")


def test_what_a_person_is_called_in_passing_is_no_role_of_theirs():
    an = [_a("a1", [_m("a1", "Dana Cole", "PERSON"),
                    _nominal("a1", "the victim", "victim", start=40, antecedent=0),
                    _nominal("a1", "the senator", "senator", start=80, antecedent=0)])]
    ents, me = resolve(an)
    cole = _entity_of(ents, me, "a1", 0)
    assert me["a1"][1] == me["a1"][0]  # still a mention of her
    assert [r.text for r in cole.roles] == ["the senator"]


def test_a_plural_nominal_tied_to_one_name_gives_it_no_role():
    an = [_a("a1", [_m("a1", "Nora Lind", "PERSON"),
                    _nominal("a1", "the 27 leaders", "leader", start=40, antecedent=0, plural=True),
                    _nominal("a1", "the prime minister", "minister", start=80, antecedent=0)])]
    ents, me = resolve(an)
    assert [r.text for r in _entity_of(ents, me, "a1", 0).roles] == ["the prime minister"]


def test_organization_named_by_the_first_word_of_its_full_name_merges():
    an = [
        _a("a1", [_m("a1", "Keystone Coal", "ORG"), _m("a1", "Keystone", "ORG", start=60),
                  _m("a1", "Keystone", "ORG", start=90)]),
        _a("a2", [_m("a2", "Keystone", "ORG")]),  # the corpus's one full form for it
        # written before the longer name, the word is a body of its own and the rest a part of it
        _a("a3", [_m("a3", "Orchard", "ORG"), _m("a3", "Orchard Music", "ORG", start=40),
                  _m("a3", "Orchard", "ORG", start=80)]),
        _a("a4", [_m("a4", "Orchard Music", "ORG"), _m("a4", "Orchard", "ORG", start=40)]),
        # a start of two words is a name of its own; a lower-case or numbered span is no full name
        _a("a5", [_m("a5", "United Regions Trade Council", "ORG"), _m("a5", "United Regions", "ORG", start=50),
                  _m("a5", "Harbor 13 percent", "ORG", start=90), _m("a5", "Harbor", "ORG", start=120)]),
        # the head noun of an "of" name is no short name; nor is a word the corpus tags as a place
        _a("a6", [_m("a6", "Bureau of Tides", "ORG"), _m("a6", "Bureau", "ORG", start=40),
                  _m("a6", "Tarsis Film", "ORG", start=60), _m("a6", "Tarsis", "ORG", start=90),
                  _m("a6", "Tarsis", "ORG", start=120)]),
        _a("a7", [_m("a7", "Tarsis", "GPE")]),
    ]
    ents, me = resolve(an)
    assert me["a1"][0] == me["a1"][1] == me["a1"][2] == me["a2"][0]
    assert me["a3"][0] != me["a3"][1] and me["a4"][0] != me["a4"][1]
    assert me["a5"][0] != me["a5"][1] and me["a5"][2] != me["a5"][3]
    assert me["a6"][0] != me["a6"][1] and me["a6"][2] != me["a6"][3]


def test_a_first_word_two_full_names_share_decides_nothing():
    an = [
        _a("a1", [_m("a1", "Keystone Coal", "ORG"), _m("a1", "Keystone", "ORG", start=60)]),
        _a("a2", [_m("a2", "Keystone Pipeline", "ORG"), _m("a2", "Keystone", "ORG", start=60)]),
    ]
    ents, me = resolve(an)
    assert len({me["a1"][0], me["a1"][1], me["a2"][0]}) == 3


def test_an_article_calling_a_bare_surname_the_senator_gives_it_to_the_namesake_senator():
    sen = Role(text="Sen.", article_id="a1", start=0, end=4)
    an = [
        _a("a1", [_m("a1", "Ted Keller", "PERSON", start=5, roles=[sen])]),
        _a("a2", [_m("a2", "Rita Keller", "PERSON", roles=[Role(text="CEO", article_id="a2", start=0, end=3)])]),
        # names neither in full: "Keller ... the senator" (the abbreviation counts as the word)
        _a("a3", [_m("a3", "Keller", "PERSON"), _m("a3", "Keller", "PERSON", start=40),
                  _nominal("a3", "the senator", "senator", start=80, antecedent=1)]),
    ]
    ents, me = resolve(an)
    assert me["a3"][0] == me["a3"][1] == me["a1"][0] != me["a2"][0]


def test_a_bare_surname_goes_to_the_one_namesake_named_in_full_before_it():
    an = [
        _a("a1", [_m("a1", "Ted Keller", "PERSON"), _m("a1", "Keller", "PERSON", start=40),
                  _m("a1", "Rafael Keller", "PERSON", start=90), _m("a1", "Keller", "PERSON", start=140)]),
        # the bare surname is a man here and a woman there: two people, nothing decided
        _a("a2", [_m("a2", "Ghada Noor", "PERSON"),
                  _m("a2", "Noor", "PERSON", start=40),
                  _m("a2", "he", "PERSON", kind="pronoun", start=50, antecedent=1),
                  _m("a2", "Noor", "PERSON", start=90),
                  _m("a2", "she", "PERSON", kind="pronoun", start=100, antecedent=3),
                  _m("a2", "Omar Noor", "PERSON", start=120)]),
    ]
    ents, me = resolve(an)
    assert me["a1"][1] == me["a1"][0]  # only Ted Keller was named when "Keller" is written
    assert me["a1"][3] not in (me["a1"][0], me["a1"][2])  # after both: still undecided
    assert me["a2"][1] != me["a2"][0]


def test_a_first_word_used_alone_is_the_person_whose_full_name_it_starts():
    # "Tamba Lusala Keita ... Tamba": the family name first, which the recognizer tags an
    # organization when written alone
    an = [
        _a("a1", [_m("a1", "Tamba Lusala Keita", "PERSON"), _m("a1", "Tamba", "ORG", start=60),
                  _m("a1", "Tamba", "ORG", start=120)]),
        _a("a2", [_m("a2", "Tamba Lusala Keita", "PERSON"), _m("a2", "Tamba", "ORG", start=60)]),
        # his son is named once; an article naming nobody by the word goes to the father, whom
        # two articles call by it alone after naming him in full
        _a("a3", [_m("a3", "Mosi Tamba", "PERSON"), _m("a3", "Mosi", "PERSON", start=60)]),
        _a("a4", [_m("a4", "Tamba", "ORG"), _m("a4", "he", "PERSON", kind="pronoun", start=60, antecedent=0)]),
        # two people named with the word first: the one named first before it
        _a("a5", [_m("a5", "Tamba Lusala Keita", "PERSON"), _m("a5", "Major Tamba Ngoy", "PERSON", start=40),
                  _m("a5", "Tamba", "ORG", start=90)]),
    ]
    ents, me = resolve(an)
    father = _entity_of(ents, me, "a1", 0)
    assert father.type == "PERSON" and father.name == "Tamba Lusala Keita"
    assert me["a1"][1] == me["a1"][2] == me["a2"][1] == me["a1"][0]
    assert me["a4"][0] == me["a4"][1] == me["a1"][0]
    assert me["a3"][0] != me["a1"][0]
    assert me["a5"][2] == me["a1"][0] != me["a5"][1]


def test_a_given_name_used_alone_elsewhere_is_not_guessed_from_the_corpus():
    an = [
        _a("a1", [_m("a1", "Larkin Moss", "PERSON"), _m("a1", "Larkin", "PERSON", start=60)]),
        _a("a2", [_m("a2", "Larkin", "PERSON")]),  # one article's evidence is not enough
    ]
    ents, me = resolve(an)
    assert me["a1"][1] == me["a1"][0]
    assert me["a2"][0] != me["a1"][0]


def test_two_romanizations_of_one_name_are_one_person():
    an = [
        _a("a1", [_m("a1", "Walid Qassemi", "PERSON"), _m("a1", "Qassemi", "PERSON", start=40)]),
        _a("a2", [_m("a2", "Waleed Qassimi", "PERSON"), _m("a2", "Qassimi", "PERSON", start=40)]),
        _a("a3", [_m("a3", "Walid Kassemi", "PERSON")]),  # q and k: one sound
    ]
    ents, me = resolve(an)
    assert me["a1"][0] == me["a2"][0] == me["a2"][1] == me["a1"][1]
    assert me["a3"][0] != me["a1"][0]  # the first letter differs: not taken for a variant


def test_names_one_consonant_or_one_gender_apart_stay_two_people():
    an = [
        _a("a1", [_m("a1", "Ivana Dorsey", "PERSON")]),
        _a("a2", [_m("a2", "Ivanka Dorsey", "PERSON")]),  # a consonant added: another name
        _a("a3", [_m("a3", "Mario Lenti", "PERSON"), _m("a3", "he", "PERSON", kind="pronoun", start=30,
                                                          antecedent=0)]),
        _a("a4", [_m("a4", "Maria Lenti", "PERSON"), _m("a4", "she", "PERSON", kind="pronoun", start=30,
                                                          antecedent=0)]),
        # the same spelling pair side by side in one article: two people
        _a("a5", [_m("a5", "Omar Sadiq", "PERSON"), _m("a5", "Omar Sadeq", "PERSON", start=40)]),
        # one vowel for another in a one-syllable name: another name
        _a("a6", [_m("a6", "Zhang Wei", "PERSON")]),
        _a("a7", [_m("a7", "Zheng Wei", "PERSON")]),
    ]
    ents, me = resolve(an)
    assert me["a6"][0] != me["a7"][0]
    assert me["a1"][0] != me["a2"][0]
    assert me["a3"][0] != me["a4"][0]
    assert me["a5"][0] != me["a5"][1]


def test_a_word_in_capitals_inside_a_long_name_gives_the_acronym_all_its_letters():
    an = [
        _a("a1", [_m("a1", "Bergen and FC Porto", "ORG"), _m("a1", "Food and Drug Administration", "ORG", start=40)]),
        _a("a2", [_m("a2", "BFP", "ORG"), _m("a2", "FDA", "ORG", start=40)]),
    ]
    ents, me = resolve(an)
    assert me["a1"][0] != me["a2"][0]  # "Bergen and FC Porto" abbreviates to BFCP
    assert me["a1"][1] == me["a2"][1]


def test_a_name_with_a_companys_legal_form_makes_the_entity_a_company():
    an = [
        _a("a1", [_m("a1", "Seadrill Ltd", "ORG"), _m("a1", "Seadrill", "GPE", start=40)]),
        _a("a2", [_m("a2", "Seadrill", "GPE"), _m("a2", "Seadrill", "GPE", start=60)]),
        _a("a3", [_m("a3", "Seadrill", "GPE"), _m("a3", "Norway", "GPE", start=30)]),
    ]
    ents, _ = resolve(an)
    by_name = {e.name: e.type for e in ents}
    assert by_name["Seadrill"] == "ORG"
    assert by_name["Norway"] == "GPE"  # places without a legal form stay places


def test_british_and_american_spellings_and_the_acronym_are_one_body():
    an = [
        _a("a1", [_m("a1", "World Health Organisation", "ORG")]),
        _a("a2", [_m("a2", "World Health Organization", "ORG")]),
        _a("a3", [_m("a3", "WHO", "ORG")]),
    ]
    ents, _ = resolve(an)
    assert [(e.mention_count, e.type) for e in ents] == [(3, "ORG")]


def test_a_courtesy_title_and_surname_is_a_short_form_of_the_full_name():
    an = [
        _a("a1", [_m("a1", "Derek Jolly", "PERSON"), _m("a1", "Mr Jolly", "PERSON", start=40),
                  _m("a1", "Mr Jolly", "PERSON", start=80)]),
        _a("a2", [_m("a2", "Mr Jolly", "PERSON")]),
    ]
    ents, _ = resolve(an)
    assert [e.name for e in ents] == ["Derek Jolly"]


def test_a_name_in_capitals_is_shown_as_its_mixed_case_twin():
    an = [_a(f"d{k}", [_m(f"d{k}", "WASHINGTON", "GPE")]) for k in range(3)]
    an.append(_a("s1", [_m("s1", "Washington", "GPE")]))
    an.append(_a("n1", [_m("n1", "NATO", "ORG")]))
    ents, me = resolve(an)
    city = _entity_of(ents, me, "d0", 0)
    assert city.name == "Washington" and city.mention_count == 4 and "WASHINGTON" in city.names
    assert _entity_of(ents, me, "n1", 0).name == "NATO"
