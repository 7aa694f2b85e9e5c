"""Maps in a real browser (see helpers_browser.py): the small hand-made portfolio of
helpers_map.py, with hostile names. The bundled data's maps are in
test_map_browser_bundled.py."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from helpers_map import (
    ACTOR_EDGES,
    ACTORS,
    EJE_AMB,
    FULL_EDGES,
    FULL_NODES,
    MECHANISM,
    MISSING_PAIRS,
    XSS_HREF,
    XSS_IMG,
    XSS_SCRIPT,
    actor_id,
    embedded_store,
    findings,
)

from tejido.viz.maps import COLORS, write_map

#: The browser fixtures (browser, visit).
pytest_plugins = ["helpers_browser"]
DATE = "2026-01-31"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("maps")
    graph = embedded_store(folder / "graph.json").snapshot()
    out = {}
    for name, options in {
        "actores": {},
        "completo": {"view": "completo"},
        "eje": {"eje": EJE_AMB},
        "en": {"lang": "en"},
    }.items():
        out[name] = write_map(graph, folder / f"{name}.html", findings=findings(), date=DATE,
                              **options).path
    return out


def id_of(name: str) -> str:
    return next(actor_id(k) for k, (n, _, _) in ACTORS.items() if n == name)


def pairs(keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {tuple(sorted((actor_id(a), actor_id(b)))) for a, b in keys}


DRAWN_EDGES = """() => Object.values(tejido.network.body.edges).map(
    e => [e.fromId, e.toId, Boolean(e.options.dashes)])"""
HIDDEN = "() => tejido.nodes.get({filter: n => n.hidden === true}).map(n => n.id).sort()"
VISIBLE = "() => tejido.network.body.nodeIndices.slice().sort()"


def test_harness_catches_a_page_that_goes_online(visit, tmp_path):
    # Control: the routing above must see a CDN reference, or the tests below prove nothing.
    page = tmp_path / "online.html"
    page.write_text('<script src="https://cdn.jsdelivr.net/npm/vis-network/x.js"></script>',
                    encoding="utf-8")
    seen = visit(page)
    seen.page.wait_for_load_state("load")
    assert seen.blocked == ["https://cdn.jsdelivr.net/npm/vis-network/x.js"]


def test_actor_map_offline_error_free_and_complete(visit, maps):
    seen = visit(maps["actores"]).ready()
    seen.clean()
    assert seen.js("Object.keys(tejido.network.body.nodes).length") == len(ACTORS)
    drawn = seen.js(DRAWN_EDGES)
    assert {tuple(sorted(e[:2])) for e in drawn if not e[2]} == pairs(ACTOR_EDGES)
    assert len([e for e in drawn if not e[2]]) == len(ACTOR_EDGES)
    assert {tuple(sorted(e[:2])) for e in drawn if e[2]} == pairs(MISSING_PAIRS)
    assert seen.js("document.getElementById('tj-title').textContent") == "Red de actores"


def test_full_map_counts(visit, maps):
    seen = visit(maps["completo"]).ready()
    seen.clean()
    assert seen.js("Object.keys(tejido.network.body.nodes).length") == FULL_NODES
    drawn = seen.js(DRAWN_EDGES)
    assert len([e for e in drawn if not e[2]]) == FULL_EDGES
    shapes = seen.js("[...new Set(Object.values(tejido.network.body.nodes)"
                     ".map(n => n.options.shape))].sort()")
    assert shapes == ["diamond", "dot", "square", "star", "triangle"]


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_names_are_shown_as_text_and_run_nothing(visit, maps, bypass_csp):
    # Run once with the page's CSP and once without it: escaping must suffice on its own.
    seen = visit(maps["completo"], bypass_csp=bypass_csp).ready()
    # Hovering a node (all are in view after loading) shows its name in the tooltip, as text.
    position = seen.js("id => tejido.network.canvasToDOM(tejido.network.getPosition(id))",
                       actor_id("C"))
    box = seen.page.locator("#tj-network").bounding_box()
    seen.page.mouse.move(box["x"] + position["x"], box["y"] + position["y"])
    seen.page.wait_for_selector("#tj-tooltip:not([hidden])")
    assert seen.js("document.querySelector('#tj-tooltip strong').textContent") == XSS_IMG
    # Completion offers the names exactly as written.
    options = seen.js("[...document.querySelectorAll('#tj-names option')].map(o => o.value)")
    for name in (XSS_IMG, XSS_SCRIPT, XSS_HREF, MECHANISM):
        assert name in options
    for name in (XSS_IMG, XSS_SCRIPT, XSS_HREF):
        seen.page.fill("#tj-search", name)
        seen.page.press("#tj-search", "Enter")
        assert seen.js("document.querySelector('#tj-profile h2').textContent") == name
        assert seen.js("tejido.network.getSelectedNodes()") == [id_of(name)]
    # The eje filter lists the eje's name as text; the mechanism's profile names it as text.
    assert EJE_AMB in seen.js("[...document.querySelectorAll('#tj-filter-eje option')]"
                              ".map(o => o.textContent)")
    seen.page.fill("#tj-search", MECHANISM)
    seen.page.press("#tj-search", "Enter")
    assert seen.js("document.querySelector('#tj-profile h2').textContent") == MECHANISM
    # No element was made from data: the page has no images, links or extra scripts.
    assert seen.js("document.querySelectorAll('img, a, iframe, svg, i, b').length") == 0
    assert seen.js("document.scripts.length") == 3
    seen.clean()


def test_heading_with_markup_in_the_eje_name(visit, maps):
    seen = visit(maps["eje"]).ready()
    seen.clean()
    title = f"Red de actores — eje «{EJE_AMB}»"
    assert seen.js("document.getElementById('tj-title').textContent") == title
    assert seen.js("document.title") == title


def test_search_focuses_the_node_it_names(visit, maps):
    seen = visit(maps["actores"]).ready()
    for typed, key in (("universidad central", "D"), ("nono", "F"), ("CONQUITO", "B")):
        seen.page.fill("#tj-search", typed)
        seen.page.press("#tj-search", "Enter")
        target = actor_id(key)
        assert seen.js("tejido.network.getSelectedNodes()") == [target]
        centre = seen.js("tejido.network.getViewPosition()")
        node = seen.js("id => tejido.network.getPosition(id)", target)
        assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
        assert seen.js("document.querySelector('#tj-profile h2').textContent") == ACTORS[key][0]
    seen.page.fill("#tj-search", "zzz nadie")
    seen.page.press("#tj-search", "Enter")
    assert seen.js("document.getElementById('tj-search-status').textContent") == "Sin resultados"
    seen.clean()


def test_tipo_filter_hides_exactly_that_tipo(visit, maps):
    seen = visit(maps["actores"]).ready()
    everyone = sorted(actor_id(k) for k in ACTORS)
    assert seen.js(HIDDEN) == [] and seen.js(VISIBLE) == everyone
    seen.page.click("[data-tipo=academia] input")
    assert seen.js(HIDDEN) == [actor_id("D")]
    assert seen.js(VISIBLE) == sorted(set(everyone) - {actor_id("D")})
    # D's links are not drawn while D is hidden.
    visible_edges = seen.js("tejido.network.body.edgeIndices.map(id => [tejido.network.body"
                            ".edges[id].fromId, tejido.network.body.edges[id].toId])")
    assert all(actor_id("D") not in edge for edge in visible_edges)
    seen.page.click("[data-tipo=sociedad_civil] input")
    assert seen.js(HIDDEN) == sorted([actor_id("C"), actor_id("D")])
    seen.page.click("[data-tipo=sociedad_civil] input")
    assert seen.js(HIDDEN) == [actor_id("D")]
    # Searching for a hidden node resets the filters and says so.
    seen.page.fill("#tj-search", "Universidad Central")
    seen.page.press("#tj-search", "Enter")
    assert seen.js(HIDDEN) == []
    assert seen.js("document.getElementById('tj-search-status').textContent").startswith(
        "Estaba oculto")
    assert seen.js("document.querySelector('[data-tipo=academia] input').checked") is True
    seen.clean()


def test_eje_and_interno_filters(visit, maps):
    seen = visit(maps["actores"]).ready()
    seen.page.select_option("#tj-filter-eje", label=EJE_AMB)
    # Actors of X and Z (the eje's actions) stay; E, G, H take part in nothing.
    assert seen.js(HIDDEN) == sorted(actor_id(k) for k in "EGH")
    seen.page.select_option("#tj-filter-eje", value="-1")
    seen.page.select_option("#tj-filter-interno", value="yes")
    assert seen.js(VISIBLE) == sorted(actor_id(k) for k in "AB")
    seen.page.select_option("#tj-filter-interno", value="no")
    assert seen.js(VISIBLE) == sorted(actor_id(k) for k in "CDF")
    seen.page.click("#tj-reset")
    assert seen.js(HIDDEN) == []
    seen.clean()


def test_click_opens_profile_and_highlights_neighbourhood(visit, maps):
    seen = visit(maps["actores"]).ready()
    seen.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    position = seen.js("id => tejido.network.canvasToDOM(tejido.network.getPosition(id))",
                       actor_id("A"))
    box = seen.page.locator("#tj-network").bounding_box()
    seen.page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
    seen.page.wait_for_selector("#tj-panel:not([hidden])")
    text = seen.js("document.getElementById('tj-profile').innerText")
    assert "Secretaría de Ambiente" in text
    assert "Reforestar quebradas" in text  # the action it leads
    assert "matriz.xlsx · acciones · fila 5" in text  # provenance from the Source node
    # A's neighbours on the map: B, C (X), D (tie), F (missing coordination); others dimmed.
    colours = seen.js("() => Object.fromEntries(tejido.nodes.get().map(n => [n.id, n.color]))")
    dimmed = sorted(node for node, colour in colours.items() if colour == COLORS["dim"])
    assert dimmed == sorted(actor_id(k) for k in "EGH")
    seen.page.click("#tj-copy")
    seen.page.wait_for_selector("#tj-copy:text-is('Copiado')")
    assert seen.js("navigator.clipboard.readText()") == text
    seen.clean()


def test_gap_layers_toggle(visit, maps):
    seen = visit(maps["actores"]).ready()
    dashed = ("tejido.network.body.edgeIndices"
              ".filter(id => tejido.network.body.edges[id].options.dashes).length")
    assert seen.js(dashed) == len(MISSING_PAIRS)
    assert seen.js("id => tejido.nodes.get(id).borderWidth", actor_id("D")) == 4
    seen.page.click("[data-gap=coordinacion_faltante] input")
    seen.page.click("[data-gap=punto_critico] input")
    assert seen.js(dashed) == 0
    assert seen.js("id => tejido.nodes.get(id).borderWidth", actor_id("D")) == 1
    seen.page.click("[data-gap=coordinacion_faltante] input")
    assert seen.js(dashed) == len(MISSING_PAIRS)
    seen.clean()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_export_png_carries_title_legend_and_source(visit, maps, tmp_path):
    seen = visit(maps["actores"]).ready()
    target = tmp_path / "map.png"
    assert seen.download("#tj-export", target) == "mapa-tejido.png"
    width, height = png_size(target.read_bytes())
    canvas = seen.js("(() => { const c = document.querySelector('#tj-network canvas');"
                     " return [c.width, c.height]; })()")
    # The picture is the view plus a legend column (300 px) beside it and a heading and a
    # source line around it, so it is wider and taller than the canvas.
    assert width == canvas[0] + 300 and height > canvas[1] + 60
    seen.clean()


def svg_texts(path: Path) -> list[str]:
    tree = ElementTree.parse(path)  # strict XML: fails on anything malformed
    return [t.text or "" for t in tree.getroot().iter(f"{SVG}text")]


def test_export_svg_is_xml_with_the_names_as_text(visit, maps, tmp_path):
    seen = visit(maps["actores"]).ready()
    target = tmp_path / "map.svg"
    assert seen.download("#tj-export-svg", target) == "mapa-tejido.svg"
    root = ElementTree.parse(target).getroot()
    texts = svg_texts(target)
    assert root.find(f"{SVG}title").text == "Red de actores"
    assert "Red de actores" in texts
    assert any("31 de enero de 2026" in x for x in texts)  # the date, as Spanish writes it
    assert any(x.startswith("Fuente: —") for x in texts)  # the source line
    # The legend names the actor types drawn, with their counts, and the gap marks.
    assert "Secretaría (1)" in texts and "Academia (1)" in texts
    assert any(x.startswith("Coordinación faltante (4 de 4)") for x in texts)
    # One circle per actor; hostile names are text, never elements.
    assert len(list(root.find(f"{SVG}g[@id='red']").iter(f"{SVG}circle"))) == len(ACTORS)
    placed = {" ".join(label["lines"]) for label in seen.js("tejido.labels()")}
    assert XSS_IMG in placed  # wrapped in two lines, one text element each
    assert "<img src=x" in texts and "onerror=alert(1)>" in texts
    tags = {e.tag.removeprefix(SVG) for e in root.iter()}
    assert tags <= {"svg", "title", "rect", "g", "text", "defs", "clipPath", "line", "circle",
                    "polygon"}
    seen.clean()


@pytest.fixture(scope="module")
def ranked_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two gaps shown at first, of these, by priority then severity: C–F (priority 0.9),
    D's critical point (severity 0.75), then the pairs A–F, B–F, C–D at 0.5 in the order
    given; a por_confirmar pair (A–B) is never drawn."""
    folder = tmp_path_factory.mktemp("ranked")
    graph = embedded_store(folder / "graph.json").snapshot()
    found = findings()
    for finding in found:
        ids = {s["id"] for s in finding["subjects"]}
        if ids == {actor_id("C"), actor_id("F")}:
            finding["priority"] = 0.9
    extra = dict(found[0], status="por_confirmar", subjects=[
        {"id": actor_id("A"), "type": "Actor", "name": "A"},
        {"id": actor_id("B"), "type": "Actor", "name": "B"}])
    return write_map(graph, folder / "m.html", findings=[*found, extra], date=DATE,
                     gaps_top=2).path


