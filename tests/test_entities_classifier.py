"""A classifier noun in apposition (or "the N of X" for places) types a name the
recognizer typed otherwise, and the corpus vote trusts it over a bare label."""
from __future__ import annotations

from storyline.entities.mentions import extract_mentions
from storyline.entities.resolve import vote_types
from storyline.records import Article
from storyline.records.analysis import ArticleAnalysis


def _names(nlp, text):
    art = Article(id="a1", text=text)
    return art, [m for m in extract_mentions(nlp(text), art) if m.kind == "name"]


def test_appositive_classifier_noun_types_the_name(nlp_md):
    _, ms = _names(nlp_md, "The Danish shipping company Maersk said it was considering sending "
                           "ships around the Cape of Good Hope.")
    maersk = next(m for m in ms if m.name == "Maersk")
    assert maersk.type == "ORG" and maersk.source.endswith("+classifier")


def test_classifier_after_the_name(nlp_md):
    _, ms = _names(nlp_md, "Maersk, the Danish shipping company, said it would reroute ships.")
    assert next(m for m in ms if m.name == "Maersk").type == "ORG"


def test_place_noun_of_frame(nlp_md):
    _, ms = _names(nlp_md, "The port city of Rotterdam said it expected delays.")
    assert next(m for m in ms if m.name == "Rotterdam").type == "GPE"


def test_person_appositive_to_a_role_noun_is_left_alone(nlp_md):
    _, ms = _names(nlp_md, "Osama Rabie, the head of the canal authority, said the ship was free.")
    rabie = next(m for m in ms if "Rabie" in m.name)
    assert rabie.type == "PERSON" and not rabie.source.endswith("+classifier")


def test_corpus_vote_prefers_the_classified_mention(nlp_md):
    texts = ["The Danish shipping company Maersk said it would wait.",
             "Maersk ships were waiting at the canal on Friday.",
             "Maersk said it would reroute ships."]
    analyses = []
    for i, t in enumerate(texts):
        art, ms = _names(nlp_md, t)
        analyses.append(ArticleAnalysis(article=Article(id=f"a{i}", text=t), mentions=tuple(ms)))
    bare = [m.type for a in analyses[1:] for m in a.mentions if m.name == "Maersk"]
    assert vote_types(analyses)["maersk"] == "ORG", bare
