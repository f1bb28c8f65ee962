"""Checks on the Markdown body of contributor content (safety and sanity)."""

from __future__ import annotations

from .errors import IssueCollector


def check_body(body: str, first_line: int, issues: IssueCollector) -> None:
    """Report problems in a Markdown body; ``first_line`` is its first file line."""
    # Filled in by the content-safety checks.
    return None
