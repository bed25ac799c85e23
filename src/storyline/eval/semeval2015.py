"""``storyline eval semeval2015 DIR [--out PRED_DIR]``: entity timelines on SemEval-2015 Task 4
("TimeLine: Cross-Document Event Ordering"), Track A (raw texts).

DIR is the task's folder or any folder holding its layout. A **corpus** is a folder of CAT XML
documents (``storyline.eval.cat``) together with the target entities, found beside it: a folder
of gold timelines (``.txt`` files whose first line names the entity and whose other lines read
``position<TAB>date<TAB>docid-sentence-word[<TAB>more mentions]``), else a list file (a ``.txt``
file of one entity name a line). When a corpus folder holds several CAT folders (the task ships
the raw texts for Track A beside annotated ones for Track B), the one named for Track A is read,
else one not named for Track B or for the timelines' events.

Each document is read as text with token offsets and its creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``; without one, the date line the temporal stage finds in
the text, ``function == "CREATION_TIME"``). storyline's pipeline runs on the text alone (no gold
event or entity is used), with every content verb and event noun as an event mention
(``event_scope="all"``). A target entity is matched to storyline's entities by its name only
(``match_entity``: word overlap with the entity's names); its timeline is
``stories.entity_timeline.entity_timeline`` written in the task's format
(``timeline_lines``): dated events by date, one position per date, coreferent mentions on one
line; undated events at position 0, as the gold timelines put the events they cannot order.
Mentions are named ``docid-sentence-word`` with the CAT sentence numbers and the trigger's CAT
tokens joined by ``_``.

Scoring: ``storyline.eval.temporal_awareness`` per timeline; a system mention counts as a gold
mention when it lies in the same document and sentence and shares a word with it
(``align``). Micro figures add the counts of all timelines, macro figures average each
timeline's. A trivial baseline is scored the same way (``baseline_lines``: every event mention
in a sentence naming at least half of the target's words, dated by its document's creation day,
in date order). Per-timeline lines go to stderr; the summary lines end stdout.
"""
from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvalError
from ..records import Article
from .cat import CatDocument, read_cat_dir
from .temporal_awareness import Counts, Line, date_interval, score

UNKNOWN_DATE = "XXXX-XX-XX"
_WORD = re.compile(r"\w+")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", help="SemEval-2015 Task 4 folder (or any folder with its layout: CAT XML "
                                    "documents with target entities or gold timelines beside them)")
    parser.add_argument("--out", help="write timelines here as PRED_DIR/<corpus>/<entity file name>.txt")
    parser.add_argument("--corpus", action="append", default=[],
                        help="only corpus folders whose name contains this (repeatable)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the packaged medium model)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the trivial baseline's figures")


# ---------------------------------------------------------------- layout

@dataclass(frozen=True)
class Target:
    name: str  # as the task names it ("Steve Jobs")
    file: str  # output file name ("steve_jobs.txt")
    gold: tuple[Line, ...] | None = None


@dataclass(frozen=True)
class Corpus:
    name: str
    documents: Path
    targets: tuple[Target, ...]


def read_timeline(path) -> tuple[str, list[Line]]:
    """A timeline file: (entity name, lines). Dates that are not ``YYYY[-MM[-DD]]`` are None."""
    rows = Path(path).read_text(encoding="utf-8").splitlines()
    if not rows:
        raise EvalError(f"{path}: empty timeline file")
    lines = []
    for n, row in enumerate(rows[1:], 2):
        cells = [c.strip() for c in row.split("\t") if c.strip()]
        if not cells:
            continue
        if len(cells) < 3 or not cells[0].lstrip("-").isdigit():
            raise EvalError(f"{path}:{n}: not a timeline line: {row!r}")
        lines.append(Line(int(cells[0]), cells[1] if date_interval(cells[1]) else None, tuple(cells[2:])))
    return rows[0].strip(), lines


