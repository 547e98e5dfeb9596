"""Training data for the relation model from annotation folders, fitting, and cross-validation.

An annotation folder holds ``NN.txt`` + ``NN.json`` in the gold format (``eval/GUIDELINE.md``).
Each article is parsed and analysed exactly as a build does (``graph.extract.analyse_document``);
its candidates (entity pairs named in one sentence) get their features, and a label from the gold:

- the local entities are matched to gold entities by the scorer's rules (``graph.evaluation``);
- a candidate is labelled with the gold relation between its two entities whose evidence
  sentence overlaps the candidate's sentence: ``forward`` (first mention → second),
  ``backward``, or ``symmetric``; ``none`` when there is none;
- a candidate that only an optional gold relation covers is left out of training (``ignore``):
  the guideline calls those reasonable but not required, and the scorer counts them neither way.

Scoring is at the graph level, as users see it: the predicted relations go into each article's
``DocExtraction``, the graph is assembled with ``--min-confidence`` and scored with
``graph.evaluation.score_graph``. scikit-learn is needed only here (the ``train`` extra).
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .evaluation import COUNTED_TYPES, Score, norm, score_graph
from .extract.relations.classifier import CLASSES, RelationModel
from .records import DEFAULT_TYPES, DocExtraction, Document, Relation

IGNORE = "ignore"


@dataclass
class Article:
    """One annotated article, parsed, with its candidates, their features and gold labels."""

    name: str
    gold: dict
    document: Document
    parsed: object  # graph.extract.ParsedDocument (holds the spaCy Doc: not picklable across versions)
    base: DocExtraction  # entities, mentions, co-occurrences and every sentence; relations empty
    candidates: list = field(default_factory=list)
    features: list[list[str]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    rules: dict = field(default_factory=dict)  # sent_id → (source, target) → rule relations
    rule_relations: list[Relation] = field(default_factory=list)


def gold_entity_of(entities: Sequence, gold: dict) -> dict[int, str]:
    """Local entity key → the gold entity it names (by name, else by aliases; unique matches only)."""
    forms: dict[str, set[str]] = {}
    for entity in gold["entities"]:
        for form in [entity["name"], *entity["mentions"]]:
            forms.setdefault(norm(form), set()).add(entity["name"])
    out = {}
    for entity in entities:
        hits = set(forms.get(norm(entity.name), set()))
        if not hits:
            for alias in entity.aliases:
                hits |= forms.get(norm(alias), set())
        if len(hits) == 1:
            out[entity.key] = hits.pop()
    return out


def _evidence_spans(text: str, gold: dict) -> list[tuple[int, int, dict]]:
    """Character span of each gold relation's evidence sentence in ``text``."""
    flat = text.replace("\r", " ").replace("\n", " ")  # the guideline writes a line break as a space
    spans = []
    for rel in gold["relations"]:
        at = flat.find(rel["evidence"])  # annot_tools.py check guarantees it is there
        if at >= 0:
            spans.append((at, at + len(rel["evidence"]), rel))
    return spans


def label_candidates(article: Article, optional: str = IGNORE) -> list[str]:
    """One class per candidate, from the gold relations; a candidate only an optional gold
    relation covers gets ``optional``: ``ignore`` (left out of training) or ``positive``."""
    gold = article.gold
    counted = {e["name"] for e in gold["entities"] if e["type"] in COUNTED_TYPES}
    mapping = gold_entity_of(article.parsed.entities, gold)
    spans = _evidence_spans(article.document.text, gold)
    labels = []
    for cand in article.candidates:
        start, end = article.parsed.sent_bounds[cand.sent_id]
        a, b = mapping.get(cand.first), mapping.get(cand.second)
        found, covered_by_optional = set(), False
        if a and b and a != b and a in counted and b in counted:
            for s, e, rel in spans:
                overlap = min(end, e) - max(start, s)
                if overlap <= 0 or overlap < 0.5 * min(end - start, e - s):
                    continue
                if {rel["source"], rel["target"]} != {a, b}:
                    continue
                if rel.get("optional") and optional == IGNORE:
                    covered_by_optional = True
                    continue
                if rel.get("symmetric"):
                    found.add("symmetric")
                else:
                    found.add("forward" if rel["source"] == a else "backward")
        if found:
            labels.append(next(c for c in ("forward", "backward", "symmetric") if c in found))
        else:
            labels.append(IGNORE if covered_by_optional else "none")
    return labels


