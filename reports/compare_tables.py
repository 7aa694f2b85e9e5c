"""The comparison of two cuts (or a scenario) as tables, shared by every format.

Each section is built once here as (headers, rows), in the current language; Markdown and
HTML (:mod:`tejido.reports.compare_text`) and XLSX (:mod:`tejido.reports.compare_files`)
lay the same tables out, so the formats cannot disagree. Data (names, titles, estados as
the model spells them) keeps its Spanish; JSON keeps the comparison's own keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tejido.graph.i18n import register, t, tn
from tejido.graph.vocabulary import display
from tejido.queries.compare import Comparison
from tejido.queries.gaps import kind_label, status_label

from .gap_tables import Number, measure

Table = tuple[list[str], list[list[Any]]]

register(
    {
        "cmp.title": {"es": "Comparación de dos cortes", "en": "Comparison of two cuts"},
        "cmp.title_scenario": {"es": "Simulación de un escenario",
                               "en": "Simulation of a scenario"},
        "cmp.sides": {"es": "Antes: {before}. Después: {after}.",
                      "en": "Before: {before}. After: {after}."},
        "cmp.sides_scenario": {
            "es": "Almacén: {before}. Escenario: {after} (aplicado sobre una copia; el "
                  "almacén no se modifica).",
            "en": "Store: {before}. Scenario: {after} (applied on a copy; the store is "
                  "not changed)."},
        # The count sentences are assembled from one phrase per count, each with its
        # singular (``.one``, used by ``tn`` when the count is 1): «1 lazo nuevo».
        "cmp.counts": {"es": "{aa}, {ar}; {ta}, {tr}; {fc}, {fo}; {ec}; {cc}.",
                       "en": "{aa}, {ar}; {ta}, {tr}; {fc}, {fo}; {ec}; {cc}."},
        "cmp.n.actors_added": {"es": "{n} actores nuevos", "en": "{n} actors added"},
        "cmp.n.actors_added.one": {"es": "{n} actor nuevo", "en": "{n} actor added"},
        "cmp.n.actors_removed": {"es": "{n} retirados", "en": "{n} removed"},
        "cmp.n.actors_removed.one": {"es": "{n} retirado", "en": "{n} removed"},
        "cmp.n.ties_added": {"es": "{n} lazos nuevos", "en": "{n} ties added"},
        "cmp.n.ties_added.one": {"es": "{n} lazo nuevo", "en": "{n} tie added"},
        "cmp.n.ties_removed": {"es": "{n} perdidos", "en": "{n} lost"},
        "cmp.n.ties_removed.one": {"es": "{n} perdido", "en": "{n} lost"},
        "cmp.n.findings_closed": {"es": "{n} hallazgos cerrados", "en": "{n} findings closed"},
        "cmp.n.findings_closed.one": {"es": "{n} hallazgo cerrado",
                                      "en": "{n} finding closed"},
        "cmp.n.findings_opened": {"es": "{n} abiertos", "en": "{n} opened"},
        "cmp.n.findings_opened.one": {"es": "{n} abierto", "en": "{n} opened"},
        "cmp.n.estado_changes": {"es": "{n} cambios de estado", "en": "{n} estado changes"},
        "cmp.n.estado_changes.one": {"es": "{n} cambio de estado",
                                     "en": "{n} estado change"},
        "cmp.n.contexts": {"es": "{n} contextos cambian de fragmentación",
                           "en": "{n} contexts change fragmentation"},
        "cmp.n.contexts.one": {"es": "{n} contexto cambia de fragmentación",
                               "en": "{n} context changes fragmentation"},
        "cmp.scenario_says": {
            "es": "El escenario cerraría {closed}, uniría {joined} (menos grupos que nunca "
                  "trabajan juntos) y crearía {critical} y {silos}.",
            "en": "The scenario would close {closed}, join {joined} (fewer groups that "
                  "never work together) and create {critical} and {silos}."},
        "cmp.n.closed": {"es": "{n} hallazgos", "en": "{n} findings"},
        "cmp.n.closed.one": {"es": "{n} hallazgo", "en": "{n} finding"},
        "cmp.n.joined": {"es": "{n} contextos", "en": "{n} contexts"},
        "cmp.n.joined.one": {"es": "{n} contexto", "en": "{n} context"},
        "cmp.n.critical": {
            "es": "{n} puntos críticos o vínculos críticos nuevos",
            "en": "{n} new critical points or critical ties"},
        "cmp.n.critical.one": {
            "es": "{n} punto crítico o vínculo crítico nuevo",
            "en": "{n} new critical point or critical tie"},
        "cmp.n.silos": {"es": "{n} silos nuevos", "en": "{n} new silos"},
        "cmp.n.silos.one": {"es": "{n} silo nuevo", "en": "{n} new silo"},
        "cmp.actors_added": {"es": "Actores nuevos", "en": "Actors added"},
        "cmp.actors_removed": {"es": "Actores retirados", "en": "Actors removed"},
        "cmp.ties_added": {"es": "Lazos nuevos", "en": "Ties added"},
        "cmp.ties_removed": {"es": "Lazos perdidos", "en": "Ties lost"},
        "cmp.findings_closed": {"es": "Hallazgos cerrados", "en": "Findings closed"},
        "cmp.findings_opened": {"es": "Hallazgos abiertos", "en": "Findings opened"},
        "cmp.priority_changes": {"es": "Cambios de prioridad", "en": "Priority changes"},
        "cmp.estado_changes": {"es": "Cambios de estado de acciones",
                               "en": "Changes of action estado"},
        "cmp.centrality_changes": {"es": "Cambios de centralidad", "en": "Centrality changes"},
        "cmp.contexts": {"es": "Fragmentación por contexto (eje × territorio)",
                         "en": "Fragmentation per context (eje × territory)"},
        "cmp.contexts_intro": {
            "es": "Grupos de actores que nunca trabajan juntos en cada contexto (1: no "
                  "fragmentado; vacío: sin acciones en ese corte). Solo los contextos que "
                  "cambian; el JSON los lista todos.",
            "en": "Groups of actors that never work together in each context (1: not "
                  "fragmented; empty: no actions in that cut). Only the contexts that "
                  "change; the JSON lists them all."},
        "cmp.centrality_intro": {
            "es": "Actores presentes en ambos cortes cuyo grado, intermediación, rol de "
                  "intermediario dominante (Gould y Fernandez) o índice E–I cambió; los de "
                  "mayor cambio primero.",
            "en": "Actors in both cuts whose degree, betweenness, dominant brokerage role "
                  "(Gould & Fernandez) or E–I index changed; the largest change first."},
        "cmp.h.id": {"es": "id", "en": "id"},
        "cmp.h.name": {"es": "Nombre", "en": "Name"},
        "cmp.h.actor_a": {"es": "Actor A", "en": "Actor A"},
        "cmp.h.actor_b": {"es": "Actor B", "en": "Actor B"},
        "cmp.h.evidence": {"es": "Lo que los une", "en": "What ties them"},
        "cmp.h.kind": {"es": "Tipo", "en": "Kind"},
        "cmp.h.subjects": {"es": "Sujetos", "en": "Subjects"},
        "cmp.h.priority": {"es": "Prioridad", "en": "Priority"},
        "cmp.h.status": {"es": "Estado del hallazgo", "en": "Finding status"},
        "cmp.h.before": {"es": "Antes", "en": "Before"},
        "cmp.h.after": {"es": "Después", "en": "After"},
        "cmp.h.action": {"es": "Acción", "en": "Action"},
        "cmp.h.actor": {"es": "Actor", "en": "Actor"},
        "cmp.h.degree": {"es": "Grado", "en": "Degree"},
        "cmp.h.betweenness": {"es": "Intermediación", "en": "Betweenness"},
        "cmp.h.role": {"es": "Rol de intermediario", "en": "Brokerage role"},
        "cmp.h.ei": {"es": "E–I", "en": "E–I"},
        "cmp.h.eje": {"es": "Eje", "en": "Eje"},
        "cmp.h.territory": {"es": "Territorio", "en": "Territory"},
        "cmp.h.groups_before": {"es": "Grupos antes", "en": "Groups before"},
        "cmp.h.groups_after": {"es": "Grupos después", "en": "Groups after"},
        "cmp.ev.actions": {"es": "acciones: {v}", "en": "actions: {v}"},
        "cmp.ev.relations": {"es": "relaciones: {v}", "en": "relations: {v}"},
        "cmp.arrow": {"es": "{a} → {b}", "en": "{a} → {b}"},
        "cmp.role.none": {"es": "ninguno", "en": "none"},
        "cmp.role.coordinador": {"es": "coordinador", "en": "coordinator"},
        "cmp.role.itinerante": {"es": "itinerante", "en": "itinerant"},
        "cmp.role.guardian": {"es": "guardián", "en": "gatekeeper"},
        "cmp.role.representante": {"es": "representante", "en": "representative"},
        "cmp.role.enlace": {"es": "enlace", "en": "liaison"},
        "cmp.none": {"es": "(ninguno)", "en": "(none)"},
        "cmp.more": {"es": "… y {n} más (todos en JSON y XLSX).",
                     "en": "… and {n} more (all in JSON and XLSX)."},
    }
)

#: Sections in the order every format lays them out: (key of the comparison, heading key).
SECTIONS = ("findings_closed", "findings_opened", "contexts", "ties_added", "ties_removed",
            "estado_changes", "actors_added", "actors_removed", "priority_changes",
            "centrality_changes")
#: Rows per section in Markdown and HTML (JSON and XLSX keep every row).
SHOWN = 50


@dataclass(frozen=True)
class Heading:
    """What a document says above the sections: its title and which sides it compares."""

    before: str
    after: str
    scenario: bool = False

    @property
    def title(self) -> str:
        return t("cmp.title_scenario" if self.scenario else "cmp.title")

    @property
    def sides(self) -> str:
        key = "cmp.sides_scenario" if self.scenario else "cmp.sides"
        return t(key, before=self.before, after=self.after)


def changed_contexts(comparison: Comparison) -> list[dict[str, Any]]:
    return [c for c in comparison["contexts"] if c["before"] != c["after"]]


def counts_text(comparison: Comparison) -> str:
    """How many of each change, in one sentence, each count with its own plural."""
    c = comparison
    n = {key: len(c[key]) for key in ("actors_added", "actors_removed", "ties_added",
                                      "ties_removed", "findings_closed", "findings_opened",
                                      "estado_changes")}
    n["contexts"] = len(changed_contexts(c))
    part = {key: tn(f"cmp.n.{key}", count) for key, count in n.items()}
    return t("cmp.counts", aa=part["actors_added"], ar=part["actors_removed"],
             ta=part["ties_added"], tr=part["ties_removed"], fc=part["findings_closed"],
             fo=part["findings_opened"], ec=part["estado_changes"], cc=part["contexts"])


def scenario_counts(comparison: Comparison) -> dict[str, int]:
    """What a scenario would do, as numbers: findings it closes (``closed``), contexts
    it joins — fewer groups after than before — (``joined``), new critical points or
    critical ties (``critical``) and new silos (``silos``)."""
    opened = [f["kind"] for f in comparison["findings_opened"]]
    joined = [c for c in comparison["contexts"]
              if c["before"] is not None and c["after"] is not None
              and c["after"] < c["before"]]
    return {"closed": len(comparison["findings_closed"]), "joined": len(joined),
            "critical": sum(k in ("punto_critico", "vinculo_critico") for k in opened),
            "silos": opened.count("silo")}


def scenario_text(comparison: Comparison) -> str:
    """What a scenario would do, in one sentence (:func:`scenario_counts`)."""
    counts = scenario_counts(comparison)
    return t("cmp.scenario_says", **{key: tn(f"cmp.n.{key}", count)
                                     for key, count in counts.items()})


def _subjects(subjects: list[dict[str, Any]]) -> str:
    return " ↔ ".join(str(s.get("name") or s["id"]) for s in subjects)


def _role(value: str | None) -> str:
    return t(f"cmp.role.{value or 'none'}")


def _estado(value: str | None) -> str:
    return display("accion.estado", value) if value else "—"


def _pair(before: Any, after: Any) -> str:
    return t("cmp.arrow", a="—" if before in (None, "") else before,
             b="—" if after in (None, "") else after)


def _number(value: float | None, signed: bool = False) -> str:
    return str(measure(value, signed)) if value is not None else ""


def _evidence(evidence: dict[str, Any]) -> str:
    parts = []
    if evidence["acciones"]:
        parts.append(t("cmp.ev.actions", v="; ".join(
            str(a["titulo"] or a["id"]) for a in evidence["acciones"])))
    if evidence["relaciones"]:
        parts.append(t("cmp.ev.relations", v=", ".join(evidence["relaciones"])))
    return "; ".join(parts)


def table(comparison: Comparison, key: str) -> Table:
    """The section ``key`` of the comparison as (headers, rows)."""
    h = {name: t(f"cmp.h.{name}") for name in (
        "id", "name", "actor_a", "actor_b", "evidence", "kind", "subjects", "priority",
        "status", "before", "after", "action", "actor", "degree", "betweenness", "role",
        "ei", "eje", "territory", "groups_before", "groups_after")}
    rows = comparison[key]
    if key in ("actors_added", "actors_removed"):
        return [h["name"], h["id"]], [[r["name"], r["id"]] for r in rows]
    if key in ("ties_added", "ties_removed"):
        return ([h["actor_a"], h["actor_b"], h["evidence"]],
                [[r["source"]["name"] or r["source"]["id"], r["target"]["name"] or
                  r["target"]["id"], _evidence(r["evidence"])] for r in rows])
    if key in ("findings_closed", "findings_opened"):
        return ([h["kind"], h["subjects"], h["priority"], h["status"], h["id"]],
                [[kind_label(f["kind"]), _subjects(f["subjects"]), Number(f["priority"]),
                  status_label(f["status"]), f["id"]] for f in rows])
    if key == "priority_changes":
        return ([h["kind"], h["subjects"], h["before"], h["after"], h["id"]],
                [[kind_label(r["kind"]), _subjects(r["subjects"]), Number(r["before"]),
                  Number(r["after"]), r["id"]] for r in rows])
    if key == "estado_changes":
        return ([h["action"], h["before"], h["after"], h["id"]],
                [[r["titulo"] or r["id"], _estado(r["before"]), _estado(r["after"]), r["id"]]
                 for r in rows])
    if key == "centrality_changes":
        return ([h["actor"], h["degree"], h["betweenness"], h["role"], h["ei"], h["id"]],
                [[r["name"] or r["id"],
                  _pair(r["before"]["grado"], r["after"]["grado"]),
                  _pair(_number(r["before"]["intermediacion"]),
                        _number(r["after"]["intermediacion"])),
                  _pair(_role(r["before"]["rol"]), _role(r["after"]["rol"])),
                  _pair(_number(r["before"]["ei"], True), _number(r["after"]["ei"], True)),
                  r["id"]] for r in rows])
    if key == "contexts":
        return ([h["eje"], h["territory"], h["groups_before"], h["groups_after"]],
                [[c["eje"]["name"] or c["eje"]["id"],
                  c["territorio"]["name"] or c["territorio"]["id"],
                  "" if c["before"] is None else c["before"],
                  "" if c["after"] is None else c["after"]]
                 for c in changed_contexts(comparison)])
    raise KeyError(key)


def all_contexts_table(comparison: Comparison) -> Table:
    """Every context, changed or not (the spreadsheet's sheet)."""
    headers, _ = table(comparison, "contexts")
    return headers, [[c["eje"]["name"] or c["eje"]["id"],
                      c["territorio"]["name"] or c["territorio"]["id"],
                      "" if c["before"] is None else c["before"],
                      "" if c["after"] is None else c["after"]]
                     for c in comparison["contexts"]]


def heading(key: str) -> str:
    return t(f"cmp.{key}")


def intro(key: str) -> str | None:
    return {"contexts": t("cmp.contexts_intro"),
            "centrality_changes": t("cmp.centrality_intro")}.get(key)