DASHED = ("tejido.network.body.edgeIndices.filter(id => tejido.network.body.edges[id]"
          ".options.dashes).map(id => [tejido.network.body.edges[id].fromId,"
          " tejido.network.body.edges[id].toId].sort().join('|')).sort()")


def test_gap_overlay_shows_the_top_gaps_and_more_on_demand(visit, ranked_map):
    seen = visit(ranked_map).ready()
    ring = "id => tejido.nodes.get(id).borderWidth"
    joined = sorted("|".join(sorted(pair)) for pair in pairs({("C", "F")}))
    assert seen.js(DASHED) == joined and seen.js(ring, actor_id("D")) == 4
    items = seen.js("[...document.querySelectorAll('#tj-gap-list li')].map(li => li.textContent)")
    assert len(items) == 2 and items[0].startswith(f"{XSS_IMG} ↔ Junta Parroquial de Nono")
    assert items[1].startswith("Universidad Central · Punto crítico")
    assert seen.js("document.getElementById('tj-gaps-status').textContent") == (
        "Brechas mostradas: 2 de 5, por prioridad.")
    seen.page.click("#tj-gaps-more")  # +2: A–F and B–F
    assert seen.js(DASHED) == sorted("|".join(sorted(p)) for p in pairs(
        {("C", "F"), ("A", "F"), ("B", "F")}))
    seen.page.click("#tj-gaps-all")
    assert seen.js(DASHED) == sorted("|".join(sorted(p)) for p in pairs(MISSING_PAIRS))
    assert seen.js("document.querySelector('[data-gap=coordinacion_faltante] .tj-count')"
                   ".textContent") == "(4 de 4)"
    assert seen.page.is_hidden("#tj-gaps-more") and seen.page.is_visible("#tj-gaps-fewer")
    seen.page.click("#tj-gaps-fewer")
    assert seen.js(DASHED) == joined
    # Filtering out F leaves the top two among what is visible: D's point and C–D.
    seen.page.click("[data-tipo=gad_parroquial] input")
    assert seen.js(DASHED) == sorted("|".join(sorted(p)) for p in pairs({("C", "D")}))
    seen.clean()


