"""What a map shows: the graph of one view, narrowed to an eje, a territory or an actor.

Two views: ``actores`` (the actor network of :mod:`tejido.queries.network`) and
``completo`` (actors, actions, territories, mechanisms and axes as stored; Source nodes are
provenance, shown in the side panel, not drawn). Scope follows the gap report's
definitions (docs/gaps.md) so a map per eje shows what the gap report per eje talks
about: an action is in scope when it is UNDER the eje or an axis inside it and TARGETS
the territory or a territory inside it; RELATES ties carry no eje or territory, so they
are drawn only when no eje/territory filter is given.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
from rapidfuzz import fuzz, process

from tejido.graph.errors import InputError
from tejido.graph.i18n import t
from tejido.graph.model import fold
from tejido.queries.network import actor_network

VIEWS = ("actores", "completo")
#: Labels drawn in the full view (Source nodes are provenance, not network).
DRAWN_LABELS = ("Actor", "Action", "Territory", "Mechanism", "Axis")
PARTICIPATION = ("LEADS", "ARTICULATES")


class GraphIndex:
    """The snapshot's relationships by type, built in one pass over the edges."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.actions = sorted(n for n, lab in graph.nodes(data="label") if lab == "Action")
        self.leads: dict[str, set[str]] = defaultdict(set)        # action -> actors
        self.articulates: dict[str, set[str]] = defaultdict(set)  # action -> actors
        self.takes_part: dict[str, set[str]] = defaultdict(set)   # actor -> actions
        self.under: dict[str, set[str]] = defaultdict(set)        # action -> axes
        self.targets: dict[str, set[str]] = defaultdict(set)      # action -> territories
        self.uses: dict[str, set[str]] = defaultdict(set)         # action -> mechanisms
        self.parents: dict[str, set[str]] = defaultdict(set)      # PART_OF
        by_type = {"LEADS": self.leads, "ARTICULATES": self.articulates, "UNDER": self.under,
                   "TARGETS": self.targets, "USES": self.uses}
        for source, target, rtype in graph.edges(data="type"):
            if rtype in PARTICIPATION:
                by_type[rtype][target].add(source)
                self.takes_part[source].add(target)
            elif rtype in by_type:
                by_type[rtype][source].add(target)
            elif rtype == "PART_OF":
                self.parents[source].add(target)
        self._up: dict[str, frozenset[str]] = {}

    def attr(self, node: str, name: str) -> object:
        return self.graph.nodes[node].get(name)

    def up(self, node: str) -> frozenset[str]:
        """The node and everything it is PART_OF, transitively (cycle-safe, cached)."""
        cached = self._up.get(node)
        if cached is None:
            seen, stack = {node}, [node]
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

    def ejes(self, action: str) -> set[str]:
        """The root axes an action sits under."""
        return {root for axis in self.under.get(action, ()) for root in self.roots(axis)}

    def eje_names(self, action: str) -> list[str]:
        return sorted(node_name(self.graph.nodes[e]) for e in self.ejes(action))

    def in_scope(self, action: str, eje: str | None, territorio: str | None) -> bool:
        if eje is not None and not any(eje in self.up(a) for a in self.under.get(action, ())):
            return False
        return territorio is None or any(
            territorio in self.up(x) for x in self.targets.get(action, ()))

    def participants(self, action: str) -> set[str]:
        return self.leads.get(action, set()) | self.articulates.get(action, set())

    def sources(self, node: str) -> list[str]:
        return sorted(set(self.graph.nodes[node].get("sources") or []))


@dataclass
class Scope:
    """Resolved filters: node ids, plus the names the user typed (for titles)."""

    eje: str | None = None
    territorio: str | None = None
    actor: str | None = None
    depth: int = 1
    names: dict[str, str] = field(default_factory=dict)


@dataclass
class View:
    """The graph to draw. Node attributes are the stored ones plus ``label``."""

    name: str
    graph: nx.Graph
    scope: Scope
    index: GraphIndex


def node_name(attrs: dict) -> str:
    return str(attrs.get("name") or attrs.get("titulo") or "")


def resolve_scope(ix: GraphIndex, eje: str | None, territorio: str | None,
                  actor: str | None, depth: int) -> Scope:
    """Turn what the user typed into node ids, or raise InputError with close names."""
    scope = Scope(depth=depth)
    if eje is not None:
        scope.eje = _resolve(ix, eje, "Axis", "--eje", "map.what.eje")
        scope.names["eje"] = node_name(ix.graph.nodes[scope.eje])
    if territorio is not None:
        scope.territorio = _resolve(ix, territorio, "Territory", "--territorio",
                                    "map.what.territorio")
        scope.names["territorio"] = node_name(ix.graph.nodes[scope.territorio])
    if actor is not None:
        scope.actor = _resolve(ix, actor, "Actor", "--actor", "map.what.actor")
        scope.names["actor"] = node_name(ix.graph.nodes[scope.actor])
    return scope


