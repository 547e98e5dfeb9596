"""Repairing the model's entity spans: a name it cut short is extended (over its own noun phrase,
its "for ..." or "of the <country>" part, a branch after a comma, two places after "of", a group
name past a hyphen) and a person's name cut at a particle is joined; then ``splits.py`` cleans the
edges and splits names run together. ``_spans`` gives the repaired bounds of every wanted span;
``mentions.py`` turns them into candidates.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..data import word_set
from ..gazetteer import NAME_JOINERS, fold, gazetteer, is_town
from .names import NAME_SUFFIXES, _is_role, is_agent_before_name, _modifies_noun, _text, _title_before, _title_starts
from .tokens import model_ents, tokens
from .added_spans import _demonym_body_spans, _platform_spans, _repeated_names, _spelled_names, _territory_spans, _untagged_people, is_platform, is_region
from .splits import (
    _clean_bounds,
    _comma_parts,
    _coordinated,
    _country_prefix,
    _lowercase_parts,
    _place_before_person,
    _possessive_parts,
)


EXTENDABLE = frozenset({"ORG", "PERSON", "FAC"})


def _extend_left(ent: Span, taken: set[int], labels: dict[str, str]) -> int:
    """New start of ``ent`` after taking in capitalised words of its own noun phrase."""
    doc, start = ent.doc, ent.start
    left_edge = ent.root.left_edge.i
    i = start - 1
    while i >= left_edge and i not in taken:
        token = doc[i]
        if ent.label_ == "PERSON" and (_is_role(token) or labels.get(token.text, "PERSON") != "PERSON"
                                       or is_agent_before_name(token, doc[start])):
            # "Chief Executive [Carrie Lam]", "in Queensland [Bob Katter]", "Moderator [Chris
            # Wallace]": a title, a place or a doer's word is not part of the name
            break
        if token.pos_ == "PROPN" and token.text[:1].isupper():
            start = i
        elif not (token.lower_ in NAME_JOINERS and i - 1 >= left_edge and doc[i - 1].pos_ == "PROPN"):
            break
        i -= 1
    return start


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


def _join_person_parts(doc: Doc, ents: list[Span]) -> list[Span]:
    """One span for a person's name the model cut in two: at a particle ("Ursula von der" +
    "Leyen", "Bingu" + "wa" + "Mutharika"), before an apostrophe part ("Valéry Giscard" + "d'Estaing"), or into two person spans
    that touch ("Zine El" + "Abidine Ben Ali"; two people always have a word or a comma between),
    or before a generation suffix ("Dale Earnhardt" + "," + "Jr.")."""
    particles = word_set("name_particles.txt")
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        # a possessive ends a name: "[Deep Purple's] [Ritchie Blackmore]" is an owner and a person
        if prev is not None and prev.label_ == "PERSON" and ent.start == prev.end and doc[prev.end - 1].tag_ != "POS" and (
                ent.label_ == "PERSON" or doc[prev.end - 1].lower_ in particles):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            continue
        gap = doc[prev.end : ent.start] if prev is not None and prev.label_ == "PERSON" else []
        if len(ent) == 1 and _is_name_suffix(ent[0]) and [t.text for t in gap] in ([], [","]) and prev is not None and prev.label_ == "PERSON":
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")  # "Dale Earnhardt" + "," + "Jr."
            continue
        if 0 < len(gap) <= 2 and all(t.lower_ in particles and t.text.islower() for t in gap) and doc[ent.start].text[:1].isupper():
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")  # "Bingu" + "wa" + "Mutharika" GPE
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
        if end + 1 < len(doc) and doc[end].text == "," and _is_name_suffix(doc[end + 1]):
            end += 2  # "Martin Luther King[, Jr.]"
        if end != ent.end and not any(o.start < end and o.end > ent.end for o in out if o is not ent):
            out[k] = Span(doc, ent.start, end, label="PERSON")
    return out


def _is_name_suffix(token: Token) -> bool:
    """"Jr.", "Sr", "III": a generation suffix, part of the name before it (with or without a comma)."""
    return token.text[:1].isupper() and token.lower_.rstrip(".") in NAME_SUFFIXES


def _join_dangling(ents: list[Span]) -> list[Span]:
    """A span the model ended with "of" or "of the" and the span right after it are one name
    ("the Democratic Republic of the" + "Congo"); so are a place and the district or state
    abbreviation after its comma ("Washington" + "," + "D.C."), which ``splits._comma_parts``
    keeps together where the model gave one span ("Washington, DC")."""
    out: list[Span] = []
    for ent in ents:
        last = out[-1] if out else None
        dangling = last is not None and len(last) > 1 and (
            last[-1].lower_ == "of" or (last[-1].lower_ == "the" and last[-2].lower_ == "of"))
        if dangling and last.end == ent.start and last.label_ == ent.label_:
            out[-1] = Span(ent.doc, last.start, ent.end, label=last.label_)
        elif (last is not None and last.label_ == ent.label_ == "GPE" and ent.start == last.end + 1
              and ent.doc[last.end].text == "," and len(ent) == 1 and _state_abbreviation(ent.text)
              and not gazetteer().country(ent.text)):  # "England, UK" are two
            out[-1] = Span(ent.doc, last.start, ent.end, label="GPE")
        else:
            out.append(ent)
    return out


def _state_abbreviation(text: str) -> bool:
    """Two capitals, with or without dots ("D.C.", "DC", "NY")."""
    letters = text.replace(".", "")
    return len(letters) == 2 and letters.isalpha() and letters.isupper()


@dataclass(frozen=True)
class SpanContext:
    """What span repair reads from the rest of the document: the label the model gave each name
    (its last use), how often the model tagged each name, and the proper nouns written outside a
    coordination. The context of a document parsed in parts is its parts' merged in order."""

    labels: dict[str, str] = field(default_factory=dict)
    seen: Counter[str] = field(default_factory=Counter)
    words: frozenset[str] = frozenset()

    def merge(self, later: SpanContext) -> SpanContext:
        return SpanContext({**self.labels, **later.labels}, self.seen + later.seen, self.words | later.words)


