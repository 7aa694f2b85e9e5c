"""The matrix loader: dataset folders (``data/<document>/``) -> one validated GraphBatch.

A dataset folder holds ``dataset.yaml`` and the tables copied from one planning document
(see data/README.md and docs/datasets.md). This module reads every table, resolves
actor references through the registry (``data/actors.yaml`` + ``data/actors.d/*.yaml``),
and builds nodes and relationships whose ``sources`` name the table rows they came from.
Nodes and relationships are made by the shared
:class:`~tejido.loaders.builder.GraphBuilder`, as the workbook's are. The whole input is
validated before anything is returned: a bad cell anywhere raises one InputError listing
every problem as FILE:SHEET:ROW:COLUMN.

Rows the loader could read only in part (an action-less row whose values apply to no
action, a territory that is not declared, names run together without a separator) are
loaded and recorded in the row's Source node (``problemas``), for ``tejido quality``.
With ``strict=True`` they, and actors missing from the registry, are errors instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t
from tejido.graph.model import (
    Action,
    ActionTipo,
    Actor,
    ActorTipo,
    Axis,
    Estado,
    Mechanism,
    MechanismTipo,
    Nivel,
    Node,
    RelType,
    Territory,
    fold,
)

from . import problems as row_problems
from .base import LoadResult, is_dataset, is_dataset_tree
from .builder import (
    GraphBuilder,
    action_id,
    auto_actor,
    axis_node,
    is_everywhere,
    mechanism_node,
    territory_node,
)
from .cells import CellValueError, boolean, closed, integer, mechanism_tipo, number
from .dataset_spec import DatasetSpec, TableSpec, read_spec
from .location import CellError
from .matrix_rows import RowContext as _Ctx
from .matrix_rows import Scope as _Scope
from .provenance import constructed_nodes, derived_rule, printing_rows
from .registry import Registry, RegistryEntry, load_registry
from .suggestions import declared_names, did_you_mean
from .tables import FillDown, Row, Table, TableError, map_table, read_cells
from .workbook_clean import clean_cells, record, warning_lines

register(
    {
        "matrix.not_dataset": {
            "es": "no es un dataset (falta dataset.yaml) ni una carpeta de datasets",
            "en": "not a dataset (no dataset.yaml) nor a folder of datasets",
        },
        "matrix.required": {
            "es": "falta «{field}», obligatorio en esta tabla",
            "en": "“{field}” is missing and required in this table",
        },
        "matrix.unknown_parent": {
            "es": "«{value}» no es un eje u objetivo declarado en este dataset",
            "en": "“{value}” is not an axis or objective declared in this dataset",
        },
        "matrix.todos_without_territories": {
            "es": "TODOS necesita una tabla de territorios (kind: territories) en el dataset",
            "en": "TODOS needs a territories table (kind: territories) in the dataset",
        },
        "matrix.unresolved_actor": {
            "es": "actor no registrado «{name}» (se crea con tipo otro)",
            "en": "actor not in the registry “{name}” (created with tipo otro)",
        },
        "matrix.registry": {
            "es": "actor del dataset: {message}",
            "en": "dataset actor: {message}",
        },
    }
)

N = TypeVar("N", bound=Node)
T = TypeVar("T")

#: Kinds in the order they are read: declarations before the rows that refer to them.
KIND_ORDER = ("territories", "axes", "mechanisms", "actions", "relations")


def read_datasets(path: Path, strict: bool = False) -> LoadResult:
    """Read one dataset folder, or a folder of them with its actor registry.

    A single dataset uses the registry of its parent folder (``../actors.yaml`` and
    ``../actors.d/``). Raises InputError listing every problem; returns nothing partial.
    """
    path = Path(path)
    if is_dataset(path):
        folders, data_dir = [path], path.parent
    elif is_dataset_tree(path):
        folders, data_dir = sorted(p for p in path.iterdir() if is_dataset(p)), path
    else:
        raise InputError([CellError(str(path), "", None, None, t("matrix.not_dataset"))])

    problems: list[CellError] = []
    try:
        registry = load_registry(data_dir)
    except InputError as exc:
        problems.extend(exc.problems)
        registry = Registry()
    specs: list[tuple[Path, DatasetSpec]] = []
    for folder in folders:
        try:
            specs.append((folder, read_spec(folder)))
        except InputError as exc:
            problems.extend(exc.problems)
    loader = _Loader(registry, strict)
    # Actors tables first: every dataset's rows may name them.
    for folder, spec in specs:
        loader.graph.document(spec.document, spec.title, spec.autoridad)
        loader.read_dataset(folder, spec, kinds=("actors",))
    for folder, spec in specs:
        loader.read_dataset(folder, spec, kinds=KIND_ORDER)
    registry.cite(loader.graph)  # successions and open questions, citing the registry
    problems.extend(loader.problems)
    if problems:
        raise InputError(problems)
    return LoadResult(batch=loader.batch, warnings=loader.warnings)


class _Loader:
    """Reads dataset tables into one batch. Every row that names a node is listed in that
    node's sources, declared or not (a registry actor has no row of its own)."""

    def __init__(self, registry: Registry, strict: bool) -> None:
        self.registry = registry
        self.strict = strict
        self.graph = GraphBuilder(cite_declared=True)
        self.batch = self.graph.batch
        self.problems: list[CellError] = []
        self.warnings: list[str] = []
        self.scopes: dict[str, _Scope] = {}
        self.constructed: dict[str, str] = {}  # node id -> rule (see _rel)

    # --- tables ---------------------------------------------------------------------------

    def read_dataset(self, folder: Path, spec: DatasetSpec, kinds: tuple[str, ...]) -> None:
        scope = self.scopes.setdefault(spec.document, _Scope(spec.document))
        readers: dict[str, Callable[[_Ctx, _Scope], None]] = {
            "actors": self._actor_row,
            "territories": self._territory_row,
            "axes": self._axis_row,
            "mechanisms": self._mechanism_row,
            "actions": self._action_row,
            "relations": self._relation_row,
        }
        for kind in kinds:
            for table_spec in (s for s in spec.tables if s.kind == kind):
                read = self._read_table(folder, table_spec)
                if read is None:
                    continue
                table, record_cleaning = read
                contexts = [self._context(spec, table_spec, table, row) for row in table.rows]
                for ctx in contexts:
                    readers[kind](ctx, scope)
                if kind == "actions":
                    self._check_heading_rows(contexts)
                if kind in ("territories", "axes"):
                    self._link_parents(contexts, scope, kind)
                if table_spec.derived:  # its nodes are placeholders (see _rel)
                    self.constructed.update(constructed_nodes(self.batch, contexts, table_spec))
                record_cleaning(spec.document)

    def _read_table(self, folder: Path, spec: TableSpec
                    ) -> tuple[Table, Callable[[str], None]] | None:
        """The table, and what records its cleaned cells (as a workbook's: see
        :mod:`.workbook_clean`) on its rows' Source nodes once they exist."""
        path = folder / spec.file
        display = str(path)
        sheet = spec.sheet or path.name
        by_header = {fold(h): name for h, name in spec.columns.items()}
        fill = spec.fill_spec()
        fill_fields = FillDown.of(
            [by_header[fold(h)] for h in fill] if isinstance(fill, list)
            else {by_header[fold(h)]: [by_header[fold(x)] for x in triggers]
                  for h, triggers in fill.items()}
        )
        try:
            cells, raw, notes = clean_cells(read_cells(path, spec.sheet, display), display,
                                            sheet, spec.header_row, spec.row_range(),
                                            self.problems)
            table = map_table(cells, file=display, sheet=sheet, columns=spec.read_columns(),
                              fill_down=fill_fields, header_row=spec.header_row,
                              rows=spec.row_range(),
                              fill_across_headers=spec.fill_across_headers)
        except TableError as exc:
            self.problems.extend(exc.problems)
            return None
        self.problems.extend(table.problems)
        self.warnings.extend(warning_lines({sheet: raw}, notes))
        by_table = [replace(n, sheet=spec.name) for n in notes]  # Sources name the table
        return table, lambda document: record(
            self.batch, document, {spec.name: raw._replace(name=spec.name)}, by_table, [])

    def _context(self, dataset: DatasetSpec, spec: TableSpec, table: Table, row: Row) -> _Ctx:
        source = self.graph.source(dataset.document, spec.name, row.number)
        return _Ctx(table, spec, row, source)

    # --- helpers --------------------------------------------------------------------------

    def _note(self, ctx: _Ctx, name: str, code: str, value: str) -> None:
        """Record a part of a row that could not be read as written.

        A value filled down from a merged cell is noted once, on the row that wrote it.
        """
        if name in ctx.row.filled_from:
            return
        column = ctx.table.headers.get(name, name)
        ctx.source.problemas.append(row_problems.encode(code, column, value))
        problem = ctx.error(name, row_problems.describe(code, value))
        if self.strict:
            self.problems.append(problem)
        else:
            self.warnings.append(str(problem))

    def _typed(self, ctx: _Ctx, name: str, read: Callable[[str], T]) -> T | None:
        raw = ctx.value(name)
        if not raw:
            return None
        try:
            return read(raw)
        except CellValueError as exc:
            self.problems.append(ctx.error(name, str(exc)))
            return None

    def _required(self, ctx: _Ctx, name: str) -> str | None:
        value = ctx.value(name)
        if not value:
            self.problems.append(ctx.error(name, t("matrix.required", field=name)))
            return None
        return value

    def _rel(self, kind: RelType, source: Node, target: Node, ctx: _Ctx, *fields: str,
             **props: Any) -> None:
        """A relationship the cells of ``fields`` state: see :mod:`.provenance`."""
        derived = (ctx.spec.column_rule(fields) or derived_rule(ctx.spec, ctx.row, fields)
                   or self.constructed.get(source.id) or self.constructed.get(target.id))
        self.graph.rel(kind, source, target, [ctx.source.id], derived=derived,
                       printed=printing_rows(ctx.row, ctx.source, fields), **props)

    def _fed(self, ctx: _Ctx, name: str, read: Callable[[_Ctx, str], list[N]]
             ) -> list[tuple[N, str]]:
        """What ``read`` finds in field ``name`` and in each derived column feeding it,
        with the column it was read from (so that ``_rel`` knows its rule)."""
        return [(node, column) for column in ctx.spec.feeding(name) for node in read(ctx, column)]

    def _sighting(self, node: N, ctx: _Ctx) -> N:
        """``node`` as named on this row: the batch's node, listing the row."""
        return self.graph.refer(node, [ctx.source.id])

    def actors(self, ctx: _Ctx, name: str) -> list[Actor]:
        """The actors a cell names, each carrying this row as a source."""
        found: list[Actor] = []
        for reference in ctx.split(name):
            actor = self.registry.resolve(reference)
            parts = [actor] if actor is not None else self.registry.segment(reference)
            if parts is None:
                parts = [auto_actor(reference)]
                hint = did_you_mean(reference, declared_names(self.registry.index.actors.values()))
                problem = ctx.error(name, t("matrix.unresolved_actor", name=reference) + hint)
                if name in ctx.row.filled_from:
                    pass  # already reported on the row that wrote the merged cell
                elif self.strict:
                    self.problems.append(problem)
                else:
                    self.warnings.append(str(problem))
            elif actor is None:
                self._note(ctx, name, "actores_sin_separador",
                           f"«{reference}» → " + " | ".join(p.name for p in parts))
            found.extend(self._sighting(part, ctx) for part in parts)
        return found

    def _axis(self, ctx: _Ctx, scope: _Scope, name: str, tipo: str) -> Axis | None:
        value = ctx.value(name)
        if not value:
            return None
        axis = scope.axes.get(fold(value))
        if axis is None:
            axis = axis_node(value, tipo)
            scope.axes[fold(value)] = axis
        return self._sighting(axis, ctx)

    # --- one reader per kind --------------------------------------------------------------

    def _actor_row(self, ctx: _Ctx, scope: _Scope) -> None:
        nombre = self._required(ctx, "nombre")
        if nombre is None:
            return
        entry = RegistryEntry(
            nombre=nombre,
            siglas=ctx.split("siglas"),
            variantes=ctx.split("variantes"),
            tipo=self._typed(ctx, "tipo", lambda v: closed(v, ActorTipo)) or ActorTipo.otro,
            nivel=self._typed(ctx, "nivel", lambda v: closed(v, Nivel)),
            interno=self._typed(ctx, "interno", boolean),
        )
        where = f"{ctx.table.file}:{ctx.row.number}"
        for message in self.registry.declare(entry, where):
            self.problems.append(ctx.error("nombre", t("matrix.registry", message=message)))
        actor = self.registry.resolve(nombre)
        if actor is not None:
            self._sighting(actor, ctx)

    def _territory_row(self, ctx: _Ctx, scope: _Scope) -> None:
        nombre = self._required(ctx, "nombre")
        if nombre is None:
            return
        territory = self.graph.declare(territory_node(
            nombre, tipo=ctx.value("tipo") or None, parent=ctx.value("pertenece_a") or None,
            codigo=ctx.value("codigo") or None, sources=[ctx.source.id],
        ))
        if fold(nombre) not in scope.territories:
            scope.territory_list.append(territory)
        for key in (nombre, territory.codigo or ""):
            if fold(key):
                scope.territories.setdefault(fold(key), territory)

    def _axis_row(self, ctx: _Ctx, scope: _Scope) -> None:
        nombre = self._required(ctx, "nombre")
        if nombre is None:
            return
        tipo = ctx.value("tipo") or "eje"
        declared = self._typed(ctx, "iniciativas_declaradas", integer)
        responsables = self._fed(ctx, "responsables", self.actors)
        axis = self.graph.declare(axis_node(
            nombre, tipo, codigo=ctx.value("codigo") or None,
            parent=ctx.value("pertenece_a") or None, iniciativas_declaradas=declared,
            nota_declaradas=ctx.value("nota_declaradas") or None,
            responsables=[a.id for a, _ in responsables], sources=[ctx.source.id],
        ))
        for actor, column in responsables:
            self._rel(RelType.RESPONSIBLE_FOR, actor, axis, ctx, column)
        for key in (nombre, axis.codigo or ""):
            if fold(key):
                scope.axes.setdefault(fold(key), axis)

    def _mechanism_row(self, ctx: _Ctx, scope: _Scope) -> None:
        nombre = self._required(ctx, "nombre")
        if nombre is None:
            return
        tipo = self._typed(ctx, "tipo", lambda v: closed(v, MechanismTipo))
        mechanism = self.graph.declare(mechanism_node(
            nombre, tipo=tipo or mechanism_tipo(nombre), sources=[ctx.source.id]))
        scope.mechanisms.setdefault(fold(nombre), mechanism)
        for actor, column in self._fed(ctx, "convoca", self.actors):
            self._rel(RelType.CONVENES, actor, mechanism, ctx, column)
        for place, column in self._fed(ctx, "territorios", partial(self._territories, scope=scope)):
            self._rel(RelType.TARGETS, mechanism, place, ctx, column)

    def _link_parents(self, contexts: list[_Ctx], scope: _Scope, kind: str) -> None:
        """PART_OF from each declared territory/axis to its ``pertenece_a``."""
        for ctx in contexts:
            parent_name = ctx.value("pertenece_a")
            child_name = ctx.value("nombre")
            if not parent_name or not child_name:
                continue
            if kind == "territories":
                child = scope.territories[fold(child_name)]
                parent = scope.territories.get(fold(parent_name))
                if parent is None:
                    parent = territory_node(parent_name)
                    scope.territories[fold(parent_name)] = parent
                parent = self._sighting(parent, ctx)
            else:
                child = scope.axes[fold(child_name)]
                parent = scope.axes.get(fold(parent_name))
                if parent is None:
                    self.problems.append(ctx.error(
                        "pertenece_a", t("matrix.unknown_parent", value=parent_name)))
                    continue
            self._rel(RelType.PART_OF, child, parent, ctx, "pertenece_a")

    def _action_row(self, ctx: _Ctx, scope: _Scope) -> None:
        titles = ctx.split("titulo") if ctx.spec.split.get("titulo") else (
            [ctx.value("titulo")] if ctx.value("titulo") else [])
        if not titles:
            return  # a heading row: its merged values reach later rows (checked per table)
        eje = self._axis(ctx, scope, "eje", "eje")
        objetivo = self._axis(ctx, scope, "objetivo", "objetivo")
        tipo = self._typed(ctx, "tipo", lambda v: closed(v, ActionTipo)) or ActionTipo.accion
        estado = self._typed(ctx, "estado", lambda v: closed(v, Estado))
        leads = self._fed(ctx, "rector", self.actors)
        partners = self._fed(ctx, "articuladores", self.actors)
        territories = self._fed(ctx, "territorios", partial(self._territories, scope=scope))
        mechanisms = self._fed(ctx, "mecanismos", partial(self._mechanisms, scope=scope))
        explicit_id = ctx.value("id")
        for position, titulo in enumerate(titles):
            code = [scope.document, explicit_id, *([str(position)] if len(titles) > 1 else [])]
            action = self.graph.declare(Action(
                id=action_id(titulo, eje and eje.name, objetivo and objetivo.name,
                             code=code if explicit_id else ()),
                titulo=titulo, tipo=ActionTipo(tipo),
                estado=Estado(estado) if estado else None,
                eje=eje and eje.name, objetivo=objetivo and objetivo.name,
                problema=ctx.value("problema") or None,
                lineamiento=ctx.value("lineamiento") or None,
                ambito=ctx.value("ambito") or None,
                descripcion=ctx.value("descripcion") or None,
                sources=[ctx.source.id],
            ))
            for axis, column in ((eje, "eje"), (objetivo, "objetivo")):
                if axis is not None:
                    self._rel(RelType.UNDER, action, axis, ctx, column)
            for actor, column in leads:
                self._rel(RelType.LEADS, actor, action, ctx, column)
            for actor, column in partners:
                self._rel(RelType.ARTICULATES, actor, action, ctx, column)
            for territory, column in territories:
                self._rel(RelType.TARGETS, action, territory, ctx, column)
            for mechanism, column in mechanisms:
                self._rel(RelType.USES, action, mechanism, ctx, column)

    def _territories(self, ctx: _Ctx, name: str, scope: _Scope) -> list[Territory]:
        found: list[Territory] = []
        for reference in ctx.split(name):
            if is_everywhere(reference):
                if not scope.territory_list:
                    self.problems.append(ctx.error(name, t("matrix.todos_without_territories")))
                found.extend(scope.territory_list)
                continue
            territory = scope.territories.get(fold(reference))
            if territory is None:
                self._note(ctx, name, "territorio_no_declarado", reference)
                territory = territory_node(reference)
                scope.territories[fold(reference)] = territory
            found.append(territory)
        unique = {territory.id: territory for territory in found}
        return [self._sighting(territory, ctx) for territory in unique.values()]

    def _mechanisms(self, ctx: _Ctx, name: str, scope: _Scope) -> list[Mechanism]:
        found = []
        for reference in ctx.split(name):
            mechanism = scope.mechanisms.get(fold(reference))
            if mechanism is None:
                mechanism = mechanism_node(reference, tipo=mechanism_tipo(reference))
                scope.mechanisms[fold(reference)] = mechanism
            found.append(self._sighting(mechanism, ctx))
        return found

    def _relation_row(self, ctx: _Ctx, scope: _Scope) -> None:
        if self._required(ctx, "origen") is None or self._required(ctx, "destino") is None:
            return
        peso = self._typed(ctx, "peso", number)
        tipo = ctx.value("tipo") or None
        mecanismo = ctx.value("mecanismo") or None
        for origin in self.actors(ctx, "origen"):
            for target in self.actors(ctx, "destino"):
                self._rel(RelType.RELATES, origin, target, ctx, "origen", "destino",
                          tipo=tipo, peso=peso, mecanismo=mecanismo)

    def _check_heading_rows(self, contexts: list[_Ctx]) -> None:
        """A row without an action must lend its merged values to a later row, or be noted.

        Such a row is a problem and a strategic line printed after the table's last action
        (as seed line 62 of 000's eje 2 was, before its cells were moved to the rows they
        label: data/000_quito_rural/README.md), so they belong to no action as written.
        """
        used = {origin for ctx in contexts if ctx.value("titulo")
                for origin in ctx.row.filled_from.values()}
        fill = contexts[0].table.fill if contexts else set()
        for ctx in contexts:
            if ctx.value("titulo"):
                continue
            own = [n for n in ctx.row.values if ctx.row.own(n)]
            lost = [n for n in own if n not in fill or ctx.row.number not in used]
            if lost:
                text = "; ".join(f"{ctx.table.headers.get(n, n)}={ctx.row.values[n]}"
                                 for n in lost)
                self._note(ctx, lost[0], "fila_sin_accion", text)
