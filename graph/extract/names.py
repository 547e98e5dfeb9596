"""Words in and around a name: titles and roles, the words that give a name its type, and the
context that tells a name's type where the model's label is doubtful ("in Glasgow", "the city of
Hilla", "said on Twitter", "archbishop Wojciech Polak", "40-year-old ...", an apposition with a
role, organisation or place noun). Read by ``spans.py`` and ``mentions.py``.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..data import phrase_tuples, table, word_set
from ..gazetteer import gazetteer
from .tokens import tokens


DETERMINERS = frozenset({"the", "a", "an"})


def _text(doc: Doc, start: int, end: int) -> str:
    if 0 <= start < end <= len(doc):  # without a Span (this is called for every name, many times)
        return " ".join(tokens(doc).span_text(start, end).split())
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


def _role_prefix_length(doc: Doc, start: int, end: int, person: bool = False) -> int:
    """Tokens up to and including the last role word of a person span that leaves a name after it:
    "[Regional Governor] Ana Ruiz", "[Hong Kong Chief Executive] Li Wen"; in a span the model
    called a person also a word for a doer before two or more name words ("[Teammate] Patrick
    Cox"; "Human Rights Watch" or "Upper Big Branch Mine" are no person's)."""
    for k in range(end - 2, start - 1, -1):
        if _is_role(doc[k]) and doc[k + 1].text[:1].isupper() and doc[k + 1].lower_.rstrip(".") not in NAME_SUFFIXES:
            return k + 1 - start
    return 1 if person and end - start >= 3 and is_agent_before_name(doc[start], doc[start + 1]) else 0


def is_agent_before_name(word: Token, name: Token) -> bool:
    """A capitalised word for a doer (``data/agent_nouns.txt``: "Moderator", "Teammate"; no
    surname or given name such as "Baker") right before a capitalised name: the person's role, not
    a part of the name."""
    return (word.text[:1].isupper() and not word.is_upper and word.lower_ in word_set("agent_nouns.txt")
            and name.text[:1].isupper() and name.lower_ not in word_set("agent_nouns.txt"))


def _bare_name(doc: Doc, start: int, end: int) -> bool:
    """Two or three capitalised proper nouns that are no role, name word or known country: the
    shape of a person's name ("Tanya Davies"), not of a body ("Police Department")."""
    return (2 <= end - start <= 3 and not gazetteer().country(_text(doc, start, end))
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not _is_role(t) and t.lower_ not in name_words()
                    for t in doc[start:end]))


def _matches(doc: Doc, start: int, words: tuple[str, ...]) -> bool:
    return 0 <= start and start + len(words) <= len(doc) and tuple(tokens(doc).words[start:start + len(words)]) == tuple(words)


def _title_length(doc: Doc, start: int, end: int) -> int:
    """Length of the title that starts at ``start`` and leaves at least one token before ``end``."""
    word = tokens(doc).words[start]
    for title in _titles().get(word, ()):
        if title[0] == word and start + len(title) < end and _matches(doc, start, title):
            return len(title)
    return 0


def _title_before(doc: Doc, start: int, via_country: bool = True) -> bool:
    """A title right before ``start``; with ``via_country`` also "<title> of <country>" before it."""
    if start == 0:
        return False
    t = tokens(doc)
    word = t.words[start - 1]
    for title in _titles().get(word, ()):
        if title[-1] == word and _matches(doc, start - len(title), title):
            return True
    if via_country:
        for n in (1, 2, 3):
            of = start - n - 1
            if of >= 1 and t.lower[of] == "of" and gazetteer().country(_text(doc, start - n, start)):
                return _title_before(doc, of, via_country=False)
    return False


def _inside_title(doc: Doc, start: int, end: int) -> bool:
    """The tokens are part of a multi-word title written out in full ("Secretary of State")."""
    words = tuple(tokens(doc).words[start:end])
    n = len(words)
    for title in _titles().get(words[0], ()):
        for k in range(1, len(title) - n + 1):
            if title[k : k + n] == words and _matches(doc, start - k, title):
                return True
    return False


def _title_starts(doc: Doc, i: int) -> bool:
    return any(t[0] == doc[i].text and _matches(doc, i, t) for t in _titles().get(doc[i].text, ()))


