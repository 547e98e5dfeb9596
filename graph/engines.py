"""Where parsing and extraction run: this process, a pool of worker processes, or Dask.

Every engine runs the same pure function, ``extract_batch``, on batches of documents and yields
the batches' ``DocExtraction``s in input order. Parsing and extraction both happen inside the
worker, so only small records cross process boundaries (``nlp.pipe(n_process=...)`` would ship
whole ``Doc``s back and leave the rules to one core). Each worker process loads the model once.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial
from itertools import chain, islice

from .records import DocExtraction, Document

# graph.extract and graph.nlp import spaCy: they are imported where a document is parsed, so a
# build whose documents all come from the cache never imports it.

DOCS_PER_TASK = 16
PIPE_BATCH_SIZE = 32
PADDED_CHARS = 60_000
IN_FLIGHT_PER_PROCESS = 4


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


def split_text(text: str, limit: int) -> list[tuple[int, str]]:
    """(offset, part) pieces of at most ``limit`` characters, cut after a blank line if possible,
    else after a sentence end, else at a space: nothing is dropped."""
    parts = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), 0)
        if cut < limit // 2:
            cut = max(window.rfind(". "), window.rfind("\n"), 0)
        if cut < limit // 2:
            cut = max(window.rfind(" "), 0)
        cut = cut + 1 if cut else limit
        parts.append((start, text[start : start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def _extract_long(nlp, document: Document, wanted: frozenset[str], pronouns: bool) -> DocExtraction:
    """A document over the model's ``max_length``: parsed in parts, one extraction for all."""
    from .extract import extract_document
    from .nlp import normalize

    entities, mentions, relations, cooccurrences, sentences = [], [], [], [], {}
    keys = sent_ids = 0
    for offset, part in split_text(document.text, nlp.max_length):
        x = extract_document(Document(document.id, part, document.date), nlp(normalize(part)), wanted, pronouns)
        entities += [replace(e, key=e.key + keys) for e in x.entities]
        mentions += [replace(m, key=m.key + keys, sent_id=m.sent_id + sent_ids, start_char=m.start_char + offset,
                             end_char=m.end_char + offset) for m in x.mentions]
        relations += [replace(r, sent_id=r.sent_id + sent_ids, source_key=r.source_key + keys,
                              target_key=r.target_key + keys) for r in x.relations]
        cooccurrences += [replace(c, sent_id=c.sent_id + sent_ids, a_key=c.a_key + keys, b_key=c.b_key + keys)
                          for c in x.cooccurrences]
        sentences.update({sent_id + sent_ids: text for sent_id, text in x.sentences.items()})
        keys += len(x.entities)
        sent_ids += x.sentence_count
    return DocExtraction(document.id, document.date, tuple(entities), tuple(mentions), tuple(relations),
                         tuple(cooccurrences), sentences, sent_ids)


def extract_batch(
    documents: list[Document], model: str | None, types: tuple[str, ...], pronouns: bool = True
) -> list[DocExtraction]:
    """Parse and extract a batch of documents (the unit of work every engine ships)."""
    from .extract import extract_document
    from .nlp import load_model, normalize

    nlp = load_model(model)
    wanted = frozenset(types)
    out = []
    for group in _padded_groups(documents):
        if len(group) == 1 and len(group[0].text) > nlp.max_length:
            out.append(_extract_long(nlp, group[0], wanted, pronouns))
            continue
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
    from .nlp import load_model

    load_model(model)  # forked workers inherit the loaded pipeline instead of loading their own
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # Pool.imap reads its input as fast as it can; the semaphore keeps only a few batches of
    # documents in memory at once, so memory does not grow with the corpus.
    in_flight = threading.Semaphore(IN_FLIGHT_PER_PROCESS * processes)

    def bounded() -> Iterator[list[Document]]:
        for batch in batches(documents):
            in_flight.acquire()
            yield batch

    with context.Pool(processes, initializer=_worker_start, initargs=(model,)) as pool:
        for result in pool.imap(work, bounded(), chunksize=1):
            in_flight.release()
            yield result


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
        for batch in batches(documents):
            pending.append(client.submit(extract_batch, batch, model, types, pronouns, pure=False))
            if len(pending) >= in_flight_limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
