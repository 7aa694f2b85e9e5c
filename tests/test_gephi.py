"""The GraphML and GEXF exports open whole in Gephi, checked with Gephi's own code.

Gephi 0.10.1's toolkit (Maven Central, tests/gephi/) imports each export exactly as the
desktop program does: its file importer, its default import settings and its default
processor (tests/gephi/GephiImport.java). What Gephi keeps is compared with the store the
export came from: every node and edge, each edge's relationship, and their properties. All
files and schema checks go through one JVM start (a module fixture).

The expectations come from the store's own snapshot, never from the export code: Gephi must
show each relationship of the store as one edge whose Gephi type is the relationship key
and whose ``relation``/``label`` is its type, with every property the store holds.
"""

from __future__ import annotations

import copy
import importlib.util
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from helpers_workbook import SMALL, run, write_xlsx

from tejido.graph.model import Action, Actor
from tejido.graph.store import using_store

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("gephi_toolkit", ROOT / "tests/gephi/toolkit.py")
toolkit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(toolkit)  # type: ignore[union-attr]

#: Nodes that say where facts come from; the exports list them apart (no edges touch them).
PROVENANCE_LABELS = {"Source", "Document"}
FORMATS = ("graphml", "gexf")
GEXF_13 = "http://gexf.net/1.3"
GEXF_12 = "http://www.gexf.net/1.2draft"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

SA = Actor.key("Secretaría de Ambiente")
CONQUITO = Actor.key("Agencia de Promoción Económica CONQUITO")
REFORESTAR = Action.key("Reforestar quebradas", "Ambiente", None)


def _store_graph(store: Path) -> nx.MultiDiGraph:
    with using_store(str(store)) as opened:
        return opened.snapshot()


