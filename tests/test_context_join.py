"""The (eje, territory) context join of «coordinación faltante» and ``gap_contextos``,
against the definition written out naively (every actor against every other), on random
graphs with generic actors, filled-down rows, RELATES and SUCCEEDS ties, nested axes and
territories, and the report's eje / territory filters."""

from __future__ import annotations

import random
from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx
import pytest

from tejido.queries.gaps.coordinacion_faltante import contextos_rows, coordinacion_faltante_rows
from tejido.queries.index import NetworkIndex


def _graph(seed: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    axes = [f"axis:{n}" for n in range(rng.randint(1, 5))]
    places = [f"territory:{n}" for n in range(rng.randint(1, 7))]
    actors = [f"actor:{n:02d}" for n in range(rng.randint(2, 14))]
    actions = [f"action:{n}" for n in range(rng.randint(5, 40))]
    for axis in axes:
        graph.add_node(axis, label="Axis", name=f"EJE {axis[-1]}")
    for place in places:
        graph.add_node(place, label="Territory", name=f"Lugar {place[-1]}")
    for actor in actors:
        graph.add_node(actor, label="Actor", name=f"Actor {actor[-2:]}",
                       generico=rng.random() < 0.15 or None)
    # Hierarchies (parents drawn among earlier nodes: no cycle needed to be interesting).
    for nodes in (axes, places):
        for i, node in enumerate(nodes[1:], start=1):
            if rng.random() < 0.5:
                graph.add_edge(node, nodes[rng.randrange(i)], key="PART_OF", type="PART_OF")
    for action in actions:
        under = rng.sample(axes, rng.randint(0, min(2, len(axes))))
        named = [graph.nodes[a]["name"] for a in under]
        # Mostly the name of an axis it is UNDER; sometimes none or one it is not under.
        eje = rng.choice(named) if named and rng.random() < 0.8 else rng.choice([None, "EJE ?"])
        graph.add_node(action, label="Action", eje=eje)
        for axis in under:
            graph.add_edge(action, axis, key="UNDER", type="UNDER")
        for place in rng.sample(places, rng.randint(0, min(3, len(places)))):
            graph.add_edge(action, place, key="TARGETS", type="TARGETS")
        for actor in rng.sample(actors, rng.randint(0, min(3, len(actors)))):
            rtype = rng.choice(["LEADS", "ARTICULATES"])
            attrs = {"type": rtype, "sources": [f"s{rng.randint(1, 6)}"]}
            if rng.random() < 0.3:
                attrs["printed"] = [f"p{rng.randint(1, 4)}"]
            graph.add_edge(actor, action, key=rtype, **attrs)
    for rtype in ("RELATES", "SUCCEEDS"):
        for _ in range(rng.randint(0, 3)):
            a, b = rng.sample(actors, 2)
            graph.add_edge(a, b, key=rtype, type=rtype, sources=["s9"])
    return graph


def _within(graph: nx.MultiDiGraph, node: str, top: str | None) -> bool:
    """``node`` is ``top`` or PART_OF it, transitively (no filter: True)."""
    if top is None:
        return True
    parts = nx.DiGraph((a, b) for a, b, t in graph.edges(data="type") if t == "PART_OF")
    return node == top or (node in parts and top in nx.descendants(parts, node))


def _participations(graph: nx.MultiDiGraph, eje: str | None, territorio: str | None,
                    ) -> list[tuple[str, str, str, str, dict[str, Any]]]:
    """(eje, territory, actor, action, attrs) straight from the pattern of the Cypher."""
    out: list[tuple[str, str, str, str, dict[str, Any]]] = []
    for actor, action, attrs in graph.edges(data=True):
        if attrs["type"] not in ("LEADS", "ARTICULATES"):
            continue
        under = [b for _, b, t in graph.out_edges(action, data="type") if t == "UNDER"]
        if eje is not None and not any(_within(graph, a, eje) for a in under):
            continue
        named = [a for a in under if graph.nodes[a]["name"] == graph.nodes[action]["eje"]]
        places = [b for _, b, t in graph.out_edges(action, data="type")
                  if t == "TARGETS" and _within(graph, b, territorio)]
        out += [(axis, place, actor, action, attrs) for axis in named for place in places]
    return out


def _expected_contextos(graph: nx.MultiDiGraph, eje: str | None,
                        territorio: str | None) -> list[dict[str, Any]]:
    sources: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)
    printed: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)
    for axis, place, actor, _action, attrs in _participations(graph, eje, territorio):
        sources[(axis, place, actor)].update(attrs["sources"])
        printed[(axis, place, actor)].update(attrs.get("printed", ()))
    return [{"eje_id": e, "territorio_id": t, "actor_id": x,
             "sources": sorted(sources[(e, t, x)]), "printed": sorted(printed[(e, t, x)])}
            for e, t, x in sorted(sources)]


