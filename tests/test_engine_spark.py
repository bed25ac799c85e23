"""The Spark engine (local mode) gives the same store as the single-process build."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storyline import library
from storyline.cli.main import main
from storyline.records import to_dict
from storyline.settings import Settings

pytest.importorskip("pyspark")
if not shutil.which("java"):
    pytest.skip("Spark needs Java", allow_module_level=True)

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ever_given.jsonl"


@pytest.mark.spark
def test_engine_spark_equals_local_build_and_load(tmp_path, monkeypatch):
    monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
    spark_db, local_db = tmp_path / "spark.db", tmp_path / "local.db"
    r1, _ = library.build([str(EXAMPLE)], Settings(db=str(spark_db), model="en_core_web_sm",
                                                   engine="spark", spark_master="local[2]"))
    r2, _ = library.build([str(EXAMPLE)], Settings(db=str(local_db), model="en_core_web_sm"))
    assert r1.stored == r2.stored == 12
    a, b = library.load(str(spark_db)), library.load(str(local_db))
    assert [x.id for x in a.articles] == [x.id for x in b.articles]
    assert to_dict(a.analyses) == to_dict(b.analyses)
    assert to_dict(a.corpus) == to_dict(b.corpus)

    # per-article Parquet written by Spark, loaded into a fresh store with `storyline load`
    from storyline.engine.spark import analyse_to_parquet
    from storyline.ingest import read_path

    arts = [x for x in read_path(str(EXAMPLE))]
    out = tmp_path / "parquet"
    analyse_to_parquet(arts, str(out), Settings(model="en_core_web_sm", spark_master="local[2]"))
    assert main(["load", str(out), "--db", str(tmp_path / "loaded.db")]) == 0
    c = library.load(str(tmp_path / "loaded.db"))
    assert to_dict(c.analyses) == to_dict(b.analyses)


def test_read_parquet_restores_input_order_and_both_formats(tmp_path):
    """Part files come back in input order; should positions ever be out of
    order, the records are put back in order. JSON and pickle read alike."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from storyline.engine.spark import _encode, read_parquet
    from storyline.ingest import make_article
    from storyline.records import ArticleAnalysis

    ans = [ArticleAnalysis(article=make_article(f"Story number {w} broke today.")) for w in ("one", "two", "three")]
    for fmt in ("json", "pickle"):
        out = tmp_path / fmt
        out.mkdir()
        rows = [(2, ans[2]), (0, ans[0]), (1, ans[1])]  # out of order across two part files
        for k, part in enumerate((rows[:1], rows[1:])):
            pq.write_table(pa.table({"pos": [p for p, _ in part], "article_id": [a.article.id for _, a in part],
                                     "analysis": [_encode(a, fmt) for _, a in part]}),
                           out / f"part-{k:05d}.parquet")
        assert list(read_parquet(str(out), fmt)) == ans
