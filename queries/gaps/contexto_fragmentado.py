"""Gap kind ``contexto_fragmentado``: an (eje, territory) context whose active actors fall
into two or more groups that never work together — and the cap that keeps the pairs of
``coordinacion_faltante`` to the few highest-priority ones of each context.

A context's actors are those leading or articulating its actions (the context join of
:mod:`.coordinacion_faltante`); generic actors (categories such as «COOPERACIÓN») are
left out, and an actor and its SUCCEEDS predecessor count as one institution. Its groups
are the connected components of the actor network (a shared action anywhere, or a RELATES
tie: docs/gaps.md, "Actor network") restricted to those actors; joining g groups takes at
least g − 1 new ties. Where missing coordination lists who does not meet whom pair by pair
(n actors can give n²/4 pairs), this kind states the structure once per context, so the
report grows with contexts, not with pairs — the scale at which a planning office can
convene (Bodin & Crona 2009 on network fragmentation in natural-resource governance;
Guerrero et al. 2015 on social–ecological fit).

Queries (beside this module): ``gap_contexto_fragmentado.cypher`` (each context's names
and action count, twin :func:`contexto_fragmentado_rows`),
``gap_contexto_fragmentado_actores.cypher`` (names, generic flags, successions, twin
:func:`actores_rows`) and ``gap_contexto_fragmentado_eje.cypher`` (each eje's responsible
actors and mechanisms, twin :func:`eje_rows`); each actor's participation rows per
context come from ``gap_contextos`` and the ties from the unfiltered ``gap_punto_critico``.
The groups are found here, by union–find over the ties among each context's actors, for
both stores: the work is the sum over contexts of their actors and, for each, the smaller
of its degree and the context's size — never all pairs of actors.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from tejido.graph.i18n import register, t

from ..index import NetworkIndex
from .base import Draft, Kind, Row, Rows, axis_subject, territory_subject, unscoped_key
from .model import Finding
from .pair_cap import PairCap

KIND_NAME = "contexto_fragmentado"
PAIR_KIND = "coordinacion_faltante"
ACTORS = "gap_contexto_fragmentado_actores"
EJES = "gap_contexto_fragmentado_eje"
#: The whole actor network (``gap_punto_critico`` run without filters).
GLOBAL_NETWORK = unscoped_key("gap_punto_critico")
#: «Coordinación faltante» pairs kept as findings per context (and per status).
PAIRS_PER_CONTEXT = 3
#: Mechanisms of the eje listed in the evidence (all are counted).
MAX_MECHANISMS = 5
#: Groups and names per group the evidence sentence shows (the evidence has them all).
SHOWN_GROUPS, SHOWN_NAMES = 5, 4

register(
    {
        "kind.contexto_fragmentado": {"es": "Contexto fragmentado", "en": "Fragmented context"},
        "about.contexto_fragmentado": {
            "es": "Un eje en un territorio cuyos actores activos (rectores y articuladores, "
            "sin actores genéricos) forman 2 o más grupos que nunca trabajan juntos (ninguna "
            "acción compartida ni relación directa entre grupos). Gravedad = proporción de "
            "actores fuera del grupo mayor.",
            "en": "An eje in a territory whose active actors (leads and articulators, no "
            "generic actors) form 2 or more groups that never work together (no shared "
            "action and no direct tie between groups). Severity = share of actors outside "
            "the largest group.",
        },
        "ev.fragments": {
            "es": "{g} grupos que no trabajan juntos entre {n} actores ({k} acciones): {groups}",
            "en": "{g} groups that do not work together among {n} actors ({k} actions): "
                  "{groups}",
        },
        "ev.more_groups": {"es": "y {n} grupos más", "en": "and {n} more groups"},
        "ev.more_names": {"es": "+{n}", "en": "+{n}"},
        "ev.ties_one": {"es": "bastaría 1 lazo nuevo para unirlos",
                        "en": "1 new tie would join them"},
        "ev.ties_many": {"es": "harían falta al menos {n} lazos nuevos para unirlos",
                         "en": "at least {n} new ties would join them"},
        "ev.convener.rector_eje": {"es": "convocante sugerido: {v} (responsable del eje)",
                                   "en": "suggested convener: {v} (responsible for the eje)"},
        "ev.convener.mas_lazos": {
            "es": "convocante sugerido: {v} (el actor con más lazos en el contexto)",
            "en": "suggested convener: {v} (the actor with most ties in the context)"},
        "ev.eje_mechanisms": {"es": "mecanismos ya usados en el eje: {v}",
                              "en": "mechanisms already used in the eje: {v}"},
        "ev.eje_more": {"es": "{v} y {n} más", "en": "{v} and {n} more"},
        "ev.no_eje_mechanism": {"es": "el eje no registra mecanismos",
                                "en": "the eje records no mechanism"},
        "ev.pair_one": {"es": "1 par sin coordinación ({listed} listado, {omitted} omitido)",
                        "en": "1 pair without coordination ({listed} listed, {omitted} "
                              "left out)"},
        "ev.pairs": {"es": "{n} pares sin coordinación ({listed} listados, {omitted} omitidos)",
                     "en": "{n} pairs without coordination ({listed} listed, {omitted} "
                           "left out)"},
    }
)


# --- twins ------------------------------------------------------------------------------


def contexto_fragmentado_rows(ix: NetworkIndex, eje: str | None = None,
                             territorio: str | None = None) -> list[Row]:
    """Twin of ``gap_contexto_fragmentado``: every (eje, territory) context of the in-scope
    actions (the join of ``gap_contextos``), with its names and its number of actions."""
    actions: dict[tuple[str, str], set[str]] = defaultdict(set)
    for action in ix.scoped(eje, None):
        for territory in ix.targets.get(action, ()):
            if territorio is not None and territorio not in ix.up(territory):
                continue
            for axis in ix.ejes(action):
                actions[(axis, territory)].add(action)
    return [{"eje_id": axis, "eje": ix.attr(axis, "name"), "territorio_id": territory,
             "territorio": ix.attr(territory, "name"), "acciones": len(found)}
            for (axis, territory), found in sorted(actions.items())]


def actores_rows(ix: NetworkIndex) -> list[Row]:
    """Twin of ``gap_contexto_fragmentado_actores``: every actor taking part in an action,
    its generic flag and the actors SUCCEEDS joins it to (either direction)."""
    successions = ix.successions()
    return [{"actor_id": actor, "nombre": ix.attr(actor, "name"),
             "generico": bool(ix.attr(actor, "generico")),
             "sucede": sorted(successions.get(actor, ()))}
            for actor in ix.actors
            if any(ix.label(a) == "Action" for a in ix.takes_part.get(actor, ()))]


def eje_rows(ix: NetworkIndex) -> list[Row]:
    """Twin of ``gap_contexto_fragmentado_eje``: per eje of some action, the actors
    RESPONSIBLE_FOR it or an axis above it (``distancia``: PART_OF steps up, the fewest)
    and the mechanisms its actions use (``acciones``: how many of them)."""
    responsible: dict[str, set[str]] = defaultdict(set)
    for actor, axes in ix.responsible_for.items():
        if ix.label(actor) == "Actor":
            for axis in axes:
                responsible[axis].add(actor)
    by_eje: dict[str, set[str]] = defaultdict(set)
    for action in ix.actions:
        for axis in ix.ejes(action):
            by_eje[axis].add(action)
    rows = []
    for axis, actions in sorted(by_eje.items()):
        distance: dict[str, int] = {}
        level, seen, depth = [axis], {axis}, 0
        while level:  # breadth first: the first time an axis is met is its fewest steps
            above: list[str] = []
            for node in level:
                if ix.label(node) == "Axis":
                    for actor in responsible.get(node, ()):
                        distance.setdefault(actor, depth)
                for parent in ix.parents.get(node, ()):
                    if parent not in seen:
                        seen.add(parent)
                        above.append(parent)
            level, depth = above, depth + 1
        used: Counter[str] = Counter(m for a in actions for m in ix.uses.get(a, ())
                                     if ix.label(m) == "Mechanism")
        rows.append({
            "eje_id": axis,
            "rectores": [{"id": x, "nombre": ix.attr(x, "name"),
                          "generico": bool(ix.attr(x, "generico")), "distancia": d}
                         for x, d in sorted(distance.items())],
            "mecanismos": [{"id": m, "nombre": ix.attr(m, "name"),
                            "tipo": _text(ix.attr(m, "tipo")), "acciones": n}
                           for m, n in sorted(used.items())],
        })
    return rows


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


# --- groups -----------------------------------------------------------------------------


class _Groups:
    """Union–find (path halving, union by size) over a context's actors."""

    def __init__(self, members: list[str]) -> None:
        self.parent = {m: m for m in members}
        self.size = dict.fromkeys(members, 1)

    def find(self, x: str) -> str:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if self.size[ra] < self.size[rb]:
                ra, rb = rb, ra
            self.parent[rb] = ra
            self.size[ra] += self.size[rb]


