"""GraphML and GEXF are written one element at a time (a 40 000-action export held a copy
of the graph and a whole XML tree: 1.2–1.4 GB). The file must be the one ElementTree
writes for the whole tree: here the reference builds that tree from the same elements,
indents and writes it with ElementTree itself."""

from __future__ import annotations

import io
import json
import tracemalloc
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tejido.graph import export

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
VALUE = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(0, 3), TEXT,
                  st.lists(TEXT, max_size=3))


@st.composite
def graphs(draw: st.DrawFn) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    n = draw(st.integers(0, 6))
    for i in range(n):
        label = draw(st.sampled_from(["Actor", "Action", "Territory", "Source"]))
        attrs = {"label": label, "name": draw(TEXT), "sources": draw(st.lists(
            st.sampled_from(["s0", "s1", "x"]), max_size=2))}
        attrs.update(draw(st.dictionaries(st.sampled_from(["siglas", "peso", "estado"]), VALUE,
                                          max_size=2)))
        if label == "Source":
            attrs.update(document=draw(TEXT), table="t", row=i)
        graph.add_node(f"s{i}" if label == "Source" else f"n{i}", **attrs)
    listed = [v for v, label in graph.nodes(data="label") if label != "Source"]
    for _ in range(draw(st.integers(0, 8)) if listed else 0):
        a, b = draw(st.sampled_from(listed)), draw(st.sampled_from(listed))
        kind = draw(st.sampled_from(["LEADS", "RELATES", "TARGETS"]))
        graph.add_edge(a, b, key=f"{kind}:{draw(TEXT)}", type=kind,
                       peso=draw(st.sampled_from([None, 0, 2.5])),
                       sources=draw(st.lists(st.sampled_from(["s0", "x"]), max_size=2)))
    return graph


def whole_tree(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """The same elements put in one tree in place of the stand-ins, written by ET."""
    flat = export._Flat(graph)
    root, elements = (export._graphml(flat) if fmt == "graphml"
                      else export._gexf(flat, "1.2" if fmt == "gexf-1.2" else "1.3"))
    items = list(elements())
    marker = next(i for i, e in enumerate(items) if e.tag == export._EDGES)
    groups = {export._NODES: items[:marker], export._EDGES: items[marker + 1:]}
    for parent in list(root.iter()):
        parent[:] = [element for child in parent
                     for element in groups.get(child.tag, [child])]
    ET.indent(root)
    out = io.BytesIO()
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "gexf-1.2"])
@settings(max_examples=40, deadline=None)
@given(graph=graphs(), buffer=st.sampled_from([1, 64, 1 << 20]))
def test_the_streamed_file_is_the_whole_tree_written_by_elementtree(fmt, graph, buffer):
    streamed = io.BytesIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(export, "_BUFFER", buffer)
        export.write_export(graph, fmt, streamed)
    assert streamed.getvalue() == whole_tree(graph, fmt)
    ET.fromstring(streamed.getvalue())  # and it parses


class Discard(io.RawIOBase):
    def write(self, data: bytes) -> int:  # type: ignore[override]
        return len(data)


def test_no_xml_tree_of_the_whole_graph_is_held():
    """Traced memory while writing grows by about 100 bytes per element (the sorted
    edges and node order), not by the 1.9 KB a copy of the graph and a whole XML tree
    took per element."""

    def peak(n: int) -> int:
        graph = nx.MultiDiGraph()
        for i in range(n):
            graph.add_node(f"n{i}", label="Actor", name=f"Actor {i}", sources=[])
        for i in range(n - 1):
            graph.add_edge(f"n{i}", f"n{i + 1}", key="RELATES", type="RELATES", sources=[])
        tracemalloc.start()
        export.write_export(graph, "gexf", Discard())
        used = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return used

    small, large = peak(2_000), peak(20_000)
    assert (large - small) / (2 * 18_000) < 400


@settings(max_examples=40, deadline=None)
@given(graph=graphs(), buffer=st.sampled_from([1, 1 << 20]))
def test_the_streamed_json_is_json_dumps_of_the_node_link_data(graph, buffer):
    streamed = io.BytesIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(export, "_BUFFER", buffer)
        counts = export.write_export(graph, "json", streamed)
    data = export.node_link(graph)
    assert streamed.getvalue() == (json.dumps(data, ensure_ascii=False) + "\n").encode()
    assert counts == (len(data["nodes"]), len(data["edges"]))
