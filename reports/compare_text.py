"""The comparison of two cuts (or a scenario) as a document to read: Markdown or a
standalone HTML page.

Both lay out the tables of :mod:`tejido.reports.compare_tables` in the same order. Every
value is escaped — Markdown through :func:`tejido.reports.markdown.md_text`, HTML through
:func:`html.escape` — because names and titles come from planners' files.
"""

from __future__ import annotations

import html

from tejido.graph.i18n import get_lang, t
from tejido.queries.compare import Comparison

from .compare_tables import (
    SECTIONS,
    SHOWN,
    Heading,
    Table,
    counts_text,
    heading,
    intro,
    scenario_text,
    table,
)
from .markdown import md_table, md_text


def _shown(full: Table) -> tuple[Table, str | None]:
    headers, rows = full
    if len(rows) <= SHOWN:
        return full, None
    return (headers, rows[:SHOWN]), t("cmp.more", n=len(rows) - SHOWN)


def to_markdown(comparison: Comparison, head: Heading) -> str:
    """The comparison in Markdown: title, sides, counts, then every section."""
    lines = [f"# {md_text(head.title)}", "", md_text(head.sides), "",
             md_text(counts_text(comparison)), ""]
    if head.scenario:
        lines += [f"**{md_text(scenario_text(comparison))}**", ""]
    for key in SECTIONS:
        (headers, rows), more = _shown(table(comparison, key))
        lines += [f"## {md_text(heading(key))} ({len(table(comparison, key)[1])})", ""]
        if intro(key):
            lines += [md_text(intro(key)), ""]
        lines += [*md_table(headers, rows), ""] if rows else [t("cmp.none"), ""]
        lines += [md_text(more), ""] if more else []
    return "\n".join(lines)


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:75rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.num{text-align:right}p.about{color:#555}
p.scenario{background:#eef6ee;border-left:4px solid #2e7d32;padding:.5rem 1rem}
nav.toc{background:#f7f7f7;border:1px solid #ddd;padding:.5rem 1rem;margin:1rem 0}
nav.toc ol{columns:2;margin:.2rem 0}
h2 .n{color:#666;font-weight:normal}
"""


def _cell(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<td class="num">{html.escape(str(value))}</td>'
    return f"<td>{html.escape('' if value is None else str(value))}</td>"


def _html_table(full: Table) -> str:
    (headers, rows), more = _shown(full)
    if not rows:
        return f"<p>{html.escape(t('cmp.none'))}</p>"
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(map(_cell, row)) + "</tr>" for row in rows)
    tail = f'<p class="about">{html.escape(more)}</p>' if more else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{tail}"


def to_html(comparison: Comparison, head: Heading) -> str:
    """A standalone page: title, sides, counts, a table of contents and every section."""
    e = html.escape
    parts = [f'<!DOCTYPE html><html lang="{get_lang()}"><head><meta charset="utf-8">',
             f"<title>{e(head.title)}</title><style>{_CSS}</style></head><body>",
             f"<h1>{e(head.title)}</h1>", f"<p>{e(head.sides)}</p>",
             f"<p>{e(counts_text(comparison))}</p>"]
    if head.scenario:
        parts.append(f'<p class="scenario">{e(scenario_text(comparison))}</p>')
    tables = {key: table(comparison, key) for key in SECTIONS}
    items = "".join(f'<li><a href="#{key}">{e(heading(key))}</a> ({len(tables[key][1])})</li>'
                    for key in SECTIONS)
    parts.append(f'<nav class="toc"><ol>{items}</ol></nav>')
    for key in SECTIONS:
        parts.append(f'<h2 id="{key}">{e(heading(key))} '
                     f'<span class="n">({len(tables[key][1])})</span></h2>')
        if intro(key):
            parts.append(f'<p class="about">{e(intro(key) or "")}</p>')
        parts.append(_html_table(tables[key]))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
