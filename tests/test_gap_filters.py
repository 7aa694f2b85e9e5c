"""Every sheet of gaps.xlsx has a filter on its header row (issue 11, item 4), over the
whole table, beside the frozen header."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from helpers_workbook import run
from openpyxl.utils import get_column_letter


def test_every_sheet_filters_its_header_over_the_whole_table(tmp_path: Path) -> None:
    store = tmp_path / "g.json"
    data = Path(__file__).resolve().parents[1] / "data"
    assert run("load", data, "--store", store, "--quiet").exit_code == 0
    out = tmp_path / "gaps.xlsx"
    assert run("gaps", "--store", store, "--format", "xlsx", "--out", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    assert len(book.worksheets) >= 5
    for sheet in book.worksheets:
        # Read the table's extent from the cells themselves: the header's last filled
        # column, the last row holding anything.
        width = max(c.column for c in sheet[1] if c.value is not None)
        height = max(r for r in range(1, sheet.max_row + 1)
                     if any(c.value is not None for c in sheet[r]))
        assert sheet.auto_filter.ref == f"A1:{get_column_letter(width)}{height}", sheet.title
        assert sheet.freeze_panes == "A2"
