"""Entity spans the model did not give: online platforms and news agencies it left untagged or
typed otherwise (``data/platforms.txt``, ``data/news_agencies.txt``), dependent territories it cut
in two (``data/territories.txt``), a name that an acronym in
brackets beside it spells ("ISIS (Islamic State of Iraq and Syria)"), and a person's name that a
title or a role beside it marks ("Tomasz Kubiak, a fire service spokesman").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..data import phrase_tuples, table
from ..gazetteer import fold, gazetteer
from .names import _person_before, _role_words, _text, _title_before, name_words
from .tokens import tokens


FIRST_TOKEN = re.compile(r"[\w.]+")  # how a name's first word begins its first token ("Yahoo!", "France-Presse")


@dataclass(frozen=True)
class NameList:
    """Folded multi-word names of data files, for finding them in a document's tokens."""

    names: frozenset[str]
    starts: frozenset[str]  # folded first tokens: a name is looked for only where one stands
    lengths: tuple[int, ...]  # the names' word counts, longest first, each tried at every start
    # (a name's length in tokens is not its length in words: "Agence France-Presse")


@lru_cache(maxsize=None)
def name_list(*filenames: str) -> NameList:
    phrases = [p for name in filenames for p in phrase_tuples(name)]
    firsts = (FIRST_TOKEN.match(p[0]) for p in phrases)
    return NameList(frozenset(fold(" ".join(p)) for p in phrases), frozenset(fold(m.group()) for m in firsts if m),
                    tuple(sorted({len(p) for p in phrases}, reverse=True)))


