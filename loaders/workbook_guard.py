"""Hostile ``.xlsx`` files, caught before openpyxl reads a single cell.

An ``.xlsx`` is a zip of XML parts, and openpyxl trusts both: a 1 MB file whose one cell
inflates to 1 GB took the loader to 3.7 GB and a ``MemoryError``. This module looks at the
file first, in bounded memory, and refuses it with a message naming the file, the sheet
and, where there is one, the cell:

* **the zip's declared sizes**, before anything is inflated: more than
  :data:`MAX_UNCOMPRESSED` bytes in all, or a part over :data:`RATIO_FLOOR` bytes that
  inflates more than :data:`MAX_RATIO` times its compressed size (a spreadsheet part
  compresses about 10:1; a zip bomb about 1000:1). :mod:`zipfile` never inflates a part
  past its declared size (it stops there and fails the CRC), so the declared sizes bound
  what any later reader gets;
* **every XML part, streamed** (:mod:`tejido.loaders.workbook_xml`), counting text
  instead of keeping it: a cell longer than :data:`MAX_CELL_CHARS` characters, Excel's own
  limit for a cell, is named (file, sheet, row, column); any other overlong text or tag,
  a DTD, or broken XML names the part;
* **cells whose value openpyxl cannot give**: a formula cell without its cached value
  (``data_only`` reads it as blank, which became «celda obligatoria vacía» or tipo
  ``otro``), and a cell showing a formula error (``#N/A``…). Both are problems of the file
  rather than of the data, and are reported before the data is read: once the formulas
  are calculated, the values and their problems may change;
* what the data read needs and openpyxl's read-only mode does not give: each sheet's
  **merged ranges** and whether it is **hidden** (:class:`SheetScan`).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t

from .location import CellError
from .workbook_spec import sheet_spec
from .workbook_xml import (
    CELL,
    MAX_CELL_CHARS,
    Collect,
    Handler,
    TooLong,
    column_letter,
    column_number,
    needs_scan,
    number_text,
    scan_part,
    size_text,
)

#: The most a workbook may inflate to, all parts together (a 50 000-action workbook
#: written by ``tejido synth`` inflates to 44 MB).
MAX_UNCOMPRESSED = 256 * 1024 * 1024
#: A part larger than :data:`RATIO_FLOOR` may inflate at most this many times its size.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
#: Cell problems listed one by one (of each kind); beyond that, counted.
MAX_LISTED = 50
#: Merged ranges in one workbook (each one is kept in memory and filled).
MAX_MERGED = 100_000

register(
    {
        "guard.not_zip": {
            "es": "no se puede leer el archivo (no es un libro .xlsx: no es un archivo zip, "
            "o está dañado)",
            "en": "cannot read the file (not an .xlsx workbook: not a zip file, or damaged)",
        },
        "guard.too_big": {
            "es": "el libro ocupa {size} descomprimido ({part_size} en la parte «{part}»); "
            "el máximo admitido es {limit}: no se lee (puede ser una «bomba zip»)",
            "en": "the workbook takes {size} uncompressed ({part_size} in the part «{part}»); "
            "at most {limit} is accepted: not read (it may be a zip bomb)",
        },
        "guard.ratio": {
            "es": "la parte «{part}» se descomprime {ratio} veces su tamaño ({size}); el "
            "máximo admitido es {limit} veces: no se lee (puede ser una «bomba zip»)",
            "en": "the part «{part}» inflates {ratio} times its size ({size}); at most "
            "{limit} times is accepted: not read (it may be a zip bomb)",
        },
        "guard.long_cell": {
            "es": "la celda tiene más de {limit} caracteres, el máximo de Excel: no se lee",
            "en": "the cell has more than {limit} characters, Excel's maximum: not read",
        },
        "guard.formula": {
            "es": "la celda tiene una fórmula sin valor calculado: abra y guarde el libro "
            "en Excel o LibreOffice",
            "en": "the cell has a formula without a calculated value: open and save the "
            "workbook in Excel or LibreOffice",
        },
        "guard.error_value": {
            "es": "la celda muestra el error «{value}»: corrija la fórmula o el valor",
            "en": "the cell shows the error «{value}»: fix the formula or the value",
        },
        "guard.more": {
            "es": "y {n} celda(s) más con el mismo problema",
            "en": "and {n} more cell(s) with the same problem",
        },
        "guard.too_many_merged": {
            "es": "el libro tiene más de {limit} rangos de celdas combinadas: no se lee",
            "en": "the workbook has more than {limit} merged ranges: not read",
        },
    }
)

_MAIN_TYPES = ("spreadsheetml.sheet.main+xml", "spreadsheetml.template.main+xml",
               "ms-excel.sheet.macroEnabled.main+xml", "ms-excel.template.macroEnabled.main+xml")
_SHARED_TYPE = "spreadsheetml.sharedStrings+xml"
#: The parts openpyxl may parse as XML (media and binary parts it does not read).
_XML = (".xml", ".rels", ".vml")
#: How the parts that describe the workbook are named (``[Content_Types].xml``,
#: ``xl/workbook.xml``, ``xl/_rels/workbook.xml.rels``).
_STRUCTURE = ("Content_Types].xml", "workbook.xml", "workbook.xml.rels")


@dataclass
class SheetScan:
    """What the data read needs to know of one worksheet."""

    title: str
    #: ``visible``, ``hidden`` or ``veryHidden`` (hidden from Excel's own menu).
    state: str = "visible"
    #: Merged ranges as (first row, first column, last row, last column), 1-based.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


@dataclass
class _Problem:
    """A cell problem found while scanning (columns are numbers until headers are known)."""

    kind: str  # long_cell | formula | error_value
    sheet: str
    row: int
    column: int
    value: str = ""


@dataclass
class _Book:
    label: str
    archive: zipfile.ZipFile
    sheets: dict[str, SheetScan] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)  # worksheet part -> sheet title
    shared: str | None = None  # the shared-strings part
    long_shared: set[int] = field(default_factory=set)
    shown_long: set[int] = field(default_factory=set)  # long shared strings a cell shows
    headers: dict[str, dict[int, str | int]] = field(default_factory=dict)  # text | sst index
    problems: list[_Problem] = field(default_factory=list)
    unlisted: dict[str, int] = field(default_factory=dict)
    merged: int = 0


def _workbook_sheet(title: str) -> bool:
    """Whether the planner's workbook loader reads a sheet of this title as data."""
    return sheet_spec(title) is not None


