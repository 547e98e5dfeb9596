"""Named-entity mentions: spaCy's entity spans, repaired, cleaned and typed with context.

The spans come from ``spans.py`` (repairs; ``splits.py`` cleans and splits, ``added_spans.py``
adds what the model missed); the words and context cues from ``names.py``. For each span:

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

from spacy.tokens import Doc, Token

from ..data import phrase_tuples, table, word_set
from ..gazetteer import NAME_JOINERS, fold, gazetteer, is_town
from .names import (
    NAME_SUFFIXES,
    _apposition_type,
    _bare_name,
    _context_cues,
    _context_type,
    _inside_title,
    _is_role,
    _modifies_noun,
    _person_before,
    _place_noun_of,
    _role_prefix_length,
    _role_words,
    _text,
    _title_before,
    _title_length,
    _word_type,
    DETERMINERS,
    name_words,
)
from .added_spans import REPEATED, is_platform, is_region, is_territory
from .spans import SpanContext, _spans, span_context
from .tokens import Tokens, tokens


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
    # folded), the token before (an honorific gives the person's gender), whether the name is (in)
    # a clause's subject, and the subject a name is given as another name of ("using the name
    # "Kirk Rose"", ``people._link_aliases``): its token index and whether it is "he" or "she".
    start_char: int = 0
    end_char: int = 0
    parenthesis: str | None = None
    before: str = ""
    subject: bool = False
    alias_of: int | None = None
    alias_pronoun: bool = False
    alias_word: str = ""  # that subject's word, folded: a name the model did not tag there ("Dio (born ...)")
    alias_named: bool = False  # given right after "name", "nickname", ...: a person's name, of any length
    repeated: bool = False  # a name the model tagged elsewhere and not here: its label is no new vote
    acts_as_person: bool = False  # the subject of a reporting verb or the object of a meeting one ("met Merkel")
    plays: bool = False  # one side of a match against another club ("Wonthaggi defeated Leongatha")


@lru_cache(maxsize=1)
def _person_verbs() -> frozenset[tuple[str, str]]:
    return frozenset((role, lemma) for role, lemma in table("person_verbs.tsv"))


def _acts_as_person(root: Token) -> bool:
    """Whether a name is in a role only people have (``data/person_verbs.tsv``): the subject of
    "say" ("Merkel said"), the object of "meet" ("Putin met Merkel", "met with Merkel")."""
    head = root.head
    if root.dep_ == "nsubj":
        role = "subject"
    elif root.dep_ == "dobj":
        role = "object"
    elif root.dep_ == "pobj" and head.lower_ == "with":
        role, head = "object", head.head
    else:
        return False
    return head.pos_ == "VERB" and (role, head.lemma_.lower()) in _person_verbs()


def _located(cand: Candidate, doc: Doc) -> Candidate:
    t = tokens(doc)
    cand.start_char, cand.end_char = t.idx[cand.start], t.idx[cand.end - 1] + len(t.words[cand.end - 1])
    if cand.end + 2 < len(doc) and t.words[cand.end] == "(" and t.words[cand.end + 2] == ")":
        cand.parenthesis = fold(t.words[cand.end + 1])
    cand.before = t.words[cand.start - 1] if cand.start > 0 else ""
    first = doc[cand.start]
    cand.subject = first.head.dep_ in SUBJECT_DEPS or first.dep_ in SUBJECT_DEPS
    cand.acts_as_person = _acts_as_person(doc[cand.start:cand.end].root)
    subject = _alias_subject(doc, cand.start, cand.end)
    if subject is not None:
        cand.alias_of, cand.alias_pronoun = subject.i, subject.lower_ in PERSONAL_PRONOUNS
        cand.alias_word = fold(subject.text) if subject.text[:1].isupper() and not cand.alias_pronoun else ""
        before = cand.start - 1 - (cand.start > 1 and doc[cand.start - 1].is_quote)
        if before >= 0 and doc[before].pos_ == "NOUN" and doc[before].lemma_.lower() in ALIAS_NOUNS:
            # "his stage name Basshunter" ORG: a person's other name, even of one word
            cand.alias_named = True
            cand.cues.append(("PERSON", CUE_WEIGHT))
    return cand


SUBJECT_DEPS = ("nsubj", "nsubjpass")
PERSONAL_PRONOUNS = frozenset({"he", "she", "his", "her"})  # what an alias's subject may be instead of a name
ALIAS_NOUNS = frozenset({"name", "alias", "pseudonym", "nickname"})
MAX_CLIMB = 6  # words to climb from "using the name" to the clause with a subject


def _subject_of(token: Token) -> Token | None:
    """The subject of the clause ``token`` is in, climbing from a participle or a coordinated verb
    to the verb that has one ("He ... rang ... using the name ...")."""
    for _ in range(MAX_CLIMB):
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            if subjects[0].lower_ in ("who", "that") and token.dep_ == "relcl":
                return token.head  # "Calaway, who used the ring name ...": the noun the clause is about
            return subjects[0]
        if token.dep_ in ("acl", "relcl"):
            return token.head  # "Altberg, better known by his stage name ..."
        if token.dep_ not in ("advcl", "xcomp", "conj", "dobj", "pobj", "prep", "agent") or token.head is token:
            return None
        token = token.head
    return None


def _alias_subject(doc: Doc, start: int, end: int) -> Token | None:
    """Who a name is given as another name of: the subject of "using the name "Kirk Rose"",
    "earning the nickname 'PC Cucumber'", or "he"/"she" of "she was Fouzia Azeem"; the person a
    birth name or a byname is given for ("Dio (born Ronnie James Padavona)", "Leask, known
    locally as James Coal", "Humperdink, whose real name was John Sutton"), or whose alias it is
    ("Turkington's alias of Neil Hamburger")."""
    before = _named_before(doc, start)
    if before is not None:
        return before
    root = doc[start:end].root
    head = root.head
    if root.dep_ == "attr" and head.lemma_ == "be":
        subject = _subject_of(head)
        if subject is not None and subject.lemma_.lower() in ALIAS_NOUNS:
            return _name_owner(subject, head)
        if subject is None or subject.lower_ not in ("he", "she"):
            return None
        return subject
    if root.dep_ == "pobj" and head.lower_ == "as" and head.head.lower_ == "known":
        known = head.head  # "known (locally | originally | better | also) as ..."
        return known.head if known.dep_ in ("acl", "advcl", "relcl") else _subject_of(known)
    if root.dep_ in ("dobj", "attr", "oprd") and head.lower_ == "born" and head.dep_ in ("acl", "relcl"):
        return head.head  # "Lady Gaga, born Stefani Germanotta", "who was born ..."
    if root.dep_ == "appos" and any(c.lower_ == "born" and c.dep_ == "amod" for c in root.children):
        return head  # "Dio (born Ronnie James Padavona)", parsed with "born" inside the name
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in ALIAS_NOUNS:
        return _name_owner(head.head, head.head)  # "Turkington's alias of insult comedian Neil Hamburger"
    if root.dep_ in ("appos", "pobj", "attr", "oprd") and head.lemma_.lower() in ALIAS_NOUNS:
        return _subject_of(head)
    if any(c.lemma_.lower() in ALIAS_NOUNS for c in root.children if c.dep_ in ("poss", "compound", "nmod")):
        return _subject_of(root)  # "earning the nickname 'PC Cucumber'", parsed with "nickname" inside
    return None


BIRTH_WORDS = frozenset({"born", "née", "nee"})


def _named_before(doc: Doc, start: int) -> Token | None:
    """The name just before "(born X)", ", née X" or ", whose real name was X", read from the
    words, since the small parser often attaches these bracketed asides elsewhere."""
    i = start - 1
    if i >= 2 and doc[i].lower_ in BIRTH_WORDS and doc[i - 1].text in ("(", ",") and doc[i - 2].text[:1].isupper():
        return doc[i - 2]
    if i >= 0 and doc[i].lemma_ == "be":
        i -= 1
    if i < 0 or doc[i].lemma_.lower() not in ALIAS_NOUNS:
        return None
    i -= 1
    while i >= 0 and doc[i].pos_ == "ADJ":  # "real", "full", "birth"
        i -= 1
    if i >= 2 and doc[i].lower_ == "whose" and doc[i - 1].text == "," and doc[i - 2].text[:1].isupper():
        return doc[i - 2]
    return None


def _name_owner(name: Token, clause: Token) -> Token | None:
    """Whose "name" it is: "whose real name was" (the noun the clause is about), "his real name
    is" (the pronoun), "Humperdink's real name is" (the name)."""
    for child in name.children:
        if child.dep_ == "poss":
            if child.lower_ == "whose":
                return clause.head if clause.dep_ == "relcl" else None
            return child
    return None


@dataclass(frozen=True)
class NameContext:
    """What the rules for one mention read from the rest of the document: every entity span's text
    (folded), the last word of every span of several words and all their words, the US states
    named, the words the text writes in lower case, and those it capitalises inside a sentence. The context of a
    document parsed in parts is the union of its parts' (``merge``)."""

    plain: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    states_named: frozenset[str] = frozenset()
    lower_words: frozenset[str] = frozenset()
    inner_capitals: frozenset[str] = frozenset()
    name_parts: frozenset[str] = frozenset()

    def merge(self, other: NameContext) -> NameContext:
        return NameContext(self.plain | other.plain, self.surnames | other.surnames,
                           self.states_named | other.states_named, self.lower_words | other.lower_words,
                           self.inner_capitals | other.inner_capitals, self.name_parts | other.name_parts)


def name_context(doc: Doc, types: frozenset[str], spans_context: SpanContext | None = None,
                 spans: list | None = None) -> NameContext:
    """The context ``doc``'s own entity spans give, their repair read in ``spans_context`` (the
    whole document's, when ``doc`` is one of its parts; default ``doc``'s own); ``spans``:
    ``_spans(doc, types, spans_context)`` if known."""
    spans_context = span_context(doc) if spans_context is None else spans_context
    spans = _spans(doc, types, spans_context) if spans is None else spans
    states = word_set("us_states.txt", lower=False)
    texts = [_text(doc, s, e) for _, s, e in spans]
    toks = tokens(doc)
    return NameContext(frozenset(t.casefold() for t in texts),
                       frozenset(doc[e - 1].lower_ for _, s, e in spans if e - s > 1),
                       frozenset(t for t in texts if t in states),
                       frozenset(w for w, low, alpha in zip(toks.words, toks.is_lower, toks.alpha) if low and alpha),
                       _inner_capitals(doc),
                       frozenset(toks.lower[i] for _, s, e in spans if e - s > 1 for i in range(s, e)))


CODE = re.compile(r"^[A-Za-z]+-[0-9]|^[0-9]+(\.[0-9]+)?$")


def _is_document(doc: Doc, start: int, end: int) -> bool:
    """A law, treaty or bill ("Clean Air Act", "Treaty of Lisbon"), or a prize ("Pritzker Prize",
    "National Medal of Science"): not an entity."""
    laws = word_set("law_words.txt") | word_set("award_words.txt")
    if end - start > 1 and doc[end - 1].lower_ in laws and doc[end - 1].text[:1].isupper():
        return True
    return end - start > 2 and any(doc[k].lower_ in laws and doc[k + 1].lower_ == "of" for k in range(start, min(end - 1, start + 3)))


MODEL_NUMBER = re.compile(r"^(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9-]+$")  # "A300s", "C-123K", "K9"
CAMEL = re.compile(r"^[a-z]+[A-Z]")  # "iPhone", "iPod"


def _all_roles(toks: Tokens, start: int, end: int) -> bool:
    """Every word of ``start:end`` is a role (``names._is_role``)."""
    roles = _role_words()
    return all(toks.words[k][:1].isupper() and toks.lower[k].rstrip(".") in roles for k in range(start, end))


def _is_code(doc: Doc, start: int, end: int) -> bool:
    """A code name with a number ("COVID-19", "B-17") or a name ending in a decimal ("Magnitude
    6.3"): a disease, a model or a reading, not a named entity of our types ("Region 11" stays).
    So is a name with a model number in it ("Airbus A300s", "K9 Thunder") and a product written
    in camel case from a lower-case letter ("iPhone", "iPod Nano")."""
    words = tokens(doc).words[start:end]
    if CODE.match(words[0]) or (end - start > 1 and CODE.match(words[-1]) and "." in words[-1]):
        return True
    if end - start > 1 and any(MODEL_NUMBER.match(w) for w in words):
        return True
    return any(CAMEL.match(w) for w in words)


def _is_product(doc: Doc, end: int) -> bool:
    """A maker's name followed by a model number: "Boeing 737-800", "Airbus A320"."""
    if end >= len(doc):
        return False
    following = doc[end]
    return any(ch.isdigit() for ch in following.text) and following.ent_type_ in ("", "CARDINAL", "PRODUCT")


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
    several = len(words) > 1 or fold(cand.form) in gaz.country_groups or fold(cand.form) in gaz.faiths
    group = gaz.group(cand.form) if cand.label == "NORP" or several else None
    if not group and cand.label == "NORP" and cand.end - cand.start > 1 and doc[cand.end - 1].pos_ == "PROPN" and not adjective_of:
        cand.label = "ORG"  # a group is not named like "Saudi Aramco"; a company is
        return cand
    if group or adjective_of:
        cand.name, cand.label, cand.fixed = group or cand.form, "NORP", True
        cand.cues.append(("NORP", GAZETTEER_WEIGHT))
    return cand


def _elided_name(toks: Tokens, start: int, end: int, span_ends: dict[int, int]) -> str | None:
    """The whole name a lone direction word stands for before "and" and a name that starts with
    another one: "North" in "North and South Korea" (or "East" + "West Germany") is "North Korea"."""
    directions = word_set("direction_words.txt")
    if end - start != 1 or toks.lower[start] not in directions or end + 1 >= len(toks.words):
        return None
    if toks.lower[end] not in ("and", "&", "or") or toks.lower[end + 1] not in directions:
        return None
    rest = toks.words[end + 2:span_ends.get(end + 1, end + 2)]
    return " ".join([toks.words[start], *rest]) if rest else None


def _shared_head_name(doc: Doc, start: int, end: int, plain: frozenset[str]) -> str | None:
    """The whole name a modifier stands for when coordinated names share a plural head noun:
    "Labour" in "the Labour and Liberal parties" is the "Labour Party" the document names. Only a
    name the document spells out in full, so a head that no name has ("the Ohio and Iowa voters")
    adds nothing."""
    k = end
    while k < len(doc) and k - end < 8 and (doc[k].lower_ in (",", "and", "or", "&") or doc[k].text[:1].isupper()):
        k += 1  # past "and Liberal", ", Green and Liberal"
    if k >= len(doc) or doc[k].tag_ != "NNS" or not doc[k].is_lower or doc[k].lemma_ == doc[k].lower_:
        return None
    if k > end and not any(doc[j].lower_ in ("and", "or", "&") for j in range(end, k)):
        return None  # "the Labour parties"? a head right after one name is a plural of that name
    name = f"{_text(doc, start, end)} {doc[k].lemma_.title()}"
    return name if name.casefold() in plain else None


def _numbered(label: str, words: list[str]) -> bool:
    """A place or a people written with a digit, or a person's name ending in a number, is a
    product, a version or a code, not a name of that type; organisations are ("BBC Radio 4"), so
    is a capital and a number, a group by its number of members ("G7", "G20" GPE), and so is a
    person named by a number first ("50 Cent")."""
    if label in ("GPE", "NORP"):
        group = len(words) == 1 and words[0][:1].isupper() and words[0][1:].isdigit()
        return not group and any(ch.isdigit() for w in words for ch in w)
    return label == "PERSON" and len(words) > 1 and any(ch.isdigit() for ch in words[-1])


PORTFOLIO_TITLES = frozenset({"secretary", "minister"})


def _portfolio(doc: Doc, start: int, end: int, label: str) -> bool:
    """The portfolio of a secretary or minister, not a body: the words right before the title
    ("Commerce Secretary ...") or after "minister for" ("... for Indigenous Affairs"). A country, a
    place, an acronym ("NATO Secretary General") or a name with an organisation word stays."""
    if label != "ORG" or doc[start:end].text.isupper() or gazetteer().country(_text(doc, start, end)):
        return False
    if any(t.lower_ in word_set("org_nouns.txt") for t in doc[start:end]):
        return False
    after = end < len(doc) and doc[end].lower_ in PORTFOLIO_TITLES and not _general(doc, end + 1)
    before = start >= 2 and doc[start - 1].lower_ == "for" and doc[start - 2].lower_ in PORTFOLIO_TITLES
    return after or before


def _general(doc: Doc, i: int) -> bool:
    """"General" at ``i`` or after a hyphen there: a secretary-general heads the body named
    before the title ("United Nations Secretary-General"), a portfolio has a plain secretary."""
    i += i < len(doc) and doc[i].text == "-"
    return i < len(doc) and doc[i].lower_ == "general"


# A repaired span as plain numbers, to ship between rounds: the model's span start and label, the
# repaired start and end, and whether it repeats a name the model tagged elsewhere (what
# ``extract_candidates`` reads of ``spans._spans``).
RepairedSpan = tuple[int, str, int, int, bool]


def part_names(doc: Doc, types: frozenset[str], spans_context: SpanContext | None = None) -> tuple[NameContext, list[RepairedSpan]]:
    """``name_context`` of ``doc`` and its repaired spans, which ``extract_candidates`` then needs
    not repair again (the repair reads ``spans_context``, the same in both rounds)."""
    spans_context = span_context(doc) if spans_context is None else spans_context
    spans = _spans(doc, types, spans_context)
    return name_context(doc, types, spans_context, spans), [(ent.start, ent.label_, s, e, ent.kb_id_ == REPEATED) for ent, s, e in spans]


def extract_candidates(doc: Doc, types: frozenset[str], sent_ids: list[int],
                       context: NameContext | None = None, spans: list[RepairedSpan] | None = None) -> list[Candidate]:
    """Cleaned, typed mentions of the wanted entity types, in text order; ``context`` is the
    whole document's when ``doc`` is one part of it (default: ``doc``'s own), and ``spans`` the
    part's spans repaired with the document's ``SpanContext`` (``part_names``): both or neither."""
    if context is None:
        context, spans = part_names(doc, types)
    elif spans is None:
        raise ValueError("a document's context comes with the part's spans repaired in it (part_names)")
    plain, surnames, states_named, lower_words = context.plain, context.surnames, context.states_named, context.lower_words
    inner_capitals, name_parts = context.inner_capitals, context.name_parts
    toks = tokens(doc)
    span_ends = {s: e for _, _, s, e, _ in spans}
    span_labels = {k: label for _, label, s, e, _ in spans for k in range(s, e)}
    out = []
    for ent_start, ent_label, start, end, repeated in spans:
        titled = False
        label = ent_label
        if label != "PERSON":
            n = _role_prefix_length(doc, start, end)
            if n and _bare_name(doc, start + n, end):
                # "Detective Constable Daniel Dubé", "MP Tanya Davies" ORG: a title, then a person
                start, titled, label = start + n, True, "PERSON"
        n = _title_length(doc, start, end)
        if n and (label == "PERSON" or _text(doc, start + n, end).casefold() in plain):
            start, titled = start + n, True
        if label == "PERSON":
            n = _role_prefix_length(doc, start, end, person=ent_label == "PERSON")
            if n:
                start, titled = start + n, True
        elif (end - start > 1 and _is_role(doc[end - 1]) and doc[end - 1].lower_ not in word_set("org_nouns.txt")
              and doc[end - 2].lower_ not in NAME_JOINERS  # not the "Justice" of "Court of Justice"
              and doc[end - 2].whitespace_):  # nor the "Sheikh" of "Sharm el-Sheikh"
            end -= 1  # "NASA Administrator", "Baltimore Police Commissioner": the body, not the role
            if _all_roles(toks, start, end):
                continue  # "Attorney General": a title, not a name
        form = _text(doc, start, end)
        elided = _elided_name(toks, start, end, span_ends)
        if elided:
            form = elided  # "North" of "North and South Korea" is North Korea
        else:
            elided = _shared_head_name(doc, start, end, plain)
            if elided:
                # "Labour" of "the Labour and Liberal parties" is the Labour Party, of its head's type
                # ("Democratic" NORP of "the Democratic and Republican parties" is the party)
                form = elided
                label = name_words().get(elided.rsplit(" ", 1)[1].lower(), label)
        if not any(ch.isupper() for ch in form) or _inside_title(doc, start, end):
            continue
        if end - start == 1 and not elided and doc[start].lower_ in word_set("generic_words.txt"):
            continue  # "Defence", "Sea": part of a name, not one
        if (end - start == 1 and not elided and doc[start].lower_ in lower_words and not form.isupper() and not _is_role(doc[start])
                and doc[start].lower_ not in name_words() and not (gazetteer().group(form) or gazetteer().country(form)
                                                                   or gazetteer().adjective_country(form))):
            # "Groups", "Photographs": a word the text also writes in lower case is no name; a body
            # named by its head ("Parliament", "Court") is, and so are "US" and "Turkey"
            continue
        if end - start == 1 and _is_amount(doc, start):
            continue  # "AED 5 million", "20,000 EUR": money, not an entity
        if end - start == 1 and not elided and _names_a_language(doc[start]):
            continue  # "English tutor", "the Devanagari and Latin scripts": a language, not an entity
        if (end - start == 1 and not elided and doc[start].pos_ in COMMON_WORDS and toks.first[start]
                and not form.isupper() and toks.words[start] not in inner_capitals
                and doc[start].lower_ not in name_parts and not (gazetteer().group(form) or gazetteer().country(form)
                                                               or gazetteer().adjective_country(form))):
            # "Tributes were paid", "Proud of ...": a word the tagger reads as a common one, capitalised
            # only as the first word of a sentence, where a name the text also uses inside a
            # sentence ("Officials said Airblue") or in a longer name ("Kelly Slater", "Neuqua
            # Valley High School") is capitalised anyway
            continue
        if _all_roles(toks, start, end) and doc[end - 1].lower_ not in surnames:
            continue  # "Cardinal", "the Queen": a title alone, unless a name ends with it ("Julie Bishop")
        if form.replace(".", "").upper() in word_set("not_names.txt", lower=False):
            continue
        if _numbered(label, toks.words[start:end]):
            continue  # "IE9" GPE, "Windows 7" NORP, "Chrome 4+" PERSON: a product or a version
        if _is_vehicle(doc, toks, start, end):
            continue  # "HMS Astute", "the tanker Ocean Pearl": a vehicle (guideline §1)
        if _is_work_title(doc, start, end):
            continue  # "the film Avatar", "the series Sister Wives": a title of a work
        if end - start == 1 and toks.lower[start].rstrip(".") in NAME_SUFFIXES:
            continue  # "Jr." the model or a cut title left alone: no name
        if _double_bracketed(toks.words, start, end):
            continue  # "((WN)) Given that ...": an interview transcript's speaker label or a language tag ("((ru))")
        if _is_document(doc, start, end) or _is_code(doc, start, end) or any(
                len(w) > 1 and any(b in w for b in "[](){}") for w in toks.words[start:end]):
            continue  # a bracket inside a word is an editor's insertion ("[I]t"), not a name
        if end - start > 2 and _is_role(doc[start]) and doc[start + 1].lower_ in ("of", "for", "in") and not gazetteer().country(_text(doc, start + 2, end)):
            continue  # "Secretary of Homeland Security", "Superintendent of Police": an office
        if _portfolio(doc, start, end, label):
            continue  # "Commerce Secretary Wilbur Ross", "minister for East African Affairs"
        if label == "ORG" and _is_product(doc, end):
            continue
        glued = _glued_word(toks.words[end - 1], inner_capitals)
        if glued:
            form = form[: len(form) - len(toks.words[end - 1]) + len(glued)]  # "Loop Currentwhich": "Loop Current"
        determiner = any(w in DETERMINERS for w in toks.lower[max(ent_start - 1, 0) : start])
        cand = Candidate(sent_ids[start], start, end, label, form, form, determiner, repeated=repeated)
        if titled or _title_before(doc, start) or (label in ("PERSON", "ORG") and _person_before(doc, start, end)):
            cand.cues.append(("PERSON", CUE_WEIGHT))
        root = doc[start:end].root
        if label != "PERSON" and root.dep_ == "poss" and _context_cues().get(("kin", root.head.lower_)) == "PERSON":
            cand.cues.append(("PERSON", CUE_WEIGHT))  # "Larroulet's wife" ORG: only people have wives
        territory = is_territory(form) or is_region(form)
        worded = None if territory else _word_type(doc, start, end, glued)
        strongly_worded = worded and (end - start > 2 or name_words().get(doc[start].lower_) == worded)
        appositive = _apposition_type(root, end)
        if appositive and not (appositive == "PERSON" and strongly_worded and worded != "PERSON") and not (
                appositive != "PERSON" and label == "PERSON" and _given_name_first(doc, start, end)):
            # "researchers from ... and University of South Carolina Beaufort": the parser hangs the
            # name on a person noun, but a name of three words or more headed by an organisation's
            # or place's word is none ("Ricki Lake, the actress" keeps the apposition)
            cand.cues.append((appositive, CUE_WEIGHT))
        if is_platform(form):
            cand.cues.append(("ORG", GAZETTEER_WEIGHT))
        elif territory:
            cand.cues.append(("GPE", GAZETTEER_WEIGHT))  # "Falkland Islands", "New South Wales" LOC
        elif label == "PERSON" and end - start == 1 and form.isupper() and form.isalpha() and len(form) > 1:
            cand.cues.append(("ORG", CUE_WEIGHT))  # "TEPCO", "NPR": people are not written as acronyms
        if worded and label != worded:
            cand.cues.append((worded, CUE_WEIGHT))
            if label == "PERSON" and strongly_worded:
                # "James Street West", "Fort Lee": no person's name holds a place word but as its
                # surname ("Ricki Lake"), so this is the place; a person's given name may not join it
                cand.label = worded
        if (label == "ORG" and not cand.cues and not determiner and not form.isupper() and is_town(form)
                and _context_type(doc, start, end) == "GPE"):
            # "in Temuco" ORG: a town the model has not seen; a town's name is a club's or a
            # company's too ("Traralgon won", "Toyota"), so it counts only in a place's context
            cand.cues.append(("GPE", CUE_WEIGHT))
        elif label == "ORG" and not cand.cues and _place_noun_of(doc, start, end):
            # "the city of Saidu Sharif" ORG, "airlifted from Omsk to Berlin": a place whatever lists hold it
            cand.cues.append((_place_noun_of(doc, start, end), CUE_WEIGHT))
        if end - start == 1 and not gazetteer().country(form) and _plays_another(doc[start], span_labels):
            cand.cues.append(("ORG", CUE_WEIGHT))  # "Wonthaggi defeated Leongatha": two clubs
            cand.plays = True
        if label == "PERSON" and not titled:
            context = _context_type(doc, start, end)
            if context:
                cand.cues.append((context, CUE_WEIGHT))
            elif determiner and not _modifies_noun(doc[end - 1]) and doc[start:end].root.tag_.startswith("NNP"):
                # "the Azores": news names no person with "the"; a plural name is a place, else a body
                cand.cues.append(("LOC" if doc[end - 1].lower_.endswith("s") else "ORG", CUE_WEIGHT))
        out.append(_typed(cand, doc, states_named, plain))
    covered = {i for _, _, s, e, _ in spans for i in range(s, e)}
    return [_located(c, doc) for c in sorted(out + _hyphen_countries(doc, covered, sent_ids), key=lambda c: c.start)]


@lru_cache(maxsize=1)
def _vehicle_words() -> tuple[frozenset[str], frozenset[str]]:
    rows = table("vehicle_words.tsv")
    return frozenset(w for kind, w in rows if kind == "prefix"), frozenset(w for kind, w in rows if kind == "noun")


def _is_vehicle(doc: Doc, toks: Tokens, start: int, end: int) -> bool:
    """A ship's, rig's or spacecraft's name (``data/vehicle_words.tsv``): a ship's prefix starts
    it ("HMS Astute"), or a vehicle noun stands right before it ("the rig Deepwater Horizon")."""
    prefixes, nouns = _vehicle_words()
    if end - start > 1 and toks.words[start] in prefixes:
        return True
    return start > 0 and toks.lower[start - 1] in nouns and doc[start - 1].pos_ == "NOUN"


def _is_work_title(doc: Doc, start: int, end: int) -> bool:
    """A title right after a noun for a creative work (``data/work_nouns.txt``: "the film Avatar",
    "the 2004 film, The Motorcycle Diaries" in apposition), not the subject of a clause about the
    work ("the song Jackson wrote")."""
    root = doc[start:end].root
    i = start - 1
    if i > 0 and doc[i].lower_ == "the":
        i -= 1  # "the film, The Motorcycle Diaries" with "The" left out of the span
    if i > 0 and doc[i].text == ",":
        if root.dep_ != "appos":
            return False  # "In the film, Smith plays ...": a new clause's subject
        i -= 1
    if i < 0:
        return False
    noun = doc[i]
    if not (noun.pos_ == "NOUN" and noun.is_lower and noun.lemma_.lower() in word_set("work_nouns.txt")):
        return False
    # not the subject of a clause that describes the noun ("the song Jackson wrote")
    clause = root.head
    return not (root.dep_ in ("nsubj", "nsubjpass") and clause.dep_ in ("relcl", "acl") and clause.head == noun)


def _double_bracketed(words: list[str], start: int, end: int) -> bool:
    """Whether tokens ``start:end`` stand alone between "((" and "))", the mark-up transcripts
    use for a speaker ("((WN))", "((Wikinews))") or a language ("((ru))"), not running text."""
    return (start >= 2 and end + 2 <= len(words) and words[start - 2] == words[start - 1] == "("
            and words[end] == words[end + 1] == ")")


def _is_amount(doc: Doc, i: int) -> bool:
    """A currency's code (``data/currency_codes.txt``) written next to a number ("134 million
    CAD", "AED 5"); "an AED", a defibrillator, is left to the other rules."""
    if doc[i].text not in word_set("currency_codes.txt", lower=False):
        return False
    return any(0 <= k < len(doc) and doc[k].like_num for k in (i - 1, i + 1))


def _names_a_language(token: Token) -> bool:
    """A word before a language noun (``data/language_nouns.txt``: "English tutor", "Roman
    letters"; the first of two coordinated ones too: "Devanagari and Latin scripts") that the
    gazetteer knows as no country's adjective."""
    head = token.head
    if token.dep_ == "conj" and head.i < token.i and head.dep_ in ("amod", "compound", "nmod"):
        head = head.head  # "Devanagari" of "Devanagari and Latin scripts" hangs from "Latin"
    elif token.dep_ not in ("amod", "compound", "nmod"):
        return False
    if head.i <= token.i or head.lower_ not in word_set("language_nouns.txt"):
        return False
    gaz = gazetteer()
    return not (gaz.adjective_country(token.text) or gaz.country(token.text) or gaz.group(token.text))


GLUED_WORDS = ("which", "and", "who", "that")  # words a lost space runs into the name before them


def _given_name_first(doc: Doc, start: int, end: int) -> bool:
    """Two or three words the model called a person, the first a listed given name and none a word
    of a body or a place: "leader of the Labour party, Wouter Bos, the third party in ..." is the
    parser hanging a body's apposition on the person."""
    return (2 <= end - start <= 3 and doc[start].lower_ in word_set("given_names.txt")
            and not any(t.lower_ in name_words() for t in doc[start:end]))


def _glued_word(word: str, inner_capitals: frozenset[str]) -> str | None:
    """The name a word holds when a lost space ran the next word into it ("Currentwhich",
    "Titanicand"): the word without a glued word, when the text writes it on its own inside a
    sentence or it is a word that ends names ("Policewhich"); "Holland" and "Cleveland" stay, as
    "Holl" and "Cleve" are no words of the text."""
    for glue in GLUED_WORDS:
        if word.endswith(glue) and len(word) - len(glue) >= 3 and word[-len(glue) - 1].islower():
            name = word[: -len(glue)]
            if (name in inner_capitals or name.lower() in name_words()) and not (is_town(word) or gazetteer().country(word)):
                return name
    return None


SIDE_PREPOSITIONS = frozenset({"to", "against", "with"})


def _plays_another(token: Token, span_labels: dict[int, str]) -> bool:
    """``token`` is one side of a match verb (``data/contest_verbs.txt``) whose other side is a
    place or organisation name that is no country: "Wonthaggi defeated Leongatha", "losing to
    Yarram" after a club's name, also when the model called this side a person but it is a listed
    town ("Leongatha" PERSON "defeated Drouin"). People are left out ("Obama defeated McCain")."""
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in SIDE_PREPOSITIONS:
        verb = verb.head
    elif token.dep_ not in ("nsubj", "dobj"):
        return False
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in word_set("contest_verbs.txt"):
        return False
    towns = is_town(token.text)
    if span_labels.get(token.i) == "PERSON" and not towns:
        return False
    sides = [c for c in verb.children if c.dep_ in ("nsubj", "dobj")]
    sides += [g for p in verb.children if p.dep_ == "prep" and p.lower_ in SIDE_PREPOSITIONS for g in p.children if g.dep_ == "pobj"]
    if verb.dep_ in ("xcomp", "advcl", "conj") and not any(c.dep_ == "nsubj" for c in verb.children):
        sides += [c for c in verb.head.children if c.dep_ == "nsubj"]  # "Leongatha finished ..., losing to Moe"

    def other_club(side: Token) -> bool:
        if side.i == token.i or gazetteer().country(side.text):
            return False
        if span_labels.get(side.i) in ("GPE", "ORG"):
            return True
        return towns and side.i in span_labels and is_town(side.text)

    return any(other_club(s) for s in sides)


COMMON_WORDS = frozenset({"NOUN", "ADJ", "ADV", "VERB"})  # the tagger's reading of a word that is no name


def _inner_capitals(doc: Doc) -> frozenset[str]:
    """The capitalised words of ``doc`` that stand inside a sentence (not first, after any
    opening quotes or brackets)."""
    t = tokens(doc)
    return frozenset(w for w, first in zip(t.words, t.first) if not first and w[:1].isupper())


def _hyphen_countries(doc: Doc, covered: set[int], sent_ids: list[int]) -> list[Candidate]:
    """Countries and groups named inside a hyphenated word the model left untagged ("U.S.-led",
    "U.S.-Turkish", "Turkish-American"; guideline §2: a hyphen is a boundary), one candidate per
    part, on the word's token."""
    gaz = gazetteer()
    out = []
    t = tokens(doc)
    words, space = t.words, t.space
    for i, text in enumerate(words):
        if i in covered:
            continue
        glued = (i + 1 < len(words) and words[i + 1] == "-" and not space[i]) or (
            i >= 1 and words[i - 1] == "-" and not space[i - 1])
        parts = text.split("-") if "-" in text.strip("-") else [text] if glued else []
        for part in parts:
            country = gaz.country(part) or gaz.adjective_country(part)
            group = None if country else gaz.group(part)
            if not part[:1].isupper() or not (country or group):
                continue
            cand = Candidate(sent_ids[i], i, i + 1, "GPE" if country else "NORP",
                             country or group, part, False, fixed=True)
            cand.cues.append((cand.label, GAZETTEER_WEIGHT))
            out.append(cand)
    return out
