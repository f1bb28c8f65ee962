"""The GitHub Actions workflows cannot run here: actionlint and a reading of their steps check them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key 'on' as true
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_actionlint_finds_nothing():
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert actionlint, "actionlint is missing: `make test` installs it (requirements-test.txt)"
    files = sorted(str(path) for path in WORKFLOWS.glob("*.yml"))
    assert len(files) >= 2
    result = subprocess.run([actionlint, "-no-color", *files], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_pull_request_is_checked_built_tested_and_previewed():
    workflow = load("pr.yml")
    assert "pull_request" in workflow["on"]
    runs = [step.get("run", "") for step in steps(workflow)]
    order = [next(i for i, run in enumerate(runs) if command in run)
             for command in ("apt-get install", "make check", "make build", "make test")]
    assert order == sorted(order)
    assert "chromium" in runs[order[0]] and "poppler-utils" in runs[order[0]]
    upload = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    job = next(iter(workflow["jobs"].values()))
    assert "3.11" in job["container"]


def test_main_is_deployed_to_github_pages():
    workflow = load("deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["group"] == "pages"
    uses = [step.get("uses", "") for step in steps(workflow)]
    for action in ("actions/setup-python@", "actions/configure-pages@", "actions/upload-pages-artifact@",
                   "actions/deploy-pages@"):
        assert any(use.startswith(action) for use in uses), action
    build = next(step for step in steps(workflow) if "make build" in step.get("run", ""))
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    deploy = next(job for job in workflow["jobs"].values()
                  if any(step.get("uses", "").startswith("actions/deploy-pages@") for step in job["steps"]))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow["permissions"] == {"contents": "read"}


def test_both_workflows_keep_the_build_cache():
    """A deploy or PR after a one-practice change reuses the QR codes of the last run."""
    for name in ("deploy.yml", "pr.yml"):
        cached = [step for step in steps(load(name)) if step.get("uses", "").startswith("actions/cache@")
                  and step["with"]["path"].rstrip("/") == ".cache"]
        assert len(cached) == 1, name
        key = cached[0]["with"]["key"]
        assert "hooks/**/*.py" in key and "requirements.txt" in key and "github.sha" in key, key
        assert "restore-keys" in cached[0]["with"], name


def _runner(tmp_path, workflow_text: str) -> subprocess.CompletedProcess:
    workflow = tmp_path / "wf.yml"
    workflow.write_text(workflow_text, encoding="utf-8")
    return subprocess.run([sys.executable, str(ROOT / ".ci" / "workflow_steps.py"), str(workflow), "job"],
                          capture_output=True, text=True, timeout=60)


def test_ci_runs_workflow_steps_in_order_with_their_env(tmp_path):
    out = tmp_path / "out.txt"
    result = _runner(tmp_path, f"""
jobs:
  job:
    env: {{A: job}}
    steps:
      - uses: actions/checkout@v5
      - run: echo "one $A" >> {out}
      - run: echo "two $B" >> {out}
        env: {{B: "${{{{ github.repository }}}}"}}
