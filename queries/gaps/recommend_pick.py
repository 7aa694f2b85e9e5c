"""The choices every recommendation shares: which mechanism to propose, who could convene
an eje, who is tied to most of a set of actors — each a ranking over :class:`Facts`, so
the same data always gives the same proposal (ties broken by name, then id).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from tejido.graph.i18n import t

from .recommend_facts import EMPTY, Facts
from .recommend_text import join, mechanism_text

#: Below this many neighbour-of-neighbour visits "tied to most of them" is counted exactly;
#: above it, only the TOP_K best-connected neighbours of each neighbour are candidates.
EXACT_BUDGET = 4_000
TOP_K = 5
#: How many of each actor's most used mechanisms in an eje compete in :func:`mechanism_for`.
MECHANISM_CANDIDATES = 3


def mechanism_for(facts: Facts, ejes: Sequence[str],
                  actors: Sequence[str]) -> dict[str, Any] | None:
    """A mechanism already used in these ejes: one the given actors themselves use there
    (``motivo: usado_por``: most of their actions there, then most of the eje's, then
    name), else the eje's most used one (``usado_en_eje``); None when the ejes use none.

    The candidates of the first kind are the MECHANISM_CANDIDATES each actor uses most in
    these ejes (each actor's ranking is computed once per report and reused by every pair
    it is in), so a pair costs a few lookups whatever the portfolio's size.
    """
    key = tuple(ejes)
    candidates = {m for actor in actors
                  for m in facts.actor_mechanisms(actor, key, MECHANISM_CANDIDATES)}
    if candidates:
        def score(m: str) -> tuple[int, int, str, str]:
            used = sum(facts.actor_eje_mechs.get((a, e), EMPTY)[m] for a in actors for e in ejes)
            in_eje = sum(facts.eje_mechs.get(e, EMPTY)[m] for e in ejes)
            return (-used, -in_eje, facts.mechanism_name(m), m)
        best = min(candidates, key=score)
        users = [a for a in actors if any(facts.actor_eje_mechs.get((a, e), EMPTY)[best]
                                          for e in ejes)]
        return {**facts.mechanism_ref(best), "motivo": "usado_por",
                "usado_por": [facts.ref(a) for a in users]}
    tops = [(eje, facts.eje_mechanisms(eje)[0]) for eje in ejes if facts.eje_mechanisms(eje)]
    if not tops:
        return None
    eje, best = min(tops, key=lambda p: (-facts.eje_mechs[p[0]][p[1]],
                                         facts.mechanism_name(p[1]), p[1]))
    return {**facts.mechanism_ref(best), "motivo": "usado_en_eje",
            "eje": {"id": eje, "nombre": facts.eje_names.get(eje)}}


def mechanism_of_actors(facts: Facts, actors: Sequence[str]) -> dict[str, Any] | None:
    """A mechanism the actors use in any of their actions (``usado_por_actores``)."""
    used: Counter[str] = Counter()
    users: dict[str, list[str]] = {}
    for actor in actors:
        for eje in facts.actor_ejes.get(actor, ()):
            for mechanism, n in facts.actor_eje_mechs.get((actor, eje), EMPTY).items():
                used[mechanism] += n
                users.setdefault(mechanism, [])
                if actor not in users[mechanism]:
                    users[mechanism].append(actor)
    if not used:
        return None
    best = min(used, key=lambda m: (-used[m], facts.mechanism_name(m), m))
    return {**facts.mechanism_ref(best), "motivo": "usado_por_actores",
            "usado_por": [facts.ref(a) for a in users[best]]}


def own_mechanism(facts: Facts, action: str) -> dict[str, Any] | None:
    """The action's own (stated) mechanism, first by name (``propio``)."""
    own = facts.actions[action].mecanismos if action in facts.actions else []
    if not own:
        return None
    best = min(own, key=lambda m: (facts.mechanism_name(m), m))
    return {**facts.mechanism_ref(best), "motivo": "propio"}


def mechanism_clause(m: dict[str, Any]) -> str:
    """How a chosen mechanism reads in a sentence, after a comma."""
    text = mechanism_text(m)
    if m["motivo"] == "usado_por":
        return t("rec.mech.known", m=text, who=join([u["nombre"] for u in m["usado_por"]]))
    if m["motivo"] == "usado_por_actores":
        return t("rec.mech.actors", m=text, who=join([u["nombre"] for u in m["usado_por"]]))
    if m["motivo"] == "propio":
        return t("rec.mech.own", m=text)
    return t("rec.mech.eje", m=text, eje=m["eje"]["nombre"])


def eje_convener(facts: Facts, ejes: Sequence[str],
                 exclude: Iterable[str] = ()) -> dict[str, Any] | None:
    """Who could convene in these ejes, in this order: an actor named responsible for the
    eje's actions (RESPONSIBLE_FOR, ``responsable``), one convening a mechanism used there
    (CONVENES, ``convoca``), the eje's most frequent lead (``lidera_eje``)."""
    skip = set(exclude)
    for eje in ejes:
        found = facts.first_clean(facts.eje_responsible(eje), skip)
        if found:
            return facts.ref(found, motivo="responsable", acciones=facts.eje_resp[eje][found])
    for eje in ejes:
        for actor, mechanism in facts.eje_conveners(eje):
            if actor not in skip:
                return facts.ref(actor, motivo="convoca",
                                 mecanismo={"id": mechanism,
                                            "nombre": facts.mechanism_name(mechanism)})
    for eje in ejes:
        leads = facts.eje_leads.get(eje, EMPTY)
        found = facts.first_clean((x for x in facts.eje_actors(eje) if leads[x]), skip)
        if found:
            return facts.ref(found, motivo="lidera_eje", acciones=leads[found])
    return None


def most_tied(facts: Facts, group: set[str], exclude: set[str],
              within: set[str] | None = None) -> tuple[str, int] | None:
    """The declared actor outside ``exclude`` (and inside ``within`` when given) tied to
    most members of ``group``, and how many; ties by name, then id.

    Exact when the members have few neighbours in all (EXACT_BUDGET); otherwise the
    candidates are the TOP_K best-connected neighbours of each member, which keeps a hub's
    thousands of ties from making one recommendation quadratic.
    """
    members = sorted(group)
    visits = sum(len(facts.neighbours(m)) for m in members)
    candidates: set[str] = set()
    for member in members:
        candidates.update(facts.neighbours(member) if visits <= EXACT_BUDGET
                          else facts.by_degree(member)[:TOP_K + len(exclude)])
    candidates = (candidates & facts.declared) - exclude
    if within is not None:
        candidates &= within
    best: tuple[int, str, str] | None = None
    for c in candidates:
        k = len(facts.neighbours(c) & group)
        key = (-k, facts.name(c), c)
        if k and (best is None or key < best):
            best = key
    return None if best is None else (best[2], -best[0])
