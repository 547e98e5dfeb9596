"""Co-occurrence: every pair of different entities mentioned in the same sentence."""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from ..records import Cooccurrence, Mention


def extract_cooccurrences(mentions: list[Mention]) -> list[Cooccurrence]:
    """One record per unordered entity pair per sentence (``a_key < b_key``)."""
    keys_by_sentence: dict[int, set[int]] = defaultdict(set)
    for mention in mentions:
        keys_by_sentence[mention.sent_id].add(mention.key)
    return [
        Cooccurrence(sent_id, a, b)
        for sent_id in sorted(keys_by_sentence)
        for a, b in combinations(sorted(keys_by_sentence[sent_id]), 2)
    ]
