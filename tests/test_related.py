"""Related practices: the fast grouping gives exactly what the rule says, pair by pair.

The rule (pages/related.py): a candidate shares a term of the first and of the second
taxonomy; the score is the shared terms of those two, the shared terms of the others
break ties, then the title, then the order of the files. ``reference`` states it the
slow, obvious way; random sites of several sizes must give the same lists.
"""

from __future__ import annotations

import random

import pytest
from samsite.pages.related import related_practices
from samsite.text.slugs import sort_key


class FakePractice:
    def __init__(self, slug: str, title: str, terms: dict[str, tuple[str, ...]]):
        self.slug, self.title, self._terms = slug, title, terms

    def terms(self, key: str) -> tuple[str, ...]:
        return self._terms.get(key, ())


def reference(practices, keys, limit=5):
    first, second, *others = keys
    result = {}
    for index, practice in enumerate(practices):
        scored = []
        for other_index, other in enumerate(practices):
            shared = [len(set(practice.terms(k)) & set(other.terms(k))) for k in keys]
            if other_index == index or not shared[0] or not shared[1]:
                continue
            scored.append((-(shared[0] + shared[1]), -sum(shared[2:]), sort_key(other.title), other_index))
        result[practice.slug] = [practices[item[-1]].slug for item in sorted(scored)[:limit]]
    return result


VOCABULARY = {"strategy": list("abcd"), "sector": [f"s{i}" for i in range(12)], "level": list("vwxyz"),
              "thema": list("pq")}


@pytest.mark.parametrize("size, seed", [(2, 1), (25, 2), (25, 3), (120, 4), (400, 5)])
def test_fast_related_practices_equal_the_rule(size, seed):
    rng = random.Random(seed)
    practices = [
        FakePractice(f"p{i}", rng.choice(["Aa", "Ab", "Éb", "Zz"]) + f" {rng.randint(0, 9)}",
                     {key: tuple(rng.sample(terms, rng.randint(0 if key == "thema" else 1, min(3, len(terms)))))
                      for key, terms in VOCABULARY.items()})
        for i in range(size)]
    keys = list(VOCABULARY)
    fast = {slug: [p.slug for p in found] for slug, found in related_practices(practices, keys).items()}
    assert fast == reference(practices, keys)
