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
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

try:
    from zoneinfo import ZoneInfo

    LOCAL = ZoneInfo("Europe/Brussels")
except Exception:  # no time zone data on this machine: dates in UTC are off by hours at most
    LOCAL = timezone.utc

FOLDERS = ("praktijken", "cahiers")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
_COMMIT = "\x1e"  # starts each commit in the log output


@dataclass(frozen=True)
class Dates:
    added: datetime  # author date of the commit that added the file (UTC)
    changed: datetime  # author date of the last commit that changed it (UTC)


@dataclass(frozen=True)
class History:
    """The dates of every committed content file, by path relative to the project root."""

    files: dict[str, Dates] = field(default_factory=dict)
    available: bool = False
    reason: str = ""  # why there are no dates, in Dutch (the build prints it)
    key: str = ""  # the commit the dates come from

    def dates(self, *sources: str) -> Dates | None:
        """The dates of a page made from ``sources``: first added, last changed; None if unknown."""
        known = [self.files[source] for source in sources if source in self.files]
        if not known:
            return None
        return Dates(min(d.added for d in known), max(d.changed for d in known))

    def newest_first(self, items, dates_of, tiebreak):
        """``items`` newest first by the added date ``dates_of(item)`` gives, ``tiebreak`` among
        equals; undated ones (not committed yet) before all others. Without history: ``tiebreak``
        alone. The home page's recent practices and the feed are in this order."""
        if not self.available:
            return sorted(items, key=tiebreak)

        def key(item):
            dates = dates_of(item)
            return (0, 0.0, tiebreak(item)) if dates is None else (1, -dates.added.timestamp(), tiebreak(item))
        return sorted(items, key=key)


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


def day(when: datetime) -> str:
    """'22 november 2026', in Belgian time."""
    return dutch_date(when.astimezone(LOCAL).date())


def dutch_date(date) -> str:
    """A calendar day as readers write it: '5 maart 2026'."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def iso_day(when: datetime) -> str:
    return when.astimezone(LOCAL).date().isoformat()
