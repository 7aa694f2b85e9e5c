"""Neo4jStore against a real Neo4j (see conftest.py for where it comes from).

Expected counts come from the batch as the model built it (GraphBatch dedups by stable id),
or from a second, independent store, never from the store under test.
"""

from __future__ import annotations

import random
import threading

import networkx as nx
import pytest

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.errors import StoreError
from tejido.graph.model import (
    NODE_TYPES,
    Action,
    Actor,
    Axis,
    GraphBatch,
    Mechanism,
    Node,
    Rel,
    RelType,
    Source,
    Territory,
)
from tejido.graph.neo4j_store import Neo4jStore
from tejido.graph.store import empty_counts

HOSTILE = ["x'}) DETACH DELETE n //", "`Actor`", "<img src=x onerror=alert(1)>"]


def _rel(rtype: str, a: Node, b: Node, source: Source, **extra: object) -> Rel:
    return Rel(type=rtype, source=a.id, target=b.id, source_label=a.label,
               target_label=b.label, sources=[source.id], **extra)


def portfolio(n_actions: int, seed: int = 3) -> GraphBatch:
    """Every label and relationship type; 8 relationships per action plus the hierarchies.

    Each action row: LEADS 1, ARTICULATES 2, TARGETS 2, USES 1, UNDER 1, RELATES 1.
    """
    rng = random.Random(seed)
    batch = GraphBatch()
    doc = Source.of("portafolio.xlsx", "territorios", 2)
    actors = [Actor(id=Actor.key(f"Secretaría {i}"), name=f"Secretaría {i}", siglas=[f"S{i}"],
                    tipo="secretaria", nivel="metropolitano", sources=[doc.id])
              for i in range(max(10, n_actions // 8))]
    zones = [Territory(id=Territory.key(f"Zona {i}"), name=f"Zona {i}", tipo="zona")
             for i in range(5)]
    parishes = [Territory(id=Territory.key(f"Parroquia {i}"), name=f"Parroquia {i}",
                          tipo="parroquia", parent=zones[i % 5].id) for i in range(60)]
    ejes = [Axis(id=Axis.key(f"Eje {i}"), name=f"Eje {i}") for i in range(4)]
    objetivos = [Axis(id=Axis.key(f"Objetivo {i}", "objetivo"), name=f"Objetivo {i}",
                      tipo="objetivo", parent=ejes[i % 4].id) for i in range(12)]
    mechanisms = [Mechanism(id=Mechanism.key(f"Convenio {i}"), name=f"Convenio {i}",
                            tipo="convenio") for i in range(20)]
    for node in [doc, *actors, *zones, *parishes, *ejes, *objetivos, *mechanisms]:
        batch.add_node(node)
    for parish in parishes:
        batch.add_rel(Rel(type="PART_OF", source=parish.id, target=parish.parent,
                          source_label="Territory", target_label="Territory", sources=[doc.id]))
    for objetivo in objetivos:
        batch.add_rel(Rel(type="PART_OF", source=objetivo.id, target=objetivo.parent,
                          source_label="Axis", target_label="Axis", sources=[doc.id]))
    for row in range(2, n_actions + 2):
        source = Source.of("portafolio.xlsx", "acciones", row)
        objetivo = rng.choice(objetivos)
        action = Action(id=Action.key(f"Acción {row}", objetivo=objetivo.name),
                        titulo=f"Acción {row}", estado="en_marcha", sources=[source.id])
        batch.add_node(source)
        batch.add_node(action)
        lead, *articulators = rng.sample(actors, 3)
        batch.add_rel(_rel("LEADS", lead, action, source))
        for actor in articulators:
            batch.add_rel(_rel("ARTICULATES", actor, action, source))
        for parish in rng.sample(parishes, 2):
            batch.add_rel(_rel("TARGETS", action, parish, source))
        batch.add_rel(_rel("USES", action, rng.choice(mechanisms), source))
        batch.add_rel(_rel("UNDER", action, objetivo, source))
        batch.add_rel(_rel("RELATES", lead, articulators[0], source, tipo="coordinacion",
                           peso=float(row % 5 + 1)))
    return batch


def expected_counts(batch: GraphBatch) -> dict[str, int]:
    return {**empty_counts(), **batch.counts()}


def tejido_constraints(store: Neo4jStore) -> set[tuple[str, tuple[str, ...]]]:
    rows = store.execute(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes, properties"
    )
    return {(row["labelsOrTypes"][0], tuple(row["properties"])) for row in rows
            if row["labelsOrTypes"][0] in NODE_TYPES}


def drop_tejido_constraints(store: Neo4jStore) -> None:
    for row in store.execute("SHOW CONSTRAINTS YIELD name, labelsOrTypes "
                             "RETURN name, labelsOrTypes"):
        if row["labelsOrTypes"] and row["labelsOrTypes"][0] in NODE_TYPES:
            store.execute("DROP CONSTRAINT $name IF EXISTS", name=row["name"])


def graph_facts(graph: nx.MultiDiGraph) -> tuple[dict, set]:
    """Nodes with their attributes and edges with theirs, as comparable values."""
    nodes = {node: {k: (sorted(v) if k == "sources" else v) for k, v in attrs.items()}
             for node, attrs in graph.nodes(data=True)}
    edges = {(s, t, k, tuple(sorted(a.get("sources", []))), a.get("peso"))
             for s, t, k, a in graph.edges(keys=True, data=True)}
    return nodes, edges


def test_constraints_exist_after_first_write(neo4j_store):
    drop_tejido_constraints(neo4j_store)
    assert tejido_constraints(neo4j_store) == set()
    neo4j_store.write(portfolio(5))
    assert tejido_constraints(neo4j_store) == {(label, ("id",)) for label in NODE_TYPES}


def test_same_batch_twice_changes_no_count(neo4j_store):
    batch = portfolio(300)
    neo4j_store.write(batch)
    first = neo4j_store.counts()
    first_graph = graph_facts(neo4j_store.snapshot())
    neo4j_store.write(portfolio(300))
    assert neo4j_store.counts() == first == expected_counts(batch)
    # Not just the counts: no source listed twice, nothing else touched.
    assert graph_facts(neo4j_store.snapshot()) == first_graph


def test_embedded_and_neo4j_hold_the_same_graph(neo4j_store, tmp_path):
    batch = portfolio(600)  # ~1 900 nodes, ~5 000 relationships
    embedded = EmbeddedStore(tmp_path / "graph.json")
    embedded.write(batch)
    neo4j_store.write(batch)
    assert neo4j_store.counts() == embedded.counts() == expected_counts(batch)
    assert sum(embedded.counts()[t.value] for t in RelType) > 4000
    assert graph_facts(neo4j_store.snapshot()) == graph_facts(embedded.snapshot())


def test_hostile_names_are_stored_as_plain_text(neo4j_store):
    witness = Actor(id=Actor.key("Secretaría de Ambiente"), name="Secretaría de Ambiente")
    before = GraphBatch()
    before.add_node(witness)
    neo4j_store.write(before)

    batch = GraphBatch()
    source = Source.of("libro.xlsx", HOSTILE[0], 2)
    batch.add_node(source)
    for name in HOSTILE:
        actor = batch.add_node(Actor(id=Actor.key(name), name=name, notas=name,
                                     siglas=[name], sources=[source.id]))
        action = batch.add_node(Action(id=Action.key(name), titulo=name, eje=name,
                                       sources=[source.id]))
        territory = batch.add_node(Territory(id=Territory.key(name), name=name))
        batch.add_rel(_rel("LEADS", actor, action, source))
        batch.add_rel(_rel("TARGETS", action, territory, source))
        batch.add_rel(Rel(type="RELATES", source=actor.id, target=witness.id,
                          source_label="Actor", target_label="Actor", tipo=name,
                          mecanismo=name, sources=[source.id]))
    neo4j_store.write(batch)

    for name in HOSTILE:
        actor = neo4j_store.execute("MATCH (a:Actor {id: $id}) RETURN a.name AS name, "
                                    "a.notas AS notas, a.siglas AS siglas", id=Actor.key(name))
        assert actor == [{"name": name, "notas": name, "siglas": [name]}]
        action = neo4j_store.execute("MATCH (a:Action {id: $id}) RETURN a.titulo AS t, "
                                     "a.eje AS eje", id=Action.key(name))
        assert action == [{"t": name, "eje": name}]
        tie = neo4j_store.execute(
            "MATCH (:Actor {id: $id})-[r:RELATES]->(:Actor {id: $w}) "
            "RETURN r.tipo AS tipo, r.mecanismo AS mecanismo", id=Actor.key(name), w=witness.id)
        assert tie == [{"tipo": name, "mecanismo": name}]
    source_row = neo4j_store.execute("MATCH (s:Source) RETURN s.table AS table")
    assert source_row == [{"table": HOSTILE[0]}]
    # Nothing was deleted or added besides the batch: the witness is still there.
    assert neo4j_store.counts() == {
        **empty_counts(), "Actor": 4, "Action": 3, "Territory": 3, "Source": 1,
        "LEADS": 3, "TARGETS": 3, "RELATES": 3,
    }
    assert neo4j_store.execute("MATCH (a:Actor {id: $id}) RETURN a.name AS name",
                               id=witness.id) == [{"name": "Secretaría de Ambiente"}]


def test_wipe_removes_only_tejido_labels(neo4j_store):
    neo4j_store.execute("CREATE (:TejidoTestForeign {name: 'a'})-[:KNOWS]->"
                        "(:TejidoTestForeign {name: 'b'})")
    try:
        neo4j_store.write(portfolio(20))
        neo4j_store.wipe()
        assert neo4j_store.counts() == empty_counts()
        left = neo4j_store.execute("MATCH (n:TejidoTestForeign) "
                                   "OPTIONAL MATCH (n)-[r:KNOWS]->() "
                                   "RETURN n.name AS name, count(r) AS knows ORDER BY name")
        assert left == [{"name": "a", "knows": 1}, {"name": "b", "knows": 0}]
    finally:
        neo4j_store.execute("MATCH (n:TejidoTestForeign) DETACH DELETE n")


@pytest.fixture(scope="module")
def big_batch() -> GraphBatch:
    """50 000 relationships (and ~19 000 nodes)."""
    batch = portfolio(6260)
    assert sum(batch.counts().get(t.value, 0) for t in RelType) >= 50_000
    return batch


def test_load_killed_halfway_then_rerun_equals_clean_load(restartable_neo4j, big_batch):
    """The acceptance test: Neo4j dies (kill -9) in the middle of a load and comes back:
    the store holds nothing of the load (one transaction); run again, it gives exactly
    what a clean load gives."""
    local = restartable_neo4j.local
    password = restartable_neo4j.auth[1] if restartable_neo4j.auth else None
    with restartable_neo4j.store() as store:
        store.wipe()
        store.write(big_batch)
        clean_counts = store.counts()
        clean = graph_facts(store.snapshot())
        store.wipe()
    assert clean_counts == expected_counts(big_batch)

    total = sum(clean_counts.values())
    written = 0
    halfway = threading.Event()
    killed = threading.Event()

    def progress(rows: int) -> None:
        nonlocal written
        written += rows
        if written >= total // 2:
            halfway.set()

    def killer() -> None:
        halfway.wait(timeout=600)
        local.kill()
        killed.set()

    thread = threading.Thread(target=killer)
    thread.start()
    # A short retry window, so the interrupted load gives up instead of waiting out the
    # restart (the retrying path has its own test below).
    store = restartable_neo4j.store(batch_size=2000, retry_seconds=1.0)
    try:
        with pytest.raises(StoreError):
            store.write(big_batch, progress=progress)
    finally:
        store.close()
        thread.join()
        assert killed.is_set()
        local.start(password=password)

    with restartable_neo4j.store() as store:
        # A load is one transaction: killed at half its rows, it left nothing.
        assert written >= total // 2
        assert store.counts() == empty_counts()
        store.write(big_batch)
        assert store.counts() == clean_counts
        assert graph_facts(store.snapshot()) == clean


def test_load_survives_a_restart_within_the_retry_window(restartable_neo4j, big_batch):
    """The driver retries a managed transaction across a lost server: if Neo4j is back
    within the retry window, the interrupted load completes by itself."""
    local = restartable_neo4j.local
    password = restartable_neo4j.auth[1] if restartable_neo4j.auth else None
    total = sum(expected_counts(big_batch).values())
    written = 0
    halfway = threading.Event()
    restarted = threading.Event()

    def progress(rows: int) -> None:
        nonlocal written
        written += rows
        if written >= total // 2:
            halfway.set()

    at_kill: list[int] = []

    def restart() -> None:
        halfway.wait(timeout=600)
        local.kill()
        at_kill.append(written)
        local.start(password=password)
        restarted.set()

    thread = threading.Thread(target=restart)
    with restartable_neo4j.store(batch_size=2000) as store:
        store.wipe()
        thread.start()
        try:
            store.write(big_batch, progress=progress)
        finally:
            thread.join()
        assert restarted.is_set()
        assert at_kill[0] < total, "the kill did not land mid-load"
        assert store.counts() == expected_counts(big_batch)
