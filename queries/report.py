"""The gap report as Markdown, CSV, JSON, XLSX or HTML, in Spanish (default) or English.

Headings, kind names and evidence sentences follow the current language; the data (titles,
names, estados, JSON keys) keeps its Spanish. Every text cell of CSV and XLSX goes through
:func:`tejido.queries.safe_cells.safe_cell` (formula injection); HTML and Markdown escape
every value with :func:`html.escape`.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from tejido.graph.i18n import get_lang, register, t

from .gaps import ActorEI, Finding, GapReport, Provenance
from .safe_cells import safe_cell

FORMATS = ("md", "csv", "json", "xlsx", "html")
#: Rows of provenance shown per finding in Markdown/HTML (JSON, CSV and XLSX keep all).
SHOWN_SOURCES = 5

register(
    {
        "report.title": {"es": "Brechas de coordinación", "en": "Coordination gaps"},
        "report.filters": {"es": "Filtros: {filters}", "en": "Filters: {filters}"},
        "report.summary": {"es": "Resumen", "en": "Summary"},
        "report.total": {"es": "{n} hallazgos.", "en": "{n} findings."},
        "report.kind": {"es": "Tipo", "en": "Kind"},
        "report.count": {"es": "Hallazgos", "en": "Findings"},
        "report.by_document": {"es": "Por documento", "en": "By document"},
        "report.document": {"es": "Documento", "en": "Document"},
        "report.responsible": {
            "es": "Coordinación interna y externa de los actores responsables (índice E–I)",
            "en": "Internal and external coordination of the responsible actors (E–I index)",
        },
        "report.responsible_intro": {
            "es": "Actores que las tablas de ejes de los documentos nombran como responsables. "
            "E–I = (E − I) / (E + I) (Krackhardt y Stern, 1988): E = lazos con actores del "
            "otro lado (interno/externo a la administración que ejecuta el plan), I = lazos "
            "con actores del mismo lado. +1: solo lazos externos; −1: solo internos. "
            "Compare con lo que el documento dice de su coordinación.",
            "en": "Actors the documents' axes tables name as responsible. "
            "E–I = (E − I) / (E + I) (Krackhardt & Stern, 1988): E = ties to actors on the "
            "other side (internal/external to the administration running the plan), I = ties "
            "to actors on the same side. +1: external ties only; −1: internal only. "
            "Compare with what the document says about its coordination.",
        },
        "report.none": {"es": "(ninguno)", "en": "(none)"},
        "report.actor": {"es": "Actor", "en": "Actor"},
        "report.sheet_responsible": {"es": "Actores responsables", "en": "Responsible actors"},
        "report.responsible_for": {"es": "Responsable de", "en": "Responsible for"},
        "report.internal_ties": {"es": "I: lazos en su grupo", "en": "I: ties within its group"},
        "report.external_ties": {"es": "E: lazos con el otro grupo",
                                 "en": "E: ties to the other group"},
        "report.reading": {"es": "Lectura", "en": "Reading"},
        "report.notes": {"es": "Notas del registro", "en": "Registry notes"},
        "report.read.none": {"es": "sin lazos clasificables", "en": "no classifiable ties"},
        "report.read.unknown": {
            "es": "no se sabe si es de la administración",
            "en": "not known whether it belongs to the administration",
        },
        # Readings of E and I for an actor of the administration (in.*) or outside it (out.*).
        "report.read.in.ext_only": {"es": "solo lazos fuera de la administración",
                                    "en": "ties outside the administration only"},
        "report.read.in.int_only": {"es": "solo lazos dentro de la administración",
                                    "en": "ties inside the administration only"},
        "report.read.in.mixed": {
            "es": "{i} lazos dentro de la administración y {e} fuera de ella",
            "en": "{i} ties inside the administration and {e} outside it",
        },
        "report.read.out.ext_only": {"es": "solo lazos con la administración",
                                     "en": "ties with the administration only"},
        "report.read.out.int_only": {"es": "solo lazos con otros actores externos",
                                     "en": "ties with other outside actors only"},
        "report.read.out.mixed": {
            "es": "{e} lazos con la administración y {i} con otros actores externos",
            "en": "{e} ties with the administration and {i} with other outside actors",
        },
        "report.no_articulators": {
            "es": "Acciones sin articuladores, por documento",
            "en": "Actions without articulators, by document",
        },
        "report.no_articulators_intro": {
            "es": "Filas cuyas acciones no tienen ningún articulador (con o sin ente rector).",
            "en": "Rows whose actions have no articulator (with or without a lead).",
        },
        "report.table": {"es": "Tabla", "en": "Table"},
        "report.row": {"es": "Fila", "en": "Row"},
        "report.action": {"es": "Acción", "en": "Action"},
        "report.leads": {"es": "Ente rector", "en": "Lead"},
        "report.ei_eje": {"es": "E–I y densidad por eje", "en": "E–I and density per eje"},
        "report.ei_eje_intro": {
            "es": "Red de actores de cada eje (actores que comparten una de sus acciones). "
            "Densidad = lazos / pares posibles.",
            "en": "Each eje's actor network (actors sharing one of its actions). "
            "Density = ties / possible pairs.",
        },
        "report.eje": {"es": "Eje", "en": "Eje"},
        "report.actors": {"es": "Actores", "en": "Actors"},
        "report.ties": {"es": "Lazos", "en": "Ties"},
        "report.internal": {"es": "I (lazos en su grupo)", "en": "I (ties within group)"},
        "report.external": {"es": "E (lazos con el otro)", "en": "E (ties to the other)"},
        "report.density": {"es": "Densidad", "en": "Density"},
        "report.ei_actor": {"es": "E–I por actor", "en": "E–I per actor"},
        "report.ei_actor_intro": {
            "es": "Todo actor con `interno` conocido y al menos un lazo. Sin dato = vecinos "
            "de los que no se sabe si son internos.",
            "en": "Every actor with a known `interno` and at least one tie. No data = "
            "neighbours not known to be internal or external.",
        },
        "report.in_admin": {"es": "De la administración", "en": "In the administration"},
        "report.no_data": {"es": "Sin dato", "en": "No data"},
        "report.findings": {"es": "Hallazgos", "en": "Findings"},
        "report.severity": {"es": "Gravedad", "en": "Severity"},
        "report.subjects": {"es": "Sujetos", "en": "Subjects"},
        "report.evidence": {"es": "Evidencia", "en": "Evidence"},
        "report.provenance": {"es": "Fuente", "en": "Source"},
        "report.more": {"es": "y {n} filas más", "en": "and {n} more rows"},
        "report.prov": {"es": "{document} · {table} · fila {row}",
                        "en": "{document} · {table} · row {row}"},
        "report.kind_id": {"es": "tipo", "en": "kind"},
        "report.subject_ids": {"es": "ids", "en": "ids"},
        "report.yes": {"es": "sí", "en": "yes"},
        "report.no": {"es": "no", "en": "no"},
        # kind names and what each means
        "kind.sin_rector": {"es": "Acción sin ente rector", "en": "Action without a lead"},
        "kind.sin_articuladores": {"es": "Acción con rector y sin articuladores",
                                   "en": "Action with a lead and no articulators"},
        "kind.sin_mecanismo": {"es": "Acción sin mecanismo de articulación",
                               "en": "Action without an articulation mechanism"},
        "kind.coordinacion_faltante": {"es": "Coordinación faltante",
                                       "en": "Missing coordination"},
        "kind.silo": {"es": "Silo", "en": "Silo"},
        "kind.punto_critico": {"es": "Punto crítico", "en": "Critical point"},
        "kind.territorio_desatendido": {"es": "Territorio desatendido",
                                        "en": "Neglected territory"},
        "kind.iniciativa_duplicada": {"es": "Iniciativa duplicada",
                                      "en": "Duplicated initiative"},
        "kind.estancada": {"es": "Acción estancada", "en": "Stalled action"},
        "about.sin_rector": {
            "es": "Ningún actor lidera la acción. Gravedad 1 si nadie participa, 0,8 si hay "
            "articuladores; la mitad si la acción está finalizada.",
            "en": "No actor leads the action. Severity 1 if nobody takes part, 0.8 if there "
            "are articulators; half if the action is finished.",
        },
        "about.sin_articuladores": {
            "es": "La acción tiene ente rector y ningún otro actor que la articule. Gravedad "
            "0,6 (la mitad si está finalizada).",
            "en": "The action has a lead and no other actor articulating it. Severity 0.6 "
            "(half if finished).",
        },
        "about.sin_mecanismo": {
            "es": "Participan actores y no hay convenio, mesa u otro mecanismo. Gravedad "
            "n/(n+1) para n actores (la mitad si está finalizada).",
            "en": "Actors take part and there is no agreement, round-table or other "
            "mechanism. Severity n/(n+1) for n actors (half if finished).",
        },
        "about.coordinacion_faltante": {
            "es": "Dos actores activos en el mismo eje y territorio por acciones distintas, "
            "sin acción compartida ni relación directa. Gravedad c/(c+1) para c contextos "
            "(eje × territorio) compartidos; la mitad si un tercer actor los une.",
            "en": "Two actors active on the same eje and territory through different actions, "
            "with no shared action and no direct tie. Severity c/(c+1) for c shared "
            "(eje × territory) contexts; half if a third actor bridges them.",
        },
        "about.silo": {
            "es": "Actor con al menos 3 lazos, todos internos o todos externos (E–I = ±1). "
            "Gravedad k/(k+1) para k lazos.",
            "en": "Actor with at least 3 ties, all internal or all external (E–I = ±1). "
            "Severity k/(k+1) for k ties.",
        },
        "about.punto_critico": {
            "es": "Punto de articulación de la red de actores (gravedad m/(m+1) para los m "
            "actores que quedarían separados), o actor que lidera al menos la mitad de las "
            "acciones de un eje con 3 o más (gravedad = proporción que lidera).",
            "en": "Articulation point of the actor network (severity m/(m+1) for the m actors "
            "it would cut off), or an actor leading at least half of the actions of an eje "
            "with 3 or more (severity = share it leads).",
        },
        "about.territorio_desatendido": {
            "es": "Territorio del mismo documento donde el eje no tiene ninguna acción, "
            "aunque actúa en otros. Gravedad = territorios cubiertos / candidatos.",
            "en": "A territory of the same document where the eje has no action while it acts "
            "in others. Severity = territories covered / candidates.",
        },
        "about.iniciativa_duplicada": {
            "es": "Dos acciones con títulos casi idénticos (similitud ≥ 0,9 sin tildes, "
            "mayúsculas ni puntuación) bajo objetivos o rectores distintos. Gravedad = "
            "similitud.",
            "en": "Two actions with near-identical titles (similarity ≥ 0.9 ignoring accents, "
            "case and punctuation) under different objectives or leads. Severity = "
            "similarity.",
        },
        "about.estancada": {
            "es": "Acción suspendida (gravedad 0,8) o no iniciada (0,6).",
            "en": "Suspended (severity 0.8) or not started (0.6) action.",
        },
        # evidence sentences
        "ev.estado": {"es": "estado: {v}", "en": "estado: {v}"},
        "ev.eje": {"es": "eje: {v}", "en": "eje: {v}"},
        "ev.articuladores": {"es": "{n} articuladores", "en": "{n} articulators"},
        "ev.rectores": {"es": "rector: {v}", "en": "lead: {v}"},
        "ev.no_articulators": {"es": "ningún articulador", "en": "no articulator"},
        "ev.actores": {"es": "{n} actores y ningún mecanismo",
                       "en": "{n} actors and no mechanism"},
        "ev.contexts": {"es": "activos en {n} contextos sin acción ni relación en común: {list}",
                        "en": "active in {n} contexts with no action or tie in common: {list}"},
        "ev.bridges": {"es": "actor puente: {v}", "en": "bridging actor: {v}"},
        "ev.no_bridge": {"es": "ningún actor los une", "en": "no actor bridges them"},
        "ev.silo": {"es": "E–I = {ei}, {k} lazos: {reading} ({names})",
                    "en": "E–I = {ei}, {k} ties: {reading} ({names})"},
        "ev.sin_dato": {"es": "{n} vecinos sin dato", "en": "{n} neighbours without data"},
        "ev.articulation": {
            "es": "punto de articulación: sin él, {m} actores quedan separados del resto "
            "({n} vecinos; partes: {parts})",
            "en": "articulation point: without it, {m} actors are cut off from the rest "
            "({n} neighbours; pieces: {parts})",
        },
        "ev.dominant": {"es": "lidera {led} de las {n} acciones del eje «{eje}»",
                        "en": "leads {led} of the {n} actions of eje «{eje}»"},
        "ev.territory": {
            "es": "el eje actúa en {c} de {u} territorios ({a} acciones), ninguna aquí",
            "en": "the eje acts in {c} of {u} territories ({a} actions), none here",
        },
        "ev.duplicate": {"es": "similitud {s}; difieren en: {d}",
                         "en": "similarity {s}; they differ in: {d}"},
        "ev.differ.objetivos": {"es": "eje/objetivo", "en": "eje/objective"},
        "ev.differ.rectores": {"es": "ente rector", "en": "lead"},
    }
)


# --- small formatting helpers -----------------------------------------------------------


def number(value: float | None, signed: bool = False) -> str:
    """2 decimals; decimal comma in Spanish; '' for None."""
    if value is None:
        return ""
    text = f"{value:+.2f}" if signed else f"{value:.2f}"
    return text.replace(".", ",") if get_lang() == "es" else text


def kind_label(kind: str) -> str:
    return t(f"kind.{kind}")


def provenance_text(prov: Provenance) -> str:
    return t("report.prov", document=prov.document, table=prov.table, row=prov.row)


def _names(refs: Iterable[Any]) -> str:
    return ", ".join(str(r.get("nombre") or r.get("id")) if isinstance(r, dict)
                     else str(r.nombre or r.id) for r in refs)


def subjects_text(finding: Finding) -> str:
    return " ↔ ".join(s.name or s.id for s in finding.subjects)


def _action_evidence(ev: dict[str, Any], *extra: str) -> list[str]:
    parts = [*extra]
    if ev.get("eje"):
        parts.append(t("ev.eje", v=ev["eje"]))
    if ev.get("estado"):
        parts.append(t("ev.estado", v=ev["estado"]))
    return parts


def evidence_text(finding: Finding) -> str:
    """The finding's evidence as a sentence in the current language."""
    ev, kind = finding.evidence, finding.kind
    if kind == "sin_rector":
        parts = _action_evidence(ev, t("ev.articuladores", n=ev["articuladores"]))
    elif kind == "sin_articuladores":
        parts = _action_evidence(ev, t("ev.rectores", v=", ".join(ev["rectores"])),
                                 t("ev.no_articulators"))
    elif kind == "sin_mecanismo":
        parts = _action_evidence(ev, t("ev.actores", n=ev["actores"]))
    elif kind == "estancada":
        parts = _action_evidence(ev, *([t("ev.rectores", v=", ".join(ev["rectores"]))]
                                       if ev["rectores"] else []))
    elif kind == "coordinacion_faltante":
        contexts = "; ".join(f"{c['eje']} / {c['territorio']}" for c in ev["contextos"])
        parts = [t("ev.contexts", n=ev["n_contextos"], list=contexts),
                 t("ev.bridges", v=_names(ev["puentes"])) if ev["puentes"]
                 else t("ev.no_bridge")]
    elif kind == "silo":
        external = ev["ei"] > 0
        parts = [t("ev.silo", ei=number(ev["ei"], signed=True), k=ev["lazos"],
                   reading=ei_reading(ev["interno"], len(ev["externos"]), len(ev["internos"])),
                   names=_names(ev["externos"] if external else ev["internos"]))]
        if ev["sin_dato"]:
            parts.append(t("ev.sin_dato", n=ev["sin_dato"]))
    elif kind == "punto_critico" and ev["motivo"] == "articulacion":
        parts = [t("ev.articulation", m=ev["aislados"], n=ev["vecinos"],
                   parts=", ".join(map(str, ev["partes"])))]
    elif kind == "punto_critico":
        parts = [t("ev.dominant", led=ev["lidera"], n=ev["acciones"], eje=ev["eje"])]
    elif kind == "territorio_desatendido":
        parts = [t("ev.territory", c=ev["cubiertos"], u=ev["universo"], a=ev["acciones_eje"])]
    elif kind == "iniciativa_duplicada":
        parts = [t("ev.duplicate", s=number(ev["similitud"]),
                   d=", ".join(t(f"ev.differ.{d}") for d in ev["difieren"]))]
    else:
        parts = [json.dumps(ev, ensure_ascii=False)]
    return "; ".join(parts)


