"""The planner's written equivalences: the workbook's optional ``equivalencias`` sheet.

Documents name one institution several ways («Conquito», «CONQUITO», «Agencia de Promoción
Económica ConQuito») and institutions are renamed. tejido never merges names on its own
(two secretarías with similar names are often two secretarías); the planner decides, one
row per name, and the row is the provenance of the decision:

* ``mismo_actor``: ``nombre`` is another name of the declared actor ``equivale_a``. Every
  cell of any sheet that says ``nombre`` resolves to that actor, which keeps the name in
  ``variantes`` and cites the row. An ``actores`` row that declares ``nombre`` itself is
  folded into the canonical actor (its row cited, its siglas kept).
* ``renombrado``: the declared actor ``equivale_a`` replaced the one called ``nombre``
  (the predecessor, declared or not): a ``SUCCEEDS`` relationship from successor to
  predecessor, citing the row (and the ``fuente`` document, if any).

Bad rows are errors at their cell: an unknown ``relacion``, a name equal to itself, a name
with two equivalences, an ``equivale_a`` that is itself merged away (a chain: write the
final name), renamings that go round in a cycle, and an ``equivale_a`` that no ``actores``
row declares. A chain of renamings (A → B → C) is history, not an error.

The rows are applied after ``actores`` and before any sheet that names actors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tejido.graph.i18n import register, t
from tejido.graph.model import Actor, RelType, fold

from . import cells
from .builder import actor_node
from .suggestions import declared_names, did_you_mean
from .tables import Row, Table
from .workbook_spec import Relacion, split_multi

if TYPE_CHECKING:
    from .workbook_build import WorkbookBuilder

SHEET = "equivalencias"

register(
    {
        "eq.self": {
            "es": "nombre y equivale_a son el mismo nombre",
            "en": "nombre and equivale_a are the same name",
        },
        "eq.same_actor": {
            "es": "«{name}» ya identifica a «{actor}»: nombre y equivale_a son el mismo actor",
            "en": "«{name}» already identifies «{actor}»: nombre and equivale_a are the same actor",
        },
        "eq.twice": {
            "es": "«{name}» ya tiene una equivalencia en la fila {row}",
            "en": "«{name}» already has an equivalence in row {row}",
        },
        "eq.chain": {
            "es": "«{name}» es a su vez el mismo actor que «{final}» (fila {row}): "
                  "escriba «{final}»",
            "en": "«{name}» is itself the same actor as «{final}» (row {row}): "
                  "write «{final}»",
        },
        "eq.cycle": {
            "es": "los renombramientos forman un ciclo: {chain}",
            "en": "the renamings form a cycle: {chain}",
        },
        "eq.undeclared": {
            "es": "«{name}» no está declarado en la hoja actores{hint}",
            "en": "«{name}» is not declared in the sheet actores{hint}",
        },
    }
)


@dataclass
class _Equivalence:
    row: Row
    nombre: str
    equivale_a: str
    relacion: Relacion
    sources: list[str]


@dataclass
class _Deferred:
    """An ``actores`` row declaring a name that a ``mismo_actor`` row merges away."""

    table: Table
    row: Row
    sources: list[str]


@dataclass
class Equivalences:
    """The ``equivalencias`` sheet of one workbook, applied through its builder."""

    builder: WorkbookBuilder
    #: Folded names that ``mismo_actor`` rows merge away (read before ``actores``).
    merged: set[str] = field(default_factory=set)
    deferred: dict[str, _Deferred] = field(default_factory=dict)

    def expect(self, table: Table | None) -> None:
        """Note the names ``mismo_actor`` rows merge, before the ``actores`` rows are read."""
        for row in table.rows if table is not None else ():
            nombre, relacion = row.values.get("nombre"), row.values.get("relacion")
            try:
                merges = bool(relacion) and cells.closed(relacion, Relacion) == Relacion.mismo_actor
            except cells.CellValueError:
                continue  # reported when the sheet is applied
            if nombre and merges:
                self.merged.add(fold(nombre))

    def defer(self, table: Table, row: Row, name: str) -> bool:
        """Whether an ``actores`` row declares a merged name (then it is kept for later and
        not declared as an actor of its own)."""
        key = fold(name)
        if key not in self.merged:
            return False
        first = self.deferred.get(key)
        if first is not None:
            self.builder.error(table, row, "nombre", t(
                "wb.duplicate_name", name=name, row=first.row.number))
        else:
            self.deferred[key] = _Deferred(table, row, self.builder.sources(table, row))
        return True

    def apply(self, table: Table) -> None:
        """Validate every row, then merge the ``mismo_actor`` names and tie the renamings."""
        rows = [e for e in (self._read(table, row) for row in table.rows) if e is not None]
        valid = self._check(table, rows)
        for equivalence, canonical in valid:
            if equivalence.relacion == Relacion.mismo_actor:
                self._merge(table, equivalence, canonical)
        renamings = []
        for equivalence, successor in valid:
            if equivalence.relacion == Relacion.renombrado:
                predecessor = self._predecessor(table, equivalence, successor)
                if predecessor is not None:
                    renamings.append((equivalence, successor, predecessor))
        self._tie(table, renamings)

    # -- reading and checking ----------------------------------------------------------------

    def _read(self, table: Table, row: Row) -> _Equivalence | None:
        b = self.builder
        nombre = b.required(table, row, "nombre")
        equivale_a = b.required(table, row, "equivale_a")
        relacion = b.choice(table, row, SHEET, "relacion") if b.required(
            table, row, "relacion") else None
        sources = b.sources(table, row)
        if nombre is None or equivale_a is None or relacion is None:
            return None
        return _Equivalence(row, nombre, equivale_a, Relacion(relacion), sources)

    def _check(
        self, table: Table, rows: list[_Equivalence]
    ) -> list[tuple[_Equivalence, Actor]]:
        """The rows that pass every check, each with its declared ``equivale_a`` actor."""
        b = self.builder
        first: dict[str, _Equivalence] = {}
        for e in rows:
            first.setdefault(fold(e.nombre), e)
        merges = {k: e for k, e in first.items() if e.relacion == Relacion.mismo_actor}
        names = declared_names(list(b.actors.actors.values()))
        valid = []
        for e in rows:
            key, target = fold(e.nombre), fold(e.equivale_a)
            if first[key] is not e:
                b.error(table, e.row, "nombre", t(
                    "eq.twice", name=e.nombre, row=first[key].row.number))
            elif key == target:
                b.error(table, e.row, "equivale_a", t("eq.self"))
            elif target in merges:
                merged = merges[target]
                b.error(table, e.row, "equivale_a", t(
                    "eq.chain", name=e.equivale_a, final=merged.equivale_a,
                    row=merged.row.number))
            elif (actor := b.actors.resolve(e.equivale_a)) is None or actor.auto:
                b.error(table, e.row, "equivale_a", t(
                    "eq.undeclared", name=e.equivale_a, hint=did_you_mean(e.equivale_a, names)))
            elif (owner := b.actors.resolve(e.nombre)) is actor:
                b.error(table, e.row, "nombre", t("eq.same_actor", name=e.nombre,
                                                  actor=actor.name))
            elif owner is not None and e.relacion == Relacion.mismo_actor:
                b.error(table, e.row, "nombre", t(
                    "wb.alias_taken", alias=e.nombre, owner=owner.name,
                    row=b.actor_rows[owner.id]))
            else:
                valid.append((e, actor))
        return valid

    # -- applying ------------------------------------------------------------------------------

    def _merge(self, table: Table, e: _Equivalence, canonical: Actor) -> None:
        """``nombre`` becomes a variant of ``canonical``: it resolves there from now on."""
        b = self.builder
        canonical.variantes.append(e.nombre)
        b.actors.add(canonical, [e.nombre])
        b.graph.cite(canonical, e.sources)
        deferred = self.deferred.pop(fold(e.nombre), None)
        if deferred is None:
            return
        taken = {fold(s) for s in (canonical.name, *canonical.siglas, *canonical.variantes)}
        siglas = [s for s in split_multi(deferred.row.values.get("siglas"))
                  if fold(s) not in taken]
        clashes = set(b.actors.add(canonical, siglas))
        for alias in clashes:
            owner = b.actors.resolve(alias)
            assert owner is not None  # a clash means someone owns it
            b.error(deferred.table, deferred.row, "siglas", t(
                "wb.alias_taken", alias=alias, owner=owner.name, row=b.actor_rows[owner.id]))
        canonical.siglas.extend(s for s in siglas if s not in clashes)
        b.graph.cite(canonical, deferred.sources)

    def _predecessor(self, table: Table, e: _Equivalence, successor: Actor) -> Actor | None:
        """The actor ``nombre`` names. One the ``actores`` sheet does not declare is declared
        by this row (tipo otro): an institution that no longer exists has no place among
        the current actors, and the planner named it on purpose, not by a slip of a cell."""
        b = self.builder
        predecessor = b.actors.resolve(e.nombre)
        if predecessor is None:
            predecessor = b.graph.declare(actor_node(e.nombre, sources=list(e.sources)))
            b.actors.add(predecessor)
        elif predecessor.id == successor.id:
            b.error(table, e.row, "nombre", t(
                "eq.same_actor", name=e.nombre, actor=successor.name))
            return None
        return predecessor

    def _tie(self, table: Table, renamings: list[tuple[_Equivalence, Actor, Actor]]) -> None:
        """SUCCEEDS for each renaming; a cycle of renamings is an error at its first row."""
        successor_of = {pred.id: succ.id for _, succ, pred in renamings}
        names = {a.id: a.name for _, succ, pred in renamings for a in (succ, pred)}
        reported: set[str] = set()
        for e, successor, predecessor in renamings:
            chain, node = [predecessor.id], successor_of.get(predecessor.id)
            while node is not None and node not in chain:
                chain.append(node)
                node = successor_of.get(node)
            if node is None:
                self.builder.graph.rel(RelType.SUCCEEDS, successor, predecessor, e.sources)
            elif node == predecessor.id and not reported & set(chain):  # its own cycle
                reported.update(chain)
                self.builder.error(table, e.row, "equivale_a", t("eq.cycle", chain=" → ".join(
                    names[n] for n in [*chain, node])))
