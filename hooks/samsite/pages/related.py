"""Related practices: those sharing a term of the first taxonomy and one of the second.

The taxonomies count in the order of ``vocabulaire.yml`` (today strategy, sector, level):
the first two make the score, every further one breaks ties. No taxonomy is named here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..model import Practice
from .markdown import sort_key

MAX_RELATED = 5


def related_practices(practices: list[Practice], taxonomies: Sequence[str],
                      limit: int = MAX_RELATED) -> dict[str, list[Practice]]:
    """Map each practice slug to its most related practices, best first.

    ``taxonomies`` are the vocabulary's keys in order. A candidate shares at least one
    term of the first and of the second taxonomy. Score: shared terms of those two, with
    the shared terms of the others as a tie-breaker, then title. Uses an index by the
    second taxonomy so it stays fast for thousands of practices.
    """
    first, indexed, *others = list(taxonomies) + [None] * max(0, 2 - len(taxonomies))
    by_term: dict[str, list[int]] = defaultdict(list)
    for index, practice in enumerate(practices):
        for term in practice.terms(indexed):
            by_term[term].append(index)
    titles = [sort_key(p.title) for p in practices]
    related = {}
    for index, practice in enumerate(practices):
        firsts, indexed_terms = set(practice.terms(first)), set(practice.terms(indexed))
        rest = [(key, set(practice.terms(key))) for key in others]
        candidates = {other for term in indexed_terms for other in by_term[term]} - {index}
        scored = []
        for other in candidates:
            candidate = practices[other]
            shared_first = len(firsts.intersection(candidate.terms(first)))
            if not shared_first:
                continue
            score = shared_first + len(indexed_terms.intersection(candidate.terms(indexed)))
            tie = sum(len(terms.intersection(candidate.terms(key))) for key, terms in rest)
            scored.append((-score, -tie, titles[other], other))
        scored.sort()
        related[practice.slug] = [practices[item[-1]] for item in scored[:limit]]
    return related
