"""Centrality of every actor in the actor network: who holds the portfolio together.

``compute_centrality(store)`` returns one row per actor (id, nombre, tipo, nivel, interno,
predecesores — a renamed institution and what it replaced are one row by default, see
:mod:`tejido.queries.institutions`) with one column per measure, named as the analyses
contract says:

=========================  ====================================================
grado                      distinct actors linked (degree)
grado_ponderado            sum of link weights (shared actions + direct ties)
intermediacion             normalized betweenness (exact up to 10 000 actors, then
                           estimated from 500 sampled sources with a fixed seed)
pagerank                   PageRank, damping 0.85, weighted
restriccion                Burt's constraint (None for an isolated actor)
tamano_efectivo            Burt's effective size (None for an isolated actor)
intermediario_<rol>        Gould–Fernandez brokerage counts on the directed
                           rector → articulador network, rol in coordinador,
                           itinerante, guardian, representante, enlace; groups by
                           ``nivel`` or ``interno`` (``group_by``)
punto_articulacion         True if removing the actor splits the network
comunidad                  Louvain community number (0 = largest)
=========================  ====================================================

Both stores build the same network: the embedded store from its snapshot, Neo4j by the
built-in Cypher queries ``actors``, ``actor_network`` and ``actor_network_directed``
(their parity with the networkx twins is tested), and compute the measures in python-igraph
(:mod:`tejido.queries.centrality_igraph`; the networkx versions in
:mod:`tejido.queries.algorithms` are the reference the tests compare them with).
On a Neo4j with Graph Data Science (``gds.version()`` answers, as in docker-compose.yml)
betweenness, PageRank and Louvain run in GDS instead (see :mod:`tejido.queries.gds`:
betweenness is then always exact; PageRank and communities may differ slightly from the
igraph values); ``use_gds=False`` keeps everything in igraph.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from tejido.graph.memory import collector_paused
from tejido.graph.store import Store

from . import algorithms as alg
from . import centrality_igraph as engine
from .centrality_network import ActorRows, brokerage_counts
from .index import NetworkIndex
from .institutions import canonical_institutions, merge_institutions
from .network import actor_network_rows, actors_rows, build_network

MEASURES = (
    "grado", "grado_ponderado", "intermediacion", "pagerank", "restriccion",
    "tamano_efectivo", "intermediario", "punto_articulacion", "comunidad",
)
#: ``predecesores``: names of the renamed institutions an actor's row includes (see
#: :mod:`tejido.queries.institutions`), empty when it includes none.
ACTOR_COLUMNS = ("id", "nombre", "tipo", "nivel", "interno", "predecesores")
GROUP_BY = ("nivel", "interno")


def measure_columns(measures: Iterable[str]) -> list[str]:
    """Output columns for the chosen measures (``intermediario`` expands to its roles)."""
    columns = []
    for measure in measures:
        if measure == "intermediario":
            columns.extend(f"intermediario_{role}" for role in alg.ROLES)
        else:
            columns.append(measure)
    return columns


def degree_rows(ix: NetworkIndex) -> list[dict[str, Any]]:
    """Twin of ``degree.cypher``: id, nombre, grado, grado_ponderado per actor."""
    graph = build_network(actors_rows(ix), actor_network_rows(ix))
    return [
        {"id": node, "nombre": attrs["name"], "grado": graph.degree(node),
         "grado_ponderado": graph.degree(node, weight="weight")}
        for node, attrs in graph.nodes(data=True)
    ]


def _rows(store: Store, separate_renamed: bool) -> tuple[list[dict[str, Any]], ...]:
    """The rows of ``actors``, ``actor_network``, ``actor_network_directed`` and
    ``successions`` (empty when ``separate_renamed``)."""
    specs = _specs("actors", "actor_network", "actor_network_directed", "successions")
    actors = store.rows(specs["actors"])
    links = store.rows(specs["actor_network"])
    directed = store.rows(specs["actor_network_directed"])
    successions = [] if separate_renamed else store.rows(specs["successions"])
    return actors, links, directed, successions


def project(store: Store, separate_renamed: bool = False) -> tuple[nx.Graph, nx.DiGraph]:
    """The undirected and the directed actor network of ``store``, built from the rows of
    the built-in queries ``actors``, ``actor_network`` and ``actor_network_directed``.

    On Neo4j only actors and links travel, not the whole graph; on the embedded store the
    twins compute the same rows from the snapshot. A renamed institution and what it
    replaced are one node unless ``separate_renamed`` (:mod:`.institutions`).
    """
    actors, links, directed_links, successions = _rows(store, separate_renamed)
    graph = build_network(actors, links)
    directed = build_network(actors, directed_links, directed=True)
    if separate_renamed:
        return graph, directed
    canonical = canonical_institutions(successions)
    return merge_institutions(graph, canonical), merge_institutions(directed, canonical)


def _specs(*names: str) -> dict[str, Any]:
    """The named built-in queries of ``builtin/``, parsed alone: parsing every built-in
    spec imports every gap kind's module (0.3 s) that centrality never runs."""
    from importlib import resources

    from .catalog import parse_query

    folder = resources.files("tejido.queries").joinpath("builtin")
    return {name: parse_query(folder.joinpath(f"{name}.cypher").read_text(encoding="utf-8"),
                              f"builtin/{name}.cypher", builtin=True) for name in names}


