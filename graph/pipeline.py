"""The whole flow, ingest → nlp → extract → resolve → assemble → export, for the CLI and the API."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from . import __version__
from .aliases import UserAliases
from .assemble import assemble
from .export import DEFAULT_FORMATS, write_outputs
from .extract import DEFAULT_TYPES, extract_document
from .ingest import Skipped, read_documents
from .errors import UsageError
from .nlp import load_model, model_info, normalize
from .records import DocExtraction, Document
from .resolve import resolve

BATCH_SIZE = 32


def extract_all(documents: Iterable[Document], model: str | None = None, types=DEFAULT_TYPES) -> Iterator[DocExtraction]:
    """Parse and extract each document, streaming through ``nlp.pipe``."""
    nlp = load_model(model)
    wanted = frozenset(types)
    texts = ((normalize(d.text), d) for d in documents)
    for doc, document in nlp.pipe(texts, as_tuples=True, batch_size=BATCH_SIZE):
        yield extract_document(document, doc, wanted)


def build_graph(
    documents: Iterable[Document],
    model: str | None = None,
    types: Iterable[str] = DEFAULT_TYPES,
    title: str | None = None,
    aliases: UserAliases | None = None,
) -> nx.MultiDiGraph:
    """The entity graph of ``documents`` (see README for node and edge attributes)."""
    documents = list(documents)
    types = tuple(types)
    extractions = list(extract_all(documents, model, types))
    info = model_info(load_model(model))
    dates = sorted(d.date for d in documents if d.date)
    metadata = {
        "title": title or (Path(documents[0].id).stem if len(documents) == 1 else f"{len(documents)} documents"),
        "documents": len(documents),
        "types": ",".join(types),
        "model": info.name,
        "model_version": info.version,
        "spacy_version": info.spacy_version,
        "entity_graph_version": __version__,
    }
    if dates:
        metadata["date"] = dates[-1]
    return assemble(extractions, resolve(extractions, aliases), metadata)


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    written: list[Path]
    documents: int
    skipped: list[Skipped] = field(default_factory=list)


def build(
    inputs: list[str],
    out_dir: Path,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    model: str | None = None,
    types: Iterable[str] = DEFAULT_TYPES,
    title: str | None = None,
    aliases: UserAliases | None = None,
) -> BuildResult:
    """Read ``inputs``, build the graph and write ``formats`` into ``out_dir``."""
    load_model(model)  # fail on a missing model before reading anything
    documents, skipped = read_documents(inputs)
    if not documents:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped) or "no inputs"
        raise UsageError(f"no documents to build a graph from ({reasons})")
    graph = build_graph(documents, model, types, title, aliases)
    written = write_outputs(graph, out_dir, formats)
    return BuildResult(graph, written, len(documents), skipped)
