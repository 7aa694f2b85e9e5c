"""The actor network as the centrality table needs it: integer ids and edge lists.

:func:`tejido.queries.centrality.project` builds networkx graphs (with every link's
actions and tie types) for the maps and the printed report; the centrality table only
needs who is linked to whom and how strongly. :class:`ActorRows` takes the same query
rows (``actors``, ``actor_network``, ``actor_network_directed``, ``successions``), folds
renamed institutions into their successor exactly as
:func:`tejido.queries.institutions.merge_institutions` does (weights added, ties between
the two dropped, the successor listing its predecessors' names), and keeps nodes and links
in the order networkx would (sorted by id), so the igraph network — and with it seeded
Louvain — is the same whichever way it was built (``tests/test_centrality.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from .institutions import canonical_institutions


def _fold(rows: Iterable[Mapping[str, Any]], canonical: Mapping[str, str],
          directed: bool) -> tuple[list[tuple[str, str]], list[Any]]:
    """(pairs, weights) sorted by pair, predecessors replaced by their successor."""
    weight: dict[tuple[str, str], Any] = {}
    for row in rows:
        a, b = canonical.get(row["a"], row["a"]), canonical.get(row["b"], row["b"])
        if canonical and a == b:
            continue
        key = (a, b) if directed or a < b else (b, a)
        weight[key] = weight.get(key, 0) + row["weight"]
    pairs = sorted(weight)
    return pairs, [weight[p] for p in pairs]


class ActorRows:
    """Actors (sorted by id, with their output attributes) and the undirected and directed
    links between them, as integer pairs into :attr:`ids`."""

    def __init__(self, actors: list[dict[str, Any]], links: list[dict[str, Any]],
                 directed_links: list[dict[str, Any]],
                 successions: list[dict[str, str]] | None) -> None:
        by_id = {row["id"]: row for row in actors}
        canonical = canonical_institutions(successions or [])
        canonical = {p: c for p, c in canonical.items() if p in by_id and c in by_id}
        included: dict[str, list[str]] = {}
        for pred in sorted(canonical):
            name = by_id[pred]["nombre"]
            included.setdefault(canonical[pred], []).append(str(name or pred))
        self.ids: list[str] = sorted(i for i in by_id if i not in canonical)
        self.attrs: list[dict[str, Any]] = [
            {"name": by_id[i]["nombre"], "tipo": by_id[i]["tipo"], "nivel": by_id[i]["nivel"],
             "interno": by_id[i]["interno"], "predecesores": sorted(included.get(i, []))}
            for i in self.ids]
        index = {node: n for n, node in enumerate(self.ids)}
        pairs, self.weights = _fold(links, canonical, directed=False)
        self.edges = [(index[a], index[b]) for a, b in pairs]
        dpairs, self.directed_weights = _fold(directed_links, canonical, directed=True)
        self.directed_edges = [(index[a], index[b]) for a, b in dpairs]

    def networkx(self, directed: bool = False) -> nx.Graph:
        """The same network as a networkx graph (weights only), in the same order."""
        graph: nx.Graph = nx.DiGraph() if directed else nx.Graph()
        graph.add_nodes_from(self.ids)
        edges, weights = ((self.directed_edges, self.directed_weights) if directed
                          else (self.edges, self.weights))
        graph.add_weighted_edges_from((self.ids[a], self.ids[b], w)
                                      for (a, b), w in zip(edges, weights, strict=True))
        return graph


def brokerage_counts(n: int, edges: list[tuple[int, int]], groups: list[Any],
                     roles: int = 5) -> list[list[int]]:
    """Gould–Fernandez role counts per node of a directed graph on ``range(n)`` (order of
    :data:`tejido.queries.algorithms.ROLES`; the definition is in
    :func:`tejido.queries.algorithms.brokerage_roles`).

    For a broker b, each in-neighbour a and out-neighbour c with a ≠ c, a → c absent and
    all three groups known is one two-path: Σ_b in(b) × out(b) set lookups.
    """
    outs: list[set[int]] = [set() for _ in range(n)]
    ins: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        if a != b and b not in outs[a]:
            outs[a].add(b)
            ins[b].append(a)
    counts = [[0] * roles for _ in range(n)]
    for b in range(n):
        gb = groups[b]
        if gb is None or not ins[b] or not outs[b]:
            continue
        row = counts[b]
        targets = [(c, groups[c]) for c in outs[b] if groups[c] is not None]
        for a in ins[b]:
            ga = groups[a]
            if ga is None:
                continue
            reach = outs[a]
            for c, gc in targets:
                if c == a or c in reach:
                    continue
                if ga == gb == gc:
                    row[0] += 1  # coordinador
                elif ga == gc:
                    row[1] += 1  # itinerante
                elif ga == gb:
                    row[3] += 1  # representante
                elif gb == gc:
                    row[2] += 1  # guardian
                else:
                    row[4] += 1  # enlace
    return counts
