"""Rules that link the names of one person inside a document: a surname before "Jr." or after
"al-", a later word of a long name, a misspelt surname, a shared surname (to the person who
dominates the story or was introduced first), a family plural, a pet form of a given name, and a
name given as someone's other name ("using the name "Kirk Rose""), and a two-word name the model
typed ORG whose words are both a person's ("Rod Blagojevich").
"""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from ..data import table

from .groups import _acronym, _edit_distance, _Group, _index, _is_person, _prefixes, _UnionFind
from .names import name_words


def _link_aliases(groups: list[_Group], uf: _UnionFind) -> None:
    """A name given as another name of someone joins that person: "using the name "Kirk Rose"",
    "she was Fouzia Azeem" (a copula with a personal pronoun as subject). The subject is a name, or
    a pronoun that stands for the person named last before it. What the parse says is on the
    candidates (``Candidate.alias_of``, ``Candidate.subject``), so this needs no Doc."""
    named = [(i, cand) for i, group in enumerate(groups) for cand in group.candidates if cand.alias_of is not None
             and (cand.alias_named or _is_person(group) and len(group.words) >= 2)]
    if not named:
        return
    owner: dict[int, int] = {}
    for i, group in enumerate(groups):
        for cand in group.candidates:
            for t in range(cand.start, cand.end):
                owner[t] = i
    # mentions a pronoun may stand for: people, and among them the subjects first (as in pronouns.py)
    people = sorted((c.start, i, c.subject) for i, g in enumerate(groups) if _is_person(g) for c in g.candidates
                    if c.label == "PERSON" and not any(label != "PERSON" for label, _ in c.cues))
    starts = [start for start, _, _ in people]
    subjects = [(start, i) for start, i, subject in people if subject]
    subject_starts = [start for start, _ in subjects]
    surnames: dict[str, list[int]] = {}  # a person's last word → the groups of names ending with it
    for j, group in enumerate(groups):
        if _is_person(group):
            surnames.setdefault(group.words[-1], []).append(j)
    for i, cand in named:
        subject = cand.alias_of
        if subject in owner and (_is_person(groups[owner[subject]]) or not cand.alias_word):
            target = owner[subject]
        elif cand.alias_word and not cand.alias_pronoun:
            # the subject is a person's name the model did not tag there, or not as a person's
            # ("Dio (born Ronnie James Padavona)", "Humperdink" GPE): the one person whose name ends with that word
            roots = {uf.find(j) for j in surnames.get(cand.alias_word, ()) if uf.find(j) != uf.find(i)}
            if len(roots) != 1:
                continue
            target = roots.pop()
        elif cand.alias_pronoun:
            if any(c.alias_of is None for c in groups[i].candidates):
                # the name also stands on its own ("Dio passed ..."): the person it names, whom a
                # guess at the pronoun should not join to another ("He ... under the name "Dio"")
                continue
            # the person named last before the pronoun, not this name's own group
            target = _last_before(subjects, bisect_left(subject_starts, subject), i)
            if target is None:
                target = _last_before([(s, j) for s, j, _ in people], bisect_left(starts, subject), i)
            if target is None:
                continue
        else:
            continue
        if target != i and _is_person(groups[target]):
            uf.union(i, target)


def _last_before(found: list[tuple[int, int]], end: int, other_than: int) -> int | None:
    """The group of the last of ``found[:end]`` that is not ``other_than``."""
    for k in range(end - 1, -1, -1):
        if found[k][1] != other_than:
            return found[k][1]
    return None


def _diminutive(word: str, given: str) -> bool:
    """The English pet form of a given name: "-y"/"-ie", with the last consonant doubled or not."""
    return len(given) >= 3 and word in {given + "y", given + "ie", given + given[-1] + "y", given + given[-1] + "ie"}


NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
ARTICLE_PREFIXES = ("al-", "el-", "ad-", "as-", "an-", "ar-")  # "al-Saray" is "Saray" when used alone
SURNAME_TYPO_MIN_LENGTH = 5


def _bare(word: str) -> str:
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return word[len(prefix):]
    return word


