"""What the workbook loader cleans in a sheet before reading it, and says it did.

Each cleaning keeps data a planner meant and is told about twice: a warning in the load
output (one per column and kind, at the first cell, listing the other rows) and a problem
on the row's Source node, which ``tejido quality`` lists under the rows it could read only
in part (:mod:`tejido.loaders.problems`). The cleanings:

* **merged cells** show their value in every cell they cover, but an ``.xlsx`` keeps it in
  the first cell only, so the rows under it read as blank (an action «sin rector»). The
  value is filled into every covered cell; a cell filled from a row above is recorded in
  :attr:`Row.filled_from`, so the facts it states cite the row that prints it
  (``Rel.printed``, as the dataset loaders do for merged cells copied from a PDF). A row
  whose every value comes from a merged cell is still blank (a merge running past the
  data), and a merge in the header row (row 1) is layout, not data: not filled;
* **invisible characters**: control characters, and the bidirectional and zero-width
  format characters (:func:`tejido.loaders.cells.clean_text`) are removed from every text
  cell, headers included; text is NFC-normalised. Removed rather than refused: a
  planner cannot see them in Excel, so cannot find them to delete, while removing them
  loses nothing that was visible;
* **hidden sheets** are read, with a warning: a planner hides a sheet to keep it off the
  screen and the printout, not out of the data; a sheet meant to stay out is deleted or
  renamed (a sheet of another name is ignored, with its own warning);
* **Excel's escapes** ``_xHHHH_`` (how an ``.xlsx`` stores a character XML cannot hold,
  e.g. ``_x000D_`` for a carriage return) are read as the character Excel shows
  (:func:`decode_escapes`, ECMA-376 Part 1, §22.9.2.19), then cleaned as above.

A cell longer than Excel's limit (:data:`~tejido.loaders.workbook_xml.MAX_CELL_CHARS`)
is an error, not a cleaning: cutting a planner's text is not a guess to make for them.

The tables of a dataset folder (TSV, CSV or XLSX, read by the matrix loader) get the same
invisible-character cleaning, warnings and row problems through :func:`clean_cells`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from unicodedata import is_normalized

from tejido.graph.i18n import register, t
from tejido.graph.model import GraphBatch, Source

from . import problems as row_problems
from .cells import clean_text, codepoints
from .location import CellError
from .tables import Row, Table
from .workbook_spec import RawSheet, cell_text
from .workbook_xml import MAX_CELL_CHARS, column_letter, number_text

register(
    {
        "clean.merged": {
            "es": "celda combinada {ref}: su valor «{value}» se lee en cada celda que cubre",
            "en": "merged cell {ref}: its value «{value}» is read in every cell it covers",
        },
        "clean.more_merged": {
            "es": " (también las celdas combinadas {refs})",
            "en": " (also the merged cells {refs})",
        },
        "clean.controls": {
            "es": "se quitaron caracteres de control invisibles ({chars})",
            "en": "invisible control characters were removed ({chars})",
        },
        "clean.invisible": {
            "es": "se quitaron caracteres invisibles de formato o de dirección del texto "
            "({chars}), que pueden invertir un nombre en pantalla o hacer de un nombre dos",
            "en": "invisible format or text-direction characters were removed ({chars}), "
            "which can show a name reversed or make one name two",
        },
        "clean.more_rows": {
            "es": " (también en las filas {rows})",
            "en": " (also in rows {rows})",
        },
        "clean.hidden": {
            "es": "la hoja está oculta en el libro y se leyó igualmente (ocultar una hoja la "
            "quita de la vista y de la impresión, no de los datos); bórrela o cámbiele el "
            "nombre si no debe cargarse",
            "en": "the sheet is hidden in the workbook and was read all the same (hiding a "
            "sheet keeps it off the screen and the printout, not out of the data); delete "
            "or rename it if it must not be loaded",
        },
        "clean.too_long": {
            "es": "la celda tiene {n} caracteres; el máximo es {limit}, el de Excel",
            "en": "the cell has {n} characters; at most {limit} is accepted, Excel's limit",
        },
    }
)

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
#: How much of a value a warning quotes.
_QUOTE = 60


@dataclass(frozen=True)
class Note:
    """One cleaning, at the cell (0-based column index) it was made in."""

    sheet: str
    row: int
    column: int
    code: str  # a problem code of :mod:`tejido.loaders.problems`' kind
    value: str  # what the stored problem says (a range, the characters removed…)
    quote: str = ""  # the cell's value, for the warning


def decode_escapes(text: str) -> str:
    """``'a_x000D_b'`` -> ``'a\\rb'``: Excel's ``_xHHHH_`` escapes, as Excel shows them."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def fill_merged(sheet: RawSheet, ranges: Iterable[tuple[int, int, int, int]]
                ) -> tuple[RawSheet, list[Note]]:
    """The sheet with each merged range's value in every cell it covers (see the module)."""
    rows = {number: list(values) for number, values in sheet.rows}
    own = {n for n, values in rows.items() if any(cell_text(v) is not None for v in values)}
    numbers = sorted(rows)
    width = len(sheet.header)
    filled: dict[tuple[int, int], int] = {}
    notes: list[Note] = []
    for first_row, first_col, last_row, last_col in sorted(ranges):  # as a person reads
        top = rows.get(first_row)
        value = top[first_col - 1] if top and first_col - 1 < len(top) else None
        if first_row == 1 or cell_text(value) is None or first_col > width:
            continue
        start = bisect.bisect_left(numbers, first_row)
        end = bisect.bisect_right(numbers, last_row)
        for number in numbers[start:end]:
            values = rows[number]
            for column in range(first_col - 1, min(last_col, width)):
                if (number, column) == (first_row, first_col - 1):
                    continue
                values.extend([None] * (column + 1 - len(values)))
                values[column] = value
                if number != first_row:
                    filled[(number, column)] = first_row
        ref = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
        notes.append(Note(sheet.name, first_row, first_col - 1, "celda_combinada", ref,
                          str(cell_text(value))))
    for number in set(rows) - own:  # blank but for merged values: still blank
        rows[number] = [None] * len(rows[number])
    filled = {cell: row for cell, row in filled.items() if cell[0] in own}
    out = [(number, tuple(rows[number])) for number, _ in sheet.rows]
    return sheet._replace(rows=out, filled=filled), notes


