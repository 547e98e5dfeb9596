"""Writers for each output format, all going through ``atomic_write``.

A writer takes the assembled graph and a path; the GraphML and GEXF writers also take the
scalar-only copy from ``flatten.flat_graph``, which ``write_outputs`` computes once for both.
``write_outputs`` writes every requested format into a hidden staging folder inside the output
folder first and moves the files into place only when all of them have been written: a failed or
interrupted run leaves the previous graph files as they were, never a half-written file or a mix
of old and new files. A format that is a folder (``neo4j/``) replaces the previous folder whole.

On a large graph the formats are written by two processes at once: a forked child writes
GraphML and GEXF (which share the flat copy) and the CSV files while this process writes the
rest, which takes a corpus rebuild's writing time from about 1.4 s to 0.8 s on two cores. The child inherits the
graph by ``fork``, so nothing is copied or pickled; if it fails, its exception is raised here and
nothing is moved into place.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, Callable, Iterator

import networkx as nx

FORMATS = ("html", "graphml", "gexf", "json", "csv", "neo4j", "ttl")
DEFAULT_FORMATS = ("html", "graphml", "gexf", "json", "csv")
# about half the writing time (GraphML and GEXF share the flat copy; graph.html and graph.json stay here)
CHILD_FORMATS = ("graphml", "gexf", "csv")
PARALLEL_MIN_EDGES = 1_000  # below this, forking (about 10 ms) costs more than it saves


@contextmanager
def atomic_write(path: Path, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it to ``path`` only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, newline=None if "b" in mode else "\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _write(fmt: str, graph: nx.MultiDiGraph, out_dir: Path, html_options: dict, flat: Callable) -> list[Path]:
    if fmt == "html":
        from .html import write_html

        write_html(graph, out_dir / "graph.html", **html_options)
        return [out_dir / "graph.html"]
    if fmt == "graphml":
        from .graphml import write_graphml

        write_graphml(graph, out_dir / "graph.graphml", flat=flat())
        return [out_dir / "graph.graphml"]
    if fmt == "gexf":
        from .gexf import write_gexf

        write_gexf(graph, out_dir / "graph.gexf", flat=flat())
        return [out_dir / "graph.gexf"]
    if fmt == "json":
        from .tables import write_json

        write_json(graph, out_dir / "graph.json")
        return [out_dir / "graph.json"]
    if fmt == "csv":
        from .duplicates import write_duplicates
        from .tables import write_csv

        return [*write_csv(graph, out_dir), write_duplicates(graph, out_dir / "possible_duplicates.csv")]
    if fmt == "neo4j":
        from .neo4j import write_neo4j

        return write_neo4j(graph, out_dir / "neo4j")
    if fmt == "ttl":
        from .rdf import write_turtle

        write_turtle(graph, out_dir / "graph.ttl")
        return [out_dir / "graph.ttl"]
    raise ValueError(f"unknown format {fmt!r}")


def _write_all(formats: tuple[str, ...], graph: nx.MultiDiGraph, staging: Path, html_options: dict) -> dict[str, list[Path]]:
    from .flatten import flat_graph

    flat = cache(lambda: flat_graph(graph))  # the scalar-only copy GraphML and GEXF share, made once
    return {fmt: _write(fmt, graph, staging, html_options, flat) for fmt in formats}


def _child(formats: tuple[str, ...], graph: nx.MultiDiGraph, staging: Path, html_options: dict, pipe) -> None:
    try:
        pipe.send(("ok", _write_all(formats, graph, staging, html_options)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        try:
            pipe.send(("error", exc))
        except Exception:  # noqa: BLE001 - an exception that does not pickle
            pipe.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


def _write_in_two_processes(formats: tuple[str, ...], graph: nx.MultiDiGraph, staging: Path, html_options: dict) -> dict[str, list[Path]]:
    in_child = tuple(f for f in formats if f in CHILD_FORMATS)
    here = tuple(f for f in formats if f not in CHILD_FORMATS)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(in_child, graph, staging, html_options, send), daemon=True)
    child.start()
    send.close()
    try:
        written = _write_all(here, graph, staging, html_options)
        try:
            status, value = receive.recv()
        except EOFError:
            raise RuntimeError(f"the process writing {', '.join(in_child)} ended without a result") from None
        if status == "error":
            raise value
        child.join()
        return {**written, **value}
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        receive.close()


def write_outputs(
    graph: nx.MultiDiGraph,
    out_dir: Path,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    html_options: dict | None = None,
    parallel: bool | None = None,
) -> list[Path]:
    """Write each format into ``out_dir``; return the paths written, in ``formats`` order.

    ``parallel`` (default: for graphs of ``PARALLEL_MIN_EDGES`` edges or more, where ``fork``
    exists) writes GraphML and GEXF in a second process."""
    if parallel is None:
        parallel = graph.number_of_edges() >= PARALLEL_MIN_EDGES
    parallel = (parallel and "fork" in multiprocessing.get_all_start_methods()
                and any(f in CHILD_FORMATS for f in formats) and any(f not in CHILD_FORMATS for f in formats))
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        if parallel:
            staged = _write_in_two_processes(tuple(formats), graph, staging, html_options or {})
        else:
            staged = _write_all(tuple(formats), graph, staging, html_options or {})
        written = []
        for path in (path for fmt in formats for path in staged[fmt]):
            target = out_dir / path.name
            if path.is_dir() and target.is_dir():  # a folder (neo4j/): the old one goes last
                os.replace(target, staging / f".old-{path.name}")
            os.replace(path, target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
