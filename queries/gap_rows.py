"""networkx twins of the ``gap_*`` Cypher queries: the same rows, computed on a snapshot.

Each function here is named in the ``twin:`` line of ``queries/builtin/gap_<name>.cypher``
and must return exactly the rows that query returns on Neo4j (same columns, same values,
lists sorted the same way), so the parity test can compare them. Definitions both sides
share (see docs/gaps.md):

- An action's **eje** is the axis it is UNDER whose name is the action's own ``eje`` field
  (the eje column of its table); the objective it may also be UNDER is not its eje.
- An action is **in scope** when ``eje`` is null or the action is UNDER that axis or one of
  its descendants, and ``territorio`` is null or the action TARGETS that territory or one
  inside it. Filters restrict actions only; RELATES ties carry no eje or territory, so they
  count only when no filter is given.
- Two actors are **tied** (actor network) when they take part (LEADS or ARTICULATES) in
  the same action or are joined by a RELATES tie in either direction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

PARTICIPATION = ("LEADS", "ARTICULATES")
STALLED = ("suspendida", "no_iniciada")
#: An eje needs this many actions before one actor leading half of them is a critical point.
MIN_EJE_ACTIONS = 3

Row = dict[str, Any]


@dataclass
class GraphIndex:
    """The snapshot's adjacency by relationship type, built once per twin call (linear)."""

    graph: nx.MultiDiGraph
    actions: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    leads: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    articulates: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: actor -> actions it leads or articulates
    takes_part: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: (actor, action) -> sources of its LEADS/ARTICULATES relationships
    part_sources: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    lead_sources: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    under: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    targets: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    uses: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    parents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: actor -> RELATES neighbours (either direction) and (a, b) sorted pair -> tie sources
    relates: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    relates_sources: dict[tuple[str, str], set[str]] = field(
        default_factory=lambda: defaultdict(set))
    _up: dict[str, frozenset[str]] = field(default_factory=dict)
    _co: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, graph: nx.MultiDiGraph) -> GraphIndex:
        """The index of ``graph``: the one :func:`shared_index` holds for it, else a new one."""
        shared = _SHARED.get(id(graph))
        if shared is not None and shared.graph is graph:
            return shared
        ix = cls(graph)
        for node, label in graph.nodes(data="label"):
            if label == "Action":
                ix.actions.append(node)
            elif label == "Actor":
                ix.actors.append(node)
        for source, target, attrs in graph.edges(data=True):
            rtype = attrs.get("type")
            sources = attrs.get("sources") or []
            if rtype in PARTICIPATION:
                (ix.leads if rtype == "LEADS" else ix.articulates)[target].add(source)
                ix.takes_part[source].add(target)
                ix.part_sources[(source, target)].update(sources)
                if rtype == "LEADS":
                    ix.lead_sources[(source, target)].update(sources)
            elif rtype == "UNDER":
                ix.under[source].add(target)
            elif rtype == "TARGETS":
                ix.targets[source].add(target)
            elif rtype == "USES":
                ix.uses[source].add(target)
            elif rtype == "PART_OF":
                ix.parents[source].add(target)
            elif rtype == "RELATES" and source != target:
                ix.relates[source].add(target)
                ix.relates[target].add(source)
                ix.relates_sources[_pair(source, target)].update(sources)
        ix.actions.sort()
        ix.actors.sort()
        return ix

    def attr(self, node: str, name: str) -> Any:
        return self.graph._node[node].get(name)  # the node's attribute dict, no view object

    def up(self, node: str) -> frozenset[str]:
        """The node and everything it is PART_OF, transitively (cycle-safe)."""
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

    def ejes(self, action: str) -> set[str]:
        """The axes the action is UNDER named by its ``eje`` field (normally one)."""
        name = self.attr(action, "eje")
        return {a for a in self.under.get(action, ()) if name and self.attr(a, "name") == name}

    def in_scope(self, action: str, eje: str | None, territorio: str | None) -> bool:
        if eje is not None and not any(eje in self.up(a) for a in self.under.get(action, ())):
            return False
        return territorio is None or any(
            territorio in self.up(t) for t in self.targets.get(action, ()))

    def participants(self, action: str) -> set[str]:
        return self.leads.get(action, set()) | self.articulates.get(action, set())

    def co_participants(self, actor: str) -> set[str]:
        """Actors sharing at least one action with ``actor`` (itself excluded; memoized)."""
        cached = self._co.get(actor)
        if cached is None:
            cached = set()
            for action in self.takes_part.get(actor, ()):
                cached |= self.participants(action)
            cached.discard(actor)
            self._co[actor] = cached
        return cached

    def tied(self, a: str, b: str) -> bool:
        """Whether two actors share an action or a RELATES tie."""
        return b in self.co_participants(a) or b in self.relates.get(a, ())

    def sources(self, node: str) -> list[str]:
        return sorted(set(self.attr(node, "sources") or []))

    def ref(self, node: str) -> dict[str, str]:
        return {"id": node, "nombre": self.attr(node, "name")}


