"""``storyline eval timeline17 DIR [--out PRED_DIR]``: timeline summarization and
story threads on Timeline17.

DIR holds topic folders (searched recursively), each with ``articles.json``
(a JSON list of {"uid", "dct", "dates", "text"}) and one or more gold
``*.timeline.json`` files (a JSON list of {"date": "YYYY-MM-DD", "text": ...},
text a string of sentences separated by two spaces, or a list of sentences).

For each gold timeline a timeline is built from the topic's articles alone,
with as many dates as the gold one has and round(mean sentences per gold date)
sentences per date, and scored with alignment-based ROUGE-1 / ROUGE-2
("align+ m:1", Martschat & Markert 2017) and date F1; precision and recall
are averaged over timelines, F taken from the averages. Entries of a gold
timeline sharing a date are merged into one date.

Threads: all topics' articles are mixed into one stream in date order and fed
to the online ``ThreadIndex``; the top-level threads are scored against the
topic labels (topic name up to its first underscore: bpoil_bbc -> bpoil) with
B³ precision, recall and F1.
"""
from __future__ import annotations

import argparse
import json
import re
import time
from datetime import date
from pathlib import Path

from ..errors import EvalError
from ..records import Article
from ..stories.daydates import day_dates
from ..stories.summarize import Candidate, Params, candidates_from_text, summarize
from ..stories.text import split_sentences
from . import rouge


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", help="Timeline17 folder (topic folders with articles.json and *.timeline.json)")
    parser.add_argument("--out", help="write predicted timelines here, as PRED_DIR/<topic>/<gold file name>")
    parser.add_argument("--topic", action="append", default=[],
                        help="score only this topic folder (repeatable)")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N topics")
    parser.add_argument("--dates", choices=("fast", "tagger"), default="fast",
                        help="where sentence dates come from: the fast day reader of the stories stage "
                             "(default, about 0.5 s a topic) or the temporal stage's full tagger on raw "
                             "text (tag_text; about 20 s a topic)")
    parser.add_argument("--span", choices=("gold", "articles"), default="gold",
                        help="input time span: as in the news-tls protocol the peers' figures come "
                             "from, only articles and dates within the gold timeline's first..last "
                             "date (default); or 'articles': everything, dates within the "
                             "articles' publication span")
    parser.add_argument("--no-threads", action="store_true", help="skip the thread grouping score")
    parser.add_argument("--build-threads", action="store_true",
                        help="score the threads of a whole build instead of the text-only index: every "
                             "article through the per-article stage and the cross-article stage "
                             "(entities, chronology, threads), as storyline build makes them; about "
                             "10 minutes for the 2,300 articles (--out gets threads.tsv)")


# ---------------------------------------------------------------- loading

def find_topics(root: Path) -> list[Path]:
    if not root.exists():
        raise EvalError(f"Timeline17 folder not found: {root}")
    topics = sorted({p.parent for p in root.rglob("articles.json")
                     if any(p.parent.glob("*.timeline.json"))})
    if not topics:
        raise EvalError(f"no Timeline17 topic (articles.json + *.timeline.json) under {root}")
    return topics


def split_gold_text(text) -> list[str]:
    if isinstance(text, list):
        return [s.strip() for s in text if s.strip()]
    return [s.strip() for s in re.split(r"\s{2,}", text) if s.strip()]


def load_gold(path: Path) -> dict[date, list[str]]:
    try:
        entries = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"{path}: unreadable gold timeline ({exc})") from exc
    out: dict[date, list[str]] = {}
    for e in entries:
        d = date.fromisoformat(e["date"][:10])
        out.setdefault(d, []).extend(split_gold_text(e["text"]))
    return out


def load_articles(path: Path) -> list[dict]:
    try:
        arts = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"{path}: unreadable articles ({exc})") from exc
    if not isinstance(arts, list):
        raise EvalError(f"{path}: expected a JSON list of articles")
    out = []
    for i, a in enumerate(arts):
        if isinstance(a, dict) and str(a.get("text") or "").strip():
            out.append({**a, "uid": str(a.get("uid", a.get("id", i)))})
    return out


# ---------------------------------------------------------------- dates

TAGGER_FAILURES: list[str] = []


def tagger_reader():
    """A date reader over the temporal tagger's raw-text entry point, or None."""
    try:
        from ..temporal.tagger import tag_text
    except ImportError:
        return None

    def read(text: str, dct: date | None):
        out = []
        try:
            timexes = tag_text(text, dct.isoformat() if dct else None)
        except Exception:  # noqa: BLE001 - one article the tagger cannot read must not sink the run
            TAGGER_FAILURES.append(text[:60])
            return fast_reader(text, dct)
        for t in timexes:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value or ""):
                try:
                    out.append((t.start, t.end, date.fromisoformat(t.value)))
                except ValueError:
                    pass
        return out
    return read


