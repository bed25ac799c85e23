"""The SQLite store: migrations, atomic article writes, round trips, search. The tests
with ``any_db`` run on PostgreSQL too (conftest starts a throwaway server)."""
from __future__ import annotations

import sqlite3

import pytest

from storyline.errors import StoreError
from storyline.ingest import make_article
from storyline.records import ArticleAnalysis, CorpusAnalysis, Entity, Mention, Sentence
from storyline.store import Store, open_store


def _analysis(text="Mayor Ana Ruiz opened the bridge on Monday. She praised the workers.", aid=None):
    art = make_article(text, title="Bridge", published="2024-05-06")
    sents = (Sentence(art.id, 0, 0, text.index(".") + 1), Sentence(art.id, 1, text.index(".") + 2, len(text)))
    ments = (Mention(art.id, 6, 14, "Ana Ruiz", "PERSON"),)
    return ArticleAnalysis(article=art, sentences=sents, mentions=ments, model="test", pipeline_version="0")


def test_store_migrations_recorded_once(any_db):
    with open_store(any_db) as s:
        assert s.migrations() == ["0001_initial", "0002_corpus_basis", "0003_seq_index", "0004_event_vectors"]
    with open_store(any_db) as s:
        assert s.migrate() == []


def test_store_analysis_round_trip_and_no_duplicates(any_db):
    an = _analysis()
    with open_store(any_db) as s:
        assert s.add_analysis(an) is True
        assert s.add_analysis(an) is False
        assert s.count_articles() == 1
        back = s.analysis(an.article.id)
        assert back == an
        assert list(s.analyses()) == [an]


def test_store_corpus_round_trip(any_db):
    corpus = CorpusAnalysis(entities=(Entity("E1", "Ana Ruiz", "PERSON", names=("Ana Ruiz", "Ruiz"), mention_count=2),),
                            mention_entity={"a": ["E1", None]})
    with open_store(any_db) as s:
        s.save_corpus(corpus)
        assert s.corpus() == corpus


def test_store_transaction_rolls_back_whole_article(any_db):
    an = _analysis()
    with open_store(any_db) as s:
        with pytest.raises(RuntimeError):
            with s.transaction():
                s._insert_article(an.article)
                raise RuntimeError("crash in the middle")
        assert not s.has_article(an.article.id)


def test_store_sentence_search_bm25(any_db):
    with open_store(any_db) as s:
        s.add_analysis(_analysis())
        s.add_analysis(_analysis("The river flooded the old town. Nobody was hurt."))
        hits = s.search_sentences("who praised the workers?")
        assert hits and hits[0]["text"] == "She praised the workers."
        assert isinstance(s.search_sentences('"; DROP TABLE articles; --'), list)
        assert s.count_articles() == 2


def test_store_readonly_missing_and_corrupt(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.db", readonly=True)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable"):
        Store(bad)


def test_store_uses_wal(tmp_path):
    with Store(tmp_path / "s.db") as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_batch_keeps_going_past_a_broken_record(any_db):
    good1 = _analysis("Mayor Ana Ruiz opened the bridge on Monday. She praised the workers.")
    good2 = _analysis("Chief Omar Diaz closed the port on Friday. He blamed the storm.")
    art = make_article("A storm hit the coast. Ships waited offshore.")
    broken = ArticleAnalysis(article=art, model=object(), pipeline_version="0")  # cannot be stored
    with open_store(any_db) as s:
        out = s.add_analyses([(good1, None), (broken, None), (good2, b"sig")])
        assert out[0] is True and out[2] is True and isinstance(out[1], Exception)
        assert s.count_articles() == 2 and not s.has_article(art.id)
        assert s.add_analyses([(good1, None)]) == [False]  # already there: nothing written
        assert [aid for aid, _ in s.minhashes()] == [good2.article.id]


def test_store_snapshot_takes_known_analyses_from_the_caller(any_db):
    first = _analysis("Mayor Ana Ruiz opened the bridge on Monday. She praised the workers.")
    second = _analysis("Chief Omar Diaz closed the port on Friday. He blamed the storm.")
    with open_store(any_db) as s:
        s.add_analyses([(first, None), (second, None)])
        basis, items = s.snapshot()
        assert items == [first, second]
        assert s.snapshot({second.article.id: second}) == (basis, items)
        assert s.snapshot({second.article.id: second})[1][1] is second  # not decoded again


def test_vector_cache_round_trip_and_stale_keys(any_db):
    import numpy as np

    trig = np.arange(6, dtype=np.float32).reshape(2, 3)
    with open_store(any_db) as store:
        cache = store.vector_cache()
        assert cache.get("a1", "k1") is None
        cache.put("a1", "k1", trig, trig * 2)
        t, s = cache.get("a1", "k1")
        assert np.array_equal(t, trig) and np.array_equal(s, trig * 2) and t.flags["WRITEABLE"]
        assert cache.get("a1", "k2") is None  # computed for other spans or another encoder
        cache.put("a1", "k2", trig[:1], trig[:1])
        assert cache.get("a1", "k1") is None and cache.get("a1", "k2")[0].shape == (1, 3)
