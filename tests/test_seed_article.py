"""The article this project started from (../shared/examples/seed_article.txt), end to end."""
from __future__ import annotations

import json

import pytest

from graph.cli import main


@pytest.fixture(scope="module")
def seed_graph(shared, tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    assert main(["build", str(shared / "examples" / "seed_article.txt"), "--out", str(out), "-q"]) == 0
    return json.loads((out / "graph.json").read_text(encoding="utf-8")), out


def test_each_person_and_place_is_one_node(seed_graph):
    data, _ = seed_graph
    ids = [n["id"] for n in data["nodes"]]
    for name in ("Donald Trump", "Vladimir Putin", "Volodymyr Zelenskyy", "Mai'a Cross", "Russia", "Ukraine", "Europeans"):
        assert ids.count(name) == 1, name
    for short in ("Trump", "Putin", "Cross", "Zelenskyy"):
        assert short not in ids, f"{short} should have joined the full name"


def test_people_are_typed_person(seed_graph):
    data, _ = seed_graph
    types = {n["id"]: n["type"] for n in data["nodes"]}
    for person in ("Donald Trump", "Vladimir Putin", "Volodymyr Zelenskyy", "Mai'a Cross", "Joe Biden"):
        assert types[person] == "PERSON", person


def test_aliases_and_mentions(seed_graph):
    data, _ = seed_graph
    trump = next(n for n in data["nodes"] if n["id"] == "Donald Trump")
    assert set(trump["aliases"]) == {"Donald Trump", "Trump"}
    assert trump["mentions"] >= 4


def test_trump_meets_putin_and_zelenskyy(seed_graph):
    data, _ = seed_graph
    meets = {
        frozenset((e["source"], e["target"]))
        for e in data["edges"]
        if e["kind"] == "relation" and e["predicate"] == "meet"
    }
    assert frozenset(("Donald Trump", "Vladimir Putin")) in meets
    assert frozenset(("Donald Trump", "Volodymyr Zelenskyy")) in meets
    edge = next(e for e in data["edges"] if e["kind"] == "relation" and {e["source"], e["target"]} == {"Donald Trump", "Volodymyr Zelenskyy"})
    assert edge["symmetric"] is True
    assert any("separately meet with President Volodymyr Zelenskyy" in ev["sentence"] for ev in edge["evidence"])


def test_the_reporter_is_not_a_participant(seed_graph):
    data, _ = seed_graph
    for e in data["edges"]:
        if e["kind"] == "relation":
            assert "New York Times" not in (e["source"], e["target"]), e  # "according to": never an argument
            # the quoted expert is no participant either; the trained model may still keep such a
            # pair just above its threshold (0.25), where a third of its edges are right
            # (MODEL_CARD.md, calibration), never with the confidence of a stated relation
            if "Mai'a Cross" in (e["source"], e["target"]):
                assert e["confidence"] < 0.4, e
