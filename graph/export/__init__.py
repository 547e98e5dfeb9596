"""Writers for each output format, all going through ``atomic_write``.

A writer takes the assembled graph and a path. ``write_outputs`` writes every requested format
into a hidden staging folder inside the output folder first and moves the files into place only
when all of them have been written: a failed or interrupted run leaves the previous graph files
as they were, never a half-written file or a mix of old and new files.
"""
from __future__ import annotations

import os
import shutil
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
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        staged: list[Path] = []
        for fmt in formats:
            staged += _write(fmt, graph, staging, html_options or {})
        written = []
        for path in staged:
            os.replace(path, out_dir / path.name)
            written.append(out_dir / path.name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
