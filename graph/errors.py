"""Errors a user can fix: shown as messages with exit code 2, never as tracebacks."""

from __future__ import annotations

from dataclasses import dataclass

import click


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


class InputError(click.ClickException):
    """Bad input. Carries every problem found, so the user fixes them in one pass."""

    exit_code = 2

    def __init__(self, problems: list[CellError | str] | str) -> None:
        if isinstance(problems, str):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(self.format_message(), err=True, file=file)


class StoreError(click.ClickException):
    """The store cannot be reached or refused an operation (not the user's data)."""

    exit_code = 3
