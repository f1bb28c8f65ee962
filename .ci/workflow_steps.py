"""Run the `run:` steps of a GitHub Actions job here, in order, the way a runner would.

    python .ci/workflow_steps.py .github/workflows/pr.yml controle [--skip "make test"]

Each `run:` step runs with bash -eo pipefail (the runner's default shell) in the project
root, with the job's and the step's `env:`, and with GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and
RUNNER_TEMP as on a runner: what a step writes to GITHUB_OUTPUT is `steps.<id>.outputs.<name>`
for the steps after it. Steps with `uses:` (checkout, setup-python, caches, uploads) are
GitHub's own actions and are skipped, with a line saying so; so are the steps named in
GITHUB_ONLY (they talk to GitHub's API), explicitly. Every `${{ ... }}` expression must be one
this script knows (EXPRESSIONS, or an earlier step's output or outcome): a workflow that starts
using another one fails here, so CI never runs a command other than the one GitHub would.
An `if:` is evaluated when it is made of known parts (`always()`, `success()`, `!cancelled()`,
`<expression> == '<text>'` or `!=`, joined by `&&`); any other condition fails the same way.

Why: a workflow that calls a broken or missing make target (or needs a package the site's
requirements lack) must fail CI, not the first pull request of an editor.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# What GitHub would put in each expression of sam-vzw/politiserend-werken: for deploy.yml a push
# to main; for pr.yml pull request 1 from a branch of this repository (so its preview is published:
# CI sets PAGES_REMOTE to a local bare repository, .github/scripts/pages_branch.py).
EXPRESSIONS = {
    "steps.pages.outputs.base_url": "https://sam-vzw.github.io/politiserend-werken",
    "github.server_url": "https://github.com",
    "github.repository": "sam-vzw/politiserend-werken",
    "github.ref_name": "main",
    "github.head_ref": "voorbeeld",
    "github.run_id": "1",
    "github.token": "(no token here: the steps that use it are GITHUB_ONLY)",
    "github.event.pull_request.number": "1",
    "github.event.pull_request.head.repo.full_name == github.repository": "true",
    "runner.os": "Linux",
}
# Steps (by id) that only work on GitHub: skipped here, with a line saying why.
GITHUB_ONLY = {
    "reactie": "comments on the pull request through GitHub's API",
}
# Job status functions: here a failing step ends the run, so every earlier step passed.
STATUS = {"always()": True, "success()": True, "!cancelled()": True}
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
COMPARISON = re.compile(r"^([\w.-]+)\s*(==|!=)\s*'([^']*)'$")


class Context:
    """What expressions can read: EXPRESSIONS, the env of the step, earlier steps' outputs and outcomes."""

    def __init__(self, step_ids: set[str]):
        self.step_ids = step_ids
        self.values: dict[str, str] = {}
        self.env: dict[str, str] = {}

    def value(self, name: str, where: str) -> str:
        if name in self.values:
            return self.values[name]
        if name in EXPRESSIONS:
            return EXPRESSIONS[name]
        if name.startswith("env.") and name[4:] in self.env:
            return self.env[name[4:]]
        parts = name.split(".")
        if parts[0] == "steps" and len(parts) >= 3 and parts[1] in self.step_ids \
                and (parts[2] == "outputs" and len(parts) == 4 or parts[2:] in (["outcome"], ["conclusion"])):
            return ""  # an output the step did not write, or a step not reached yet: '' as on GitHub
        raise SystemExit(f"{where}: unknown expression ${{{{ {name} }}}}; add it to EXPRESSIONS in {__file__}")

    def substitute(self, text: str, where: str) -> str:
        return EXPRESSION.sub(lambda match: self.value(match.group(1), where), str(text))

    def holds(self, condition: str | None, where: str) -> bool:
        if condition is None:
            return True
        text = str(condition).strip()
        if text.startswith("${{") and text.endswith("}}"):
            text = text[3:-2].strip()
        result = True
        for term in (part.strip() for part in text.split("&&")):
            comparison = COMPARISON.match(term)
            if term in STATUS:
                holds = STATUS[term]
            elif comparison:
                left, operator, right = comparison.groups()
                holds = (self.value(left, where) == right) == (operator == "==")
            else:
                raise SystemExit(f"{where}: unknown condition 'if: {condition}'; teach {__file__} about it")
            result = result and holds
        return result

    def record(self, step: dict, outcome: str, output: Path | None = None) -> None:
        if "id" not in step:
            return
        self.values[f"steps.{step['id']}.outcome"] = self.values[f"steps.{step['id']}.conclusion"] = outcome
        if output is not None and output.exists():
            for name, value in read_outputs(output.read_text(encoding="utf-8")).items():
                self.values[f"steps.{step['id']}.outputs.{name}"] = value


