"""``storyline eval tempeval DIR``: TIMEX3 tagging and normalization, TempEval-3 style.

Every ``.tml`` file under DIR is read (text of <TEXT> plus its DCT); a folder
without any is read as NewsReader CAT XML (MEANTIME, :mod:`.catml`: only the
annotated sentences are scored). The text is tagged by :mod:`storyline.temporal`
(``--no-dct``: without the creation time, as an article given no date), and the
system TIMEX3s are scored against the gold ones as TempEval-3 defines it
(UzZaman et al. 2013, section 4.1):

* strict extent match: same start and end; relaxed: the extents overlap;
  each gold and each system expression is matched at most once;
* extent P = matches / system, R = matches / gold, F1 their harmonic mean;
* attribute F1 (type, value): over relaxed-matched pairs, the pairs whose
  attribute is equal count as correct; P = correct / system, R = correct /
  gold, F1 = 2PR/(P+R) — i.e. relaxed F1 times attribute accuracy;
* attribute accuracy = correct / relaxed matches;
* the DCT (functionInDocument=CREATION_TIME) is given, never scored.

Counts are summed over all documents (micro-average). See docs/evaluation/tempeval.md.
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvalError
from .catml import find_cat, read_cat_timeml, write_cat
from .timeml import TimeMLDoc, find_tml, parse_tml, write_tml

METRICS = ("strict_f1", "relaxed_f1", "type_accuracy", "value_f1")


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: "Counts") -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def _prf(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    p = correct / system if system else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _span(t) -> tuple[int, int]:
    return t.start, t.end


def match_relaxed(gold: list, system: list) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) of overlapping extents.

    Greedy on overlap size (exact matches first), then text order.
    """
    cands = []
    for i, g in enumerate(gold):
        gs, ge = _span(g)
        for j, s in enumerate(system):
            ss, se = _span(s)
            ov = min(ge, se) - max(gs, ss)
            if ov > 0:
                exact = (gs, ge) == (ss, se)
                cands.append((not exact, -ov, gs, ss, i, j))
    cands.sort()
    used_g, used_s, pairs = set(), set(), []
    for *_, i, j in cands:
        if i in used_g or j in used_s:
            continue
        used_g.add(i)
        used_s.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def score_doc(gold: list, system: list) -> tuple[Counts, list[tuple[int, int]]]:
    """Counts for one document; gold/system items have start, end, type, value."""
    c = Counts(gold=len(gold), system=len(system))
    gspans = {}
    for g in gold:
        gspans[_span(g)] = gspans.get(_span(g), 0) + 1
    for s in system:
        if gspans.get(_span(s), 0) > 0:
            gspans[_span(s)] -= 1
            c.strict += 1
    pairs = match_relaxed(gold, system)
    c.relaxed = len(pairs)
    for i, j in pairs:
        c.type_ok += gold[i].type == system[j].type
        c.value_ok += gold[i].value == system[j].value
    return c, pairs


