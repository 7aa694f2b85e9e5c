"""Gap kind ``coordinacion_faltante``: two actors active in the same (eje, territory)
context through different actions, sharing no action and no RELATES tie.

A generic actor (``generico``: a category such as «COOPERACIÓN», not one institution) is
never one of the two: nobody can coordinate with a category. A pair joined by SUCCEEDS
(a renamed institution and its predecessor) is one institution, not a missing tie.

Queries (beside this module): ``gap_coordinacion_faltante.cypher`` (the pairs and their
contexts, twin :func:`coordinacion_faltante_rows`) and ``gap_contextos.cypher`` (each
actor's participation rows per context, the provenance; twin :func:`contextos_rows`).
The bridging actors come from the whole, unfiltered actor network
(``gap_punto_critico``, see :mod:`.punto_critico`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from tejido.graph.i18n import register, t, tn
from tejido.graph.model import RelType

from ..index import NetworkIndex
from .base import Draft, Kind, Row, Rows, actor_subject, names_text, unscoped_key

#: Rows key of the whole actor network (``gap_punto_critico`` run without filters): a third
#: actor bridges two others wherever it works with them.
GLOBAL_NETWORK = unscoped_key("gap_punto_critico")
#: How much a missing coordination weighs when a third actor already links the pair.
BRIDGED_WEIGHT = 0.5

register(
    {
        "kind.coordinacion_faltante": {"es": "Coordinación faltante",
                                       "en": "Missing coordination"},
        "about.coordinacion_faltante": {
            "es": "Dos actores activos en el mismo eje y territorio por acciones distintas, "
            "sin acción compartida ni relación directa. Gravedad c/(c+1) para c contextos "
            "(eje × territorio) compartidos; la mitad si un tercer actor los une.",
            "en": "Two actors active on the same eje and territory through different actions, "
            "with no shared action and no direct tie. Severity c/(c+1) for c shared "
            "(eje × territory) contexts; half if a third actor bridges them.",
        },
        "ev.contexts": {"es": "activos en {n} contextos sin acción ni relación en común: {list}",
                        "en": "active in {n} contexts with no action or tie in common: {list}"},
        "ev.contexts.one": {"es": "activos en 1 contexto sin acción ni relación en común: {list}",
                            "en": "active in 1 context with no action or tie in common: {list}"},
        "ev.bridges": {"es": "actor puente: {v}", "en": "bridging actor: {v}"},
        "ev.no_bridge": {"es": "ningún actor los une", "en": "no actor bridges them"},
    }
)


def _members(ix: NetworkIndex, eje: str | None, territorio: str | None,
             printed: dict[tuple[str, str, str], set[str]] | None = None,
             ) -> dict[tuple[str, str], dict[str, set[str]]]:
    """(eje, territory) context -> actor -> sources of its participations there (the join);
    with ``printed``, (eje, territory, actor) -> the rows printing them gathers there too."""
    members: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for action in ix.scoped(eje, None):
        territories = [place for place in ix.targets.get(action, ())
                       if territorio is None or territorio in ix.up(place)]
        for axis in ix.ejes(action):
            for territory in territories:
                for actor in ix.participants(action):
                    members[(axis, territory)][actor] |= ix.part_sources[(actor, action)]
                    if printed is not None:
                        printed[(axis, territory, actor)].update(
                            ix.part_printed.get((actor, action), ()))
    return members


def contextos_rows(ix: NetworkIndex, eje: str | None = None,
                   territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_contextos``: one row per (context, actor) with the sources of the
    actor's participations there (and the rows printing them, ``printed``)."""
    printed: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    members = _members(ix, eje, territorio, printed)
    return [
        {"eje_id": axis, "territorio_id": territory, "actor_id": actor,
         "sources": sorted(sources), "printed": sorted(printed[(axis, territory, actor)])}
        for (axis, territory), actors in sorted(members.items())
        for actor, sources in sorted(actors.items())
    ]


def _successions(ix: NetworkIndex) -> set[tuple[str, str]]:
    """Actor pairs (sorted) joined by SUCCEEDS in either direction: one institution."""
    return {(a, b) if a < b else (b, a)
            for a, b, kind in ix.graph.edges(data="type") if kind == RelType.SUCCEEDS}


