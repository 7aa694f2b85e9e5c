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
``actor_network.cypher`` and ``actor_network_directed.cypher``, read from the snapshot's
one index (:class:`tejido.queries.index.NetworkIndex`); the graphs are built from
those rows, so a network projected from Neo4j by Cypher is the same graph, node and edge
order included (both sorted by id, which keeps seeded algorithms such as Louvain
reproducible across stores). Pairs come from each action's participants — a join
through actions, never a loop over all pairs of actors.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import networkx as nx

from .index import NetworkIndex

ACTOR_FIELDS = ("nombre", "tipo", "nivel", "interno")


def actors_rows(ix: NetworkIndex) -> list[dict[str, Any]]:
    """Twin of ``actors.cypher``: id, nombre, tipo, nivel, interno of every actor."""
    return [
        {"id": node, "nombre": ix.attr(node, "name"), "tipo": ix.attr(node, "tipo"),
         "nivel": ix.attr(node, "nivel"), "interno": ix.attr(node, "interno")}
        for node in ix.actors
    ]


class _Edges:
    """Accumulates edge rows keyed by (a, b): [weight, actions, relates] per pair, turned
    into row dicts once at the end (a dict per added action would cost more than the
    join itself on a large portfolio)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], list[Any]] = {}

    def action(self, a: str, b: str, action: str) -> None:
        row = self.rows.get((a, b))
        if row is None:
            self.rows[(a, b)] = [1, [action], []]
        else:
            row[0] += 1
            row[1].append(action)

    def tie(self, a: str, b: str, attrs: dict[str, Any]) -> None:
        row = self.rows.get((a, b))
        if row is None:
            row = self.rows[(a, b)] = [0, [], []]
        peso = attrs.get("peso")
        row[0] += 1 if peso is None else peso
        row[2].append(attrs.get("tipo"))

    def sorted_rows(self) -> list[dict[str, Any]]:
        return [{"a": a, "b": b, "weight": weight, "actions": sorted(actions),
                 "relates": sorted(relates)}
                for (a, b), (weight, actions, relates) in sorted(self.rows.items())]


def actor_network_rows(ix: NetworkIndex) -> list[dict[str, Any]]:
    """Twin of ``actor_network.cypher``: one row per linked pair, a < b by id.

    Columns: a, b, weight (shared actions + RELATES ties by peso or 1), actions (ids),
    relates (tipos of the RELATES ties between them, either direction).
    """
    edges = _Edges()
    for action in ix.actions:
        members = ix.participants(action)
        if len(members) > 1:
            for a, b in combinations(sorted(members), 2):
                edges.action(a, b, action)
    for a, b, attrs in ix.ties:
        edges.tie(*sorted((a, b)), attrs)
    return edges.sorted_rows()


def actor_network_directed_rows(ix: NetworkIndex) -> list[dict[str, Any]]:
    """Twin of ``actor_network_directed.cypher``: rector -> articulador and RELATES ties."""
    edges = _Edges()
    for action in ix.actions:
        articulators = ix.articulates.get(action)
        leads = ix.leads.get(action)
        if not articulators or not leads:
            continue
        articulators = sorted(articulators)
        for lead in sorted(leads):
            for articulator in articulators:
                if articulator != lead:
                    edges.action(lead, articulator, action)
    for a, b, attrs in ix.ties:
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


def actor_network(snapshot: nx.MultiDiGraph,
                  memo: dict[str, Any] | None = None) -> nx.Graph:
    """Undirected, weighted actor network of a store snapshot (see module docstring).

    Built from the snapshot's :class:`NetworkIndex` (shared through ``memo`` when given),
    so "takes part" means what it means in every analysis."""
    ix = NetworkIndex.of(snapshot, memo)
    return build_network(actors_rows(ix), actor_network_rows(ix))


def directed_actor_network(snapshot: nx.MultiDiGraph,
                           memo: dict[str, Any] | None = None) -> nx.DiGraph:
    """Directed network: rector -> articulador per shared action, plus RELATES ties."""
    ix = NetworkIndex.of(snapshot, memo)
    return build_network(actors_rows(ix), actor_network_directed_rows(ix), directed=True)
