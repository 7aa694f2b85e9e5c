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
from typing import Any

import networkx as nx
from neo4j import RoutingControl
from neo4j.exceptions import ClientError

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
_LOUVAIN = ("CALL gds.louvain.stream($name, {relationshipWeightProperty: 'weight', "
            "concurrency: 1}) YIELD nodeId, communityId "
            "RETURN gds.util.asNode(nodeId).id AS id, communityId AS value")


def gds_version(store: Any) -> str | None:
    """The GDS version installed on the store's Neo4j, or None (e.g. Neo4j Community)."""
    if store.kind != "neo4j":
        return None
    try:
        return store.execute("RETURN gds.version() AS v", RoutingControl.READ)[0]["v"]
    except ClientError:  # Neo.ClientError.Statement.SyntaxError: unknown function
        return None


def gds_measures(store: Any, graph: nx.Graph, measures: Iterable[str]) -> dict[str, dict]:
    """Scores of the GDS-backed ``measures`` for every node of ``graph`` (see module doc)."""
    wanted = [m for m in measures if m in GDS_MEASURES]
    if not wanted or graph.number_of_nodes() == 0:
        return {}
    name = f"tejido-actors-{uuid.uuid4().hex}"
    edges = [{"a": a, "b": b, "w": float(d["weight"])} for a, b, d in graph.edges(data=True)]
    store.execute(_PROJECT, edges=edges, name=name)
    try:
        out: dict[str, dict] = {}
        n = graph.number_of_nodes()
        if "intermediacion" in wanted:
            scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 0.0
            out["intermediacion"] = {r["id"]: r["value"] * scale
                                     for r in store.execute(_BETWEENNESS, name=name)}
        if "pagerank" in wanted:
            out["pagerank"] = {r["id"]: r["value"] for r in store.execute(_PAGERANK, name=name)}
        if "comunidad" in wanted:
            parts: dict[int, list[str]] = {}
            for row in store.execute(_LOUVAIN, name=name):
                parts.setdefault(row["value"], []).append(row["id"])
            out["comunidad"] = numbered(parts.values())
        return out
    finally:
        store.execute("CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName",
                      name=name)
