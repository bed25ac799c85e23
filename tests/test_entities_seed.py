"""The reference input: every named actor is one entity, and role nominals
link to the right person."""
from __future__ import annotations

import pytest

from storyline import pipeline
from storyline.entities.query import find_entity
from storyline.entities.resolve import resolve
from storyline.records import Article


@pytest.fixture(scope="module")
def seed_entities(shared_data, nlp_md):
    lines = [ln.strip() for ln in (shared_data / "seed" / "articles.txt").read_text("utf-8").splitlines()
             if ln.strip()]
    arts = [Article(id=f"s{i}", text=t) for i, t in enumerate(lines)]
    analyses = list(pipeline.analyse_articles(arts, nlp=nlp_md))
    ents, me = resolve(analyses)
    return analyses, ents, me


def _linked(analyses, ents, me, text):
    out = []
    by_id = {e.id: e for e in ents}
    for a in analyses:
        for i, m in enumerate(a.mentions):
            if m.text.lower() == text.lower():
                out.append(by_id.get(me[a.article.id][i]))
    return out


def test_named_actors_are_single_person_entities(seed_entities):
    _, ents, _ = seed_entities
    for surname in ("Putin", "Trump", "Zelenskyy", "Lavrov", "Trehubov", "Dragone", "Grynkewich", "Caine"):
        hits = [e for e in ents if any(surname in n for n in e.names)]
        assert len(hits) == 1 and hits[0].type == "PERSON", (surname, [(e.name, e.type) for e in hits])


def test_role_nominals_link_to_the_right_person(seed_entities):
    analyses, ents, me = seed_entities
    rep = _linked(analyses, ents, me, "the Republican president")
    assert rep and all(e is not None and e.name == "Donald Trump" for e in rep)
    dip = _linked(analyses, ents, me, "Russia's top diplomat")
    assert dip and all(e is not None and e.name == "Sergey Lavrov" for e in dip)


def test_roles_stated_in_the_text_are_collected(seed_entities):
    _, ents, _ = seed_entities
    roles = {e.name: {r.text for r in e.roles} for e in ents if e.type == "PERSON"}
    assert {"Russian Foreign Minister", "Russia's top diplomat"} <= roles["Sergey Lavrov"]
    assert "Russian President" in roles["Vladimir Putin"]
    assert any(r.startswith("spokesman for local ground forces") for r in roles["Victor Trehubov"])
    assert any("chairman of the Joint Chiefs of Staff" in r for r in roles["Dan Caine"])
    assert "Italian Admiral" in roles["Giuseppe Cavo Dragone"]


def test_demonyms_and_metonyms(seed_entities):
    analyses, ents, me = seed_entities
    russia = find_entity(ents, "Russia")
    assert russia.type == "GPE"
    assert all(e is not None and e.id == russia.id for e in _linked(analyses, ents, me, "Russian"))
    assert find_entity(ents, "Moscow").metonym_of == "Russia"
    assert find_entity(ents, "Putin").nationalities[:1] == ("Russia",)
