"""The planner's workbook: one ``.xlsx`` (or a folder of CSV files) turned into a graph batch.

Sheets: ``actores``, ``acciones``, ``territorios``, ``mecanismos`` and, optionally,
``relaciones`` and ``equivalencias`` (:data:`SHEETS`, in :mod:`tejido.loaders.workbook_spec`;
the planner's decisions on names: :mod:`tejido.loaders.equivalences`). Everything is
validated before anything is returned: every bad cell is collected as a :class:`CellError`
and raised together in one :class:`InputError`, so the planner fixes the whole workbook in
one pass and a bad workbook never half-loads.

This module reads the files into sheets; :mod:`tejido.loaders.workbook_spec` maps each sheet
onto its columns and :mod:`tejido.loaders.workbook_build` turns the rows into the graph.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t

from .base import LoadResult
from .location import CellError
from .tables import Table
from .workbook_build import WorkbookBuilder
from .workbook_clean import (
    Note,
    clean_sheet,
    fill_merged,
    hidden_warning,
    record,
    warning_lines,
)
from .workbook_guard import MAX_UNCOMPRESSED, SheetScan, inspect_xlsx
from .workbook_spec import (
    LISTS_SHEET,
    SHEETS,
    Column,
    RawSheet,
    SheetSpec,
    header_key,
    map_sheet,
    sheet_spec,
)
from .workbook_xml import size_text

__all__ = ["LISTS_SHEET", "SHEETS", "Column", "SheetSpec", "read_tables", "read_workbook"]

register(
    {
        "wb.missing": {
            "es": "no existe el archivo o la carpeta",
            "en": "no such file or folder",
        },
        "wb.unsupported": {
            "es": "formato no admitido: use un libro .xlsx o una carpeta de archivos .csv "
            "(un .xls antiguo se guarda como .xlsx desde Excel o LibreOffice)",
            "en": "unsupported format: use an .xlsx workbook or a folder of .csv files "
            "(save an old .xls as .xlsx from Excel or LibreOffice)",
        },
        "wb.unreadable": {
            "es": "no se puede leer el archivo ({reason})",
            "en": "cannot read the file ({reason})",
        },
        "wb.no_sheets": {
            "es": "no hay ninguna hoja reconocida; se esperan: {sheets}",
            "en": "no recognised sheet; expected: {sheets}",
        },
        "wb.ignored_sheet": {
            "es": "hoja ignorada: no es ninguna de {sheets}",
            "en": "sheet ignored: it is none of {sheets}",
        },
        "wb.csv_too_big": {
            "es": "el archivo ocupa {size}; el máximo admitido es {limit}",
            "en": "the file takes {size}; at most {limit} is accepted",
        },
        "wb.duplicate_sheet": {
            "es": "la hoja «{kind}» aparece dos veces (también «{other}»)",
            "en": "the sheet «{kind}» appears twice (also «{other}»)",
        },
    }
)


#: How a damaged .xlsx fails inside zipfile, zlib, the XML parser and openpyxl.
_DAMAGED = (
    zipfile.BadZipFile, zlib.error, EOFError, ParseError, InvalidFileException, KeyError,
    ValueError, TypeError, OSError,
)


def read_workbook(path: Path, strict: bool = False) -> LoadResult:
    """Read and validate a planner's workbook (``.xlsx``, or a folder of ``.csv`` sheets).

    Raises :class:`InputError` listing every bad cell; returns nothing half-built.
    """
    path = Path(path)
    label = str(path)
    if not path.exists():
        raise InputError(_at(label, t("wb.missing")))
    if path.is_dir():
        files = sorted(f for f in path.iterdir() if f.suffix.lower() == ".csv" and f.is_file())
        return _load(_csv_sheets(files), label, path.name, strict)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _load(_csv_sheets([path]), label, path.name, strict)
    if suffix not in (".xlsx", ".xlsm"):
        raise InputError(_at(label, t("wb.unsupported")))
    scans = inspect_xlsx(path, label)  # before openpyxl: it trusts the file
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except _DAMAGED as exc:
        raise InputError(_at(label, t("wb.unreadable", reason=_reason(exc)))) from exc
    try:
        # Read every cell first: a damaged sheet part only shows up while its rows are
        # being read, and must not be mistaken for (or hide) a problem of the builder.
        sheets = list(_xlsx_sheets(book, label))
    except _DAMAGED as exc:
        raise InputError(_at(label, t("wb.unreadable", reason=_reason(exc)))) from exc
    finally:
        book.close()
    return _load(sheets, label, path.name, strict, scans)


def read_tables(
    tables: dict[str, list[dict[str, Any]]], document: str, strict: bool = False
) -> LoadResult:
    """Validate in-memory sheets (sheet -> rows as {header: value}) exactly like a workbook.

    Lets benches and tests build a batch from :func:`tejido.loaders.synth.synth_workbook`
    without writing an ``.xlsx``; row numbers are what the sheet would show (header = 1).
    """
    out = []
    for name, rows in tables.items():
        header: list[str] = []
        for row in rows:
            header.extend(key for key in row if key not in header)
        values = [(number, tuple(row.get(h) for h in header)) for number, row in enumerate(rows, 2)]
        out.append(RawSheet(document, name, list(header), values))
    return _load(out, document, document, strict)


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _at(file: str, message: str, sheet: str | None = None) -> str:
    """A problem with a whole file or sheet (no row or column to point at)."""
    return f"{file}:{sheet}: {message}" if sheet else f"{file}: {message}"


def _xlsx_sheets(book: Any, label: str) -> Iterator[RawSheet]:
    for sheet in book.worksheets:
        # Files written by other programs may declare a wrong sheet size; without this,
        # read-only mode would silently cut rows or columns off.
        sheet.reset_dimensions()
        rows = enumerate(sheet.iter_rows(values_only=True), 1)
        first = next(rows, None)
        if first is None:
            continue  # an empty sheet is as good as no sheet
        yield RawSheet(label, sheet.title, list(first[1]), list(rows))


def _csv_sheets(files: list[Path]) -> Iterator[RawSheet]:
    for file in files:
        try:
            size = file.stat().st_size
            if size > MAX_UNCOMPRESSED:
                raise InputError(_at(str(file), t(
                    "wb.csv_too_big", size=size_text(size), limit=size_text(MAX_UNCOMPRESSED))))
            text = _decode(file.read_bytes())
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(_at(str(file), t("wb.unreadable", reason=_reason(exc)))) from exc
        first_line = text.split("\n", 1)[0]
        # Excel in a Spanish locale saves "CSV" with ';' (the comma is the decimal mark).
        delimiter = max(",;\t", key=first_line.count)
        # StringIO, not splitlines(): the latter also breaks lines at \x0b, \x0c, \u2028…
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            records = [(n, tuple(values)) for n, values in enumerate(reader, 1)]
        except csv.Error as exc:  # e.g. a NUL byte: not a text file
            raise InputError(_at(str(file), t("wb.unreadable", reason=_reason(exc)))) from exc
        if not records:
            continue  # an empty file is as good as no file
        yield RawSheet(str(file), file.stem, list(records[0][1]), records[1:])


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM); else Windows-1252, what Excel's plain "CSV" writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


# --------------------------------------------------------------------------------------
# The overall pass.


def _load(
    sheets: Iterable[RawSheet], label: str, document: str, strict: bool,
    scans: dict[str, SheetScan] | None = None,
) -> LoadResult:
    """Map, clean and build every sheet; ``scans`` (an ``.xlsx``'s) tells which sheets are
    hidden and which cells are merged (:mod:`tejido.loaders.workbook_clean`)."""
    builder = WorkbookBuilder(document, strict)
    errors = builder.errors
    known: dict[str, Table] = {}
    seen_sheets: dict[str, str] = {}
    sheet_problems: list[str] = []  # whole sheets or files: no row to point at
    read: dict[str, RawSheet] = {}  # the known sheets, cleaned
    notes: list[Note] = []
    hidden: list[str] = []
    for sheet in sheets:
        spec = sheet_spec(sheet.name)
        if spec is None:
            if header_key(sheet.name) != LISTS_SHEET:
                builder.warnings.append(_at(sheet.file, t(
                    "wb.ignored_sheet", sheets=", ".join(s.name for s in SHEETS)), sheet.name))
            continue
        if spec.name in seen_sheets:
            sheet_problems.append(_at(sheet.file, t(
                "wb.duplicate_sheet", kind=spec.name, other=seen_sheets[spec.name]), sheet.name))
            continue
        seen_sheets[spec.name] = sheet.name
        scan = scans.get(sheet.name) if scans else None
        if scan is not None and scan.state != "visible":
            hidden.append(sheet.name)
            builder.warnings.append(hidden_warning(sheet.file, sheet.name))
        sheet, cleaned = clean_sheet(sheet, errors, escapes=scans is not None)
        notes.extend(cleaned)
        if scan is not None and scan.merged:
            sheet, merged = fill_merged(sheet, scan.merged)
            notes.extend(merged)
        read[sheet.name] = sheet
        known[spec.name] = map_sheet(sheet, spec, errors)
    if not seen_sheets and not sheet_problems:
        sheet_problems.append(_at(label, t(
            "wb.no_sheets", sheets=", ".join(s.name for s in SHEETS))))
    builder.warnings.extend(warning_lines(read, notes))
    builder.build(known)
    if errors or sheet_problems:
        raise InputError([*sheet_problems, *_in_order(errors)])
    record(builder.batch, document, read, notes, hidden)
    return LoadResult(batch=builder.batch, warnings=builder.warnings)


def _in_order(errors: list[CellError]) -> list[CellError]:
    """Sheet by sheet (in the order first met), row by row: how the planner walks the workbook."""
    sheets: dict[tuple[str, str], int] = {}
    for error in errors:
        sheets.setdefault((error.file, error.sheet), len(sheets))
    return sorted(errors, key=lambda e: (sheets[(e.file, e.sheet)], e.row or 0))
