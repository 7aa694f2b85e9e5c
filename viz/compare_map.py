"""The map of a change: two cuts' actor networks drawn as one, in a single offline HTML file.

``tejido comparar --mapa`` and ``tejido simular --mapa`` draw every actor and every tie of
either cut (:class:`~tejido.queries.compare_cut.Cut`, the plain data a comparison reads):
ties added in one colour, ties lost dashed, unchanged ties faded, so what changed stands
out against what stayed. Actors added and removed are marked the same way. Placing nodes
once on the union of both networks (:func:`tejido.viz.layout.positions`) keeps every actor
where it was: a before/after pair of maps laid out separately would move everything and
hide the change (the "mental map" problem of dynamic graph drawing, Misue et al. 1995).

The page follows the rules of :mod:`tejido.viz.page`: data only as escaped JSON in a
``<script type="application/json">`` block (:func:`~tejido.viz.page.script_json`), every
string placed by the page's script with ``textContent``, node names drawn on the canvas
(never as HTML tooltips), and a Content-Security-Policy that allows only the two inline
scripts (by hash) and no network access.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

import networkx as nx

from tejido.graph.files import write_atomic
from tejido.graph.i18n import register, t, tn
from tejido.queries.compare_cut import Cut

from . import layout, page
from .texts import language

__all__ = ["STATES", "STYLES", "change_data", "write_change_map"]

register(
    {
        "cmpmap.title": {"es": "Mapa del cambio", "en": "Map of the change"},
        "cmpmap.legend": {"es": "Leyenda", "en": "Legend"},
        "cmpmap.tie.added": {"es": "Lazo nuevo (en color)", "en": "New tie (in colour)"},
        "cmpmap.tie.removed": {"es": "Lazo perdido (discontinuo)",
                               "en": "Lost tie (dashed)"},
        "cmpmap.tie.kept": {"es": "Lazo sin cambio (atenuado)",
                            "en": "Unchanged tie (faded)"},
        "cmpmap.actor.added": {"es": "Actor nuevo", "en": "New actor"},
        "cmpmap.actor.removed": {"es": "Actor retirado (borde discontinuo)",
                                 "en": "Removed actor (dashed border)"},
        "cmpmap.actor.kept": {"es": "Actor en los dos cortes", "en": "Actor in both cuts"},
        "cmpmap.state.added": {"es": "nuevo", "en": "new"},
        "cmpmap.state.removed": {"es": "perdido", "en": "lost"},
        "cmpmap.state.kept": {"es": "sin cambio", "en": "unchanged"},
        "cmpmap.actor_state.removed": {"es": "retirado", "en": "removed"},
        "cmpmap.hint": {"es": "Pulse un actor o un lazo para ver qué lo sostiene.",
                        "en": "Click an actor or a tie to see what carries it."},
        "cmpmap.acciones": {"es": "Acciones compartidas", "en": "Shared actions"},
        "cmpmap.relaciones": {"es": "Relaciones directas", "en": "Direct relations"},
        "cmpmap.ties_of": {"es": "Lazos", "en": "Ties"},
        "cmpmap.counts": {"es": "{added}, {removed}, {kept}.",
                          "en": "{added}, {removed}, {kept}."},
        "cmpmap.n.added": {"es": "{n} lazos nuevos", "en": "{n} new ties"},
        "cmpmap.n.added.one": {"es": "{n} lazo nuevo", "en": "{n} new tie"},
        "cmpmap.n.removed": {"es": "{n} perdidos", "en": "{n} lost"},
        "cmpmap.n.removed.one": {"es": "{n} perdido", "en": "{n} lost"},
        "cmpmap.n.kept": {"es": "{n} sin cambio", "en": "{n} unchanged"},
        "cmpmap.n.kept.one": {"es": "{n} sin cambio", "en": "{n} unchanged"},
    }
)

#: What happened to an actor or a tie between the two cuts.
STATES = ("added", "removed", "kept")
#: How each state is drawn. Added in a strong colour (green: nothing else on this map is
#: green), lost dashed in red, unchanged faded grey, so the eye goes to the change.
STYLES: dict[str, dict[str, dict[str, Any]]] = {
    "edges": {
        "added": {"color": "#2b8a3e", "width": 3.5, "dashes": False, "opacity": 1.0},
        "removed": {"color": "#c92a2a", "width": 2.5, "dashes": [8, 6], "opacity": 1.0},
        "kept": {"color": "#aab4bf", "width": 1.2, "dashes": False, "opacity": 0.6},
    },
    "nodes": {
        "added": {"fill": "#2b8a3e", "border": "#1b5e20", "borderWidth": 3, "dashes": False,
                  "size": 14, "font": "#1f2933"},
        "removed": {"fill": "#ffffff", "border": "#c92a2a", "borderWidth": 3,
                    "dashes": [4, 3], "size": 12, "font": "#9b1c1c"},
        "kept": {"fill": "#8d99a6", "border": "#616e7c", "borderWidth": 1, "dashes": False,
                 "size": 10, "font": "#52606d"},
    },
}
LABEL_MAX = 40


def _state(key: Any, before: Any, after: Any) -> str:
    if key in before and key in after:
        return "kept"
    return "added" if key in after else "removed"


def _short(text: str) -> str:
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1].rstrip() + "…"


def change_data(before: Cut, after: Cut, *, title: str | None = None,
                subtitle: str = "") -> dict[str, Any]:
    """The JSON the page reads, in the current language: every actor and tie of either
    cut with its state (``added``, ``removed``, ``kept``), positions, legend and texts.
    A tie's evidence (action titles, relation tipos) is the one of the cut it is in (the
    later one when in both)."""
    union = nx.Graph()
    union.add_nodes_from(before.actors.keys() | after.actors.keys())
    union.add_edges_from(before.ties.keys() | after.ties.keys())
    actors = sorted(union.nodes)
    names = {a: str(after.actors.get(a) or before.actors.get(a) or a) for a in actors}
    coords = layout.positions(union)
    nodes = [{"id": a, "name": names[a], "label": _short(names[a]),
              "x": coords[a][0], "y": coords[a][1],
              "state": _state(a, before.actors, after.actors)} for a in actors]
    edges = []
    for a, b in sorted(union.edges(), key=lambda e: tuple(sorted(e))):
        a, b = sorted((a, b))
        state = _state((a, b), before.ties, after.ties)
        cut = after if state != "removed" else before
        carried = cut.ties[(a, b)]
        edges.append({
            "id": f"{a}|{b}", "from": a, "to": b, "state": state,
            "acciones": [str(cut.actions.get(x, (None, None))[0] or x)
                         for x in carried["acciones"]],
            "relaciones": list(carried["relaciones"]),
        })
    counts = {s: sum(e["state"] == s for e in edges) for s in STATES}
    return {
        "title": title or t("cmpmap.title"),
        "subtitle": subtitle,
        "counts": t("cmpmap.counts", **{s: tn(f"cmpmap.n.{s}", n) for s, n in counts.items()}),
        "nodes": nodes,
        "edges": edges,
        "styles": STYLES,
        "legend": {"title": t("cmpmap.legend"),
                   "edges": [{"state": s, "text": t(f"cmpmap.tie.{s}")} for s in STATES],
                   "nodes": [{"state": s, "text": t(f"cmpmap.actor.{s}")} for s in STATES]},
        "labels": {"hint": t("cmpmap.hint"), "acciones": t("cmpmap.acciones"),
                   "relaciones": t("cmpmap.relaciones"), "ties": t("cmpmap.ties_of"),
                   "tie": {s: t(f"cmpmap.state.{s}") for s in STATES},
                   "actor": {"added": t("cmpmap.state.added"),
                             "removed": t("cmpmap.actor_state.removed"),
                             "kept": t("cmpmap.state.kept")}},
    }


def write_change_map(before: Cut, after: Cut, out_path: str | os.PathLike[str], *,
                     title: str | None = None, subtitle: str = "",
                     lang: str | None = None) -> Path:
    """Write the map of the change from ``before`` to ``after`` to ``out_path`` (UTF-8,
    atomically) in ``lang`` (the current language when None); returns the path."""
    with language(lang) as current:
        data = change_data(before, after, title=title, subtitle=subtitle)
        text = render(data, current)
    out = Path(out_path)
    write_atomic(out, text.encode("utf-8"))
    return out


# ---- the page -------------------------------------------------------------------------

def render(data: dict[str, Any], lang: str) -> str:
    """The page for ``data`` (:func:`change_data`), with the CSP of the other maps."""
    vis = page.vis_network()
    app = page.inline_script(_SCRIPT)
    csp = "; ".join([
        "default-src 'none'",
        f"script-src {page.script_hash(vis)} {page.script_hash(app)}",
        # vis-network injects its stylesheet at run time, so styles cannot be hashed.
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    return page.fill(_TEMPLATE, {
        "lang": html.escape(lang), "csp": html.escape(csp),
        "title": html.escape(str(data["title"])), "css": _CSS,
        "data": page.script_json(data), "vis": vis, "app": app,
    })


_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>{{ css }}</style>
</head>
<body>
<header id="tc-header">
  <h1 id="tc-title"></h1>
  <p id="tc-subtitle"></p>
  <p id="tc-counts"></p>
</header>
<main id="tc-main">
  <div id="tc-network"></div>
  <aside id="tc-side">
    <section id="tc-legend"></section>
    <section id="tc-detail"></section>
  </aside>
</main>
<script type="application/json" id="tejido-data">{{ data }}</script>
<script>{{ vis }}</script>
<script>{{ app }}</script>
</body>
</html>
"""

