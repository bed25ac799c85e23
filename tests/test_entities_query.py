"""Looking entities up by the names users type."""
from __future__ import annotations

from storyline.entities.query import find_entities, find_entity, roles_over_time
from storyline.records import Entity, Role


def _ents():
    return [
        Entity(id="E1", name="Elena Markova", type="PERSON", names=("Elena Markova", "Markova"), mention_count=9,
               roles=(Role("Finance Minister", "a2", 0, 16, "2024-02-01"),
                      Role("finance minister", "a1", 5, 21, "2024-01-05"),
                      Role("the veteran minister", "a3", 3, 23, None))),
        Entity(id="E2", name="Maria Markova", type="PERSON", names=("Maria Markova",), mention_count=2),
        Entity(id="E3", name="United States", type="GPE", names=("U.S.", "United States"), mention_count=5),
        Entity(id="E4", name="Acme Inc.", type="ORG", names=("Acme Inc.",), mention_count=1),
    ]


def test_exact_alias_key_and_surname_levels():
    ents = _ents()
    assert find_entity(ents, "elena markova").id == "E1"
    assert find_entity(ents, "U.S.").id == "E3"
    assert find_entity(ents, "the US").id == "E3"  # normalized key
    assert find_entity(ents, "Acme").id == "E4"  # corporate suffix dropped
    assert find_entity(ents, "Maria Markova").id == "E2"
    assert [e.id for e in find_entities(ents, "Markova")] == ["E1"]  # exact alias wins before surname
    assert find_entity(ents, "E. Markova").id == "E1"
    assert find_entity(ents, "Nobody") is None


def test_roles_over_time_group_wordings_and_order_by_date():
    spans = roles_over_time(_ents()[0])
    assert [s.text.lower() for s in spans] == ["finance minister", "the veteran minister"]
    assert spans[0].first == "2024-01-05" and spans[0].last == "2024-02-01" and len(spans[0].where) == 2
    assert spans[1].first is None


def test_a_role_with_and_without_its_article_is_one_role_shown_without_it():
    e = Entity(id="E9", name="Ana Souza", type="PERSON", roles=(
        Role("the Republican nominee", "a1", 0, 22, "2024-01-05"),
        Role("Republican nominee", "a2", 4, 22, "2024-01-06"),
        Role("the Republican nominee", "a3", 0, 22, "2024-01-07"),
        Role("Republican nominee", "a4", 4, 22, "2024-01-08")))
    spans = roles_over_time(e)
    assert [(s.text, len(s.where)) for s in spans] == [("Republican nominee", 4)]


def test_the_entity_view_gives_one_line_per_mention_across_paragraph_breaks():
    from storyline.export.views import entity_text
    from storyline.library import Results
    from storyline.records import Article, ArticleAnalysis, CorpusAnalysis, Mention, Sentence

    text = "Mayor Ana Souza opened the bridge.\n\nSouza thanked the crews."
    s2 = text.index("Souza thanked")
    an = ArticleAnalysis(article=Article(id="a1", text=text),
                         sentences=(Sentence("a1", 0, 0, s2), Sentence("a1", 1, s2, len(text))),
                         mentions=(Mention("a1", 6, 15, "Ana Souza", "PERSON"),
                                   Mention("a1", s2, s2 + 5, "Souza", "PERSON")))
    corpus = CorpusAnalysis(entities=(Entity("E1", "Ana Souza", "PERSON", names=("Ana Souza", "Souza"),
                                             mention_count=2, article_ids=("a1",)),),
                            mention_entity={"a1": ["E1", "E1"]})
    out = entity_text(Results((an.article,), (an,), corpus), "Ana Souza")
    lines = out.split("mentions:\n")[1].splitlines()
    assert lines == ["  [a1:6-15 name] Mayor [[Ana Souza]] opened the bridge.",
                     f"  [a1:{s2}-{s2 + 5} name] [[Souza]] thanked the crews."]
