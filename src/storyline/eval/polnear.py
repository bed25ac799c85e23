"""``storyline eval polnear DIR [--split dev|train] [--out PRED_DIR]``: attribution
extraction on PolNeAR (brat standoff: Source / Cue / Content spans joined by an
``E.. Attribution:T.. Content:T.. Cue:T.. Source:T..`` line).

DIR is the corpus's ``data`` folder (split folders ``train/``, ``dev/``, ``test/`` each
with ``text/*.txt`` and ``attributions/*.ann``) or one split folder. Every split found is
scored unless ``--split`` names one. An article annotated by several annotators
(``<name>_<annotator>.ann``) is scored against the first annotation in name order, or
against each of them with ``--all-annotations``.

Definitions (docs/evaluation/polnear.md has the reasoning):

- words: maximal runs of letters and digits; a span's words are those it overlaps (all
  pieces of a discontinuous span);
- content match (token overlap): a predicted and a gold attribution whose contents share
  at least one word; pairs are made one-to-one, largest Dice overlap first. Exact match:
  the same set of words. P = matched / predicted, R = matched / gold;
- kind of an attribution (both sides, from its content text): direct when quotation marks
  cover all its words, partial when some, indirect when none. Per kind, recall counts gold
  attributions of that kind and precision predicted attributions of that kind;
- cue F1: cues matched one-to-one on character overlap (a cue may be a colon);
- source accuracy: among content-matched pairs, the predicted source is right when both
  have none, when the spans overlap, or when both end in the same capitalized word (the
  same name said twice: "Mr. Trump" / "Trump");
- attribution F1: content-matched pairs whose source is also right.
"""
from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvalError

_WORD = re.compile(r"[^\W_]+")
SPLITS = ("train", "dev", "test")
KINDS = ("direct", "partial", "indirect")


# ---------------------------------------------------------------- records and reading

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    content: Spans
    cue: Spans = ()
    source: Spans = ()


@dataclass
class Document:
    name: str  # the .ann file name
    text: str
    gold: list[Attribution] = field(default_factory=list)


def _offsets(field_text: str) -> Spans:
    out = []
    for piece in field_text.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return tuple(out)


def read_ann(path: Path) -> list[Attribution]:
    """The attributions of a brat .ann file (text-bound spans are read by offsets only;
    a span's text field may run over several lines, which are skipped)."""
    spans: dict[str, tuple[str, Spans]] = {}
    events = []
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        raise EvalError(f"{path}: cannot read ({exc})") from exc
    for line in lines:
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if re.fullmatch(r"T\d+", cols[0]):
            label, _, offs = cols[1].partition(" ")
            try:
                spans[cols[0]] = (label, _offsets(offs))
            except ValueError as exc:
                raise EvalError(f"{path}: bad span line {line!r}") from exc
        elif re.fullmatch(r"E\d+", cols[0]):
            events.append(dict(a.split(":", 1) for a in cols[1].split() if ":" in a))
    out = []
    for ev in events:
        def get(role):
            ref = ev.get(role)
            return spans[ref][1] if ref in spans else ()
        content = get("Content")
        if not content:
            continue
        out.append(Attribution(content=content, cue=get("Cue"), source=get("Source")))
    return out


def split_dirs(root: Path, split: str | None) -> list[Path]:
    if not root.exists():
        raise EvalError(f"PolNeAR folder not found: {root}")
    if (root / "text").is_dir() and (root / "attributions").is_dir():
        return [root]
    names = [split] if split else [s for s in SPLITS if (root / s).is_dir()]
    found = [root / s for s in names if (root / s / "text").is_dir()]
    if not found:
        raise EvalError(f"no PolNeAR split ({', '.join(names)}) with text/ and attributions/ "
                        f"under {root}")
    return found