def _resolve(ix: GraphIndex, value: str, label: str, option: str, what: str) -> str:
    """The node of ``label`` whose id, name, code or acronym is ``value`` (folded).

    Several matches (an eje and an objective with the same name): the root of a
    hierarchy wins, then the lowest id, so the choice never depends on load order.
    """
    graph = ix.graph
    candidates = sorted(n for n, lab in graph.nodes(data="label") if lab == label)
    if value in candidates:
        return value
    key = fold(value)
    matches = []
    for node in candidates:
        attrs = graph.nodes[node]
        keys = [attrs.get("name"), attrs.get("codigo"), *(attrs.get("siglas") or [])]
        if key in {fold(str(k)) for k in keys if k}:
            matches.append(node)
    if matches:
        return min(matches, key=lambda n: (bool(ix.parents.get(n)), n))
    names = sorted({node_name(graph.nodes[n]) for n in candidates})
    close = process.extract(value, names, scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    hint = t("map.hint", names=", ".join(name for name, _, _ in close)) if close else ""
    raise InputError(t("map.unknown", option=option, what=t(what), value=value, hint=hint))


def build_view(snapshot: nx.MultiDiGraph, name: str, eje: str | None = None,
               territorio: str | None = None, actor: str | None = None,
               depth: int = 1, network: nx.Graph | None = None) -> View:
    """The view ``name`` of ``snapshot`` within the given scope.

    ``network`` is the actor network of the whole snapshot when the caller has it
    already (it is reused for the unfiltered actor view).
    """
    if name not in VIEWS:
        raise ValueError(f"unknown view {name!r}")
    ix = GraphIndex(snapshot)
    scope = resolve_scope(ix, eje, territorio, actor, depth)
    filtered = scope.eje is not None or scope.territorio is not None
    actions = [a for a in ix.actions if ix.in_scope(a, scope.eje, scope.territorio)]
    if filtered and not actions:
        raise InputError(t("map.no_actions", eje=scope.names.get("eje", "—"),
                           territorio=scope.names.get("territorio", "—")))
    if name == "actores":
        if filtered:
            graph = actor_network(_participation_graph(snapshot, ix, actions))
        else:
            graph = network if network is not None else actor_network(snapshot)
    else:
        graph = _full_graph(snapshot, ix, actions if filtered else None)
    if scope.actor is not None:
        if scope.actor not in graph:
            raise InputError(t("map.actor_outside", name=scope.names["actor"]))
        graph = nx.ego_graph(graph, scope.actor, radius=depth, undirected=True)
    return View(name=name, graph=graph, scope=scope, index=ix)


def _participation_graph(snapshot: nx.MultiDiGraph, ix: GraphIndex,
                         actions: Iterable[str]) -> nx.MultiDiGraph:
    """Only the in-scope actions and who takes part in them (no RELATES ties)."""
    sub = nx.MultiDiGraph()
    for action in actions:
        sub.add_node(action, **snapshot.nodes[action])
        for rtype, actors in (("LEADS", ix.leads), ("ARTICULATES", ix.articulates)):
            for actor in actors.get(action, ()):
                if actor not in sub:
                    sub.add_node(actor, **snapshot.nodes[actor])
                sub.add_edge(actor, action, key=rtype, type=rtype)
    return sub


def _full_graph(snapshot: nx.MultiDiGraph, ix: GraphIndex,
                actions: list[str] | None) -> nx.MultiDiGraph:
    """Every drawn node (or the in-scope actions, their neighbours and those
    neighbours' parents) with the relationships among them."""
    if actions is None:
        keep = {n for n, lab in snapshot.nodes(data="label") if lab in DRAWN_LABELS}
    else:
        keep = set(actions)
        for action in actions:
            keep |= ix.participants(action) | ix.uses.get(action, set())
            for node in ix.under.get(action, set()) | ix.targets.get(action, set()):
                keep |= ix.up(node)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((n, snapshot.nodes[n]) for n in sorted(keep))
    for source, target, key, attrs in snapshot.edges(keys=True, data=True):
        if source in keep and target in keep:
            if actions is not None and attrs.get("type") == "RELATES":
                continue
            graph.add_edge(source, target, key=key, **attrs)
    return graph
