"""Evaluation commands: ``storyline eval NAME DIR [--out PRED_DIR]``.

Each corpus has a module here exposing ``add_arguments(parser)`` and
``run(args) -> int``; the CLI discovers them by name (see ``CORPORA``).
Scorers are written from the metric definitions and tested on hand-made cases.
"""
CORPORA = {
    "tempeval": "storyline.eval.tempeval",
    "polnear": "storyline.eval.polnear",
    "meantime": "storyline.eval.meantime",
    "ecbplus": "storyline.eval.ecbplus",
    "timeline17": "storyline.eval.timeline17",
    "chronology": "storyline.eval.chronology",
    "chronology_train": "storyline.eval.chronology_train",
    "semeval2015": "storyline.eval.semeval2015",
}


def run_eval(name: str, argv: list[str]) -> int:
    """``storyline eval NAME ARGV...`` without the CLI: the exit code of the corpus's command."""
    import argparse
    import importlib

    if name not in CORPORA:
        raise KeyError(f"unknown evaluation {name!r}; known: {', '.join(sorted(CORPORA))}")
    module = importlib.import_module(CORPORA[name])
    parser = argparse.ArgumentParser(prog=f"storyline eval {name}")
    module.add_arguments(parser)
    return module.run(parser.parse_args(argv))
