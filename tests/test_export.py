"""``tejido export``: node-link JSON with resolved provenance; GraphML and GEXF that networkx
reads back (tests/test_gephi.py imports them with Gephi's own toolkit). Expectations are
written by hand from the workbook."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from helpers_workbook import SMALL, run, write_xlsx

from tejido.graph.export import write_export
from tejido.graph.model import Action, Actor, Axis, Territory
from tejido.graph.neo4j_store import Neo4jStore

SA = Actor.key("Secretaría de Ambiente")
CONQUITO = Actor.key("Agencia de Promoción Económica CONQUITO")
REFORESTAR = Action.key("Reforestar quebradas", "Ambiente", None)
NAMES = {
    SA: ("Actor", "Secretaría de Ambiente"),
    CONQUITO: ("Actor", "Agencia de Promoción Económica CONQUITO"),
    REFORESTAR: ("Action", "Reforestar quebradas"),
    Territory.key("Zona Norte"): ("Territory", "Zona Norte"),
    Territory.key("Nono"): ("Territory", "Nono"),
    Territory.key("Lloa"): ("Territory", "Lloa"),
    "mechanism:convenio-marco": ("Mechanism", "Convenio marco"),
    Axis.key("Ambiente", "eje"): ("Axis", "Ambiente"),
}
EDGES = {
    (SA, REFORESTAR, "LEADS"), (CONQUITO, REFORESTAR, "ARTICULATES"),
    (REFORESTAR, Territory.key("Nono"), "TARGETS"), (REFORESTAR, Territory.key("Lloa"), "TARGETS"),
    (REFORESTAR, "mechanism:convenio-marco", "USES"),
    (REFORESTAR, Axis.key("Ambiente", "eje"), "UNDER"),
    (Territory.key("Nono"), Territory.key("Zona Norte"), "PART_OF"),
    (Territory.key("Lloa"), Territory.key("Zona Norte"), "PART_OF"),
    (SA, CONQUITO, "RELATES:coordinación"),
}


@pytest.fixture
def loaded(tmp_path: Path) -> Path:
    store = tmp_path / "g.json"
    result = run("load", write_xlsx(tmp_path / "ok.xlsx", SMALL), "--store", store)
    assert result.exit_code == 0, result.output
    return store


def _export(store: str | Path, fmt: str, out: Path) -> Path:
    result = run("export", "--format", fmt, "--store", store, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def test_json_lists_every_node_and_edge_with_resolved_provenance(
    loaded: Path, tmp_path: Path,
) -> None:
    data = json.loads(_export(loaded, "json", tmp_path / "g.json.out").read_text("utf-8"))
    assert {n["id"]: (n["type"], n["name"]) for n in data["nodes"]} == NAMES
    assert {(e["source"], e["target"], e["key"]) for e in data["edges"]} == EDGES
    assert len(data["sources"]) == 9  # 8 data rows + the cited "PMDOT 2021"

    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[SA]["siglas"] == ["SA", "SDA"]
    assert nodes[SA]["provenance"] == [
        {"id": nodes[SA]["sources"][0], "document": "ok.xlsx", "table": "actores", "row": 2}]
    edges = {(e["source"], e["target"], e["key"]): e for e in data["edges"]}
    leads = edges[(SA, REFORESTAR, "LEADS")]
    assert leads["type"] == "LEADS"
    assert [(p["document"], p["table"], p["row"]) for p in leads["provenance"]] == [
        ("ok.xlsx", "acciones", 2), ("PMDOT 2021", "", 0)]
    tie = edges[(SA, CONQUITO, "RELATES:coordinación")]
    assert (tie["type"], tie["tipo"], tie["peso"]) == ("RELATES", "coordinación", 2.5)
    assert [(p["table"], p["row"]) for p in tie["provenance"]] == [("relaciones", 2)]


def test_json_goes_to_stdout_without_out(loaded: Path) -> None:
    result = run("export", "--store", loaded)
    assert result.exit_code == 0
    assert {n["id"] for n in json.loads(result.stdout)["nodes"]} == set(NAMES)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_read_back_with_scalar_attributes(
    loaded: Path, tmp_path: Path, fmt: str,
) -> None:
    out = _export(loaded, fmt, tmp_path / f"g.{fmt}")
    graph = (nx.read_graphml(out, force_multigraph=True) if fmt == "graphml"
             else nx.read_gexf(out))
    assert graph.is_directed()
    assert {n: (a["type"], a["label"]) for n, a in graph.nodes(data=True)} == NAMES
    assert graph.number_of_edges() == len(EDGES)
    assert {(u, v, a["relation"]) for u, v, a in graph.edges(data=True)} == {
        (u, v, k.split(":")[0]) for u, v, k in EDGES}
    sa = graph.nodes[SA]
    assert sa["siglas"] == "SA; SDA"
    assert sa["provenance"] == "ok.xlsx › actores › 2"
    assert sa["interno"] is True
    for _, attrs in [*graph.nodes(data=True), *((None, e) for *_, e in graph.edges(data=True))]:
        assert all(isinstance(v, str | int | float | bool) for v in attrs.values()), attrs
    (tie,) = [a for u, v, a in graph.edges(data=True) if a["relation"] == "RELATES"]
    assert (tie["weight"], tie["tipo"]) == (2.5, "coordinación")
    assert tie["provenance"] == "ok.xlsx › relaciones › 2"
    (leads,) = [a for u, v, a in graph.edges(data=True) if a["relation"] == "LEADS"]
    assert leads["provenance"] == "ok.xlsx › acciones › 2; PMDOT 2021"


def test_characters_xml_forbids_are_dropped_and_the_file_still_opens(tmp_path: Path) -> None:
    """A store may hold them (the loader now cleans control characters, but a store written
    before, or a Neo4j filled by other means, may not): the files must still open."""
    import io

    # A bell and a vertical tab, as pasted from a PDF; legal in JSON, not in XML 1.0.
    snapshot = nx.MultiDiGraph()
    snapshot.add_node("actor:red", label="Actor", name="Red\x07 Barrial\x0bNorte",
                      siglas=["R\x07B"])
    snapshot.add_node("actor:otra", label="Actor", name="Otra")
    snapshot.add_edge("actor:red", "actor:otra", key="RELATES:c\x0b", type="RELATES",
                      tipo="c\x0b")
    data = io.BytesIO()
    write_export(snapshot, "json", data)
    assert [n["name"] for n in json.loads(data.getvalue())["nodes"]][1] == \
        "Red\x07 Barrial\x0bNorte"
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"g.{fmt}"
        with out.open("wb") as stream:
            write_export(snapshot, fmt, stream)
        graph = (nx.read_graphml(out, force_multigraph=True) if fmt == "graphml"
                 else nx.read_gexf(out))
        assert graph.nodes["actor:red"]["label"] == "Red BarrialNorte"
        assert graph.nodes["actor:red"]["siglas"] == "RB"
        assert [a["tipo"] for *_, a in graph.edges(data=True)] == ["c"]


def test_export_is_the_same_from_neo4j_and_from_the_embedded_store(
    loaded: Path, tmp_path: Path, neo4j_store: Neo4jStore,
) -> None:
    assert run("load", tmp_path / "ok.xlsx", "--store", neo4j_store.uri).exit_code == 0
    for fmt in ("json", "graphml"):
        embedded = _export(loaded, fmt, tmp_path / f"e.{fmt}")
        neo4j = _export(neo4j_store.uri, fmt, tmp_path / f"n.{fmt}")
        if fmt == "json":
            assert json.loads(neo4j.read_text("utf-8")) == json.loads(
                embedded.read_text("utf-8"))
        else:
            a = nx.read_graphml(embedded, force_multigraph=True)
            b = nx.read_graphml(neo4j, force_multigraph=True)
            assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
            assert sorted(a.edges(data=True), key=str) == sorted(b.edges(data=True), key=str)


def test_export_refuses_an_unwritable_path(loaded: Path, tmp_path: Path) -> None:
    result = run("export", "--store", loaded, "--out", tmp_path / "no" / "such" / "g.json")
    assert result.exit_code == 2
    assert "No se puede escribir" in result.stderr


@pytest.mark.parametrize(("fmt", "namespace", "kind"), [
    ("graphml", "{http://graphml.graphdrawing.org/xmlns}", "label"),
    ("gexf", "{http://gexf.net/1.3}", "kind"),
])
def test_every_edge_has_a_unique_id_and_its_relationship_key_as_gephi_edge_type(
        loaded: Path, tmp_path: Path, fmt: str, namespace: str, kind: str) -> None:
    """Gephi keeps one edge per id (repeated ids, the relationship type, lost most edges) and
    merges edges of one edge type between two nodes; the GEXF 1.2draft schema has no graph
    name. tests/test_gephi.py checks all of this with Gephi itself."""
    import xml.etree.ElementTree as ET

    root = ET.parse(_export(loaded, fmt, tmp_path / f"g.{fmt}")).getroot()
    edges = list(root.iter(f"{namespace}edge"))
    ids = [edge.get("id") for edge in edges]
    # (not g.json: that is the store, which export refuses to overwrite)
    data = json.loads(_export(loaded, "json", tmp_path / "export.json").read_text("utf-8"))
    types = [e["type"] for e in data["edges"]]
    assert len(set(types)) < len(types)  # some type repeats: a type cannot serve as id
    assert len(ids) == len(data["edges"])
    assert len(set(ids)) == len(ids)
    assert {(e.get("source"), e.get("target"), e.get(kind)) for e in edges} == EDGES
    if fmt == "gexf":
        assert root.get("version") == "1.3"
        assert [g.get("name") for g in root.iter(f"{namespace}graph")] == [None]
