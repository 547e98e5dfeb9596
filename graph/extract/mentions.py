"""Named-entity mentions: spaCy's entity spans, repaired, cleaned and typed with context.

For each entity span of a wanted type:

1. Repair: an ORG or PERSON span is extended over capitalised words of its own noun phrase that
   the model left out ("House Ways and [Means Committee]", "[Amy Berman] Jackson").
2. Clean: leading determiners, trailing possessives and punctuation are removed, and so is a
   leading title ("President", "Sen.") from a PERSON span, or from another span when the rest is
   used on its own in the document ("President Trump" ORG beside "Trump").
3. Drop what is not a name: no capital letter ("dean"), a word inside a title phrase ("State"
   in "Secretary of State"), a maker in front of a model number ("Boeing" in "Boeing 737"),
   time zones and the like (``data/not_names.txt``).
4. Countries and groups (``graph.gazetteer``), also for spans the model gave another type
   ("Cyprus" PRODUCT, "Russian" LANGUAGE): a country alias is that country ("U.S." →
   United States); a demonym adjective that modifies a noun is its country ("Russian President",
   "Russian infrastructure" → Russia, GPE); a plural people noun stays a group ("Russians", NORP);
   a demonym of no single country is its group ("European" → Europeans). A span made of a
   country and a person ("President of [Ukraine Volodymyr Zelenskyy]") is split in two.
5. Context cues for the type vote (see ``entities.py``): a title before the name counts for
   PERSON; apposition with a role, organisation or place noun ("Ana Ruiz, professor of ...",
   "UpGuard, a security firm") for PERSON, ORG or GPE; a gazetteer match for its type.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..data import phrase_tuples, table, word_set
from ..gazetteer import NAME_JOINERS, fold, gazetteer

DETERMINERS = frozenset({"the", "a", "an"})
EXTENDABLE = frozenset({"ORG", "PERSON", "FAC"})
CUE_WEIGHT = 2.0
GAZETTEER_WEIGHT = 3.0


@dataclass
class Candidate:
    """One mention before grouping: token bounds of the cleaned name, its name and type cues."""

    sent_id: int
    start: int
    end: int
    label: str  # the model's label, or the gazetteer's
    name: str  # what the mention is grouped by (a country's canonical name for "U.S.")
    form: str  # the cleaned name as written ("U.S."), kept as an alias
    determiner: bool  # "the" right before the name
    cues: list[tuple[str, float]] = field(default_factory=list)  # (label, weight) from context
    fixed: bool = False  # identified by the gazetteer: never joined to a longer name


def _text(doc: Doc, start: int, end: int) -> str:
    return " ".join(doc[start:end].text.split())


@lru_cache(maxsize=1)
def _titles() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Title phrases by each word they contain, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for title in phrase_tuples("titles.txt"):
        for word in set(title):
            index.setdefault(word, []).append(title)
    return {word: tuple(titles) for word, titles in index.items()}


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    """Lower-case words that name a role and are never part of a name: the head word of each title
    ("Secretary" of "Press Secretary", not "Press"), role nouns ("ecologist") and ``role_words.txt``."""
    words = {title[-1].lower().rstrip(".") for title in phrase_tuples("titles.txt") if "of" not in title}
    return frozenset(words | word_set("person_nouns.txt") | word_set("role_words.txt"))


def _is_role(token: Token) -> bool:
    return token.text[:1].isupper() and token.lower_.rstrip(".") in _role_words()


NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _role_prefix_length(doc: Doc, start: int, end: int) -> int:
    """Tokens up to and including the last role word of a person span that leaves a name after it:
    "[Regional Governor] Ana Ruiz", "[Hong Kong Chief Executive] Li Wen"."""
    for k in range(end - 2, start - 1, -1):
        if _is_role(doc[k]) and doc[k + 1].text[:1].isupper() and doc[k + 1].lower_.rstrip(".") not in NAME_SUFFIXES:
            return k + 1 - start
    return 0


def _bare_name(doc: Doc, start: int, end: int) -> bool:
    """Two or three capitalised proper nouns that are no role, name word or known country: the
    shape of a person's name ("Tanya Davies"), not of a body ("Police Department")."""
    return (2 <= end - start <= 3 and not gazetteer().country(_text(doc, start, end))
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not _is_role(t) and t.lower_ not in name_words()
                    for t in doc[start:end]))


def _matches(doc: Doc, start: int, words: tuple[str, ...]) -> bool:
    return 0 <= start and start + len(words) <= len(doc) and all(doc[start + k].text == w for k, w in enumerate(words))


def _title_length(doc: Doc, start: int, end: int) -> int:
    """Length of the title that starts at ``start`` and leaves at least one token before ``end``."""
    for title in _titles().get(doc[start].text, ()):
        if title[0] == doc[start].text and start + len(title) < end and _matches(doc, start, title):
            return len(title)
    return 0