""")
    assert result.returncode == 0, result.stderr
    assert out.read_text().split("\n")[:2] == ["one job", "two sam-vzw/politiserend-werken"]


@pytest.mark.parametrize("step, said", [
    ("- run: exit 3", "exited with 3"),
    ("- run: make target-that-does-not-exist-anywhere", "exited with 2"),
    ("- run: echo ${{ secrets.TOKEN }}", "unknown expression ${{ secrets.TOKEN }}"),
    ("- run: echo hi\n        if: github.event_name == 'push'", "unknown condition"),
])
def test_ci_fails_on_a_failing_or_unknown_workflow_step(tmp_path, step, said):
    result = _runner(tmp_path, f"jobs:\n  job:\n    steps:\n      {step}\n")
    assert result.returncode != 0
    assert said in result.stderr and "Traceback" not in result.stderr, result.stderr


def _closure(requirements: list[str]) -> set[str]:
    """Every distribution that installing ``requirements`` brings (names normalised)."""
    from importlib import metadata

    from packaging.requirements import Requirement

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    seen, todo = set(), [Requirement(line) for line in requirements]
    while todo:
        requirement = todo.pop()
        name = norm(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(requirement.name) or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            dependency = Requirement(text)
            if dependency.marker is None or any(dependency.marker.evaluate({"extra": e})
                                                for e in (requirement.extras or {""})):
                todo.append(dependency)
    return seen


def test_site_requirements_cover_every_module_a_build_loads(tmp_path):
    """Every module a real build imports comes from requirements.txt alone, not from the
    test extras (Pillow, which makes the PNG download of a QR code, once was only a test
    dependency: `make serve`, the Pages deploy and every pull request failed)."""
    from importlib import metadata

    from conftest import build_env, copy_project

    project = copy_project(tmp_path / "project")  # no .cache: every code is drawn
    dump = tmp_path / "modules.txt"
    wrapper = ("import atexit, runpy, sys\n"
               f"atexit.register(lambda: open({str(dump)!r}, 'w').write('\\n'.join(sys.modules)))\n"
               "sys.argv = ['mkdocs', *sys.argv[1:]]\n"
               "runpy.run_module('mkdocs', run_name='__main__')\n")
    result = subprocess.run([sys.executable, "-c", wrapper, "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=project, env=build_env(), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    # pip and setuptools come with every virtualenv (setuptools' .pth loads _distutils_hack)
    installed = _closure([line for line in lines if line]) | {"pip", "setuptools"}
    owners = metadata.packages_distributions()
    loaded = {name.split(".")[0] for name in dump.read_text().split()}
    missing = {}
    for top in sorted(loaded):
        dists = {re.sub(r"[-_.]+", "-", d).lower() for d in owners.get(top, [])}
        if dists and not dists & installed:
            missing[top] = sorted(dists)
    assert "PIL" in loaded and "zxingcpp" in loaded  # the links page's PNG is part of every build
    assert not missing, f"a build loads these, but requirements.txt does not install them: {missing}"
def test_dead_links_are_watched_weekly_in_one_issue():
    workflow = load("linkcheck.yml")
    assert "schedule" in workflow["on"] and "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"issues": "write", "contents": "read"}  # nothing more
    assert all("permissions" not in job for job in workflow["jobs"].values())
    runs = [step.get("run", "") for step in steps(workflow)]
    check = next(run for run in runs if "linkcheck" in run)
    assert 'make -s linkcheck LINKCHECK_ARGS="--json rapport.json" > rapport.txt' in check
    assert 'title="Dode links"' in issue_script()


def issue_script() -> str:
    return next(step["run"] for step in steps(load("linkcheck.yml")) if "gh issue" in step.get("run", ""))


@pytest.mark.parametrize("problems, open_issue, expected", [
    (["warning", "error"], "", "create"),
    (["warning"], "7", "edit 7"),
    (["covered"], "7", "close 7"),
    ([], "", None),
    (None, "7", None),  # no report (no internet, content errors): the issue stays as it is
])
def test_the_issue_step_opens_updates_and_closes_one_issue(tmp_path, problems, open_issue, expected):
    """The workflow's own shell script, run with a stand-in for the GitHub CLI that logs its calls."""
    fake = tmp_path / "bin" / "gh"
    fake.parent.mkdir()
    fake.write_text('#!/bin/bash\necho "$*" >> "$GH_LOG"\n'
                    'if [ "$1 $2" = "issue list" ]; then echo "$OPEN_ISSUE"; fi\n'
                    'for arg in "$@"; do [ "$prev" = "--body-file" ] && cp "$arg" "$GH_BODY"; prev=$arg; done\n'
                    'exit 0\n')
    fake.chmod(0o755)
    if problems is not None:
        (tmp_path / "rapport.json").write_text(json.dumps({"problems": [{"severity": s} for s in problems]}))
    (tmp_path / "rapport.txt").write_text("cahiers/x/links.yml:8: gedrukte link 2 (...) is dood\n")
    env = {"PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}", "GH_LOG": str(tmp_path / "gh.log"),
           "GH_BODY": str(tmp_path / "body.txt"), "OPEN_ISSUE": open_issue, "RUN_URL": "https://example.org/run/1",
           "CODE": "1", "GH_TOKEN": "x", "GH_REPO": "sam/site"}
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", issue_script()],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    calls = (tmp_path / "gh.log").read_text().splitlines() if (tmp_path / "gh.log").exists() else []
    changes = [call for call in calls if not call.startswith("issue list")]
    if expected is None:
        assert changes == []
        return
    assert len(changes) == 1 and changes[0].startswith(f"issue {expected}")
    if expected in ("create", "edit 7"):
        if expected == "create":
            assert "--title Dode links" in changes[0]
        body = (tmp_path / "body.txt").read_text()
        assert "gedrukte link 2 (...) is dood" in body and "https://example.org/run/1" in body
    else:
        assert "Alle links werken weer" in changes[0]
