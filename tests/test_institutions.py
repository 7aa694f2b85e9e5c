"""A renamed institution and what it replaced are one node of the actor network.

Hand-built: P (predecessor) worked with A on action 1; S (its successor, S SUCCEEDS P)
works with A on action 2 and with B on action 3. Kept apart, A has degree 2 (P and S) and
S degree 2 (A, B); as one institution S+P, A has degree 1 and its tie to S weighs 2 (two
shared actions), S has degree 2 and lists P among what it includes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import Action, Actor, GraphBatch, Rel, RelType, Source
from tejido.queries.centrality import compute_centrality, project
from tejido.queries.institutions import canonical_institutions, merge_institutions

ROW = Source.of("doc", "tabla", 2)


def _rel(kind: RelType, source, target) -> Rel:
    return Rel(type=kind, source=source.id, target=target.id, source_label=source.label,
               target_label=target.label, sources=[ROW.id])


def renamed_portfolio() -> GraphBatch:
    batch = GraphBatch()
    batch.add_node(ROW)
    people = {k: Actor(id=Actor.key(k), name=k, sources=[ROW.id]) for k in "APSB"}
    for actor in people.values():
        batch.add_node(actor)
    for number, (lead, other) in enumerate((("P", "A"), ("S", "A"), ("S", "B")), start=1):
        action = Action(id=Action.key(f"acción {number}"), titulo=f"acción {number}",
                        sources=[ROW.id])
        batch.add_node(action)
        batch.add_rel(_rel(RelType.LEADS, people[lead], action))
        batch.add_rel(_rel(RelType.ARTICULATES, people[other], action))
    batch.add_rel(_rel(RelType.SUCCEEDS, people["S"], people["P"]))
    return batch


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "g.json")
    store.write(renamed_portfolio())
    return store


def _by_name(rows):
    return {r["nombre"]: r for r in rows}


def test_one_institution_by_default(store: EmbeddedStore) -> None:
    rows = _by_name(compute_centrality(store, ["grado", "grado_ponderado"]))
    assert set(rows) == {"A", "S", "B"}
    assert rows["A"]["grado"] == 1 and rows["A"]["grado_ponderado"] == 2
    assert rows["S"]["grado"] == 2 and rows["S"]["predecesores"] == "P"
    assert rows["B"]["predecesores"] == ""
    graph, directed = project(store)
    assert sorted(directed.edges()) == [(Actor.key("S"), Actor.key("A")),
                                        (Actor.key("S"), Actor.key("B"))]
    assert graph.edges[Actor.key("A"), Actor.key("S")]["actions"] == sorted(
        [Action.key("acción 1"), Action.key("acción 2")])


def test_kept_apart_on_request(store: EmbeddedStore) -> None:
    rows = _by_name(compute_centrality(store, ["grado"], separate_renamed=True))
    assert set(rows) == {"A", "P", "S", "B"}
    assert rows["A"]["grado"] == 2 and rows["S"]["predecesores"] == ""


def test_chains_and_cycles_resolve_to_one_institution() -> None:
    chain = [{"sucesor": "b", "predecesor": "a"}, {"sucesor": "c", "predecesor": "b"}]
    assert canonical_institutions(chain) == {"a": "c", "b": "c"}
    cycle = [{"sucesor": "b", "predecesor": "a"}, {"sucesor": "a", "predecesor": "b"}]
    assert canonical_institutions(cycle) == {"b": "a"}


def test_merge_leaves_a_graph_without_successions_untouched() -> None:
    import networkx as nx

    graph = nx.path_graph(3)
    assert merge_institutions(graph, {}) is graph


def test_same_result_on_neo4j(store: EmbeddedStore, neo4j_store) -> None:
    neo4j_store.write(renamed_portfolio())
    assert compute_centrality(neo4j_store, use_gds=False) == compute_centrality(store)


def test_the_actor_map_draws_the_pair_as_one_node(store: EmbeddedStore, tmp_path: Path) -> None:
    import json
    import re

    from tejido.viz.maps import write_map

    out = tmp_path / "mapa.html"
    stats = write_map(store.snapshot(), out, date="2026-01-31", seed=1)
    match = re.search(r'<script type="application/json" id="tejido-data">(.*?)</script>',
                      out.read_text(encoding="utf-8"), re.S)
    assert match
    ids = {n["id"] for n in json.loads(match.group(1))["nodes"]}
    assert ids == {Actor.key(k) for k in "ASB"} and stats.edges == 2
    # Asking for the predecessor draws the institution it is part of.
    around = write_map(store.snapshot(), tmp_path / "p.html", actor="P", seed=1)
    assert around.nodes == 3
