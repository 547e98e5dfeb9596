"""Cleaning and splitting spans: the edges (unbalanced brackets, determiners, possessives,
hyphen prefixes, describing lower-case words, scores) and names run together, split at "and", a
comma, a clause word, a place's possessive, or a place before a person's name.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..data import word_set
from ..gazetteer import NAME_JOINERS, gazetteer
from .names import NAME_SUFFIXES, _is_role, _text, DETERMINERS, name_words


CLOSING_BRACKETS = {")": "(", "]": "[", "}": "{"}


def _balanced_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Cut a span at a bracket or quote it does not close: "Federal Bureau of Investigation (FBI"
    ends before "(", "[Bashir al] Assad" starts after "]", "Jason "Mac" ends before the quote
    (a quote with a word right after it opens, otherwise it closes)."""
    opened: list[int] = []
    quotes: list[int] = []
    for i in range(start, end):
        text = doc[i].text
        if text in ("(", "[", "{"):
            opened.append(i)
        elif text in CLOSING_BRACKETS:
            if opened and doc[opened[-1]].text == CLOSING_BRACKETS[text]:
                opened.pop()
            else:
                start, opened, quotes = i + 1, [], []
        elif text == '"':
            quotes.append(i)
    if opened:
        end = opened[0]
    quotes = [q for q in quotes if start <= q < end]
    if len(quotes) % 2:
        q = quotes[-1]
        if doc[q].whitespace_ == "" and q + 1 < end:
            end = q
        else:
            start = q + 1
    return start, end


def _clean_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    start, end = _balanced_bounds(doc, start, end)
    # "pro-Beijing", "anti-American", "ex-Bosnian Serb": a hyphen is a boundary, the prefix is not the name
    while (start + 2 < end and doc[start].lower_ in word_set("hyphen_prefixes.txt")  # "Pro-Ouattara" too
           and doc[start + 1].text == "-" and doc[start].whitespace_ == "" and doc[start + 1].whitespace_ == ""):
        start += 2
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
                           or SCORE.match(doc[end - 1].text) or doc[end - 1].lower_ in ("and", "or", "of", "for")):
        end -= 1  # "Caboolture 43–5": a score is not part of the name; nor is "and" ("North and" South Korea) or "of"
    # "journal Geophysical Research Letters", "Associated Press news agency": a common noun at
    # either end describes the name
    while end - start > 1 and _describes(doc[start]) and doc[start].whitespace_:
        start += 1
    tail = end
    while tail - start > 1 and _describes(doc[tail - 1]) and doc[tail - 2].whitespace_:
        tail -= 1  # not "Prayuth Chan-o-[cha]"
    if end - tail > 1 or (end - tail == 1 and name_words().get(doc[tail].lower_) != "ORG"):
        end = tail  # but "the AK party" keeps its one organisation word ("Illinois city" does not)
    return start, end


SCORE = re.compile(r"^[0-9]+[–-][0-9]+$")


def _describes(token: Token) -> bool:
    """A lower-case word that is no part of a name: not a joiner ("of", "and"), a particle ("von",
    "el") or a hyphenated piece."""
    return (token.is_alpha and token.is_lower and token.lower_ not in NAME_JOINERS
            and token.lower_ not in word_set("name_particles.txt") and token.lower_ not in DETERMINERS)


CLAUSE_WORDS = frozenset({"PRON", "SCONJ", "VERB", "AUX", "ADV"})  # not "at", "on", "dela", "ve" inside a name


