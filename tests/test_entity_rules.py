"""Entity rules of issue #13, each with a case it must handle and one it must leave alone.

Real model output, on sentences written for these tests (people and firms are invented).
"""
from __future__ import annotations

import csv

import pytest

from graph import Document, build_graph


def names(extraction):
    return {e.name: e for e in extraction.entities}


def entity_of(extraction, surface):
    keys = {m.key for m in extraction.mentions if m.name == surface}
    assert len(keys) == 1, f"{surface!r} found as {keys}"
    (key,) = keys
    return next(e for e in extraction.entities if e.key == key)


# --- titles and roles ---------------------------------------------------------------------------

def test_role_words_before_a_name_are_cut_off(extract):
    x = extract("On Monday, Regional Governor Tomas Okafor met Chief Executive Carrie Lam in the capital. "
                "Ecologist Ryan Norris joined them, and Lam thanked Okafor.")
    found = names(x)
    assert {"Tomas Okafor", "Carrie Lam", "Ryan Norris"} <= set(found)
    assert not any("Governor" in n or "Executive" in n or "Ecologist" in n for n in found)
    assert "Lam" in found["Carrie Lam"].aliases


def test_a_surname_that_is_a_role_word_stays(extract):
    x = extract("Julie Bishop spoke in Canberra. Bishop said the talks went well. "
                "Martin Luther King Jr. is remembered in Atlanta.")
    found = names(x)
    assert "Julie Bishop" in found and "Bishop" in found["Julie Bishop"].aliases
    assert "Martin Luther King Jr." in found


def test_an_organisation_loses_a_trailing_role_word(extract):
    x = extract("The NASA Administrator said the launch would go ahead on Friday.")
    assert "NASA" in names(x)
    assert not any("Administrator" in n for n in names(x))


def test_an_organisation_ending_with_an_organisation_word_is_kept(extract):
    x = extract("The Baltimore Police Department said the International Court of Justice had written.")
    assert "Baltimore Police Department" in names(x)
    assert "International Court of Justice" in names(x)


def test_a_role_word_alone_is_not_an_entity(extract):
    x = extract("The Cardinal told reporters in Rome that the Queen had written to him.")
    assert "Cardinal" not in names(x) and "Queen" not in names(x)
    assert "Rome" in names(x)


# --- organisations ----------------------------------------------------------------------------

def test_a_legal_suffix_does_not_split_a_company(extract):
    x = extract("Brightwater Inc. said on Monday it would cut jobs. Brightwater expects lower sales, "
                "and Corvale Corporation said Corvale would buy the plant.")
    assert entity_of(x, "Brightwater").key == entity_of(x, "Brightwater Inc.").key
    assert entity_of(x, "Corvale").key == entity_of(x, "Corvale Corporation").key


def test_a_company_and_its_national_branch_stay_apart(extract):
    x = extract("Apple Inc. said Apple Japan would open two stores. Apple expects strong sales.")
    assert entity_of(x, "Apple Japan").key != entity_of(x, "Apple").key


def test_a_short_name_joins_its_trade_name(extract):
    x = extract("Flights of Orlan Airlines were stopped on Monday. Orlan said it had done nothing wrong.")
    assert entity_of(x, "Orlan").key == entity_of(x, "Orlan Airlines").key


def test_a_short_name_does_not_join_a_body_named_after_it(extract):
    x = extract("The House passed the bill on Monday. The House Intelligence Committee will meet on Friday.")
    found = names(x)
    assert "House Intelligence Committee" in found
    assert "House" not in found["House Intelligence Committee"].aliases


def test_coordinated_organisations_are_two(extract):
    x = extract("The Scottish National Party and Plaid Cymru agreed to vote against the budget.")
    assert {"Scottish National Party", "Plaid Cymru"} <= set(names(x))


def test_names_with_and_inside_stay_whole(extract):
    x = extract("Officials from Bosnia and Herzegovina met the U.S. Fish and Wildlife Service in Ohio.")
    found = names(x)
    assert "Bosnia and Herzegovina" in found
    assert any("Fish and Wildlife Service" in n for n in found)


# --- countries and demonyms -------------------------------------------------------------------

def test_a_demonym_adjective_is_its_country_even_alone(extract):
    x = extract("Greece held a vote on Sunday. Greek was the only language on the ballot.")
    assert entity_of(x, "Greek").name == "Greece"


def test_a_former_state_is_one_country_under_its_names_and_demonym(extract):
    x = extract("The Soviet Union collapsed in 1991. The USSR had fifteen republics, and Soviet leaders "
                "met East German officials.")
    assert entity_of(x, "USSR").name == entity_of(x, "Soviet").name == "Soviet Union"
    assert entity_of(x, "Soviet").label == "GPE"
    assert entity_of(x, "East German").name == "East Germany"


def test_a_name_that_could_be_two_countries_joins_the_one_the_document_names(extract):
    x = extract("Fighting in the Democratic Republic of the Congo continued. Congo has asked for help. "
                "South Korea said the talks failed. Korea will respond.")
    assert entity_of(x, "Congo").name == "Democratic Republic of the Congo"
    assert entity_of(x, "Korea").name == "South Korea"
    x = extract("North Korea and South Korea met. Korea was divided in 1945.")
    assert entity_of(x, "Korea").key not in (entity_of(x, "North Korea").key, entity_of(x, "South Korea").key)


def test_the_demonym_with_a_determiner_is_the_people(extract):
    x = extract("The French voted on Sunday, and Germany watched closely.")
    assert entity_of(x, "French").label == "NORP"


def test_a_demonym_in_a_hyphenated_compound_is_the_country(extract):
    x = extract("The rebels flew Iranian-made drones over the border on Tuesday.")
    assert entity_of(x, "Iranian").name == "Iran"


def test_a_hyphen_prefix_is_cut_but_an_arabic_article_is_kept(extract):
    x = extract("Thousands of pro-Beijing supporters marched, and al-Qaeda claimed the attack.")
    found = names(x)
    assert "Beijing" in found and not any(n.startswith("pro-") for n in found)
    assert any(n.startswith("al-Qaeda") for n in found)


def test_a_countrys_government_is_the_country(extract):
    x = extract("The Canadian Government said it would send aid. Canada will also send doctors.")
    assert entity_of(x, "Canadian Government").name == "Canada"


def test_a_body_named_government_is_not_a_country(extract):
    x = extract("The Government Accountability Office published its report on Monday.")
    assert any("Government Accountability Office" in n for n in names(x))


def test_a_territory_that_starts_with_a_nationality_is_one_place(extract):
    x = extract("The rocket was launched from Kourou in French Guiana on Tuesday. "
                "Argentina still claims the Falkland Islands.")
    found = names(x)
    assert found["French Guiana"].label == "GPE" and "France" not in found
    assert found["Falkland Islands"].label == "GPE"


def test_a_nationality_before_other_words_and_a_longer_name_holding_a_territory_stay(extract):
    x = extract("The French government sent aid. The Cayman Islands Monetary Authority fined the bank.")
    found = names(x)
    assert "France" in found and "French" in found["France"].aliases
    assert "Cayman Islands" not in found


# --- junk ---------------------------------------------------------------------------------------

def test_laws_and_code_names_are_not_entities(extract):
    x = extract("The Clean Air Act was passed in 1970. COVID-19 spread to Italy in February.")
    found = names(x)
    assert not any("Act" in n for n in found) and "COVID-19" not in found
    assert "Italy" in found


def test_an_organisation_with_treaty_inside_and_a_numbered_group_stay(extract):
    x = extract("The North Atlantic Treaty Organization met in Brussels, and G7 leaders met in Rome.")
    found = names(x)
    assert "North Atlantic Treaty Organization" in found
    assert "G7" in found


# --- types ----------------------------------------------------------------------------------------

def test_context_types_a_platform_and_a_place(extract):
    x = extract("Mayor Elena Voss wrote on Twitter that she would stay in Glasgow. "
                "Her Instagram account was closed.")
    found = names(x)
    assert found["Twitter"].label == "ORG"
    assert found["Instagram"].label == "ORG"
    assert found["Elena Voss"].label == "PERSON"


def test_a_person_named_in_full_after_on_stays_a_person(extract):
    x = extract("The committee put pressure on Maria Delgado after the vote.")
    assert names(x)["Maria Delgado"].label == "PERSON"


def test_the_words_of_a_name_give_its_type(extract):
    x = extract("The case was heard at Brighton Crown Court, not far from Causeway Bay.")
    found = names(x)
    assert found["Brighton Crown Court"].label == "ORG"


def test_a_surname_vote_needs_a_person(extract):
    x = extract("Members of the National Parliament voted on Monday. Parliament will meet again in May.")
    assert entity_of(x, "Parliament").name == "National Parliament"
    assert entity_of(x, "National Parliament").label == "ORG"


def test_an_apposition_after_another_name_types_that_name_not_the_first(extract):
    # the parser hangs "a Boston firm" on Kalven; the firm is Westmark Security
    x = extract("Robert Kalven of Westmark Security, a Boston firm, said the review would take weeks. "
                "Daniel Okoro of Lagos, a city of millions, said rates would rise.")
    found = names(x)
    assert found["Robert Kalven"].label == "PERSON" and found["Westmark Security"].label == "ORG"
    assert found["Daniel Okoro"].label == "PERSON" and found["Lagos"].label == "GPE"


def test_an_apposition_right_after_a_name_still_types_it(extract):
    x = extract("Morrow Hale, a security firm in Boston, said the review would take weeks. "
                "Ketterby, a town in Norfolk, was flooded.")
    found = names(x)
    assert found["Morrow Hale"].label == "ORG"
    assert found["Ketterby"].label == "GPE"


# --- people -----------------------------------------------------------------------------------------

def test_surname_variants_join_the_one_person(extract):
    x = extract("Jacques Marchand spoke in Lyon on Monday. Later Marchnad told reporters he was pleased. "
                "Chief Justice John Roberts Jr. wrote the opinion, and Roberts read it aloud. "
                "The singer Riad al-Saray sang in Baghdad; Saray smiled.")
    assert entity_of(x, "Marchnad").name == "Jacques Marchand"
    assert entity_of(x, "Roberts").name == "John Roberts Jr."
    assert entity_of(x, "Saray").name == "Riad al-Saray"


def test_a_place_is_not_a_misspelt_surname(extract):
    x = extract("Abu Bakr al-Baghdadi was seen near the border. Baghdad denied the report.")
    assert entity_of(x, "Baghdad").key != entity_of(x, "Abu Bakr al-Baghdadi").key


def test_a_later_word_of_a_three_word_name_joins_it(extract):
    x = extract("Governor Ricardo Rossello Nevares resigned on Friday. Critics said Rossello had lied.")
    person = entity_of(x, "Rossello")
    assert person.name == "Ricardo Rossello Nevares" and person.label == "PERSON"


def test_two_full_names_a_typo_apart_are_one_but_two_families_are_two(extract):
    x = extract("Robert Dziekanski died at the airport. The family of Robert Dziekaski sued. "
                "Peter Jansen and Peter Hansen run the shop.")
    assert entity_of(x, "Robert Dziekaski").key == entity_of(x, "Robert Dziekanski").key
    assert entity_of(x, "Peter Jansen").key != entity_of(x, "Peter Hansen").key


def test_two_full_names_that_clash_stay_apart_even_through_a_shorter_form(extract):
    # "Daniel Okafor" fits both full names: it joins neither, and does not chain them into one
    x = extract("Daniel Peter Okafor and Daniel James Okafor attended the hearing in Boston on Monday. "
                "Daniel Okafor told reporters the vote was unfair.")
    peter, james = entity_of(x, "Daniel Peter Okafor"), entity_of(x, "Daniel James Okafor")
    assert peter.key != james.key
    assert entity_of(x, "Daniel Okafor").key not in (peter.key, james.key)


