"""The E–I index (Krackhardt & Stern, 1988) and the report's two E–I sections.

- E–I per eje (``gap_ei_por_eje.cypher``, twin :func:`ei_por_eje_rows`): each eje's actor
  network, its ties inside and across the two groups, and its density.
- E–I per actor: the ``gap_silo`` rows (:mod:`.silo`) plus the actors an axes table names
  as responsible (``gap_responsables.cypher``, twin :func:`responsables_rows`).

:func:`ei_reading` puts an actor's E and I in words, from the side of the administration
it is on; the silo evidence and the report's tables read it the same way.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tejido.graph.i18n import register, t, tn

from ..index import NetworkIndex
from .base import PRECISION, Row, eje_actions
from .model import ActorEI, EjeEI

#: Queries the report needs besides the kinds' own (E–I per eje, responsible actors).
SECTION_QUERIES = ("gap_ei_por_eje", "gap_silo", "gap_responsables")

register(
    {
        # Readings of E and I for an actor of the administration (in.*) or outside it (out.*).
        "report.read.in.ext_only": {"es": "solo lazos fuera de la administración",
                                    "en": "ties outside the administration only"},
        "report.read.in.int_only": {"es": "solo lazos dentro de la administración",
                                    "en": "ties inside the administration only"},
        "report.read.in.mixed": {
            "es": "{i} dentro de la administración y {e} fuera de ella",
            "en": "{i} inside the administration and {e} outside it",
        },
        "report.read.ties": {"es": "{n} lazos", "en": "{n} ties"},
        "report.read.ties.one": {"es": "1 lazo", "en": "1 tie"},
        "report.read.out.ext_only": {"es": "solo lazos con la administración",
                                     "en": "ties with the administration only"},
        "report.read.out.int_only": {"es": "solo lazos con otros actores externos",
                                     "en": "ties with other outside actors only"},
        "report.read.out.mixed": {
            "es": "{e} con la administración y {i} con otros actores externos",
            "en": "{e} with the administration and {i} with other outside actors",
        },
    }
)


def ei_index(external: int, internal: int) -> float | None:
    """Krackhardt & Stern (1988) E–I index: (E − I) / (E + I); None without ties."""
    total = external + internal
    return (external - internal) / total if total else None


def actor_ei(row: Row) -> dict[str, Any]:
    """One ``gap_silo`` row with its E, I and E–I index."""
    external, internal = len(row["externos"]), len(row["internos"])
    return {**row, "e": external, "i": internal, "ei": ei_index(external, internal)}


def ei_reading(interno: bool, external: int, internal: int) -> str:
    """E and I in words, from the side of the administration the actor is on."""
    side = "in" if interno else "out"
    if not internal:
        return t(f"report.read.{side}.ext_only")
    if not external:
        return t(f"report.read.{side}.int_only")
    # The first count carries the noun («1 lazo dentro … y 3 fuera»), in its number.
    if interno:
        return t("report.read.in.mixed", i=tn("report.read.ties", internal), e=external)
    return t("report.read.out.mixed", e=tn("report.read.ties", external), i=internal)


# --- twins ------------------------------------------------------------------------------


def ei_por_eje_rows(ix: NetworkIndex, eje: str | None = None,
                    territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_ei_por_eje``: per eje, its actors, its ties (actor pairs sharing one
    of its actions) and how many of those are internal/external."""
    rows = []
    for axis, actions in sorted(eje_actions(ix, eje, territorio).items()):
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


def responsables_rows(ix: NetworkIndex) -> list[Row]:
    """Twin of ``gap_responsables``: actors an axis names in its ``responsables`` list,
    with those axes' names."""
    named: dict[str, set[str]] = defaultdict(set)
    for axis in ix.nodes_of("Axis"):
        name = ix.attr(axis, "name")
        for actor in ix.attr(axis, "responsables") or []:
            if actor in ix.graph and ix.label(actor) == "Actor":
                named[actor].update([name] if name else [])
    return [
        {"actor_id": actor, "nombre": ix.attr(actor, "name"),
         "interno": ix.attr(actor, "interno"), "notas": ix.attr(actor, "notas"),
         "responsable_de": sorted(axes)}
        for actor, axes in sorted(named.items())
    ]


# --- sections ---------------------------------------------------------------------------


def eje_ei(row: Row) -> EjeEI:
    """One ``gap_ei_por_eje`` row with its E–I index and density (ties / possible pairs)."""
    n = row["actores"]
    pairs = n * (n - 1) / 2
    ei = ei_index(row["externos"], row["internos"])
    return EjeEI(**row, ei=None if ei is None else round(ei, PRECISION),
                 densidad=round(row["lazos"] / pairs, PRECISION) if pairs else None)


def actors_ei(silo_rows: list[Row], named: list[Row]) -> list[ActorEI]:
    """Every actor of the ``gap_silo`` rows with its E–I, joined with the axes naming it
    responsible; sorted by number of ties, then id."""
    responsible = {r["actor_id"]: r for r in named}
    out = []
    for row in map(actor_ei, silo_rows):
        extra = responsible.pop(row["actor_id"], {})
        out.append(ActorEI(
            actor_id=row["actor_id"], nombre=row["nombre"], interno=row["interno"],
            e=row["e"], i=row["i"], ei=None if row["ei"] is None else round(row["ei"], PRECISION),
            internos=row["internos"], externos=row["externos"], sin_dato=row["sin_dato"],
            responsable_de=extra.get("responsable_de", []), notas=extra.get("notas"),
        ))
    # Responsible actors with no tie at all still belong in the table (E–I undefined).
    for row in responsible.values():
        out.append(ActorEI(actor_id=row["actor_id"], nombre=row["nombre"],
                           interno=row["interno"], e=0, i=0, ei=None, internos=[], externos=[],
                           sin_dato=0, responsable_de=row["responsable_de"], notas=row["notas"]))
    return sorted(out, key=lambda a: (-(a.e + a.i), a.actor_id))
