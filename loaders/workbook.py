"""The planner's workbook: one ``.xlsx`` (or a folder of CSV files) turned into a graph batch.

Sheets: ``actores``, ``acciones``, ``territorios``, ``mecanismos`` and, optionally,
``relaciones``. Headers are matched case-, accent- and spacing-insensitively, in Spanish
or English. Everything is validated before anything is returned: every bad cell is
collected as a :class:`CellError` and raised together in one :class:`InputError`, so the
planner fixes the whole workbook in one pass and a bad workbook never half-loads.

Provenance: each data row becomes a :class:`Source` (document = the workbook's file name,
table = the sheet, row = the Excel row number, header = row 1); every node and
relationship built from a row lists that Source. A ``fuente`` cell (the document the row
cites) adds a second Source for that document, with no table and row 0.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t
from tejido.graph.model import (
    Action,
    ActionTipo,
    Actor,
    ActorTipo,
    Axis,
    Estado,
    GraphBatch,
    Mechanism,
    MechanismTipo,
    Nivel,
    Rel,
    RelType,
    Source,
    Territory,
    fold,
    stable_id,
)

from . import cells
from .actors import ActorIndex
from .base import LoadResult
from .location import CellError

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
        "wb.duplicate_sheet": {
            "es": "la hoja «{kind}» aparece dos veces (también «{other}»)",
            "en": "the sheet «{kind}» appears twice (also «{other}»)",
        },
        "wb.unknown_header": {
            "es": "encabezado desconocido «{header}»; se admiten: {allowed}",
            "en": "unknown header «{header}»; allowed: {allowed}",
        },
        "wb.duplicate_header": {
            "es": "la columna «{field}» aparece dos veces (también «{other}»)",
            "en": "the column «{field}» appears twice (also «{other}»)",
        },
        "wb.missing_header": {
            "es": "falta la columna obligatoria «{field}»",
            "en": "the required column «{field}» is missing",
        },
        "wb.orphan_value": {
            "es": "valor «{value}» en una columna sin encabezado",
            "en": "value «{value}» in a column without a header",
        },
        "wb.required": {
            "es": "celda obligatoria vacía",
            "en": "required cell is empty",
        },
        "wb.bad_weight": {
            "es": "peso «{value}» no es un número mayor o igual que 0",
            "en": "weight «{value}» is not a number greater than or equal to 0",
        },
        "wb.duplicate_name": {
            "es": "«{name}» ya está declarado en la fila {row}",
            "en": "«{name}» is already declared in row {row}",
        },
        "wb.alias_taken": {
            "es": "la sigla «{alias}» ya identifica a «{owner}» (fila {row})",
            "en": "the acronym «{alias}» already identifies «{owner}» (row {row})",
        },
        "wb.duplicate_id": {
            "es": "el id «{value}» ya se usa en la fila {row}",
            "en": "the id «{value}» is already used in row {row}",
        },
        "wb.merged_action": {
            "es": "la acción repite título, eje y objetivo de la fila {row}; se fusionan en una",
            "en": "the action repeats the title, axis and objective of row {row}; merged into one",
        },
        "wb.self_parent": {
            "es": "un territorio no puede pertenecer a sí mismo",
            "en": "a territory cannot belong to itself",
        },
        "wb.cycle": {
            "es": "pertenece_a forma un ciclo: {chain}",
            "en": "pertenece_a forms a cycle: {chain}",
        },
        "wb.self_relation": {
            "es": "origen y destino son el mismo actor",
            "en": "origin and target are the same actor",
        },
        "wb.todos_empty": {
            "es": "TODOS, pero el libro no nombra ningún territorio",
            "en": "TODOS, but the workbook names no territory",
        },
        "wb.undeclared": {
            "es": "{what} «{name}» no está declarado en la hoja {sheet}",
            "en": "{what} «{name}» is not declared in the sheet {sheet}",
        },
        "wb.auto_created": {
            "es": "{what} «{name}» no está declarado en la hoja {sheet}; se crea{tipo}{more}",
            "en": "{what} «{name}» is not declared in the sheet {sheet}; created{tipo}{more}",
        },
        "wb.auto_tipo": {"es": " con tipo «otro»", "en": " with tipo «otro»"},
        "wb.more_rows": {
            "es": " (también en las filas {rows})",
            "en": " (also in rows {rows})",
        },
        "wb.what.actor": {"es": "el actor", "en": "the actor"},
        "wb.what.territory": {"es": "el territorio", "en": "the territory"},
        "wb.what.mechanism": {"es": "el mecanismo", "en": "the mechanism"},
    }
)

#: The words a drop-down offers for a yes/no column.
YES_NO = ("sí", "no")
#: In a territorios cell: every territory the workbook names.
ALL_TERRITORIES = "todos"
#: Separators inside a multi-value cell (Alt+Enter line breaks count too).
_MULTI_SPLIT = re.compile(r"[;\n]")
_HEADER_SPACING = re.compile(r"[\s_\-]+")
#: Names repeat thousands of times in a portfolio (actors, territories, closed-list
#: words); Unicode normalisation of each occurrence would dominate a large load.
_fold = functools.lru_cache(maxsize=1 << 16)(fold)
_closed = functools.lru_cache(maxsize=1 << 12)(cells.closed)
_boolean = functools.lru_cache(maxsize=1 << 6)(cells.boolean)


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its canonical (Spanish) header and what it accepts."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    #: A closed list: the enum, or the yes/no words.
    choices: type[StrEnum] | tuple[str, ...] | None = None

    def allowed(self) -> tuple[str, ...]:
        if self.choices is None:
            return ()
        if isinstance(self.choices, tuple):
            return self.choices
        return tuple(member.value for member in self.choices)


@dataclass(frozen=True)
class SheetSpec:
    name: str
    aliases: tuple[str, ...]
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec("actores", ("actors",), (
        Column("nombre", ("name",), required=True),
        Column("siglas", ("sigla", "acronimos", "acronyms", "aliases", "alias")),
        Column("tipo", ("type",), choices=ActorTipo),
        Column("nivel", ("level",), choices=Nivel),
        Column("interno", ("internal",), choices=YES_NO),
        Column("notas", ("notes", "nota")),
    )),
    SheetSpec("acciones", ("actions",), (
        Column("id", ("codigo", "code")),
        Column("titulo", ("title",), required=True),
        Column("tipo", ("type",), choices=ActionTipo),
        Column("eje", ("axis",)),
        Column("objetivo", ("objective",)),
        Column("problema", ("problem", "problematica")),
        Column("estado", ("status", "state"), choices=Estado),
        Column("rector", ("lead", "ente rector")),
        Column("articuladores", ("articulators", "articulador")),
        Column("territorios", ("territories", "territorio")),
        Column("mecanismos", ("mechanisms", "mecanismo")),
        Column("fuente", ("source",)),
    )),
    SheetSpec("territorios", ("territories",), (
        Column("nombre", ("name",), required=True),
        Column("tipo", ("type",)),
        Column("pertenece_a", ("parent",)),
        Column("codigo", ("code",)),
    )),
    SheetSpec("mecanismos", ("mechanisms",), (
        Column("nombre", ("name",), required=True),
        Column("tipo", ("type",), choices=MechanismTipo),
    )),
    SheetSpec("relaciones", ("relations", "relationships"), (
        # "source"/"target" is the usual edge-list pair (Gephi, networkx), so here
        # "source" means the origin and the cited document is "fuente"/"reference".
        Column("origen", ("origin", "source"), required=True),
        Column("destino", ("target", "destination"), required=True),
        Column("tipo", ("type",)),
        Column("peso", ("weight",)),
        Column("mecanismo", ("mechanism",)),
        Column("fuente", ("reference",)),
    )),
)
SHEET_SPECS: dict[str, SheetSpec] = {spec.name: spec for spec in SHEETS}
#: The template's hidden sheet of drop-down lists: never data.
LISTS_SHEET = "listas"


def header_key(text: str) -> str:
    """'Pertenece_a ' -> 'pertenece a', 'Título' -> 'titulo': how headers and sheets compare."""
    return _HEADER_SPACING.sub(" ", fold(text)).strip()


_SHEET_BY_KEY = {
    header_key(alias): spec for spec in SHEETS for alias in (spec.name, *spec.aliases)
}


# --------------------------------------------------------------------------------------
# Raw tables: what the file holds, before any meaning is given to it.


@dataclass
class Table:
    """One sheet as read: header cells (row 1) and the data rows with their Excel numbers."""

    file: str
    name: str
    header: list[Any]
    rows: list[tuple[int, tuple[Any, ...]]]


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
        return _load(_csv_tables(files), label, path.name, strict)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _load(_csv_tables([path]), label, path.name, strict)
    if suffix not in (".xlsx", ".xlsm"):
        raise InputError(_at(label, t("wb.unsupported")))
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except _DAMAGED as exc:
        raise InputError(_at(label, t("wb.unreadable", reason=_reason(exc)))) from exc
    try:
        # Read every cell first: a damaged sheet part only shows up while its rows are
        # being read, and must not be mistaken for (or hide) a problem of the builder.
        tables = list(_xlsx_tables(book, label))
    except _DAMAGED as exc:
        raise InputError(_at(label, t("wb.unreadable", reason=_reason(exc)))) from exc
    finally:
        book.close()
    return _load(iter(tables), label, path.name, strict)


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
        out.append(Table(document, name, list(header), values))
    return _load(iter(out), document, document, strict)


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _at(file: str, message: str, sheet: str | None = None) -> str:
    """A problem with a whole file or sheet (no row or column to point at)."""
    return f"{file}:{sheet}: {message}" if sheet else f"{file}: {message}"


def _xlsx_tables(book: Any, label: str) -> Iterator[Table]:
    for sheet in book.worksheets:
        # Files written by other programs may declare a wrong sheet size; without this,
        # read-only mode would silently cut rows or columns off.
        sheet.reset_dimensions()
        rows = enumerate(sheet.iter_rows(values_only=True), 1)
        first = next(rows, None)
        if first is None:
            continue  # an empty sheet is as good as no sheet
        yield Table(label, sheet.title, list(first[1]), list(rows))


def _csv_tables(files: list[Path]) -> Iterator[Table]:
    for file in files:
        try:
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
        yield Table(str(file), file.stem, list(records[0][1]), records[1:])


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM); else Windows-1252, what Excel's plain "CSV" writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


# --------------------------------------------------------------------------------------
# Cells: typed values out of whatever the file held.


def cell_text(value: Any) -> str | None:
    """A cell as trimmed text; ``None`` when blank. 3.0 -> '3' (Excel stores codes as numbers)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def split_multi(value: str | None) -> list[str]:
    """'SA; EPMMOP ;;' -> ['SA', 'EPMMOP']."""
    if not value:
        return []
    return [part.strip() for part in _MULTI_SPLIT.split(value) if part.strip()]


