"""Centrality measures on Neo4j's Graph Data Science library, when the server has it.

The actor network is projected into GDS's in-memory catalog on the server, straight from
the stored graph, by a Cypher projection (the ``gds.graph.project`` aggregation function
of GDS 2.x; tejido's local server installs GDS 2.13, ``graph/neo4j_server/gds/pom.xml``):
the same network as the built-in query ``actor_network`` (every actor; two actors linked
by each action both take part in, as rector or articulador, counted once per action, plus
each RELATES tie by its ``peso`` or 1), with renamed institutions folded into their
successor exactly as :class:`tejido.queries.centrality_network.ActorRows` folds them.
Nothing of the network travels through Python: the parameters are the projection's name
and the renaming map (predecessor id -> successor id, one entry per renamed institution,
empty when there is none), and only one row per actor and measure comes back.

The projection gets a name of its own (a random UUID) so that users sharing a server never
meet each other's, and it is dropped when the measures are read, also when reading fails.
GDS then runs, in parallel Java:

- betweenness: always exact (Brandes 2001), rescaled to networkx's normalization
  (2 / ((n − 1)(n − 2)) on an undirected graph);
- PageRank: damping 0.85 on link weights, scaled to sum 1 (GDS does not hand an isolated
  actor's rank to the others as networkx does, so values differ slightly where there are
  isolated actors);
- Louvain: on link weights, single-threaded so that a run is reproducible; numbered like
  the networkx path (0 = largest). GDS's Louvain may group differently from networkx's.

Everything else (degrees, Burt, brokerage, articulation points) stays in igraph.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from tejido.graph.model import Action, Actor, RelType
from tejido.graph.store import Store

from .algorithms import numbered
from .institutions import canonical_institutions

GDS_MEASURES = ("intermediacion", "pagerank", "comunidad")

_ACTOR, _ACTION = Actor.label, Action.label
_TAKES_PART = f"{RelType.LEADS.value}|{RelType.ARTICULATES.value}"

#: The pairs of ``builtin/actor_network.cypher`` (weights only), as nodes: x.id < y.id.
_PAIRS = f"""
CALL () {{
  MATCH (x:{_ACTOR})-[:{_TAKES_PART}]->(act:{_ACTION})<-[:{_TAKES_PART}]-(y:{_ACTOR})
  WHERE x.id < y.id
  WITH DISTINCT x, y, act
  RETURN x, y, count(act) AS w
  UNION ALL
  MATCH (x:{_ACTOR})-[r:{RelType.RELATES.value}]-(y:{_ACTOR})
  WHERE x.id < y.id
  RETURN x, y, sum(coalesce(r.peso, 1)) AS w
}}
"""

#: Every actor once (isolated ones included), then every linked pair once with its
#: summed weight; ``gds.graph.project`` skips the target of a row whose target is null.
_PROJECT = f"""
CALL () {{
  {_PAIRS.strip()}
  WITH x, y, sum(w) AS w
  RETURN x AS a, y AS b, w
  UNION ALL
  MATCH (a:{_ACTOR})
  RETURN a, null AS b, null AS w
}}
WITH gds.graph.project($name, a, b, {{relationshipProperties: {{weight: toFloat(coalesce(w, 0))}}}},
                       {{undirectedRelationshipTypes: ['*']}}) AS g
RETURN g.nodeCount AS nodes
"""

#: The same with each predecessor replaced by its successor ($renamed: predecessor id ->
#: successor id): weights of the pairs that become one add up, a pair that becomes a
#: single institution is no link, and predecessors are no nodes.
_PROJECT_RENAMED = f"""
CALL () {{
  {_PAIRS.strip()}
  WITH x, y, w
  OPTIONAL MATCH (sx:{_ACTOR} {{id: $renamed[x.id]}})
  OPTIONAL MATCH (sy:{_ACTOR} {{id: $renamed[y.id]}})
  WITH coalesce(sx, x) AS x, coalesce(sy, y) AS y, w
  WHERE x <> y
  WITH CASE WHEN x.id < y.id THEN x ELSE y END AS a,
       CASE WHEN x.id < y.id THEN y ELSE x END AS b, w
  WITH a, b, sum(w) AS w
  RETURN a, b, w
  UNION ALL
  MATCH (a:{_ACTOR})
  WHERE $renamed[a.id] IS NULL
  RETURN a, null AS b, null AS w
}}
WITH gds.graph.project($name, a, b, {{relationshipProperties: {{weight: toFloat(coalesce(w, 0))}}}},
                       {{undirectedRelationshipTypes: ['*']}}) AS g
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
    "project_renamed": GdsCall("gds_project_renamed", _PROJECT_RENAMED, ["nodes"]),
    "intermediacion": GdsCall("gds_betweenness", _BETWEENNESS, ["id", "value"]),
    "pagerank": GdsCall("gds_pagerank", _PAGERANK, ["id", "value"]),
    "comunidad": GdsCall("gds_louvain", _LOUVAIN, ["id", "value"]),
    "drop": GdsCall("gds_drop", _DROP, ["graphName"]),
}


def gds_measures(store: Store, measures: Iterable[str],
                 successions: Iterable[Mapping[str, str]] = ()) -> dict[str, dict]:
    """Scores of the GDS-backed ``measures`` for every actor of the store's actor network,
    by actor id (see module doc); ``successions`` are the rows of the built-in query
    ``successions`` (none: renamed institutions stay apart).

    GDS's catalog and stream procedures only read the database, so they run in the
    store's read transactions like any saved query.
    """
    wanted = [m for m in measures if m in GDS_MEASURES]
    if not wanted:
        return {}
    with projected_actor_network(store, successions) as (name, n):
        return _measures(store, name, n, wanted) if n else {}


@contextmanager
def projected_actor_network(store: Store, successions: Iterable[Mapping[str, str]] = ()
                            ) -> Iterator[tuple[str, int]]:
    """The actor network projected into the GDS catalog on the server, as (its name, its
    node count), for the duration of the ``with`` block; dropped afterwards, also when the
    block fails (the block's error is then the one raised)."""
    renamed = canonical_institutions(successions)
    name = f"tejido-actors-{uuid.uuid4().hex}"
    try:
        if renamed:
            rows = store.rows(_CALLS["project_renamed"], {"name": name, "renamed": renamed})
        else:
            rows = store.rows(_CALLS["project"], {"name": name})
        # No actor at all: the aggregation saw no row.
        nodes = (rows[0]["nodes"] or 0) if rows else 0
        yield name, nodes
    except BaseException:
        with suppress(Exception):
            _drop(store, name)
        raise
    _drop(store, name)


def _drop(store: Store, name: str) -> None:
    store.rows(_CALLS["drop"], {"name": name})


def _measures(store: Store, name: str, n: int, wanted: list[str]) -> dict[str, dict]:
    """The ``wanted`` measures streamed from the projection ``name`` of ``n`` nodes."""
    out: dict[str, dict] = {}
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
