"""Which fields each source document records: the coverage behind "not recorded".

A document (a bundled dataset or a workbook file: a Source's ``document``) records a field
when at least one of its actions has a *stated* fact for it — a relationship whose
``derived`` is null (lead: LEADS, articulators: ARTICULATES, mechanisms: USES,
territories: TARGETS) or a non-null ``estado``. A matrix with no mechanism column, an
annex whose leads all come from derived columns and a workbook column empty in every row
are thus all "not recorded", and a kind resting on that field says nothing about that
document (:mod:`tejido.queries.gaps.engine`). Query ``gap_cobertura.cypher`` (beside this
module), its twin :func:`coverage_rows`.
"""

from __future__ import annotations

from collections import defaultdict

from tejido.graph.i18n import register, t
from tejido.graph.model import RelType

from ..index import NetworkIndex
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


def _stated(ix: NetworkIndex, action: str) -> set[str]:
    """The fields the action has a stated (not derived) fact for."""
    fields = {"estado"} if ix.attr(action, "estado") is not None else set()
    by_type = {rel: name for name, rel in FIELDS.items() if rel is not None}
    edges = [*ix.graph.in_edges(action, data=True), *ix.graph.out_edges(action, data=True)]
    for _, _, attrs in edges:
        name = by_type.get(attrs.get("type"))
        if name is not None and attrs.get("derived") is None:
            fields.add(name)
    return fields


def coverage_rows(ix: NetworkIndex) -> list[Row]:
    """Twin of ``gap_cobertura``: per (document, field), the document's actions and how
    many have a stated fact for the field."""
    actions: dict[str, int] = defaultdict(int)
    stated: dict[tuple[str, str], int] = defaultdict(int)
    for action in ix.actions:
        documents = {ix.attr(s, "document") for s in ix.sources(action)} - {None}
        if not documents:
            continue
        fields = _stated(ix, action)
        for document in documents:
            actions[document] += 1
            for name in fields:
                stated[(document, name)] += 1
    return [{"document": d, "field": f, "acciones": actions[d], "con_dato": stated[(d, f)]}
            for d in sorted(actions) for f in sorted(FIELDS)]


def not_recording(rows: list[Row]) -> dict[tuple[str, str], int]:
    """(document, field) -> the document's actions, for every field it does not record."""
    return {(r["document"], r["field"]): r["acciones"] for r in rows if not r["con_dato"]}
