"""The bundled data's maps in a real browser (see helpers_browser.py), drawn as ``tejido
demo`` draws them: whole network with the gap findings and the centrality table, and the
map of one actor. What a planner must see at first sight is checked here: the most
central names readable, filters that re-fit the view, the queried actor marked, the
highest-priority gaps first, pictures that carry title, legend and date.

Expected sets are worked out from the stored graph with plain networkx, not from the
map's own read model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import RelType
from tejido.loaders.base import read_paths
from tejido.loaders.bundled import bundled_data_dir
from tejido.queries.centrality import compute_centrality
from tejido.queries.gaps import find_gaps
from tejido.viz.maps import write_map
from tejido.viz.overlay import Marks
from tejido.viz.views import GAP_KINDS

pytest_plugins = ["helpers_browser"]
DATE = "2026-01-31"
SVG = "{http://www.w3.org/2000/svg}"
VIEWPORT = (1400, 900)
CONQUITO = "Agencia de Promoción Económica CONQUITO"


@dataclass
class Bundled:
    graph: nx.MultiDiGraph
    rows: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    whole: Path
    ego: Path
    listed: Path  # the pairs the report lists, as `tejido demo` and `tejido map` draw them


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Bundled:
    folder = tmp_path_factory.mktemp("bundled")
    store = EmbeddedStore(folder / "graph.json")
    store.write(read_paths([bundled_data_dir()]).batch)
    # Every pair (`tejido map --pares-por-contexto 0`): enough marks to try the controls.
    report = find_gaps(store, pairs_per_context=None)
    rows = compute_centrality(store)
    found = [f for f in report.findings if f.kind in GAP_KINDS]
    graph = store.snapshot()
    common = {"findings": found, "centrality": rows, "date": DATE, "dataset": "datos de ejemplo"}
    whole = write_map(graph, folder / "map.html", **common).path
    ego = write_map(graph, folder / "ego.html", actor="CONQUITO", **common).path
    capped = find_gaps(store)
    listed = write_map(graph, folder / "listed.html", **{**common, "findings": Marks(
        [f for f in capped.findings if f.kind in GAP_KINDS], capped.summary.pares_omitidos)})
    return Bundled(graph, rows, [f.model_dump(mode="json") for f in found], whole, ego,
                   listed.path)


def rel(graph: nx.MultiDiGraph, kind: RelType) -> list[tuple[str, str]]:
    return [(a, b) for a, b, t in graph.edges(data="type") if t == kind]


def successor_of(graph: nx.MultiDiGraph) -> dict[str, str]:
    """A renamed institution's node stands for what it replaced on an actor map."""
    return {old: new for new, old in rel(graph, RelType.SUCCEEDS)}


