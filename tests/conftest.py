"""Shared fixtures. Tests run on real spaCy output; heavy resources are loaded once."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph import Document, build_graph
from graph.extract import extract_document
from graph.nlp import load_model, normalize

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ENTITY_GRAPH_SHARED", ROOT.parent / "shared"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def require(available: bool, reason: str) -> None:
    """Skip when a resource is missing on a user's machine; fail in CI, where it must be there."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"required in CI (CI=true): {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def extract(nlp):
    """Extract one text: ``extract("Donald Trump met ...")`` → DocExtraction."""

    def run(text: str, doc_id: str = "t"):
        return extract_document(Document(doc_id, text), nlp(normalize(text)))

    return run


@pytest.fixture(scope="session")
def graph_of(nlp):
    """Build the graph of one or more texts: ``graph_of("text", "text2")`` → MultiDiGraph."""

    def run(*texts: str):
        return build_graph([Document(f"doc{i}", t) for i, t in enumerate(texts)])

    return run


@pytest.fixture(scope="session")
def rule_graph_of(nlp):
    """The graph of texts with the hand-written rules' relations only (``relations/rules.py``),
    which the relation model reads as evidence: ``rule_graph_of("text")`` → MultiDiGraph."""
    import dataclasses

    from graph.extract import analyse_document
    from graph.extract.relations import rule_relations
    from graph.pipeline import Options, graph_from_extractions
    from graph.records import DEFAULT_TYPES

    def run(*texts: str):
        extractions = []
        for i, text in enumerate(texts):
            document = Document(f"doc{i}", text)
            doc = nlp(normalize(text))
            parsed = analyse_document(document, doc, frozenset(DEFAULT_TYPES))
            relations = rule_relations(doc, parsed.token_keys, parsed.sent_ids, parsed.pronoun_keys)
            sentences = {n: " ".join(text[a:b].split()) for n, (a, b) in enumerate(parsed.sent_bounds)}
            extractions.append(dataclasses.replace(extract_document(document, doc), relations=tuple(relations),
                                                   sentences=sentences))
        return graph_from_extractions(extractions, Options(min_confidence=0.0))

    return run


@pytest.fixture(scope="session")
def shared() -> Path:
    require(SHARED.is_dir(), f"../shared not found at {SHARED} (set ENTITY_GRAPH_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def chromium() -> str:
    require(Path(CHROMIUM).exists(), f"headless Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        require(False, "the playwright package is not installed (pip install -e .[test])")
    return CHROMIUM


def relation_pairs(graph, predicate: str | None = None) -> set[tuple[str, str]]:
    return {
        (u, v)
        for u, v, d in graph.edges(data=True)
        if d["kind"] == "relation" and (predicate is None or d["predicate"] == predicate)
    }
