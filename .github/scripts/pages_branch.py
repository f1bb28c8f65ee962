"""Publish a built site on the Pages branch, beside the previews of the pull requests.

    python .github/scripts/pages_branch.py publish --site site --into .            # the main site
    python .github/scripts/pages_branch.py publish --site site --into pr-preview/pr-7
    python .github/scripts/pages_branch.py remove --folder pr-preview/pr-7
    python .github/scripts/pages_branch.py folder --pr 7                           # prints pr-preview/pr-7

GitHub Pages serves the branch `gh-pages` (Settings -> Pages -> Deploy from a branch). The main
site is its root; the preview of pull request <n> is the folder pr-preview/pr-<n>/. Publishing
the main site replaces everything except that previews folder; publishing a preview replaces
only its own folder; removing a preview removes only its folder. The root always holds
`.nojekyll` (serve the files as they are) and `robots.txt`.

How: the Pages branch is fetched (one commit deep) from the remote into the git repository of
the current directory; the new tree is composed from the fetched tree and the site folder with
git's plumbing (no checkout of the branch, and the repository's index, HEAD and work tree are
never touched); a commit is made only when the tree changed, and pushed. A rejected push (someone
else published in between: another pull request, or main) is retried from a new fetch, so both
changes survive. The remote is `origin` unless PAGES_REMOTE (or --remote) names another one, a
path or a URL: CI points it at a local bare repository. Plain Python and the git CLI only.

Log lines are in Dutch: editors read them in the workflow log.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

# The previews folder is named in the registry of the site's addresses (a list of
# vocabulaire.yml may not take it); the workflows ask `folder --pr <n>`.
from samsite.urls import PREVIEWS  # noqa: E402

BRANCH = "gh-pages"
ATTEMPTS = 5
NOJEKYLL = ".nojekyll"
ROBOTS = "robots.txt"
# For a project site (https://<owner>.github.io/<repo>/) crawlers read robots.txt only at the
# host's root, never this one: there the noindex meta of every preview page does the work
# (extra.voorbeeld in mkdocs.yml). This file counts when the site has its own domain.
ROBOTS_TEXT = f"User-agent: *\nDisallow: /{PREVIEWS}/\n"
IDENTITY = {"GIT_AUTHOR_NAME": "github-actions[bot]",
            "GIT_AUTHOR_EMAIL": "41898282+github-actions[bot]@users.noreply.github.com"}


class Failure(Exception):
    """A Dutch message for the log; the command exits with 1."""


def say(line: str) -> None:
    print(line, flush=True)


def preview_folder(number: int) -> str:
    return f"{PREVIEWS}/pr-{number}"


class Git:
    """The git CLI in one repository, with a temporary index of its own."""

    def __init__(self, cwd: Path, scratch: Path):
        self.cwd = cwd
        self.git_dir = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=cwd, capture_output=True,
                                      text=True, check=True).stdout.strip()
        self.env = dict(os.environ, GIT_INDEX_FILE=str(scratch / "index"), GIT_TERMINAL_PROMPT="0")
        for key, value in IDENTITY.items():
            self.env.setdefault(key, value)
            self.env.setdefault(key.replace("AUTHOR", "COMMITTER"), value)

    def run(self, *args: str, input: str | None = None, check: bool = True,
            cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
        result = subprocess.run(["git", f"--git-dir={self.git_dir}", *args], cwd=cwd or self.cwd,
                                env={**self.env, **(env or {})}, input=input, capture_output=True, text=True)
        if check and result.returncode:
            command = " ".join(arg for arg in args if not arg.startswith("-"))[:60]
            raise Failure(f"git {command} mislukte:\n{result.stderr.strip()}")
        return result

    def out(self, *args: str, **kwargs) -> str:
        return self.run(*args, **kwargs).stdout.strip()


# A tree entry as `git ls-tree` prints it and `git mktree` reads it: (mode, type, object id).
Entry = tuple[str, str, str]


def entries(git: Git, tree: str | None) -> dict[str, Entry]:
    if tree is None:
        return {}
    found = {}
    for line in git.out("ls-tree", "-z", tree).split("\0"):
        if line:
            meta, name = line.split("\t", 1)
            mode, kind, oid = meta.split()
            found[name] = (mode, kind, oid)
    return found


def make_tree(git: Git, items: dict[str, Entry]) -> str:
    text = "".join(f"{mode} {kind} {oid}\t{name}\0" for name, (mode, kind, oid) in sorted(items.items()))
    return git.out("mktree", "-z", input=text)


def blob(git: Git, text: str) -> Entry:
    return ("100644", "blob", git.out("hash-object", "-w", "--stdin", input=text))


def with_path(git: Git, tree: str | None, parts: tuple[str, ...], new: Entry | None) -> str | None:
    """``tree`` with the entry at ``parts`` replaced by ``new`` (None: removed); None when empty."""
    items = entries(git, tree)
    name, rest = parts[0], parts[1:]
    if rest:
        current = items.get(name)
        inner = with_path(git, current[2] if current and current[1] == "tree" else None, rest, new)
        new = ("040000", "tree", inner) if inner else None
    if new is None:
        items.pop(name, None)
    else:
        items[name] = new
    return make_tree(git, items) if items else None


def site_tree(git: Git, site: Path) -> str:
    """The site folder as a tree object (every file, also ones a .gitignore would leave out)."""
    if not (site / "index.html").is_file():
        raise Failure(f"{site} is geen gebouwde site (geen index.html): eerst 'make build'.")
    git.run("read-tree", "--empty")
    git.run(f"--work-tree={site.resolve()}", "add", "--all", "--force", ".", cwd=site)
    return git.out("write-tree")


def with_root_files(git: Git, tree: str | None) -> str:
    items = entries(git, tree)
    items[NOJEKYLL] = blob(git, "")
    items[ROBOTS] = blob(git, ROBOTS_TEXT)
    return make_tree(git, items)


def folder_parts(folder: str) -> tuple[str, ...]:
    path = PurePosixPath(folder)
    if path.is_absolute() or not path.parts or ".." in path.parts or folder in ("", "."):
        raise Failure(f"'{folder}' is geen map binnen de branch {BRANCH}.")
    if path.parts[0] != PREVIEWS:
        raise Failure(f"'{folder}' ligt niet in {PREVIEWS}/: alleen de hoofdsite (.) en voorbeelden "
                      f"in {PREVIEWS}/ worden hier gepubliceerd of verwijderd.")
    return path.parts


class PagesBranch:
    def __init__(self, git: Git, remote: str):
        self.git, self.remote = git, remote

    def tip(self) -> str | None:
        """The branch's commit on the remote; None when the branch does not exist yet."""
        listed = self.git.out("ls-remote", "--heads", self.remote, f"refs/heads/{BRANCH}")
        return listed.split()[0] if listed else None

    def fetch(self) -> str | None:
        """The branch's commit, fetched one commit deep (all a new commit needs); None when it does not exist."""
        if self.tip() is None:
            return None
        self.git.run("fetch", "--quiet", "--depth=1", "--no-tags", self.remote, f"refs/heads/{BRANCH}")
        return self.git.out("rev-parse", "FETCH_HEAD^{commit}")

    def update(self, compose, message: str, done: str, unchanged: str) -> str | None:
        """Apply ``compose(old tree) -> new tree`` to the branch and push; retried from a new fetch
        when someone else pushed in between. Returns the new commit, or None when nothing changed."""
        for attempt in range(1, ATTEMPTS + 1):
            parent = self.fetch()
            old = self.git.out("rev-parse", f"{parent}^{{tree}}") if parent else None
            tree = compose(old)
            if tree == old:
                say(unchanged)
                return None
            if parent is None:
                say(f"De branch {BRANCH} bestaat nog niet op {self.remote}: ze wordt nu aangemaakt.")
            commit = self.git.out("commit-tree", tree, *(["-p", parent] if parent else []), "-m", message)
            pushed = self.git.run("push", "--porcelain", self.remote, f"{commit}:refs/heads/{BRANCH}", check=False)
            if pushed.returncode == 0:
                say(f"{done} (commit {commit[:12]} op {BRANCH}).")
                return commit
            # Someone else published in between when the branch moved since the fetch (git says
            # "[rejected] (fetch first)", or "[remote rejected] (failed to update ref)" when the
            # other push landed during this one); anything else (no right to push, a protected
            # branch, no network) is no race and is not retried.
            if self.tip() == parent:
                raise Failure(f"Pushen naar {BRANCH} op {self.remote} mislukte:\n"
                              f"{(pushed.stdout + pushed.stderr).strip()}")
            if attempt < ATTEMPTS:
                say(f"Iemand anders publiceerde tegelijk op {BRANCH}; opnieuw ophalen en toepassen "
                    f"(poging {attempt + 1} van {ATTEMPTS}).")
        raise Failure(f"Na {ATTEMPTS} pogingen nog altijd geweigerd: {BRANCH} veranderde telkens tussen "
                      "ophalen en pushen. Start de job later opnieuw.")


