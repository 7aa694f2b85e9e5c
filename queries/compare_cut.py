"""One cut of the portfolio, read from a store into plain data a comparison needs.

A comparison of two cuts (:mod:`tejido.queries.compare`) never holds two stores open at
once: each side is read here into a :class:`Cut` — its actors and actions by id, the
ties of its actor network with what carries them, its gap findings by ``id``, the
centrality of its actors and the fragmentation of its (eje, territory) contexts — and the
two cuts are compared in memory. So one Neo4j (whose community edition holds one
database) can give both sides in turn, and a workbook side can live in a temporary store
that is gone before the other side is read.

Everything is read through the :class:`~tejido.graph.store.Store` interface: the actor
network by the built-in query ``actor_network`` (Cypher on Neo4j, its twin on the
embedded store), the findings by :func:`~tejido.queries.gaps.find_gaps`, the centrality by
:func:`~tejido.queries.centrality.compute_centrality` (networkx only: GDS would compute
betweenness differently on one side than on the other), the contexts by
``gap_contexto_fragmentado``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tejido.graph.store import Store

from . import algorithms as alg
from .catalog import builtin_specs
from .centrality import compute_centrality
from .gaps import RowSource, find_gaps

#: Decimals every measure is compared and written with: two stores add the same floats
#: in another order, and the last bits of a betweenness must not count as a change.
DECIMALS = 6
#: The centrality measures a comparison reads (``intermediario`` gives the roles).
MEASURES = ("grado", "intermediacion", "intermediario")
#: The kind whose findings say how many groups a context falls into.
FRAGMENTED = "contexto_fragmentado"

Tie = tuple[str, str]


@dataclass
class Cut:
    """What a comparison needs of one store, as plain data (see the module docstring)."""

    #: actor id -> name
    actors: dict[str, str | None] = field(default_factory=dict)
    #: action id -> (titulo, estado)
    actions: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    #: (a, b) with a < b -> {"acciones": [action ids], "relaciones": [RELATES tipos]}
    ties: dict[Tie, dict[str, list[str]]] = field(default_factory=dict)
    #: finding id -> the finding as the gap report's JSON holds it, in report order
    findings: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: actor id (a renamed institution counted once) -> {name, grado, intermediacion, rol, ei}
    centrality: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: (eje id, territory id) -> {eje, territorio, grupos}
    contexts: dict[Tie, dict[str, Any]] = field(default_factory=dict)


def dominant_role(row: dict[str, Any]) -> str | None:
    """The Gould–Fernandez brokerage role an actor plays most often (Gould & Fernandez
    1989), the first in :data:`~tejido.queries.algorithms.ROLES` on a tie; None when it
    brokers nothing."""
    counts = [(row.get(f"intermediario_{role}") or 0, -i, role)
              for i, role in enumerate(alg.ROLES)]
    best = max(counts)
    return best[2] if best[0] > 0 else None


def _round(value: Any) -> Any:
    return round(value, DECIMALS) if isinstance(value, float) else value


def read_cut(store: Store) -> Cut:
    """The :class:`Cut` of ``store`` (every finding: no per-context cap on pairs, so a
    pair that merely fell out of its context's top few is not taken for a closed one)."""
    cut = Cut()
    cut.actors = {r["id"]: r["name"] for r in store.nodes("Actor", ["name"])}
    cut.actions = {r["id"]: (r["titulo"], r["estado"])
                   for r in store.nodes("Action", ["titulo", "estado"])}
    specs = {spec.name: spec for spec in builtin_specs()}
    for row in store.rows(specs["actor_network"]):
        a, b = sorted((row["a"], row["b"]))
        cut.ties[(a, b)] = {"acciones": sorted(set(row["actions"] or [])),
                            "relaciones": sorted(set(row["relates"] or []))}
    report = find_gaps(store, pairs_per_context=None)
    cut.findings = {f.id: f.model_dump(mode="json") for f in report.findings}
    ei = {a.actor_id: a.ei for a in report.ei_por_actor}
    for row in compute_centrality(store, MEASURES, use_gds=False):
        cut.centrality[row["id"]] = {
            "name": row["nombre"], "grado": row["grado"],
            "intermediacion": _round(row["intermediacion"]),
            "rol": dominant_role(row), "ei": _round(ei.get(row["id"])),
        }
    groups = {(f["evidence"]["eje_id"], f["evidence"]["territorio_id"]):
              f["evidence"]["n_grupos"]
              for f in cut.findings.values() if f["kind"] == FRAGMENTED}
    for row in RowSource(store).rows("gap_contexto_fragmentado",
                                     {"eje": None, "territorio": None}):
        key = (row["eje_id"], row["territorio_id"])
        cut.contexts[key] = {"eje": row["eje"], "territorio": row["territorio"],
                             "grupos": groups.get(key, 1)}
    return cut
