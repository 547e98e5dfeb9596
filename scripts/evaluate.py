#!/usr/bin/env python3
"""Score entity graphs against hand-annotated gold files (the format of ../shared/eval/README.md).

    scripts/evaluate.py ../shared/eval/dev                 # build each NN.txt with the current code, score it
    scripts/evaluate.py ../shared/eval/train --folds 1,2,3,4   # only the articles of these folds (eval/folds.tsv)
    scripts/evaluate.py DIR1 DIR2 ...                      # several folders, one micro-average
    scripts/evaluate.py ../shared/eval/dev --graphs DIR    # score DIR/NN/graph.json instead
    scripts/evaluate.py ../shared/eval/dev --json          # machine-readable figures
    scripts/evaluate.py ../shared/eval/external/meantime --write-graphs OUT   # also write OUT/meantime/NNN/graph.json
                                                           # (for ../shared/eval/external/eval_external.py --graphs OUT)

Per article and micro-averaged: entity precision / recall / F1, type accuracy, splits and
over-merges, relation and co-occurrence precision / recall / F1, and the entity errors by class
(junk, split, broken span, type, over-merge, missed); ``-v`` lists each article's errors and, at
the end, every error of each class. The scoring rules are in ``graph/evaluation.py``.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package, not another one installed

from graph.evaluation import ERROR_CLASSES, Score, pronoun_precision, read_folds, score_graph  # noqa: E402

PATTERN_FEATURES = ("verb", "prep", "passive", "control", "conj", "relative", "modifier", "nominal",
                    "light_verb", "between", "pronoun")


def gold_files(folders: list[Path], folds: set[int] | None, folds_file: Path) -> list[Path]:
    """Every NN.json of ``folders``; with ``folds``, only the articles ``folds_file`` puts in them."""
    files = [g for folder in folders for g in sorted(folder.glob("*.json"))]
    if folds is None:
        return files
    assigned = read_folds(folds_file)
    return [g for g in files if assigned.get(g.stem) in folds]


def extract_gold(golds: list[Path], model: str | None, pronouns: bool = True, processes: int = 2) -> list:
    """One DocExtraction per gold article (built from its NN.txt), in order."""
    from graph.ingest import Document
    from graph.pipeline import Options, extract_corpus

    documents = [Document(f"{g.parent.name}/{g.stem}.txt", g.with_suffix(".txt").read_text(encoding="utf-8")) for g in golds]
    extractions, _ = extract_corpus(documents, Options(model=model, pronouns=pronouns, processes=processes))
    return extractions


def graph_json(extraction, model: str | None) -> dict:
    from graph.export.tables import node_link
    from graph.pipeline import Options, graph_from_extractions

    return node_link(graph_from_extractions([extraction], Options(model=model)))


def ablation(golds: list[Path], extractions: list, model: str | None) -> list[tuple[str, dict]]:
    """Micro figures with all relation patterns, then without each pattern feature in turn."""
    rows = []
    for feature in ("(all)", *PATTERN_FEATURES):
        total = Score()
        for gold_path, extraction in zip(golds, extractions):
            kept = dataclasses.replace(extraction, relations=tuple(r for r in extraction.relations if feature not in r.pattern))
            total.add(score_graph(graph_json(kept, model), json.loads(gold_path.read_text(encoding="utf-8"))))
        rows.append((feature, total.figures()))
    return rows


def _fmt(fig: dict) -> str:
    return (f"entities P {fig['entity_precision']:.3f} R {fig['entity_recall']:.3f} F1 {fig['entity_f1']:.3f} "
            f"type {fig['type_accuracy']:.3f} splits {fig['splits']} (person {fig['person_splits']}) "
            f"over-merges {fig['over_merges']} | relations P {fig['relation_precision']:.3f} "
            f"R {fig['relation_recall']:.3f} F1 {fig['relation_f1']:.3f} | co-occurrence "
            f"P {fig['cooccurrence_precision']:.3f} R {fig['cooccurrence_recall']:.3f} F1 {fig['cooccurrence_f1']:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dirs", type=Path, nargs="+", help="folders of NN.txt + NN.json gold files")
    parser.add_argument("--folds", help="comma-separated fold numbers: only the articles in them (see --folds-file)")
    parser.add_argument("--folds-file", type=Path, default=ROOT / "eval" / "folds.tsv", help="article → fold table")
    parser.add_argument("--graphs", type=Path, help="score DIR/NN/graph.json instead of building")
    parser.add_argument("--model", help="spaCy pipeline to build with (default: as entity-graph)")
    parser.add_argument("--no-pronouns", dest="pronouns", action="store_false", help="build without pronoun resolution")
    parser.add_argument("--processes", type=int, default=2, help="worker processes for parsing (default 2)")
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.add_argument("--ablation", action="store_true", help="relation figures without each pattern feature in turn")
    parser.add_argument("--rules", action="store_true",
                        help="relations from the hand-written rules alone, without the relation model (the baseline)")
    parser.add_argument("--write-graphs", type=Path, metavar="DIR",
                        help="also write each article's graph to DIR/<folder>/<NN>/graph.json")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the errors of each article")
    args = parser.parse_args(argv)

    folds = {int(f) for f in args.folds.split(",")} if args.folds else None
    golds = gold_files(args.gold_dirs, folds, args.folds_file)
    if not golds:
        print(f"evaluate: no gold *.json files in {', '.join(map(str, args.gold_dirs))}", file=sys.stderr)
        return 2
    if args.graphs:
        extractions = None
    elif args.rules:
        from graph.training import load_articles

        extractions = [dataclasses.replace(a.base, relations=tuple(a.rule_relations))
                       for a in load_articles(golds, args.model, args.pronouns)]
    else:
        extractions = extract_gold(golds, args.model, args.pronouns, args.processes)
    if args.ablation:
        print(f"{'without':12} {'P':>6} {'R':>6} {'F1':>6}")
        for feature, fig in ablation(golds, extractions, args.model):
            print(f"{feature:12} {fig['relation_precision']:6.3f} {fig['relation_recall']:6.3f} {fig['relation_f1']:6.3f}")
        return 0
    total, per_doc = Score(), {}
    pronoun_found = pronoun_confirmed = 0
    for i, gold_path in enumerate(golds):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if args.graphs:
            data = json.loads((args.graphs / gold_path.stem / "graph.json").read_text(encoding="utf-8"))
        else:
            data = graph_json(extractions[i], args.model)
            if args.write_graphs:
                out = args.write_graphs / gold_path.parent.name / gold_path.stem
                out.mkdir(parents=True, exist_ok=True)
                (out / "graph.json").write_text(json.dumps(data), encoding="utf-8")
        score = score_graph(data, gold)
        found, confirmed = pronoun_precision(data, gold)
        pronoun_found, pronoun_confirmed = pronoun_found + found, pronoun_confirmed + confirmed
        total.add(score)
        per_doc[gold_path.stem] = (score.figures(), score.errors, score.splits, score.over_merges)
    if args.json:
        print(json.dumps({"documents": {k: v[0] for k, v in per_doc.items()}, "micro": total.figures(),
                          "error_classes": dict(total.class_counts())}, indent=1))
        return 0
    for stem, (fig, errors, splits, over) in per_doc.items():
        print(f"{stem}: {_fmt(fig)}")
        if args.verbose:
            for key, values in errors.items():
                if values:
                    print(f"    {key}: {values}")
            for label, values in (("splits", splits), ("over-merges", over)):
                if values:
                    print(f"    {label}: {values}")
    if args.verbose:
        print("errors by class:")
        for name in ERROR_CLASSES:
            values = total.classes.get(name, [])
            print(f"  {name} ({len(values)}): {values}")
    counts = total.class_counts()
    print("entity errors by class: " + ", ".join(f"{name} {counts[name]}" for name in ERROR_CLASSES))
    print(f"micro ({len(per_doc)} articles): {_fmt(total.figures())}")
    if pronoun_found:
        print(f"relations through a pronoun: {pronoun_found}, confirmed by the gold (required or optional): "
              f"{pronoun_confirmed} ({pronoun_confirmed / pronoun_found:.2f})")
    return 0


if __name__ == "__main__":
    from graph.errors import run_script

    sys.exit(run_script("evaluate", main))