def reading(actor: ActorEI) -> str:
    """A one-phrase reading of an actor's E–I index."""
    if actor.interno is None:
        return t("report.read.unknown")
    if actor.ei is None:
        return t("report.read.none")
    return ei_reading(actor.interno, actor.e, actor.i)


def ei_reading(interno: bool, external: int, internal: int) -> str:
    """E and I in words, from the side of the administration the actor is on."""
    side = "in" if interno else "out"
    if not internal:
        return t(f"report.read.{side}.ext_only")
    if not external:
        return t(f"report.read.{side}.int_only")
    return t(f"report.read.{side}.mixed", i=internal, e=external)


def no_articulator_rows(report: GapReport) -> list[tuple[Provenance, Finding]]:
    """(row, finding) for every action the report shows without any articulator."""
    found = []
    for finding in report.findings:
        lacking = finding.kind == "sin_articuladores" or (
            finding.kind == "sin_rector" and finding.evidence.get("articuladores") == 0)
        if lacking:
            found.extend((prov, finding) for prov in finding.provenance)
    return sorted(found, key=lambda p: (p[0].document, p[0].table, p[0].row,
                                        p[1].subjects[0].id))


# --- tables shared by every format ------------------------------------------------------

Table = tuple[list[str], list[list[Any]]]