@dataclass(frozen=True)
class Row:
    """One non-blank data row of a known sheet, its cells by canonical column name."""

    table: Table
    number: int
    cells: dict[str, str]
    headers: dict[str, str]  # canonical name -> header as written (for messages)
    raw: dict[str, Any]

    def at(self, column: str) -> tuple[str, str, int, str]:
        return (self.table.file, self.table.name, self.number, self.headers.get(column, column))


# --------------------------------------------------------------------------------------
# From rows to the graph.


@dataclass
class _Reference:
    """An undeclared territory/mechanism/actor, with every cell that names it."""

    what: str
    name: str
    sheet: str
    cells: list[tuple[str, str, int, str]] = field(default_factory=list)


class _Builder:
    """Turns the rows of one workbook into a batch, collecting every problem on the way."""

    def __init__(self, document: str, strict: bool) -> None:
        self.document = document
        self.strict = strict
        self.batch = GraphBatch()
        self.errors: list[CellError] = []
        self.warnings: list[str] = []
        self.actors = ActorIndex()
        self.actor_rows: dict[str, int] = {}
        self.territories: dict[str, Territory] = {}
        self.territory_rows: dict[str, int] = {}
        self.mechanisms: dict[str, Mechanism] = {}
        self.mechanism_rows: dict[str, int] = {}
        self.action_rows: dict[str, int] = {}
        self.action_codes: dict[str, int] = {}
        self.undeclared: dict[tuple[str, str], _Reference] = {}
        self.everywhere: list[tuple[Row, str, list[str]]] = []  # TODOS cells
        self._actor_refs: dict[str, Actor] = {}  # reference as written -> actor
        self._axis_ids: dict[tuple[str, str], str] = {}
        self._cited: dict[Any, set[str]] = {}  # node id / rel ident -> its sources, as a set

    # -- helpers -----------------------------------------------------------------------

    def error(self, where: tuple[str, str, int | None, str | None], message: str) -> None:
        self.errors.append(CellError(*where, message))

    def sources(self, row: Row) -> list[str]:
        """The row's Source (and the cited document's, if any), added to the batch."""
        source = Source.of(self.document, row.table.name, row.number)
        self.batch.add_node(source)
        ids = [source.id]
        cited = row.cells.get("fuente")
        if cited:
            ids.append(self.batch.add_node(Source.of(cited, "", 0)).id)
        return ids

    def choice(self, row: Row, spec: SheetSpec, name: str) -> str | None:
        """A closed-list cell as its canonical value; an error (and None) when not in the list."""
        text = row.cells.get(name)
        if text is None:
            return None
        choices = spec.column(name).choices
        try:
            if isinstance(choices, tuple):  # yes/no
                return YES_NO[0] if _boolean(text) else YES_NO[1]
            assert choices is not None
            return _closed(text, choices)
        except cells.CellValueError as exc:
            self.error(row.at(name), str(exc))
            return None

    def cite(self, node_id: str, sources: list[str]) -> None:
        """Add sources to a node already in the batch. The set keeps this linear: an eje
        or an undeclared parish may be cited by tens of thousands of rows."""
        self._merge(node_id, self.batch.nodes[node_id].sources, sources)

    def _merge(self, key: Any, into: list[str], sources: list[str]) -> None:
        seen = self._cited.get(key)
        if seen is None:
            seen = self._cited[key] = set(into)
        for source in sources:
            if source not in seen:
                seen.add(source)
                into.append(source)

    def required(self, row: Row, name: str) -> str | None:
        value = row.cells.get(name)
        if value is None:
            self.error(row.at(name), t("wb.required"))
        return value

    def rel(
        self, rtype: RelType, source: Any, target: Any, sources: list[str], **props: Any
    ) -> None:
        self.batch.add_rel(Rel(
            type=rtype, source=source.id, target=target.id, source_label=source.label,
            target_label=target.label, sources=list(sources), **props,
        ))

    def note_undeclared(self, what: str, name: str, sheet: str, row: Row, column: str) -> None:
        key = (what, _fold(name))
        ref = self.undeclared.setdefault(key, _Reference(what, name, sheet))
        ref.cells.append(row.at(column))

    # -- declarations ------------------------------------------------------------------

    def actor_row(self, row: Row, spec: SheetSpec) -> None:
        name = self.required(row, "nombre")
        tipo = self.choice(row, spec, "tipo")
        nivel = self.choice(row, spec, "nivel")
        interno = self.choice(row, spec, "interno")
        if name is None:
            return
        existing = self.actors.resolve(name)
        actor_id = Actor.key(name)
        if existing is None and actor_id in self.actors.actors:
            existing = self.actors.actors[actor_id]  # another spelling, same stable id
        if existing is not None:
            first = self.actor_rows[existing.id]
            if fold(existing.name) != fold(name):  # the name is another actor's sigla
                message = t("wb.alias_taken", alias=name, owner=existing.name, row=first)
            else:
                message = t("wb.duplicate_name", name=name, row=first)
            self.error(row.at("nombre"), message)
            return
        actor = Actor(
            id=actor_id, name=name, siglas=split_multi(row.cells.get("siglas")),
            tipo=tipo or ActorTipo.otro, nivel=nivel, notas=row.cells.get("notas"),
            interno=None if interno is None else interno == "sí",
            sources=self.sources(row),
        )
        for alias in self.actors.add(actor):
            owner = self.actors.resolve(alias)
            assert owner is not None  # a clash means someone owns it
            self.error(row.at("siglas"), t(
                "wb.alias_taken", alias=alias, owner=owner.name, row=self.actor_rows[owner.id]))
        self.actor_rows[actor.id] = row.number
        self.batch.add_node(actor)

    def territory_row(self, row: Row, _spec: SheetSpec) -> None:
        name = self.required(row, "nombre")
        if name is None:
            return
        key = fold(name)
        if key in self.territories:
            self.error(row.at("nombre"), t(
                "wb.duplicate_name", name=name, row=self.territory_rows[key]))
            return
        territory = Territory(
            id=Territory.key(name), name=name, tipo=row.cells.get("tipo"),
            parent=row.cells.get("pertenece_a"), codigo=row.cells.get("codigo"),
            sources=self.sources(row),
        )
        self.territories[key] = territory
        self.territory_rows[key] = row.number
        self.batch.add_node(territory)

    def territory_parents(self, rows: list[Row]) -> None:
        """PART_OF for every declared ``pertenece_a`` (parents may be declared further down)."""
        parent_of: dict[str, str] = {}
        for row in rows:
            name, parent = row.cells.get("nombre"), row.cells.get("pertenece_a")
            if not name or not parent or self.territory_rows.get(fold(name)) != row.number:
                continue
            if fold(parent) == fold(name):
                self.error(row.at("pertenece_a"), t("wb.self_parent"))
                continue
            child = self.territories[fold(name)]
            target = self.territory(parent, row, "pertenece_a", child.sources)
            parent_of[child.id] = target.id
            self.rel(RelType.PART_OF, child, target, child.sources)
        self.check_cycles(parent_of, rows)

    def check_cycles(self, parent_of: dict[str, str], rows: list[Row]) -> None:
        by_id = {node.id: node for node in self.territories.values()}
        reported: set[str] = set()
        for start in parent_of:
            chain, seen, node = [start], {start}, parent_of.get(start)
            while node is not None and node not in seen:
                chain.append(node)
                seen.add(node)
                node = parent_of.get(node)
            if node is None or node != start or start in reported:
                continue
            reported.update(chain)
            names = " → ".join(by_id[n].name for n in [*chain, start])
            number = self.territory_rows[fold(by_id[start].name)]
            row = next(r for r in rows if r.number == number)
            self.error(row.at("pertenece_a"), t("wb.cycle", chain=names))

    def mechanism_row(self, row: Row, spec: SheetSpec) -> None:
        name = self.required(row, "nombre")
        tipo = self.choice(row, spec, "tipo")
        if name is None:
            return
        key = fold(name)
        if key in self.mechanisms:
            self.error(row.at("nombre"), t(
                "wb.duplicate_name", name=name, row=self.mechanism_rows[key]))
            return
        mechanism = Mechanism(
            id=Mechanism.key(name), name=name, tipo=tipo or MechanismTipo.otro,
            sources=self.sources(row),
        )
        self.mechanisms[key] = mechanism
        self.mechanism_rows[key] = row.number
        self.batch.add_node(mechanism)

    # -- references ----------------------------------------------------------------------

    def actor(self, name: str, row: Row, column: str, sources: list[str]) -> Actor:
        actor = self._actor_refs.get(name)
        if actor is None:
            actor = self.actors.resolve(name) or self.actors.actors.get(Actor.key(name))
            if actor is None:
                actor = Actor(id=Actor.key(name), name=name, tipo=ActorTipo.otro, auto=True)
                self.actors.add(actor)
                self.batch.add_node(actor)
            self._actor_refs[name] = actor
        if actor.auto:
            self.note_undeclared("actor", actor.name, "actores", row, column)
            self.cite(actor.id, sources)
        return actor

    def territory(self, name: str, row: Row, column: str, sources: list[str]) -> Territory:
        key = _fold(name)
        territory = self.territories.get(key)
        if territory is None:
            territory = Territory(id=Territory.key(name), name=name)
            self.territories[key] = territory
            self.batch.add_node(territory)
        if key not in self.territory_rows:
            self.note_undeclared("territory", territory.name, "territorios", row, column)
            self.cite(territory.id, sources)
        return territory

    def mechanism(self, name: str, row: Row, column: str, sources: list[str]) -> Mechanism:
        key = _fold(name)
        mechanism = self.mechanisms.get(key)
        if mechanism is None:
            mechanism = Mechanism(id=Mechanism.key(name), name=name, tipo=MechanismTipo.otro)
            self.mechanisms[key] = mechanism
            self.batch.add_node(mechanism)
        if key not in self.mechanism_rows:
            self.note_undeclared("mechanism", mechanism.name, "mecanismos", row, column)
            self.cite(mechanism.id, sources)
        return mechanism

    # -- actions and relations -------------------------------------------------------------

    def action_row(self, row: Row, spec: SheetSpec) -> None:
        titulo = self.required(row, "titulo")
        tipo = self.choice(row, spec, "tipo")
        estado = self.choice(row, spec, "estado")
        sources = self.sources(row)
        leads = [
            self.actor(n, row, "rector", sources) for n in split_multi(row.cells.get("rector"))
        ]
        partners = [
            self.actor(n, row, "articuladores", sources)
            for n in split_multi(row.cells.get("articuladores"))
        ]
        places = split_multi(row.cells.get("territorios"))
        everywhere = any(_fold(p) == ALL_TERRITORIES for p in places)
        territories = [
            self.territory(p, row, "territorios", sources)
            for p in places if _fold(p) != ALL_TERRITORIES
        ]
        mechanisms = [
            self.mechanism(n, row, "mecanismos", sources)
            for n in split_multi(row.cells.get("mecanismos"))
        ]
        if titulo is None:
            return
        eje, objetivo = row.cells.get("eje"), row.cells.get("objetivo")
        code = row.cells.get("id")
        action_id = stable_id("action", code) if code else Action.key(titulo, eje, objetivo)
        if code:
            first = self.action_codes.setdefault(fold(code), row.number)
            if first != row.number:
                self.error(row.at("id"), t("wb.duplicate_id", value=code, row=first))
                return
        elif action_id in self.action_rows:
            self.warnings.append(str(CellError(*row.at("titulo"), t(
                "wb.merged_action", row=self.action_rows[action_id]))))
        self.action_rows.setdefault(action_id, row.number)
        action = self.batch.add_node(Action(
            id=action_id, titulo=titulo, tipo=tipo or ActionTipo.accion, estado=estado,
            eje=eje, objetivo=objetivo, problema=row.cells.get("problema"), sources=sources,
        ))
        self.axes(action, eje, objetivo, sources)
        for actor in leads:
            self.rel(RelType.LEADS, actor, action, sources)
        for actor in partners:
            self.rel(RelType.ARTICULATES, actor, action, sources)
        for territory in territories:
            self.rel(RelType.TARGETS, action, territory, sources)
        for mechanism in mechanisms:
            self.rel(RelType.USES, action, mechanism, sources)
        if everywhere:
            self.everywhere.append((row, action.id, sources))

    def axes(self, action: Any, eje: str | None, objetivo: str | None, sources: list[str]) -> None:
        """eje/objetivo become Axis nodes the action is UNDER; the objetivo is PART_OF the eje."""
        eje_node = self.axis(eje, "eje", None, sources) if eje else None
        objetivo_node = self.axis(objetivo, "objetivo", eje, sources) if objetivo else None
        for node in (eje_node, objetivo_node):
            if node is not None:
                self.rel(RelType.UNDER, action, node, sources)
        if eje_node is not None and objetivo_node is not None:
            ident = (objetivo_node.id, eje_node.id, RelType.PART_OF.value)
            if ident in self.batch.rels:
                self._merge(ident, self.batch.rels[ident].sources, sources)
            else:
                self.rel(RelType.PART_OF, objetivo_node, eje_node, sources)

    def axis(self, name: str, tipo: str, parent: str | None, sources: list[str]) -> Axis:
        axis_id = self._axis_ids.get((tipo, name))
        if axis_id is None:
            axis_id = self._axis_ids[(tipo, name)] = Axis.key(name, tipo)
        if axis_id in self.batch.nodes:
            self.cite(axis_id, sources)
        else:
            self.batch.add_node(Axis(
                id=axis_id, name=name, tipo=tipo, parent=parent, sources=list(sources)))
        node = self.batch.nodes[axis_id]
        assert isinstance(node, Axis)
        return node

    def relation_row(self, row: Row, _spec: SheetSpec) -> None:
        origin = self.required(row, "origen")
        target = self.required(row, "destino")
        peso = self.weight(row)
        sources = self.sources(row)
        a = self.actor(origin, row, "origen", sources) if origin else None
        b = self.actor(target, row, "destino", sources) if target else None
        mecanismo = row.cells.get("mecanismo")
        mechanism = self.mechanism(mecanismo, row, "mecanismo", sources) if mecanismo else None
        if a is None or b is None:
            return
        if a.id == b.id:
            self.error(row.at("destino"), t("wb.self_relation"))
            return
        tipo = row.cells.get("tipo")
        self.rel(
            RelType.RELATES, a, b, sources, tipo=" ".join(tipo.lower().split()) if tipo else None,
            peso=peso, mecanismo=mechanism.name if mechanism else None,
        )

    def weight(self, row: Row) -> float | None:
        raw = row.raw.get("peso")
        text = row.cells.get("peso")
        if text is None:
            return None
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            value = float(raw)
        else:
            try:
                value = cells.number(text)  # also '2,5', as a Spanish-locale sheet writes it
            except cells.CellValueError:
                value = math.nan
        if not math.isfinite(value) or value < 0:
            self.error(row.at("peso"), t("wb.bad_weight", value=text))
            return None
        return value

    # -- closing -------------------------------------------------------------------------------

    def finish(self) -> None:
        """TODOS expansion, then the undeclared references (warnings, or errors when strict)."""
        every = list(self.territories.values())
        for row, action_id, sources in self.everywhere:
            if not every:
                self.error(row.at("territorios"), t("wb.todos_empty"))
            for territory in every:
                self.batch.add_rel(Rel(
                    type=RelType.TARGETS, source=action_id, target=territory.id,
                    source_label="Action", target_label="Territory", sources=list(sources),
                ))
        for ref in self.undeclared.values():
            what = t(f"wb.what.{ref.what}")
            if self.strict:
                for where in ref.cells:
                    self.error(where, t("wb.undeclared", what=what, name=ref.name, sheet=ref.sheet))
                continue
            first, *others = ref.cells
            rows = sorted({str(c[2]) for c in others if c[:3] != first[:3]}, key=int)
            more = t("wb.more_rows", rows=_short_list(rows)) if rows else ""
            tipo = t("wb.auto_tipo") if ref.what != "territory" else ""
            self.warnings.append(str(CellError(*first, t(
                "wb.auto_created", what=what, name=ref.name, sheet=ref.sheet, tipo=tipo, more=more,
            ))))


