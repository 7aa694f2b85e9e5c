"""What makes a map read at first sight, checked without a browser: the gap overlay's
order, the measures' one-line explanations and the reader's number and date formats, the
queried actor of an ego map, nodes that never sit on top of each other.

The page's behaviour is in test_map_browser.py and test_map_browser_bundled.py.
"""

from __future__ import annotations

import json
import re
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from helpers_map import ACTORS, actor_id, embedded_store, findings
from scipy.spatial import cKDTree

from tejido.queries.centrality import MEASURES, measure_columns
from tejido.viz import layout
from tejido.viz.maps import write_map
from tejido.viz.measures import format_date, format_number, measure_help, measure_name
from tejido.viz.texts import language

DATE = "2026-01-31"


def page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="tejido-data">(.*?)</script>', text,
                      re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


@pytest.fixture(autouse=True)
def spanish() -> Iterator[None]:
    with language("es"):
        yield


@pytest.fixture
def graph(tmp_path: Path) -> nx.MultiDiGraph:
    return embedded_store(tmp_path / "graph.json").snapshot()


def subject(key: str) -> dict:
    return {"id": actor_id(key), "type": "Actor", "name": ACTORS[key][0]}


def test_overlay_lists_brecha_gaps_by_priority_then_severity(graph, tmp_path):
    found = [
        {"id": "a", "kind": "coordinacion_faltante", "severity": 0.9, "priority": 0.2,
         "subjects": [subject("A"), subject("F")]},
        {"id": "b", "kind": "coordinacion_faltante", "severity": 0.1, "priority": 0.8,
         "subjects": [subject("C"), subject("D")]},
        # Waits on data cleaning: listed in the side panel, never drawn.
        {"id": "c", "kind": "coordinacion_faltante", "severity": 1.0, "priority": 1.0,
         "status": "por_confirmar", "subjects": [subject("B"), subject("F")]},
        {"id": "d", "kind": "punto_critico", "severity": 0.75, "priority": 0.2,
         "subjects": [subject("D")]},
        # The same pair again, lower: drawn once, at its best rank.
        {"id": "e", "kind": "coordinacion_faltante", "severity": 0.5, "priority": 0.0,
         "subjects": [subject("F"), subject("C")]},
        {"id": "f", "kind": "coordinacion_faltante", "severity": 0.5, "priority": 0.0,
         "subjects": [subject("C"), subject("F")]},
        # A kind the overlay does not draw.
        {"id": "g", "kind": "silo", "severity": 1.0, "priority": 1.0,
         "subjects": [subject("A")]},
    ]
    stats = write_map(graph, tmp_path / "m.html", findings=found, date=DATE, gaps_top=3)
    data = page_data(stats.path)
    # b (0.8) first; a and d tie on priority 0.2, a has the higher severity; then e.
    assert [item["finding"] for item in data["gapItems"]] == ["b", "a", "d", "e"]
    assert data["gapItems"][0]["priority"] == "0,80"  # as Spanish writes it
    assert data["gapTop"] == 3
    assert [e["rank"] for e in data["gapEdges"]] == [0, 1, 3]
    crit = {n["id"]: n["critRank"] for n in data["nodes"] if n["crit"]}
    assert crit == {actor_id("D"): 2}
    assert (stats.gap_edges, stats.critical) == (3, 1)
    # The side panel still lists the pending finding, marked as such.
    ids = [n["id"] for n in data["nodes"]]
    lines = dict(data["profiles"][ids.index(actor_id("B"))]["sections"])["Brechas"]
    assert any("por confirmar" in line for line in lines)
    with pytest.raises(ValueError):
        write_map(graph, tmp_path / "m.html", findings=found, gaps_top=-1)


@pytest.mark.parametrize(("lang", "constraint", "help_word"),
                         [("es", "0,28", "contactos"), ("en", "0.28", "contacts")])
