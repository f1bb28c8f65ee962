"""The team's stylesheets are well formed: one unclosed rule swallows every rule after it,
silently (browsers do not complain), as a merge once did to the whole reflow section."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT

STYLESHEETS = sorted((ROOT / "docs").rglob("*.css"))


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_rule_is_closed(path):
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    assert "/*" not in text, "an unclosed comment"
    text = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', '""', text)
    depth = 0
    for number, line in enumerate(text.split("\n"), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{path.name}:{number}: a '}}' without its '{{'"
        # Only @media, @supports and @layer hold rules; a plain rule never holds another.
        assert depth <= 2, f"{path.name}:{number}: rules nested too deep (an unclosed rule above?)"
    assert depth == 0, f"{path.name}: {depth} rule(s) not closed"
