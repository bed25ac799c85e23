"""Porter stemmer: the algorithm's own examples (Porter 1980) and the long words it was built for."""
import pytest

from storyline.stories.stem import measure, stem

CASES = {
    "caresses": "caress", "ponies": "poni", "ties": "ti", "caress": "caress", "cats": "cat",
    "feed": "feed", "agreed": "agre", "plastered": "plaster", "motoring": "motor", "sing": "sing",
    "conflated": "conflat", "troubled": "troubl", "sized": "size", "hopping": "hop", "tanned": "tan",
    "falling": "fall", "hissing": "hiss", "fizzed": "fizz", "failing": "fail", "filing": "file",
    "happy": "happi", "sky": "sky", "relational": "relat", "conditional": "condit",
    "rational": "ration", "digitizer": "digit", "vietnamization": "vietnam",
    "predication": "predic", "operator": "oper", "feudalism": "feudal", "decisiveness": "decis",
    "hopefulness": "hope", "callousness": "callous", "sensibility": "sensibl",
    "triplicate": "triplic", "formative": "form", "electrical": "electr", "goodness": "good",
    "revival": "reviv", "allowance": "allow", "inference": "infer", "airliner": "airlin",
    "adjustable": "adjust", "defensible": "defens", "irritant": "irrit", "replacement": "replac",
    "dependent": "depend", "adoption": "adopt", "communism": "commun", "activate": "activ",
    "effective": "effect", "bowdlerize": "bowdler", "probate": "probat", "rate": "rate",
    "cease": "ceas", "controlling": "control", "roll": "roll", "generalizations": "gener",
    "oscillators": "oscil", "yield": "yield",
}


@pytest.mark.parametrize("word,expected", sorted(CASES.items()))
def test_porter_stems(word, expected):
    assert stem(word) == expected


def test_measure_counts_vowel_consonant_sequences():
    assert [measure(w) for w in ("tr", "ee", "tree", "y", "by")] == [0, 0, 0, 0, 0]
    assert [measure(w) for w in ("trouble", "oats", "trees", "ivy")] == [1, 1, 1, 1]
    assert [measure(w) for w in ("troubles", "private", "oaten", "orrery")] == [2, 2, 2, 2]


def test_short_words_and_initial_y_are_kept():
    assert stem("is") == "is"
    assert stem("youth") == "youth"