def test_a_shorter_form_of_two_clashing_names_joins_the_one_that_dominates(extract):
    x = extract("Daniel Peter Okafor spoke at the rally in Ohio. Daniel Peter Okafor said the plan would fail. "
                "Later Daniel Peter Okafor met voters. His brother Daniel James Okafor stayed home. "
                "Daniel Okafor said the rally was a success.")
    peter, james = entity_of(x, "Daniel Peter Okafor"), entity_of(x, "Daniel James Okafor")
    assert peter.key != james.key
    assert entity_of(x, "Daniel Okafor").key == peter.key


def test_a_surname_and_a_short_given_name_still_join_the_one_full_name(extract):
    x = extract("Tomas Varga, a farmer from Iowa, spoke at the rally on Monday. Varga said prices were too low. "
                "Dave Mensah, the coach of the team, resigned on Friday. David Mensah said he was proud of his players.")
    assert entity_of(x, "Varga").key == entity_of(x, "Tomas Varga").key
    assert entity_of(x, "Dave Mensah").key == entity_of(x, "David Mensah").key


def test_a_full_name_typed_as_an_organisation_joins_its_given_name_and_surname(extract):
    # the model types "Rod Blagojevich" ORG here ("the ... corruption trial"), but "Rod" and
    # "Blagojevich" are both used alone as a person's name (text of eval/train-z/z100, fold 4)
    x = extract("Jurors in the Rod Blagojevich corruption trial began their fifth day of deliberations this "
                "morning, having sent no notes to the judge at all yesterday.\n\n"
                "Blagojevich is charged with trying to sell the U.S. Senate seat that had been vacated by Barack "
                "Obama when he won the 2008 presidential election, among other crimes. Robert Blagojevich, Rod's "
                "brother and co-defendant in the case, testified that Rod was trying to manipulate the political "
                "situation to his advantage, but emphasized that he engaged in nothing illegal. According to some "
                "sources, Blagojevich was interested in leading the U.S. Department of Health and Human Services.")
    rod = entity_of(x, "Rod Blagojevich")
    assert rod.label == "PERSON"
    assert entity_of(x, "Rod").key == rod.key and entity_of(x, "Blagojevich").key == rod.key
    assert entity_of(x, "Robert Blagojevich").key != rod.key


def test_a_firm_named_after_people_stays_a_firm(extract):
    x = extract("Shares of Morgan Stanley fell on Monday. Morgan said the bank would cut jobs. "
                "Stanley, a trader, was not surprised.")
    assert entity_of(x, "Morgan Stanley").label == "ORG"


# --- across documents ----------------------------------------------------------------------------

def test_a_lone_surname_joins_the_full_name_that_dominates_it(graph_of):
    g = graph_of(
        *[f"Senator Tomas Varga spoke in Ohio on day {n}." for n in range(1, 5)],
        "Lena Varga opened a bakery in Ohio.",
        "Mr. Varga told reporters the bill would pass.",
    )
    assert "Varga" not in g and "Varga" in g.nodes["Tomas Varga"]["aliases"]
    assert "Lena Varga" in g


def test_a_lone_surname_with_two_equal_candidates_stays(graph_of):
    g = graph_of("Tomas Varga spoke in Ohio.", "Lena Varga opened a bakery in Ohio.",
                 "Mr. Varga told reporters the bill would pass.")
    assert "Varga" not in g.nodes["Tomas Varga"]["aliases"]
    assert "Varga" not in g.nodes["Lena Varga"]["aliases"]


def test_a_lone_name_far_commoner_than_the_one_full_name_stays_apart(graph_of):
    # "Varga" alone in four stories is not the "Tomas Varga" of one; nor is a given name a surname
    g = graph_of("Tomas Varga spoke in Ohio.", *[f"Mr. Varga told reporters on day {n} the bill would pass." for n in range(1, 5)])
    assert "Varga" in g and "Varga" not in g.nodes["Tomas Varga"]["aliases"]
    g = graph_of("Peter Klaus climbed the tower in Dubai.", "Klaus told reporters the climb was hard.")
    assert "Klaus" in g and "Klaus" not in g.nodes["Peter Klaus"]["aliases"]


def test_across_documents_company_forms_join(graph_of):
    g = graph_of(
        "Corvale Corporation reported a loss on Monday.",
        "Corvale said it would close a plant in Ohio.",
        "Orlan Airlines cancelled flights to Dubai.",
        "Flights by Orlan were cancelled, Orlan said on Monday.",
    )
    assert len([n for n in g if n.startswith("Corvale")]) == 1
    assert "Orlan" not in g and "Orlan" in g.nodes["Orlan Airlines"]["aliases"]


def test_across_documents_a_national_body_joins_its_full_name(graph_of):
    g = graph_of("The United States Senate passed the bill on Monday.", "The Senate will vote again in May.")
    assert "Senate" not in g
    assert "Senate" in g.nodes["United States Senate"]["aliases"]


def test_across_documents_a_name_of_its_own_does_not_join_a_country_form(graph_of):
    # "Pakistan Taliban" is a group of its own, not the country's Taliban as "US Senate" is its Senate
    g = graph_of("Pakistan Taliban fighters attacked a convoy in Peshawar.",
                 "The Taliban attacked a convoy in Kandahar, officials said.")
    assert "Taliban" in g and "Pakistan Taliban" in g


def test_across_documents_a_name_far_commoner_than_its_trade_name_form_stays_apart(graph_of):
    # "Corvale TV" in one story beside "Corvale" in three is a product, not Corvale's full name
    g = graph_of("Corvale TV launched in Ohio.",
                 *[f"Shares of Corvale fell {n} percent on the Nasdaq, Corvale said." for n in range(1, 4)])
    assert "Corvale" in g and "Corvale TV" in g
    assert "Corvale" not in g.nodes["Corvale TV"]["aliases"]


def test_across_documents_an_acronym_many_stories_use_keeps_off_one_storys_expansion(graph_of):
    # one story's "Citizens Benefit Society (CBS)" does not define the CBS of four other stories
    stories = [f"CBS reported on Monday that {n} people had died, the network said." for n in range(2, 6)]
    expansion = "The Citizens Benefit Society (CBS) opened an office in {}."
    g = graph_of(expansion.format("Ohio"), *stories)
    assert "CBS" in g and g.nodes["CBS"]["documents"] == 4
    # spelt out in two stories, the name is the acronym's ("NATO" of 43 stories, "North Atlantic
    # Treaty Organization" of 2)
    g = graph_of(expansion.format("Ohio"), expansion.format("Maine"), *stories)
    assert "CBS" not in g and g.nodes["Citizens Benefit Society"]["documents"] == 6


def test_across_documents_a_company_and_its_branch_stay_apart(graph_of):
    g = graph_of("Apple Japan opened a store in Tokyo.", "Apple reported record sales.")
    assert "Apple" in g and "Apple Japan" in g


# --- possible_duplicates.csv and rejected names -------------------------------------------------

def test_possible_duplicates_lists_lookalikes_in_alias_format(tmp_path):
    from graph.aliases import load_aliases
    from graph.export import write_outputs

    docs = [
        Document("a", "Northrop Grumman won the contract in Virginia. Northrop Grumman hired staff."),
        Document("b", "Northrop said the plane would fly over Texas in May."),
        Document("c", "Alexander Lukashenko met Vladimir Putin in Minsk."),
        Document("d", "Alexander Lukashenka spoke in Minsk about Poland."),
    ]
    g = build_graph(docs)
    written = write_outputs(g, tmp_path, ("csv",))
    path = tmp_path / "possible_duplicates.csv"
    assert path in written
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pairs = {(r["alias"], r["canonical"], r["reason"]) for r in rows}
    assert ("Northrop", "Northrop Grumman", "short name") in pairs
    assert any({r["alias"], r["canonical"]} == {"Alexander Lukashenko", "Alexander Lukashenka"} for r in rows)
    assert all(r["example"] for r in rows if r["alias"] == "Northrop")
    assert not any("Putin" in (r["alias"], r["canonical"]) for r in rows)  # nothing looks like him
    merged = build_graph(docs, aliases=load_aliases(path))  # the file is an alias file as it is
    assert "Northrop" not in merged and "Northrop" in merged.nodes["Northrop Grumman"]["aliases"]


def test_a_rejected_name_is_never_a_node(tmp_path):
    from graph.aliases import load_aliases

    csv_path = tmp_path / "aliases.csv"
    csv_path.write_text("alias,canonical,type,never_merge_with,reject\nJonas Berg,,,,yes\n", encoding="utf-8")
    yaml_path = tmp_path / "aliases.yaml"
    yaml_path.write_text("reject: [Jonas Berg]\n", encoding="utf-8")
    docs = [Document("a", "Jonas Berg visited Lisbon and Madrid on Monday.")]
    plain = build_graph(docs)
    assert "Jonas Berg" in plain
    for path in (csv_path, yaml_path):
        g = build_graph(docs, aliases=load_aliases(path))
        assert "Jonas Berg" not in g
        assert {"Lisbon", "Madrid"} <= set(g)
        assert g.number_of_edges() > 0 and not any("Jonas Berg" in (u, v) for u, v in g.edges())


def test_a_bad_reject_value_is_a_usage_error(tmp_path):
    from graph.aliases import load_aliases
    from graph.errors import UsageError

    path = tmp_path / "aliases.csv"
    path.write_text("alias,canonical,type,never_merge_with,reject\nX,,,,maybe\n", encoding="utf-8")
    with pytest.raises(UsageError, match="reject"):
        load_aliases(path)


# --- the scorer's error classes -------------------------------------------------------------------

def test_scorer_sorts_entity_errors_into_classes():
    from graph.evaluation import score_graph

    gold = {"entities": [
        {"name": "Thomas Cullen", "type": "PERSON", "mentions": ["Thomas Cullen", "Cullen"]},
        {"name": "Oslo", "type": "GPE", "mentions": ["Oslo"]},
        {"name": "Acme", "type": "ORG", "mentions": ["Acme", "Acme Corp"]},
    ], "relations": [], "cooccurrence_pairs": []}
    nodes = [
        {"id": "Attorney Thomas Cullen", "type": "PERSON", "mentions": 2},  # broken span
        {"id": "Oslo", "type": "ORG", "mentions": 1},  # type
        {"id": "Acme", "type": "ORG", "mentions": 3},
        {"id": "Acme Corp", "type": "ORG", "mentions": 1},  # split
        {"id": "Sea", "type": "LOC", "mentions": 1},  # junk
    ]
    score = score_graph({"nodes": nodes, "edges": []}, gold)
    counts = score.class_counts()
    assert (counts["junk"], counts["split"], counts["broken span"], counts["type"], counts["missed"]) == (1, 1, 1, 1, 0)
    assert score.classes["junk"] == ["Sea"]


# --- particles ------------------------------------------------------------------------------------

def test_a_name_with_a_particle_is_one_person(extract):
    x = extract("Ursula von der Leyen met Valéry Giscard d'Estaing in Brussels. Von der Leyen smiled.")
    found = names(x)
    assert "Ursula von der Leyen" in found and "Leyen" not in found
    assert "Von der Leyen" in found["Ursula von der Leyen"].aliases
    assert "Valéry Giscard d'Estaing" in found


def test_a_particle_between_a_person_and_the_span_the_model_gave_the_surname_joins_them(extract):
    x = extract("President Bingu wa Mutharika dissolved the cabinet. Mutharika said the move was needed. "
                "Gomes da Costa flew from Lisbon to Porto.")
    found = names(x)
    assert "Bingu wa Mutharika" in found and "Mutharika" in found["Bingu wa Mutharika"].aliases
    assert found["Bingu wa Mutharika"].label == "PERSON" and "Bingu" not in found


