"""The report's static network map: the actor network as one vector drawing (SVG) with
title, legend, date and source, readable on paper.

Positions come from the maps' own layout (:func:`tejido.viz.layout.positions`:
deterministic, degree-weighted repulsion so hubs get room for their names); colours are
the maps' actor types (:data:`tejido.viz.maps.TIPO_COLORS`), so the printed map and the
interactive one read alike. Only the most central actors are labelled, each label placed
where it overlaps no label already placed (greedy: right, left, above, below of the
node), which keeps a page of 60 actors legible. Above :data:`MAP_MAX` actors the best
connected ones are drawn and the caption says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import matplotlib
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from tejido.graph.i18n import integer, t
from tejido.graph.vocabulary import display
from tejido.viz import layout
from tejido.viz.maps import TIPO_COLORS

from .informe_charts import RC, WIDTH, svg, wrap

#: Actors labelled on the map, most central first.
LABELLED = 15
#: Actors drawn at most (the best connected).
MAP_MAX = 300
#: Node area range in points².
AREA_MIN, AREA_MAX = 18.0, 420.0


def _drawn(network: nx.Graph) -> nx.Graph:
    """The actors with at least one tie (an isolated actor is a dot that says nothing on
    paper), the :data:`MAP_MAX` best connected of them."""
    tied = [n for n in network if network.degree(n)]
    keep = sorted(tied, key=lambda n: (-network.degree(n), str(n)))[:MAP_MAX]
    return network.subgraph(keep).copy()


def network_map(network: nx.Graph, centrality: list[Mapping[str, Any]], title: str,
                date_text: str, source: str) -> tuple[str | None, str]:
    """(SVG or None for an empty network, caption) of the actor network."""
    graph = _drawn(network)
    if graph.number_of_nodes() == 0:
        return None, ""
    rows = {str(r["id"]): r for r in centrality}
    between = {n: float(rows.get(str(n), {}).get("intermediacion") or 0.0) for n in graph}
    coords = layout.positions(graph)
    high = max(between.values()) or 1.0
    area = {n: AREA_MIN + (AREA_MAX - AREA_MIN) * (between[n] / high) for n in graph}
    order = sorted(graph, key=lambda n: (-between[n], -graph.degree(n), str(n)))
    labelled = [n for n in order[:LABELLED] if between[n] > 0 or graph.degree(n)]
    tipos = {n: str(graph.nodes[n].get("tipo") or "otro") for n in graph}
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(WIDTH, WIDTH * 1.12))
        canvas = FigureCanvasAgg(fig)
        ax = fig.add_axes((0.0, 0.09, 1.0, 0.86))
        ax.set_axis_off()
        for a, b, attrs in graph.edges(data=True):
            (x1, y1), (x2, y2) = coords[a], coords[b]
            width = min(2.2, 0.35 + 0.35 * float(attrs.get("weight") or 1) ** 0.5)
            ax.plot([x1, x2], [-y1, -y2], color="#9aa5b1", linewidth=width, alpha=0.55,
                    zorder=1, solid_capstyle="round")
        for n in sorted(graph, key=lambda n: area[n]):
            x, y = coords[n]
            ax.scatter([x], [-y], s=area[n], color=TIPO_COLORS.get(tipos[n], TIPO_COLORS["otro"]),
                       edgecolors="white", linewidths=0.6, zorder=2)
        xs = [p[0] for p in coords.values()]
        ys = [-p[1] for p in coords.values()]
        pad_x = (max(xs) - min(xs)) * 0.06 + 1
        pad_y = (max(ys) - min(ys)) * 0.06 + 1
        ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
        ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
        _labels(ax, canvas, graph, labelled, coords, area)
        fig.text(0.0, 0.985, title, fontsize=11, fontweight="bold", va="top")
        fig.text(1.0, 0.985, date_text, fontsize=8, va="top", ha="right", color="#555555")
        counts = Counter(tipos.values())
        order_t = list(TIPO_COLORS)
        handles = [Line2D([], [], marker="o", linestyle="", markersize=6,
                          markerfacecolor=TIPO_COLORS.get(k, TIPO_COLORS["otro"]),
                          markeredgecolor="white",
                          label=f"{display('actor.tipo', k)} ({c})")
                   for k, c in sorted(counts.items(), key=lambda kv: (
                       order_t.index(kv[0]) if kv[0] in order_t else len(order_t), kv[0]))]
        fig.legend(handles=handles, loc="lower center", ncols=3, frameon=False, fontsize=7,
                   bbox_to_anchor=(0.5, 0.0))
        fig.text(0.0, -0.01, wrap(source, 150, 4), fontsize=6.5, color="#555555", va="top")
    shown = (t("inf.map_all", n=integer(graph.number_of_nodes()),
               m=integer(graph.number_of_edges()))
             if graph.number_of_nodes() == len([n for n in network if network.degree(n)])
             else t("inf.map_some", n=integer(graph.number_of_nodes()),
                    total=integer(network.number_of_nodes())))
    return svg(fig), t("inf.map_cap", n=len(labelled), shown=shown)


def _labels(ax: Any, canvas: FigureCanvasAgg, graph: nx.Graph, labelled: list[Any],
            coords: Mapping[Any, tuple[float, float]], area: Mapping[Any, float]) -> None:
    """Name each labelled node beside it, where its text overlaps no earlier label."""
    renderer = canvas.get_renderer()
    placed: list[Any] = []
    for n in labelled:
        x, y = coords[n]
        name = wrap(str(graph.nodes[n].get("name") or n), 26, 2)
        offset = (area[n] ** 0.5) / 2 + 2
        for dx, dy, ha, va in ((offset, 0, "left", "center"), (-offset, 0, "right", "center"),
                               (0, offset, "center", "bottom"), (0, -offset, "center", "top")):
            text = ax.annotate(name, (x, -y), xytext=(dx, dy), textcoords="offset points",
                               ha=ha, va=va, fontsize=6.8, color="#111111", zorder=3,
                               bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                                     "edgecolor": "none", "alpha": 0.75})
            box = text.get_window_extent(renderer)
            if not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            text.remove()  # no free place: the actor stays unlabelled