def write_timeline(path, entity: str, lines) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = [entity] + ["\t".join([str(ln.position), ln.date or UNKNOWN_DATE, *ln.mentions]) for ln in lines]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _is_timeline(path: Path) -> bool:
    try:
        rows = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    body = [r for r in rows[1:] if r.strip()]
    return bool(rows) and bool(body) and all(len(r.split("\t")) >= 3 and r.split("\t")[0].strip().isdigit()
                                             for r in body)


def file_name(entity: str) -> str:
    """The task's file name for an entity: lower case, words joined by ``_``."""
    return "_".join(entity.lower().split()) + ".txt"


def _track_a(folders: list[Path]) -> Path:
    named = [f for f in folders if "tracka" in f.name.lower()]
    plain = [f for f in folders if not any(w in f.name.lower() for w in ("trackb", "timeline"))]
    return (named or plain or folders)[0]


def find_corpora(root: Path) -> list[Corpus]:
    root = Path(root)
    if not root.is_dir():
        raise EvalError(f"SemEval-2015 Task 4 folder not found: {root}")
    cat_folders = sorted({p.parent for p in root.rglob("*.xml")})
    if not cat_folders:
        raise EvalError(f"no CAT XML documents under {root}")
    by_parent: dict[Path, list[Path]] = {}
    for f in cat_folders:
        by_parent.setdefault(f.parent, []).append(f)
    corpora = []
    for parent, folders in sorted(by_parent.items()):
        # a corpus nested below this one (the test corpora beside the trial set) keeps its own files
        nested = [q for q in by_parent if q != parent and q.is_relative_to(parent)]
        texts = sorted(p for p in parent.rglob("*.txt")
                       if not any(p.is_relative_to(f) for f in folders + nested))
        targets = []
        for p in texts:
            if _is_timeline(p):
                entity, lines = read_timeline(p)
                targets.append(Target(entity, p.name, tuple(lines)))
        if not targets:
            for p in texts:
                names = [r.strip() for r in p.read_text(encoding="utf-8", errors="replace").splitlines() if r.strip()]
                if names and all("\t" not in n and len(n) < 80 for n in names) and p.name.lower() not in (
                        "readme.txt", "source.txt", "license.txt"):
                    targets += [Target(n, file_name(n)) for n in names]
        if targets:
            corpora.append(Corpus(parent.name, _track_a(folders), tuple(targets)))
    if not corpora:
        raise EvalError(f"no target entities or gold timelines beside the CAT documents under {root}")
    return corpora


# ---------------------------------------------------------------- running storyline

def analyse(docs: list[CatDocument], nlp):
    """storyline's pipeline on the documents' text: (analyses, corpus analysis). A document
    without a creation time is analysed again with the day of the date line its text opens
    with, when the temporal stage found one."""
    from ..pipeline import analyse_articles, analyse_corpus

    articles = [Article(id=d.doc_id, text=d.text, title=d.name, published=d.dct(), url=d.url) for d in docs]
    analyses = list(analyse_articles(articles, nlp=nlp, event_scope="all"))
    for i, an in enumerate(analyses):
        if an.article.published:
            continue
        stamp = next((t for t in an.timexes if t.function == "CREATION_TIME" and date_interval(t.value[:10])
                      and len(t.value) >= 10), None)
        if stamp:
            art = dataclasses.replace(an.article, published=stamp.value[:10])
            analyses[i] = next(analyse_articles([art], nlp=nlp, event_scope="all"))
    return analyses, analyse_corpus(analyses)


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def match_entity(target: str, entities):
    """The storyline entity whose names share the most words with ``target`` (Jaccard overlap of
    word sets, at least 0.5; ties to the most mentioned), or None."""
    want = words(target)
    best, best_key = None, (0.5, 0)
    for e in entities:
        overlap = max((len(want & words(n)) / len(want | words(n)) for n in (e.name, *e.names) if words(n)),
                      default=0.0)
        key = (overlap, e.mention_count)
        if key >= best_key:
            best, best_key = e, key
    return best


