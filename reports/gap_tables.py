"""The gap report's content as tables, shared by every format.

Each section of the report (summary, counts per document, responsible actors, actions
without articulators, E–I per eje and per actor, the findings) is built once here as
headers and rows; :mod:`tejido.reports.gap_text` lays them out as Markdown or HTML and
:mod:`tejido.reports.gap_files` as CSV or XLSX, so the formats cannot disagree. Headings
and readings follow the current language; the data (titles, names, estados) keeps its
Spanish. What each gap kind is called and how its evidence reads comes from
:mod:`tejido.queries.gaps`, beside the analysis that finds it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from tejido.graph.i18n import integer, register, t, tn
from tejido.queries.gaps import (
    REASON,
    ActorEI,
    Finding,
    GapReport,
    Provenance,
    ei_reading,
    evidence_text,
    field_label,
    kind_label,
    names_text,
    number,
    subjects_text,
)

#: Rows of provenance shown per finding in Markdown/HTML (JSON, CSV and XLSX keep all).
SHOWN_SOURCES = 5

#: A section as (headers, rows).
Table = tuple[list[str], list[list[Any]]]

register(
    {
        "report.title": {"es": "Brechas de coordinación", "en": "Coordination gaps"},
        "report.filters": {"es": "Filtros: {filters}", "en": "Filters: {filters}"},
        "report.summary": {"es": "Resumen", "en": "Summary"},
        "report.total": {"es": "{n} hallazgos.", "en": "{n} findings."},
        "report.total.one": {"es": "1 hallazgo.", "en": "1 finding."},
        "report.n_gaps.one": {"es": "1 brecha", "en": "1 gap"},
        "report.n_gaps.other": {"es": "{n} brechas", "en": "{n} gaps"},
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
        "report.more_rows.one": {
            "es": "… y 1 fila más: la tabla completa está en el informe XLSX.",
            "en": "… and 1 more row: the full table is in the XLSX report.",
        },
        "report.more_rows.other": {
            "es": "… y {n} filas más: la tabla completa está en el informe XLSX.",
            "en": "… and {n} more rows: the full table is in the XLSX report.",
        },
        "report.more.one": {
            "es": "… y 1 hallazgo más de menor prioridad: la lista completa está en los "
                  "informes CSV, XLSX y JSON (tejido gaps --format csv).",
            "en": "… and 1 more lower-priority finding: the full list is in the CSV, XLSX "
                  "and JSON reports (tejido gaps --format csv).",
        },
        "report.more.other": {
            "es": "… y {n} hallazgos más de menor prioridad: la lista completa está en los "
                  "informes CSV, XLSX y JSON (tejido gaps --format csv).",
            "en": "… and {n} more lower-priority findings: the full list is in the CSV, XLSX "
                  "and JSON reports (tejido gaps --format csv).",
        },
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
        "report.prov_printed": {
            "es": "{document} · {table} · fila {row} (impresa aquí la celda combinada)",
            "en": "{document} · {table} · row {row} (the merged cell is printed here)",
        },
        "report.yes": {"es": "sí", "en": "yes"},
        "report.by_status": {"es": "{brecha}; {pending} por confirmar (limpieza de datos).",
                             "en": "{brecha}; {pending} to confirm (data cleaning)."},
        "report.pending": {"es": "Por confirmar (limpieza de datos)",
                           "en": "To confirm (data cleaning)"},
        "report.pending_intro": {
            "es": "Hallazgos que descansan en un actor genérico, en uno no resuelto (nombrado "
                  "y no declarado) o en un dato derivado: antes de tratarlos como brechas, dé "
                  "el paso de limpieza indicado.",
            "en": "Findings resting on a generic actor, an unresolved one (named and never "
                  "declared) or a derived fact: before treating them as gaps, take the "
                  "cleaning step given.",
        },
        "report.reason": {"es": "Paso de limpieza", "en": "Cleaning step"},
        "report.not_recorded": {"es": "Datos que los documentos no registran",
                                "en": "Data the documents do not record"},
        "report.not_recorded_intro": {
            "es": "Un dato que falta no es una coordinación que falta: estos tipos de "
                  "hallazgo no se informan para los documentos que no registran el campo.",
            "en": "A missing fact is not a missing coordination: these kinds of finding are "
                  "not reported for the documents that do not record the field.",
        },
        "report.not_recorded_line": {
            "es": "El documento {document} no registra {field}: {actions} sin dato "
                  "({findings} de tipo {kinds} {verb}).",
            "en": "Document {document} does not record {field}: {actions} without data "
                  "({findings} of kind {kinds} not reported).",
        },
        "report.not_recorded_table": {
            "es": "El documento {document}, tabla «{table}», no registra {field}: {actions} "
                  "sin dato ({findings} de tipo {kinds} {verb}).",
            "en": "Document {document}, table «{table}», does not record {field}: {actions} "
                  "without data ({findings} of kind {kinds} not reported).",
        },
        "report.not_recorded_tipos": {
            "es": "El documento {document}, tabla «{table}», no registra {field} en sus "
                  "acciones de tipo {tipos}: {actions} sin dato ({findings} de tipo {kinds} "
                  "{verb}).",
            "en": "Document {document}, table «{table}», does not record {field} for its "
                  "actions of tipo {tipos}: {actions} without data ({findings} of kind "
                  "{kinds} not reported).",
        },
        "report.not_reported.one": {"es": "no se informa", "en": "not reported"},
        "report.not_reported.other": {"es": "no se informan", "en": "not reported"},
        "report.n_actions.one": {"es": "1 acción", "en": "1 action"},
        "report.n_actions.other": {"es": "{n} acciones", "en": "{n} actions"},
        "report.n_findings.one": {"es": "1 hallazgo", "en": "1 finding"},
        "report.n_findings.other": {"es": "{n} hallazgos", "en": "{n} findings"},
        "report.no": {"es": "no", "en": "no"},
        "report.priority": {"es": "Prioridad", "en": "Priority"},
        "report.step": {"es": "Siguiente paso", "en": "Next step"},
    }
)

#: Message keys of the findings table's headers, in column order.
FINDING_HEADERS = ("report.priority", "report.severity", "report.subjects", "report.evidence",
                   "report.step", "report.provenance")

#: Machine headers of the one-row-per-finding table (CSV, the XLSX findings sheet): the
#: same in every language, so a script reads both (the JSON's keys where there is one).
FLAT_HEADERS = ("top_rank", "id", "kind", "kind_label", "status", "priority", "severity",
                "subject_ids", "subjects", "evidence", "recommendation", REASON, "provenance")

#: The analyses after the findings: (HTML id, heading's message key), in report order.
ANALYSES = (("responsables", "report.responsible"), ("sin-articuladores", "report.no_articulators"),
            ("ei-eje", "report.ei_eje"), ("ei-actor", "report.ei_actor"))


# --- readings ---------------------------------------------------------------------------


R = TypeVar("R")
#: The titles of the report being written (id -> title): every table names a document by
#: its title, set once per report by :func:`titled` rather than threaded through every
#: table builder.
_TITLES: ContextVar[Mapping[str, str] | None] = ContextVar("document_titles", default=None)


def titled(render: Callable[[GapReport], R]) -> Callable[[GapReport], R]:
    """A report writer that names documents by their titles (``report.documentos``)."""
    @wraps(render)
    def writer(report: GapReport) -> R:
        token = _TITLES.set(report.documentos)
        try:
            return render(report)
        finally:
            _TITLES.reset(token)
    return writer


def document_name(document: str) -> str:
    """A document as a planner knows it: its title, else its id."""
    return (_TITLES.get() or {}).get(document) or document


def provenance_text(prov: Provenance) -> str:
    """Where a finding comes from, as the planner finds it in the source: document, table,
    row — said so when the row is cited for printing a merged cell filled down below."""
    key = "report.prov_printed" if prov.impreso else "report.prov"
    return t(key, document=document_name(prov.document), table=prov.table, row=prov.row)


def reading(actor: ActorEI) -> str:
    """A one-phrase reading of an actor's E–I index."""
    if actor.interno is None:
        return t("report.read.unknown")
    if actor.ei is None:
        return t("report.read.none")
    return ei_reading(actor.interno, actor.e, actor.i)


