"""Content problems, reported to editors in Dutch as ``path:line: field: message; hint``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentIssue:
    path: str  # relative to the project root, with forward slashes
    line: int
    field: str  # front-matter field, or a short name for the part of the file
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


class ContentError(Exception):
    """One or more content problems; raised only after collecting all of them."""

    def __init__(self, issues: list[ContentIssue]):
        self.issues = sorted(set(issues))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.issues)
        noun = "probleem" if count == 1 else "problemen"
        lines = [f"De inhoud bevat {count} {noun}:"]
        lines += [f"  {issue.format()}" for issue in self.issues]
        lines.append("Pas de genoemde bestanden aan en probeer opnieuw (make check).")
        return "\n".join(lines)


class IssueCollector:
    """Collects issues for one file so a loader can report everything at once."""

    def __init__(self, path: str):
        self.path = path
        self.issues: list[ContentIssue] = []

    def add(self, line: int, field: str, message: str, hint: str = "") -> None:
        self.issues.append(ContentIssue(self.path, line, field, message, hint))


def internal_error_report(error: BaseException) -> str:
    """What an editor sees instead of a traceback when the build code itself fails."""
    if isinstance(error, RecursionError):  # the one failure content can still cause: nesting too deep
        return ("Een tekst is te diep genest (opsommingen of citaten in elkaar): de site kan hem niet lezen.\n"
                "Maak de opsommingen vlakker in de pagina die de regel hierboven noemt.")
    return (f"Er ging iets mis in de bouwcode zelf ({type(error).__name__}: {error}).\n"
            "Dat ligt waarschijnlijk niet aan je tekst: meld het aan het webteam, met deze melding erbij.\n"
            "Technische details: zet SAMSITE_DEBUG=1 en probeer opnieuw.")
