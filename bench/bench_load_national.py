"""Neo4j load of the national portfolio against a bare ``UNWIND … CREATE`` (issue 14).

    python bench/bench_load_national.py [--actions 10000 40000] [--heap 2g] [--repeat 2]
                                        [--uri bolt://…] [--batch-size N]

Issue 14's acceptance: "Neo4j load at least 0.8× the bare ``UNWIND … CREATE`` rate" on the
national portfolio. For each size this draws the national synthetic portfolio
(:func:`tejido.loaders.synth_national.national_batch`: the graph ``tejido load`` builds
from its CSV folder, ``replaces`` set as a load sets it) and, in the same run, times:

(a) tejido's load into an empty store exactly as ``tejido load`` does it: a new
    ``Neo4jStore`` (so the uniqueness constraints are created, as on a first load) and
    ``Store.load`` — the read of what the store holds, the change summary and the write,
    in one transaction;
(c) the bare load of :func:`bench_load.bare_load`: the same rows, ``UNWIND $rows CREATE``
    with no constraint or index, relationships created between nodes found by the element
    ids their CREATE returned — the cost of writing the data and nothing else — in one
    transaction per chunk, as in ``bench_load``;
(c1) the same bare statements all in one transaction: what atomicity alone costs;
(a2) for the record, not in the ratio: tejido's load into an empty store that already
    holds the constraints (a store wiped after earlier loads): it maintains the
    uniqueness indexes as it writes, where (a), a first load, builds them after its
    commit (graph/neo4j_write.py, "A first load").

A "row" is a node or a relationship; rates are rows per second over the whole load, by
wall time and by CPU time (this process plus the server's JVM, when the bench started the
server: on a machine shared with other work the wall time swings by ×2 between rounds,
the CPU time much less). Each round runs (a), (c), (c1), (a2), each from a wiped database,
in an order rotated by one from round to round (so no way always runs first, or after the
same one), after one untimed warm-up round on a tenth of the first size; the best of each
is reported, then the ratios (the target is judged on those), then tejido against the bare
load within each round and their median, which a slow spell of the machine biases less
than a ratio of two bests taken from different rounds. The
server's peak heap use is not visible from here: use ``--heap`` to try the smallest heap
that still loads the size in one transaction (see the README, "Neo4j: memory of a load").
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_load import bare_load, reset, row_count, store_factory  # noqa: E402

from tejido.graph.model import GraphBatch, Source  # noqa: E402
from tejido.graph.neo4j_store import Neo4jStore  # noqa: E402
from tejido.graph.neo4j_write import TxRunner  # noqa: E402
from tejido.loaders.synth_national import national_batch  # noqa: E402

TARGET_VS_BARE = 0.8


def portfolio(actions: int) -> GraphBatch:
    """The national portfolio's graph, replacing its own document as ``tejido load`` does."""
    batch = national_batch(actions).batch
    batch.replaces = {n.document for n in batch.nodes.values() if isinstance(n, Source)}
    return batch


class Clock:
    """Wall seconds, and CPU seconds of this process plus the server's JVM (when the
    bench started the server: ``/proc/<pid>/stat``). On a shared machine other programs
    stretch the wall time; the CPU time of the two processes doing the load does not."""

    def __init__(self, server_pid: int | None) -> None:
        self.stat = Path(f"/proc/{server_pid}/stat") if server_pid else None

    def _server(self) -> float:
        if self.stat is None or not self.stat.exists():
            return 0.0
        fields = self.stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def time(self, action: Callable[[], object]) -> tuple[float, float]:
        wall, cpu, server = time.perf_counter(), time.process_time(), self._server()
        action()
        return (time.perf_counter() - wall,
                time.process_time() - cpu + self._server() - server)


def bare_in_one_transaction(store: Neo4jStore, batch: GraphBatch) -> None:
    """(c) with every statement in one transaction, as tejido's load runs."""
    with store.driver.session(database=store.database) as session:
        session.execute_write(lambda tx: bare_load(TxRunner(tx, store.batch_size), batch))