def _short_list(items: list[str], limit: int = 8) -> str:
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f", … (+{len(items) - limit})"


# --------------------------------------------------------------------------------------
# Headers and the overall pass.


def _header_map(table: Table, spec: SheetSpec, errors: list[CellError]) -> dict[int, Column]:
    """Column position -> Column; unknown, duplicated and missing required headers are errors."""
    by_key = {header_key(a): c for c in spec.columns for a in (c.name, *c.aliases)}
    allowed = ", ".join(c.name for c in spec.columns)
    found: dict[int, Column] = {}
    written: dict[str, str] = {}
    for index, raw in enumerate(table.header):
        header = cell_text(raw)
        if header is None:
            continue
        column = by_key.get(header_key(header))
        if column is None:
            errors.append(CellError(table.file, table.name, 1, header, t(
                "wb.unknown_header", header=header, allowed=allowed)))
            continue
        if column.name in written:
            errors.append(CellError(table.file, table.name, 1, header, t(
                "wb.duplicate_header", field=column.name, other=written[column.name])))
            continue
        written[column.name] = header
        found[index] = column
    for column in spec.columns:
        if column.required and column.name not in written:
            errors.append(CellError(table.file, table.name, 1, column.name, t(
                "wb.missing_header", field=column.name)))
    return found