def load_documents(root: Path, split: str | None = None, all_annotations: bool = False,
                   limit: int = 0) -> list[Document]:
    docs: list[Document] = []
    for d in split_dirs(root, split):
        anns = sorted((d / "attributions").glob("*.ann"))
        by_text: dict[str, list[Path]] = {}
        for ann in anns:
            stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
            by_text.setdefault(stem, []).append(ann)
        for stem in sorted(by_text):
            txt = d / "text" / f"{stem}.txt"
            if not txt.exists():
                continue
            text = txt.read_text(encoding="utf-8")
            for ann in by_text[stem] if all_annotations else by_text[stem][:1]:
                docs.append(Document(ann.name, text, read_ann(ann)))
            if limit and len(docs) >= limit:
                return docs[:limit]
    if not docs:
        raise EvalError(f"no PolNeAR article with annotations under {root}")
    return docs


# ---------------------------------------------------------------- scoring

def words(text: str, spans: Spans) -> frozenset[int]:
    """Start offsets of the words the spans overlap."""
    out = set()
    for a, b in spans:
        lo = a
        while lo > 0 and text[lo - 1].isalnum():
            lo -= 1
        for m in _WORD.finditer(text, lo, b):
            if m.end() > a:
                out.add(m.start())
    return frozenset(out)


def kind_of(text: str, spans: Spans) -> str:
    from ..quotes.extract import classify_kind
    return classify_kind(text, spans)


def _char_overlap(a: Spans, b: Spans) -> int:
    return sum(max(0, min(x[1], y[1]) - max(x[0], y[0])) for x in a for y in b)


