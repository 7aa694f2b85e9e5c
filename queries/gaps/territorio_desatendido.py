"""Gap kind ``territorio_desatendido``: a territory of an eje's own documents where the
eje has no action, while it acts in others.

Query ``gap_territorio_desatendido.cypher`` (beside this module), its twin
:func:`territorio_desatendido_rows`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tejido.graph.i18n import register, t

from ..index import NetworkIndex
from .base import Draft, Kind, Row, Rows, axis_subject, eje_actions, territory_subject

register(
    {
        "kind.territorio_desatendido": {"es": "Territorio desatendido",
                                        "en": "Neglected territory"},
        "about.territorio_desatendido": {
            "es": "Territorio del mismo documento donde el eje no tiene ninguna acción, "
            "aunque actúa en otros. Gravedad = territorios cubiertos / candidatos.",
            "en": "A territory of the same document where the eje has no action while it acts "
            "in others. Severity = territories covered / candidates.",
        },
        "ev.territory": {
            "es": "el eje actúa en {c} de {u} territorios ({a} acciones), ninguna aquí",
            "en": "the eje acts in {c} of {u} territories ({a} actions), none here",
        },
    }
)


def _documents(ix: NetworkIndex, action: str) -> set[str]:
    """The documents of the action's source rows."""
    docs = set()
    for source in ix.attr(action, "sources") or []:
        if source in ix.graph and ix.label(source) == "Source":
            docs.add(ix.attr(source, "document"))
    return docs


def territorio_desatendido_rows(ix: NetworkIndex, eje: str | None = None,
                                territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_territorio_desatendido``: (eje, territory) pairs no action of the eje
    reaches, while the eje acts elsewhere.

    Candidate territories of an eje are those targeted by any action of the same source
    documents (a planning instrument's own territorial frame; TODOS is already expanded to
    every territory of its dataset). A territory counts as reached when an action of the eje
    targets it, a territory containing it, or one inside it.
    """
    by_doc: dict[str, set[str]] = defaultdict(set)
    for action in ix.actions:
        if ix.targets.get(action):
            for doc in _documents(ix, action):
                by_doc[doc] |= ix.targets[action]
    rows = []
    for axis, actions in sorted(eje_actions(ix, eje, None).items()):
        acts = [a for a in actions if ix.targets.get(a)]
        if not acts:
            continue
        docs = set().union(*(_documents(ix, a) for a in acts))
        universe = set().union(*(by_doc[d] for d in docs)) if docs else set()
        covered = set().union(*(ix.targets[a] for a in acts))
        # Everything containing a covered territory, gathered once: "terr contains a
        # covered one" becomes one lookup instead of a pass over the covered territories.
        around = set().union(*(ix.up(c) for c in covered))
        sources = sorted(set().union(*(set(ix.attr(a, "sources") or []) for a in acts)))
        for terr in sorted(universe):
            if territorio is not None and territorio not in ix.up(terr):
                continue
            if ix.up(terr) & covered or terr in around:
                continue
            rows.append({
                "eje_id": axis, "eje": ix.attr(axis, "name"), "territorio_id": terr,
                "territorio": ix.attr(terr, "name"), "acciones_eje": len(acts),
                "cubiertos": len(covered), "universo": len(universe), "sources": sources,
            })
    return rows


def severity_territorio(covered: int, universe: int) -> float:
    """Territories the eje reaches / candidate territories: a wide eje skipping one stands out."""
    return covered / universe if universe else 0.0


def build(rows: Rows) -> list[Draft]:
    return [
        Draft("territorio_desatendido", severity_territorio(r["cubiertos"], r["universo"]),
              [axis_subject(r["eje_id"], r["eje"]),
               territory_subject(r["territorio_id"], r["territorio"])],
              {"acciones_eje": r["acciones_eje"], "cubiertos": r["cubiertos"],
               "universo": r["universo"]},
              r["sources"])
        for r in rows["gap_territorio_desatendido"]
    ]


def evidence(ev: dict[str, Any]) -> list[str]:
    return [t("ev.territory", c=ev["cubiertos"], u=ev["universo"], a=ev["acciones_eje"])]


KIND = Kind("territorio_desatendido", ("gap_territorio_desatendido",), build, evidence)
