"""Gap kind ``sin_rector``: an action no actor leads.

Query ``gap_sin_rector.cypher`` (beside this module), its twin :func:`sin_rector_rows`.
"""

from __future__ import annotations

from typing import Any

from tejido.graph.i18n import register, tn

from ..index import NetworkIndex
from .base import Draft, Kind, Row, Rows, action_evidence, action_row, action_subject, stage_weight

register(
    {
        "kind.sin_rector": {"es": "Acción sin ente rector", "en": "Action without a lead"},
        "about.sin_rector": {
            "es": "Ningún actor lidera la acción. Gravedad 1 si nadie participa, 0,8 si hay "
            "articuladores; la mitad si la acción está finalizada.",
            "en": "No actor leads the action. Severity 1 if nobody takes part, 0.8 if there "
            "are articulators; half if the action is finished.",
        },
        "ev.articuladores": {"es": "{n} articuladores", "en": "{n} articulators"},
        "ev.articuladores.one": {"es": "1 articulador", "en": "1 articulator"},
    }
)


def sin_rector_rows(ix: NetworkIndex, eje: str | None = None,
                    territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_sin_rector``: in-scope actions with no LEADS."""
    return [
        {**action_row(ix, a), "articuladores": len(ix.articulates.get(a, ())),
         "sources": ix.sources(a)}
        for a in ix.scoped(eje, territorio) if not ix.leads.get(a)
    ]


def severity_sin_rector(articuladores: int, estado: str | None) -> float:
    """1.0 for an action nobody takes part in; 0.8 when articulators work without a lead."""
    return (0.8 if articuladores else 1.0) * stage_weight(estado)


def build(rows: Rows) -> list[Draft]:
    return [
        Draft("sin_rector", severity_sin_rector(r["articuladores"], r["estado"]),
              [action_subject(r)],
              {"estado": r["estado"], "eje": r["eje"], "articuladores": r["articuladores"]},
              r["sources"])
        for r in rows["gap_sin_rector"]
    ]


def evidence(ev: dict[str, Any]) -> list[str]:
    return action_evidence(ev, tn("ev.articuladores", ev["articuladores"]))


KIND = Kind("sin_rector", ("gap_sin_rector",), build, evidence)
