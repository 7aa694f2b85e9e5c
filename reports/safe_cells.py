"""Spreadsheet-safe cells: text that a spreadsheet would run as a formula is neutralized.

A CSV or XLSX cell whose text starts with ``=``, ``+``, ``-`` or ``@`` is evaluated as a
formula by Excel and LibreOffice (OWASP "CSV injection"); tab and carriage return are
included because they can precede such a character and are stripped by some readers.
Prefixing a single quote makes the spreadsheet show the text as typed. Only text is
touched: numbers stay numbers (a negative score is not a formula).
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` ready for a spreadsheet cell: text starting like a formula gets a ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