def fast_reader(text: str, dct: date | None):
    return [(d.start, d.end, d.date) for d in day_dates(text, dct)]


def pick_reader(choice: str):
    if choice == "tagger":
        reader = tagger_reader()
        if reader is None:
            raise EvalError("the temporal tagger offers no tag_text(text, dct)")
        return reader, "temporal.tag_text"
    return fast_reader, "stories.daydates"


# ---------------------------------------------------------------- building

def topic_candidates(articles: list[dict], reader) -> list[Candidate]:
    cands = []
    for a in articles:
        try:
            dct = date.fromisoformat(str(a["dct"])[:10]) if a.get("dct") else None
        except ValueError:
            dct = None
        cands.extend(candidates_from_text(str(a["uid"]), a["text"], dct, reader, split_sentences))
    return cands


def gold_size(gold: dict[date, list[str]]) -> tuple[int, int]:
    n_dates = len(gold)
    k = round(sum(len(v) for v in gold.values()) / n_dates) if n_dates else 1
    return n_dates, max(1, k)


def predict(cands: list[Candidate], gold: dict[date, list[str]], span: str,
            params: Params = Params()) -> dict[date, list[str]]:
    n_dates, k = gold_size(gold)
    if span == "gold" and gold:
        lo, hi = min(gold), max(gold)
        cands = [c for c in cands if c.published and lo <= c.published <= hi]
        cands = [Candidate(c.article_id, c.sentence, c.start, c.end, c.text, c.published,
                           tuple(d for d in c.dates if lo <= d <= hi), c.tokens) for c in cands]
    timeline = summarize(cands, n_dates, k, params)
    return {s.date: [c.text for c in s.sentences] for s in timeline}


def write_prediction(out_dir: Path, topic: Path, gold_path: Path, pred: dict[date, list[str]]) -> None:
    target = out_dir / topic.name / gold_path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    data = [{"date": d.isoformat(), "text": sents} for d, sents in sorted(pred.items())]
    target.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")


# ---------------------------------------------------------------- threads

def topic_label(topic: Path) -> str:
    return topic.name.split("_")[0]


def b_cubed(pred: dict[str, str], gold: dict[str, str]) -> rouge.PRF:
    """B³ precision and recall of a clustering ``pred`` (item -> cluster) against
    ``gold`` (item -> class), over the items both share."""
    items = [i for i in gold if i in pred]
    if not items:
        return rouge.PRF(0.0, 0.0)
    by_pred: dict[str, list[str]] = {}
    by_gold: dict[str, list[str]] = {}
    for i in items:
        by_pred.setdefault(pred[i], []).append(i)
        by_gold.setdefault(gold[i], []).append(i)
    p = r = 0.0
    for i in items:
        same_pred = by_pred[pred[i]]
        same_gold = by_gold[gold[i]]
        both = sum(1 for j in same_pred if gold[j] == gold[i])
        p += both / len(same_pred)
        r += both / len(same_gold)
    return rouge.PRF(p / len(items), r / len(items))


def build_stories(articles: list[Article], model: str | None = None) -> dict[str, str]:
    """Each article's top-level story as ``storyline build`` makes it: the per-article stage,
    then the cross-article stage on its records (``pipeline.analyse_corpus``: entities resolved
    across articles, undated ones ordered, then the thread index)."""
    from ..pipeline import analyse_articles, analyse_corpus

    corpus = analyse_corpus(list(analyse_articles(articles, model=model)))
    return {a: t.parent or t.id for t in corpus.threads for a in t.article_ids}


def _stream_articles(topics: list[Path]) -> list[tuple[Article, str]]:
    """The articles of every topic (key ``topic/uid``) with their topic's label, in date order."""
    stream = []
    for t in topics:
        for a in load_articles(t / "articles.json"):
            dct = str(a.get("dct") or "")[:10]
            stream.append((Article(id=f"{t.name}/{a['uid']}", text=a["text"], title=str(a.get("title") or ""),
                                   published=dct or None, origin=str(t)), topic_label(t)))
    stream.sort(key=lambda x: (x[0].published or "", x[0].id))
    return stream


def thread_build_score(topics: list[Path], out_dir: Path | None) -> tuple[rouge.PRF, int, float, int]:
    """``thread_stream_score`` for the threads of a whole build (``build_stories``)."""
    stream = _stream_articles(topics)
    t0 = time.perf_counter()
    pred = build_stories([a for a, _ in stream])
    elapsed = time.perf_counter() - t0
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "threads.tsv").write_text("".join(f"{k}\t{v}\n" for k, v in pred.items()), encoding="utf-8")
    return b_cubed(pred, {a.id: label for a, label in stream}), len(set(pred.values())), elapsed, len(stream)


