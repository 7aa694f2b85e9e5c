"""The read model records, in its one pass over the edges, what twins used to walk every
edge again for: derived relationships, SUCCEEDS, and whether a relationship was stated.
Each is compared here with a walk over the graph's edges (the twins' previous code)."""

from __future__ import annotations

import random
from collections import defaultdict

import networkx as nx
import pytest

from tejido.graph.model import REL_ENDPOINTS, RelType
from tejido.queries.gaps import coverage, recommend_facts
from tejido.queries.index import NetworkIndex

LABELS = ("Actor", "Action", "Territory", "Mechanism", "Axis")


def _graph(seed: int) -> nx.MultiDiGraph:
    """Nodes of every label; relationships of every type between the labels the model
    allows, each derived by a rule or not at random, at most one per (type, ends)."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    nodes = {label: [f"{label.lower()}:{n}" for n in range(rng.randint(2, 9))]
             for label in LABELS}
    for label, ids in nodes.items():
        for node in ids:
            graph.add_node(node, label=label, estado=rng.choice([None, "en_ejecucion"]))
    for _ in range(rng.randint(20, 120)):
        rtype = rng.choice(list(RelType))
        source_label, target_label = rng.choice(sorted(REL_ENDPOINTS[rtype]))
        source, target = rng.choice(nodes[source_label]), rng.choice(nodes[target_label])
        derived = rng.choice([None, None, "rector_por_defecto", "eje_por_defecto"])
        attrs = {"type": str(rtype), "sources": [f"s{rng.randint(1, 5)}"]}
        if derived is not None:
            attrs["derived"] = derived
        graph.add_edge(source, target, key=str(rtype), **attrs)
    return graph


def _walked_stated(graph: nx.MultiDiGraph) -> dict[RelType, dict[str, set[str]]]:
    """What recommend_facts' ``_stated`` computed by walking every edge."""
    keyed_by_source = (RelType.USES, RelType.CONVENES)
    found: dict[RelType, defaultdict[str, set[str]]] = {
        r: defaultdict(set) for r in (RelType.LEADS, RelType.ARTICULATES, RelType.USES,
                                      RelType.RESPONSIBLE_FOR, RelType.CONVENES)}
    for source, target, attrs in graph.edges(data=True):
        rtype = attrs.get("type")
        if rtype in found and attrs.get("derived") is None:
            if rtype in keyed_by_source:
                found[RelType(rtype)][source].add(target)
            else:
                found[RelType(rtype)][target].add(source)
    return {r: dict(table) for r, table in found.items()}


def _walked_fields(graph: nx.MultiDiGraph, action: str) -> set[str]:
    """What coverage's ``_stated`` computed from the action's in- and out-edges."""
    fields = {"estado"} if graph.nodes[action].get("estado") is not None else set()
    by_type = {rel: name for name, rel in coverage.FIELDS.items() if rel is not None}
    for _, _, attrs in [*graph.in_edges(action, data=True),
                        *graph.out_edges(action, data=True)]:
        name = by_type.get(attrs.get("type"))
        if name is not None and attrs.get("derived") is None:
            fields.add(name)
    return fields


@pytest.mark.parametrize("seed", range(40))
def test_the_index_records_what_a_walk_over_the_edges_finds(seed: int) -> None:
    graph = _graph(seed)
    ix = NetworkIndex(graph)
    assert ix.derived == [(a, b, attrs) for a, b, attrs in graph.edges(data=True)
                          if attrs.get("derived") is not None]
    assert ix.succeeds == [(a, b) for a, b, rtype in graph.edges(data="type")
                           if rtype == RelType.SUCCEEDS]
    for a, b, attrs in graph.edges(data=True):
        assert ix.stated(a, b, RelType(attrs["type"])) is (attrs.get("derived") is None)
    stated = {r: dict(table) for r, table in recommend_facts._stated(ix).items()}
    assert stated == _walked_stated(graph)
    ends = coverage._field_ends(ix)
    for action in ix.actions:
        assert coverage._stated(ix, action, ends) == _walked_fields(graph, action)


def test_a_derived_relationship_is_not_stated_and_a_stated_one_is() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("actor:a", label="Actor")
    graph.add_node("actor:b", label="Actor")
    graph.add_node("action:x", label="Action")
    graph.add_edge("actor:a", "action:x", key="LEADS", type="LEADS", derived="rector_por_defecto")
    graph.add_edge("actor:b", "action:x", key="LEADS", type="LEADS")
    graph.add_edge("actor:b", "actor:a", key="SUCCEEDS", type="SUCCEEDS")
    ix = NetworkIndex(graph)
    assert not ix.stated("actor:a", "action:x", RelType.LEADS)
    assert ix.stated("actor:b", "action:x", RelType.LEADS)
    assert ix.succeeds == [("actor:b", "actor:a")]
    assert recommend_facts._stated(ix)[RelType.LEADS] == {"action:x": {"actor:b"}}
    assert coverage._stated(ix, "action:x", coverage._field_ends(ix)) == {"lead"}
