"""Relations from the dependency parse, on sentences written for these tests."""
from __future__ import annotations

from conftest import relation_pairs


def test_prepositional_object(graph_of):
    g = graph_of("Chancellor Olaf Brandt will meet with President Ana Silva in Lisbon next week.")
    assert relation_pairs(g, "meet") & {("Olaf Brandt", "Ana Silva"), ("Ana Silva", "Olaf Brandt")}


def test_infinitive_complement_passes_the_subject_down(graph_of):
    g = graph_of("Prime Minister Kenji Sato intends to meet with Chancellor Olaf Brandt in Tokyo.")
    assert relation_pairs(g, "meet") & {("Kenji Sato", "Olaf Brandt"), ("Olaf Brandt", "Kenji Sato")}
    assert not relation_pairs(g, "intend")


def test_direct_object_keeps_direction(graph_of):
    g = graph_of("Brazil sued Argentina over the dam on Friday.")
    assert ("Brazil", "Argentina") in relation_pairs(g, "sue")
    assert ("Argentina", "Brazil") not in relation_pairs(g)


def test_passive_with_agent_runs_from_agent(graph_of):
    g = graph_of("Kuwait was invaded by Iraq in 1990.")
    assert ("Iraq", "Kuwait") in relation_pairs(g, "invade")


def test_negation_is_an_attribute(graph_of):
    g = graph_of("Chile did not sanction Peru after the dispute.")
    edges = [d for *_, d in g.edges(data=True) if d["kind"] == "relation" and d["predicate"] == "sanction"]
    assert edges and all(d["negated"] for d in edges)


def test_quote_attribution_is_not_a_relation(graph_of):
    g = graph_of('"Spain will not back down," says Laura Gomez, a professor at Oxford University.')
    assert not relation_pairs(g)