def severity_fragmented(sizes: list[int]) -> float:
    """The share of the context's institutions outside its largest group: 0 for one group;
    near 1 when everyone works alone (1 − 1/n for n isolated institutions)."""
    total = sum(sizes)
    return 1 - max(sizes) / total if total else 0.0


def _convener(rectores: list[Row], active: set[str], ties: dict[str, int],
              actors: dict[str, Row]) -> dict[str, Any]:
    """Who could convene the groups: an actor RESPONSIBLE_FOR the eje or an axis above it
    (never a generic one) — one active in the context first, then the nearest axis's, the
    one with most ties there, the first by id — else the context actor with most ties
    among the context's actors (ties broken by id)."""
    candidates = [r for r in rectores if not r["generico"]]
    if candidates:
        best = min(candidates, key=lambda r: (r["id"] not in active, r["distancia"],
                                              -ties.get(r["id"], 0), r["id"]))
        return {"id": best["id"], "nombre": best["nombre"], "motivo": "rector_eje"}
    best_id = min(active, key=lambda a: (-ties[a], a))
    return {"id": best_id, "nombre": actors[best_id]["nombre"], "motivo": "mas_lazos"}


def _mechanisms(eje: Row | None) -> list[dict[str, Any]]:
    """The eje's mechanisms, the most used by its actions first (then name, id)."""
    found = eje["mecanismos"] if eje else []
    return sorted(found, key=lambda m: (-m["acciones"], m["nombre"] or "", m["id"]))