def _title_before(doc: Doc, start: int, via_country: bool = True) -> bool:
    """A title right before ``start``; with ``via_country`` also "<title> of <country>" before it."""
    if start == 0:
        return False
    for title in _titles().get(doc[start - 1].text, ()):
        if title[-1] == doc[start - 1].text and _matches(doc, start - len(title), title):
            return True
    if via_country:
        for n in (1, 2, 3):
            of = start - n - 1
            if of >= 1 and doc[of].lower_ == "of" and gazetteer().country(_text(doc, start - n, start)):
                return _title_before(doc, of, via_country=False)
    return False


def _inside_title(doc: Doc, start: int, end: int) -> bool:
    """The tokens are part of a multi-word title written out in full ("Secretary of State")."""
    words = tuple(t.text for t in doc[start:end])
    n = len(words)
    for title in _titles().get(words[0], ()):
        for k in range(1, len(title) - n + 1):
            if title[k : k + n] == words and _matches(doc, start - k, title):
                return True
    return False


def _extend_left(ent: Span, taken: set[int], labels: dict[str, str]) -> int:
    """New start of ``ent`` after taking in capitalised words of its own noun phrase."""
    doc, start = ent.doc, ent.start
    left_edge = ent.root.left_edge.i
    i = start - 1
    while i >= left_edge and i not in taken:
        token = doc[i]
        if ent.label_ == "PERSON" and (_is_role(token) or labels.get(token.text, "PERSON") != "PERSON"):
            break  # "Chief Executive [Carrie Lam]", "in Queensland [Bob Katter]": a title or a place is not part of the name
        if token.pos_ == "PROPN" and token.text[:1].isupper():
            start = i
        elif not (token.lower_ in NAME_JOINERS and i - 1 >= left_edge and doc[i - 1].pos_ == "PROPN"):
            break
        i -= 1
    return start


def _title_starts(doc: Doc, i: int) -> bool:
    return any(t[0] == doc[i].text and _matches(doc, i, t) for t in _titles().get(doc[i].text, ()))


def _extend_right(ent: Span, taken: set[int]) -> int:
    """New end of ``ent`` after taking in the capitalised head word it modifies and that head's
    "of ..." name part: "[Amy Berman] Jackson", "[the United States] House of Representatives".
    A title or, for a person, an organisation word ("Foundation") is never taken in."""
    doc, end = ent.doc, ent.end
    org_words = word_set("org_nouns.txt")
    while end < len(doc) and end not in taken:
        token = doc[end]
        if not (token.pos_ == "PROPN" and token.text[:1].isupper() and doc[end - 1].head.i == end):
            break
        if _title_starts(doc, end) or (ent.label_ == "PERSON" and token.lower_ in org_words):
            break
        end += 1
        if (end + 1 < len(doc) and doc[end].lower_ in NAME_JOINERS and doc[end].head.i == end - 1
                and doc[end + 1].pos_ == "PROPN" and doc[end + 1].text[:1].isupper() and end + 1 not in taken):
            end += 2
    return _national_body_end(doc, ent.label_, end)


def _national_body_end(doc: Doc, label: str, end: int) -> int:
    """End of an organisation named "<body> of [the] <country>" that the model cut before "of":
    "[the Supreme Court] of the United Kingdom" is one name (guideline §2: the longest name wins)."""
    if label != "ORG" or end + 2 >= len(doc) or doc[end].lower_ != "of" or doc[end - 1].lower_ not in word_set("org_nouns.txt"):
        return end
    k = end + 1 + (doc[end + 1].lower_ == "the" and doc[end + 1].ent_iob_ != "B")  # the model's span may hold "the"
    if k >= len(doc) or doc[k].ent_iob_ != "B" or doc[k].ent_type_ != "GPE":
        return end
    j = k + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    if not gazetteer().country(doc[k:j].text) or doc[j - 1].tag_ == "POS":
        return end
    return j


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
                           or SCORE.match(doc[end - 1].text)):
        end -= 1  # "Caboolture 43–5": a score is not part of the name
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
    bounds, begin = [], start
    for k in [*cuts, end]:
        part = _clean_bounds(doc, begin, k)
        if part[0] < part[1]:
            bounds.append(part)
        begin = k + 1
    return bounds


CODE = re.compile(r"^[A-Za-z]+-[0-9]|^[0-9]+(\.[0-9]+)?$")


def _is_document(doc: Doc, start: int, end: int) -> bool:
    """A law, treaty or bill ("Clean Air Act", "Treaty of Lisbon"): not an entity."""
    laws = word_set("law_words.txt")
    if end - start > 1 and doc[end - 1].lower_ in laws and doc[end - 1].text[:1].isupper():
        return True
    return end - start > 2 and doc[start].lower_ in laws and doc[start + 1].lower_ == "of"


MODEL_NUMBER = re.compile(r"^(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9-]+$")  # "A300s", "C-123K", "K9"
CAMEL = re.compile(r"^[a-z]+[A-Z]")  # "iPhone", "iPod"


def _is_code(doc: Doc, start: int, end: int) -> bool:
    """A code name with a number ("COVID-19", "B-17") or a name ending in a decimal ("Magnitude
    6.3"): a disease, a model or a reading, not a named entity of our types ("Region 11" stays).
    So is a name with a model number in it ("Airbus A300s", "K9 Thunder") and a product written
    in camel case from a lower-case letter ("iPhone", "iPod Nano")."""
    if CODE.match(doc[start].text) or (end - start > 1 and CODE.match(doc[end - 1].text) and "." in doc[end - 1].text):
        return True
    if end - start > 1 and any(MODEL_NUMBER.match(t.text) for t in doc[start:end]):
        return True
    return any(CAMEL.match(t.text) for t in doc[start:end])