_SHARED: dict[int, GraphIndex] = {}


@contextmanager
def shared_index(ix: GraphIndex) -> Iterator[GraphIndex]:
    """Within the block, every twin called on ``ix.graph`` reuses ``ix`` instead of
    building its own index (the report runs a dozen twins on one snapshot). The caller
    promises that the graph has not changed since ``ix`` was built; twins only read it."""
    _SHARED[id(ix.graph)] = ix
    try:
        yield ix
    finally:
        _SHARED.pop(id(ix.graph), None)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _names(ix: GraphIndex, nodes: Iterable[str]) -> list[str]:
    return sorted({ix.attr(n, "name") for n in nodes} - {None})


def _refs(ix: GraphIndex, nodes: Iterable[str]) -> list[dict[str, str]]:
    return [ix.ref(n) for n in sorted(set(nodes))]


def _action_row(ix: GraphIndex, action: str) -> Row:
    return {
        "action_id": action,
        "titulo": ix.attr(action, "titulo"),
        "estado": ix.attr(action, "estado"),
        "eje": ix.attr(action, "eje"),
    }


def _scoped(ix: GraphIndex, eje: str | None, territorio: str | None) -> list[str]:
    return [a for a in ix.actions if ix.in_scope(a, eje, territorio)]


def sin_rector(graph: nx.MultiDiGraph, eje: str | None = None,
               territorio: str | None = None) -> list[Row]:
    """Actions with no LEADS."""
    ix = GraphIndex.of(graph)
    return [
        {**_action_row(ix, a), "articuladores": len(ix.articulates.get(a, ())),
         "sources": ix.sources(a)}
        for a in _scoped(ix, eje, territorio) if not ix.leads.get(a)
    ]


def sin_articuladores(graph: nx.MultiDiGraph, eje: str | None = None,
                      territorio: str | None = None) -> list[Row]:
    """Actions with a lead and no articulator other than their own leads."""
    ix = GraphIndex.of(graph)
    return [
        {**_action_row(ix, a), "rectores": _names(ix, ix.leads[a]), "sources": ix.sources(a)}
        for a in _scoped(ix, eje, territorio)
        if ix.leads.get(a) and not (ix.articulates.get(a, set()) - ix.leads[a])
    ]


def sin_mecanismo(graph: nx.MultiDiGraph, eje: str | None = None,
                  territorio: str | None = None) -> list[Row]:
    """Actions with at least one actor and no USES of a mechanism."""
    ix = GraphIndex.of(graph)
    return [
        {**_action_row(ix, a), "actores": len(ix.participants(a)), "sources": ix.sources(a)}
        for a in _scoped(ix, eje, territorio) if ix.participants(a) and not ix.uses.get(a)
    ]


def estancada(graph: nx.MultiDiGraph, eje: str | None = None,
              territorio: str | None = None) -> list[Row]:
    """Actions whose estado is suspendida or no_iniciada."""
    ix = GraphIndex.of(graph)
    return [
        {**_action_row(ix, a), "rectores": _names(ix, ix.leads.get(a, ())),
         "sources": ix.sources(a)}
        for a in _scoped(ix, eje, territorio) if ix.attr(a, "estado") in STALLED
    ]


def _members(ix: GraphIndex, eje: str | None,
             territorio: str | None) -> dict[tuple[str, str], dict[str, set[str]]]:
    """(eje, territory) context -> actor -> sources of its participations there (the join)."""
    members: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for action in _scoped(ix, eje, None):
        territories = [t for t in ix.targets.get(action, ())
                       if territorio is None or territorio in ix.up(t)]
        for axis in ix.ejes(action):
            for territory in territories:
                for actor in ix.participants(action):
                    members[(axis, territory)][actor] |= ix.part_sources[(actor, action)]
    return members


def contextos(graph: nx.MultiDiGraph, eje: str | None = None,
              territorio: str | None = None) -> list[Row]:
    """One row per (context, actor) with the sources of the actor's participations there."""
    ix = GraphIndex.of(graph)
    return [
        {"eje_id": axis, "territorio_id": territory, "actor_id": actor,
         "sources": sorted(sources)}
        for (axis, territory), actors in sorted(_members(ix, eje, territorio).items())
        for actor, sources in sorted(actors.items())
    ]


