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
    # Read from the parse once, so that grouping needs no Doc (a long text is grouped from its parts'
    # candidates): character bounds, the word in parentheses right after ("... Corps (IRGC)",
    # folded), and the token before (an honorific gives the person's gender).
    start_char: int = 0
    end_char: int = 0
    parenthesis: str | None = None
    before: str = ""


def _located(cand: Candidate, doc: Doc) -> Candidate:
    cand.start_char, cand.end_char = doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1])
    if cand.end + 2 < len(doc) and doc[cand.end].text == "(" and doc[cand.end + 2].text == ")":
        cand.parenthesis = fold(doc[cand.end + 1].text)
    cand.before = doc[cand.start - 1].text if cand.start > 0 else ""
    return cand


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


def _extend_left(ent: Span, taken: set[int]) -> int:
    """New start of ``ent`` after taking in capitalised words of its own noun phrase."""
    doc, start = ent.doc, ent.start
    left_edge = ent.root.left_edge.i
    i = start - 1
    while i >= left_edge and i not in taken:
        token = doc[i]
        if ent.label_ == "PERSON" and _is_role(token):
            break  # "Chief Executive [Carrie Lam]": a title is not part of the name
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
    return end


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
    while (start + 2 < end and doc[start].text in word_set("hyphen_prefixes.txt", lower=False)
           and doc[start + 1].text == "-" and doc[start].whitespace_ == "" and doc[start + 1].whitespace_ == ""):
        start += 2
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


CODE = re.compile(r"^[A-Za-z]+-[0-9]|^[0-9]+(\.[0-9]+)?$")


def _is_document(doc: Doc, start: int, end: int) -> bool:
    """A law, treaty or bill ("Clean Air Act", "Treaty of Lisbon"): not an entity."""
    laws = word_set("law_words.txt")
    if end - start > 1 and doc[end - 1].lower_ in laws and doc[end - 1].text[:1].isupper():
        return True
    return end - start > 2 and doc[start].lower_ in laws and doc[start + 1].lower_ == "of"


def _is_code(doc: Doc, start: int, end: int) -> bool:
    """A code name with a number ("COVID-19", "B-17") or a name ending in a decimal ("Magnitude
    6.3"): a disease, a model or a reading, not a named entity of our types ("Region 11" stays)."""
    return bool(CODE.match(doc[start].text)) or (end - start > 1 and bool(CODE.match(doc[end - 1].text)) and "." in doc[end - 1].text)


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
    return None


@lru_cache(maxsize=1)
def _context_cues() -> dict[tuple[str, str], str]:
    return {(kind, word): label for kind, word, label in table("context_cues.tsv")}


@lru_cache(maxsize=1)
def _name_words() -> dict[str, str]:
    words = {w: "ORG" for w in word_set("org_nouns.txt") - word_set("person_nouns.txt")}
    words.update({w: label for w, label in table("name_words.tsv")})
    return words


def _word_type(doc: Doc, start: int, end: int) -> str | None:
    """The type a word of a multi-word name gives it ("... Magistrates' Court", "County ...")."""
    if end - start < 2:
        return None
    for token in doc[start:end]:
        if token.text[:1].isupper():
            label = _name_words().get(token.lower_)
            if label:
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
        if label:
            return label
    if root.dep_ in ("compound", "nmod", "poss") and head.i > root.i:
        label = cues.get(("noun", head.lower_))
        if label:
            return label
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_iob_ == "B":
        # "Makilala, Cotabato": a place followed by the region it is in
        return cues.get(("comma", doc[end + 1].ent_type_))
    return None


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
    country = gaz.country(cand.form) if cand.label != "PERSON" else None  # "Jordan", "Chad" are names too
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
    if cand.label == "NORP" and cand.end - cand.start > 1 and doc[cand.end - 1].pos_ == "PROPN" and not adjective_of:
        cand.label = "ORG"  # a group is not named like "Saudi Aramco"; a company is
        return cand
    group = gaz.group(cand.form) if cand.label == "NORP" else None  # "Labour", "Roma" are names too
    if group or adjective_of:
        cand.name, cand.label, cand.fixed = group or cand.form, "NORP", True
        cand.cues.append(("NORP", GAZETTEER_WEIGHT))
    return cand