_CSS = """
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { display: flex; flex-direction: column; color: #1f2933; background: #f5f6f8;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
#tc-header { padding: 8px 14px; background: #fff; border-bottom: 1px solid #d9dde3; }
#tc-title { margin: 0; font-size: 18px; font-weight: 600; overflow-wrap: anywhere; }
#tc-subtitle, #tc-counts { margin: 2px 0 0; color: #52606d; font-size: 12.5px;
  overflow-wrap: anywhere; }
#tc-main { flex: 1; display: flex; min-height: 0; }
#tc-network { flex: 1; min-width: 0; height: 100%; background: #fff; }
#tc-side { width: 320px; flex: none; overflow-y: auto; background: #fff;
  border-left: 1px solid #d9dde3; padding: 10px 14px; }
#tc-side h2 { font-size: 14px; margin: 8px 0 6px; }
.tc-row { display: flex; align-items: center; gap: 10px; margin: 5px 0; }
.tc-line { width: 38px; height: 0; flex: none; }
.tc-dot { width: 16px; height: 16px; border-radius: 50%; flex: none; margin: 0 11px; }
.tc-hint { color: #52606d; font-size: 12.5px; }
#tc-detail ul { margin: 4px 0 8px; padding-left: 18px; }
"""

_SCRIPT = r"""/* tejido change map: reads the JSON block, builds the page with textContent only. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("tejido-data").textContent);
  var S = data.styles, L = data.labels;
  function $(id) { return document.getElementById(id); }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  $("tc-title").textContent = data.title;
  $("tc-subtitle").textContent = data.subtitle;
  $("tc-counts").textContent = data.counts;

  var names = new Map();
  data.nodes.forEach(function (n) { names.set(n.id, n.name); });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var s = S.nodes[n.state];
    var colour = { background: s.fill, border: s.border };
    return { id: n.id, label: n.label, x: n.x, y: n.y, shape: "dot", size: s.size,
             color: { background: s.fill, border: s.border, highlight: colour, hover: colour },
             borderWidth: s.borderWidth, borderWidthSelected: s.borderWidth + 1,
             shapeProperties: { borderDashes: s.dashes },
             font: { color: s.font, size: 13, strokeWidth: 3, strokeColor: "#ffffff" } };
  }));
  // Faded ties first, so the changed ones are drawn above them.
  var order = { kept: 0, removed: 1, added: 2 };
  var edges = new vis.DataSet(data.edges.slice().sort(function (a, b) {
    return order[a.state] - order[b.state];
  }).map(function (e) {
    var s = S.edges[e.state];
    return { id: e.id, from: e.from, to: e.to, width: s.width, dashes: s.dashes,
             color: { color: s.color, highlight: s.color, hover: s.color, opacity: s.opacity } };
  }));
  var options = {
    physics: false, layout: { improvedLayout: false },
    edges: { smooth: false, selectionWidth: 1.5 },
    interaction: { hover: true, keyboard: false, multiselect: false, tooltipDelay: 200 }
  };
  var network = new vis.Network($("tc-network"), { nodes: nodes, edges: edges }, options);

  // ---- legend ------------------------------------------------------------------------
  var legend = $("tc-legend");
  legend.appendChild(el("h2", data.legend.title));
  data.legend.edges.forEach(function (item) {
    var s = S.edges[item.state], row = el("div", null, "tc-row");
    var line = el("span", null, "tc-line");
    line.style.borderTop = Math.max(2, s.width) + "px " + (s.dashes ? "dashed " : "solid ") +
      s.color;
    line.style.opacity = String(s.opacity);
    row.appendChild(line);
    row.appendChild(el("span", item.text));
    legend.appendChild(row);
  });
  data.legend.nodes.forEach(function (item) {
    var s = S.nodes[item.state], row = el("div", null, "tc-row");
    var dot = el("span", null, "tc-dot");
    dot.style.background = s.fill;
    dot.style.border = s.borderWidth + "px " + (s.dashes ? "dashed " : "solid ") + s.border;
    row.appendChild(dot);
    row.appendChild(el("span", item.text));
    legend.appendChild(row);
  });

  // ---- detail of what was clicked ---------------------------------------------------
  var detail = $("tc-detail");
  var byEdge = new Map();
  data.edges.forEach(function (e) { byEdge.set(e.id, e); });
  function hint() {
    detail.replaceChildren(el("p", L.hint, "tc-hint"));
  }
  function list(title, items) {
    if (!items.length) return;
    detail.appendChild(el("h2", title));
    var ul = el("ul");
    items.forEach(function (text) { ul.appendChild(el("li", text)); });
    detail.appendChild(ul);
  }
  function showEdge(e) {
    detail.replaceChildren(el("h2", names.get(e.from) + " \u2194 " + names.get(e.to)));
    detail.appendChild(el("p", L.tie[e.state]));
    list(L.acciones, e.acciones);
    list(L.relaciones, e.relaciones);
  }
  function showNode(n) {
    detail.replaceChildren(el("h2", n.name));
    detail.appendChild(el("p", L.actor[n.state]));
    list(L.ties, data.edges.filter(function (e) { return e.from === n.id || e.to === n.id; })
      .map(function (e) {
        return names.get(e.from === n.id ? e.to : e.from) + " (" + L.tie[e.state] + ")";
      }));
  }
  var byNode = new Map();
  data.nodes.forEach(function (n) { byNode.set(n.id, n); });
  network.on("click", function (params) {
    if (params.nodes.length) showNode(byNode.get(params.nodes[0]));
    else if (params.edges.length) showEdge(byEdge.get(params.edges[0]));
    else hint();
  });
  hint();

  network.once("afterDrawing", function () {
    window.tejidoReady = true;
    document.body.setAttribute("data-ready", "1");
  });
  network.fit({ animation: false });
  window.tejido = { network: network, data: data };
})();
"""
