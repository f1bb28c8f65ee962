"""Shared fixtures (a real strict build, a local server, Chromium) and the two tiers.

The fast tier (`make test-fast`, ``pytest -m "not slow"``) is the core's logic in this
Python: no MkDocs build, no new interpreter, no browser. A test is slow when it is marked
``@pytest.mark.slow`` (by hand, or by its module's ``pytestmark``), uses a fixture in
SLOW_FIXTURES or calls ``run_build`` itself (both marked here, at collection). Every other test runs under a guard, in `make test`
as well, that fails it the moment it starts a process other than git (which the core itself
runs to read the history, in milliseconds): so the fast tier cannot silently grow slow.
The helpers the tests share are in helpers.py.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import subprocess
from pathlib import Path

import pytest
from gzip_server import serve
from helpers import ROOT, run_build  # the fixtures below use these

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# A test that asks for one of these (directly or through another fixture) is slow.
SLOW_FIXTURES = {"built_site", "site_url", "browser", "page"}
# A test whose own code calls one of these is slow (a real MkDocs build).
SLOW_CALLS = ("run_build(", "run_make_build(")
# The only program a fast test may start: the core reads the history with it.
FAST_PROGRAMS = {"git"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or _calls_slow(item):
            item.add_marker(pytest.mark.slow)


def _calls_slow(item) -> bool:
    function = getattr(item, "function", None)
    try:
        source = inspect.getsource(function) if function else ""
    except (OSError, TypeError):
        return False
    return any(call in source for call in SLOW_CALLS)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """A test not marked slow runs (setup, call and teardown) without starting a process."""
    if item.get_closest_marker("slow"):
        yield
        return
    with _no_processes(item.nodeid):
        yield


class StartsAProcess(BaseException):
    """Not an Exception: no ``except Exception`` in the code under test may swallow it."""


@contextlib.contextmanager
def _no_processes(nodeid: str):
    def refuse(program) -> None:
        name = Path(os.fsdecode(program)).name if program else "?"
        if name not in FAST_PROGRAMS:
            raise StartsAProcess(
                f"{nodeid} starts '{name}' but is in the fast tier: run the core in this Python "
                "(helpers.samsite(..., in_process=True), samsite functions) or mark the test "
                "@pytest.mark.slow (conftest.py)")

    original = subprocess.Popen.__init__

    def popen(self, args, *rest, **kwargs):
        self._child_created = False  # what Popen.__del__ reads if the start is refused
        if kwargs.get("shell"):
            refuse("sh")
        elif isinstance(args, (str, bytes, os.PathLike)):
            refuse(kwargs.get("executable") or args)
        else:
            refuse(kwargs.get("executable") or next(iter(args), None))
        original(self, args, *rest, **kwargs)

    def forbidden(name):
        def call(*args, **kwargs):
            refuse(name)
        return call

    saved = {name: getattr(os, name) for name in ("system", "fork", "forkpty", "posix_spawn", "posix_spawnp")
             if hasattr(os, name)}
    subprocess.Popen.__init__ = popen
    for name in saved:
        setattr(os, name, forbidden(f"os.{name}"))
    try:
        yield
    finally:
        subprocess.Popen.__init__ = original
        for name, function in saved.items():
            setattr(os, name, function)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session in strict mode."""
    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = run_build(ROOT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served over HTTP on localhost, gzipped like a real host (gzip_server.py)."""
    url, server = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
