"""Candidate entity pairs of one sentence and the parse features the relation model reads.

A **candidate** is an unordered pair of different entities with a named mention in one sentence
(the co-occurring pairs; a country demonym is a mention of its country). Its two sides are
ordered by their first mention in the sentence, so the model's classes are: no relation, first →
second, second → first, symmetric.

Each entity's mention tokens in the sentence are the head tokens of its named mentions plus the
pronouns of the sentence that stand for it (``pronouns.py``): "Japan said it would send aid to
Ukraine" relates Japan to Ukraine through "it". Of all the pairs of mention tokens, the one with
the shortest dependency path is described; its features are named strings (value 1) grouped by a
prefix, so groups can be ablated:

- ``type``: the two entity types, and the pair of them;
- ``path``: the dependency path (labels with direction, the full path, its length, label bigrams,
  lemmas on it), the lowest common ancestor;
- ``trigger``: the verb or action noun that carries the relation (its lemma, class, and the roles
  of the two mentions under it: "nsubj", "dobj", "prep:with" ...);
- ``cross``: what the path crosses: a reporting verb, a clausal complement, a quote, an
  apposition, a relative clause, a coordination, "of", parentheses;
- ``cue``: negation and modality cues on the trigger;
- ``dist``: token distance, entities and words between, order;
- ``rule``: the rule extractor's verdict for this pair in this sentence (which direction, which
  pattern names), so what the rules know is kept as evidence.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ...data import word_set
from ...records import Relation
from ..tokens import tokens
from .rules import action_nouns, categories, modality_cues

FEATURE_GROUPS = ("type", "path", "trigger", "cross", "cue", "dist", "rule")
QUOTES = frozenset('"“”«»')
MAX_PATH = 12  # longer paths are described by their length only


@dataclass(frozen=True)
class Candidate:
    """Two entities named in one sentence; ``first`` is the one mentioned first."""

    sent_id: int
    first: int  # entity key
    second: int
    first_token: int  # the mention tokens whose dependency path is shortest
    second_token: int
    via_pronoun: bool  # one of those tokens is a pronoun standing for its entity
    first_arg: int  # the token filling the argument slot of the first mention (``argument_token``)
    second_arg: int
    first_lift: str  # how it was reached from the mention: "conj", "proxy>conj" ...; "" for the mention itself
    second_lift: str


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    return frozenset(lemma for lemma, modality in modality_cues().items() if modality == "reported")


_ANCESTORS = "entity_graph.ancestors"  # key of the Doc's user_data that keeps the chains


def _ancestors(token: Token) -> list[Token]:
    """The token and its heads up to the sentence root (do not change the list).

    Kept on the Doc once climbed: every candidate pair of a sentence, its features and its trigger
    climb the same chains, and each step makes a new Token object.
    """
    chains = token.doc.user_data.setdefault(_ANCESTORS, {})
    chain = chains.get(token.i)
    if chain is None:
        chain = [token]
        while chain[-1].head.i != chain[-1].i and len(chain) < 64:
            chain.append(chain[-1].head)
        chains[token.i] = chain
    return chain


_PATHS = "entity_graph.paths"  # and the paths between two tokens (a candidate's features and trigger share one)


def dependency_path(a: Token, b: Token) -> tuple[list[Token], Token, list[Token]]:
    """(tokens from ``a`` up to the common ancestor, the ancestor, tokens from it down to ``b``);
    kept on the Doc like the chains (do not change the lists)."""
    paths = a.doc.user_data.setdefault(_PATHS, {})
    path = paths.get((a.i, b.i))
    if path is None:
        path = paths[a.i, b.i] = _dependency_path(a, b)
    return path


def _dependency_path(a: Token, b: Token) -> tuple[list[Token], Token, list[Token]]:
    up_a = _ancestors(a)
    index = {t.i: n for n, t in enumerate(up_a)}
    up_b: list[Token] = []
    for t in _ancestors(b):
        if t.i in index:
            return up_a[:index[t.i]], t, list(reversed(up_b))
        up_b.append(t)
    return up_a, up_a[-1], list(reversed(up_b))  # different roots (should not happen in a sentence)


def _mention_heads(doc: Doc, token_keys: dict[int, int], sent: Span) -> dict[int, list[int]]:
    """Entity key → head token of each of its named mentions in ``sent``."""
    heads: dict[int, list[int]] = defaultdict(list)
    i = sent.start
    while i < sent.end:
        key = token_keys.get(i)
        if key is None:
            i += 1
            continue
        j = i
        while j + 1 < sent.end and token_keys.get(j + 1) == key:
            j += 1
        head = next((t for t in doc[i:j + 1] if not i <= t.head.i <= j or t.head.i == t.i), doc[j])
        heads[key].append(head.i)
        i = j + 1
    return heads


def candidates(doc: Doc, token_keys: dict[int, int], pronoun_keys: dict[int, int], sent_ids: list[int]) -> list[Candidate]:
    """Every candidate pair of every sentence that names two or more entities."""
    out: list[Candidate] = []
    pronouns_by_sentence: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, key in pronoun_keys.items():
        pronouns_by_sentence[sent_ids[i]].append((i, key))
    named_sentences = sorted({sent_ids[i] for i in token_keys})
    sents = list(doc.sents) if named_sentences else []
    for sent_id in named_sentences:
        sent = sents[sent_id]
        heads = _mention_heads(doc, token_keys, sent)
        if len(heads) < 2:
            continue
        pronoun_tokens: dict[int, list[int]] = defaultdict(list)
        for i, key in pronouns_by_sentence.get(sent_id, ()):
            if key in heads:  # only entities named in the sentence itself
                pronoun_tokens[key].append(i)
        order = sorted(heads, key=lambda k: heads[k][0])
        lifted = {i: argument_token(doc[i], token_keys) for k in order for i in heads[k] + pronoun_tokens.get(k, [])}
        for x, first in enumerate(order):
            for second in order[x + 1:]:
                best = None
                for i in heads[first] + pronoun_tokens.get(first, []):
                    for j in heads[second] + pronoun_tokens.get(second, []):
                        (x, lift_x), (y, lift_y) = lifted[i], lifted[j]
                        if x.i == y.i:  # coordinated with each other ("Norway and Denmark"): no lift
                            (x, lift_x), (y, lift_y) = (doc[i], ""), (doc[j], "")
                        up, _, down = dependency_path(x, y)
                        rank = (len(up) + len(down), abs(i - j))
                        if best is None or rank < best[0]:
                            best = (rank, i, j, x.i, y.i, lift_x, lift_y)
                _, i, j, x, y, lift_x, lift_y = best
                via = i not in heads[first] or j not in heads[second]
                out.append(Candidate(sent_id, first, second, i, j, via, x, y, lift_x, lift_y))
    return out


LIST_PREPOSITIONS = frozenset({"including", "like", "among"})


def argument_token(token: Token, token_keys: dict[int, int]) -> tuple[Token, str]:
    """The token whose place in the sentence is the mention's argument slot, and the lifts taken.

    A conjunct fills the slot of the first conjunct ("cooperation with China, India and Oman");
    a name under an argument proxy noun fills the noun's slot ("Cuba's government", "the navies of
    China"); a list member fills its list's slot ("German firms including Siemens"); a name in
    apposition to a common noun fills that noun's slot ("the CEO of the authority, Eamonn Brennan,
    said"). A conjunct may take another name's place (that is what it shares); the other lifts
    stop at another entity's name, so a name never takes the place of one it only modifies."""
    steps: list[str] = []
    for _ in range(6):
        head, key = token.head, token_keys.get(token.i)
        if head.i == token.i:
            break
        if token.dep_ == "conj":
            steps.append("conj")
            token = head
            continue
        if token.dep_ in ("poss", "compound", "amod", "nmod") and head.lemma_.lower() in word_set("argument_proxies.txt"):
            step = "proxy"
        elif token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "of" and head.head.lemma_.lower() in word_set("argument_proxies.txt"):
            head, step = head.head, "proxy"
        elif token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in LIST_PREPOSITIONS:
            head, step = head.head, "list"
        elif token.dep_ == "appos" and head.pos_ == "NOUN":
            step = "appos"
        else:
            break
        if token_keys.get(head.i, key) != key:
            break
        token = head
        steps.append(step)
    return token, ">".join(steps)


