"""The gap report in every format, and the one way to write it to a file.

CSV, JSON and XLSX are for programs and spreadsheets; Markdown and HTML
(:mod:`tejido.reports.gap_text`) for reading. Every text cell of CSV and XLSX goes through
:func:`tejido.reports.safe_cells.safe_cell`, since titles and names come from planners'
files and a spreadsheet would run one starting with ``=`` as a formula. Files are written
with :func:`tejido.graph.files.write_atomic`: a report is never left half-written.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel

from tejido.graph.files import write_atomic
from tejido.graph.i18n import t
from tejido.queries.gaps import GapReport

from .gap_summary import empty_text, top_table
from .gap_tables import (
    Table,
    actor_table,
    document_table,
    eje_table,
    flat_rows,
    no_articulator_table,
    not_recorded_lines,
    pending_findings,
    pending_table,
    responsible_table,
    summary_table,
    titled,
)
from .gap_text import to_html, to_markdown
from .safe_cells import safe_cell
from .workbooks import workbook_bytes

#: Every format a gap report can be written in (``tejido gaps --format``).
FORMATS = ("md", "csv", "json", "xlsx", "html")


def to_csv(report: GapReport) -> str:
    """One row per finding with every source (:func:`~tejido.reports.gap_tables.flat_rows`)."""
    return "".join(csv_chunks(report))


#: Findings per piece of the streamed CSV.
CSV_BLOCK = 500


def csv_chunks(report: GapReport) -> Iterator[str]:
    """:func:`to_csv`'s text in pieces of ``CSV_BLOCK`` findings: at 40 000 actions the
    rows, their text and its bytes held at once took the process over 1 GB (issue 14)."""
    findings = report.findings
    for start in range(0, max(len(findings), 1), CSV_BLOCK):
        block = findings[start:start + CSV_BLOCK]
        headers, rows = titled(functools.partial(flat_rows, findings=block))(report)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for row in [headers, *rows] if start == 0 else rows:
            writer.writerow([safe_cell(v) for v in row])
        yield buffer.getvalue()


def to_json(report: GapReport) -> str:
    """The report's model as JSON, keys in Spanish whatever the language (docs/gaps.md)."""
    return "".join(json_chunks(report))


def json_chunks(report: GapReport) -> Iterator[str]:
    """:func:`to_json`'s text in pieces of about one finding, so a file can be written
    without holding the whole text (issue 14: at 40 000 actions the report is ~240 MB,
    and one ``json.dumps`` of the whole model held the dict, the text and its bytes at
    once). The pieces join into exactly ``json.dumps(report.model_dump(mode="json"),
    ensure_ascii=False, indent=2) + "\\n"``: a list of models is written item by item, each
    dumped on its own and indented to its depth (JSON text holds no raw line break but
    the indentation's, so indenting is prefixing each line).

    Items are dumped by pydantic's compiled serialiser: ``json.dumps`` with ``indent``
    falls back to the pure-Python encoder, which took 7 of the 9 s of writing the 40 000
    action report. The two texts are the same but for a float below 1e-4, which pydantic
    writes ``0.00001`` where Python writes ``1e-05`` (the same number to any JSON reader)."""
    names = list(type(report).model_fields)
    yield "{"
    for n, name in enumerate(names):
        yield f'\n  {json.dumps(name, ensure_ascii=False)}: '
        value = getattr(report, name)
        if isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value):
            yield "["
            for i, item in enumerate(value):
                yield ("," if i else "") + "\n    " + _indented(item.model_dump_json(indent=2), 2)
            yield "\n  ]"
        else:
            yield _dumps(report.model_dump(mode="json", include={name})[name], 1)
        if n < len(names) - 1:
            yield ","
    yield "\n}\n" if names else "}\n"


def _dumps(value: Any, depth: int) -> str:
    """``value`` as indented JSON text nested ``depth`` levels deep (two spaces a level)."""
    return _indented(json.dumps(value, ensure_ascii=False, indent=2), depth)


def _indented(text: str, depth: int) -> str:
    """JSON ``text`` laid out at top level, nested ``depth`` levels deep."""
    return text.replace("\n", "\n" + "  " * depth)


@titled
def to_xlsx(report: GapReport) -> bytes:
    """A workbook with one sheet per section, bold frozen headers with filters; the first
    sheet is the executive summary (its columns under the same machine keys in every
    language, with the sentence saying why when it lists nothing)."""
    headers, top = top_table(report)
    empty = empty_text(report)
    sheets: list[tuple[str, Table]] = [
        (t("report.summary"), (headers, [[empty]] if empty else top)),
        (t("report.findings"), flat_rows(report)),
        (t("report.pending_sheet"), pending_table(pending_findings(report))),
        (t("report.not_recorded_sheet"), ([t("report.not_recorded")],
                                    [[line] for line in not_recorded_lines(report)])),
        (t("report.counts_sheet"), summary_table(report)),
        (t("report.by_document"), document_table(report)),
        (t("report.sheet_responsible"), responsible_table(report)),
        (t("report.no_articulators").split(",")[0], no_articulator_table(report)),
        (t("report.ei_eje"), eje_table(report)),
        (t("report.ei_actor"), actor_table(report)),
    ]
    return workbook_bytes([(title, head, rows) for title, (head, rows) in sheets],
                          filters=True)


#: The formats that are text, by name (what ``tejido gaps`` can print on the screen).
TEXT_RENDERERS: dict[str, Callable[[GapReport], str]] = {
    "md": to_markdown, "csv": to_csv, "json": to_json, "html": to_html,
}


def text_chunks(report: GapReport, fmt: str) -> Iterator[str]:
    """A text format's report in pieces that join into ``TEXT_RENDERERS[fmt](report)``:
    JSON (the biggest, ~240 MB at 40 000 actions) one finding at a time, so printing it
    on the screen or into a pipe never holds the whole text and its bytes (issue 14)."""
    if fmt in STREAMED:
        yield from STREAMED[fmt](report)
    else:
        yield TEXT_RENDERERS[fmt](report)


#: The text formats written piece by piece (the others are a few hundred KB at most).
STREAMED: dict[str, Callable[[GapReport], Iterator[str]]] = {
    "json": json_chunks, "csv": csv_chunks}


def _write_chunks(report: GapReport, fmt: str, handle: BinaryIO) -> None:
    if fmt == "csv":
        handle.write(codecs.BOM_UTF8)  # so Excel reads the accents
    for chunk in STREAMED[fmt](report):
        handle.write(chunk.encode("utf-8"))


def write_report(report: GapReport, fmt: str, path: Path) -> None:
    """Write ``report`` to ``path`` in ``fmt`` (CSV with a BOM so Excel reads the accents)."""
    data: bytes | Callable[[BinaryIO], None]
    if fmt == "xlsx":
        data = to_xlsx(report)
    elif fmt in STREAMED:  # the whole text is never in memory
        data = functools.partial(_write_chunks, report, fmt)
    else:
        data = TEXT_RENDERERS[fmt](report).encode("utf-8")
    write_atomic(path, data)
