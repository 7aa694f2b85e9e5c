"""Errors a user can fix, as plain exceptions: the command line (tejido.cli) shows them as
messages with an exit code, never as tracebacks.

- :class:`InputError`: bad input (a cell, a file, an option value); exit code 2.
- :class:`StoreError`: the store cannot be reached or refused an operation; exit code 3.
"""

from __future__ import annotations


class InputError(Exception):
    """Bad input. Carries every problem found, so the user fixes them in one pass.

    A problem is any object whose ``str`` is the line the user reads (a plain message, or a
    located cell such as :class:`tejido.loaders.location.CellError`).
    """

    def __init__(self, problems: list[object] | str) -> None:
        if isinstance(problems, str):
            problems = [problems]
        self.problems = list(problems)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class StoreError(Exception):
    """The store cannot be reached or refused an operation (not the user's data)."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""