def summary_table(report: GapReport) -> Table:
    rows = [[kind_label(k), n] for k, n in report.summary.por_tipo.items()]
    return [t("report.kind"), t("report.count")], rows


def document_table(report: GapReport) -> Table:
    kinds = [k for k in report.summary.tipos
             if any(k in c for c in report.summary.por_documento.values())]
    rows = [[doc, *(counts.get(k, 0) for k in kinds)]
            for doc, counts in report.summary.por_documento.items()]
    return [t("report.document"), *map(kind_label, kinds)], rows


def responsible_table(report: GapReport) -> Table:
    rows = [
        [a.nombre or a.actor_id, "; ".join(a.responsable_de),
         f"{a.i}: {_names(a.internos)}" if a.i else "0",
         f"{a.e}: {_names(a.externos)}" if a.e else "0",
         number(a.ei, signed=True), reading(a), a.notas or ""]
        for a in report.ei_por_actor if a.responsable_de
    ]
    headers = [t("report.actor"), t("report.responsible_for"), t("report.internal_ties"),
               t("report.external_ties"), "E–I", t("report.reading"), t("report.notes")]
    return headers, rows


def no_articulator_table(report: GapReport) -> Table:
    rows = [[p.document, p.table, p.row, f.subjects[0].name or f.subjects[0].id,
             ", ".join(f.evidence.get("rectores", [])), kind_label(f.kind)]
            for p, f in no_articulator_rows(report)]
    return [t("report.document"), t("report.table"), t("report.row"), t("report.action"),
            t("report.leads"), t("report.kind")], rows


