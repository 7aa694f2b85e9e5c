"""What the next steps of the gap report are built from: the twins of the three
``gap_recomendacion_*`` queries and :class:`Facts`, every lookup a recommendation needs,
built once from their rows (and the whole actor network, ``gap_punto_critico`` unfiltered)
so that recommending is linear in findings + rows.

Only *stated* roles count (a relationship whose ``derived`` is null): an actor proposed to
lead, convene or join rests on what a document says it does, never on a dataset's rule
(docs/recommendations.md). Generic (``generico``) and unresolved (``auto``) actors are
never proposed: nobody can ask a category or an undeclared name to act.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from heapq import nlargest, nsmallest
from typing import Any

from tejido.graph.model import RelType

from ..index import NetworkIndex
from .base import Row, Rows

ACTIONS = "gap_recomendacion_acciones"
ACTORS = "gap_recomendacion_actores"
TERRITORIES = "gap_recomendacion_territorios"
#: The actor network (shared actions and RELATES ties), run unfiltered by the engine.
NETWORK = "gap_punto_critico"

#: An empty count to read missing keys from (never written to): a ``Counter()`` per
#: lookup cost a third of the recommending time on a 2 500-action portfolio.
EMPTY: Counter[Any] = Counter()

_STATED = (RelType.LEADS, RelType.ARTICULATES, RelType.USES, RelType.RESPONSIBLE_FOR,
           RelType.CONVENES)


# --- twins ------------------------------------------------------------------------------


def _stated(ix: NetworkIndex) -> dict[RelType, defaultdict[str, set[str]]]:
    """Relationship type -> node -> the other ends of its stated (not derived) edges:
    LEADS/ARTICULATES/USES keyed by action, RESPONSIBLE_FOR by axis, CONVENES by actor.
    Read from the index's adjacency (each twin that walked every edge for it took
    ~0.4 s at 40 000 actions)."""
    found: dict[RelType, defaultdict[str, set[str]]] = {r: defaultdict(set) for r in _STATED}
    # The index keys LEADS and ARTICULATES by action, their target; the others by their
    # origin. Each is wanted keyed as the index keys it, except RESPONSIBLE_FOR (wanted by
    # axis, its target).
    tables = ((RelType.LEADS, ix.leads, True), (RelType.ARTICULATES, ix.articulates, True),
              (RelType.USES, ix.uses, False), (RelType.RESPONSIBLE_FOR, ix.responsible_for, False),
              (RelType.CONVENES, ix.convenes, False))
    for rtype, adjacency, keyed_by_target in tables:
        table = found[rtype]
        for node, others in adjacency.items():
            for other in others:
                source, target = (other, node) if keyed_by_target else (node, other)
                if not ix.stated(source, target, rtype):
                    continue
                if rtype is RelType.RESPONSIBLE_FOR:
                    table[other].add(node)
                else:
                    table[node].add(other)
    return found


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def acciones_rows(ix: NetworkIndex) -> list[Row]:
    """Twin of ``gap_recomendacion_acciones``: every action with its eje, territories,
    stated leads, articulators and mechanisms, and the actors a stated RESPONSIBLE_FOR
    names for an axis above it (an axis it is UNDER, or one that axis is PART_OF)."""
    stated = _stated(ix)
    rows = []
    for action in ix.actions:
        above = set().union(*(ix.up(axis) for axis in ix.under.get(action, ())))
        rows.append({
            "action_id": action, "titulo": ix.attr(action, "titulo"),
            "estado": _text(ix.attr(action, "estado")),
            "ejes": ix.refs(ix.ejes(action)),
            "territorios": sorted(ix.targets.get(action, ())),
            "rectores": sorted(stated[RelType.LEADS].get(action, ())),
            "articuladores": sorted(stated[RelType.ARTICULATES].get(action, ())),
            "mecanismos": [{"id": m, "nombre": ix.attr(m, "name"),
                            "tipo": _text(ix.attr(m, "tipo"))}
                           for m in sorted(stated[RelType.USES].get(action, ()))],
            "responsables": sorted({x for axis in above
                                    for x in stated[RelType.RESPONSIBLE_FOR].get(axis, ())}),
        })
    return rows


def actores_rows(ix: NetworkIndex) -> list[Row]:
    """Twin of ``gap_recomendacion_actores``: every actor with its name, ``interno``, its
    generic/unresolved flags and the mechanisms it convenes (stated CONVENES)."""
    convenes = _stated(ix)[RelType.CONVENES]
    return [
        {"actor_id": x, "nombre": ix.attr(x, "name"), "interno": ix.attr(x, "interno"),
         "generico": bool(ix.attr(x, "generico")), "auto": bool(ix.attr(x, "auto")),
         "convoca": sorted(convenes.get(x, ()))}
        for x in ix.actors
    ]


def territorios_rows(ix: NetworkIndex) -> list[Row]:
    """Twin of ``gap_recomendacion_territorios``: every territory, its name and the
    territories directly containing it."""
    return [
        {"territorio_id": t, "nombre": ix.attr(t, "name"),
         "contenido_en": sorted(p for p in ix.parents.get(t, ())
                                if ix.label(p) == "Territory")}
        for t in ix.nodes_of("Territory")
    ]


# --- lookups ----------------------------------------------------------------------------


@dataclass
class ActionFacts:
    titulo: str | None
    estado: str | None
    ejes: list[str]
    territorios: list[str]
    rectores: list[str]
    articuladores: list[str]
    mecanismos: list[str]
    responsables: list[str]

    @property
    def actors(self) -> list[str]:
        return list(dict.fromkeys(self.rectores + self.articuladores))


def _ranked(counts: Counter[str], name: Any) -> list[str]:
    """Ids by count (highest first), then name, then id."""
    return sorted(counts, key=lambda x: (-counts[x], name(x), x))


class Facts:
    """Every lookup the recommenders read, built in one pass over the rows; the sorted
    rankings are built on first use and kept."""

    def __init__(self, rows: Rows) -> None:
        self.actors: dict[str, Row] = {r["actor_id"]: r for r in rows.get(ACTORS, ())}
        #: Declared institutions (neither generic nor unresolved), and those by ``interno``.
        self.declared: set[str] = {x for x, r in self.actors.items()
                                   if not r["generico"] and not r["auto"]}
        self.by_interno: dict[bool, set[str]] = {
            flag: {x for x in self.declared if self.actors[x]["interno"] is flag}
            for flag in (True, False)}
        self.mechanisms: dict[str, dict[str, Any]] = {}
        self.eje_names: dict[str, str | None] = {}
        self.actions: dict[str, ActionFacts] = {}
        self.eje_leads: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.eje_parts: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.eje_mechs: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.eje_resp: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.context: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.territory_parts: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.actor_ejes: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.actor_contexts: defaultdict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        self.actor_eje_mechs: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.actor_actions: defaultdict[str, list[str]] = defaultdict(list)
        #: (eje, territory, actor) / (eje, actor) -> the action of theirs first by title
        self.context_action: dict[tuple[str, str, str], str] = {}
        self.eje_action: dict[tuple[str, str], str] = {}
        self.eje_first: dict[str, str] = {}
        for r in rows.get(ACTIONS, ()):
            self._add_action(r)
        self.territory_names: dict[str, str | None] = {}
        self.children: defaultdict[str, set[str]] = defaultdict(set)
        self.parents: dict[str, list[str]] = {}
        for r in rows.get(TERRITORIES, ()):
            self.territory_names[r["territorio_id"]] = r["nombre"]
            self.parents[r["territorio_id"]] = r["contenido_en"]
            for parent in r["contenido_en"]:
                self.children[parent].add(r["territorio_id"])
        self.conveners: defaultdict[str, set[str]] = defaultdict(set)
        for r in self.actors.values():
            for mechanism in r["convoca"]:
                self.conveners[mechanism].add(r["actor_id"])
        self._network_rows = rows.get(NETWORK, ())
        self._adjacency: dict[str, set[str]] | None = None
        self._rankings: dict[Any, list[str]] = {}
        #: Whatever a recommender computes once per report (the bridges' sides).
        self.memo: dict[str, Any] = {}

    def _add_action(self, r: Row) -> None:
        action = r["action_id"]
        for m in r["mecanismos"]:
            self.mechanisms[m["id"]] = m
        for e in r["ejes"]:
            self.eje_names[e["id"]] = e["nombre"]
        # Every list sorted: Cypher's collect() has no order, the twin's has one, and what
        # the recommendation says must not depend on the store.
        facts = ActionFacts(r["titulo"], r["estado"], sorted(e["id"] for e in r["ejes"]),
                            sorted(r["territorios"]), sorted(r["rectores"]),
                            sorted(r["articuladores"]),
                            sorted(m["id"] for m in r["mecanismos"]), sorted(r["responsables"]))
        self.actions[action] = facts
        key = (str(r["titulo"] or ""), action)
        for actor in facts.actors:
            self.actor_actions[actor].append(action)
            for place in facts.territorios:
                self.territory_parts[place][actor] += 1
        for eje in facts.ejes:
            self._first(self.eje_first, eje, key)
            self.eje_mechs[eje].update(facts.mecanismos)
            self.eje_resp[eje].update(facts.responsables)
            self.eje_leads[eje].update(facts.rectores)
            for actor in facts.actors:
                self.eje_parts[eje][actor] += 1
                self.actor_ejes[actor][eje] += 1
                self.actor_eje_mechs[(actor, eje)].update(facts.mecanismos)
                self._first(self.eje_action, (eje, actor), key)
                for place in facts.territorios:
                    self.context[(eje, place)][actor] += 1
                    self.actor_contexts[actor][(eje, place)] += 1
                    self._first(self.context_action, (eje, place, actor), key)

    def _first(self, table: dict[Any, str], slot: Any, key: tuple[str, str]) -> None:
        current = table.get(slot)
        if current is None or key < (str(self.actions[current].titulo or ""), current):
            table[slot] = key[1]

    # --- names and flags ----------------------------------------------------------------

    def name(self, actor: str) -> str:
        row = self.actors.get(actor)
        return str(row["nombre"] or actor) if row else actor

    def ref(self, actor: str, **extra: Any) -> dict[str, Any]:
        return {"id": actor, "nombre": self.name(actor), **extra}

    def clean(self, actor: str) -> bool:
        """A declared institution: known, neither generic nor unresolved."""
        return actor in self.declared

    def title(self, action: str) -> str:
        facts = self.actions.get(action)
        return str(facts.titulo or action) if facts and facts.titulo else action

    def action_ref(self, action: str) -> dict[str, Any]:
        return {"id": action, "titulo": self.title(action)}

    def territory_name(self, territory: str) -> str:
        return str(self.territory_names.get(territory) or territory)

    # --- rankings -----------------------------------------------------------------------

    def _cached(self, key: Any, build: Any) -> list[str]:
        found = self._rankings.get(key)
        if found is None:
            found = self._rankings[key] = build()
        return found

    def eje_actors(self, eje: str) -> list[str]:
        """The eje's actors: most actions led there first, then most taken part in."""
        leads, parts = self.eje_leads.get(eje, EMPTY), self.eje_parts.get(eje, EMPTY)
        return self._cached(("eje", eje), lambda: sorted(
            parts, key=lambda x: (-leads[x], -parts[x], self.name(x), x)))

    def context_actors(self, eje: str, territory: str) -> list[str]:
        return self._cached(("ctx", eje, territory), lambda: _ranked(
            self.context.get((eje, territory), EMPTY), self.name))

    def territory_actors(self, territory: str) -> list[str]:
        return self._cached(("terr", territory), lambda: _ranked(
            self.territory_parts.get(territory, EMPTY), self.name))

    def eje_responsible(self, eje: str) -> list[str]:
        return self._cached(("resp", eje), lambda: _ranked(
            self.eje_resp.get(eje, EMPTY), self.name))

    def eje_mechanisms(self, eje: str) -> list[str]:
        return self._cached(("mech", eje), lambda: _ranked(
            self.eje_mechs.get(eje, EMPTY), self.mechanism_name))

    def eje_conveners(self, eje: str) -> list[tuple[str, str]]:
        """(declared actor, mechanism) for each mechanism the eje uses that someone
        convenes (stated CONVENES), the eje's most used mechanism first, conveners by name."""
        return self._cached(("conv", eje), lambda: [  # type: ignore[arg-type, return-value]
            (actor, m) for m in self.eje_mechanisms(eje)
            for actor in sorted(self.conveners.get(m, ()), key=lambda x: (self.name(x), x))
            if self.clean(actor)])

    def actor_mechanisms(self, actor: str, ejes: tuple[str, ...], limit: int) -> list[str]:
        """The ``limit`` mechanisms the actor's actions in these ejes use most, then the
        eje's most used, then by name. A selection, not a sort: a hub actor uses hundreds
        of mechanisms on a national portfolio and only the first few are read."""
        def build() -> list[str]:
            if len(ejes) == 1:
                used = self.actor_eje_mechs.get((actor, ejes[0]), EMPTY)
            else:
                used = Counter()
                for eje in ejes:
                    used.update(self.actor_eje_mechs.get((actor, eje), EMPTY))
            if not used or limit <= 0:
                return []
            # Only a mechanism used at least as often as the limit-th most used can be among
            # the first ``limit``: the full key (names included) is built for those alone.
            floor = nlargest(limit, used.values())[-1]
            contenders = [m for m, n in used.items() if n >= floor]
            in_ejes = [self.eje_mechs.get(eje, EMPTY) for eje in ejes]
            return nsmallest(limit, contenders, key=lambda m: (
                -used[m], -sum(counts[m] for counts in in_ejes), self.mechanism_name(m), m))
        return self._cached(("am", actor, ejes, limit), build)

    def mechanism_name(self, mechanism: str) -> str:
        return str(self.mechanisms.get(mechanism, {}).get("nombre") or mechanism)

    def mechanism_ref(self, mechanism: str) -> dict[str, Any]:
        m = self.mechanisms.get(mechanism, {})
        return {"id": mechanism, "nombre": self.mechanism_name(mechanism), "tipo": m.get("tipo")}

    def first_clean(self, candidates: Iterable[str], exclude: Iterable[str] = ()) -> str | None:
        """The first declared institution among ``candidates`` not in ``exclude``."""
        skip = set(exclude)
        return next((x for x in candidates if x not in skip and self.clean(x)), None)

    # --- the actor network --------------------------------------------------------------

    @property
    def adjacency(self) -> dict[str, set[str]]:
        """The whole actor network (shared actions, RELATES ties), built on first use."""
        if self._adjacency is None:
            adjacency: defaultdict[str, set[str]] = defaultdict(set)
            for r in self._network_rows:
                adjacency[r["actor_a"]].add(r["actor_b"])
                adjacency[r["actor_b"]].add(r["actor_a"])
            self._adjacency = dict(adjacency)
        return self._adjacency

    def neighbours(self, actor: str) -> set[str]:
        return self.adjacency.get(actor, set())

    def by_degree(self, actor: str) -> list[str]:
        """The actor's neighbours, best connected first (then name, id)."""
        return self._cached(("deg", actor), lambda: sorted(
            self.neighbours(actor),
            key=lambda x: (-len(self.neighbours(x)), self.name(x), x)))

    def activity(self, actor: str) -> int:
        return len(self.actor_actions.get(actor, ()))
