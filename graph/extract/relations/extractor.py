"""Relations between the entities of one document: candidates, the trained model, predicates.

Every pair of entities named in one sentence is a candidate (``features.candidates``). The model
(``classifier.py``, trained by ``scripts/train_relations.py``) reads each candidate's parse
features, among them the verdict of the hand-written rules (``rules.py``), and gives the
probability of each class: no relation, first → second, second → first, symmetric. A candidate
whose relation probability (1 − P(none)) reaches ``MIN_KEPT`` becomes a ``Relation`` with that
probability as its ``confidence``; the graph keeps the edges whose combined confidence reaches
``--min-confidence`` (``assemble.py``), so changing the threshold needs no new extraction.

The predicate, category, negation and modality come from the rule that found the pair in that
direction when there is one, else from the trigger word on the dependency path (the verb, or the
verb of an action noun: invasion → ``invade``; a light verb and its event noun: ``launch
attacks``), normalised as the annotation guideline says.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...data import word_set
from ...records import Relation
from .classifier import RelationModel, load_model
from .features import Candidate, candidates, features, trigger_token
from .rules import _modality, _negated, action_nouns, categories
from .rules import extract_relations as rule_relations

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..document import ParsedDocument

__all__ = ["MIN_KEPT", "RelationModel", "extract_relations", "load_model", "predicate_of", "rule_relations"]

MIN_KEPT = 0.1  # relation probability below which a candidate is not even recorded


def rules_by_pair(relations: list[Relation]) -> dict[int, dict[tuple[int, int], list[Relation]]]:
    """Sentence → (source, target) → the rule relations found there."""
    found: dict[int, dict[tuple[int, int], list[Relation]]] = {}
    for rel in relations:
        found.setdefault(rel.sent_id, {}).setdefault((rel.source_key, rel.target_key), []).append(rel)
    return found


def predicate_of(doc: Doc, trigger: Token) -> tuple[str, str]:
    """The guideline's predicate for a trigger word, and its category: verb lemma (with its
    particle), an action noun's verb, or a light verb with its event noun ("launch attacks",
    categorised by the noun's verb)."""
    table = categories()
    lemma = trigger.lemma_.lower()
    if trigger.pos_ in ("NOUN", "PROPN") and lemma in action_nouns():
        verb = action_nouns()[lemma].predicate
        head = trigger.head
        if trigger.dep_ in ("dobj", "obj") and head.pos_ == "VERB" and head.lemma_.lower() in word_set("light_verbs.txt"):
            predicate = f"{head.lemma_.lower()} {trigger.lower_}"
            return predicate, table.get(predicate) or table.get(verb, "other")
        return verb, table.get(verb, "other")
    particles = [c.lower_ for c in trigger.children if c.dep_ == "prt"]
    predicate = " ".join([lemma, *particles])
    return predicate, table.get(predicate) or table.get(lemma, "other")


def _apply(doc: Doc, cand: Candidate, probs: list[float], classes: tuple[str, ...],
           rules: dict[tuple[int, int], list[Relation]]) -> list[Relation]:
    """The relations one candidate gives, from its class probabilities."""
    confidence = 1.0 - probs[classes.index("none")]
    if confidence < MIN_KEPT:
        return []
    label = max((c for c in classes if c != "none"), key=lambda c: probs[classes.index(c)])
    source, target = (cand.second, cand.first) if label == "backward" else (cand.first, cand.second)
    symmetric = label == "symmetric"
    found = rules.get((source, target), [])
    if symmetric:
        found = found + rules.get((target, source), [])
    confidence = round(confidence, 4)
    if found:
        return [Relation(cand.sent_id, source, target, rel.predicate, rel.category, rel.negated, symmetric,
                         rel.modality, cand.via_pronoun or rel.via_pronoun, rel.pattern + ("model",), confidence)
                for rel in {r.predicate: r for r in found}.values()]
    trigger = trigger_token(doc, cand)
    if trigger is None:
        return []
    predicate, category = predicate_of(doc, trigger)
    return [Relation(cand.sent_id, source, target, predicate, category, _negated(trigger), symmetric,
                     _modality(trigger), cand.via_pronoun, ("model",), confidence)]


def extract_relations(parsed: ParsedDocument, model: RelationModel | None = None) -> list[Relation]:
    """The document's relations, each with the model's ``confidence``."""
    model = model or load_model()
    doc = parsed.doc
    found = rule_relations(doc, parsed.token_keys, parsed.sent_ids, parsed.pronoun_keys)
    by_sentence = rules_by_pair(found)
    pairs = candidates(doc, parsed.token_keys, parsed.pronoun_keys, parsed.sent_ids)
    if not pairs:
        return []
    labels = {e.key: e.label for e in parsed.entities}
    feature_lists = [features(doc, c, labels, by_sentence.get(c.sent_id, {}), parsed.token_keys) for c in pairs]
    out: list[Relation] = []
    for cand, probs in zip(pairs, model.predict(feature_lists)):
        out += _apply(doc, cand, probs, model.classes, by_sentence.get(cand.sent_id, {}))
    return out
