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

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from tejido.graph.i18n import register, t, tn

from ..index import NetworkIndex
from .base import Draft, Kind, Row, Rows, actor_subject, names_text, unscoped_key

#: Rows key of the whole actor network (``gap_punto_critico`` run without filters): a third
#: actor bridges two others wherever it works with them.
GLOBAL_NETWORK = unscoped_key("gap_punto_critico")
#: The pairs query (``gap_coordinacion_faltante.cypher``).
PAIRS_QUERY = "gap_coordinacion_faltante"
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


def _joined(ix: NetworkIndex, eje: str | None, territorio: str | None,
            ) -> Iterator[tuple[str, list[tuple[str, str]], frozenset[str]]]:
    """Every in-scope action with its (eje, territory) contexts and its participants: the
    join both queries start from, one entry per action (an action's participants and
    their sources are read once, not once per context: an action about TODOS has one
    context per territory)."""
    for action in ix.scoped(eje, None):
        axes = ix.ejes(action)
        territories = [place for place in ix.targets.get(action, ())
                       if territorio is None or territorio in ix.up(place)]
        actors = ix.participants(action)
        if axes and territories and actors:
            yield action, [(axis, place) for axis in axes for place in territories], actors


def _members(ix: NetworkIndex, eje: str | None, territorio: str | None,
             printed: dict[tuple[str, str, str], set[str]] | None = None,
             ) -> dict[tuple[str, str], dict[str, set[str]]]:
    """(eje, territory) context -> actor -> sources of its participations there (the join);
    with ``printed``, (eje, territory, actor) -> the rows printing them gathers there too
    (only the keys that have some)."""
    members: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for action, contexts, actors in _joined(ix, eje, territorio):
        for actor in actors:
            sources = ix.part_sources[(actor, action)]
            shown = ix.part_printed.get((actor, action)) if printed is not None else None
            for context in contexts:
                members[context][actor] |= sources
                if shown and printed is not None:
                    printed.setdefault((*context, actor), set()).update(shown)
    return members


