"""From the rows of a planner's workbook to the graph, through the shared
:class:`~tejido.loaders.builder.GraphBuilder`.

The workbook's own rules live here: the declaring sheets (``actores``, ``territorios``,
``mecanismos``) against the sheets that name what they declare (``acciones``,
``relaciones``, ``pertenece_a``), the ``equivalencias`` between them (:mod:`.equivalences`);
a name nobody declared is created with a warning, «¿quiso decir…?» (an error when strict);
``TODOS`` targets every territory named; duplicates, cycles and self-ties are errors.

Provenance: each data row becomes a Source (document = the workbook's file name, table =
the sheet, row = the Excel row number, header = row 1); a ``fuente`` cell (the document the
row cites) adds a second Source for that document, with no table and row 0. A declared node
lists the rows that declare it; the rows that only name it are on their relationships.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from tejido.graph.i18n import register, t
from tejido.graph.model import (
    Action,
    ActionTipo,
    Actor,
    ActorTipo,
    Axis,
    Mechanism,
    MechanismTipo,
    RelType,
    Territory,
    fold,
)

from . import cells
from .actors import ActorIndex
from .builder import (
    GraphBuilder,
    action_id,
    actor_node,
    auto_actor,
    axis_node,
    is_everywhere,
    mechanism_node,
    territory_node,
)
from .equivalences import Equivalences
from .location import CellError
from .suggestions import declared_names, did_you_mean
from .tables import Row, Table, Where
from .workbook_clean import Printed, printed_rows, short_list
from .workbook_spec import SHEET_SPECS, YES_NO, split_multi

register(
    {
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

#: Names repeat thousands of times in a portfolio (actors, territories, closed-list
#: words); Unicode normalisation of each occurrence would dominate a large load.
_fold = functools.lru_cache(maxsize=1 << 16)(fold)
_closed = functools.lru_cache(maxsize=1 << 12)(cells.closed)
_boolean = functools.lru_cache(maxsize=1 << 6)(cells.boolean)
_everywhere = functools.lru_cache(maxsize=1 << 12)(is_everywhere)

#: Sheets in build order: declarations, the planner's equivalences, then the rows naming them.
ORDER = ("actores", "equivalencias", "territorios", "mecanismos", "acciones", "relaciones")


@dataclass
class _Reference:
    """An undeclared territory/mechanism/actor, with every cell that names it."""

    what: str
    name: str
    sheet: str
    cells: list[Where] = field(default_factory=list)


Named = Territory | Mechanism


@dataclass
class _Declared:
    """One declaring sheet (territorios, mecanismos): its nodes by folded name (with the
    undeclared ones other sheets name), the rows that declare them, and how to make a node
    for a name nobody declared."""

    what: str
    sheet: str
    undeclared: Callable[[str], Named]
    nodes: dict[str, Named] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


class WorkbookBuilder:
    """Turns the rows of one workbook into a batch, collecting every problem on the way."""

    def __init__(self, document: str, strict: bool) -> None:
        self.document = document
        self.strict = strict
        self.graph = GraphBuilder(cite_declared=False)
        self.graph.document(document, title=document)  # a workbook is titled by its name
        self.batch = self.graph.batch
        self.errors: list[CellError] = []
        self.warnings: list[str] = []
        self.actors = ActorIndex()
        self.actor_rows: dict[str, int] = {}
        self.territories = _Declared("territory", "territorios", territory_node)
        self.mechanisms = _Declared("mechanism", "mecanismos",
                                    lambda name: mechanism_node(name, tipo=MechanismTipo.otro))
        self.axes: dict[tuple[str, str], Axis] = {}  # (tipo, name as written) -> node
        self.action_rows: dict[str, int] = {}
        self.action_codes: dict[str, int] = {}
        self.undeclared: dict[tuple[str, str], _Reference] = {}
        self.everywhere: list[tuple[Table, Row, Action, list[str]]] = []  # TODOS cells
        self._actor_refs: dict[str, Actor] = {}  # reference as written -> actor
        self.equivalences = Equivalences(self)

    def build(self, tables: dict[str, Table]) -> None:
        """Every sheet's rows in :data:`ORDER`, then what needs them all."""
        handlers = {
            "actores": self.actor_row, "territorios": self.territory_row,
            "mecanismos": self.mechanism_row, "acciones": self.action_row,
            "relaciones": self.relation_row,
        }
        self.equivalences.expect(tables.get("equivalencias"))
        for name in ORDER:
            table = tables.get(name)
            if table is None:
                continue
            if name == "equivalencias":
                self.equivalences.apply(table)  # a whole sheet: rows refer to each other
                continue
            for row in table.rows:
                handlers[name](table, row)
            if name == "territorios":
                self.territory_parents(table)
        self.finish()

    # -- helpers -----------------------------------------------------------------------

    def error(self, table: Table, row: Row, column: str, message: str) -> None:
        self.errors.append(table.cell(row.number, column, message))

    def sources(self, table: Table, row: Row) -> list[str]:
        """The row's Source (and the cited document's, if any), added to the batch."""
        ids = [self.graph.source(self.document, table.sheet, row.number).id]
        cited = row.values.get("fuente")
        if cited:
            ids.append(self.graph.cited(cited).id)
        return ids

    def choice(self, table: Table, row: Row, sheet: str, name: str) -> str | None:
        """A closed-list cell as its canonical value; an error (and None) when not in the list."""
        text = row.values.get(name)
        if text is None:
            return None
        choices = SHEET_SPECS[sheet].column(name).choices
        try:
            if isinstance(choices, tuple):  # yes/no
                return YES_NO[0] if _boolean(text) else YES_NO[1]
            assert choices is not None
            return _closed(text, choices)
        except cells.CellValueError as exc:
            self.error(table, row, name, str(exc))
            return None

    def required(self, table: Table, row: Row, name: str) -> str | None:
        value = row.values.get(name)
        if value is None:
            self.error(table, row, name, t("wb.required"))
        return value

    def note_undeclared(self, what: str, name: str, sheet: str, where: Where) -> None:
        key = (what, _fold(name))
        ref = self.undeclared.setdefault(key, _Reference(what, name, sheet))
        ref.cells.append(where)

    # -- declarations ------------------------------------------------------------------

    def actor_row(self, table: Table, row: Row) -> None:
        name = self.required(table, row, "nombre")
        tipo = self.choice(table, row, "actores", "tipo")
        nivel = self.choice(table, row, "actores", "nivel")
        interno = self.choice(table, row, "actores", "interno")
        if name is None:
            return
        existing = self.actors.resolve(name)
        if existing is None:
            existing = self.actors.actors.get(Actor.key(name))  # another spelling, same id
        if existing is not None:
            first = self.actor_rows[existing.id]
            if fold(existing.name) != fold(name):  # the name is another actor's sigla
                message = t("wb.alias_taken", alias=name, owner=existing.name, row=first)
            else:
                message = t("wb.duplicate_name", name=name, row=first)
            self.error(table, row, "nombre", message)
            return
        if self.equivalences.defer(table, row, name):
            return  # a mismo_actor row merges this name into another actor
        actor = actor_node(
            name, siglas=split_multi(row.values.get("siglas")),
            tipo=tipo or ActorTipo.otro, nivel=nivel, notas=row.values.get("notas"),
            interno=None if interno is None else interno == "sí",
            sources=self.sources(table, row),
        )
        for alias in self.actors.add(actor):
            owner = self.actors.resolve(alias)
            assert owner is not None  # a clash means someone owns it
            self.error(table, row, "siglas", t(
                "wb.alias_taken", alias=alias, owner=owner.name, row=self.actor_rows[owner.id]))
        self.actor_rows[actor.id] = row.number
        self.graph.declare(actor)

    def territory_row(self, table: Table, row: Row) -> None:
        name = self.required(table, row, "nombre")
        if name is not None:
            self.declare(self.territories, table, row, name, lambda sources: territory_node(
                name, tipo=row.values.get("tipo"), parent=row.values.get("pertenece_a"),
                codigo=row.values.get("codigo"), sources=sources))

    def mechanism_row(self, table: Table, row: Row) -> None:
        name = self.required(table, row, "nombre")
        tipo = self.choice(table, row, "mecanismos", "tipo")
        if name is not None:
            self.declare(self.mechanisms, table, row, name, lambda sources: mechanism_node(
                name, tipo=tipo or MechanismTipo.otro, sources=sources))

    def declare(
        self, sheet: _Declared, table: Table, row: Row, name: str,
        make: Callable[[list[str]], Named],
    ) -> None:
        """A territorios/mecanismos row: its node, unless the name is already declared."""
        key = fold(name)
        if key in sheet.nodes:
            self.error(table, row, "nombre", t(
                "wb.duplicate_name", name=name, row=sheet.rows[key]))
            return
        sheet.nodes[key] = self.graph.declare(make(self.sources(table, row)))
        sheet.rows[key] = row.number

    def territory_parents(self, table: Table) -> None:
        """PART_OF for every declared ``pertenece_a`` (parents may be declared further down)."""
        parent_of: dict[str, str] = {}
        for row in table.rows:
            name, parent = row.values.get("nombre"), row.values.get("pertenece_a")
            if not name or not parent or self.territories.rows.get(fold(name)) != row.number:
                continue
            if fold(parent) == fold(name):
                self.error(table, row, "pertenece_a", t("wb.self_parent"))
                continue
            child = self.territories.nodes[fold(name)]
            target = self.named(self.territories, parent, table, row, "pertenece_a",
                                child.sources)
            parent_of[child.id] = target.id
            self.graph.rel(RelType.PART_OF, child, target, child.sources,
                           printed=printed_rows(self.document, table, row)("pertenece_a"))
        self.check_cycles(parent_of, table)

    def check_cycles(self, parent_of: dict[str, str], table: Table) -> None:
        by_id = {node.id: node for node in self.territories.nodes.values()}
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
            number = self.territories.rows[fold(by_id[start].name)]
            row = next(r for r in table.rows if r.number == number)
            self.error(table, row, "pertenece_a", t("wb.cycle", chain=names))

    # -- references ----------------------------------------------------------------------

    def actor(self, name: str, table: Table, row: Row, column: str, sources: list[str]) -> Actor:
        actor = self._actor_refs.get(name)
        if actor is None:
            found = self.actors.resolve(name) or self.actors.actors.get(Actor.key(name))
            actor = self.graph.refer(found or auto_actor(name), sources)
            if found is None:
                self.actors.add(actor)
            self._actor_refs[name] = actor
        else:
            self.graph.refer(actor, sources)
        if actor.auto:
            self.note_undeclared("actor", actor.name, "actores", table.at(row.number, column))
        return actor

    def named(
        self, sheet: _Declared, name: str, table: Table, row: Row, column: str, sources: list[str]
    ) -> Named:
        """The territory or mechanism a cell names; one no row declares is created."""
        key = _fold(name)
        node = sheet.nodes.get(key)
        if node is None:
            node = sheet.nodes[key] = self.graph.refer(sheet.undeclared(name), sources)
        else:
            self.graph.refer(node, sources)
        if key not in sheet.rows:
            self.note_undeclared(sheet.what, node.name, sheet.sheet, table.at(row.number, column))
        return node

    # -- actions and relations -------------------------------------------------------------

    def action_row(self, table: Table, row: Row) -> None:
        values = row.values
        titulo = self.required(table, row, "titulo")
        tipo = self.choice(table, row, "acciones", "tipo")
        estado = self.choice(table, row, "acciones", "estado")
        sources = self.sources(table, row)
        at = printed_rows(self.document, table, row)  # the rows merged cells print it in
        leads = [self.actor(n, table, row, "rector", sources)
                 for n in split_multi(values.get("rector"))]
        partners = [self.actor(n, table, row, "articuladores", sources)
                    for n in split_multi(values.get("articuladores"))]
        places = split_multi(values.get("territorios"))
        everywhere = any(_everywhere(p) for p in places)
        territories = [self.named(self.territories, p, table, row, "territorios", sources)
                       for p in places if not _everywhere(p)]
        mechanisms = [self.named(self.mechanisms, n, table, row, "mecanismos", sources)
                      for n in split_multi(values.get("mecanismos"))]
        if titulo is None:
            return
        eje, objetivo, code = values.get("eje"), values.get("objetivo"), values.get("id")
        ident = action_id(titulo, eje, objetivo, code=(code,) if code else ())
        if code:
            first = self.action_codes.setdefault(fold(code), row.number)
            if first != row.number:
                self.error(table, row, "id", t("wb.duplicate_id", value=code, row=first))
                return
        elif ident in self.action_rows:
            self.warnings.append(str(table.cell(row.number, "titulo", t(
                "wb.merged_action", row=self.action_rows[ident]))))
        self.action_rows.setdefault(ident, row.number)
        action = self.graph.declare(Action(
            id=ident, titulo=titulo, tipo=tipo or ActionTipo.accion, estado=estado,
            eje=eje, objetivo=objetivo, problema=values.get("problema"), sources=sources,
        ))
        self.axes_of(action, eje, objetivo, sources, at)
        for actor in leads:
            self.graph.rel(RelType.LEADS, actor, action, sources, printed=at("rector"))
        for actor in partners:
            self.graph.rel(RelType.ARTICULATES, actor, action, sources, printed=at("articuladores"))
        for territory in territories:
            self.graph.rel(RelType.TARGETS, action, territory, sources, printed=at("territorios"))
        for mechanism in mechanisms:
            self.graph.rel(RelType.USES, action, mechanism, sources, printed=at("mecanismos"))
        if everywhere:
            self.everywhere.append((table, row, action, sources))

    def axes_of(self, action: Action, eje: str | None, objetivo: str | None,
                sources: list[str], at: Printed) -> None:
        """eje/objetivo become Axis nodes the action is UNDER; the objetivo is PART_OF the eje."""
        eje_node = self.axis(eje, "eje", None, sources) if eje else None
        objetivo_node = self.axis(objetivo, "objetivo", eje, sources) if objetivo else None
        for node, name in ((eje_node, "eje"), (objetivo_node, "objetivo")):
            if node is not None:
                self.graph.rel(RelType.UNDER, action, node, sources, printed=at(name))
        if eje_node is not None and objetivo_node is not None:
            self.graph.rel(RelType.PART_OF, objetivo_node, eje_node, sources,
                           printed=at("eje", "objetivo"))

    def axis(self, name: str, tipo: str, parent: str | None, sources: list[str]) -> Axis:
        node = self.axes.get((tipo, name))
        if node is None:
            node = self.axes[(tipo, name)] = self.graph.refer(
                axis_node(name, tipo, parent=parent), sources)
        else:
            self.graph.refer(node, sources)
        return node

    def relation_row(self, table: Table, row: Row) -> None:
        origin = self.required(table, row, "origen")
        target = self.required(table, row, "destino")
        peso = self.weight(table, row)
        sources = self.sources(table, row)
        a = self.actor(origin, table, row, "origen", sources) if origin else None
        b = self.actor(target, table, row, "destino", sources) if target else None
        mecanismo = row.values.get("mecanismo")
        mechanism = self.named(self.mechanisms, mecanismo, table, row, "mecanismo",
                               sources) if mecanismo else None
        if a is None or b is None:
            return
        if a.id == b.id:
            self.error(table, row, "destino", t("wb.self_relation"))
            return
        tipo = row.values.get("tipo")
        self.graph.rel(
            RelType.RELATES, a, b, sources, tipo=" ".join(tipo.lower().split()) if tipo else None,
            peso=peso, mecanismo=mechanism.name if mechanism else None, printed=printed_rows(
                self.document, table, row)("origen", "destino", "tipo", "peso", "mecanismo"),
        )

    def weight(self, table: Table, row: Row) -> float | None:
        raw = row.raw.get("peso")
        text = row.values.get("peso")
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
            self.error(table, row, "peso", t("wb.bad_weight", value=text))
            return None
        return value

    # -- closing -------------------------------------------------------------------------------

    def finish(self) -> None:
        """TODOS expansion, then the undeclared references (warnings, or errors when strict)."""
        every = list(self.territories.nodes.values())
        for table, row, action, sources in self.everywhere:
            if not every:
                self.error(table, row, "territorios", t("wb.todos_empty"))
            for territory in every:
                self.graph.rel(RelType.TARGETS, action, territory, sources,
                               printed=printed_rows(self.document, table, row)("territorios"))
        names = declared_names(self.actors.actors.values())
        for ref in self.undeclared.values():
            what = t(f"wb.what.{ref.what}")
            hint = did_you_mean(ref.name, names) if ref.what == "actor" else ""
            if self.strict:
                for where in ref.cells:
                    self.errors.append(CellError(*where, t(
                        "wb.undeclared", what=what, name=ref.name, sheet=ref.sheet) + hint))
                continue
            first, *others = ref.cells
            rows = sorted({str(c[2]) for c in others if c[:3] != first[:3]}, key=int)
            more = t("wb.more_rows", rows=short_list(rows)) if rows else ""
            tipo = t("wb.auto_tipo") if ref.what != "territory" else ""
            self.warnings.append(str(CellError(*first, t(
                "wb.auto_created", what=what, name=ref.name, sheet=ref.sheet, tipo=tipo, more=more,
            ) + hint)))
