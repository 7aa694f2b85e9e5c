"""Gap kind ``iniciativa_duplicada``: two actions with near-identical titles under
different eje/objective axes or different leads, that may happen in the same place.

Query ``gap_iniciativa_duplicada.cypher`` (beside this module), its twin
:func:`iniciativa_duplicada_rows`: every action with what the comparison needs; the fuzzy
title match (:mod:`tejido.queries.similarity`) runs in Python for both stores.

The same wording in two places is the same programme run twice, not one initiative
recorded twice: «Construir aceras en San Juan de Atacazo» and «… en San Jacinto de
Toachi» score above 0.9 and were reported as duplicates. Two actions are compared when
one of them declares no territory, or a territory of one is, or lies inside, a territory
of the other. That is also what keeps the comparison near linear: an action with
territories meets only the actions of its territories and of those around or inside
them, and only the actions without any are compared with everyone.
"""

from __future__ import annotations

from typing import Any

from tejido.graph.i18n import register, t

from ..index import NetworkIndex
from ..similarity import similar_in_groups
from .base import Draft, Kind, Row, Rows, action_subject, format_number, names_text

register(
    {
        "kind.iniciativa_duplicada": {"es": "Iniciativa duplicada",
                                      "en": "Duplicated initiative"},
        "about.iniciativa_duplicada": {
            "es": "Dos acciones con títulos casi idénticos (similitud ≥ 0,9 sin tildes, "
            "mayúsculas ni puntuación) bajo objetivos o rectores distintos, que pueden "
            "ocurrir en el mismo lugar (un territorio de una es o contiene uno de la otra, "
            "o alguna no declara territorio). Gravedad = similitud.",
            "en": "Two actions with near-identical titles (similarity ≥ 0.9 ignoring accents, "
            "case and punctuation) under different objectives or leads, that may happen in "
            "the same place (a territory of one is or contains one of the other, or one "
            "declares none). Severity = similarity.",
        },
        "ev.duplicate": {"es": "similitud {s}; difieren en: {d}",
                         "en": "similarity {s}; they differ in: {d}"},
        "ev.place": {"es": "lugar en común: {names}", "en": "place in common: {names}"},
        "ev.no_place.1": {"es": "una de las dos no declara territorio",
                          "en": "one of the two declares no territory"},
        "ev.no_place.2": {"es": "ninguna de las dos declara territorio",
                          "en": "neither declares a territory"},
        "ev.differ.objetivos": {"es": "eje/objetivo", "en": "eje/objective"},
        "ev.differ.rectores": {"es": "ente rector", "en": "lead"},
    }
)


def iniciativa_duplicada_rows(ix: NetworkIndex, eje: str | None = None,
                              territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_iniciativa_duplicada``: every action with its direct axes, its leads,
    whether it is in scope, its territories and every territory they lie in (themselves
    included)."""
    rows = []
    for a in ix.actions:
        places = [t for t in ix.targets.get(a, ()) if ix.label(t) == "Territory"]
        rows.append({
            "action_id": a, "titulo": ix.attr(a, "titulo"),
            "objetivos": ix.refs(ix.under.get(a, ())),
            "rectores": ix.refs(ix.leads.get(a, ())),
            "en_alcance": ix.in_scope(a, eje, territorio),
            "sources": ix.sources(a),
            "territorios": ix.refs(places),
            "dentro_de": sorted({u for t in places for u in ix.up(t)
                                 if ix.label(u) == "Territory"}),
        })
    return rows


#: An action in more territories than this (a «TODOS» expands to every territory of its
#: workbook) is compared with every title and its pairs filtered by place afterwards: in
#: every territory's group it would be compared again with the same titles.
WIDE = 8


def may_share_place(a: Row, b: Row) -> bool:
    """Whether two actions may happen in the same place: one declares no territory, or a
    territory of one is, or lies inside, a territory of the other."""
    return not a["territorios"] or not b["territorios"] or bool(_shared(a, b))


def same_place_pairs(actions: list[Row]) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) of similar titles (with the score) whose actions may share a
    place (:func:`may_share_place`). Each action meets the actions of its own territories
    (its group) and of the territories inside them; those without territory, or in more
    than ``WIDE``, are swept against every title."""
    titles = [r["titulo"] for r in actions]
    everywhere = [i for i, r in enumerate(actions)
                  if not r["territorios"] or len(r["territorios"]) > WIDE]
    swept = set(everywhere)
    here: dict[str, list[int]] = {}
    within: dict[str, list[int]] = {}
    for i, r in enumerate(actions):
        if i in swept:
            continue
        for place in r["territorios"]:
            here.setdefault(place["id"], []).append(i)
        for place in r["dentro_de"]:
            within.setdefault(place, []).append(i)
    groups = [(members, within.get(place, members)) for place, members in here.items()]
    if everywhere:
        groups.append((everywhere, range(len(actions))))
    # Group pairs share a place by construction; the swept ones are checked here.
    return [(i, j, score) for i, j, score in similar_in_groups(titles, groups)
            if may_share_place(actions[i], actions[j])]


def _ids(refs: list[dict[str, Any]]) -> set[str]:
    return {ref["id"] for ref in refs}


def _shared(a: Row, b: Row) -> list[dict[str, Any]]:
    """The territories of either action that are, or contain, a territory of the other:
    where both happen (a parish and its canton give the canton)."""
    around_a, around_b = set(a["dentro_de"]), set(b["dentro_de"])
    found = {p["id"]: p for p in a["territorios"] if p["id"] in around_b}
    found.update({p["id"]: p for p in b["territorios"] if p["id"] in around_a})
    return [found[k] for k in sorted(found)]


def build(rows: Rows) -> list[Draft]:
    """Similar pairs (severity = the similarity) that differ in axes or leads, with at
    least one of the two actions in scope."""
    actions = [r for r in rows["gap_iniciativa_duplicada"] if r["titulo"]]
    drafts = []
    for i, j, score in same_place_pairs(actions):
        a, b = actions[i], actions[j]
        differ = [name for name in ("objetivos", "rectores") if _ids(a[name]) != _ids(b[name])]
        if not differ or not (a["en_alcance"] or b["en_alcance"]):
            continue
        drafts.append(Draft(
            "iniciativa_duplicada", score, [action_subject(a), action_subject(b)],
            {"similitud": score, "difieren": differ, "lugares": _shared(a, b),
             "sin_territorio": sum(not r["territorios"] for r in (a, b)),
             "objetivos": [a["objetivos"], b["objetivos"]],
             "rectores": [a["rectores"], b["rectores"]]},
            sorted(set(a["sources"]) | set(b["sources"])),
        ))
    return drafts


def evidence(ev: dict[str, Any]) -> list[str]:
    lines = [t("ev.duplicate", s=format_number(ev["similitud"]),
               d=", ".join(t(f"ev.differ.{d}") for d in ev["difieren"]))]
    if ev.get("sin_territorio"):
        lines.append(t(f"ev.no_place.{ev['sin_territorio']}"))
    elif ev.get("lugares"):
        lines.append(t("ev.place", names=names_text(ev["lugares"])))
    return lines


KIND = Kind("iniciativa_duplicada", ("gap_iniciativa_duplicada",), build, evidence)
