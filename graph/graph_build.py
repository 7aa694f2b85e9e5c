"""Filling a networkx MultiDiGraph from a store file's records, without networkx's per-call
work.

Reading a store is the first step of every command. ``MultiDiGraph.add_edge(u, v, key,
**attrs)`` packs the record's attributes into keyword arguments, copies them into a new
dict, checks both ends and clears the graph's caches, for each of a portfolio's edges: a
tenth to a fifth of reading a 10 000-action store (measured: 0.1–0.25 of 1.0–1.2 CPU s),
and part of `tejido centrality`'s lead over a bare python-igraph script
(bench/bench_centrality.py). Here each record's own attribute dict, fresh from the parser,
becomes the node's or edge's dict, and the adjacency is filled as ``add_node`` and
``add_edge`` fill it: ``_node`` (node -> attributes) and ``_succ`` / ``_pred`` (node ->
neighbour -> key -> the one shared edge-attribute dict), the dict-of-dicts structure
networkx describes for subclasses. The tests build the same records both ways and compare
everything a reader sees, order included.
"""

from __future__ import annotations

from typing import Any

import networkx as nx


class GraphBuilder:
    """Adds node and edge records to a new, empty ``graph`` as ``add_node`` / ``add_edge``
    would: a node or edge given again has its attributes updated, an edge's unknown ends
    become nodes without attributes. Only for a graph nothing has read yet (no cached
    views to clear)."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        if graph.number_of_nodes():
            raise ValueError("GraphBuilder fills an empty graph")
        self._node: dict[Any, dict[str, Any]] = graph._node
        self._succ: dict[Any, dict[Any, dict[Any, dict[str, Any]]]] = graph._succ
        self._pred: dict[Any, dict[Any, dict[Any, dict[str, Any]]]] = graph._pred

    def node(self, node: Any, attrs: dict[str, Any]) -> None:
        """``graph.add_node(node, **attrs)``; ``attrs`` becomes the node's own dict."""
        known = self._node.get(node)
        if known is None:
            if node is None:  # as networkx refuses it
                raise ValueError("None cannot be a node")
            self._succ[node] = {}
            self._pred[node] = {}
            self._node[node] = attrs
        else:
            known.update(attrs)

    def edge(self, source: Any, target: Any, key: Any, attrs: dict[str, Any]) -> None:
        """``graph.add_edge(source, target, key=key, **attrs)``; ``attrs`` becomes the
        edge's own dict."""
        for end in (source, target):
            if end not in self._node:
                if end is None:
                    raise ValueError("None cannot be a node")
                self._succ[end] = {}
                self._pred[end] = {}
                self._node[end] = {}
        keys = self._succ[source].get(target)
        if keys is None:
            keys = self._succ[source][target] = self._pred[target][source] = {}
        known = keys.get(key)
        if known is None:
            keys[key] = attrs
        else:
            known.update(attrs)
