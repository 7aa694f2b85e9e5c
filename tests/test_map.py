"""Maps without a browser: what goes into the file, scope, layout, CLI errors, stores.

The page's behaviour in a browser is tested in test_map_browser.py.
"""

from __future__ import annotations

import json
import os
import random
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from helpers_map import (
    ACTOR_EDGES,
    ACTORS,
    CRITICAL,
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
    portfolio,
)

from tejido.cli.main import main
from tejido.cli.map import gap_finder
from tejido.graph.embedded import EmbeddedStore
from tejido.graph.errors import InputError
from tejido.graph.model import ActorTipo, Axis, Mechanism, Territory
from tejido.graph.vocabulary import display
from tejido.queries.gaps import find_gaps
from tejido.viz import layout, overlay
from tejido.viz.maps import TIPO_COLORS, write_map, write_map_index
from tejido.viz.page import script_json
from tejido.viz.texts import language
from tejido.viz.views import build_view

DATE = "2026-01-31"


def page_data(path: Path) -> dict:
    """The JSON block of a written map, parsed back."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="tejido-data">(.*?)</script>', text,
                      re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


@pytest.fixture(autouse=True)
def spanish() -> Iterator[None]:
    """Every test starts in Spanish (``--lang en`` in a CLI test sets it process-wide)."""
    with language("es"):
        yield


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    return embedded_store(tmp_path / "graph.json")


@pytest.fixture
def graph(store: EmbeddedStore) -> nx.MultiDiGraph:
    """The snapshot a map draws (the caller opens the store, not the map)."""
    return store.snapshot()


def test_script_json_cannot_break_out_of_its_script_element():
    hostile = {"name": "</script><!--<script>&amp;\u2028\u2029>", "n": [1, 2.5, None, True]}
    text = script_json(hostile)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == hostile


def test_file_is_utf8_self_contained_and_data_only_in_json(graph, tmp_path):
    out = tmp_path / "mapa.html"
    write_map(graph, out, findings=findings(), date=DATE)
    raw = out.read_bytes()
    text = raw.decode("utf-8")  # strict: fails on anything but UTF-8
    assert "Secretaría de Ambiente" in text  # accents written as such, not mangled
    # Nothing is fetched: no external script, stylesheet, image or frame.
    assert not re.search(r"<(link|iframe|img|object|embed)\b", text, re.I)
    assert not re.search(r"<script[^>]*\bsrc\s*=", text, re.I)
    assert not re.search(r"\b(src|href)\s*=\s*[\"']?\s*(https?:)?//", text, re.I)
    assert "sourceMappingURL" not in text
    # Hostile names never appear raw: only the three script elements end in </script>.
    for name in (XSS_IMG, XSS_SCRIPT, XSS_HREF, EJE_AMB):
        assert name not in text
    assert len(re.findall(r"</script>", text, re.I)) == 3
    # The CSP forbids every connection and every script but the two inlined ones.
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text).group(1)
    assert "default-src &#x27;none&#x27;" in csp
    assert csp.count("sha256-") == 2 and "unsafe-inline" not in csp.split("; ")[1]


def test_actor_view_counts_and_edges(graph, tmp_path):
    stats = write_map(graph, tmp_path / "m.html", findings=findings(), date=DATE)
    assert (stats.nodes, stats.edges) == (len(ACTORS), len(ACTOR_EDGES))
    data = page_data(stats.path)
    drawn = {tuple(sorted((e["from"], e["to"]))) for e in data["edges"]}
    assert drawn == {tuple(sorted((actor_id(a), actor_id(b)))) for a, b in ACTOR_EDGES}
    assert {n["id"] for n in data["nodes"]} == {actor_id(k) for k in ACTORS}


def test_full_view_counts(graph, tmp_path):
    stats = write_map(graph, tmp_path / "m.html", view="completo", gaps=False, date=DATE)
    assert (stats.nodes, stats.edges) == (FULL_NODES, FULL_EDGES)
    data = page_data(stats.path)
    shapes = {n["kind"]: n["shape"] for n in data["nodes"]}
    assert len(set(shapes.values())) == 5  # one shape per kind of node
    assert data["gaps"] is None and data["gapEdges"] == []


@pytest.mark.parametrize(
    ("scope", "actors", "edges"),
    [
        # Eje AMB = actions X, Z: A, B, C take part in X, D and F in Z; no RELATES with a filter.
        ({"eje": "amb"}, "ABCDF", {("A", "B"), ("A", "C"), ("B", "C"), ("D", "F")}),
        ({"eje": EJE_AMB}, "ABCDF", {("A", "B"), ("A", "C"), ("B", "C"), ("D", "F")}),
        # Quito contains Calderón, so X, Y and Z are all in it.
        ({"territorio": "QUITO"}, "ABCDF",
         {("A", "B"), ("A", "C"), ("B", "C"), ("B", "D"), ("D", "F")}),
        ({"territorio": "calderon"}, "ABCDF", {("A", "B"), ("A", "C"), ("B", "C"), ("D", "F")}),
        # D's neighbours: B (Y), F (Z), A (RELATES); the links among those four.
        ({"actor": "universidad central"}, "ABDF",
         {("A", "B"), ("B", "D"), ("D", "F"), ("A", "D")}),
        ({"actor": "Junta Parroquial de Nono"}, "DF", {("D", "F")}),
        ({"actor": "Junta Parroquial de Nono", "depth": 2}, "ABDF",
         {("A", "B"), ("B", "D"), ("D", "F"), ("A", "D")}),
    ],
)
def test_scopes(graph, tmp_path, scope, actors, edges):
    stats = write_map(graph, tmp_path / "m.html", gaps=False, date=DATE, **scope)
    data = page_data(stats.path)
    assert {n["id"] for n in data["nodes"]} == {actor_id(k) for k in actors}
    drawn = {tuple(sorted((e["from"], e["to"]))) for e in data["edges"]}
    assert drawn == {tuple(sorted((actor_id(a), actor_id(b)))) for a, b in edges}


@pytest.mark.parametrize(
    ("scope", "nodes", "edges"),
    [
        # X and Z, who takes part, what they use, sit under and target, and the parents of
        # those (Calderón is in Quito); Y stays out, and so does the A–D tie.
        ({"eje": "AMB"}, 11, 11),
        # D, the actions it takes part in (Y, Z) and A (RELATES): D–Y, D–Z, A–D.
        ({"actor": "Universidad Central"}, 4, 3),
    ],
)
def test_full_view_scopes(graph, tmp_path, scope, nodes, edges):
    stats = write_map(graph, tmp_path / "m.html", view="completo", gaps=False, date=DATE,
                      **scope)
    assert (stats.nodes, stats.edges) == (nodes, edges)


def test_gap_marks_only_between_drawn_actors(graph, tmp_path):
    extra = {"kind": "punto_critico", "severity": 0.4, "evidence": {}, "provenance": [],
             "subjects": [{"id": actor_id("B"), "type": "Actor", "name": "CONQUITO"},
                          {"id": "axis:no-dibujado", "type": "Axis", "name": "x"}]}
    stats = write_map(graph, tmp_path / "m.html", findings=[*findings(), extra],
                      actor="Junta Parroquial de Nono", date=DATE)
    data = page_data(stats.path)
    # Only D and F are drawn: each missing pair (A–F, B–F, C–D, C–F) lacks one of its
    # actors, so no dashed edge; D is ringed, B (critical too here) is not drawn.
    assert data["gapEdges"] == []
    assert {n["id"] for n in data["nodes"] if n["crit"]} == {actor_id("D")}
    stats = write_map(graph, tmp_path / "m.html", findings=[*findings(), extra], date=DATE)
    data = page_data(stats.path)
    pairs = {tuple(sorted((e["from"], e["to"]))) for e in data["gapEdges"]}
    assert pairs == {tuple(sorted((actor_id(a), actor_id(b)))) for a, b in MISSING_PAIRS}
    assert {n["id"] for n in data["nodes"] if n["crit"]} == {actor_id("D"), actor_id("B")}
    assert (stats.gap_edges, stats.critical) == (len(MISSING_PAIRS), 2)


def test_real_gap_finder_gives_the_hand_derived_gaps(store, graph, tmp_path):
    # find_gaps on the store, as ``tejido map --pares-por-contexto 0`` hands it to the map
    stats = write_map(graph, tmp_path / "m.html", findings=gap_finder(store, None),
                      date=DATE)
    data = page_data(stats.path)
    pairs = {tuple(sorted((e["from"], e["to"]))) for e in data["gapEdges"]}
    assert pairs == {tuple(sorted((actor_id(a), actor_id(b)))) for a, b in MISSING_PAIRS}
    assert {n["id"] for n in data["nodes"] if n["crit"]} == {actor_id(k) for k in CRITICAL}
    assert data["gaps"] == {"coordinacion_faltante": len(MISSING_PAIRS),
                            "punto_critico": len(CRITICAL)}
    assert data["gapsOmitted"] is None and stats.gaps_omitted == 0


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_map_draws_the_pairs_the_report_lists_and_says_how_many_it_left_out(
        store, graph, tmp_path, lang):
    """The four missing pairs share one context (AMB, Calderón); the report lists its 3
    highest (PAIRS_PER_CONTEXT) and counts the fourth: the map draws those 3 and says one
    more is not drawn, in the reader's language."""
    report = find_gaps(store)
    listed = {tuple(sorted(s.id for s in f.subjects)) for f in report.findings
              if f.kind == "coordinacion_faltante"}
    assert len(listed) == len(MISSING_PAIRS) - 1
    stats = write_map(graph, tmp_path / "m.html", findings=gap_finder(store), date=DATE,
                      lang=lang)
    data = page_data(stats.path)
    assert {tuple(sorted((e["from"], e["to"]))) for e in data["gapEdges"]} == listed
    assert (stats.gap_edges, stats.gaps_omitted) == (len(MISSING_PAIRS) - 1, 1)
    assert data["gapsOmitted"] == {
        "es": "No se dibuja otro par de coordinación faltante: el mapa muestra, como el "
              "informe de brechas, los de mayor prioridad de cada contexto (eje × territorio).",
        "en": "1 more missing-coordination pair is not drawn: like the gap report, the map "
              "shows the highest-priority pairs of each context (eje × territory).",
    }[lang]


