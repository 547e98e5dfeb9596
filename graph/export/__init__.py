"""Writers for each output format, all going through ``atomic_write``.

A writer takes the assembled graph and a path. ``write_outputs`` writes the requested formats
into a folder; every file is first written to a temporary file next to its destination and
then renamed over it, so a failed run never leaves a half-written file behind.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

import networkx as nx

FORMATS = ("html", "graphml", "json")
DEFAULT_FORMATS = ("html", "graphml", "json")


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


def _writers() -> dict[str, tuple[str, Callable[[nx.MultiDiGraph, Path], None]]]:
    from .graphml import write_graphml
    from .html import write_html
    from .tables import write_json

    return {
        "html": ("graph.html", write_html),
        "graphml": ("graph.graphml", write_graphml),
        "json": ("graph.json", write_json),
    }


def write_outputs(graph: nx.MultiDiGraph, out_dir: Path, formats: tuple[str, ...]) -> list[Path]:
    """Write each format into ``out_dir``; return the paths written, in ``formats`` order."""
    writers = _writers()
    written = []
    for fmt in formats:
        filename, writer = writers[fmt]
        path = out_dir / filename
        writer(graph, path)
        written.append(path)
    return written
