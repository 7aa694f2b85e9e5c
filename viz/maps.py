"""Network maps as single HTML files that open offline: the API the CLI and the demo use.

``write_map(graph, out_path, ...) -> MapStats`` draws one view of a snapshot graph, with
the gap findings and centrality rows the caller hands it (a map has no store: whoever
opened one computes the analyses), and ``write_map_index(paths_by_eje, out_dir) -> Path``
writes the page that links one map per eje. See :mod:`tejido.viz` for the parameters.

pyvis is the data model: nodes, edges and vis-network options are assembled in a
:class:`pyvis.network.Network`; the page around them is ours (``viz/assets``), because
pyvis's template loads Bootstrap from a CDN and writes node ids and titles unescaped.
"""

from __future__ import annotations

import html
import json
import math
import os
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from tejido.graph.errors import InputError
from tejido.graph.files import write_atomic
from tejido.graph.i18n import t
from tejido.graph.vocabulary import display
from tejido.queries.algorithms import BETWEENNESS_EXACT_MAX
from tejido.queries.centrality import centrality_rows
from tejido.queries.index import NetworkIndex
from tejido.queries.institutions import merge_institutions
from tejido.queries.network import actor_network

from . import layout, overlay, page
from .measures import format_date, format_value
from .overlay import GAPS_TOP, Findings
from .profiles import Profiler, facets
from .texts import SIZE_MEASURES, language, omitted_note, page_labels, size_explanation
from .views import View, build_view, node_name, renamed_institutions

__all__ = ["COLORS", "GAPS_TOP", "TIPO_COLORS", "Findings", "MapStats", "write_map",
           "write_map_index"]
#: Measures computed for the side panel besides the one nodes are sized by: the cheap
#: ones. Betweenness joins them while it is exact (it is 45 s of a 20 000-actor map
#: otherwise); pass ``centrality=`` rows to show any other set.
PANEL_MEASURES = ("grado", "grado_ponderado", "pagerank", "restriccion", "tamano_efectivo",
                  "punto_articulacion")

#: Actor colours by tipo: Tableau 10 without its red (kept for gaps) plus three more.
TIPO_COLORS = {
    "secretaria": "#4e79a7", "empresa_publica": "#f28e2b", "agencia": "#76b7b2",
    "administracion_zonal": "#59a14f", "gad_parroquial": "#edc948", "gad_cantonal": "#b07aa1",
    "gad_provincial": "#ff9da7", "gobierno_nacional": "#9c755f", "cooperacion": "#17becf",
    "privado": "#bcbd22", "sociedad_civil": "#a0cbe8", "academia": "#2f4b7c", "otro": "#bab0ac",
}
#: Non-actor nodes in the full view: vis-network shape, colour, legend symbol.
KIND_STYLES = {
    "Actor": ("dot", "#bab0ac", "●"),
    "Action": ("square", "#8d99a6", "■"),
    "Territory": ("triangle", "#6a9f58", "▲"),
    "Mechanism": ("diamond", "#d9a441", "◆"),
    "Axis": ("star", "#3d5a80", "★"),
}
COLORS = {"gap": "#d62728", "dim": "#e4e7eb", "font": "#343434", "fontDim": "#c5ccd3"}
SIZE_MIN, SIZE_MAX, SIZE_OTHER = 7.0, 28.0, 10.0
LABEL_MAX = 40
#: Above this many nodes edges are also hidden while zooming (they dominate drawing time).
LARGE = 2000


@dataclass(frozen=True)
class MapStats:
    """What was written: counts as drawn, file size and timings (seconds)."""

    path: Path
    view: str
    nodes: int
    edges: int
    gap_edges: int
    critical: int
    #: «coordinación faltante» pairs counted by the gap report but not listed, so not drawn
    gaps_omitted: int
    bytes: int
    layout_seconds: float
    seconds: float


