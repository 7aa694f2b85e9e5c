"""Centrality of every actor in the actor network: who holds the portfolio together.

``compute_centrality(store)`` returns one row per actor (id, nombre, tipo, nivel, interno,
predecesores — a renamed institution and what it replaced are one row by default, see
:mod:`tejido.queries.institutions`) with one column per measure, named as the analyses
contract says:

=========================  ====================================================
grado                      distinct actors linked (degree)
grado_ponderado            sum of link weights (shared actions + direct ties)
intermediacion             normalized betweenness (exact up to 1 000 actors, then
                           estimated from 300 sampled sources with a fixed seed)
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
(their parity with the networkx twins is tested), and compute the measures in networkx.
On a Neo4j with Graph Data Science (``gds.version()`` answers, as in docker-compose.yml)
betweenness, PageRank and Louvain run in GDS instead (see :mod:`tejido.queries.gds`:
betweenness is then always exact; PageRank and communities may differ slightly from the
networkx values); ``use_gds=False`` keeps everything in networkx.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from tejido.graph.store import Store

from . import algorithms as alg
from .gds import gds_measures
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


def project(store: Store, separate_renamed: bool = False) -> tuple[nx.Graph, nx.DiGraph]:
    """The undirected and the directed actor network of ``store``, built from the rows of
    the built-in queries ``actors``, ``actor_network`` and ``actor_network_directed``.

    On Neo4j only actors and links travel, not the whole graph; on the embedded store the
    twins compute the same rows from the snapshot. A renamed institution and what it
    replaced are one node unless ``separate_renamed`` (:mod:`.institutions`).
    """
    from .catalog import builtin_specs

    specs = {spec.name: spec for spec in builtin_specs()}
    actors = store.rows(specs["actors"])
    graph = build_network(actors, store.rows(specs["actor_network"]))
    directed = build_network(actors, store.rows(specs["actor_network_directed"]), directed=True)
    if separate_renamed:
        return graph, directed
    canonical = canonical_institutions(store.rows(specs["successions"]))
    return merge_institutions(graph, canonical), merge_institutions(directed, canonical)


def centrality_rows(graph: nx.Graph, directed: nx.DiGraph, measures: Iterable[str] | None = None,
                    group_by: str = "nivel",
                    computed: dict[str, dict[Any, Any]] | None = None) -> list[dict[str, Any]]:
    """One row per actor of ``graph`` with the chosen measures, sorted by id.

    ``computed`` holds measures already computed elsewhere (GDS), by measure name.
    """
    chosen = list(measures or MEASURES)
    unknown = [m for m in chosen if m not in MEASURES]
    if unknown or group_by not in GROUP_BY:
        raise ValueError(f"unknown measure or group: {unknown or group_by}")
    values: dict[str, dict[Any, Any]] = dict(computed or {})
    chosen_here = [m for m in chosen if m not in values]
    values.update(_networkx_values(graph, directed, chosen_here, group_by))
    columns = measure_columns(chosen)
    rows = []
    for node, attrs in sorted(graph.nodes(data=True)):
        row = {"id": node, "nombre": attrs.get("name"), "tipo": attrs.get("tipo"),
               "nivel": attrs.get("nivel"), "interno": attrs.get("interno"),
               "predecesores": "; ".join(attrs.get("predecesores") or [])}
        for column in columns:
            row[column] = values[column].get(node)
        rows.append(row)
    return rows


def _networkx_values(graph: nx.Graph, directed: nx.DiGraph, chosen: list[str],
                     group_by: str) -> dict[str, dict[Any, Any]]:
    values: dict[str, dict[Any, Any]] = {}
    if "grado" in chosen:
        values["grado"] = alg.degree(graph)
    if "grado_ponderado" in chosen:
        values["grado_ponderado"] = alg.weighted_degree(graph)
    if "intermediacion" in chosen:
        values["intermediacion"] = alg.betweenness(graph)
    if "pagerank" in chosen:
        values["pagerank"] = alg.pagerank(graph)
    if "restriccion" in chosen:
        values["restriccion"] = alg.burt_constraint(graph)
    if "tamano_efectivo" in chosen:
        values["tamano_efectivo"] = alg.effective_size(graph)
    if "intermediario" in chosen:
        groups = {node: attrs.get(group_by) for node, attrs in directed.nodes(data=True)}
        roles = alg.brokerage_roles(directed, groups)
        for role in alg.ROLES:
            values[f"intermediario_{role}"] = {n: counts[role] for n, counts in roles.items()}
    if "punto_articulacion" in chosen:
        points = alg.articulation_points(graph)
        values["punto_articulacion"] = {node: node in points for node in graph}
    if "comunidad" in chosen:
        values["comunidad"] = alg.communities(graph)
    return values


def compute_centrality(store: Store, measures: Iterable[str] | None = None,
                       group_by: str = "nivel", use_gds: bool = True,
                       separate_renamed: bool = False) -> list[dict[str, Any]]:
    """Centrality rows for every actor in ``store`` (see module docstring for the columns);
    a renamed institution and its predecessors are one row unless ``separate_renamed``."""
    chosen = list(measures or MEASURES)
    graph, directed = project(store, separate_renamed)
    computed = {}
    if use_gds and store.gds_version():
        computed = gds_measures(store, graph, chosen)
    return centrality_rows(graph, directed, chosen, group_by, computed)
