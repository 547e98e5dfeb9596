"""Word lists and tables kept as data files next to this module.

Each ``*.txt`` file holds one entry per line; ``#`` starts a comment. Each ``*.tsv`` file holds
tab-separated columns with the same comment rule.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _lines(filename: str) -> list[str]:
    text = resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append(line)
    return rows


@lru_cache(maxsize=None)
def word_set(filename: str, lower: bool = True) -> frozenset[str]:
    """The entries of a one-per-line list, lower-cased unless ``lower`` is false."""
    return frozenset(w.lower() if lower else w for w in _lines(filename))


@lru_cache(maxsize=None)
def phrase_tuples(filename: str) -> tuple[tuple[str, ...], ...]:
    """Multi-word entries split on whitespace, longest first (for greedy matching)."""
    phrases = {tuple(line.split()) for line in _lines(filename)}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


@lru_cache(maxsize=None)
def table(filename: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated table."""
    return tuple(tuple(col.strip() for col in line.split("\t")) for line in _lines(filename))