def inspect_xlsx(path: Path, label: str, reads: Callable[[str], bool] = _workbook_sheet
                 ) -> dict[str, SheetScan]:
    """Every worksheet's scan by title; raises :class:`InputError` naming what is wrong.

    ``reads`` tells the sheets whose values are data (by title): a formula without its
    value, or an error value, elsewhere (a summary sheet the loader ignores) is no problem;
    an overlong cell is one anywhere, since openpyxl would still read it.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"{label}: {t('guard.not_zip')}") from exc
    with archive:
        book = _Book(label, archive)
        try:
            _check_sizes(book)
            structure = _read_structure(book)
            if book.shared and needs_scan(archive, book.shared):
                _scan(book, book.shared, _SharedStrings(book))
            for part, title in book.parts.items():
                if book.long_shared or needs_scan(archive, part):
                    _scan(book, part, _Worksheet(book, title, reads(title)))
            for part in archive.namelist():  # the others: only the limits
                if (part.endswith(_XML) and part not in structure and part not in book.parts
                        and part != book.shared and needs_scan(archive, part)):
                    _scan(book, part, Handler())
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError,
                NotImplementedError) as exc:  # damaged, encrypted, unknown compression
            reason = str(exc) or type(exc).__name__
            raise InputError(f"{label}: {t('wb.unreadable', reason=reason)}") from exc
        if book.problems or book.long_shared:
            raise InputError(_cell_problems(book))
    return book.sheets


def _fail(book: _Book, message: str, sheet: str | None = None) -> InputError:
    return InputError(f"{book.label}:{sheet}: {message}" if sheet else f"{book.label}: {message}")


def _scan(book: _Book, part: str, handler: Handler) -> None:
    scan_part(book.archive, book.label, part, handler)


def _check_sizes(book: _Book) -> None:
    """The declared sizes, before anything is inflated; the message names the sheet of the
    part at fault when the workbook's own small parts say which it is."""
    members = book.archive.infolist()
    total = sum(m.file_size for m in members)
    biggest = max(members, key=lambda m: m.file_size, default=None)
    if biggest is None:
        return
    if total > MAX_UNCOMPRESSED:
        message = t("guard.too_big", size=size_text(total), part=biggest.filename,
                    part_size=size_text(biggest.file_size), limit=size_text(MAX_UNCOMPRESSED))
        raise _fail(book, message, _sheet_of(book, biggest.filename, members))
    for member in members:
        if member.file_size > RATIO_FLOOR and (
                member.file_size > MAX_RATIO * max(member.compress_size, 1)):
            ratio = member.file_size // max(member.compress_size, 1)
            message = t("guard.ratio", part=member.filename, ratio=number_text(ratio),
                        size=size_text(member.file_size), limit=MAX_RATIO)
            raise _fail(book, message, _sheet_of(book, member.filename, members))


