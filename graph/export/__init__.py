"""Writers for each output format, all going through ``atomic_write``.

A writer takes the assembled graph and a path. ``write_outputs`` writes the requested formats
into a folder; every file is first written to a temporary file next to its destination and
then renamed over it, so a failed run never leaves a half-written file behind.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

import networkx as nx

FORMATS = ("html", "graphml", "gexf", "json", "csv")
DEFAULT_FORMATS = FORMATS


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


def _write(fmt: str, graph: nx.MultiDiGraph, out_dir: Path, html_options: dict) -> list[Path]:
    if fmt == "html":
        from .html import write_html

        write_html(graph, out_dir / "graph.html", **html_options)
        return [out_dir / "graph.html"]
    if fmt == "graphml":
        from .graphml import write_graphml

        write_graphml(graph, out_dir / "graph.graphml")
        return [out_dir / "graph.graphml"]
    if fmt == "gexf":
        from .gexf import write_gexf

        write_gexf(graph, out_dir / "graph.gexf")
        return [out_dir / "graph.gexf"]
    if fmt == "json":
        from .tables import write_json

        write_json(graph, out_dir / "graph.json")
        return [out_dir / "graph.json"]
    if fmt == "csv":
        from .tables import write_csv

        return write_csv(graph, out_dir)
    raise ValueError(f"unknown format {fmt!r}")


def write_outputs(
    graph: nx.MultiDiGraph, out_dir: Path, formats: tuple[str, ...] = DEFAULT_FORMATS, html_options: dict | None = None
) -> list[Path]:
    """Write each format into ``out_dir``; return the paths written, in ``formats`` order."""
    written: list[Path] = []
    for fmt in formats:
        written += _write(fmt, graph, out_dir, html_options or {})
    return written