def find_names(doc: Doc, names: NameList, taken: set[int] | frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) of each listed name in ``doc``, the longest at each capitalised start, none
    overlapping another or the tokens ``taken``."""
    toks = tokens(doc)
    size = len(doc)
    found: list[tuple[int, int]] = []
    after = 0  # the end of the last name found
    for i, word in enumerate(toks.words):
        if not word[:1].isupper() or i < after or i in taken or fold(word) not in names.starts:
            continue
        for n in names.lengths:
            if i + n <= size and not any(k in taken for k in range(i + 1, i + n)) and fold(toks.span_text(i, i + n)) in names.names:
                found.append((i, i + n))
                after = i + n
                break
    return found


PLATFORM_FILES = ("platforms.txt", "news_agencies.txt")


def is_platform(form: str) -> bool:
    return fold(form) in name_list(*PLATFORM_FILES).names


def _platform_spans(doc: Doc, ents: list[Span], types: frozenset[str]) -> list[Span]:
    """``ents`` with online platforms and news agencies (``data/platforms.txt``,
    ``data/news_agencies.txt``) as ORG spans: a platform the model tagged otherwise ("Quora" GPE,
    "Hootsuite" PERSON), left untagged, or put inside a span of another type ("Facebook and
    YouTube" WORK_OF_ART). A wanted span with more in it ("Facebook Inc.") is left as it is."""
    if "ORG" not in types:
        return ents
    kept = [Span(doc, e.start, e.end, label="ORG") if is_platform(e.text) else e for e in ents]
    taken = {i for e in kept for i in range(e.start, e.end)}  # (a name that starts inside a span overlaps it)
    kept += [Span(doc, a, b, label="ORG") for a, b in find_names(doc, name_list(*PLATFORM_FILES), taken)]
    return sorted(kept, key=lambda e: e.start)


def is_territory(form: str) -> bool:
    return fold(form) in name_list("territories.txt").names


def is_region(form: str) -> bool:
    """A state, province or other division of a country (``data/regions.txt``, ISO 3166-2)."""
    return fold(form) in name_list("regions.txt").names


def _territory_spans(doc: Doc, ents: list[Span], types: frozenset[str]) -> list[Span]:
    """``ents`` with each dependent territory's, state's or province's name (``data/territories.txt``,
    ``data/regions.txt``) as one GPE span: the model cuts "French Guiana" into a nationality
    (France) and a name, "Sultan Kudarat" into a title and a name, or types "Saint Barthelemy" an
    organisation. A longer name holding one ("Cayman Islands Monetary Authority") stays."""
    if "GPE" not in types:
        return ents
    toks = tokens(doc)
    found = [(a, b) for a, b in find_names(doc, name_list("territories.txt", "regions.txt"))
             if not any(e.start <= a and b <= e.end and e.end - e.start > b - a for e in ents)
             and not (b < len(doc) and toks.propn[b] and toks.words[b][:1].isupper())  # "... Monetary Authority"
             and not (a >= 1 and toks.propn[a - 1] and toks.words[a - 1][:1].isupper())  # "Barneys New York"
             and not (a >= 2 and toks.lower[a - 1] == "of" and toks.words[a - 2][:1].isupper())  # "University of ..."
             and (b - a > 1 or any(e.start == a and e.end == b for e in ents))]  # one word: only the model's span, retyped
    if not found:
        return ents
    kept = [e for e in ents if not any(e.start < b and a < e.end for a, b in found)]
    return sorted([*kept, *(Span(doc, a, b, label="GPE") for a, b in found)], key=lambda e: e.start)


@lru_cache(maxsize=1)
def _body_words() -> tuple[frozenset[str], frozenset[str]]:
    rows = table("national_body_words.tsv")
    return frozenset(w for w, role in rows if role == "head"), frozenset(w for w, _ in rows)


def _demonym_body_spans(doc: Doc, ents: list[Span], types: frozenset[str]) -> list[Span]:
    """``ents`` with a country's adjective and the capitalised national body after it as one ORG
    span, as the guideline writes "Indian Army" (§2): the model tags "Scottish" NORP and
    "Parliament" ORG, or leaves "Parliament" of "the 42nd Canadian Parliament" untagged. The body
    is made of body words only and ends with a body noun (``data/national_body_words.tsv``:
    "Air Force", "Coast Guard"); a proper name after the adjective ("Chinese Xinhua") and a body
    in lower case ("Russian army", the country's mention, §4) are left alone."""
    if "ORG" not in types:
        return ents
    heads, words = _body_words()
    toks = tokens(doc)
    starts = {e.start: e for e in ents}
    out, skip = [], set()
    for e in ents:
        if e.start in skip:
            continue
        if e.label_ == "NORP" and gazetteer().adjective_country(e.text):
            end = e.end
            while (end < len(doc) and toks.words[end][:1].isupper() and toks.lower[end] in words
                   and (end not in starts or starts[end].label_ == "ORG")
                   and not any(o.start < end < o.end for o in ents)):
                end += 1
            while end > e.end and toks.lower[end - 1] not in heads:
                end -= 1
            nested = [o for o in ents if e.end <= o.start and o.end <= end]
            if (end > e.end and all(o.label_ == "ORG" for o in nested)
                    and not any(o.start < end < o.end for o in ents)
                    and not (end < len(doc) and toks.words[end][:1].isupper())):  # "American Senate Majority Leader"
                out.append(Span(doc, e.start, end, label="ORG"))
                skip |= {o.start for o in nested}
                continue
        out.append(e)
    return out


ACRONYM = re.compile(r"^[A-Z]{3,8}$")
NAME_GLUE = frozenset({"of", "and", "the", "for", "&", "in", "on"})


def _initials(tokens: Span) -> str:
    return "".join(t.text[0] for t in tokens if t.lower_ not in NAME_GLUE)


def _spelled_names(doc: Doc) -> list[Span]:
    """ORG spans for a name that an acronym in brackets beside it spells, which the model cut or
    took apart: "Islamic State of Iraq and the Levant (ISIL)", "ISIS (Islamic State of Iraq and
    Syria)". Capitalised words and the glue words of names only."""
    out: list[Span] = []
    texts = tokens(doc).words
    acronyms = [i for i, w in enumerate(texts) if ACRONYM.match(w)]
    for i in (i for i in acronyms if 1 <= i < len(doc) - 1):
        if not (texts[i - 1] == "(" and texts[i + 1] == ")"):
            continue
        acronym, k = doc[i].text, i - 1  # "... Levant (ISIL)": the name ends before "("
        for start in range(k - 1, max(k - 3 * len(acronym), -1), -1):
            words = doc[start:k]
            if not doc[start].text[:1].isupper() or any(not (t.text[:1].isupper() or t.lower_ in NAME_GLUE) for t in words):
                break
            if _initials(words) == acronym and len(words) > len(acronym):
                out.append(Span(doc, start, k, label="ORG"))
                break
    for i in (i for i in acronyms if i < len(doc) - 2):  # "ISIS (Islamic State of Iraq and Syria)": the name inside the brackets
        if texts[i + 1] != "(":
            continue
        close = next((j for j in range(i + 2, min(i + 4 * len(doc[i].text), len(doc))) if doc[j].text == ")"), None)
        if close is None:
            continue
        words = doc[i + 2:close]
        if (len(words) > len(doc[i].text) and _initials(words) == doc[i].text
                and all(t.text[:1].isupper() or t.lower_ in NAME_GLUE for t in words)):
            out.append(Span(doc, i + 2, close, label="ORG"))
    return out


def _untagged_people(doc: Doc) -> list[Span]:
    """Person spans for names the model left untagged but the text marks as a person's: two or
    three capitalised proper nouns after a title or a role noun ("Senator Ana Ruiz", "chancellor,
    Pradeep Khosla") or with a role in apposition after them ("Tomas Kubiak, a fire service
    spokesman")."""
    gaz = gazetteer()
    out: list[Span] = []
    t, roles, words = tokens(doc), _role_words(), name_words()
    # a word that may be part of such a name: an untagged capitalised proper noun, no acronym,
    # no role (``names._is_role``) or name word
    fits = [t.outside[k] and t.propn[k] and t.alpha[k] and t.words[k][:1].isupper() and not t.is_upper[k]
            and t.lower[k].rstrip(".") not in roles and t.lower[k] not in words for k in range(len(doc))]
    i = 0
    while i < len(doc):
        if not fits[i]:
            i += 1
            continue
        j = i
        while j < len(doc) and j - i < 3 and fits[j]:
            j += 1
        if j - i >= 2 and (j == len(doc) or doc[j].pos_ != "PROPN") and not gaz.country(_text(doc, i, j)):
            root = doc[i:j].root
            role_after = any(c.dep_ == "appos" and c.lower_ in _role_words() for c in root.children)
            role_before = i >= 2 and doc[i - 1].text == "," and doc[i - 2].lower_ in _role_words() and doc[i - 2].pos_ == "NOUN"
            if role_after or role_before or _title_before(doc, i, via_country=False) or _person_before(doc, i, j):
                out.append(Span(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    return out


REPEATABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
REPEATED = "entity_graph.repeated"  # the ``kb_id`` that marks such a span (its label is no new vote)


def _repeated_names(doc: Doc, taken: set[int], labels: dict[str, str], types: frozenset[str]) -> list[Span]:
    """Spans for a name the model tagged elsewhere in the document and left untagged here
    ("Winch said ..." after "Iain Winch"; "told Wikinews" after "Wikinews reported"), with the
    label it gave it (``labels``: the whole document's, so the parts of a long text agree), and
    the surname of a person it tagged in full, as a person ("Ebbing said" after "Ruth Ebbing").

    Only the very words, capitalised as there, standing alone: not inside or beside another
    capitalised proper noun ("Washington Post", "George Washington"), and a one-word name only
    where the tagger reads it as a proper noun or it is an acronym (not "Will" opening a question).
    """
    wanted = {name: label for name, label in labels.items()
              if label in REPEATABLE and label in types and name[:1].isupper() and len(name) > 1}
    if "PERSON" in types:
        gaz = gazetteer()
        for name, label in list(wanted.items()):
            words = name.split()
            surname = words[-1]
            if (label == "PERSON" and len(words) > 1 and surname.isalpha() and surname[:1].isupper() and len(surname) > 2
                    and surname not in labels and not gaz.country(surname)):
                wanted.setdefault(surname, "PERSON")  # "Ebbing said ..." after "Ruth Ebbing"
    by_first: dict[str, list[tuple[str, str]]] = {}
    for name, label in wanted.items():
        by_first.setdefault(name.split()[0], []).append((name, label))
    if not by_first:
        return []
    t = tokens(doc)
    size = len(t.words)

    def proper(k: int) -> bool:
        return 0 <= k < size and t.propn[k] and t.words[k][:1].isupper()

    out: list[Span] = []
    i = 0
    while i < size:
        found = None
        if i not in taken and not proper(i - 1):
            for name, label in by_first.get(t.words[i], ()):
                j, length = i + 1, t.idx[i] + len(name)
                while j < size and t.idx[j] < length:
                    j += 1
                if (t.span_text(i, j) == name and not proper(j) and not any(k in taken for k in range(i, j))
                        and (j - i > 1 or t.propn[i] or t.is_upper[i])):
                    if found is None or j > found[0]:
                        found = (j, label)
        if found:
            out.append(Span(doc, i, found[0], label=found[1], kb_id=REPEATED))
            i = found[0]
        else:
            i += 1
    return out
