"""The demo folder's front page (``index.html``) and the plan of its maps.

A planner opening the demo's folder meets, in this order: what the data is (the source
documents by title), the headline numbers, the technical report (PDF and HTML), the gap
report, the maps grouped by document and the data files. A map of fewer than
:data:`MIN_ACTORS` actors says nothing a sentence would not, so such a scope is listed
with its count and not offered as a map (:func:`plan_maps` gives it no path).

Every text from the data (titles, eje names) is escaped with :func:`html.escape`; links
are relative, percent-encoded paths, so the folder can be moved or zipped whole.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import networkx as nx

from tejido.graph.files import write_atomic
from tejido.graph.i18n import get_lang, register, t
from tejido.queries.gaps import GapReport
from tejido.queries.index import PARTICIPATION, NetworkIndex

from .informe_data import MIN_ACTORS
from .informe_texts import counted

register(
    {
        "land.title": {"es": "tejido — resultados del análisis", "en": "tejido — analysis results"},
        "land.data": {"es": "Los datos", "en": "The data"},
        "land.data_intro": {
            "es": "Este análisis reúne {documents}:",
            "en": "This analysis brings together {documents}:"},
        "land.numbers": {"es": "En cifras", "en": "In figures"},
        "land.reports": {"es": "Informes", "en": "Reports"},
        "land.informe": {"es": "Informe técnico", "en": "Technical report"},
        "land.informe_about": {
            "es": "para imprimir y adjuntar a un oficio: resumen ejecutivo, gráficos, mapa, "
                  "análisis por eje, perfiles institucionales y anexos.",
            "en": "to print and attach to an official letter: executive summary, charts, "
                  "map, analysis by eje, institutional profiles and annexes."},
        "land.gaps": {"es": "Informe de brechas", "en": "Gap report"},
        "land.gaps_about": {
            "es": "cada hallazgo con su evidencia, su fuente y el siguiente paso.",
            "en": "every finding with its evidence, its source and the next step."},
        "land.maps": {"es": "Mapas", "en": "Maps"},
        "land.whole": {"es": "Red completa de actores (todos los documentos)",
                       "en": "Whole actor network (every document)"},
        "land.document_map": {"es": "Mapa del documento", "en": "Map of the document"},
        "land.document_map_full": {
            "es": "Mapa del documento: sus acciones, mecanismos y territorios",
            "en": "Map of the document: its actions, mechanisms and territories"},
        "land.no_map": {"es": "sin mapa: menos de {n} actores",
                        "en": "no map: fewer than {n} actors"},
        "land.files": {"es": "Archivos de datos", "en": "Data files"},
        "land.file.csv": {"es": "hallazgos, una fila cada uno (CSV)",
                          "en": "findings, one row each (CSV)"},
        "land.file.xlsx": {"es": "hallazgos y análisis en hojas de cálculo (XLSX)",
                           "en": "findings and analyses as a workbook (XLSX)"},
        "land.file.json": {"es": "el informe de brechas para programas (JSON)",
                           "en": "the gap report for programs (JSON)"},
        "land.file.md": {"es": "el informe de brechas en Markdown",
                         "en": "the gap report in Markdown"},
        "land.file.centrality": {"es": "centralidad de cada actor (CSV)",
                                 "en": "centrality of every actor (CSV)"},
    }
)


@dataclass
class MapLink:
    """One map of the folder: what it shows, its actors, its file (None: not drawn)."""

    name: str
    actors: int
    path: Path | None = None
    scope: str | None = None  # the eje id, for an eje's map
    #: The map's view: "actores" (the actor network) or "completo" (actions, mechanisms,
    #: territories and ejes too, for a document that names too few actors).
    view: str = "actores"


@dataclass
class DocumentMaps:
    """A source document and its maps: the document's own network, then one per eje."""

    id: str
    title: str
    whole: MapLink
    ejes: list[MapLink] = field(default_factory=list)


