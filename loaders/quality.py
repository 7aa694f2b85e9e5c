"""Data quality: what the loaded data does not say clearly, as plain data.

Sections: actors created because no registry entry matched (with the rows that name
them), acronyms nobody expanded, near-duplicate actor names, actions without an ente
rector, rows the loader could read only in part (``problemas`` on Source nodes), and
what each document says about itself (``iniciativas_declaradas``) against what was found.

:func:`build_report` reads a store's snapshot into plain, language-neutral data; the
``tejido quality`` command prints it as JSON, or worded as Markdown by the reports layer.
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx
import numpy as np
from rapidfuzz import fuzz, process

from tejido.graph.model import RelType, fold

#: A name that is one word of capitals (and digits): "SECU", "ACDC", "MMQEP".
_ACRONYM = re.compile(r"^[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9&\-]{1,9}$")
#: Rows of the similarity matrix computed at once: memory stays chunk x n, not n x n.
_CHUNK = 1024


def build_report(graph: nx.MultiDiGraph, threshold: int = 85) -> dict[str, Any]:
    """Every section of the report as plain data (JSON-ready, language-neutral)."""
    nodes = graph.nodes
    actors = [n for n, a in nodes(data=True) if a.get("label") == "Actor"]
    return {
        "counts": _counts(graph),
        "unresolved_actors": [
            {"id": n, "name": nodes[n].get("name", n), "rows": _rows(graph, n)}
            for n in sorted(actors, key=lambda n: fold(nodes[n].get("name", n)))
            if nodes[n].get("auto")
        ],
        "unexpanded_acronyms": [
            {"id": n, "name": nodes[n]["name"], "registered": not nodes[n].get("auto"),
             "rows": _rows(graph, n)}
            for n in sorted(actors, key=lambda n: nodes[n].get("name", n))
            if _ACRONYM.match(nodes[n].get("name", ""))
        ],
        "near_duplicates": near_duplicates(
            {n: nodes[n].get("name", n) for n in actors}, threshold),
        "actions_without_lead": [
            {"id": n, "titulo": nodes[n].get("titulo", n), "rows": _rows(graph, n)}
            for n in sorted(n for n, a in nodes(data=True) if a.get("label") == "Action")
            if not any(d.get("type") == RelType.LEADS for _, _, d in graph.in_edges(n, data=True))
        ],
        "row_problems": [
            {**_source(nodes[n]), "problems": list(nodes[n]["problemas"])}
            for n in sorted(nodes, key=lambda n: _source_order(nodes[n]))
            if nodes[n].get("label") == "Source" and nodes[n].get("problemas")
        ],
        "stated_vs_found": stated_vs_found(graph),
    }


def _counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, label in graph.nodes(data="label"):
        out[label] = out.get(label, 0) + 1
    for _, _, kind in graph.edges(data="type"):
        out[kind] = out.get(kind, 0) + 1
    return dict(sorted(out.items()))


def _source(attrs: dict[str, Any]) -> dict[str, Any]:
    return {"document": attrs.get("document"), "table": attrs.get("table"), "row": attrs.get("row")}


def _source_order(attrs: dict[str, Any]) -> tuple[str, str, int]:
    return (str(attrs.get("document")), str(attrs.get("table")), int(attrs.get("row") or 0))


def _rows(graph: nx.MultiDiGraph, node: str) -> list[dict[str, Any]]:
    """The Source rows a node lists, in document/table/row order."""
    found = [graph.nodes[s] for s in graph.nodes[node].get("sources", []) if s in graph]
    return [_source(a) for a in sorted(found, key=_source_order) if a.get("label") == "Source"]


def near_duplicates(names: dict[str, str], threshold: int) -> list[dict[str, Any]]:
    """Pairs of distinct actors whose folded names score ≥ threshold (token sort ratio).

    rapidfuzz's ``cdist`` scores a block of names against all names in C; blocks keep
    memory linear in the number of names. Token sort ratio (Levenshtein similarity on
    sorted words) tolerates word order and typos, as in SeatGeek's fuzzywuzzy.
    """
    ids = sorted(names)
    keys = [fold(names[i]) for i in ids]
    pairs = []
    for start in range(0, len(keys), _CHUNK):
        block = process.cdist(keys[start:start + _CHUNK], keys, scorer=fuzz.token_sort_ratio,
                              score_cutoff=threshold, dtype=np.uint8)
        for row, col in zip(*np.nonzero(block), strict=True):
            a, b = start + int(row), int(col)
            if a < b:
                pairs.append({"a": names[ids[a]], "b": names[ids[b]], "a_id": ids[a],
                              "b_id": ids[b], "score": int(block[row, col])})
    return sorted(pairs, key=lambda p: (-p["score"], fold(p["a"]), fold(p["b"])))


def stated_vs_found(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Axes with ``iniciativas_declaradas``: the stated count against the actions found.

    Found = distinct actions UNDER the axis or under any axis PART_OF it (at any depth).
    """
    part_of = nx.DiGraph()
    under: dict[str, set[str]] = {}
    for source, target, data in graph.edges(data=True):
        if data.get("type") == RelType.PART_OF:
            part_of.add_edge(source, target)
        elif data.get("type") == RelType.UNDER:
            under.setdefault(target, set()).add(source)
    out = []
    for node, attrs in graph.nodes(data=True):
        declared = attrs.get("iniciativas_declaradas")
        if attrs.get("label") != "Axis" or declared is None:
            continue
        axes = {node} | (nx.ancestors(part_of, node) if node in part_of else set())
        found = set().union(*(under.get(axis, set()) for axis in axes))
        out.append({"id": node, "name": attrs.get("name", node), "codigo": attrs.get("codigo"),
                    "declared": int(declared), "found": len(found),
                    "difference": len(found) - int(declared)})
    return sorted(out, key=lambda r: (str(r["codigo"] or ""), fold(r["name"])))