def clean_sheet(sheet: RawSheet, errors: list[CellError], escapes: bool = False,
                header_row: int = 1) -> tuple[RawSheet, list[Note]]:
    """The sheet with every text cell cleaned (see the module), Excel's escapes decoded
    first when ``escapes`` (an ``.xlsx``); a cell over Excel's limit is added to ``errors``.
    ``header_row`` is the header's row number (a dataset table's may be below a title)."""
    notes: list[Note] = []

    def clean(row: int, column: int, value: object) -> object:
        if not isinstance(value, str):
            return value
        if escapes and "_x" in value:
            value = decode_escapes(value)
        if len(value) <= MAX_CELL_CHARS and value.isprintable() and (
                value.isascii() or is_normalized("NFC", value)):
            return value  # nothing to clean (most cells): no control, format or break
        if len(value) > MAX_CELL_CHARS:
            errors.append(CellError(sheet.file, sheet.name, row, _header(sheet, column), t(
                "clean.too_long", n=number_text(len(value)), limit=number_text(MAX_CELL_CHARS))))
            return None
        text, controls, invisible = clean_text(value)
        for code, chars in (("caracteres_de_control", controls),
                            ("caracteres_invisibles", invisible)):
            if chars:
                notes.append(Note(sheet.name, row, column, code, codepoints(chars), text))
        return text

    header = [clean(header_row, i, v) for i, v in enumerate(sheet.header)]
    rows = [(number, values if all(_plain(v, escapes) for v in values)
             else tuple(clean(number, i, v) for i, v in enumerate(values)))
            for number, values in sheet.rows]
    return sheet._replace(header=header, rows=rows), notes


def clean_cells(cells: list[tuple[int, list[str]]], file: str, sheet: str, header_row: int,
                rows: tuple[int, int | None] | None, errors: list[CellError]
                ) -> tuple[list[tuple[int, list[str]]], RawSheet, list[Note]]:
    """A dataset table's cells (:func:`tejido.loaders.tables.read_cells`: a TSV, CSV or
    sheet of a dataset folder) cleaned as a workbook's sheet is: the header and the rows
    ``rows`` (first, last) below it, the rows a dataset reads. Returns the cells, the table
    as a :class:`RawSheet` and the notes, for :func:`warning_lines` and :func:`record`."""
    first, last = rows or (header_row + 1, None)
    refused = len(errors)
    header = next((c for n, c in cells if n == header_row), [])
    read = [(n, tuple(c)) for n, c in cells
            if n > header_row and n >= first and (last is None or n <= last)]
    raw, notes = clean_sheet(RawSheet(file, sheet, list(header), read), errors,
                             header_row=header_row)
    if not notes and len(errors) == refused:
        return cells, raw, notes
    cleaned = {n: [(v or "").strip() for v in values] for n, values in raw.rows}
    cleaned[header_row] = [(v or "").strip() for v in raw.header]
    return [(n, cleaned.get(n, c)) for n, c in cells], raw, notes