def mention_key(doc: CatDocument, start: int, end: int) -> str | None:
    """``docid-sentence-word`` of a char span: the CAT sentence of its first token, its tokens
    joined by ``_``."""
    toks = [t for t in doc.tokens if t.start < end and t.end > start]
    if not toks:
        return None
    return f"{doc.doc_id}-{toks[0].sentence}-{'_'.join(t.text for t in toks)}"


def timeline_lines(items, docs: dict[str, CatDocument]) -> list[Line]:
    """An entity timeline (``EntityTimelineItem`` list, in its order) in the task's terms: one
    position per distinct date in date order, the item's mentions on one line; undated items at
    position 0."""
    rows = []
    for item in items:
        keys = tuple(dict.fromkeys(k for m in item.mentions if m.article_id in docs
                                   for k in [mention_key(docs[m.article_id], m.start, m.end)] if k))
        if keys:
            rows.append((item.date, keys))
    return _positions(rows)


def _positions(rows) -> list[Line]:
    """``(date or None, mention keys)`` rows, dated ones in date order, as lines: one position
    per distinct date, undated rows at position 0."""
    lines, position, last = [], 0, None
    for day, keys in rows:
        if day is None:
            lines.append(Line(0, None, keys))
            continue
        if day != last:
            position, last = position + 1, day
        lines.append(Line(position, day, keys))
    return lines


def baseline_lines(target: str, analyses, docs: dict[str, CatDocument]) -> list[Line]:
    """Every event mention in a sentence naming at least half of ``target``'s words, dated by
    its document's creation day and ordered by it (one position per day); documents without a
    creation day at position 0."""
    want = words(target)
    rows = []
    for an in analyses:
        doc = docs[an.article.id]
        day = (an.article.published or "")[:10] or None
        for ev in an.events:
            sent = next((s for s in an.sentences if s.start <= ev.start < s.end), None)
            if sent is None or 2 * len(want & words(an.article.text[sent.start:sent.end])) < len(want):
                continue
            key = mention_key(doc, ev.start, ev.end)
            if key:
                rows.append((day, an.article.id, ev.start, key))
    rows.sort(key=lambda r: (r[0] is None, r[0] or "", r[1], r[2]))
    return _positions([(day, (key,)) for day, _, _, key in rows])


# ---------------------------------------------------------------- scoring

def _parts(key: str) -> tuple[str, str, set[str]]:
    doc, sent, word = (key.split("-", 2) + ["", ""])[:3]
    return doc, sent, {w.lower() for w in word.split("_") if w}


def align(system: list[Line], gold: list[Line]) -> list[Line]:
    """``system`` with each mention renamed to the gold mention it matches (same document and
    sentence, a word in common; exact names first, one to one)."""
    gold_keys = [k for ln in gold for k in ln.mentions]
    taken = set(k for ln in system for k in ln.mentions if k in gold_keys)
    rename = {}
    for ln in system:
        for k in ln.mentions:
            if k in taken or k in rename:
                continue
            doc, sent, ws = _parts(k)
            for g in gold_keys:
                gd, gs, gw = _parts(g)
                if g not in taken and gd == doc and gs == sent and ws & gw:
                    rename[k] = g
                    taken.add(g)
                    break
    return [dataclasses.replace(ln, mentions=tuple(dict.fromkeys(rename.get(k, k) for k in ln.mentions)))
            for ln in system]


@dataclass(frozen=True)
class TimelineResult:
    corpus: str
    target: str
    entity: str | None  # the storyline entity matched, by name
    counts: Counts
    baseline: Counts | None
    gold_events: int
    system_events: int
    found_events: int  # gold event mentions the system timeline has
    right_dates: int  # of those, how many the system dates as the gold does
    gold_dated: int  # of those, how many the gold dates


