"""Small hand-built portfolios for the gap tests: every fact is written out, so the
expected findings can be worked out by hand.

``Portfolio`` builds a GraphBatch the way the loaders do (an action's ``eje`` field names
the eje axis it is UNDER; every node and relationship of a row lists that row's Source).
Each action gets its own row: ``Portfolio.row_of(action_id)`` is its (document, table, row).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tejido.graph.model import (
    Action,
    Actor,
    Axis,
    GraphBatch,
    Mechanism,
    Rel,
    RelType,
    Source,
    Territory,
)

DOCUMENT = "900_prueba"
TABLE = "Matriz de prueba"


@dataclass
class Portfolio:
    document: str = DOCUMENT
    batch: GraphBatch = field(default_factory=GraphBatch)
    rows: dict[str, int] = field(default_factory=dict)
    _next_row: int = 2

    def _source(self, table: str = TABLE) -> Source:
        source = Source.of(self.document, table, self._next_row)
        self._next_row += 1
        self.batch.add_node(source)
        return source

    def _rel(self, rtype: RelType, a: str, b: str, labels: tuple[str, str], source: str,
             **props: object) -> None:
        self.batch.add_rel(Rel(type=rtype, source=a, target=b, source_label=labels[0],
                               target_label=labels[1], sources=[source], **props))

    def actor(self, name: str, interno: bool | None = None) -> str:
        actor = Actor(id=Actor.key(name), name=name, interno=interno)
        return self.batch.add_node(actor).id

    def axis(self, name: str, tipo: str = "eje", parent: str | None = None,
             responsables: tuple[str, ...] = ()) -> str:
        source = self._source("Ejes")
        # An axes table's row, as the matrix loader stores it (with its `responsables`).
        axis = Axis(id=Axis.key(name, tipo), name=name, tipo=tipo, sources=[source.id],
                            responsables=list(responsables))
        node = self.batch.add_node(axis)
        if parent:
            self._rel(RelType.PART_OF, node.id, parent, ("Axis", "Axis"), source.id)
        return node.id

    def territory(self, name: str, parent: str | None = None) -> str:
        source = self._source("Territorios")
        node = self.batch.add_node(Territory(id=Territory.key(name), name=name,
                                             sources=[source.id]))
        if parent:
            self._rel(RelType.PART_OF, node.id, parent, ("Territory", "Territory"), source.id)
        return node.id

    def mechanism(self, name: str) -> str:
        return self.batch.add_node(Mechanism(id=Mechanism.key(name), name=name)).id

    def action(self, titulo: str, eje: str | None = None, objetivo: str | None = None,
               leads: tuple[str, ...] = (), arts: tuple[str, ...] = (),
               territories: tuple[str, ...] = (), mechanisms: tuple[str, ...] = (),
               estado: str | None = None) -> str:
        source = self._source()
        eje_name = self.batch.nodes[eje].name if eje else None  # type: ignore[attr-defined]
        obj_name = self.batch.nodes[objetivo].name if objetivo else None  # type: ignore[attr-defined]
        action = Action(id=Action.key(titulo, eje_name, obj_name), titulo=titulo, eje=eje_name,
                        objetivo=obj_name, estado=estado, sources=[source.id])
        node = self.batch.add_node(action)
        self.rows[node.id] = source.row
        for axis in (eje, objetivo):
            if axis:
                self._rel(RelType.UNDER, node.id, axis, ("Action", "Axis"), source.id)
        for actor in leads:
            self._rel(RelType.LEADS, actor, node.id, ("Actor", "Action"), source.id)
        for actor in arts:
            self._rel(RelType.ARTICULATES, actor, node.id, ("Actor", "Action"), source.id)
        for territory in territories:
            self._rel(RelType.TARGETS, node.id, territory, ("Action", "Territory"), source.id)
        for mechanism in mechanisms:
            self._rel(RelType.USES, node.id, mechanism, ("Action", "Mechanism"), source.id)
        return node.id

    def relates(self, a: str, b: str, tipo: str = "coordinacion") -> None:
        source = self._source("Relaciones")
        self._rel(RelType.RELATES, a, b, ("Actor", "Actor"), source.id, tipo=tipo)

    def row_of(self, action: str) -> tuple[str, str, int]:
        return (self.document, TABLE, self.rows[action])
