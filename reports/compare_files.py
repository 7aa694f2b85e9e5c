"""The comparison of two cuts (or a scenario) in every format, and the one way to write it.

JSON keeps the comparison's documented keys (docs/compare.md) whatever the language; XLSX
has one sheet per section with every row, each text cell through
:func:`tejido.reports.safe_cells.safe_cell` (names and titles come from planners' files,
and a spreadsheet would run one starting with ``=`` as a formula); Markdown and HTML come
from :mod:`tejido.reports.compare_text`. Files are written atomically.
"""

from __future__ import annotations

import json
from pathlib import Path

from tejido.graph.files import write_atomic
from tejido.graph.i18n import t
from tejido.queries.compare import KEYS, Comparison

from .compare_tables import (
    SECTIONS,
    Heading,
    all_contexts_table,
    counts_text,
    heading,
    scenario_text,
    table,
)
from .compare_text import to_html, to_markdown
from .safe_cells import safe_cell
from .workbooks import workbook_bytes

#: Every format a comparison can be written in (``tejido comparar --format``).
FORMATS = ("md", "html", "xlsx", "json")


def to_json(comparison: Comparison) -> str:
    """The comparison as JSON: exactly the documented keys, in their documented order."""
    return json.dumps({key: comparison[key] for key in KEYS}, ensure_ascii=False,
                      indent=2) + "\n"


def to_xlsx(comparison: Comparison, head: Heading) -> bytes:
    """A workbook: a summary sheet, then one sheet per section with every row (the
    contexts sheet lists every context, changed or not)."""
    summary = [[head.title], [head.sides], [counts_text(comparison)]]
    if head.scenario:
        summary.append([scenario_text(comparison)])
    sheets = [(t("report.summary"), [head.title], summary[1:])]
    for key in SECTIONS:
        headers, rows = (all_contexts_table(comparison) if key == "contexts"
                         else table(comparison, key))
        sheets.append((heading(key), headers, rows))
    return workbook_bytes([(safe_cell(title), headers, rows) for title, headers, rows in sheets])


def render_text(comparison: Comparison, fmt: str, head: Heading) -> str:
    """A text format (md, html, json) as a string, for the screen or a file."""
    if fmt == "json":
        return to_json(comparison)
    return (to_html if fmt == "html" else to_markdown)(comparison, head)


def write_comparison(comparison: Comparison, fmt: str, path: Path, head: Heading) -> None:
    """Write the comparison to ``path`` in ``fmt``, atomically."""
    data = (to_xlsx(comparison, head) if fmt == "xlsx"
            else render_text(comparison, fmt, head).encode("utf-8"))
    write_atomic(path, data)
