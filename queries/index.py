"""The one read model of a snapshot: its relationships by type, built in one linear pass.

Every twin of a built-in query and every map reads the graph through a
:class:`NetworkIndex`, so "an action's eje", "in scope", "takes part" and "tied" mean the
same thing in the gap report, the centrality table and the maps (docs/gaps.md):

- An action's **eje** (:meth:`NetworkIndex.ejes`) is the axis it is UNDER whose name is the
  action's own ``eje`` field (the eje column of its table); the objective it may also be
  UNDER is not its eje. Its **root axes** (:meth:`NetworkIndex.root_axes`) are the tops of
  the hierarchies above every axis it is UNDER (what a map groups by).
- An action is **in scope** when ``eje`` is null or the action is UNDER that axis or one of
  its descendants, and ``territorio`` is null or the action TARGETS that territory or one
  inside it.
- Two actors are **tied** when they take part (LEADS or ARTICULATES) in the same action or
  are joined by a RELATES tie in either direction.

An index never changes the graph; it is valid as long as the graph does not change. The
embedded store keeps one per state of its graph (:meth:`NetworkIndex.of` with its memo).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from tejido.graph.model import RelType

#: The relationships by which an actor takes part in an action.
PARTICIPATION = (RelType.LEADS, RelType.ARTICULATES)
_MEMO_KEY = "network_index"


def _sets() -> defaultdict[str, set[str]]:
    return defaultdict(set)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


class NetworkIndex:
    """Adjacency of a snapshot by relationship type, with the few derived questions every
    analysis and map asks (memoized)."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.actions: list[str] = []
        self.actors: list[str] = []
        self.leads = _sets()          # action -> actors leading it
        self.articulates = _sets()    # action -> actors articulating it
        self.takes_part = _sets()     # actor -> actions it leads or articulates
        self.under = _sets()          # action -> axes
        self.targets = _sets()        # action -> territories
        self.uses = _sets()           # action -> mechanisms
        self.parents = _sets()        # PART_OF: node -> containers
        self.relates = _sets()        # actor -> RELATES neighbours, either direction
        self.responsible_for = _sets()  # actor -> axes a document names it responsible for
        self.convenes = _sets()       # actor -> mechanisms it convenes
        #: (actor, action) -> sources of its LEADS/ARTICULATES relationships
        self.part_sources: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
        self.lead_sources: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
        #: sorted actor pair -> sources of their RELATES ties
        self.relates_sources: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
        #: The same three for the rows that print those relationships where that is not
        #: the rows they apply to (``printed``: a merged cell filled down); only the keys
        #: that have some, so read them with ``.get(key, ())``.
        self.part_printed: dict[tuple[str, str], set[str]] = {}
        self.lead_printed: dict[tuple[str, str], set[str]] = {}
        self.relates_printed: dict[tuple[str, str], set[str]] = {}
        #: every RELATES tie between two distinct actors, in the snapshot's edge order:
        #: (origin, destination, its attributes: tipo, peso, …)
        self.ties: list[tuple[str, str, dict[str, Any]]] = []
        #: every SUCCEEDS relationship, (successor, predecessor) in the snapshot's edge order
        self.succeeds: list[tuple[str, str]] = []
        #: every relationship a rule derived (``derived`` set), in the snapshot's edge
        #: order: (origin, destination, its attributes)
        self.derived: list[tuple[str, str, dict[str, Any]]] = []
        self._derived_keys: set[tuple[str, str, str]] = set()
        self._up: dict[str, frozenset[str]] = {}
        self._co: dict[str, set[str]] = {}
        # Every twin asks an action's participants and eje, several times each: a
        # 40 000-action gap report built 1.3 million participant sets afresh.
        self._participants: dict[str, frozenset[str]] = {}
        self._ejes: dict[str, frozenset[str]] = {}
        # Nearly every action has one eje: one frozenset per distinct set, shared (a
        # national portfolio would hold 200 000 copies of a few dozen sets).
        self._eje_sets: dict[frozenset[str], frozenset[str]] = {}
        self._successions: dict[str, set[str]] | None = None
        self._build()

    @classmethod
    def of(cls, graph: nx.MultiDiGraph, memo: dict[str, Any] | None = None) -> NetworkIndex:
        """The index of ``graph``; with a store's ``memo`` (valid while the graph does not
        change), built once and shared by every twin that runs on it."""
        if memo is None:
            return cls(graph)
        index = memo.get(_MEMO_KEY)
        if index is None:
            index = memo[_MEMO_KEY] = cls(graph)
        return index

    def _build(self) -> None:
        for node, label in self.graph.nodes(data="label"):
            if label == "Action":
                self.actions.append(node)
            elif label == "Actor":
                self.actors.append(node)
        by_source = {RelType.UNDER: self.under, RelType.TARGETS: self.targets,
                     RelType.USES: self.uses, RelType.PART_OF: self.parents,
                     RelType.RESPONSIBLE_FOR: self.responsible_for,
                     RelType.CONVENES: self.convenes}
        for source, target, attrs in self.graph.edges(data=True):
            rtype = attrs.get("type")
            sources = attrs.get("sources") or []
            # Recorded here so that no twin walks every edge again for these few (a walk
            # is ~0.4 s at 40 000 actions, and five twins each made one).
            if attrs.get("derived") is not None:
                self.derived.append((source, target, attrs))
                self._derived_keys.add((source, target, rtype))
            printed = attrs.get("printed")
            if rtype in PARTICIPATION:
                lead = rtype == RelType.LEADS
                (self.leads if lead else self.articulates)[target].add(source)
                self.takes_part[source].add(target)
                self.part_sources[(source, target)].update(sources)
                if lead:
                    self.lead_sources[(source, target)].update(sources)
                if printed:
                    self.part_printed.setdefault((source, target), set()).update(printed)
                    if lead:
                        self.lead_printed.setdefault((source, target), set()).update(printed)
            elif rtype in by_source:
                by_source[RelType(rtype)][source].add(target)
            elif rtype == RelType.SUCCEEDS:
                self.succeeds.append((source, target))
            elif rtype == RelType.RELATES and source != target:
                self.relates[source].add(target)
                self.relates[target].add(source)
                self.relates_sources[_pair(source, target)].update(sources)
                if printed:
                    self.relates_printed.setdefault(_pair(source, target), set()).update(printed)
                self.ties.append((source, target, attrs))
        self.actions.sort()
        self.actors.sort()

    def stated(self, source: str, target: str, rtype: RelType) -> bool:
        """Whether the ``rtype`` relationship from ``source`` to ``target`` (one that
        exists) was stated by a source rather than derived by a rule."""
        return not self._derived_keys or (source, target, rtype) not in self._derived_keys

    # --- nodes --------------------------------------------------------------------------

    def attr(self, node: str, name: str) -> Any:
        return self.graph._node[node].get(name)  # the node's attribute dict, no view object

    def label(self, node: str) -> str | None:
        return self.attr(node, "label")

    def sources(self, node: str) -> list[str]:
        return sorted(set(self.attr(node, "sources") or []))

    def ref(self, node: str) -> dict[str, str]:
        return {"id": node, "nombre": self.attr(node, "name")}

    def nodes_of(self, label: str) -> list[str]:
        """Every node of ``label``, sorted."""
        return sorted(n for n, lab in self.graph.nodes(data="label") if lab == label)

    # --- hierarchy ----------------------------------------------------------------------

    def up(self, node: str) -> frozenset[str]:
        """The node and everything it is PART_OF, transitively (cycle-safe, memoized)."""
        cached = self._up.get(node)
        if cached is None:
            seen = {node}
            stack = [node]
            while stack:
                for parent in self.parents.get(stack.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        stack.append(parent)
            cached = self._up[node] = frozenset(seen)
        return cached

    def roots(self, node: str) -> set[str]:
        """The tops of the hierarchies above ``node`` (an objective's eje)."""
        return {n for n in self.up(node) if not self.parents.get(n)}

    # --- actions ------------------------------------------------------------------------

    def ejes(self, action: str) -> frozenset[str]:
        """The axes the action is UNDER named by its ``eje`` field (normally one;
        memoized)."""
        found = self._ejes.get(action)
        if found is None:
            name = self.attr(action, "eje")
            found = frozenset(
                a for a in self.under.get(action, ()) if name and self.attr(a, "name") == name)
            found = self._ejes[action] = self._eje_sets.setdefault(found, found)
        return found

    def root_axes(self, action: str) -> set[str]:
        """The root axes above every axis the action is UNDER (what a map groups by)."""
        return {root for axis in self.under.get(action, ()) for root in self.roots(axis)}

    def in_scope(self, action: str, eje: str | None, territorio: str | None) -> bool:
        if eje is not None and not any(eje in self.up(a) for a in self.under.get(action, ())):
            return False
        return territorio is None or any(
            territorio in self.up(t) for t in self.targets.get(action, ()))

    def scoped(self, eje: str | None, territorio: str | None) -> list[str]:
        """The in-scope actions, sorted."""
        return [a for a in self.actions if self.in_scope(a, eje, territorio)]

    def participants(self, action: str) -> frozenset[str]:
        """The actors leading or articulating the action (memoized)."""
        found = self._participants.get(action)
        if found is None:
            found = self._participants[action] = frozenset().union(
                self.leads.get(action, ()), self.articulates.get(action, ()))
        return found

    # --- actors -------------------------------------------------------------------------

    def co_participants(self, actor: str) -> set[str]:
        """Actors sharing at least one action with ``actor`` (itself excluded; memoized)."""
        cached = self._co.get(actor)
        if cached is None:
            cached = self._co[actor] = self.sharing_an_action(actor)
        return cached

    def sharing_an_action(self, actor: str) -> set[str]:
        """:meth:`co_participants` without the memo, for a sweep that asks once per actor
        (the memo would hold a set per actor of a national portfolio)."""
        out: set[str] = set()
        for action in self.takes_part.get(actor, ()):
            out |= self.participants(action)
        out.discard(actor)
        return out

    def successions(self) -> dict[str, set[str]]:
        """Actor -> the other actors SUCCEEDS joins it to, in either direction: a renamed
        institution and its predecessor are one institution (memoized; read-only)."""
        if self._successions is None:
            joined: dict[str, set[str]] = defaultdict(set)
            for a, b in self.succeeds:
                if a != b and self.label(a) == self.label(b) == "Actor":
                    joined[a].add(b)
                    joined[b].add(a)
            self._successions = dict(joined)
        return self._successions

    def tied(self, a: str, b: str) -> bool:
        """Whether two actors share an action or a RELATES tie."""
        return b in self.co_participants(a) or b in self.relates.get(a, ())

    def names(self, nodes: Iterable[str]) -> list[str]:
        return sorted({self.attr(n, "name") for n in nodes} - {None})

    def refs(self, nodes: Iterable[str]) -> list[dict[str, str]]:
        return [self.ref(n) for n in sorted(set(nodes))]