def _expected_pairs(graph: nx.MultiDiGraph, eje: str | None,
                    territorio: str | None) -> list[dict[str, Any]]:
    contexts: defaultdict[str, set[tuple[str, str]]] = defaultdict(set)
    for axis, place, actor, _action, _attrs in _participations(graph, eje, territorio):
        if not graph.nodes[actor].get("generico"):
            contexts[actor].add((axis, place))
    actions: defaultdict[str, set[str]] = defaultdict(set)
    tied: set[tuple[str, str]] = set()
    for a, b, rtype in graph.edges(data="type"):
        if rtype in ("LEADS", "ARTICULATES"):
            actions[a].add(b)
        elif rtype in ("RELATES", "SUCCEEDS"):
            tied |= {(a, b), (b, a)}
    rows = []
    for a, b in combinations(sorted(contexts), 2):
        shared = sorted(contexts[a] & contexts[b])
        if not shared or actions[a] & actions[b] or (a, b) in tied:
            continue
        name = graph.nodes
        rows.append({"actor_a": a, "nombre_a": name[a]["name"],
                     "actor_b": b, "nombre_b": name[b]["name"],
                     "contextos": [{"eje_id": e, "eje": name[e]["name"], "territorio_id": t,
                                    "territorio": name[t]["name"]} for e, t in shared]})
    return rows


@pytest.mark.parametrize("seed", range(60))
def test_the_context_join_is_its_definition(seed: int) -> None:
    graph = _graph(seed)
    rng = random.Random(seed)
    axes = sorted(n for n, label in graph.nodes(data="label") if label == "Axis")
    places = sorted(n for n, label in graph.nodes(data="label") if label == "Territory")
    ix = NetworkIndex(graph)
    for eje, territorio in [(None, None), (rng.choice(axes), None),
                            (None, rng.choice(places)), (rng.choice(axes), rng.choice(places))]:
        assert contextos_rows(ix, eje, territorio) == _expected_contextos(graph, eje, territorio)
        assert (coordinacion_faltante_rows(ix, eje, territorio)
                == _expected_pairs(graph, eje, territorio))


def test_the_random_graphs_reach_every_case() -> None:
    """The graphs above do produce pairs, filled-down rows, generic actors and ties that
    remove a pair (else the comparison would prove little)."""
    pairs = printed = generic = removed = 0
    for seed in range(60):
        graph = _graph(seed)
        ix = NetworkIndex(graph)
        pairs += len(coordinacion_faltante_rows(ix))
        printed += sum(bool(r["printed"]) for r in contextos_rows(ix))
        generic += sum(bool(g) for _, g in graph.nodes(data="generico"))
        # Pairs sharing a context but removed by a tie (an action, RELATES or SUCCEEDS).
        sharing: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
        for r in contextos_rows(ix):
            sharing[(r["eje_id"], r["territorio_id"])].add(r["actor_id"])
        candidates = {pair for actors in sharing.values()
                      for pair in combinations(sorted(actors), 2)
                      if not any(graph.nodes[x].get("generico") for x in pair)}
        removed += len(candidates) - len(coordinacion_faltante_rows(ix))
    assert pairs > 75 and printed > 150 and generic > 40 and removed > 150