def _sheet_of(book: _Book, part: str, members: list[zipfile.ZipInfo]) -> str | None:
    """The title of the sheet ``part`` holds, if the workbook's structure parts are small
    enough to read although the workbook is refused."""
    if any(m.file_size > RATIO_FLOOR for m in members if m.filename.endswith(_STRUCTURE)):
        return None
    try:
        _read_structure(book)
    except InputError:
        return None
    return book.parts.get(part)


def _read_structure(book: _Book) -> set[str]:
    """The workbook part, its sheets (title, state, part) and the shared-strings part;
    returns the parts read (each one scanned whole)."""
    names = set(book.archive.namelist())
    overrides: dict[str, str] = {}
    if "[Content_Types].xml" in names:
        _scan(book, "[Content_Types].xml", Collect(
            "Override", ("PartName", "ContentType"), lambda a: overrides.__setitem__(*a)))
    workbook = next((p.lstrip("/") for p, kind in overrides.items()
                     if kind.endswith(_MAIN_TYPES)), "xl/workbook.xml")
    shared = [p.lstrip("/") for p, kind in overrides.items() if kind.endswith(_SHARED_TYPE)]
    book.shared = next((p for p in shared if p in names), None)
    if workbook not in names:
        return {"[Content_Types].xml"}  # openpyxl will say what is missing
    sheets: list[tuple[str, str, str]] = []
    _scan(book, workbook, Collect("sheet", ("name", "state", "}id"), sheets.append))
    folder, name = posixpath.split(workbook)
    rels_part = posixpath.join(folder, "_rels", name + ".rels")
    targets: dict[str, str] = {}
    if rels_part in names:
        _scan(book, rels_part, Collect(
            "Relationship", ("Id", "Target"), lambda a: targets.__setitem__(*a)))
    for title, state, rel in sheets:
        book.sheets[title] = SheetScan(title, state or "visible")
        target = targets.get(rel)
        if not target:
            continue
        part = (target.lstrip("/") if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target)))
        if part in names:
            book.parts[part] = title
    return {"[Content_Types].xml", workbook, rels_part}


class _SharedStrings(Handler):
    """Which shared strings are longer than a cell may be (phonetic runs do not count)."""

    def __init__(self, book: _Book) -> None:
        self.book, self.index, self.length, self.phonetic = book, -1, 0, 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "si":
            self.index += 1
            self.length = 0
        elif name == "rPh":
            self.phonetic += 1

    def end(self, name: str) -> None:
        if name == "rPh":
            self.phonetic -= 1

    def text(self, data: str) -> None:
        if self.phonetic:
            return
        self.length += len(data)
        if self.length > MAX_CELL_CHARS:
            # Reported at the cells that show it, found in the sheets' scan; the rest of
            # this part is not read (nor is the workbook, which is refused).
            self.book.long_shared.add(self.index)
            raise TooLong


