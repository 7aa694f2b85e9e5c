"""Gap kind ``estancada``: an action suspended or not started.

Query ``gap_estancada.cypher`` (beside this module), its twin :func:`estancada_rows`.
"""

from __future__ import annotations

from typing import Any

from tejido.graph.i18n import register, t
from tejido.graph.model import Estado

from ..index import NetworkIndex
from .base import Draft, Kind, Row, Rows, action_evidence, action_row, action_subject

#: The estados of a stalled action (the Cypher lists the same two).
STALLED = (Estado.suspendida, Estado.no_iniciada)

register(
    {
        "kind.estancada": {"es": "Acción estancada", "en": "Stalled action"},
        "about.estancada": {
            "es": "Acción suspendida (gravedad 0,8) o no iniciada (0,6).",
            "en": "Suspended (severity 0.8) or not started (0.6) action.",
        },
    }
)


def estancada_rows(ix: NetworkIndex, eje: str | None = None,
                   territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_estancada``: actions whose estado is suspendida or no_iniciada."""
    return [
        {**action_row(ix, a), "rectores": ix.names(ix.leads.get(a, ())),
         "sources": ix.sources(a)}
        for a in ix.scoped(eje, territorio) if ix.attr(a, "estado") in STALLED
    ]


def severity_estancada(estado: str | None) -> float:
    """0.8 suspendida (started, then stopped), 0.6 no_iniciada."""
    return 0.8 if estado == Estado.suspendida else 0.6


def build(rows: Rows) -> list[Draft]:
    return [
        Draft("estancada", severity_estancada(r["estado"]), [action_subject(r)],
              {"estado": r["estado"], "eje": r["eje"], "rectores": r["rectores"]}, r["sources"])
        for r in rows["gap_estancada"]
    ]


def evidence(ev: dict[str, Any]) -> list[str]:
    return action_evidence(ev, *([t("ev.rectores", v=", ".join(ev["rectores"]))]
                                 if ev["rectores"] else []))


KIND = Kind("estancada", ("gap_estancada",), build, evidence)