def publish(branch: PagesBranch, site: Path, into: str) -> str | None:
    git = branch.git
    new = site_tree(git, site)
    if into in (".", ""):
        if PREVIEWS in entries(git, new):
            raise Failure(f"De site heeft zelf een map {PREVIEWS}/: die naam is voor de voorbeelden.")

        def compose(old: str | None) -> str:
            items = entries(git, new)
            kept = entries(git, old).get(PREVIEWS)
            if kept:
                items[PREVIEWS] = kept
            return with_root_files(git, make_tree(git, items))
        what, message = "de hoofdsite", "Publiceren: de hoofdsite"
    else:
        parts = folder_parts(into)

        def compose(old: str | None) -> str:
            return with_root_files(git, with_path(git, old, parts, ("040000", "tree", new)))
        what, message = f"het voorbeeld in {into}/", f"Publiceren: voorbeeld {into}/"
    source = os.environ.get("GITHUB_SHA")
    return branch.update(compose, f"{message}{f' (van {source[:12]})' if source else ''}",
                         f"Gepubliceerd: {what}", f"Niets veranderd in {what}: geen nieuwe commit op {BRANCH}.")


def remove(branch: PagesBranch, folder: str) -> str | None:
    git = branch.git
    parts = folder_parts(folder)

    def compose(old: str | None) -> str | None:
        if old is None:
            return None
        return with_root_files(git, with_path(git, old, parts, None))
    return branch.update(compose, f"Voorbeeld verwijderd: {folder}/", f"Verwijderd: het voorbeeld in {folder}/",
                         f"Geen voorbeeld in {folder}/ op {BRANCH}: niets te verwijderen.")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--remote", default=os.environ.get("PAGES_REMOTE") or "origin",
                        help="remote name, path or URL (default: PAGES_REMOTE, else origin)")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("publish", help="publish a built site at the root (.) or in a preview folder")
    p.add_argument("--site", type=Path, default=Path("site"))
    p.add_argument("--into", required=True)
    r = commands.add_parser("remove", help="remove a preview folder")
    r.add_argument("--folder", required=True)
    f = commands.add_parser("folder", help="print the preview folder of a pull request")
    f.add_argument("--pr", type=int, required=True)
    args = parser.parse_args(argv)
    if args.command == "folder":
        print(preview_folder(args.pr))
        return 0
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True)
        if top.returncode:
            raise Failure("Dit is geen git-repository: start het script in de map van het project.")
        with tempfile.TemporaryDirectory() as scratch:
            branch = PagesBranch(Git(Path(top.stdout.strip()), Path(scratch)), args.remote)
            if args.command == "publish":
                publish(branch, args.site.resolve(), args.into.strip("/") or ".")
            else:
                remove(branch, args.folder.strip("/"))
    except Failure as failure:
        print(f"FOUT: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
