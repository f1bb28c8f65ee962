"""The locks: every install comes from requirements*.txt, compiled by `make lock` from requirements*.in.

In-process and offline: a lock is stale when its input asks for something it does not pin (a new
or changed requirement), or still pins a requirement the input dropped; every pin has hashes; the
environment the tests run in holds exactly what the test lock names (what `pip freeze` would say).
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from helpers import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

# input -> lock, in the order `make lock` compiles them
LOCKS = {"requirements.in": "requirements.txt", "requirements-test.in": "requirements-test.txt",
         "requirements-lock.in": "requirements-lock.txt"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ \\;]+)")


def direct_requirements(path: Path) -> list[Requirement]:
    """The requirements an input names, following `-r other.in` (a `-c lock` only constrains)."""
    found = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-c "):
            continue
        if line.startswith("-r "):
            found += direct_requirements(path.parent / line[3:].strip())
        else:
            found.append(Requirement(line))
    return found


def pins(text: str) -> dict[str, str]:
    """name -> version of every package a lock pins."""
    return {canonicalize_name(m.group(1)): m.group(2) for m in map(PIN.match, text.splitlines()) if m}


def via_inputs(text: str) -> set[str]:
    """The packages the lock says it pins because an input names them (``# via -r requirements.in``)."""
    named, current, in_via = set(), None, False
    for line in text.splitlines():
        if match := PIN.match(line):
            current, in_via = canonicalize_name(match.group(1)), False
        elif line.strip().startswith("# via"):
            in_via = True
            if "-r " in line:
                named.add(current)
        elif in_via and line.strip().startswith("#   -r "):
            named.add(current)
    return named


def stale(source: Path, lock_text: str) -> list[str]:
    """Why ``lock_text`` no longer matches the input ``source`` (empty: it does)."""
    locked = pins(lock_text)
    wanted = {canonicalize_name(r.name): r for r in direct_requirements(source)}
    problems = []
    for name, requirement in sorted(wanted.items()):
        if name not in locked:
            problems.append(f"{requirement} is not in the lock")
        elif not requirement.specifier.contains(locked[name], prereleases=True):
            problems.append(f"{requirement}: the lock pins {locked[name]}")
    for name in sorted(via_inputs(lock_text) - set(wanted)):
        problems.append(f"{name} is pinned for an input that no longer names it")
    return problems


@pytest.mark.parametrize("source, lock", LOCKS.items())
def test_every_lock_is_current_and_hashed(source, lock):
    text = (ROOT / lock).read_text(encoding="utf-8")
    problems = stale(ROOT / source, text)
    assert not problems, f"{lock} is stale against {source} (run `make lock`): {problems}"
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n\n", 1)[-1].strip())
    unhashed = [entry.split()[0] for entry in entries if PIN.match(entry) and "--hash=sha256:" not in entry]
    assert pins(text) and not unhashed, f"{lock}: pins without a hash: {unhashed}"
    assert "--find-links" not in text and "--extra-index-url" not in text and "file://" not in text


def test_a_changed_input_makes_its_lock_stale(tmp_path):
    """The check above can fail: an added, tightened or dropped requirement is each named."""
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    mkdocs = pins(text)["mkdocs"]
    source = ROOT / "requirements.in"
    original = source.read_text(encoding="utf-8")
    tightened = original.replace("mkdocs>=1.6,<2", f"mkdocs>{mkdocs},<2")
    assert tightened != original
    cases = {
        original + "ruff>=0.1\n": "ruff>=0.1 is not in the lock",
        tightened: f"the lock pins {mkdocs}",
        original.replace("httpx>=0.28,<1\n", ""): "httpx is pinned for an input that no longer names it",
    }
    for changed, said in cases.items():
        source_copy = tmp_path / "requirements.in"
        source_copy.write_text(changed, encoding="utf-8")
        assert any(said in problem for problem in stale(source_copy, text)), said


def test_the_test_environment_is_exactly_the_test_lock():
    """What `make test` installed is what the lock names, version for version (`pip freeze`)."""
    locked = pins((ROOT / "requirements-test.txt").read_text(encoding="utf-8"))
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    # the virtualenv's own installer is not a dependency of the site
    installed = {name: version for name, version in installed.items() if name not in {"pip", "setuptools"}}
    assert installed == {name: version for name, version in locked.items() if name not in {"pip", "setuptools"}}


def test_the_site_lock_is_the_test_lock_for_every_package_both_name():
    site = pins((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    test = pins((ROOT / "requirements-test.txt").read_text(encoding="utf-8"))
    assert site and all(test.get(name) == version for name, version in site.items())
