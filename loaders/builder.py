"""From records to nodes and relationships: the one builder every loader goes through.

The planner's workbook (:mod:`tejido.loaders.workbook`) and the dataset folders
(:mod:`tejido.loaders.matrix`) are read differently but make the same graph, so what makes a
node or a relationship is written here once and cannot drift between them:

* **ids** come from the model's keys and the name a row gives (``Actor.key``,
  ``Territory.key``, ``Mechanism.key``, ``Axis.key(name, tipo)``); an action is
  ``Action.key(titulo, eje, objetivo)`` unless its row gives a code (:func:`action_id`);
* **provenance**: each row is one :class:`Source` node (document, table, row) that lists
  itself; each document a loader reads is one :class:`Document` node that lists all its
  rows (:meth:`GraphBuilder.document`); every node and relationship lists the Sources of
  the rows it came from (the rows it applies to); a relationship whose value was printed
  in another row (a merged cell filled down) also lists the printing rows in ``printed``,
  and one no cell states (a default, a constructed placeholder) names its rule in
  ``derived`` (:meth:`GraphBuilder.rel`);
* an actor a row names that nobody declared is created ``auto`` with tipo ``otro``
  (:func:`auto_actor`); a territories cell saying ``TODOS`` means every territory
  (:func:`is_everywhere`; which territories those are is each loader's documented rule);
* **declared and named nodes**: a node a row declares lists that row (:meth:`declare`);
  a node a row only names lists it too (:meth:`refer`), except that a loader may keep a
  declared node's provenance to its own rows (``cite_declared=False``: the workbook, whose
  rows that name an actor carry their own relationships).

What stays in each loader is reading its files and the rules of its format: which cells
declare or name what, and which problems are errors, warnings or notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar, cast

from tejido.graph.model import (
    Action,
    Actor,
    ActorTipo,
    Autoridad,
    Axis,
    Document,
    GraphBatch,
    Mechanism,
    Node,
    Rel,
    RelType,
    Source,
    Territory,
    fold,
    stable_id,
)

N = TypeVar("N", bound=Node)

#: Words that, in a territories cell, mean every territory.
EVERYWHERE = frozenset({"todos", "todas"})


def is_everywhere(name: str) -> bool:
    """Whether a territories cell's value means every territory ("TODOS", "todas")."""
    return fold(name) in EVERYWHERE


def actor_node(name: str, **props: Any) -> Actor:
    return Actor(id=Actor.key(name), name=name, **props)


def auto_actor(name: str) -> Actor:
    """An actor a row names but nobody declared: tipo ``otro``, marked ``auto``."""
    return Actor(id=Actor.key(name), name=name, tipo=ActorTipo.otro, auto=True)


def territory_node(name: str, **props: Any) -> Territory:
    return Territory(id=Territory.key(name), name=name, **props)


def mechanism_node(name: str, **props: Any) -> Mechanism:
    return Mechanism(id=Mechanism.key(name), name=name, **props)


def axis_node(name: str, tipo: str, **props: Any) -> Axis:
    """An eje, objetivo or other heading: the same name under another tipo is another axis."""
    return Axis(id=Axis.key(name, tipo), name=name, tipo=tipo, **props)


def action_id(
    titulo: str, eje: str | None = None, objetivo: str | None = None, code: Sequence[str] = ()
) -> str:
    """An action's id: its code when its row gives one, else its title under its eje and
    objetivo (:meth:`Action.key`).

    ``code`` is the code with whatever the loader scopes codes to: the workbook's codes are
    the planner's own (``("A-001",)``), a dataset's are its document's (``(document,
    code)``, plus the title's position when one cell lists several titles).
    """
    return stable_id("action", *code) if code else Action.key(titulo, eje, objetivo)