def figures(c: Counts) -> dict[str, float]:
    sp, sr, sf = _prf(c.strict, c.system, c.gold)
    rp, rr, rf = _prf(c.relaxed, c.system, c.gold)
    tp, tr, tf = _prf(c.type_ok, c.system, c.gold)
    vp, vr, vf = _prf(c.value_ok, c.system, c.gold)
    return {
        "strict_p": sp, "strict_r": sr, "strict_f1": sf,
        "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
        "type_f1": tf, "type_accuracy": c.type_ok / c.relaxed if c.relaxed else 0.0,
        "value_p": vp, "value_r": vr, "value_f1": vf,
        "value_accuracy": c.value_ok / c.relaxed if c.relaxed else 0.0,
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", help="folder of TimeML .tml files (searched recursively), or one file")
    parser.add_argument("--out", help="write system .tml files here (same names as the gold files)")
    parser.add_argument("--split", help="only files under a sub-folder with this name (e.g. TimeBank, AQUAINT)")
    parser.add_argument("--limit", type=int, help="score only the first N documents")
    parser.add_argument("--model", default=None,
                        help="spaCy model for clause tense (default: the project default); 'none' = text only")
    parser.add_argument("--errors", help="write a TSV of missed, spurious and wrongly valued expressions")
    parser.add_argument("--no-dct", action="store_true",
                        help="withhold the creation time: tag each text as an article given no date")


def _load_nlp(name: str | None):
    if name and name.lower() == "none":
        return None
    from ..nlp.model import load_model
    return load_model(name) if name else load_model()


def _group(doc: TimeMLDoc, root: Path) -> str:
    try:
        rel = Path(doc.path).relative_to(root)
        return rel.parts[-2] if len(rel.parts) > 1 else root.name
    except ValueError:
        return Path(doc.path).parent.name


def run(args) -> int:
    from ..temporal.tagger import tag
    from ..records import Article

    root = Path(args.dir)
    paths = find_tml(root) if not (root.is_file() and root.suffix.lower() == ".xml") else []
    reader = parse_tml
    if not paths:
        paths, reader = find_cat(root), read_cat_timeml
    if args.split:
        paths = [p for p in paths if args.split in p.relative_to(root if root.is_dir() else root.parent).parts]
    if args.limit:
        paths = paths[: args.limit]
    if not paths:
        raise EvalError(f"{root}: no TimeML .tml or CAT XML files found"
                        + (f" for split {args.split}" if args.split else ""))
    docs = [reader(p) for p in paths]
    nlp = _load_nlp(args.model)
    t0 = time.perf_counter()
    tag_time = 0.0
    total = Counts()
    groups: dict[str, Counts] = {}
    errors = []
    texts = ((d.text, d) for d in docs)
    stream = nlp.pipe(texts, as_tuples=True, batch_size=16) if nlp is not None else ((None, d) for d in docs)
    n_sys = 0
    for spacy_doc, d in stream:
        t1 = time.perf_counter()
        system = tag(spacy_doc, Article(id=d.doc_id, text=d.text, published=None if args.no_dct else d.dct))
        tag_time += time.perf_counter() - t1
        system = _scored(d, system)
        n_sys += len(system)
        gold = list(d.timexes)
        c, pairs = score_doc(gold, system)
        total.add(c)
        groups.setdefault(_group(d, root), Counts()).add(c)
        if args.out:
            rel = Path(d.path).relative_to(root) if root.is_dir() else Path(Path(d.path).name)
            (write_cat if d.fmt == "cat" else write_tml)(d, system, Path(args.out) / rel)
        if args.errors:
            errors.extend(_error_rows(d, gold, system, pairs))
    elapsed = time.perf_counter() - t0
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as fh:
            fh.write("doc\tkind\tgold_text\tgold_type\tgold_value\tsys_text\tsys_type\tsys_value\trule\tcontext\n")
            for row in errors:
                fh.write("\t".join(row) + "\n")
    _print_table(groups, total)
    print(f"documents: {len(docs)}  gold: {total.gold}  system: {total.system}  "
          f"time: {elapsed:.1f}s (tagging {tag_time:.2f}s, {n_sys / tag_time if tag_time else 0:.0f} expressions/s)")
    f = figures(total)
    for m in METRICS:
        print(f"{m}: {f[m]:.4f}")
    return 0


def _scored(d: TimeMLDoc, system: list) -> list:
    """The system expressions that count: inside the annotated part of the text (when the
    corpus annotates only some sentences), not on the creation time's own extent."""
    def counts(t) -> bool:
        if d.dct_span and t.start < d.dct_span[1] and t.end > d.dct_span[0]:
            return False
        return not d.scored or any(lo <= t.start < hi for lo, hi in d.scored)
    return [t for t in system if counts(t)]


def _print_table(groups: dict[str, Counts], total: Counts) -> None:
    head = f"{'corpus':<14}{'gold':>6}{'sys':>6}  {'strict P/R/F1':<20}{'relaxed P/R/F1':<20}{'type acc':<10}{'value P/R/F1'}"
    print(head)
    rows = list(groups.items())
    if len(rows) > 1:
        rows.append(("all", total))
    for name, c in rows:
        f = figures(c)
        print(f"{name:<14}{c.gold:>6}{c.system:>6}  "
              f"{f['strict_p']:.3f}/{f['strict_r']:.3f}/{f['strict_f1']:.3f}   "
              f"{f['relaxed_p']:.3f}/{f['relaxed_r']:.3f}/{f['relaxed_f1']:.3f}   "
              f"{f['type_accuracy']:.3f}     {f['value_p']:.3f}/{f['value_r']:.3f}/{f['value_f1']:.3f}")


def _error_rows(d: TimeMLDoc, gold, system, pairs):
    gi = {i for i, _ in pairs}
    sj = {j for _, j in pairs}

    def ctx(s, e):
        return (d.text[max(0, s - 50):s] + "[" + d.text[s:e] + "]" + d.text[e:e + 30]).replace("\n", " ").replace("\t", " ")

    name = Path(d.path).name
    for i, j in pairs:
        g, s = gold[i], system[j]
        if g.value != s.value or (g.start, g.end) != (s.start, s.end):
            kind = "value" if g.value != s.value else "extent"
            yield (name, kind, g.text, g.type, g.value, s.text, s.type, s.value, s.rule, ctx(g.start, g.end))
    for i, g in enumerate(gold):
        if i not in gi:
            yield (name, "missed", g.text, g.type, g.value, "", "", "", "", ctx(g.start, g.end))
    for j, s in enumerate(system):
        if j not in sj:
            yield (name, "spurious", "", "", "", s.text, s.type, s.value, s.rule, ctx(s.start, s.end))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="storyline eval tempeval")
    add_arguments(p)
    return run(p.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
