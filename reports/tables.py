"""Rows of an analysis (centrality, saved queries) as text: an aligned table for reading,
CSV for spreadsheets, JSON for programs.

Cells: lists are joined with "; " in table and CSV, maps are written as JSON, ``None``
is empty, booleans read sí/no (yes/no in English) in the table. CSV cells that a
spreadsheet would run as a formula are neutralized (:mod:`tejido.reports.safe_cells`).
JSON keeps values as they are.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from tejido.graph.i18n import register, t

from .safe_cells import safe_cell

FORMATS = ("table", "csv", "json")

register(
    {
        "output.yes": {"es": "sí", "en": "yes"},
        "output.no": {"es": "no", "en": "no"},
        "output.empty": {"es": "(sin resultados)", "en": "(no results)"},
    }
)


def _text(value: Any, for_table: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        if for_table:
            return t("output.yes") if value else t("output.no")
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4g}" if for_table else repr(value)
    if isinstance(value, list | tuple):
        return "; ".join(_text(v, for_table) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def render(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], fmt: str,
           headers: Mapping[str, str] | None = None) -> str:
    """``rows`` in ``fmt`` (table, csv, json); ``headers`` renames columns in table/CSV."""
    names = [(headers or {}).get(c, c) for c in columns]
    if fmt == "json":
        data = [{c: row.get(c) for c in columns} for row in rows]
        return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([safe_cell(n) for n in names])
        for row in rows:
            writer.writerow([safe_cell(_text(row.get(c), False)) for c in columns])
        return buffer.getvalue()
    if fmt != "table":
        raise ValueError(fmt)
    if not rows:
        return t("output.empty") + "\n"
    cells = [[_text(row.get(c), True) for c in columns] for row in rows]
    widths = [max(len(name), *(len(r[i]) for r in cells)) for i, name in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"
