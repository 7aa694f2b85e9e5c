"""The gap report as a document to read: Markdown or a standalone HTML page.

Both lay out the same tables (:mod:`tejido.reports.gap_tables`) in the same order
(:func:`tejido.reports.gap_summary.outline`): the executive summary first, then the gaps,
the cleaning work, what the documents do not record, the counts and the E–I analyses.
The HTML adds a table of contents, an anchor per finding and links from the summary to
them. Every value is escaped — Markdown through :func:`tejido.reports.markdown.md_text`
(which also escapes HTML, since Markdown viewers render it), HTML through
:func:`html.escape` — because titles, names and the recommendations naming them come
from planners' files.
"""

from __future__ import annotations

import html

from tejido.graph.i18n import get_lang, t
from tejido.queries.gaps import Finding, GapReport, kind_about, kind_label

from .gap_summary import (
    COUNTS,
    EXEC,
    GAPS,
    NOT_RECORDED,
    PENDING,
    Section,
    anchor,
    empty_text,
    intro_text,
    omitted_text,
    outline,
    step_text,
    top_lines,
)
from .gap_tables import (
    Number,
    Table,
    by_kind,
    capped,
    document_table,
    filters_text,
    finding_table,
    not_recorded_lines,
    pending_findings,
    pending_table,
    sections,
    shown,
    status_text,
    summary_table,
    titled,
    total_text,
)
from .markdown import md_table, md_text

# --- Markdown ---------------------------------------------------------------------------


def _md_section(table: Table) -> list[str]:
    """A table followed by a blank line, or "(ninguno)" when it has no rows."""
    headers, rows = table
    if not rows:
        return [t("report.none"), ""]
    return [*md_table(headers, rows), ""]


def _md_heading(section: Section) -> list[str]:
    return [f"## {md_text(section.heading)}", ""]


@titled
def to_markdown(report: GapReport) -> str:
    """The report in Markdown: the same sections as the HTML page, in the same order."""
    heads = {s.anchor: s for s in outline()}
    lines = [f"# {md_text(t('report.title'))}", ""]
    if filters_text(report):
        lines += [md_text(t("report.filters", filters=filters_text(report))), ""]
    lines += [total_text(report), "", status_text(report), ""]
    lines += _md_heading(heads[EXEC])
    empty = empty_text(report)
    if empty:
        lines += [md_text(empty), ""]
    else:
        lines += [md_text(intro_text(report)), ""]
        lines += [f"{i}. {md_text(line)}" for i, (_, line) in enumerate(top_lines(report), 1)]
        lines.append("")
    lines += _md_heading(heads[GAPS])
    if omitted_text(report):
        lines += [md_text(omitted_text(report)), ""]
    for kind, findings in by_kind(report):
        lines += [f"### {md_text(kind_label(kind))} ({len(findings)})", "",
                  md_text(kind_about(kind)), ""]
        listed, more = shown(findings, len(report.summary.top))
        lines += _md_section(finding_table(listed))
        lines += [md_text(more), ""] if more else []
    lines += [*_md_heading(heads[PENDING]), md_text(t("report.pending_intro")), ""]
    listed, more = shown(pending_findings(report))
    lines += _md_section(pending_table(listed))
    lines += [md_text(more), ""] if more else []
    lines += [*_md_heading(heads[NOT_RECORDED]), md_text(t("report.not_recorded_intro")), ""]
    recorded = not_recorded_lines(report)
    lines += [*(f"- {md_text(line)}" for line in recorded), ""] if recorded else [
        t("report.none"), ""]
    lines += [*_md_heading(heads[COUNTS]), *_md_section(summary_table(report))]
    lines += [f"### {md_text(t('report.by_document'))}", "", *_md_section(document_table(report))]
    for _, heading, intro, full in sections(report):
        lines += [f"## {md_text(heading)}", ""]
        if intro:
            lines += [md_text(intro), ""]
        table, more = capped(full)
        lines += _md_section(table)
        lines += [md_text(more), ""] if more else []
    return "\n".join(lines)