def _modifies_noun(token: Token) -> bool:
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and token.whitespace_ == "" and doc[token.i + 1].whitespace_ == "":
        return True  # "Iranian-made", "Russian-backed": the first part of a hyphenated compound
    return token.pos_ == "ADJ" or (
        token.dep_ in ("amod", "compound", "nmod") and token.head.pos_ in ("NOUN", "PROPN") and token.head.i > token.i
    )


def _apposition_type(root: Token, end: int | None = None) -> str | None:
    """PERSON, ORG or GPE when the name is in apposition with a role, organisation or place noun
    ("Ana Ruiz, professor of ...", "UpGuard, a security firm", "Abqaiq, a town in ...")."""
    nouns = (("PERSON", word_set("person_nouns.txt")), ("ORG", word_set("org_nouns.txt")), ("GPE", word_set("place_nouns.txt")))
    linked = [root.head] if root.dep_ == "appos" else []
    linked += [c for c in root.children if c.dep_ == "appos" or (c.dep_ == "compound" and c.i < root.i and c.pos_ == "NOUN")]
    for token in linked:
        for label, words in nouns:
            # role nouns also come as proper nouns ("Dean"); organisation and place words must be common nouns
            if token.lemma_.lower() in words and (token.pos_ == "NOUN" or label == "PERSON"):
                if label != "PERSON" and end is not None and _name_between(end, token):
                    continue  # "Robert Seiden of Confidential Security, a New York firm": the firm is the nearer name
                return label
        if token.dep_ == "appos" and token.lower_ in _role_words() and token.pos_ == "NOUN":
            return "PERSON"  # "Dominic Hare, chief executive of the palace"
    return None


def _name_between(end: int, appositive: Token) -> bool:
    """Whether a proper noun stands between a name ending at token ``end`` and an apposition after
    it: the parser often hangs "X of Y, a firm" on X, where the firm is Y."""
    return appositive.i >= end and any(t.pos_ == "PROPN" for t in appositive.doc[end : appositive.left_edge.i])


@lru_cache(maxsize=1)
def _context_cues() -> dict[tuple[str, str], str]:
    return {(kind, word): label for kind, word, label in table("context_cues.tsv")}


@lru_cache(maxsize=1)
def name_words() -> dict[str, str]:
    words = {w: "ORG" for w in word_set("org_nouns.txt") - word_set("person_nouns.txt")}
    words.update({w: label for w, label in table("name_words.tsv")})
    return words


COMPASS = frozenset({"north", "south", "east", "west"})


def _word_type(doc: Doc, start: int, end: int, last_word: str | None = None) -> str | None:
    """The type the head word of a multi-word name gives it: its last word ("... Magistrates'
    Court", "Champaign County Board"), else its first ("County ...", "Gulf of ..."), else a place
    word inside it ("Northern Sea Route"); a street inside a name is no head ("Wall Street
    Journal"); the last word of a club, a paper or a trade (``data/org_last_words.txt``) makes it
    an organisation.
    ``last_word`` stands for the last token's text where a lost space ran a word into it
    ("Northumbria Policewhich")."""
    if end - start < 2:
        return None
    last = end - 1
    if doc[last].lower_ in COMPASS and last - 1 > start:
        last -= 1  # "James Street West": the head is before the direction
    t = tokens(doc)

    def lower(k: int) -> str:
        return last_word.lower() if last_word is not None and k == end - 1 else t.lower[k]

    if lower(end - 1) in word_set("org_last_words.txt"):
        return "ORG"  # "Manchester United" GPE, "Mercury News" PERSON
    for k in (last, start, *range(start + 1, last)):
        if t.words[k][:1].isupper():
            label = name_words().get(lower(k))
            if label and (label != "FAC" or k in (last, start)):
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


def _place_noun_of(doc: Doc, start: int, end: int) -> str | None:
    """The type a lower-case place noun gives the name after its "of" ("the city of Saidu Sharif",
    "north of Tira"; ``data/context_cues.tsv``), or the place a name is "from" when the same verb
    goes "to" a place ("airlifted from Omsk to Berlin")."""
    root = doc[start:end].root
    head = root.head
    if root.dep_ != "pobj" or head.dep_ != "prep":
        return None
    if head.lower_ == "of" and head.head.i < head.i and head.head.is_lower:
        return _context_cues().get(("of", head.head.lower_))
    if head.lower_ == "from":
        for prep in head.head.children:
            if prep.dep_ == "prep" and prep.lower_ == "to" and prep.i > head.i:
                if any(t.dep_ == "pobj" and t.ent_type_ == "GPE" for t in prep.children):
                    return "GPE"
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
