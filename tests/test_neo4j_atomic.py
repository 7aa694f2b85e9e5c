"""A load into Neo4j is one transaction: interrupted, it leaves the old version (issue 11).

Each test loads an old version of one document, then a new version of the same document
(a replace) that is cut short — by an exception in the client, by a failing statement on
the server, by ``kill -9`` of the ``tejido load`` process — and checks the store against
snapshots of clean loads of the old and of the new version. The expected counts of a clean
load come from the batch the loader built (``GraphBatch.counts``), never from the store.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import Neo4jHandle, free_port
from neo4j.exceptions import Neo4jError

from tejido.graph import neo4j_write
from tejido.graph.changes import Before
from tejido.graph.errors import StoreError
from tejido.graph.local_server import LocalServer
from tejido.graph.model import GraphBatch, Source
from tejido.graph.neo4j_store import Neo4jStore
from tejido.graph.store import empty_counts
from tejido.loaders.base import read_paths
from tejido.loaders.synth_national import national_workbook, write_csv_folder
from tejido.loaders.workbook import read_tables

DOCUMENT = "cartera"
TEJIDO = Path(sys.executable).with_name("tejido")


def version(seed: int, actions: int = 300) -> GraphBatch:
    """One version of the document ``cartera``: two seeds share the GADs and territory
    but differ in actions, organisations and ties, so a mix of two versions shows."""
    batch = read_tables(national_workbook(actions, seed=seed), DOCUMENT).batch
    batch.replaces = {n.document for n in batch.nodes.values() if isinstance(n, Source)}
    return batch


def expected(batch: GraphBatch) -> dict[str, int]:
    return {**empty_counts(), **batch.counts()}


def facts(graph: nx.MultiDiGraph) -> tuple[dict, set]:
    """Every node with its properties, every relationship with its identity and
    properties, in comparable form (provenance lists sorted)."""
    def plain(attrs: dict[str, Any]) -> tuple:
        return tuple(sorted((k, tuple(sorted(v)) if isinstance(v, list) else v)
                            for k, v in attrs.items()))

    nodes = {node: plain(attrs) for node, attrs in graph.nodes(data=True)}
    edges = {(s, t, k, plain(a)) for s, t, k, a in graph.edges(keys=True, data=True)}
    assert len(edges) == graph.number_of_edges()
    return nodes, edges


def state(store: Neo4jStore) -> tuple[dict[str, int], tuple[dict, set]]:
    return store.counts(), facts(store.snapshot())


@pytest.fixture(scope="module")
def versions() -> tuple[GraphBatch, GraphBatch]:
    old, new = version(1), version(2)
    # Rows cite other documents too (the «fuente» column): a load replaces them all.
    assert DOCUMENT in old.replaces and DOCUMENT in new.replaces
    old.replaces = new.replaces = old.replaces | new.replaces
    assert set(old.nodes) != set(new.nodes) and set(old.rels) != set(new.rels)
    return old, new


class Boom(Exception):
    pass


def test_an_exception_midway_through_a_replace_leaves_the_old_version(
        neo4j_server: Any, versions: tuple[GraphBatch, GraphBatch]) -> None:
    old_batch, new_batch = versions
    with neo4j_server.store() as store:
        store.wipe()
        store.load(old_batch)
        old = state(store)
    assert old[0] == expected(old_batch)

    calls = 0

    def progress(rows: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:  # the first chunk is written (and the replace done): fail now
            raise Boom

    with neo4j_server.store(batch_size=50) as store:
        with pytest.raises(Boom):
            store.load(new_batch, progress=progress)
        assert calls == 2
        assert state(store) == old
        # The same load, not cut short, replaces the whole document.
        store.load(new_batch)
        assert store.counts() == expected(new_batch)


def test_a_statement_failing_on_the_server_midway_leaves_the_old_version(
        neo4j_server: Any, versions: tuple[GraphBatch, GraphBatch],
        monkeypatch: pytest.MonkeyPatch) -> None:
    old_batch, new_batch = versions
    with neo4j_server.store() as store:
        store.wipe()
        store.load(old_batch)
        old = state(store)

    rows = neo4j_write.TxRunner.rows
    calls = 0

    def failing(self: neo4j_write.TxRunner, *args: Any, **kwargs: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 4:  # nodes of a few labels written: the server refuses a statement
            self.tx.run("RETURN 1 / 0").consume()
        rows(self, *args, **kwargs)

    monkeypatch.setattr(neo4j_write.TxRunner, "rows", failing)
    with neo4j_server.store(batch_size=50) as store:
        with pytest.raises(Neo4jError, match="(?i)divide by zero|/ by zero"):
            store.load(new_batch)
        assert calls == 4
        assert state(store) == old


def test_a_load_racing_another_for_a_new_node_is_redone_with_merge(
        neo4j_server: Any, versions: tuple[GraphBatch, GraphBatch],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The load CREATEs the nodes its own read found absent; if another load commits one
    of them in between, the uniqueness constraint refuses the CREATE and the load is
    redone with MERGE alone: no duplicate, nothing lost, the same graph as a clean load."""
    old_batch, _ = versions
    with neo4j_server.store() as store:
        store.wipe()
        store.load(old_batch)
        clean = state(store)
        # Simulate the race: the first attempt reads an empty store (as if every node had
        # been committed by someone else after the read), so it CREATEs existing nodes.
        from tejido.graph import neo4j_changes

        real = neo4j_changes.read_before
        reads: list[bool] = []

        def stale_read(runner: Any, batch: GraphBatch) -> Before:
            reads.append(True)
            return Before() if len(reads) == 1 else real(runner, batch)

        monkeypatch.setattr(neo4j_changes, "read_before", stale_read)
        store.load(old_batch)
        assert len(reads) == 2, "the refused CREATE was not redone"
        assert state(store) == clean