def _is_product(doc: Doc, end: int) -> bool:
    """A maker's name followed by a model number: "Boeing 737-800", "Airbus A320"."""
    if end >= len(doc):
        return False
    following = doc[end]
    return any(ch.isdigit() for ch in following.text) and following.ent_type_ in ("", "CARDINAL", "PRODUCT")


def _modifies_noun(token: Token) -> bool:
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and token.whitespace_ == "" and doc[token.i + 1].whitespace_ == "":
        return True  # "Iranian-made", "Russian-backed": the first part of a hyphenated compound
    return token.pos_ == "ADJ" or (
        token.dep_ in ("amod", "compound", "nmod") and token.head.pos_ in ("NOUN", "PROPN") and token.head.i > token.i
    )


def _apposition_type(root: Token) -> str | None:
    """PERSON, ORG or GPE when the name is in apposition with a role, organisation or place noun
    ("Ana Ruiz, professor of ...", "UpGuard, a security firm", "Abqaiq, a town in ...")."""
    nouns = (("PERSON", word_set("person_nouns.txt")), ("ORG", word_set("org_nouns.txt")), ("GPE", word_set("place_nouns.txt")))
    linked = [root.head] if root.dep_ == "appos" else []
    linked += [c for c in root.children if c.dep_ == "appos" or (c.dep_ == "compound" and c.i < root.i and c.pos_ == "NOUN")]
    for token in linked:
        for label, words in nouns:
            # role nouns also come as proper nouns ("Dean"); organisation and place words must be common nouns
            if token.lemma_.lower() in words and (token.pos_ == "NOUN" or label == "PERSON"):
                return label
        if token.dep_ == "appos" and token.lower_ in _role_words() and token.pos_ == "NOUN":
            return "PERSON"  # "Dominic Hare, chief executive of the palace"
    return None


@lru_cache(maxsize=1)
def _context_cues() -> dict[tuple[str, str], str]:
    return {(kind, word): label for kind, word, label in table("context_cues.tsv")}


@lru_cache(maxsize=1)
def name_words() -> dict[str, str]:
    words = {w: "ORG" for w in word_set("org_nouns.txt") - word_set("person_nouns.txt")}
    words.update({w: label for w, label in table("name_words.tsv")})
    return words


COMPASS = frozenset({"north", "south", "east", "west"})


def _word_type(doc: Doc, start: int, end: int) -> str | None:
    """The type the head word of a multi-word name gives it: its last word ("... Magistrates'
    Court", "Champaign County Board"), else its first ("County ...", "Gulf of ..."), else a place
    word inside it ("Northern Sea Route"); a street inside a name is no head ("Wall Street
    Journal")."""
    if end - start < 2:
        return None
    last = end - 1
    if doc[last].lower_ in COMPASS and last - 1 > start:
        last -= 1  # "James Street West": the head is before the direction
    for token in (doc[last], doc[start], *doc[start + 1:last]):
        if token.text[:1].isupper():
            label = name_words().get(token.lower_)
            if label and (label != "FAC" or token.i in (last, start)):
                return label
    return None


def _context_type(doc: Doc, start: int, end: int) -> str | None:
    """The type the name's own context gives a name the model called PERSON: the object of "in"
    ("in Glasgow"), the platform of "said on Twitter", the modifier of "Twitter account"."""
    cues = _context_cues()
    root = doc[start:end].root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        label = cues.get(("prep", head.lower_)) or (cues.get(("prep1", head.lower_)) if end - start == 1 else None)
        if head.lower_ == "of" and head.head.i < head.i:
            label = label or cues.get(("of", head.head.lower_))
        if label:
            return label
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end - 1].whitespace_ == "" and doc[end].whitespace_ == "":
        label = cues.get(("hyphen", doc[end + 1].lower_))
        if label:
            return label
    # a name in a list of names the model typed otherwise: "from Harlech, Barmouth, Bala and Dolgellau"
    listed = _listed_with(root)
    if listed in ("GPE", "LOC"):  # not ORG: a surname often is one
        return listed
    if root.dep_ in ("compound", "nmod", "poss") and head.i > root.i:
        label = cues.get(("noun", head.lower_))
        if label:
            return label
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_iob_ == "B":
        # "Makilala, Cotabato": a place followed by the region it is in; not a country before a
        # title, the next item of a list ("Nancy Pelosi, United States President Donald Trump")
        after = end + 2
        while after < len(doc) and doc[after].ent_iob_ == "I":
            after += 1
        if after < len(doc) and _is_role(doc[after]):
            return None
        return cues.get(("comma", doc[end + 1].ent_type_))
    return None


def _listed_with(root: Token) -> str | None:
    """The model's label of most of the names listed with ``root``, when they outnumber the
    names of the other labels."""
    listed = Counter(t.ent_type_ for t in root.conjuncts if t.ent_type_ and t.ent_iob_ == "B")
    if not listed:
        return None
    label, n = listed.most_common(1)[0]
    return label if n > sum(listed.values()) - n else None


