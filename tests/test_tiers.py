"""The two tiers of the suite (tests/conftest.py): a test not marked slow cannot start a process
but git, and the command line run in this Python says exactly what the real one says."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import StartsAProcess
from content_factory import ContentTree, practice_text
from helpers import samsite


def test_a_fast_test_cannot_start_a_process_but_git():
    for start in (lambda: subprocess.run([sys.executable, "-c", "pass"]),
                  lambda: subprocess.run("true", shell=True),
                  lambda: subprocess.Popen(["chromium", "--version"]),
                  lambda: os.system("true")):
        with pytest.raises(StartsAProcess, match="is in the fast tier"):
            start()
    assert subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.startswith("git version")


@pytest.mark.slow
def test_a_slow_test_may_start_one():
    assert subprocess.run([sys.executable, "-c", "print('ja')"], capture_output=True, text=True).stdout == "ja\n"


@pytest.mark.slow
def test_the_command_line_in_this_python_says_what_the_real_one_says(tmp_path):
    tree = ContentTree(tmp_path)
    tree.cahier("testcahier", chapters={"01-begin.md": "# Begin\n\n[x](javascript:alert(1))\n"})
    tree.practice("goed")
    tree.write("praktijken/fout.md", practice_text(title="Fout", strategy="[agendren]", body="<script>x</script>\n"))
    results = [samsite("check", ".", cwd=tmp_path, in_process=in_process) for in_process in (False, True)]
    real, here = ((result.returncode, result.stdout, result.stderr) for result in results)
    assert real[0] == 1 and "De inhoud bevat 3 problemen:" in real[2], real
    assert here == real
    for args in (["links", tmp_path], ["bestaat-niet"]):  # links refuses (the problems), writing nothing
        real, here = (samsite(*args, in_process=in_process) for in_process in (False, True))
        assert (here.returncode, here.stdout, here.stderr) == (real.returncode, real.stdout, real.stderr)