def _person_words(group: _Group) -> tuple[str, ...]:
    """The words of a person's name without a trailing "Jr."/"III" and with "al-" taken off."""
    words = list(group.words)
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return tuple(_bare(w) for w in words)


def _frames(words: tuple[str, ...]) -> list[tuple[str, str]]:
    """The two-word names a longer name may go by: its first and last word, and a quoted
    nickname with the last word ('ernesto "che" guevara' → ("ernesto", "guevara"), ("che", "guevara"))."""
    found = [(words[0], words[-1])]
    found += [(w.strip("\"'"), words[-1]) for w in words[1:-1] if len(w) > 2 and w[0] in "\"'" and w[-1] in "\"'"]
    return found


@lru_cache(maxsize=1)
def _short_forms() -> dict[str, frozenset[str]]:
    """Short form → the given names it may stand for ("stan": stanley, stanislav)."""
    forms: dict[str, set[str]] = {}
    for form, name in table("nicknames.tsv"):
        forms.setdefault(form, set()).add(name)
    return {form: frozenset(names) for form, names in forms.items()}


def _given_name(word: str) -> str:
    """The one given name a short form stands for; a form of several names ("al") stands for none."""
    names = _short_forms().get(word, ())
    return next(iter(names)) if len(names) == 1 else word


def _given_names(word: str) -> frozenset[str]:
    return _short_forms().get(word, frozenset())


def _is_initial(word: str) -> bool:
    """"j." or "j": a given name written as its initial."""
    return len(word.rstrip(".")) == 1 and word[:1].isalpha()


def _typo_limit(word: str) -> int:
    return 1 if len(word) < 7 else 2


PERSON_DOMINANCE = 3  # a person named this many times as often as the next is the one a shared surname means


def _dominant_person(roots: set[int], groups: list[_Group], uf: _UnionFind, short: _Group,
                     lone_words: frozenset[str]) -> set[int]:
    """Of several people sharing a surname, the one named at least ``PERSON_DOMINANCE`` times as
    often as each other ("Trump" in a story about Donald Trump that mentions Melania Trump once),
    else the one the story named first, when that was before the surname's first use: news
    introduces its subject first and names relatives in full ("the father of David Cameron, Ian
    Cameron"), so the bare surname goes on meaning the subject. ``lone_words``: the names of one
    word."""
    ranked = sorted(roots, key=lambda r: -uf.weight[r])
    if uf.weight[ranked[0]] >= PERSON_DOMINANCE * uf.weight[ranked[1]]:
        return {ranked[0]}
    members = uf.members(roots)  # a scan of the groups, for a surname several people share only
    first = {r: min((c.sent_id, c.start) for j in members[r] for c in groups[j].candidates) for r in roots}
    earliest = min(first, key=first.__getitem__)
    others = roots - {earliest}
    # the subject is introduced on its own, in an earlier sentence, or the others go by their given
    # names ("Melania"); "George Bush and Jeb Bush appeared together" leaves "Bush" undecided
    alone = all(first[r][0] > first[earliest][0] for r in others)
    by_given_name = all(any(len(groups[j].words) > 1 and groups[j].words[0] in lone_words for j in members[r])
                        for r in others)
    if first[earliest][1] < min(c.start for c in short.candidates) and (alone or by_given_name):
        return {earliest}
    return roots


def _person_shaped(groups: list[_Group]) -> set[int]:
    """Two-word names the model typed ORG or FAC that are a person's: both words are used alone
    as a person's name ("the Rod Blagojevich corruption trial" beside "Rod" and "Blagojevich"), and
    neither is a word that gives a name its type (``name_words``) nor has a context cue."""
    alone = {g.words[0] for g in groups if len(g.words) == 1 and g.labels.get("PERSON") and not g.fixed}
    types = name_words()
    return {j for j, g in enumerate(groups)
            if len(g.words) == 2 and not g.fixed and not _is_person(g) and not set(g.labels) - {"ORG", "FAC"}
            and all(w in alone and w not in types for w in g.words) and not any(c.cues for c in g.candidates)}


