"""Spreadsheet-safe cells: text that a spreadsheet would run as a formula is neutralized.

A CSV or XLSX cell whose text starts with ``=``, ``+``, ``-`` or ``@`` is evaluated as a
formula by Excel and LibreOffice (OWASP "CSV injection"); tab and carriage return are
included because they can precede such a character and are stripped by some readers.
Prefixing a single quote makes the spreadsheet show the text as typed. Only text is
touched: numbers stay numbers (a negative score is not a formula).
"""

from __future__ import annotations

import re
from typing import Any

#: The C0 control characters XML 1.0 cannot hold (openpyxl's own ILLEGAL_CHARACTERS_RE,
#: written out: importing openpyxl would load numpy and PIL into every command that
#: renders a table).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` ready for a spreadsheet cell: control characters XML 1.0 cannot hold
    (NUL…) removed — from any source, not only a cleaned workbook, an XLSX writer must not
    die on them — then text starting like a formula gets a ``'`` (stripping first, so a
    NUL cannot hide a leading ``=``)."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value