def test_a_person_and_a_place_with_another_word_between_stay_two(extract):
    x = extract("Maria Lopez of Madrid met Jonas Berg in Lisbon.")  # "of", "in": no particles
    found = names(x)
    assert {"Maria Lopez", "Madrid", "Jonas Berg", "Lisbon"} <= set(found)


def test_two_people_named_side_by_side_stay_two(extract):
    x = extract("Charles de la Croix and Maria Lopez met Jonas Berg, Anna Kowalski and Tomas Varga in Paris.")
    found = names(x)
    assert "Charles de la Croix" in found and "Maria Lopez" in found
    assert not any("Berg" in n and "Kowalski" in n for n in found)


# --- ambiguous place names --------------------------------------------------------------------------

def test_a_country_name_beside_us_states_is_the_state(graph_of):
    g = graph_of("Storms hit Georgia and Alabama on Monday, and Atlanta lost power.",
                 "Georgia and Russia signed a trade deal in Tbilisi.")
    assert "Georgia (U.S. state)" in g and "Georgia" in g
    assert "Georgia" in g.nodes["Georgia (U.S. state)"]["aliases"]
    assert g.nodes["Georgia"]["documents"] == 1


def test_a_country_name_without_state_neighbours_is_the_country(extract):
    x = extract("Georgia sent troops to the border, officials in Washington said.")
    assert entity_of(x, "Georgia").name == "Georgia"


def test_a_family_plural_and_a_shorter_full_name_join_the_person(extract):
    x = extract("Senator Lech Nowicki spoke in Warsaw. The Nowickis have led the party for years. "
                "John Luk Jok met reporters, and John Luk said the talks would go on.")
    assert entity_of(x, "Nowickis").name == "Lech Nowicki"
    assert entity_of(x, "John Luk").name == "John Luk Jok"


def test_a_shared_surname_goes_to_the_person_who_dominates_the_story(extract):
    x = extract("Governor Tomas Varga spoke in Ohio. Tomas Varga said the plan would work. "
                "Critics of Tomas Varga were not convinced. Mr. Varga told reporters he would win. "
                "His wife, Lena Varga, stayed at home.")
    assert entity_of(x, "Varga").name == "Tomas Varga"
    assert entity_of(x, "Lena Varga").key != entity_of(x, "Tomas Varga").key


def test_a_generic_word_alone_is_not_an_entity(extract):
    x = extract("DEFENCE CUTS: The Ministry of Defence said ships would leave the Black Sea.")
    found = names(x)
    assert "DEFENCE" not in found and "Defence" not in found
    assert any("Ministry of Defence" in n for n in found)


def test_a_one_word_person_without_title_takes_the_models_other_label():
    from graph.extract.entities import _Group, _vote
    from graph.extract.mentions import Candidate

    def cand(start, label, cues=()):
        return Candidate(0, start, start + 1, label, "Zelmart", "Zelmart", False, list(cues))

    plain = _Group("zelmart", [cand(0, "PERSON"), cand(5, "PERSON"), cand(9, "ORG")])
    assert _vote([plain], plain) == "ORG"
    titled = _Group("zelmart", [cand(0, "PERSON", [("PERSON", 2.0)]), cand(5, "PERSON"), cand(9, "ORG")])
    assert _vote([titled], titled) == "PERSON"
    only_person = _Group("zelmart", [cand(0, "PERSON"), cand(5, "PERSON")])
    assert _vote([only_person], only_person) == "PERSON"


def test_a_formal_state_name_is_its_short_name(extract):
    x = extract("Lawyers for the State of Michigan filed the suit on Monday. Michigan says the company lied.")
    assert entity_of(x, "State of Michigan").name == "Michigan"


def test_a_formal_name_of_its_own_and_an_unrelated_state_of_stay(extract):
    x = extract("The Democratic Republic of the Congo signed the deal with the State of Play studio.")
    found = names(x)
    assert "Democratic Republic of the Congo" in found
    assert not any(n == "Play" for n in found)


def test_an_acronym_spells_hyphenated_words_and_ampersands(extract):
    x = extract("Agence France-Presse reported the fire. AFP said Pacific Gas and Electric and PG&E "
                "had been warned.")
    assert entity_of(x, "AFP").name == "Agence France-Presse"
    assert entity_of(x, "PG&E").name == "Pacific Gas and Electric"


def test_an_acronym_that_spells_no_name_stays(extract):
    x = extract("Agence France-Presse reported the fire, and the BBC confirmed it.")
    assert entity_of(x, "BBC").key != entity_of(x, "Agence France-Presse").key


def test_an_adjective_with_an_article_is_the_country_unless_it_is_the_peoples_noun(extract):
    x = extract("An Iraqi was hurt in the blast, Iraq said. The French voted on Sunday.")
    assert entity_of(x, "Iraqi").name == "Iraq"
    assert entity_of(x, "French").label == "NORP"


