#!/usr/bin/env python3
"""Agreement of two annotations of the same articles (the gold format of ../shared/eval/README.md).

    scripts/agreement.py eval/train-x eval/train-x/second     # every NN.json present in both

Entities are matched by their mentions (two entities match when they share a surface form, after
the scorer's normalisation); relations are the required (source, target) pairs mapped through that
matching, symmetric ones unordered, optional ones left out of both sides, as the scorer does.
Precision and recall are of the second annotation against the first.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.evaluation import COUNTED_TYPES, gold_pairs, norm  # noqa: E402


def entity_matching(first: list[dict], second: list[dict]) -> dict[str, str]:
    """Second annotation's entity name → first's, when exactly one entity of the first shares a form."""
    forms: dict[str, set[str]] = {}
    for entity in first:
        for form in [entity["name"], *entity["mentions"]]:
            forms.setdefault(norm(form), set()).add(entity["name"])
    out = {}
    for entity in second:
        hits = set().union(*(forms.get(norm(f), set()) for f in [entity["name"], *entity["mentions"]]))
        if len(hits) == 1:
            out[entity["name"]] = hits.pop()
    return out


def required_pairs(gold: dict, rename: dict[str, str] | None = None) -> set:
    required, optional = gold_pairs(gold, rename)
    return required - optional


def relaxed(pairs: set, symmetric_in_other: set) -> set:
    """A directed pair counts as the unordered pair when the other side holds it unordered."""
    return {frozenset(p) if isinstance(p, tuple) and frozenset(p) in symmetric_in_other else p for p in pairs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args()
    names = sorted(p.stem for p in args.second.glob("*.json") if (args.first / p.name).exists())
    if not names:
        print(f"agreement: no NN.json in both {args.first} and {args.second}", file=sys.stderr)
        return 1
    ent = [0, 0, 0]  # first, second, matched
    rel = [0, 0, 0]
    for name in names:
        a = json.loads((args.first / f"{name}.json").read_text(encoding="utf-8"))
        b = json.loads((args.second / f"{name}.json").read_text(encoding="utf-8"))
        ca = [e for e in a["entities"] if e["type"] in COUNTED_TYPES]
        cb = [e for e in b["entities"] if e["type"] in COUNTED_TYPES]
        rename = entity_matching(ca, cb)
        ent[0] += len(ca)
        ent[1] += len(cb)
        ent[2] += len(set(rename.values()))
        pa, pb = required_pairs(a), required_pairs(b, rename)
        sym = {p for p in pa | pb if isinstance(p, frozenset)}
        pa, pb = relaxed(pa, sym), relaxed(pb, sym)
        rel[0] += len(pa)
        rel[1] += len(pb)
        rel[2] += len(pa & pb)
    def prf(first, second, common):
        p, r = common / second if second else 1.0, common / first if first else 1.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0
    print(f"{len(names)} articles")
    print("entities: {} / {} / {} in common: P {:.3f} R {:.3f} F1 {:.3f}".format(*ent, *prf(*ent)))
    print("relations (required pairs): {} / {} / {} in common: P {:.3f} R {:.3f} F1 {:.3f}".format(*rel, *prf(*rel)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
