"""Gap kind ``vinculo_critico``: a tie of the actor network whose loss would split it — a
bridge in the graph-theory sense — with the actions and mechanisms that carry it.

Query ``gap_vinculo_critico.cypher`` (beside this module): the actor network as edge rows
(the projection of ``gap_punto_critico``) with, for each tie, the in-scope actions both
actors take part in, the mechanisms those actions use and, without filters, the tipos and
mechanisms of their RELATES ties; twin :func:`vinculo_critico_rows`. Bridges and the
actors each one holds on are computed in Python on those rows, identically for both
stores.

A generic actor («GADs», «COOPERACIÓN») stays in the network it connects, as in
:mod:`.punto_critico`, but a tie with one is never a finding: a category word is no
institution a planner can ask to keep a tie.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx

from tejido.graph.i18n import register, t

from ..centrality_igraph import load_igraph
from ..index import NetworkIndex
from .base import Draft, Kind, Row, Rows, actor_subject, actor_ties, names_text

#: The cut-off actors are named in the evidence up to this many (only counted beyond).
MAX_NAMED = 10
#: Action titles the evidence sentence quotes before "and N more".
MAX_TITLES = 3

register(
    {
        "kind.vinculo_critico": {"es": "Vínculo crítico", "en": "Critical tie"},
        "about.vinculo_critico": {
            "es": "Vínculo entre dos actores cuya pérdida parte la red de actores (un "
            "puente): lo sostienen las acciones y mecanismos que se indican. Gravedad "
            "m/(m+1) para los m actores que quedarían separados del lado mayor.",
            "en": "A tie between two actors whose loss splits the actor network (a bridge), "
            "carried by the actions and mechanisms shown. Severity m/(m+1) for the m actors "
            "it would cut off from the larger side.",
        },
        "ev.tie_one": {
            "es": "si se rompe el vínculo entre {a} y {b} ({carriers}), 1 actor queda sin "
            "conexión con el resto de la red{names}",
            "en": "if the tie between {a} and {b} breaks ({carriers}), 1 actor loses its "
            "connection to the rest of the network{names}",
        },
        "ev.tie_many": {
            "es": "si se rompe el vínculo entre {a} y {b} ({carriers}), {m} actores quedan sin "
            "conexión con el resto de la red{names}",
            "en": "if the tie between {a} and {b} breaks ({carriers}), {m} actors lose their "
            "connection to the rest of the network{names}",
        },
        "ev.tie_actions": {"es": "acciones: {v}", "en": "actions: {v}"},
        "ev.tie_more": {"es": "{v} y {n} más", "en": "{v} and {n} more"},
        "ev.tie_mechanisms": {"es": "mecanismos: {v}", "en": "mechanisms: {v}"},
        "ev.tie_no_mechanism": {"es": "sin mecanismo", "en": "no mechanism"},
        "ev.tie_relations": {"es": "relación directa: {v}", "en": "direct tie: {v}"},
    }
)


def vinculo_critico_rows(ix: NetworkIndex, eje: str | None = None,
                         territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_vinculo_critico``: the actor network as edge rows with what carries
    each tie. RELATES ties count only without filters (they have no eje or territory)."""
    mechanisms: dict[tuple[str, str], set[str]] = defaultdict(set)
    relations: dict[tuple[str, str], set[str]] = defaultdict(set)
    if eje is None and territorio is None:
        for origin, target, attrs in ix.ties:
            pair = (origin, target) if origin < target else (target, origin)
            relations[pair].add(attrs.get("tipo"))
            mechanisms[pair].add(attrs.get("mecanismo"))
    rows = []
    for (a, b), tie in actor_ties(ix, eje, territorio):  # sorted by the pair
        carried = set(mechanisms.get((a, b), ()))
        carried.update(ix.attr(m, "name") for x in tie.actions for m in ix.uses.get(x, ()))
        carried.discard(None)
        rows.append({
            "actor_a": a, "nombre_a": ix.attr(a, "name"),
            "generico_a": bool(ix.attr(a, "generico")), "actor_b": b,
            "nombre_b": ix.attr(b, "name"), "generico_b": bool(ix.attr(b, "generico")),
            "acciones": [{"id": x, "titulo": ix.attr(x, "titulo")} for x in tie.actions],
            "mecanismos": sorted(carried),
            "relaciones": sorted(relations.get((a, b), set()) - {None}),
            "sources": sorted(tie.sources), "printed": sorted(tie.printed)})
    return rows


