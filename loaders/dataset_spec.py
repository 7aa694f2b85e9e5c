"""``dataset.yaml``: what a dataset folder declares about its tables (see data/README.md).

pydantic checks the shape; :func:`check` adds the rules that need several keys at once
(a column mapped to a field its kind does not have, a fill-down column that is not mapped…),
each reported at the key's own line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t
from tejido.graph.model import Autoridad, fold

from .location import CellError
from .split import SplitRule
from .tables import parse_rows
from .yamlconf import YamlDoc, problems_of, read_yaml

Kind = Literal["actions", "axes", "territories", "mechanisms", "relations", "actors"]

#: The fields each kind of table may map its columns to.
FIELDS: dict[str, tuple[str, ...]] = {
    "actions": ("id", "titulo", "tipo", "estado", "eje", "objetivo", "problema", "lineamiento",
                "ambito", "descripcion", "rector", "articuladores", "territorios", "mecanismos"),
    "axes": ("nombre", "tipo", "codigo", "pertenece_a", "iniciativas_declaradas",
             "nota_declaradas", "responsables"),
    "territories": ("nombre", "tipo", "pertenece_a", "codigo"),
    # convoca: actors that convene the mechanism (CONVENES); territorios: where it works
    # (TARGETS), e.g. a cantonal round-table's canton.
    "mechanisms": ("nombre", "tipo", "convoca", "territorios"),
    "relations": ("origen", "destino", "tipo", "peso", "mecanismo", "fuente"),
    "actors": ("nombre", "siglas", "variantes", "tipo", "nivel", "interno"),
}
#: The fields whose values become relationships, and so may come from a derived column
#: (``derived_columns:``): each relationship records the rule that constructed it (``Rel.derived``).
DERIVABLE: dict[str, tuple[str, ...]] = {
    "actions": ("rector", "articuladores", "territorios", "mecanismos"),
    "axes": ("responsables",),
    "mechanisms": ("convoca", "territorios"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "actions": ("titulo",),
    "axes": ("nombre",),
    "territories": ("nombre",),
    "mechanisms": ("nombre",),
    "relations": ("origen", "destino"),
    "actors": ("nombre",),
}

register(
    {
        "spec.unknown_field": {
            "es": "«{field}» no es un campo de las tablas de tipo {kind}; se admite: {allowed}",
            "en": "“{field}” is not a field of {kind} tables; allowed: {allowed}",
        },
        "spec.required": {
            "es": "las tablas de tipo {kind} necesitan una columna para «{field}»",
            "en": "{kind} tables need a column for “{field}”",
        },
        "spec.fill_unmapped": {
            "es": "«{column}» no está entre las columnas (columns) de la tabla",
            "en": "“{column}” is not one of the table's columns",
        },
        "spec.sheet_needed": {
            "es": "un libro .xlsx necesita la hoja (sheet)",
            "en": "an .xlsx workbook needs its sheet",
        },
        "spec.bad_suffix": {
            "es": "tipo de archivo no admitido (se admite .tsv, .csv, .xlsx)",
            "en": "unsupported file type (allowed: .tsv, .csv, .xlsx)",
        },
        "spec.outside": {
            "es": "el archivo debe estar dentro de la carpeta del dataset",
            "en": "the file must be inside the dataset folder",
        },
        "spec.duplicate_name": {
            "es": "ya hay otra tabla llamada «{name}»",
            "en": "another table is already called “{name}”",
        },
        "spec.not_derivable": {
            "es": "«{field}» no puede venir de una columna derivada en las tablas de tipo "
                  "{kind}; se admite: {allowed}",
            "en": "“{field}” cannot come from a derived column in {kind} tables; "
                  "allowed: {allowed}",
        },
        "spec.derived_mapped": {
            "es": "la columna «{column}» ya está en columns: una columna derivada va solo "
                  "en derived_columns",
            "en": "column “{column}” is already in columns: a derived column goes only "
                  "under derived_columns",
        },
        "spec.not_mapping": {
            "es": "dataset.yaml debe ser un mapa con document, title y tables",
            "en": "dataset.yaml must be a mapping with document, title and tables",
        },
    }
)


class DerivedColumn(BaseModel):
    """A column no cell of the source prints: values a documented rule constructed."""

    model_config = ConfigDict(extra="forbid")

    #: The field its values feed, besides (or instead of) the column mapped to it.
    field: str = Field(min_length=1)
    #: The rule's name, stored as ``derived`` on every relationship the column makes.
    rule: str = Field(min_length=1)


class TableSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file: str = Field(min_length=1)
    sheet: str | None = None
    name: str = Field(min_length=1)
    kind: Kind
    header_row: int = Field(default=1, ge=1)
    rows: str | None = None
    #: Source headers that were merged cells; as a mapping, header -> headers whose new
    #: value restarts it empty (see tables.FillDown).
    fill_down: list[str] | dict[str, list[str] | None] = Field(default_factory=list)
    #: Merged cells continue after a repeated page-break header (blank continuation).
    #: Off by default: then a repeated header restarts every fill-down column.
    fill_across_headers: bool = False
    columns: dict[str, str] = Field(min_length=1)
    split: dict[str, SplitRule] = Field(default_factory=dict)
    #: Values for fields the table has no column for (or a blank cell). A relationship
    #: made from a default is not printed in any cell: it is derived, by the rule
    #: ``<field>_por_defecto`` (:func:`default_rule`).
    defaults: dict[str, str | int | float | bool] = Field(default_factory=dict)
    #: Columns the dataset added to a copied table (headers "… (derivado)"): source header
    #: -> the field it feeds and the rule that made its values (``Rel.derived``).
    derived_columns: dict[str, DerivedColumn] = Field(default_factory=dict)
    #: The rule by which the dataset constructed this table's rows when the document prints
    #: no such rows (e.g. ``mesas_numeradas``: "8 mesas" become Mesa 1…8). Every
    #: relationship read from its rows, or joining a node only its rows declare, is
    #: derived by it (``Rel.derived``).
    derived: str | None = Field(default=None, min_length=1)

    @field_validator("rows")
    @classmethod
    def _range(cls, value: str | None) -> str | None:
        if value is not None:
            parse_rows(value)
        return value

    def fill_spec(self) -> list[str] | dict[str, list[str]]:
        if isinstance(self.fill_down, list):
            return self.fill_down
        return {name: list(triggers or []) for name, triggers in self.fill_down.items()}

    def derived_keys(self) -> dict[str, tuple[str, str, str]]:
        """The name each derived column is read under -> (its header, field, rule).

        The name is ``field@n``: a field of its own, so that it never stands as an
        alternative to the column mapped to the field (two headers, one field).
        """
        return {f"{d.field}@{n}": (header, d.field, d.rule)
                for n, (header, d) in enumerate(self.derived_columns.items(), start=1)}

    def read_columns(self) -> dict[str, str]:
        """Source header -> the name its cells are read under: ``columns`` plus the
        derived columns (``field@n``)."""
        derived = {header: key for key, (header, _, _) in self.derived_keys().items()}
        return {**self.columns, **derived}

    def feeding(self, name: str) -> list[str]:
        """Field ``name`` and the derived columns that feed it, in that order."""
        return [name, *(k for k, (_, f, _) in self.derived_keys().items() if f == name)]

    def column_rule(self, names: tuple[str, ...]) -> str | None:
        """The rule of the derived column among ``names``, if any."""
        keys = self.derived_keys()
        return next((keys[n][2] for n in names if n in keys), None)

    def row_range(self) -> tuple[int, int | None] | None:
        return parse_rows(self.rows) if self.rows else None

    def default(self, name: str) -> str:
        value = self.defaults.get(name)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "sí" if value else "no"
        return str(value)


def default_rule(name: str) -> str:
    """The ``derived`` rule of a relationship read from a default: ``rector_por_defecto``."""
    return f"{name}_por_defecto"


class DatasetSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document: str = Field(min_length=1)
    title: str = Field(min_length=1)
    #: The document's standing (a plan a council adopted, an institution's report…): how
    #: much what it says weighs when findings are ranked. Unsaid: ``sin_declarar``.
    autoridad: Autoridad = Autoridad.sin_declarar
    tables: list[TableSpec] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _drop_extensions(cls, data: Any) -> Any:
        """Top-level ``x-…`` keys only hold YAML anchors shared by several tables."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not str(k).startswith("x-")}
        return data


