"""Gap kind ``punto_critico``: an actor the network depends on — an articulation point of
the actor network (``motivo: articulacion``), or an actor leading at least half of the
actions of an eje with 3 or more (``motivo: rector_dominante``).

Queries (beside this module): ``gap_punto_critico.cypher`` (the actor network as edge
rows, twin :func:`punto_critico_rows`; unfiltered, it also gives the bridges of
:mod:`.coordinacion_faltante`) and ``gap_punto_critico_rector.cypher`` (twin
:func:`punto_critico_rector_rows`). Articulation points are computed in Python on the
edge rows (:mod:`tejido.queries.articulation`), identically for both stores.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from tejido.graph.i18n import register, t, tn

from ..articulation import articulation_pieces
from ..index import NetworkIndex
from .base import (
    Draft,
    Kind,
    Row,
    Rows,
    actor_subject,
    actor_ties,
    axis_subject,
    eje_actions,
)

#: An eje needs this many actions before one actor leading half of them is a critical point.
MIN_EJE_ACTIONS = 3

register(
    {
        "kind.punto_critico": {"es": "Punto crítico", "en": "Critical point"},
        "about.punto_critico": {
            "es": "Punto de articulación de la red de actores (gravedad m/(m+1) para los m "
            "actores que quedarían separados), o actor que lidera al menos la mitad de las "
            "acciones de un eje con 3 o más (gravedad = proporción que lidera).",
            "en": "Articulation point of the actor network (severity m/(m+1) for the m actors "
            "it would cut off), or an actor leading at least half of the actions of an eje "
            "with 3 or more (severity = share it leads).",
        },
        "ev.articulation": {
            "es": "punto de articulación: sin él, {m} actores quedan separados del resto "
            "({n} vecinos; partes: {parts})",
            "en": "articulation point: without it, {m} actors are cut off from the rest "
            "({n} neighbours; pieces: {parts})",
        },
        "ev.articulation.one": {
            "es": "punto de articulación: sin él, 1 actor queda separado del resto "
            "({n} vecinos; partes: {parts})",
            "en": "articulation point: without it, 1 actor is cut off from the rest "
            "({n} neighbours; pieces: {parts})",
        },
        "ev.dominant": {"es": "lidera {led} de las {n} acciones del eje «{eje}»",
                        "en": "leads {led} of the {n} actions of eje «{eje}»"},
    }
)


def punto_critico_rows(ix: NetworkIndex, eje: str | None = None,
                       territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_punto_critico``: the actor network as edge rows (the projection
    articulation points are computed on). RELATES ties count only without filters."""
    return [
        {"actor_a": a, "nombre_a": ix.attr(a, "name"),
         "generico_a": bool(ix.attr(a, "generico")), "actor_b": b,
         "nombre_b": ix.attr(b, "name"), "generico_b": bool(ix.attr(b, "generico")),
         "sources": sorted(tie.sources),
         "printed": sorted(tie.printed)}
        for (a, b), tie in actor_ties(ix, eje, territorio)  # sorted by the pair
    ]


def punto_critico_rector_rows(ix: NetworkIndex, eje: str | None = None,
                              territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_punto_critico_rector``: (eje, actor) where the actor leads at least
    half of an eje's ≥3 in-scope actions."""
    rows = []
    for axis, actions in sorted(eje_actions(ix, eje, territorio).items()):
        if len(actions) < MIN_EJE_ACTIONS:
            continue
        led: dict[str, list[str]] = defaultdict(list)
        for action in actions:
            for actor in ix.leads.get(action, ()):
                led[actor].append(action)
        for actor, mine in sorted(led.items()):
            if 2 * len(mine) >= len(actions):
                rows.append({
                    "eje_id": axis, "eje": ix.attr(axis, "name"), "actor_id": actor,
                    "nombre": ix.attr(actor, "name"),
                    "generico": bool(ix.attr(actor, "generico")), "lidera": len(mine),
                    "acciones": len(actions),
                    "sources": sorted(set().union(*(ix.lead_sources[(actor, a)] for a in mine))),
                    "printed": sorted(set().union(
                        *(ix.lead_printed.get((actor, a), ()) for a in mine))),
                })
    return rows


def severity_articulation(pieces: list[int]) -> float:
    """m / (m + 1) for the m actors its removal cuts off from the largest remaining piece."""
    cut_off = sum(pieces) - max(pieces)
    return cut_off / (cut_off + 1)


def severity_dominant_lead(led: int, actions: int) -> float:
    """The share of the eje's actions the actor leads (0.5–1)."""
    return led / actions


def build(rows: Rows) -> list[Draft]:
    network = nx.Graph()
    names: dict[str, str | None] = {}
    edge_sources: dict[str, set[str]] = {}
    edge_printed: dict[str, set[str]] = defaultdict(set)
    generic: set[str] = set()
    for r in rows["gap_punto_critico"]:
        network.add_edge(r["actor_a"], r["actor_b"])
        generic.update(x for x, g in ((r["actor_a"], r["generico_a"]),
                                      (r["actor_b"], r["generico_b"])) if g)
        names[r["actor_a"]], names[r["actor_b"]] = r["nombre_a"], r["nombre_b"]
        for actor in (r["actor_a"], r["actor_b"]):
            edge_sources.setdefault(actor, set()).update(r["sources"])
            edge_printed[actor].update(r["printed"])
    drafts = []
    # A category word («GADs») stays in the network it connects, but is never the subject
    # of a finding: it is not an institution a planner can ask to act.
    for actor, pieces in sorted(articulation_pieces(network).items()):
        if actor in generic:
            continue
        drafts.append(Draft(
            "punto_critico", severity_articulation(pieces), [actor_subject(actor, names[actor])],
            {"motivo": "articulacion", "vecinos": network.degree(actor),
             "componente": sum(pieces) + 1, "partes": pieces,
             "aislados": sum(pieces) - max(pieces)},
            sorted(edge_sources[actor]), sorted(edge_printed[actor]),
        ))
    for r in rows["gap_punto_critico_rector"]:
        if r["generico"]:
            continue
        drafts.append(Draft(
            "punto_critico", severity_dominant_lead(r["lidera"], r["acciones"]),
            [actor_subject(r["actor_id"], r["nombre"]), axis_subject(r["eje_id"], r["eje"])],
            {"motivo": "rector_dominante", "eje": r["eje"], "lidera": r["lidera"],
             "acciones": r["acciones"]},
            r["sources"], r["printed"],
        ))
    return drafts


def evidence(ev: dict[str, Any]) -> list[str]:
    if ev["motivo"] == "articulacion":
        return [tn("ev.articulation", ev["aislados"], m=ev["aislados"], n=ev["vecinos"],
                  parts=", ".join(map(str, ev["partes"])))]
    return [t("ev.dominant", led=ev["lidera"], n=ev["acciones"], eje=ev["eje"])]


KIND = Kind("punto_critico", ("gap_punto_critico", "gap_punto_critico_rector"), build, evidence)