def one_round(open_store: Callable[[], Neo4jStore], clock: Clock, batch: GraphBatch,
              batch_size: int | None, turn: int = 0) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of each way, each into a wiped database with no constraint
    (but (a2)'s, created untimed); the order of the ways rotated by ``turn``."""
    out = {}
    with open_store() as store:
        if batch_size:
            store.batch_size = batch_size
        ways: dict[str, Callable[[], object]] = {
            "tejido": lambda: store.load(batch),
            "bare": lambda: bare_load(store, batch),
            "bare1": lambda: bare_in_one_transaction(store, batch),
            "indexed": lambda: store.load(batch),
        }
        names = list(ways)
        turn %= len(names)
        for name in names[turn:] + names[:turn]:
            reset(store, drop_constraints=True)
            store._constraints_ready = False  # as on a first load: it creates them
            if name == "indexed":
                store.ensure_constraints()
            out[name] = clock.time(ways[name])
            if name in ("tejido", "indexed"):
                counts, expected = store.counts(), batch.counts()
                if any(counts[kind] != n for kind, n in expected.items()):
                    raise SystemExit(f"tejido's load is wrong: {counts} != {expected}")
        reset(store, drop_constraints=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI"))
    parser.add_argument("--actions", type=int, nargs="+", default=[10_000, 40_000])
    parser.add_argument("--heap", default=None, help="JVM heap of the bench's own server")
    parser.add_argument("--repeat", type=int, default=2, help="timed rounds per size")
    parser.add_argument("--batch-size", type=int, default=None,
                        help="rows per UNWIND (default: the store's)")
    args = parser.parse_args()

    with store_factory(args.uri, args.heap) as open_store:
        with open_store() as store:
            version = store.execute("CALL dbms.components() YIELD versions "
                                    "RETURN versions[0] AS v")[0]["v"]
            settings = store.execute(
                "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
                names=["server.memory.heap.max_size", "dbms.memory.transaction.total.max",
                       "db.memory.transaction.total.max", "db.memory.transaction.max",
                       "db.tx_state.memory_allocation"])
            print(f"Neo4j {version}: {store.describe()}, batch size "
                  f"{args.batch_size or store.batch_size}; heap {args.heap or 'default'}; "
                  + ", ".join(f"{r['name']}={r['value']}" for r in settings), flush=True)
        clock = Clock(getattr(open_store, "server_pid", None))
        warm = portfolio(max(100, args.actions[0] // 10))
        one_round(open_store, clock, warm, args.batch_size)
        for actions in args.actions:
            drawn = time.perf_counter()
            batch = portfolio(actions)
            rows = row_count(batch)
            print(f"\n{actions} actions: {len(batch.nodes)} nodes + {len(batch.rels)} "
                  f"relationships = {rows} rows (drawn in {time.perf_counter() - drawn:.1f} s)",
                  flush=True)
            rounds = []
            for n in range(args.repeat):
                rounds.append(one_round(open_store, clock, batch, args.batch_size, n))
                print(f"  round {n + 1}: " + ", ".join(
                    f"{name} {wall:.1f} s wall / {cpu:.1f} s CPU"
                    for name, (wall, cpu) in rounds[-1].items()), flush=True)
            best = {name: (min(r[name][0] for r in rounds), min(r[name][1] for r in rounds))
                    for name in rounds[0]}
            for name, label in LABELS.items():
                wall, cpu = best[name]
                print(f"  {label}: {rows / wall:9,.0f} rows/s wall, "
                      f"{rows / cpu:9,.0f} rows per CPU s")
            for basis, i in (("wall", 0), ("CPU", 1)):
                ratio = best["bare"][i] / best["tejido"][i]
                print(f"  tejido / bare ({basis}) = {ratio:.2f}× (target ≥ {TARGET_VS_BARE}×): "
                      f"{'OK' if ratio >= TARGET_VS_BARE else 'MISSED'}; "
                      f"/ bare in one transaction = {best['bare1'][i] / best['tejido'][i]:.2f}×",
                      flush=True)
                # Beside the best of each way, the ratio within each round: the two ways
                # ran minutes apart at most, so a slow spell of the machine weighs on both.
                per_round = sorted(r["bare"][i] / r["tejido"][i] for r in rounds)
                print(f"    within each round: {', '.join(f'{x:.2f}×' for x in per_round)}"
                      f" (median {statistics.median(per_round):.2f}×)", flush=True)


LABELS = {
    "tejido": "(a) tejido load, one transaction   ",
    "bare": "(c) bare UNWIND CREATE             ",
    "bare1": "(c1) bare, all in one transaction  ",
    "indexed": "(a2) tejido, constraints there     ",
}


if __name__ == "__main__":
    main()
