"""Where a problem is in a user's file: file, sheet, row and column, as Excel shows them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CellError:
    """One bad cell, located as a person sees it in Excel (header is row 1)."""

    file: str
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        row = "" if self.row is None else str(self.row)
        return f"{self.file}:{self.sheet}:{row}:{self.column or ''}: {self.message}"
