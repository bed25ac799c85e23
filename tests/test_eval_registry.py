"""Every evaluation named by ``storyline eval`` exposes the two functions the CLI calls."""
import importlib

import pytest

from storyline.eval import CORPORA, run_eval


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_each_evaluation_adds_arguments_and_runs(name):
    module = importlib.import_module(CORPORA[name])
    assert callable(module.add_arguments) and callable(module.run)


def test_unknown_evaluation_is_named_in_the_error():
    with pytest.raises(KeyError, match="unknown evaluation 'tempevl'"):
        run_eval("tempevl", ["somewhere"])


def test_run_eval_parses_like_the_cli(tmp_path):
    from storyline.errors import EvalError
    with pytest.raises(EvalError):  # the chronology command on a folder with no topics
        run_eval("chronology", [str(tmp_path)])
    with pytest.raises(SystemExit):  # argparse rejects an unknown option
        run_eval("chronology", [str(tmp_path), "--no-such-option"])