def eje_table(report: GapReport) -> Table:
    rows = [[e.eje or e.eje_id, e.actores, e.lazos, e.internos, e.externos,
             number(e.ei, signed=True), number(e.densidad)] for e in report.ei_por_eje]
    return [t("report.eje"), t("report.actors"), t("report.ties"), t("report.internal"),
            t("report.external"), "E–I", t("report.density")], rows


def actor_table(report: GapReport) -> Table:
    rows = [[a.nombre or a.actor_id, t("report.yes") if a.interno else t("report.no"),
             a.i, a.e, a.sin_dato, number(a.ei, signed=True), reading(a)]
            for a in report.ei_por_actor if a.e + a.i + a.sin_dato and a.interno is not None]
    return [t("report.actor"), t("report.in_admin"), t("report.internal"), t("report.external"),
            t("report.no_data"), "E–I", t("report.reading")], rows


def finding_rows(findings: Iterable[Finding], all_sources: bool) -> list[list[Any]]:
    rows = []
    for f in findings:
        shown = f.provenance if all_sources else f.provenance[:SHOWN_SOURCES]
        sources = "; ".join(map(provenance_text, shown))
        if len(f.provenance) > len(shown):
            sources += "; " + t("report.more", n=len(f.provenance) - len(shown))
        rows.append([number(f.severity), subjects_text(f), evidence_text(f), sources])
    return rows