def _lowercase_parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Bounds of the names a span runs together across a lower-case word of a clause ("Associated
    Press that Cape Town"), or the span itself; a preposition or a foreign particle may be part of
    a name ("University of Illinois at Urbana", "Arnel dela Vega")."""
    cuts = [k for k in range(start + 1, end - 1) if _describes(doc[k]) and doc[k - 1].text[:1].isupper()
            and doc[k + 1].text[:1].isupper() and doc[k].pos_ in CLAUSE_WORDS]
    if not cuts:
        return [(start, end)]
    return _cut(doc, start, end, cuts)


def _cut(doc: Doc, start: int, end: int, cuts: list[int]) -> list[tuple[int, int]]:
    """The cleaned bounds of the pieces between ``cuts`` (token indices left out), in order."""
    bounds, begin = [], start
    for k in [*cuts, end]:
        part = _clean_bounds(doc, begin, k)
        if part[0] < part[1]:
            bounds.append(part)
        begin = k + 1
    return bounds


def _country_prefix(doc: Doc, start: int, end: int) -> int:
    """Length of a country name at the start of the span that leaves a name after it."""
    gaz = gazetteer()
    for n in range(min(4, end - start - 1), 0, -1):
        if gaz.country(_text(doc, start, start + n)) and doc[start + n].text[:1].isupper():
            return n
    return 0


def _coordinated(doc: Doc, label: str, start: int, end: int, alone: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Bounds of the names a span coordinates with "and"/"&", or the span itself: two people
    ("Kelly and Baroni"), two countries ("Norway and Denmark"), two names the document also uses
    on their own (``alone``: "Nakheel and Limitless"; the second may instead end with a trade-name
    word: "Google & SkyHook Wireless"), or an organisation whose first part
    already ends like a whole one ("Scottish National Party and Plaid Cymru"). A country named
    with "and" ("Bosnia and Herzegovina") and organisation names such as "Fish and Wildlife
    Service" stay whole."""
    gaz = gazetteer()
    for k in range(start + 1, end - 1):
        if doc[k].lower_ not in ("and", "&") or not doc[k + 1].text[:1].isupper() or not doc[k - 1].text[:1].isupper():
            continue
        left, right = _text(doc, start, k), _text(doc, k + 1, end)
        if gaz.country(_text(doc, start, end)):
            return [(start, end)]
        if (label == "PERSON"
                or (gaz.country(left) and gaz.country(right))
                or (k - start == 1 and doc[start].lower_ in word_set("direction_words.txt")
                    and doc[k + 1].lower_ in word_set("direction_words.txt") and end - k > 2)  # "North and South Korea"
                or (left in alone and (right in alone or doc[end - 1].lower_ in word_set("company_words.txt")))
                or (label == "ORG" and doc[k - 1].lower_ in word_set("org_nouns.txt") | word_set("legal_suffixes.txt")
                    and k - start > 1 and doc[k + 1].lower_ not in word_set("org_nouns.txt")
                    and not all(t.lower_.rstrip(".") in word_set("legal_suffixes.txt") for t in doc[k + 1:end]))):
            return [(start, k), *_coordinated(doc, label, k + 1, end, alone)]
    return [(start, end)]


def _possessive_parts(doc: Doc, start: int, end: int, labels: dict[str, str], label: str = "") -> list[tuple[int, int]]:
    """A place's possessive inside a span is two names: "Seychelles' Supreme Court" is Seychelles and
    its Supreme Court, and so is the possessive of a name of several words the text uses on its own
    ("United Nations' Food and Agriculture Organization"); a name with a possessive of its own
    ("King's Glory", "McDonald's") stays. Two names joined by a slash are two ("USA Today/Gallup")."""
    for k in range(start, end - 1):
        word = doc[k].text
        if (len(word) > 3 and word.endswith("s") and word[-2].islower() and doc[k + 1].text[:1].isupper()
                and _stands_for_owner(_text(doc, start, k + 1)[:-1], labels)):
            # "Israels Shimon Peres", "Saddam Husseins Baath": a possessive that lost its apostrophe
            return [(start, k + 1), *_possessive_parts(doc, k + 1, end, labels, label)]
        if k == start:
            continue
        if doc[k].tag_ == "POS":
            owner = _text(doc, start, k)
            if gazetteer().country(owner) or labels.get(owner) == "GPE" or (labels.get(owner) and k - start > 1):
                return [(start, k), (k + 1, end)]
        if doc[k].text == "/" and doc[k - 1].text[:1].isupper() and doc[k + 1].text[:1].isupper():
            return [(start, k), *_possessive_parts(doc, k + 1, end, labels, label)]  # "USA Today/Gallup Poll"
        if (doc[k].text == "-" and doc[k - 1].whitespace_ == "" and doc[k].whitespace_ == ""
                and _stands_alone(_text(doc, start, k), labels, label) and _stands_alone(_text(doc, k + 1, end), labels, label)
                and not (label == "NORP" and doc[end - 1].text.endswith("s"))):
            # "United Nations-African Union", "North Korean-US"; a group stays whole ("Asian-Americans")
            return [(start, k), *_possessive_parts(doc, k + 1, end, labels, label)]
    return [(start, end)]


def _stands_for_owner(name: str, labels: dict[str, str]) -> bool:
    """A country, or a name of several words the document tags on its own, as an owner."""
    return bool(gazetteer().country(name) or (" " in name and name in labels))


def _stands_alone(name: str, labels: dict[str, str], label: str) -> bool:
    """A name of its own on one side of a hyphen (guideline §2: a hyphen is a boundary): a country,
    a country's demonym, or, outside a group's name, a name the document tags on its own elsewhere
    (also as a plural: "Conservative-Liberal" beside "the Liberals"). Names written with a hyphen
    whose parts are not names of their own stay whole ("Rolls-Royce", "Miami-Dade", "Wi-Fi")."""
    gaz = gazetteer()
    if not name[:1].isupper():
        return False
    if gaz.country(name) or gaz.adjective_country(name):
        return True
    return label != "NORP" and any(form in labels for form in (name, name + "s", "the " + name, "The " + name))


def _comma_parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Bounds of the names a span runs together at a comma, or the span itself. A name keeps its
    comma when the comma starts a series closed by "and" ("Ministry of Economy, Trade and
    Industry") or when a state's abbreviation or a generation suffix follows it ("Washington, DC",
    "Dale Earnhardt, Jr.")."""
    commas = [k for k in range(start + 1, end - 1) if doc[k].text == ","]
    if not commas or any(t.lower_ in ("and", "&") for t in doc[commas[0]:end]):
        return [(start, end)]
    last = doc[commas[-1] + 1:end].text
    if len(last.replace(".", "")) <= 2 and last.replace(".", "").isupper():
        return [(start, end)]
    if end - commas[-1] == 2 and last[:1].isupper() and last.lower().rstrip(".") in NAME_SUFFIXES:
        return [(start, end)]  # "Dale Earnhardt, Jr."
    return _cut(doc, start, end, commas) or [(start, end)]


def _place_before_person(doc: Doc, start: int, end: int, labels: dict[str, str], org: bool, after_title: bool) -> int:
    """Length of a place or body that a span after a preposition runs into a person's name:
    "Senator from [Vermont] Bernie Sanders", "Mayor of [Koszalin] Piotr Jedlinski", "in [Northern
    Queensland] Bob Katter". The place is a country or US state, or a name the document uses on its
    own; or, after "<title> of", one word before a two-word name. A person is named by capitalised
    words that are not roles or name words ("Geological Survey"); in a span the model called an
    organisation, only after a title or when the document also names the person with the model's
    PERSON label."""
    if end - start < 3:
        return 0
    states = word_set("us_states.txt", lower=False)
    for k in range(start + 1, end - 1):
        tail = doc[k:end]
        if not all(t.text[:1].isupper() and t.pos_ == "PROPN" and not _is_role(t) and t.lower_ not in name_words()
                   and labels.get(t.text) in (None, "PERSON") for t in tail):
            continue
        if org and not after_title and "PERSON" not in (labels.get(_text(doc, k, end)), labels.get(doc[end - 1].text)):
            continue
        head = _text(doc, start, k)
        named = labels.get(head) not in (None, "PERSON")
        if gazetteer().country(head) or head in states or named or (after_title and k == start + 1 and end - k == 2):
            return k - start
    return 0
