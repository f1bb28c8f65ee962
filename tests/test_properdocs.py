"""The site builds the same with ProperDocs, the community fork of MkDocs 1.x.

MkDocs 1.x is unmaintained and MkDocs 2 drops plugins; ProperDocs keeps the 1.x plugin and
hook API. Every file must be byte-identical to the MkDocs build, except the generator tag.
(`make test MKDOCS_MODULE=properdocs` runs the whole suite on ProperDocs.)
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import subprocess
import sys

from helpers import ROOT, build_env

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


# Pagefind's index files other than the pages' own records hold the pages in the order its
# threads finished them: two runs over the same pages name and fill them differently
# (tests/test_site_folders.py). A rebuilt index is therefore compared by its fragments.
REORDERED = re.compile(r"pagefind/(filter/|index/|pagefind-entry\.json|pagefind\.[^/]*\.pf_meta)")


def _files(site):
    return {name: path for path in site.rglob("*") if path.is_file()
            if not REORDERED.match(name := path.relative_to(site).as_posix())}


def _normal(path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)  # the gzip header carries a time stamp
    return GENERATOR.sub(b"<meta name=generator>", data)


def test_properdocs_builds_the_same_site(built_site, tmp_path):
    assert importlib.util.find_spec("properdocs"), "properdocs is missing: `make test` installs it (requirements-test.txt)"
    other = {"mkdocs": "properdocs", "properdocs": "mkdocs"}[build_env().get("SAM_MKDOCS", "mkdocs")]
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", other, "build", "--strict", "-d", str(site)],
                            cwd=ROOT, env=build_env(), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    ours, theirs = _files(built_site), _files(site)
    assert sorted(ours) == sorted(theirs)
    different = [name for name in ours if _normal(ours[name]) != _normal(theirs[name])]
    assert not different, f"{other} built these differently: {different[:10]}"
    assert b"ProperDocs" in (site if other == "properdocs" else built_site).joinpath("index.html").read_bytes()