def slug(text: str) -> str:
    """A file name part from an id or a name: lowercase ASCII letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "mapa"


def document_graph(graph: nx.MultiDiGraph, document: str) -> nx.MultiDiGraph:
    """The part of a snapshot one document states: its Source rows, every node one of its
    rows declares, and every relationship one of its rows states (with both ends)."""
    rows = {n for n, attrs in graph.nodes(data=True)
            if attrs.get("label") == "Source" and attrs.get("document") == document}
    keep = {n for n, attrs in graph.nodes(data=True) if rows & set(attrs.get("sources") or ())}
    edges = [(a, b, k) for a, b, k, attrs in graph.edges(keys=True, data=True)
             if rows & set(attrs.get("sources") or ())]
    keep |= {n for a, b, _ in edges for n in (a, b)}
    part = nx.MultiDiGraph()
    part.add_nodes_from((n, graph.nodes[n]) for n in sorted(keep, key=str))
    part.add_edges_from((a, b, k, graph.edges[a, b, k]) for a, b, k in edges)
    return part


def _facts(graph: nx.MultiDiGraph) -> int:
    """Nodes a full-view map of a document would draw (every label but Source/Document)."""
    return sum(1 for _, label in graph.nodes(data="label")
               if label not in ("Source", "Document"))


def _actors_taking_part(graph: nx.MultiDiGraph) -> int:
    return len({a for a, _, rtype in graph.edges(data="type") if rtype in PARTICIPATION})


def plan_maps(graph: nx.MultiDiGraph, report: GapReport, titles: Mapping[str, str],
              out: Path) -> list[DocumentMaps]:
    """Which maps the folder gets: per document, its network under ``documentos/`` and its
    ejes under ``ejes/``, each only when it has at least :data:`MIN_ACTORS` actors."""
    ix = NetworkIndex(graph)
    source_doc = {n: str(ix.attr(n, "document")) for n in ix.nodes_of("Source")}
    docs = sorted(set(source_doc.values()))
    plans: dict[str, DocumentMaps] = {}
    for doc in docs:
        part = document_graph(graph, doc)
        actors = _actors_taking_part(part)
        path = out / "documentos" / f"{slug(doc)}.html"
        if actors >= MIN_ACTORS:
            link = MapLink(t("land.document_map"), actors, path)
        elif _facts(part) >= MIN_ACTORS:
            # A programme run by one institution (004) has no actor network to draw, but
            # its actions, mesas and territories are the document's structure.
            link = MapLink(t("land.document_map_full"), actors, path, view="completo")
        else:
            link = MapLink(t("land.document_map"), actors, None)
        plans[doc] = DocumentMaps(doc, titles.get(doc, doc), link)
    for eje in report.ei_por_eje:
        owners = sorted({source_doc[s] for s in ix.sources(eje.eje_id) if s in source_doc})
        if not owners:
            continue
        path = (out / "ejes" / f"{slug(eje.eje_id.removeprefix('axis:'))}.html"
                if eje.actores >= MIN_ACTORS else None)
        plans[owners[0]].ejes.append(MapLink(eje.eje or eje.eje_id, eje.actores, path,
                                             eje.eje_id))
    return [plans[d] for d in docs if plans[d].whole.actors or plans[d].ejes]


def _href(path: Path, out: Path) -> str:
    return html.escape(quote(Path(os.path.relpath(path.resolve(), out.resolve())).as_posix()))


def _map_item(link: MapLink, out: Path) -> str:
    count = counted("inf.n_actors", link.actors)
    if link.path is None:
        return (f'<li class="off">{html.escape(link.name)} <span>({html.escape(count)}; '
                f"{html.escape(t('land.no_map', n=MIN_ACTORS))})</span></li>")
    return (f'<li><a href="{_href(link.path, out)}">{html.escape(link.name)}</a> '
            f"<span>({html.escape(count)})</span></li>")


_CSS = """
body{margin:2rem auto;max-width:52rem;padding:0 1rem;color:#1f2933;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;color:#1f3a5f}
h3{font-size:1rem;margin:1.2rem 0 .3rem}span,.muted{color:#52606d}a{color:#2f4b7c}
li{margin:.3rem 0}li.off{color:#7b8794}
.numbers{display:flex;gap:.6rem;flex-wrap:wrap}
.numbers div{flex:1;min-width:8rem;background:#f3f4f6;border-radius:4px;padding:.6rem;
text-align:center}.numbers b{display:block;font-size:1.7rem;color:#1f3a5f}
"""


def write_landing(out: Path, *, documents: Sequence[tuple[str, str]],
                  headline: Sequence[tuple[str, str]], whole_map: Path | None,
                  maps: Sequence[DocumentMaps], files: Sequence[tuple[str, str]]) -> Path:
    """Write ``out/index.html``: ``documents`` (title, standing), ``headline`` (value,
    label), the whole-network map, the maps by document and ``files`` (name, what it is:
    files that exist in ``out``). Returns the page's path."""
    e = html.escape
    parts = ['<!DOCTYPE html>', f'<html lang="{get_lang()}"><head><meta charset="utf-8">',
             '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
             'style-src \'unsafe-inline\'; base-uri \'none\'; form-action \'none\'">',
             '<meta name="referrer" content="no-referrer">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{e(t('land.title'))}</title><style>{_CSS}</style></head><body>",
             f"<h1>{e(t('land.title'))}</h1>", f"<h2>{e(t('land.data'))}</h2>",
             f"<p>{e(t('land.data_intro', documents=counted('inf.n_documents', len(documents))))}"
             "</p><ul>"]
    parts += [f"<li>{e(title)} <span>— {e(standing)}</span></li>" for title, standing in documents]
    parts += ["</ul>", f"<h2>{e(t('land.numbers'))}</h2>", '<div class="numbers">']
    parts += [f"<div><b>{e(value)}</b>{e(label)}</div>" for value, label in headline]
    parts += ["</div>", f"<h2>{e(t('land.reports'))}</h2><ul>",
              f'<li><strong>{e(t("land.informe"))}</strong>: <a href="informe.pdf">PDF</a> · '
              f'<a href="informe.html">HTML</a> — {e(t("land.informe_about"))}</li>',
              f'<li><strong>{e(t("land.gaps"))}</strong>: <a href="gaps.html">HTML</a> · '
              f'<a href="gaps.xlsx">XLSX</a> — {e(t("land.gaps_about"))}</li></ul>',
              f"<h2>{e(t('land.maps'))}</h2>"]
    if whole_map is not None:
        parts.append(f'<p><a href="{_href(whole_map, out)}"><strong>{e(t("land.whole"))}'
                     "</strong></a></p>")
    for doc in maps:
        parts += [f"<h3>{e(doc.title)}</h3><ul>", _map_item(doc.whole, out)]
        parts += [_map_item(link, out) for link in doc.ejes]
        parts.append("</ul>")
    parts += [f"<h2>{e(t('land.files'))}</h2><ul>"]
    parts += [f'<li><a href="{e(quote(name))}">{e(name)}</a> <span>— {e(about)}</span></li>'
              for name, about in files]
    parts += ["</ul></body></html>"]
    path = out / "index.html"
    write_atomic(path, "\n".join(parts) + "\n")
    return path