def read_spec(folder: Path) -> DatasetSpec:
    """Read and check ``folder/dataset.yaml``; InputError naming file, line and key."""
    doc = read_yaml(folder / "dataset.yaml")
    if not isinstance(doc.data, dict):
        raise InputError([doc.error([], t("spec.not_mapping"))])
    try:
        spec = DatasetSpec.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_of(exc, doc)) from exc
    problems = check(spec, folder, doc)
    if problems:
        raise InputError(problems)
    return spec


def check(spec: DatasetSpec, folder: Path, doc: YamlDoc) -> list[CellError]:
    """Rules across keys, one CellError per broken rule."""
    problems: list[CellError] = []
    names: set[str] = set()
    for number, table in enumerate(spec.tables):
        at = ["tables", number]
        allowed = FIELDS[table.kind]

        def unknown(name: str, where: list[str | int], kind: str = table.kind) -> CellError:
            listing = ", ".join(FIELDS[kind])
            return doc.error(where, t("spec.unknown_field", field=name, kind=kind, allowed=listing))

        if fold(table.name) in names:
            problems.append(doc.error([*at, "name"], t("spec.duplicate_name", name=table.name)))
        names.add(fold(table.name))
        path = (folder / table.file).resolve()
        if not path.is_relative_to(folder.resolve()):
            problems.append(doc.error([*at, "file"], t("spec.outside")))
        suffix = path.suffix.lower()
        if suffix not in (".tsv", ".tab", ".csv", ".xlsx"):
            problems.append(doc.error([*at, "file"], t("spec.bad_suffix")))
        elif suffix == ".xlsx" and not table.sheet:
            problems.append(doc.error([*at, "file"], t("spec.sheet_needed")))
        for header, name in table.columns.items():
            if name not in allowed:
                problems.append(unknown(name, [*at, "columns", header]))
        mapped = set(table.columns.values()) | set(table.defaults)
        for name in REQUIRED[table.kind]:
            if name not in mapped:
                problems.append(doc.error([*at, "columns"],
                                          t("spec.required", kind=table.kind, field=name)))
        headers = {fold(h) for h in table.columns}
        fill = table.fill_spec()
        fill_names = fill if isinstance(fill, list) else [*fill, *(x for v in fill.values()
                                                                   for x in v)]
        for column in fill_names:
            if fold(column) not in headers:
                problems.append(doc.error([*at, "fill_down"],
                                          t("spec.fill_unmapped", column=column)))
        for name in table.split:
            if name not in allowed:
                problems.append(unknown(name, [*at, "split", name]))
        for name in table.defaults:
            if name not in allowed:
                problems.append(unknown(name, [*at, "defaults", name]))
        derivable = DERIVABLE.get(table.kind, ())
        for header, column in table.derived_columns.items():
            if column.field not in derivable:
                problems.append(doc.error([*at, "derived_columns", header, "field"], t(
                    "spec.not_derivable", field=column.field, kind=table.kind,
                    allowed=", ".join(derivable) or "—")))
            if fold(header) in headers:
                problems.append(doc.error([*at, "derived_columns", header],
                                          t("spec.derived_mapped", column=header)))
    return problems
