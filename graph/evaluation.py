"""Scoring entity graphs against hand-annotated gold files (``../shared/eval/README.md``).

Shared by ``scripts/evaluate.py``, the relation model's training and cross-validation, and the
tests. Matching (from the gold README): a node matches the gold entity that has a mention equal to
the node's id or label, compared case-insensitively with curly apostrophes straightened, a trailing
possessive and a leading "the" removed; only when its name matches nothing are its aliases tried.
A node matching two gold entities matches none (over-merge); a second node matching an
already-matched entity is a split and counts as a false positive. Only PERSON/ORG/GPE/NORP/LOC gold
entities count; a node matching a gold entity of another type is neutral and ignored with its edges.

Folds: ``eval/folds.tsv`` (``scripts/make_folds.py``) puts each training article in one of five
cross-validation folds; fold 0 is the test fold.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

COUNTED_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC"}


def norm(name: str) -> str:
    s = name.replace("\u2019", "'").replace("\u2018", "'").strip()
    s = re.sub(r"(?:'s|')$", "", s)
    s = re.sub(r"^the\s+", "", s, flags=re.IGNORECASE)
    return " ".join(s.split()).casefold()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    entities: Counts = field(default_factory=Counts)
    typed_right: int = 0
    splits: list[str] = field(default_factory=list)
    person_splits: int = 0
    over_merges: list[str] = field(default_factory=list)
    relations: Counts = field(default_factory=Counts)
    cooccurrence: Counts = field(default_factory=Counts)
    errors: dict[str, list] = field(default_factory=lambda: {"fp_nodes": [], "fn_entities": [], "mistyped": [],
                                                              "fp_relations": [], "fn_relations": []})
    classes: dict[str, list[str]] = field(default_factory=dict)  # entity errors by class (``ERROR_CLASSES``)

    def add(self, other: Score) -> None:
        self.entities.add(other.entities)
        self.typed_right += other.typed_right
        self.splits += other.splits
        self.person_splits += other.person_splits
        self.over_merges += other.over_merges
        self.relations.add(other.relations)
        self.cooccurrence.add(other.cooccurrence)
        for name, values in other.classes.items():
            self.classes.setdefault(name, []).extend(values)

    def class_counts(self) -> Counter[str]:
        return Counter({name: len(self.classes.get(name, [])) for name in ERROR_CLASSES})

    @property
    def type_accuracy(self) -> float:
        return self.typed_right / self.entities.tp if self.entities.tp else 1.0

    def figures(self) -> dict:
        return {
            "entity_precision": self.entities.precision, "entity_recall": self.entities.recall,
            "entity_f1": self.entities.f1, "type_accuracy": self.type_accuracy,
            "splits": len(self.splits), "person_splits": self.person_splits, "over_merges": len(self.over_merges),
            "relation_precision": self.relations.precision, "relation_recall": self.relations.recall,
            "relation_f1": self.relations.f1,
            "cooccurrence_precision": self.cooccurrence.precision, "cooccurrence_recall": self.cooccurrence.recall,
            "cooccurrence_f1": self.cooccurrence.f1,
        }


ERROR_CLASSES = ("junk", "split", "broken span", "type", "over-merge", "missed")


def _words(name: str) -> set[str]:
    return set(re.findall(r"\w+", norm(name)))


def classify_errors(score: Score, gold_entities: list[dict]) -> dict[str, list[str]]:
    """Entity errors by class: a spurious node that shares a word with a gold mention of a missed
    entity is a *broken span* ("Attorney Thomas Cullen" for "Thomas Cullen", "Levant" for "Islamic
    State of Iraq and the Levant"), any other spurious node is *junk*; a missed entity no broken
    span accounts for is *missed*; splits, over-merges and wrong types are their own classes."""
    missed = set(score.errors["fn_entities"])
    missed_words = {e["name"]: set().union(*(_words(m) for m in [e["name"], *e["mentions"]]))
                    for e in gold_entities if e["name"] in missed}
    junk, broken, explained = [], [], set()
    for node in score.errors["fp_nodes"]:
        words = _words(node)
        hit = [name for name, gold_words in missed_words.items() if words & gold_words]
        if hit:
            broken.append(f"{node} (gold {' / '.join(sorted(hit))})")
            explained.update(hit)
        else:
            junk.append(node)
    return {"junk": junk, "split": list(score.splits), "broken span": broken, "type": list(score.errors["mistyped"]),
            "over-merge": list(score.over_merges), "missed": [m for m in score.errors["fn_entities"] if m not in explained]}


def match_nodes(nodes: list[dict], gold_entities: list[dict]) -> tuple[dict[str, str | None], Score]:
    """Node id → gold entity name (None: unmatched). Neutral nodes are left out of the map."""
    forms: dict[str, set[str]] = {}
    for entity in gold_entities:
        for form in [entity["name"], *entity["mentions"]]:
            forms.setdefault(norm(form), set()).add(entity["name"])
    gold_type = {e["name"]: e["type"] for e in gold_entities}
    score = Score()
    mapping: dict[str, str | None] = {}
    matched: dict[str, str] = {}  # gold entity name → the node matched to it
    for node in sorted(nodes, key=lambda n: -int(n.get("mentions", 0))):
        hits = forms.get(norm(node["id"]), set()) | forms.get(norm(node.get("label", node["id"])), set())
        if not hits:
            for alias in node.get("aliases", []):
                hits |= forms.get(norm(alias), set())
        if len(hits) > 1:
            score.over_merges.append(f"{node['id']} = {' + '.join(sorted(hits))}")
            mapping[node["id"]] = None
            continue
        if not hits:
            mapping[node["id"]] = None
            score.errors["fp_nodes"].append(node["id"])
            continue
        (name,) = hits
        if gold_type[name] not in COUNTED_TYPES:
            continue  # neutral: ignored with its edges
        if name in matched:
            score.splits.append(f"{node['id']} (another node, {matched[name]}, is gold {name})")
            score.person_splits += gold_type[name] == "PERSON"
            mapping[node["id"]] = None
            continue
        matched[name] = node["id"]
        mapping[node["id"]] = name
        if node.get("type") == gold_type[name]:
            score.typed_right += 1
        else:
            score.errors["mistyped"].append(f"{node['id']}: {node.get('type')} (gold {gold_type[name]})")
    counted = [n for n in mapping]
    score.entities.tp = len(matched)
    score.entities.fp = len(counted) - len(matched)
    gold_counted = [e["name"] for e in gold_entities if e["type"] in COUNTED_TYPES]
    score.entities.fn = len([g for g in gold_counted if g not in matched])
    score.errors["fn_entities"] = [g for g in gold_counted if g not in matched]
    score.classes = classify_errors(score, gold_entities)
    return mapping, score


def _pair_sets(edges: list[dict], kind: str, mapping: dict[str, str | None]) -> list[tuple[str | None, str | None, dict]]:
    out = []
    for edge in edges:
        if edge.get("kind") != kind or (kind == "relation" and edge.get("negated")):
            continue
        if edge["source"] not in mapping or edge["target"] not in mapping:
            continue  # an edge of a neutral node
        out.append((mapping[edge["source"]], mapping[edge["target"]], edge))
    return out


def gold_pairs(gold: dict, rename: dict[str, str] | None = None) -> tuple[set, set]:
    """(required, optional) relation pairs of a gold file between counted entities: (source, target),
    or a frozenset for a symmetric relation. ``rename`` maps entity names first (an unmapped one
    becomes ``"?" + name``, matching nothing)."""
    counted = {e["name"] for e in gold["entities"] if e["type"] in COUNTED_TYPES}
    required, optional = set(), set()
    for rel in gold["relations"]:
        if rel["source"] not in counted or rel["target"] not in counted:
            continue
        source, target = rel["source"], rel["target"]
        if rename is not None:
            source, target = rename.get(source, "?" + source), rename.get(target, "?" + target)
        pair = frozenset((source, target)) if rel.get("symmetric") else (source, target)
        (optional if rel.get("optional") else required).add(pair)
    return required, optional


def score_graph(data: dict, gold: dict) -> Score:
    mapping, score = match_nodes(data["nodes"], gold["entities"])
    counted = {e["name"] for e in gold["entities"] if e["type"] in COUNTED_TYPES}

    required, optional = gold_pairs(gold)
    optional -= required  # a pair required in one record and optional in another is required
    gold_any = required | optional
    predicted = set()
    for source, target, edge in _pair_sets(data["edges"], "relation", mapping):
        if source is None or target is None or source == target:
            predicted.add(("?", edge["source"], edge["target"], edge.get("predicate")))
            continue
        # a directed gold pair first: where the gold has A → B and a symmetric A – B too, an edge
        # A → B is the directed one (the symmetric one was never reachable before 2026-12-02)
        pair = frozenset((source, target))
        predicted.add((source, target) if (source, target) in gold_any or pair not in gold_any else pair)
    predicted -= optional
    score.relations = Counts(len(predicted & required), len(predicted - required), len(required - predicted))
    score.errors["fp_relations"] = sorted(str(tuple(p) if isinstance(p, frozenset) else p) for p in predicted - required)
    score.errors["fn_relations"] = sorted(str(tuple(p) if isinstance(p, frozenset) else p) for p in required - predicted)

    gold_co = {frozenset(p) for p in gold["cooccurrence_pairs"] if set(p) <= counted}
    pred_co = set()
    for source, target, edge in _pair_sets(data["edges"], "cooccurrence", mapping):
        pred_co.add(frozenset((source, target)) if source and target and source != target
                    else ("?", edge["source"], edge["target"]))
    score.cooccurrence = Counts(len(pred_co & gold_co), len(pred_co - gold_co), len(gold_co - pred_co))
    return score


def pronoun_precision(data: dict, gold: dict) -> tuple[int, int]:
    """(relations that needed a pronoun, how many of them a gold relation, required or optional, confirms)."""
    mapping, _ = match_nodes(data["nodes"], gold["entities"])
    gold_pairs = {(r["source"], r["target"]) for r in gold["relations"]}
    gold_pairs |= {(r["target"], r["source"]) for r in gold["relations"] if r.get("symmetric")}
    found = confirmed = 0
    for edge in data["edges"]:
        if edge.get("kind") == "relation" and edge.get("via_pronoun") and not edge.get("negated"):
            found += 1
            confirmed += (mapping.get(edge["source"]), mapping.get(edge["target"])) in gold_pairs
    return found, confirmed


def bootstrap_interval(scores: list[Score], figure: str = "relation_f1", samples: int = 1000, seed: int = 0,
                       level: float = 0.95) -> tuple[float, float]:
    """A percentile bootstrap interval of a micro-averaged figure, resampling whole articles: how
    much the figure would move on another sample of articles like these (per-article scores in)."""
    import random

    if not scores:
        return (0.0, 0.0)
    rng = random.Random(seed)
    values = []
    for _ in range(samples):
        total = Score()
        for _ in scores:
            total.add(rng.choice(scores))
        values.append(total.figures()[figure])
    values.sort()
    cut = (1 - level) / 2
    return values[int(cut * samples)], values[min(samples - 1, int((1 - cut) * samples))]


def read_folds(path: Path) -> dict[str, int]:
    """Article stem → fold number, from a ``folds.tsv`` written by ``scripts/make_folds.py``."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["article"]: int(row["fold"]) for row in csv.DictReader(handle, delimiter="\t")}
