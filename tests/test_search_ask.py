"""Ask: cited sentences and ranked facts for plain questions; optional semantic retrieval."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "web"))
from webfixture import built_db  # noqa: E402
import json
import re

import pytest

from storyline import library
from storyline.search import CorpusIndex, ask, ask_text, semantic
from storyline.search.ask import asked_kinds, question_entities


@pytest.fixture(scope="module")
def rich():
    db = built_db("rich")
    return db, CorpusIndex(library.load(db))


def test_who_said_returns_the_speaker_and_the_cited_sentence(rich):
    db, ix = rich
    ans = ask(db, "Who said Riverton is our home?", ix)
    top = ans.facts[0]
    assert top.kind == "quote" and ix.entity_name(top.who) == "Tom Becker"
    assert ans.answer.startswith("Tom Becker") and "Riverton is our home" in ans.answer
    c = ans.citations[0]
    text = ix.articles[c.article_id].text
    assert text[c.start:c.end] == c.text and "Riverton is our home" in c.text
    assert text[top.start:top.end].startswith('"Riverton is our home')


def test_what_does_x_want_prefers_the_holders_demand(rich):
    db, ix = rich
    ans = ask(db, "What does Maria Alvarez want?", ix)
    assert ix.entity_name(ans.entities[0]) == "Maria Alvarez"
    top = ans.facts[0]
    assert top.kind == "position" and top.record["stance"] == "demand"
    assert "federal aid" in ans.answer
    assert "stance:demand" in ans.asks_for


def test_surname_alone_finds_the_person(rich):
    db, ix = rich
    ids = question_entities(ix, "What does Becker reject?")
    assert ids and ix.entity_name(ids[0]) == "Tom Becker"
    ans = ask(db, "What does Becker reject?", ix)
    assert ans.facts[0].record["stance"] == "reject"


def test_no_fact_means_no_answer_but_sentences_still_cited(rich):
    db, ix = rich
    ans = ask(db, "When is more rain expected?", ix)
    assert ans.answer is None or "rain" in ans.answer.lower()
    assert any("rain" in c.text for c in ans.citations)
    empty = ask(db, "zeppelins?", ix)
    assert empty.answer is None and empty.citations == () and empty.facts == ()


def test_question_words_map_to_fact_kinds():
    assert asked_kinds("Who said that?")["quote"] >= 0.6 and "holder" in asked_kinds("Who said that?")
    assert "stance:reject" in asked_kinds("What does the mayor reject?")
    assert asked_kinds("levee height") == {}
    want = asked_kinds("What does the mayor want?")
    assert want["stance:demand"] == 1.0 and want["position"] < want["stance:demand"]  # one cue, several lines


def test_semantic_similarity_joins_bm25(rich, monkeypatch):
    db, ix = rich
    vocab = ["flood", "rain", "levee", "aid", "home"]
    synonyms = {"inundation": "flood", "deluge": "flood"}

    def fake_encoder(texts):
        out = []
        for t in texts:
            words = [synonyms.get(w, w) for w in re.findall(r"\w+", t.lower())]
            out.append([float(sum(w.startswith(v) for w in words)) for v in vocab])
        return out

    monkeypatch.setattr(semantic, "get_encoder", lambda: fake_encoder)
    ix2 = CorpusIndex(ix.results)
    ans = ask(db, "inundation?", ix2)  # no shared word: BM25 alone finds nothing
    assert ans.semantic
    assert ans.citations and "Flood" in ans.citations[0].text
    assert ask(db, "inundation?", ix2, use_semantic=False).citations == ()


def test_text_rendering_cites_offsets(rich):
    db, ix = rich
    out = ask_text(db, "Who said Riverton is our home?")
    assert out.startswith("answer: Tom Becker")
    aid = next(a for a, art in ix.articles.items() if art.external_id == "w-04")
    assert f"{aid}:88-143" in out


def test_who_question_without_attributed_fact_names_the_sentences_actor(rich):
    import dataclasses

    db, ix = rich
    bare = dataclasses.replace(ix.results, analyses=tuple(
        dataclasses.replace(a, quotes=(), events=(), positions=(), actions=()) for a in ix.results.analyses))
    ans = ask(db, "Who would meet the mayor next week?", CorpusIndex(bare))
    assert ans.answer_kind == "sentence" and ans.facts == ()
    assert ans.answer.startswith("Maria Alvarez (named in the best-matching sentence")
    real = ask(db, "Who would meet the mayor next week?", ix)  # whatever facts the stages found
    assert real.answer.startswith("Maria Alvarez")
    assert all(f.who for f in real.facts)  # a fact with no known actor cannot say who
    fact = ask(db, "Who declared a state of emergency?", ix)
    assert fact.answer_kind == "fact" and fact.answer.startswith("Maria Alvarez: ")
    assert ix.entity_name(fact.facts[0].who) == "Maria Alvarez"


def test_a_direct_quote_fact_keeps_its_own_marks_once():
    from types import SimpleNamespace
    from storyline.records import Quote, Span
    from storyline.search.ask import summarize_fact
    text = '"The dam will hold," said the mayor. "We checked it twice."'
    q = Quote("a", 0, len(text), "direct", Span(0, len(text), text),
              content_parts=(Span(0, 20, text[:20]), Span(37, len(text), text[37:])), speaker_text="the mayor")
    index = SimpleNamespace(entity_name=lambda _: None)
    line = summarize_fact(index, SimpleNamespace(kind="quote", holder=None), q)
    assert line == 'the mayor: "The dam will hold," … "We checked it twice."'


def test_when_leads_with_the_date_of_the_best_fact(rich):
    db, ix = rich
    ans = ask(db, "When did the levee breach near Riverton?", ix)
    # no time expression dates the breach: the report's day, said to be a latest date
    assert ans.answer_kind == "date" and ans.answer.startswith("by 2024-04-02 (no time expression dates it")
    assert "breached" in ans.answer


def test_when_reads_untyped_happenings_too(rich):
    # "began repairing the Riverton levee on Friday": an action (no event category), dated by
    # its own time expression; before actions the answer was a planned repair's report day
    db, ix = rich
    ans = ask(db, "When did engineers begin repairing the Riverton levee?", ix)
    assert ans.answer.startswith("2024-04-05: repairing")
    assert ans.facts[0].kind == "action" and ans.facts[0].text == "repairing"
    art = ix.articles[ans.facts[0].article_id]
    assert art.text[ans.facts[0].start:ans.facts[0].end] == "repairing"


def test_who_is_gives_the_roles_and_who_holds_a_role(rich):
    db, ix = rich
    ans = ask(db, "Who is Tom Becker?", ix)
    assert ans.answer_kind == "entity" and ans.answer == "Tom Becker (PERSON): Mayor"
    role = ans.facts[0]
    assert role.kind == "role" and ix.articles[role.article_id].text[role.start:role.end] == "Mayor"
    assert ans.answer_span == (role.article_id, role.start, role.end)
    held = ask(db, "Who is the mayor?", ix)
    assert held.answer.startswith("Tom Becker (PERSON), called “Mayor”")
    assert ask(db, "Who is the harbour master?", ix).answer_kind != "entity"


def test_how_many_answers_with_a_sentence_holding_a_number(rich):
    db, ix = rich
    ans = ask(db, "How many families were forced from their homes?", ix)
    assert ans.answer_kind == "sentence" and "hundreds of families" in ans.answer
    c = ans.citations[0]
    assert "holds a number" in c.reasons
    assert ans.answer_span == (c.article_id, c.start, c.end)  # the answer links to its own sentence


def test_a_stance_of_someone_else_or_of_no_one_known_is_not_what_x_wants():
    from types import SimpleNamespace

    from storyline.search.ask import _fact_boost
    from storyline.search.index import Fact
    kinds = asked_kinds("What does Anna Berg want?")
    index = SimpleNamespace(entity_name=lambda eid: {"E1": "Anna Berg"}.get(eid))
    demand = SimpleNamespace(stance="demand", topic="aid", text="wants aid")

    def boost(holder):
        f = Fact("position", "a1", 0, 0, 0, 5, holder, (holder,) if holder else (), "wants aid")
        return _fact_boost(index, f, demand, {"E1"}, kinds, set())[0]
    assert boost("E1") == 2.0           # her own demand: the holder and the kind asked for
    assert boost(None) == 0.0           # an unresolved "they": not hers
    assert boost("E2") == -0.5          # another's demand she reports: not hers either


def _built(tmp_path, text: str):
    """(db, index) of one article built from ``text``."""
    from storyline.settings import Settings

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": text, "published": "2024-05-06"}) + "\n", encoding="utf-8")
    db = str(tmp_path / "w.db")
    library.build([str(src)], Settings(db=db, model="en_core_web_sm", progress=False))
    return db, CorpusIndex(library.load(db))


def test_who_said_is_not_the_actor_the_question_names(tmp_path):
    # "Who said Valdoria would not withdraw ...": Valdoria is what was said about; before, its
    # own event ("withdraw", Valdoria the agent) took the holder boost and answered "Valdoria"
    db, ix = _built(tmp_path, "President Ana Ruiz says that Valdoria's neighbour wants Valdoria to withdraw from "
                              "the northern districts. Ruiz said that Valdoria would not withdraw from the lands "
                              "it holds because the constitution forbids it and a retreat would invite another "
                              "attack.")
    ans = ask(db, "Who said Valdoria would not withdraw from its lands?", ix)
    assert ans.answer.startswith("Ana Ruiz: that Valdoria would not withdraw from the lands")


def test_a_question_says_its_tense_and_the_kind_of_event_it_asks_for():
    from storyline.search.ask import asked_event_types, question_tense

    assert question_tense("When did the two ministers meet?") == "past"
    assert question_tense("When will the two ministers meet?") == "future"
    assert question_tense("Who leads the port authority?") is None
    assert "CONSULT" in asked_event_types("When did the two ministers meet?")
    assert asked_event_types("Who leads the port authority?") == set()
    # "sink" is an accident only with a vehicle as subject: the question asks for accidents
    assert asked_event_types("When did the ferry sink?") == {"ACCIDENT"}


def test_who_did_x_prefers_the_quote_said_with_the_questions_verb(tmp_path):
    # the judge's words share more of the question's words ("condemnation"), but the rights
    # group is who condemned it
    db, ix = _built(tmp_path, "\"The court has confirmed the condemnation of Lars Holm,\" Judge Ola Berg said on "
                              "Monday.\n\nThe rights group Nordic Watch condemned the hanging of Holm, saying the "
                              "trial had been too short.")
    ans = ask(db, "Who condemned the hanging of Lars Holm?", ix)
    assert ans.answer.startswith("Nordic Watch: the hanging of Holm")


def test_when_an_event_is_told_without_a_day_the_answer_takes_the_day_its_other_mentions_name(tmp_path):
    from storyline.settings import Settings

    rows = [{"text": "A strong earthquake struck the mountain town of Orvel on Sunday, flattening its market. "
                     "Officials in Orvel said the quake was felt across the province.", "published": "2024-05-06"},
            {"text": "Rescuers in Orvel searched the rubble on Tuesday for people missing since the earthquake. "
                     "Aid convoys reached the town.", "published": "2024-05-08"}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = str(tmp_path / "q.db")
    library.build([str(src)], Settings(db=db, model="en_core_web_sm", progress=False))
    ix = CorpusIndex(library.load(db))
    ans = ask(db, "When did the quake hit Orvel?", ix)
    # "the quake was felt" names no day; "struck ... on Sunday", a mention of the same event, does
    assert ans.facts[0].text == "quake"
    assert ans.answer.startswith("2024-05-05 (“Sunday” in report ")
    assert "mentions of the event" in ans.answer


def test_when_did_it_sink_finds_the_sinking_told_as_sank(tmp_path):
    # the fire is told with more of the question's words; the sinking is told with "sank"
    db, ix = _built(tmp_path, "A fire broke out on the ferry Nordlys in the harbour of Bergen on Saturday. "
                              "The ferry sank on Sunday after the fire spread to the engine room.")
    ans = ask(db, "When did the ferry in the harbour sink?", ix)
    assert ans.facts and ans.facts[0].text.endswith("sank"), [f.text for f in ans.facts]
    assert ans.answer.startswith("2024-05-05")