def bridge_sides(ties: Iterable[tuple[Hashable, Hashable]],
                 ) -> dict[tuple[Hashable, Hashable], tuple[set[Hashable], int]]:
    """Bridge ``(u, v)`` -> (the actors of its smaller side, the size of its component);
    of two equal sides, the one holding the endpoint first by id. ``ties``: the network's
    edges, each undirected tie once or several times, in either direction (loops ignored).

    The bridges come from python-igraph's ``Graph.bridges`` (compiled; linear time; an
    edge is a bridge when it lies on no cycle — Tarjan 1974, "A note on finding the bridges
    of a graph", IPL 2(6); the depth-first low-point method of Hopcroft & Tarjan 1973), as
    do the pieces left when they are removed. Each side is then read off the bridge tree:
    with every bridge removed the graph falls into 2-edge-connected pieces, and the bridges
    join those pieces into a forest, so removing one bridge splits its tree into two, each
    side the union of its pieces. Linear in nodes + edges, plus the members of the smaller
    sides.
    """
    position: dict[Hashable, int] = {}
    pairs: set[tuple[int, int]] = set()
    for u, v in ties:
        i, j = position.setdefault(u, len(position)), position.setdefault(v, len(position))
        if i != j:  # a tie given twice is one edge: two would make a cycle, never a bridge
            pairs.add((i, j) if i < j else (j, i))
    nodes = list(position)
    network = load_igraph().Graph(n=len(nodes), edges=list(pairs))
    found = network.bridges()
    if not found:
        return {}
    ends = network.get_edgelist()
    bridges = [(nodes[ends[i][0]], nodes[ends[i][1]]) for i in found]
    network.delete_edges(found)
    membership = network.connected_components().membership
    members: list[list[Hashable]] = [[] for _ in range(max(membership) + 1)]
    for node, piece in zip(nodes, membership, strict=True):
        members[piece].append(node)
    piece_of: dict[Hashable, int] = dict(zip(nodes, membership, strict=True))
    tree = nx.Graph()
    tree.add_nodes_from(range(len(members)))
    tree.add_edges_from((piece_of[u], piece_of[v]) for u, v in bridges)
    below: dict[int, int] = {}    # piece -> actors in its subtree
    parent: dict[int, int] = {}
    total: dict[int, int] = {}    # piece -> actors in its tree (the component)
    for root in sorted(tree):
        if root in below:
            continue
        order = [root]
        parent[root] = -1
        for node in order:          # breadth-first; the list grows as it is read
            for nxt in sorted(tree[node]):
                if nxt != parent[node]:
                    parent[nxt] = node
                    order.append(nxt)
        for node in reversed(order):
            below[node] = len(members[node]) + sum(
                below[c] for c in tree[node] if c != parent[node])
        for node in order:
            total[node] = below[root]
    sides = {}
    for u, v in bridges:
        pu, pv = piece_of[u], piece_of[v]
        child = pv if parent[pv] == pu else pu
        inside = below[child]
        outside = total[child] - inside
        # Halves of equal size: the side of the endpoint first by id, so both stores and
        # every run name the same actors.
        first_inside = piece_of[min(u, v, key=str)] == child
        if inside < outside or (inside == outside and first_inside):
            side = _collect(tree, members, child, parent[child])
        else:
            side = _collect(tree, members, parent[child], child)
        sides[(u, v)] = (side, total[child])
    return sides


def _collect(tree: nx.Graph, members: list[list[Hashable]], start: int,
             barrier: int) -> set[Hashable]:
    """Every actor of the pieces reachable from ``start`` without crossing ``barrier``."""
    seen, stack, found = {start, barrier}, [start], set()
    while stack:
        node = stack.pop()
        found.update(members[node])
        for nxt in tree[node]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return found


def severity_vinculo(cut_off: int) -> float:
    """m / (m + 1) for the m actors the broken tie cuts off from the larger side (as for a
    critical point: the more actors hang on one tie, the more it matters)."""
    return cut_off / (cut_off + 1)


def build(rows: Rows) -> list[Draft]:
    names: dict[str, str | None] = {}
    edges: dict[tuple[str, str], Row] = {}
    for r in rows["gap_vinculo_critico"]:
        names[r["actor_a"]], names[r["actor_b"]] = r["nombre_a"], r["nombre_b"]
        edges[(r["actor_a"], r["actor_b"])] = r
    drafts = []
    for (u, v), (side, component) in bridge_sides(edges).items():
        r = edges.get((u, v)) or edges[(v, u)]
        # A category word («GADs») stays in the network it connects, but a tie with it is
        # no finding: nobody can ask a category to keep a tie.
        if r["generico_a"] or r["generico_b"]:
            continue
        a, b = r["actor_a"], r["actor_b"]
        named = len(side) <= MAX_NAMED
        carried = sorted(r["acciones"], key=lambda x: (str(x["titulo"] or ""), x["id"]))
        drafts.append(Draft(
            "vinculo_critico", severity_vinculo(len(side)),
            [actor_subject(a, r["nombre_a"]), actor_subject(b, r["nombre_b"])],
            {"vinculo": [{"id": a, "nombre": r["nombre_a"]}, {"id": b, "nombre": r["nombre_b"]}],
             "acciones": carried, "n_acciones": len(carried),
             "mecanismos": r["mecanismos"], "relaciones": r["relaciones"],
             "aislados": len(side), "componente": component,
             "separados": sorted(({"id": x, "nombre": names[x]} for x in side),
                                 key=lambda ref: (str(ref["nombre"] or ref["id"]), ref["id"]))
             if named else []},
            r["sources"], r["printed"],
        ))
    return sorted(drafts, key=lambda d: [s["id"] for s in d.subjects])


def _carriers(ev: dict[str, Any]) -> str:
    """What carries the tie: action titles (a few), mechanisms, direct-tie tipos."""
    parts = []
    if ev["acciones"]:
        titles = ", ".join(f"«{x['titulo'] or x['id']}»" for x in ev["acciones"][:MAX_TITLES])
        extra = len(ev["acciones"]) - MAX_TITLES
        parts.append(t("ev.tie_actions",
                       v=t("ev.tie_more", v=titles, n=extra) if extra > 0 else titles))
    if ev["relaciones"]:
        parts.append(t("ev.tie_relations", v=", ".join(ev["relaciones"])))
    parts.append(t("ev.tie_mechanisms", v=", ".join(ev["mecanismos"])) if ev["mecanismos"]
                 else t("ev.tie_no_mechanism"))
    return "; ".join(parts)


def evidence(ev: dict[str, Any]) -> list[str]:
    a, b = (x["nombre"] or x["id"] for x in ev["vinculo"])
    names = f": {names_text(ev['separados'])}" if ev["separados"] else ""
    key = "ev.tie_one" if ev["aislados"] == 1 else "ev.tie_many"
    return [t(key, a=a, b=b, m=ev["aislados"], carriers=_carriers(ev), names=names)]


KIND = Kind("vinculo_critico", ("gap_vinculo_critico",), build, evidence)
