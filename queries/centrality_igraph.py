"""The heavy actor-network measures in python-igraph (compiled C, maintained, on PyPI).

networkx stays the embedded store's model and the reference (:mod:`.algorithms` holds the
networkx versions, which ``tests/test_centrality.py`` compares with these on random
graphs); igraph runs the measures whose cost grows faster than the links:

- **betweenness**: exact by Brandes' algorithm (Brandes 2001) in hops, rescaled to
  networkx's normalization 2 / ((n − 1)(n − 2)); exact up to :data:`BETWEENNESS_EXACT_MAX`
  actors. Measured by ``bench/bench_centrality.py --scaling`` on 2 shared cores: 0.9 CPU s
  at 2 546 actors (22 237 links, the 10 000-action portfolio), 3.2 s at 5 087 actors,
  13.7-15.9 s at 10 176 actors (87 839 links; networkx's pure-Python Brandes would take
  minutes there). Brandes' cost grows with actors × links, so above the threshold the
  value is estimated from :data:`BETWEENNESS_SAMPLES` source nodes drawn with a fixed seed
  (Brandes & Pich 2007): igraph's source-subset betweenness scaled by n / k, 0.6 s at
  10 176 actors with mean absolute error 0.00004, max 0.0072 (largest value 0.306),
  Spearman 0.968, the same top 20. (The estimate is not networkx's ``k=`` estimate,
  whose sample and rescaling differ.)
- **PageRank**: PRPACK's direct solver on link weights (each link as two arcs), damping
  0.85; a node without weight to give (isolated) spreads its rank evenly, as networkx
  does;
- **Burt's constraint** (Burt 1992): igraph's ``constraint`` on link weights, checked
  against :func:`.algorithms.burt_constraint`; where a node's ties all weigh 0 igraph
  divides 0 by 0, so that rare graph falls back to the networkx-side version;
- **articulation points** (Hopcroft & Tarjan 1973) and **Louvain** (Blondel et al. 2008,
  igraph's ``community_multilevel`` on link weights, with its own random generator seeded
  :data:`SEED`, so one network always gets the same partition; it may group differently
  from networkx's Louvain).

Degree, strength and effective size are computed here in plain Python over integer ids
(effective size: one pass over igraph's triangle list, which is what its common-neighbour
sums range over); the Gould–Fernandez roles in :mod:`.centrality_network`.
"""

from __future__ import annotations

import math
import os
import random
import sys
from collections.abc import Hashable, Sequence
from typing import Any

import networkx as nx

from . import algorithms as alg

#: Exact betweenness up to this many actors (set by bench/bench_centrality.py --scaling:
#: about 15 CPU s at 10 000 actors on 2 shared cores, a wait a planner can afford once).
BETWEENNESS_EXACT_MAX = 10_000
#: Source nodes sampled when estimating betweenness above the threshold.
BETWEENNESS_SAMPLES = 500
SEED = alg.SEED


def load_igraph() -> Any:
    """``import igraph`` without its plotting half.

    python-igraph's package import pulls in matplotlib (and pyplot) when it is installed —
    about 0.5 s of every ``tejido centrality`` for drawing code tejido never calls. While
    igraph is imported, ``matplotlib`` is marked missing (``sys.modules`` entry ``None``),
    so igraph keeps its documented placeholder for plotting; the mark is removed at once,
    and a later ``import matplotlib`` (the report's charts) loads the real one.
    """
    loaded = sys.modules.get("igraph")
    if loaded is not None:
        return loaded
    # igraph's PRPACK runs OpenMP threads; libgomp's default has idle threads spin, which
    # on a 2-core laptop burned 0.1-0.6 CPU s per PageRank of 0.005 s. Passive waiting
    # unless the user chose otherwise (read when igraph loads libgomp, just below).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    blocked = "matplotlib" not in sys.modules
    if blocked:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]
    try:
        import igraph
    finally:
        if blocked and sys.modules.get("matplotlib") is None:
            del sys.modules["matplotlib"]
    return igraph


class Indexed:
    """A weighted undirected network on integer ids, with its igraph twin.

    ``nodes[i]`` is the node of id ``i``; ``edges`` and ``weights`` are in the network's
    edge order (for a graph built from the actor-network rows: sorted by id, the order
    networkx keeps too, which seeded Louvain depends on).
    """

    def __init__(self, nodes: Sequence[Hashable], edges: list[tuple[int, int]],
                 weights: list[Any], graph: nx.Graph | None = None) -> None:
        igraph = load_igraph()
        self.nodes = list(nodes)
        self.edges = edges
        self.weights = weights
        self._graph = graph
        self.ig = igraph.Graph(n=len(self.nodes), edges=self.edges, directed=False)
        self.loops = any(a == b for a, b in self.edges)

    @classmethod
    def of(cls, graph: nx.Graph) -> Indexed:
        """The network of a networkx graph (weight 1 where a link has none)."""
        nodes = list(graph)
        index = {node: i for i, node in enumerate(nodes)}
        edges, weights = [], []
        for a, b, w in graph.edges(data="weight", default=1):
            edges.append((index[a], index[b]))
            weights.append(w)
        return cls(nodes, edges, weights, graph)

    @property
    def graph(self) -> nx.Graph:
        """The networkx graph (built on demand: only the rare fallbacks need it)."""
        if self._graph is None:
            graph = nx.Graph()
            graph.add_nodes_from(self.nodes)
            graph.add_weighted_edges_from(
                (self.nodes[a], self.nodes[b], w)
                for (a, b), w in zip(self.edges, self.weights, strict=True))
            self._graph = graph
        return self._graph

    def by_node(self, values: Sequence[Any]) -> dict[Hashable, Any]:
        return dict(zip(self.nodes, values, strict=True))


