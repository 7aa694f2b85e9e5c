"""Gap kind ``iniciativa_duplicada``: two actions with near-identical titles under
different eje/objective axes or different leads.

Query ``gap_iniciativa_duplicada.cypher`` (beside this module), its twin
:func:`iniciativa_duplicada_rows`: every action with what the comparison needs; the fuzzy
title match (:mod:`tejido.queries.similarity`) runs in Python for both stores.
"""

from __future__ import annotations

from typing import Any

from tejido.graph.i18n import register, t

from ..index import NetworkIndex
from ..similarity import THRESHOLD, similar_pairs
from .base import Draft, Kind, Row, Rows, action_subject, format_number

register(
    {
        "kind.iniciativa_duplicada": {"es": "Iniciativa duplicada",
                                      "en": "Duplicated initiative"},
        "about.iniciativa_duplicada": {
            "es": "Dos acciones con títulos casi idénticos (similitud ≥ 0,9 sin tildes, "
            "mayúsculas ni puntuación) bajo objetivos o rectores distintos. Gravedad = "
            "similitud.",
            "en": "Two actions with near-identical titles (similarity ≥ 0.9 ignoring accents, "
            "case and punctuation) under different objectives or leads. Severity = "
            "similarity.",
        },
        "ev.duplicate": {"es": "similitud {s}; difieren en: {d}",
                         "en": "similarity {s}; they differ in: {d}"},
        "ev.differ.objetivos": {"es": "eje/objetivo", "en": "eje/objective"},
        "ev.differ.rectores": {"es": "ente rector", "en": "lead"},
    }
)


def iniciativa_duplicada_rows(ix: NetworkIndex, eje: str | None = None,
                              territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_iniciativa_duplicada``: every action with its direct axes, its leads
    and whether it is in scope."""
    return [
        {
            "action_id": a, "titulo": ix.attr(a, "titulo"),
            "objetivos": ix.refs(ix.under.get(a, ())),
            "rectores": ix.refs(ix.leads.get(a, ())),
            "en_alcance": ix.in_scope(a, eje, territorio),
            "sources": ix.sources(a),
        }
        for a in ix.actions
    ]


def _ids(refs: list[dict[str, Any]]) -> set[str]:
    return {ref["id"] for ref in refs}


def build(rows: Rows) -> list[Draft]:
    """Similar pairs (severity = the similarity) that differ in axes or leads, with at
    least one of the two actions in scope."""
    actions = [r for r in rows["gap_iniciativa_duplicada"] if r["titulo"]]
    drafts = []
    for i, j, score in similar_pairs([r["titulo"] for r in actions], THRESHOLD):
        a, b = actions[i], actions[j]
        differ = [name for name in ("objetivos", "rectores") if _ids(a[name]) != _ids(b[name])]
        if not differ or not (a["en_alcance"] or b["en_alcance"]):
            continue
        drafts.append(Draft(
            "iniciativa_duplicada", score, [action_subject(a), action_subject(b)],
            {"similitud": score, "difieren": differ,
             "objetivos": [a["objetivos"], b["objetivos"]],
             "rectores": [a["rectores"], b["rectores"]]},
            sorted(set(a["sources"]) | set(b["sources"])),
        ))
    return drafts


def evidence(ev: dict[str, Any]) -> list[str]:
    return [t("ev.duplicate", s=format_number(ev["similitud"]),
              d=", ".join(t(f"ev.differ.{d}") for d in ev["difieren"]))]


KIND = Kind("iniciativa_duplicada", ("gap_iniciativa_duplicada",), build, evidence)