def eje_actors(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Root axis name -> the actors leading or articulating an action under it (or under an
    axis inside it), renamed institutions as their successors."""
    parents: dict[str, set[str]] = {}
    for child, parent in rel(graph, RelType.PART_OF):
        parents.setdefault(child, set()).add(parent)
    roots = {}
    for node, label in graph.nodes(data="label"):
        if label == "Axis":
            seen, stack = {node}, [node]
            while stack:
                for parent in parents.get(stack.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        stack.append(parent)
            roots[node] = {n for n in seen if not parents.get(n)}
    under: dict[str, set[str]] = {}
    for action, axis in rel(graph, RelType.UNDER):
        for root in roots.get(axis, ()):
            under.setdefault(root, set()).add(action)
    rename = successor_of(graph)
    out: dict[str, set[str]] = {}
    for root, actions in under.items():
        actors = {rename.get(a, a) for kind in (RelType.LEADS, RelType.ARTICULATES)
                  for a, action in rel(graph, kind) if action in actions}
        out[graph.nodes[root]["name"]] = actors
    return out


VIEW = """() => {
  const n = tejido.network, c = document.getElementById('tj-network');
  const ids = n.body.nodeIndices.slice();
  return {ids: ids.sort(), scale: n.getScale(), centre: n.getViewPosition(),
          width: c.clientWidth, height: c.clientHeight,
          dom: ids.map(id => n.canvasToDOM(n.getPosition(id)))};
}"""


def overlaps(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and \
        a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


def test_most_central_names_are_legible_at_first_sight(visit, bundled):
    seen = visit(bundled.whole, viewport=VIEWPORT).ready()
    view = seen.js(VIEW)
    labels = {x["id"]: x for x in seen.js("tejido.labels()")}
    # The five actors of highest degree (the size measure), ties by id.
    top = [r["id"] for r in sorted(bundled.rows, key=lambda r: (-r["grado"], r["id"]))[:5]]
    for actor in top:
        label = labels.get(actor)
        assert label is not None, f"{actor} has no name at the initial view"
        assert label["px"] >= 12
        assert label["x"] >= 0 and label["x"] + label["w"] <= view["width"]
        assert label["y"] >= 0 and label["y"] + label["h"] <= view["height"]
    placed = list(labels.values())
    assert not any(overlaps(a, b) for i, a in enumerate(placed) for b in placed[i + 1:])
    # Not every name fits at this zoom: the rest appear when zooming in on them.
    unnamed = [i for i in view["ids"] if i not in labels]
    assert unnamed
    seen.js("([id, s]) => tejido.network.moveTo({position: tejido.network.getPosition(id),"
            " scale: s, animation: false})", [unnamed[0], view["scale"] * 4])
    assert unnamed[0] in {x["id"] for x in seen.drawn().js("tejido.labels()")}
    seen.clean()


def test_eje_filter_refits_the_view_to_its_actors_and_the_counts_follow(visit, bundled):
    seen = visit(bundled.whole, viewport=VIEWPORT).ready()
    before = seen.js(VIEW)
    everyone = set(before["ids"])
    by_eje = {name: actors for name, actors in eje_actors(bundled.graph).items()
              if 3 <= len(actors) < len(everyone)}
    eje = max(by_eje, key=lambda name: (len(by_eje[name]), name))
    seen.page.select_option("#tj-filter-eje", label=eje)
    after = seen.js(VIEW)
    assert set(after["ids"]) == by_eje[eje]
    # Every actor of the eje is in view, and the view is as tight as the margins allow.
    xs = [p["x"] for p in after["dom"]]
    ys = [p["y"] for p in after["dom"]]
    assert min(xs) >= 0 and max(xs) <= after["width"]
    assert min(ys) >= 0 and max(ys) <= after["height"]
    assert (max(xs) - min(xs) >= 0.7 * (after["width"] - 160)
            or max(ys) - min(ys) >= 0.7 * (after["height"] - 64) or after["scale"] == 1.5)
    assert (after["scale"], after["centre"]) != (before["scale"], before["centre"])
    # Legend counts are what is visible now.
    counts = seen.js("[...document.querySelectorAll('#tj-legend-tipos .tj-count')]"
                     ".map(s => Number(s.textContent.slice(1, -1)))")
    assert sum(counts) == len(by_eje[eje])
    assert seen.js("document.getElementById('tj-visible').textContent") == (
        f"Visibles: {len(by_eje[eje])} de {len(everyone)}")
    seen.page.click("#tj-reset")
    assert set(seen.js(VIEW)["ids"]) == everyone
    seen.clean()


def test_ego_map_marks_its_actor(visit, bundled):
    seen = visit(bundled.ego, viewport=VIEWPORT).ready()
    focal = next(n for n, attrs in bundled.graph.nodes(data=True) if attrs.get("name") == CONQUITO)
    assert seen.js("tejido.focal") == focal
    assert seen.js("id => tejido.nodes.get(id).borderWidth", focal) >= 3
    assert CONQUITO in seen.js("document.getElementById('tj-legend-focal').textContent")
    centre = seen.js("tejido.network.getViewPosition()")
    at = seen.js("id => tejido.network.getPosition(id)", focal)
    assert abs(centre["x"] - at["x"]) < 1 and abs(centre["y"] - at["y"]) < 1
    assert focal in {x["id"] for x in seen.js("tejido.labels()")}
    # Everyone tied to CONQUITO (a shared action or a direct tie) is drawn, and in view.
    rename = successor_of(bundled.graph)
    mine = {a for a, b in rename.items() if b == focal} | {focal}
    takes_part = [(rename.get(a, a), b) for kind in (RelType.LEADS, RelType.ARTICULATES)
                  for a, b in rel(bundled.graph, kind)]
    actions = {b for a, b in takes_part if a == focal}
    tied = {b for a, b in rel(bundled.graph, RelType.RELATES) if a in mine} | {
        a for a, b in rel(bundled.graph, RelType.RELATES) if b in mine}
    view = seen.js(VIEW)
    assert set(view["ids"]) == {a for a, b in takes_part if b in actions} | {
        rename.get(a, a) for a in tied} | {focal}
    assert all(0 <= p["x"] <= view["width"] and 0 <= p["y"] <= view["height"]
               for p in view["dom"])
    seen.clean()


def expected_marks(found: list[dict[str, Any]], drawn: set[str],
                   rename: dict[str, str]) -> list[tuple[str, ...]]:
    """The overlay's order: brecha findings by priority, then severity, then as given; a
    pair or actor once. A renamed institution's predecessor is marked on its successor's
    node (the one node drawn for both)."""
    order = sorted(range(len(found)), key=lambda i: (-found[i]["priority"],
                                                     -found[i]["severity"], i))
    marks: list[tuple[str, ...]] = []
    for i in order:
        finding = found[i]
        actors = sorted({rename.get(s["id"], s["id"]) for s in finding["subjects"]} & drawn)
        if finding["status"] != "brecha":
            continue
        if finding["kind"] == "coordinacion_faltante" and len(actors) == 2:
            mark = ("pair", *actors)
        elif finding["kind"] == "punto_critico" and len(actors) == 1:
            mark = ("ring", actors[0])
        else:
            continue
        if mark not in marks:
            marks.append(mark)
    return marks


SHOWN = """() => {
  const b = tejido.network.body;
  const pairs = b.edgeIndices.filter(id => b.edges[id].options.dashes)
    .map(id => ['pair', ...[b.edges[id].fromId, b.edges[id].toId].sort()]);
  const rings = tejido.nodes.get({filter: n => n.borderWidth === 4}).map(n => ['ring', n.id]);
  return pairs.concat(rings);
}"""


def test_gap_overlay_shows_the_ten_highest_priority_gaps(visit, bundled):
    seen = visit(bundled.whole, viewport=VIEWPORT).ready()
    drawn = set(seen.js(VIEW)["ids"])
    marks = expected_marks(bundled.findings, drawn, successor_of(bundled.graph))
    assert len(marks) > 20  # enough gaps that showing them all would bury the network
    assert sorted(map(tuple, seen.js(SHOWN))) == sorted(marks[:10])
    assert len(seen.js("[...document.querySelectorAll('#tj-gap-list li')]")) == 10
    seen.page.click("#tj-gaps-more")
    assert sorted(map(tuple, seen.js(SHOWN))) == sorted(marks[:20])
    seen.page.click("#tj-gaps-all")
    assert sorted(map(tuple, seen.js(SHOWN))) == sorted(marks)
    seen.clean()


def test_exported_svg_has_title_legend_date_and_source(visit, bundled, tmp_path):
    seen = visit(bundled.whole, viewport=VIEWPORT).ready()
    target = tmp_path / "mapa.svg"
    assert seen.download("#tj-export-svg", target) == "mapa-tejido.svg"
    root = ElementTree.parse(target).getroot()
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert root.find(f"{SVG}title").text == "Red de actores"
    legend = [t.text for t in root.find(f"{SVG}g[@id='leyenda']").iter(f"{SVG}text")]
    assert "Tipo de actor" in legend and "Brechas" in legend
    assert any(x.startswith("Secretaría (") for x in legend)
    assert any("Fecha: 31 de enero de 2026" in x for x in texts)
    assert any(x.startswith("Fuente: datos de ejemplo") for x in texts)
    # Every visible actor is drawn; the names drawn on the page are in the picture.
    nodes = root.find(f".//{SVG}g[@id='nodos']")
    assert len(list(nodes)) == len(seen.js(VIEW)["ids"])
    page_names = {line for x in seen.js("tejido.labels()") for line in x["lines"]}
    assert page_names <= set(texts)
    seen.clean()


def test_a_map_of_the_listed_pairs_says_what_it_left_out(visit, bundled, tmp_path):
    """The note under the gap legend, and in the exported picture's legend: the bundled
    report counts pairs it does not list, and the map says so instead of drawing them."""
    seen = visit(bundled.listed, viewport=VIEWPORT).ready()
    note = seen.js("document.getElementById('tj-gaps-omitted').textContent")
    assert note.startswith("No se dibujan otros ") and "(eje × territorio)" in note
    assert seen.js("document.getElementById('tj-gaps-omitted').offsetHeight > 0")
    target = tmp_path / "mapa.svg"
    seen.download("#tj-export-svg", target)
    legend = " ".join(t.text or "" for t in ElementTree.parse(target).getroot()
                      .find(f"{SVG}g[@id='leyenda']").iter(f"{SVG}text"))
    assert "No se dibujan otros" in legend
    # the whole map (every pair) has no such note
    whole = visit(bundled.whole, viewport=VIEWPORT).ready()
    assert whole.js("document.getElementById('tj-gaps-omitted') === null")
    seen.clean()
    whole.clean()