def match_pairs(text: str, gold: list[Attribution], pred: list[Attribution]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs whose contents share a word,
    largest Dice overlap first."""
    gw = [words(text, g.content) for g in gold]
    pw = [words(text, p.content) for p in pred]
    scored = []
    for gi, g in enumerate(gw):
        for pi, p in enumerate(pw):
            common = len(g & p)
            if common:
                scored.append((2 * common / (len(g) + len(p)), -gi, -pi, gi, pi))
    scored.sort(reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for *_, gi, pi in scored:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def _match_cues(gold: list[Spans], pred: list[Spans]) -> int:
    scored = sorted(((_char_overlap(g, p), -gi, -pi, gi, pi)
                     for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                     if _char_overlap(g, p) > 0), reverse=True)
    used_g, used_p = set(), set()
    for *_, gi, pi in scored:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return len(used_g)


def _last_name(text: str, spans: Spans) -> str:
    found = [m.group() for a, b in spans for m in _WORD.finditer(text, a, b)]
    if not found or not found[-1][0].isupper():
        return ""
    return found[-1].lower()


def source_correct(text: str, gold: Spans, pred: Spans) -> bool:
    if not gold and not pred:
        return True
    if not gold or not pred:
        return False
    if _char_overlap(gold, pred) > 0:
        return True
    name = _last_name(text, gold)
    return bool(name) and name == _last_name(text, pred)


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    exact: int = 0
    cue_gold: int = 0
    cue_pred: int = 0
    cue_matched: int = 0
    source_right: int = 0
    by_kind: dict = field(default_factory=lambda: {k: [0, 0, 0, 0, 0] for k in KINDS})
    # per kind: gold, pred, matched gold of that kind, matched pred of that kind,
    # matched gold of that kind with the right source
    overlap_words: int = 0
    gold_words: int = 0
    pred_words: int = 0

    def add(self, other: "Counts") -> None:
        for name in ("gold", "pred", "matched", "exact", "cue_gold", "cue_pred", "cue_matched",
                     "source_right", "overlap_words", "gold_words", "pred_words"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for k in KINDS:
            self.by_kind[k] = [a + b for a, b in zip(self.by_kind[k], other.by_kind[k])]


def score_document(text: str, gold: list[Attribution], pred: list[Attribution]) -> Counts:
    c = Counts(gold=len(gold), pred=len(pred))
    pairs = match_pairs(text, gold, pred)
    c.matched = len(pairs)
    gk = [kind_of(text, g.content) for g in gold]
    pk = [kind_of(text, p.content) for p in pred]
    for k in gk:
        c.by_kind[k][0] += 1
    for k in pk:
        c.by_kind[k][1] += 1
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        gwords, pwords = words(text, g.content), words(text, p.content)
        c.exact += gwords == pwords
        c.overlap_words += len(gwords & pwords)
        right = source_correct(text, g.source, p.source)
        c.source_right += right
        c.by_kind[gk[gi]][4] += right
        c.by_kind[gk[gi]][2] += 1
        c.by_kind[pk[pi]][3] += 1
    c.gold_words = sum(len(words(text, g.content)) for g in gold)
    c.pred_words = sum(len(words(text, p.content)) for p in pred)
    gcues = [g.cue for g in gold if g.cue]
    pcues = [p.cue for p in pred if p.cue]
    c.cue_gold, c.cue_pred = len(gcues), len(pcues)
    c.cue_matched = _match_cues(gcues, pcues)
    return c


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summary(c: Counts) -> dict[str, float]:
    out = {}
    out["content_p"], out["content_r"], out["content_overlap_f1"] = _prf(c.matched, c.pred, c.matched, c.gold)
    out["content_exact_f1"] = _prf(c.exact, c.pred, c.exact, c.gold)[2]
    out["content_token_f1"] = _prf(c.overlap_words, c.pred_words, c.overlap_words, c.gold_words)[2]
    for k in KINDS:
        g, p, mg, mp, sr = c.by_kind[k]
        out[f"{k}_p"], out[f"{k}_r"], out[f"{k}_f1"] = _prf(mp, p, mg, g)
        out[f"{k}_source_accuracy"] = sr / mg if mg else 0.0
    out["cue_f1"] = _prf(c.cue_matched, c.cue_pred, c.cue_matched, c.cue_gold)[2]
    out["source_accuracy"] = c.source_right / c.matched if c.matched else 0.0
    out["attribution_f1"] = _prf(c.source_right, c.pred, c.source_right, c.gold)[2]
    return out


# ---------------------------------------------------------------- predicting

def _as_spans(span) -> Spans:
    return ((span.start, span.end),) if span is not None else ()


def predict_storyline(nlp, texts: list[str]) -> list[list[Attribution]]:
    from ..entities.mentions import extract_mentions
    from ..quotes.extract import extract_quotes
    from ..records import Article

    out = []
    for i, doc in enumerate(nlp.pipe(texts, batch_size=16)):
        art = Article(id=str(i), text=doc.text)
        quotes = extract_quotes(doc, art, extract_mentions(doc, art))
        out.append([Attribution(
            content=tuple((p.start, p.end) for p in q.content_parts) or _as_spans(q.content),
            cue=_as_spans(q.cue), source=_as_spans(q.source_span)) for q in quotes])
    return out


def predict_baseline(nlp, texts: list[str]) -> list[list[Attribution]]:
    """Quote marks + the nearest name: every double quotation is a direct quote whose
    source is the closest PERSON/ORG name (no cue)."""
    from ..quotes.marks import find_quote_spans

    out = []
    for doc in nlp.pipe(texts, batch_size=16):
        names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PERSON", "ORG")]
        attrs = []
        for q in find_quote_spans(doc.text):
            if q.kind != "double" or not _WORD.search(doc.text, q.start, q.end):
                continue
            near = min(names, key=lambda n: min(abs(n[0] - q.end), abs(q.start - n[1])),
                       default=None)
            attrs.append(Attribution(content=((q.start, q.end),), source=(near,) if near else ()))
        out.append(attrs)
    return out


def predict_textacy(nlp, texts: list[str]) -> list[list[Attribution]]:
    """textacy's direct-quotation extractor (speaker, cue, content), when installed."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        raise EvalError("--method textacy needs the textacy package importable") from exc

    def tokens(toks) -> Spans:
        toks = list(toks)
        if not toks:
            return ()
        return ((min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)),)

    def triples(doc, offset: int = 0) -> list[Attribution]:
        found = []
        for q in direct_quotations(doc):
            content = tokens(q.content)
            if content:
                shift = lambda sp: tuple((a + offset, b + offset) for a, b in sp)  # noqa: E731
                found.append(Attribution(content=shift(content), cue=shift(tokens(q.cue)),
                                         source=shift(tokens(q.speaker))))
        return found

    out = []
    for doc in nlp.pipe(texts, batch_size=16):
        try:
            attrs = triples(doc)
        except ValueError:
            # textacy refuses a text with an odd number of quotation marks: run it on each
            # paragraph instead (paragraphs that are still odd give nothing)
            attrs = []
            for m in re.finditer(r"[^\n]+", doc.text):
                try:
                    attrs += triples(nlp(m.group()), m.start())
                except ValueError:
                    pass
        out.append(attrs)
    return out


