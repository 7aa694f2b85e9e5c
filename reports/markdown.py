"""Markdown that stays inert: the one escaper for every Markdown tejido writes.

Cell text comes from planners' files and is hostile until escaped: HTML is escaped (a
Markdown viewer renders raw HTML), ``|`` cannot end a table cell, and line breaks cannot
end a row.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any


def md_text(value: Any) -> str:
    """``value`` as one line of inert Markdown text."""
    text = html.escape("" if value is None else str(value), quote=False)
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def md_table(headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> list[str]:
    """A pipe table, every cell escaped; the caller says what to print for no rows."""
    lines = ["| " + " | ".join(map(md_text, headers)) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(map(md_text, row)) + " |" for row in rows]
    return lines