def _coordinated(doc: Doc, label: str, start: int, end: int) -> list[tuple[int, int]]:
    """Bounds of the names a span coordinates with "and"/"&", or the span itself: two people
    ("Kelly and Baroni"), two countries ("Norway and Denmark"), or an organisation whose first part
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
                or (label == "ORG" and doc[k - 1].lower_ in word_set("org_nouns.txt") | word_set("legal_suffixes.txt")
                    and k - start > 1 and doc[k + 1].lower_ not in word_set("org_nouns.txt")
                    and not all(t.lower_.rstrip(".") in word_set("legal_suffixes.txt") for t in doc[k + 1:end]))):
            return [(start, k), *_coordinated(doc, label, k + 1, end)]
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


def _spans(doc: Doc, types: frozenset[str]) -> list[tuple[Span, int, int]]:
    """Wanted entity spans with repaired bounds; a country+person span becomes two spans."""
    gaz = gazetteer()
    ents = [
        e for e in doc.ents
        if e.label_ in types
        # a country or demonym the model typed as something else ("Cyprus" PRODUCT, "Russian" LANGUAGE)
        or ("GPE" in types and e.label_ != "PERSON"
            and (gaz.country(e.text) or (gaz.adjective_country(e.text) and _modifies_noun(e[-1]))))
    ]
    ents = _join_person_parts(doc, ents)
    taken = {i for e in ents for i in range(e.start, e.end)} | {i for e in doc.ents for i in range(e.start, e.end)}
    out = []
    for ent in ents:
        start, end = ent.start, ent.end
        if ent.label_ in EXTENDABLE:
            # the extensions test only tokens outside the span, so the other spans' tokens are ``taken``
            # (a copy without this span's, per span, made this quadratic in the number of names)
            start, end = _extend_left(ent, taken), _extend_right(ent, taken)
        start, end = _clean_bounds(doc, start, end)
        if start >= end:
            continue
        for part_start, part_end in _coordinated(doc, ent.label_, start, end)[:-1]:
            out.append((ent, part_start, part_end))
            start = part_end + 1
        n = _country_prefix(doc, start, end)
        if n and (ent.label_ == "PERSON" or (start > 0 and doc[start - 1].lower_ == "of" and _title_before(doc, start - 1, False))):
            out.append((ent, start, start + n))
            start += n
        out.append((ent, start, end))
    return out


@dataclass(frozen=True)
class NameContext:
    """What the rules for one mention read from the rest of the document: every entity span's text
    (folded), the last word of every span of several words, the US states named. The context of
    a document parsed in parts is the union of its parts' (``merge``)."""

    plain: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    states_named: frozenset[str] = frozenset()

    def merge(self, other: NameContext) -> NameContext:
        return NameContext(self.plain | other.plain, self.surnames | other.surnames,
                           self.states_named | other.states_named)


def name_context(doc: Doc, types: frozenset[str], spans: list | None = None) -> NameContext:
    """The context ``doc``'s own entity spans give (``spans``: ``_spans(doc, types)`` if known)."""
    spans = _spans(doc, types) if spans is None else spans
    states = word_set("us_states.txt", lower=False)
    texts = [_text(doc, s, e) for _, s, e in spans]
    return NameContext(frozenset(t.casefold() for t in texts),
                       frozenset(doc[e - 1].lower_ for _, s, e in spans if e - s > 1),
                       frozenset(t for t in texts if t in states))


def extract_candidates(doc: Doc, types: frozenset[str], sent_ids: list[int],
                       context: NameContext | None = None) -> list[Candidate]:
    """Cleaned, typed mentions of the wanted entity types, in text order; ``context`` is the
    whole document's when ``doc`` is one part of it (default: ``doc``'s own)."""
    spans = _spans(doc, types)
    context = context or name_context(doc, types, spans)
    plain, surnames, states_named = context.plain, context.surnames, context.states_named
    out = []
    for ent, start, end in spans:
        titled = False
        n = _title_length(doc, start, end)
        if n and (ent.label_ == "PERSON" or _text(doc, start + n, end).casefold() in plain):
            start, titled = start + n, True
        if ent.label_ == "PERSON":
            n = _role_prefix_length(doc, start, end)
            if n:
                start, titled = start + n, True
        elif (end - start > 1 and _is_role(doc[end - 1]) and doc[end - 1].lower_ not in word_set("org_nouns.txt")
              and doc[end - 2].lower_ not in NAME_JOINERS):  # not the "Justice" of "Court of Justice"
            end -= 1  # "NASA Administrator", "Baltimore Police Commissioner": the body, not the role
            if all(_is_role(t) for t in doc[start:end]):
                continue  # "Attorney General": a title, not a name
        form = _text(doc, start, end)
        if not any(ch.isupper() for ch in form) or _inside_title(doc, start, end):
            continue
        if end - start == 1 and doc[start].lower_ in word_set("generic_words.txt"):
            continue  # "Defence", "Sea": part of a name, not one
        if all(_is_role(t) for t in doc[start:end]) and doc[end - 1].lower_ not in surnames:
            continue  # "Cardinal", "the Queen": a title alone, unless a name ends with it ("Julie Bishop")
        if form.replace(".", "").upper() in word_set("not_names.txt", lower=False):
            continue
        if _is_document(doc, start, end) or _is_code(doc, start, end):
            continue
        if ent.label_ == "ORG" and _is_product(doc, end):
            continue
        determiner = any(t.lower_ in DETERMINERS for t in doc[max(ent.start - 1, 0) : start])
        cand = Candidate(sent_ids[start], start, end, ent.label_, form, form, determiner)
        if titled or _title_before(doc, start):
            cand.cues.append(("PERSON", CUE_WEIGHT))
        appositive = _apposition_type(doc[start:end].root)
        if appositive:
            cand.cues.append((appositive, CUE_WEIGHT))
        worded = _word_type(doc, start, end)
        if worded and ent.label_ != worded:
            cand.cues.append((worded, CUE_WEIGHT))
        if ent.label_ == "PERSON" and not titled:
            context = _context_type(doc, start, end)
            if context:
                cand.cues.append((context, CUE_WEIGHT))
        out.append(_located(_typed(cand, doc, states_named, plain), doc))
    return out