def no_articulator_rows(report: GapReport) -> list[tuple[Provenance, Finding]]:
    """(row, finding) for every action the report shows without any articulator."""
    found = []
    for finding in report.findings:
        lacking = finding.kind == "sin_articuladores" or (
            finding.kind == "sin_rector" and finding.evidence.get("articuladores") == 0)
        if lacking:
            found.extend((prov, finding) for prov in finding.provenance if not prov.impreso)
    return sorted(found, key=lambda p: (p[0].document, p[0].table, p[0].row,
                                        p[1].subjects[0].id))


def filters_text(report: GapReport) -> str:
    """The filters the report was asked with ("eje = …, territorio = …"), '' for none."""
    given = {k: v for k, v in report.summary.filtros.items() if v}
    return ", ".join(f"{k} = {v}" for k, v in given.items())


#: How many findings of one kind (and of the cleaning list) the documents to read (Markdown,
#: HTML) list, highest priority first. A planner reads the head of each list; a portfolio
#: of 40 000 actions has tens of thousands of findings, which would make a page of tens of
#: megabytes. The CSV, XLSX and JSON reports keep every finding.
SHOWN = 50


def shown(findings: list[Finding], at_least: int = 0) -> tuple[list[Finding], str | None]:
    """The first :data:`SHOWN` findings (``at_least`` if more: the executive summary's
    links must find their rows), and the sentence saying how many more there are and
    where (None when every finding is shown)."""
    limit = max(SHOWN, at_least)
    rest = len(findings) - limit
    if rest <= 0:
        return findings, None
    return findings[:limit], t(f"report.more.{'one' if rest == 1 else 'other'}",
                               n=integer(rest))