def build(rows: Rows) -> list[Draft]:
    """One draft per context whose non-generic actors form 2+ groups of the actor network."""
    actors = {r["actor_id"]: r for r in rows[ACTORS]}
    ejes = {r["eje_id"]: r for r in rows[EJES]}
    adjacency: dict[str, set[str]] = defaultdict(set)
    for r in rows[GLOBAL_NETWORK]:
        adjacency[r["actor_a"]].add(r["actor_b"])
        adjacency[r["actor_b"]].add(r["actor_a"])
    members: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows["gap_contextos"]:
        actor = actors.get(r["actor_id"])
        if actor is not None and not actor["generico"]:
            members[(r["eje_id"], r["territorio_id"])].append(r)
    drafts = []
    for context in rows["gap_contexto_fragmentado"]:
        here = members.get((context["eje_id"], context["territorio_id"]), [])
        draft = _context_draft(context, here, actors, adjacency, ejes.get(context["eje_id"]))
        if draft is not None:
            drafts.append(draft)
    return drafts


def _context_draft(context: Row, here: list[Row], actors: dict[str, Row],
                   adjacency: dict[str, set[str]], eje: Row | None) -> Draft | None:
    ids = sorted({r["actor_id"] for r in here})
    if len(ids) < 2:
        return None
    active = set(ids)
    groups, institutions = _Groups(ids), _Groups(ids)
    ties: dict[str, int] = {}
    edges = untied_successions = 0
    for actor in ids:
        near = adjacency.get(actor, set())
        inside = near & active  # walks the smaller of the two: min(degree, context size)
        ties[actor] = len(inside)
        for other in inside:
            if actor < other:
                edges += 1
                groups.union(actor, other)
        for other in actors[actor]["sucede"]:
            if other in active and actor < other:
                groups.union(actor, other)
                institutions.union(actor, other)
                if other not in near:
                    untied_successions += 1
    parts: dict[str, list[str]] = defaultdict(list)
    for actor in ids:
        parts[groups.find(actor)].append(actor)
    if len(parts) < 2:
        return None
    sized = [(len({institutions.find(a) for a in part}), part) for part in parts.values()]
    sized.sort(key=lambda s: (-s[0], -len(s[1]), s[1][0]))
    n = len(ids)
    convener = _convener(eje["rectores"] if eje else [], active, ties, actors)
    mechanisms = _mechanisms(eje)
    pairs = n * (n - 1) // 2 - edges - untied_successions
    evidence = {
        "eje_id": context["eje_id"], "eje": context["eje"],
        "territorio_id": context["territorio_id"], "territorio": context["territorio"],
        "grupos": [[{"id": a, "nombre": actors[a]["nombre"]} for a in part]
                   for _, part in sized],
        "n_grupos": len(sized),
        "actores": sum(size for size, _ in sized),
        "acciones": context["acciones"],
        "lazos_necesarios": len(sized) - 1,
        "convocante": convener,
        "mecanismos_eje": [{"id": m["id"], "nombre": m["nombre"], "tipo": m["tipo"]}
                           for m in mechanisms[:MAX_MECHANISMS]],
        "n_mecanismos_eje": len(mechanisms),
        "pares": pairs, "pares_listados": pairs, "pares_omitidos": 0,
    }
    return Draft(
        KIND_NAME, severity_fragmented([size for size, _ in sized]),
        [axis_subject(context["eje_id"], context["eje"]),
         territory_subject(context["territorio_id"], context["territorio"])],
        evidence,
        sorted({s for r in here for s in r["sources"]}),
        sorted({s for r in here for s in r["printed"] or ()}),
    )


