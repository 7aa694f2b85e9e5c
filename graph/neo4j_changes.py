"""What a Neo4j store holds of the facts a batch touches (:class:`tejido.graph.changes.Before`).

Read with a few queries, never the whole graph: the Source ids of the replaced documents;
per label and per relationship type, the facts citing one of them (a scan of that label
or type, as the replace itself does); and the batch's other facts looked up by id through
the uniqueness constraints' indexes — nodes only of labels the store holds any of,
relationships only between nodes the store already has, so a first load into an empty
store looks up nothing. The embedded store reads the same from memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from neo4j import RoutingControl

from . import schema
from .changes import Before, Fact, readable
from .model import NODE_TYPES, GraphBatch, RelType, rel_key

READ = RoutingControl.READ


class Runner(Protocol):
    """Where the reads run: a :class:`~tejido.graph.neo4j_store.Neo4jStore` (a dry run:
    each read its own transaction) or a :class:`~tejido.graph.neo4j_write.TxRunner` (a
    load: inside its write transaction, so the summary and the choice of what to CREATE
    see exactly the state the write replaces)."""

    batch_size: int

    def execute(self, cypher: str, routing: Any = ..., timeout: float | None = ...,
                **params: Any) -> list[dict[str, Any]]: ...


def read_before(store: Runner, batch: GraphBatch) -> Before:
    out = Before()
    if batch.replaces:
        rows = store.execute(schema.stale_sources(), READ, docs=sorted(batch.replaces))
        out.stale = set(rows[0]["ids"])
    if out.stale:
        stale = sorted(out.stale)
        for label in NODE_TYPES:
            for node, props, emptied in _rows(store, schema.nodes_citing(label), stale=stale):
                out.facts[(node,)] = Fact(label, readable(props), emptied)
        for rtype in RelType:
            for source, target, props, emptied in _rows(store, schema.rels_citing(rtype),
                                                        stale=stale):
                key = (source, target, rel_key(rtype, props))
                out.facts[key] = Fact(rtype.value, readable(props), emptied)
    by_label = batch.nodes_by_label()
    held = label_counts(store, sorted(by_label))
    for label, nodes in by_label.items():
        # A label the store holds none of (a first load) needs no lookups.
        if not held[label]:
            continue
        ids = [node.id for node in nodes if (node.id,) not in out.facts]
        for chunk in _chunks(ids, store.batch_size):
            for node, props in _rows(store, schema.nodes_by_id(label), ids=chunk):
                out.facts[(node,)] = Fact(label, readable(props))
    # A relationship can only be stored between two nodes the store has.
    pairs: dict[tuple[RelType, str, str], set[tuple[str, str]]] = {}
    for key, rel in batch.rels.items():
        if key not in out.facts and (rel.source,) in out.facts and (rel.target,) in out.facts:
            group = (RelType(rel.type), rel.source_label, rel.target_label)
            pairs.setdefault(group, set()).add((rel.source, rel.target))
    for (rtype, source_label, target_label), ends in pairs.items():
        cypher = schema.rels_between(rtype, source_label, target_label)
        unique = [{"source": source, "target": target} for source, target in sorted(ends)]
        for chunk in _chunks(unique, store.batch_size):
            for source, target, props in _rows(store, cypher, rows=chunk):
                # Two RELATES ties of different tipo share endpoints: keep the batch's.
                key = (source, target, rel_key(rtype, props))
                if key in batch.rels:
                    out.facts[key] = Fact(rtype.value, readable(props))
    return out


def label_counts(store: Runner, labels: Iterable[str]) -> dict[str, int]:
    """How many nodes of each of ``labels`` the store holds, read from its counts (in
    constant time) in one round trip."""
    wanted = list(labels)
    if not wanted:
        return {}
    return store.execute(schema.count_labels(wanted), READ)[0]["counts"]


def _rows(store: Runner, cypher: str, **params: Any) -> list[list[Any]]:
    return store.execute(cypher, READ, **params)[0]["rows"]


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[start:start + size] for start in range(0, len(items), size)]
