"""Exports of a store snapshot: node-link JSON, and GraphML / GEXF for Gephi.

JSON keeps every property as it is and resolves provenance: each node and edge lists the
Source rows (document, table, row) it came from, not only their ids. Source nodes are
listed once under ``sources`` rather than as graph nodes: they have no edges and would
only clutter a network drawing; Document nodes (a source document's title and autoridad)
are listed the same way under ``documents``, and GraphML/GEXF leave both out: isolated
nodes would sit in Gephi's drawing and count in its degree, density and modularity. An
edge whose value was printed in other rows (a merged cell filled down: ``printed``) also
resolves those, as ``printed_provenance``.

GraphML and GEXF hold only scalar attributes, so lists (siglas, sources) are joined with
"; ", missing values and empty lists are left out, and characters XML 1.0 forbids are
dropped (a name pasted from a PDF may carry them; the file would otherwise not open). In
both, ``label`` is what Gephi shows (a node's name or title, an edge's relationship type),
a node's model type is ``type`` and an edge's is ``relation`` (GEXF reserves an edge's
``type`` for directed/undirected).

Both are written for Gephi 0.10's own importers, checked with its toolkit
(tests/test_gephi.py), which showed three ways to lose edges:

- Gephi keeps one edge per id, so every edge has a unique id (source, relationship key,
  target); a bare relationship type as id kept 14 of 1 317 edges.
- Gephi merges edges with the same source, target and *edge type* into one (summing their
  weights), whatever their ids (DefaultProcessor, default merge strategy SUM): an actor that
  both LEADS and ARTICULATES an action became one edge. Gephi's edge type (its "Kind") is
  read from GEXF 1.3's ``kind`` and from the ``label`` XML attribute of a GraphML ``<edge>``
  (as Gephi's own GraphML exporter writes it); the export puts the relationship key there
  (``LEADS``, ``RELATES:coordinación``), which is unique between two nodes in the store, so
  no two relationships merge.
- Gephi drops an edge of weight 0 ("weight zero ignored"). ``weight`` is ``peso`` when
  positive and Gephi's default, 1, otherwise; the ``peso`` column keeps the 0.

GEXF comes in two versions, because no file can be both valid GEXF 1.2draft and whole in
Gephi: 1.2draft's official schema allows no ``kind`` on an edge (nor any foreign
attribute), and ImporterGEXF sets an edge's type from ``kind`` only, so Gephi gives every
edge of a 1.2draft file the same type and merges a pair's parallel relationships.

- ``gexf``: GEXF 1.3, the version Gephi 0.10 itself writes (namespace
  ``http://gexf.net/1.3``), with each edge's ``kind``. Gephi keeps every relationship. It
  is the 1.2draft file below plus 1.3's namespace, version and ``kind`` (1.3's schema
  is kept as RELAX NG, gexf.rnc, which no package registry ships: tests/test_gephi.py
  checks the 1.3 file against the 1.2draft one).
- ``gexf-1.2``: GEXF 1.2draft, valid unchanged against its official XSD, for tools that
  read only 1.2draft. Each relationship is still one ``<edge>`` with its key in a ``kind``
  column, but Gephi merges relationships that join the same two nodes into one edge.
"""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

import networkx as nx

FORMATS = ("json", "graphml", "gexf", "gexf-1.2")
EXPORT_FORMAT = "tejido-export"
EXPORT_VERSION = 1
SEPARATOR = "; "

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
#: GEXF namespace per version: 1.3 as Gephi 0.10 writes it, and 1.2draft's.
GEXF_NS = {"1.3": "http://gexf.net/1.3", "1.2": "http://www.gexf.net/1.2draft"}
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _display(node_id: str, attrs: dict[str, Any]) -> str:
    return attrs.get("name") or attrs.get("titulo") or node_id


def _provenance(sources: dict[str, dict[str, Any]], ids: list[str]) -> list[dict[str, Any]]:
    """Source ids resolved to their rows; an id the store does not hold keeps only its id."""
    out = []
    for source_id in ids:
        row = sources.get(source_id)
        if row is None:
            out.append({"id": source_id})
        else:
            out.append({"id": source_id, "document": row.get("document"),
                        "table": row.get("table"), "row": row.get("row")})
    return out


#: Labels that describe where facts come from, not the network: listed apart, not as nodes.
_PROVENANCE_LABELS = ("Source", "Document")


def _split(graph: nx.MultiDiGraph) -> tuple[dict[str, dict[str, Any]], list[str]]:
    sources = {n: a for n, a in graph.nodes(data=True) if a.get("label") == "Source"}
    others = sorted(n for n, label in graph.nodes(data="label")
                    if label not in _PROVENANCE_LABELS)
    return sources, others