def _diagnose(gold: list[Line], system: list[Line]) -> tuple[int, int, int, int, int]:
    gdate = {k: ln.date for ln in gold for k in ln.mentions}
    sdate = {k: ln.date for ln in system for k in ln.mentions}
    found = [k for k in gdate if k in sdate]
    dated = [k for k in found if gdate[k]]
    return len(gdate), len(sdate), len(found), sum(1 for k in dated if sdate[k] == gdate[k]), len(dated)


def evaluate_corpus(corpus: Corpus, nlp, out: Path | None, baseline: bool = True) -> list[TimelineResult]:
    from ..stories.entity_timeline import entity_timeline

    docs = read_cat_dir(corpus.documents)
    by_id = {d.doc_id: d for d in docs}
    analyses, analysis = analyse(docs, nlp)
    results = []
    for target in corpus.targets:
        entity = match_entity(target.name, analysis.entities)
        items = entity_timeline(analyses, analysis, entity.id) if entity else []
        lines = timeline_lines(items, by_id)
        if out is not None:
            write_timeline(out / corpus.name / target.file, target.name, lines)
        if target.gold is None:
            continue
        gold = list(target.gold)
        system = align(lines, gold)
        base = score(gold, align(baseline_lines(target.name, analyses, by_id), gold)) if baseline else None
        results.append(TimelineResult(corpus.name, target.name, entity.name if entity else None,
                                      score(gold, system), base, *_diagnose(gold, system)))
    return results


def _pct(x: float) -> str:
    return f"{100 * x:.2f}"


def summary(results: list[TimelineResult], attr: str = "counts") -> dict[str, float]:
    """Micro (counts added over timelines) and macro (mean of each timeline's) P / R / F1."""
    counts = [getattr(r, attr) for r in results if getattr(r, attr) is not None]
    if not counts:
        return {}
    micro = sum(counts, Counts()).prf()
    each = [c.prf() for c in counts]
    macro = tuple(sum(x[i] for x in each) / len(each) for i in range(3))
    names = ("precision", "recall", "f1")
    return {**{f"micro_{n}": v for n, v in zip(names, micro)}, **{f"macro_{n}": v for n, v in zip(names, macro)}}


def run(args) -> int:
    from ..nlp.model import load_model

    corpora = find_corpora(Path(args.dir))
    if args.corpus:
        corpora = [c for c in corpora if any(n in c.name for n in args.corpus)]
        if not corpora:
            raise EvalError(f"no corpus under {args.dir} matches {args.corpus}")
    nlp = load_model(args.model)
    t0 = time.time()
    results = []
    out = Path(args.out) if args.out else None
    for corpus in corpora:
        got = evaluate_corpus(corpus, nlp, out, baseline=not args.no_baseline)
        results += got
        for r in got:
            p, rc, f = r.counts.prf()
            base = f"  baseline F1 {_pct(r.baseline.prf()[2])}" if r.baseline else ""
            print(f"{r.corpus}/{r.target}: entity {r.entity or '-'}; P {_pct(p)} R {_pct(rc)} F1 {_pct(f)}"
                  f"{base}; gold events {r.gold_events}, system {r.system_events}, found {r.found_events}, "
                  f"dated as gold {r.right_dates}/{r.gold_dated}", file=sys.stderr)
        if out is not None:
            print(f"wrote {len(corpus.targets)} timelines to {out / corpus.name}", file=sys.stderr)
    print(f"({len(results)} scored timelines, {time.time() - t0:.1f} s)", file=sys.stderr)
    if not results:
        print("no gold timelines found: nothing scored", file=sys.stderr)
        return 0
    if not args.no_baseline:
        for key, value in summary(results, "baseline").items():
            print(f"baseline_{key}: {value:.4f}")
    for key, value in summary(results).items():
        print(f"{key}: {value:.4f}")
    return 0
