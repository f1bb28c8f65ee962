"""The README's 'Waar staat wat' table matches the tree: every path it names exists, and every
module of hooks/ and of the core's top level, every sub-package of the core and every top-level
folder is in it, so the table cannot drift."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from helpers import ROOT

# Modules that must each have their own row (or share one, by file name).
BY_FILE = ("hooks", "hooks/samsite")
# The core, whose sub-packages (one concern each) must each have a row of their own.
CORE = "hooks/samsite"


def table_paths() -> list[str]:
    """Every path in the first column, from the project root. A later name in a cell without the
    full path ('`hooks/samsite/model/`, `content.py`') is in the folder of the cell's first."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Waar staat wat"):]
    rows = re.findall(r"^\| (.+?) \| .+ \|$", section.split("\n\n", 2)[1], re.M)[2:]  # after the header
    paths = []
    for cell in rows:
        names = re.findall(r"`([^`]+)`", cell)
        assert names, f"a row of the table names no path: {cell}"
        base = Path(names[0]) if names[0].endswith("/") else Path(names[0]).parent
        for position, name in enumerate(names):
            if position and not _exists(name):
                name = (base / name).as_posix() + ("/" if name.endswith("/") else "")
            paths.append(name)
    return paths


def _exists(name: str) -> bool:
    """A path, or a pattern with a placeholder ('praktijken/<slug>.md') that matches a file."""
    pattern = re.sub(r"<[^>]+>", "*", name.rstrip("/"))
    return any(ROOT.glob(pattern)) if "*" in pattern else (ROOT / pattern).exists()


def test_every_path_the_table_names_exists():
    missing = [name for name in table_paths() if not _exists(name)]
    assert not missing, f"README 'Waar staat wat' names paths that do not exist: {missing}"


def test_every_module_and_top_level_folder_is_in_the_table():
    named = {name.rstrip("/") for name in table_paths()}
    modules = [path for folder in BY_FILE for path in sorted((ROOT / folder).glob("*.py"))
               if path.name != "__init__.py"]
    unnamed = [path.relative_to(ROOT).as_posix() for path in modules
               if path.relative_to(ROOT).as_posix() not in named]
    packages = sorted(path.parent.relative_to(ROOT).as_posix() for path in (ROOT / CORE).glob("*/__init__.py"))
    assert len(packages) > 5, packages
    unnamed += [package for package in packages if package not in named]
    assert not unnamed, f"add these to README 'Waar staat wat': {unnamed}"
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    folders = sorted({line.split("/", 1)[0] for line in tracked.splitlines() if "/" in line})
    assert folders, "git ls-files listed no folders"
    missing = [folder for folder in folders if not any(name == folder or name.startswith(folder + "/")
                                                       for name in named)]
    assert not missing, f"top-level folders missing from README 'Waar staat wat': {missing}"
