"""One local entity per real-world referent inside a document.

Method:

1. Mentions whose names fold to the same key (case, dots, diacritics ignored: "U.S."/"US",
   "Erdoğan"/"Erdogan") form one group.
2. Groups are joined (union-find) when one names the other:
   - a short form (not an acronym) that is the trailing part of exactly one longer name
     ("Trump" of "Donald Trump") joins it if that name is a person's, or if both carry the same
     label. Journalists refer to people by surname, and the small models often mislabel a lone
     surname ("Trump" ORG, "Zelenskyy" GPE), so the short form's own label may not split the
     person. A surname shared
     by two full names ("George Bush", "Jeb Bush") stays on its own;
   - two person names with the same first and last word ("George W. Bush", "George Bush");
   - a lone given name tagged PERSON and the one person whose name starts with it ("Brigid",
     "Brigid Kosgei"), unless some name ends with it;
   - the head of an "X of Y" organisation name and that name ("Parliament", "Parliament of
     Iraq"), when only one name has that head;
   - the singular and plural of a group ("Houthi", "Houthis");
   - an acronym and the one longer name whose initials it spells ("EU", "European Union"), or
     the name it follows in parentheses ("Islamic Revolutionary Guard Corps (IRGC)");
   - a name that clips the words of exactly one longer organisation name ("Lib Dem", "Liberal
     Democrats"), its last word maybe their initials ("Alberton FL", "Alberton Football League");
   - two organisation names of 12 characters or more that differ by at most two letters in the
     words they share (a typo or a spelling variant: "Ministry of Defence" / "Defense").
   Names the gazetteer identified (countries, groups) are never joined to a longer name.
3. A national body named without its country ("Parliament", "Supreme Court") is named with the
   country the document is about, when one country leads ("United Kingdom Parliament"), so that
   across documents each country's body is a node of its own.
4. The entity's type is a weighted vote: mentions of the full name count 1, short forms 0.5,
   context cues their weight (``mentions.py``), and a bare surname used later counts 2 for
   PERSON, the way news refers back to people, and each of its uses 0.5 more.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from ..data import table, word_set
from ..gazetteer import NAME_JOINERS, all_initials, fold, gazetteer, is_town
from ..records import LocalEntity, Mention
from .added_spans import is_territory
from .groups import _acronym, _edit_distance, _Group, _index, _is_person, _prefixes, _suffixes, _UnionFind, group_key
from .people import PERSON_DOMINANCE, _bare, _diminutive, _is_initial, _link_aliases, _link_surname_variants, _person_words
from .mentions import Candidate
from .names import name_words

COMPASS_WORDS = frozenset({"north", "south", "east", "west"})
FULL_NAME_VOTE = 1.0
SHORT_FORM_VOTE = 0.5
SURNAME_USAGE_VOTE = 2.0
TOWN_VOTE = 2.0  # per mention the model called a person, as a context cue counts
GIVEN_NAME_VOTE = 2.0  # per mention of the full name the model called an organisation, likewise
TYPO_MIN_LENGTH = 12  # characters; shorter names differ by a letter too often to call it a typo
TYPO_MAX_EDITS = 2
ONE_TYPO_MIN_LENGTH = 7  # characters; from here one edit of a whole one-word name is a typo ("Al-Qaida")


def _misspelt(short: _Group, long: _Group) -> bool:
    """Two organisation or place names that differ by a typo or a spelling variant in the words
    they share ("Ways and Means Committess" / "House Ways and Means Committee", "Defence" /
    "Defense"), or two one-word names of seven letters or more by one edit ("Al-Qaida" /
    "Al-Qaeda", "Orazkai" / "Orakzai"; a swap of neighbours is one)."""
    if any(ch.isdigit() for ch in short.key + long.key) or len(short.key) < ONE_TYPO_MIN_LENGTH:
        return False
    if len(short.key) < TYPO_MIN_LENGTH:  # not two towns of GeoNames ("Hamburg", "Homburg")
        return (len(short.words) == len(long.words) == 1 and _edit_distance(short.key, long.key, 1) == 1
                and not (is_town(short.name) and is_town(long.name)))
    tail = " ".join(long.words[-len(short.words):])
    return 0 < _edit_distance(short.key, tail, TYPO_MAX_EDITS) <= TYPO_MAX_EDITS


TYPO_PIECES = 2 * TYPO_MAX_EDITS + 1  # each edit spoils at most two pieces, so one is left intact


def _bounds(size: int) -> list[tuple[int, int]]:
    return [(p * size // TYPO_PIECES, (p + 1) * size // TYPO_PIECES) for p in range(TYPO_PIECES)]


def _pieces(text: str) -> list[tuple[int, int, str]]:
    """(length, piece number, piece) of a name cut into ``TYPO_PIECES`` pieces."""
    return [(len(text), p, text[a:b]) for p, (a, b) in enumerate(_bounds(len(text)))]


def _pieces_near(text: str) -> set[tuple[int, int, str]]:
    """The pieces a name within ``TYPO_MAX_EDITS`` edits of ``text`` may share with it: an intact
    piece of the other name is in ``text`` at most that many characters from its own place."""
    found = set()
    for size in range(len(text) - TYPO_MAX_EDITS, len(text) + TYPO_MAX_EDITS + 1):
        for p, (a, b) in enumerate(_bounds(size)):
            for shift in range(-TYPO_MAX_EDITS, TYPO_MAX_EDITS + 1):
                if 0 <= a + shift and b + shift <= len(text):
                    found.add((size, p, text[a + shift : b + shift]))
    return found


def _parenthesised(groups: list[_Group], by_key: dict[str, int]) -> dict[str, list[int]]:
    """Folded word in parentheses right after a name of several words → the groups of those names
    ("Islamic Revolutionary Guard Corps (IRGC)")."""
    found: dict[str, list[int]] = defaultdict(list)
    for cand in (c for g in groups for c in g.candidates):
        if cand.parenthesis is not None and len(cand.name.split()) > 1:
            found[cand.parenthesis].append(by_key[group_key(cand)])
    return found


def _link(groups: list[_Group]) -> _UnionFind:
    # Each rule looks its few possible partners up in an index (``_index``) instead of scanning
    # every group per group: the lists keep the groups' order, so the unions are made in the order
    # (and direction) of a scan, and the same groups end up as roots.
    uf = _UnionFind([len(g.candidates) for g in groups])
    by_words = {g.words: i for i, g in enumerate(groups)}
    # "George W. Bush" → "George Bush": a two-word form joins the one longer name it shortens; of
    # several ("John Paul Smith", "John Edward Smith") only the one named PERSON_DOMINANCE times as
    # often as each other, else none, so that the short form never chains two people into one
    longer: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        if g.labels.get("PERSON") and len(g.words) > 2:
            j = by_words.get((g.words[0], g.words[-1]))
            if j is not None and j != i:
                longer[j].append(i)
    for j, names in longer.items():
        ranked = sorted(names, key=lambda i: -len(groups[i].candidates))
        if len(ranked) == 1 or len(groups[ranked[0]].candidates) >= PERSON_DOMINANCE * len(groups[ranked[1]].candidates):
            uf.union(ranked[0], j)

    by_key = {g.key: i for i, g in enumerate(groups)}
    # the initials of the name as written too: the group key has no legal suffix, and "BBC" spells
    # "British Broadcasting Corporation"
    spelling = _index(groups, lambda j: len(groups[j].words) > 1, lambda j: all_initials(groups[j].words).union(
        *(all_initials(fold(name).split()) for name in {c.name for c in groups[j].candidates})))
    parenthesised = _parenthesised(groups, by_key)
    for i, group in enumerate(groups):
        acronym = _acronym(group)
        if acronym is None or group.fixed:
            continue
        spelled = {uf.find(j) for j in spelling.get(acronym, ())}
        followed = {uf.find(j) for j in parenthesised.get(group.key, ())}  # "... Guard Corps (IRGC)"
        # the name the acronym spells wins over the one it follows: "Parliament of New South Wales
        # (NSW)" is New South Wales's
        spelled = spelled if len(spelled) == 1 else spelled | followed
        if len(spelled) == 1:
            uf.union(i, spelled.pop())

    # "Lib Dem" for "Liberal Democrats", "Alberton FL" for "Alberton Football League": each word
    # the start of the longer name's word (three letters or more), the last one maybe the initials
    # of its remaining words, for exactly one longer organisation name
    clipped_from = _index(groups, lambda j: bool(groups[j].labels.get("ORG")) and not groups[j].fixed and len(groups[j].words) > 1,
                          lambda j: [groups[j].words[0][:CLIP_MIN]])
    for i, group in enumerate(groups):
        if group.fixed or len(group.words) < 2 or set(group.labels) - {"ORG", "PERSON", "NORP"}:
            continue
        found = {uf.find(j) for j in clipped_from.get(group.words[0][:CLIP_MIN], ())
                 if j != i and _clips(group.words, group.name.split()[-1], groups[j].words)}
        if len(found) == 1:
            uf.union(i, found.pop())

    organisations = [i for i, g in enumerate(groups) if not g.fixed and (
        g.labels.get("ORG") or (len(g.words) == 1 and set(g.labels) <= {"GPE", "LOC", "ORG"} and not _is_person(g)))]
    plain = [j for j in organisations if not any(ch.isdigit() for ch in groups[j].key)]
    pieces: dict[tuple, list[int]] = defaultdict(list)
    for j in plain:
        for n in range(1, len(groups[j].words) + 1):
            for piece in _pieces(" ".join(groups[j].words[-n:])):
                pieces[(n, *piece)].append(j)
    for i in plain:  # a typo: the trailing words of a name within two letters' edits
        n, key = len(groups[i].words), groups[i].key
        if len(key) < ONE_TYPO_MIN_LENGTH or (len(key) < TYPO_MIN_LENGTH and n > 1):
            continue
        for j in sorted({j for piece in _pieces_near(key) for j in pieces.get((n, *piece), ())}):
            if i != j and _misspelt(groups[i], groups[j]):
                uf.union(i, j)

    org_nouns, landforms = word_set("org_nouns.txt"), word_set("landform_words.txt")
    ending = _index(groups, lambda j: not groups[j].fixed, lambda j: _suffixes(groups[j].words))
    headed = _index(groups, lambda j: not groups[j].fixed and bool(groups[j].labels.get("ORG")), lambda j: groups[j].words[-1:])
    for i in sorted(range(len(groups)), key=lambda i: len(groups[i].words)):
        short = groups[i].words
        if groups[i].fixed or _acronym(groups[i]):
            continue
        longer = ending.get(short, [])
        if not longer and len(short) > 1 and groups[i].labels.get("ORG") and short[-1] in org_nouns:
            # "Oversight Committee" for "House Oversight and Reform Committee": the words of one
            # longer organisation name, in order, with its head
            longer = [j for j in headed.get(short[-1], ()) if len(groups[j].words) > len(short) and _in_order(short, groups[j].words)]
        if len({uf.find(j) for j in longer}) > 1:
            # a body's name does not end with a person's surname ("Future Ministry Larroulet" beside
            # "Cristin Larroulet"): the name with no organisation word is the one meant
            plain = [j for j in longer if not set(groups[j].words) & org_nouns]
            longer = plain if len({uf.find(j) for j in plain}) == 1 and len(plain) < len(longer) else longer
        if len({uf.find(j) for j in longer}) != 1:
            continue
        j = longer[0]
        if {w.lower().rstrip(".") for w in groups[j].words[:-len(short)]} & landforms and not groups[i].labels.get("LOC"):
            continue  # "Zurich" beside "Lake Zurich": the city, not the lake
        long_labels = groups[j].labels
        if _is_person(groups[j]) or set(groups[i].labels) & set(long_labels) or _is_person(groups[i]):
            uf.union(i, j)

    _link_surname_variants(groups, uf)

    # "Mahan" for "Mahan Air", "NBC" for "NBC News": the leading words of exactly one longer
    # organisation name that goes on with trade-name words only, when no name ends with them (then
    # they would be a surname).
    starting = _index(groups, lambda j: bool(groups[j].labels.get("ORG")) and not groups[j].fixed and not _is_person(groups[j]),
                      lambda j: _prefixes(groups[j].words))
    any_ending = _index(groups, lambda j: True, lambda j: _suffixes(groups[j].words))
    states = word_set("us_states.txt", lower=False)
    for i, group in enumerate(groups):
        if group.fixed or uf.find(i) != i or _acronym(group) or set(group.labels) - {"ORG", "PERSON", "GPE"}:
            continue
        if any(fold(c.name) != group.key for c in group.candidates):
            continue  # "Apple" beside "Apple Inc." is already the company's full name
        # a short name the model took for a place ("Mahan" GPE) counts with a trade-name tail only
        place = bool(group.labels.get("GPE")) or group.name in states
        n = len(group.words)
        starts = {uf.find(j) for j in starting.get(group.words, ())
                  if _company_tail(groups[j].words[n:], by_key) or not place and (
                      _name_tail(groups[j].words[n:], group, by_key) or _body_tail(groups[j].words[n:], group, by_key))}
        if len(starts) == 1 and not any_ending.get(group.words):
            uf.union(i, starts.pop())

    # "Atlantic" for "Atlantic Ocean", "Yeonpyeong" for "Yeonpyeong Island": the leading words of
    # exactly one longer name that adds one word of a natural place, when both share a label
    # ("Mississippi" GPE is not "Mississippi River" LOC) and no name ends with them. A city or a
    # council is another entity than its place ("New York City", "Barking & Dagenham Council").
    places = {"GPE", "LOC"}
    natural = _index(groups, lambda j: len(groups[j].words) > 1 and not groups[j].fixed
                     and name_words().get(groups[j].words[-1]) == "LOC", lambda j: [groups[j].words[:-1]])
    for i, group in enumerate(groups):
        if group.fixed or uf.find(i) != i or _acronym(group):
            continue
        starts = {uf.find(j) for j in natural.get(group.words, ())
                  if set(groups[j].labels) & set(group.labels) or (set(groups[j].labels) | set(group.labels)) <= places
                  and group.name not in states}
        if len(starts) == 1 and not any_ending.get(group.words):
            uf.union(i, starts.pop())

    # "Parliament" / "Supreme Court" for "Parliament of Iraq" / "Supreme Court of the United
    # Kingdom": the head of an "X of Y" organisation name, when only one name has that head.
    is_org = lambda j: bool(groups[j].labels.get("ORG"))  # noqa: E731
    heads_of = _index(groups, is_org, lambda j: _heads_before_of(groups[j].words))
    whole_heads = _index(groups, is_org, lambda j: [w[:w.index("of")]] if "of" in (w := groups[j].words) else [])
    for i, group in enumerate(groups):
        if group.fixed or not group.labels.get("ORG") or uf.find(i) != i:
            continue
        heads = {uf.find(j) for j in heads_of.get(group.words, ()) if j != i}
        if len(heads) > 1:  # "Court" with "Court of Session" and "Supreme Court of ...": the whole head wins
            heads = {uf.find(j) for j in whole_heads.get(group.words, ()) if j != i}
        if len(heads) == 1:
            uf.union(i, heads.pop())

    # "the Gulf" for "Gulf of Mexico", "the Bay" for "Bay of Biscay": a landform word alone (LOC)
    # is the one "<landform> of Y" place of the document that has it
    of_places = _index(groups, lambda j: not groups[j].fixed and bool(groups[j].labels.get("LOC")) and len(groups[j].words) > 2
                       and groups[j].words[1] == "of" and groups[j].words[0] in landforms, lambda j: [groups[j].words[:1]])
    for i, group in enumerate(groups):
        if group.fixed or len(group.words) != 1 or not group.labels.get("LOC") or uf.find(i) != i:
            continue
        heads = {uf.find(j) for j in of_places.get(group.words, ()) if j != i}
        if len(heads) == 1:
            uf.union(i, heads.pop())

    # "Air Taban" for "Taban Air", "Emergency Situations Ministry" for "Ministry of Emergency
    # Situations": two organisation names of the same words in another order are one
    reordered = _index(groups, lambda j: is_org(j) and not groups[j].fixed and len(groups[j].words) > 1,
                       lambda j: [_word_bag(groups[j].words)])
    for members in reordered.values():
        for j in members[1:]:
            if groups[j].words != groups[members[0]].words:
                uf.union(j, members[0])

    # "the North" / "the South" for "North Korea": a compass word alone joins the one place named
    # with it; "Canadas" (a possessive without its apostrophe) joins "Canada".
    compass = _index(groups, lambda j: len(groups[j].words) > 1 and bool(groups[j].labels.get("GPE")), lambda j: groups[j].words[:1])
    for i, group in enumerate(groups):
        if len(group.words) != 1 or group.fixed or uf.find(i) != i:
            continue
        word = group.words[0]
        if word in COMPASS_WORDS and any(c.determiner for c in group.candidates):
            found = {uf.find(j) for j in compass.get(word, ())}
        elif word.endswith("s") and not set(group.labels) - {"GPE", "ORG", "PERSON"}:  # "Cubas" ORG too
            j = by_key.get(word[:-1])
            found = {uf.find(j)} if j is not None and groups[j].fixed else set()
        else:
            continue
        if len(found) == 1:
            uf.union(i, found.pop())

    # "Congo" for "Democratic Republic of the Congo", "Korea" for "South Korea": a place name the
    # gazetteer leaves to no country, since it could mean two, joins the one country of the
    # document whose name ends with it
    countries = _index(groups, lambda j: groups[j].fixed and len(groups[j].words) > 1 and bool(groups[j].labels.get("GPE")),
                       lambda j: [groups[j].words[-1:]])
    for i, group in enumerate(groups):
        if len(group.words) != 1 or group.fixed or uf.find(i) != i or set(group.labels) - {"GPE", "LOC"}:
            continue
        found = {uf.find(j) for j in countries.get(group.words, ())}
        if len(found) == 1:
            uf.union(i, found.pop())

    # "Houthi" and "Houthis", "Democrat" and "Democrats": one group in the singular and plural.
    norp = {g.key: j for j, g in enumerate(groups) if g.labels.get("NORP") and not (g.fixed and g.name != g.candidates[0].form)}
    for key, j in norp.items():
        if key + "s" in norp:
            uf.union(j, norp[key + "s"])

    # "Puerto Rican" for "Puerto Rico": the demonym of a territory (``data/territories.txt``; the
    # gazetteer knows the countries') joins the one territory of the document it is formed from,
    # a stem of four letters or more that the name goes on from by at most two. A state's or a
    # region's people stay a group ("Coloradans", "Albertans"; guideline §4 names countries only).
    places: dict[str, set[int]] = defaultdict(set)
    for j, g in enumerate(groups):
        if g.labels.get("GPE") and not g.labels.get("NORP") and is_territory(g.name):
            for cut in range(3):
                places[g.key[:len(g.key) - cut]].add(j)
    for i, group in enumerate(groups):
        if group.fixed or uf.find(i) != i or set(group.labels) != {"NORP"}:
            continue
        singular = group.key[:-1] if group.key.endswith("s") else group.key
        stems = {singular[:-len(s)] for s in DEMONYM_SUFFIXES if singular.endswith(s) and len(singular) - len(s) >= 4}
        found = {uf.find(j) for stem in stems for j in places.get(stem, ())}
        if len(found) == 1:
            uf.union(i, found.pop())

    # other names given for a person ("born Ronnie James Padavona") first, so that a lone given
    # name below sees one person where the text named one person twice ("Ronnie")
    _link_aliases(groups, uf)

    # "Brigid" for "Brigid Kosgei": a lone given name joins the one person whose name starts with
    # it, when no name ends with it (then it would be a surname, and "Jordan" may be a place).
    is_person = {j for j, g in enumerate(groups) if len(g.words) > 1 and _is_person(g)}
    given = _index(groups, is_person.__contains__, lambda j: groups[j].words[:1])
    surnames = _index(groups, lambda j: len(groups[j].words) > 1, lambda j: groups[j].words[-1:])
    first_named: dict[int, int] = {}  # cluster root → where its first full person name starts
    for j in sorted(is_person):
        root, start = uf.find(j), min(c.start for c in groups[j].candidates)
        first_named[root] = min(first_named.get(root, start), start)
    for i, group in enumerate(groups):
        if len(group.words) != 1 or group.fixed or uf.find(i) != i or set(group.labels) - {"PERSON", "ORG", "GPE", "NORP"}:
            continue
        word = group.words[0]
        starts = {uf.find(j) for j in given.get(word, ())}
        if not starts and group.labels.get("PERSON"):  # "Joey" for "Joe Biden", "Tommy" for "Tom Kerr"
            # a pet form is its given name and one to three letters more
            starts = {uf.find(j) for n in (1, 2, 3) for j in given.get(word[:-n], ()) if _diminutive(word, groups[j].words[0])}
        if len(starts) != 1 or surnames.get(word):
            continue
        root = starts.pop()
        # a given name the model typed otherwise ("Jamal" GPE) counts when the full name came first
        if group.labels.get("PERSON") or all(c.start > first_named[root] for c in group.candidates):
            if i in first_named:  # full names already joined to this name move with it
                first_named[root] = min(first_named[root], first_named.pop(i))
            uf.union(i, root)

    # "Bam Bam" for "Bam Bam Bigelow": a person's leading words (two or more) join the one longer
    # person name they start, when no name ends with them; typed otherwise ("Bam Bam" GPE), only
    # after the full name (as the lone given name above)
    leading = _index(groups, is_person.__contains__, lambda j: [p for p in _prefixes(groups[j].words) if len(p) > 1])
    ending = _index(groups, lambda j: len(groups[j].words) > 2, lambda j: _suffixes(groups[j].words))
    for i, group in enumerate(groups):
        if len(group.words) < 2 or group.fixed or uf.find(i) != i or ending.get(group.words):
            continue
        starts = {uf.find(j) for j in leading.get(group.words, ())}
        if len(starts) != 1:
            continue
        root = starts.pop()
        first = first_named.get(root)
        if group.labels.get("PERSON") or (first is not None and all(c.start > first for c in group.candidates)):
            uf.union(i, root)
    return uf


DEMONYM_SUFFIXES = ("ian", "an", "n", "ese", "i", "ish")  # "Bermud-ian", "Puerto Ric-an", "Kashmir-i"


CLIP_MIN = 3  # letters a clipped word keeps at least ("Lib", "Dem")


def _clips(short: tuple[str, ...], last_as_written: str, words: tuple[str, ...]) -> bool:
    """Whether ``short`` writes the name ``words`` shorter: word for word its words or their
    starts, the last maybe the capitals of all the words left ("FL" for "football league")."""
    if short == words or len(short) > len(words):
        return False
    for k, word in enumerate(short):
        if k == len(short) - 1 and last_as_written.isupper() and len(word) == len(words) - k > 1:
            return "".join(w[0] for w in words[k:]) == word
        if not (word == words[k] or (len(word) >= CLIP_MIN and words[k].startswith(word))):
            return False
    return len(short) == len(words)


def _in_order(short: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Every word of ``short`` occurs in ``words`` in the same order."""
    rest = iter(words)
    return all(w in rest for w in short)


