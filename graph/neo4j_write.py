"""One load into Neo4j, as one transaction: the old version or the new one, never a mix.

:meth:`tejido.graph.neo4j_store.Neo4jStore.load` runs :func:`load_in` inside one managed
write transaction: it reads what the store holds of the facts the batch touches
(:func:`tejido.graph.neo4j_changes.read_before`), works out the change summary from it,
takes the replaced documents' citations away (:func:`forget`) and writes the batch in
``UNWIND`` chunks — all of it committed together or not at all. An exception, a lost
connection or a killed ``tejido load`` leaves the store as it was (Neo4j rolls back a
transaction whose client is gone); the driver retries the whole function on transient
failures, so a retried load starts again from a clean read.

Speed (issue 14: "loads reach the bare ``UNWIND … CREATE`` rate"). Because the read happens
in the same transaction, the write knows which nodes are new: those are CREATEd (no
MERGE, no sources union), and every node statement returns the nodes' element ids, so a
relationship with at least one endpoint created here — which cannot exist yet, and which
no other transaction can see — is CREATEd between endpoints found by element id, the
cheapest lookup there is. Only facts the store already holds go through the MERGE
statements, whose locks keep concurrent loads from duplicating a shared fact. If another
load commits one of "our" new nodes between our read and our CREATE, the uniqueness
constraint refuses it; the caller then redoes the whole load with MERGE alone
(``create=False``).

A first load (issue 14). Into an empty store, the uniqueness constraints cost a load more
than anything else it does beyond the bare ``CREATE``s: every new node's id is checked and
locked in the constraint's index, then written into it at commit. So when the store lacks
some of tejido's constraints, :meth:`~tejido.graph.neo4j_store.Neo4jStore.load` first tries
a *first load* (``first=True``): the transaction takes the first-load lock (the CREATE of a
node under its own uniqueness constraint, :func:`tejido.graph.schema.take_first_load`,
which a second first load waits on until this transaction ends), checks that the store
holds no node of tejido's labels (else it gives up with :class:`NotFirst`, writing nothing,
and the load runs the usual way, constraints first), CREATEs everything, deletes the lock
node, commits; the constraints are created afterwards, their indexes built from the stored
nodes in one pass. Without constraints, two first loads could both CREATE the same node:
the lock serialises them, and the second finds the first's nodes and gives up. A load the
usual way runs only once every constraint exists; a first load's CREATE of a label whose
constraint appeared meanwhile is checked by it (Neo4j reads the schema per operation, and a
constraint's creation waits for transactions that wrote its label), so a clash fails with
the same constraint error as above. Between the commit and the constraints, readers see the
complete new version, only without indexes.
"""

from __future__ import annotations

from typing import Any, LiteralString, cast

from neo4j import ManagedTransaction

from . import schema
from .changes import Before, Changes, diff
from .model import NODE_TYPES, REL_IDENTITY, GraphBatch, RelType, rel_key
from .store import Progress


class TxRunner:
    """A managed transaction seen through :meth:`Neo4jStore.execute`'s signature, so the
    read of :func:`tejido.graph.neo4j_changes.read_before` runs inside the load's
    transaction. ``batch_size``: rows per ``UNWIND``."""

    def __init__(self, tx: ManagedTransaction, batch_size: int) -> None:
        self.tx = tx
        self.batch_size = batch_size

    def execute(self, cypher: str, routing: object = None, timeout: float | None = None,
                **params: Any) -> list[dict[str, Any]]:
        """Rows of one statement as dicts (``routing`` and ``timeout`` are the
        transaction's own here)."""
        return [record.data() for record in self.tx.run(_q(cypher), params)]

    def rows(self, cypher: str, rows: list[dict[str, Any]], progress: Progress | None,
             eids: dict[str, str] | None = None) -> None:
        """Run ``cypher`` over ``rows`` in chunks; with ``eids``, collect its ``id`` →
        ``eid`` columns into it."""
        for start in range(0, len(rows), self.batch_size):
            chunk = rows[start:start + self.batch_size]
            result = self.tx.run(_q(cypher), {"rows": chunk})
            if eids is None:
                result.consume()
            else:
                eids.update(result.values("id", "eid"))  # type: ignore[arg-type]
            if progress:
                progress(len(chunk))