def _person_before(doc: Doc, start: int, end: int) -> bool:
    """A role noun in lower case ("archbishop Wojciech Polak", "director Ana Ruiz") or an age
    ("40-year-old Ana Ruiz") right before the name, when the name does not modify a noun after it
    ("a 36-year-old Cheltenham man")."""
    root = doc[start:end].root
    if start == 0 or (root.dep_ in ("compound", "amod", "nmod") and root.head.i >= end):
        return False
    before = doc[start - 1]
    if before.is_lower and before.lower_ in _role_words() and before.pos_ == "NOUN":
        return True
    return start >= 3 and before.lower_ == "old" and doc[start - 2].text == "-" and doc[start - 3].lower_ in ("year", "years")


def _country_prefix(doc: Doc, start: int, end: int) -> int:
    """Length of a country name at the start of the span that leaves a name after it."""
    gaz = gazetteer()
    for n in range(min(4, end - start - 1), 0, -1):
        if gaz.country(_text(doc, start, start + n)) and doc[start + n].text[:1].isupper():
            return n
    return 0


US_STATE = "U.S. state"


@lru_cache(maxsize=1)
def _state_forms() -> tuple[str, ...]:
    return tuple(sorted((" ".join(p).lower() + " " for p in phrase_tuples("state_forms.txt")), key=len, reverse=True))


def _state_short_name(form: str, named: frozenset[str]) -> str | None:
    lower = form.lower()
    for prefix in _state_forms():
        if lower.startswith(prefix) and len(form) > len(prefix):
            rest = form[len(prefix):]
            rest = rest[4:] if rest.lower().startswith("the ") else rest
            if gazetteer().country(rest) or rest.casefold() in named:
                return rest
    return None


def _typed(cand: Candidate, doc: Doc, states_named: frozenset[str] = frozenset(),
           named: frozenset[str] = frozenset()) -> Candidate:
    """Apply the gazetteer: countries, demonyms and groups."""
    gaz = gazetteer()
    words = cand.form.split()
    if len(words) > 1 and words[-1].lower() in word_set("state_organs.txt") and cand.label != "PERSON":
        rest = " ".join(words[:-1])
        state = gaz.country(rest) or gaz.adjective_country(rest)
        if state:  # "the Canadian Government", "the US Government": the country (guideline §4)
            cand.name, cand.label, cand.fixed = state, "GPE", True
            cand.cues.append(("GPE", GAZETTEER_WEIGHT))
            return cand
    # "Jordan", "Chad" are names too; a country of several words ("Cote d'Ivoire") is no person
    country = gaz.country(cand.form) if cand.label != "PERSON" or len(words) > 1 else None
    if country and country in states_named and states_named - {country}:
        # "Georgia" beside "Alabama" is the state: it keeps its name as a place of its own
        cand.name, cand.label, cand.fixed = f"{country} ({US_STATE})", "GPE", True
        cand.cues.append(("GPE", GAZETTEER_WEIGHT))
        return cand
    short = _state_short_name(cand.form, named) if not country and cand.label != "PERSON" else None
    if short:  # "Republic of Seychelles" → Seychelles, "State of Michigan" → Michigan
        cand.name, cand.label = gaz.country(short) or short, "GPE"
        cand.fixed = bool(gaz.country(short))
        cand.cues.append(("GPE", GAZETTEER_WEIGHT))
        return cand
    if country:
        cand.name, cand.label, cand.fixed = country, "GPE", True
        cand.cues.append(("GPE", GAZETTEER_WEIGHT))
        return cand
    adjective_of = gaz.adjective_country(cand.form)
    if adjective_of and (_modifies_noun(doc[cand.end - 1]) or not cand.determiner
                         or fold(cand.form) not in gaz.country_groups):
        # a country-naming adjective is the country (guideline §4), also "an Iraqi"; only a form
        # that is also the people's plural noun ("the French", "the British") stays a group
        cand.name, cand.label, cand.fixed = adjective_of, "GPE", True
        cand.cues.append(("GPE", GAZETTEER_WEIGHT))
        return cand
    # "Labour", "Roma" are names too: a one-word group form counts when the model said NORP; a
    # people's plural ("North Koreans") or a group of several words ("Bosnian Serb") always does
    several = len(words) > 1 or fold(cand.form) in gaz.country_groups
    group = gaz.group(cand.form) if cand.label == "NORP" or several else None
    if not group and cand.label == "NORP" and cand.end - cand.start > 1 and doc[cand.end - 1].pos_ == "PROPN" and not adjective_of:
        cand.label = "ORG"  # a group is not named like "Saudi Aramco"; a company is
        return cand
    if group or adjective_of:
        cand.name, cand.label, cand.fixed = group or cand.form, "NORP", True
        cand.cues.append(("NORP", GAZETTEER_WEIGHT))
    return cand


