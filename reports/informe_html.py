"""The technical report as one self-contained HTML page: the same sections as the PDF,
charts and the network map embedded as SVG data URIs (no file or network request).

Every value from the data goes through :func:`html.escape`; the SVGs are embedded as
``<img>`` sources (base64), where a browser runs no script they might hold, and
matplotlib writes their text as paths anyway.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from typing import Any

from .informe_scenario import scenario_html

_CSS = """
body{font-family:Georgia,'Libertinus Serif',serif;max-width:50rem;margin:2rem auto;
padding:0 1rem;color:#222;line-height:1.5}
h1,h2,h3{color:#1f3a5f;font-family:system-ui,sans-serif}h1{font-size:1.7rem}
h2{margin-top:2.2rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}
header.cover{border-bottom:3px solid #1f3a5f;margin-bottom:1.5rem;padding-bottom:1rem}
.muted{color:#5f5f5f}.small{font-size:.88rem}
.numbers{display:flex;gap:.5rem;margin:1rem 0}
.numbers div{flex:1;background:#f3f4f6;text-align:center;padding:.6rem;border-radius:3px}
.numbers b{display:block;font-size:1.6rem;color:#1f3a5f}
ol.top li{margin:.5rem 0}figure{margin:1.2rem 0}figure img{width:100%}
figcaption{font-size:.85rem;color:#555}
table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.5rem 0 1rem}
th,td{border:1px solid #ccd;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f2f3f5}td.num{text-align:right}
.profile{margin:1rem 0;break-inside:avoid}.profile table td:first-child{width:22%;color:#555}
nav.toc{background:#f7f7f7;border:1px solid #ddd;padding:.4rem 1rem}
@page{size:A4;margin:2cm}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _img(svg: str, alt: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{_e(alt)}">'


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{_img(svg, caption)}<figcaption>{_e(caption)}</figcaption></figure>"


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], numeric: set[int]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(
        f'<td class="num">{_e(v)}</td>' if i in numeric else f"<td>{_e(v)}</td>"
        for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(data: dict[str, Any], charts: Sequence[tuple[str, str, str]],
            network: tuple[str | None, str]) -> str:
    """The page: cover, contents, summary, charts, map, ejes, profiles and annexes."""
    L = data["labels"]
    sections = [("resumen", L["exec"]), ("panorama", L["charts"]), ("mapa", L["map"]),
                ("ejes", L["ejes"]), ("perfiles", L["profiles"]),
                ("anexo-calidad", L["annex_quality"]), ("anexo-metodos", L["annex_methods"])]
    if not network[0]:
        sections = [s for s in sections if s[0] != "mapa"]
    scenario = data.get("escenario")
    if scenario:
        at = next(i for i, s in enumerate(sections) if s[0] == "ejes")
        sections.insert(at, ("escenario", scenario["heading"]))
    parts = [f'<!DOCTYPE html><html lang="{_e(data["lang"])}"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{_e(data['title'])}</title><style>{_CSS}</style></head><body>",
             '<header class="cover">', f'<p class="muted">{_e(data["institucion"])}</p>',
             f"<h1>{_e(data['title'])}</h1>", f"<p>{_e(data['subtitle'])}</p>",
             f"<p><strong>{_e(data['fecha'])}</strong></p>",
             f"<h3>{_e(L['sources'])}</h3><ul>"]
    parts += [f"<li>{_e(d['title'])} <span class=\"muted small\">— {_e(d['autoridad'])} · "
              f"{_e(d['acciones'])}</span></li>" for d in data["documents"]]
    parts += ["</ul>", f'<p class="muted small">{_e(data["generated"])}</p>', "</header>",
              f'<nav class="toc"><strong>{_e(L["contents"])}</strong><ol>']
    parts += [f'<li><a href="#{a}">{_e(h)}</a></li>' for a, h in sections]
    parts += ["</ol></nav>", f'<h2 id="resumen">{_e(L["exec"])}</h2>',
              f"<p>{_e(data['exec_lead'])}</p>", '<div class="numbers">']
    parts += [f"<div><b>{_e(h['value'])}</b>{_e(h['label'])}</div>" for h in data["headline"]]
    parts += ["</div>", f"<h3>{_e(L['top_heading'])}</h3>"]
    if not data["top"]:
        parts.append(f"<p>{_e(data['exec_empty'])}</p>")
    parts.append('<ol class="top">')
    parts += [f"<li><strong>{_e(f['kind'])}</strong>: {_e(f['subjects'])} "
              f"<span class=\"muted\">— {_e(f['priority'])}</span><br>"
              f"<em>{_e(L['step'])}:</em> {_e(f['step'])}</li>" for f in data["top"]]
    parts += ["</ol>", f'<h2 id="panorama">{_e(L["charts"])}</h2>',
              f"<p>{_e(L['charts_intro'])}</p>"]
    parts += [_figure(svg, caption) for _, svg, caption in charts]
    if network[0]:
        parts += [f'<h2 id="mapa">{_e(L["map"])}</h2>', _figure(network[0], network[1])]
    parts += scenario_html(scenario)
    parts += _ejes(data)
    parts += [f'<h2 id="perfiles">{_e(L["profiles"])}</h2>', f"<p>{_e(data['profiles_intro'])}</p>"]
    for p in data["profiles"]:
        rows = "".join(f"<tr><td>{_e(a)}</td><td>{_e(b)}</td></tr>" for a, b in p["lines"])
        parts.append(f'<div class="profile"><h3>{_e(p["name"])} <span class="muted small">'
                     f'{_e(p["kind"])}</span></h3><table>{rows}</table></div>')
    parts += _annexes(data)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _ejes(data: dict[str, Any]) -> list[str]:
    L = data["labels"]
    parts = [f'<h2 id="ejes">{_e(L["ejes"])}</h2>', f"<p>{_e(L['ejes_intro'])}</p>"]
    for group in data["ejes"]:
        parts.append(f"<h3>{_e(group['title'])}</h3>")
        for eje in group["ejes"]:
            parts.append(f"<h4>{_e(eje['name'])}</h4>")
            parts += [f"<p>{_e(x)}</p>" for x in eje["texts"]]
            if eje["findings"]:
                parts.append("<ul>" + "".join(
                    f"<li><strong>{_e(f['kind'])}</strong>: {_e(f['subjects'])} <span "
                    f"class=\"muted\">— {_e(f['priority'])}</span><br><em>{_e(L['step'])}:"
                    f"</em> {_e(f['step'])}</li>" for f in eje["findings"]) + "</ul>")
            for key in ("none", "more"):
                if eje[key]:
                    parts.append(f'<p class="muted">{_e(eje[key])}</p>')
        if group["small"]:
            parts.append(f'<p class="muted small">{_e(group["small"])}</p>')
    return parts


def _annexes(data: dict[str, Any]) -> list[str]:
    L, q = data["labels"], data["quality"]
    parts = [f'<h2 id="anexo-calidad">{_e(L["annex_quality"])}</h2>',
             f"<h3>{_e(L['q_not_recorded'])}</h3>"]
    parts.append("<ul>" + "".join(f"<li>{_e(x)}</li>" for x in q["not_recorded"]) + "</ul>"
                 if q["not_recorded"] else f"<p>{_e(L['none'])}</p>")
    parts += [f"<h3>{_e(L['q_unresolved'])}</h3>", f"<p>{_e(q['unresolved_intro'])}</p>",
              _table([L["q_name"], L["q_kind"], L["q_actions"]], q["unresolved"], {2})
              if q["unresolved"] else f"<p>{_e(L['none'])}</p>",
              f"<h3>{_e(L['q_stated'])}</h3>", f"<p>{_e(L['q_stated_intro'])}</p>",
              _table([L["actor"], L["q_said"], L["ei"], L["q_found"]], q["stated"], {2})
              if q["stated"] else f"<p>{_e(L['none'])}</p>",
              f'<h2 id="anexo-metodos">{_e(L["annex_methods"])}</h2>']
    for m in data["methods"]:
        parts.append(f"<h3>{_e(m['heading'])}</h3>")
        parts += [f"<p>{_e(x)}</p>" for x in m["paragraphs"]]
    parts.append(f"<h3>{_e(L['kinds_heading'])}</h3><dl>")
    parts += [f"<dt><strong>{_e(k['name'])}</strong></dt><dd>{_e(k['about'])}</dd>"
              for k in data["kinds"]]
    parts += ["</dl>", f"<h3>{_e(L['references'])}</h3><ul class=\"small\">"]
    parts += [f"<li>{_e(r)}</li>" for r in data["references"]]
    parts.append("</ul>")
    return parts
