"""Name normalization and comparison keys (pure string functions).

``norm(text)`` lowercases, unifies dashes and quotes, drops a leading "the"
and a trailing possessive, and removes the periods of abbreviations
("U.S." -> "us"). ``org_key`` also maps known alternative names
(``data/aliases.tsv``), drops corporate suffixes ("Apple Inc." ->
"apple") and keys "Department of Justice" as "justice department"
(``data/inverted_heads.txt``). ``acronym`` gives the initials of a multiword name ("United States
Air Force" -> "usaf"). ``person_parts`` splits a person's name into given
names and surname; ``compatible_given`` says whether two lists of given names
can belong to the same person; ``spelling_variant`` whether two full names are one
romanization apart ("Fuad Siniora", "Fouad Seniora"; ``data/spelling_variants.tsv``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"\s+")
_FUNCTION_WORDS = {"of", "and", "the", "for", "de", "du", "des", "la", "le", "&", "on", "in", "at"}
MIN_VARIANT_LETTERS = 4  # shorter name words must be spelled alike ("Lee", "Li" stay apart)
MIN_VARIANT_CONSONANTS = 3


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    t = _DASHES.sub("-", text).replace("\u2019", "'").strip()
    t = _SPACES.sub(" ", t)
    t = re.sub(r"(?:'s|')$", "", t).strip()
    t = re.sub(r"^(?:the|The|THE)\s+", "", t)
    t = t.lower()
    t = re.sub(r"(?<=\b[a-z])\.", "", t)  # u.s. -> us, n.v. -> nv
    t = t.rstrip(".,;:")
    t = re.sub(r"\s*-\s*", "-", t)  # "Wal - Mart" -> "wal-mart"
    return t.strip()


def display(text: str) -> str:
    """A name as shown: spaces collapsed, no trailing possessive."""
    t = _SPACES.sub(" ", text.replace("\u2019", "'")).strip()
    return re.sub(r"(?:'s|(?<=s)')$", "", t).strip() or t


@lru_cache(maxsize=1)
def _alias_map() -> dict[str, str]:
    return {norm(k): norm(v) for k, v in lexicon.aliases().items()}


def alias(key: str) -> str:
    return _alias_map().get(key, key)


def strip_suffixes(key: str) -> str:
    words = key.replace(",", " ").split()
    suffixes = lexicon.org_suffixes()
    while len(words) > 1 and words[-1].rstrip(".") in suffixes:
        words.pop()
    return " ".join(words)


_CODE = re.compile(r"^[a-z]*\d[\w-]*$")
_OF_FIELD = re.compile(r"^([a-z]+) (?:of|on|for) (?:the )?([a-z][a-z' -]*)$")


def _keyed_spelling(key: str) -> str:
    """Each word's British ending written the American way ("organisation" -> "organization")."""
    endings = lexicon.word_spellings()
    words = key.split()
    for i, w in enumerate(words):
        for end, keyed in endings:
            if w.endswith(end) and len(w) > len(end) + 2:
                words[i] = w[: -len(end)] + keyed
                break
    return " ".join(words)


@lru_cache(maxsize=65536)
def org_key(text: str) -> str:
    """Comparison key of a non-person name. A name ending in a model code
    ("Boeing 787", "Airbus A380") is keyed by the code."""
    key = alias(norm(text))
    key = alias(_keyed_spelling(strip_suffixes(key)))
    m = _OF_FIELD.match(key)
    if m and m.group(1) in lexicon.inverted_heads() and " of " not in m.group(2):
        key = alias(f"{m.group(2)} {m.group(1)}")  # "department of justice" -> "justice department"
    last = key.split()[-1] if key else ""
    if _CODE.match(last) and len(last) >= 3 and any(ch.isalpha() for ch in key.split()[0]) or (
            _CODE.match(key) and len(key) >= 3):
        last = re.sub(r"(?<=\d)s$", "", last)
        return last
    return key


def acronym(text: str) -> str:
    """Initials of the capitalized words of a multiword name ("" if fewer than 2); a word
    in capitals gives all its letters ("Arsenal and FC Porto" is no AFP)."""
    words = [w for w in re.split(r"[\s\-]+", text) if w]
    caps = [w for w in words if w[:1].isupper() and w.lower() not in _FUNCTION_WORDS]
    if len(caps) < 2:
        return ""
    return "".join(w.replace(".", "") if _capitals(w) else w[0] for w in caps).lower()


