"""The whole flow, ingest → nlp → extract → resolve → assemble → analyze → export.

``build`` is what the command line runs; ``build_graph`` is the Python API for documents
already in memory. Extraction streams: documents are read lazily, looked up in the cache,
the rest parsed by an engine in batches, and every finished batch is stored in the cache at once,
so an interrupted run loses at most the batches in flight.
"""
from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from . import __version__
from .aliases import UserAliases
from .analyze import analyze
from .assemble import assemble
from .cache import ExtractionCache
from .engines import batches, default_processes, run_dask, run_local
from .errors import OutputError, UsageError
from .export import DEFAULT_FORMATS, write_outputs
from .ingest import Fields, Notice, Skipped, check_inputs, content_hash, iter_documents
from .models import describe_model
from .records import DEFAULT_TYPES, DocExtraction, Document
from .resolve import drop_rejected, resolve, wrong_relation_keys

LOOKUP_CHUNK = 256  # documents looked up in the cache at a time


@dataclass
class Options:
    """How to build: model, entity types, engine, cache and graph options."""

    model: str | None = None
    types: tuple[str, ...] = DEFAULT_TYPES
    title: str | None = None
    aliases: UserAliases | None = None
    min_npmi: float | None = None
    min_weight: int = 1
    min_confidence: float | None = None  # relation edges below it are left out; None: the model's threshold
    processes: int = 1
    engine: str = "local"  # local | dask
    scheduler: str | None = None
    cache: Path | None = None  # None: no cache
    pronouns: bool = True  # relations through "he" and "she" (see graph.extract.pronouns)
    fields: Fields = field(default_factory=Fields)


@dataclass
class Stats:
    documents: int = 0
    from_cache: int = 0
    parsed: int = 0
    words: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    seconds: float = 0.0


ProgressCallback = Callable[[int, int], None]  # (documents done, words done)


def _engine(documents: Iterable[Document], options: Options) -> Iterator[list[DocExtraction]]:
    if options.engine == "dask":
        return run_dask(documents, options.model, options.types, options.scheduler, options.processes, options.pronouns)
    return run_local(documents, options.model, options.types, options.processes, options.pronouns)


def extract_corpus(
    items: Iterable[Document | Skipped | Notice], options: Options, progress: ProgressCallback | None = None
) -> tuple[list[DocExtraction], Stats]:
    """Extractions of every document, in input order, from the cache or an engine."""
    stats = Stats()
    started = time.perf_counter()
    info = describe_model(options.model)
    settings = f"types={','.join(sorted(options.types))}|pronouns={options.pronouns}"
    cache = ExtractionCache(options.cache, info.name, info.version, settings) if options.cache else None
    order: list[str] = []
    results: dict[str, DocExtraction] = {}
    hashes: dict[str, str] = {}
    words: dict[str, int] = {}
    labels: dict[str, tuple[str | None, str | None]] = {}  # headline and link, not part of the cached record

    def to_parse() -> Iterator[Document]:
        """Documents the cache does not have; the engine pulls them lazily."""
        for chunk in batches(items, LOOKUP_CHUNK):
            documents = [d for d in chunk if isinstance(d, Document)]
            stats.skipped += [s for s in chunk if isinstance(s, Skipped)]
            stats.notices += [n for n in chunk if isinstance(n, Notice)]
            chunk_hashes = {d.id: content_hash(d.text) for d in documents}
            cached = cache.get_many((d, chunk_hashes[d.id]) for d in documents) if cache else {}
            for document in documents:
                order.append(document.id)
                if document.title or document.url:
                    labels[document.id] = (document.title, document.url)
                if document.id in cached:
                    results[document.id] = cached[document.id]
                    stats.from_cache += 1
                else:
                    hashes[document.id] = chunk_hashes[document.id]
                    words[document.id] = len(document.text.split())
                    yield document

    try:
        for batch in _engine(to_parse(), options):
            if cache:
                cache.put_many((hashes[x.doc_id], x) for x in batch)
            for extraction in batch:
                results[extraction.doc_id] = extraction
                stats.words += words.pop(extraction.doc_id, 0)
                hashes.pop(extraction.doc_id, None)
            stats.parsed += len(batch)
            if progress:
                progress(stats.parsed + stats.from_cache, stats.words)
    finally:
        if cache:
            cache.close()
    stats.documents = len(order)
    stats.seconds = time.perf_counter() - started
    return [
        dataclasses.replace(results[doc_id], title=labels[doc_id][0], url=labels[doc_id][1]) if doc_id in labels
        else results[doc_id]
        for doc_id in order
    ], stats


