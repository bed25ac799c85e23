"""The per-article stage on Apache Spark.

``run_per_article_spark`` sends articles to Spark (``local[*]`` by default, any
master URL otherwise), where each executor loads the spaCy model once and runs
the same ``analyse_articles`` as the local engine inside ``mapInPandas``. The
per-article records are written to Parquet (one row per article: id + the
JSON of its ArticleAnalysis) and streamed back, so the store and the
cross-article stage see exactly what a single-process build would.
``load_parquet`` brings such Parquet results into a store (``storyline load``).

Where the time goes: the articles are cut into contiguous slices
(``parallelize``), so the Parquet part files come back in input order without
a sort — a global ``orderBy`` samples its input with a job of its own, which
ran the whole per-article stage twice. Inside a build the records travel as
pickles in a temporary Parquet file this process wrote itself (decoding JSON
back into records costs more than the analysis on the driver); the Parquet
``analyse_to_parquet`` leaves for ``storyline load`` keeps the portable JSON.
"""
from __future__ import annotations

import json
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from ..records import Article, ArticleAnalysis, from_dict, to_dict
from ..settings import DEFAULT_MODEL, Settings

_EXECUTOR_NLP = {}


FORMATS = {"json": "string", "pickle": "binary"}  # how a record travels -> its Parquet column type


def _encode(analysis: ArticleAnalysis, fmt: str):
    if fmt == "pickle":
        return pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL)
    return json.dumps(to_dict(analysis), ensure_ascii=False)


def _decode(value, fmt: str) -> ArticleAnalysis:
    if fmt == "pickle":
        return pickle.loads(value)  # noqa: S301 - only ever a file this process had Spark write
    return from_dict(ArticleAnalysis, json.loads(value))


def _analyse_partition(model: str, batch_size: int, fmt: str = "json"):
    """The function shipped to executors: model loaded once per Python worker."""

    def fn(frames):
        import pandas as pd

        from ..pipeline import analyse_articles
        from ..nlp.model import load_model

        nlp = _EXECUTOR_NLP.get(model)
        if nlp is None:
            nlp = _EXECUTOR_NLP[model] = load_model(model)
        for pdf in frames:
            arts = [from_dict(Article, json.loads(s)) for s in pdf["article"]]
            out = [_encode(a, fmt) for a in analyse_articles(arts, nlp=nlp, batch_size=batch_size)]
            yield pd.DataFrame({"pos": pdf["pos"].tolist(), "article_id": pdf["article_id"].tolist(),
                                "analysis": out})

    return fn


def spark_session(master: str = "local[*]", app: str = "storyline"):
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the install
        from ..errors import StorylineError
        raise StorylineError("the Spark engine needs pyspark: pip install 'storyline[spark]'") from exc
    return (SparkSession.builder.master(master).appName(app)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
            .config("spark.driver.bindAddress", os.environ["SPARK_LOCAL_IP"])
            .getOrCreate())


def analyse_to_parquet(articles: Iterable[Article], out_dir: str, settings: Settings, fmt: str = "json") -> str:
    """Run the per-article stage on Spark and write the records to ``out_dir``
    (Parquet, part files in input order; ``fmt`` "json" is the portable form)."""
    spark = spark_session(settings.spark_master)
    rows = [(i, a.id, json.dumps(to_dict(a), ensure_ascii=False)) for i, a in enumerate(articles)]
    if not rows:
        return out_dir
    parts = max(1, min(len(rows) // max(settings.batch_size, 1) + 1,
                       spark.sparkContext.defaultParallelism * 4))
    # contiguous slices: partition k holds the k-th run of input positions, so the
    # part files are in input order with no sort (and no sampling job re-running the stage)
    rdd = spark.sparkContext.parallelize(rows, parts)
    df = spark.createDataFrame(rdd, "pos long, article_id string, article string")
    result = df.mapInPandas(_analyse_partition(settings.model or DEFAULT_MODEL, settings.batch_size, fmt),
                            schema=f"pos long, article_id string, analysis {FORMATS[fmt]}")
    result.write.mode("overwrite").parquet(out_dir)
    return out_dir


def read_parquet(out_dir: str, fmt: str = "json") -> Iterator[ArticleAnalysis]:
    """Stream per-article records back from Parquet, batch by batch, in input
    order (part files in name order; if positions ever come back out of order,
    the records are sorted by position first)."""
    import pyarrow.dataset as ds

    files = sorted(str(p) for p in Path(out_dir).rglob("*.parquet"))
    if not files:
        return
    dataset = ds.dataset(files, format="parquet")
    has_pos = "pos" in dataset.schema.names
    if has_pos:
        pos = dataset.to_table(columns=["pos"]).column(0).to_pylist()
        if any(b < a for a, b in zip(pos, pos[1:])):
            table = dataset.to_table(columns=["pos", "analysis"]).sort_by("pos")
            for v in table.column("analysis").to_pylist():
                if v:
                    yield _decode(v, fmt)
            return
    for batch in dataset.to_batches(columns=["analysis"], batch_size=256):
        for v in batch.column(0).to_pylist():
            if v:
                yield _decode(v, fmt)


def run_per_article_spark(articles: Iterable[Article], settings: Settings) -> Iterator[ArticleAnalysis]:
    arts = list(articles)
    if not arts:
        return
    with tempfile.TemporaryDirectory(prefix="storyline-spark-") as tmp:
        out = str(Path(tmp) / "analyses.parquet")
        analyse_to_parquet(arts, out, settings, fmt="pickle")
        yield from read_parquet(out, fmt="pickle")


def load_parquet(parquet_dir: str, settings: Settings) -> int:
    """Store per-article records from Parquet and recompute the cross-article stage."""
    from ..store import open_store
    from .build import update_corpus

    n = 0
    with open_store(settings.db) as store:
        for analysis in read_parquet(parquet_dir):
            if store.add_analysis(analysis):
                n += 1
        update_corpus(store, event_context=settings.event_context)
    return n
