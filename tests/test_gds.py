"""GDS projects the actor network on the server, from the stored graph.

The projection (queries/gds.py) must be the network the centrality table uses
(``ActorRows`` built from the built-in queries' rows, renamed institutions folded): its
links and weights are streamed back from GDS and compared pair by pair, on the bundled
data and on random portfolios with random renamings. The measures GDS computes on it must
equal the igraph path's (betweenness exactly; PageRank where no actor is isolated, as the
module documents). Expected betweenness on a hand portfolio is worked out by hand. Nothing
of the network may travel as a parameter, the projection must be dropped even when a
measure fails, and two users at once must not meet each other's projection.
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from helpers_portfolio import portfolios, reset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_institutions import renamed_portfolio

from tejido.graph.model import Actor, GraphBatch, Rel, RelType, Source
from tejido.loaders.base import read_paths
from tejido.queries import gds
from tejido.queries.centrality import _rows, compute_centrality
from tejido.queries.centrality_network import ActorRows

DATA = Path(__file__).resolve().parents[1] / "data"

_EDGES = gds.GdsCall(
    "test_gds_edges",
    "CALL gds.graph.relationshipProperty.stream($name, 'weight') "
    "YIELD sourceNodeId, targetNodeId, propertyValue "
    "RETURN gds.util.asNode(sourceNodeId).id AS a, gds.util.asNode(targetNodeId).id AS b, "
    "propertyValue AS w", ["a", "b", "w"])
_NODES = gds.GdsCall(
    "test_gds_nodes",
    "CALL gds.degree.stream($name) YIELD nodeId RETURN gds.util.asNode(nodeId).id AS id",
    ["id"])
_LINKS = gds.GdsCall(
    "test_gds_links",
    "CALL gds.graph.list($name) YIELD relationshipCount RETURN relationshipCount AS n", ["n"])
_CATALOG = gds.GdsCall("test_gds_catalog",
                       "CALL gds.graph.list() YIELD graphName RETURN graphName", ["graphName"])


@pytest.fixture
def gds_store(gds_neo4j_store: Any) -> Any:
    """A Neo4j with Graph Data Science (see tests/conftest.py: local servers load it)."""
    assert gds_neo4j_store.gds_version() is not None
    return gds_neo4j_store


class Spy:
    """A store that records every query it runs (name, parameters) and can fail one."""

    def __init__(self, store: Any, fail_on: str | None = None) -> None:
        self.store, self.fail_on = store, fail_on
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.lock = threading.Lock()

    def rows(self, query: Any, params: dict[str, Any] | None = None, timeout: Any = None) -> Any:
        with self.lock:
            self.calls.append((query.name, dict(params or {})))
        if query.name == self.fail_on:
            raise RuntimeError("a measure failed")
        return self.store.rows(query, params, timeout)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def _network(store: Any, separate_renamed: bool) -> tuple[ActorRows, list[dict[str, str]]]:
    rows = _rows(store, separate_renamed)
    return ActorRows(*rows), rows[-1]


def _projected(store: Any, successions: list[dict[str, str]]) -> tuple[list[str], Counter]:
    """The projection's nodes and its links (a < b) with their weights, read from GDS."""
    with gds.projected_actor_network(store, successions) as (name, n):
        nodes = sorted(r["id"] for r in store.rows(_NODES, {"name": name}))
        assert n == len(nodes)
        # Undirected: GDS stores (and streams) each link in both directions. With no link
        # at all GDS knows no 'weight' to stream.
        has_links = store.rows(_LINKS, {"name": name})[0]["n"] > 0
        links = Counter((min(r["a"], r["b"]), max(r["a"], r["b"]), r["w"])
                        for r in (store.rows(_EDGES, {"name": name}) if has_links else []))
    return nodes, links


def _assert_same_network(store: Any, separate_renamed: bool) -> None:
    network, successions = _network(store, separate_renamed)
    nodes, links = _projected(store, successions)
    assert nodes == network.ids
    expected = Counter({(network.ids[a], network.ids[b], float(w)): 2
                        for (a, b), w in zip(network.edges, network.weights, strict=True)})
    assert links == expected


def _catalog(store: Any) -> list[str]:
    return [r["graphName"] for r in store.rows(_CATALOG) if r["graphName"].startswith("tejido")]


def _assert_gds_equals_igraph(store: Any, separate_renamed: bool) -> None:
    with_gds = compute_centrality(store, separate_renamed=separate_renamed)
    without = compute_centrality(store, use_gds=False, separate_renamed=separate_renamed)
    assert [r["id"] for r in with_gds] == [r["id"] for r in without]
    isolated = any(r["grado"] == 0 for r in without)
    for mine, theirs in zip(with_gds, without, strict=True):
        assert mine["intermediacion"] == pytest.approx(theirs["intermediacion"], abs=1e-9)
        if not isolated:  # GDS keeps an isolated actor's rank; igraph spreads it
            assert mine["pagerank"] == pytest.approx(theirs["pagerank"], abs=1e-6)
        same = {k: v for k, v in theirs.items() if k not in ("intermediacion", "pagerank",
                                                              "comunidad")}
        assert {k: mine[k] for k in same} == same
    # Louvain may group differently in GDS; the numbering contract holds: 0 = largest.
    sizes = Counter(r["comunidad"] for r in with_gds)
    assert sorted(sizes) == list(range(len(sizes)))
    assert [sizes[c] for c in sorted(sizes)] == sorted(sizes.values(), reverse=True)


