"""Node positions computed once in Python, so the browser never runs a physics simulation.

The layout must stay fast at 20 000 nodes and give the same picture on every run:

1. Each connected component is laid out alone: a pivot-MDS start (Brandes & Pich 2007)
   refined by Fruchterman–Reingold forces (1991). In a component of more than
   ``EXACT_MAX`` nodes repulsion only acts between each node and its nearest neighbours —
   the "grid variant" of Fruchterman & Reingold, with a k-d tree in place of the grid —
   so every step is O(n log n + m) (networkx's ``spring_layout`` and
   ``forceatlas2_layout`` are O(n²) per iteration); smaller components get every pair.
   Repulsion is weighted by degree, as ForceAtlas2 does (Jacomy et al. 2014, PLoS ONE
   9(6)): two hubs push each other apart harder than two leaves, so the most central
   actors — the ones a planner reads first — do not pile up in the middle. A dense
   network's forces still pull most nodes onto a small disc: the layout is then scaled
   up until the typical node is a gap from its nearest (:func:`spread_out`). Last, nodes
   that ended up on top of each other are pushed apart (:func:`separate`).
2. Components are packed on shelves, largest first, isolated nodes last, filling rows
   (next-fit shelf packing, Coffman et al. 1980).

Nodes are ordered by id before anything else and the only randomness (the jitter that
separates nodes placed on the same point) comes from a seeded generator, so a graph gets
the same coordinates whatever order a store returned it in.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, shortest_path
from scipy.spatial import cKDTree

SEED = 7
#: Pixels per ideal edge length on the page.
UNIT = 150.0
#: Distance sources for pivot MDS: enough for a stable start, a BFS each.
PIVOTS = 40
#: Neighbours each node is pushed away from.
NEIGHBOURS = 10
ITERATIONS = 50
#: Components up to this size get exact (all-pairs) repulsion and EXACT_ITERATIONS steps.
EXACT_MAX = 300
EXACT_ITERATIONS = 120
#: Repulsion mass = (degree + 1) ** MASS_EXPONENT. ForceAtlas2 uses 1; 2 gives the hubs
#: of a planning portfolio (dozens of partners each) room for their names.
MASS_EXPONENT = 2.0
#: Nodes are kept at least GAP ideal edge lengths apart, in up to SEPARATE_ROUNDS rounds.
GAP = 0.4
SEPARATE_ROUNDS = 10
#: Each round pushes a node away from at most this many of its nearest too-close nodes.
CLOSEST = 16
#: Beyond REACH times the radius holding 90 % of a scaled-up layout's nodes, distances
#: from its centre grow logarithmically (:func:`pull_in`).
REACH = 2.0
#: Iterations between two nearest-neighbour searches (the neighbourhoods change slowly).
REFRESH = 5
#: Space left around each packed component, in ideal edge lengths.
MARGIN = 1.5


def positions(graph: nx.Graph, seed: int = SEED) -> dict[Hashable, tuple[float, float]]:
    """Coordinates (page pixels) for every node of ``graph``; edges are taken as undirected."""
    ids = sorted(graph.nodes, key=str)
    if not ids:
        return {}
    index = {node: i for i, node in enumerate(ids)}
    pairs = np.array([(index[a], index[b]) for a, b in graph.edges() if a != b],
                     dtype=np.int64).reshape(-1, 2)
    n = len(ids)
    adjacency = csr_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    adjacency = ((adjacency + adjacency.T) > 0).astype(np.float64).tocsr()
    _, labels = connected_components(adjacency, directed=False)
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(int(label), []).append(i)
    # Largest first; ties by the first node's id (labels follow node order).
    components = sorted(members.values(), key=lambda c: (-len(c), c[0]))
    rng = np.random.default_rng(seed)
    layouts = [_TINY[len(c)] if len(c) in _TINY else component_layout(adjacency[c][:, c], rng)
               for c in components]
    placed = pack(layouts)
    coords = np.empty((n, 2))
    for component, xy in zip(components, placed, strict=True):
        coords[component] = xy
    coords *= UNIT
    return {node: (round(float(x), 1), round(float(y), 1))
            for node, (x, y) in zip(ids, coords, strict=True)}


#: Components too small to need a layout (an isolated node, a pair).
_TINY = {1: np.zeros((1, 2)), 2: np.array([[-0.5, 0.0], [0.5, 0.0]])}


def component_layout(adjacency: csr_matrix, rng: np.random.Generator) -> np.ndarray:
    """Positions of one connected component (3 nodes or more), ideal edge length 1,
    centred on 0."""
    start = pivot_mds(adjacency)
    return separate(spread_out(force_refine(adjacency, start, rng)))


def spread_out(pos: np.ndarray, gap: float = GAP) -> np.ndarray:
    """The layout scaled up, when needed, so that the median node is ``gap`` from its
    nearest neighbour. The forces of a dense network pull most of its nodes onto a disc
    under one edge length across (2 494 actors at 0.48 from the centre, root mean square,
    at 10 000 synthetic actions; 10 005 at 0.23 at 40 000): scaling keeps that picture and
    leaves :func:`separate` the few piles, where pushing every close pair apart met 42
    million pairs and took 4 GB."""
    if len(pos) < 2:
        return pos
    distances, _ = cKDTree(pos).query(pos, 2)
    nearest = distances[:, 1][distances[:, 1] > 0]
    median = float(np.median(nearest)) if len(nearest) else 0.0
    if not 0 < median < gap:
        return pos
    return pull_in(pos * (gap / median))


def pull_in(pos: np.ndarray, reach: float = REACH) -> np.ndarray:
    """Nodes flung far from the centre brought closer: beyond ``reach`` times the radius
    holding 90 % of the nodes, distance from the centre grows logarithmically. A hub's
    repulsion throws a few of its leaves far out (the farthest at 20 times that radius at
    40 000 synthetic actions); the page fits every node in view, so they shrank the rest
    of the picture to a corner. The order of distances from the centre is kept."""
    centre = np.median(pos, axis=0)
    offset = pos - centre
    radius = np.hypot(offset[:, 0], offset[:, 1])
    limit = reach * float(np.quantile(radius, 0.9))
    far = radius > limit
    if limit <= 0 or not far.any():
        return pos
    scaled = limit * (1.0 + np.log(radius[far] / limit))
    offset[far] *= (scaled / radius[far])[:, None]
    return centre + offset


def separate(pos: np.ndarray, gap: float = GAP, rounds: int = SEPARATE_ROUNDS,
             closest: int = CLOSEST) -> np.ndarray:
    """Push apart nodes closer than ``gap`` (two leaves of one hub repel each other
    little and may land on one spot): each close pair moves apart by half of what is
    missing, for a few rounds. Pairs come from a k-d tree, each node's ``closest``
    nearest within ``gap`` per round, so a round is O(n log n) in time and O(n) in
    memory however many nodes share a spot."""
    pos = pos.copy()
    n = len(pos)
    k = min(closest + 1, n)
    for _ in range(rounds):
        _, near = cKDTree(pos).query(pos, k, distance_upper_bound=gap)
        near = near.reshape(n, -1)
        first = np.repeat(np.arange(n), near.shape[1])
        second = near.ravel()
        found = second < n  # a missing neighbour is reported as index n
        low = np.minimum(first[found], second[found])
        high = np.maximum(first[found], second[found])
        keys = np.unique(low[low != high] * n + high[low != high])
        pairs = np.column_stack([keys // n, keys % n])
        if not len(pairs):
            break
        delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
        length = np.hypot(delta[:, 0], delta[:, 1])
        same = length < 1e-9
        unit = delta / np.where(same, 1.0, length)[:, None]
        # Two nodes on the very same spot part along a fixed direction.
        unit[same] = (1.0, 0.0)
        push = unit * ((gap - length) / 2)[:, None]
        pos += _sum_by(pairs[:, 0], push, n) - _sum_by(pairs[:, 1], push, n)
    return pos


def pivot_mds(adjacency: csr_matrix, pivots: int = PIVOTS) -> np.ndarray:
    """Pivot MDS (Brandes & Pich, "Eigensolver methods for progressive multidimensional
    scaling of large data", Graph Drawing 2006, LNCS 4372): classical MDS of the hop
    distances to k pivots chosen max-min (each the farthest from those before), from the
    highest-degree node. O(k·m) for the BFS plus an n×k SVD."""
    n = adjacency.shape[0]
    k = min(pivots, n)
    distances = np.empty((n, k))
    nearest = np.full(n, np.inf)
    pivot = int(np.argmax(np.diff(adjacency.indptr)))
    for j in range(k):
        column = shortest_path(adjacency, directed=False, unweighted=True, indices=pivot)
        distances[:, j] = column
        nearest = np.minimum(nearest, column)
        pivot = int(np.argmax(nearest))
    squared = distances**2
    centred = -0.5 * (squared - squared.mean(axis=0) - squared.mean(axis=1)[:, None]
                      + squared.mean())
    # The paper's shortcut: eigenvectors of the small k×k matrix CᵀC, then project C.
    _, vectors = np.linalg.eigh(centred.T @ centred)
    coords = centred @ vectors[:, ::-1][:, :2]
    if coords.shape[1] < 2:
        coords = np.column_stack([coords, np.zeros(n)])
    # Singular vectors have no sign: fix it so the picture cannot mirror between runs.
    for axis in range(2):
        if coords[np.argmax(np.abs(coords[:, axis])), axis] < 0:
            coords[:, axis] *= -1
    return coords


def force_refine(adjacency: csr_matrix, start: np.ndarray, rng: np.random.Generator,
                 iterations: int = ITERATIONS, neighbours: int = NEIGHBOURS) -> np.ndarray:
    """Fruchterman & Reingold ("Graph drawing by force-directed placement", Software:
    Practice and Experience 21(11), 1991): attraction d²/k along edges, repulsion k²/d,
    displacement capped by a cooling temperature. Above ``EXACT_MAX`` nodes repulsion
    comes only from each node's ``neighbours`` nearest nodes (their grid variant), found
    with a k-d tree every ``REFRESH`` iterations. Repulsion between two nodes is scaled
    by (degree + 1) of each, over the mean (ForceAtlas2's mass)."""
    n = adjacency.shape[0]
    mass = (np.diff(adjacency.indptr).astype(np.float64) + 1.0) ** MASS_EXPONENT
    mass /= mass.mean()
    exact = n <= EXACT_MAX
    if exact:
        iterations = max(iterations, EXACT_ITERATIONS)
        pair_mass = mass[:, None] * mass[None, :]
        np.fill_diagonal(pair_mass, 0.0)  # a node does not push itself
    upper = adjacency.tocoo()
    keep = upper.row < upper.col
    heads, tails = upper.row[keep], upper.col[keep]
    pos = start - start.mean(axis=0)
    spread = np.sqrt((pos**2).sum(axis=1).mean())
    # Start on a disc whose area gives each node about one ideal length squared.
    pos = pos / (spread or 1.0) * np.sqrt(n / np.pi)
    pos += rng.uniform(-0.1, 0.1, pos.shape)
    near = min(neighbours, n - 1)
    first = np.sqrt(n) / 10
    for step in range(iterations):
        temperature = first * (1 - step / iterations) ** 2 + 0.02
        if exact:
            dx = pos[:, 0, None] - pos[None, :, 0]
            dy = pos[:, 1, None] - pos[None, :, 1]
            force = pair_mass / np.maximum(dx * dx + dy * dy, 1e-6)
            move = np.column_stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)])
        else:
            if step % REFRESH == 0:
                _, nearest = cKDTree(pos).query(pos, near + 1)
                source = np.repeat(np.arange(n), near)
                other = nearest[:, 1:].ravel()
                weight = (mass[source] * mass[other])[:, None]
            delta = pos[source] - pos[other]
            push = delta * weight / np.maximum((delta**2).sum(axis=1), 1e-6)[:, None]
            move = _sum_by(source, push, n)
        delta = pos[heads] - pos[tails]
        pull = delta * np.hypot(delta[:, 0], delta[:, 1])[:, None]
        move += _sum_by(tails, pull, n) - _sum_by(heads, pull, n)
        length = np.maximum(np.hypot(move[:, 0], move[:, 1]), 1e-9)
        pos += move / length[:, None] * np.minimum(length, temperature)[:, None]
    return pos - pos.mean(axis=0)


def _sum_by(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    return np.column_stack([np.bincount(index, values[:, c], n) for c in range(2)])


def pack(layouts: list[np.ndarray], margin: float = MARGIN) -> list[np.ndarray]:
    """Translate each layout onto shelves of a roughly square area, in the given order
    (next-fit shelf packing: Coffman, Garey, Johnson & Tarjan, SIAM J. Comput. 9(4),
    1980). Returns the moved copies."""
    boxes = []
    for xy in layouts:
        low, high = xy.min(axis=0), xy.max(axis=0)
        boxes.append((low, high - low + margin))
    area = sum(float(size[0] * size[1]) for _, size in boxes)
    width = max(np.sqrt(area) * 1.2, max(float(size[0]) for _, size in boxes))
    placed, x, y, shelf = [], 0.0, 0.0, 0.0
    for xy, (low, size) in zip(layouts, boxes, strict=True):
        if x > 0 and x + size[0] > width:
            x, y, shelf = 0.0, y + shelf, 0.0
        placed.append(xy - low + np.array([x, y]))
        x += float(size[0])
        shelf = max(shelf, float(size[1]))
    return placed
