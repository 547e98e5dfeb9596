#!/usr/bin/env python3
"""Assign the annotated training articles to 5 cross-validation folds, fixed by a seed.

    scripts/make_folds.py ../shared/eval/train > eval/folds.tsv
    scripts/make_folds.py ../shared/eval/train eval/train-x --keep eval/folds.tsv > new.tsv

Near-duplicate stories (two versions of one report) go to one fold, so no fold is tested on a
text it was trained on: articles whose word 5-gram sets overlap by Jaccard >= 0.05 are grouped
(transitively). Groups are shuffled with the seed and dealt largest first to the fold with the
fewest articles. Fold 0 is the test fold: it is looked at only for the final figures.

``--keep FILE`` adds a new annotation batch without moving an article already assigned: an
article of FILE keeps its fold, a new article grouped with an assigned one joins that fold, and
the other new groups are dealt as above (so a fifth of a new batch lands in the test fold, as
fresh test articles).
"""
from __future__ import annotations

import argparse
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


def read_kept(path: Path) -> dict[str, int]:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return {name: int(fold) for name, fold, *_ in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--keep", type=Path, help="a folds.tsv whose assignments stay as they are")
    args = parser.parse_args()
    texts = {p.stem: p.read_text(encoding="utf-8") for folder in args.folders for p in sorted(folder.glob("*.txt"))}
    kept = read_kept(args.keep) if args.keep else {}
    found = groups(texts)
    random.Random(SEED).shuffle(found)
    found.sort(key=len, reverse=True)  # stable: shuffled order within equal sizes
    sizes = [0] * FOLDS
    for fold in kept.values():
        sizes[fold] += 1
    print("article\tfold\tgroup")
    rows = []
    for group in found:
        old = {kept[name] for name in group if name in kept}
        if len(old) > 1:
            raise SystemExit(f"make_folds: {', '.join(group)} are near-duplicates but sit in folds {sorted(old)} of {args.keep}")
        fold = old.pop() if old else min(range(FOLDS), key=lambda f: (sizes[f], f))
        sizes[fold] += sum(name not in kept for name in group)
        rows += [(name, fold, group[0]) for name in group]
    for name, fold, first in sorted(rows):
        print(f"{name}\t{fold}\t{first}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