def load_articles(gold_files: Sequence[Path], model: str | None = None, pronouns: bool = True) -> list[Article]:
    """Parse and analyse every gold article (``NN.json`` beside ``NN.txt``)."""
    from .extract import analyse_document
    from .extract.cooccurrence import extract_cooccurrences
    from .extract.relations.extractor import rule_relations, rules_by_pair
    from .extract.relations.features import candidates, features
    from .nlp import load_model, normalize

    nlp = load_model(model)
    wanted = frozenset(DEFAULT_TYPES)
    articles = []
    texts = [g.with_suffix(".txt").read_text(encoding="utf-8") for g in gold_files]
    for gold_path, text, doc in zip(gold_files, texts, nlp.pipe(normalize(t) for t in texts)):
        document = Document(f"{gold_path.parent.name}/{gold_path.stem}", text)
        parsed = analyse_document(document, doc, wanted, pronouns)
        sentences = {i: " ".join(text[s:e].split()) for i, (s, e) in enumerate(parsed.sent_bounds)}
        base = DocExtraction(document.id, None, tuple(parsed.entities), tuple(parsed.mentions), (),
                             tuple(extract_cooccurrences(parsed.mentions)), sentences, len(parsed.sent_bounds))
        article = Article(gold_path.stem, json.loads(gold_path.read_text(encoding="utf-8")), document, parsed, base)
        article.rule_relations = rule_relations(parsed.doc, parsed.token_keys, parsed.sent_ids, parsed.pronoun_keys)
        article.rules = rules_by_pair(article.rule_relations)
        article.candidates = candidates(parsed.doc, parsed.token_keys, parsed.pronoun_keys, parsed.sent_ids)
        labels = {e.key: e.label for e in parsed.entities}
        article.features = [features(parsed.doc, c, labels, article.rules.get(c.sent_id, {}), parsed.token_keys) for c in article.candidates]
        article.labels = label_candidates(article)
        articles.append(article)
    return articles


def fit(feature_lists: Sequence[Sequence[str]], labels: Sequence[str], c: float = 1.0, seed: int = 0,
        class_weight: str | dict | None = None, groups: Sequence[str] = (), min_count: int = 1) -> RelationModel:
    """A multinomial logistic regression on the candidates not labelled ``ignore``."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    kept = [(f, y) for f, y in zip(feature_lists, labels) if y != IGNORE]
    counts = Counter(name for f, _ in kept for name in set(f))
    rows = [{name: 1.0 for name in f if counts[name] >= min_count and (not groups or name.split(":", 1)[0] in groups)}
            for f, _ in kept]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    y = [CLASSES.index(label) for _, label in kept]
    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed, class_weight=class_weight)
    clf.fit(x, y)
    present = list(clf.classes_)
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(vectorizer.feature_names_):
        row = [0.0] * len(CLASSES)
        for k, cls in enumerate(present):
            row[cls] = float(clf.coef_[k, j]) if len(present) > 2 else 0.0
        if any(abs(w) >= 1e-4 for w in row):
            weights[name] = row
    bias = [-30.0] * len(CLASSES)  # a class never seen in training is never predicted
    for k, cls in enumerate(present):
        bias[cls] = float(clf.intercept_[k])
    return RelationModel(weights=weights, bias=bias, cfg={"c": c, "seed": seed, "min_count": min_count,
                                                           "class_weight": class_weight, "groups": list(groups)})


def predict_relations(article: Article, model: RelationModel, groups: Sequence[str] = ()) -> list[Relation]:
    """The article's relations under ``model`` (confidence on each), as a build would record them."""
    from .extract.relations.extractor import _apply

    feature_lists = article.features
    if groups:
        feature_lists = [[n for n in f if n.split(":", 1)[0] in groups] for f in feature_lists]
    out: list[Relation] = []
    for cand, probs in zip(article.candidates, model.predict(feature_lists)):
        out += _apply(article.parsed.doc, cand, probs, model.classes, article.rules.get(cand.sent_id, {}))
    return out