def _export(store: Path, fmt: str, out: Path) -> Path:
    result = run("export", "--format", fmt, "--store", store, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def _as_gexf_12(gexf_13: Path, out: Path, name: str | None = None) -> Path:
    """The GEXF 1.3 file with 1.3's three changes mapped back to 1.2draft: namespace,
    version, and the edge ``kind`` attribute (1.2draft has no edge kind) dropped.
    ``name`` puts a graph name in, as the old export did (a control the schema refuses)."""
    tree = ET.parse(gexf_13)
    for element in tree.getroot().iter():
        element.tag = element.tag.replace(f"{{{GEXF_13}}}", f"{{{GEXF_12}}}")
        element.attrib.pop("kind", None)
        element.attrib.pop(f"{{{XSI}}}schemaLocation", None)
    tree.getroot().set("version", "1.2")
    if name is not None:
        tree.getroot().find(f"{{{GEXF_12}}}graph").set("name", name)  # type: ignore[union-attr]
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return out


@pytest.fixture(scope="module")
def gephi(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The bundled data and a small workbook with parallel relationships, exported in both
    formats and imported by Gephi; the GEXF validated. One JVM for everything."""
    folder = tmp_path_factory.mktemp("gephi")
    bundled = folder / "bundled.graph"
    loaded = run("load", ROOT / "data", "--store", bundled)
    assert loaded.exit_code == 0, loaded.output

    # SA leads the action and also articulates it; SA and CONQUITO are tied twice (two
    # kinds of tie), one with peso 0.
    sheets = copy.deepcopy(SMALL)
    sheets["acciones"][1][4] = "SA; conquito"
    sheets["relaciones"].append(["SA", "CONQUITO", "financiamiento", 0])
    parallel = folder / "parallel.graph"
    loaded = run("load", write_xlsx(folder / "parallel.xlsx", sheets), "--store", parallel)
    assert loaded.exit_code == 0, loaded.output

    files = {(name, fmt): _export(store, fmt, folder / f"{name}.{fmt}")
             for name, store in (("bundled", bundled), ("parallel", parallel))
             for fmt in FORMATS}
    mapped = _as_gexf_12(files["bundled", "gexf"], folder / "bundled-1.2.gexf")
    control = _as_gexf_12(files["bundled", "gexf"], folder / "named-1.2.gexf", name="")
    checks = [(toolkit.GEXF_12_SCHEMA, mapped), (toolkit.GEXF_12_SCHEMA, control)]
    if toolkit.GEXF_13_SCHEMA.exists():
        checks.append((toolkit.GEXF_13_SCHEMA, files["bundled", "gexf"]))
    result = toolkit.gephi_import(list(files.values()), tuple(checks))
    imported = {Path(r["file"]).name: r for r in result["files"]}
    return {
        "stores": {"bundled": _store_graph(bundled), "parallel": _store_graph(parallel)},
        "imported": {key: imported[path.name] for key, path in files.items()},
        "files": files,
        "validations": {Path(v["file"]).name: v["errors"] for v in result["validations"]},
    }


def _network(graph: nx.MultiDiGraph) -> set[str]:
    return {n for n, label in graph.nodes(data="label") if label not in PROVENANCE_LABELS}


def _in_gephi(value: Any) -> Any:
    """A store value as Gephi 0.10.1 shows it in a column: a list is one text, "; "-joined,
    and Gephi's importer rewrites "INF" as "Infinity" inside every value it reads, text
    included (ElementDraftImpl.parseValue, meant for the XML Schema's INF of a double:
    «INFRAESTRUCTURA» arrives as «InfinityRAESTRUCTURA»). That is Gephi's doing, and
    the file holds the text intact (test_the_files_hold_the_text_gephi_rewrites)."""
    text = "; ".join(str(v) for v in value) if isinstance(value, list) else value
    return text.replace("INF", "Infinity") if isinstance(text, str) else text


@pytest.mark.parametrize("fmt", FORMATS)
def test_gephi_keeps_every_node_and_every_edge_of_the_store(
        gephi: dict[str, Any], fmt: str) -> None:
    graph = gephi["stores"]["bundled"]
    result = gephi["imported"]["bundled", fmt]
    network = _network(graph)
    # Provenance nodes are left out of the files; none of them has an edge to lose.
    assert all(graph.degree(n) == 0 for n in set(graph) - network)
    assert len(network) == 450 and graph.number_of_edges() == 1391  # the bundled data today

    assert result["directed"] is True
    assert (result["nodes"], result["edges"]) == (len(network), graph.number_of_edges())
    assert {n["id"] for n in result["node_list"]} == network
    assert Counter((e["source"], e["target"], e["type"]) for e in result["edge_list"]) == \
        Counter((u, v, k) for u, v, k in graph.edges(keys=True))
    assert len({e["id"] for e in result["edge_list"]}) == graph.number_of_edges()
    assert not [i for i in result["issues"] if i["level"] in ("SEVERE", "CRITICAL")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_relationship_types_and_properties_arrive_intact(
        gephi: dict[str, Any], fmt: str) -> None:
    graph = gephi["stores"]["bundled"]
    result = gephi["imported"]["bundled", fmt]
    documents = {n: a.get("document") for n, a in graph.nodes(data=True)
                 if a.get("label") == "Source"}
    edges = {(e["source"], e["target"], e["type"]): e for e in result["edge_list"]}
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        edge = edges[source, target, key]
        assert edge["label"] == edge["attributes"]["relation"] == attrs["type"]
        for name, value in attrs.items():
            if name != "type" and value not in (None, [], ""):
                assert edge["attributes"][name] == _in_gephi(value), (key, name)
        assert edge["weight"] == (attrs.get("peso") or 1.0)
        for source_id in attrs.get("sources", []):
            assert str(documents[source_id]) in edge["attributes"]["provenance"]

    nodes = {n["id"]: n for n in result["node_list"]}
    for node_id in _network(graph):
        attrs = graph.nodes[node_id]
        node = nodes[node_id]
        assert node["label"] == (attrs.get("name") or attrs.get("titulo") or node_id)
        assert node["attributes"]["type"] == attrs["label"]
        for name, value in attrs.items():
            if name != "label" and value not in (None, [], ""):
                assert node["attributes"][name] == _in_gephi(value), (node_id, name)
            elif name != "label":
                assert name not in node["attributes"], (node_id, name)
    # Typed columns stay typed: Gephi reads booleans as booleans, counts as numbers.
    kinds = Counter(type(v).__name__ for n in result["node_list"]
                    for v in n["attributes"].values())
    assert kinds["bool"] > 0 and kinds["int"] > 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_files_hold_the_text_gephi_rewrites(gephi: dict[str, Any], fmt: str) -> None:
    """Values with "INF" (Gephi rewrites them on import) are intact in the files."""
    graph = gephi["stores"]["bundled"]
    path = gephi["files"]["bundled", fmt]
    read = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    rewritten = [(n, k, v) for n in _network(graph) for k, v in graph.nodes[n].items()
                 if isinstance(v, str) and "INF" in v]
    assert rewritten  # the bundled data has such values («INFRAESTRUCTURA VERDE AZUL»)
    for node_id, name, value in rewritten:
        assert read.nodes[node_id][name] == value


@pytest.mark.parametrize("fmt", FORMATS)
def test_parallel_relationships_stay_apart_with_their_types(
        gephi: dict[str, Any], fmt: str) -> None:
    """SA both LEADS and ARTICULATES the action, and has two kinds of tie with CONQUITO:
    Gephi keeps four edges there, not two (it merges edges of one type between two nodes),
    and keeps the tie of peso 0 (it drops edges of weight 0)."""
    graph = gephi["stores"]["parallel"]
    result = gephi["imported"]["parallel", fmt]
    assert result["edges"] == graph.number_of_edges() == 11  # 9 of SMALL + 2 parallel

    def between(source: str, target: str) -> dict[str, dict[str, Any]]:
        return {e["type"]: e for e in result["edge_list"]
                if (e["source"], e["target"]) == (source, target)}

    assert {t: e["attributes"]["relation"] for t, e in between(SA, REFORESTAR).items()} == {
        "LEADS": "LEADS", "ARTICULATES": "ARTICULATES"}
    ties = between(SA, CONQUITO)
    assert {t: (e["attributes"]["relation"], e["attributes"]["tipo"], e["attributes"]["peso"])
            for t, e in ties.items()} == {
        "RELATES:coordinación": ("RELATES", "coordinación", 2.5),
        "RELATES:financiamiento": ("RELATES", "financiamiento", 0.0)}
    assert ties["RELATES:coordinación"]["weight"] == 2.5
    assert ties["RELATES:financiamiento"]["weight"] == 1.0  # Gephi's default, not 0


def test_the_gexf_follows_the_official_schema(gephi: dict[str, Any]) -> None:
    """GEXF 1.3 (the version Gephi 0.10 writes; 1.2draft has no edge kind). Validated against
    the official 1.2draft schema shipped in tests/gephi, with 1.3's namespace, version and
    edge ``kind`` mapped back; against 1.3's own schema when that is there too."""
    path = gephi["files"]["bundled", "gexf"]
    root = ET.parse(path).getroot()
    assert (root.tag, root.get("version")) == (f"{{{GEXF_13}}}gexf", "1.3")
    # Nothing but 1.3's kind separates the edges from 1.2draft's edge attributes.
    edge_attributes = {a for e in root.iter(f"{{{GEXF_13}}}edge") for a in e.attrib}
    assert edge_attributes == {"id", "source", "target", "label", "kind", "weight"}

    validations = gephi["validations"]
    assert validations["bundled-1.2.gexf"] == []
    # The validator does reject: a named graph, as the old export wrote, fails.
    assert any(re.search(r"'name'.*'(ns0:)?graph'", e) for e in validations["named-1.2.gexf"])
    if toolkit.GEXF_13_SCHEMA.exists():
        assert validations["bundled.gexf"] == []
