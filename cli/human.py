"""Numbers, counts and status lines as a person reads them, in the run's language.

Spanish writes ``1.234`` and ``0,25``; English ``1,234`` and ``0.25``. A count names its
unit in singular for one and in plural otherwise («1 acción», «2 acciones»): each unit is
a pair of messages ``<key>.one``/``<key>.other`` registered with :func:`units`. Machine
outputs (CSV, JSON) never go through here.

:func:`status` shows what a long step is doing on stderr, only when stderr is a terminal:
a pipe, a file or a test's captured output never sees it. A long step updates it with
the part it is in (:meth:`StatusLine.step`).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from tejido.graph.i18n import get_lang, integer, register, t


def decimal(value: float, places: int = 2) -> str:
    """``value`` with ``places`` decimals, decimal comma in Spanish (thousands grouped)."""
    text = f"{value:,.{places}f}"
    if get_lang() == "es":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def units(messages: dict[str, tuple[dict[str, str], dict[str, str]]]) -> None:
    """Register counted units: ``{key: ({"es": "{n} acción", …}, {"es": "{n} acciones",
    …})}`` becomes the messages ``key.one`` and ``key.other``."""
    register({f"{key}.{form}": texts for key, (one, other) in messages.items()
              for form, texts in (("one", one), ("other", other))})


def count(n: int, key: str) -> str:
    """``n`` with its unit, singular for exactly one («1 acción», «1.234 acciones»)."""
    return t(f"{key}.{'one' if n == 1 else 'other'}", n=integer(n))


units(
    {
        "unit.problem": ({"es": "{n} problema", "en": "{n} problem"},
                         {"es": "{n} problemas", "en": "{n} problems"}),
        "unit.warning": ({"es": "{n} aviso", "en": "{n} warning"},
                         {"es": "{n} avisos", "en": "{n} warnings"}),
        "unit.actor": ({"es": "{n} actor", "en": "{n} actor"},
                       {"es": "{n} actores", "en": "{n} actors"}),
        "unit.action": ({"es": "{n} acción", "en": "{n} action"},
                        {"es": "{n} acciones", "en": "{n} actions"}),
        "unit.node": ({"es": "{n} nodo", "en": "{n} node"},
                      {"es": "{n} nodos", "en": "{n} nodes"}),
        "unit.relationship": ({"es": "{n} relación", "en": "{n} relationship"},
                              {"es": "{n} relaciones", "en": "{n} relationships"}),
        "unit.link": ({"es": "{n} lazo", "en": "{n} link"},
                      {"es": "{n} lazos", "en": "{n} links"}),
        "unit.tie": ({"es": "{n} vínculo", "en": "{n} link"},
                     {"es": "{n} vínculos", "en": "{n} links"}),
        "unit.gap": ({"es": "{n} brecha", "en": "{n} gap"},
                     {"es": "{n} brechas", "en": "{n} gaps"}),
        "unit.row": ({"es": "{n} fila", "en": "{n} row"},
                     {"es": "{n} filas", "en": "{n} rows"}),
    }
)


class StatusLine:
    """The line :func:`status` shows: :meth:`update` replaces its text (a long step says
    which part it is in). Writes nothing unless the stream is a terminal."""

    def __init__(self, out: TextIO, shown: bool, text: str) -> None:
        self.out, self.shown, self.text = out, shown, text
        self._written = False

    def step(self, done: int, total: int, what: str) -> None:
        """Show step ``done + 1`` of ``total`` after the line's own text: «Buscando
        brechas: Silo (6 de 14)…» (a :data:`tejido.queries.gaps.engine.Steps`)."""
        self.update(t("status.step", text=self.text, what=what, n=integer(done + 1),
                      total=integer(total)))

    def update(self, text: str) -> None:
        if self.shown:
            # One terminal row at most: a line that wraps would not be erased by "\r".
            width = max(self._columns() - 1, 10)
            line = f"{text}…"
            if len(line) > width:
                line = line[:width - 1] + "…"
            self.out.write(f"\r\033[K{line}" if self._written else line)
            self.out.flush()
            self._written = True

    def _columns(self) -> int:
        """The width of the terminal the line is on (stderr's, which stdout's need not
        be: ``tejido gaps > informe.md``), else $COLUMNS or 80."""
        if "COLUMNS" not in os.environ:
            try:
                return os.get_terminal_size(self.out.fileno()).columns
            except (AttributeError, OSError, ValueError):
                pass
        return shutil.get_terminal_size().columns

    def erase(self) -> None:
        if self.shown:
            self.out.write("\r\033[K")
            self.out.flush()


@contextmanager
def status(text: str, stream: TextIO | None = None) -> Iterator[StatusLine]:
    """``text…`` on stderr while the block runs (the block may :meth:`~StatusLine.update`
    it), erased when it ends; nothing at all unless the stream is a terminal (so pipes,
    files and captured output stay clean)."""
    out = stream if stream is not None else sys.stderr
    line = StatusLine(out, bool(getattr(out, "isatty", lambda: False)()), text)
    line.update(text)
    try:
        yield line
    finally:
        line.erase()


register({
    "status.step": {"es": "{text}: {what} ({n} de {total})",
                    "en": "{text}: {what} ({n} of {total})"},
    # Said by more than one command.
    "status.reading": {"es": "Leyendo el almacén", "en": "Reading the store"},
    "status.gaps": {"es": "Buscando brechas", "en": "Looking for gaps"},
})