class MapNetwork(Network):
    """pyvis's Network with constant-time insertion.

    The stock ``add_node``/``add_edge`` check membership in lists and, undirected, scan
    every edge: quadratic, minutes for a 20 000-node map. Same node/edge objects here.
    """

    def __init__(self, directed: bool = False) -> None:
        super().__init__(directed=directed, cdn_resources="in_line")

    def add_node(self, n_id: str, label: str | None = None, shape: str = "dot",
                 **options: Any) -> None:
        if n_id in self.node_map:
            return
        node = Node(n_id, shape, label=label if label is not None else n_id, **options)
        self.nodes.append(node.options)
        self.node_ids.append(n_id)
        self.node_map[n_id] = node.options

    def add_edge(self, source: str, to: str, **options: Any) -> None:
        if source not in self.node_map or to not in self.node_map:
            raise KeyError(f"edge {source!r} -> {to!r} joins an unknown node")
        self.edges.append(Edge(source, to, self.directed, **options).options)


def write_map(
    graph: nx.MultiDiGraph,
    out_path: str | os.PathLike[str],
    *,
    view: str = "actores",
    eje: str | None = None,
    territorio: str | None = None,
    actor: str | None = None,
    depth: int = 1,
    size_by: str = "grado",
    gaps: bool = True,
    lang: str | None = None,
    title: str | None = None,
    dataset: str | None = None,
    date: str | None = None,
    findings: Findings | None = None,
    centrality: Iterable[Mapping[str, Any]] | None = None,
    seed: int = layout.SEED,
    gaps_top: int = GAPS_TOP,
) -> MapStats:
    """Write the map of the snapshot ``graph`` to ``out_path`` (UTF-8) and say what it holds.

    Gap marks need ``findings`` (with ``gaps``); without them the map has no gap legend.
    The page opens showing the ``gaps_top`` highest-priority gaps (0: all of them).
    Raises :class:`InputError` for an eje, territory or actor that does not exist, a
    scope with nothing in it or an unwritable path; nothing is written then.
    """
    started = time.perf_counter()
    if not isinstance(graph, nx.Graph):
        raise TypeError("write_map draws a snapshot graph (store.snapshot()), not a store")
    if size_by not in SIZE_MEASURES:
        raise ValueError(f"size_by must be one of {SIZE_MEASURES}")
    if gaps_top < 0:
        raise ValueError("gaps_top must be 0 (all) or more")
    dataset = dataset or "—"
    with language(lang) as current:
        memo: dict[str, Any] = {}  # one NetworkIndex of the snapshot, for network and view
        network = merge_institutions(actor_network(graph, memo),
                                     renamed_institutions(NetworkIndex.of(graph, memo)))
        the_view = build_view(graph, view, eje, territorio, actor, depth, network=network,
                              memo=memo)
        if the_view.graph.number_of_nodes() == 0:
            raise InputError(t("map.empty", store=dataset))
        rows = list(centrality) if centrality is not None else _centrality(network, size_by)
        by_actor = {str(row["id"]): dict(row) for row in rows}
        if by_actor and not any(size_by in row for row in by_actor.values()):
            available = sorted({k for row in by_actor.values() for k in row} & set(SIZE_MEASURES))
            raise InputError(t("map.no_measure", measure=size_by,
                               available=", ".join(available) or "—"))
        marks = gaps and findings is not None
        found, omitted = overlay.collect(findings, the_view, marks)
        clock = time.perf_counter()
        coords = layout.positions(the_view.graph, seed=seed)
        layout_seconds = time.perf_counter() - clock
        data, counts = _page_data(the_view, coords, by_actor, size_by, found, marks)
        data["gapsOmitted"] = omitted_note(omitted) if marks else None
        day = date or Date.today().isoformat()
        data.update(
            title=title or _default_title(the_view),
            dataset=dataset,
            date=day,
            dateText=format_date(day),
            gapTop=gaps_top,
            counts=t("map.ui.counts", nodes=counts["nodes"], edges=counts["edges"]),
            labels=page_labels(),
        )
        text = page.render(data, data["title"], current)
    out = Path(out_path)
    size = _write(out, text)
    return MapStats(path=out, view=view, bytes=size, layout_seconds=layout_seconds,
                    seconds=time.perf_counter() - started, gaps_omitted=omitted if marks else 0,
                    **counts)