def _capitals(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def is_acronym(text: str) -> bool:
    t = text.replace(".", "")
    return 2 <= len(t) <= 6 and t.isupper() and t.isalpha()


_NICKNAME = re.compile(r"(?<=\s)(?:\"[^\"]+\"|'[^']+'|\u201c[^\u201d]+\u201d)(?=\s)")


@lru_cache(maxsize=65536)
def person_parts(text: str) -> tuple[tuple[str, ...], str]:
    """(given names, surname) of a person's name, lowercased, titles and a quoted nickname
    dropped ("Vincent 'The Chin' Gigante" is Vincent Gigante)."""
    words = [w for w in _NICKNAME.sub(" ", norm(text)).split() if w]
    titles = lexicon.titles()
    while len(words) > 1 and (words[0] in titles or words[0] + "." in titles):
        words.pop(0)
    while len(words) > 1 and words[-1] in ("jr", "sr", "ii", "iii", "jr.", "sr."):
        words.pop()
    if not words:
        return (), ""
    return tuple(words[:-1]), words[-1]


def compatible_given(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Given-name lists that may name one person: equal, one empty, one a
    suffix of the other ("cavo" in "giuseppe cavo"), or initials that agree."""
    if not a or not b:
        return True
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if long_[-len(short):] == short or long_[:len(short)] == short:
        return True
    if len(short) == len(long_) and all(x[0] == y[0] and (len(x) <= 2 or len(y) <= 2 or x == y)
                                        for x, y in zip(short, long_)):
        return True
    return False


def _one_variant(a: str, b: str) -> bool:
    """The same, or one romanization apart: one letter of spelling_variants.tsv written for
    another of its kind, or a vowel or a doubled letter added, or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    free, pairs = lexicon.spelling_variants()
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2:
            i, j = diff
            return j == i + 1 and a[i] == b[j] and a[j] == b[i]
        if len(diff) != 1:
            return False
        x, y = a[diff[0]], b[diff[0]]
        # one vowel for another changes a one-syllable name ("Teng"/"Ting", "Zhang"/"Zheng")
        return (x in free and y in free and _syllables(a) > 1) or frozenset((x, y)) in pairs
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1:] == short:
            extra = long_[i]
            if extra in free or (i > 0 and long_[i - 1] == extra) \
                    or (i + 1 < len(long_) and long_[i + 1] == extra):
                return True
    return False


def spelling_variant(x: tuple[tuple[str, ...], str], y: tuple[tuple[str, ...], str]) -> bool:
    """Two full names one romanization apart ("Fuad Siniora", "Fouad Seniora"): as many
    given names, each word the same or one variant letter away (``_one_variant``) with the same
    first letter, words of at least MIN_VARIANT_LETTERS letters where they differ."""
    words_x, words_y = x[0] + (x[1],), y[0] + (y[1],)
    if len(words_x) != len(words_y) or words_x == words_y:
        return False
    return all(a == b or (a[0] == b[0] and min(len(a), len(b)) >= MIN_VARIANT_LETTERS
                          and (_one_variant(a, b) or _same_consonants(a, b)))
               for a, b in zip(words_x, words_y))


def _consonants(word: str) -> str:
    """The word without its freely varying letters, a letter of a pair written as the pair's
    first, doubled letters written once ("waleed" -> "wld", "qassimi" -> "ksm")."""
    free, pairs = lexicon.spelling_variants()
    first = {ch: min(p) for p in pairs for ch in p}
    out = []
    for ch in word:
        ch = first.get(ch, ch)
        if ch not in free and (not out or out[-1] != ch):
            out.append(ch)
    return "".join(out)


def _same_consonants(a: str, b: str) -> bool:
    """Spellings of more than one syllable that differ only in vowels and doubling, with
    MIN_VARIANT_CONSONANTS consonants at least ("Walid"/"Waleed", "Muhammad"/"Mohamed"; not
    "Dana"/"Dina", "Zhang"/"Zheng")."""
    ca = _consonants(a)
    return len(ca) >= MIN_VARIANT_CONSONANTS and ca == _consonants(b) and min(_syllables(a), _syllables(b)) > 1


def _syllables(word: str) -> int:
    """Runs of freely varying letters (vowels) in a word."""
    free = lexicon.spelling_variants()[0]
    return sum(1 for i, ch in enumerate(word) if ch in free and (i == 0 or word[i - 1] not in free))
