"""The hand-written relation rules (``relations/rules.py``), one self-written sentence per pattern, on real
spaCy output. The trained model reads their verdicts as evidence (``test_relation_model.py``)."""
from __future__ import annotations

import pytest

from conftest import relation_pairs


def relation_edges(graph, predicate=None):
    return [
        (u, v, d) for u, v, d in graph.edges(data=True)
        if d["kind"] == "relation" and (predicate is None or d["predicate"] == predicate)
    ]


def either_way(pairs, a, b):
    return (a, b) in pairs or (b, a) in pairs


# -- verbs ------------------------------------------------------------------------------------

def test_subject_verb_object_keeps_direction(rule_graph_of):
    g = rule_graph_of("Brazil sued Argentina over the dam on Friday.")
    assert ("Brazil", "Argentina") in relation_pairs(g, "sue")
    assert ("Argentina", "Brazil") not in relation_pairs(g)


def test_prepositional_object(rule_graph_of):
    g = rule_graph_of("Chancellor Olaf Brandt will meet with President Ana Silva in Lisbon next week.")
    assert either_way(relation_pairs(g, "meet"), "Olaf Brandt", "Ana Silva")
    assert not any("Lisbon" in pair for pair in relation_pairs(g)), "a place after 'in' is not a patient"


def test_passive_with_agent_runs_from_agent(rule_graph_of):
    g = rule_graph_of("Kuwait was invaded by Iraq in 1990.")
    assert ("Iraq", "Kuwait") in relation_pairs(g, "invade")


def test_passive_without_agent_gives_nothing(rule_graph_of):
    g = rule_graph_of("Kuwait was invaded in 1990, and Egypt watched.")
    assert not relation_pairs(g, "invade")


def test_control_passes_the_subject_down(rule_graph_of):
    g = rule_graph_of("Prime Minister Kenji Sato intends to meet with Chancellor Olaf Brandt in Tokyo.")
    edges = relation_edges(g, "meet")
    assert edges and either_way({(u, v) for u, v, _ in edges}, "Kenji Sato", "Olaf Brandt")
    assert all(d["modality"] == "intended" for *_, d in edges)
    assert not relation_pairs(g, "intend")


def test_object_control(rule_graph_of):
    g = rule_graph_of("The United Nations urged Ethiopia to release Eritrea's prisoners.")
    assert ("United Nations", "Ethiopia") in relation_pairs(g, "urge")


def test_shared_subject(rule_graph_of):
    g = rule_graph_of("Canada and Mexico sanctioned Venezuela on Monday.")
    pairs = relation_pairs(g, "sanction")
    assert ("Canada", "Venezuela") in pairs and ("Mexico", "Venezuela") in pairs


def test_symmetric_verb_between_conjoined_subjects(rule_graph_of):
    g = rule_graph_of("Japan and South Korea met in Seoul on Tuesday.")
    edges = relation_edges(g, "meet")
    assert edges and all(d["symmetric"] for *_, d in edges)
    assert either_way({(u, v) for u, v, _ in edges}, "Japan", "South Korea")


def test_shared_verb_over_coordinated_prepositions(rule_graph_of):
    g = rule_graph_of("President Ana Silva met with Chancellor Olaf Brandt and then separately with Prime Minister Kenji Sato.")
    pairs = relation_pairs(g, "meet")
    assert either_way(pairs, "Ana Silva", "Olaf Brandt") and either_way(pairs, "Ana Silva", "Kenji Sato")


def test_shared_object(rule_graph_of):
    g = rule_graph_of("Norway criticised Poland and Hungary at the summit.")
    pairs = relation_pairs(g)
    assert ("Norway", "Poland") in pairs and ("Norway", "Hungary") in pairs


def test_relative_clause_subject(rule_graph_of):
    g = rule_graph_of("Turkey, which invaded Cyprus in 1974, rejected the plan.")
    assert ("Turkey", "Cyprus") in relation_pairs(g, "invade")


def test_apposition_stands_for_its_noun(rule_graph_of):
    g = rule_graph_of("The drone strike killed the commander, Omar Haddad, near the border.")
    assert not relation_pairs(g)  # no agent entity: nothing invented
    g = rule_graph_of("Israel killed the commander, Omar Haddad, near the border.")
    assert ("Israel", "Omar Haddad") in relation_pairs(g, "kill")


def test_negation_is_an_attribute(rule_graph_of):
    g = rule_graph_of("Chile did not sanction Peru after the dispute.")
    edges = relation_edges(g, "sanction")
    assert edges and all(d["negated"] for *_, d in edges)
    g = rule_graph_of("Chile sanctioned Peru after the dispute.")
    assert relation_edges(g, "sanction") and not any(d["negated"] for *_, d in relation_edges(g, "sanction"))


def test_possible_modality(rule_graph_of):
    edges = relation_edges(rule_graph_of("Germany could sanction Belarus next year."), "sanction")
    assert edges and all(d["modality"] == "possible" for *_, d in edges)


def test_quote_attribution_is_not_a_relation(rule_graph_of):
    g = rule_graph_of('"Spain will not back down," says Laura Gomez, a professor at Oxford University.')
    assert not relation_pairs(g)
    g = rule_graph_of("Laura Gomez says that Spain and Portugal are close allies.")
    assert not any("Laura Gomez" in pair for pair in relation_pairs(g))


