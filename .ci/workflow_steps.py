"""Run the `run:` steps of a GitHub Actions job here, in order, the way a runner would.

    python .ci/workflow_steps.py .github/workflows/deploy.yml bouwen [--skip "make test"]

Each `run:` step runs with bash -eo pipefail (the runner's default shell) in the project
root, with the job's and the step's `env:`. Steps with `uses:` (checkout, setup-python,
caches, uploads) are GitHub's own actions and are skipped, with a line saying so. Every
`${{ ... }}` expression must be one this script knows (EXPRESSIONS): a workflow that starts
using another one fails here, so CI never runs a command other than the one GitHub would.
A step whose `if:` is not a known condition fails the same way.

Why: a workflow that calls a broken or missing make target (or needs a package the site's
requirements lack) must fail CI, not the first pull request of an editor.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# What GitHub would put in each expression, for a push to main of sam-vzw/politiserend-werken.
EXPRESSIONS = {
    "steps.pages.outputs.base_url": "https://sam-vzw.github.io/politiserend-werken",
    "github.server_url": "https://github.com",
    "github.repository": "sam-vzw/politiserend-werken",
    "github.ref_name": "main",
    "github.event.pull_request.number": "1",
    "runner.os": "Linux",
}
KNOWN_CONDITIONS = {None, "always()", "success()"}
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def substitute(text: str, where: str) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1)
        if name not in EXPRESSIONS:
            raise SystemExit(f"{where}: unknown expression ${{{{ {name} }}}}; add it to EXPRESSIONS in {__file__}")
        return EXPRESSIONS[name]
    return EXPRESSION.sub(value, str(text))


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
    ran = 0
    for number, step in enumerate(steps, 1):
        name = step.get("name") or step.get("run") or step.get("uses")
        where = f"{workflow.name}:{args.job} step {number} ({name})"
        if "uses" in step:
            print(f"-- {where}: action {step['uses']} (GitHub's own, skipped)", flush=True)
            continue
        condition = step.get("if")
        if condition not in KNOWN_CONDITIONS:
            raise SystemExit(f"{where}: unknown condition 'if: {condition}'; teach {__file__} about it")
        command = substitute(step["run"], where)
        if command.strip() in args.skip:
            print(f"-- {where}: skipped here, run next by the caller", flush=True)
            continue
        env = dict(os.environ)
        for key, value in {**job_env, **(step.get("env") or {})}.items():
            env[str(key)] = substitute(value, where)
        print(f"-- {where}: run\n{command.rstrip()}", flush=True)
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
                                cwd=ROOT / (step.get("working-directory") or "."), env=env)
        if result.returncode:
            print(f"FAILED: {where} exited with {result.returncode}", file=sys.stderr)
            return result.returncode
        ran += 1
    if not ran:
        raise SystemExit(f"{workflow.name}:{args.job}: no run: step was run")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
