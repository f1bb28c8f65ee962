"""Invisible characters that change what a reader sees or what a check compares.

Control characters (C0 and C1, except tab and line ends), bidirectional overrides and
isolates (U+202E shows "Buurtwerk exe.png" for a name ending in "gnp.exe") and
zero-width characters (two ids that look the same but differ) are refused in every
field and in the body, named by code point and column. A no-break space (U+00A0,
U+202F) is a visible space: it is allowed.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ZERO_WIDTH = "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200d\u2028\u2029\u2060-\u2064\ufeff"
INVISIBLE = re.compile(f"[{_CONTROL}{_BIDI}{_ZERO_WIDTH}]")


def describe(char: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)'."""
    name = unicodedata.name(char, "") or {"\x00": "NULL", "\x7f": "DELETE"}.get(char, "stuurteken")
    return f"U+{ord(char):04X} ({name})"


def kind(char: str) -> str:
    return "stuurteken" if re.match(f"[{_CONTROL}]", char) else "teken"


def invisible_characters(text: str) -> list[tuple[int, int, str]]:
    """``(line, column, character)`` of the first invisible character on each line (1-based)."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        match = INVISIBLE.search(line.rstrip("\r"))
        if match:
            found.append((number, match.start() + 1, match.group()))
    return found
