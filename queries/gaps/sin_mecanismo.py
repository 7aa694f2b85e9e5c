"""Gap kind ``sin_mecanismo``: actors take part in an action that uses no articulation
mechanism (agreement, round-table…).

Query ``gap_sin_mecanismo.cypher`` (beside this module), its twin :func:`sin_mecanismo_rows`.
"""

from __future__ import annotations

from typing import Any

from tejido.graph.i18n import register, tn

from ..index import NetworkIndex
from .base import Draft, Kind, Row, Rows, action_evidence, action_row, action_subject, stage_weight

register(
    {
        "kind.sin_mecanismo": {"es": "Acción sin mecanismo de articulación",
                               "en": "Action without an articulation mechanism"},
        "about.sin_mecanismo": {
            "es": "Participan actores y no hay convenio, mesa u otro mecanismo. Gravedad "
            "n/(n+1) para n actores (la mitad si está finalizada).",
            "en": "Actors take part and there is no agreement, round-table or other "
            "mechanism. Severity n/(n+1) for n actors (half if finished).",
        },
        "ev.actores": {"es": "{n} actores y ningún mecanismo",
                       "en": "{n} actors and no mechanism"},
        "ev.actores.one": {"es": "1 actor y ningún mecanismo",
                           "en": "1 actor and no mechanism"},
    }
)


def sin_mecanismo_rows(ix: NetworkIndex, eje: str | None = None,
                       territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_sin_mecanismo``: actions with at least one actor and no USES of a
    mechanism."""
    return [
        {**action_row(ix, a), "actores": len(ix.participants(a)), "sources": ix.sources(a)}
        for a in ix.scoped(eje, territorio) if ix.participants(a) and not ix.uses.get(a)
    ]


def severity_sin_mecanismo(actores: int, estado: str | None) -> float:
    """n / (n + 1) for n actors: the more actors to articulate, the more a mechanism is missed."""
    return actores / (actores + 1) * stage_weight(estado)


def build(rows: Rows) -> list[Draft]:
    return [
        Draft("sin_mecanismo", severity_sin_mecanismo(r["actores"], r["estado"]),
              [action_subject(r)],
              {"estado": r["estado"], "eje": r["eje"], "actores": r["actores"]}, r["sources"])
        for r in rows["gap_sin_mecanismo"]
    ]


def evidence(ev: dict[str, Any]) -> list[str]:
    return action_evidence(ev, tn("ev.actores", ev["actores"]))


KIND = Kind("sin_mecanismo", ("gap_sin_mecanismo",), build, evidence)