class Reported:
    """A progress callback that can take back what it reported: a transaction the driver
    retries, or redoes with MERGE alone, starts its count again."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.total = 0

    def __call__(self, rows: int) -> None:
        self.total += rows
        if self.progress:
            self.progress(rows)

    def restart(self) -> None:
        if self.total and self.progress:
            self.progress(-self.total)
        self.total = 0


class NotFirst(Exception):
    """A first load found the store holding tejido's nodes: nothing was written; load the
    usual way (module docstring, "A first load")."""


def load_in(tx: TxRunner, batch: GraphBatch, progress: Reported, create: bool,
            first: bool = False) -> Changes:
    """The whole load inside ``tx``: read, summary, replace, write (module docstring);
    ``first``: a first load, under the first-load lock, into an empty store."""
    from .neo4j_changes import label_counts, read_before

    progress.restart()
    if first:
        tx.execute(schema.take_first_load())  # waits for another first load to end
        if any(label_counts(tx, NODE_TYPES).values()):
            raise NotFirst
        # The store holds no node of tejido's labels, so nothing the batch states nor
        # any Source of a replaced document: nothing to read.
        before = Before()
    else:
        before = read_before(tx, batch)
    changes = diff(batch, before)
    write_in(tx, batch, before, progress, create)
    if first:
        tx.execute(schema.release_first_load())
    return changes


def write_in(tx: TxRunner, batch: GraphBatch, before: Before, progress: Progress | None,
             create: bool) -> None:
    """Write ``batch`` in ``tx``, given what the store held of its facts (``before``,
    read in the same transaction): CREATE what is new if ``create``, MERGE the rest."""
    renewed = forget(tx, batch, before.stale)
    eids: dict[str, str] = {}
    created: set[str] = set()
    for label, nodes in sorted(batch.nodes_by_label().items()):
        fresh: list[dict[str, Any]] = []
        by_overwrite: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
        for node in nodes:
            props = node.properties()
            # The MERGE statements' union keeps each source once, first-seen order.
            sources = list(dict.fromkeys(props.pop("sources", [])))
            if create and (node.id,) not in before.facts:
                fresh.append({"id": node.id, "props": {**props, "sources": sources}})
                continue
            props.pop("id", None)
            # A mere reference never overwrites a declaration, unless what declared
            # it is gone (the node was emptied by the replaced documents).
            overwrite = not getattr(node, "auto", False) or node.id in renewed
            by_overwrite[overwrite].append({"id": node.id, "props": props, "sources": sources})
        tx.rows(schema.create_nodes(label), fresh, progress, eids)
        created.update(row["id"] for row in fresh)
        for overwrite, rows in by_overwrite.items():
            tx.rows(schema.merge_nodes(label, overwrite, returning=True), rows, progress, eids)
    fresh_rels: dict[str, list[dict[str, Any]]] = {}
    grouped: dict[tuple[str, str, str, bool], list[dict[str, Any]]] = {}
    for rel in batch.rels.values():
        props = rel.properties()
        sources = list(dict.fromkeys(props.pop("sources")))
        if ((rel.source in created or rel.target in created)
                and rel.source in eids and rel.target in eids):
            fresh_rels.setdefault(str(rel.type), []).append(
                {"a": eids[rel.source], "b": eids[rel.target],
                 "props": {**props, "sources": sources}})
            continue
        row = {"source": rel.source, "target": rel.target, "sources": sources}
        for name in REL_IDENTITY.get(RelType(rel.type), ()):
            row[name] = getattr(rel, name)
        if props:
            row["props"] = props
        group = (str(rel.type), rel.source_label, rel.target_label, bool(props))
        grouped.setdefault(group, []).append(row)
    for rtype, rows in sorted(fresh_rels.items()):
        tx.rows(schema.create_rels(rtype), rows, progress)
    for (rtype, source_label, target_label, with_props), rows in sorted(grouped.items()):
        tx.rows(schema.merge_rels(rtype, source_label, target_label, with_props), rows,
                progress)


def forget(tx: TxRunner, batch: GraphBatch, stale_ids: set[str]) -> set[str]:
    """Take the citations of ``batch.replaces``' rows (``stale_ids``: their Source ids, as
    read in this transaction) out of every node and relationship.
    What then cites nothing is deleted, unless the batch states it again: then it keeps
    only its identity, and the batch gives it its properties. Returns the ids of the
    nodes so renewed. (The embedded store does the same in memory.)"""
    if not stale_ids:
        return set()
    stale = sorted(stale_ids)
    renewed: set[str] = set()
    for label in NODE_TYPES:
        emptied = {r["id"] for r in tx.execute(schema.strip_nodes(label), stale=stale)}
        again = sorted(emptied & batch.nodes.keys())
        gone = sorted(emptied - batch.nodes.keys())
        if again:
            tx.execute(schema.reset_nodes(label), ids=again)
        if gone:
            tx.execute(schema.delete_nodes(label), ids=gone)
        renewed.update(again)
    for rtype in RelType:
        identity = REL_IDENTITY.get(rtype, ())
        again_rows, gone_eids = [], []
        for row in tx.execute(schema.strip_rels(rtype), stale=stale):
            key = (row["source"], row["target"], rel_key(rtype, row["props"]))
            if key in batch.rels:
                keep = {name: row["props"][name] for name in identity if name in row["props"]}
                again_rows.append({"eid": row["eid"], "keep": {**keep, "sources": []}})
            else:
                gone_eids.append(row["eid"])
        if again_rows:
            tx.execute(schema.reset_rels(rtype), rows=again_rows)
        if gone_eids:
            tx.execute(schema.delete_rels(rtype), eids=gone_eids)
    return renewed


def _q(text: str) -> LiteralString:
    # Our Cypher is generated from the model's whitelist (see schema.py), never from input.
    return cast(LiteralString, text)