def test_every_measure_in_the_panel_is_explained_in_the_readers_language(
        graph, tmp_path, lang, constraint, help_word):
    row = {"id": actor_id("D"), "nombre": "Universidad Central", "grado": 3,
           "restriccion": 0.2847, "pagerank": 0.01234, "intermediario_guardian": 2,
           "punto_articulacion": True}
    stats = write_map(graph, tmp_path / "m.html", centrality=[row], lang=lang, date=DATE)
    data = page_data(stats.path)
    profile = data["profiles"][[n["id"] for n in data["nodes"]].index(actor_id("D"))]
    measures = {name: (value, help_) for name, value, help_ in profile["measures"]}
    burt = "restricción de Burt" if lang == "es" else "Burt's constraint"
    assert measures[burt][0] == constraint and help_word in measures[burt][1]
    pagerank = measures["PageRank"][0]
    assert pagerank == ("0,012" if lang == "es" else "0.012")  # small values keep 2 digits
    guardian = "intermediación: guardián" if lang == "es" else "brokerage: gatekeeper"
    assert measures[guardian][0] == "2" and measures[guardian][1]
    assert all(help_ for _, help_ in measures.values())


def test_every_centrality_column_has_a_name_and_an_explanation_in_both_languages():
    for lang in ("es", "en"):
        with language(lang):
            for column in measure_columns(MEASURES):
                assert measure_name(column), column
                assert len(measure_help(column)) > 15, column
    for column in measure_columns(MEASURES):
        texts = []
        for lang in ("es", "en"):
            with language(lang):
                texts.append(measure_help(column))
        assert texts[0] != texts[1], column


def test_numbers_and_dates_as_the_language_writes_them():
    cases = [(0.2847, "0,28", "0.28"), (12.0, "12", "12"), (0.01234, "0,012", "0.012"),
             (5.634, "5,63", "5.63"), (-0.5, "-0,50", "-0.50"), (0.0004567, "0,00046", "0.00046")]
    for value, es, en in cases:
        with language("es"):
            assert format_number(value) == es
        with language("en"):
            assert format_number(value) == en
    with language("es"):
        assert format_date("2026-01-31") == "31 de enero de 2026"
        assert format_date("no es fecha") == "no es fecha"
    with language("en"):
        assert format_date("2026-09-05") == "5 September 2026"


def test_ego_map_names_its_actor_and_counts_steps_right(graph, tmp_path):
    one = page_data(write_map(graph, tmp_path / "a.html", actor="Universidad Central",
                              date=DATE).path)
    assert one["focal"] == actor_id("D")
    assert one["title"] == "Red de actores — entorno de Universidad Central a 1 paso"
    two = page_data(write_map(graph, tmp_path / "b.html", actor="Universidad Central", depth=2,
                              date=DATE).path)
    assert two["title"].endswith("a 2 pasos")
    assert page_data(write_map(graph, tmp_path / "c.html", date=DATE).path)["focal"] is None
    assert one["dateText"] == "31 de enero de 2026"


def test_labels_are_ranked_by_the_size_measure(graph, tmp_path):
    # Made-up degrees: label order follows them (ties by id).
    degree = {"A": 5.0, "B": 9.0, "C": 1.0, "D": 7.0, "E": 0.0, "F": 1.0, "G": 0.0, "H": 0.0}
    rows = [{"id": actor_id(k), "grado": v} for k, v in degree.items()]
    data = page_data(write_map(graph, tmp_path / "m.html", centrality=rows, gaps=False,
                               date=DATE).path)
    rank = {n["id"]: n["rank"] for n in data["nodes"]}
    assert [k for k in sorted(degree, key=lambda k: rank[actor_id(k)])][:3] == ["B", "D", "A"]


def test_nodes_never_share_a_spot():
    # A hub with 40 leaves: the leaves repel each other little and used to pile up.
    graph = nx.star_graph(40)
    nx.add_path(graph, [40, 41, 42])
    pos = layout.positions(graph)
    points = np.array(list(pos.values()))
    gaps = np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() >= 0.9 * layout.GAP * layout.UNIT
    # separate() itself: two nodes on one spot end up GAP apart.
    apart = layout.separate(np.zeros((2, 2)))
    assert np.hypot(*(apart[0] - apart[1])) == pytest.approx(layout.GAP)