def test_reported_clause_keeps_its_relation_as_reported(rule_graph_of):
    g = rule_graph_of("The Guardian reported that Egypt had attacked Libya.")
    edges = relation_edges(g, "attack")
    assert [(u, v) for u, v, _ in edges] == [("Egypt", "Libya")]
    assert edges[0][2]["modality"] == "reported"


# -- action nouns -----------------------------------------------------------------------------

def test_possessor_invasion_of(rule_graph_of):
    g = rule_graph_of("Before Iraq's invasion of Kuwait, trade was strong.")
    assert ("Iraq", "Kuwait") in relation_pairs(g, "invade")


def test_annexation_by(rule_graph_of):
    g = rule_graph_of("The annexation of Tibet by China was condemned.")
    assert ("China", "Tibet") in relation_pairs(g, "annex")


def test_light_verb_lends_its_subject(rule_graph_of):
    g = rule_graph_of("Ethiopia launched attacks on Eritrea in May.")
    assert ("Ethiopia", "Eritrea") in relation_pairs(g, "attack")
    g = rule_graph_of("The European Union imposed sanctions on Belarus.")
    assert ("European Union", "Belarus") in relation_pairs(g, "sanction")


def test_talks_between(rule_graph_of):
    g = rule_graph_of("Talks between Armenia and Azerbaijan resumed in Geneva.")
    edges = relation_edges(g, "talk")
    assert edges and either_way({(u, v) for u, v, _ in edges}, "Armenia", "Azerbaijan")
    assert all(d["symmetric"] for *_, d in edges)


def test_held_talks_with(rule_graph_of):
    g = rule_graph_of("India held talks with Pakistan on Sunday.")
    assert either_way(relation_pairs(g, "talk"), "India", "Pakistan")


def test_sanctions_against(rule_graph_of):
    g = rule_graph_of("Canada announced new sanctions against Iran.")
    assert ("Canada", "Iran") in relation_pairs(g, "sanction")


def test_no_meetings_is_negated(rule_graph_of):
    g = rule_graph_of("There have been no meetings between Serbia and Kosovo since May.")
    edges = relation_edges(g, "meet")
    assert all(d["negated"] for *_, d in edges)


def test_demonym_modifier_reaches_its_country(rule_graph_of):
    g = rule_graph_of("Ukraine responded with drone strikes on Russian refineries.")
    assert ("Ukraine", "Russia") in relation_pairs(g, "strike")


@pytest.mark.parametrize("predicate,category", [("sanction", "sanction"), ("meet", "consult"), ("invade", "assault")])
def test_category_comes_from_the_ontology(rule_graph_of, predicate, category):
    texts = {
        "sanction": "Canada sanctioned Iran.",
        "meet": "Chancellor Olaf Brandt met with President Ana Silva.",
        "invade": "Iraq invaded Kuwait.",
    }
    edges = relation_edges(rule_graph_of(texts[predicate]), predicate)
    assert edges and all(d["category"] == category for *_, d in edges)


def test_participle_under_a_noun_root_terminates(rule_graph_of):
    """A headline-like sentence whose root is a noun (the parser's root is its own head)."""
    g = rule_graph_of("A message on Twitter blaming Iran for the attacks.\n\nThe report from Reuters naming Kenya.")
    assert g.number_of_nodes() >= 2


def test_participle_takes_the_clause_agent(rule_graph_of):
    g = rule_graph_of("Secretary of State Mike Pompeo posted a message on Twitter blaming Iran for the attacks.")
    assert ("Mike Pompeo", "Iran") in relation_pairs(g, "blame")


def test_state_passive_with_a_partner(rule_graph_of):
    g = rule_graph_of("The Houthis are closely aligned with Iran, officials in Yemen said.")
    assert ("Houthis", "Iran") in relation_pairs(g, "align")
    g = rule_graph_of("Alexei Ivanov was poisoned with Novichok in Omsk.")
    assert not relation_pairs(g, "poison")


def test_pronoun_resolution_marks_its_relations(rule_graph_of):
    g = rule_graph_of("Chancellor Olaf Brandt flew to Lisbon on Monday. He met President Ana Silva at the palace.")
    edges = relation_edges(g, "meet")
    assert edges and either_way({(u, v) for u, v, _ in edges}, "Olaf Brandt", "Ana Silva")
    assert all(d["via_pronoun"] for *_, d in edges)


def test_pronoun_gender_from_the_texts_own_honorifics(rule_graph_of):
    g = rule_graph_of("Mrs. Laura Gomez and Mr. Pedro Ruiz arrived in Madrid. She criticised Spain.")
    assert ("Laura Gomez", "Spain") in relation_pairs(g, "criticise") | relation_pairs(g, "criticize")
    assert not any(u == "Pedro Ruiz" for u, _ in relation_pairs(g))


def test_she_says_relates_nobody(rule_graph_of):
    g = rule_graph_of('Professor Ana Ruiz studies Russia and Ukraine. "Russia will not stop," she says.')
    assert not any("Ana Ruiz" in pair for pair in relation_pairs(g))