#: How many rows an analysis table (E–I per actor, rows without articulators…) lists in
#: the documents to read; the XLSX report keeps every row.
SHOWN_ROWS = 200


def capped(table: Table) -> tuple[Table, str | None]:
    """The first :data:`SHOWN_ROWS` rows of an analysis table, and the sentence saying how
    many more there are (None when all are shown)."""
    headers, rows = table
    rest = len(rows) - SHOWN_ROWS
    if rest <= 0:
        return table, None
    return (headers, rows[:SHOWN_ROWS]), t(f"report.more_rows.{'one' if rest == 1 else 'other'}",
                                           n=integer(rest))


def pending_findings(report: GapReport) -> list[Finding]:
    return [f for f in report.findings if f.status == "por_confirmar"]


def by_kind(report: GapReport) -> list[tuple[str, list[Finding]]]:
    """The ``brecha`` findings grouped by kind, in the report's order of kinds (the
    ``por_confirmar`` ones are :func:`pending_table`)."""
    return [(k, [f for f in report.findings if f.kind == k and f.status == "brecha"])
            for k in report.summary.tipos]


def total_text(report: GapReport) -> str:
    """«69 hallazgos.», «1 hallazgo.»"""
    n = report.summary.total
    return tn("report.total", n, n=integer(n))


def status_text(report: GapReport) -> str:
    """How many findings are gaps and how many wait on data cleaning."""
    counts = report.summary.por_estado
    return t("report.by_status", brecha=_counted("report.n_gaps", counts.get("brecha", 0)),
             pending=integer(counts.get("por_confirmar", 0)))


class Number(float):
    """A measure in a report table: text formats print it in the locale's style (2
    decimals, decimal comma in Spanish, a sign for E–I); a spreadsheet keeps the number."""

    signed: bool = False

    def __new__(cls, value: float, signed: bool = False) -> Number:
        made = super().__new__(cls, value)
        made.signed = signed
        return made

    def __str__(self) -> str:
        return number(float(self), signed=self.signed)

    @property
    def excel_format(self) -> str:
        return "+0.00;-0.00;0.00" if self.signed else "0.00"


def measure(value: float | None, signed: bool = False) -> Number | str:
    """A table cell for a measure that may be missing («» when there is none)."""
    return "" if value is None else Number(value, signed)


def not_recorded_lines(report: GapReport) -> list[str]:
    """One sentence per document (or table of it, or tipos of action of that table) and
    field it does not record («El documento 000 no registra mecanismos de articulación: 69
    acciones sin dato …»)."""
    lines = []
    for e in report.not_recorded:
        key = ("report.not_recorded_line" if e.table is None else
               "report.not_recorded_tipos" if e.tipos else "report.not_recorded_table")
        lines.append(t(key, document=document_name(e.document), table=e.table,
                       tipos=", ".join(e.tipos),
                       field=field_label(e.field),
                       actions=_counted("report.n_actions", e.actions),
                       findings=_counted("report.n_findings", e.silenced),
                       verb=_counted("report.not_reported", e.silenced),
                       kinds=", ".join(map(kind_label, e.kinds))))
    return lines


def _counted(key: str, n: int) -> str:
    """«1 acción», «3 acciones»: both languages put one apart from every other number."""
    return t(f"{key}.{'one' if n == 1 else 'other'}", n=integer(n))


def _sources_text(f: Finding) -> str:
    shown = f.provenance[:SHOWN_SOURCES]
    sources = "; ".join(map(provenance_text, shown))
    if len(f.provenance) > len(shown):
        sources += "; " + t("report.more", n=len(f.provenance) - len(shown))
    return sources


def pending_table(findings: Iterable[Finding]) -> Table:
    """``por_confirmar`` findings with the cleaning step that would settle each (the
    finding's recommendation, which for these is that step, else its evidence's)."""
    rows = [[kind_label(f.kind), measure(f.severity), subjects_text(f), evidence_text(f),
             f.recommendation or f.evidence.get(REASON, ""), _sources_text(f)]
            for f in findings]
    return [t("report.kind"), t("report.severity"), t("report.subjects"), t("report.evidence"),
            t("report.reason"), t("report.provenance")], rows


