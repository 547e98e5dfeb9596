"""Rules that link the names of one person inside a document: a surname before "Jr." or after
"al-", a later word of a long name, a misspelt surname, a shared surname (to the person who
dominates the story or was introduced first), a family plural, a pet form of a given name, and a
name given as someone's other name ("using the name "Kirk Rose"").
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .groups import _acronym, _edit_distance, _Group, _is_person, _UnionFind


ALIAS_NOUNS = frozenset({"name", "alias", "pseudonym", "nickname"})
MAX_CLIMB = 6  # words to climb from "using the name" to the clause with a subject


def _subject_of(token: Token) -> Token | None:
    """The subject of the clause ``token`` is in, climbing from a participle or a coordinated verb
    to the verb that has one ("He ... rang ... using the name ...")."""
    for _ in range(MAX_CLIMB):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
        if token.dep_ not in ("advcl", "xcomp", "conj", "acl", "dobj", "pobj", "prep") or token.head is token:
            return None
        token = token.head
    return None


def _link_aliases(groups: list[_Group], uf: _UnionFind, doc: Doc) -> None:
    """A name given as another name of someone joins that person: "using the name "Kirk Rose"",
    "she was Fouzia Azeem" (a copula with a personal pronoun as subject). The subject is a name, or
    a pronoun that stands for the person named last before it."""
    owner: dict[int, int] = {}
    for i, group in enumerate(groups):
        for cand in group.candidates:
            for t in range(cand.start, cand.end):
                owner[t] = i
    # mentions a pronoun may stand for: people, and among them the subjects first (as in pronouns.py)
    people = sorted((c.start, i) for i, g in enumerate(groups) if _is_person(g) for c in g.candidates
                    if c.label == "PERSON" and not any(label != "PERSON" for label, _ in c.cues))
    subjects = [(start, i) for start, i in people if doc[start].head.dep_ in ("nsubj", "nsubjpass")
                or doc[start].dep_ in ("nsubj", "nsubjpass")]
    for i, group in enumerate(groups):
        if not _is_person(group) or len(group.words) < 2:
            continue
        for cand in group.candidates:
            root = doc[cand.start:cand.end].root
            head = root.head
            if root.dep_ == "attr" and head.lemma_ == "be":
                subject = _subject_of(head)
                if subject is None or subject.lower_ not in ("he", "she"):
                    continue
            elif root.dep_ in ("appos", "pobj", "attr", "oprd") and head.lemma_.lower() in ALIAS_NOUNS:
                subject = _subject_of(head)
            elif any(c.lemma_.lower() in ALIAS_NOUNS for c in root.children if c.dep_ in ("poss", "compound", "nmod")):
                subject = _subject_of(root)  # "earning the nickname 'PC Cucumber'", parsed with "nickname" inside
            else:
                continue
            if subject is None:
                continue
            if subject.i in owner:
                target = owner[subject.i]
            elif subject.lower_ in ("he", "she"):
                before = [j for start, j in subjects if start < subject.i and j != i] or [
                    j for start, j in people if start < subject.i and j != i]
                if not before:
                    continue
                target = before[-1]
            else:
                continue
            if target != i and _is_person(groups[target]):
                uf.union(i, target)


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


def _typo_limit(word: str) -> int:
    return 1 if len(word) < 7 else 2


PERSON_DOMINANCE = 3  # a person named this many times as often as the next is the one a shared surname means


def _dominant_person(roots: set[int], groups: list[_Group], uf: _UnionFind, short: _Group) -> set[int]:
    """Of several people sharing a surname, the one named at least ``PERSON_DOMINANCE`` times as
    often as each other ("Trump" in a story about Donald Trump that mentions Melania Trump once),
    else the one the story named first, when that was before the surname's first use: news
    introduces its subject first and names relatives in full ("the father of David Cameron, Ian
    Cameron"), so the bare surname goes on meaning the subject."""
    counts = {r: sum(len(g.candidates) for j, g in enumerate(groups) if uf.find(j) == r) for r in roots}
    ranked = sorted(counts, key=lambda r: -counts[r])
    if counts[ranked[0]] >= PERSON_DOMINANCE * counts[ranked[1]]:
        return {ranked[0]}
    first = {r: min((c.sent_id, c.start) for j, g in enumerate(groups) if uf.find(j) == r for c in g.candidates)
             for r in roots}
    earliest = min(first, key=first.__getitem__)
    others = roots - {earliest}
    # the subject is introduced on its own, in an earlier sentence, or the others go by their given
    # names ("Melania"); "George Bush and Jeb Bush appeared together" leaves "Bush" undecided
    alone = all(first[r][0] > first[earliest][0] for r in others)
    given = {g.words[0] for g in groups if len(g.words) == 1}
    by_given_name = all(any(len(g.words) > 1 and g.words[0] in given for j, g in enumerate(groups) if uf.find(j) == r)
                        for r in others)
    if first[earliest][1] < min(c.start for c in short.candidates) and (alone or by_given_name):
        return {earliest}
    return roots


def _link_surname_variants(groups: list[_Group], uf: _UnionFind) -> None:
    """A lone word that is still on its own joins the one person it names in another way:
    the surname before "Jr." or after "al-" ("Roberts", "Saray"); a later word of a name of three
    words or more ("Rosselló" of "Ricardo Rosselló Nevares", Spanish double surnames); the
    surname misspelt ("Chriac" for "Chirac", "Abbot" for "Abbott"). Two full names with the same
    given name and surnames a typo apart are one person too ("Robert Dziekaski")."""
    people = [j for j, g in enumerate(groups) if len(g.words) > 1 and _is_person(g) and not g.fixed]
    # a full name the model typed otherwise ("Ricardo Rosselló Nevares" FAC) is a person's when a
    # lone word of it is a person's
    names = [j for j, g in enumerate(groups) if len(g.words) > 1 and not g.fixed and not set(g.labels) - {"PERSON", "ORG", "FAC"}]
    words = {j: _person_words(groups[j]) for j in set(people) | set(names)}
    for i, group in enumerate(groups):
        if (len(group.words) != 1 or group.fixed or uf.find(i) != i or _acronym(group)
                or set(group.labels) - {"PERSON", "ORG", "GPE", "NORP"}):
            continue
        if not any(w[-1] == group.words[0] for j, w in words.items() if j in people):
            # the lone word's own label may be wrong ("Vázquez" ORG for "Wanda Vázquez Garced"):
            # a name that is a person's is enough
            found = {uf.find(j) for j in names if len(words[j]) > 2 and _bare(group.words[0]) in words[j][1:]
                     and (_is_person(group) or j in people)}
            if len(found) == 1:
                uf.union(i, found.pop())
                continue
        w = _bare(group.words[0])
        found = {uf.find(j) for j in people if words[j][-1] == w}
        if not found and w.endswith("s"):  # "the Kaczynskis": the family, named after the one person
            found = {uf.find(j) for j in people if words[j][-1] == w[:-1]}
            # a surname written first ("the Tongs" and "Mr Tong" of "Tong Yung-soo") is its own group
            found = found or {uf.find(j) for j, g in enumerate(groups) if g.words == (w[:-1],) and _is_person(g)}
        if len(found) > 1:
            found = _dominant_person(found, groups, uf, group)
        if not found and group.labels.get("GPE"):
            continue  # a place the model knows ("Baghdad") is not a misspelt "Baghdadi"
            found = {uf.find(j) for j in people if len(words[j]) > 2 and w in words[j][1:]}
        if not found and len(w) >= SURNAME_TYPO_MIN_LENGTH and w.isalpha():
            found = {uf.find(j) for j in people if words[j][-1][:1] == w[:1]
                     and _edit_distance(w, words[j][-1], _typo_limit(w)) <= _typo_limit(w)}
        if len(found) == 1 and (_is_person(group) or not any(len(g.words) > 1 and g.words[0] == group.words[0]
                                                             for g in groups)):
            uf.union(i, found.pop())
    # "Outtara" for "Ouattara": two lone names a typo apart, one of them a person's, when no full
    # name ends with either
    lone = [j for j, g in enumerate(groups) if len(g.words) == 1 and not g.fixed and not _acronym(g)
            and not set(g.labels) - {"PERSON", "ORG"} and len(g.words[0]) >= SURNAME_TYPO_MIN_LENGTH
            and not any(w[-1] == g.words[0] for w in words.values())]
    for a in lone:
        for b in lone:
            wa, wb = groups[a].words[0], groups[b].words[0]
            if (a < b and wa[:1] == wb[:1] and (_is_person(groups[a]) or _is_person(groups[b]))
                    and 0 < _edit_distance(wa, wb, _typo_limit(wa)) <= min(_typo_limit(wa), _typo_limit(wb))):
                uf.union(a, b)
    for a in people:  # "John Luk" for "John Luk Jok": the leading words of exactly one longer name
        longer = {uf.find(b) for b in people if len(words[b]) > len(words[a]) and words[b][:len(words[a])] == words[a]}
        if len(longer) == 1 and len(words[a]) > 1:
            uf.union(a, longer.pop())
    for a in people:
        for b in people:
            wa, wb = words[a], words[b]
            if (a < b and len(wa) == len(wb) and wa[:-1] == wb[:-1] and len(wa[-1]) >= SURNAME_TYPO_MIN_LENGTH
                    and wa[-1][:1] == wb[-1][:1]  # "Jansen" and "Hansen" are two families
                    and 0 < _edit_distance(wa[-1], wb[-1], _typo_limit(wa[-1])) <= _typo_limit(wa[-1])):
                uf.union(a, b)