def article_scores(articles: Sequence[Article], relations: Sequence[Sequence[Relation]], min_confidence: float) -> list[Score]:
    """Graph-level score of each article with these relations."""
    from .export.tables import node_link
    from .pipeline import Options, graph_from_extractions

    options = Options(min_confidence=min_confidence)
    return [score_graph(node_link(graph_from_extractions([dataclasses.replace(article.base, relations=tuple(rels))], options)),
                        article.gold) for article, rels in zip(articles, relations)]


def score_articles(articles: Sequence[Article], relations: Sequence[Sequence[Relation]], min_confidence: float) -> Score:
    """Micro-averaged graph-level score of the articles with these relations."""
    total = Score()
    for score in article_scores(articles, relations, min_confidence):
        total.add(score)
    return total


def cross_validate(articles: Sequence[Article], folds: dict[str, int], train: Callable[[list[Article]], RelationModel],
                   test_folds: Sequence[int], groups: Sequence[str] = ()) -> list[list[Relation]]:
    """Relations of each article predicted by a model trained on the articles of the other folds
    (only articles whose fold is in ``test_folds`` are predicted; the others get ``[]``)."""
    out: list[list[Relation]] = [[] for _ in articles]
    for fold in test_folds:
        training = [a for a in articles if folds.get(a.name) != fold]
        model = train(training)
        for i, article in enumerate(articles):
            if folds.get(article.name) == fold:
                out[i] = predict_relations(article, model, groups)
    return out


def calibration(articles: Sequence[Article], relations: Sequence[Sequence[Relation]], min_confidence: float,
                bins: Sequence[float] = (0.25, 0.4, 0.6, 0.8, 1.0001)) -> list[tuple[float, float, int, int]]:
    """(low, high, relation edges, right ones) per confidence bin: an edge is right when its pair is a
    required gold pair (symmetric ones either way); edges on optional pairs or on nodes that match
    no counted gold entity are left out, as the scorer leaves them out of precision."""
    from .evaluation import match_nodes
    from .export.tables import node_link
    from .pipeline import Options, graph_from_extractions

    counts = [[0, 0] for _ in bins[:-1]]
    for article, rels in zip(articles, relations):
        data = node_link(graph_from_extractions([dataclasses.replace(article.base, relations=tuple(rels))],
                                                Options(min_confidence=min_confidence)))
        mapping, _ = match_nodes(data["nodes"], article.gold["entities"])
        counted = {e["name"] for e in article.gold["entities"] if e["type"] in COUNTED_TYPES}
        required, optional = set(), set()
        for rel in article.gold["relations"]:
            if rel["source"] in counted and rel["target"] in counted:
                pairs = {(rel["source"], rel["target"])} | ({(rel["target"], rel["source"])} if rel.get("symmetric") else set())
                (optional if rel.get("optional") else required).update(pairs)
        for edge in data["edges"]:
            if edge.get("kind") != "relation" or edge.get("negated") or "confidence" not in edge:
                continue
            pair = (mapping.get(edge["source"]), mapping.get(edge["target"]))
            if edge.get("symmetric") and pair not in required:
                pair = pair[::-1]
            if pair in optional - required:
                continue
            for k, (low, high) in enumerate(zip(bins, bins[1:])):
                if low <= edge["confidence"] < high:
                    counts[k][0] += 1
                    counts[k][1] += pair in required
    return [(low, min(high, 1.0), n, right) for (low, high), (n, right) in zip(zip(bins, bins[1:]), counts)]