def test_the_findings_of_the_gap_engine_go_into_the_overlay_in_its_order(graph, tmp_path):
    # Plain dicts as GapReport.model_dump gives them (no status: a brecha).
    stats = write_map(graph, tmp_path / "m.html", findings=findings(), date=DATE)
    data = page_data(stats.path)
    # D's critical point (severity 0.75) before the four pairs (0.5), those in given order.
    assert [i["kind"] for i in data["gapItems"]] == ["punto_critico"] + [
        "coordinacion_faltante"] * 4
    # A pair is named in the order of its ids («actor:junta…» before «actor:secretaria…»).
    assert data["gapItems"][1]["text"] == "Junta Parroquial de Nono ↔ Secretaría de Ambiente"


def test_separating_a_pile_takes_memory_linear_in_its_nodes():
    """5 000 nodes on one spot are 12.5 million close pairs; each round looks at each
    node's few nearest instead (a 40 000-action map needed 4 GB for its pairs)."""
    pile = np.random.default_rng(1).normal(scale=1e-6, size=(5_000, 2))
    tracemalloc.start()
    pos = layout.separate(pile)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 30 * 2**20  # every pair at once: 12.5 M x 2 x 8 bytes = 200 MB
    # and the pile is spread: its nodes are on average several gaps from the centre
    assert np.hypot(*pos.T).mean() > 3 * layout.GAP


def test_a_collapsed_layout_is_scaled_up_and_far_nodes_pulled_in():
    rng = np.random.default_rng(1)
    disc = rng.normal(scale=0.01, size=(2_000, 2))  # the forces pulled all onto one spot
    far = np.array([[5.0, 0.0], [0.0, -9.0]])      # two leaves a hub threw far out
    pos = layout.spread_out(np.vstack([disc, far]))
    nearest = cKDTree(pos).query(pos, 2)[0][:, 1]
    assert np.median(nearest) == pytest.approx(layout.GAP)
    radius = np.hypot(*(pos - np.median(pos, axis=0)).T)
    inner = np.quantile(radius, 0.9)
    # the far leaves stay the farthest, in their order, but within a few times the rest
    # (scaled alone, the farther would be 400 times as far as the rest)
    assert radius[-2] < radius[-1] < 15 * inner
    assert radius[:-2].max() < radius[-2]
    # a layout already spread is left as it is
    spread = rng.uniform(0, 100, size=(500, 2))
    assert np.array_equal(layout.spread_out(spread), spread)


def test_a_gap_naming_a_renamed_institution_is_marked_on_the_node_drawn_for_it(tmp_path):
    """The actor map draws a renamed institution and its predecessor as one node (the
    successor's). A gap the report words with the predecessor's name is that node's: its
    dashed link and its profile line are there, not silently left out."""
    graph = nx.MultiDiGraph(embedded_store(tmp_path / "g.json").snapshot())
    old = "actor:secretaria-de-medio-ambiente"
    graph.add_node(old, label="Actor", name="Secretaría de Medio Ambiente", tipo="secretaria")
    graph.add_edge(actor_id("A"), old, key="SUCCEEDS", type="SUCCEEDS", sources=[])
    nono = {"id": actor_id("F"), "type": "Actor", "name": ACTORS["F"][0]}
    gap = {"kind": "coordinacion_faltante", "severity": 0.5, "priority": 0.5,
           "subjects": [{"id": old, "type": "Actor", "name": "Secretaría de Medio Ambiente"},
                        nono]}
    data = page_data(write_map(graph, tmp_path / "m.html", findings=[gap], date=DATE).path)
    ids = [n["id"] for n in data["nodes"]]
    assert old not in ids
    assert [(e["from"], e["to"]) for e in data["gapEdges"]] == [
        tuple(sorted((actor_id("A"), actor_id("F"))))]
    sections = dict(map(tuple, data["profiles"][ids.index(actor_id("A"))]["sections"]))
    assert sections["Brechas"] == ["Coordinación faltante: Junta Parroquial de Nono "
                                   "(prioridad 0,50; gravedad 0,50)"]
    nono_sections = dict(map(tuple, data["profiles"][ids.index(actor_id("F"))]["sections"]))
    assert nono_sections["Brechas"] == ["Coordinación faltante: Secretaría de Medio Ambiente "
                                        "(prioridad 0,50; gravedad 0,50)"]