class GraphBuilder:
    """One batch under construction: Source rows, nodes and relationships, each with its rows.

    Sources are merged through sets kept here, so that citing a node named by tens of
    thousands of rows (an eje, a parish) stays linear.
    """

    def __init__(self, *, cite_declared: bool) -> None:
        self.batch = GraphBatch()
        #: Whether a row that names a declared node is added to that node's sources.
        self.cite_declared = cite_declared
        self._declared: set[str] = set()
        self._documents: dict[str, Document] = {}  # document -> its node (see document())
        self._seen: dict[str, set[str]] = {}  # node id -> its sources, as a set
        #: relationship identity -> the rows that print it, kept only for relationships
        #: printed somewhere else than the rows they apply to (ordered set)
        self._printed: dict[tuple[str, str, str], dict[str, None]] = {}

    # -- provenance ------------------------------------------------------------------------

    def source(self, document: str, table: str, row: int) -> Source:
        """The Source node of one row of one table (added once; it lists itself)."""
        key = Source.key(document, table, row)
        node = self.batch.nodes.get(key)
        if node is None:
            node = self.batch.add_node(
                Source(id=key, document=document, table=table, row=row, sources=[key]))
            declared = self._documents.get(document)
            if declared is not None:
                self.cite(self.add(declared), [key])
        return cast(Source, node)

    def document(self, document: str, title: str,
                 autoridad: Autoridad = Autoridad.sin_declarar) -> None:
        """Declare a document this batch loads, before its rows: its :class:`Document` node
        comes with its first row and lists every row (so a re-load renews it, or takes it
        away, as any node). A document that yields no row yields no Document, as it yields
        nothing a re-load would replace."""
        self._documents[document] = Document(id=document, title=title, autoridad=autoridad)

    def cited(self, document: str) -> Source:
        """A document a row cites as its origin: a Source with no table and row 0."""
        return self.source(document, "", 0)

    # -- nodes -----------------------------------------------------------------------------

    def declare(self, node: N) -> N:
        """Add a node a row declares (its ``sources`` are that row's); returns the batch's
        node: a second declaration of the same id only adds its rows to the first."""
        self._declared.add(node.id)
        return self.add(node)

    def refer(self, node: N, sources: Sequence[str]) -> N:
        """The batch's node for a node a row names, listing that row (see ``cite_declared``).

        ``node`` may be the batch's own node or one to add when the batch lacks it (a copy
        is added: templates such as registry actors stay untouched).
        """
        existing = self.batch.nodes.get(node.id)
        if existing is None or _replaces(node, existing):
            return self.add(node.model_copy(update={"sources": list(sources)}, deep=True))
        if self.cite_declared or node.id not in self._declared:
            self.cite(existing, sources)
        return cast(N, existing)

    def add(self, node: N) -> N:
        """Add a node, or merge its sources into the batch's node of the same id."""
        existing = self.batch.nodes.get(node.id)
        if existing is not None and not _replaces(node, existing):
            if node is not existing:  # re-citing a node's own sources was quadratic in rows
                self.cite(existing, node.sources)
            return cast(N, existing)
        self._seen.pop(node.id, None)  # a replaced node's sources are merged by the batch
        return cast(N, self.batch.add_node(node))

    def cite(self, node: Node, sources: Sequence[str]) -> None:
        """Add ``sources`` to a node of the batch, each once, in the order first seen."""
        seen = self._seen.get(node.id)
        if seen is None:
            seen = self._seen[node.id] = set(node.sources)
        for source in sources:
            if source not in seen:
                seen.add(source)
                node.sources.append(source)

    # -- relationships ---------------------------------------------------------------------

    def rel(
        self, kind: RelType, source: Node, target: Node, sources: Sequence[str], *,
        printed: Sequence[str] | None = None, derived: str | None = None, **props: Any
    ) -> Rel:
        """Add a relationship between two nodes; one already there gains the rows.

        ``sources`` are the rows the fact applies to; ``printed`` the rows whose cells print
        it, when not those (a merged cell filled down: printed once, applying to the rows
        below). The relationship's ``printed`` lists every printing row of every sighting,
        and stays None while they are exactly its ``sources``, so that the usual fact, read
        where it is printed, carries nothing extra. ``derived`` names the rule that made a
        fact no cell states; a relationship some sighting does state is not derived.
        """
        new = Rel(
            type=kind, source=source.id, target=target.id, source_label=source.label,
            target_label=target.label, sources=list(sources), derived=derived, **props,
        )
        ident = (new.source, new.target, new.key)
        existing = self.batch.rels.get(ident)
        before = list(existing.sources) if existing is not None else []
        rel = self.batch.add_rel(new)
        if existing is not None and derived is None:
            rel.derived = None  # stated by this sighting
        tracked = self._printed.get(ident)
        if tracked is None:
            if printed is None or set(printed) == set(sources):
                return rel  # printed where it applies, as every sighting before
            # Every earlier sighting was printed where it applies: its rows print it.
            tracked = self._printed[ident] = dict.fromkeys(before)
        tracked.update(dict.fromkeys(sources if printed is None else printed))
        rel.printed = list(tracked) if set(tracked) != set(rel.sources) else None
        return rel


def _replaces(new: Node, old: Node) -> bool:
    """:meth:`GraphBatch.add_node`'s one exception to "the first sighting wins": a declared
    actor replaces one that was only created from a reference."""
    return bool(getattr(old, "auto", False)) and not getattr(new, "auto", False)
