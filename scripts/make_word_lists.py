#!/usr/bin/env python3
"""Write ``graph/data/agent_nouns.txt`` from the English pipeline's own lemma lists.

    pip install faker==40.63.0        # only to run this script
    scripts/make_word_lists.py        # rewrites the file

``agent_nouns.txt``: nouns of the pipeline's lemma index that end like a word for a person who
does something (-er, -or, -ist, -ian, -man, -woman, -mate, -ant, -ee: "moderator", "kicker",
"teammate", "immunologist"), of five letters or more, without the given names and surnames of
Faker's person lists of Latin-script locales ("Baker", "Hunter", "Carter": ``make_name_lists.py``)
and without nationalities and peoples of the gazetteer ("Canadian Armed Forces", "Syrian"). Written capitalised in front of a name ("Moderator Chris Wallace") such
a word is the person's role, not a part of the name; the list is a cue for span repair and is not
a list of roles (it holds "ruler" and "sprinkler" too).
"""
from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from graph.gazetteer import gazetteer  # noqa: E402
from make_name_lists import GIVEN, MODEL, SURNAME, faker_names  # noqa: E402

SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "mate", "ant", "ee")
MIN_LENGTH = 5
HEADER = """\
# Nouns that end like a word for a person who does something (-er, -or, -ist, -ian, -man, -woman,
# -mate, -ant, -ee), of {min_length} letters or more, from the lemma index of {model} {model_version};
# written by scripts/make_word_lists.py. Given names and surnames of Faker {faker}'s person lists
# (Latin-script locales) and the gazetteer's nationalities and peoples are left out ("Baker",
# "Hunter", "Canadian"). Capitalised right before a name ("Moderator Chris Wallace", "Teammate
# Patrick Cox") such a word is a role, not part of the person's name (extract/spans.py, names.py).
"""


def agent_nouns(model: str) -> list[str]:
    import spacy

    index = spacy.load(model).get_pipe("lemmatizer").lookups.get_table("lemma_index")
    people = set(faker_names(GIVEN)) | set(faker_names(SURNAME))
    gaz = gazetteer()
    return sorted(w for w in index["noun"]
                  if w.isalpha() and w.isascii() and len(w) >= MIN_LENGTH and w.endswith(SUFFIXES) and w not in people
                  and not (gaz.adjective_country(w.title()) or gaz.group(w.title()) or gaz.country(w.title())))


def main() -> None:
    words = agent_nouns(MODEL)
    header = HEADER.format(min_length=MIN_LENGTH, model=MODEL, model_version=version(MODEL.replace("_", "-")),
                           faker=version("faker"))
    (ROOT / "graph" / "data" / "agent_nouns.txt").write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"agent_nouns.txt: {len(words)} words")


if __name__ == "__main__":
    main()