def _check(measures: Iterable[str] | None, group_by: str) -> list[str]:
    chosen = list(measures or MEASURES)
    unknown = [m for m in chosen if m not in MEASURES]
    if unknown or group_by not in GROUP_BY:
        raise ValueError(f"unknown measure or group: {unknown or group_by}")
    return chosen


def centrality_rows(graph: nx.Graph, directed: nx.DiGraph, measures: Iterable[str] | None = None,
                    group_by: str = "nivel",
                    computed: dict[str, dict[Any, Any]] | None = None) -> list[dict[str, Any]]:
    """One row per actor of ``graph`` with the chosen measures, sorted by id.

    ``computed`` holds measures already computed elsewhere (GDS), by measure name.
    """
    chosen = _check(measures, group_by)
    values: dict[str, dict[Any, Any]] = dict(computed or {})
    chosen_here = [m for m in chosen if m not in values]
    net = engine.Indexed.of(graph) if any(m != "intermediario" for m in chosen_here) else None
    values.update(_engine_values(net, chosen_here))
    if "intermediario" in chosen_here:
        nodes = list(directed)
        index = {node: i for i, node in enumerate(nodes)}
        counts = brokerage_counts(len(nodes), [(index[a], index[b]) for a, b in directed.edges()],
                                  [directed.nodes[n].get(group_by) for n in nodes])
        values.update(_roles(nodes, counts))
    attrs = sorted(graph.nodes(data=True))
    return _table([node for node, _ in attrs], [a for _, a in attrs], chosen, values)


def _roles(nodes: list[Any], counts: list[list[int]]) -> dict[str, dict[Any, int]]:
    return {f"intermediario_{role}": {node: c[r] for node, c in zip(nodes, counts, strict=True)}
            for r, role in enumerate(alg.ROLES)}


def _table(ids: list[Any], attrs: list[dict[str, Any]], chosen: list[str],
           values: dict[str, dict[Any, Any]]) -> list[dict[str, Any]]:
    """The rows, in the order of ``ids``."""
    columns = measure_columns(chosen)
    rows = []
    for node, attr in zip(ids, attrs, strict=True):
        row = {"id": node, "nombre": attr.get("name"), "tipo": attr.get("tipo"),
               "nivel": attr.get("nivel"), "interno": attr.get("interno"),
               "predecesores": "; ".join(attr.get("predecesores") or [])}
        for column in columns:
            row[column] = values[column].get(node)
        rows.append(row)
    return rows


def _engine_values(net: engine.Indexed | None, chosen: list[str]) -> dict[str, dict[Any, Any]]:
    """The undirected measures in ``chosen`` (all but the brokerage roles)."""
    values: dict[str, dict[Any, Any]] = {}
    if net is None:
        return values
    if "grado" in chosen:
        values["grado"] = engine.degree(net)
    if "grado_ponderado" in chosen:
        values["grado_ponderado"] = engine.weighted_degree(net)
    if "intermediacion" in chosen:
        values["intermediacion"] = engine.betweenness(net)
    if "pagerank" in chosen:
        values["pagerank"] = engine.pagerank(net)
    if "restriccion" in chosen:
        values["restriccion"] = engine.burt_constraint(net)
    if "tamano_efectivo" in chosen:
        values["tamano_efectivo"] = engine.effective_size(net)
    if "punto_articulacion" in chosen:
        points = engine.articulation_points(net)
        values["punto_articulacion"] = {node: node in points for node in net.nodes}
    if "comunidad" in chosen:
        values["comunidad"] = engine.communities(net)
    return values


def compute_centrality(store: Store, measures: Iterable[str] | None = None,
                       group_by: str = "nivel", use_gds: bool = True,
                       separate_renamed: bool = False) -> list[dict[str, Any]]:
    """Centrality rows for every actor in ``store`` (see module docstring for the columns);
    a renamed institution and its predecessors are one row unless ``separate_renamed``.

    The same rows as :func:`centrality_rows` on :func:`project`'s graphs, from a lighter
    form of the network (:class:`.centrality_network.ActorRows`: no per-link lists of
    actions, no networkx graph; the tests compare both ways).
    """
    chosen = _check(measures, group_by)
    with collector_paused():
        return _compute(store, chosen, group_by, use_gds, separate_renamed)


def _compute(store: Store, chosen: list[str], group_by: str, use_gds: bool,
             separate_renamed: bool) -> list[dict[str, Any]]:
    rows = _rows(store, separate_renamed)
    successions = rows[-1]
    network = ActorRows(*rows)
    del rows  # the link rows: ActorRows holds what the measures need
    values: dict[str, dict[Any, Any]] = {}
    if use_gds and network.ids and store.gds_version():
        from .gds import gds_measures

        # GDS projects the network on the server from the stored graph (same network,
        # renamed institutions folded by the same successions): no links sent back.
        values = gds_measures(store, chosen, successions)
    chosen_here = [m for m in chosen if m not in values]
    net = None
    if any(m != "intermediario" for m in chosen_here):
        net = engine.Indexed(network.ids, network.edges, network.weights)
    values.update(_engine_values(net, chosen_here))
    if "intermediario" in chosen_here:
        groups = [attrs[group_by] for attrs in network.attrs]
        counts = brokerage_counts(len(network.ids), network.directed_edges, groups)
        values.update(_roles(network.ids, counts))
    return _table(network.ids, network.attrs, chosen, values)
