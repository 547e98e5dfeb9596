"""Worker processes that parse a long document's parts and keep the parses for every round.

``graph.extract.extract_parts`` runs three rounds over a long text's parts after the parse, each
on every part's ``Doc``. Through a pool, whichever worker takes a part's task needs its parse, so
the parse went back and forth as bytes: ``Doc.to_bytes`` once and ``Doc.from_bytes`` in every
round, about a tenth of parsing the part again, on the workers' time. Here each of ``processes``
forked workers parses a fixed share of the parts (every ``processes``-th one, as
``nlp.pipe(n_process=...)`` shares them out) and runs each round on the parses it holds, so only a
round's arguments and results cross between processes.

The workers are forked from a process with no other threads (``run_local`` closes its pool before
a long document), and they inherit the loaded pipeline instead of loading their own.
"""
from __future__ import annotations

import gc
import multiprocessing
import signal
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any


def _serve(model: str | None, texts: list[str], conn: Connection) -> None:
    """In a worker: parse ``texts``, send their span contexts (round 0), then run each round sent
    on the parses, until ``None`` comes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import numpy

        from .extract import span_context
        from .nlp import load_model, normalize

        nlp = load_model(model)
        docs = list(nlp.pipe((normalize(text) for text in texts), batch_size=1))
        for doc in docs:
            # the rules never read the model's token vectors, two thirds of a kept Doc's memory
            # (the pool's workers rebuilt their Docs without them too)
            doc.tensor = numpy.zeros((0,), dtype="float32")
        conn.send(("ok", [span_context(doc) for doc in docs]))
        while (message := conn.recv()) is not None:
            step, args = message
            conn.send(("ok", [step(doc, *a) for doc, a in zip(docs, args)]))
    except EOFError:  # the parent went away
        return
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        try:
            conn.send(("error", exc))
        except Exception:  # noqa: BLE001 - an exception that does not pickle
            conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


class PartServers:
    """``processes`` workers holding the parses of ``texts`` (a long document's parts, in order).

    ``contexts`` are the parts' ``span_context``s; ``map(step, args)`` runs ``step(doc, *args[i])``
    on every part ``i`` and returns the results in part order (``extract_parts``'s ``PartMap``).
    Use it as a context manager: leaving it stops the workers.
    """

    def __init__(self, model: str | None, texts: Sequence[str], processes: int) -> None:
        context = multiprocessing.get_context("fork")
        self.size = len(texts)
        self.shares = [list(range(k, self.size, processes)) for k in range(min(processes, self.size))]
        self.conns: list[Connection] = []
        self.workers: list[multiprocessing.Process] = []
        gc.freeze()  # as for the pool: a worker's collector never visits (and copies) the parent's objects
        try:
            for share in self.shares:
                here, there = context.Pipe()
                worker = context.Process(target=_serve, args=(model, [texts[i] for i in share], there), daemon=True)
                worker.start()
                there.close()
                self.conns.append(here)
                self.workers.append(worker)
            self.contexts = self._gather()
        except BaseException:
            self.__exit__(RuntimeError, None, None)
            raise
        finally:
            gc.unfreeze()

    def map(self, step: Callable[..., Any], args: Sequence[tuple]) -> list:
        for conn, share in zip(self.conns, self.shares):
            conn.send((step, [args[i] for i in share]))
        return self._gather()

    def _gather(self) -> list:
        out: list = [None] * self.size
        for conn, share in zip(self.conns, self.shares):
            try:
                status, value = conn.recv()
            except EOFError:
                raise RuntimeError("a worker process of a long document's parts ended without a result") from None
            if status == "error":
                raise value
            for i, result in zip(share, value):
                out[i] = result
        return out

    def close(self) -> None:
        for conn in self.conns:
            try:
                conn.send(None)
            except OSError:  # already gone
                pass
        for worker in self.workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.terminate()
                worker.join()
        for conn in self.conns:
            conn.close()

    def __enter__(self) -> PartServers:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:  # interrupted or failed: do not wait for the workers' rounds
            for worker in self.workers:
                worker.terminate()
        self.close()
