"""The planner's workbook format: its sheets and columns, and a sheet mapped onto them.

:data:`SHEETS` is the one description of the format: the loader validates against it, the
template (:mod:`tejido.loaders.template`) and the synthetic portfolios
(:mod:`tejido.loaders.synth`) write from it. Headers are matched case-, accent- and
spacing-insensitively, in Spanish or English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from tejido.graph.i18n import register, t
from tejido.graph.model import ActionTipo, ActorTipo, Estado, MechanismTipo, Nivel, fold

from .cells import clean_text
from .location import CellError
from .tables import Row, Table

register(
    {
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
    }
)

#: The words a drop-down offers for a yes/no column.
YES_NO = ("sí", "no")


class Relacion(StrEnum):
    """What an ``equivalencias`` row says of its two names (see
    :mod:`tejido.loaders.equivalences`)."""

    #: Two names of one institution: the name resolves to the declared actor.
    mismo_actor = "mismo_actor"
    #: The declared actor replaced (renamed) the one called by the name: SUCCEEDS.
    renombrado = "renombrado"

#: Separators inside a multi-value cell (Alt+Enter line breaks count too).
_MULTI_SPLIT = re.compile(r"[;\n]")
_HEADER_SPACING = re.compile(r"[\s_\-]+")


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
    # Optional: the planner's written decisions that two names are one actor, or that one
    # institution replaced another. The English aliases are the keys of the suggestions
    # `tejido quality --format json` proposes, so those rows paste as they are.
    SheetSpec("equivalencias", ("equivalences",), (
        Column("nombre", ("name",), required=True),
        Column("equivale_a", ("equivalent_to", "equivale", "same as"), required=True),
        Column("relacion", ("relation",), required=True, choices=Relacion),
        Column("fuente", ("source", "reference")),
    )),
)
SHEET_SPECS: dict[str, SheetSpec] = {spec.name: spec for spec in SHEETS}
#: The template's hidden sheet of drop-down lists: never data.
LISTS_SHEET = "listas"


def header_key(text: str) -> str:
    """'Pertenece_a ' -> 'pertenece a', 'Título' -> 'titulo': how headers and sheets compare
    (invisible characters do not count: a sheet titled «acciones\u200b» is acciones)."""
    return _HEADER_SPACING.sub(" ", fold(clean_text(text).text)).strip()


_SHEET_BY_KEY = {
    header_key(alias): spec for spec in SHEETS for alias in (spec.name, *spec.aliases)
}


def sheet_spec(title: str) -> SheetSpec | None:
    """The sheet a title names ('Actors', 'ACCIONES'…), or None for any other sheet."""
    return _SHEET_BY_KEY.get(header_key(title))


# --------------------------------------------------------------------------------------
# Cells: text out of whatever the file held.


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


# --------------------------------------------------------------------------------------
# A sheet as read, then mapped onto its specification.


class RawSheet(NamedTuple):
    """One sheet as the file holds it: header cells (row 1), data rows with their numbers."""

    file: str
    name: str
    header: list[Any]
    rows: list[tuple[int, tuple[Any, ...]]]
    #: (row, 0-based column) -> the row a merged cell printed that value in, for the cells
    #: it was filled into from above (:func:`tejido.loaders.workbook_clean.fill_merged`).
    filled: Mapping[tuple[int, int], int] | None = None


def map_sheet(sheet: RawSheet, spec: SheetSpec, errors: list[CellError]) -> Table:
    """The sheet's non-blank rows by canonical column name; bad headers and values in a
    column without a header are added to ``errors``."""
    columns = _header_map(sheet, spec, errors)
    headers = {c.name: cell_text(sheet.header[i]) or c.name for i, c in columns.items()}
    rows: list[Row] = []
    filled = sheet.filled
    for number, values in sheet.rows:
        cells: dict[str, str] = {}
        raw: dict[str, Any] = {}
        printed: dict[str, int] = {}
        orphan = None
        for index, value in enumerate(values):
            text = cell_text(value)
            if text is None:
                continue
            column = columns.get(index)
            if column is None:
                if index >= len(sheet.header) or cell_text(sheet.header[index]) is None:
                    orphan = orphan or text
                continue
            cells[column.name] = text
            raw[column.name] = value
            if filled and (number, index) in filled:
                printed[column.name] = filled[(number, index)]
        if orphan is not None:
            errors.append(CellError(sheet.file, sheet.name, number, None, t(
                "wb.orphan_value", value=orphan)))
        if cells:
            rows.append(Row(number, cells, filled_from=printed, raw=raw))
    return Table(sheet.file, sheet.name, headers, rows)


def _header_map(sheet: RawSheet, spec: SheetSpec, errors: list[CellError]) -> dict[int, Column]:
    """Column position -> Column; unknown, duplicated and missing required headers are errors."""
    by_key = {header_key(a): c for c in spec.columns for a in (c.name, *c.aliases)}
    allowed = ", ".join(c.name for c in spec.columns)
    found: dict[int, Column] = {}
    written: dict[str, str] = {}
    for index, raw in enumerate(sheet.header):
        header = cell_text(raw)
        if header is None:
            continue
        column = by_key.get(header_key(header))
        if column is None:
            errors.append(CellError(sheet.file, sheet.name, 1, header, t(
                "wb.unknown_header", header=header, allowed=allowed)))
            continue
        if column.name in written:
            errors.append(CellError(sheet.file, sheet.name, 1, header, t(
                "wb.duplicate_header", field=column.name, other=written[column.name])))
            continue
        written[column.name] = header
        found[index] = column
    for column in spec.columns:
        if column.required and column.name not in written:
            errors.append(CellError(sheet.file, sheet.name, 1, column.name, t(
                "wb.missing_header", field=column.name)))
    return found