def coordinacion_faltante_rows(ix: NetworkIndex, eje: str | None = None,
                               territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_coordinacion_faltante``: actor pairs active in the same (eje,
    territory) context who share no action and no tie; generic actors and pairs joined by
    SUCCEEDS left out.

    Actors are grouped by context first (a hash join on (eje, territory)); pairs are formed
    only inside a context, so the work is the sum of squared context sizes, never all
    pairs of actors.
    """
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    successions = _successions(ix)
    for context, actors in _members(ix, eje, territorio).items():
        ordered = sorted(a for a in actors if not ix.attr(a, "generico"))
        for i, first in enumerate(ordered):
            for second in ordered[i + 1:]:
                pairs[(first, second)].append(context)
    # One dict per context, shared by every pair row naming it (rows are read, never
    # changed): a national portfolio has hundreds of thousands of pairs.
    named = {c: {"eje_id": c[0], "eje": ix.attr(c[0], "name"),
                 "territorio_id": c[1], "territorio": ix.attr(c[1], "name")}
             for c in {c for contexts in pairs.values() for c in contexts}}
    return [
        {"actor_a": first, "nombre_a": ix.attr(first, "name"),
         "actor_b": second, "nombre_b": ix.attr(second, "name"),
         "contextos": [named[c] for c in sorted(contexts)]}
        for (first, second), contexts in sorted(pairs.items())
        if not ix.tied(first, second) and (first, second) not in successions
    ]


def severity_coordinacion(contexts: int, bridged: bool) -> float:
    """c / (c + 1) for c shared (eje, territory) contexts; halved if a third actor bridges them."""
    return contexts / (contexts + 1) * (BRIDGED_WEIGHT if bridged else 1.0)


def _network(edges: list[Row]) -> tuple[dict[str, set[str]], dict[str, str | None]]:
    """Adjacency and names of the actor network from ``gap_punto_critico`` edge rows,
    without generic actors: a category word («COOPERACIÓN») bridges nobody."""
    adjacency: dict[str, set[str]] = {}
    names: dict[str, str | None] = {}
    for r in edges:
        if r["generico_a"] or r["generico_b"]:
            continue
        adjacency.setdefault(r["actor_a"], set()).add(r["actor_b"])
        adjacency.setdefault(r["actor_b"], set()).add(r["actor_a"])
        names[r["actor_a"]], names[r["actor_b"]] = r["nombre_a"], r["nombre_b"]
    return adjacency, names


def build(rows: Rows) -> Iterator[Draft]:
    """Pairs from the context join, bridges from the whole actor network (common
    neighbours), provenance from each actor's participations in the shared contexts.

    A generator: a national portfolio has hundreds of thousands of pairs, and the engine
    keeps only the few it lists of each context (:class:`.pair_cap.PairCap`)."""
    adjacency, names = _network(rows[GLOBAL_NETWORK])
    # context -> actor -> the rows of its participations there (and the rows printing
    # them): nested, so each pair reads two entries of one small dict per context.
    members: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(dict)
    printing: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(dict)
    for r in rows["gap_contextos"]:
        members[(r["eje_id"], r["territorio_id"])][r["actor_id"]] = r["sources"]
        if r["printed"]:
            printing[(r["eje_id"], r["territorio_id"])][r["actor_id"]] = r["printed"]
    nobody: set[str] = set()
    for r in rows["gap_coordinacion_faltante"]:
        a, b = r["actor_a"], r["actor_b"]
        common = adjacency.get(a, nobody) & adjacency.get(b, nobody)
        common.discard(a)
        common.discard(b)
        bridges = [{"id": z, "nombre": names[z]} for z in sorted(common)]
        sources: set[str] = set()
        printed: set[str] = set()
        for c in r["contextos"]:
            key = (c["eje_id"], c["territorio_id"])
            here = members.get(key)
            if here:
                sources.update(here.get(a, ()), here.get(b, ()))
            shown = printing.get(key)
            if shown:
                printed.update(shown.get(a, ()), shown.get(b, ()))
        yield Draft(
            "coordinacion_faltante", severity_coordinacion(len(r["contextos"]), bool(bridges)),
            [actor_subject(a, r["nombre_a"]), actor_subject(b, r["nombre_b"])],
            {"contextos": r["contextos"], "n_contextos": len(r["contextos"]),
             "puentes": bridges, "puenteado": bool(bridges)},
            sorted(sources), sorted(printed),
        )


def evidence(ev: dict[str, Any]) -> list[str]:
    contexts = "; ".join(f"{c['eje']} / {c['territorio']}" for c in ev["contextos"])
    return [tn("ev.contexts", ev["n_contextos"], list=contexts),
            t("ev.bridges", v=names_text(ev["puentes"])) if ev["puentes"]
            else t("ev.no_bridge")]


KIND = Kind("coordinacion_faltante", ("gap_coordinacion_faltante", "gap_contextos"), build,
            evidence, unscoped=("gap_punto_critico",))
