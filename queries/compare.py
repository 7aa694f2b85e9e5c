"""What changed between two cuts of a portfolio: actors, ties, findings, estados,
centrality and the fragmentation of each (eje, territory) context.

:func:`compare` reads each store into a :class:`~tejido.queries.compare_cut.Cut` in turn
and :func:`compare_cuts` compares them on stable ids — actor and action ids
(:func:`tejido.graph.model.stable_id`), finding ids (``<kind>:<subject ids joined by
+>``, :func:`tejido.queries.gaps.engine.finding_id`) — so the same gap in two cuts is the
same finding. The result's keys (docs/compare.md) never change with the language:

``actors_added``, ``actors_removed``, ``ties_added``, ``ties_removed``,
``findings_closed``, ``findings_opened``, ``priority_changes``, ``estado_changes``,
``centrality_changes``, ``contexts``.

Kumu overwrites a measure when it is recomputed and Gephi's timeline needs hand-built
dynamic files; here a before/after of governance measures is one function over two
cuts, whichever stores hold them.
"""

from __future__ import annotations

from typing import Any

from tejido.graph.store import Store

from .compare_cut import DECIMALS, Cut, read_cut

#: The keys of a comparison, in the order every format lays them out.
KEYS = ("actors_added", "actors_removed", "ties_added", "ties_removed", "findings_closed",
        "findings_opened", "priority_changes", "estado_changes", "centrality_changes",
        "contexts")
#: How many priority and centrality changes are listed by default (the largest).
TOP = 10

Comparison = dict[str, list[dict[str, Any]]]


def compare(before: Store, after: Store, top: int = TOP) -> Comparison:
    """The comparison of two stores (each read once, the first one first)."""
    return compare_cuts(read_cut(before), read_cut(after), top)


def compare_cuts(before: Cut, after: Cut, top: int = TOP) -> Comparison:
    """Every difference between two cuts, in the documented layout; ``top`` caps the
    priority and centrality changes to the largest (0: all of them)."""
    return {
        "actors_added": _actors(after, after.actors.keys() - before.actors.keys()),
        "actors_removed": _actors(before, before.actors.keys() - after.actors.keys()),
        "ties_added": _ties(after, after.ties.keys() - before.ties.keys()),
        "ties_removed": _ties(before, before.ties.keys() - after.ties.keys()),
        "findings_closed": [f for i, f in before.findings.items() if i not in after.findings],
        "findings_opened": [f for i, f in after.findings.items() if i not in before.findings],
        "priority_changes": _capped(priority_changes(before, after), top),
        "estado_changes": estado_changes(before, after),
        "centrality_changes": _capped(centrality_changes(before, after), top),
        "contexts": contexts(before, after),
    }


def _capped(rows: list[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    return rows[:top] if top > 0 else rows


def _name(cut: Cut, actor: str) -> str | None:
    return cut.actors.get(actor)


def _actors(cut: Cut, ids: set[str]) -> list[dict[str, Any]]:
    """``{id, name}`` per actor, by name then id."""
    return [{"id": a, "name": cut.actors[a]}
            for a in sorted(ids, key=lambda a: (str(cut.actors[a] or "").casefold(), a))]


def _ties(cut: Cut, pairs: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """Each tie with its two actors and what carries it in ``cut``: the actions both take
    part in (id, titulo) and the tipos of their direct RELATES ties."""
    out = []
    for a, b in sorted(pairs):
        carried = cut.ties[(a, b)]
        out.append({
            "source": {"id": a, "name": _name(cut, a)},
            "target": {"id": b, "name": _name(cut, b)},
            "evidence": {
                "acciones": [{"id": x, "titulo": cut.actions.get(x, (None, None))[0]}
                             for x in carried["acciones"]],
                "relaciones": carried["relaciones"],
            },
        })
    return out


def priority_changes(before: Cut, after: Cut) -> list[dict[str, Any]]:
    """Findings of both cuts whose priority changed, the largest change first."""
    rows = []
    for ident, old in before.findings.items():
        new = after.findings.get(ident)
        if new is None or old["priority"] == new["priority"]:
            continue
        rows.append({"id": ident, "kind": new["kind"], "subjects": new["subjects"],
                     "status": new["status"], "before": old["priority"],
                     "after": new["priority"],
                     "change": round(new["priority"] - old["priority"], DECIMALS)})
    return sorted(rows, key=lambda r: (-abs(r["change"]), r["id"]))


def estado_changes(before: Cut, after: Cut) -> list[dict[str, Any]]:
    """Actions of both cuts whose estado changed (``en_marcha`` → ``suspendida``…)."""
    rows = []
    for ident, (titulo, old) in before.actions.items():
        if ident in after.actions and after.actions[ident][1] != old:
            rows.append({"id": ident, "titulo": after.actions[ident][0] or titulo,
                         "before": old, "after": after.actions[ident][1]})
    return sorted(rows, key=lambda r: (str(r["titulo"] or "").casefold(), r["id"]))


def change_score(old: dict[str, Any], new: dict[str, Any], actors: int) -> float:
    """How much an actor's position changed, each part in [0, 1] and summed: degree as
    a share of the other actors, normalized betweenness, half the E–I change (E–I spans
    [-1, 1]; Krackhardt & Stern 1988) and 1 when its dominant brokerage role changed."""
    score = abs((new["grado"] or 0) - (old["grado"] or 0)) / max(actors - 1, 1)
    score += abs((new["intermediacion"] or 0) - (old["intermediacion"] or 0))
    if old["ei"] is not None and new["ei"] is not None:
        score += abs(new["ei"] - old["ei"]) / 2
    elif (old["ei"] is None) != (new["ei"] is None):
        score += 0.5
    score += old["rol"] != new["rol"]
    return round(score, DECIMALS)


def centrality_changes(before: Cut, after: Cut) -> list[dict[str, Any]]:
    """Actors of both cuts whose degree, betweenness, dominant brokerage role or E–I
    changed, the largest change (:func:`change_score`) first."""
    actors = max(len(before.centrality), len(after.centrality))
    rows = []
    for ident, old in before.centrality.items():
        new = after.centrality.get(ident)
        if new is None:
            continue
        measures = ("grado", "intermediacion", "rol", "ei")
        if all(old[m] == new[m] for m in measures):
            continue
        rows.append({"id": ident, "name": new["name"],
                     "before": {m: old[m] for m in measures},
                     "after": {m: new[m] for m in measures},
                     "score": change_score(old, new, actors)})
    return sorted(rows, key=lambda r: (-r["score"], r["id"]))


def contexts(before: Cut, after: Cut) -> list[dict[str, Any]]:
    """Every (eje, territory) context of either cut with its number of groups that never
    work together before and after (1: not fragmented; None: no action there in that
    cut), by eje then territory name."""
    rows = []
    for key in before.contexts.keys() | after.contexts.keys():
        known = after.contexts.get(key) or before.contexts[key]
        old, new = before.contexts.get(key), after.contexts.get(key)
        rows.append({"eje": {"id": key[0], "name": known["eje"]},
                     "territorio": {"id": key[1], "name": known["territorio"]},
                     "before": old["grupos"] if old else None,
                     "after": new["grupos"] if new else None})
    return sorted(rows, key=lambda r: (str(r["eje"]["name"] or "").casefold(),
                                       str(r["territorio"]["name"] or "").casefold(),
                                       r["eje"]["id"], r["territorio"]["id"]))
