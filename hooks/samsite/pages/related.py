"""Related practices: those sharing at least one strategy and one sector."""

from __future__ import annotations

from collections import defaultdict

from ..model import Practice
from .markdown import sort_key

MAX_RELATED = 5


def related_practices(practices: list[Practice], limit: int = MAX_RELATED) -> dict[str, list[Practice]]:
    """Map each practice slug to its most related practices, best first.

    Score: shared strategies + shared sectors, with shared levels as a tie-breaker,
    then title. Uses an index by sector so it stays fast for thousands of practices.
    """
    by_sector: dict[str, list[int]] = defaultdict(list)
    for index, practice in enumerate(practices):
        for sector in practice.sector:
            by_sector[sector].append(index)
    titles = [sort_key(p.title) for p in practices]
    related = {}
    for index, practice in enumerate(practices):
        strategies, sectors, levels = set(practice.strategy), set(practice.sector), set(practice.level)
        candidates = {other for sector in sectors for other in by_sector[sector]} - {index}
        scored = []
        for other in candidates:
            candidate = practices[other]
            shared_strategies = len(strategies.intersection(candidate.strategy))
            if not shared_strategies:
                continue
            score = shared_strategies + len(sectors.intersection(candidate.sector))
            scored.append((-score, -len(levels.intersection(candidate.level)), titles[other], other))
        scored.sort()
        related[practice.slug] = [practices[item[-1]] for item in scored[:limit]]
    return related