def write_map_index(paths_by_eje: Mapping[str, str | os.PathLike[str]],
                    out_dir: str | os.PathLike[str], *, title: str | None = None,
                    lang: str | None = None) -> Path:
    """Write ``out_dir/index.html`` linking each eje's map (relative links, so the
    folder can be copied or zipped as a whole). Returns the index path."""
    directory = Path(out_dir)
    with language(lang) as current:
        heading = title or t("map.ui.index_title")
        intro = t("map.ui.index_intro")
    items = []
    for eje in sorted(paths_by_eje, key=str.casefold):
        target = Path(os.path.relpath(Path(paths_by_eje[eje]).resolve(), directory.resolve()))
        href = quote(target.as_posix())
        items.append(f'<li><a href="{html.escape(href)}">{html.escape(eje)}</a></li>')
    text = page.asset("index.html")
    values = {"lang": current, "title": html.escape(heading), "intro": html.escape(intro),
              "items": "\n".join(items)}
    text = page.fill(text, values)
    index = directory / "index.html"
    _write(index, text)
    return index


# ---- data for the page ----------------------------------------------------------------

def _centrality(network: nx.Graph, size_by: str) -> list[dict[str, Any]]:
    measures = list(PANEL_MEASURES)
    if size_by not in measures:
        measures.append(size_by)
    if "intermediacion" not in measures and network.number_of_nodes() <= BETWEENNESS_EXACT_MAX:
        measures.insert(2, "intermediacion")
    # The directed network only feeds brokerage roles, which maps do not show.
    return centrality_rows(network, nx.DiGraph(), measures)


def _page_data(view: View, coords: Mapping[str, tuple[float, float]],
               centrality: Mapping[str, Mapping[str, Any]], size_by: str,
               findings: list[dict[str, Any]], gaps: bool) -> tuple[dict[str, Any], dict[str, int]]:
    """The JSON the page reads (see assets/map.js) and the counts for MapStats."""
    graph = view.graph
    ids = sorted(graph.nodes, key=str)
    attrs = {n: view.index.graph.nodes[n] for n in ids}
    labels = {n: attrs[n].get("label", "Actor") for n in ids}
    names = {n: node_name(attrs[n]) or str(n) for n in ids}
    items = overlay.ranked(findings, labels, names, view.merged) if gaps else []
    crit_rank: dict[str, int] = {}
    for rank, item in enumerate(items):
        if item["kind"] == "punto_critico":
            crit_rank.setdefault(item["nodes"][0], rank)
    sizes, size_legend = _sizes(ids, labels, centrality, size_by)
    if size_legend is not None and view.name == "actores":
        size_legend["width"] = t("map.ui.width_is")
    facet = facets(view, ids)
    ejes = sorted({e for es, _ in facet.values() for e in es}, key=lambda e: _sort_name(view, e))
    terrs = sorted({x for _, ts in facet.values() for x in ts}, key=lambda x: _sort_name(view, x))
    eje_at = {e: i for i, e in enumerate(ejes)}
    terr_at = {x: i for i, x in enumerate(terrs)}
    net = _network(view, ids, attrs, coords, sizes)
    # Labels are placed most central first (the page labels as many as fit): by size,
    # then by links drawn, then by id.
    order = sorted(ids, key=lambda n: (-sizes[n], -view.graph.degree(n), str(n)))
    label_rank = {n: i for i, n in enumerate(order)}
    nodes = []
    for item, n in zip(net.nodes, ids, strict=True):
        es, ts = facet[n]
        nodes.append({
            **item, "kind": labels[n], "interno": attrs[n].get("interno"),
            "crit": n in crit_rank, "critRank": crit_rank.get(n), "rank": label_rank[n],
            "tipo": str(attrs[n].get("tipo") or "otro") if labels[n] == "Actor" else None,
            "ejes": sorted(eje_at[e] for e in es), "terr": sorted(terr_at[x] for x in ts),
        })
    gap_edges = [
        {"id": f"g{rank}", "from": item["nodes"][0], "to": item["nodes"][1], "rank": rank,
         "dashes": [8, 6], "width": 2, "gap": True,
         "color": {"color": COLORS["gap"], "highlight": COLORS["gap"], "hover": COLORS["gap"],
                   "opacity": 1.0}}
        for rank, item in enumerate(items) if item["kind"] == "coordinacion_faltante"
    ]
    profiler = Profiler(view, centrality, findings)
    data = {
        "view": view.name,
        "options": _options(net, len(ids)),
        "nodes": nodes,
        "edges": net.edges,
        "gapEdges": gap_edges,
        "profiles": [profiler.profile(n) for n in ids],
        "search": _search_names(ids, attrs, labels),
        "tipos": _tipo_legend(ids, labels, attrs),
        "kinds": _kind_legend(labels) if view.name == "completo" else [],
        "ejes": [_sort_name(view, e) for e in ejes],
        "territorios": [_sort_name(view, x) for x in terrs],
        "hasInterno": any(attrs[n].get("interno") is not None for n in ids
                          if labels[n] == "Actor"),
        "size": size_legend,
        "gaps": {"coordinacion_faltante": len(gap_edges), "punto_critico": len(crit_rank)}
        if gaps else None,
        "gapItems": items,
        "focal": view.scope.actor,
        "colors": COLORS,
    }
    counts = {"nodes": len(ids), "edges": graph.number_of_edges(), "gap_edges": len(gap_edges),
              "critical": len(crit_rank)}
    return data, counts


