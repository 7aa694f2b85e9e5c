"""Gap kind ``silo``: an actor whose classified ties (at least 3) all stay on one side —
all with actors of its own group (inside or outside the administration), or all with the
other (E–I = ±1, :mod:`.ei`).

Query ``gap_silo.cypher`` (beside this module), its twin :func:`silo_rows`; its rows also
feed the report's E–I per actor.
"""

from __future__ import annotations

from typing import Any

from tejido.graph.i18n import register, t, tn

from ..index import NetworkIndex
from .base import Draft, Kind, Row, Rows, actor_subject, format_number, names_text
from .ei import actor_ei, ei_reading

#: A silo needs at least this many classified ties.
MIN_SILO_TIES = 3

register(
    {
        "kind.silo": {"es": "Silo", "en": "Silo"},
        "about.silo": {
            "es": "Actor con al menos 3 lazos, todos internos o todos externos (E–I = ±1). "
            "Gravedad k/(k+1) para k lazos.",
            "en": "Actor with at least 3 ties, all internal or all external (E–I = ±1). "
            "Severity k/(k+1) for k ties.",
        },
        "ev.silo": {"es": "E–I = {ei}, {k} lazos: {reading} ({names})",
                    "en": "E–I = {ei}, {k} ties: {reading} ({names})"},
        "ev.sin_dato": {"es": "{n} vecinos sin dato", "en": "{n} neighbours without data"},
        "ev.sin_dato.one": {"es": "1 vecino sin dato", "en": "1 neighbour without data"},
    }
)


def silo_rows(ix: NetworkIndex, eje: str | None = None,
              territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_silo``: per actor with a known ``interno``, its neighbours split by
    the same/other ``interno``.

    Rows for every such actor with at least one neighbour; the E–I index and the silo test
    are computed from them in Python (:func:`build`), identically for both stores.
    Filters restrict actions only; RELATES ties count only when no filter is given.
    """
    unfiltered = eje is None and territorio is None
    scoped = set(ix.scoped(eje, territorio))
    rows = []
    for actor in ix.actors:
        interno = ix.attr(actor, "interno")
        if interno is None:
            continue
        neighbours: set[str] = set()
        sources: set[str] = set()
        printed: set[str] = set()
        for action in ix.takes_part.get(actor, set()) & scoped:
            others = ix.participants(action) - {actor}
            if others:
                neighbours |= others
                sources |= ix.part_sources[(actor, action)]
                printed.update(ix.part_printed.get((actor, action), ()))
        if unfiltered:
            for other in ix.relates.get(actor, set()) - {actor}:
                neighbours.add(other)
                pair = (min(actor, other), max(actor, other))
                sources |= ix.relates_sources[pair]
                printed.update(ix.relates_printed.get(pair, ()))
        if not neighbours:
            continue
        known = [n for n in neighbours if ix.attr(n, "interno") is not None]
        rows.append({
            "actor_id": actor, "nombre": ix.attr(actor, "name"), "interno": interno,
            "generico": bool(ix.attr(actor, "generico")),
            "internos": ix.refs(n for n in known if ix.attr(n, "interno") == interno),
            "externos": ix.refs(n for n in known if ix.attr(n, "interno") != interno),
            "sin_dato": len(neighbours) - len(known),
            "sources": sorted(sources),
            "printed": sorted(printed),
        })
    return rows


def severity_silo(ties: int) -> float:
    """k / (k + 1) for k ties, all on one side: the more one-sided ties, the clearer the silo."""
    return ties / (ties + 1)


def build(rows: Rows) -> list[Draft]:
    drafts = []
    for r in map(actor_ei, rows["gap_silo"]):
        ties = r["e"] + r["i"]
        # A category word («COOPERACIÓN») is not an institution that can be a silo.
        if ties < MIN_SILO_TIES or r["ei"] not in (-1.0, 1.0) or r["generico"]:
            continue
        drafts.append(Draft(
            "silo", severity_silo(ties), [actor_subject(r["actor_id"], r["nombre"])],
            {"interno": r["interno"], "ei": r["ei"], "lazos": ties, "internos": r["internos"],
             "externos": r["externos"], "sin_dato": r["sin_dato"]},
            r["sources"], r["printed"],
        ))
    return drafts


def evidence(ev: dict[str, Any]) -> list[str]:
    external = ev["ei"] > 0
    parts = [t("ev.silo", ei=format_number(ev["ei"], signed=True), k=ev["lazos"],
               reading=ei_reading(ev["interno"], len(ev["externos"]), len(ev["internos"])),
               names=names_text(ev["externos"] if external else ev["internos"]))]
    if ev["sin_dato"]:
        parts.append(tn("ev.sin_dato", ev["sin_dato"]))
    return parts


KIND = Kind("silo", ("gap_silo",), build, evidence)
