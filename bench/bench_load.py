"""Loader benchmark: 100 000 relationships into Neo4j, three ways.

    python bench/bench_load.py [--uri bolt://…] [--rels 100000] [--sample 2000]

(a) tejido's ``Neo4jStore.write`` (batched UNWIND + MERGE on constrained ids);
(b) the naive loader: one transaction per row, each a MERGE, on a sample of rows;
(c) a bare ``UNWIND $rows CREATE`` of the same rows, with no constraints or indexes:
    nodes are CREATEd, relationships are CREATEd between nodes looked up by the element
    ids their CREATE returned (a direct record lookup, the cheapest there is), so (c) is
    the cost of writing the data and nothing else.

A "row" is one node or one relationship, as a loader hands it over; rates are rows per
second over the whole load. Targets: (a) ≥ 50× (b) and ≥ 0.4× (c).
Without ``--uri`` or ``$NEO4J_URI`` the benchmark starts a ``tejido server`` of its own
on a free port with data in a temporary folder, and stops it at the end.
Everything it writes carries tejido's labels and is wiped before each run.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import neo4j

from tejido.graph.local_server import LocalServer
from tejido.graph.model import (
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
from tejido.graph.neo4j_jars import to_stderr
from tejido.graph.neo4j_store import Neo4jStore

TARGET_PER_ROW = 50.0
TARGET_VS_BARE = 0.4


def synthetic_batch(n_rels: int, seed: int = 7) -> GraphBatch:
    """A deterministic portfolio with about ``n_rels`` relationships of every model type.

    Per action: LEADS 1, ARTICULATES 2, TARGETS 1, USES 1, UNDER 1 and a RELATES tie
    between its lead and an articulator, so about 7 relationships and 2 nodes (the action
    and its Source row) per action.
    """
    rng = random.Random(seed)
    batch = GraphBatch()
    actors = [Actor(id=Actor.key(f"Actor {i}"), name=f"Actor {i}")
              for i in range(max(20, n_rels // 70))]
    territories = [Territory(id=Territory.key(f"Parroquia {i}"), name=f"Parroquia {i}")
                   for i in range(200)]
    zones = [Territory(id=Territory.key(f"Zona {i}"), name=f"Zona {i}") for i in range(10)]
    ejes = [Axis(id=Axis.key(f"Eje {i}"), name=f"Eje {i}") for i in range(12)]
    mechanisms = [Mechanism(id=Mechanism.key(f"Convenio {i}"), name=f"Convenio {i}")
                  for i in range(50)]
    for node in [*actors, *territories, *zones, *ejes, *mechanisms]:
        batch.add_node(node)
    for i, territory in enumerate(territories):
        batch.add_rel(_rel("PART_OF", territory, zones[i % len(zones)]))
    row = 1
    while len(batch.rels) < n_rels:
        row += 1
        source = Source.of("bench.xlsx", "acciones", row)
        action = Action(id=Action.key(f"Acción {row}"), titulo=f"Acción {row}",
                        sources=[source.id])
        batch.add_node(source)
        batch.add_node(action)
        lead, *others = rng.sample(actors, 3)
        batch.add_rel(_rel("LEADS", lead, action, source))
        for actor in others:
            batch.add_rel(_rel("ARTICULATES", actor, action, source))
        batch.add_rel(_rel("TARGETS", action, rng.choice(territories), source))
        batch.add_rel(_rel("USES", action, rng.choice(mechanisms), source))
        batch.add_rel(_rel("UNDER", action, rng.choice(ejes), source))
        batch.add_rel(_rel("RELATES", lead, others[0], source, tipo="coordinacion"))
    return batch


def _rel(rtype: str, a: Node, b: Node, source: Source | None = None, **extra: Any) -> Rel:
    return Rel(type=rtype, source=a.id, target=b.id, source_label=a.label,
               target_label=b.label, sources=[source.id] if source else [], **extra)


def sample_batch(batch: GraphBatch, rows: int) -> GraphBatch:
    """Relationships spread evenly over ``batch`` plus their end nodes and Source rows,
    about ``rows`` rows in all (so the sample has the batch's mix of types)."""
    sample = GraphBatch()
    rels = list(batch.rels.values())
    for rel in rels[:: max(1, len(rels) // rows)]:
        if len(sample.nodes) + len(sample.rels) >= rows:
            break
        for node_id in (rel.source, rel.target, *rel.sources):
            sample.add_node(batch.nodes[node_id])
        sample.add_rel(rel)
    return sample


def row_count(batch: GraphBatch) -> int:
    return len(batch.nodes) + len(batch.rels)


def reset(store: Neo4jStore, drop_constraints: bool) -> None:
    """Wipe tejido's nodes; optionally drop its constraints (and so their indexes) too."""
    store.wipe()
    if drop_constraints:
        for row in store.execute("SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'tejido_' "
                                 "RETURN name"):
            store.execute("DROP CONSTRAINT $name IF EXISTS", name=row["name"])


def timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def tejido_load(store: Neo4jStore, batch: GraphBatch) -> None:
    store.write(batch)


def per_row_load(store: Neo4jStore, batch: GraphBatch) -> None:
    """One transaction per row: tejido's own MERGE statements, fed one row at a time."""
    for node in batch.nodes.values():
        single = GraphBatch()
        single.add_node(node)
        store.write(single)
    for rel in batch.rels.values():
        single = GraphBatch()
        single.add_rel(rel)
        store.write(single)


def bare_load(store: Neo4jStore, batch: GraphBatch) -> None:
    """UNWIND … CREATE for every row: no MERGE, no constraint, no index."""
    element_ids: dict[str, str] = {}
    for label, nodes in batch.nodes_by_label().items():
        rows = [{"id": n.id, "props": n.properties()} for n in nodes]
        for chunk in _chunks(rows, store.batch_size):
            for row in store.execute(
                f"UNWIND $rows AS row CREATE (n:{label}) SET n = row.props "
                "RETURN row.id AS id, elementId(n) AS eid", rows=chunk,
            ):
                element_ids[row["id"]] = row["eid"]
    grouped: dict[str, list[dict[str, Any]]] = {}
    for rel in batch.rels.values():
        grouped.setdefault(str(rel.type), []).append(
            {"a": element_ids[rel.source], "b": element_ids[rel.target],
             "props": rel.properties()})
    for rtype, rows in grouped.items():
        for chunk in _chunks(rows, store.batch_size):
            store.execute(
                "UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a "
                "MATCH (b) WHERE elementId(b) = row.b "
                f"CREATE (a)-[r:{RelType(rtype).value}]->(b) SET r = row.props", rows=chunk,
            )


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


@contextmanager
def store_factory(uri: str | None, heap: str | None = None
                  ) -> Iterator[Callable[[], Neo4jStore]]:
    """Opens stores on ``uri``, or on a tejido server started (and stopped) for the run,
    with ``heap`` for its JVM (default: the local server's own); then the opener's
    ``server_pid`` is the JVM's pid (for its CPU time)."""
    if uri:
        yield lambda: Neo4jStore.from_env(uri)
        return
    with tempfile.TemporaryDirectory(prefix="tejido-bench-") as tmp:
        local = LocalServer(port=_free_port(), data_dir=Path(tmp) / "neo4j")
        if heap:
            local.heap = heap
        print(f"starting a tejido server on port {local.port}…", flush=True)
        local.start(password=os.environ.get("NEO4J_PASSWORD") or None, echo=to_stderr)
        try:
            def opener() -> Neo4jStore:
                return Neo4jStore(local.uri, local.auth)

            opener.server_pid = local.pid()  # type: ignore[attr-defined]
            yield opener
        finally:
            local.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure(open_store: Callable[[], Neo4jStore], batch: GraphBatch,
            sample: GraphBatch) -> tuple[float, float, float]:
    """Seconds for (a), (b) and (c); each starts from a wiped database."""
    with open_store() as store:
        reset(store, drop_constraints=True)
    with open_store() as store:  # a new store: it creates the constraints, as a first load does
        tejido = timed(lambda: tejido_load(store, batch))
        counts = store.counts()
        expected = batch.counts()
        if any(counts[name] != n for name, n in expected.items()):
            raise SystemExit(f"tejido's load is wrong: {counts} != {expected}")
        reset(store, drop_constraints=False)
        per_row = timed(lambda: per_row_load(store, sample))
        reset(store, drop_constraints=True)
        bare = timed(lambda: bare_load(store, batch))
        reset(store, drop_constraints=True)
    return tejido, per_row, bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI"))
    parser.add_argument("--rels", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=2,
                        help="timed rounds; the best of each is reported")
    args = parser.parse_args()

    batch = synthetic_batch(args.rels)
    sample = sample_batch(batch, args.sample)
    rows, sample_rows = row_count(batch), row_count(sample)
    print(f"batch: {len(batch.rels)} relationships + {len(batch.nodes)} nodes = {rows} rows; "
          f"per-row sample: {sample_rows} rows")
    with store_factory(args.uri) as open_store:
        with open_store() as store:
            version = store.execute("CALL dbms.components() YIELD versions "
                                    "RETURN versions[0] AS v")[0]["v"]
            print(f"Neo4j {version}: {store.describe()}, batch size {store.batch_size}")
        # The driver packs parameters in pure Python unless its Rust extension is installed;
        # at these volumes that is a large share of the client's time.
        rust = importlib.util.find_spec("neo4j._rust") is not None
        print(f"Python driver neo4j {neo4j.__version__}, Rust extension: {'yes' if rust else 'no'}")
        # The JVM compiles Cypher and its own hot paths as it goes: a small round first,
        # untimed, so no method pays for warming up the server.
        warm = synthetic_batch(max(1, args.rels // 10), seed=1)
        measure(open_store, warm, sample_batch(warm, max(1, args.sample // 10)))
        rounds = [measure(open_store, batch, sample) for _ in range(args.repeat)]
    tejido, per_row, bare = (min(column) for column in zip(*rounds, strict=True))

    tejido_rate, per_row_rate, bare_rate = rows / tejido, sample_rows / per_row, rows / bare
    print(f"(a) tejido Neo4jStore.write:            {rows:>7} rows in {tejido:6.1f} s = "
          f"{tejido_rate:8,.0f} rows/s")
    print(f"(b) one transaction per row, MERGE:     {sample_rows:>7} rows in {per_row:6.1f} s = "
          f"{per_row_rate:8,.0f} rows/s")
    print(f"(c) bare UNWIND CREATE, no constraints: {rows:>7} rows in {bare:6.1f} s = "
          f"{bare_rate:8,.0f} rows/s")
    vs_row, vs_bare = tejido_rate / per_row_rate, tejido_rate / bare_rate
    print(f"tejido / per-row = {vs_row:.1f}× (target ≥ {TARGET_PER_ROW:.0f}×): "
          f"{'OK' if vs_row >= TARGET_PER_ROW else 'MISSED'}")
    print(f"tejido / bare    = {vs_bare:.2f}× (target ≥ {TARGET_VS_BARE}×): "
          f"{'OK' if vs_bare >= TARGET_VS_BARE else 'MISSED'}")


if __name__ == "__main__":
    main()