def _name_tail(words: tuple[str, ...], short: _Group, keys: dict[str, int]) -> bool:
    """The words after an organisation's short name finish its proper name ("Sachs" of "Goldman
    Sachs"), not a body under it ("House Intelligence Committee"), a branch ("Apple Japan", "Toyota
    Motor Europe") or a name of its own: one word, no organisation word on either side, and the
    short name the model's ORG."""
    org = word_set("org_nouns.txt") | word_set("generic_words.txt")
    return (len(words) == 1 and short.labels.get("ORG", 0) > 0 and not (set(words) | set(short.words)) & org
            and " ".join(words) not in keys and not gazetteer().country(" ".join(words))
            and all(w.isalpha() for w in words))


def _body_tail(words: tuple[str, ...], short: _Group, keys: dict[str, int]) -> bool:
    """The words after a short name end with the body's own noun ("Neuqua" of "Neuqua Valley High
    School"), and the short name is a proper name the model called an organisation, no body's noun
    itself, never written with "the" ("the House" is not the "House Intelligence Committee") and no
    town ("Escondido" is not "Escondido High School", nor "Barking & Dagenham" its council)."""
    org = word_set("org_nouns.txt") | word_set("generic_words.txt")
    return (short.labels.get("ORG", 0) > 0 and not set(short.words) & org and not set(short.words) & name_words().keys()
            and not any(c.determiner for c in short.candidates)  # "the House": a body named by its noun
            and not is_town(short.name) and all(w.isalpha() for w in short.words)  # a place is not its council
            and words[-1] in org and " ".join(words) not in keys and all(w.isalpha() for w in words))


