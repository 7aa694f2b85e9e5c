"""What a load changes in a store: facts added, removed and changed, per label and type.

A load replaces what its documents said before (:attr:`GraphBatch.replaces`), so what it
changes is decided by two things only: the batch, and what the store holds now of the
facts the batch touches — those citing a row of a replaced document, and those the batch
states again. :func:`diff` takes exactly that (``before``, which each store reads in its
own way: the embedded store from memory, Neo4j with queries by the documents' Source ids
and by the batch's ids) and works out, with the stores' own write rules, what the store
will hold afterwards. It never reads the whole store, and both stores hand it the same
``before``, so they report the same figures.

Provenance is not a change: ``sources`` and ``printed`` list the rows a fact comes from,
and a row inserted above shifts them without the fact changing. A change is a property
the planner can read (a name, a tipo, notas) that differs after the load.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .model import REL_IDENTITY, GraphBatch, RelType

#: Properties that say where a fact comes from, not what it says.
PROVENANCE = frozenset({"sources", "printed"})
#: What the stores keep beside the properties (the embedded store's label and type).
_STRUCTURE = frozenset({"id", "label", "type"})

NodeKey = tuple[str]
RelKey = tuple[str, str, str]
Key = tuple[str, ...]


@dataclass
class Fact:
    """One node or relationship as the store holds it before the load."""

    #: The node's label or the relationship's type.
    kind: str
    #: The properties a planner reads (:func:`readable`).
    props: dict[str, Any]
    #: Every row it cites is a row of a replaced document: the load takes it away unless
    #: the batch states it again (and then it gets the batch's properties alone).
    emptied: bool = False

    @classmethod
    def of(cls, kind: str, attrs: dict[str, Any], stale: set[str]) -> Fact:
        """A fact from a store's attributes (sources included), given the stale rows."""
        sources = set(attrs.get("sources") or ())
        return cls(kind, readable(attrs), bool(sources) and not sources - stale)


@dataclass
class Before:
    """What a store holds of the facts a batch touches (see the module docstring)."""

    #: Ids of the Source rows of the replaced documents.
    stale: set[str] = field(default_factory=set)
    #: Nodes, keyed ``(id,)``; relationships, keyed ``(source, target, rel_key)``.
    facts: dict[Key, Fact] = field(default_factory=dict)


@dataclass
class Changes:
    """Facts added, removed and changed by a load, per label or relationship type."""

    documents: list[str] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)

    def total(self, which: str) -> int:
        return sum(getattr(self, which).values())

    @property
    def any(self) -> bool:
        return bool(self.total("added") or self.total("removed") or self.total("changed"))

    def after(self, counts: dict[str, int]) -> dict[str, int]:
        """The store's counts once the load is written, from its counts before it."""
        out = dict(counts)
        for kind, n in self.added.items():
            out[kind] = out.get(kind, 0) + n
        for kind, n in self.removed.items():
            out[kind] = out.get(kind, 0) - n
        return out


def readable(props: dict[str, Any]) -> dict[str, Any]:
    """The properties a planner reads (no provenance, no structure)."""
    return {k: v for k, v in props.items() if k not in PROVENANCE and k not in _STRUCTURE}


def batch_keys(batch: GraphBatch) -> Iterable[Key]:
    yield from ((node_id,) for node_id in batch.nodes)
    yield from batch.rels


def diff(batch: GraphBatch, before: Before) -> Changes:
    """What writing ``batch`` changes, given what the store holds of the facts it touches.

    The rules are the stores' own (``EmbeddedStore._write``, ``Neo4jStore.write``): the
    citations of the replaced documents' rows are taken out of every fact; a fact left
    citing nothing keeps only its identity and, if the batch states it again, gets the
    batch's properties alone, or else is deleted; a fact still cited elsewhere gets the
    batch's properties over its own (a mere reference — an ``auto`` node — never
    overwrites a declared node that stays).
    """
    changes = Changes(documents=sorted(batch.replaces))

    def bump(which: dict[str, int], kind: str) -> None:
        which[kind] = which.get(kind, 0) + 1

    for key, fact in before.facts.items():
        emptied = fact.emptied
        new = batch.nodes.get(key[0]) if len(key) == 1 else batch.rels.get(key)  # type: ignore[call-overload]
        if new is None:
            if emptied:
                bump(changes.removed, fact.kind)
            continue
        props = readable(new.properties())
        old = fact.props
        if emptied:
            after = {**_identity(fact), **props}
        elif len(key) == 1 and getattr(new, "auto", False):
            after = old
        else:
            after = {**old, **props}
        if after != old:
            bump(changes.changed, fact.kind)
    for node_id, node in batch.nodes.items():
        if (node_id,) not in before.facts:
            bump(changes.added, node.label)
    for key, rel in batch.rels.items():
        if key not in before.facts:
            bump(changes.added, str(rel.type))
    return changes


def _identity(fact: Fact) -> dict[str, Any]:
    """What an emptied fact keeps before the batch sets its properties again: nothing for
    a node, the identity properties (RELATES' ``tipo``) for a relationship."""
    if fact.kind not in RelType.__members__:
        return {}
    return {name: fact.props[name] for name in REL_IDENTITY.get(RelType(fact.kind), ())
            if name in fact.props}
