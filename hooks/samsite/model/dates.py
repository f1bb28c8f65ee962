"""Dates of content files (added, last changed) as the model holds them, and how pages write
them: in Belgian time, in Dutch. ``reading/history.py`` reads them from git."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

try:
    from zoneinfo import ZoneInfo

    LOCAL = ZoneInfo("Europe/Brussels")
except Exception:  # no time zone data on this machine: dates in UTC are off by hours at most
    LOCAL = timezone.utc

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


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


def day(when: datetime) -> str:
    """'22 november 2026', in Belgian time."""
    return dutch_date(when.astimezone(LOCAL).date())


def dutch_date(date) -> str:
    """A calendar day as readers write it: '5 maart 2026'."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def iso_day(when: datetime) -> str:
    return when.astimezone(LOCAL).date().isoformat()