def coordinacion_faltante(graph: nx.MultiDiGraph, eje: str | None = None,
                          territorio: str | None = None) -> list[Row]:
    """Actor pairs active in the same (eje, territory) context who share no action and no tie.

    Actors are grouped by context first (a hash join on (eje, territory)); pairs are formed
    only inside a context, so the work is the sum of squared context sizes, never all
    pairs of actors.
    """
    ix = GraphIndex.of(graph)
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for context, actors in _members(ix, eje, territorio).items():
        ordered = sorted(actors)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1:]:
                pairs[(first, second)].append(context)
    return [
        {"actor_a": first, "nombre_a": ix.attr(first, "name"),
         "actor_b": second, "nombre_b": ix.attr(second, "name"),
         "contextos": [{"eje_id": e, "eje": ix.attr(e, "name"),
                        "territorio_id": t, "territorio": ix.attr(t, "name")}
                       for e, t in sorted(contexts)]}
        for (first, second), contexts in sorted(pairs.items())
        if not ix.tied(first, second)
    ]


def silo(graph: nx.MultiDiGraph, eje: str | None = None,
         territorio: str | None = None) -> list[Row]:
    """Per actor with a known ``interno``: its neighbours split by the same/other ``interno``.

    Rows for every such actor with at least one neighbour; the E–I index and the silo test
    are computed from them in Python (tejido.queries.gap_kinds), identically for both stores.
    """
    ix = GraphIndex.of(graph)
    unfiltered = eje is None and territorio is None
    scoped = set(_scoped(ix, eje, territorio))
    rows = []
    for actor in ix.actors:
        interno = ix.attr(actor, "interno")
        if interno is None:
            continue
        neighbours: set[str] = set()
        sources: set[str] = set()
        for action in ix.takes_part.get(actor, set()) & scoped:
            others = ix.participants(action) - {actor}
            if others:
                neighbours |= others
                sources |= ix.part_sources[(actor, action)]
        if unfiltered:
            for other in ix.relates.get(actor, set()) - {actor}:
                neighbours.add(other)
                sources |= ix.relates_sources[_pair(actor, other)]
        if not neighbours:
            continue
        known = [n for n in neighbours if ix.attr(n, "interno") is not None]
        rows.append({
            "actor_id": actor, "nombre": ix.attr(actor, "name"), "interno": interno,
            "internos": _refs(ix, (n for n in known if ix.attr(n, "interno") == interno)),
            "externos": _refs(ix, (n for n in known if ix.attr(n, "interno") != interno)),
            "sin_dato": len(neighbours) - len(known),
            "sources": sorted(sources),
        })
    return rows


def _eje_actions(ix: GraphIndex, eje: str | None, territorio: str | None) -> dict[str, list[str]]:
    """Eje -> its in-scope actions (sorted)."""
    by_eje: dict[str, list[str]] = defaultdict(list)
    for action in _scoped(ix, eje, territorio):
        for axis in ix.ejes(action):
            by_eje[axis].append(action)
    return by_eje


def ei_por_eje(graph: nx.MultiDiGraph, eje: str | None = None,
               territorio: str | None = None) -> list[Row]:
    """Per eje: actors, ties (actor pairs sharing one of its actions), internal/external ties."""
    ix = GraphIndex.of(graph)
    rows = []
    for axis, actions in sorted(_eje_actions(ix, eje, territorio).items()):
        actors: set[str] = set()
        ties: set[tuple[str, str]] = set()
        for action in actions:
            people = sorted(ix.participants(action))
            actors.update(people)
            ties.update((x, y) for i, x in enumerate(people) for y in people[i + 1:])
        flags = [(ix.attr(x, "interno"), ix.attr(y, "interno")) for x, y in ties]
        rows.append({
            "eje_id": axis, "eje": ix.attr(axis, "name"), "actores": len(actors),
            "lazos": len(ties),
            "internos": sum(1 for f, g in flags if f is not None and g is not None and f == g),
            "externos": sum(1 for f, g in flags if f is not None and g is not None and f != g),
        })
    return rows


def punto_critico(graph: nx.MultiDiGraph, eje: str | None = None,
                  territorio: str | None = None) -> list[Row]:
    """The actor network as edge rows (the projection articulation points are computed on)."""
    ix = GraphIndex.of(graph)
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for action in _scoped(ix, eje, territorio):
        people = sorted(ix.participants(action))
        for i, first in enumerate(people):
            for second in people[i + 1:]:
                edges[(first, second)] |= (ix.part_sources[(first, action)]
                                           | ix.part_sources[(second, action)])
    if eje is None and territorio is None:
        for pair, sources in ix.relates_sources.items():
            edges[pair] |= sources
    return [
        {"actor_a": a, "nombre_a": ix.attr(a, "name"), "actor_b": b,
         "nombre_b": ix.attr(b, "name"), "sources": sorted(sources)}
        for (a, b), sources in sorted(edges.items())
    ]