def _company_tail(words: tuple[str, ...], keys: dict[str, int]) -> bool:
    """The words after a short name are its company's trade-name tail ("Air" of "Mahan Air", "News"
    of "NBC News"), not a name of their own ("Apple Japan", "al-Qaeda in Iraq") or a sub-body
    ("House Intelligence Committee")."""
    return " ".join(words) not in keys and all(w in word_set("company_words.txt") for w in words)


def _word_bag(words: tuple[str, ...]) -> tuple[str, ...]:
    """A name's words in a fixed order, without the words that join them ("of", "the", "for")."""
    return tuple(sorted(w for w in words if w not in NAME_JOINERS))


def _heads_before_of(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """("parliament", "of", "iraq") → {("parliament",)}; with a longer head also its last word."""
    if "of" not in words[1:]:
        return set()
    head = words[: words.index("of")]
    return {head, head[-1:]} if head else set()


def _given_and_surname(full: _Group) -> bool:
    """Two capitalised words, the first a given name of ``data/given_names.txt`` and the second no
    word of a body, a firm or a place, and neither a town or a country."""
    if len(full.words) != 2 or full.fixed:
        return False
    given, last = full.words
    written = full.name.split()
    if len(written) != 2 or not all(w[:1].isupper() and not w.isupper() for w in written):
        return False
    if given not in word_set("given_names.txt") or last in name_words() or last in word_set("company_words.txt"):
        return False
    return not any(is_town(w) or gazetteer().country(w) or gazetteer().adjective_country(w) for w in written)


def _vote(members: list[_Group], full: _Group) -> str:
    candidates = sorted((c for g in members for c in g.candidates), key=lambda c: c.start)
    votes: Counter[str] = Counter({c.label: 0.0 for c in candidates})  # first seen wins a tie
    for group in members:
        weight = FULL_NAME_VOTE if group is full else SHORT_FORM_VOTE
        for cand in group.candidates:
            if not cand.repeated:  # the model's label for the name elsewhere, counted there already
                votes[cand.label] += weight
            for label, cue_weight in cand.cues:
                votes[label] += cue_weight
    surname_uses = [c for g in members if g is not full and len(g.words) == 1 and _bare(g.words[0]) in _person_words(full)[1:]
                    for c in g.candidates if not c.determiner and not c.fixed]
    if len(full.words) > 1 and any(_is_person(g) for g in members) and surname_uses:
        # each bare use counts for PERSON, not for the label the model gave it ("Assange" ORG twelve times)
        votes["PERSON"] += SURNAME_USAGE_VOTE + SHORT_FORM_VOTE * len(surname_uses)
    if votes.get("PERSON") and not full.name.isupper() and is_town(full.name) and not any(
            label == "PERSON" for c in candidates for label, _ in c.cues) and not any(c.acts_as_person for c in candidates):
        # "Winterthur", "Punta Cana" PERSON with no title or role: a town the model has not seen
        # (the list leaves out names that are people's names too, "Warren", "Obama"), unless the
        # text has it speak or be met ("Putin met Merkel": Merkel, Texas is a town too)
        # a town that plays another somewhere in the text is its club throughout (the guideline gives
        # each name one entity of a document: "Leongatha defeated Drouin")
        town = "ORG" if any(c.plays for c in candidates) else "GPE"
        votes[town] += TOWN_VOTE * sum(c.label == "PERSON" for c in candidates)
    if _given_and_surname(full) and not any(label != "PERSON" for c in candidates for label, _ in c.cues):
        # "Naoto Kan", "Bianca Jagger" ORG with no cue for another type: a given name and a word
        # that is no organisation's or place's word name a person (not so for places: "Hong Kong")
        votes["PERSON"] += GIVEN_NAME_VOTE * sum(c.label == "ORG" for c in full.candidates)
    best = max(votes, key=votes.__getitem__)
    if best == "PERSON" and all(len(g.words) == 1 for g in members) and not any(
            label == "PERSON" for c in candidates for label, _ in c.cues):
        # News names a person in full at least once: a one-word "person" with no title or role
        # anywhere is more likely what the model also called it elsewhere ("Nakheel" ORG once)
        others = [label for label in votes if label != "PERSON" and votes[label] > 0]
        if others:
            return max(others, key=votes.__getitem__)
    return best


def group_entities(
    original: str, candidates: list[Candidate]
) -> tuple[list[LocalEntity], list[Mention], dict[int, int]]:
    """Local entities, their mentions, and a token index → entity key map.

    ``candidates`` carry their character offsets into ``original`` (the parse saw its normalised
    copy, of the same length: ``graph.nlp.normalize``). Only the candidates are read, so the
    candidates of a document's parts, with their offsets shifted, group as the whole would.
    """
    by_key: dict[str, _Group] = {}
    for cand in candidates:
        key = group_key(cand)
        by_key.setdefault(key, _Group(key, [])).candidates.append(cand)
    groups = list(by_key.values())
    uf = _link(groups)
    clusters: dict[int, list[_Group]] = defaultdict(list)
    for i, group in enumerate(groups):
        clusters[uf.find(i)].append(group)
    ordered = sorted(clusters.values(), key=lambda gs: min(c.start for g in gs for c in g.candidates))

    entities: list[LocalEntity] = []
    mentions: list[Mention] = []
    token_keys: dict[int, int] = {}
    for key, members in enumerate(ordered):
        # a name given only as someone's other name ("born Stefani Germanotta") is not the one shown
        # the fullest name, written out: "Jeyaprakash Tissainayagam" over "J. S. Tissainayagam"
        full = max(members, key=lambda g: (g.fixed, any(c.alias_of is None for c in g.candidates),
                                           not (len(g.words) > 1 and _is_initial(g.words[0])), len(g.words),
                                           len(g.candidates), -min(c.start for c in g.candidates)))
        count = 0
        for group in members:
            for cand in group.candidates:
                count += 1
                mentions.append(Mention(cand.sent_id, cand.start_char, cand.end_char,
                                        original[cand.start_char:cand.end_char], cand.form, cand.label, key))
                for i in range(cand.start, cand.end):
                    token_keys[i] = key
        aliases = tuple(sorted({c.form for g in members for c in g.candidates} | {full.name}))
        entities.append(LocalEntity(key, full.name, _vote(members, full), aliases, count))
    mentions.sort(key=lambda m: m.start_char)
    return _national_bodies(entities), mentions, token_keys


BODY_COUNTRY_DOMINANCE = 3  # mentions of the document's country over those of the next one


@lru_cache(maxsize=1)
def _body_words() -> tuple[frozenset[str], frozenset[str]]:
    """Head words of a national body's name (``data/national_body_words.tsv``), and every word it may hold."""
    rows = table("national_body_words.tsv")
    heads = frozenset(word for word, role in rows if role == "head")
    return heads, frozenset(word for word, _ in rows) | word_set("generic_words.txt")


def _national_bodies(entities: list[LocalEntity]) -> list[LocalEntity]:
    """A national body named without its country ("Parliament", "Supreme Court", "Interior
    Ministry") is named with the country its document is about, the one country named three
    times as often as any other: "United Kingdom Parliament". Across documents it then joins that
    country's body ("UK Parliament") and not another country's. A state organ ("the Government")
    stands for the country itself and is left alone; so is every body where no country leads."""
    gaz = gazetteer()
    countries = Counter({e.name: e.mentions for e in entities if e.label == "GPE" and gaz.country(e.name) == e.name})
    ranked = countries.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] < BODY_COUNTRY_DOMINANCE * ranked[1][1]):
        return entities
    country = ranked[0][0]
    heads, words = _body_words()
    out = []
    for entity in entities:
        folded = fold(entity.name).split()
        if (entity.label == "ORG" and folded and (folded[-1] in heads or folded[-1].removesuffix("s") in heads)
                and all(w in words or w.removesuffix("s") in words for w in folded)):
            entity = LocalEntity(entity.key, f"{country} {entity.name}", entity.label, entity.aliases, entity.mentions)
        out.append(entity)
    return out