def _link_shaped_given_names(groups: list[_Group], uf: _UnionFind, shaped: set[int], people: list[int]) -> None:
    """The lone given name of a person-shaped name (``_person_shaped``) joins it when it starts no
    other person's name: the rule for lone given names (``entities._link``) reads the model's
    labels only, and would leave "Rod" beside "Rod Blagojevich" ORG."""
    if not shaped:
        return
    starting = _index(groups, set(people).__contains__, lambda j: groups[j].words[:1])
    lone = {g.words: i for i, g in enumerate(groups) if len(g.words) == 1}
    for j in sorted(shaped):
        i = lone.get(groups[j].words[:1])
        if i is not None and uf.find(i) == i and len({uf.find(k) for k in starting.get(groups[j].words[0], ())}) == 1:
            uf.union(i, j)


def _link_surname_variants(groups: list[_Group], uf: _UnionFind) -> None:
    """A lone word that is still on its own joins the one person it names in another way:
    the surname before "Jr." or after "al-" ("Roberts", "Saray"); a later word of a name of three
    words or more ("Rosselló" of "Ricardo Rosselló Nevares", Spanish double surnames); the
    surname misspelt ("Chriac" for "Chirac", "Abbot" for "Abbott"). Two full names with the same
    given name and surnames a typo apart are one person too ("Robert Dziekaski").

    Each rule looks its partners up in an index (``_index``: surnames, later words, first letter
    and length) instead of scanning every name, in the order a scan would find them."""
    shaped = _person_shaped(groups)
    people = [j for j, g in enumerate(groups) if len(g.words) > 1 and (_is_person(g) or j in shaped) and not g.fixed]
    # a full name the model typed otherwise ("Ricardo Rosselló Nevares" FAC) is a person's when a
    # lone word of it is a person's
    names = [j for j, g in enumerate(groups) if len(g.words) > 1 and not g.fixed and not set(g.labels) - {"PERSON", "ORG", "FAC"}]
    words = {j: _person_words(groups[j]) for j in set(people) | set(names)}
    is_person, is_name = set(people), set(names)
    by_surname = _index(groups, is_person.__contains__, lambda j: words[j][-1:])
    later = _index(groups, lambda j: j in is_name and len(words[j]) > 2, lambda j: words[j][1:])
    # surnames by first letter and length: a typo is at most two letters away
    by_shape = _index(groups, is_person.__contains__, lambda j: [(words[j][-1][:1], len(words[j][-1]))])
    given = _index(groups, lambda j: len(groups[j].words) > 1, lambda j: groups[j].words[:1])
    by_words = {g.words: j for j, g in enumerate(groups)}
    lone_words = frozenset(g.words[0] for g in groups if len(g.words) == 1)
    _link_shaped_given_names(groups, uf, shaped, people)
    for i, group in enumerate(groups):
        if (len(group.words) != 1 or group.fixed or uf.find(i) != i or _acronym(group)
                or set(group.labels) - {"PERSON", "ORG", "GPE", "NORP"}):
            continue
        if not by_surname.get(group.words[0]):
            # the lone word's own label may be wrong ("Vázquez" ORG for "Wanda Vázquez Garced"):
            # a name that is a person's is enough
            found = {uf.find(j) for j in later.get(_bare(group.words[0]), ()) if _is_person(group) or j in is_person}
            if len(found) == 1:
                uf.union(i, found.pop())
                continue
        w = _bare(group.words[0])
        found = {uf.find(j) for j in by_surname.get(w, ())}
        if not found and w.endswith("s"):  # "the Kaczynskis": the family, named after the one person
            found = {uf.find(j) for j in by_surname.get(w[:-1], ())}
            # a surname written first ("the Tongs" and "Mr Tong" of "Tong Yung-soo") is its own group
            alone = by_words.get((w[:-1],))
            found = found or ({uf.find(alone)} if alone is not None and _is_person(groups[alone]) else set())
        if len(found) > 1:
            found = _dominant_person(found, groups, uf, group, lone_words)
        if not found and group.labels.get("GPE"):
            continue  # a place the model knows ("Baghdad") is not a misspelt "Baghdadi"
        if not found and len(w) >= SURNAME_TYPO_MIN_LENGTH and w.isalpha():
            limit = _typo_limit(w)
            near = (j for size in range(len(w) - limit, len(w) + limit + 1) for j in by_shape.get((w[:1], size), ()))
            found = {uf.find(j) for j in near if _edit_distance(w, words[j][-1], limit) <= limit}
        if len(found) == 1 and (_is_person(group) or not given.get(group.words[0])):
            uf.union(i, found.pop())
    # "Outtara" for "Ouattara": two lone names a typo apart, one of them a person's, when no full
    # name ends with either
    last_words = {w[-1] for w in words.values()}
    lone = [j for j, g in enumerate(groups) if len(g.words) == 1 and not g.fixed and not _acronym(g)
            and not set(g.labels) - {"PERSON", "ORG"} and len(g.words[0]) >= SURNAME_TYPO_MIN_LENGTH
            and g.words[0] not in last_words]
    lone_shapes = _index(groups, set(lone).__contains__, lambda j: [(groups[j].words[0][:1], len(groups[j].words[0]))])
    for a in lone:
        wa = groups[a].words[0]
        limit = _typo_limit(wa)
        near = sorted(b for size in range(len(wa) - limit, len(wa) + limit + 1) for b in lone_shapes.get((wa[:1], size), ()))
        for b in near:
            wb = groups[b].words[0]
            if (a < b and (_is_person(groups[a]) or _is_person(groups[b]))
                    and 0 < _edit_distance(wa, wb, limit) <= min(limit, _typo_limit(wb))):
                uf.union(a, b)
    leading = _index(groups, is_person.__contains__, lambda j: _prefixes(words[j]))
    for a in people:  # "John Luk" for "John Luk Jok": the leading words of exactly one longer name
        longer = {uf.find(b) for b in leading.get(words[a], ())}
        if len(longer) == 1 and len(words[a]) > 1:
            uf.union(a, longer.pop())
    # "John Conyers" for "John James Conyers Jr.", "Che Guevara" for 'Ernesto "Che" Guevara': a
    # two-word name is the one longer name with its given name (or quoted nickname) and surname
    framed = _index(groups, lambda j: j in is_person and len(words[j]) > 2, lambda j: _frames(words[j]))
    for a in people:
        if len(words[a]) == 2:
            longer = {uf.find(b) for b in framed.get(words[a], ())}
            if not longer:
                # "Charlie Wilson" for "Charles Nesbitt Wilson": the short form of the given name
                longer = {uf.find(b) for name in _given_names(words[a][0]) for b in framed.get((name, words[a][1]), ())}
            if len(longer) == 1:
                uf.union(a, longer.pop())
    # "J. S. Tissainayagam" for "Jeyaprakash Tissainayagam": initials and the surname of exactly one
    # other name of that surname whose given name starts with the first initial
    for a in people:
        wa = words[a]
        if len(wa) > 1 and all(_is_initial(w) for w in wa[:-1]):
            longer = {uf.find(b) for b in by_surname.get(wa[-1], ())
                      if b != a and not _is_initial(words[b][0]) and words[b][0][:1] == wa[0][:1]}
            if len(longer) == 1:
                uf.union(a, longer.pop())
    # "Dave Letterman" for "David Letterman": a short form of the given name, the other words the same
    full = _index(groups, is_person.__contains__, lambda j: [(_given_name(words[j][0]), *words[j][1:])])
    for a in people:
        wa = words[a]
        if _given_names(wa[0]):
            longer = {uf.find(b) for name in _given_names(wa[0]) for b in full.get((name, *wa[1:]), ()) if words[b][0] != wa[0]}
            if len(longer) == 1:
                uf.union(a, longer.pop())
    # the same given names and a surname a typo apart; "Jansen" and "Hansen" are two families
    alike = _index(groups, is_person.__contains__, lambda j: [(words[j][:-1], len(words[j]), words[j][-1][:1])])
    for a in people:
        wa = words[a]
        if len(wa[-1]) < SURNAME_TYPO_MIN_LENGTH:
            continue
        for b in alike[wa[:-1], len(wa), wa[-1][:1]]:
            wb = words[b]
            if a < b and 0 < _edit_distance(wa[-1], wb[-1], _typo_limit(wa[-1])) <= _typo_limit(wa[-1]):
                uf.union(a, b)