def _coordinated(doc: Doc, label: str, start: int, end: int, alone: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Bounds of the names a span coordinates with "and"/"&", or the span itself: two people
    ("Kelly and Baroni"), two countries ("Norway and Denmark"), two names the document also uses
    on their own (``alone``: "Nakheel and Limitless"), or an organisation whose first part
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
                or (left in alone and right in alone)
                or (label == "ORG" and doc[k - 1].lower_ in word_set("org_nouns.txt") | word_set("legal_suffixes.txt")
                    and k - start > 1 and doc[k + 1].lower_ not in word_set("org_nouns.txt")
                    and not all(t.lower_.rstrip(".") in word_set("legal_suffixes.txt") for t in doc[k + 1:end]))):
            return [(start, k), *_coordinated(doc, label, k + 1, end, alone)]
    return [(start, end)]


def _join_person_parts(doc: Doc, ents: list[Span]) -> list[Span]:
    """One span for a person's name the model cut in two: at a particle ("Ursula von der" +
    "Leyen"), before an apostrophe part ("Valéry Giscard" + "d'Estaing"), or into two person spans
    that touch ("Zine El" + "Abidine Ben Ali"; two people always have a word or a comma between)."""
    particles = word_set("name_particles.txt")
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == "PERSON" and ent.start == prev.end and (
                ent.label_ == "PERSON" or doc[prev.end - 1].lower_ in particles):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            continue
        out.append(ent)
    for k, ent in enumerate(out):
        end = ent.end
        if ent.label_ != "PERSON":
            continue
        if doc[end - 1].lower_ in particles and end < len(doc) and doc[end].text[:1].isupper():
            end += 1  # "Ursula von der [Leyen]" when the model left the surname out
        while end < len(doc) and re.match(r"^[a-z][\u2019']\w", doc[end].text) and doc[end].text[2:3].isupper():
            end += 1  # "Valéry Giscard [d'Estaing]"
        if end != ent.end and not any(o.start < end and o.end > ent.end for o in out if o is not ent):
            out[k] = Span(doc, ent.start, end, label="PERSON")
    return out


@lru_cache(maxsize=1)
def _platforms() -> dict[str, int]:
    """Folded platform name → its number of words (``data/platforms.txt``)."""
    return {fold(" ".join(p)): len(p) for p in phrase_tuples("platforms.txt")}


def is_platform(form: str) -> bool:
    return fold(form) in _platforms()


def _platform_spans(doc: Doc, ents: list[Span], types: frozenset[str]) -> list[Span]:
    """``ents`` with online platforms as ORG spans: a platform the model tagged otherwise ("Quora"
    GPE, "Hootsuite" PERSON), left untagged, or put inside a span of another type ("Facebook and
    YouTube" WORK_OF_ART). A wanted span with more in it ("Facebook Inc.") is left as it is."""
    if "ORG" not in types:
        return ents
    kept = [Span(doc, e.start, e.end, label="ORG") if is_platform(e.text) else e for e in ents]
    taken = {i for e in kept for i in range(e.start, e.end)}
    lengths = sorted(set(_platforms().values()), reverse=True)
    i = 0
    while i < len(doc):
        for n in lengths:
            if (i + n <= len(doc) and doc[i].text[:1].isupper() and not taken & set(range(i, i + n))
                    and is_platform(doc[i:i + n].text)):
                kept.append(Span(doc, i, i + n, label="ORG"))
                i += n - 1
                break
        i += 1
    return sorted(kept, key=lambda e: e.start)


ACRONYM = re.compile(r"^[A-Z]{3,8}$")
NAME_GLUE = frozenset({"of", "and", "the", "for", "&", "in", "on"})


def _initials(tokens: Span) -> str:
    return "".join(t.text[0] for t in tokens if t.lower_ not in NAME_GLUE)


