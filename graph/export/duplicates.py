"""``possible_duplicates.csv``: pairs of nodes the rules did not merge but that look alike.

The file is in the alias file's format (``--aliases``, see ``graph/aliases.py``): the columns
``alias,canonical,type,never_merge_with`` come first, so a user deletes the rows that are wrong
and passes the rest back with ``--aliases possible_duplicates.csv``; the alias reader ignores the
further columns. Each row proposes that the node ``alias`` is the node ``canonical``:

* ``surname``: a one-word person node that is the last word of a longer person's name ("Biden",
  "Joe Biden"), when the corpus holds several such names or none dominates;
* ``acronym``: an all-capitals node that spells the initials of a longer node of the same type,
  named at most five times as often;
* ``short name``: an organisation node that starts a longer organisation's name ("Northrop",
  "Northrop Grumman") named at least half as often;
* ``spelling``: two nodes of the same type whose names (8 characters or more, case, dots and
  accents ignored) differ by one letter, or by two that one deletion each explains
  ("Lukashenko", "Lukashenka").

Further columns: ``reason``, ``alias_mentions``, ``canonical_mentions`` and ``example``, an
evidence sentence of the alias's edges that names it (empty for a node with no edge). The alias of
a ``spelling`` row is the node with fewer mentions. Candidates are found through indexes by last
word, initials, first word and every form of a name with one letter deleted (two names one or two
edits apart share one), so the work grows with the number of nodes, not with its square.

Names and the example go through ``spreadsheet.guard`` (formula injection); the alias reader
takes the guard off again, so the file still names the nodes exactly.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import networkx as nx

from ..gazetteer import all_initials, fold
from ..spreadsheet import guard

COLUMNS = ("alias", "canonical", "type", "never_merge_with", "reason", "alias_mentions", "canonical_mentions", "example")
SPELLING_MIN_LENGTH = 8
SPELLING_MAX_EDITS = 2
MAX_PER_NAME = 5
ACRONYM_RATIO = 5  # an acronym named more than this many times as often as a full name is not its short form  # rows for one surname shared by many people: the most mentioned full names


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance up to ``limit`` (``limit + 1`` means more), computed only in the band of
    cells within ``limit`` of the diagonal, so a comparison costs O(len × limit)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    big = limit + 1
    previous = {j: j for j in range(min(len(b), limit) + 1)}
    for i in range(1, len(a) + 1):
        current = {}
        low, high = max(0, i - limit), min(len(b), i + limit)
        for j in range(low, high + 1):
            if j == 0:
                current[j] = i
                continue
            current[j] = min(previous.get(j, big) + 1, current.get(j - 1, big) + 1,
                             previous.get(j - 1, big) + (a[i - 1] != b[j - 1]))
        if min(current.values()) > limit:
            return big
        previous = current
    return min(previous.get(len(b), big), big)


def candidate_pairs(graph: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    """(alias node, canonical node, reason) for every pair that looks alike, in a fixed order."""
    nodes = {n: d for n, d in graph.nodes(data=True)}
    key = {n: fold(n) for n in nodes}
    label = {n: d.get("type") for n, d in nodes.items()}
    by_last: dict[str, list[str]] = defaultdict(list)
    by_initials: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_first: dict[str, list[str]] = defaultdict(list)
    by_deletion: dict[tuple[str, str], list[str]] = defaultdict(list)
    for n, k in key.items():
        words = k.split()
        if len(words) > 1:
            if label[n] == "PERSON":
                by_last[words[-1]].append(n)
            for spelled in all_initials(words):
                by_initials[(spelled, label[n])].append(n)
            if label[n] == "ORG":
                by_first[words[0]].append(n)
        if len(k) >= SPELLING_MIN_LENGTH:  # the name and each form with one letter deleted
            for variant in {k, *(k[:i] + k[i + 1:] for i in range(len(k)))}:
                by_deletion[(variant, label[n] or "")].append(n)
    pairs: dict[frozenset[str], tuple[str, str, str]] = {}

    def propose(a: str, b: str, reason: str) -> None:
        if a == b or frozenset((a, b)) in pairs:
            return
        small, big = sorted((a, b), key=lambda n: (nodes[n].get("mentions", 0), n))
        if reason != "spelling":
            small, big = a, b  # the short form is the alias
        pairs[frozenset((a, b))] = (small, big, reason)

    for n, k in sorted(key.items()):
        words = k.split()
        raw = n.replace(".", "")
        if len(words) == 1 and label[n] == "PERSON":
            fulls = sorted(by_last.get(k, []), key=lambda f: (-nodes[f].get("mentions", 0), f))
            for full in fulls[:MAX_PER_NAME]:
                propose(n, full, "surname")
        if len(words) == 1 and raw.isupper() and raw.isalpha() and 2 <= len(raw) <= 8:
            for full in by_initials.get((k, label[n]), []):
                if ACRONYM_RATIO * nodes[full].get("mentions", 0) >= nodes[n].get("mentions", 0):  # not "BP" → "Baltimore Police"
                    propose(n, full, "acronym")
        if len(words) == 1 and label[n] == "ORG":
            for full in by_first.get(k, []):
                if 2 * nodes[full].get("mentions", 0) >= nodes[n].get("mentions", 0):  # not "Apple" into "Apple TV"
                    propose(n, full, "short name")
    for bucket in by_deletion.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if a != b and 0 < _edit_distance(key[a], key[b], SPELLING_MAX_EDITS) <= SPELLING_MAX_EDITS:
                    propose(a, b, "spelling")
    return sorted(pairs.values(), key=lambda p: (p[2], -nodes[p[0]].get("mentions", 0), p[0], p[1]))


def _example(graph: nx.MultiDiGraph, node: str) -> str:
    """An evidence sentence of one of the node's edges that names it (or any of its sentences)."""
    fallback = ""
    for _, _, data in sorted(graph.edges(node, data=True), key=lambda e: e[1]):
        for item in data.get("evidence", []):
            sentence = item["sentence"]
            if node in sentence:
                return sentence
            fallback = fallback or sentence
    for _, _, data in graph.in_edges(node, data=True):
        for item in data.get("evidence", []):
            if node in item["sentence"]:
                return item["sentence"]
    return fallback


def _text(value: str) -> str:
    # NUL is dropped (as in nodes.csv) before the guard looks at the first character
    return guard(str(value).replace("\0", ""))


def write_duplicates(graph: nx.MultiDiGraph, path: Path) -> Path:
    from . import atomic_write

    with atomic_write(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for alias, canonical, reason in candidate_pairs(graph):
            writer.writerow([_text(alias), _text(canonical), graph.nodes[canonical].get("type", ""), "", reason,
                             graph.nodes[alias].get("mentions", 0), graph.nodes[canonical].get("mentions", 0),
                             _text(_example(graph, alias))])
    return path