def test_hand_renamed_portfolio(gds_store: Any) -> None:
    """P--A, S--A, S--B with S succeeding P. Folded: A -S- B, S on the one path A..B, so
    S's betweenness is 1 pair / 1 normalised pair = 1. Apart: the path P-A-S-B; A and S
    each lie between 2 of the (4-1)(4-2)/2 = 3 pairs of the others: 2/3."""
    reset(gds_store, renamed_portfolio())
    a, p, s, b = (Actor.key(k) for k in "APSB")
    network, successions = _network(gds_store, separate_renamed=False)
    assert gds.gds_measures(gds_store, ["intermediacion"], successions) == {
        "intermediacion": pytest.approx({a: 0.0, s: 1.0, b: 0.0})}
    assert _projected(gds_store, successions)[1] == Counter({(a, s, 2.0): 2, (b, s, 1.0): 2})
    assert gds.gds_measures(gds_store, ["intermediacion"]) == {
        "intermediacion": pytest.approx({a: 2 / 3, p: 0.0, s: 2 / 3, b: 0.0})}
    assert _catalog(gds_store) == []


def test_bundled_data_server_projection_equals_the_igraph_network(gds_store: Any) -> None:
    batch = read_paths([DATA]).batch
    reset(gds_store, batch)
    network, successions = _network(gds_store, separate_renamed=False)
    assert successions, "the bundled data have renamed institutions: the folding is tested"
    for separate in (False, True):
        _assert_same_network(gds_store, separate)
        _assert_gds_equals_igraph(gds_store, separate)
    assert _catalog(gds_store) == []


@st.composite
def renamed_portfolios(draw: st.DrawFn) -> GraphBatch:
    """A random portfolio where some actors succeed others (chains, splits and cycles
    included: the folding must resolve them as canonical_institutions does)."""
    batch = draw(portfolios())
    actors = sorted(n.id for n in batch.nodes.values() if n.label == "Actor")
    source = batch.add_node(Source.of("doc", "equivalencias", 2))
    pairs = st.tuples(st.sampled_from(actors), st.sampled_from(actors))
    for successor, predecessor in draw(st.lists(pairs, max_size=3, unique=True)):
        if successor != predecessor:
            batch.add_rel(Rel(type=RelType.SUCCEEDS, source=successor, target=predecessor,
                              source_label="Actor", target_label="Actor",
                              sources=[source.id]))
    return batch


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batch=renamed_portfolios())
def test_random_portfolios_server_projection_equals_the_igraph_network(
        gds_store: Any, batch: GraphBatch) -> None:
    reset(gds_store, batch)
    for separate in (False, True):
        _assert_same_network(gds_store, separate)
        _assert_gds_equals_igraph(gds_store, separate)


def test_no_network_travels_as_a_parameter(gds_store: Any) -> None:
    reset(gds_store, read_paths([DATA]).batch)
    _, successions = _network(gds_store, separate_renamed=False)
    renamed = {r["predecesor"] for r in successions}
    spy = Spy(gds_store)
    compute_centrality(spy)
    gds_calls = [(name, params) for name, params in spy.calls if name.startswith("gds_")]
    assert [name for name, _ in gds_calls] == [
        "gds_project_renamed", "gds_betweenness", "gds_pagerank", "gds_louvain", "gds_drop"]
    graph_name = gds_calls[0][1]["name"]
    for name, params in gds_calls:
        assert params["name"] == graph_name
        assert set(params) == ({"name", "renamed"} if name == "gds_project_renamed"
                               else {"name"})
    # The only other parameter: one entry per renamed institution, ids only.
    project = gds_calls[0][1]["renamed"]
    assert set(project) == renamed and all(isinstance(v, str) for v in project.values())

    spy = Spy(gds_store)
    compute_centrality(spy, separate_renamed=True)
    assert [p for name, p in spy.calls if name == "gds_project"] == [
        {"name": next(p["name"] for n, p in spy.calls if n == "gds_project")}]


def test_the_projection_is_dropped_even_when_a_measure_fails(gds_store: Any) -> None:
    reset(gds_store, read_paths([DATA]).batch)
    spy = Spy(gds_store, fail_on="gds_pagerank")
    with pytest.raises(RuntimeError, match="a measure failed"):
        gds.gds_measures(spy, gds.GDS_MEASURES)
    assert [name for name, _ in spy.calls][-1] == "gds_drop"
    assert _catalog(gds_store) == []


def test_no_actor_no_projection_left(gds_store: Any) -> None:
    gds_store.wipe()
    assert gds.gds_measures(gds_store, gds.GDS_MEASURES) == {}
    assert _catalog(gds_store) == []


def test_two_users_at_once_get_their_own_projection(gds_store: Any) -> None:
    reset(gds_store, read_paths([DATA]).batch)
    _, successions = _network(gds_store, separate_renamed=False)
    alone = gds.gds_measures(gds_store, ["intermediacion", "pagerank"], successions)
    spy = Spy(gds_store)
    results: list[Any] = [None, None]

    def run(i: int) -> None:
        results[i] = gds.gds_measures(spy, ["intermediacion", "pagerank"], successions)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    names = {p["name"] for n, p in spy.calls if n == "gds_project_renamed"}
    assert len(names) == 2
    for result in results:
        assert result["intermediacion"] == pytest.approx(alone["intermediacion"], abs=1e-12)
        assert result["pagerank"] == pytest.approx(alone["pagerank"], abs=1e-9)
    assert _catalog(gds_store) == []