def _label(token: Token) -> str:
    """A token's dependency label, with the word for a preposition ("prep:with", "agent")."""
    return f"prep:{token.lower_}" if token.dep_ == "prep" else token.dep_


DIRECT_CHAINS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "obj", "agent>pobj", "poss", "compound", "amod", "nmod"})


def argument_chain(token: Token, trigger: Token) -> str:
    """How a mention hangs under the trigger: the labels from the trigger down to it
    ("nsubj", "prep:with>pobj", "nsubj>appos>prep:of>pobj"), "self", or "outside"."""
    if token.i == trigger.i:
        return "self"
    labels = []
    for t in _ancestors(token):
        if t.i == trigger.i:
            return ">".join(reversed(labels[-4:]))
        labels.append(_label(t))
    return "outside"


def _is_trigger(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or (token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in action_nouns())


def trigger_token(doc: Doc, candidate: Candidate) -> Token | None:
    """The verb or action noun that carries the pair's relation: on the path, the content verb
    under a control chain ("intends to meet" → meet), else the nearest one above the common
    ancestor ("talks between A and B" → talks)."""
    first, second = candidate.first_arg, candidate.second_arg
    up, top, down = dependency_path(doc[first], doc[second])
    if _is_trigger(top) and top.i not in (first, second):
        chosen = top
        for t in down:  # down the xcomp chain towards the second mention
            if t.dep_ == "xcomp" and _is_trigger(t):
                chosen = t
            elif t.dep_ != "xcomp":
                break
        return chosen
    for t in [*up, *down]:
        if t.i not in (first, second) and t.pos_ in ("NOUN", "PROPN") and _is_trigger(t):
            return t
    head = top
    for _ in range(4):
        if head.head.i == head.i:
            break
        head = head.head
        if _is_trigger(head):
            return head
    return None


def features(doc: Doc, candidate: Candidate, labels: dict[int, str], rule_relations: dict[tuple[int, int], list[Relation]],
             token_keys: dict[int, int] | None = None) -> list[str]:
    """Named binary features of one candidate (see the module docstring for the groups)."""
    a, b = doc[candidate.first_arg], doc[candidate.second_arg]
    up, top, down = dependency_path(a, b)
    path = [*up, top, *down]
    f: list[str] = []

    ta, tb = labels.get(candidate.first, "?"), labels.get(candidate.second, "?")
    f += [f"type:first={ta}", f"type:second={tb}", f"type:pair={ta}|{tb}"]
    for side, lift in (("first", candidate.first_lift), ("second", candidate.second_lift)):
        if lift:
            f += [f"path:{side}_lift={lift}", f"path:{side}_lift_step={lift.split('>')[-1]}"]

    steps = [f"{t.dep_}^" for t in up] + [f"v{t.dep_}" for t in down]
    length = len(steps)
    f.append(f"path:len={min(length, 8)}")
    if length <= MAX_PATH:
        f.append("path:full=" + " ".join(steps))
        f += [f"path:step={s}" for s in steps]
        f += [f"path:bigram={x} {y}" for x, y in zip(steps, steps[1:])]
        f += [f"path:lemma={t.lemma_.lower()}" for t in (*up[1:], *down[:-1])]
        f += [f"path:lemma_pos={t.lemma_.lower()}/{t.pos_}" for t in (*up[1:], *down[:-1]) if t.pos_ in ("VERB", "NOUN", "ADP")]
    f += [f"path:top_pos={top.pos_}", f"path:top_dep={top.dep_}", f"path:top_lemma={top.lemma_.lower()}"]
    f.append(f"path:ends={a.dep_}|{b.dep_}")
    if top.i in (a.i, b.i):
        f.append("path:top_is_mention=" + ("first" if top.i == a.i else "second"))

    trigger = trigger_token(doc, candidate)
    if trigger is None:
        f.append("trigger:none")
    else:
        lemma = trigger.lemma_.lower()
        noun = action_nouns().get(lemma) if trigger.pos_ in ("NOUN", "PROPN") else None
        predicate = noun.predicate if noun else lemma
        f += [f"trigger:lemma={lemma}", f"trigger:pos={trigger.pos_}", f"trigger:category={categories().get(predicate, 'other')}",
              f"trigger:dep={trigger.dep_}"]
        if noun:
            f.append("trigger:action_noun")
        if predicate in word_set("symmetric_predicates.txt"):
            f.append("trigger:symmetric")
        if lemma in word_set("non_relation_verbs.txt"):
            f.append("trigger:non_relation")
        if lemma in word_set("light_verbs.txt"):
            f.append("trigger:light_verb")
        roles = []
        chains = (argument_chain(a, trigger), argument_chain(b, trigger))
        for side, chain in (("first", chains[0]), ("second", chains[1])):
            role = chain.split(">")[0]
            roles.append(role)
            f += [f"trigger:{side}_role={role}", f"trigger:{side}_chain={chain}",
                  f"trigger:{side}_depth={min(chain.count('>') + 1, 4)}"]
            if chain in DIRECT_CHAINS or (chain.startswith("prep:") and chain.count(">") == 1):
                f.append(f"trigger:{side}_direct")
        if token_keys is not None:
            for side, token, key in (("first", a, candidate.first), ("second", b, candidate.second)):
                # a name that only modifies another name ("Russian President Vladimir Putin",
                # "Merkel, the Chancellor of Germany") does not fill the slot itself
                for t in _ancestors(token)[1:]:
                    if t.i == trigger.i:
                        break
                    other = token_keys.get(t.i)
                    if other is not None and other != key:
                        f.append(f"trigger:{side}_under_entity")
                        f.append(f"trigger:{side}_under_entity_dep={token.dep_}")
                        break
        f.append(f"trigger:roles={roles[0]}|{roles[1]}")
        if roles[0] == roles[1] and roles[0] not in ("self", "outside"):
            f.append("trigger:same_argument")
        f.append(f"trigger:chains={chains[0]}|{chains[1]}")
        f += [f"trigger:lemma_first_chain={lemma}|{chains[0]}", f"trigger:lemma_second_chain={lemma}|{chains[1]}",
              f"trigger:roles_types={roles[0]}|{roles[1]}|{ta}|{tb}"]
        f.append(f"trigger:lemma_roles={lemma}|{roles[0]}|{roles[1]}")
        cues = modality_cues()
        for child in trigger.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in ("no", "neither")):
                f.append("cue:negated")
            if child.dep_ == "aux" and cues.get(child.lemma_.lower()) == "possible":
                f.append("cue:possible")
        if trigger.dep_ == "xcomp" and cues.get(trigger.head.lemma_.lower()) == "intended":
            f.append("cue:intended")

    deps = {t.dep_ for t in path[1:-1]} | {t.dep_ for t in up} | {t.dep_ for t in down}
    for dep, name in (("ccomp", "ccomp"), ("appos", "appos"), ("relcl", "relcl"), ("acl", "acl"), ("conj", "conj"),
                      ("advcl", "advcl"), ("xcomp", "xcomp"), ("agent", "passive_by"), ("nsubjpass", "passive")):
        if dep in deps:
            f.append(f"cross:{name}")
    if any(t.lemma_.lower() in _reporting_verbs() and t.pos_ == "VERB" for t in path if t.i not in (a.i, b.i)):
        f.append("cross:reporting_verb")
    if any(t.lower_ == "of" for t in path):
        f.append("cross:of")
    lo, hi = sorted((candidate.first_token, candidate.second_token))  # the mentions themselves
    words = tokens(doc).words[lo + 1:hi]  # the words between, without a Token object each
    if any(w in QUOTES for w in words):
        f.append("cross:quote")
    if any(w in "()" for w in words):
        f.append("cross:bracket")
    if ";" in words:
        f.append("cross:semicolon")

    gap = hi - lo - 1
    f.append(f"dist:tokens={min(gap, 10) if gap <= 10 else (15 if gap <= 15 else (25 if gap <= 25 else 99))}")
    f.append("dist:order=" + ("forward" if candidate.first_token < candidate.second_token else "backward"))
    if candidate.via_pronoun:
        f.append("dist:via_pronoun")
    if gap <= 6:
        f += [f"dist:between={t.lemma_.lower()}" for t in doc[lo + 1:hi] if not t.is_punct]

    forward = rule_relations.get((candidate.first, candidate.second), [])
    backward = rule_relations.get((candidate.second, candidate.first), [])
    if not forward and not backward:
        f.append("rule:none")
    for direction, found in (("forward", forward), ("backward", backward)):
        for rel in found:
            f.append(f"rule:{direction}")
            f.append(f"rule:{direction}_symmetric" if rel.symmetric else f"rule:{direction}_directed")
            f += [f"rule:pattern={p}" for p in rel.pattern]
            f.append(f"rule:{direction}_category={rel.category}")
            if rel.negated:
                f.append("rule:negated")
            f.append(f"rule:modality={rel.modality}")
    return list(dict.fromkeys(f))