def test_map_command_states_the_pairs_it_left_out(store, tmp_path):
    out = tmp_path / "m.html"
    result = CliRunner().invoke(main, ["map", "--store", str(store.path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Otro par de coordinación faltante no se dibuja" in result.output
    assert len(page_data(out)["gapEdges"]) == len(MISSING_PAIRS) - 1
    result = CliRunner().invoke(main, ["map", "--store", str(store.path), "--out", str(out),
                                       "--pares-por-contexto", "0", "--force"])
    assert result.exit_code == 0, result.output
    assert "no se dibuja" not in result.output
    assert len(page_data(out)["gapEdges"]) == len(MISSING_PAIRS)


def test_a_map_keeps_only_what_it_reads_of_each_finding(store, graph, tmp_path):
    """A map keeps of each finding only what it shows: no evidence, provenance or
    recommendation (the gap report's), and the page is the same as with whole findings."""
    found = gap_finder(store, None)(None, None).findings
    assert found and all(f.evidence == {} for f in found)
    assert all(f.recommendation for f in found)  # evidence goes once this is written
    kept, omitted = overlay.collect(found, build_view(graph, "actores"), True)
    assert omitted == 0
    assert {key for f in kept for key in f} == set(overlay.FIELDS)
    whole = [f.model_dump(mode="json") for f in find_gaps(store, pairs_per_context=None)
             .findings if f.kind in ("coordinacion_faltante", "punto_critico")]
    one = page_data(write_map(graph, tmp_path / "a.html", findings=found, date=DATE).path)
    two = page_data(write_map(graph, tmp_path / "b.html", findings=whole, date=DATE).path)
    assert one == two and one["gapEdges"]


def test_a_gap_finder_is_asked_for_the_resolved_scope(graph, tmp_path):
    asked = []

    def find(eje_id, territorio_id):
        asked.append((eje_id, territorio_id))
        return findings()

    write_map(graph, tmp_path / "m.html", findings=find, eje="amb", territorio="QUITO",
              date=DATE)
    assert asked == [(Axis.key(EJE_AMB), Territory.key("Quito"))]
    write_map(graph, tmp_path / "m.html", findings=find, date=DATE)
    assert asked[-1] == (None, None)
    # Without gaps the finder is not asked at all, and the page has no gap legend.
    stats = write_map(graph, tmp_path / "m.html", findings=find, gaps=False, date=DATE)
    assert len(asked) == 2 and page_data(stats.path)["gaps"] is None


def test_no_findings_means_no_gap_marks(graph, tmp_path):
    stats = write_map(graph, tmp_path / "m.html", date=DATE)
    data = page_data(stats.path)
    assert data["gaps"] is None and data["gapEdges"] == []
    assert (stats.gap_edges, stats.critical) == (0, 0)
    assert data["dataset"] == "—"


def test_a_store_is_not_a_graph(store, tmp_path):
    with pytest.raises(TypeError, match="snapshot"):
        write_map(store, tmp_path / "m.html")
    assert not (tmp_path / "m.html").exists()


def test_size_follows_the_chosen_measure(graph, tmp_path):
    # Made-up pagerank values: the order of node sizes must follow them.
    ranks = {k: float(i) for i, k in enumerate("EFGHABCD")}
    rows = [{"id": actor_id(k), "nombre": ACTORS[k][0], "pagerank": v} for k, v in ranks.items()]
    stats = write_map(graph, tmp_path / "m.html", size_by="pagerank", centrality=rows,
                      gaps=False, date=DATE)
    data = page_data(stats.path)
    size = {n["id"]: n["size"] for n in data["nodes"]}
    ordered = sorted(ranks, key=ranks.get)
    sizes = [size[actor_id(k)] for k in ordered]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
    assert data["size"]["min"] == "0" and data["size"]["max"] == "7"
    with pytest.raises(InputError):
        write_map(graph, tmp_path / "m.html", size_by="intermediacion", centrality=rows)


def test_profile_resolves_provenance_and_actions(graph, tmp_path):
    stats = write_map(graph, tmp_path / "m.html", findings=findings(), date=DATE)
    data = page_data(stats.path)
    index = [n["id"] for n in data["nodes"]].index(actor_id("D"))
    profile = data["profiles"][index]
    sections = dict((title, lines) for title, lines in profile["sections"])
    assert profile["title"] == "Universidad Central"
    assert sections["Acciones que lidera"] == ["Limpieza de ríos"]
    assert sections["Acciones que articula"] == ["Huertos urbanos"]
    assert sections["Procedencia"] == ["matriz.xlsx · acciones · fila 5"]
    assert any(line.startswith("Punto crítico") for line in sections["Brechas"])
    assert ["Interno", "no"] in profile["fields"]


def test_english_labels(graph, tmp_path):
    stats = write_map(graph, tmp_path / "m.html", lang="en", gaps=False, date=DATE)
    data = page_data(stats.path)
    assert data["title"] == "Actor network"
    assert data["labels"]["legend"] == "Legend"
    assert '<html lang="en">' in stats.path.read_text(encoding="utf-8")
    with language("es"):
        assert display("actor.tipo", "academia") == "Academia"


def test_closed_lists_read_by_their_display_names(graph, tmp_path):
    # The one vocabulary table names an actor's tipo and nivel and a mechanism's tipo.
    stats = write_map(graph, tmp_path / "m.html", view="completo", lang="en", gaps=False,
                      date=DATE)
    data = page_data(stats.path)
    ids = [n["id"] for n in data["nodes"]]
    actor = data["profiles"][ids.index(actor_id("A"))]
    assert ["Type", "Secretariat"] in actor["fields"]
    assert ["Level", "metropolitan"] in actor["fields"]
    assert actor["hint"] == "Secretariat"
    mechanism = data["profiles"][ids.index(Mechanism.key(MECHANISM))]
    assert ["Type", "agreement"] in mechanism["fields"]
    action = next(p for p in data["profiles"] if p["title"] == "Huertos urbanos")
    assert ["Type", "action"] in action["fields"] and ["Status", "—"] in action["fields"]


def test_every_actor_tipo_has_a_colour_and_a_label():
    for tipo in ActorTipo:
        assert tipo.value in TIPO_COLORS
        for lang in ("es", "en"):
            with language(lang):
                assert display("actor.tipo", tipo.value) != tipo.value


def test_same_map_twice_and_whatever_the_load_order(tmp_path):
    first = embedded_store(tmp_path / "a.json")
    batch = portfolio()
    shuffled = type(batch)()
    nodes, rels = list(batch.nodes.values()), list(batch.rels.values())
    random.Random(3).shuffle(nodes)
    random.Random(4).shuffle(rels)
    for node in nodes:
        shuffled.add_node(node)
    for rel in rels:
        shuffled.add_rel(rel)
    second = EmbeddedStore(tmp_path / "b.json")
    second.write(shuffled)
    texts = []
    for store, name in ((first, "1.html"), (first, "2.html"), (second, "3.html")):
        write_map(store.snapshot(), tmp_path / name, findings=findings(), date=DATE, dataset="d")
        texts.append((tmp_path / name).read_bytes())
    assert texts[0] == texts[1] == texts[2]


def test_layout_separates_components_and_keeps_neighbours_close():
    graph = nx.Graph()
    nx.add_path(graph, [f"p{i}" for i in range(30)])
    nx.add_cycle(graph, [f"c{i}" for i in range(12)])
    graph.add_nodes_from(["solo1", "solo2"])
    pos = layout.positions(graph)
    assert set(pos) == set(graph)
    boxes = []
    for part in nx.connected_components(graph):
        xs = [pos[n][0] for n in part]
        ys = [pos[n][1] for n in part]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], "components overlap"
    # Along the path, neighbours are much closer than the path's two ends.
    def dist(u: str, v: str) -> float:
        return ((pos[u][0] - pos[v][0]) ** 2 + (pos[u][1] - pos[v][1]) ** 2) ** 0.5
    step = max(dist(f"p{i}", f"p{i + 1}") for i in range(29))
    assert dist("p0", "p29") > 5 * step


def test_layout_scales_past_the_quadratic_methods():
    # 20 000 nodes: an O(n²)-per-iteration layout would need ~400 MB per step.
    graph = nx.barabasi_albert_graph(20_000, 2, seed=1)
    pos = layout.positions(graph)
    assert len(pos) == 20_000
    assert len(set(pos.values())) > 19_900  # nodes are spread, not piled up


def test_index_links_each_eje_map(tmp_path):
    maps = tmp_path / "mapas"
    maps.mkdir()
    paths = {EJE_AMB: maps / "eje amb.html", "Productividad": maps / "prod.html"}
    for path in paths.values():
        path.write_text("x", encoding="utf-8")
    index = write_map_index(paths, tmp_path, lang="en")
    text = index.read_text(encoding="utf-8")
    assert '<a href="mapas/eje%20amb.html">Ambiente &amp; &lt;i&gt;clima&lt;/i&gt;</a>' in text
    assert '<a href="mapas/prod.html">Productividad</a>' in text
    assert "Maps by axis" in text and EJE_AMB not in text


def test_cli_writes_the_map(store, tmp_path):
    out = tmp_path / "salida" / "mapa.html"
    result = CliRunner().invoke(main, ["map", "--store", str(store.path), "--out", str(out),
                                       "--view", "completo", "--no-gaps"])
    assert result.exit_code == 0, result.output
    assert f"{FULL_NODES} nodos, {FULL_EDGES} vínculos" in result.output
    assert out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--eje", "Ambiente y clima"], "--eje: no hay ningún eje llamado «Ambiente y clima». "
                                        "¿Quiso decir: " + EJE_AMB),
        (["--territorio", "Cumbayá"], "--territorio: no hay ningún territorio llamado «Cumbayá»"),
        (["--actor", "Nadie"], "--actor: no hay ningún actor llamado «Nadie»"),
        (["--depth", "2"], "--depth solo se usa junto con --actor"),
        (["--eje", "PROD", "--territorio", "Calderón"], "ninguna acción está a la vez"),
        (["--eje", "AMB", "--actor", "Aislado"], "«Aislado» no participa"),
    ],
)
def test_cli_bad_input_exits_2_and_writes_nothing(store, tmp_path, args, message):
    out = tmp_path / "mapa.html"
    result = CliRunner().invoke(main, ["map", "--store", str(store.path), "--out", str(out),
                                       "--no-gaps", *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert list(tmp_path.glob(".*.tmp")) == []


def test_map_is_a_document_to_share_not_a_private_file(graph, tmp_path):
    # Written atomically through a temporary file, but with an ordinary new file's mode
    # (the umask's), not the temporary file's private 0600.
    umask = os.umask(0o022)
    os.umask(umask)
    stats = write_map(graph, tmp_path / "m.html", gaps=False, date=DATE)
    index = write_map_index({"m": stats.path}, tmp_path)
    for path in (stats.path, index):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert list(tmp_path.glob(".*.tmp")) == []


def test_cli_unwritable_output_is_a_clear_error(store, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["map", "--store", str(store.path), "--no-gaps",
                                       "--out", str(blocker / "mapa.html"), "--lang", "en"])
    assert result.exit_code == 2
    assert result.output.startswith(f"Cannot write {blocker / 'mapa.html'}")


def test_empty_store_says_so(tmp_path):
    result = CliRunner().invoke(main, ["map", "--store", str(tmp_path / "vacio.json"),
                                       "--out", str(tmp_path / "m.html")])
    assert result.exit_code == 2
    assert "No hay nada que dibujar" in result.output


def test_neo4j_store_gives_the_same_map(neo4j_store, store, tmp_path):
    neo4j_store.write(portfolio())
    pages = []
    for source, name in ((neo4j_store, "neo4j.html"), (store, "embedded.html")):
        stats = write_map(source.snapshot(), tmp_path / name, findings=gap_finder(source),
                          date=DATE, dataset="d")
        # one context of four pairs: the report's 3 drawn, the fourth counted
        assert (stats.nodes, stats.edges, stats.gap_edges, stats.critical,
                stats.gaps_omitted) == (len(ACTORS), len(ACTOR_EDGES),
                                        len(MISSING_PAIRS) - 1, len(CRITICAL), 1)
        pages.append(page_data(stats.path))
    assert pages[0] == pages[1]