def _network(view: View, ids: list[str], attrs: Mapping[str, Mapping[str, Any]],
             coords: Mapping[str, tuple[float, float]], sizes: Mapping[str, float]) -> MapNetwork:
    """The drawable graph in pyvis: node look and place, link width; physics off."""
    net = MapNetwork(directed=False)
    net.toggle_physics(False)
    net.toggle_stabilization(False)
    net.toggle_hide_edges_on_drag(True)
    net.options.edges.smooth.enabled = False
    net.options.edges.color.inherit = False
    for n in ids:
        label = attrs[n].get("label", "Actor")
        shape, colour, _ = KIND_STYLES.get(label, KIND_STYLES["Actor"])
        if label == "Actor":
            colour = TIPO_COLORS.get(str(attrs[n].get("tipo")), TIPO_COLORS["otro"])
        x, y = coords[n]
        name = _short(node_name(attrs[n]) or n)
        extra: dict[str, Any] = {}
        if label == "Actor" and attrs[n].get("generico"):
            # A category, not one institution: said in its label, drawn with a dashed border.
            name = f"{name} {t('map.ui.generic_suffix')}"
            extra = {"borderWidth": 2, "shapeProperties": {"borderDashes": [4, 3]}}
        net.add_node(n, label=name, shape=shape, color=colour, x=x, y=y, size=sizes[n],
                     **extra)
    weighted = view.name == "actores"  # actor links carry the number of shared actions
    for number, (a, b, edge) in enumerate(view.graph.edges(data=True)):
        width = min(4.0, 0.5 + math.log2(1 + float(edge.get("weight") or 1))) if weighted else 1.0
        net.add_edge(a, b, id=number, width=round(width, 2))
    return net


def _options(net: MapNetwork, n: int) -> dict[str, Any]:
    """vis-network options: pyvis's (physics and smoothing off, edges hidden on drag)
    plus what pyvis has no setter for."""
    options = json.loads(net.options.to_json())
    options["layout"] = {"improvedLayout": False}
    options["interaction"].update(hover=True, hideEdgesOnZoom=n > LARGE, tooltipDelay=200,
                                  keyboard=False, multiselect=False)
    # Links light, so the names and the red gap marks read above them.
    options["edges"]["color"].update(color="#b3bcc6", highlight="#3e4c59", hover="#3e4c59",
                                     opacity=0.7)
    options["edges"]["selectionWidth"] = 1.5
    options["nodes"] = {"borderWidth": 1, "font": {"size": 13, "strokeWidth": 3,
                                                   "strokeColor": "#ffffff"}}
    return options


