"""The gap report's front matter: the executive summary, the sections' order and anchors.

Issue 10 (item 7): a planner must meet what to do first before any table, so every
format opens with the top ``brecha`` findings (``summary.top``, ``tejido gaps --top N``)
and their next steps; the HTML adds a table of contents and links from the summary to
each finding. What is built here — the summary's rows, the one sentence when it is
empty, the section list and each finding's anchor — is shared by Markdown, HTML and
XLSX (:mod:`tejido.reports.gap_text`, :mod:`tejido.reports.gap_files`), so the formats
open the same way and list their sections in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from tejido.graph.i18n import integer, register, t
from tejido.queries.gaps import GapReport, kind_label
from tejido.queries.gaps.contexto_fragmentado import PAIRS_PER_CONTEXT

from .gap_tables import ANALYSES, Number, Table

register(
    {
        "report.exec": {"es": "Resumen ejecutivo", "en": "Executive summary"},
        "report.exec_intro.other": {
            "es": "Las {n} brechas de mayor prioridad y el siguiente paso para cada una. La "
                  "prioridad (0 a 1) ordena qué atender primero; el detalle y la evidencia de "
                  "cada una están en «Brechas».",
            "en": "The {n} highest-priority gaps and the next step for each. The priority "
                  "(0 to 1) orders what to act on first; each one's detail and evidence are "
                  "under «Gaps».",
        },
        "report.exec_none_asked": {
            "es": "El resumen ejecutivo no lista ninguna brecha (se pidió --top 0); las {n} "
                  "brechas están en «Brechas».",
            "en": "The executive summary lists no gap (--top 0 was asked); the {n} gaps are "
                  "under «Gaps».",
        },
        "report.exec_none_found": {
            "es": "El resumen ejecutivo no lista ninguna brecha: no se encontró ninguna "
                  "(los hallazgos por confirmar están en «Por confirmar (limpieza de datos)»).",
            "en": "The executive summary lists no gap: none was found (the findings to "
                  "confirm are under «To confirm (data cleaning)»).",
        },
        "report.exec_line": {
            "es": "{kind}: {subjects} — prioridad {priority}. Siguiente paso: {step}",
            "en": "{kind}: {subjects} — priority {priority}. Next step: {step}",
        },
        "report.no_step": {"es": "(sin recomendación)", "en": "(no recommendation)"},
        "report.see": {"es": "ver detalle", "en": "see detail"},
        "report.contents": {"es": "Contenido", "en": "Contents"},
        "report.gaps": {"es": "Brechas", "en": "Gaps"},
        "report.counts": {"es": "Recuento por tipo y documento",
                          "en": "Counts per kind and document"},
        "report.counts_sheet": {"es": "Recuento", "en": "Counts"},
        # Sheet names: Excel allows 31 characters, so the long headings get short names.
        "report.pending_sheet": {"es": "Por confirmar (limpieza)",
                                 "en": "To confirm (cleaning)"},
        "report.not_recorded_sheet": {"es": "No registrado", "en": "Not recorded"},
        "report.omitted.one": {
            "es": "1 par de coordinación faltante de menor prioridad no se lista: de cada "
                  "contexto (eje × territorio) se listan los {k} pares de mayor prioridad{where}.",
            "en": "1 lower-priority missing-coordination pair is not listed: each context "
                  "(eje × territory) lists its {k} highest-priority pairs{where}.",
        },
        "report.omitted.other": {
            "es": "{n} pares de coordinación faltante de menor prioridad no se listan: de cada "
                  "contexto (eje × territorio) se listan los {k} pares de mayor prioridad{where}.",
            "en": "{n} lower-priority missing-coordination pairs are not listed: each context "
                  "(eje × territory) lists its {k} highest-priority pairs{where}.",
        },
        "report.omitted.where": {
            "es": "; los hallazgos «{kind}» cuentan los pares de su contexto",
            "en": "; the «{kind}» findings count the pairs of their context"},
        "report.exec_intro.one": {
            "es": "La brecha de mayor prioridad y su siguiente paso. La prioridad (0 a 1) "
                  "ordena qué atender primero; el detalle y la evidencia están en «Brechas».",
            "en": "The highest-priority gap and its next step. The priority (0 to 1) orders "
                  "what to act on first; its detail and evidence are under «Gaps».",
        },
    }
)

#: The HTML ids of the report's sections, in the order every format lays them out; ids
#: stay the same in every language, so a link into the report survives ``--lang``.
EXEC, GAPS, PENDING, NOT_RECORDED, COUNTS = (
    "resumen-ejecutivo", "brechas", "por_confirmar", "no-registrado", "recuento")

#: The kind whose findings count the pairs left out of the list (issue 10, item 3).
CONTEXT_KIND = "contexto_fragmentado"

#: Machine headers of the executive summary's rows (XLSX's first sheet): the keys of
#: ``summary.top`` in JSON plus the kind's label, the same in every language.
TOP_HEADERS = ("rank", "kind", "kind_label", "subjects", "priority", "recommendation", "id")


@dataclass(frozen=True)
class Section:
    """One section of the report: its anchor (HTML id) and its heading."""

    anchor: str
    heading: str


def outline() -> list[Section]:
    """Every section, in report order: what to do first, the gaps, the cleaning work, what
    the documents do not record, then the counts and the E–I analyses (the long tables)."""
    return [
        Section(EXEC, t("report.exec")),
        Section(GAPS, t("report.gaps")),
        Section(PENDING, t("report.pending")),
        Section(NOT_RECORDED, t("report.not_recorded")),
        Section(COUNTS, t("report.counts")),
        *(Section(anchor, t(key)) for anchor, key in ANALYSES),
    ]


# --- anchors ----------------------------------------------------------------------------

#: Characters a finding id keeps as they are in its anchor.
_KEPT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


def anchor(finding_id: str) -> str:
    """The HTML id of a finding: ``f-`` and its id, ``:`` written ``.`` and ``+`` ``~~``;
    any other character outside ``[A-Za-z0-9_-]`` as ``~<hex>.``.

    The mapping is one-to-one (``~`` starts an escape and ``.`` never stands for itself),
    so two findings never share an anchor; the result holds no space, quote or ``<`` (a
    valid id and a fragment needing no encoding, whatever an actor's id holds) and stays
    readable: ``f-coordinacion_faltante.actor.acdc~~actor.secom``.
    """
    out = []
    for char in finding_id:
        if char in _KEPT:
            out.append(char)
        elif char == ":":
            out.append(".")
        elif char == "+":
            out.append("~~")
        else:
            out.append(f"~{ord(char):x}.")
    return "f-" + "".join(out)


# --- the executive summary -------------------------------------------------------------


def empty_text(report: GapReport) -> str | None:
    """The sentence that stands for an empty summary (``--top 0``, or no gap at all);
    None when the summary lists something."""
    if report.summary.top:
        return None
    gaps = report.summary.por_estado.get("brecha", 0)
    if gaps:
        return t("report.exec_none_asked", n=gaps)
    return t("report.exec_none_found")


def intro_text(report: GapReport) -> str:
    """What the summary lists and how to read its priority."""
    n = len(report.summary.top)
    return t(f"report.exec_intro.{'one' if n == 1 else 'other'}", n=n)


def step_text(recommendation: str) -> str:
    """A recommendation, or the words saying there is none."""
    return recommendation or t("report.no_step")


def top_lines(report: GapReport) -> list[tuple[str, str]]:
    """(finding id, sentence) per summary line: «Coordinación faltante: A ↔ B — prioridad
    0,87. Siguiente paso: …» (the priority in the locale's style)."""
    return [(top.id, t("report.exec_line", kind=kind_label(top.kind), subjects=top.subjects,
                       priority=Number(top.priority), step=step_text(top.recommendation)))
            for top in report.summary.top]


def top_table(report: GapReport) -> Table:
    """The summary as rows under :data:`TOP_HEADERS` (the XLSX's first sheet)."""
    rows = [[top.rank, top.kind, kind_label(top.kind), top.subjects, Number(top.priority),
             top.recommendation, top.id] for top in report.summary.top]
    return list(TOP_HEADERS), rows


def omitted_text(report: GapReport) -> str | None:
    """How many pairs the per-context cap left out and why, None for none."""
    n = report.summary.pares_omitidos
    if not n:
        return None
    fragmented = any(f.kind == CONTEXT_KIND for f in report.findings)
    where = t("report.omitted.where", kind=kind_label(CONTEXT_KIND)) if fragmented else ""
    return t(f"report.omitted.{'one' if n == 1 else 'other'}", n=integer(n),
             k=PAIRS_PER_CONTEXT, where=where)
