"""Renamed institutions as one: a successor and the predecessors it replaced.

A ``SUCCEEDS`` relationship (successor -> predecessor) records that a secretaría was
renamed or restructured (the planner's ``equivalencias`` sheet, ``renombrado``; the
registry's ``sucede_a``). Documents of different years then name the same institution
differently, and an actor network that keeps the two apart splits its ties in two: each
half looks less central than the institution is. By default the actor network treats the
pair as one node, the latest successor, which lists the predecessors it includes;
``separate=True`` keeps them apart.

``successions_rows`` is the twin of ``builtin/successions.cypher``; the merge runs on the
networks built from query rows, so both stores give the same result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from .index import NetworkIndex


def successions_rows(ix: NetworkIndex) -> list[dict[str, str]]:
    """Twin of ``successions.cypher``: every (successor, predecessor) pair of actors."""
    return sorted(
        ({"sucesor": a, "predecesor": b}
         for a, b in ix.succeeds if ix.label(a) == "Actor" and ix.label(b) == "Actor"),
        key=lambda r: (r["sucesor"], r["predecesor"]))


def canonical_institutions(rows: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """predecessor -> the latest successor it leads to (A -> B -> C: A and B map to C).

    A cycle (which the loaders refuse, but a hand-edited store may hold) maps each member
    to the smallest id of the cycle, so the answer never depends on row order.
    """
    successor: dict[str, str] = {}
    for row in rows:
        # Two successors of one predecessor (a split secretaría): the smaller id wins;
        # merging a predecessor into both would count its ties twice.
        pred, succ = row["predecesor"], row["sucesor"]
        if pred not in successor or succ < successor[pred]:
            successor[pred] = succ
    out: dict[str, str] = {}
    for start in successor:
        seen = [start]
        node = successor[start]
        while node in successor and node not in seen:
            seen.append(node)
            node = successor[node]
        out[start] = min(seen) if node in seen else node
    return {pred: final for pred, final in out.items() if pred != final}


def merge_institutions(graph: nx.Graph, canonical: Mapping[str, str]) -> nx.Graph:
    """``graph`` with every predecessor folded into its canonical successor.

    Edge weights add up, shared actions and RELATES tipos are united, ties between the two
    become none (an institution is not tied to itself). The successor's node lists the
    names of what it includes in ``predecesores``. Node and edge order stay sorted by id.
    """
    canonical = {p: c for p, c in canonical.items() if p in graph and c in graph}
    if not canonical:
        return graph
    merged: nx.Graph = graph.__class__()
    included: dict[str, list[str]] = {}
    for node, attrs in sorted(graph.nodes(data=True)):
        target = canonical.get(node, node)
        if target == node:
            merged.add_node(node, **attrs)
        else:
            included.setdefault(target, []).append(str(attrs.get("name") or node))
    for node, names in included.items():
        merged.nodes[node]["predecesores"] = sorted(names)
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for a, b, attrs in graph.edges(data=True):
        a, b = canonical.get(a, a), canonical.get(b, b)
        if a == b:
            continue
        key = (a, b) if graph.is_directed() or a < b else (b, a)
        edge = edges.setdefault(key, {"weight": 0, "actions": set(), "relates": set()})
        edge["weight"] += attrs.get("weight", 0)
        edge["actions"].update(attrs.get("actions") or [])
        edge["relates"].update(attrs.get("relates") or [])
    for (a, b), edge in sorted(edges.items()):
        merged.add_edge(a, b, weight=edge["weight"], actions=sorted(edge["actions"]),
                        relates=sorted(edge["relates"]))
    return merged
