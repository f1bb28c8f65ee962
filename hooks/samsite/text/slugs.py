"""Turning titles into names: the one place that strips accents.

- ``ascii_fold``: 'Één café' -> 'Een cafe' (Unicode decomposition, accents dropped);
- ``folded``: words to compare titles and labels ('Armoede & uitsluiting' == 'armoede uitsluiting');
- ``slug``: a file name or URL segment ('Buurtwerk Café De Kaai!' -> 'buurtwerk-cafe-de-kaai');
- ``heading_anchor``: a heading's id as Python-Markdown's toc extension makes it;
- ``sort_key``: the order of titles in lists (accents do not move a title), the one order
  every list, page, sheet and search result sorts titles by; ``by_title`` sorts with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol, TypeVar


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def sort_key(title: str) -> str:
    return ascii_fold(title).casefold()


class _Titled(Protocol):
    title: str


T = TypeVar("T", bound=_Titled)


def by_title(items: Iterable[T]) -> list[T]:
    """Practices, cahiers or anything with a ``title``, in the order of their titles."""
    return sorted(items, key=lambda item: sort_key(item.title))


def folded(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_fold(text).casefold()).split())


def slug(text: str, max_length: int | None = None) -> str:
    """ASCII, lowercase, words joined by hyphens; cut at a word boundary within ``max_length``."""
    result = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")
    if max_length is not None and len(result) > max_length:
        result = result[:max_length].rsplit("-", 1)[0]
    return result


def heading_anchor(text: str) -> str:
    """Python-Markdown's toc slugify: keeps underscores, collapses spaces and hyphens."""
    text = re.sub(r"[^\w\s-]", "", ascii_fold(text)).strip().lower()
    return re.sub(r"[-\s]+", "-", text)