def contextos_rows(ix: NetworkIndex, eje: str | None = None,
                   territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_contextos``: one row per (context, actor) with the sources of the
    actor's participations there (and the rows printing them, ``printed``)."""
    printed: dict[tuple[str, str, str], set[str]] = {}
    members = _members(ix, eje, territorio, printed)
    return [
        {"eje_id": axis, "territorio_id": territory, "actor_id": actor,
         "sources": sorted(sources), "printed": sorted(printed.get((axis, territory, actor), ()))}
        for (axis, territory), actors in sorted(members.items())
        for actor, sources in sorted(actors.items())
    ]


def coordinacion_faltante_rows(ix: NetworkIndex, eje: str | None = None,
                               territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_coordinacion_faltante``: actor pairs active in the same (eje,
    territory) context who share no action and no tie; generic actors and pairs joined by
    SUCCEEDS left out. Rows sorted by the pair, each pair's contexts sorted.

    Actors are grouped by context first (a hash join on (eje, territory)); pairs are formed
    only inside a context, so the work is the sum of squared context sizes, never all
    pairs of actors. The pairs are then swept one first actor at a time (its partners
    after it in each of its contexts), so every structure the sweep touches is one actor's:
    a dict of every pair of a 40 000-action portfolio (370 000 pairs, ~90 MB) outgrew the
    processor's cache and made each pair cost 1.5× what it cost at 10 000 actions.
    """
    successors = ix.successions()
    actors_in: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _action, contexts, actors in _joined(ix, eje, territorio):
        for context in contexts:
            actors_in[context] |= actors
    # A category («COOPERACIÓN») is never one of the two: nobody coordinates with it.
    generic = {actor for actor in ix.actors if ix.attr(actor, "generico")}
    in_context = {context: sorted(actors - generic) for context, actors in actors_in.items()}
    del actors_in
    contexts_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for context in sorted(in_context):
        for actor in in_context[context]:
            contexts_of[actor].append(context)
    # Read once per actor, not once per pair (a name is a look-up in the graph's node
    # table, a dict of every node).
    names = {actor: ix.attr(actor, "name") for actor in contexts_of}
    # One dict per context, shared by every pair row naming it (rows are read, never
    # changed): a national portfolio has hundreds of thousands of pairs.
    named: dict[tuple[str, str], dict[str, Any]] = {}
    rows: list[Row] = []
    for first in sorted(contexts_of):
        partners: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for context in contexts_of[first]:  # in order, so each pair's list is sorted
            ordered = in_context[context]
            for second in ordered[bisect_right(ordered, first):]:
                partners[second].append(context)
        if not partners:
            continue
        apart = ix.sharing_an_action(first) | ix.relates.get(first, set())
        apart |= successors.get(first, set())
        name = names[first]
        for second in sorted(partners):
            if second in apart:
                continue
            rows.append({"actor_a": first, "nombre_a": name,
                         "actor_b": second, "nombre_b": names[second],
                         "contextos": [named.get(c) or named.setdefault(c, _named(ix, c))
                                       for c in partners[second]]})
    return rows


def _named(ix: NetworkIndex, context: tuple[str, str]) -> dict[str, Any]:
    eje, territory = context
    return {"eje_id": eje, "eje": ix.attr(eje, "name"),
            "territorio_id": territory, "territorio": ix.attr(territory, "name")}


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


_NOBODY: frozenset[str] = frozenset()


class PairCandidate:
    """A «coordinación faltante» pair before its draft is written: what ranking, capping
    and settling its status read (the same fields as its :class:`Draft`'s). The engine
    writes the draft of the few pairs each context lists (:class:`.pair_cap.PairCap`):
    at 40 000 actions 7 000 of 287 000 pairs."""

    __slots__ = ("row", "common", "sources", "printed", "severity")
    kind = "coordinacion_faltante"

    def __init__(self, row: Row, common: set[str], sources: set[str],
                 printed: set[str]) -> None:
        self.row, self.common, self.sources, self.printed = row, common, sources, printed
        self.severity = severity_coordinacion(len(row["contextos"]), bool(common))

    @property
    def subjects(self) -> list[dict[str, Any]]:
        r = self.row
        return [actor_subject(r["actor_a"], r["nombre_a"]),
                actor_subject(r["actor_b"], r["nombre_b"])]

    @property
    def evidence(self) -> dict[str, Any]:
        """The evidence the ranking reads (the draft's carries more)."""
        return {"contextos": self.row["contextos"]}

    def nodes(self) -> set[str]:
        """The actors the draft names: the pair and its bridges (what its status reads)."""
        return {self.row["actor_a"], self.row["actor_b"], *self.common}


class Pairs:
    """The pairs of a report's rows: their bridges come from the whole actor network
    (common neighbours), their provenance from each actor's participations in the shared
    contexts."""

    def __init__(self, rows: Rows) -> None:
        self.adjacency, self.names = _network(rows[GLOBAL_NETWORK])
        # context -> actor -> the rows of its participations there (and the rows printing
        # them): nested, so each pair reads two entries of one small dict per context.
        self.members: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(dict)
        self.printing: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(dict)
        for r in rows["gap_contextos"]:
            self.members[(r["eje_id"], r["territorio_id"])][r["actor_id"]] = r["sources"]
            if r["printed"]:
                self.printing[(r["eje_id"], r["territorio_id"])][r["actor_id"]] = r["printed"]
        self.rows = rows[PAIRS_QUERY]

    def candidates(self) -> Iterator[PairCandidate]:
        return map(self.candidate, self.rows)

    def bridges(self, a: str, b: str) -> set[str]:
        """The actors tied to both ``a`` and ``b`` in the whole actor network."""
        # A set on the left, so the intersection is a set (the pair itself is taken out).
        common = self.adjacency.get(a, set()) & self.adjacency.get(b, _NOBODY)
        common.discard(a)
        common.discard(b)
        return common

    def candidate(self, r: Row, bridges: set[str] | None = None) -> PairCandidate:
        """The pair of one ``gap_coordinacion_faltante`` row, its bridges (``bridges``
        when already sought) and rows."""
        a, b = r["actor_a"], r["actor_b"]
        common = self.bridges(a, b) if bridges is None else bridges
        sources: set[str] = set()
        printed: set[str] = set()
        members, printing = self.members, self.printing
        for c in r["contextos"]:
            key = (c["eje_id"], c["territorio_id"])
            here = members.get(key)
            if here:
                sources.update(here.get(a, ()), here.get(b, ()))
            shown = printing.get(key)
            if shown:
                printed.update(shown.get(a, ()), shown.get(b, ()))
        return PairCandidate(r, common, sources, printed)

    def draft(self, pair: PairCandidate) -> Draft:
        r = pair.row
        bridges = [{"id": z, "nombre": self.names[z]} for z in sorted(pair.common)]
        return Draft(
            "coordinacion_faltante", pair.severity, pair.subjects,
            {"contextos": r["contextos"], "n_contextos": len(r["contextos"]),
             "puentes": bridges, "puenteado": bool(bridges)},
            sorted(pair.sources), sorted(pair.printed),
        )


def build(rows: Rows) -> Iterator[Draft]:
    """Every pair's draft (see :class:`Pairs`).

    A generator: a national portfolio has hundreds of thousands of pairs; the engine
    ranks :meth:`Pairs.candidates` instead and drafts only the few it lists of each
    context (:class:`.pair_cap.PairCap`)."""
    pairs = Pairs(rows)
    return (pairs.draft(pair) for pair in pairs.candidates())


def evidence(ev: dict[str, Any]) -> list[str]:
    contexts = "; ".join(f"{c['eje']} / {c['territorio']}" for c in ev["contextos"])
    return [tn("ev.contexts", ev["n_contextos"], list=contexts),
            t("ev.bridges", v=names_text(ev["puentes"])) if ev["puentes"]
            else t("ev.no_bridge")]


KIND = Kind("coordinacion_faltante", (PAIRS_QUERY, "gap_contextos"), build,
            evidence, unscoped=("gap_punto_critico",))