def read_outputs(text: str) -> dict[str, str]:
    """GITHUB_OUTPUT as a runner reads it: `name=value` lines and `name<<DELIMITER` blocks."""
    outputs, lines = {}, iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            for inner in lines:
                if inner == delimiter:
                    break
                block.append(inner)
            outputs[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


def job_steps(workflow: Path, job: str) -> tuple[dict, list[dict]]:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    jobs = data.get("jobs") or {}
    if job not in jobs:
        raise SystemExit(f"{workflow}: no job '{job}' (jobs: {', '.join(jobs)})")
    spec = jobs[job]
    env = {**(data.get("env") or {}), **(spec.get("env") or {})}
    return env, spec.get("steps") or []


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workflow", type=Path)
    parser.add_argument("job")
    parser.add_argument("--skip", action="append", default=[],
                        help="a run: command to leave out (run by the caller right after)")
    args = parser.parse_args(argv)
    workflow = args.workflow if args.workflow.is_absolute() else ROOT / args.workflow
    job_env, steps = job_steps(workflow, args.job)
    context = Context({step["id"] for step in steps if "id" in step})
    ran = 0
    with tempfile.TemporaryDirectory(prefix="runner-temp-") as runner_temp:
        for number, step in enumerate(steps, 1):
            name = step.get("name") or step.get("run") or step.get("uses")
            where = f"{workflow.name}:{args.job} step {number} ({name})"
            if "uses" in step:
                print(f"-- {where}: action {step['uses']} (GitHub's own, skipped)", flush=True)
                continue
            env = dict(os.environ, RUNNER_TEMP=runner_temp)
            context.env = {}
            for key, value in {**job_env, **(step.get("env") or {})}.items():
                env[str(key)] = context.env[str(key)] = context.substitute(value, where)
            command = context.substitute(step["run"], where)
            if not context.holds(step.get("if"), where):
                print(f"-- {where}: skipped, its condition does not hold here (if: {step['if']})", flush=True)
                context.record(step, "skipped")
                continue
            if step.get("id") in GITHUB_ONLY:
                print(f"-- {where}: GitHub only, skipped here ({GITHUB_ONLY[step['id']]})", flush=True)
                context.record(step, "skipped")
                continue
            if command.strip() in args.skip:
                print(f"-- {where}: skipped here, run next by the caller", flush=True)
                continue
            output, summary = Path(runner_temp, f"output-{number}"), Path(runner_temp, f"summary-{number}")
            env.update(GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary))
            print(f"-- {where}: run\n{command.rstrip()}", flush=True)
            result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
                                    cwd=ROOT / (step.get("working-directory") or "."), env=env)
            if summary.exists() and summary.read_text(encoding="utf-8").strip():
                print(f"-- {where}: job summary\n{summary.read_text(encoding='utf-8').rstrip()}", flush=True)
            if result.returncode:
                print(f"FAILED: {where} exited with {result.returncode}", file=sys.stderr)
                return result.returncode
            context.record(step, "success", output)
            ran += 1
    if not ran:
        raise SystemExit(f"{workflow.name}:{args.job}: no run: step was run")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