def _rows(table: Table, columns: dict[int, Column], errors: list[CellError]) -> Iterator[Row]:
    headers = {c.name: cell_text(table.header[i]) or c.name for i, c in columns.items()}
    for number, values in table.rows:
        cells: dict[str, str] = {}
        raw: dict[str, Any] = {}
        orphan = None
        for index, value in enumerate(values):
            text = cell_text(value)
            if text is None:
                continue
            column = columns.get(index)
            if column is None:
                if index >= len(table.header) or cell_text(table.header[index]) is None:
                    orphan = orphan or text
                continue
            cells[column.name] = text
            raw[column.name] = value
        if orphan is not None:
            errors.append(CellError(table.file, table.name, number, None, t(
                "wb.orphan_value", value=orphan)))
        if cells:
            yield Row(table, number, cells, headers, raw)


_ORDER = ("actores", "territorios", "mecanismos", "acciones", "relaciones")


def _load(tables: Iterator[Table], label: str, document: str, strict: bool) -> LoadResult:
    builder = _Builder(document, strict)
    errors = builder.errors
    known: dict[str, list[Row]] = {}
    seen_sheets: dict[str, str] = {}
    sheet_problems: list[str] = []  # whole sheets or files: no row to point at
    for table in tables:
        spec = _SHEET_BY_KEY.get(header_key(table.name))
        if spec is None:
            if header_key(table.name) != LISTS_SHEET:
                builder.warnings.append(_at(table.file, t(
                    "wb.ignored_sheet", sheets=", ".join(s.name for s in SHEETS)), table.name))
            continue
        if spec.name in seen_sheets:
            sheet_problems.append(_at(table.file, t(
                "wb.duplicate_sheet", kind=spec.name, other=seen_sheets[spec.name]), table.name))
            continue
        seen_sheets[spec.name] = table.name
        columns = _header_map(table, spec, errors)
        known[spec.name] = list(_rows(table, columns, errors))
    if not seen_sheets and not sheet_problems:
        sheet_problems.append(_at(label, t(
            "wb.no_sheets", sheets=", ".join(s.name for s in SHEETS))))
    handlers = {
        "actores": builder.actor_row, "territorios": builder.territory_row,
        "mecanismos": builder.mechanism_row, "acciones": builder.action_row,
        "relaciones": builder.relation_row,
    }
    for name in _ORDER:
        for row in known.get(name, []):
            handlers[name](row, SHEET_SPECS[name])
        if name == "territorios":
            builder.territory_parents(known.get(name, []))
    builder.finish()
    if errors or sheet_problems:
        raise InputError([*sheet_problems, *_in_order(errors)])
    return LoadResult(batch=builder.batch, warnings=builder.warnings)


def _in_order(errors: list[CellError]) -> list[CellError]:
    """Sheet by sheet (in the order first met), row by row: how the planner walks the workbook."""
    sheets: dict[tuple[str, str], int] = {}
    for error in errors:
        sheets.setdefault((error.file, error.sheet), len(sheets))
    return sorted(errors, key=lambda e: (sheets[(e.file, e.sheet)], e.row or 0))
