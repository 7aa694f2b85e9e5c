"""The map of a change (``tejido comparar --mapa``, ``tejido simular --mapa``): what the
page's data says, and that it renders in a real browser (helpers_browser.py).

Expected ties and states are worked out by hand from the cuts in tests/helpers_compare.py
and from the small hand-built :class:`Cut` pair below, never copied from the output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from helpers_compare import (
    BOSQUE_ID,
    CONQUITO_ID,
    EPMAPS_ID,
    MESA,
    SA_ID,
    cuts,
    scenario,
    tejido,
)

from tejido.graph.store import open_store
from tejido.loaders.base import read_paths
from tejido.queries.compare_cut import Cut
from tejido.viz.compare_map import STYLES, write_change_map

#: The browser fixtures (browser, visit).
pytest_plugins = ["helpers_browser"]
HOSTILE = "<script>window.pwned=1</script>&\u2028"
_DATA = re.compile(r'<script type="application/json" id="tejido-data">(.*?)</script>', re.S)


def page_data(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    found = _DATA.search(text)
    assert found is not None
    return json.loads(found.group(1))


def ties(data: dict[str, Any], state: str) -> set[tuple[str, str]]:
    return {(e["from"], e["to"]) for e in data["edges"] if e["state"] == state}


def test_comparar_map_lists_exactly_the_added_and_lost_ties(tmp_path):
    before, after = cuts(tmp_path)
    mapa = tmp_path / "cambio.html"
    result = tejido("comparar", before, after, "--format", "json", "--mapa", mapa)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ties_added"]  # the comparison still goes to stdout
    data = page_data(mapa)
    # By hand (helpers_compare.py): SA–CONQUITO is new (the mesa), EPMAPS–Bosque was only
    # a relation and is gone, SA–EPMAPS (Reforestar) and CONQUITO–Bosque (Huertos) stay.
    assert ties(data, "added") == {(CONQUITO_ID, SA_ID)}
    assert ties(data, "removed") == {(EPMAPS_ID, BOSQUE_ID)}  # ids sorted
    assert ties(data, "kept") == {(EPMAPS_ID, SA_ID), (CONQUITO_ID, BOSQUE_ID)}
    added = next(e for e in data["edges"] if e["state"] == "added")
    assert added["acciones"] == [MESA] and added["relaciones"] == []
    lost = next(e for e in data["edges"] if e["state"] == "removed")
    assert lost["acciones"] == [] and lost["relaciones"] == ["coordinación"]
    assert {n["state"] for n in data["nodes"]} == {"kept"}
    assert data["counts"] == "1 lazo nuevo, 1 perdido, 2 sin cambio."
    # Spanish legend by default, and the three tie styles the issue asks for.
    assert [i["text"] for i in data["legend"]["edges"]] == [
        "Lazo nuevo (en color)", "Lazo perdido (discontinuo)", "Lazo sin cambio (atenuado)"]
    edges = STYLES["edges"]
    assert edges["removed"]["dashes"] and not edges["added"]["dashes"]
    assert edges["kept"]["opacity"] < edges["added"]["opacity"]
    assert edges["added"]["color"] not in (edges["kept"]["color"], edges["removed"]["color"])


def test_simular_map_shows_the_scenario_tie_and_leaves_the_store(tmp_path):
    before, _ = cuts(tmp_path)
    store = open_store(str(tmp_path / "almacen.json"))
    store.write(read_paths([before]).batch)
    bytes_before = store.path.read_bytes()
    mapa = tmp_path / "escenario.html"
    result = tejido("simular", scenario(tmp_path / "mesa.xlsx"), "--store", store.path,
                    "--mapa", mapa, "--lang", "en")
    assert result.exit_code == 0, result.output
    data = page_data(mapa)
    assert ties(data, "added") == {(CONQUITO_ID, SA_ID)}
    assert ties(data, "removed") == set()
    assert data["legend"]["edges"][1]["text"] == "Lost tie (dashed)"
    assert data["counts"] == "1 new tie, 0 lost, 3 unchanged."
    assert store.path.read_bytes() == bytes_before


def test_map_is_never_written_over_a_file_without_force(tmp_path):
    before, after = cuts(tmp_path)
    mapa = tmp_path / "cambio.html"
    mapa.write_text("mío", encoding="utf-8")
    refused = tejido("comparar", before, after, "--mapa", mapa)
    assert refused.exit_code == 2 and mapa.read_text(encoding="utf-8") == "mío"
    same = tejido("comparar", before, after, "--mapa", mapa, "--out", mapa, "--force")
    assert same.exit_code == 2 and mapa.read_text(encoding="utf-8") == "mío"
    assert tejido("comparar", before, after, "--mapa", mapa, "--force").exit_code == 0
    assert page_data(mapa)["edges"]


def _pair() -> tuple[Cut, Cut]:
    """A hand-built pair: A–B stays, B–C is lost with C (removed), A–D is new with D
    (added), and D carries a hostile name."""
    before = Cut(actors={"a": "Alfa", "b": "Beta", "c": "Gama"},
                 actions={"x": ("Uno", "en_marcha"), "y": ("Dos", "en_marcha")},
                 ties={("a", "b"): {"acciones": ["x"], "relaciones": []},
                       ("b", "c"): {"acciones": ["y"], "relaciones": []}})
    after = Cut(actors={"a": "Alfa", "b": "Beta", "d": HOSTILE},
                actions={"x": ("Uno", "en_marcha"), "z": (HOSTILE, "en_marcha")},
                ties={("a", "b"): {"acciones": ["x"], "relaciones": []},
                      ("a", "d"): {"acciones": ["z"], "relaciones": ["convenio"]}})
    return before, after


def test_hand_built_cuts_mark_actors_and_keep_names_inert(tmp_path):
    mapa = write_change_map(*_pair(), tmp_path / "m.html", subtitle=HOSTILE, lang="en")
    text = mapa.read_text(encoding="utf-8")
    assert "<script>window.pwned" not in text and "\u2028" not in text
    data = page_data(mapa)
    assert {n["id"]: n["state"] for n in data["nodes"]} == {
        "a": "kept", "b": "kept", "c": "removed", "d": "added"}
    assert ties(data, "added") == {("a", "d")}
    assert ties(data, "removed") == {("b", "c")}
    assert ties(data, "kept") == {("a", "b")}
    new = next(e for e in data["edges"] if e["state"] == "added")
    assert new["acciones"] == [HOSTILE] and new["relaciones"] == ["convenio"]
    assert data["subtitle"] == HOSTILE
    assert [i["text"] for i in data["legend"]["nodes"]] == [
        "New actor", "Removed actor (dashed border)", "Actor in both cuts"]
    assert '<html lang="en">' in text and "Content-Security-Policy" in text


def test_change_map_renders_in_a_browser_without_errors(tmp_path, visit):
    mapa = write_change_map(*_pair(), tmp_path / "m.html", subtitle=HOSTILE)
    seen = visit(mapa).ready()
    seen.clean()
    assert seen.js("tejido.network.body.data.edges.length") == 3
    assert seen.js("tejido.network.body.data.nodes.length") == 4
    legend = seen.js("document.getElementById('tc-legend').innerText")
    assert "Lazo perdido (discontinuo)" in legend and "Actor retirado" in legend
    # The hostile name is text on the page, not markup.
    assert seen.js("document.getElementById('tc-subtitle').textContent") == HOSTILE
    assert seen.js("document.querySelectorAll('#tc-subtitle *').length") == 0
    # Clicking the new tie's middle shows what carries it.
    seen.js("""() => {
        const net = tejido.network, p = net.getPositions(['a', 'd']);
        const dom = net.canvasToDOM({x: (p.a.x + p.d.x) / 2, y: (p.a.y + p.d.y) / 2});
        net.selectEdges(['a|d']);
        net.body.emitter.emit('click', {nodes: [], edges: ['a|d'], pointer: {DOM: dom}});
    }""")
    detail = seen.js("document.getElementById('tc-detail').innerText")
    assert "Acciones compartidas" in detail and "convenio" in detail
    seen.clean()
