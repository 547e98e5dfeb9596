"""Country names, aliases and demonyms, and group names, from ``data/countries.tsv`` and
``data/groups.tsv``.

Lookups are by a folded key (case, dots, diacritics and a leading "the" ignored), so "U.S.",
"US" and "the United States" all find United States, and "Türkiye" finds Turkey.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .data import table, word_set


@lru_cache(maxsize=1 << 16)  # names repeat across mentions and documents; a pure function
def fold(name: str) -> str:
    """Comparison key for names: case, diacritics, dots, commas, apostrophe style and "the" ignored
    ("Washington, D.C." is "Washington DC")."""
    text = name
    if not name.isascii():
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace(".", "").replace(",", " ").casefold()
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.split())


# Lower-case words inside names that initials and name repair skip ("Ways and Means", "Bank of").
NAME_JOINERS = frozenset({"and", "&", "of", "for", "the", "de", "du", "la", "le", "van", "von", "al", "bin"})


def without_legal_suffix(key: str) -> str:
    """A folded name without trailing legal-form words ("apple inc" → "apple", "aer lingus group
    plc" → "aer lingus"); a name that is nothing else is kept ("group" stays "group")."""
    words = key.split()
    suffixes = word_set("legal_suffixes.txt")
    n = len(words)
    while n > 1 and words[n - 1] in suffixes:
        n -= 1
    while n > 1 and words[n - 1] in ("&", "and", ","):
        n -= 1
    return key if n == len(words) else " ".join(words[:n])


def initials(folded_words: list[str] | tuple[str, ...]) -> str:
    """Initials of a folded multi-word name: "european union" → "eu"."""
    return "".join(w[0] for w in folded_words if w not in NAME_JOINERS)


def all_initials(folded_words: list[str] | tuple[str, ...]) -> set[str]:
    """Initials of a name, also with hyphenated words read as two ("agence france-presse" →
    "af" and "afp") and with its joining words' initials ("ministry of defence" → "md" and "mod")."""
    split = [part for w in folded_words for part in w.split("-") if part]
    return {initials(folded_words), initials(split), "".join(w[0] for w in split)}


@dataclass(frozen=True)
class Gazetteer:
    country_names: dict[str, str]  # folded name or alias → canonical country name
    country_adjectives: dict[str, str]  # folded adjective → canonical country name
    country_groups: dict[str, str]  # folded plural people noun → canonical country name
    groups: dict[str, str]  # folded group form (noun or adjective) → canonical group name
    faiths: frozenset[str] = frozenset()  # folded forms of religions (``religions.tsv``), groups whatever the model said

    def country(self, name: str) -> str | None:
        return self.country_names.get(fold(name))

    def adjective_country(self, name: str) -> str | None:
        return self.country_adjectives.get(fold(name))

    def group(self, name: str) -> str | None:
        """The canonical group name for a group noun or a multi-country demonym ("European")."""
        key = fold(name)
        if key in self.groups:
            return self.groups[key]
        if key in self.country_groups:
            return name  # "Russians" stays the group it names
        return None


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    names: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    people: dict[str, str] = {}
    for row in table("countries.tsv"):
        row = (*row, "", "", "")[:4]
        canonical, aliases, adjs, nouns = row
        for alias in [canonical, *_split(aliases)]:
            names[fold(alias)] = canonical
        for adj in _split(adjs):
            adjectives[fold(adj)] = canonical
        for noun in _split(nouns):
            people[fold(noun)] = canonical
    groups: dict[str, str] = {}
    faiths: set[str] = set()
    for filename in ("groups.tsv", "religions.tsv"):
        for row in table(filename):
            canonical, forms = (*row, "")[:2]
            for form in [canonical, *_split(forms)]:
                groups[fold(form)] = canonical
                if filename == "religions.tsv":
                    faiths.add(fold(form))
    return Gazetteer(names, adjectives, people, groups, frozenset(faiths))


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    # most names are plain ASCII words, whose folded key is their case-folded form
    return frozenset(name.casefold() if name.isascii() and name.isalpha() else fold.__wrapped__(name)
                     for name in word_set("places.txt", lower=False))


def is_town(name: str) -> bool:
    """A town or city of ``data/places.txt`` (GeoNames, written by ``scripts/make_name_lists.py``):
    a cue for the type vote, not a decision, since many towns share a name with a club or a firm."""
    return fold(name) in _places()