# --- pair capping -----------------------------------------------------------------------


def pair_key(priority: float, severity: float, subjects: list[str]) -> tuple[Any, ...]:
    """How pairs of a context rank for listing: priority, then severity (both highest
    first), then subject ids."""
    return (-priority, -severity, subjects)


def pair_contexts(evidence: dict[str, Any]) -> set[tuple[str, str]]:
    """The (eje, territory) contexts a «coordinación faltante» pair shares."""
    return set(context_keys(evidence))


def context_keys(row: dict[str, Any]) -> list[tuple[str, str]]:
    """The (eje, territory) contexts of a ``gap_coordinacion_faltante`` row (or a pair's
    evidence), in its order."""
    return [(c["eje_id"], c["territorio_id"]) for c in row.get("contextos") or ()]


def cap_pairs(findings: list[Finding],
              per_context: int = PAIRS_PER_CONTEXT) -> tuple[list[Finding], int]:
    """Keep each «coordinación faltante» pair that is among the ``per_context`` highest of
    at least one of its contexts (:func:`pair_key`), separately for each status — a
    ``por_confirmar`` pair never displaces a ``brecha`` one; drop the rest. Every
    context's ``contexto_fragmentado`` finding then says how many of its pairs are listed
    (``pares_listados``) and how many were left out (``pares_omitidos``).

    Returns the findings (every other kind unchanged, order kept) and the number of pairs
    dropped. The engine does the same while the pairs are built
    (:class:`.pair_cap.PairCap`), before they become findings.
    """
    cap: PairCap[int] = PairCap(per_context)
    for i, f in enumerate(findings):
        if f.kind == PAIR_KIND:
            cap.offer(i, pair_key(f.priority, f.severity, [s.id for s in f.subjects]),
                      f.status, pair_contexts(f.evidence))
    kept = set(cap.kept())
    out = [f for i, f in enumerate(findings) if f.kind != PAIR_KIND or i in kept]
    return count_pairs(out, cap), cap.dropped


def count_pairs(findings: list[Finding], cap: PairCap[Any]) -> list[Finding]:
    """The findings with each ``contexto_fragmentado`` one saying how many of its pairs
    ``cap`` listed and left out."""
    listed, omitted = cap.listed, cap.omitted
    out: list[Finding] = []
    for finding in findings:
        if finding.kind == KIND_NAME:
            ev = finding.evidence
            context = (ev["eje_id"], ev["territorio_id"])
            finding = finding.model_copy(update={"evidence": {
                **ev, "pares_listados": listed[context], "pares_omitidos": omitted[context]}})
        out.append(finding)
    return out


# --- wording ----------------------------------------------------------------------------


def _group_text(group: list[dict[str, Any]]) -> str:
    names = [str(m.get("nombre") or m["id"]) for m in group[:SHOWN_NAMES]]
    extra = len(group) - SHOWN_NAMES
    return "[" + ", ".join(names) + (f" {t('ev.more_names', n=extra)}" if extra > 0 else "") + "]"


def evidence(ev: dict[str, Any]) -> list[str]:
    groups = " ".join(_group_text(g) for g in ev["grupos"][:SHOWN_GROUPS])
    hidden = len(ev["grupos"]) - SHOWN_GROUPS
    if hidden > 0:
        groups += " " + t("ev.more_groups", n=hidden)
    parts = [t("ev.fragments", g=ev["n_grupos"], n=ev["actores"], k=ev["acciones"],
               groups=groups),
             t("ev.ties_one") if ev["lazos_necesarios"] == 1
             else t("ev.ties_many", n=ev["lazos_necesarios"])]
    convener = ev.get("convocante")
    if convener:
        parts.append(t(f"ev.convener.{convener['motivo']}",
                       v=convener.get("nombre") or convener["id"]))
    if ev["mecanismos_eje"]:
        listed = ", ".join(f"{m['nombre'] or m['id']} ({m['tipo']})" if m.get("tipo")
                           else str(m["nombre"] or m["id"]) for m in ev["mecanismos_eje"])
        more = ev["n_mecanismos_eje"] - len(ev["mecanismos_eje"])
        parts.append(t("ev.eje_mechanisms",
                       v=t("ev.eje_more", v=listed, n=more) if more > 0 else listed))
    else:
        parts.append(t("ev.no_eje_mechanism"))
    if ev.get("pares"):
        parts.append(t("ev.pair_one" if ev["pares"] == 1 else "ev.pairs", n=ev["pares"],
                       listed=ev["pares_listados"],
                       omitted=ev["pares_omitidos"]))
    return parts


KIND = Kind(KIND_NAME, ("gap_contexto_fragmentado", "gap_contextos", ACTORS, EJES), build,
            evidence, unscoped=("gap_punto_critico",))
