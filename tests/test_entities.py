"""Within-document entities on real model output, from sentences written for these tests."""
from __future__ import annotations


def names(extraction):
    return {e.name: e for e in extraction.entities}


def test_surname_joins_full_name_and_type_is_voted(extract):
    x = extract(
        "Senator Maria Delgado criticised the plan on Monday. "
        "Delgado said the bill would hurt farmers. Later, Delgado met with union leaders."
    )
    found = names(x)
    assert "Maria Delgado" in found and "Delgado" not in found
    assert found["Maria Delgado"].label == "PERSON"
    assert found["Maria Delgado"].mentions == 3
    assert set(found["Maria Delgado"].aliases) == {"Maria Delgado", "Delgado"}


def test_shared_surname_stays_apart(extract):
    x = extract(
        "George Bush and Jeb Bush appeared together in Miami. "
        "Bush told the crowd that the campaign was going well."
    )
    found = names(x)
    assert "George Bush" in found and "Jeb Bush" in found
    assert found["George Bush"].key != found["Jeb Bush"].key
    # The lone "Bush" is ambiguous: it may stay on its own but must not join either person.
    assert "Bush" not in found["George Bush"].aliases and "Bush" not in found["Jeb Bush"].aliases


def test_possessive_and_determiner_are_stripped(extract):
    x = extract("The United Nations said Germany's government had sent aid to the Philippines.")
    found = names(x)
    assert "Germany" in found and "Germany's" not in found
    assert "United Nations" in found
    assert "Philippines" in found


def test_mentions_keep_original_characters_and_offsets(extract):
    text = "Officials in Kyiv said Zelenskyy’s plan was welcomed by Poland’s government."
    x = extract(text)
    for m in x.mentions:
        assert text[m.start_char : m.end_char] == m.text
    assert any(m.name == "Poland" and m.text == "Poland" for m in x.mentions)


def test_lower_case_spans_are_not_names(extract):
    x = extract('"It matters," says Ana Ruiz, dean\'s professor of economics at Stanford University.')
    assert all(any(ch.isupper() for ch in e.name) for e in x.entities)
    assert "Ana Ruiz" in names(x)


def test_cooccurrence_counts_sentences(graph_of):
    g = graph_of(
        "France and Germany signed a treaty. Officials from France and Germany met again in May. "
        "France later hosted Spain."
    )
    data = g.get_edge_data("France", "Germany") or g.get_edge_data("Germany", "France")
    co = data["cooccurrence"]
    assert co["weight"] == 2
    assert len(co["evidence"]) == 2
    assert {e["doc"] for e in co["evidence"]} == {"doc0"}
