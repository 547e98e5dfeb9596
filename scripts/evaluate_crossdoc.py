#!/usr/bin/env python3
"""Cross-document scoring: ONE graph from every article of a folder, scored against its corpus gold.

    scripts/evaluate_crossdoc.py                                  # MEANTIME: 120 articles vs crossdoc/corpus.json
    scripts/evaluate_crossdoc.py DIR --gold DIR/crossdoc/corpus.json -v

The corpus gold has one entity per real-world entity across the articles, so the scorer's rules
(``graph/evaluation.py``) become cross-document rules: a second node for an entity already
matched ("GM" beside "General Motors" from another article) is a split, a node whose name is a
form of two corpus entities is an over-merge. Prints entity P / R / F1, type accuracy, splits and
over-merges; ``-v`` lists them.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package, not another one installed

from graph.evaluation import score_graph  # noqa: E402

MEANTIME = ROOT.parent / "shared" / "eval" / "external" / "meantime"


def corpus_graph(folder: Path, model: str | None, processes: int) -> dict:
    from graph.export.tables import node_link
    from graph.ingest import Document
    from graph.pipeline import Options, extract_corpus, graph_from_extractions

    texts = sorted(folder.glob("*.txt"))
    documents = [Document(t.name, t.read_text(encoding="utf-8")) for t in texts]
    options = Options(model=model, processes=processes)
    extractions, _ = extract_corpus(documents, options)
    return node_link(graph_from_extractions(extractions, options))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=MEANTIME, help="folder of NNN.txt articles")
    parser.add_argument("--gold", type=Path, help="corpus gold (default FOLDER/crossdoc/corpus.json)")
    parser.add_argument("--model", help="spaCy pipeline (default: as entity-graph)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list splits, over-merges and type errors")
    args = parser.parse_args(argv)
    gold_path = args.gold or args.folder / "crossdoc" / "corpus.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    score = score_graph(corpus_graph(args.folder, args.model, args.processes), gold)
    fig = score.figures()
    if args.json:
        print(json.dumps({**fig, "split_list": score.splits, "over_merge_list": score.over_merges}, indent=1))
        return 0
    if args.verbose:
        for label, values in (("splits", score.splits), ("over-merges", score.over_merges),
                              ("mistyped", score.errors["mistyped"])):
            print(f"{label} ({len(values)}):")
            for value in values:
                print(f"    {value}")
    print(f"cross-document ({gold_path}): entities P {fig['entity_precision']:.3f} R {fig['entity_recall']:.3f} "
          f"F1 {fig['entity_f1']:.3f} type {fig['type_accuracy']:.3f} splits {fig['splits']} "
          f"(person {fig['person_splits']}) over-merges {fig['over_merges']}")
    return 0


if __name__ == "__main__":
    from graph.errors import run_script

    sys.exit(run_script("evaluate_crossdoc", main))