def degree(net: Indexed) -> dict[Hashable, int]:
    """Degree (a self-loop counts twice, as in networkx)."""
    return net.by_node(net.ig.degree())


def weighted_degree(net: Indexed) -> dict[Hashable, float]:
    """Strength: the sum of link weights, summed in Python so integer weights stay
    integers in CSV and JSON, as networkx gives them."""
    strength: list[float] = [0] * len(net.nodes)
    for (a, b), w in zip(net.edges, net.weights, strict=True):
        strength[a] += w
        strength[b] += w
    return net.by_node(strength)


def betweenness(net: Indexed, exact_max: int = BETWEENNESS_EXACT_MAX,
                samples: int = BETWEENNESS_SAMPLES, seed: int = SEED) -> dict[Hashable, float]:
    """Normalized betweenness in hops: exact up to ``exact_max`` nodes, else estimated
    from ``samples`` source nodes drawn by ``random.Random(seed)`` (see module doc)."""
    n = len(net.nodes)
    if n <= 2:
        return net.by_node([0.0] * n)
    scale = 2 / ((n - 1) * (n - 2))
    if n <= exact_max or samples >= n:
        raw = net.ig.betweenness(directed=False)
    else:
        sources = sorted(random.Random(seed).sample(range(n), samples))
        raw = net.ig.betweenness(directed=False, sources=sources, targets=None)
        scale *= n / samples
    return net.by_node([value * scale for value in raw])


def pagerank(net: Indexed) -> dict[Hashable, float]:
    """PageRank, damping 0.85, on link weights (Page, Brin, Motwani & Winograd 1999)."""
    if not net.nodes:
        return {}
    if not net.edges:
        return net.by_node([1 / len(net.nodes)] * len(net.nodes))
    # Each link as two arcs (a self-loop as one, as networkx's to_directed has it): the
    # same PageRank, and PRPACK solves a directed graph in 0.01 s where on the undirected
    # one it spends 0.2-0.6 s preprocessing (2 546 actors, 22 237 links).
    arcs, weights = list(net.edges), list(net.weights)
    for (a, b), w in zip(net.edges, net.weights, strict=True):
        if a != b:
            arcs.append((b, a))
            weights.append(w)
    igraph = load_igraph()
    directed = igraph.Graph(n=len(net.nodes), edges=arcs, directed=True)
    return net.by_node(directed.pagerank(weights=weights, damping=0.85, directed=True))


def burt_constraint(net: Indexed) -> dict[Hashable, float | None]:
    """Burt's constraint (None for an isolated actor); see the module doc."""
    if net.loops:
        return alg.burt_constraint(net.graph)
    values = net.ig.constraint(weights=net.weights)
    degrees = net.ig.degree()
    out: list[float | None] = []
    for value, deg in zip(values, degrees, strict=True):
        if deg == 0:
            out.append(None)
        elif math.isnan(value):  # a tie of weight 0 somewhere around: 0 / 0 in igraph
            return alg.burt_constraint(net.graph)
        else:
            out.append(value)
    return net.by_node(out)


def effective_size(net: Indexed) -> dict[Hashable, float | None]:
    """Burt's effective size ES_i = Σ_j (1 − Σ_q p_iq m_jq), q ≠ i, j (Burt 1992, p. 52).

    The inner sums range over triangles i, j, q, so one pass over igraph's triangle list
    (each triangle read in its six orders) gives every redundancy; the same values as
    :func:`.algorithms.effective_size` (networkx's node-by-node definition).
    """
    if net.loops:
        return alg.effective_size(net.graph)
    n = len(net.nodes)
    tie: list[dict[int, float]] = [{} for _ in range(n)]
    for (a, b), w in zip(net.edges, net.weights, strict=True):
        tie[a][b] = w
        tie[b][a] = w
    strength = [sum(t.values()) for t in tie]
    strongest = [max(t.values(), default=0) for t in tie]
    share = [1 / s if s else 0.0 for s in strength]  # p_iq = w_iq * share[i]
    scale = [1 / s if s else 0.0 for s in strongest]  # m_jq = w_jq * scale[j]
    redundancy = [0.0] * n
    for a, b, c in net.ig.list_triangles():
        ab, ac, bc = tie[a][b], tie[a][c], tie[b][c]
        # i = a: j = b, q = c and j = c, q = b; likewise for i = b and i = c.
        redundancy[a] += share[a] * (ac * bc * scale[b] + ab * bc * scale[c])
        redundancy[b] += share[b] * (bc * ac * scale[a] + ab * ac * scale[c])
        redundancy[c] += share[c] * (bc * ab * scale[a] + ac * ab * scale[b])
    return net.by_node([len(tie[i]) - redundancy[i] if tie[i] else None for i in range(n)])


def articulation_points(net: Indexed) -> set[Hashable]:
    """Actors whose removal splits their part of the network (Hopcroft & Tarjan 1973)."""
    return {net.nodes[i] for i in net.ig.articulation_points()}


def communities(net: Indexed, seed: int = SEED) -> dict[Hashable, int]:
    """Louvain communities on link weights, numbered by :func:`.algorithms.numbered`.

    igraph draws its random numbers from the generator it is given; a private
    ``random.Random(seed)`` for the call (the previous generator restored after) makes
    the partition depend on the network only.
    """
    if not net.nodes:
        return {}
    igraph = load_igraph()
    igraph.set_random_number_generator(random.Random(seed))
    try:
        parts = net.ig.community_multilevel(weights=net.weights if net.edges else None)
    finally:
        igraph.set_random_number_generator(random)
    return alg.numbered([[net.nodes[i] for i in part] for part in parts])
