"""Exports of a store snapshot: node-link JSON, and GraphML / GEXF for Gephi.

JSON keeps every property as it is and resolves provenance: each node and edge lists the
Source rows (document, table, row) it came from, not only their ids. Source nodes are
listed once under ``sources`` rather than as graph nodes: they have no edges and would
only clutter a network drawing. An edge whose value was printed in other rows (a merged
cell filled down: ``printed``) also resolves those, as ``printed_provenance``.

GraphML and GEXF hold only scalar attributes, so lists (siglas, sources) are joined with
"; ", missing values are left out, and characters XML 1.0 forbids are dropped (a name
pasted from a PDF may carry them; the file would otherwise not open). In both, ``label``
is what Gephi shows (a node's name or title, an edge's relationship type), a node's model
type is ``type`` and an edge's is ``relation`` (GEXF reserves an edge's ``type`` for
directed/undirected). Every edge has a unique id (source, relationship key, target) and the
graph is named, as GEXF 1.2's schema and Gephi's importer need.
"""

from __future__ import annotations

import json
import re
from typing import Any, BinaryIO

import networkx as nx

FORMATS = ("json", "graphml", "gexf")
EXPORT_FORMAT = "tejido-export"
EXPORT_VERSION = 1
SEPARATOR = "; "

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


def _split(graph: nx.MultiDiGraph) -> tuple[dict[str, dict[str, Any]], list[str]]:
    sources = {n: a for n, a in graph.nodes(data=True) if a.get("label") == "Source"}
    others = sorted(n for n in graph.nodes if n not in sources)
    return sources, others


def _edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    return sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as node-link JSON data, nodes and edges in id order (stable across stores)."""
    sources, others = _split(graph)
    nodes = []
    for node_id in others:
        attrs = dict(graph.nodes[node_id])
        label = attrs.pop("label", None)
        nodes.append({
            "id": node_id, "type": label, "name": _display(node_id, attrs), **attrs,
            "provenance": _provenance(sources, attrs.get("sources", [])),
        })
    edges = []
    for source, target, key, attrs in _edges(graph):
        props = {k: v for k, v in attrs.items() if k != "type"}
        edges.append({
            "source": source, "target": target, "type": attrs.get("type"), "key": key, **props,
            "provenance": _provenance(sources, attrs.get("sources", [])),
            **({"printed_provenance": _provenance(sources, attrs["printed"])}
               if attrs.get("printed") else {}),
        })
    return {
        "format": EXPORT_FORMAT, "version": EXPORT_VERSION, "directed": True, "multigraph": True,
        "nodes": nodes, "edges": edges,
        "sources": [{"id": s, **{k: v for k, v in sources[s].items() if k != "label"}}
                    for s in sorted(sources)],
    }


def _scalar(value: Any) -> Any:
    """A value GraphML/GEXF can hold: lists joined, text cleaned, None -> left out."""
    if isinstance(value, list | tuple):
        return _XML_ILLEGAL.sub("", SEPARATOR.join(str(v) for v in value))
    if isinstance(value, bool | int | float):
        return value
    return _XML_ILLEGAL.sub("", str(value))


def _readable(provenance: list[dict[str, Any]]) -> str:
    """'plan.xlsx › acciones › 12; PMDOT 2021' (a cited document has no table, row 0)."""
    return SEPARATOR.join(
        " › ".join(str(p[k]) for k in ("document", "table", "row") if p.get(k) not in (None, "", 0))
        if "document" in p else p["id"]
        for p in provenance
    )


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The snapshot with scalar attributes only, in Gephi's vocabulary (see module docstring)."""
    sources, others = _split(graph)
    # GEXF 1.2's schema has no empty graph name; Gephi shows it as the workspace's title.
    flat = nx.MultiDiGraph(name="tejido")
    for node_id in others:
        attrs = graph.nodes[node_id]
        props = {k: _scalar(v) for k, v in attrs.items() if v is not None and k != "label"}
        props["type"] = attrs.get("label", "")
        props["label"] = _scalar(_display(node_id, attrs))
        props["provenance"] = _scalar(_readable(_provenance(sources, attrs.get("sources", []))))
        flat.add_node(node_id, **props)
    for source, target, key, attrs in _edges(graph):
        props = {k: _scalar(v) for k, v in attrs.items() if v is not None and k != "type"}
        props["relation"] = props["label"] = attrs.get("type", "")
        props["weight"] = float(attrs["peso"]) if attrs.get("peso") is not None else 1.0
        props["provenance"] = _scalar(_readable(_provenance(sources, attrs.get("sources", []))))
        if attrs.get("printed"):
            props["printed_provenance"] = _scalar(_readable(_provenance(sources,
                                                                        attrs["printed"])))
        # The key is the edge's id in GraphML/GEXF, and ids must be unique in the file: a
        # bare relationship type ("LEADS") repeated made Gephi keep 14 of 1 317 edges.
        flat.add_edge(source, target, key=f"{source}|{key}|{target}", **props)
    return flat


def write_export(graph: nx.MultiDiGraph, fmt: str, stream: BinaryIO) -> tuple[int, int]:
    """Write ``graph`` as ``fmt`` to a binary stream; returns (nodes, edges) written."""
    if fmt == "json":
        data = node_link(graph)
        stream.write(json.dumps(data, ensure_ascii=False).encode("utf-8"))
        stream.write(b"\n")
        return len(data["nodes"]), len(data["edges"])
    flat = flat_graph(graph)
    if fmt == "graphml":
        nx.write_graphml(flat, stream, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(flat, stream, encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {FORMATS}")
    return flat.number_of_nodes(), flat.number_of_edges()