def _short(text: str) -> str:
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1].rstrip() + "…"


def _sort_name(view: View, node: str) -> str:
    return node_name(view.index.graph.nodes[node]) or node


def _sizes(ids: list[str], labels: Mapping[str, str], centrality: Mapping[str, Mapping[str, Any]],
           size_by: str) -> tuple[dict[str, float], dict[str, Any] | None]:
    """Radius per node: area proportional to the measure between its min and max (actors);
    a fixed size for other kinds."""
    actors = [n for n in ids if labels[n] == "Actor"]
    values = {n: _number(centrality.get(str(n), {}).get(size_by)) for n in actors}
    known = [v for v in values.values() if v is not None]
    low, high = (min(known), max(known)) if known else (0.0, 0.0)
    sizes = {n: SIZE_OTHER for n in ids}
    for n, value in values.items():
        share = 0.0 if value is None or high == low else (value - low) / (high - low)
        sizes[n] = round(SIZE_MIN + (SIZE_MAX - SIZE_MIN) * math.sqrt(share), 2)
    if not actors:
        return sizes, None
    legend = {"text": size_explanation(size_by), "min": format_value(low),
              "max": format_value(high), "minPx": SIZE_MIN, "maxPx": SIZE_MAX}
    return sizes, legend


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _search_names(ids: list[str], attrs: Mapping[str, Mapping[str, Any]],
                  labels: Mapping[str, str]) -> list[str]:
    """What the search box completes: the name, made unique with the kind, then the id."""
    names = [node_name(attrs[n]) or str(n) for n in ids]
    repeated = Counter(names)
    out = [f"{name} ({display('label.one', labels[n])})" if repeated[name] > 1 else name
           for name, n in zip(names, ids, strict=True)]
    repeated = Counter(out)
    return [f"{name} · {n}" if repeated[name] > 1 else name
            for name, n in zip(out, ids, strict=True)]


def _tipo_legend(ids: list[str], labels: Mapping[str, str],
                 attrs: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(str(attrs[n].get("tipo") or "otro") for n in ids if labels[n] == "Actor")
    order = list(TIPO_COLORS)
    return [{"key": tipo, "label": display("actor.tipo", tipo), "count": count,
             "color": TIPO_COLORS.get(tipo, TIPO_COLORS["otro"])}
            for tipo, count in sorted(counts.items(),
                                      key=lambda kv: (order.index(kv[0]) if kv[0] in order
                                                      else len(order), kv[0]))]


def _kind_legend(labels: Mapping[str, str]) -> list[dict[str, Any]]:
    counts = Counter(labels.values())
    return [{"key": kind, "label": display("label.one", kind), "count": counts[kind],
             "symbol": symbol, "color": color if kind != "Actor" else "#52606d"}
            for kind, (_, color, symbol) in KIND_STYLES.items() if counts[kind]]


# ---- titles and files -----------------------------------------------------------------

def _default_title(view: View) -> str:
    scope = view.scope
    parts = []
    if scope.eje is not None:
        parts.append(t("map.ui.scope.eje", name=scope.names["eje"]))
    if scope.territorio is not None:
        parts.append(t("map.ui.scope.territorio", name=scope.names["territorio"]))
    if scope.actor is not None:
        key = "map.ui.scope.actor_1" if scope.depth == 1 else "map.ui.scope.actor"
        parts.append(t(key, name=scope.names["actor"], depth=scope.depth))
    heading = t(f"map.ui.title.{view.name}")
    return f"{heading} — {' · '.join(parts)}" if parts else heading


def _write(path: Path, text: str) -> int:
    """Write the page atomically (a failure leaves no half map; missing folders are
    created, as maps go in folders of their own), or say in the user's words why it
    cannot be written."""
    try:
        return write_atomic(path, text, parents=True)
    except OSError as exc:
        raise InputError(t("map.cannot_write", path=path, reason=exc.strerror or exc)) from exc