# --- tables -----------------------------------------------------------------------------


def summary_table(report: GapReport) -> Table:
    rows = [[kind_label(k), n] for k, n in report.summary.por_tipo.items()]
    return [t("report.kind"), t("report.count")], rows


def document_table(report: GapReport) -> Table:
    kinds = [k for k in report.summary.tipos
             if any(k in c for c in report.summary.por_documento.values())]
    rows = [[document_name(doc), *(counts.get(k, 0) for k in kinds)]
            for doc, counts in report.summary.por_documento.items()]
    return [t("report.document"), *map(kind_label, kinds)], rows


def responsible_table(report: GapReport) -> Table:
    rows = [
        [a.nombre or a.actor_id, "; ".join(a.responsable_de),
         f"{a.i}: {names_text(a.internos)}" if a.i else "0",
         f"{a.e}: {names_text(a.externos)}" if a.e else "0",
         measure(a.ei, signed=True), reading(a), a.notas or ""]
        for a in report.ei_por_actor if a.responsable_de
    ]
    headers = [t("report.actor"), t("report.responsible_for"), t("report.internal_ties"),
               t("report.external_ties"), "E–I", t("report.reading"), t("report.notes")]
    return headers, rows


def no_articulator_table(report: GapReport) -> Table:
    rows = [[document_name(p.document), p.table, p.row, f.subjects[0].name or f.subjects[0].id,
             ", ".join(f.evidence.get("rectores", [])), kind_label(f.kind)]
            for p, f in no_articulator_rows(report)]
    return [t("report.document"), t("report.table"), t("report.row"), t("report.action"),
            t("report.leads"), t("report.kind")], rows


def eje_table(report: GapReport) -> Table:
    rows = [[e.eje or e.eje_id, e.actores, e.lazos, e.internos, e.externos,
             measure(e.ei, signed=True), measure(e.densidad)] for e in report.ei_por_eje]
    return [t("report.eje"), t("report.actors"), t("report.ties"), t("report.internal"),
            t("report.external"), "E–I", t("report.density")], rows


def actor_table(report: GapReport) -> Table:
    rows = [[a.nombre or a.actor_id, t("report.yes") if a.interno else t("report.no"),
             a.i, a.e, a.sin_dato, measure(a.ei, signed=True), reading(a)]
            for a in report.ei_por_actor if a.e + a.i + a.sin_dato and a.interno is not None]
    return [t("report.actor"), t("report.in_admin"), t("report.internal"), t("report.external"),
            t("report.no_data"), "E–I", t("report.reading")], rows


def sections(report: GapReport) -> list[tuple[str, str, str | None, Table]]:
    """(HTML id, heading, intro, table) of the analyses after the findings, in order
    (Markdown and HTML)."""
    tables = {"responsables": (t("report.responsible_intro"), responsible_table),
              "sin-articuladores": (t("report.no_articulators_intro"), no_articulator_table),
              "ei-eje": (t("report.ei_eje_intro"), eje_table),
              "ei-actor": (t("report.ei_actor_intro"), actor_table)}
    return [(anchor, t(key), tables[anchor][0], tables[anchor][1](report))
            for anchor, key in ANALYSES]


def finding_table(findings: Iterable[Finding]) -> Table:
    """One kind's findings for reading (Markdown, HTML), highest priority first: at most
    :data:`SHOWN_SOURCES` source rows each, then how many more there are."""
    rows = [[measure(f.priority), measure(f.severity), subjects_text(f), evidence_text(f),
             f.recommendation, _sources_text(f)] for f in findings]
    return [t(h) for h in FINDING_HEADERS], rows


def flat_rows(report: GapReport, findings: Iterable[Finding] | None = None) -> Table:
    """One row per finding (``findings``: a slice of the report's, by default all of
    them), every source, in the report's order (the summary's findings first, marked by
    their rank): the CSV and the XLSX findings sheet."""
    ranks = {top.id: top.rank for top in report.summary.top}
    rows = [
        [ranks.get(f.id, ""), f.id, f.kind, kind_label(f.kind), f.status, f.priority,
         f.severity, "; ".join(s.id for s in f.subjects), subjects_text(f), evidence_text(f),
         f.recommendation, f.evidence.get(REASON, ""),
         "; ".join(map(provenance_text, f.provenance))]
        for f in (report.findings if findings is None else findings)
    ]
    return list(FLAT_HEADERS), rows
