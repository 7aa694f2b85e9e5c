"""The store reader's graph builder fills a MultiDiGraph exactly as add_node/add_edge do."""

from __future__ import annotations

import json
import random

import networkx as nx
import pytest

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.graph_build import GraphBuilder


def _records(seed: int) -> list[tuple]:
    """Node and edge records as a store file may hold them: nodes given twice, edges to
    nodes never declared, parallel edges (distinct keys) and an edge given twice (same
    key), in a random order."""
    rng = random.Random(seed)
    names = [f"n{i}" for i in range(30)]
    records: list[tuple] = []
    for _ in range(120):
        if rng.random() < 0.3:
            records.append(("node", rng.choice(names), {"label": rng.choice("ABC"),
                                                        "w": rng.random()}))
        else:
            key = rng.choice(["k1", "k2", "k3"])
            records.append(("edge", rng.choice(names), rng.choice(names), key,
                            {"type": rng.choice("XYZ"), "sources": [rng.random()]}))
    return records


def _by_networkx(records: list[tuple]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for record in records:
        if record[0] == "node":
            graph.add_node(record[1], **record[2])
        else:
            graph.add_edge(record[1], record[2], key=record[3], **record[4])
    return graph


def _by_builder(records: list[tuple]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    build = GraphBuilder(graph)
    for record in records:
        if record[0] == "node":
            build.node(record[1], dict(record[2]))
        else:
            build.edge(record[1], record[2], record[3], dict(record[4]))
    return graph


def _shape(graph: nx.MultiDiGraph) -> tuple:
    """Everything order-sensitive a reader of the graph sees."""
    return (list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)),
            [(n, list(graph.pred[n]), list(graph.succ[n])) for n in graph],
            list(graph.in_edges(keys=True, data=True)), list(graph.degree()))


@pytest.mark.parametrize("seed", range(20))
def test_builder_fills_the_graph_as_networkx_does(seed: int) -> None:
    records = _records(seed)
    expected, built = _by_networkx(records), _by_builder(records)
    assert _shape(built) == _shape(expected)
    # The public API keeps working on it: views, copies, removal.
    view = built.copy(as_view=True)
    assert _shape(view) == _shape(expected)
    some = next(iter(expected))
    expected.remove_node(some)
    built.remove_node(some)
    assert _shape(built) == _shape(expected)


def test_builder_refuses_none_as_networkx_does() -> None:
    build = GraphBuilder(nx.MultiDiGraph())
    with pytest.raises(ValueError):
        build.node(None, {})
    with pytest.raises(ValueError):
        build.edge("a", None, "k", {})
    with pytest.raises(ValueError):
        nx.MultiDiGraph().add_edge("a", None)


def test_builder_fills_only_an_empty_graph() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("x")
    with pytest.raises(ValueError):
        GraphBuilder(graph)


def test_a_store_reads_as_networkx_would_build_its_records(tmp_path) -> None:
    """The store's reader gives the graph add_node/add_edge make of the file's records, in
    the file's order (edges are written source by source, so a read-back graph's
    predecessor order is the file's, not the order the graph was first built in)."""
    path = tmp_path / "store.json"
    store = EmbeddedStore(path)
    store._graph = _by_networkx(_records(7))
    store._save()
    document = json.loads(path.read_text(encoding="utf-8"))
    from_file = nx.MultiDiGraph()
    for node in document["nodes"]:
        from_file.add_node(node.pop("id"), **node)
    for edge in document["edges"]:
        from_file.add_edge(edge.pop("source"), edge.pop("target"), key=edge.pop("key"), **edge)
    assert _shape(EmbeddedStore(path).graph) == _shape(from_file)
