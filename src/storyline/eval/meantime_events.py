"""Event figures for ``storyline eval meantime``: event mention detection and
cross-document event coreference on NewsReader MEANTIME.

Called by :mod:`storyline.eval.meantime` as ``evaluate(root, out, nlp)``, which
yields printable lines (a block per corpus, then summary lines).

Gold: token-anchored ``EVENT_MENTION`` markables; the cluster of a mention is
the ``instance_id`` of the EVENT its ``REFERS_TO`` relation points at (the
cross-document instance), else that EVENT's ``m_id`` within the document (an
in-document chain), else the mention alone (a singleton). Mention key:
(document, token ids).

Scored sentences: MEANTIME annotates the first sentences of each article, so
predicted mentions count only in sentences holding at least one gold markable.

System: the same as for ECB+ — every document through the per-article stage
(its CREATION_TIME as the article date) and the event extractor with
``scope="all"``; documents grouped by ``events.coref.group_documents``;
mentions clustered by ``events.coref.cluster_mentions`` (lemma keys inside a
group; lemmas peripheral to a group only inside a tighter subgroup). Baselines printed beside: all singletons and same head lemma across
the corpus. MEANTIME has few cross-document event chains; these figures are
reported, not tuned to.
"""
from __future__ import annotations

import json
from pathlib import Path

from .cat import read_cat_dir
from .coref_metrics import mention_key, score_clusters, singletons


def gold_events(doc) -> dict:
    """mention key -> cluster id for one CAT document."""
    refers = {}
    for rel in doc.relations:
        if rel.tag != "REFERS_TO":
            continue
        for t in rel.targets:
            tgt = doc.markables.get(t)
            if tgt is not None and tgt.tag == "EVENT":
                cid = tgt.attrs.get("instance_id") or f"{doc.doc_id}#{t}"
                for s in rel.sources:
                    refers[s] = cid
    gold = {}
    for m in doc.mentions("EVENT_MENTION"):
        key = (doc.doc_id, tuple(m.t_ids))
        if key not in gold:
            gold[key] = refers.get(m.m_id, ("singleton",) + key)
    return gold


def _annotated_sentences(doc) -> set[int]:
    sent = {t.t_id: t.sentence for t in doc.tokens}
    return {sent[m.t_ids[0]] for m in doc.markables.values() if m.anchored and m.t_ids[0] in sent}


def evaluate_corpus(docs, nlp) -> dict:
    from ..events import lexicon
    from ..events.coref import (SUBGROUP_THRESHOLD, MentionItem, analysis_bag, cluster_mentions,
                                 group_documents, lemma_keys)
    from ..pipeline import analyse_doc
    from ..records import Article

    gold = {}
    for d in docs:
        gold.update(gold_events(d))
    reporting = lexicon.reporting_verbs()
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=16))
    bags, g_keys, g_items, p_keys, p_items, lemma_of = [], [], [], [], [], {}
    token_key = {(k[0], t): k for k in gold for t in k[1]}
    for d, sdoc in zip(docs, parsed):
        art = Article(id=d.doc_id, text=d.text, title=d.name, published=d.dct(), url=d.url)
        an = analyse_doc(sdoc, art, event_scope="all")
        evs = an.events
        bags.append(analysis_bag(an))
        for key in (k for k in gold if k[0] == d.doc_id):
            start, end = d.token_span(key[1])
            span = sdoc.char_span(start, end, alignment_mode="expand")
            head = span.root if span is not None and len(span) else None
            lemma = head.lemma_.lower() if head is not None else d.text[start:end].lower()
            lemma_of[key] = lemma
            g_keys.append(key)
            g_items.append(MentionItem(doc=d.doc_id, keys=lemma_keys(lemma, head.text if head else ""),
                                       reporting=lemma in reporting))
        sentences = _annotated_sentences(d)
        sent = {t.t_id: t.sentence for t in d.tokens}
        seen = set()
        for e in evs:
            t_ids = d.token_index(e.start, e.end)
            if not t_ids or sent.get(t_ids[0]) not in sentences:
                continue
            key = mention_key(d.doc_id, t_ids, token_key)
            if key in seen:
                continue
            seen.add(key)
            p_keys.append(key)
            p_items.append(MentionItem(doc=d.doc_id, keys=lemma_keys(e.lemma, e.trigger),
                                       reporting=e.lemma in reporting))
    ids = [d.doc_id for d in docs]
    groups = dict(zip(ids, group_documents(bags)))
    subgroups = dict(zip(ids, group_documents(bags, SUBGROUP_THRESHOLD)))
    g_labels = cluster_mentions(g_items, groups, subgroups=subgroups)
    p_labels = cluster_mentions(p_items, groups, subgroups=subgroups)
    hits = sum(1 for k in p_keys if k in gold)
    p = hits / len(p_keys) if p_keys else 0.0
    r = hits / len(gold) if gold else 0.0
    chains = sum(1 for c in set(gold.values())
                 if len({k[0] for k, v in gold.items() if v == c}) > 1)
    return {
        "gold": gold, "g_keys": g_keys, "g_labels": g_labels, "p_keys": p_keys, "p_labels": p_labels,
        "detect": (p, r, 2 * p * r / (p + r) if p + r else 0.0),
        "coref_gold": score_clusters(gold, dict(zip(g_keys, g_labels))),
        "coref_pred": score_clusters(gold, dict(zip(p_keys, p_labels))),
        "same_lemma": score_clusters(gold, {k: lemma_of[k] for k in g_keys}),
        "singletons": score_clusters(gold, singletons(gold)),
        "cross_doc_chains": chains, "groups": len(set(groups.values())),
    }


def evaluate(root, out, nlp):
    from .meantime import find_corpora

    summary: dict[str, list[float]] = {}
    for name, folder in find_corpora(Path(root)).items():
        docs = read_cat_dir(folder)
        res = evaluate_corpus(docs, nlp)
        p, r, f = res["detect"]
        short = name.replace("corpus_", "")
        yield (f"{name} events: {len(res['gold'])} gold event mentions, "
               f"{len(set(res['gold'].values()))} clusters, {res['cross_doc_chains']} crossing documents; "
               f"{res['groups']} document groups")
        yield f"  event mention detection  P {100 * p:6.2f}  R {100 * r:6.2f}  F1 {100 * f:6.2f}"
        for label, key in (("gold mentions", "coref_gold"), ("predicted mentions", "coref_pred"),
                           ("baseline same lemma (gold mentions)", "same_lemma"),
                           ("baseline all singletons", "singletons")):
            s = res[key]
            yield (f"  event coreference, {label}: MUC {100 * s['muc'][2]:.2f}  B3 {100 * s['b3'][2]:.2f}  "
                   f"CEAF-e {100 * s['ceafe'][2]:.2f}  CoNLL {100 * s['conll']:.2f}")
        summary.setdefault(f"{short}_event_mention_f1", []).append(f)
        summary.setdefault(f"{short}_event_conll_f1_gold_mentions", []).append(res["coref_gold"]["conll"])
        summary.setdefault(f"{short}_event_conll_f1_predicted_mentions", []).append(res["coref_pred"]["conll"])
        if out:
            out.mkdir(parents=True, exist_ok=True)
            for run, keys, labels in (("gold", res["g_keys"], res["g_labels"]),
                                      ("predicted", res["p_keys"], res["p_labels"])):
                rows = [{"doc": k[0], "token_ids": list(k[1]), "cluster": int(c)} for k, c in zip(keys, labels)]
                (out / f"{short}_events_{run}_mentions.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    for key, values in summary.items():
        yield f"{key}: {sum(values) / len(values):.4f}"
