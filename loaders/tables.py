"""Tables: the :class:`Table` and :class:`Row` every loader reads, and reading one dataset
table (TSV, CSV or an XLSX sheet) into mapped, filled-down rows.

A :class:`Table` is one sheet or file after its headers were mapped to fields; a
:class:`Row` is one data row of it, by field. The planner's workbook
(:mod:`tejido.loaders.workbook`) maps its sheets into the same pair.

What this module undoes, all artefacts of copying a PDF or Word table:

* merged cells that came through blank (fill-down, configured per column, with resets:
  a column may restart empty when another column starts a new block);
* the header repeated after a page break (dropped; fill-down restarts there unless the
  dataset says its merged cells run on across page breaks);
* rule lines such as ``--	--	--`` (dropped) and blank lines (skipped).

An ``.xlsx`` table is first looked at by :func:`tejido.loaders.workbook_guard.inspect_xlsx`
(zip bombs, overlong cells, formulas without a value), as the planner's workbook is.

Row numbers are the ones a person sees: the file's line number, or the sheet's row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t
from tejido.graph.model import fold

from .location import CellError

register(
    {
        "table.missing_file": {
            "es": "no existe el archivo de la tabla",
            "en": "the table file does not exist",
        },
        "table.unreadable": {
            "es": "no se puede leer la tabla: {reason}",
            "en": "cannot read the table: {reason}",
        },
        "table.no_sheet": {
            "es": "el libro no tiene la hoja «{sheet}» (hojas: {sheets})",
            "en": "the workbook has no sheet “{sheet}” (sheets: {sheets})",
        },
        "table.no_header": {
            "es": "falta la fila de encabezado {row}",
            "en": "header row {row} is missing",
        },
        "table.no_column": {
            "es": "el encabezado no tiene la columna «{column}»",
            "en": "the header has no column “{column}”",
        },
        "table.beyond_header": {
            "es": "celda con contenido fuera de las columnas del encabezado: «{value}»",
            "en": "cell with content outside the header's columns: “{value}”",
        },
    }
)

_RULE_LINE = re.compile(r"^[\s\-_=|:+~.]+$")


#: Where a cell is, as a person finds it: file, sheet, row (Excel's number), column header.
Where = tuple[str, str, int | None, str | None]


@dataclass
class Row:
    """One data row after column mapping (and, for dataset tables, fill-down)."""

    #: The row number a person sees: the file's line, or the sheet's row (header = 1).
    number: int
    #: field -> cell text. Dataset tables hold every mapped field ('' when blank and not
    #: filled); the workbook holds only the non-blank cells.
    values: dict[str, str]
    #: field -> the row the value was filled down from (only for filled cells).
    filled_from: dict[str, int] = field(default_factory=dict)
    #: field -> the cell as the file held it, where it may be more than text (an .xlsx
    #: number stays a number, e.g. a weight); empty for text-only sources.
    raw: dict[str, Any] = field(default_factory=dict)

    def own(self, name: str) -> bool:
        """Whether the row itself wrote this field (not blank, not filled down)."""
        return bool(self.values.get(name)) and name not in self.filled_from


@dataclass
class Table:
    """The mapped rows of one table, plus what was dropped along the way."""

    file: str
    sheet: str
    #: field -> source header (as written in the header row), for messages.
    headers: dict[str, str]
    rows: list[Row]
    #: The fields that fill down.
    fill: set[str] = field(default_factory=set)
    repeated_headers: list[int] = field(default_factory=list)
    #: Bad cells found while mapping; the rows are still returned so that the caller can
    #: report every problem of the input in one pass.
    problems: list[CellError] = field(default_factory=list)

    def at(self, row: int | None, name: str | None) -> Where:
        """The cell of field ``name`` in ``row``, named by its header as written."""
        column = self.headers.get(name, name) if name else None
        return (self.file, self.sheet, row, column)

    def cell(self, row: int | None, name: str | None, message: str) -> CellError:
        return CellError(*self.at(row, name), message)


class TableError(Exception):
    """Carries CellErrors out of this module; the matrix loader gathers them."""

    def __init__(self, problems: list[CellError]) -> None:
        super().__init__(problems)
        self.problems = problems


def read_cells(path: Path, sheet: str | None, display: str) -> list[tuple[int, list[str]]]:
    """Every line/row of the file as ``(row number, cells)``; raises TableError."""
    sheet_name = sheet or path.name
    if not path.is_file():
        raise _fail(display, sheet_name, t("table.missing_file"))
    try:
        if path.suffix.lower() == ".xlsx":
            return _read_xlsx(path, sheet or "", display)
        delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [
                (number, [c.strip() for c in cells])
                for number, cells in enumerate(csv.reader(handle, delimiter=delimiter), 1)
            ]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise _fail(display, sheet_name, t("table.unreadable", reason=exc)) from exc


def _read_xlsx(path: Path, sheet: str, display: str) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    from .workbook_guard import inspect_xlsx

    try:  # a hostile or damaged file, before openpyxl trusts it
        inspect_xlsx(path, display, reads=lambda title: title == sheet)
    except InputError as exc:
        raise TableError([p if isinstance(p, CellError) else CellError(
            display, sheet, None, None, str(p).removeprefix(f"{display}: "))
            for p in exc.problems]) from exc
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zip, xml, key) for a bad file
        raise _fail(display, sheet, t("table.unreadable", reason=exc)) from exc
    try:
        if sheet not in book.sheetnames:
            raise _fail(display, sheet,
                        t("table.no_sheet", sheet=sheet, sheets=", ".join(book.sheetnames)))
        return [
            (number, [_xlsx_text(v) for v in values])
            for number, values in enumerate(book[sheet].iter_rows(values_only=True), 1)
        ]
    finally:
        book.close()


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _fail(file: str, sheet: str, message: str) -> TableError:
    return TableError([CellError(file, sheet, None, None, message)])


@dataclass
class FillDown:
    """Which columns fill down, and which columns' new values restart them empty.

    ``resets[c]`` lists the columns whose new value ends a merged block of ``c``: e.g.
    the ente rector restarts when a new ámbito de acción starts. Resets chain (a column
    that restarts restarts the columns that depend on it). A new table or a repeated
    header restarts every column.
    """

    resets: dict[str, list[str]]

    @classmethod
    def of(cls, spec: list[str] | dict[str, list[str]]) -> FillDown:
        if isinstance(spec, list):
            return cls({name: [] for name in spec})
        return cls({name: list(triggers) for name, triggers in spec.items()})

    def restarted(self, fresh: set[str]) -> set[str]:
        """Columns to clear, given the columns that have their own value in this row."""
        changed = set(fresh)
        cleared: set[str] = set()
        grew = True
        while grew:
            grew = False
            for name, triggers in self.resets.items():
                if name in changed or not any(trigger in changed for trigger in triggers):
                    continue
                cleared.add(name)
                changed.add(name)
                grew = True
        return cleared


def map_table(
    cells: list[tuple[int, list[str]]],
    *,
    file: str,
    sheet: str,
    columns: dict[str, str],
    fill_down: FillDown,
    header_row: int = 1,
    rows: tuple[int, int | None] | None = None,
    fill_across_headers: bool = False,
) -> Table:
    """Map source headers to fields and apply fill-down; TableError if the header is wrong.

    ``columns`` maps source header -> field; several headers may map to the same field as
    alternatives (only one needs to be present). ``fill_down`` names fields.
    A repeated header restarts every filled column, unless ``fill_across_headers``: for
    documents whose merged cells run on across a page break (the continuation is blank).
    """
    header_cells = next((c for n, c in cells if n == header_row), None)
    if header_cells is None:
        raise TableError([CellError(file, sheet, header_row, None,
                                    t("table.no_header", row=header_row))])
    positions = {fold(h): i for i, h in reversed(list(enumerate(header_cells))) if fold(h)}
    index: dict[str, int] = {}
    headers: dict[str, str] = {}
    wanted: dict[str, list[str]] = {}
    for header, name in columns.items():
        wanted.setdefault(name, []).append(header)
        position = positions.get(fold(header))
        if position is not None and name not in index:
            index[name] = position
            headers[name] = header_cells[position]
    missing = [
        CellError(file, sheet, header_row, " | ".join(options),
                  t("table.no_column", column=" | ".join(options)))
        for name, options in wanted.items()
        if name not in index
    ]
    if missing:
        raise TableError(missing)
    # Every header word counts, mapped or not: a repeated header repeats them all.
    signature = {i: fold(h) for i, h in enumerate(header_cells) if fold(h)}
    width = len(header_cells)

    table = Table(file, sheet, headers, [], fill=set(fill_down.resets))
    state: dict[str, tuple[str, int]] = {}
    first, last = rows or (header_row + 1, None)
    for number, row_cells in cells:
        if number <= header_row or number < first or (last is not None and number > last):
            continue
        filled = [c for c in row_cells if c]
        if not filled or all(_RULE_LINE.match(c) for c in filled):
            continue
        if _is_repeated_header(row_cells, signature):
            table.repeated_headers.append(number)
            if not fill_across_headers:
                state.clear()
            continue
        for position in range(width, len(row_cells)):
            if row_cells[position]:
                table.problems.append(CellError(
                    file, sheet, number, f"#{position + 1}",
                    t("table.beyond_header", value=row_cells[position])))
        values = {
            name: row_cells[pos] if pos < len(row_cells) else "" for name, pos in index.items()
        }
        row = Row(number, values)
        fresh = {name for name in fill_down.resets if values.get(name)}
        for name in fill_down.restarted(fresh):
            state.pop(name, None)
        for name in fill_down.resets:
            if name in fresh:
                state[name] = (values[name], number)
            elif name in state:
                row.values[name], row.filled_from[name] = state[name]
        table.rows.append(row)
    return table


def _is_repeated_header(row_cells: Iterable[str], signature: dict[int, str]) -> bool:
    """A row whose non-blank cells are the header's own words, in the header's columns."""
    cells = list(row_cells)
    hits = 0
    for position, cell in enumerate(cells):
        if not cell:
            continue
        if signature.get(position) != fold(cell):
            return False
        hits += 1
    return hits >= min(2, len(signature))


def parse_rows(spec: str) -> tuple[int, int | None]:
    """``"2-"`` -> (2, None); ``"3-40"`` -> (3, 40); ``"7"`` -> (7, 7)."""
    match = re.fullmatch(r"\s*(\d*)\s*(-?)\s*(\d*)\s*", spec)
    if not match or not (match.group(1) or match.group(3)):
        raise ValueError(f"rango de filas no válido / invalid row range: {spec!r}")
    start = int(match.group(1)) if match.group(1) else 1
    if not match.group(2):
        return start, start
    end = int(match.group(3)) if match.group(3) else None
    if end is not None and end < start:
        raise ValueError(f"rango de filas vacío / empty row range: {spec!r}")
    return start, end
