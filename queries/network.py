"""The actor network: who works with whom, as the portfolio shows it.

Two actors are linked when they take part (as rector — LEADS — or articulador —
ARTICULATES) in the same action; the link's ``weight`` counts the shared actions and
``actions`` lists their ids. A direct RELATES tie between two actors adds to the same
link: its ``peso`` when the source gives one, else 1, and its ``tipo`` goes into
``relates``. An actor that both leads and articulates an action takes part once; ties of
an actor with itself are left out (a network has no self-links).

``directed_actor_network`` keeps the direction of coordination: an edge rector ->
articulador for each action one leads and the other articulates (co-rectors and
co-articulators are not linked: nothing says who coordinates whom), plus each RELATES
tie origin -> destino.

The ``*_rows`` functions are the networkx twins of ``builtin/actors.cypher``,
``actor_network.cypher`` and ``actor_network_directed.cypher``; the graphs are built from
those rows, so a network projected from Neo4j by Cypher is the same graph, node and edge
order included (both sorted by id, which keeps seeded algorithms such as Louvain
reproducible across stores). Pairs come from each action's participants — a join
through actions, never a loop over all pairs of actors.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import Any

import networkx as nx

PARTICIPATION = ("LEADS", "ARTICULATES")
ACTOR_FIELDS = ("nombre", "tipo", "nivel", "interno")


def actors_rows(snapshot: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Twin of ``actors.cypher``: id, nombre, tipo, nivel, interno of every actor."""
    return [
        {"id": node, "nombre": attrs.get("name"), "tipo": attrs.get("tipo"),
         "nivel": attrs.get("nivel"), "interno": attrs.get("interno")}
        for node, attrs in sorted(snapshot.nodes(data=True))
        if attrs.get("label") == "Actor"
    ]


def _participants(snapshot: nx.MultiDiGraph, action: str, types: Iterable[str]) -> list[str]:
    wanted = set(types)
    return sorted({
        source for source, _, key in snapshot.in_edges(action, keys=True)
        if key in wanted and snapshot.nodes[source].get("label") == "Actor"
    })


def _actions(snapshot: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, label in snapshot.nodes(data="label") if label == "Action")


def _relates(snapshot: nx.MultiDiGraph) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (a, b, attrs) for a, b, attrs in snapshot.edges(data=True)
        if attrs.get("type") == "RELATES" and a != b
        and snapshot.nodes[a].get("label") == "Actor" and snapshot.nodes[b].get("label") == "Actor"
    ]


class _Edges:
    """Accumulates edge rows keyed by (a, b)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}

    def _row(self, a: str, b: str) -> dict[str, Any]:
        row = self.rows.get((a, b))
        if row is None:
            row = self.rows[(a, b)] = {"a": a, "b": b, "weight": 0, "actions": [], "relates": []}
        return row

    def action(self, a: str, b: str, action: str) -> None:
        row = self._row(a, b)
        row["weight"] += 1
        row["actions"].append(action)

    def tie(self, a: str, b: str, attrs: dict[str, Any]) -> None:
        row = self._row(a, b)
        peso = attrs.get("peso")
        row["weight"] += 1 if peso is None else peso
        row["relates"].append(attrs.get("tipo"))

    def sorted_rows(self) -> list[dict[str, Any]]:
        out = []
        for key in sorted(self.rows):
            row = self.rows[key]
            out.append({**row, "actions": sorted(row["actions"]),
                        "relates": sorted(row["relates"])})
        return out


def actor_network_rows(snapshot: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Twin of ``actor_network.cypher``: one row per linked pair, a < b by id.

    Columns: a, b, weight (shared actions + RELATES ties by peso or 1), actions (ids),
    relates (tipos of the RELATES ties between them, either direction).
    """
    edges = _Edges()
    for action in _actions(snapshot):
        for a, b in combinations(_participants(snapshot, action, PARTICIPATION), 2):
            edges.action(a, b, action)
    for a, b, attrs in _relates(snapshot):
        edges.tie(*sorted((a, b)), attrs)
    return edges.sorted_rows()


def actor_network_directed_rows(snapshot: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Twin of ``actor_network_directed.cypher``: rector -> articulador and RELATES ties."""
    edges = _Edges()
    for action in _actions(snapshot):
        articulators = _participants(snapshot, action, ("ARTICULATES",))
        for lead in _participants(snapshot, action, ("LEADS",)):
            for articulator in articulators:
                if articulator != lead:
                    edges.action(lead, articulator, action)
    for a, b, attrs in _relates(snapshot):
        edges.tie(a, b, attrs)
    return edges.sorted_rows()


def build_network(actors: list[dict[str, Any]], edges: list[dict[str, Any]],
                  directed: bool = False) -> nx.Graph:
    """The network from actor rows and edge rows (as the queries above return them).

    Nodes carry name, tipo, nivel, interno; edges weight, actions, relates. Both are
    inserted in id order, so the graph is the same whichever store the rows came from.
    """
    graph: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    for row in sorted(actors, key=lambda r: r["id"]):
        graph.add_node(row["id"], name=row["nombre"], tipo=row["tipo"], nivel=row["nivel"],
                       interno=row["interno"])
    for row in sorted(edges, key=lambda r: (r["a"], r["b"])):
        graph.add_edge(row["a"], row["b"], weight=row["weight"], actions=list(row["actions"]),
                       relates=list(row["relates"]))
    return graph


def actor_network(snapshot: nx.MultiDiGraph) -> nx.Graph:
    """Undirected, weighted actor network of a store snapshot (see module docstring)."""
    return build_network(actors_rows(snapshot), actor_network_rows(snapshot))


def directed_actor_network(snapshot: nx.MultiDiGraph) -> nx.DiGraph:
    """Directed network: rector -> articulador per shared action, plus RELATES ties."""
    return build_network(actors_rows(snapshot), actor_network_directed_rows(snapshot),
                         directed=True)