def _spelled_names(doc: Doc) -> list[Span]:
    """ORG spans for a name that an acronym in brackets beside it spells, which the model cut or
    took apart: "Islamic State of Iraq and the Levant (ISIL)", "ISIS (Islamic State of Iraq and
    Syria)". Capitalised words and the glue words of names only."""
    out: list[Span] = []
    for i in range(1, len(doc) - 1):
        if not (ACRONYM.match(doc[i].text) and doc[i - 1].text == "(" and doc[i + 1].text == ")"):
            continue
        acronym, k = doc[i].text, i - 1  # "... Levant (ISIL)": the name ends before "("
        for start in range(k - 1, max(k - 3 * len(acronym), -1), -1):
            words = doc[start:k]
            if not doc[start].text[:1].isupper() or any(not (t.text[:1].isupper() or t.lower_ in NAME_GLUE) for t in words):
                break
            if _initials(words) == acronym and len(words) > len(acronym):
                out.append(Span(doc, start, k, label="ORG"))
                break
    for i in range(len(doc) - 2):  # "ISIS (Islamic State of Iraq and Syria)": the name inside the brackets
        if not (ACRONYM.match(doc[i].text) and doc[i + 1].text == "("):
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
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 3 and doc[j].ent_iob_ == "O" and doc[j].pos_ == "PROPN" and doc[j].is_alpha \
                and doc[j].text[:1].isupper() and not doc[j].is_upper and not _is_role(doc[j]) and doc[j].lower_ not in name_words():
            j += 1
        if j - i >= 2 and (j == len(doc) or doc[j].pos_ != "PROPN") and not gaz.country(_text(doc, i, j)):
            root = doc[i:j].root
            role_after = any(c.dep_ == "appos" and c.lower_ in _role_words() for c in root.children)
            role_before = i >= 2 and doc[i - 1].text == "," and doc[i - 2].lower_ in _role_words() and doc[i - 2].pos_ == "NOUN"
            if role_after or role_before or _title_before(doc, i, via_country=False) or _person_before(doc, i, j):
                out.append(Span(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    return out


def _spans(doc: Doc, types: frozenset[str]) -> list[tuple[Span, int, int]]:
    """Wanted entity spans with repaired bounds; a country+person span becomes two spans."""
    gaz = gazetteer()
    ents = [
        e for e in doc.ents
        if e.label_ in types
        # a country or demonym the model typed as something else ("Cyprus" PRODUCT, "Russian" LANGUAGE)
        or ("GPE" in types and e.label_ != "PERSON"
            and (gaz.country(e.text) or (gaz.adjective_country(e.text) and _modifies_noun(e[-1]))))
        or is_platform(e.text)
        # "the Polish Embassy" FAC or WORK_OF_ART: a body that acts is an organisation (guideline §1)
        or ("ORG" in types and e.label_ in ("FAC", "WORK_OF_ART") and e[-1].lower_ in word_set("org_nouns.txt"))
    ]
    ents = [Span(doc, e.start, e.end, label="ORG") if e.label_ in ("FAC", "WORK_OF_ART") else e for e in ents]
    ents = _join_person_parts(doc, _platform_spans(doc, ents, types))
    if "ORG" in types:
        spelled = _spelled_names(doc)
        ents = sorted([*(e for e in ents if not any(e.start < s.end and s.start < e.end for s in spelled)), *spelled],
                      key=lambda e: e.start)
    if "PERSON" in types:
        ents = sorted([*ents, *_untagged_people(doc)], key=lambda e: e.start)
    labels = {_text(doc, e.start, e.end): e.label_ for e in doc.ents}  # what the model calls each name elsewhere
    # names used on their own: the model's spans, and proper nouns also written outside a
    # coordination ("Nakheel owes ...", which the model does not tag)
    words = {t.text for t in doc if t.text[:1].isupper() and t.pos_ == "PROPN"
             and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("and", "&")) and not (t.i and doc[t.i - 1].lower_ in ("and", "&"))}
    # (a model span counts when it is there twice: once may be the piece of a name it cut, "U.S. Fish")
    spans_seen = Counter(_text(doc, e.start, e.end) for e in doc.ents)
    alone = frozenset(t for t, n in spans_seen.items() if n > 1) | words
    taken = {i for e in ents for i in range(e.start, e.end)} | {i for e in doc.ents for i in range(e.start, e.end)}
    out = []
    absorbed = 0  # end of a group name that took in the next span ("Chinese" + "Americans")
    for ent in ents:
        if ent.start < absorbed:
            continue
        others = taken - set(range(ent.start, ent.end))
        start, end = ent.start, ent.end
        campus = False
        group_end = _group_compound_end(doc, start, end)
        if group_end > end:
            ent, end = Span(doc, start, group_end, label="NORP"), group_end
            absorbed = group_end
        elif ent.label_ == "ORG":
            tail_end = _org_tail_end(doc, start, end)
            if tail_end > end:
                campus = doc[end].text == ","  # a comma that belongs to the name
                ent, end, absorbed = Span(doc, start, tail_end, label="ORG"), tail_end, tail_end
        if ent.label_ in EXTENDABLE:
            start, end = _extend_left(ent, others, labels), _extend_right(ent, others)
            absorbed = max(absorbed, end)  # "Supreme Court of [the United Kingdom]" took in a span
        if (end < len(doc) and doc[end - 1].text.endswith("-") and doc[end - 1].whitespace_ == ""
                and doc[end].text[:1].isupper() and end not in others):
            end += 1  # "Sharm el-[Sheikh]": the model stopped at the hyphen
        start, end = _clean_bounds(doc, start, end)
        if start >= end:
            continue
        commas = [(start, end)] if campus else _comma_parts(doc, start, end)
        parts = [p for c in commas for q in _lowercase_parts(doc, *c) for p in _possessive_parts(doc, *q, labels)]
        for part_start, part_end in parts[:-1]:
            out.append((ent, part_start, part_end))  # "Reddit, Foursquare", "Wikileaks, Julian Assange"
            start = part_end + 1
        for part_start, part_end in _coordinated(doc, ent.label_, start, end, alone)[:-1]:
            out.append((ent, part_start, part_end))
            start = part_end + 1
        n = _country_prefix(doc, start, end)
        if n and (ent.label_ == "PERSON" or (start > 0 and doc[start - 1].lower_ == "of" and _title_before(doc, start - 1, False))):
            out.append((ent, start, start + n))
            start += n
        elif ent.label_ in ("PERSON", "ORG") and ent.start > 0 and doc[ent.start - 1].pos_ == "ADP":
            n = _place_before_person(doc, start, end, labels, ent.label_ == "ORG", _title_before(doc, ent.start - 1, False))
            if n:  # "Senator from [Vermont] [Bernie Sanders]": the place, then the person
                # a body named with "the" ("Speaker of the House"), else a place, unless named elsewhere
                label = labels.get(_text(doc, start, start + n), "ORG" if doc[ent.start].lower_ == "the" else "GPE")
                out.append((Span(doc, start, start + n, label=label), start, start + n))
                ent, start = Span(doc, start + n, end, label="PERSON"), start + n
        out.append((ent, start, end))
    return out


def _campus_end(doc: Doc, start: int, end: int) -> int:
    """End of "<body> of <place>, <place>" as one name, the second place naming one branch of the
    body ("University of California, San Diego"), when that place is no country ("the University
    of Sydney, Australia" is a body and where it is)."""
    words = [t.lower_ for t in doc[start:end] if t.lower_ != "the"]
    if not words or words[0] not in word_set("org_nouns.txt") or "of" not in words:
        return end
    k = end + 1
    if doc[k].ent_iob_ != "B" or doc[k].ent_type_ != "GPE":
        return end
    last = k + 1
    while last < len(doc) and doc[last].ent_iob_ == "I":
        last += 1
    place = doc[k:last]
    if gazetteer().country(place.text) or gazetteer().country(place.text.removesuffix("'s")):
        return end
    return last if place[-1].tag_ != "POS" else last - 1


def _org_tail_end(doc: Doc, start: int, end: int) -> int:
    """End of an organisation's name the model cut before its "for ...", "and ..." or ", ..." part: "Puerto
    Rico Center [for Investigative Journalism]", "Tunisian League [for the Defence of Human
    Rights]" after an organisation word; "U.S. Fish [and Wildlife Service]" when the part after
    "and" ends with one. The part is capitalised words (with "of", "and", "the"), no place or person."""
    org = word_set("org_nouns.txt")
    if end + 1 >= len(doc):
        return end
    joiner = doc[end].lower_
    if joiner == ",":
        return _campus_end(doc, start, end)
    if joiner not in ("for", "and", "&") or (joiner == "for" and doc[end - 1].lower_ not in org):
        return end
    k = end + 1
    lower = [t.lower_ for t in doc[start:end]]
    after_of = _text(doc, start + len(lower) - lower[::-1].index("of"), end) if "of" in lower else ""
    if joiner != "for" and after_of and (gazetteer().country(after_of) or doc[end - 1].ent_type_ in ("GPE", "LOC")):
        # "Islamic State of [Iraq and the Levant]": the "of" part names two places
        j = k + (k < len(doc) and doc[k].lower_ == "the")
        if j < len(doc) and doc[j].ent_iob_ == "B" and doc[j].ent_type_ in ("GPE", "LOC"):
            j += 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            return j
    if k < len(doc) and doc[k].lower_ == "the":
        if joiner != "for":
            return end  # "the FAA and the National Transportation Safety Board" are two
        k += 1
    last = end
    while k < len(doc) and (doc[k].text[:1].isupper() or (doc[k].lower_ in ("of", "the") and k > end + 1)):
        if doc[k].ent_type_ in ("GPE", "PERSON", "NORP", "LOC", "DATE"):
            return end
        if doc[k].text[:1].isupper():
            last = k + 1
        k += 1
    if last == end or (joiner != "for" and (doc[last - 1].lower_ not in org or doc[end - 1].lower_ in org)):
        return end
    return last


def _group_compound_end(doc: Doc, start: int, end: int) -> int:
    """End of a group name that goes on past the span with a hyphen or one more word, when the
    gazetteer knows the whole as a group ("Asian-American", "Chinese Americans", "Irish-Catholic"):
    the group, not the country of its first part."""
    gaz = gazetteer()
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        if gaz.group(_text(doc, start, end + 2)) and fold(_text(doc, start, end + 2)) in gaz.groups:
            return end + 2
    if end < len(doc) and doc[end].text[:1].isupper() and fold(_text(doc, start, end + 1)) in gaz.groups:
        return end + 1
    return end


def _possessive_parts(doc: Doc, start: int, end: int, labels: dict[str, str]) -> list[tuple[int, int]]:
    """A place's possessive inside a span is two names: "Seychelles' Supreme Court" is Seychelles and
    its Supreme Court; a name with a possessive of its own ("King's Glory", "McDonald's") stays."""
    for k in range(start + 1, end - 1):
        if doc[k].tag_ == "POS":
            owner = _text(doc, start, k)
            if gazetteer().country(owner) or labels.get(owner) == "GPE":
                return [(start, k), (k + 1, end)]
    return [(start, end)]


def _comma_parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Bounds of the names a span runs together at a comma, or the span itself. A name keeps its
    comma when the comma starts a series closed by "and" ("Ministry of Economy, Trade and
    Industry") or when a state's abbreviation follows it ("Washington, DC")."""
    commas = [k for k in range(start + 1, end - 1) if doc[k].text == ","]
    if not commas or any(t.lower_ in ("and", "&") for t in doc[commas[0]:end]):
        return [(start, end)]
    last = doc[commas[-1] + 1:end].text
    if len(last.replace(".", "")) <= 2 and last.replace(".", "").isupper():
        return [(start, end)]
    bounds, begin = [], start
    for k in [*commas, end]:
        part = _clean_bounds(doc, begin, k)
        if part[0] < part[1]:
            bounds.append(part)
        begin = k + 1
    return bounds or [(start, end)]


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


def extract_candidates(doc: Doc, types: frozenset[str], sent_ids: list[int]) -> list[Candidate]:
    """Cleaned, typed mentions of the wanted entity types, in text order."""
    spans = _spans(doc, types)
    plain = {_text(doc, s, e).casefold() for _, s, e in spans}
    surnames = {doc[e - 1].lower_ for _, s, e in spans if e - s > 1}
    states = word_set("us_states.txt", lower=False)
    lower_words = {t.text for t in doc if t.is_lower and t.is_alpha}
    states_named = frozenset(t for t in (_text(doc, s, e) for _, s, e in spans) if t in states)
    out = []
    for ent, start, end in spans:
        titled = False
        label = ent.label_
        if label != "PERSON":
            n = _role_prefix_length(doc, start, end)
            if n and _bare_name(doc, start + n, end):
                # "Detective Constable Daniel Dubé", "MP Tanya Davies" ORG: a title, then a person
                start, titled, label = start + n, True, "PERSON"
        n = _title_length(doc, start, end)
        if n and (label == "PERSON" or _text(doc, start + n, end).casefold() in plain):
            start, titled = start + n, True
        if label == "PERSON":
            n = _role_prefix_length(doc, start, end)
            if n:
                start, titled = start + n, True
        elif (end - start > 1 and _is_role(doc[end - 1]) and doc[end - 1].lower_ not in word_set("org_nouns.txt")
              and doc[end - 2].lower_ not in NAME_JOINERS  # not the "Justice" of "Court of Justice"
              and doc[end - 2].whitespace_):  # nor the "Sheikh" of "Sharm el-Sheikh"
            end -= 1  # "NASA Administrator", "Baltimore Police Commissioner": the body, not the role
            if all(_is_role(t) for t in doc[start:end]):
                continue  # "Attorney General": a title, not a name
        form = _text(doc, start, end)
        if not any(ch.isupper() for ch in form) or _inside_title(doc, start, end):
            continue
        if end - start == 1 and doc[start].lower_ in word_set("generic_words.txt"):
            continue  # "Defence", "Sea": part of a name, not one
        if (end - start == 1 and doc[start].lower_ in lower_words and not form.isupper() and not _is_role(doc[start])
                and doc[start].lower_ not in name_words() and not (gazetteer().group(form) or gazetteer().country(form)
                                                                   or gazetteer().adjective_country(form))):
            # "Groups", "Photographs": a word the text also writes in lower case is no name; a body
            # named by its head ("Parliament", "Court") is, and so are "US" and "Turkey"
            continue
        if all(_is_role(t) for t in doc[start:end]) and doc[end - 1].lower_ not in surnames:
            continue  # "Cardinal", "the Queen": a title alone, unless a name ends with it ("Julie Bishop")
        if form.replace(".", "").upper() in word_set("not_names.txt", lower=False):
            continue
        if _is_document(doc, start, end) or _is_code(doc, start, end) or any(
                len(t.text) > 1 and any(b in t.text for b in "[](){}") for t in doc[start:end]):
            continue  # a bracket inside a word is an editor's insertion ("[I]t"), not a name
        if end - start > 2 and _is_role(doc[start]) and doc[start + 1].lower_ in ("of", "for", "in") and not gazetteer().country(_text(doc, start + 2, end)):
            continue  # "Secretary of Homeland Security", "Superintendent of Police": an office
        if label == "ORG" and _is_product(doc, end):
            continue
        determiner = any(t.lower_ in DETERMINERS for t in doc[max(ent.start - 1, 0) : start])
        cand = Candidate(sent_ids[start], start, end, label, form, form, determiner)
        if titled or _title_before(doc, start) or (label in ("PERSON", "ORG") and _person_before(doc, start, end)):
            cand.cues.append(("PERSON", CUE_WEIGHT))
        appositive = _apposition_type(doc[start:end].root)
        if appositive:
            cand.cues.append((appositive, CUE_WEIGHT))
        if is_platform(form):
            cand.cues.append(("ORG", GAZETTEER_WEIGHT))
        elif label == "PERSON" and end - start == 1 and form.isupper() and form.isalpha() and len(form) > 1:
            cand.cues.append(("ORG", CUE_WEIGHT))  # "TEPCO", "NPR": people are not written as acronyms
        worded = _word_type(doc, start, end)
        if worded and label != worded:
            cand.cues.append((worded, CUE_WEIGHT))
            if label == "PERSON" and (end - start > 2 or name_words().get(doc[start].lower_) == worded):
                # "James Street West", "Fort Lee": no person's name holds a place word but as its
                # surname ("Ricki Lake"), so this is the place; a person's given name may not join it
                cand.label = worded
        if label == "PERSON" and not titled:
            context = _context_type(doc, start, end)
            if context:
                cand.cues.append((context, CUE_WEIGHT))
        out.append(_typed(cand, doc, states_named, frozenset(plain)))
    return out