def test_a_place_the_model_called_a_person_is_typed_by_its_neighbours(nlp):
    from spacy.tokens import Doc, Span

    from graph.extract.mentions import _context_type

    # a hand-built parse: "Power failed in Talavi , Cotabato ." with Talavi a model PERSON
    words = ["Power", "failed", "Ruiz", "visited", "Talavi", ",", "Cotabato", "."]
    heads = [1, 1, 3, 1, 3, 4, 4, 1]
    deps = ["nsubj", "ROOT", "nsubj", "conj", "dobj", "punct", "appos", "punct"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    doc.ents = [Span(doc, 2, 3, label="PERSON"), Span(doc, 4, 5, label="PERSON"), Span(doc, 6, 7, label="GPE")]
    assert _context_type(doc, 4, 5) == "GPE"
    assert _context_type(doc, 2, 3) is None


def test_a_person_before_a_comma_and_a_place_stays_a_person(extract):
    x = extract("Maria Delgado, Texas's new senator, spoke on Monday.")
    assert names(x)["Maria Delgado"].label == "PERSON"


# --- shared surnames, family plurals, places run into a person's name ---------------------------

def test_a_shared_surname_goes_to_the_person_the_story_introduced_first(extract):
    x = extract("Senator Tomas Varga died in Ohio on Sunday. His son, Peter Varga, flew home from Spain. "
                "Peter Varga said the family was grateful. Varga had served in the Senate for years.")
    assert entity_of(x, "Varga").name == "Tomas Varga"
    assert entity_of(x, "Peter Varga").key != entity_of(x, "Tomas Varga").key


def test_a_surname_used_before_either_person_stays_apart(extract):
    x = extract("Varga was not at the meeting in Ohio. Later, Tomas Varga spoke to reporters, "
                "and Peter Varga said he agreed with him.")
    assert entity_of(x, "Varga").name not in ("Tomas Varga", "Peter Varga")


def test_a_family_plural_of_a_surname_written_first_joins_the_person(extract):
    x = extract("The hotel was bought by Tong Yung-soo in 2001. The Tongs said they would restore it, "
                "and Mr Tong met the council in Harlech.")
    assert entity_of(x, "Tongs").name == "Tong Yung-soo"
    assert entity_of(x, "Harlech").name == "Harlech"


def test_a_place_run_into_a_persons_name_is_two_entities(extract):
    x = extract("The delegates of United States Senator from Vermont Bernie Sanders met in Ohio. "
                "Later the Speaker of the House Nancy Pelosi spoke, and Sanders listened.")
    assert entity_of(x, "Vermont").label == "GPE"
    assert entity_of(x, "Bernie Sanders").label == "PERSON"
    assert entity_of(x, "Nancy Pelosi").label == "PERSON"
    assert not any("Vermont Bernie" in e.name or "House Nancy" in e.name for e in x.entities)


def test_an_organisation_named_after_a_place_after_a_preposition_stays_whole(extract):
    x = extract("The report of the United States Geological Survey was sent to the Wisconsin Elections Commission.")
    assert {"United States Geological Survey", "Wisconsin Elections Commission"} <= set(names(x))


# --- online platforms ---------------------------------------------------------------------------

def test_online_platforms_are_organisations(extract):
    x = extract("The minister said on Twitter that the video had been removed from YouTube. "
                "Quora and Hootsuite were down for hours, and Wikileaks published the cables.")
    for platform in ("Twitter", "YouTube", "Quora", "Hootsuite", "Wikileaks"):
        assert entity_of(x, platform).label == "ORG", platform


def test_a_platform_inside_a_longer_name_and_everyday_words_stay_as_they_are(extract):
    x = extract("Facebook Inc. said its shares rose. Signal flares were seen over the harbour in Oslo.")
    assert entity_of(x, "Facebook Inc.").name == "Facebook Inc."
    assert not any(m.name == "Signal" for m in x.mentions)


def test_news_agencies_are_organisations(extract):
    x = extract("KCNA said the test was a success. Yonhap said it was not. "
                "The visit was reported by Xinhua, and Tasnim confirmed it.")
    for agency in ("KCNA", "Yonhap", "Xinhua", "Tasnim"):
        assert entity_of(x, agency).label == "ORG", agency


def test_a_given_name_and_a_surname_the_model_called_an_organisation_are_a_person(extract):
    x = extract("A statement from Bianca Jagger urged calm. Cristin Vidal, a teacher, said so.")
    assert entity_of(x, "Bianca Jagger").label == "PERSON"
    assert entity_of(x, "Cristin Vidal").label == "PERSON"


def test_a_given_name_that_is_a_rarer_surname_still_names_a_person(extract):
    # "Klaus" and "Rodrigo" are surnames in a few of Faker's locales and given names in many more
    x = extract("Mayor of Dresden, Klaus Wennerholt said on Saturday that the theatre would reopen. "
                "Chile pressed in the second half, and Rodrigo Vallejar scored the only goal for Chile.")
    assert entity_of(x, "Klaus Wennerholt").label == "PERSON"
    assert entity_of(x, "Rodrigo Vallejar").label == "PERSON"


def test_a_firm_or_a_place_that_starts_like_a_given_name_keeps_its_type(extract):
    x = extract("Delta Connection flights were cancelled in Hong Kong, and Morgan Stanley said profits rose.")
    assert entity_of(x, "Delta Connection").label == "ORG"
    assert entity_of(x, "Hong Kong").label == "GPE"
    assert entity_of(x, "Morgan Stanley").label == "ORG"


# --- towns the model has not seen (data/places.txt, from GeoNames) -------------------------------

def test_a_town_the_model_called_a_person_is_a_place(extract):
    for text, town in (("Heavy rain flooded roads around Winterthur on Tuesday. Winterthur has asked the army for help.", "Winterthur"),
                       ("The storm hit Ajka first. Ajka officials said the dam had held.", "Ajka"),
                       ("Punta Cana reported three deaths after the storm, the ministry said.", "Punta Cana"),
                       # GeoNames' towns of 500 people or more: Gilgandra has about 2,600
                       ("Gilgandra is hosting the regional show this week, the council said.", "Gilgandra")):
        assert entity_of(extract(text), town).label == "GPE", town


def test_an_organisation_noun_is_no_town_even_where_geonames_has_one():
    from graph.gazetteer import is_town
    assert not is_town("Congress") and not is_town("Police")
    assert is_town("Gilgandra") and is_town("Winterthur")


def test_a_town_in_a_place_context_the_model_called_an_organisation_is_a_place(extract):
    assert entity_of(extract("Officials in Kemerovo said the fire started at noon."), "Kemerovo").label == "GPE"


def test_a_town_placed_by_a_direction_or_as_one_of_the_villages_is_a_place(extract):
    # data/context_cues.tsv: "northwest of X", "the villages of X"
    x = extract("The epicentre was 110 kilometres northwest of Temuco, the survey said. Rescuers were "
                "sent to the villages of Birstall and Thurmaston.")
    assert entity_of(x, "Temuco").label == "GPE"
    assert entity_of(x, "Birstall").label == "GPE"


def test_a_company_after_another_of_stays_an_organisation(extract):
    assert entity_of(extract("Shares of Toyota rose on Monday in Tokyo trading."), "Toyota").label == "ORG"


def test_a_name_that_speaks_or_is_met_is_no_town(extract):
    # Merkel, Texas has 2,600 people; people say things and are met, towns are not
    x = extract("The Kremlin said it would respond. Vladimir Putin met Merkel on Monday.")
    assert entity_of(x, "Merkel").label == "PERSON"
    x = extract("Merkel said the talks had failed.")
    assert entity_of(x, "Merkel").label == "PERSON"


def test_a_person_named_like_a_town_stays_a_person(extract):
    # a title or a role marks the person; a town's name that is also a surname is not in the list
    x = extract("Detective Inspector Winterthur said the case was closed. Winterthur thanked the witnesses.")
    assert entity_of(x, "Winterthur").label == "PERSON"
    x = extract("Warren said she would vote against the bill. Warren spoke to reporters on Monday.")
    assert entity_of(x, "Warren").label == "PERSON"


def test_a_state_or_province_the_model_called_a_place_is_a_gpe(extract):
    # data/regions.txt, ISO 3166-2 through pycountry
    x = extract("Floods hit New South Wales and South Australia this week. Help was sent by the premier "
                "of Gauteng, David Makhura.")
    assert entity_of(x, "New South Wales").label == "GPE"  # the model: LOC
    assert entity_of(x, "Gauteng").label == "GPE"  # the model: PERSON


def test_a_province_the_model_cut_in_two_is_one_place(extract):
    x = extract("Damage was reported in Sultan Kudarat on Monday.")  # the model: "Sultan" GPE + "Kudarat" GPE
    assert "Sultan Kudarat" in names(x) and entity_of(x, "Sultan Kudarat").label == "GPE"


def test_a_state_inside_a_longer_name_is_left_to_it(extract):
    found = set(names(extract("The astronomers, led by Jacques Lepine at the University of Sao Paulo, used "
                              "data from clouds of gas.")))
    assert "University of Sao Paulo" in found and "Sao Paulo" not in found


def test_a_sea_that_also_names_a_state_stays_a_place(extract):
    # Sudan's Red Sea State is "Red Sea" in ISO 3166-2; the sea comes first
    assert entity_of(extract("Ships in the Red Sea were diverted on Monday."), "Red Sea").label == "LOC"


def test_products_and_versions_are_not_places_or_people(extract):
    x = extract("Users of IE9 and Windows 7 were told to update, and Detroit said the plan was sound.")
    assert not any(m.name in ("IE9", "Windows 7") for m in x.mentions)
    assert "Detroit" in names(x)


# --- context that types a name the model called a person -----------------------------------------

def test_the_city_of_a_name_and_a_born_compound_make_it_a_place(extract):
    x = extract("Three bombs exploded in the city of Hilla on Monday. Glasgow-born Peter Collins was arrested. "
                "The people of Qom voted for him.")
    assert entity_of(x, "Hilla").label == "GPE"
    assert entity_of(x, "Glasgow").label == "GPE"
    assert entity_of(x, "Qom").label == "GPE"
    assert entity_of(x, "Peter Collins").label == "PERSON"


def test_the_mayor_of_a_place_and_a_person_after_of_stay_people(extract):
    x = extract("The daughter of Peter Collins met the mayor of Leeds, Mary Walsh, on Monday.")
    assert entity_of(x, "Peter Collins").label == "PERSON"
    assert entity_of(x, "Mary Walsh").label == "PERSON"


def test_an_acronym_the_model_called_a_person_is_an_organisation(extract):
    x = extract("If you don't know and you're TEPCO, you probably underplay it, said Peter Collins.")
    assert entity_of(x, "TEPCO").label == "ORG"
    assert entity_of(x, "Peter Collins").label == "PERSON"


# --- names run together at a comma or an "and" -------------------------------------------------

def test_names_listed_with_commas_are_separate(extract):
    x = extract("The outage took down major websites, including Reddit, Foursquare, Hootsuite, and Quora. "
                "The aircraft overshot the runway at Karipur, Kerala in India.")
    for name in ("Reddit", "Foursquare", "Karipur", "Kerala"):
        assert name in names(x), name
    assert not any("," in n for n in names(x))


def test_an_official_name_with_a_comma_series_stays_whole(extract):
    x = extract("Japan's Ministry of Economy, Trade and Industry said the plant was safe.")
    assert "Ministry of Economy, Trade and Industry" in names(x)


def test_two_names_used_alone_elsewhere_are_split_at_and(extract):
    x = extract("The main units Nakheel and Limitless are the most indebted companies. "
                "Nakheel owes 12 billion dollars. The debts of Limitless are smaller.")
    assert {"Nakheel", "Limitless"} <= set(names(x))
    assert "Nakheel and Limitless" not in names(x)


def test_an_organisation_after_and_used_alone_elsewhere_is_not_joined_to_the_one_before(extract):
    x = extract("Two other airlines use the engines, Lufthansa and Singapore Airlines; Singapore Airlines "
                "said they were checking them.")
    assert {"Lufthansa", "Singapore Airlines"} <= set(names(x))
    assert not any(" and " in n for n in names(x))


def test_an_acronym_and_an_organisation_after_it_are_two(extract):
    x = extract("The Greek government said it would get a loan from the EU and International Monetary Fund. "
                "Tension between North and South Korea rose.")
    assert {"EU", "International Monetary Fund"} <= set(names(x))
    assert not any(n.endswith(" and") or " and " in n for n in names(x))


def test_the_leading_name_of_one_school_or_college_joins_it(extract):
    x = extract("Neuqua Valley High School won the final. Neuqua scored twice in the second half.")
    assert entity_of(x, "Neuqua").name == "Neuqua Valley High School"


def test_a_body_named_by_its_noun_stays_apart_from_its_committee(extract):
    x = extract("The House Intelligence Committee met on Monday. The House voted on Tuesday.")
    assert entity_of(x, "House").key != entity_of(x, "House Intelligence Committee").key


def test_an_organisation_named_with_its_words_in_another_order_is_one(extract):
    x = extract("Taban Air said the plane was safe. An Air Taban spokesman agreed. "
                "The Bank of England and the England Bank of Commerce met.")
    assert entity_of(x, "Air Taban").key == entity_of(x, "Taban Air").key
    assert entity_of(x, "Bank of England").key != entity_of(x, "England Bank of Commerce").key


def test_an_organisation_with_and_inside_used_only_whole_stays(extract):
    x = extract("The Fish and Wildlife Service said the wolves were safe. The Fish and Wildlife Service "
                "counted them in Montana.")
    assert "Fish and Wildlife Service" in names(x)


def test_a_surname_used_again_and_again_makes_a_person(extract):
    text = "The founder of the website, Julian Assange, was granted bail. " + " ".join(
        f"Assange {verb} on Tuesday." for verb in ("appeared in court", "was released", "spoke briefly",
                                                   "left the building", "thanked supporters"))
    x = extract(text + " Mr. Assange is wanted for questioning in Sweden.")
    assert entity_of(x, "Julian Assange").label == "PERSON"


# --- words at the edges of a span -------------------------------------------------------------

def test_describing_words_and_scores_are_cut_from_a_name(extract):
    x = extract("According to the Associated Press news agency, the study appeared in the journal "
                "Geophysical Research Letters. Caboolture 43–5 was the final score. The three-term mayor "
                "of the central Illinois city made the comment.")
    assert "Associated Press" in names(x)
    assert not any("agency" in n or "journal" in n or "43" in n or "city" in n for n in names(x))


def test_a_lower_case_part_of_a_name_stays(extract):
    x = extract("He lives in Sharm el-Sheikh, and he met the dean at the University of Illinois at Urbana.")
    found = names(x)
    assert "Sharm el-Sheikh" in found
    assert "University of Illinois at Urbana" in found


def test_a_span_the_model_ended_with_of_loses_it_and_one_that_goes_on_keeps_it(extract):
    x = extract("Amara Kamau of Nairobi met Jonas Berg in Lisbon. Troops entered the Democratic Republic of the Congo.")
    found = names(x)
    assert "Amara Kamau" in found and not any(n.endswith((" of", " for")) for n in found)
    assert "Democratic Republic of the Congo" in found


# --- products, offices and editors' brackets ------------------------------------------------------

def test_products_offices_and_bracketed_words_are_not_entities(extract):
    x = extract("Apple said the iPhone and the iPod Nano sold well. Delta flew an Airbus A300s to Ohio. "
                "\"[I]t was a mistake,\" she said. The Minister of Foreign Affairs met them.")
    found = names(x)
    assert not any("iPhone" in n or "iPod" in n or "A300s" in n or "Minister" in n or "]" in n for n in found)
    assert {"Apple", "Delta", "Ohio"} <= set(found)


def test_a_one_word_name_with_a_number_and_a_minister_of_a_country_are_kept(extract):
    x = extract("Leaders of the G20 met the Minister of Foreign Affairs of France in Davao.")
    found = names(x)
    assert "G20" in found and "France" in found


# --- short forms of places --------------------------------------------------------------------

def test_a_place_without_its_place_word_joins_it(extract):
    x = extract("The storm crossed the Atlantic Ocean on Monday. Ships in the Atlantic were warned. "
                "Troops from S. Korea and N. Korea met at the border.")
    assert entity_of(x, "Atlantic").key == entity_of(x, "Atlantic Ocean").key
    assert entity_of(x, "S. Korea").name == "South Korea"
    assert entity_of(x, "N. Korea").name == "North Korea"


def test_a_city_and_a_council_stay_apart_from_their_place(extract):
    x = extract("She moved from New York to New York City last year, and the New York City Council "
                "welcomed her.")
    assert entity_of(x, "New York").key != entity_of(x, "New York City").key


def test_an_embassy_is_an_organisation_and_a_hyphenated_group_is_a_group(extract):
    x = extract("The Polish Embassy in Ottawa welcomed the report. Colvin works at the Canadian Embassy "
                "in Washington. Asian-American voters backed the plan.")
    assert entity_of(x, "Polish Embassy").label == "ORG"
    assert entity_of(x, "Canadian Embassy").label == "ORG"
    assert entity_of(x, "Asian-American").name == "Asian Americans"


def test_a_demonym_before_a_hyphenated_word_is_still_its_country(extract):
    x = extract("Russian-backed fighters crossed into the Polish-Lithuanian border zone.")
    assert entity_of(x, "Russian").name == "Russia"


def test_the_last_word_of_a_name_gives_its_type(extract):
    x = extract("The Champaign County Board met on Monday, and the Johannesburg City Council "
                "voted against the plan. Both are in County Kerry, said the mayor.")
    assert entity_of(x, "Champaign County Board").label == "ORG"
    assert entity_of(x, "Johannesburg City Council").label == "ORG"


def test_a_place_word_inside_a_name_types_it_but_a_street_does_not(extract):
    x = extract("Ships used the Northern Sea Route last summer, the Wall Street Journal reported.")
    assert entity_of(x, "Northern Sea Route").label == "LOC"
    assert entity_of(x, "Wall Street Journal").label == "ORG"


def test_a_lower_case_role_or_an_age_before_a_name_makes_a_person(extract):
    x = extract("Speaking about the movie, the senior Polish archbishop Wojciech Polak said he was "
                "disturbed. The first victim was 40-year-old Skandaraj Navaratnam, a former employee.")
    assert entity_of(x, "Wojciech Polak").label == "PERSON"
    assert entity_of(x, "Skandaraj Navaratnam").label == "PERSON"


def test_an_age_before_a_place_that_modifies_a_noun_is_no_person_cue(extract):
    x = extract("Police arrested a 36-year-old Cheltenham man on suspicion of burglary.")
    assert entity_of(x, "Cheltenham").label != "PERSON"


# --- more ways news names one person --------------------------------------------------------------

def test_a_pet_form_and_a_misspelt_lone_surname_join_the_person(extract):
    x = extract("Senator Joe Biden spoke in Ohio. His mother told him, 'Joey, never give up.' "
                "France said it will recognise Ouattara's appointee. Outtara, who won 54% of the vote, "
                "remains under protection by UN peacekeepers.")
    assert entity_of(x, "Joey").name == "Joe Biden"
    assert entity_of(x, "Outtara").key == entity_of(x, "Ouattara").key


def test_a_name_with_a_suffix_that_is_no_pet_form_stays_apart(extract):
    x = extract("Senator Dan Brady spoke in Ohio. Danson said he disagreed.")
    assert entity_of(x, "Danson").key != entity_of(x, "Dan Brady").key


def test_a_street_is_not_a_person_and_the_given_name_joins_the_person(extract):
    x = extract("Student James Bubear went missing in Bath. He was last seen on CCTV James Street West on "
                "the night. His mother thanked everyone who looked for James.")
    assert entity_of(x, "James").name == "James Bubear"
    assert entity_of(x, "James Street West").label != "PERSON"


def test_a_surname_goes_to_the_person_not_to_a_body_ending_with_it(extract):
    x = extract("The home of Cristin Larroulet was burgled. Future Ministry Larroulet lives in Santiago. "
                "Larroulet said his family was safe.")
    assert entity_of(x, "Larroulet").name == "Cristin Larroulet"


def test_a_name_given_as_someones_other_name_joins_the_person(extract):
    x = extract("Sergeant Tomas Varga was on duty in Leeds that night. He rang the station three times "
                "using the name \"Kirk Rowe\". When Varga was born in Leeds, he was Tomas Okonkwo.")
    assert entity_of(x, "Kirk Rowe").key == entity_of(x, "Tomas Varga").key
    assert entity_of(x, "Tomas Okonkwo").key == entity_of(x, "Tomas Varga").key


def test_a_birth_name_or_a_byname_joins_the_person(extract):
    x = extract("Ronnie James Dio sang with Rainbow. Dio (born Ronnie James Padavona) grew up in Cortland. "
                "His wife said Ronnie loved the town.")
    assert entity_of(x, "Ronnie James Padavona").key == entity_of(x, "Ronnie James Dio").key
    assert entity_of(x, "Ronnie").key == entity_of(x, "Ronnie James Dio").key  # one person named twice
    assert entity_of(x, "Ronnie James Padavona").name == "Ronnie James Dio"  # the birth name is not shown
    x = extract("Art Linkletter hosted the show. Linkletter, originally known as Gordon Arthur Kelly, was "
                "born in Moose Jaw. Oliver Humperdink, whose real name was John Sutton, died in Minneapolis.")
    assert entity_of(x, "Gordon Arthur Kelly").key == entity_of(x, "Art Linkletter").key
    assert entity_of(x, "John Sutton").key == entity_of(x, "Oliver Humperdink").key


def test_a_stage_name_of_one_word_joins_the_person(extract):
    x = extract("Musician Jonas Altberg, better known by his stage name Basshunter, finished in fourth "
                "place. Basshunter said he was happy. Wrestler Mark Calaway, who used the ring name "
                "Undertaker, retired. Undertaker won seven titles.")
    assert entity_of(x, "Basshunter").key == entity_of(x, "Jonas Altberg").key
    assert entity_of(x, "Undertaker").key == entity_of(x, "Mark Calaway").key
    assert entity_of(x, "Basshunter").label == "PERSON"


def test_a_person_known_for_something_or_born_to_someone_stays_apart(extract):
    x = extract("Peter Smith was born to Mary Jones in Leeds. Anna Brandt, known as a fine lawyer, "
                "met Tomas Varga.")
    assert entity_of(x, "Mary Jones").key != entity_of(x, "Peter Smith").key
    assert entity_of(x, "Tomas Varga").key != entity_of(x, "Anna Brandt").key


def test_a_person_named_after_a_copula_with_a_name_subject_stays_apart(extract):
    x = extract("Senator Tomas Varga spoke in Leeds. The winner of the vote was Lena Brandt, who thanked him.")
    assert entity_of(x, "Lena Brandt").key != entity_of(x, "Tomas Varga").key


def test_a_title_before_a_person_in_an_organisation_span_is_cut(extract):
    x = extract("In Ontario, provincial police Detective Constable Daniel Dube told the CBC about the "
                "border. Early opponent MP Tanya Davies said the bill was better.")
    assert entity_of(x, "Daniel Dube").label == "PERSON"
    assert entity_of(x, "Tanya Davies").label == "PERSON"


def test_a_body_after_a_title_word_stays_a_body(extract):
    x = extract("The Chief Police Department of Ohio said the Baltimore Police Department had helped.")
    assert "Baltimore Police Department" in names(x)


def test_a_capitalised_word_the_text_also_writes_in_lower_case_is_no_name(extract):
    x = extract("Pirates attacked the ship near Somalia. The pirates took twelve sailors to the coast.")
    assert "Pirates" not in names(x)
    assert "Somalia" in names(x)


def test_a_body_named_by_its_head_and_a_country_stay_when_written_in_lower_case_too(extract):
    x = extract("Parliament voted on Monday in Ottawa, and Turkey objected. The parliament of Canada "
                "said the turkey dinner was cancelled, and the US embassy told us it agreed.")
    found = names(x)
    assert "Turkey" in found and "United States" in found


def test_an_organisation_cut_before_its_for_part_is_whole(extract):
    x = extract("The report by the Puerto Rico Center for Investigative Journalism was published on Monday.")
    assert "Puerto Rico Center for Investigative Journalism" in names(x)


def test_two_bodies_joined_by_and_the_stay_two(extract):
    x = extract("The Federal Aviation Administration and the National Transportation Safety Board "
                "opened an inquiry in Ohio.")
    found = names(x)
    assert not any(" and the " in n for n in found)


def test_a_peoples_plural_and_a_group_of_several_words_are_groups_whatever_the_model_said(extract):
    x = extract("North Koreans fled across the border. A Bosnian Serb commander and Roman Catholic "
                "priests met in Sarajevo.")
    assert entity_of(x, "North Koreans").label == "NORP"
    assert entity_of(x, "Roman Catholic").label == "NORP"


def test_a_one_word_group_form_the_model_called_an_organisation_stays_one(extract):
    x = extract("Labour won the election in Leeds, and the Labour leader thanked voters.")
    assert entity_of(x, "Labour").label != "NORP"


def test_an_untagged_name_with_a_role_beside_it_is_a_person(extract):
    x = extract("Tomasz Kubiak, a fire service spokesman, told reporters the victim was in hospital. "
                "\"He was brilliant,\" said the university's chancellor, Pradeep Khosla.")
    assert entity_of(x, "Tomasz Kubiak").label == "PERSON"
    assert entity_of(x, "Pradeep Khosla").label == "PERSON"


def test_capitalised_words_without_a_role_are_not_made_a_person(extract):
    x = extract("Grand Central Station, a busy place, was closed. Red Cross Volunteers helped.")
    assert not any(e.label == "PERSON" for e in x.entities)


def test_time_zones_and_post_nominal_letters_are_not_names(extract):
    x = extract("The plane landed at 7:40 pm IST in Kerala. The inquiry was led by Ian Binnie, Q.C., in Toronto.")
    found = names(x)
    assert "IST" not in found and "Q.C." not in found
    assert {"Kerala", "Toronto"} <= set(found)


def test_a_body_of_a_place_comma_its_branch_is_one_name(extract):
    x = extract("The death was announced by the University of California, San Diego. The University of "
                "Sydney, Australia said it was saddened.")
    found = names(x)
    assert "University of California, San Diego" in found
    assert "University of Sydney" in found and "Australia" in found


def test_a_web_address_name_and_a_channel_are_their_company(extract):
    x = extract("Amazon.com said its cloud was back. Amazon apologised to customers. "
                "The report aired on Orlan TV on Monday, and Orlan said it stood by it.")
    assert entity_of(x, "Amazon").key == entity_of(x, "Amazon.com").key
    assert entity_of(x, "Orlan").key == entity_of(x, "Orlan TV").key


def test_a_name_ending_in_com_inside_a_word_is_kept(extract):
    x = extract("Comcast and Telecom Italia signed the deal in Rome.")
    assert "Rome" in names(x)
    assert not any(n.endswith(".") for n in names(x))


def test_a_company_named_by_its_first_word_joins_its_full_name(extract):
    x = extract("Goldman Sachs cut jobs in London on Monday. Goldman said the market had slowed.")
    assert entity_of(x, "Goldman").key == entity_of(x, "Goldman Sachs").key


def test_a_company_and_its_regional_branch_stay_apart(extract):
    x = extract("Toyota said on Monday that Toyota Motor Europe would recall cars. Toyota apologised.")
    assert entity_of(x, "Toyota").key != entity_of(x, "Toyota Motor Europe").key


def test_a_country_of_several_words_the_model_called_a_person_is_the_country(nlp):
    # candidates built by hand: the model's label for these words varies with the sentence
    from graph.extract.mentions import Candidate, _typed

    doc = nlp("They advise against all travel to Cote d'Ivoire, said Jordan.")
    ivory = next(i for i, t in enumerate(doc) if t.text == "Cote")
    cand = Candidate(0, ivory, ivory + 3, "PERSON", "Cote d'Ivoire", "Cote d'Ivoire", False)
    assert _typed(cand, doc).name == "Ivory Coast"
    jordan = next(i for i, t in enumerate(doc) if t.text == "Jordan")
    person = Candidate(0, jordan, jordan + 1, "PERSON", "Jordan", "Jordan", False)
    assert _typed(person, doc).label == "PERSON"


def test_the_north_and_a_possessive_without_apostrophe_join_their_country(extract):
    x = extract("North Korea fired shells at the island. South Korea said it would not attack the North. "
                "He is one of Canadas most decorated soldiers, and Canada honoured him.")
    assert entity_of(x, "North").name == "North Korea"
    assert entity_of(x, "Canadas").name == "Canada"
    x = extract("Cuba said the embargo must end. Cubas economy has suffered for decades.")
    assert entity_of(x, "Cubas").name == "Cuba"  # the model called it ORG


def test_a_compass_word_without_a_place_named_with_it_stays_apart(extract):
    x = extract("Storms hit the South on Monday, and Canada sent help.")
    assert all(e.name != "Canada" for e in x.entities if "South" in e.aliases)


def test_a_countrys_possessive_inside_a_span_is_two_names(extract):
    x = extract("Seychelles' Supreme Court ruled on Monday. King's College London said it agreed.")
    found = names(x)
    assert "Seychelles" in found
    assert not any(n.startswith("Seychelles'") for n in found)
    assert any(n.startswith("King's College") for n in found)


def test_a_name_spelled_by_its_acronym_or_naming_two_places_after_of_is_whole(extract):
    x = extract("Fighters of ISIS (Islamic State of Iraq and Syria) escaped. The Islamic State of Iraq "
                "and the Levant claimed responsibility.")
    found = names(x)
    assert "Islamic State of Iraq and Syria" in found
    assert "Islamic State of Iraq and the Levant" in found


def test_a_body_of_a_country_and_another_body_stay_two(extract):
    x = extract("The Bank of England and the Treasury agreed on Monday.")
    assert "Bank of England" in names(x)
    assert not any("Treasury" in n and "Bank" in n for n in names(x))


def test_a_body_cut_before_of_the_country_is_one_name(extract):
    x = extract("The only court with higher authority is the Supreme Court of the United Kingdom.")
    assert "Supreme Court of the United Kingdom" in names(x)
    assert "United Kingdom" not in names(x)


def test_a_person_of_a_country_is_not_taken_into_a_name(extract):
    x = extract("The President of France met the Supreme Court judges of Kenya in Paris.")
    assert "France" in names(x) and "Kenya" in names(x)


def test_a_capitalised_hyphen_prefix_is_cut_too(extract):
    x = extract("Pro-Ouattara forces took the town, and Ouattara thanked them in Abidjan.")
    found = names(x)
    assert not any(n.lower().startswith("pro-") for n in found)


def test_an_organisation_cut_at_and_joins_its_rest_even_when_both_pieces_were_tagged(extract):
    x = extract("The Illinois Department of Natural Resources, along with U.S. Fish and Wildlife Service "
                "and U.S. Army Corps of Engineers, met in Chicago.")
    found = names(x)
    assert any(n.endswith("Fish and Wildlife Service") for n in found)
    assert "U.S. Army Corps of Engineers" in found or "United States Army Corps of Engineers" in found


def test_a_short_name_the_model_took_for_a_place_joins_its_trade_name(extract):
    x = extract("Flights of Mahan Air were stopped on Monday. Mahan said it had done nothing wrong, "
                "and Mahan's director denied the claims.")
    assert entity_of(x, "Mahan").key == entity_of(x, "Mahan Air").key


def test_a_name_after_the_is_no_person(extract):
    x = extract("Today, as Hurricane Lorenzo hit the Azores, the weather service issued alerts. "
                "Later Peter Collins said the storm had passed.")
    assert entity_of(x, "Azores").label != "PERSON"
    assert entity_of(x, "Peter Collins").label == "PERSON"


def test_a_name_with_a_relative_is_a_person_and_a_company_with_a_product_is_not(extract):
    x = extract("Burglars entered the home of Cristin Larroulet in Santiago. Larroulet's wife was unhurt, "
                "and Larroulet said the family was safe. Apple's phone sold well.")
    assert entity_of(x, "Cristin Larroulet").label == "PERSON"
    assert entity_of(x, "Apple").label != "PERSON"


def test_an_organisation_named_by_some_of_its_words_joins_it(extract):
    x = extract("The House Oversight and Reform Committee voted on Tuesday. The Oversight Committee "
                "will meet again in March.")
    assert entity_of(x, "Oversight Committee").key == entity_of(x, "House Oversight and Reform Committee").key


def test_a_committee_named_by_words_of_two_committees_stays_apart(extract):
    x = extract("The Senate Judiciary Committee and the House Judiciary Committee met. The Judiciary "
                "Committee chairman spoke.")
    found = names(x)
    assert "Senate Judiciary Committee" in found and "House Judiciary Committee" in found
    assert found["Senate Judiciary Committee"].key != found["House Judiciary Committee"].key


def test_a_company_named_alone_and_a_trade_name_after_an_ampersand_are_two(extract):
    x = extract("Google said on Monday it had sued. The case of Google & SkyHook Wireless went to court in Boston.")
    found = names(x)
    assert "SkyHook Wireless" in found and "Google" in found


def test_a_company_with_an_ampersand_in_its_name_stays_whole(extract):
    x = extract("Procter & Gamble said sales rose in Ohio.")
    assert "Procter & Gamble" in names(x)


def test_a_secretarys_or_ministers_portfolio_is_no_organisation(extract):
    x = extract("Commerce Secretary Wilbur Ross met the minister for Indigenous Affairs in Canberra.")
    found = names(x)
    assert "Commerce" not in found and "Indigenous Affairs" not in found
    assert "Wilbur Ross" in found


def test_the_body_before_a_secretary_general_stays(extract):
    x = extract("The resolution directs United Nations Secretary-General Ban Ki-Moon to organize a conference.")
    assert {"United Nations", "Ban Ki-Moon"} <= set(names(x))


def test_a_body_or_an_acronym_before_a_secretary_stays(extract):
    x = extract("NATO Secretary General Jens Stoltenberg met the Foreign Office Minister in London.")
    found = names(x)
    assert "NATO" in found


def test_a_name_whose_operations_or_staff_are_spoken_of_is_an_organisation(extract):
    x = extract("Germany has suspended Mahan's permit. Officials restricted Mahan's operations, and "
                "Mahan's employees were sent home. Peter Collins's wife said he was in Berlin.")
    assert entity_of(x, "Mahan").label != "PERSON"
    assert entity_of(x, "Peter Collins").label == "PERSON"


def test_names_joined_by_a_slash_are_two(extract):
    x = extract("A USA Today/Gallup poll found that most voters in Ohio agreed.")
    assert not any("/" in n for n in names(x))


def test_an_acronym_spells_a_name_with_its_legal_suffix_or_joining_words(extract):
    x = extract("The British Broadcasting Corporation said it would cut jobs. The BBC also sold a "
                "channel. The Department of Justice and the Department of Energy met. The DoE said "
                "the Ministry of Defence agreed, and the MoD confirmed it.")
    assert entity_of(x, "BBC").key == entity_of(x, "British Broadcasting Corporation").key
    assert entity_of(x, "MoD").key == entity_of(x, "Ministry of Defence").key
    assert entity_of(x, "DoE").key == entity_of(x, "Department of Energy").key
    assert entity_of(x, "DoE").key != entity_of(x, "Department of Justice").key


def test_a_surname_with_inner_capitals_is_no_acronym(extract):
    # an acronym is never a surname; "McLaren" and "DiCaprio" are not written like "MoD"
    x = extract("Tim McLaren said the engine failed. McLaren will race on. Leonardo DiCaprio smiled, "
                "and DiCaprio left.")
    assert entity_of(x, "McLaren").key == entity_of(x, "Tim McLaren").key
    assert entity_of(x, "DiCaprio").key == entity_of(x, "Leonardo DiCaprio").key


def test_a_territorys_demonym_is_the_territory_but_a_states_people_a_group(extract):
    x = extract("Puerto Rico voted on Sunday. The Puerto Rican governor spoke. Colorado had rain, and "
                "Coloradans were glad.")
    assert entity_of(x, "Puerto Rican").key == entity_of(x, "Puerto Rico").key
    assert entity_of(x, "Coloradans").key != entity_of(x, "Colorado").key


def test_a_common_word_capitalised_only_at_a_sentence_start_is_no_name(extract):
    x = extract("Media reported that Apple would sell phones in Ohio. Kelly Slater won. Slater smiled. "
                "Airblue flight 202 crashed. Officials said Airblue had a good record.")
    found = set(names(x))
    assert "Media" not in found and "Apple" in found
    assert entity_of(x, "Slater").name == "Kelly Slater"  # a surname the text named in full
    # the tagger reads the first "Airblue" as an adjective, but the text writes it inside a sentence too
    assert entity_of(x, "Airblue").mentions == 2


def test_an_alias_of_a_person_joins_the_person(extract):
    x = extract("The film stars Gregg Turkington. Fans asked about Turkington's alias of insult comedian "
                "Neil Hamburger and about Tim Heidecker.")
    assert entity_of(x, "Neil Hamburger").key == entity_of(x, "Gregg Turkington").key
    assert entity_of(x, "Tim Heidecker").key != entity_of(x, "Gregg Turkington").key


def test_a_persons_leading_words_join_the_one_name_they_start(extract):
    x = extract('He managed Bam Bam Bigelow in the 1980s. "I had a good time with Bam Bam," he said. '
                "Kim Jong Un met Kim Jong Il. Kim Jong smiled.")
    assert entity_of(x, "Bam Bam").key == entity_of(x, "Bam Bam Bigelow").key  # typed GPE there
    # two names start with "Kim Jong": it joins neither
    assert entity_of(x, "Kim Jong").key not in {entity_of(x, "Kim Jong Un").key, entity_of(x, "Kim Jong Il").key}


def test_a_one_word_name_and_its_typo_are_one(extract):
    x = extract("Al-Qaeda claimed the attack. Officials said Al-Qaida had planned it for months.")
    assert entity_of(x, "Al-Qaida").key == entity_of(x, "Al-Qaeda").key


def test_short_names_or_two_towns_one_letter_apart_stay_two(extract):
    # under seven letters a letter is often the whole difference; two towns GeoNames lists are two
    x = extract("Zambia and Gambia signed a deal. Officials in Zambia said Gambia agreed. Hamburg and "
                "Homburg are towns in Germany.")
    assert entity_of(x, "Zambia").key != entity_of(x, "Gambia").key
    assert entity_of(x, "Hamburg").key != entity_of(x, "Homburg").key


def test_a_language_or_script_before_a_language_noun_is_no_entity(extract):
    x = extract("The symbol is a blend of the Devanagari and Latin scripts. Karno is a controversial "
                "English tutor in Jakarta.")
    found = set(names(x))
    assert not found & {"Devanagari", "Latin", "English"} and "Jakarta" in found


def test_a_countrys_adjective_or_a_group_before_a_language_noun_stays(extract):
    x = extract("A French translation was sold in Paris. The Latin American leaders met, and the "
                "Latin American translation was praised.")
    found = set(names(x))
    assert "France" in found and any(n.startswith("Latin America") for n in found)


def test_a_prize_is_no_entity_but_its_ceremony_and_its_foundation_are(extract):
    x = extract("She won the US National Medal of Science in Washington. The Academy Awards were held in "
                "Los Angeles, and the Booker Prize Foundation said so.")
    found = set(names(x))
    assert not any("Medal" in n for n in found)
    assert {"Los Angeles", "Booker Prize Foundation"} <= found and any("Academy Awards" in n for n in found)


def test_a_town_that_beats_another_is_a_club_but_countries_and_people_stay(extract):
    x = extract("Caloundra beat Noosa on Saturday. Obama defeated McCain in Ohio. Germany beat Argentina "
                "in Cape Town.")
    assert entity_of(x, "Caloundra").label == "ORG"
    assert entity_of(x, "Germany").label == entity_of(x, "Argentina").label == "GPE"
    assert entity_of(x, "Obama").label == entity_of(x, "McCain").label == "PERSON"


def test_a_town_the_model_called_a_person_that_plays_a_club_is_a_club_throughout(extract):
    x = extract("On Saturday, Leongatha defeated Drouin by ten points. Leongatha finished the season in third "
                "place. Obama defeated the Republican Party in Ohio.")
    assert entity_of(x, "Leongatha").label == "ORG"  # GeoNames lists the town: its vote goes to the club
    assert entity_of(x, "Obama").label == "PERSON"


def test_a_place_and_the_district_abbreviation_after_its_comma_are_one_name(extract):
    x = extract("The senator flew to Washington, D.C. on Monday. The Washington D.C. police said so. "
                "He lives in England, UK, and works in Austin, Texas.")
    assert entity_of(x, "Washington, D.C.").key == entity_of(x, "Washington D.C.").key
    found = set(names(x))
    assert {"England", "United Kingdom", "Austin", "Texas"} <= found  # a country or a state's name is its own
    assert not any(n.startswith(("England,", "Austin,")) for n in found)


def test_a_word_a_lost_space_ran_into_a_name_is_cut_off(extract):
    x = extract("The Titanic sank; films about the Titanicand its crew followed. Holland and Cleveland "
                "agreed, and the Cleveland police said so.")
    glued = [m for m in x.mentions if m.text == "Titanicand"]
    assert len(glued) == 1 and glued[0].name == "Titanic" and glued[0].key == entity_of(x, "Titanic").key
    assert {"Holland", "Cleveland"} <= set(names(x))


def test_a_name_word_a_lost_space_ran_a_word_into_still_types_the_name(extract):
    # "Police" is written nowhere else in the text, but it is a word that ends names
    x = extract("Up to 31 women are suing Northumbria Policewhich covers northeast England over abuse.")
    assert entity_of(x, "Northumbria Police").label == "ORG"


def test_a_possessive_that_lost_its_apostrophe_inside_a_span_is_two_names(extract):
    x = extract("Israel voted on Monday. Israels Shimon Peres spoke, and Texas Instruments and the "
                "Los Angeles Times agreed with Los Angeles.")
    found = set(names(x))
    assert "Shimon Peres" in found and entity_of(x, "Israels").name == "Israel"
    assert {"Texas Instruments", "Los Angeles Times"} <= found  # "Texa", "Los Angele" are no owners


def test_a_currency_code_next_to_a_number_is_money_not_an_entity(extract):
    x = extract("Earnings rose to 134 million CAD, 42 cents per share. The CAD team used CAD software in Canada.")
    cad = [m.sent_id for m in x.mentions if m.text == "CAD"]
    assert 0 not in cad and 1 in cad  # an amount, then a name of something else


def test_names_of_their_own_joined_by_a_hyphen_are_two(extract):
    x = extract("The United Nations said so. The United Nations-African Union force arrived in Darfur, "
                "where the African Union had failed.")
    found = set(names(x))
    assert {"United Nations", "African Union"} <= found and not any("-" in n for n in found)


def test_a_hyphenated_name_whose_parts_are_not_names_of_their_own_stays_whole(extract):
    x = extract("Rolls-Royce said the engine was sold to Guinea-Bissau. A group of Asian-Americans met "
                "Asians and Americans in Miami, and Royce Motors said nothing.")
    found = set(names(x))
    assert {"Rolls-Royce", "Guinea-Bissau"} <= found  # "Guinea" is a country, "Bissau" no name of its own
    assert found & {"Asian-Americans", "Asian Americans"}  # a group, though "Asians" stands alone


def test_a_head_alone_joins_the_one_name_it_heads_whole_and_a_people_noun_its_plural(extract):
    x = extract("The Court of Session ruled on Monday; the Supreme Court of the United Kingdom may hear "
                "an appeal. The Court said it had acted. The sixteen-year-old Swede was praised, and "
                "thousands of Swedes joined her.")
    assert entity_of(x, "Court").key == entity_of(x, "Court of Session").key
    assert entity_of(x, "Swede").key == entity_of(x, "Swedes").key


def test_an_acronym_after_a_body_of_a_place_goes_to_the_place_it_spells(extract):
    x = extract("The Parliament of New South Wales (NSW) voted on Tuesday. Voters in New South Wales were "
                "divided, and NSW may hold a referendum.")
    assert entity_of(x, "NSW").key == entity_of(x, "New South Wales").key
    assert entity_of(x, "NSW").key != entity_of(x, "Parliament of New South Wales").key


def test_a_country_inside_a_hyphenated_word_is_the_country(extract):
    x = extract("A teen of dual U.S.-Turkish citizenship was hurt in the U.S.-led raid, and the "
                "Turkish-American victim was buried in Ankara.")
    found = names(x)
    assert "United States" in found and "Turkey" in found
    assert any("U.S." in e.aliases or "American" in e.aliases for e in x.entities if e.name == "United States")


def test_a_hyphenated_word_without_a_country_adds_nothing(extract):
    x = extract("The well-known Coca-Cola brand opened a plant in Ohio.")
    assert not any(e.label == "GPE" and e.name not in ("Ohio",) for e in x.entities)


# --- issue #13, fourth pass ---------------------------------------------------------------------

def test_a_possessive_ends_a_person_span(extract):
    x = extract("Deep Purple's Ritchie Blackmore joined the band in London.")
    found = names(x)
    assert "Ritchie Blackmore" in found
    assert not any("'s" in n for n in found)


def test_two_people_the_model_tagged_side_by_side_stay_joined(extract):
    x = extract("Zine El Abidine Ben Ali fled Tunisia in January.")
    assert "Zine El Abidine Ben Ali" in names(x)


def test_an_occupation_before_a_name_is_cut_off(extract):
    x = extract("Swimmer Kyle Johnston won gold. Passenger Jasper Okoro restrained the man.")
    found = names(x)
    assert {"Kyle Johnston", "Jasper Okoro"} <= set(found)
    assert not any("Swimmer" in n or "Passenger" in n for n in found)


def test_a_given_name_at_the_start_of_a_sentence_stays(extract):
    x = extract("Carmen Yulín Cruz, the mayor of the city, said she would go to court.")
    assert "Carmen Yulín Cruz" in names(x)


def test_post_nominal_letters_are_not_part_of_a_name(extract):
    x = extract("The defence was led by Clare Montgomery QC in London.")
    assert "Clare Montgomery" in names(x)
    assert not any(n.endswith("QC") for n in names(x))


def test_a_name_ending_in_capitals_that_are_no_letters_stays(extract):
    x = extract("The award went to Pope John Paul II in Rome.")
    assert any(n.endswith("John Paul II") for n in names(x))


def test_a_name_without_its_middle_name_or_with_only_its_nickname_joins_it(extract):
    x = extract('John James Conyers Jr. was born in Detroit. John Conyers served in Congress for decades. '
                'Ernesto "Che" Guevara was killed in Bolivia. Che Guevara became an icon.')
    assert entity_of(x, "John Conyers").name == "John James Conyers Jr."
    assert entity_of(x, "Che Guevara") is entity_of(x, 'Ernesto "Che" Guevara')


def test_a_short_name_with_another_given_name_stays_apart(extract):
    x = extract('Ernesto "Che" Guevara was killed in Bolivia. His cousin Pedro Guevara spoke to reporters.')
    assert entity_of(x, "Pedro Guevara") is not entity_of(x, 'Ernesto "Che" Guevara')


def test_a_short_form_of_a_given_name_joins_the_full_name(extract):
    x = extract("Dave Letterman joked on Monday. Later, David Letterman said he was sorry.")
    assert entity_of(x, "Dave Letterman") is entity_of(x, "David Letterman")


def test_a_short_form_of_another_given_name_stays_apart(extract):
    x = extract("Dave Smith met Daniel Smith in Ohio on Monday.")
    assert entity_of(x, "Dave Smith") is not entity_of(x, "Daniel Smith")


# --- names the model tagged elsewhere, and aliases given through a pronoun (session 8) ----------

def test_a_name_tagged_elsewhere_is_a_mention_where_the_model_left_it_untagged(extract):
    x = extract("Iain Winch runs the ferry company. Winch told Wikinews that the boats were late. "
                "Wikinews could not reach the harbour office.")
    sentences = {m.sent_id for m in x.mentions if m.name == "Wikinews"}
    assert sentences == {1, 2}  # the model tagged it in the last sentence only
    assert len({m.key for m in x.mentions if m.name == "Wikinews"}) == 1


def test_a_tagged_name_is_not_taken_out_of_a_longer_name_nor_from_a_common_word(nlp):
    from graph.extract.added_spans import _repeated_names
    from graph.nlp import normalize

    doc = nlp(normalize("Staff of Harlow Mills met in Harlow. Will the board agree?"))
    found = _repeated_names(doc, set(), {"Harlow": "GPE", "Will": "PERSON"}, frozenset({"GPE", "PERSON"}))
    assert [(s.start, s.text, s.label_) for s in found] == [(6, "Harlow", "GPE")]
    assert _repeated_names(doc, {6}, {"Harlow": "GPE"}, frozenset({"GPE"})) == []  # a span is there already


def test_an_alias_through_a_pronoun_does_not_join_a_name_that_stands_alone_to_another_person(extract):
    x = extract("Brann passed away at 07:45 on Sunday, his wife said. Ronnie James Brann joined the band "
                "Black Sabbath after frontman Ozzy Brenner left the band in 1979. He also had a very successful "
                "solo career under the simple name \"Brann\", and had recently toured again. Brann was 67.")
    assert entity_of(x, "Ozzy Brenner").name == "Ozzy Brenner"
    assert entity_of(x, "Brann").name == "Ronnie James Brann"


def test_a_birth_name_joins_the_person_whose_surname_the_model_typed_as_a_place(extract):
    x = extract("Oliver Wollaton, a wrestling manager, died on Sunday at the age of 62. Wollaton, whose real "
                "name was John Settle, died overnight at a hospice in Minneapolis. Wollaton was diagnosed "
                "with cancer earlier this year.")
    assert entity_of(x, "John Settle").name == "Oliver Wollaton"
    assert names(x)["Oliver Wollaton"].label == "PERSON"


def test_the_surname_of_a_person_the_model_tagged_is_a_mention_where_it_left_it_untagged(extract):
    x = extract("Kelso Marr, the mayor, spoke first. Later Marr met Ruth Ebbing. Ebbing said Marr had promised money.")
    assert [m.sent_id for m in x.mentions if m.name == "Ebbing"] == [2]
    assert entity_of(x, "Ebbing").name == "Ruth Ebbing"


def test_a_direction_word_before_and_names_the_elided_place(extract):
    found = names(extract("Talks between North and South Korea resumed on Monday in Seoul. "
                          "Trade between East and West Germany grew in 1972."))
    assert {"North Korea", "South Korea", "East Germany", "West Germany"} <= set(found)
    assert not any(" and " in n for n in found) and "North" not in found and "East" not in found


def test_a_direction_word_of_a_common_noun_is_no_place(extract):
    found = names(extract("Rain fell in the north and south of France, and in the East and West Midlands towns."))
    assert "France" in found and not any(n.lower().startswith(("north", "south")) for n in found)


def test_a_city_and_the_lake_named_after_it_are_two_places(extract):
    x = extract("An elephant escaped in the city of Zurich on Sunday. It was seen wading in Lake Zurich. "
                "Zurich police caught it.")
    assert entity_of(x, "Zurich").name == "Zurich" and entity_of(x, "Lake Zurich").name == "Lake Zurich"


def test_a_short_name_still_joins_a_longer_name_with_no_landform_word(extract):
    x = extract("The Harbour Workers Union called a strike. Harbour Workers Union members walked out, "
                "and the Workers Union said talks had failed.")
    assert entity_of(x, "Workers Union").name == "Harbour Workers Union"


def test_a_given_name_that_is_a_country_stays_in_the_persons_name(extract):
    found = names(extract("Chad Brown won the race on Sunday. Jordan Peterson spoke in Toronto."))
    assert {"Chad Brown", "Jordan Peterson"} <= set(found)
    assert "Chad" not in found and "Jordan" not in found


def test_a_country_before_a_name_after_of_is_still_cut_off(nlp):
    from spacy.tokens import Span

    from graph.extract.spans import _spans
    from graph.nlp import normalize

    doc = nlp(normalize("He met the envoy of Chad Mahamat on Friday."))
    doc.ents = [Span(doc, 5, 7, label="PERSON")]  # "Chad Mahamat", as the model sometimes tags it
    assert [(s, e) for _, s, e in _spans(doc, frozenset({"PERSON", "GPE"}))] == [(5, 6), (6, 7)]


# --- transcript mark-up -----------------------------------------------------------------------

def test_a_double_bracketed_speaker_label_is_no_mention(extract):
    text = ("Wikinews interviewed the researcher Anna Berg about the study.\n\n"
            "((WN)) How long did the study take?\n\n"
            "Berg It took three years.\n\n"
            "((WN)) What comes next?")
    found = names(extract(text))
    assert "WN" not in found and {"Wikinews", "Anna Berg"} <= set(found)


def test_a_name_in_single_brackets_is_still_a_mention(extract):
    assert {"Geneva", "Switzerland"} <= set(names(extract("The talks were held in Geneva (Switzerland) on Monday, officials said.")))


# --- sports clubs named after their towns --------------------------------------------------------

def test_a_club_named_by_its_last_word_is_an_organisation(extract):
    x = extract("Manchester United beat Fulham on Saturday. Blackburn Rovers drew with Bolton Wanderers.")
    for club in ("Manchester United", "Blackburn Rovers", "Bolton Wanderers"):
        assert entity_of(x, club).label == "ORG", club


def test_a_railway_or_a_paper_named_by_its_last_word_is_an_organisation(extract):
    x = extract("The Manila Bulletin reported that Florida East Coast Railway trains stopped on Monday.")
    assert entity_of(x, "Florida East Coast Railway").label == "ORG"  # the model: LOC


def test_a_hospital_is_an_organisation(extract):
    x = extract("St. Mary's Hospital said two people were hurt in Dublin on Monday.")
    assert entity_of(x, "St. Mary's Hospital").label == "ORG"  # the model: GPE


def test_a_club_word_that_starts_a_name_does_not_make_it_a_club(extract):
    x = extract("The United Arab Emirates and the United States signed the deal in Abu Dhabi.")
    assert entity_of(x, "United Arab Emirates").label == "GPE"
    assert entity_of(x, "United States").label == "GPE"


# --- clipped and abbreviated organisation names ------------------------------------------------

def test_a_clipped_or_abbreviated_organisation_name_joins_the_full_one(extract):
    x = extract("Nick Clegg of the Liberal Democrats spoke in London. A Lib Dem spokesman said the party would "
                "recover. The Alberton Football League met in Foster, and Alberton FL officials agreed.")
    assert entity_of(x, "Lib Dem").name == "Liberal Democrats"
    assert entity_of(x, "Alberton FL").name == "Alberton Football League"


def test_a_place_is_not_a_clipped_form_of_its_people(extract):
    x = extract("Many New Yorkers voted early. New York opened 80 polling stations on Saturday.")
    assert entity_of(x, "New York").key != entity_of(x, "New Yorkers").key


# --- generation suffixes ---------------------------------------------------------------------

def test_a_generation_suffix_after_a_comma_is_part_of_the_name(extract):
    x = extract("A. J. Allmendinger and Dale Earnhardt, Jr. rounded out the top ten. Earnhardt said the car was fast.")
    assert entity_of(x, "Earnhardt").name == "Dale Earnhardt, Jr."
    assert "Jr." not in names(x)


def test_people_listed_with_commas_stay_apart(extract):
    found = set(names(extract("Dale Earnhardt, Jeff Gordon and Tony Stewart rounded out the top ten.")))
    assert {"Dale Earnhardt", "Jeff Gordon", "Tony Stewart"} <= found


# --- religions ----------------------------------------------------------------------------------

def test_a_religion_is_a_group_whatever_the_model_said(extract):
    x = extract("Islam is the second largest religion. Many converted to Shiite Islam in the region.")
    assert entity_of(x, "Islam").label == "NORP"  # the model: ORG
    assert entity_of(x, "Shiite Islam").name == "Shia Islam"


def test_a_one_word_group_noun_still_needs_the_models_word(extract):
    # "Labour" names a party as well as a group noun would: only religions are groups whatever the model said
    x = extract("Labour won the election in Britain on Thursday, and Labour leaders celebrated.")
    assert entity_of(x, "Labour").label == "ORG"


# --- national bodies named without their country --------------------------------------------------

def test_a_national_body_without_its_country_is_the_documents_countrys(graph_of):
    g = graph_of("Chile sent troops north. In Santiago, Chile, the Supreme Court ruled that Chile had erred.",
                 "Pakistan appealed. The Supreme Court of Pakistan heard the case, and Pakistan's Supreme Court ruled.",
                 "Kenya voted. The Supreme Court said Kenya would hold the vote again, Kenya's officials said.")
    assert "Chile Supreme Court" in g and "Kenya Supreme Court" in g
    assert "Supreme Court" not in g  # one node for two countries' courts before


def test_a_national_body_stays_unnamed_where_no_country_leads(extract):
    x = extract("Chile and Peru signed the treaty. The Supreme Court of neither country has ruled.")
    assert "Supreme Court" in names(x)
    x = extract("Chile sent troops. The Government of Chile said the Government would not resign, Chile said.")
    assert not any(n.startswith("Chile Government") for n in names(x))  # a state organ is the country itself


# --- vehicles and flights ---------------------------------------------------------------------

def test_a_ship_or_a_flight_is_no_entity_but_its_airline_is(extract):
    found = set(names(extract("HMS Astute ran aground near Skye. Lion Air Flight 610 crashed near Jakarta on Monday.")))
    assert not any(n.startswith("HMS") for n in found)
    assert "Lion Air" in found and not any("Flight" in n for n in found)


def test_a_name_after_a_common_noun_that_is_no_vehicle_stays(extract):
    found = set(names(extract("The airline Lion Air said the tanker crew of Pertamina were safe, "
                              "and the minister Budi Karya Sumadi agreed.")))
    assert "Budi Karya Sumadi" in found


# --- titles of works --------------------------------------------------------------------------

def test_a_title_after_a_work_noun_is_no_entity(extract):
    found = set(names(extract("Cameron won an Oscar in 1997 for his film Titanic, and his 3D epic Avatar "
                              "was shown in Paris. It was based on the 2004 film, The Motorcycle Diaries, "
                              "produced by Robert Redford.")))
    assert not {"Titanic", "Avatar"} & found and not any("Motorcycle" in n for n in found)
    assert {"Paris", "Robert Redford"} <= found


def test_a_name_after_a_work_noun_that_starts_a_clause_stays(extract):
    found = set(names(extract("In the film, Smith plays a lawyer from Chicago. The song Jackson wrote for "
                              "Madonna was a hit in Britain.")))
    assert {"Smith", "Jackson", "Madonna"} <= found


# --- places the model typed as something else -------------------------------------------------

def test_a_listed_town_the_model_called_a_product_is_a_place_after_in(extract):
    x = extract("The School of Oceanographic Studies in Calcutta commented that the island had gone.")
    assert names(x).get("Calcutta") is not None and names(x)["Calcutta"].label == "GPE"


def test_a_listed_town_that_modifies_a_noun_stays_out(extract):
    found = set(names(extract("Billy Kidd became the first American to win a medal in Alpine ski racing.")))
    assert "Alpine" not in found and "Billy Kidd" in found


def test_a_demonym_and_a_capitalised_national_body_are_one_organisation(extract):
    found = names(extract("Payette dissolved the 42nd Canadian Parliament. Salmond addressed the devolved "
                          "Scottish Parliament, and the Pakistani Air Force bombed the camps."))
    assert {"Canadian Parliament", "Scottish Parliament", "Pakistani Air Force"} <= set(found)
    assert all(found[n].label == "ORG" for n in ("Canadian Parliament", "Scottish Parliament"))


def test_a_demonym_before_a_lower_case_body_or_a_proper_name_stays_the_country(extract):
    found = set(names(extract("The Russian army moved in, the Chinese Xinhua agency reported, and American "
                              "Senate Majority Leader Harry Reid spoke.")))
    assert {"Russia", "China", "Xinhua"} <= found
    assert not any(n.startswith(("Russian", "Chinese", "American")) for n in found)


def test_a_name_after_a_place_noun_of_or_from_a_place_to_another_is_a_place(extract):
    found = names(extract("The attack occurred at a checkpoint in the city of Saidu Sharif. Alexei Navalny was "
                          "airlifted from Omsk to Berlin."))
    assert found["Saidu Sharif"].label == "GPE" and found["Omsk"].label == "GPE"


def test_an_organisation_from_which_one_moves_to_another_stays_one(extract):
    found = names(extract("Jane Fowler moved from Google to Microsoft in 2010, and the city of Seattle welcomed her."))
    assert found["Google"].label == found["Microsoft"].label == "ORG"


def test_a_long_name_headed_by_an_organisation_word_is_no_person_in_apposition(extract):
    found = names(extract("The best players, University of West Texas Midland, won the title on Monday."))
    assert found["University of West Texas Midland"].label == "ORG"


def test_a_two_word_person_name_with_a_place_word_keeps_its_apposition(extract):
    found = names(extract("The singer, Tessa Lake, won the title on Monday."))
    assert found["Tessa Lake"].label == "PERSON"


def test_coordinated_names_sharing_a_plural_head_are_the_full_names_the_text_spells(extract):
    x = extract("The Democratic Party and the Republican Party disagreed. "
                "The Democratic and Republican parties met in Ohio.")
    found = names(x)
    assert found["Democratic Party"].label == found["Republican Party"].label == "ORG"
    assert found["Democratic Party"].mentions == 2  # "The Democratic Party" and "Democratic" of "... parties"
    assert not {"Democrats", "Republicans", "Democratic", "Republican"} & set(found)


def test_a_shared_plural_head_no_name_has_adds_nothing(extract):
    found = set(names(extract("The Ohio and Iowa voters chose Smith.")))
    assert {"Ohio", "Iowa"} <= found and not any(n.endswith("Voter") for n in found)


def test_a_landform_word_alone_is_the_one_landform_of_place(extract):
    x = extract("Oil is being captured each day in the Gulf of Mexico. The company promised to restore "
                "the Gulf to its original state.")
    assert "Gulf" in names(x)["Gulf of Mexico"].aliases and "Gulf" not in names(x)


def test_a_landform_word_alone_joins_none_of_two_landform_of_places(extract):
    found = names(extract("Ships crossed the Gulf of Aden and the Gulf of Oman on Monday. The Gulf was calm."))
    assert "Gulf" not in found["Gulf of Aden"].aliases and "Gulf" not in found["Gulf of Oman"].aliases


def test_a_short_given_name_joins_a_longer_name_with_a_middle_name_or_of_several_forms(extract):
    found = names(extract("Charles Nesbitt Wilson served in Congress. Charlie Wilson died in 2010. "
                          "Stanislav Novak won the race. Stan Novak said he was tired."))
    assert "Charlie Wilson" in found["Charles Nesbitt Wilson"].aliases
    assert "Stan Novak" in found["Stanislav Novak"].aliases


def test_initials_join_the_one_name_of_that_surname_and_initial(extract):
    found = names(extract("Jeyaprakash Tissainayagam was jailed. J. S. Tissainayagam is a journalist."))
    assert set(found["Jeyaprakash Tissainayagam"].aliases) >= {"J. S. Tissainayagam"}


def test_initials_join_no_name_when_two_of_that_surname_share_the_initial(extract):
    found = names(extract("John Smith and Jane Smith arrived on Monday. J. Smith left early."))
    assert {"John Smith", "Jane Smith", "J. Smith"} <= set(found)


def test_french_and_comradely_honorifics_are_titles(extract):
    found = names(extract("Emily Spanton testified. Mme Spanton said she was attacked. Robert Mugabe spoke "
                          "on Monday. Cde Mugabe thanked the party."))
    assert "Spanton" in found["Emily Spanton"].aliases and "Mugabe" in found["Robert Mugabe"].aliases
    assert not any(n.startswith(("Mme", "Cde")) for n in found)


def test_a_word_for_a_doer_before_a_name_is_no_part_of_it(extract):
    found = set(names(extract("Moderator Chris Wallace lost control of the debate. Teammate Patrick Cox scored "
                              "eight points, and Geophysicist Gerard Fryer said the wave was small.")))
    assert {"Chris Wallace", "Patrick Cox", "Gerard Fryer"} <= found
    assert not any(n.startswith(("Moderator", "Teammate", "Geophysicist")) for n in found)


def test_a_surname_shaped_doer_word_or_an_organisation_keeps_its_first_word(extract):
    found = names(extract("Carter Page met Porter Goss and Baker Mayfield on Monday. A report released by Human "
                          "Rights Watch on Monday criticised the police. Workers at the Upper Big Branch Mine went home."))
    assert {"Carter Page", "Porter Goss", "Baker Mayfield", "Human Rights Watch", "Upper Big Branch Mine"} <= set(found)
    assert found["Human Rights Watch"].label == found["Upper Big Branch Mine"].label == "ORG"


def test_a_body_apposition_the_parser_hangs_on_a_given_name_and_surname_is_ignored(extract):
    found = names(extract("According to the leader of the Labour party, Pieter Vos, the third party in the Dutch "
                          "government, the Christian Union Party, would also resign its seats."))
    assert found["Pieter Vos"].label == "PERSON"


def test_a_firm_named_like_a_person_keeps_its_apposition(extract):
    found = names(extract("Irwin Mitchell, a law firm in Sheffield, said the claim was settled."))
    assert found["Irwin Mitchell"].label == "ORG"
