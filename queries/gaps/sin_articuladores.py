"""Gap kind ``sin_articuladores``: an action with a lead and no other actor articulating it.

Query ``gap_sin_articuladores.cypher`` (beside this module), its twin
:func:`sin_articuladores_rows`.
"""

from __future__ import annotations

from typing import Any

from tejido.graph.i18n import register, t

from ..index import NetworkIndex
from .base import Draft, Kind, Row, Rows, action_evidence, action_row, action_subject, stage_weight

register(
    {
        "kind.sin_articuladores": {"es": "Acción con rector y sin articuladores",
                                   "en": "Action with a lead and no articulators"},
        "about.sin_articuladores": {
            "es": "La acción tiene ente rector y ningún otro actor que la articule. Gravedad "
            "0,6 (la mitad si está finalizada).",
            "en": "The action has a lead and no other actor articulating it. Severity 0.6 "
            "(half if finished).",
        },
        "ev.no_articulators": {"es": "ningún articulador", "en": "no articulator"},
    }
)


def sin_articuladores_rows(ix: NetworkIndex, eje: str | None = None,
                           territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_sin_articuladores``: actions with a lead and no articulator other
    than their own leads."""
    return [
        {**action_row(ix, a), "rectores": ix.names(ix.leads[a]), "sources": ix.sources(a)}
        for a in ix.scoped(eje, territorio)
        if ix.leads.get(a) and not (ix.articulates.get(a, set()) - ix.leads[a])
    ]


def severity_sin_articuladores(estado: str | None) -> float:
    """0.6: a lead alone; less serious than no lead at all."""
    return 0.6 * stage_weight(estado)


def build(rows: Rows) -> list[Draft]:
    return [
        Draft("sin_articuladores", severity_sin_articuladores(r["estado"]), [action_subject(r)],
              {"estado": r["estado"], "eje": r["eje"], "rectores": r["rectores"]}, r["sources"])
        for r in rows["gap_sin_articuladores"]
    ]


def evidence(ev: dict[str, Any]) -> list[str]:
    return action_evidence(ev, t("ev.rectores", v=", ".join(ev["rectores"])),
                           t("ev.no_articulators"))


KIND = Kind("sin_articuladores", ("gap_sin_articuladores",), build, evidence)