def punto_critico_rector(graph: nx.MultiDiGraph, eje: str | None = None,
                         territorio: str | None = None) -> list[Row]:
    """(eje, actor) where the actor leads at least half of an eje's ≥3 in-scope actions."""
    ix = GraphIndex.of(graph)
    rows = []
    for axis, actions in sorted(_eje_actions(ix, eje, territorio).items()):
        if len(actions) < MIN_EJE_ACTIONS:
            continue
        led: dict[str, list[str]] = defaultdict(list)
        for action in actions:
            for actor in ix.leads.get(action, ()):
                led[actor].append(action)
        for actor, mine in sorted(led.items()):
            if 2 * len(mine) >= len(actions):
                rows.append({
                    "eje_id": axis, "eje": ix.attr(axis, "name"), "actor_id": actor,
                    "nombre": ix.attr(actor, "name"), "lidera": len(mine),
                    "acciones": len(actions),
                    "sources": sorted(set().union(*(ix.lead_sources[(actor, a)] for a in mine))),
                })
    return rows


def _documents(ix: GraphIndex, action: str) -> set[str]:
    docs = set()
    for source in ix.attr(action, "sources") or []:
        if source in ix.graph and ix.attr(source, "label") == "Source":
            docs.add(ix.attr(source, "document"))
    return docs


def territorio_desatendido(graph: nx.MultiDiGraph, eje: str | None = None,
                           territorio: str | None = None) -> list[Row]:
    """(eje, territory) pairs no action of the eje reaches, while the eje acts elsewhere.

    Candidate territories of an eje are those targeted by any action of the same source
    documents (a planning instrument's own territorial frame; TODOS is already expanded to
    every territory of its dataset). A territory counts as reached when an action of the eje
    targets it, a territory containing it, or one inside it.
    """
    ix = GraphIndex.of(graph)
    by_doc: dict[str, set[str]] = defaultdict(set)
    for action in ix.actions:
        if ix.targets.get(action):
            for doc in _documents(ix, action):
                by_doc[doc] |= ix.targets[action]
    rows = []
    for axis, actions in sorted(_eje_actions(ix, eje, None).items()):
        acts = [a for a in actions if ix.targets.get(a)]
        if not acts:
            continue
        docs = set().union(*(_documents(ix, a) for a in acts))
        universe = set().union(*(by_doc[d] for d in docs)) if docs else set()
        covered = set().union(*(ix.targets[a] for a in acts))
        # Everything containing a covered territory, gathered once: "terr contains a
        # covered one" becomes one lookup instead of a pass over the covered territories.
        around = set().union(*(ix.up(c) for c in covered))
        sources = sorted(set().union(*(set(ix.attr(a, "sources") or []) for a in acts)))
        for terr in sorted(universe):
            if territorio is not None and territorio not in ix.up(terr):
                continue
            if ix.up(terr) & covered or terr in around:
                continue
            rows.append({
                "eje_id": axis, "eje": ix.attr(axis, "name"), "territorio_id": terr,
                "territorio": ix.attr(terr, "name"), "acciones_eje": len(acts),
                "cubiertos": len(covered), "universo": len(universe), "sources": sources,
            })
    return rows


def iniciativa_duplicada(graph: nx.MultiDiGraph, eje: str | None = None,
                         territorio: str | None = None) -> list[Row]:
    """Every action with what duplicate detection needs (the fuzzy match runs in Python)."""
    ix = GraphIndex.of(graph)
    return [
        {
            "action_id": a, "titulo": ix.attr(a, "titulo"),
            "objetivos": _refs(ix, ix.under.get(a, ())),
            "rectores": _refs(ix, ix.leads.get(a, ())),
            "en_alcance": ix.in_scope(a, eje, territorio),
            "sources": ix.sources(a),
        }
        for a in ix.actions
    ]


def responsables(graph: nx.MultiDiGraph) -> list[Row]:
    """Actors an axis names in its ``responsables`` list, with those axes' names."""
    named: dict[str, set[str]] = defaultdict(set)
    for _, attrs in graph.nodes(data=True):
        if attrs.get("label") != "Axis":
            continue
        for actor in attrs.get("responsables") or []:
            if actor in graph and graph.nodes[actor].get("label") == "Actor":
                named[actor].update([attrs["name"]] if attrs.get("name") else [])
    return [
        {"actor_id": actor, "nombre": graph.nodes[actor].get("name"),
         "interno": graph.nodes[actor].get("interno"), "notas": graph.nodes[actor].get("notas"),
         "responsable_de": sorted(axes)}
        for actor, axes in sorted(named.items())
    ]