def span_context(doc: Doc) -> SpanContext:
    """``doc``'s own ``SpanContext`` (from the model's spans and the tokens only)."""
    ents = model_ents(doc)
    names = [_text(doc, e.start, e.end) for e in ents]
    labels = {name: e.label_ for name, e in zip(names, ents)}  # what the model calls each name elsewhere
    # names used on their own: the model's spans, and proper nouns also written outside a
    # coordination ("Nakheel owes ...", which the model does not tag)
    t = tokens(doc)
    lower = t.lower
    words = {w for i, w in enumerate(t.words) if w[:1].isupper() and t.propn[i]
             and not (i + 1 < len(lower) and lower[i + 1] in ("and", "&")) and not (i and lower[i - 1] in ("and", "&"))}
    return SpanContext(labels, Counter(names), frozenset(words))


NON_NAME_LABELS = ("PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE")
PLACE_PREPOSITIONS = ("in", "at", "near", "from", "outside")


def _listed_place_after_preposition(doc: Doc, ent: Span) -> bool:
    """A town or region of the lists the model typed as a product, work, law or language, right
    after a place's preposition ("the School of Oceanographic Studies in Calcutta" PRODUCT)."""
    return (ent.label_ in NON_NAME_LABELS and ent.start > 0 and doc[ent.start - 1].lower_ in PLACE_PREPOSITIONS
            and not _modifies_noun(ent[-1])  # "in Alpine ski racing"
            and (is_town(ent.text) or is_region(ent.text)))


