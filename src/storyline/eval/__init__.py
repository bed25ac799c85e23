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
}