# ---------------------------------------------------------------- writing

def write_ann(path: Path, attributions: list[Attribution], text: str) -> None:
    lines = []
    n = 0

    def tline(label: str, spans: Spans) -> str:
        nonlocal n
        n += 1
        offs = ";".join(f"{a} {b}" for a, b in spans)
        words_ = " ".join(text[a:b] for a, b in spans).replace("\n", " ")
        lines.append(f"T{n}\t{label} {offs}\t{words_}")
        return f"T{n}"

    for e, a in enumerate(attributions, 1):
        roles = [f"Content:{tline('Content', a.content)}"]
        if a.cue:
            roles.append(f"Cue:{tline('Cue', a.cue)}")
        if a.source:
            roles.append(f"Source:{tline('Source', a.source)}")
        trigger = tline("Attribution", a.cue or a.content[:1])
        label = "Attribution" if a.source else "Attribution-no-source"
        lines.append(f"E{e}\t{label}:{trigger} " + " ".join(roles))
    path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")


# ---------------------------------------------------------------- command

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", help="PolNeAR data folder (train/ dev/ ... with text/ and "
                                    "attributions/) or one split folder")
    parser.add_argument("--out", help="write predicted .ann files here (same names as the gold)")
    parser.add_argument("--split", choices=SPLITS, help="score only this split")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N documents")
    parser.add_argument("--all-annotations", action="store_true",
                        help="score every annotator's file of a multiply annotated article")
    parser.add_argument("--method", choices=("storyline", "baseline", "textacy"),
                        default="storyline",
                        help="the quotes stage; the plain baseline (quote marks + nearest name); "
                             "or textacy's direct quotations (textacy must be importable)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the medium model)")


def run(args) -> int:
    from ..nlp.model import load_model

    docs = load_documents(Path(args.dir), args.split, args.all_annotations, args.limit)
    nlp = load_model(args.model)
    t0 = time.perf_counter()
    # articles annotated several times are analysed once
    texts = sorted({d.text for d in docs})
    predict = {"storyline": predict_storyline, "baseline": predict_baseline,
               "textacy": predict_textacy}[args.method]
    preds_by_text = dict(zip(texts, predict(nlp, texts)))
    elapsed = time.perf_counter() - t0
    total = Counts()
    out_dir = Path(args.out) if args.out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    for d in docs:
        pred = preds_by_text[d.text]
        total.add(score_document(d.text, d.gold, pred))
        if out_dir:
            write_ann(out_dir / d.name, pred, d.text)
    s = summary(total)
    print(f"PolNeAR: {len(docs)} annotated documents, {total.gold} gold / {total.pred} predicted "
          f"attributions ({args.method}, {elapsed:.1f} s, {elapsed / max(1, len(texts)):.2f} s/article)")
    print(f"content (token overlap)  P {s['content_p']:.3f}  R {s['content_r']:.3f}  "
          f"F1 {s['content_overlap_f1']:.3f}")
    for k in KINDS:
        g, p = total.by_kind[k][:2]
        print(f"  {k:9s} gold {g:5d} pred {p:5d}  P {s[k + '_p']:.3f}  R {s[k + '_r']:.3f}  "
              f"F1 {s[k + '_f1']:.3f}  source accuracy {s[k + '_source_accuracy']:.3f}")
    for key in ("content_overlap_f1", "content_exact_f1", "content_token_f1", "direct_f1",
                "partial_f1", "indirect_f1", "cue_f1", "source_accuracy", "direct_source_accuracy",
                "attribution_f1"):
        print(f"{key}: {s[key]:.4f}")
    return 0
