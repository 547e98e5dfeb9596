"""Where parsing and extraction run: this process, a pool of worker processes, or Dask.

Every engine runs the same pure function, ``extract_batch``, on batches of documents and yields
the batches' ``DocExtraction``s in input order. Parsing and extraction both happen inside the
worker, so only small records cross process boundaries (``nlp.pipe(n_process=...)`` would ship
whole ``Doc``s back and leave the rules to one core). Each worker process loads the model once.

A document over ``graph.nlp.LONG_CHARS`` is the exception: its parts are the tasks
(``extract_long``), so that one long text keeps every worker busy. Locally, workers that keep
their parts' parses run the rounds of ``graph.extract.extract_parts`` (``graph.part_servers``);
on Dask, the workers send back each part's parse as bytes, and each round's task takes them.
"""
from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import chain, islice

from typing import TYPE_CHECKING

from .records import DocExtraction, Document

if TYPE_CHECKING:
    from .extract.spans import SpanContext

# graph.extract and graph.nlp import spaCy: they are imported where a document is parsed, so a
# build whose documents all come from the cache never imports it.

DOCS_PER_TASK = 16
PIPE_BATCH_SIZE = 32
PADDED_CHARS = 60_000
IN_FLIGHT_PER_PROCESS = 4
# A text that reaches every word list, the gazetteer and the relation model (see run_local).
WARM_UP = ("President Ana Silva of Portugal met Mr. Olaf Brandt, the German Chancellor, in Lisbon. "
           "He said that the European Union (EU) and NATO would send aid to Ukraine.")


def _padded_groups(documents: list[Document], budget: int = PADDED_CHARS) -> Iterator[list[Document]]:
    """Consecutive groups whose padded size (longest text × count) stays within ``budget``.

    The model pads every text of a batch to the longest one, so a 100,000-character interview
    in a batch of 32 news items costs the memory of 32 interviews.
    """
    group: list[Document] = []
    longest = 0
    for document in documents:
        size = len(document.text)
        if group and (max(longest, size) * (len(group) + 1) > budget or len(group) >= PIPE_BATCH_SIZE):
            yield group
            group, longest = [], 0
        group.append(document)
        longest = max(longest, size)
    if group:
        yield group


def _parse_part(model: str | None, text: str, types: frozenset[str]) -> tuple[bytes, SpanContext]:
    """Round 0 of a long document's part, in a worker: its parse, shipped as bytes, and what span
    repair reads from it."""
    from .extract import span_context
    from .nlp import load_model, normalize

    doc = load_model(model)(normalize(text))
    return doc.to_bytes(exclude=["tensor", "user_data"]), span_context(doc)


def _on_part(model: str | None, data: bytes, step: Callable, args: tuple) -> object:
    """Rounds 2 and 3 of a part, in any worker: the parse from its bytes (a few percent of parsing it)."""
    from spacy.tokens import Doc

    from .nlp import load_model

    return step(Doc(load_model(model).vocab).from_bytes(data, exclude=["tensor", "user_data"]), *args)


StarMap = Callable[[Callable, list[tuple]], list]  # Pool.starmap: fn(*args) for each args, in order


def extract_long(document: Document, model: str | None, types: frozenset[str], pronouns: bool = True,
                 starmap: StarMap | None = None, processes: int = 1) -> DocExtraction:
    """A document over ``LONG_CHARS``: parsed in parts, by ``starmap``'s workers if given, else by
    ``processes`` forked workers (``PartServers``) or here; one extraction of all of them
    (``graph.extract.extract_parts``), the same either way."""
    from .extract import extract_parts, in_process
    from .nlp import PART_CHARS, load_model, normalize, split_text

    nlp = load_model(model)
    parts = split_text(document.text, min(PART_CHARS, nlp.max_length))
    offsets = [offset for offset, _ in parts]
    if starmap is None and processes > 1 and len(parts) > 1 and "fork" in multiprocessing.get_all_start_methods():
        from .part_servers import PartServers

        with PartServers(model, [part for _, part in parts], processes) as servers:
            return extract_parts(document, offsets, servers.map, types, pronouns, servers.contexts)
    if starmap is None:
        docs = list(nlp.pipe((normalize(part) for _, part in parts), batch_size=1))
        return extract_parts(document, offsets, in_process(docs), types, pronouns)
    parsed = starmap(_parse_part, [(model, part, types) for _, part in parts])
    data = [d for d, _ in parsed]

    def map_parts(step: Callable, args: list[tuple]) -> list:
        return starmap(_on_part, [(model, d, step, a) for d, a in zip(data, args)])

    return extract_parts(document, offsets, map_parts, types, pronouns, [c for _, c in parsed])