def _plain(value: object, escapes: bool) -> bool:
    """A cell with nothing to clean or refuse, told cheaply (most cells of a workbook)."""
    return type(value) is not str or (
        len(value) <= MAX_CELL_CHARS and value.isascii() and value.isprintable()
        and not (escapes and "_x" in value))


def _header(sheet: RawSheet, column: int) -> str:
    """A column as its header names it (the letter where it has none)."""
    text = cell_text(sheet.header[column]) if column < len(sheet.header) else None
    return text if text and len(text) <= MAX_CELL_CHARS else column_letter(column + 1)


#: ``fields`` of a row -> what :meth:`GraphBuilder.rel` takes as ``printed`` (see
#: :func:`printed_rows`).
Printed = Callable[..., list[str] | None]


def printed_rows(document: str, table: Table, row: Row) -> Printed:
    """For the facts ``row`` states: the cells ``fields`` -> the Source ids of the rows that
    print them, when a merged cell filled one of them from above; None when the row prints
    them all itself (the usual case: then the fact's rows are its ``sources``)."""

    def printed(*fields: str) -> list[str] | None:
        if not row.filled_from or not any(f in row.filled_from for f in fields):
            return None
        numbers = dict.fromkeys(row.filled_from.get(f, row.number) for f in fields
                                if row.values.get(f))
        return [Source.key(document, table.sheet, n) for n in numbers]

    return printed


def hidden_warning(file: str, sheet: str) -> str:
    return f"{file}:{sheet}: {t('clean.hidden')}"


def warning_lines(sheets: dict[str, RawSheet], notes: list[Note]) -> list[str]:
    """One warning per sheet, column and kind: its first cell, then the other rows."""
    groups: dict[tuple[str, int, str], list[Note]] = {}
    for note in notes:
        groups.setdefault((note.sheet, note.column, note.code), []).append(note)
    out = []
    for (name, column, code), group in groups.items():
        first, *others = group
        sheet = sheets[name]
        where = CellError(sheet.file, name, first.row, _header(sheet, column), "")
        if code == "celda_combinada":
            text = t("clean.merged", ref=first.value, value=_quoted(first.quote))
            if others:
                text += t("clean.more_merged", refs=short_list([n.value for n in others]))
        else:
            chars = ", ".join(dict.fromkeys(c for n in group for c in n.value.split(", ")))
            text = t("clean.controls" if code == "caracteres_de_control" else "clean.invisible",
                     chars=chars)
            rows = [str(n) for n in dict.fromkeys(n.row for n in others) if n != first.row]
            if rows:
                text += t("clean.more_rows", rows=short_list(rows))
        out.append(f"{where}{text}")
    return out


def record(batch: GraphBatch, document: str, sheets: dict[str, RawSheet], notes: list[Note],
           hidden: list[str]) -> None:
    """Each cleaning on its row's Source node (the quality report's row problems); a
    hidden sheet on its first row that made one."""
    for note in notes:
        source = batch.nodes.get(Source.key(document, note.sheet, note.row))
        if isinstance(source, Source):
            column = _header(sheets[note.sheet], note.column)
            entry = row_problems.encode(note.code, column, note.value)
            if entry not in source.problemas:
                source.problemas.append(entry)
    for name in hidden:
        for number, _ in sheets[name].rows:
            source = batch.nodes.get(Source.key(document, name, number))
            if isinstance(source, Source):
                source.problemas.append(row_problems.encode("hoja_oculta", "", name))
                break


def _quoted(text: str) -> str:
    return text if len(text) <= _QUOTE else text[:_QUOTE] + "…"


def short_list(items: list[str], limit: int = 8) -> str:
    """'2, 3, 4, … (+5)': a list of rows (or ranges) a warning names."""
    more = f", … (+{len(items) - limit})" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more
