"""The gap report as a document to read: Markdown or a standalone HTML page.

Both lay out the same tables (:mod:`tejido.reports.gap_tables`) in the same order. Every
value is escaped — Markdown through :func:`tejido.reports.markdown.md_text` (which also
escapes HTML, since Markdown viewers render it), HTML through :func:`html.escape` — because
titles and names come from planners' files.
"""

from __future__ import annotations

import html

from tejido.graph.i18n import get_lang, t
from tejido.queries.gaps import GapReport, kind_about, kind_label

from .gap_tables import (
    Table,
    by_kind,
    document_table,
    filters_text,
    finding_table,
    not_recorded_lines,
    pending_table,
    sections,
    status_text,
    summary_table,
)
from .markdown import md_table, md_text

# --- Markdown ---------------------------------------------------------------------------


def _md_section(table: Table) -> list[str]:
    """A table followed by a blank line, or "(ninguno)" when it has no rows."""
    headers, rows = table
    if not rows:
        return [t("report.none"), ""]
    return [*md_table(headers, rows), ""]


def to_markdown(report: GapReport) -> str:
    lines = [f"# {t('report.title')}", ""]
    if filters_text(report):
        lines += [md_text(t("report.filters", filters=filters_text(report))), ""]
    lines += [f"## {t('report.summary')}", "", t("report.total", n=report.summary.total),
              "", status_text(report), ""]
    lines += _md_section(summary_table(report))
    lines += [f"### {t('report.by_document')}", "", *_md_section(document_table(report))]
    if report.not_recorded:
        lines += [f"### {t('report.not_recorded')}", "", md_text(t("report.not_recorded_intro")),
                  "", *(f"- {md_text(line)}" for line in not_recorded_lines(report)), ""]
    for heading, intro, table in sections(report):
        lines += [f"## {md_text(heading)}", ""]
        if intro:
            lines += [md_text(intro), ""]
        lines += _md_section(table)
    lines += [f"## {t('report.findings')}", ""]
    for kind, findings in by_kind(report):
        lines += [f"### {md_text(kind_label(kind))} ({len(findings)})", "",
                  md_text(kind_about(kind)), ""]
        lines += _md_section(finding_table(findings))
    lines += [f"## {t('report.pending')}", "", md_text(t("report.pending_intro")), ""]
    lines += _md_section(pending_table(report))
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
    if filters_text(report):
        parts.append(f"<p>{e(t('report.filters', filters=filters_text(report)))}</p>")
    parts += [f"<h2>{e(t('report.summary'))}</h2>",
              f"<p>{e(t('report.total', n=report.summary.total))}</p>",
              f"<p>{e(status_text(report))}</p>",
              _html_table(summary_table(report)),
              f"<h3>{e(t('report.by_document'))}</h3>", _html_table(document_table(report))]
    if report.not_recorded:
        items = "".join(f"<li>{e(line)}</li>" for line in not_recorded_lines(report))
        parts += [f"<h3>{e(t('report.not_recorded'))}</h3>",
                  f'<p class="about">{e(t("report.not_recorded_intro"))}</p>', f"<ul>{items}</ul>"]
    for heading, intro, table in sections(report):
        parts.append(f"<h2>{e(heading)}</h2>")
        if intro:
            parts.append(f'<p class="about">{e(intro)}</p>')
        parts.append(_html_table(table))
    parts.append(f"<h2>{e(t('report.findings'))}</h2>")
    for kind, findings in by_kind(report):
        parts += [f'<h3 id="{e(kind)}">{e(kind_label(kind))} ({len(findings)})</h3>',
                  f'<p class="about">{e(kind_about(kind))}</p>',
                  _html_table(finding_table(findings))]
    parts += [f'<h2 id="por_confirmar">{e(t("report.pending"))}</h2>',
              f'<p class="about">{e(t("report.pending_intro"))}</p>',
              _html_table(pending_table(report))]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