def test_ego_map_marks_and_centres_its_actor(visit, tmp_path):
    graph = embedded_store(tmp_path / "graph.json").snapshot()
    path = write_map(graph, tmp_path / "ego.html", actor="Universidad Central", date=DATE).path
    seen = visit(path).ready()
    focal = actor_id("D")
    assert seen.js("tejido.focal") == focal
    node = seen.js("id => tejido.nodes.get(id)", focal)
    assert node["borderWidth"] == 3 and node["color"]["border"] == "#111827"
    others = seen.js("id => tejido.nodes.get({filter: n => n.id !== id})"
                     ".map(n => n.borderWidth)", focal)
    assert others and all(width == 1 for width in others)
    assert seen.js("document.getElementById('tj-legend-focal').textContent") == (
        "Actor consultadoUniversidad Central")
    centre = seen.js("tejido.network.getViewPosition()")
    at = seen.js("id => tejido.network.getPosition(id)", focal)
    assert abs(centre["x"] - at["x"]) < 1 and abs(centre["y"] - at["y"]) < 1
    label = next(x for x in seen.js("tejido.labels()") if x["id"] == focal)
    assert label["bold"] and label["px"] >= 12
    seen.clean()


def test_english_page(visit, maps):
    seen = visit(maps["en"]).ready()
    seen.clean()
    assert seen.js("document.getElementById('tj-legend-title').textContent") == "Legend"
    assert seen.js("document.getElementById('tj-search').placeholder") == "Find a node…"
    assert seen.js("document.documentElement.lang") == "en"
