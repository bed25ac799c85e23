"""Porter's (1980) suffix-stripping stemmer, written from the published algorithm.

Used by the ROUGE counter (``storyline.eval.rouge``, which follows ROUGE-1.5.5's
``-m``: stem every token longer than three characters) and by the story
vectors. ``stem(word)`` takes a lowercase word; results are cached.

The step-2 table includes the two revisions Porter made after the paper
("bli" -> "ble" instead of "abli" -> "able", and "logi" -> "log"), as in the
reference implementations distributed with ROUGE-1.5.5.
"""
from __future__ import annotations

import re
from functools import lru_cache

_VOWELS = "aeiou"

_STEP2 = (
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"),
    ("izer", "ize"), ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"),
    ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"),
    ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
    ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
)
_STEP3 = (
    ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
    ("ful", ""), ("ness", ""),
)
_STEP4 = (
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
    "ou", "ism", "ate", "iti", "ous", "ive", "ize",
)


def _pattern(word: str) -> str:
    """The consonant/vowel pattern of ``word`` ('y' after a consonant is a vowel)."""
    out = []
    for i, ch in enumerate(word):
        if ch in _VOWELS:
            out.append("V")
        elif ch == "y" and i > 0 and out[-1] == "C":
            out.append("V")
        else:
            out.append("C")
    return "".join(out)


def measure(stem_: str) -> int:
    """m in [C](VC){m}[V]."""
    pat = _pattern(stem_)
    return len(re.findall(r"V+C+", pat))


def _has_vowel(stem_: str) -> bool:
    return "V" in _pattern(stem_)


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _pattern(word)[-1] == "C"


def _cvc(word: str) -> bool:
    """*o: ends consonant-vowel-consonant, the last not w, x or y."""
    if len(word) < 3:
        return False
    pat = _pattern(word)
    return pat[-3:] == "CVC" and word[-1] not in "wxy"


def _longest_suffix(word: str, table):
    best = None
    for suffix, repl in table:
        if word.endswith(suffix) and (best is None or len(suffix) > len(best[0])):
            best = (suffix, repl)
    return best


def _step1ab(w: str) -> str:
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies"):
        w = w[:-2]
    elif w.endswith("ss"):
        pass
    elif w.endswith("s"):
        w = w[:-1]
    if w.endswith("eed"):
        if measure(w[:-3]) > 0:
            w = w[:-1]
        return w
    for suffix in ("ed", "ing"):
        if w.endswith(suffix) and _has_vowel(w[: -len(suffix)]):
            w = w[: -len(suffix)]
            if w.endswith(("at", "bl", "iz")):
                return w + "e"
            if _double_consonant(w) and w[-1] not in "lsz":
                return w[:-1]
            if measure(w) == 1 and _cvc(w):
                return w + "e"
            return w
    return w


def _step1c(w: str) -> str:
    if w.endswith("y") and _has_vowel(w[:-1]):
        return w[:-1] + "i"
    return w


def _replace_table(w: str, table, min_m: int) -> str:
    hit = _longest_suffix(w, table)
    if hit and measure(w[: -len(hit[0])]) > min_m:
        return w[: -len(hit[0])] + hit[1]
    return w


def _step4(w: str) -> str:
    hit = _longest_suffix(w, [(s, "") for s in _STEP4])
    if hit:
        stem_ = w[: -len(hit[0])]
        if measure(stem_) > 1:
            return stem_
        return w
    if w.endswith("ion"):
        stem_ = w[:-3]
        if stem_.endswith(("s", "t")) and measure(stem_) > 1:
            return stem_
    return w


def _step5(w: str) -> str:
    if w.endswith("e"):
        stem_ = w[:-1]
        m = measure(stem_)
        if m > 1 or (m == 1 and not _cvc(stem_)):
            w = stem_
    if w.endswith("ll") and measure(w) > 1:
        w = w[:-1]
    return w


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Porter stem of a lowercase word (words of two letters or fewer are kept)."""
    if len(word) <= 2:
        return word
    w = word
    if w[0] == "y":  # an initial y is a consonant: mark it so the pattern sees one
        w = "Y" + w[1:]
    w = _step1ab(w)
    w = _step1c(w)
    w = _replace_table(w, _STEP2, 0)
    w = _replace_table(w, _STEP3, 0)
    w = _step4(w)
    w = _step5(w)
    return w.replace("Y", "y")
