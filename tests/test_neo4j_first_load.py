"""A first load into an empty Neo4j builds the uniqueness indexes after its commit (issue 14).

When the store lacks tejido's constraints, a load first tries a *first load*: under the
first-load lock, into a store holding no tejido node, everything is CREATEd and the
constraints come after the commit (graph/neo4j_write.py, "A first load"). These tests check
that this changes nothing a planner can see — the same graph and the same change summary as
a load under constraints — that a store already holding nodes is loaded the usual way, and
that two first loads at once are serialised by the lock: without it both would CREATE the
shared actors and territories, and the store would hold them twice.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from tejido.graph import neo4j_changes, neo4j_write, schema
from tejido.graph.changes import Changes
from tejido.graph.model import NODE_TYPES, GraphBatch, Source
from tejido.graph.neo4j_store import Neo4jStore
from tejido.loaders.synth_national import national_workbook
from tejido.loaders.workbook import read_tables


def document(name: str, seed: int, actions: int = 200) -> GraphBatch:
    """One document of the national portfolio; two seeds share the GADs and the
    territory (same ids), so two documents overlap in those nodes."""
    batch = read_tables(national_workbook(actions, seed=seed), name).batch
    batch.replaces = {n.document for n in batch.nodes.values() if isinstance(n, Source)}
    return batch


def second_blocked(neo4j_server: Any, deadline: float) -> bool:
    """Whether, within ``deadline`` seconds, Neo4j lists a transaction blocked while it
    CREATEs the first-load lock node (polled: a readiness check, not a guessed pause)."""
    statement = ("SHOW TRANSACTIONS YIELD currentQuery, status "
                 "WHERE currentQuery CONTAINS $label AND status STARTS WITH 'Blocked' "
                 "RETURN count(*) AS n")
    end = time.monotonic() + deadline
    with neo4j_server.store() as store:
        while time.monotonic() < end:
            if store.execute(statement, label=schema.FIRST_LOAD_LABEL)[0]["n"]:
                return True
            time.sleep(0.05)
    return False


def loaded_under_constraints(store: Neo4jStore, *batches: GraphBatch) -> Any:
    """What the batches give loaded the usual way, constraints first; the store is left
    wiped (its constraints kept)."""
    store.wipe()
    store.ensure_constraints()
    for batch in batches:
        store.load(batch)
    expected = graph_state(store)
    store.wipe()
    return expected


def drop_constraints(store: Neo4jStore) -> None:
    for row in store.execute("SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'tejido_' "
                             "RETURN name"):
        store.execute("DROP CONSTRAINT $name IF EXISTS", name=row["name"])
    store._constraints_ready = False


def constrained_labels(store: Neo4jStore) -> set[str]:
    rows = store.execute("SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
                         "WHERE type ENDS WITH 'UNIQUENESS' AND properties = ['id'] "
                         "RETURN labelsOrTypes[0] AS label")
    return {row["label"] for row in rows} & set(NODE_TYPES)


def duplicated_ids(store: Neo4jStore) -> int:
    return store.execute(
        "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) "
        "WITH n.id AS id, count(*) AS copies WHERE copies > 1 RETURN count(*) AS n",
        labels=list(NODE_TYPES))[0]["n"]


def lock_nodes(store: Neo4jStore) -> int:
    return store.execute(f"MATCH (n:{schema.FIRST_LOAD_LABEL}) RETURN count(n) AS n")[0]["n"]


def graph_state(store: Neo4jStore) -> tuple[dict[str, int], dict, set]:
    """Counts, nodes with properties, relationships with properties (lists sorted)."""
    def plain(attrs: dict[str, Any]) -> tuple:
        return tuple(sorted((k, tuple(sorted(v)) if isinstance(v, list) else v)
                            for k, v in attrs.items()))

    graph = store.snapshot()
    nodes = {node: plain(attrs) for node, attrs in graph.nodes(data=True)}
    edges = {(s, t, k, plain(a)) for s, t, k, a in graph.edges(keys=True, data=True)}
    return store.counts(), nodes, edges


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """(thread name, first) of every transaction a load runs, in order."""
    seen: list[tuple[str, bool]] = []
    real = neo4j_write.load_in

    def spy(*args: Any, **kwargs: Any) -> Changes:
        first = args[4] if len(args) > 4 else kwargs.get("first", False)
        seen.append((threading.current_thread().name, first))
        return real(*args, **kwargs)

    monkeypatch.setattr(neo4j_write, "load_in", spy)
    return seen


def test_a_first_load_stores_and_reports_what_a_load_under_constraints_does(
        neo4j_server: Any, attempts: list[tuple[str, bool]]) -> None:
    batch = document("alfa", seed=1)
    with neo4j_server.store() as store:
        store.wipe()
        drop_constraints(store)
        first_changes = store.load(batch)
        assert attempts == [("MainThread", True)], "not loaded as a first load"
        first = graph_state(store)
        # The constraints are there afterwards, the lock node never is.
        assert constrained_labels(store) == set(NODE_TYPES)
        assert lock_nodes(store) == 0
        # The same batch into a wiped store that keeps its constraints: the usual way.
        store.wipe()
        attempts.clear()
        usual_changes = store.load(batch)
        assert attempts == [("MainThread", False)]
        assert graph_state(store) == first
        assert usual_changes == first_changes
    # Every fact of the batch is new: the summary adds exactly the batch's counts.
    assert first_changes.added == {k: n for k, n in batch.counts().items() if n}
    assert first[0] == {**{k: 0 for k in first[0]}, **batch.counts()}


def test_a_store_holding_nodes_without_constraints_is_loaded_the_usual_way(
        neo4j_server: Any, attempts: list[tuple[str, bool]]) -> None:
    alfa, beta = document("alfa", seed=1), document("beta", seed=2)
    shared = alfa.nodes.keys() & beta.nodes.keys()
    assert shared, "the two documents should share GADs and territories"
    with neo4j_server.store() as store:
        expected = loaded_under_constraints(store, alfa, beta)
        store.load(alfa)
        drop_constraints(store)  # e.g. someone dropped them: the store holds alfa
        attempts.clear()
        store.load(beta)
        # Tried as a first load, found the store not empty, wrote nothing, went on.
        assert attempts == [("MainThread", True), ("MainThread", False)]
        assert duplicated_ids(store) == 0
        assert graph_state(store) == expected
        assert constrained_labels(store) == set(NODE_TYPES)


def test_two_first_loads_at_once_are_serialised_by_the_lock(
        neo4j_server: Any, attempts: list[tuple[str, bool]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    alfa, beta = document("alfa", seed=1), document("beta", seed=2)
    with neo4j_server.store() as store:
        expected = loaded_under_constraints(store, alfa, beta)
        drop_constraints(store)

    # The first loader, once it holds the lock, waits before it counts what the store
    # holds until Neo4j itself shows the second load blocked on that lock (no guess at
    # how long the second takes to get there): the second must wait for the first's
    # commit instead of reading an empty store. Without the lock it never blocks, and
    # the wait below fails the test.
    holding = threading.Event()
    blocked = threading.Event()
    finished: dict[str, float] = {}
    real_counts = neo4j_changes.label_counts

    def slow_counts(runner: Any, labels: Any) -> dict[str, int]:
        if threading.current_thread().name == "alfa" and not holding.is_set():
            holding.set()
            blocked.set() if second_blocked(neo4j_server, deadline=120) else None
        return real_counts(runner, labels)

    monkeypatch.setattr(neo4j_changes, "label_counts", slow_counts)
    errors: list[BaseException] = []

    def load(batch: GraphBatch) -> None:
        try:
            with neo4j_server.store() as store:
                store.load(batch)
            finished[threading.current_thread().name] = time.monotonic()
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    first = threading.Thread(target=load, args=(alfa,), name="alfa")
    first.start()
    assert holding.wait(120), "the first load never reached its read"
    second = threading.Thread(target=load, args=(beta,), name="beta")
    second.start()
    first.join(300)
    second.join(300)
    assert not errors, errors
    assert blocked.is_set(), "the second first load never waited on the lock"
    assert finished["alfa"] < finished["beta"]
    # beta tried a first load, waited for alfa's, found alfa's nodes: the usual way.
    assert [first for name, first in attempts if name == "beta"] == [True, False]
    with neo4j_server.store() as store:
        assert duplicated_ids(store) == 0
        assert lock_nodes(store) == 0
        assert constrained_labels(store) == set(NODE_TYPES)
        assert graph_state(store) == expected
