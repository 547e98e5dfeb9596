#!/usr/bin/env python3
"""Assign the annotated training articles to 5 cross-validation folds, fixed by a seed.

    scripts/make_folds.py ../shared/eval/train > eval/folds.tsv

Near-duplicate stories (two versions of one report) go to one fold, so no fold is tested on a
text it was trained on: articles whose word 5-gram sets overlap by Jaccard >= 0.05 are grouped
(transitively). Groups are shuffled with the seed and dealt largest first to the fold with the
fewest articles. Fold 0 is the test fold: it is looked at only for the final figures.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

SEED = 20261201
FOLDS = 5
JACCARD = 0.05


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = text.lower().split()
    return {tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def groups(texts: dict[str, str]) -> list[list[str]]:
    names = sorted(texts)
    parent = {n: n for n in names}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    sets = {n: shingles(texts[n]) for n in names}
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            union = len(sets[a] | sets[b])
            if union and len(sets[a] & sets[b]) / union >= JACCARD:
                parent[find(a)] = find(b)
    out: dict[str, list[str]] = {}
    for n in names:
        out.setdefault(find(n), []).append(n)
    return sorted(out.values())


def main() -> int:
    folder = Path(sys.argv[1])
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    found = groups(texts)
    random.Random(SEED).shuffle(found)
    found.sort(key=len, reverse=True)  # stable: shuffled order within equal sizes
    sizes = [0] * FOLDS
    print("article\tfold\tgroup")
    rows = []
    for group in found:
        fold = min(range(FOLDS), key=lambda f: (sizes[f], f))
        sizes[fold] += len(group)
        rows += [(name, fold, group[0]) for name in group]
    for name, fold, first in sorted(rows):
        print(f"{name}\t{fold}\t{first}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