FINDING_HEADERS = ("report.severity", "report.subjects", "report.evidence", "report.provenance")


def flat_rows(report: GapReport) -> Table:
    """One row per finding, every source: the CSV and the XLSX findings sheet."""
    headers = [t("report.kind_id"), t("report.kind"), t("report.severity"),
               t("report.subject_ids"), t("report.subjects"), t("report.evidence"),
               t("report.provenance")]
    rows = [
        [f.kind, kind_label(f.kind), f.severity, "; ".join(s.id for s in f.subjects),
         subjects_text(f), evidence_text(f), "; ".join(map(provenance_text, f.provenance))]
        for f in report.findings
    ]
    return headers, rows


def _by_kind(report: GapReport) -> list[tuple[str, list[Finding]]]:
    return [(k, [f for f in report.findings if f.kind == k]) for k in report.summary.tipos]


def _filters(report: GapReport) -> str:
    given = {k: v for k, v in report.summary.filtros.items() if v}
    return ", ".join(f"{k} = {v}" for k, v in given.items())


# --- Markdown ---------------------------------------------------------------------------


def _md_cell(value: Any) -> str:
    text = html.escape("" if value is None else str(value), quote=False)
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _md_table(table: Table) -> list[str]:
    headers, rows = table
    if not rows:
        return [t("report.none"), ""]
    lines = ["| " + " | ".join(map(_md_cell, headers)) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(map(_md_cell, row)) + " |" for row in rows]
    return [*lines, ""]


