"""The check messages as documented in the redactiegids, and as written in the code.

The guide's tables list each message with '…' where the real one names a file, value or
number. Tests hold the two against each other so the guide never drifts from the code.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "redactiegids.md"
PACKAGE = ROOT / "hooks" / "samsite"
ELLIPSIS = "…"
# Calls that report an issue, and the position of their message argument.
REPORTERS = {"add": 2, "ContentIssue": 3, "issue": 1}


@functools.cache
def documented() -> tuple[str, ...]:
    """First-column messages of every table in the section 'Meldingen van de controle'."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("## Meldingen van de controle"):]
    return tuple(match.group(1) for match in re.finditer(r"^\| `([^`]+)` \|", section, re.M))


def _pattern(template: str) -> re.Pattern:
    parts = [re.escape(part) for part in template.split(ELLIPSIS)]
    return re.compile(".+?".join(parts), re.S)


@functools.cache
def _patterns() -> tuple[re.Pattern, ...]:
    return tuple(_pattern(template) for template in documented())


def is_documented(message: str) -> bool:
    return any(pattern.fullmatch(message) for pattern in _patterns())


def _template(node: ast.expr) -> list[str]:
    """The message(s) a call argument can produce, with '…' for the variable parts."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value if isinstance(v, ast.Constant) else ELLIPSIS for v in node.values)
        return [re.sub(f"{ELLIPSIS}+", ELLIPSIS, text)]
    if isinstance(node, ast.IfExp):
        return _template(node.body) + _template(node.orelse)
    return []  # a variable (e.g. a message chosen by a helper): covered by the bad-input tests


def messages_in_code() -> dict[str, str]:
    """Every literal message passed to an issue reporter in hooks/samsite -> where it is."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            position = REPORTERS.get(name)
            if position is None or len(node.args) <= position:
                continue
            for message in _template(node.args[position]):
                found[message] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def strings_in_code() -> str:
    """Every string literal in hooks/samsite (f-strings with '…'), one per line."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            found += _template(node) if isinstance(node, (ast.Constant, ast.JoinedStr)) else []
    return "\n".join(found)
