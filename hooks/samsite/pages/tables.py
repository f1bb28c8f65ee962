"""Row headers in Markdown tables.

A Markdown table has only column headers. Editors mark a row header the way print
does: the first cell of every body row in bold (``| **Veel macht** | … |``). In the
built HTML such a cell becomes ``<th scope="row">`` and the column headers get
``scope="col"``, so a screen reader reads each cell with both of its headers.
Tables whose first column is not bold in every row are left as they are.
"""

from __future__ import annotations

import re

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_BODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_ROW = re.compile(r"(<tr>\s*)<td([^>]*)><strong>((?:(?!</?strong>|</td>).)*)</strong></td>", re.S)
_HEAD_CELL = re.compile(r"<th(?=[\s>])(?![^>]*\bscope=)([^>]*)>")


def _table(match: re.Match) -> str:
    table = match.group(1)
    body = _BODY.search(table)
    if body is None:
        return match.group(0)
    rows = body.group(1).count("<tr>")
    if rows == 0 or len(_ROW.findall(body.group(1))) != rows:
        return match.group(0)
    head, rest = table[:body.start()], table[body.start():]
    head = _HEAD_CELL.sub(r'<th scope="col"\1>', head)
    rest = _ROW.sub(r'\1<th scope="row"\2>\3</th>', rest)
    return f"<table>{head}{rest}</table>"


def row_headers(page_html: str) -> str:
    """Tables whose first body cells are all bold get row headers (``th scope=row``)."""
    if "<table>" not in page_html:
        return page_html
    return _TABLE.sub(_table, page_html)
