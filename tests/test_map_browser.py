"""Maps in a real browser: Debian's headless Chromium driven by playwright.

Every request the page makes is routed: anything but file:// is recorded and aborted,
so a map that reaches for a CDN fails here. Console errors, page errors and dialogs
(an injected ``alert``) are recorded too. The page says it is ready by setting
``window.tejidoReady`` after vis-network's first draw; nothing here sleeps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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
from playwright.sync_api import Browser, Page, sync_playwright

from tejido.viz.maps import COLORS, write_map

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
DATE = "2026-01-31"


@dataclass
class Visit:
    page: Page
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def ready(self) -> Visit:
        # The page sets window.tejidoReady and body[data-ready] together. A selector is
        # waited for without evaluating strings in the page, which the map's CSP forbids.
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
        assert self.js("window.tejidoReady") is True
        return self

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)

    def clean(self) -> None:
        assert self.blocked == [], f"requests left the file: {self.blocked}"
        assert self.errors == [], f"errors in the page: {self.errors}"
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.js("window.pwned") is None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


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


@pytest.fixture
def visit(browser: Browser) -> Iterator[Callable[..., Visit]]:
    contexts = []

    def open_page(path: Path, bypass_csp: bool = False) -> Visit:
        context = browser.new_context(accept_downloads=True, bypass_csp=bypass_csp,
                                      viewport={"width": 1300, "height": 800})
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)

        def route(route_) -> None:
            url = route_.request.url
            if url.startswith("file://"):
                route_.continue_()
            else:
                seen.blocked.append(url)
                route_.abort()

        context.route("**/*", route)
        page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
        page.goto(path.resolve().as_uri())
        return seen

    yield open_page
    for context in contexts:
        context.close()


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


def test_export_png(visit, maps, tmp_path):
    seen = visit(maps["actores"]).ready()
    with seen.page.expect_download() as download:
        seen.page.click("#tj-export")
    target = tmp_path / "map.png"
    download.value.save_as(target)
    assert download.value.suggested_filename == "mapa-tejido.png"
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    seen.clean()


def test_english_page(visit, maps):
    seen = visit(maps["en"]).ready()
    seen.clean()
    assert seen.js("document.getElementById('tj-legend-title').textContent") == "Legend"
    assert seen.js("document.getElementById('tj-search').placeholder") == "Find a node…"
    assert seen.js("document.documentElement.lang") == "en"