def extract_batch(
    documents: list[Document], model: str | None, types: tuple[str, ...], pronouns: bool = True
) -> list[DocExtraction]:
    """Parse and extract a batch of documents (the unit of work every engine ships)."""
    from .extract import extract_document
    from .nlp import LONG_CHARS, load_model, normalize

    nlp = load_model(model)
    wanted = frozenset(types)
    out = []
    for unit in _units(documents, min(LONG_CHARS, nlp.max_length)):
        if isinstance(unit, Document):
            out.append(extract_long(unit, model, wanted, pronouns))
            continue
        for group in _padded_groups(unit):
            texts = ((normalize(d.text), d) for d in group)
            parsed = nlp.pipe(texts, as_tuples=True, batch_size=len(group))
            out += [extract_document(d, doc, wanted, pronouns) for doc, d in parsed]
    return out


def batches(documents: Iterable[Document], size: int = DOCS_PER_TASK) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def default_processes() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _worker_start(model: str | None) -> None:
    # The parent handles Ctrl-C and SIGTERM and stops the pool; a worker just ends, quietly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from .nlp import load_model

    load_model(model)


def run_local(
    documents: Iterable[Document], model: str | None, types: tuple[str, ...], processes: int, pronouns: bool = True
) -> Iterator[list[DocExtraction]]:
    """Extraction batches in input order, in this process or in ``processes`` workers."""
    work = partial(extract_batch, model=model, types=types, pronouns=pronouns)
    documents = iter(documents)
    first = next(documents, None)
    if first is None:  # everything came from the cache: no model, no pool
        return
    documents = chain([first], documents)
    if processes <= 1:
        for batch in batches(documents):
            yield work(batch)
        return
    from .extract import extract_document
    from .nlp import LONG_CHARS, load_model, normalize

    nlp = load_model(model)
    limit = min(LONG_CHARS, nlp.max_length)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    fork = context.get_start_method() == "fork"
    if fork:
        # Forked workers inherit the loaded pipeline, word lists and relation model instead of each
        # loading its own (so the first document reaches every one of them here first).
        extract_document(Document("warm-up", WARM_UP), nlp(normalize(WARM_UP)), frozenset(types), pronouns)

    def start_pool() -> multiprocessing.pool.Pool:
        # frozen objects are never visited by a worker's garbage collector, which would otherwise
        # copy every page of them into the worker
        if fork:
            gc.freeze()
        try:
            return context.Pool(processes, initializer=_worker_start, initargs=(model,))
        finally:
            gc.unfreeze()

    pool = None
    try:
        # Only a few batches are in flight, so memory does not grow with the corpus.
        pending: deque = deque()
        for unit in _units(documents, limit):
            if isinstance(unit, Document):  # a long document: its parts are the tasks
                while pending:
                    yield pending.popleft().get()
                if fork:
                    # workers of its own that keep the parts' parses, forked from this process
                    # once the pool and its threads are gone (a later batch starts a new pool)
                    if pool is not None:
                        pool.close()
                        pool.join()
                        pool = None
                    yield [extract_long(unit, model, frozenset(types), pronouns, processes=processes)]
                else:
                    pool = pool or start_pool()
                    yield [extract_long(unit, model, frozenset(types), pronouns, partial(pool.starmap, chunksize=1))]
                continue
            pool = pool or start_pool()
            pending.append(pool.apply_async(work, (unit,)))
            if len(pending) >= IN_FLIGHT_PER_PROCESS * processes:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
    finally:
        if pool is not None:
            pool.terminate()


def _units(documents: Iterable[Document], limit: int) -> Iterator[list[Document] | Document]:
    """Batches of documents in input order, and each document over ``limit`` characters on its own."""
    batch: list[Document] = []
    for document in documents:
        if len(document.text) > limit:
            if batch:
                yield batch
                batch = []
            yield document
            continue
        batch.append(document)
        if len(batch) >= DOCS_PER_TASK:
            yield batch
            batch = []
    if batch:
        yield batch


def run_dask(
    documents: Iterable[Document],
    model: str | None,
    types: tuple[str, ...],
    scheduler: str | None,
    processes: int,
    pronouns: bool = True,
) -> Iterator[list[DocExtraction]]:
    """The same batches on a Dask cluster (a LocalCluster of ``processes`` workers when no
    scheduler address is given), with a bounded number of batches in flight."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=processes, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        in_flight_limit = 4 * max(1, len(client.scheduler_info().get("workers", {})) or processes)
        pending: deque = deque()

        def starmap(step: Callable, args: list[tuple]) -> list:
            return client.gather([client.submit(step, *a, pure=False) for a in args])

        from .nlp import LONG_CHARS

        for unit in _units(documents, LONG_CHARS):
            if isinstance(unit, Document):  # a long document: its parts are the tasks
                while pending:
                    yield pending.popleft().result()
                yield [extract_long(unit, model, frozenset(types), pronouns, starmap)]
                continue
            pending.append(client.submit(extract_batch, unit, model, types, pronouns, pure=False))
            if len(pending) >= in_flight_limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