# --- HTML -------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:75rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.num{text-align:right}p.about{color:#555}
nav.toc{background:#f7f7f7;border:1px solid #ddd;padding:.5rem 1rem;margin:1rem 0}
nav.toc h2{font-size:1rem;margin:.3rem 0}nav.toc ol{margin:.2rem 0}
nav.toc ol ol{font-size:.9rem;columns:2}
ol.top li{margin:.4rem 0}ol.top .prio{white-space:nowrap;color:#555}
tr:target{background:#fff4c2}
"""


def _cell(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<td class="num">{html.escape(str(value))}</td>'
    return f"<td>{html.escape('' if value is None else str(value))}</td>"


def _html_table(table: Table, row_ids: list[str] | None = None) -> str:
    """A table, every cell escaped; ``row_ids`` give each row an id (a finding's anchor)."""
    headers, rows = table
    if not rows:
        return f"<p>{html.escape(t('report.none'))}</p>"
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    ids = row_ids or [""] * len(rows)
    body = "".join(
        (f'<tr id="{html.escape(ident)}">' if ident else "<tr>")
        + "".join(map(_cell, row)) + "</tr>"
        for ident, row in zip(ids, rows, strict=True)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _row_ids(findings: list[Finding], taken: set[str]) -> list[str]:
    """The anchors of ``findings``' rows, each used once in the page: should two findings
    share an id, the first rendered keeps the plain anchor — the higher priority, since
    rows go kind by kind (the kind is part of the id) in report order, gaps first."""
    ids = []
    for finding in findings:
        base = anchor(finding.id)
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}~{n}"
        taken.add(ident)
        ids.append(ident)
    return ids


def _toc(report: GapReport) -> str:
    e = html.escape
    kinds = "".join(f'<li><a href="#{e(kind)}">{e(kind_label(kind))} ({len(found)})</a></li>'
                    for kind, found in by_kind(report) if found)
    items = []
    for section in outline():
        link = f'<a href="#{e(section.anchor)}">{e(section.heading)}</a>'
        items.append(f"<li>{link}<ol>{kinds}</ol></li>" if section.anchor == GAPS and kinds
                     else f"<li>{link}</li>")
    return (f'<nav class="toc"><h2>{e(t("report.contents"))}</h2>'
            f"<ol>{''.join(items)}</ol></nav>")


def _html_summary(report: GapReport, heads: dict[str, Section]) -> list[str]:
    """The executive summary: one numbered line per top finding, linked to its row."""
    e = html.escape
    parts = [f'<h2 id="{EXEC}">{e(heads[EXEC].heading)}</h2>']
    empty = empty_text(report)
    if empty:
        return [*parts, f"<p>{e(empty)}</p>"]
    items = []
    for top in report.summary.top:
        line = t("report.exec_line",
                 kind=f"<strong>{e(kind_label(top.kind))}</strong>",
                 subjects=f'<a href="#{e(anchor(top.id))}">{e(top.subjects)}</a>',
                 priority=f'<span class="prio">{e(str(Number(top.priority)))}</span>',
                 step=e(step_text(top.recommendation)))
        items.append(f"<li>{line}</li>")
    return [*parts, f'<p class="about">{e(intro_text(report))}</p>',
            f'<ol class="top">{"".join(items)}</ol>']


@titled
def to_html(report: GapReport) -> str:
    """A standalone page: title, counts, table of contents, the executive summary, then
    every section of :func:`~tejido.reports.gap_summary.outline`."""
    e = html.escape
    heads = {s.anchor: s for s in outline()}
    parts = [f'<!DOCTYPE html><html lang="{get_lang()}"><head><meta charset="utf-8">',
             f"<title>{e(t('report.title'))}</title><style>{_CSS}</style></head><body>",
             f"<h1>{e(t('report.title'))}</h1>"]
    if filters_text(report):
        parts.append(f"<p>{e(t('report.filters', filters=filters_text(report)))}</p>")
    parts += [f"<p>{e(total_text(report))} {e(status_text(report))}</p>",
              _toc(report), *_html_summary(report, heads),
              f'<h2 id="{GAPS}">{e(heads[GAPS].heading)}</h2>']
    if omitted_text(report):
        parts.append(f"<p>{e(omitted_text(report) or '')}</p>")
    taken: set[str] = set()
    for kind, findings in by_kind(report):
        listed, more = shown(findings, len(report.summary.top))
        parts += [f'<h3 id="{e(kind)}">{e(kind_label(kind))} ({len(findings)})</h3>',
                  f'<p class="about">{e(kind_about(kind))}</p>',
                  _html_table(finding_table(listed), _row_ids(listed, taken))]
        parts += [f'<p class="more">{e(more)}</p>'] if more else []
    listed, more = shown(pending_findings(report))
    parts += [f'<h2 id="{PENDING}">{e(heads[PENDING].heading)}</h2>',
              f'<p class="about">{e(t("report.pending_intro"))}</p>',
              _html_table(pending_table(listed), _row_ids(listed, taken))]
    parts += [f'<p class="more">{e(more)}</p>'] if more else []
    recorded = "".join(f"<li>{e(line)}</li>" for line in not_recorded_lines(report))
    parts += [f'<h2 id="{NOT_RECORDED}">{e(heads[NOT_RECORDED].heading)}</h2>',
              f'<p class="about">{e(t("report.not_recorded_intro"))}</p>',
              f"<ul>{recorded}</ul>" if recorded else f"<p>{e(t('report.none'))}</p>"]
    parts += [f'<h2 id="{COUNTS}">{e(heads[COUNTS].heading)}</h2>',
              _html_table(summary_table(report)),
              f"<h3>{e(t('report.by_document'))}</h3>", _html_table(document_table(report))]
    for ident, heading, intro, full in sections(report):
        parts.append(f'<h2 id="{e(ident)}">{e(heading)}</h2>')
        if intro:
            parts.append(f'<p class="about">{e(intro)}</p>')
        table, more = capped(full)
        parts.append(_html_table(table))
        parts += [f'<p class="more">{e(more)}</p>'] if more else []
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
