"""The embedded store: idempotent merges, atomic persistence, plain-text values."""

import json
import os

import pytest

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.errors import StoreError
from tejido.graph.model import Action, Actor, GraphBatch, Rel, Source
from tejido.graph.store import open_store

HOSTILE = ["x'}) DETACH DELETE n //", "`Actor`", "<img src=x onerror=alert(1)>"]


def small_batch(row: int = 2) -> GraphBatch:
    batch = GraphBatch()
    source = Source.of("libro.xlsx", "acciones", row)
    batch.add_node(source)
    action = Action(id=Action.key("Riego"), titulo="Riego", sources=[source.id])
    batch.add_node(action)
    for name in ["SDPC", *HOSTILE]:
        actor = Actor(id=Actor.key(name), name=name, sources=[source.id])
        batch.add_node(actor)
        batch.add_rel(Rel(type="ARTICULATES", source=actor.id, target=action.id,
                          source_label="Actor", target_label="Action", sources=[source.id]))
    return batch


def test_second_load_changes_nothing(tmp_path):
    path = tmp_path / "g.json"
    EmbeddedStore(path).write(small_batch())
    first = EmbeddedStore(path).counts()
    EmbeddedStore(path).write(small_batch())
    assert EmbeddedStore(path).counts() == first
    assert first["Actor"] == 4 and first["ARTICULATES"] == 4 and first["Source"] == 1


def test_sources_accumulate_across_loads(tmp_path):
    path = tmp_path / "g.json"
    EmbeddedStore(path).write(small_batch(row=2))
    EmbeddedStore(path).write(small_batch(row=7))
    graph = EmbeddedStore(path).snapshot()
    assert len(graph.nodes[Actor.key("SDPC")]["sources"]) == 2


def test_hostile_names_are_stored_as_plain_text(tmp_path):
    path = tmp_path / "g.json"
    EmbeddedStore(path).write(small_batch())
    names = {a["name"] for _, a in EmbeddedStore(path).snapshot().nodes(data=True)
             if a["label"] == "Actor"}
    assert set(HOSTILE) <= names


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    store = EmbeddedStore(path)
    store.write(small_batch())
    before = path.read_bytes()

    encode = json.dumps
    calls: list[int] = []

    def disk_full_midway(*args, **kwargs):
        # The save writes record by record: fail once some of the file is written.
        calls.append(1)
        if len(calls) > 3:
            raise OSError("disk full")
        return encode(*args, **kwargs)

    monkeypatch.setattr(json, "dumps", disk_full_midway)
    with pytest.raises(OSError):
        EmbeddedStore(path).write(small_batch(row=9))
    assert len(calls) > 3
    assert path.read_bytes() == before
    # The lock file stays (removing it would race with a waiting writer); no temp file does.
    assert sorted(os.listdir(tmp_path)) == [".g.json.lock", "g.json"]


def test_corrupt_file_is_a_clear_error(tmp_path):
    path = tmp_path / "g.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError) as info:
        EmbeddedStore(path).counts()
    assert str(path) in str(info.value)


def test_open_store_defaults_to_embedded_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TEJIDO_STORE", raising=False)
    store = open_store()
    store.write(small_batch())
    assert (tmp_path / ".tejido" / "graph.json").is_file()
    monkeypatch.setenv("TEJIDO_STORE", str(tmp_path / "other.json"))
    assert open_store().describe().endswith("other.json")


def test_wipe_empties_the_store(tmp_path):
    store = EmbeddedStore(tmp_path / "g.json")
    store.write(small_batch())
    store.wipe()
    assert sum(EmbeddedStore(tmp_path / "g.json").counts().values()) == 0



def test_release_frees_the_graph_without_a_collection(tmp_path):
    """A gap report runs every twin on snapshots of the store's graph (views caching views
    that refer back to them), then releases the store: the graph is freed by reference
    counting alone, with the cycle collector off, so no collection has to walk every
    object alive to find it. A snapshot somebody still holds stays whole."""
    import gc
    import weakref

    from tejido.loaders.synth import synth_batch
    from tejido.queries.gaps import find_gaps

    store = EmbeddedStore(tmp_path / "g.json")
    store.write(synth_batch(30, 60, 1).batch)
    collections = []
    gc.disable()
    gc.callbacks.append(lambda phase, info: collections.append(phase))
    try:
        graph = weakref.ref(store.graph)
        report = find_gaps(store)
        assert graph() is None and collections == []
        kept = store.snapshot()
        edges = sorted(kept.edges(keys=True))  # caches a view referring back to it
        graph = weakref.ref(store.graph)
        store.release()
        assert graph() is not None and sorted(kept.edges(keys=True)) == edges
    finally:
        gc.callbacks.pop()
        gc.enable()
    assert report.summary.total > 0


def test_what_a_paused_block_keeps_is_not_rescanned_yet_still_collectable():
    """After a block run with the collector paused (a store read, a report), what the
    block kept is already in the oldest generation: no young collection has to walk it
    (a 40 000-action report: a second to find no garbage). Nothing stays frozen, and a
    cycle made in the block and dropped later is still collected."""
    import gc
    import weakref

    from tejido.graph.memory import collector_paused

    class Node:
        me: object

    gc.collect()
    with collector_paused():
        kept = [Node() for _ in range(5_000)]
        cycle = Node()
        cycle.me = cycle
    oldest = gc.get_objects(generation=2)
    assert any(node is kept[-1] for node in oldest) and any(node is cycle for node in oldest)
    del oldest
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gone = weakref.ref(cycle)
    del cycle
    assert gone() is not None  # a cycle: reference counting alone cannot free it
    gc.collect()
    assert gone() is None and len(kept) == 5_000