class _Worksheet(Handler):
    """One worksheet: cell problems, header texts (row 1), merged ranges."""

    def __init__(self, book: _Book, title: str, data: bool) -> None:
        self.book, self.title, self.sheet, self.data = book, title, book.sheets[title], data
        self.headers = book.headers.setdefault(title, {})
        self.row, self.column = 0, 0
        self.kind, self.formula, self.has_value = "n", False, False
        self.length, self.value, self.in_value, self.in_text, self.phonetic = 0, "", 0, 0, 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "c":
            self._cell(attrs.get("r"))
            self.kind, self.formula, self.has_value = attrs.get("t", "n"), False, False
            self.length, self.value = 0, ""
        elif name == "v":
            self.in_value += 1
            self.has_value = True
        elif name == "t":
            self.in_text += 1
        elif name == "f":
            self.formula = True
        elif name == "rPh":
            self.phonetic += 1
        elif name == "row":
            number = attrs.get("r")
            self.row = int(number) if number and number.isdigit() else self.row + 1
            self.column = 0
        elif name == "mergeCell":
            self._merge(attrs.get("ref", ""))

    def end(self, name: str) -> None:
        if name == "v":
            self.in_value -= 1
        elif name == "t":
            self.in_text -= 1
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "c":
            self._cell_done()

    def text(self, data: str) -> None:
        if not (self.in_value or (self.in_text and not self.phonetic)):
            return
        self.length += len(data)
        if len(self.value) < 200:
            self.value += data[:200]
        if self.length > MAX_CELL_CHARS:
            self._problem("long_cell")
            raise TooLong

    def _cell(self, ref: str | None) -> None:
        match = CELL.fullmatch(ref or "")
        if match:
            self.row, self.column = int(match.group(2)), column_number(match.group(1))
        else:
            self.column += 1

    def _cell_done(self) -> None:
        value = self.value.strip()
        if self.kind == "e" and self.data:
            self._problem("error_value", value)
        elif self.formula and self.data and (
                not self.has_value or (not value and self.kind != "str")):
            self._problem("formula")
        elif self.kind == "s" and value.isdigit() and int(value) in self.book.long_shared:
            self.book.shown_long.add(int(value))
            self._problem("long_cell")
        if self.row == 1 and value:
            self.headers[self.column] = (int(value) if self.kind == "s" and value.isdigit()
                                         else value)

    def _problem(self, kind: str, value: str = "") -> None:
        book = self.book
        if sum(p.kind == kind for p in book.problems) >= MAX_LISTED:
            book.unlisted[kind] = book.unlisted.get(kind, 0) + 1
            return
        book.problems.append(_Problem(kind, self.title, self.row, self.column, value))

    def _merge(self, ref: str) -> None:
        first, _, last = ref.partition(":")
        a, b = CELL.fullmatch(first), CELL.fullmatch(last or first)
        if not a or not b:
            return
        book = self.book
        book.merged += 1
        if book.merged > MAX_MERGED:
            raise _fail(book, t("guard.too_many_merged", limit=number_text(MAX_MERGED)), self.title)
        rows = sorted((int(a.group(2)), int(b.group(2))))
        cols = sorted((column_number(a.group(1)), column_number(b.group(1))))
        if (rows[0], cols[0]) != (rows[1], cols[1]):
            self.sheet.merged.append((rows[0], cols[0], rows[1], cols[1]))


def _cell_problems(book: _Book) -> list[CellError | str]:
    """The problems found, each at its cell, its column named by the sheet's header."""
    headers = _header_texts(book)
    messages = {
        "long_cell": lambda _: t("guard.long_cell", limit=number_text(MAX_CELL_CHARS)),
        "formula": lambda _: t("guard.formula"),
        "error_value": lambda value: t("guard.error_value", value=value),
    }
    out: list[CellError | str] = []
    for p in sorted(book.problems, key=lambda p: (list(book.sheets).index(p.sheet)
                                                  if p.sheet in book.sheets else 0, p.row)):
        column = headers.get(p.sheet, {}).get(p.column) if p.row != 1 else None
        out.append(CellError(book.label, p.sheet, p.row, column or column_letter(p.column),
                             messages[p.kind](p.value)))
    for kind, n in book.unlisted.items():
        out.append(f"{book.label}: {messages[kind]('…')} ({t('guard.more', n=n)})")
    if book.long_shared - book.shown_long:  # a long text no cell shows: still read by openpyxl
        limit = number_text(MAX_CELL_CHARS)
        out.append(f"{book.label}: {t('guard.long_text', part=book.shared, limit=limit)}")
    return out


def _header_texts(book: _Book) -> dict[str, dict[int, str]]:
    """Row 1 as text; shared strings are looked up in a second, bounded pass (only when a
    problem is reported, so a good workbook is streamed once)."""
    wanted = {v for cells in book.headers.values() for v in cells.values()
              if isinstance(v, int) and v not in book.long_shared}
    found: dict[int, str] = {}
    if wanted and book.shared:
        _scan(book, book.shared, _Lookup(wanted, found))
    return {sheet: {c: (found.get(v, "") if isinstance(v, int) else v).strip()
                    for c, v in cells.items()} for sheet, cells in book.headers.items()}


class _Lookup(Handler):
    """The first 200 characters of the wanted shared strings."""

    limit_text = False  # run only on a workbook already refused; long texts are skipped

    def __init__(self, wanted: set[int], found: dict[int, str]) -> None:
        self.wanted, self.found, self.index, self.phonetic = wanted, found, -1, 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "si":
            self.index += 1
        elif name == "rPh":
            self.phonetic += 1

    def end(self, name: str) -> None:
        if name == "rPh":
            self.phonetic -= 1

    def text(self, data: str) -> None:
        if self.index in self.wanted and not self.phonetic:  # never a long one
            current = self.found.get(self.index, "")
            if len(current) < 200:
                self.found[self.index] = current + data[:200]