def _sections(report: GapReport) -> list[tuple[str, str | None, Table]]:
    """(heading, intro, table) of the report's summary sections, in order."""
    return [
        (t("report.responsible"), t("report.responsible_intro"), responsible_table(report)),
        (t("report.no_articulators"), t("report.no_articulators_intro"),
         no_articulator_table(report)),
        (t("report.ei_eje"), t("report.ei_eje_intro"), eje_table(report)),
        (t("report.ei_actor"), t("report.ei_actor_intro"), actor_table(report)),
    ]


def to_markdown(report: GapReport) -> str:
    lines = [f"# {t('report.title')}", ""]
    if _filters(report):
        lines += [_md_cell(t("report.filters", filters=_filters(report))), ""]
    lines += [f"## {t('report.summary')}", "", t("report.total", n=report.summary.total), ""]
    lines += _md_table(summary_table(report))
    lines += [f"### {t('report.by_document')}", "", *_md_table(document_table(report))]
    for heading, intro, table in _sections(report):
        lines += [f"## {_md_cell(heading)}", ""]
        if intro:
            lines += [_md_cell(intro), ""]
        lines += _md_table(table)
    lines += [f"## {t('report.findings')}", ""]
    for kind, findings in _by_kind(report):
        lines += [f"### {_md_cell(kind_label(kind))} ({len(findings)})", "",
                  _md_cell(t(f"about.{kind}")), ""]
        lines += _md_table(([t(h) for h in FINDING_HEADERS], finding_rows(findings, False)))
    return "\n".join(lines)