def thread_stream_score(topics: list[Path]) -> tuple[rouge.PRF, int, float, int]:
    """B3 of the text-only thread index (``doc_from_text``) over the topics' articles mixed in
    date order, against the topic labels."""
    from ..stories.threads import ThreadIndex, doc_from_text
    stream = _stream_articles(topics)
    index = ThreadIndex()
    c0 = time.process_time()
    pred, gold = {}, {}
    for art, label in stream:
        pred[art.id] = index.add(doc_from_text(art.id, art.text, art.published))
        gold[art.id] = label
    elapsed = time.process_time() - c0
    pred = {k: index.root_of(v) for k, v in pred.items()}  # after merges
    return b_cubed(pred, gold), len(set(pred.values())), elapsed, len(stream)


# ---------------------------------------------------------------- run

def run(args) -> int:
    root = Path(args.dir)
    topics = find_topics(root)
    if args.topic:
        topics = [t for t in topics if t.name in set(args.topic)]
        if not topics:
            raise EvalError(f"none of the topics {args.topic} under {root}")
    if args.limit:
        topics = topics[: args.limit]
    orphans = sorted({p.parent.name for p in root.rglob("*.timeline.json")
                      if not (p.parent / "articles.json").exists()})
    reader, reader_name = pick_reader(args.dates)
    out_dir = Path(args.out) if args.out else None
    print(f"timeline17: {len(topics)} topic(s) under {root}; dates from {reader_name}; span {args.span}")
    if orphans:
        print(f"  not scored (gold timeline but no articles.json): {', '.join(orphans)}")
    r1, r2, dates_ = [], [], []
    for topic in topics:
        t0, c0 = time.perf_counter(), time.process_time()
        articles = load_articles(topic / "articles.json")
        cands = topic_candidates(articles, reader)
        t_read, c_read = time.perf_counter() - t0, time.process_time() - c0
        for gold_path in sorted(topic.glob("*.timeline.json")):
            t1, c1 = time.perf_counter(), time.process_time()
            gold = load_gold(gold_path)
            pred = predict(cands, gold, args.span)
            t_build, c_build = time.perf_counter() - t1, time.process_time() - c1
            scores = rouge.align_m1(pred, gold)
            dp = rouge.date_prf(pred, gold)
            r1.append(scores[1])
            r2.append(scores[2])
            dates_.append(dp)
            if out_dir:
                write_prediction(out_dir, topic, gold_path, pred)
            n_dates, k = gold_size(gold)
            print(f"  {topic.name}/{gold_path.name}: {len(articles)} articles, {n_dates} dates x {k}; "
                  f"AR-1 F {scores[1].f:.3f}  AR-2 F {scores[2].f:.3f}  date F1 {dp.f:.3f}; "
                  f"time {t_read + t_build:.1f} s wall, {c_read + c_build:.1f} s CPU "
                  f"(read+dates {c_read:.1f} s, build {c_build:.1f} s CPU)")
    if TAGGER_FAILURES:
        print(f"  the temporal tagger failed on {len(TAGGER_FAILURES)} article(s); the fast reader stood in")
    a1, a2, ad = rouge.average(r1), rouge.average(r2), rouge.average(dates_)
    print(f"  {len(r1)} timelines; AR-1 P/R {a1.precision:.4f}/{a1.recall:.4f}; "
          f"AR-2 P/R {a2.precision:.4f}/{a2.recall:.4f}; dates P/R {ad.precision:.4f}/{ad.recall:.4f}")
    if not args.no_threads and len(topics) > 1:
        if args.build_threads:
            b3, n_threads, secs, n = thread_build_score(topics, out_dir)
            how = "a whole build"
        else:
            b3, n_threads, secs, n = thread_stream_score(topics)
            how = "text only"
        print(f"  threads ({how}): {n} articles of {len({topic_label(t) for t in topics})} stories mixed in "
              f"date order -> {n_threads} top-level threads; B3 P/R {b3.precision:.4f}/{b3.recall:.4f}; "
              f"{secs:.1f} s ({1000 * secs / max(n, 1):.1f} ms per article)")
        print(f"threads_b3_f1: {b3.f:.4f}")
    print(f"rouge1_f: {a1.f:.4f}")
    print(f"rouge2_f: {a2.f:.4f}")
    print(f"date_f1: {ad.f:.4f}")
    return 0
