"""The GraphML and GEXF exports open whole in Gephi, checked with Gephi's own code.

Gephi 0.10.1's toolkit (Maven Central, tests/gephi/) imports each export exactly as the
desktop program does: its file importer, its default import settings and its default
processor (tests/gephi/GephiImport.java). What Gephi keeps is compared with the store the
export came from: every node and edge, each edge's relationship, and their properties. All
files and schema checks go through one JVM start (a module fixture).

The expectations come from the store's own snapshot, never from the export code: Gephi must
show each relationship of the store as one edge whose Gephi type is the relationship key
and whose ``relation``/``label`` is its type, with every property the store holds.

GEXF comes twice: ``gexf`` (GEXF 1.3, what Gephi 0.10 writes: whole in Gephi) and
``gexf-1.2`` (GEXF 1.2draft, valid unchanged against the official 1.2draft schema in
tests/gephi/gexf-1.2draft). The second cannot be whole in Gephi: Gephi's GEXF importer takes
an edge's type only from ``kind``, which 1.2draft's schema refuses, and its default import
merges the edges of one type between two nodes; the tests show both facts.
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
#: The exports Gephi opens whole.
FORMATS = ("graphml", "gexf")
GEXF_13 = "http://gexf.net/1.3"
GEXF_12 = "http://www.gexf.net/1.2draft"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: Gephi picks its importer from the file's extension: every GEXF file ends in .gexf.
FILE_NAMES = {"graphml": "{}.graphml", "gexf": "{}.gexf", "gexf-1.2": "{}-1.2.gexf"}

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


def _broken_copy(gexf_12: Path, out: Path, change: str) -> Path:
    """The 1.2draft export with one change the schema must refuse: ``name`` puts a graph
    name in (as an old export did), ``kind`` gives the first edge GEXF 1.3's edge kind."""
    tree = ET.parse(gexf_12)
    if change == "name":
        tree.getroot().find(f"{{{GEXF_12}}}graph").set("name", "")  # type: ignore[union-attr]
    else:
        next(tree.getroot().iter(f"{{{GEXF_12}}}edge")).set("kind", "LEADS")
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

    files = {(name, fmt): _export(store, fmt, folder / FILE_NAMES[fmt].format(name))
             for name, store in (("bundled", bundled), ("parallel", parallel))
             for fmt in (*FORMATS, "gexf-1.2")}
    valid = files["bundled", "gexf-1.2"]
    checks = [(toolkit.GEXF_12_SCHEMA, valid),
              *((toolkit.GEXF_12_SCHEMA, _broken_copy(valid, folder / f"{change}.gexf", change))
                for change in ("name", "kind"))]
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


def test_the_gexf_12_export_validates_unchanged_against_the_official_schema(
        gephi: dict[str, Any]) -> None:
    """The file as written, no mapping: GEXF 1.2draft's own namespace and version. Another
    1.2draft reader (networkx) gets every relationship, its key in the ``kind`` column."""
    path = gephi["files"]["bundled", "gexf-1.2"]
    root = ET.parse(path).getroot()
    assert (root.tag, root.get("version")) == (f"{{{GEXF_12}}}gexf", "1.2")
    read = nx.read_gexf(path)
    assert Counter((u, v, d["kind"]) for u, v, d in read.edges(data=True)) == Counter(
        (u, v, k) for u, v, k in gephi["stores"]["bundled"].edges(keys=True))
    validations = gephi["validations"]
    assert validations["bundled-1.2.gexf"] == []
    # The validator does reject: a named graph (as an old export wrote) and an edge kind.
    assert any(re.search(r"'name'.*'(ns0:)?graph'", e) for e in validations["name.gexf"])
    assert any(re.search(r"'kind'.*'(ns0:)?edge'", e) for e in validations["kind.gexf"])


def test_gephi_merges_the_parallel_relationships_of_a_gexf_12_file(
        gephi: dict[str, Any]) -> None:
    """Why ``gexf`` is GEXF 1.3: the valid 1.2draft file holds every relationship (one edge
    element each, its key in a ``kind`` column), but Gephi gives them all one type and keeps
    one edge per (source, target) pair. The bundled data has one such pair (an actor that
    both leads and articulates an action); the parallel workbook has two."""
    for name in ("bundled", "parallel"):
        graph = gephi["stores"][name]
        root = ET.parse(gephi["files"][name, "gexf-1.2"]).getroot()
        in_file = Counter(
            (e.get("source"), e.get("target"),
             next(v.get("value") for v in e.iter(f"{{{GEXF_12}}}attvalue")
                  if v.get("for") == "kind"))
            for e in root.iter(f"{{{GEXF_12}}}edge"))
        assert in_file == Counter((u, v, k) for u, v, k in graph.edges(keys=True))

        result = gephi["imported"][name, "gexf-1.2"]
        pairs = Counter((u, v) for u, v in graph.edges())
        assert (result["nodes"], result["edges"]) == (len(_network(graph)), len(pairs))
        assert len(pairs) == graph.number_of_edges() - (1 if name == "bundled" else 2)
        assert {e["type"] for e in result["edge_list"]} == {None}


def test_the_gexf_13_export_is_the_valid_12_file_plus_each_edge_kind(
        gephi: dict[str, Any]) -> None:
    """GEXF 1.3 (what Gephi 0.10 writes) adds ``kind`` to an edge; its normative schema is
    RELAX NG and no registry ships it, so the 1.3 file is checked against the file above
    that the official 1.2draft schema accepts: the same document but for 1.3's namespace
    and version, and each edge's relationship key as ``kind`` instead of a ``kind`` column."""
    def canonical(path: Path, namespace: str) -> tuple[str, dict[str, str]]:
        root = ET.parse(path).getroot()
        for element in root.iter():
            element.tag = element.tag.replace(f"{{{namespace}}}", "")
            element.attrib.pop(f"{{{XSI}}}schemaLocation", None)
        kinds = {}
        for edge in list(root.iter("edge")):  # lists first: the loops change the tree
            key = edge.attrib.pop("kind", None)
            for values in edge.findall("attvalues"):
                for value in [v for v in values if v.get("for") == "kind"]:
                    key = value.get("value")
                    values.remove(value)
            kinds[edge.get("id")] = key
        for declared in list(root.iter("attributes")):
            for attribute in [a for a in declared if a.get("id") == "kind"]:
                declared.remove(attribute)
        root.attrib.pop("version")
        return ET.tostring(root, encoding="unicode"), kinds

    text_13, kinds_13 = canonical(gephi["files"]["bundled", "gexf"], GEXF_13)
    text_12, kinds_12 = canonical(gephi["files"]["bundled", "gexf-1.2"], GEXF_12)
    assert text_13 == text_12
    graph = gephi["stores"]["bundled"]
    assert sorted(kinds_13.values()) == sorted(kinds_12.values()) == sorted(
        k for *_, k in graph.edges(keys=True))
    assert kinds_13 == kinds_12
    root = ET.parse(gephi["files"]["bundled", "gexf"]).getroot()
    assert (root.tag, root.get("version")) == (f"{{{GEXF_13}}}gexf", "1.3")