# --- HTML -------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:75rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.num{text-align:right}p.about{color:#555}
"""


def _html_table(table: Table) -> str:
    headers, rows = table
    if not rows:
        return f"<p>{html.escape(t('report.none'))}</p>"
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="num">{v}</td>' if isinstance(v, int | float) and not isinstance(v, bool)
            else f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row
        ) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(report: GapReport) -> str:
    e = html.escape
    parts = [f'<!DOCTYPE html><html lang="{get_lang()}"><head><meta charset="utf-8">',
             f"<title>{e(t('report.title'))}</title><style>{_CSS}</style></head><body>",
             f"<h1>{e(t('report.title'))}</h1>"]
    if _filters(report):
        parts.append(f"<p>{e(t('report.filters', filters=_filters(report)))}</p>")
    parts += [f"<h2>{e(t('report.summary'))}</h2>",
              f"<p>{e(t('report.total', n=report.summary.total))}</p>",
              _html_table(summary_table(report)),
              f"<h3>{e(t('report.by_document'))}</h3>", _html_table(document_table(report))]
    for heading, intro, table in _sections(report):
        parts.append(f"<h2>{e(heading)}</h2>")
        if intro:
            parts.append(f'<p class="about">{e(intro)}</p>')
        parts.append(_html_table(table))
    parts.append(f"<h2>{e(t('report.findings'))}</h2>")
    for kind, findings in _by_kind(report):
        parts += [f'<h3 id="{e(kind)}">{e(kind_label(kind))} ({len(findings)})</h3>',
                  f'<p class="about">{e(t(f"about.{kind}"))}</p>',
                  _html_table(([t(h) for h in FINDING_HEADERS], finding_rows(findings, False)))]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# --- CSV, JSON, XLSX --------------------------------------------------------------------


def to_csv(report: GapReport) -> str:
    headers, rows = flat_rows(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in [headers, *rows]:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def to_json(report: GapReport) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def to_xlsx(report: GapReport, path: Path) -> None:
    book = Workbook()
    sheets: list[tuple[str, Table]] = [
        (t("report.summary"), summary_table(report)),
        (t("report.findings"), flat_rows(report)),
        (t("report.by_document"), document_table(report)),
        (t("report.sheet_responsible"), responsible_table(report)),
        (t("report.no_articulators").split(",")[0], no_articulator_table(report)),
        (t("report.ei_eje"), eje_table(report)),
        (t("report.ei_actor"), actor_table(report)),
    ]
    book.remove(book.active)
    for title, (headers, rows) in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append([safe_cell(h) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
        sheet.freeze_panes = "A2"
    book.save(path)


TEXT_RENDERERS: dict[str, Callable[[GapReport], str]] = {
    "md": to_markdown, "csv": to_csv, "json": to_json, "html": to_html,
}


def write_report(report: GapReport, fmt: str, path: Path) -> None:
    """Write ``report`` to ``path`` in ``fmt`` (CSV with a BOM so Excel reads the accents)."""
    if fmt == "xlsx":
        to_xlsx(report, path)
        return
    path.write_text(TEXT_RENDERERS[fmt](report), encoding="utf-8-sig" if fmt == "csv" else "utf-8")
