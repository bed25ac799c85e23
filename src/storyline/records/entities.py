"""Entity mentions (per article) and canonical entities (across articles)."""
from __future__ import annotations

from dataclasses import dataclass, field

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})  # the mention types that name places


@dataclass(frozen=True)
class Role:
    """A role or title said of an entity ("top diplomat", "spokesman for local
    ground forces"), with where it was said."""

    text: str
    article_id: str
    start: int
    end: int
    date: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Mention:
    """A reference to an actor in one article.

    kind: "name" | "nominal" | "pronoun" | "demonym".
    type: PERSON | ORG | GPE | LOC | NORP | FAC | PRODUCT | ... (spaCy-style
    labels; "" when a nominal or pronoun says nothing about it).
    ``name`` is the proper name inside a name mention, without title or
    possessive ("Vladimir Putin" in "Russian President Vladimir Putin's").
    ``antecedent`` is the index (in the article's mention list) of the mention
    this one refers to, for nominals and pronouns resolved in-article (an
    appositive or predicate description may point forward to its name).
    ``metonym_of`` is the country a capital or seat of government stands for
    when it is used as an actor ("Moscow's demands", "the Kremlin said").
    ``nationality_of`` is the country of a demonym ("Russian" -> "Russia"), or
    for a person's name the country its pre-modifier ties them to ("Russia's
    Vladimir Putin", "Italian Admiral X").
    ``plural`` marks plural nominals and pronouns; ``definite`` nominals with
    "the", a demonstrative or a possessor.
    """

    article_id: str
    start: int
    end: int
    text: str
    type: str
    kind: str = "name"
    head: str = ""
    roles: tuple[Role, ...] = ()
    antecedent: int | None = None
    metonym_of: str | None = None  # e.g. "GPE" when "Moscow" stands for a government
    nationality_of: str | None = None  # for demonyms: the country name
    sentence: int = -1
    source: str = "spacy.ner.v1"
    confidence: float = 0.8
    entity_id: str | None = None  # filled by cross-article resolution
    name: str = ""
    plural: bool = False
    definite: bool = False
    gender: str | None = None  # "f"/"m" when a title, role word or linked pronoun says so


@dataclass(frozen=True)
class Entity:
    id: str
    name: str  # canonical (longest well-supported) name
    type: str
    names: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    mention_count: int = 0
    article_ids: tuple[str, ...] = ()
    source: str = "storyline.entities.resolve.v1"
    confidence: float = 0.8
    nationalities: tuple[str, ...] = ()  # countries the text ties the entity to (demonyms, possessors)
    metonym_of: str | None = None  # a capital/seat name whose mentions mostly stand for a government
