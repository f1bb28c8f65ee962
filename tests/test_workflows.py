"""The GitHub Actions workflows cannot run here: actionlint and a reading of their steps check them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

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
