"""Report tables as an XLSX workbook, streamed: the one way tejido writes its spreadsheets.

openpyxl's write-only mode writes each row as it comes, so a sheet of 50 000 findings (a
40 000-action portfolio) is neither held as cell objects nor looked up cell by cell: the
ordinary mode's ``sheet[sheet.max_row]`` after each row scanned every cell written so far,
which made a 10 000-action gap report take four minutes and a 40 000-action one about an
hour. In this mode the column widths, the frozen header and the filter are set before the
first row. Every text cell goes through :func:`~tejido.reports.safe_cells.safe_cell`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .gap_tables import Number
from .safe_cells import safe_cell

#: Column widths in characters: wide enough for a name, never a screen of one text.
MIN_WIDTH, MAX_WIDTH = 8, 60
#: Excel's limit on a sheet name.
TITLE_LIMIT = 31

Sheet = tuple[str, Sequence[Any], Sequence[Sequence[Any]]]


def column_widths(rows: Sequence[Sequence[Any]]) -> dict[int, int]:
    """Each column (1-based) as wide as its longest value, within limits: every workbook
    tejido writes (gap report, comparison) sizes its columns alike."""
    widths: dict[int, int] = {}
    for row in rows:
        for index, value in enumerate(row, start=1):
            longest = max((len(line) for line in str(value).splitlines()), default=0)
            widths[index] = max(widths.get(index, 0), longest)
    return {index: min(MAX_WIDTH, max(MIN_WIDTH, width + 2)) for index, width in widths.items()}


def workbook_bytes(sheets: Sequence[Sheet], filters: bool = False) -> bytes:
    """The workbook of ``sheets`` (title, headers, rows): bold frozen headers, columns
    sized to their values, measures (:class:`~tejido.reports.gap_tables.Number`) as
    numbers in their format, every other cell as inert text; with ``filters``, a filter on
    each header row (a planner narrows the findings by kind, eje or actor)."""
    book = Workbook(write_only=True)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title[:TITLE_LIMIT])
        for index, width in column_widths([headers, *rows]).items():
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        if filters:
            last = get_column_letter(max(1, len(headers)))
            sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
        sheet.append([_bold(sheet, h) for h in headers])
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _bold(sheet: Any, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, safe_cell(value))
    cell.font = Font(bold=True)
    return cell


def _cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, Number):
        cell = WriteOnlyCell(sheet, float(value))
        cell.number_format = value.excel_format
        return cell
    return safe_cell(value)