def _edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    return sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as node-link JSON data, nodes and edges in id order (stable across stores)."""
    return {key: list(value) if isinstance(value, Iterator) else value
            for key, value in _node_link_parts(graph).items()}


def _node_link_parts(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """:func:`node_link`'s keys in order, each list as an iterator of its items (so the
    export can write one item at a time)."""
    sources, others = _split(graph)

    def nodes() -> Iterator[dict[str, Any]]:
        for node_id in others:
            attrs = dict(graph.nodes[node_id])
            label = attrs.pop("label", None)
            yield {"id": node_id, "type": label, "name": _display(node_id, attrs), **attrs,
                   "provenance": _provenance(sources, attrs.get("sources", []))}

    def edges() -> Iterator[dict[str, Any]]:
        for source, target, key, attrs in _edges(graph):
            props = {k: v for k, v in attrs.items() if k != "type"}
            yield {
                "source": source, "target": target, "type": attrs.get("type"), "key": key,
                **props, "provenance": _provenance(sources, attrs.get("sources", [])),
                **({"printed_provenance": _provenance(sources, attrs["printed"])}
                   if attrs.get("printed") else {}),
            }

    return {
        "format": EXPORT_FORMAT, "version": EXPORT_VERSION, "directed": True, "multigraph": True,
        "nodes": nodes(), "edges": edges(),
        "sources": [{"id": s, **{k: v for k, v in sources[s].items() if k != "label"}}
                    for s in sorted(sources)],
        "documents": [{"id": d, **{k: v for k, v in attrs.items()
                                   if k not in ("label", "sources")}}
                      for d, attrs in sorted(graph.nodes(data=True), key=lambda n: n[0])
                      if attrs.get("label") == "Document"],
    }


def _write_json(graph: nx.MultiDiGraph, stream: BinaryIO) -> tuple[int, int]:
    """:func:`node_link` as ``json.dumps(..., ensure_ascii=False)`` writes it, plus a
    newline, one node or edge at a time; returns (nodes, edges) written."""
    counts = {"nodes": 0, "edges": 0}
    out = _Utf8(stream)
    emit = out.write
    emit("{")
    for position, (key, value) in enumerate(_node_link_parts(graph).items()):
        emit((", " if position else "") + json.dumps(key) + ": ")
        if not isinstance(value, Iterator):
            emit(json.dumps(value, ensure_ascii=False))
            continue
        emit("[")
        for count, item in enumerate(value):
            emit((", " if count else "") + json.dumps(item, ensure_ascii=False))
            counts[key] += 1
        emit("]")
    emit("}\n")
    out.flush()
    return counts["nodes"], counts["edges"]


def _scalar(value: Any) -> Any:
    """A value GraphML/GEXF can hold: lists joined, text cleaned, None -> left out."""
    if isinstance(value, list | tuple):
        return _XML_ILLEGAL.sub("", SEPARATOR.join(str(v) for v in value))
    if isinstance(value, bool | int | float):
        return value
    return _XML_ILLEGAL.sub("", str(value))


def _empty(value: Any) -> bool:
    """No value to write: None, and an empty list or text (Gephi reads "" as no value)."""
    return value is None or value == "" or (isinstance(value, list | tuple) and not value)


def _readable(provenance: list[dict[str, Any]]) -> str:
    """'plan.xlsx › acciones › 12; PMDOT 2021' (a cited document has no table, row 0)."""
    return SEPARATOR.join(
        " › ".join(str(p[k]) for k in ("document", "table", "row") if p.get(k) not in (None, "", 0))
        if "document" in p else p["id"]
        for p in provenance
    )


class _Flat:
    """The snapshot with scalar attributes only, in Gephi's vocabulary (see module
    docstring), produced element by element so that a large export never holds a second
    copy of the graph: nodes in id order, edges by source (in node order), target and
    relationship key. Edges are keyed by their file id; ``kind`` (the relationship key)
    becomes Gephi's edge type, written as an XML attribute rather than a column."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.sources, others = _split(graph)
        edges = _edges(graph)
        # A relationship ending at a node that is not listed lists it after the others,
        # with no attributes (the order a graph built edge by edge gives).
        listed = dict.fromkeys(others)
        for source, target, _, _ in edges:
            listed.setdefault(source)
            listed.setdefault(target)
        self.order = list(listed)
        self.known = set(others)
        position = {node: i for i, node in enumerate(self.order)}
        self.edge_list = sorted(edges, key=lambda e: position[e[0]])  # stable: (target, key)

    def nodes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        graph, sources = self.graph, self.sources
        for node_id in self.order:
            if node_id not in self.known:
                yield node_id, {}
                continue
            attrs = graph.nodes[node_id]
            props = {k: _scalar(v) for k, v in attrs.items() if not _empty(v) and k != "label"}
            props["type"] = attrs.get("label", "")
            props["label"] = _scalar(_display(node_id, attrs))
            props["provenance"] = _scalar(_readable(_provenance(sources,
                                                                attrs.get("sources", []))))
            yield node_id, props

    def edges(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        sources = self.sources
        for source, target, key, attrs in self.edge_list:
            props = {k: _scalar(v) for k, v in attrs.items() if not _empty(v) and k != "type"}
            props["relation"] = props["label"] = attrs.get("type", "")
            props["kind"] = _scalar(key)
            # Gephi ignores an edge of weight 0 (peso may be 0): its default weight keeps it.
            props["weight"] = float(attrs["peso"]) if attrs.get("peso") else 1.0
            props["provenance"] = _scalar(_readable(_provenance(sources,
                                                                attrs.get("sources", []))))
            if attrs.get("printed"):
                props["printed_provenance"] = _scalar(_readable(_provenance(sources,
                                                                            attrs["printed"])))
            yield source, target, _scalar(f"{source}|{key}|{target}"), props


def _columns(elements: Iterable[dict[str, Any]], skip: tuple[str, ...]) -> dict[str, str]:
    """Each attribute's XML type over all elements: one type per column, as both formats
    declare it once; a column mixing kinds of values is text."""
    seen: dict[str, set[type]] = {}
    for attrs in elements:
        for name, value in attrs.items():
            if name not in skip:
                seen.setdefault(name, set()).add(
                    bool if isinstance(value, bool) else type(value)
                    if isinstance(value, int | float) else str)
    return {name: ("boolean" if kinds == {bool} else "long" if kinds == {int}
                   else "double" if kinds <= {int, float} else "string")
            for name, kinds in sorted(seen.items())}


def _text(value: Any, xml_type: str) -> str:
    if xml_type == "boolean":
        return "true" if value else "false"
    if xml_type == "double":
        return repr(float(value))
    return str(value)


#: Stand-ins for the node and edge elements in the document's skeleton: each is replaced
#: by the elements, serialized one at a time, with the indentation ET.indent gives.
_NODES, _EDGES = "tj-nodes", "tj-edges"
#: Characters gathered before each write.
_BUFFER = 1 << 20


class _Utf8:
    """Text written to a binary stream as UTF-8, ``_BUFFER`` characters at a time (one
    write per element would be hundreds of thousands of small writes)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.pieces: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.pieces.append(text)
        self.size += len(text)
        if self.size >= _BUFFER:
            self.flush()

    def flush(self) -> None:
        self.stream.write("".join(self.pieces).encode("utf-8"))
        self.pieces.clear()
        self.size = 0


def _stand_ins(flat: _Flat, nodes: ET.Element, edges: ET.Element) -> None:
    """Where the nodes and the edges go (see :func:`_stream_xml`), for those there are."""
    if flat.order:
        ET.SubElement(nodes, _NODES)
    if flat.edge_list:
        ET.SubElement(edges, _EDGES)


def _graphml(flat: _Flat) -> tuple[ET.Element, Callable[[], Iterator[ET.Element]]]:
    """GraphML as Gephi reads it: ``label``/``weight`` data keys are its edge label and
    weight, the ``label`` XML attribute of ``<edge>`` its edge type."""
    location = f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS, "xmlns:xsi": XSI_NS,
                                  "xsi:schemaLocation": location})
    columns = {"node": _columns((a for _, a in flat.nodes()), ()),
               "edge": _columns((a for *_, a in flat.edges()), ("kind",))}
    keys: dict[tuple[str, str], str] = {}
    for owner, declared in columns.items():
        for name, xml_type in declared.items():
            keys[owner, name] = key = f"d{len(keys)}"
            ET.SubElement(root, "key", {"id": key, "for": owner, "attr.name": name,
                                        "attr.type": xml_type})
    graph = ET.SubElement(root, "graph", edgedefault="directed")
    _stand_ins(flat, graph, graph)

    def data(element: ET.Element, owner: str, attrs: dict[str, Any]) -> ET.Element:
        for name, xml_type in columns[owner].items():
            if name in attrs:
                ET.SubElement(element, "data", key=keys[owner, name]).text = _text(
                    attrs[name], xml_type)
        return element

    def elements() -> Iterator[ET.Element]:
        for node_id, attrs in flat.nodes():
            yield data(ET.Element("node", id=node_id), "node", attrs)
        yield ET.Element(_EDGES)
        for source, target, edge_id, attrs in flat.edges():
            yield data(ET.Element("edge", id=edge_id, source=source, target=target,
                                  label=attrs["kind"]), "edge", attrs)

    return root, elements


def _gexf(flat: _Flat, version: str) -> tuple[ET.Element, Callable[[], Iterator[ET.Element]]]:
    """GEXF as Gephi 0.10 writes it: label and weight as XML attributes; the relationship
    key as the edge's ``kind`` in 1.3, as a ``kind`` column in 1.2draft (no ``kind`` there)."""
    namespace = GEXF_NS[version]
    root = ET.Element("gexf", {"xmlns": namespace, "xmlns:xsi": XSI_NS,
                               "xsi:schemaLocation": f"{namespace} {namespace}/gexf.xsd",
                               "version": version})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "tejido"
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    as_xml = ("label", "kind", "weight") if version == "1.3" else ("label", "weight")
    columns = {"node": _columns((a for _, a in flat.nodes()), ("label",)),
               "edge": _columns((a for *_, a in flat.edges()), as_xml)}
    for owner, declared in columns.items():
        block = ET.SubElement(graph, "attributes", {"class": owner, "mode": "static"})
        for name, xml_type in declared.items():
            ET.SubElement(block, "attribute", id=name, title=name, type=xml_type)
    _stand_ins(flat, ET.SubElement(graph, "nodes"), ET.SubElement(graph, "edges"))

    def attvalues(element: ET.Element, owner: str, attrs: dict[str, Any]) -> ET.Element:
        values = ET.SubElement(element, "attvalues")
        for name, xml_type in columns[owner].items():
            if name in attrs:
                ET.SubElement(values, "attvalue", {"for": name,
                                                   "value": _text(attrs[name], xml_type)})
        return element

    def elements() -> Iterator[ET.Element]:
        for node_id, attrs in flat.nodes():
            yield attvalues(ET.Element("node", id=node_id, label=attrs.get("label", node_id)),
                            "node", attrs)
        yield ET.Element(_EDGES)
        for source, target, edge_id, attrs in flat.edges():
            kind = {"kind": attrs["kind"]} if version == "1.3" else {}
            yield attvalues(ET.Element("edge", id=edge_id, source=source, target=target,
                                       label=attrs["label"], **kind,
                                       weight=repr(attrs["weight"])), "edge", attrs)

    return root, elements


def _stream_xml(root: ET.Element, elements: Iterator[ET.Element], stream: BinaryIO) -> None:
    """Write ``root`` with ``elements`` in place of its stand-ins (an ``_EDGES`` element in
    ``elements`` ends the nodes), byte for byte as ``ET.indent`` and
    ``ElementTree.write`` give the whole tree, one element in memory at a time. A group
    with no elements has no stand-in (GEXF's ``<edges />`` is then written empty)."""
    ET.indent(root)
    skeleton = ET.tostring(root, encoding="unicode")
    present = [tag for tag in (_NODES, _EDGES) if f"<{tag} />" in skeleton]
    parts = re.split(f"<(?:{_NODES}|{_EDGES}) />", skeleton)
    nodes = itertools.takewhile(lambda element: element.tag != _EDGES, elements)
    out = _Utf8(stream)
    out.write("<?xml version='1.0' encoding='utf-8'?>\n")
    out.write(parts[0])
    for i, tag in enumerate(present):
        if tag == _EDGES:
            for _ in nodes:  # the nodes' group had no stand-in: only the marker is left
                pass
        level = _depth(parts[i])
        for count, element in enumerate(nodes if tag == _NODES else elements):
            ET.indent(element, level=level)
            text = ET.tostring(element, encoding="unicode")
            out.write(text if count == 0 else "\n" + "  " * level + text)
        out.write(parts[i + 1])
    out.flush()


def _depth(text: str) -> int:
    """The indentation level of a stand-in: the spaces after the text's last newline."""
    return (len(text) - text.rfind("\n") - 1) // 2


def write_export(graph: nx.MultiDiGraph, fmt: str, stream: BinaryIO) -> tuple[int, int]:
    """Write ``graph`` as ``fmt`` to a binary stream; returns (nodes, edges) written."""
    if fmt == "json":
        return _write_json(graph, stream)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {FORMATS}")
    flat = _Flat(graph)
    root, elements = (_graphml(flat) if fmt == "graphml"
                      else _gexf(flat, "1.2" if fmt == "gexf-1.2" else "1.3"))
    _stream_xml(root, elements(), stream)
    return len(flat.order), len(flat.edge_list)
