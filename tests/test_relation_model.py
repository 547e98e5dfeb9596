"""The trained relation model: candidates and features on parsed sentences, the model file's
round trip, confidence on edges, and ``--min-confidence``; on real spaCy output."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph import Document
from graph.extract import analyse_document
from graph.extract.relations import rule_relations
from graph.extract.relations.classifier import CLASSES, MODEL_PATH, RelationModel, load_model
from graph.extract.relations.extractor import rules_by_pair
from graph.extract.relations.features import candidates, features
from graph.nlp import normalize
from graph.records import DEFAULT_TYPES


def parse(nlp, text):
    return analyse_document(Document("t", text), nlp(normalize(text)), frozenset(DEFAULT_TYPES))


def candidate_features(nlp, text):
    parsed = parse(nlp, text)
    names = {e.key: e.name for e in parsed.entities}
    labels = {e.key: e.label for e in parsed.entities}
    rules = rules_by_pair(rule_relations(parsed.doc, parsed.token_keys, parsed.sent_ids, parsed.pronoun_keys))
    out = {}
    for cand in candidates(parsed.doc, parsed.token_keys, parsed.pronoun_keys, parsed.sent_ids):
        out[(names[cand.first], names[cand.second])] = (cand, features(parsed.doc, cand, labels, rules.get(cand.sent_id, {}), parsed.token_keys))
    return out


def test_candidates_are_the_pairs_named_in_one_sentence(nlp):
    found = candidate_features(nlp, "Brazil sued Argentina over the dam. Chile watched.")
    assert set(found) == {("Brazil", "Argentina")}  # Chile is in another sentence


def test_features_of_a_subject_verb_object_sentence(nlp):
    (cand, f), = candidate_features(nlp, "Brazil sued Argentina over the dam.").values()
    assert not cand.via_pronoun
    for name in ("trigger:lemma=sue", "trigger:roles=nsubj|dobj", "trigger:first_direct", "trigger:second_direct",
                 "path:full=nsubj^ vdobj", "type:pair=GPE|GPE", "rule:forward", "rule:pattern=verb"):
        assert name in f, name
    assert "cross:reporting_verb" not in f and "cue:negated" not in f


def test_features_of_reported_speech_and_negation(nlp):
    found = candidate_features(nlp, "Laura Gomez said that Chile did not sanction Peru.")
    _, speaker = found[("Laura Gomez", "Peru")]
    assert "trigger:lemma=say" in speaker and "trigger:second_chain=ccomp>dobj" in speaker
    _, inner = found[("Chile", "Peru")]
    assert "cue:negated" in inner and "trigger:lemma=sanction" in inner


def test_a_pronoun_counts_only_for_an_entity_named_in_the_sentence(nlp):
    found = candidate_features(nlp, "Japan said it would send aid to Ukraine.")
    cand, f = found[("Japan", "Ukraine")]
    assert cand.via_pronoun and "dist:via_pronoun" in f and "trigger:lemma=send" in f


def test_a_conjunct_fills_the_slot_of_the_first_conjunct(nlp):
    found = candidate_features(nlp, "Brazil sued Argentina, Chile and Peru over the dam.")
    cand, f = found[("Brazil", "Peru")]
    assert cand.second_lift.startswith("conj") and "trigger:lemma=sue" in f and "trigger:second_chain=dobj" in f
    # two conjuncts of each other keep their own path: neither takes the other's place
    cand, f = found[("Argentina", "Chile")]
    assert not cand.first_lift and not cand.second_lift and "path:second_lift=conj" not in f


def test_a_name_under_a_state_organ_fills_the_organs_slot(nlp):
    found = candidate_features(nlp, "The government of Brazil sued Argentina over the dam.")
    cand, f = found[("Brazil", "Argentina")]
    assert cand.first_lift == "proxy" and "trigger:first_chain=nsubj" in f and "path:first_lift=proxy" in f
    # a name under a noun that is not an organ of the state keeps its own place
    cand, f = candidate_features(nlp, "The football fans of Brazil sued Argentina over the dam.")[("Brazil", "Argentina")]
    assert not cand.first_lift and "trigger:first_chain=nsubj>prep:of>pobj" in f


def test_model_file_round_trip(tmp_path):
    model = load_model()
    assert model.classes == CLASSES and 0.0 < model.threshold < 1.0
    copy = tmp_path / "relations.json"
    model.to_disk(copy)
    again = RelationModel.from_disk(copy)
    rows = [sorted(model.weights)[:40], ["rule:forward", "trigger:roles=nsubj|dobj"], []]
    for before, after in zip(model.predict(rows), again.predict(rows)):
        assert after == pytest.approx(before)
    assert again.cfg == model.cfg and copy.read_bytes() == MODEL_PATH.read_bytes()


def test_model_file_must_say_what_it_is(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    with pytest.raises(ValueError, match="not an entity-graph relation model"):
        RelationModel.from_disk(bad)


def test_probabilities_sum_to_one():
    for probs in load_model().predict([["rule:forward"], ["no such feature"], []]):
        assert sum(probs) == pytest.approx(1.0) and all(0 <= p <= 1 for p in probs)


def test_relation_edges_carry_confidence(graph_of):
    g = graph_of("Brazil sued Argentina over the dam on Friday.")
    edges = [(u, v, d) for u, v, d in g.edges(data=True) if d["kind"] == "relation"]
    assert [(u, v) for u, v, _ in edges] == [("Brazil", "Argentina")]
    _, _, data = edges[0]
    assert data["predicate"] == "sue" and load_model().threshold <= data["confidence"] <= 1.0
    assert data["evidence"][0]["confidence"] == data["confidence"]


def test_confidence_of_several_sentences_is_a_noisy_or(graph_of):
    text = "Brazil sued Argentina over the dam. Brazil sued Argentina again in May."
    g = graph_of(text)
    (data,) = [d for _, _, d in g.edges(data=True) if d["kind"] == "relation" and d["predicate"] == "sue"]
    p = [e["confidence"] for e in data["evidence"]]
    assert len(p) == 2 and data["confidence"] == pytest.approx(1 - (1 - p[0]) * (1 - p[1]), abs=1e-4)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "graph", "build", *args], capture_output=True, text=True)


def test_cli_min_confidence(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Brazil sued Argentina over the dam. Laura Gomez says that Chile and Peru trade copper.", encoding="utf-8")

    def relations(value):
        out = tmp_path / f"out{value}"
        done = run_cli(str(text), "--out", str(out), "--no-cache", "--formats", "json", "--min-confidence", value)
        assert done.returncode == 0, done.stderr
        data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
        assert data["graph"]["min_confidence"] == float(value)
        return [e for e in data["edges"] if e["kind"] == "relation"]

    everything, strict = relations("0"), relations("0.99")
    assert len(everything) > len(strict)
    assert all(e["confidence"] >= 0.99 for e in strict)
    for bad in ("-0.1", "1.5", "high"):
        done = run_cli(str(text), "--out", str(tmp_path / "bad"), "--min-confidence", bad)
        assert done.returncode == 2 and "--min-confidence" in done.stderr and "Traceback" not in done.stderr
        assert not (tmp_path / "bad").exists()
