"""Did-you-mean suggestions for typos in field names and vocabulary ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """Return ' Bedoelde je 'x'?' for the closest choice, or '' if none is close."""
    matches = difflib.get_close_matches(str(value).lower(), list(choices), n=1, cutoff=0.6)
    return f"bedoelde je '{matches[0]}'? " if matches else ""
