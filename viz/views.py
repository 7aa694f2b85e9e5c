"""What a map shows: the graph of one view, narrowed to an eje, a territory or an actor.

Two views: ``actores`` (the actor network of :mod:`tejido.queries.network`) and
``completo`` (actors, actions, territories, mechanisms and axes as stored; Source nodes are
provenance, shown in the side panel, not drawn). Scope follows the gap report's
definitions (docs/gaps.md) so a map per eje shows what the gap report per eje talks
about: an action is in scope when it is UNDER the eje or an axis inside it and TARGETS
the territory or a territory inside it; RELATES ties carry no eje or territory, so they
are drawn only when no eje/territory filter is given.

The snapshot is read through :class:`tejido.queries.index.NetworkIndex`, the same read
model the analyses use, so "in scope", "takes part" and "the ejes of an action" (its
root axes) cannot drift between a map and the gap report it illustrates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from rapidfuzz import fuzz, process

from tejido.graph.errors import InputError
from tejido.graph.i18n import t
from tejido.graph.model import RelType, fold
from tejido.queries.index import NetworkIndex
from tejido.queries.institutions import (
    canonical_institutions,
    merge_institutions,
    successions_rows,
)
from tejido.queries.network import actor_network

VIEWS = ("actores", "completo")
#: The gap kinds a map draws: missing coordination as dashed red links between two actors,
#: critical points as red rings around an actor.
GAP_KINDS = ("coordinacion_faltante", "punto_critico")
#: Labels drawn in the full view (Source nodes are provenance, not network).
DRAWN_LABELS = ("Actor", "Action", "Territory", "Mechanism", "Axis")


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
    """The graph to draw. Node attributes are the stored ones plus ``label``.

    ``merged``: on the actor view, each renamed institution's predecessor -> the successor
    node drawn for both; a finding naming the predecessor is marked on that node."""

    name: str
    graph: nx.Graph
    scope: Scope
    index: NetworkIndex
    merged: dict[str, str] = field(default_factory=dict)


def node_name(attrs: dict) -> str:
    return str(attrs.get("name") or attrs.get("titulo") or "")


def eje_names(ix: NetworkIndex, action: str) -> list[str]:
    """Names of the root axes an action sits under: the ejes a map groups it by."""
    return sorted(node_name(ix.graph.nodes[e]) for e in ix.root_axes(action))


def resolve_scope(ix: NetworkIndex, eje: str | None, territorio: str | None,
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


def _resolve(ix: NetworkIndex, value: str, label: str, option: str, what: str) -> str:
    """The node of ``label`` whose id, name, code or acronym is ``value`` (folded).

    Several matches (an eje and an objective with the same name): the root of a
    hierarchy wins, then the lowest id, so the choice never depends on load order.
    """
    graph = ix.graph
    candidates = ix.nodes_of(label)
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
               depth: int = 1, network: nx.Graph | None = None,
               memo: dict[str, Any] | None = None) -> View:
    """The view ``name`` of ``snapshot`` within the given scope.

    ``network`` is the actor network of the whole snapshot when the caller has it
    already (it is reused for the unfiltered actor view); ``memo`` shares the snapshot's
    :class:`NetworkIndex` with whoever built that network.
    """
    if name not in VIEWS:
        raise ValueError(f"unknown view {name!r}")
    ix = NetworkIndex.of(snapshot, memo)
    scope = resolve_scope(ix, eje, territorio, actor, depth)
    filtered = scope.eje is not None or scope.territorio is not None
    actions = ix.scoped(scope.eje, scope.territorio)
    if filtered and not actions:
        raise InputError(t("map.no_actions", eje=scope.names.get("eje", "—"),
                           territorio=scope.names.get("territorio", "—")))
    canonical: dict[str, str] = {}
    if name == "actores":
        # A renamed institution and what it replaced are one node, as in the centrality
        # table (tejido.queries.institutions).
        canonical = renamed_institutions(ix)
        if filtered:
            graph = merge_institutions(
                actor_network(_participation_graph(snapshot, ix, actions)), canonical)
        else:
            graph = network if network is not None else merge_institutions(
                actor_network(snapshot, memo), canonical)
        if scope.actor is not None:
            scope.actor = canonical.get(scope.actor, scope.actor)
    else:
        graph = _full_graph(snapshot, ix, actions if filtered else None)
    if scope.actor is not None:
        if scope.actor not in graph:
            raise InputError(t("map.actor_outside", name=scope.names["actor"]))
        graph = nx.ego_graph(graph, scope.actor, radius=depth, undirected=True)
    return View(name=name, graph=graph, scope=scope, index=ix, merged=canonical)


def renamed_institutions(ix: NetworkIndex) -> dict[str, str]:
    """predecessor -> the successor that stands for it on an actor map."""
    return canonical_institutions(successions_rows(ix))


def _participation_graph(snapshot: nx.MultiDiGraph, ix: NetworkIndex,
                         actions: Iterable[str]) -> nx.MultiDiGraph:
    """Only the in-scope actions and who takes part in them (no RELATES ties)."""
    sub = nx.MultiDiGraph()
    for action in actions:
        sub.add_node(action, **snapshot.nodes[action])
        for rtype, actors in ((RelType.LEADS, ix.leads), (RelType.ARTICULATES, ix.articulates)):
            for actor in actors.get(action, ()):
                if actor not in sub:
                    sub.add_node(actor, **snapshot.nodes[actor])
                sub.add_edge(actor, action, key=rtype, type=rtype)
    return sub


def _full_graph(snapshot: nx.MultiDiGraph, ix: NetworkIndex,
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
            if actions is not None and attrs.get("type") == RelType.RELATES:
                continue
            graph.add_edge(source, target, key=key, **attrs)
    return graph
