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

from collections.abc import Iterable
from typing import Any

from tejido.graph.i18n import register, t
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
    status_label,
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
        "report.kind_id": {"es": "tipo", "en": "kind"},
        "report.subject_ids": {"es": "ids", "en": "ids"},
        "report.yes": {"es": "sí", "en": "yes"},
        "report.by_status": {"es": "{brecha} brechas; {pending} por confirmar (limpieza de "
                                   "datos).",
                             "en": "{brecha} gaps; {pending} to confirm (data cleaning)."},
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
        "report.status": {"es": "Estado del hallazgo", "en": "Finding status"},
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
                  "({findings} de tipo {kinds} no se informan).",
            "en": "Document {document} does not record {field}: {actions} without data "
                  "({findings} of kind {kinds} not reported).",
        },
        "report.n_actions.one": {"es": "1 acción", "en": "1 action"},
        "report.n_actions.other": {"es": "{n} acciones", "en": "{n} actions"},
        "report.n_findings.one": {"es": "1 hallazgo", "en": "1 finding"},
        "report.n_findings.other": {"es": "{n} hallazgos", "en": "{n} findings"},
        "report.no": {"es": "no", "en": "no"},
    }
)

#: Message keys of the findings table's headers, in column order.
FINDING_HEADERS = ("report.severity", "report.subjects", "report.evidence", "report.provenance")


# --- readings ---------------------------------------------------------------------------


def provenance_text(prov: Provenance) -> str:
    """Where a finding comes from, as the planner finds it in the source: document, table,
    row — said so when the row is cited for printing a merged cell filled down below."""
    key = "report.prov_printed" if prov.impreso else "report.prov"
    return t(key, document=prov.document, table=prov.table, row=prov.row)


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


def by_kind(report: GapReport) -> list[tuple[str, list[Finding]]]:
    """The ``brecha`` findings grouped by kind, in the report's order of kinds (the
    ``por_confirmar`` ones are :func:`pending_table`)."""
    return [(k, [f for f in report.findings if f.kind == k and f.status == "brecha"])
            for k in report.summary.tipos]


def status_text(report: GapReport) -> str:
    """How many findings are gaps and how many wait on data cleaning."""
    counts = report.summary.por_estado
    return t("report.by_status", brecha=counts.get("brecha", 0),
             pending=counts.get("por_confirmar", 0))


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
    """One sentence per document and field it does not record («El documento 000 no
    registra mecanismos de articulación: 69 acciones sin dato …»)."""
    return [t("report.not_recorded_line", document=e.document, field=field_label(e.field),
              actions=_counted("report.n_actions", e.actions),
              findings=_counted("report.n_findings", e.silenced),
              kinds=", ".join(map(kind_label, e.kinds)))
            for e in report.not_recorded]


def _counted(key: str, n: int) -> str:
    """«1 acción», «3 acciones»: both languages put one apart from every other number."""
    return t(f"{key}.{'one' if n == 1 else 'other'}", n=n)


def _sources_text(f: Finding) -> str:
    shown = f.provenance[:SHOWN_SOURCES]
    sources = "; ".join(map(provenance_text, shown))
    if len(f.provenance) > len(shown):
        sources += "; " + t("report.more", n=len(f.provenance) - len(shown))
    return sources


def pending_table(report: GapReport) -> Table:
    """The ``por_confirmar`` findings with the cleaning step that would settle each."""
    rows = [[kind_label(f.kind), measure(f.severity), subjects_text(f), evidence_text(f),
             f.evidence.get(REASON, ""), _sources_text(f)]
            for f in report.findings if f.status == "por_confirmar"]
    return [t("report.kind"), *(t(h) for h in FINDING_HEADERS[:3]), t("report.reason"),
            t(FINDING_HEADERS[3])], rows


# --- tables -----------------------------------------------------------------------------


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
         f"{a.i}: {names_text(a.internos)}" if a.i else "0",
         f"{a.e}: {names_text(a.externos)}" if a.e else "0",
         measure(a.ei, signed=True), reading(a), a.notas or ""]
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
             measure(e.ei, signed=True), measure(e.densidad)] for e in report.ei_por_eje]
    return [t("report.eje"), t("report.actors"), t("report.ties"), t("report.internal"),
            t("report.external"), "E–I", t("report.density")], rows


def actor_table(report: GapReport) -> Table:
    rows = [[a.nombre or a.actor_id, t("report.yes") if a.interno else t("report.no"),
             a.i, a.e, a.sin_dato, measure(a.ei, signed=True), reading(a)]
            for a in report.ei_por_actor if a.e + a.i + a.sin_dato and a.interno is not None]
    return [t("report.actor"), t("report.in_admin"), t("report.internal"), t("report.external"),
            t("report.no_data"), "E–I", t("report.reading")], rows


def sections(report: GapReport) -> list[tuple[str, str | None, Table]]:
    """(heading, intro, table) of the report's sections between the summary and the
    findings, in order (Markdown and HTML)."""
    return [
        (t("report.responsible"), t("report.responsible_intro"), responsible_table(report)),
        (t("report.no_articulators"), t("report.no_articulators_intro"),
         no_articulator_table(report)),
        (t("report.ei_eje"), t("report.ei_eje_intro"), eje_table(report)),
        (t("report.ei_actor"), t("report.ei_actor_intro"), actor_table(report)),
    ]


def finding_table(findings: Iterable[Finding]) -> Table:
    """One kind's findings for reading (Markdown, HTML): at most :data:`SHOWN_SOURCES`
    source rows each, then how many more there are."""
    rows = [[measure(f.severity), subjects_text(f), evidence_text(f), _sources_text(f)]
            for f in findings]
    return [t(h) for h in FINDING_HEADERS], rows


def flat_rows(report: GapReport) -> Table:
    """One row per finding, every source: the CSV and the XLSX findings sheet."""
    headers = [t("report.kind_id"), t("report.kind"), t("report.severity"),
               t("report.subject_ids"), t("report.subjects"), t("report.evidence"),
               t("report.provenance"), t("report.status"), t("report.reason")]
    rows = [
        [f.kind, kind_label(f.kind), f.severity, "; ".join(s.id for s in f.subjects),
         subjects_text(f), evidence_text(f), "; ".join(map(provenance_text, f.provenance)),
         status_label(f.status), f.evidence.get(REASON, "")]
        for f in report.findings
    ]
    return headers, rows
