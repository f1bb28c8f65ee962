"""When each content file was first added and last changed, from the git history.

One ``git log`` pass over the content folders dates every file at once, newest commit
first: the first commit that names a file is its last change, the last one its
addition, and a rename carries the older history over to the new name. That is what
mkdocs-git-revision-date-localized and the RSS plugins read, without one git call per
file. Dates are the author dates of the commits, so two builds of the same commit give
the same dates (and the same feed, byte for byte).

Without history there are no dates, rather than wrong ones: the project is not a git
checkout (a tarball or a zip download), git is missing, or the clone is shallow (its
oldest commit would pass for the day every file was added). Pages then show no dates,
the feed has no ``pubDate``, and "recent" lists order by year, then title; the build
says why once. The workflows check out with ``fetch-depth: 0`` for this reason. A file
that is not committed yet (a preview of new work) has no dates either, and counts as
the newest.
"""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path

from .. import urls
from ..model.dates import Dates, History

FOLDERS = urls.CONTENT_FOLDERS
_COMMIT = "\x1e"  # starts each commit in the log output


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), "-c", "core.quotepath=off", *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def state(root: Path) -> tuple[str, str]:
    """(the commit the dates would come from, or '', the Dutch reason when there is none)."""
    try:
        result = _git(root, "rev-parse", "--is-shallow-repository", "HEAD")
    except (OSError, subprocess.SubprocessError):
        return "", "git is niet geïnstalleerd"
    if result.returncode != 0:
        return "", "de map is geen git-repository (bv. een download als zip of tarball)"
    shallow, head = (result.stdout.split("\n") + ["", ""])[:2]
    if shallow.strip() == "true":
        return "", "de git-kloon is ondiep (shallow); haal de volledige geschiedenis op met git fetch --unshallow"
    return head.strip(), ""


def _parse(log: str) -> dict[str, Dates]:
    """``git log -z --format=<sep>%at --name-status -M`` output, newest commit first.

    A rename is a file that moved with at least 80% of its text unchanged (``-M80%``):
    a deleted practice is not taken for the history of a new one that looks like it."""
    files: dict[str, Dates] = {}
    renamed: dict[str, str] = {}  # an older name -> the name the file has now
    closed: set[str] = set()  # deleted before a newer file took its name: older commits are not its history
    for chunk in log.split(_COMMIT)[1:]:
        stamp, _, rest = chunk.partition("\0")
        when = datetime.fromtimestamp(int(stamp), timezone.utc)
        fields = rest.lstrip("\n").split("\0")
        i = 0
        while i < len(fields) and fields[i]:
            status = fields[i]
            if status[0] in "RC":
                old, new = fields[i + 1], fields[i + 2]
                i += 3
            else:
                old = new = fields[i + 1]
                i += 2
            current = renamed.pop(new, new)
            if current in closed:
                continue
            if status[0] == "D":
                closed.add(current)
                continue
            known = files.get(current)
            files[current] = Dates(added=when, changed=known.changed if known else when)
            if status[0] == "R":
                renamed[old] = current
    return files


def read(root: Path) -> History:
    """The dates of every committed file in the content folders (one git call)."""
    root = Path(root).resolve()
    head, reason = state(root)
    if not head:
        return History(reason=reason)
    folders = [folder for folder in FOLDERS if (root / folder).is_dir()]
    if not folders:
        return History(available=True, key=head)
    result = _git(root, "log", "-z", f"--format={_COMMIT}%at", "--name-status", "-M80%", "--relative",
                  "--", *folders)
    if result.returncode != 0:
        return History(reason="git log lukte niet: " + (result.stderr.strip() or "onbekende fout"))
    files = {path: dates for path, dates in _parse(result.stdout).items() if (root / path).is_file()}
    return History(files, available=True, key=head)
