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


def entity_of(extraction, surface):
    """The local entity a mention with this cleaned name belongs to."""
    keys = {m.key for m in extraction.mentions if m.name == surface}
    assert len(keys) == 1, f"{surface!r} found as {keys}"
    (key,) = keys
    return next(e for e in extraction.entities if e.key == key)


def test_country_aliases_are_one_entity(extract):
    x = extract(
        "The United States warned Iran on Monday. U.S. officials said America would act, "
        "and the US Navy moved ships."
    )
    us = entity_of(x, "United States")
    assert us.label == "GPE"
    assert {"U.S.", "America"} <= set(us.aliases) or {"U.S.", "US"} <= set(us.aliases)
    assert sum(1 for e in x.entities if e.name == "United States") == 1


def test_demonym_adjective_is_its_country(extract):
    x = extract("Russian President Boris Ivanov met Greek officials. Russia later sent aid to Greece.")
    russia = entity_of(x, "Russia")
    assert "Russian" in russia.aliases and russia.label == "GPE"
    greece = entity_of(x, "Greece")
    assert "Greek" in greece.aliases


def test_plural_people_noun_stays_a_group(extract):
    x = extract("Many Russians oppose the war, a poll in Russia found.")
    names = {e.name: e for e in x.entities}
    assert "Russians" in names and names["Russians"].label == "NORP"
    assert names["Russians"].key != names["Russia"].key


def test_demonym_of_no_single_country_is_the_group(extract):
    x = extract("European leaders met in Brussels. The Europeans want a deal with China.")
    names = {e.name: e for e in x.entities}
    assert "Europeans" in names and names["Europeans"].label == "NORP"
    assert set(names["Europeans"].aliases) >= {"European", "Europeans"}


def test_capital_city_is_not_its_country(extract):
    x = extract("Moscow said Russia would respond. Officials in Washington said the United States was ready.")
    names = {e.name for e in x.entities}
    assert {"Moscow", "Russia", "Washington", "United States"} <= names


def test_acronym_defined_in_parentheses(extract):
    x = extract(
        "The Islamic Revolutionary Guard Corps (IRGC) fired missiles. "
        "The IRGC said the strikes were a warning to Israel."
    )
    irgc = entity_of(x, "Islamic Revolutionary Guard Corps")
    assert "IRGC" in irgc.aliases


def test_acronym_spelling_initials(extract):
    x = extract("The European Union agreed new rules. The EU will apply them next year.")
    eu = entity_of(x, "European Union")
    assert "EU" in eu.aliases


def test_diacritic_variants_are_one_person(extract):
    x = extract("President Recep Tayyip Erdoğan spoke in Ankara. Erdogan said Turkey would not wait.")
    person = entity_of(x, "Recep Tayyip Erdoğan")
    assert person.label == "PERSON" and "Erdogan" in person.aliases


def test_middle_initial_is_the_same_person(extract):
    x = extract("George W. Bush visited Texas. George Bush told reporters he was happy.")
    assert entity_of(x, "George W. Bush").key == entity_of(x, "George Bush").key


def test_spelling_variant_of_an_organisation(extract):
    x = extract("The Ministry of Defence denied the report. A Ministry of Defense spokesman declined to comment.")
    orgs = [e for e in x.entities if e.name.startswith("Ministry")]
    assert len(orgs) == 1


def test_title_inside_an_entity_is_not_a_name(extract):
    x = extract("US Secretary of State Mike Pompeo said the crash was Iran's doing.")
    assert "State" not in {e.name for e in x.entities}
    assert entity_of(x, "Mike Pompeo").label == "PERSON"


def test_country_and_person_in_one_span_are_split(extract):
    x = extract('President of Ukraine Volodymyr Zelenskyy said, "We expect answers from Iran".')
    names = {e.name: e for e in x.entities}
    assert "Volodymyr Zelenskyy" in names and names["Volodymyr Zelenskyy"].label == "PERSON"
    assert "Ukraine" in names


