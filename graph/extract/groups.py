"""The groups of mentions inside one document that ``entities.py`` links: one group per folded
name, a union-find over them, and the tests several rules share (acronym, edit distance, person).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from ..gazetteer import fold, without_legal_suffix
from .mentions import Candidate


@dataclass
class _Group:
    key: str
    candidates: list[Candidate]

    @cached_property
    def name(self) -> str:
        """The most used spelling, the first seen on a tie."""
        counts = Counter(c.name for c in self.candidates)
        return max(counts, key=lambda n: (counts[n], -min(c.start for c in self.candidates if c.name == n)))

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(self.key.split())

    @cached_property  # read only once every candidate is in (group_entities)
    def fixed(self) -> bool:
        return any(c.fixed for c in self.candidates)

    @cached_property
    def labels(self) -> Counter[str]:
        return Counter(c.label for c in self.candidates)


def group_key(cand: Candidate) -> str:
    """What mentions are grouped by: the folded name, without a legal-form suffix ("Apple Inc." and
    "Apple" are one group) or a web suffix ("Amazon.com") unless the gazetteer identified it."""
    if cand.fixed:
        return fold(cand.name)
    return without_legal_suffix(fold(WEB_SUFFIX.sub("", cand.name)))  # "Amazon.com" is "Amazon"


WEB_SUFFIX = re.compile(r"(?<=\w)\.(com|net|org)$")


def _acronym(group: _Group) -> str | None:
    raw = group.name.replace(".", "").replace("&", "")  # "PG&E" spells "Pacific Gas and Electric"
    if 2 <= len(raw) <= 8 and raw.isalpha() and " " not in group.name and (raw.isupper() or JOINED_ACRONYM.match(raw)):
        return raw.lower()
    return None


# "MoD", "DfID", "DoJ": capitals with a lower-case initial of a joining word between them
JOINED_ACRONYM = re.compile(r"^[A-Z](?:[a-z]?[A-Z])+$")


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with transpositions of neighbours counted as one edit ("Chriac" /
    "Chirac"): the distance when it is at most ``limit``, else ``limit + 1``.

    Only the cells within ``limit`` of the diagonal can hold a distance within the limit, so only
    they are computed (the others stay ``limit + 1``, which no path through them can beat): the
    rules ask for thousands of these on a long text, and a full table per pair cost half of the
    grouping.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    # An edit adds or removes at most two of the letters one string has and the other lacks, so
    # more than 2 × limit of them is more than ``limit`` edits: most pairs the rules ask about
    # ("department of justice" / "department of state") end here, without the table.
    if len(set(a) ^ set(b)) > 2 * limit:
        return limit + 1
    big, n = limit + 1, len(b)
    before: list[int] | None = None
    previous = [j if j <= limit else big for j in range(n + 1)]
    for i in range(1, len(a) + 1):
        ca = a[i - 1]
        current = [big] * (n + 1)
        if i <= limit:
            current[0] = i
        for j in range(max(1, i - limit), min(n, i + limit) + 1):
            cb = b[j - 1]
            value = previous[j - 1] + (ca != cb)  # (comparisons, not min(): this is the inner loop)
            if previous[j] + 1 < value:
                value = previous[j] + 1
            if current[j - 1] + 1 < value:
                value = current[j - 1] + 1
            if before is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb and before[j - 2] + 1 < value:
                value = before[j - 2] + 1
            current[j] = value if value < big else big
        if min(current) > limit:
            return big
        before, previous = previous, current
    return previous[n]


class _UnionFind:
    def __init__(self, weights: list[int]) -> None:
        self.parent = list(range(len(weights)))
        self.weight = list(weights)  # candidates in each root's cluster (kept up to date by union)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, child: int, root: int) -> None:
        child, root = self.find(child), self.find(root)
        if child != root:
            self.parent[child] = root
            self.weight[root] += self.weight[child]

    def members(self, roots: Iterable[int]) -> dict[int, list[int]]:
        """Root → its cluster's groups (ascending), for the given roots only. Linear in the groups:
        call it for a rule's rare cases, not per group."""
        wanted = {r: [] for r in roots}
        for j in range(len(self.parent)):
            found = wanted.get(self.find(j))
            if found is not None:
                found.append(j)
        return wanted


def _index(groups: list[_Group], keep: Callable[[int], bool], *keys: Callable[[int], Iterable]) -> dict:
    """Key → ascending indexes of the groups ``keep`` accepts that have that key.

    Each rule looks up the few groups that could match instead of scanning every group: a long
    text names thousands, and the scans were quadratic.
    """
    found: dict = defaultdict(list)
    for j in range(len(groups)):
        if keep(j):
            for key_of in keys:
                for key in dict.fromkeys(key_of(j)):
                    found[key].append(j)
    return found


def _suffixes(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The proper trailing parts of a name: ("donald", "trump") → ("trump",)."""
    return (words[-n:] for n in range(1, len(words)))


def _prefixes(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    return (words[:n] for n in range(1, len(words)))


def _is_person(group: _Group) -> bool:
    return group.labels.get("PERSON", 0) > 0 or any(label == "PERSON" for c in group.candidates for label, _ in c.cues)
