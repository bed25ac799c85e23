"""The per-article stage parses inside spaCy memory zones: same records, and the
words a stream brings do not stay in the vocabulary."""
from storyline.ingest import make_article
from storyline.pipeline import analyse_articles

TEXTS = [
    "Mayor Ana Ruiz of Quenterby opened the Vollmark bridge on Monday. She praised the workers.",
    "Engineers from Trastova said the Vollmark bridge would carry trams by May, the mayor said.",
    "\"We waited ten years,\" said Petra Onslow, who runs a bakery near the Quenterby bridge.",
    "The Glimmerhaus council in Quenterby voted 7-2 to fund a second crossing next year.",
    "Ruiz told reporters on Tuesday that the Zorbleflax tolls would end in 2026.",
]


def test_zones_give_the_same_records_as_one_pass(nlp_sm):
    arts = [make_article(t, published="2024-05-06") for t in TEXTS]
    zoned = list(analyse_articles(arts, nlp=nlp_sm, zone_size=2))
    whole = list(analyse_articles(arts, nlp=nlp_sm, zone_size=10_000))
    assert [a.article.id for a in zoned] == [a.id for a in arts]
    assert zoned == whole
    assert any(m.text == "Petra Onslow" for m in zoned[2].mentions)


def test_words_of_the_stream_are_freed_after_their_zone(nlp_sm):
    word = "Quaxelbrimmet"
    assert word not in nlp_sm.vocab.strings
    arts = [make_article(f"{word} said the {word} ferry would sail on Friday. Nobody else spoke.")]
    out = list(analyse_articles(arts, nlp=nlp_sm, zone_size=1))
    assert word in out[0].article.text and out[0].sentences
    assert word not in nlp_sm.vocab.strings  # freed with its zone