def graph_from_extractions(extractions: list[DocExtraction], options: Options,
                           notices: list[Notice] | None = None) -> nx.MultiDiGraph:
    """Resolve, assemble and analyse; the graph's metadata comes from the data, not the clock.
    Wrong relations of the alias file that match no relation are added to ``notices``."""
    info = describe_model(options.model)
    dates = sorted(x.date for x in extractions if x.date)
    n = len(extractions)
    metadata = {
        "title": options.title or (Path(extractions[0].doc_id).stem if n == 1 else f"{n} documents"),
        "documents": n,
        "types": ",".join(options.types),
        "model": info.name,
        "model_version": info.version,
        "spacy_version": info.spacy_version,
        "networkx_version": nx.__version__,  # communities and layout depend on it
        "entity_graph_version": __version__,
    }
    if dates:
        metadata["date"] = dates[-1] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"
        metadata["dated_documents"] = len(dates)
    min_confidence = options.min_confidence
    if min_confidence is None:
        from .extract.relations.classifier import load_model

        min_confidence = load_model().threshold
    metadata["min_confidence"] = min_confidence
    extractions = drop_rejected(extractions, options.aliases)
    resolved = resolve(extractions, options.aliases)
    wrong, unknown = wrong_relation_keys(resolved, options.aliases)
    found: set[tuple[str, str, str]] = set()
    graph = assemble(extractions, resolved, metadata, min_confidence=min_confidence, wrong_relations=wrong, found_wrong=found)
    if notices is not None:
        # a wrong relation that removes nothing is worth a line: a typo, or a file from another corpus
        missing = [f"{w.agent} -{w.predicate}-> {w.patient}" for w in unknown]
        missing += [f"{a} -{k}-> {b}" for a, k, b in sorted(wrong - found)]
        for relation in missing:
            notices.append(Notice("--aliases", f"wrong relation {relation}: no such relation in this build"))
    # --processes 1 means one core: no second process for the layout either
    return analyze(graph, min_npmi=options.min_npmi, min_weight=options.min_weight, parallel=options.processes > 1)


def build_graph(
    documents: Iterable[Document],
    model: str | None = None,
    types: Iterable[str] = DEFAULT_TYPES,
    title: str | None = None,
    aliases: UserAliases | None = None,
    min_npmi: float | None = None,
    min_weight: int = 1,
    pronouns: bool = True,
    min_confidence: float | None = None,
) -> nx.MultiDiGraph:
    """The entity graph of ``documents`` (see README for node and edge attributes)."""
    options = Options(model=model, types=tuple(types), title=title, aliases=aliases, min_npmi=min_npmi,
                      min_weight=min_weight, pronouns=pronouns, min_confidence=min_confidence)
    extractions, _ = extract_corpus(documents, options)
    if not extractions:
        raise UsageError("no documents to build a graph from")
    return graph_from_extractions(extractions, options)


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    written: list[Path]
    stats: Stats

    @property
    def documents(self) -> int:
        return self.stats.documents

    @property
    def skipped(self) -> list[Skipped]:
        return self.stats.skipped


def build(
    inputs: list[str],
    out_dir: Path,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    options: Options | None = None,
    html_options: dict | None = None,
    progress: ProgressCallback | None = None,
) -> BuildResult:
    """Read ``inputs``, build the graph and write ``formats`` into ``out_dir``."""
    options = options or Options(processes=default_processes())
    check_inputs(inputs)  # a missing path is a usage error before any work
    describe_model(options.model)  # so is a missing model
    extractions, stats = extract_corpus(iter_documents(inputs, options.fields), options, progress)
    if not extractions:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in stats.skipped[:5]) or "no inputs"
        raise UsageError(f"no documents to build a graph from ({reasons})")
    graph = graph_from_extractions(extractions, options, stats.notices)
    try:
        # --processes 1 means one core: no second process for the writers either
        written = write_outputs(graph, out_dir, formats, html_options, parallel=None if options.processes > 1 else False)
    except OSError as exc:
        raise OutputError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    return BuildResult(graph, written, stats)


def estimate_documents(inputs: list[str]) -> int | None:
    """How many documents the inputs will give, cheaply (line counts for JSON Lines and CSV)."""
    total = 0
    for item in check_inputs(inputs):
        if isinstance(item, Skipped):
            continue
        if isinstance(item, str):
            if item == "-":
                return None
            continue
        suffix = item.suffix.lower()
        if suffix in (".jsonl", ".ndjson", ".csv"):
            with item.open("rb") as handle:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
        else:
            total += 1
    return total