def _spans(doc: Doc, types: frozenset[str], context: SpanContext | None = None) -> list[tuple[Span, int, int]]:
    """Wanted entity spans with repaired bounds; a country+person span becomes two spans.
    ``context`` is the whole document's when ``doc`` is one of its parts (default: ``doc``'s own)."""
    gaz = gazetteer()
    ents = [
        e for e in model_ents(doc)
        if e.label_ in types
        # a country or demonym the model typed as something else ("Cyprus" PRODUCT, "Russian" LANGUAGE)
        or ("GPE" in types and e.label_ != "PERSON"
            and (gaz.country(e.text) or (gaz.adjective_country(e.text) and _modifies_noun(e[-1]))))
        or is_platform(e.text)
        # "the Polish Embassy" FAC or WORK_OF_ART: a body that acts is an organisation (guideline §1)
        or ("ORG" in types and e.label_ in ("FAC", "WORK_OF_ART") and e[-1].lower_ in word_set("org_nouns.txt"))
        or ("GPE" in types and _listed_place_after_preposition(doc, e))
    ]
    ents = [Span(doc, e.start, e.end, label="GPE") if _listed_place_after_preposition(doc, e) else
            Span(doc, e.start, e.end, label="ORG") if e.label_ in ("FAC", "WORK_OF_ART") else e for e in ents]
    ents = _join_dangling(_join_person_parts(doc, _platform_spans(doc, _territory_spans(doc, _demonym_body_spans(doc, ents, types), types), types)))
    if "ORG" in types:
        spelled = _spelled_names(doc)
        ents = sorted([*(e for e in ents if not any(e.start < s.end and s.start < e.end for s in spelled)), *spelled],
                      key=lambda e: e.start)
    if "PERSON" in types:
        ents = sorted([*ents, *_untagged_people(doc)], key=lambda e: e.start)
    context = span_context(doc) if context is None else context
    labels = context.labels
    taken = {i for e in ents for i in range(e.start, e.end)} | {i for e in model_ents(doc) for i in range(e.start, e.end)}
    repeated = _repeated_names(doc, taken, labels, types)
    if repeated:
        ents = sorted([*ents, *repeated], key=lambda e: e.start)
        taken |= {i for e in repeated for i in range(e.start, e.end)}
    # (a model span counts when it is there twice: once may be the piece of a name it cut, "U.S. Fish")
    alone = frozenset(t for t, n in context.seen.items() if n > 1) | context.words
    out = []
    absorbed = 0  # end of a group name that took in the next span ("Chinese" + "Americans")
    for ent in ents:
        if ent.start < absorbed:
            continue
        # every token the extensions below test is outside the span the model gave (they start at
        # its edges and go outwards), so the other spans' tokens are ``taken``: a copy without this
        # span's, per span, made this quadratic in the number of names
        others = taken
        start, end = ent.start, ent.end
        campus = False
        group_end = _group_compound_end(doc, start, end)
        if group_end > end:
            ent, end = Span(doc, start, group_end, label="NORP"), group_end
            absorbed = group_end
        elif ent.label_ == "ORG":
            tail_end = _org_tail_end(doc, start, end, alone)
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
        flight = next((k for k in range(start + 1, end - 1) if doc[k].text == "Flight" and doc[k + 1].like_num), None)
        if flight is not None:
            end = flight  # "[Lion Air] Flight 610": the airline; the flight is no entity
        if start >= end:
            continue
        letters = doc[end - 1].text.replace(".", "")
        if ent.label_ == "PERSON" and end - start > 2 and letters.isupper() and letters in word_set("not_names.txt", lower=False):
            end -= 1  # "Clare Montgomery QC": post-nominal letters are not part of the name
        commas = [(start, end)] if campus else _comma_parts(doc, start, end)
        parts = [p for c in commas for q in _lowercase_parts(doc, *c) for p in _possessive_parts(doc, *q, labels, ent.label_)]
        for (part_start, part_end), (next_start, _) in zip(parts, parts[1:]):
            out.append((ent, part_start, part_end))  # "Reddit, Foursquare", "Wikileaks, Julian Assange"
            start = next_start
        for part_start, part_end in _coordinated(doc, ent.label_, start, end, alone)[:-1]:
            out.append((ent, part_start, part_end))
            start = part_end + 1
        n = _country_prefix(doc, start, end)
        if n == 1 and end - start == 2 and ent.label_ == "PERSON" and doc[start].text.istitle() and not (start > 0 and doc[start - 1].lower_ == "of"):
            n = 0  # "Chad Brown", "Jordan Peterson": a two-word person whose given name is also a country
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


def _org_tail_end(doc: Doc, start: int, end: int, alone: frozenset[str] = frozenset()) -> int:
    """End of an organisation's name the model cut before its "for ...", "and ..." or ", ..." part: "Puerto
    Rico Center [for Investigative Journalism]", "Tunisian League [for the Defence of Human
    Rights]" after an organisation word; "U.S. Fish [and Wildlife Service]" when the part after
    "and" ends with one. The part is capitalised words (with "of", "and", "the"), no place or person,
    and after "and" not a name the document also uses on its own (``alone``: "Lufthansa and
    [Singapore Airlines]; Singapore Airlines said")."""
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
    if last == end or (joiner != "for" and (doc[last - 1].lower_ not in org or doc[end - 1].lower_ in org
                                            or _text(doc, end + 1, last) in alone or _is_acronym(doc[end - 1].text))):
        return end  # an acronym is a whole name: "the EU and International Monetary Fund" are two
    return last


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) > 1 and letters.isalpha() and letters.isupper()


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
