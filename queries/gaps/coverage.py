"""Which fields each source document records: the coverage behind "not recorded".

A table of a document (a bundled dataset's table or a workbook's sheet: a Source's
``document`` and ``table``) records a field for a tipo of action (programa, accion,
actividad…) when at least one such action of it has a *stated* fact for it — a relationship whose
``derived`` is null (lead: LEADS, articulators: ARTICULATES, mechanisms: USES,
territories: TARGETS) or a non-null ``estado``. A matrix with no mechanism column, an
annex whose leads all come from derived columns, a programme's roadmap steps that name no
institution under a programme that does, and a workbook column empty in every row are
thus all "not recorded", and a kind resting on that field says nothing about those
actions (:mod:`tejido.queries.gaps.engine`). Query ``gap_cobertura.cypher`` (beside this
module), its twin :func:`coverage_rows`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tejido.graph.i18n import register, t
from tejido.graph.model import RelType

from ..index import PARTICIPATION, NetworkIndex
from .base import Row

#: Each field and the relationship that states it (None: the action's ``estado``).
FIELDS: dict[str, RelType | None] = {
    "articulators": RelType.ARTICULATES,
    "estado": None,
    "lead": RelType.LEADS,
    "mechanisms": RelType.USES,
    "territories": RelType.TARGETS,
}
#: The field each kind rests on (a kind absent here rests on no single field).
KIND_FIELD: dict[str, str] = {
    "sin_rector": "lead",
    "sin_articuladores": "articulators",
    "sin_mecanismo": "mechanisms",
    "estancada": "estado",
    "territorio_desatendido": "territories",
}

register(
    {
        "field.lead": {"es": "ente rector", "en": "lead"},
        "field.articulators": {"es": "articuladores", "en": "articulators"},
        "field.mechanisms": {"es": "mecanismos de articulación", "en": "articulation mechanisms"},
        "field.territories": {"es": "territorios", "en": "territories"},
        "field.estado": {"es": "estado", "en": "estado"},
    }
)


def field_label(field: str) -> str:
    """The field's display name in the current language."""
    return t(f"field.{field}")


Ends = tuple[tuple[str, RelType, dict[str, set[str]], bool], ...]


def _stated(ix: NetworkIndex, action: str, ends: Ends) -> set[str]:
    """The fields the action has a stated (not derived) fact for: ``estado``, or a
    relationship of the field's type (``ends``: :func:`_field_ends`)."""
    fields = {"estado"} if ix.attr(action, "estado") is not None else set()
    for name, rtype, others, into in ends:
        for other in others.get(action, ()):
            if ix.stated(*((other, action) if into else (action, other)), rtype):
                fields.add(name)
                break
    return fields


def _field_ends(ix: NetworkIndex) -> Ends:
    """(field, relationship type, the index's adjacency of actions by it, whether the
    action is the edge's destination) for each relationship field of :data:`FIELDS`."""
    adjacency = {RelType.LEADS: ix.leads, RelType.ARTICULATES: ix.articulates,
                 RelType.USES: ix.uses, RelType.TARGETS: ix.targets}
    return tuple((name, rel, adjacency[rel], rel in PARTICIPATION)
                 for name, rel in FIELDS.items() if rel is not None)


def coverage_rows(ix: NetworkIndex) -> list[Row]:
    """Twin of ``gap_cobertura``: per (document, table, action tipo, field), the actions
    and how many have a stated fact for the field."""
    actions: dict[tuple[str, str, str], int] = defaultdict(int)
    stated: dict[tuple[str, str, str, str], int] = defaultdict(int)
    ends = _field_ends(ix)
    for action in ix.actions:
        tables = {(ix.attr(s, "document"), ix.attr(s, "table")) for s in ix.sources(action)}
        tables = {t for t in tables if t[0] is not None}
        if not tables:
            continue
        tipo = ix.attr(action, "tipo")
        fields = _stated(ix, action, ends)
        for document, table in tables:
            actions[(document, table, tipo)] += 1
            for name in fields:
                stated[(document, table, tipo, name)] += 1
    return [{"document": d, "table": tb, "tipo": tp, "field": f, "acciones": n,
             "con_dato": stated[(d, tb, tp, f)]}
            for (d, tb, tp), n in sorted(actions.items(), key=lambda kv: tuple(map(str, kv[0])))
            for f in sorted(FIELDS)]


@dataclass
class Coverage:
    """What each (document, table, action tipo) records, from ``gap_cobertura`` rows.

    The unit is a table and a tipo of action because that is where a document decides
    what it writes down: 004's programme table states the programme's lead but no lead for
    its products and roadmap steps (they belong to the programme), and 001's annex states
    none at all. A finding about an action is silenced when none of its tables records the
    field for actions of its tipo.
    """

    rows: list[Row]
    #: (document, table, tipo, field) -> the actions there without a stated fact.
    absent: dict[tuple[str, str, str, str], int] = field(init=False)
    #: (document, table, tipo) -> its actions.
    actions: dict[tuple[str, str, str], int] = field(init=False)

    def __post_init__(self) -> None:
        self.absent = {(r["document"], r["table"], r["tipo"], r["field"]): r["acciones"]
                       for r in self.rows if not r["con_dato"]}
        self.actions = {(r["document"], r["table"], r["tipo"]): r["acciones"] for r in self.rows}

    def silent(self, field_name: str, tables: set[tuple[str, str]],
               tipos: set[str]) -> list[tuple[str, str, str]]:
        """The (document, table, tipo) units that leave the field unrecorded for a finding
        cited by ``tables`` about actions of ``tipos`` (every tipo of the table when the
        finding names no action); empty when any of them records it (the finding stands)."""
        units = [(d, tb, tp) for (d, tb, tp) in self.actions
                 if (d, tb) in tables and (not tipos or tp in tipos)]
        if not units or any((*u, field_name) not in self.absent for u in units):
            return []
        return units

    def whole_document(self, document: str, field_name: str) -> bool:
        """Whether no table of the document records the field for any tipo."""
        return all((*u, field_name) in self.absent for u in self.actions if u[0] == document)

    def document_actions(self, document: str) -> int:
        return sum(n for (d, _, _), n in self.actions.items() if d == document)
