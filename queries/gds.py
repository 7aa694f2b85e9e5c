"""Centrality measures on Neo4j's Graph Data Science library, when the server has it.

The actor network (as projected by the built-in Cypher, see centrality.project) is loaded
into GDS's in-memory catalog under a unique name, the algorithms stream their scores, and
the projection is dropped. GDS runs, in parallel Java:

- betweenness: always exact (Brandes 2001), rescaled to networkx's normalization
  (2 / ((n − 1)(n − 2)) on an undirected graph);
- PageRank: damping 0.85 on link weights, scaled to sum 1 (GDS does not hand an isolated
  actor's rank to the others as networkx does, so values differ slightly where there are
  isolated actors);
- Louvain: on link weights, single-threaded so that a run is reproducible; numbered like
  the networkx path (0 = largest). GDS's Louvain may group differently from networkx's.

Everything else (degrees, Burt, brokerage, articulation points) stays in networkx.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from tejido.graph.store import Store

from .algorithms import numbered

GDS_MEASURES = ("intermediacion", "pagerank", "comunidad")

_PROJECT = """
CALL () {
  UNWIND $edges AS e
  MATCH (a:Actor {id: e.a})
  MATCH (b:Actor {id: e.b})
  RETURN a, b, e.w AS w
  UNION ALL
  MATCH (a:Actor)
  RETURN a, null AS b, null AS w
}
WITH gds.graph.project($name, a, b, {relationshipProperties: {weight: coalesce(w, 0.0)}},
                       {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes
"""
_BETWEENNESS = ("CALL gds.betweenness.stream($name) YIELD nodeId, score "
                "RETURN gds.util.asNode(nodeId).id AS id, score AS value")
_PAGERANK = ("CALL gds.pageRank.stream($name, {relationshipWeightProperty: 'weight', "
             "dampingFactor: 0.85, maxIterations: 200, tolerance: 1e-10, scaler: 'L1Norm'}) "
             "YIELD nodeId, score RETURN gds.util.asNode(nodeId).id AS id, score AS value")
_DROP = "CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName"
_LOUVAIN = ("CALL gds.louvain.stream($name, {relationshipWeightProperty: 'weight', "
            "concurrency: 1}) YIELD nodeId, communityId "
            "RETURN gds.util.asNode(nodeId).id AS id, communityId AS value")


@dataclass(frozen=True)
class GdsCall:
    """One GDS statement as a read query of the store (it has no networkx twin: GDS runs
    only where the store reports a GDS version)."""

    name: str
    cypher: str
    columns: list[str]
    path: str = "tejido.queries.gds"
    has_twin: bool = False
    builtin: bool = True

    def run_twin(self, graph: Any, memo: dict[str, Any], params: dict[str, Any]) -> list[Any]:
        raise LookupError(self.name)


_CALLS = {
    "project": GdsCall("gds_project", _PROJECT, ["nodes"]),
    "intermediacion": GdsCall("gds_betweenness", _BETWEENNESS, ["id", "value"]),
    "pagerank": GdsCall("gds_pagerank", _PAGERANK, ["id", "value"]),
    "comunidad": GdsCall("gds_louvain", _LOUVAIN, ["id", "value"]),
    "drop": GdsCall("gds_drop", _DROP, ["graphName"]),
}


def gds_measures(store: Store, graph: nx.Graph, measures: Iterable[str]) -> dict[str, dict]:
    """Scores of the GDS-backed ``measures`` for every node of ``graph`` (see module doc).

    GDS's catalog and stream procedures only read the database, so they run in the
    store's read transactions like any saved query.
    """
    wanted = [m for m in measures if m in GDS_MEASURES]
    if not wanted or graph.number_of_nodes() == 0:
        return {}
    name = f"tejido-actors-{uuid.uuid4().hex}"
    edges = [{"a": a, "b": b, "w": float(d["weight"])} for a, b, d in graph.edges(data=True)]
    store.rows(_CALLS["project"], {"edges": edges, "name": name})
    try:
        out: dict[str, dict] = {}
        n = graph.number_of_nodes()
        if "intermediacion" in wanted:
            scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 0.0
            out["intermediacion"] = {r["id"]: r["value"] * scale
                                     for r in store.rows(_CALLS["intermediacion"], {"name": name})}
        if "pagerank" in wanted:
            out["pagerank"] = {r["id"]: r["value"]
                               for r in store.rows(_CALLS["pagerank"], {"name": name})}
        if "comunidad" in wanted:
            parts: dict[int, list[str]] = {}
            for row in store.rows(_CALLS["comunidad"], {"name": name}):
                parts.setdefault(row["value"], []).append(row["id"])
            out["comunidad"] = numbered(parts.values())
        return out
    finally:
        store.rows(_CALLS["drop"], {"name": name})
