"""``tejido quality``: what the loaded data does not say clearly, read from the store.

Sections: actors created because no registry entry matched (with the rows that name
them), acronyms nobody expanded, near-duplicate actor names, actions without an ente
rector, rows the loader could read only in part (``problemas`` on Source nodes), and
what each document says about itself (``iniciativas_declaradas``) against what was found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import click
import networkx as nx
import numpy as np
from rapidfuzz import fuzz, process

from tejido.cli.options import lang_option, store_option
from tejido.graph.errors import StoreError
from tejido.graph.i18n import register, t
from tejido.graph.model import fold
from tejido.graph.store import open_store

from . import problems as row_problems

register(
    {
        "quality.title": {"es": "Calidad de los datos", "en": "Data quality"},
        "quality.store": {"es": "Almacén: {store}", "en": "Store: {store}"},
        "quality.counts": {"es": "Recuento", "en": "Counts"},
        "quality.unresolved": {
            "es": "Actores no registrados (creados con tipo otro)",
            "en": "Actors not in the registry (created with tipo otro)",
        },
        "quality.acronyms": {
            "es": "Siglas sin expandir",
            "en": "Acronyms not expanded",
        },
        "quality.duplicates": {
            "es": "Nombres de actores casi iguales (similitud ≥ {threshold})",
            "en": "Near-duplicate actor names (similarity ≥ {threshold})",
        },
        "quality.no_lead": {
            "es": "Acciones sin ente rector",
            "en": "Actions without a lead (ente rector)",
        },
        "quality.problems": {
            "es": "Filas leídas solo en parte",
            "en": "Rows read only in part",
        },
        "quality.declared": {
            "es": "Iniciativas declaradas frente a encontradas",
            "en": "Initiatives stated versus found",
        },
        "quality.none": {"es": "Ninguno.", "en": "None."},
        "quality.col.name": {"es": "Nombre", "en": "Name"},
        "quality.col.rows": {"es": "Filas", "en": "Rows"},
        "quality.col.registered": {"es": "Registrado", "en": "Registered"},
        "quality.col.a": {"es": "Actor A", "en": "Actor A"},
        "quality.col.b": {"es": "Actor B", "en": "Actor B"},
        "quality.col.score": {"es": "Similitud", "en": "Similarity"},
        "quality.col.action": {"es": "Acción", "en": "Action"},
        "quality.col.row": {"es": "Fila", "en": "Row"},
        "quality.col.problem": {"es": "Problema", "en": "Problem"},
        "quality.col.axis": {"es": "Eje / objetivo", "en": "Axis / objective"},
        "quality.col.declared": {"es": "Declaradas", "en": "Stated"},
        "quality.col.found": {"es": "Encontradas", "en": "Found"},
        "quality.col.difference": {"es": "Diferencia", "en": "Difference"},
        "quality.col.what": {"es": "Qué", "en": "What"},
        "quality.col.count": {"es": "Cantidad", "en": "Count"},
        "quality.yes": {"es": "sí", "en": "yes"},
        "quality.no": {"es": "no", "en": "no"},
        "quality.no_store": {
            "es": "El almacén {store} no existe: cargue datos primero con «tejido load».",
            "en": "The store {store} does not exist: load data first with “tejido load”.",
        },
    }
)

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
            if not any(d.get("type") == "LEADS" for _, _, d in graph.in_edges(n, data=True))
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
        if data.get("type") == "PART_OF":
            part_of.add_edge(source, target)
        elif data.get("type") == "UNDER":
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


def _where(row: dict[str, Any]) -> str:
    return f"{row['document']} · {row['table']} · {row['row']}"


def _where_all(rows: list[dict[str, Any]]) -> str:
    """Rows grouped by table: 'doc · table · 2, 3, 7; doc · other · 4'."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        grouped.setdefault((row["document"], row["table"]), []).append(str(row["row"]))
    return "; ".join(f"{d} · {tb} · {', '.join(n)}" for (d, tb), n in grouped.items())


def _table(headers: list[str], rows: list[list[Any]]) -> Iterator[str]:
    if not rows:
        yield t("quality.none")
        return
    yield "| " + " | ".join(headers) + " |"
    yield "|" + "---|" * len(headers)
    for row in rows:
        yield "| " + " | ".join(_md_cell(c) for c in row) + " |"


def _md_cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def render_markdown(report: dict[str, Any], store: str, threshold: int) -> str:
    def rows_of(item: dict[str, Any]) -> str:
        return _where_all(item["rows"])

    lines = [f"# {t('quality.title')}", "", t("quality.store", store=store), ""]
    sections: list[tuple[str, list[str], list[list[Any]]]] = [
        (t("quality.counts"), [t("quality.col.what"), t("quality.col.count")],
         [[k, v] for k, v in report["counts"].items()]),
        (t("quality.unresolved"), [t("quality.col.name"), t("quality.col.rows")],
         [[a["name"], rows_of(a)] for a in report["unresolved_actors"]]),
        (t("quality.acronyms"), [t("quality.col.name"), t("quality.col.registered"),
                                 t("quality.col.rows")],
         [[a["name"], t("quality.yes") if a["registered"] else t("quality.no"), rows_of(a)]
          for a in report["unexpanded_acronyms"]]),
        (t("quality.duplicates", threshold=threshold),
         [t("quality.col.a"), t("quality.col.b"), t("quality.col.score")],
         [[p["a"], p["b"], p["score"]] for p in report["near_duplicates"]]),
        (t("quality.no_lead"), [t("quality.col.action"), t("quality.col.rows")],
         [[a["titulo"], rows_of(a)] for a in report["actions_without_lead"]]),
        (t("quality.problems"), [t("quality.col.row"), t("quality.col.problem")],
         [[_where(p), row_problems.render(x)]
          for p in report["row_problems"] for x in p["problems"]]),
        (t("quality.declared"), [t("quality.col.axis"), t("quality.col.declared"),
                                 t("quality.col.found"), t("quality.col.difference")],
         [[r["name"], r["declared"], r["found"], f"{r['difference']:+d}"]
          for r in report["stated_vs_found"]]),
    ]
    for title, headers, rows in sections:
        lines += [f"## {title}", "", *_table(headers, rows), ""]
    return "\n".join(lines)


@click.command("quality")
@store_option
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md",
              show_default=True, help="Formato del informe / report format.")
@click.option("--umbral", "--threshold", "threshold", type=click.IntRange(50, 100), default=85,
              show_default=True, help="Similitud mínima para nombres casi iguales (0–100).")
@lang_option
def quality(store_spec: str | None, fmt: str, threshold: int) -> None:
    """Informe de calidad de los datos cargados / data-quality report."""
    with open_store(store_spec) as store:
        path = getattr(store, "path", None)
        if store.kind == "embedded" and path is not None and not path.exists():
            raise StoreError(t("quality.no_store", store=store.describe()))
        report = build_report(store.snapshot(), threshold)
        where = store.describe()
    if fmt == "json":
        click.echo(json.dumps({"store": where, "threshold": threshold, **report},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(render_markdown(report, where, threshold))
