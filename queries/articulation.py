"""Articulation points with the sizes of the pieces each one holds together.

networkx gives the articulation points (``nx.articulation_points``) but not what removing
one would split off. One depth-first search gives both (Hopcroft & Tarjan 1973,
"Algorithm 447: efficient algorithms for graph manipulation", CACM 16(6)): a non-root
vertex ``v`` is an articulation point when some DFS child ``c`` has
``low[c] >= disc[v]``; each such child's DFS subtree becomes its own piece once ``v`` is
removed, and the rest of ``v``'s component (minus ``v``) is one more piece. The root is an
articulation point when it has two or more DFS children, each child subtree a piece.
Linear in nodes + edges, iterative (no recursion limit).
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx


def articulation_pieces(graph: nx.Graph) -> dict[Hashable, list[int]]:
    """Articulation point -> sizes of the pieces its component splits into without it.

    Sizes are sorted largest first; they add up to the component's size minus one.
    """
    disc: dict[Hashable, int] = {}
    low: dict[Hashable, int] = {}
    size: dict[Hashable, int] = {}
    pieces: dict[Hashable, list[int]] = {}
    clock = 0
    for root in sorted(graph, key=str):
        if root in disc:
            continue
        disc[root] = low[root] = clock
        clock += 1
        size[root] = 1
        cut_off: dict[Hashable, int] = {}  # node -> vertices in children subtrees split off
        root_children: list[int] = []
        stack = [(root, None, iter(sorted(graph[root], key=str)))]
        while stack:
            node, parent, neighbours = stack[-1]
            advanced = False
            for nxt in neighbours:
                if nxt == node:
                    continue
                if nxt not in disc:
                    disc[nxt] = low[nxt] = clock
                    clock += 1
                    size[nxt] = 1
                    stack.append((nxt, node, iter(sorted(graph[nxt], key=str))))
                    advanced = True
                    break
                if nxt != parent:
                    low[node] = min(low[node], disc[nxt])
            if advanced:
                continue
            stack.pop()
            if parent is None:
                continue
            low[parent] = min(low[parent], low[node])
            size[parent] += size[node]
            if parent == root:
                root_children.append(size[node])
            elif low[node] >= disc[parent]:
                pieces.setdefault(parent, []).append(size[node])
                cut_off[parent] = cut_off.get(parent, 0) + size[node]
        component = size[root]
        for node, split in cut_off.items():
            rest = component - 1 - split
            if rest:
                pieces[node].append(rest)
        if len(root_children) >= 2:
            pieces[root] = list(root_children)
    return {node: sorted(sizes, reverse=True) for node, sizes in pieces.items()}