def test_a_name_never_keeps_a_bracket_or_quote_it_does_not_close(graph_of):
    g = graph_of(
        "The Federal Bureau of Investigation (FBI) opened an inquiry in Texas. The FBI declined to comment.",
        'Officials said [Bashar al] Assad met Vladimir Putin in Moscow.',
        'William "Bill" Clinton and Edward (Eamon) de Valera never met.',
    )
    assert "Federal Bureau of Investigation" in g and "FBI" in g.nodes["Federal Bureau of Investigation"]["aliases"]
    assert "Assad" in g
    assert 'William "Bill" Clinton' in g and "Edward (Eamon) de Valera" in g  # balanced ones stay
    for name in g:
        assert name.count("(") == name.count(")") and name.count("[") == name.count("]") and name.count('"') % 2 == 0, name


# -- across documents -------------------------------------------------------------------------

def test_documents_share_canonical_entities(graph_of):
    g = graph_of(
        "Chancellor Angela Merkel met French officials in Berlin.",
        "The Kremlin said it would respond. Vladimir Putin met Merkel. The US agreed.",
        "The United States and Germany signed the deal.",
    )
    assert "Merkel" not in g and "Angela Merkel" in g
    assert g.nodes["Angela Merkel"]["documents"] == 2
    assert "US" not in g and g.nodes["United States"]["documents"] == 2


def test_a_country_alias_at_the_start_of_a_name_is_read_as_the_country(graph_of):
    g = graph_of(
        "The U.S. Army sent engineers to Haiti on Monday.",
        "The United States Army said the engineers would stay in Haiti for a month.",
        "The US Army and the United Kingdom Parliament were not consulted, said Maria Lopez.",
    )
    armies = [n for n in g if n.endswith("Army")]
    assert len(armies) == 1, armies
    assert g.nodes[armies[0]]["documents"] == 3
    assert {"U.S. Army", "United States Army"} <= set(g.nodes[armies[0]]["aliases"])
    assert "United States" not in g or g.nodes["United States"]["documents"] <= 1  # the army is not the country


def test_a_lone_surname_shared_by_two_people_stays_apart(graph_of):
    g = graph_of(
        "George Bush spoke in Texas on Monday.",
        "Jeb Bush spoke in Florida on Tuesday.",
        "Bush said the party would win.",
    )
    assert "George Bush" in g and "Jeb Bush" in g
    assert "Bush" not in g.nodes["George Bush"]["aliases"]
    assert "Bush" not in g.nodes["Jeb Bush"]["aliases"]


def test_user_alias_file_csv(graph_of, tmp_path, nlp):
    from graph import Document, build_graph
    from graph.aliases import load_aliases

    path = tmp_path / "aliases.csv"
    path.write_text(
        "alias,canonical,type,never_merge_with\n"
        "Kremlin,Russia,GPE,\n"
        "Merkel,,,Angela Merkel\n",
        encoding="utf-8",
    )
    docs = [
        Document("a", "Russia sent troops. Chancellor Angela Merkel met French officials in Berlin."),
        Document("b", "The Kremlin said it would respond. Vladimir Putin met Merkel."),
    ]
    plain = build_graph(docs)
    assert "Merkel" not in plain and "Kremlin" in plain  # the rules join the lone surname ...
    g = build_graph(docs, aliases=load_aliases(path))
    assert "Kremlin" not in g and "Kremlin" in g.nodes["Russia"]["aliases"]
    assert g.nodes["Russia"]["type"] == "GPE" and g.nodes["Russia"]["documents"] == 2
    assert "Merkel" in g and "Angela Merkel" in g  # ... and never_merge keeps it apart


def test_user_alias_file_yaml(tmp_path):
    from graph.aliases import load_aliases

    path = tmp_path / "aliases.yaml"
    path.write_text(
        "aliases:\n  POTUS: Donald Trump\n  Bibi: {canonical: Benjamin Netanyahu, type: PERSON}\n"
        "never_merge:\n  - [George Bush, George W. Bush]\n",
        encoding="utf-8",
    )
    aliases = load_aliases(path)
    assert [(r.alias, r.canonical, r.type) for r in aliases.rules] == [
        ("POTUS", "Donald Trump", None), ("Bibi", "Benjamin Netanyahu", "PERSON")]
    assert aliases.never_merge == (("George Bush", "George W. Bush"),)


def test_bad_alias_file_is_a_usage_error(tmp_path):
    import pytest
    from graph.aliases import load_aliases
    from graph.errors import UsageError

    path = tmp_path / "aliases.csv"
    path.write_text("name,other\nx,y\n", encoding="utf-8")
    with pytest.raises(UsageError, match="header"):
        load_aliases(path)