def _pty_load(folder: Path, uri: str, auth: tuple[str, str] | None
              ) -> tuple[subprocess.Popen[bytes], int]:
    """``tejido load folder --store uri`` with stderr on a terminal, so it shows its
    progress bar (it does only on a terminal); returns the process and the pty's end."""
    master, slave = pty.openpty()
    # A terminal of zero columns (a new pty's) gets a bar of zero characters.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    if auth:
        env.update(NEO4J_USER=auth[0], NEO4J_PASSWORD=auth[1])
    process = subprocess.Popen(
        [str(TEJIDO), "load", str(folder), "--store", uri, "--batch-size", "40"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    return process, master


def _wait_for_progress(master: int, process: subprocess.Popen[bytes],
                       timeout: float = 300) -> tuple[int, int]:
    """Read the progress bar until it shows between a quarter and three quarters of the
    rows written; that (written, total)."""
    text = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            text += os.read(master, 65536)
        except OSError:
            break
        for done, total in re.findall(rb"(\d+)/(\d+)", text[-400:])[-1:]:
            if int(total) // 4 <= int(done) <= 3 * int(total) // 4:
                return int(done), int(total)
    raise AssertionError(f"no progress midway seen; output: {text[-2000:]!r}")


def test_tejido_load_killed_midway_leaves_the_old_version_or_the_new(
        neo4j_server: Any, tmp_path: Path) -> None:
    folder = tmp_path / DOCUMENT
    write_csv_folder(national_workbook(1500, seed=2), folder)
    new_batch = read_paths([folder]).batch
    with neo4j_server.store() as store:
        store.wipe()
        store.load(new_batch)
        new = state(store)
        assert new[0] == expected(new_batch)
        store.wipe()
        write_csv_folder(national_workbook(1500, seed=1), folder)
        old_batch = read_paths([folder]).batch
        assert DOCUMENT in old_batch.replaces and DOCUMENT in new_batch.replaces
        assert old_batch.replaces <= new_batch.replaces, "the new version must replace all"
        store.load(old_batch)
        old = state(store)
        assert old[0] == expected(old_batch)
    write_csv_folder(national_workbook(1500, seed=2), folder)

    process, master = _pty_load(folder, neo4j_server.uri, neo4j_server.auth)
    try:
        done, total = _wait_for_progress(master, process)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=60) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    assert total == len(new_batch.nodes) + len(new_batch.rels)
    with neo4j_server.store() as store:
        after = state(store)
    # Killed with at most three quarters written: the commit had not happened.
    assert after in (old, new), "a mix of two versions"
    assert after == old


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A tejido server of its own with a 512 MiB heap: one transaction may use 60 % of
    it (``db.memory.transaction.max``, a static setting, so not changeable on the
    session's server)."""
    local = LocalServer(port=free_port(), data_dir=tmp_path_factory.mktemp("small"),
                        heap="512m")
    local.start()
    try:
        yield Neo4jHandle(local.uri, local.auth, "local", local)
    finally:
        local.stop()


def test_a_load_over_the_transaction_memory_limit_fails_clearly_and_changes_nothing(
        small_server: Any, versions: tuple[GraphBatch, GraphBatch]) -> None:
    """A load too big for one transaction is refused by the server's per-transaction
    limit: a message saying so, the old version intact, the server still up."""
    old_batch, _ = versions
    big = version(3, actions=20_000)  # ~215 000 elements: ~600 MiB of transaction state
    big.replaces |= old_batch.replaces
    with small_server.store() as store:
        store.wipe()
        store.load(old_batch)
        old = state(store)
        with pytest.raises(StoreError, match="no cabe en la memoria") as error:
            store.load(big)
        assert f"({len(big.nodes) + len(big.rels)} elementos)" in error.value.message
        assert state(store) == old
    assert small_server.local.pid() is not None


def test_the_local_server_caps_one_transaction_at_a_share_of_its_heap(
        small_server: Any) -> None:
    with small_server.store() as store:
        value = store.execute("SHOW SETTINGS YIELD name, value WHERE name = "
                              "'db.memory.transaction.max' RETURN value")[0]["value"]
    # 60 % of its 512 MiB heap.
    assert value == f"{int(512 * 0.6)}.00MiB"
