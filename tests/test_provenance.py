"""Provenance that cites the printed cell (issue 9, item 5).

A merged cell copied from a PDF is printed once and filled down: the relationship it
states applies to the receiving row (``Rel.sources``) and is printed in the row above
(``Rel.printed``). A relationship no cell states (a dataset.yaml default, a table the
dataset constructed) names the rule that made it (``Rel.derived``). The export, the gap
report and the map profiles show both.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import networkx as nx
import pytest
from helpers_datasets import LUIS
from helpers_workbook import run

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import Action, Actor, GraphBatch, Rel, RelType, Source
from tejido.graph.neo4j_store import Neo4jStore
from tejido.loaders.base import read_paths
from tejido.loaders.builder import GraphBuilder
from tejido.loaders.matrix import read_datasets
from tejido.loaders.registry import load_registry
from tejido.loaders.tables import read_cells
from tejido.queries.gaps import find_gaps
from tejido.reports.gap_tables import provenance_text
from tejido.viz.maps import write_map

DATA = Path(__file__).resolve().parents[1] / "data"
QUITO_RURAL = "000_4a985cea5809c66a"
PMDOT = "001_4e5989aca73e7530"
PLAN_CONCEJAL = "003_f2194c5b0b537b70"
TIERRA = "Resultado 1 – Tierra productiva"
PROFESIONALIZAR = "Profesionalizar a las organizaciones productivas rurales"


@cache
def bundled() -> GraphBatch:
    """Every bundled dataset, with the registry (read once: the tests only read it)."""
    return read_paths([DATA]).batch


def _row(batch: GraphBatch, source_id: str) -> tuple[str, str, int]:
    source = batch.nodes[source_id]
    assert isinstance(source, Source)
    return source.document, source.table, source.row


def _document(batch: GraphBatch, rel: Rel) -> str:
    return _row(batch, rel.sources[0])[0] if rel.sources else ""


# --- the acceptance edge ------------------------------------------------------------------


def test_the_sdpc_lead_cites_row_2_where_sdpc_is_printed() -> None:
    batch = bundled()
    sdpc = load_registry(DATA).resolve("SDPC")
    assert sdpc is not None
    action = next(n for n in batch.nodes.values() if n.label == "Action"
                  and getattr(n, "titulo", None) == PROFESIONALIZAR)
    lead = batch.rels[(sdpc.id, action.id, RelType.LEADS.value)]
    # Row 3 holds the action and a blank rector cell; «SDPC» is printed in row 2.
    assert [_row(batch, s) for s in lead.sources] == [(QUITO_RURAL, TIERRA, 3)]
    assert [_row(batch, s) for s in lead.printed or []] == [(QUITO_RURAL, TIERRA, 2)]
    assert lead.derived is None


def test_the_export_carries_the_printed_row(tmp_path: Path) -> None:
    store = tmp_path / "x.json"
    assert run("load", DATA, "--store", store).exit_code == 0
    result = run("export", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    sdpc = load_registry(DATA).resolve("SDPC")
    assert sdpc is not None
    edge = next(e for e in data["edges"] if e["type"] == "LEADS" and e["source"] == sdpc.id
                and data_name(data, e["target"]) == PROFESIONALIZAR)
    assert [(p["table"], p["row"]) for p in edge["provenance"]] == [(TIERRA, 3)]
    assert [(p["table"], p["row"]) for p in edge["printed_provenance"]] == [(TIERRA, 2)]
    assert len(edge["printed"]) == 1 and edge["printed"][0] == edge["printed_provenance"][0]["id"]


def data_name(data: dict, node_id: str) -> str | None:
    return next((n["name"] for n in data["nodes"] if n["id"] == node_id), None)


# --- every filled-down relationship, measured ---------------------------------------------


def _counts(batch: GraphBatch, document: str, kind: RelType) -> tuple[int, int]:
    """(relationships of ``kind`` from ``document`` carrying printed rows, all of them)."""
    rels = [r for r in batch.rels.values() if r.type == kind and _document(batch, r) == document]
    return sum(1 for r in rels if r.printed), len(rels)


def test_filled_down_relationships_of_000_and_001_carry_their_printed_rows() -> None:
    batch = bundled()
    # Measured when the loader learnt to keep them (issue 9): before, none did.
    assert _counts(batch, QUITO_RURAL, RelType.LEADS) == (35, 85)
    assert _counts(batch, QUITO_RURAL, RelType.ARTICULATES) == (72, 207)
    assert _counts(batch, QUITO_RURAL, RelType.UNDER) == (62, 69)
    # 001: the objectives are merged cells (also across page breaks).
    assert _counts(batch, PMDOT, RelType.UNDER) == (213, 226)
    by_tipo: dict[str, list[int]] = {}
    for rel in batch.rels.values():
        if rel.type == RelType.UNDER and _document(batch, rel) == PMDOT:
            tipo = str(getattr(batch.nodes[rel.target], "tipo", ""))
            counts = by_tipo.setdefault(tipo, [0, 0])
            counts[0] += bool(rel.printed)
            counts[1] += 1
    assert by_tipo == {"objetivo_desarrollo": [110, 113], "objetivo_gestion": [103, 113]}


#: (document folder, relationship, how to find its column) -> the source header it is read from.
COLUMNS = {
    ("000_quito_rural", RelType.LEADS, None): "Ente rector",
    ("000_quito_rural", RelType.ARTICULATES, None): "Articuladores",
    ("000_quito_rural", RelType.UNDER, "eje"): "Eje regulador",
    ("001_pmdot", RelType.UNDER, "objetivo_desarrollo"): "Objetivos del Desarrollo",
    ("001_pmdot", RelType.UNDER, "objetivo_gestion"): "Objetivos de Gestión",
}
FILES = {
    QUITO_RURAL: ("000_quito_rural", {f"Resultado {n} –": f"eje{n}.tsv" for n in range(1, 7)}),
    PMDOT: ("001_pmdot", {"Anexo 1.": "anexo1_matriz.tsv"}),
}


@cache
def _cells(folder: str, file: str) -> tuple[list[str], dict[int, list[str]]]:
    rows = dict(read_cells(DATA / folder / "tables" / file, None, file))
    return rows[1], rows


@pytest.mark.parametrize("document", [QUITO_RURAL, PMDOT])
def test_printed_rows_are_the_rows_that_print_the_cell(document: str) -> None:
    """Read against the table files: a relationship whose rows all print its cell carries
    no printed rows; one whose cell is blank in some row lists the rows that print it (at
    or above its rows, each with the cell printed), its own printing rows included."""
    batch = bundled()
    folder, files = FILES[document]
    checked = 0
    for rel in batch.rels.values():
        if not rel.sources or _document(batch, rel) != document:
            continue
        tipo = getattr(batch.nodes[rel.target], "tipo", None) if rel.type == RelType.UNDER else None
        header = COLUMNS.get((folder, RelType(rel.type), tipo))
        if header is None:
            continue
        table = _row(batch, rel.sources[0])[1]
        file = next(f for prefix, f in files.items() if table.startswith(prefix))
        head, cells = _cells(folder, file)
        column = head.index(header)
        numbers = [_row(batch, s)[2] for s in rel.sources]
        printing = {n for n in numbers if cells[n][column].strip()}
        if printing == set(numbers):
            assert rel.printed is None, (table, numbers)
        else:
            printed = [_row(batch, s) for s in rel.printed or []]
            assert printed, (table, numbers)
            assert all(t == table and cells[n][column].strip() for _, t, n in printed)
            assert printing <= {n for _, _, n in printed}
            assert max(n for _, _, n in printed) <= max(numbers)
        checked += 1
    assert checked > 200


# --- derived facts ------------------------------------------------------------------------


def test_the_default_rector_of_003_is_derived_with_its_rule() -> None:
    batch = bundled()
    leads = [r for r in batch.rels.values()
             if r.type == RelType.LEADS and _document(batch, r) == PLAN_CONCEJAL]
    assert len(leads) == 29
    assert {r.source for r in leads} == {Actor.key(LUIS)}
    assert {r.derived for r in leads} == {"rector_por_defecto"}
    assert all(r.printed is None for r in leads)


def test_facts_a_cell_states_are_not_derived() -> None:
    batch = bundled()
    stated = [r for r in batch.rels.values()
              if r.type == RelType.LEADS and _document(batch, r) == QUITO_RURAL]
    assert stated and all(r.derived is None for r in stated)


def test_relationships_joining_constructed_placeholders_are_derived(tmp_path: Path) -> None:
    folder = _dataset(tmp_path, MESAS_SPEC, {
        "mesas.tsv": "Mesa\nMesa 1\nMesa 2\n",
        "acciones.tsv": "Título\tMecanismos\nDiálogo\tMesa 1; Mesa 2; Convenio marco\n",
    })
    batch = read_datasets(folder).batch
    uses = {batch.nodes[r.target].display: r.derived for r in batch.rels.values()
            if r.type == RelType.USES}
    assert uses == {"Mesa 1": "mesas_numeradas", "Mesa 2": "mesas_numeradas",
                    "Convenio marco": None}


MESAS_SPEC = """\
document: "doc"
title: "Mesas"
tables:
  - {file: tables/mesas.tsv, name: mesas, kind: mechanisms, derived: mesas_numeradas,
     columns: {Mesa: nombre}}
  - {file: tables/acciones.tsv, name: acciones, kind: actions,
     columns: {Título: titulo, Mecanismos: mecanismos}}
"""


# --- the builder's rules ------------------------------------------------------------------


def _builder_rel(sightings: list[tuple[list[str], list[str] | None, str | None]]) -> Rel:
    """One LEADS relationship seen once per (sources, printed, derived)."""
    graph = GraphBuilder(cite_declared=True)
    actor = Actor(id=Actor.key("A"), name="A")
    action = Action(id="action:x", titulo="x")
    rel = None
    for sources, printed, derived in sightings:
        rel = graph.rel(RelType.LEADS, actor, action, sources, printed=printed, derived=derived)
    assert rel is not None
    return rel


def test_printed_stays_empty_while_the_fact_is_printed_where_it_applies() -> None:
    assert _builder_rel([(["r2"], None, None), (["r5"], ["r5"], None)]).printed is None


def test_printed_lists_every_printing_row_once_a_sighting_is_filled_down() -> None:
    rel = _builder_rel([(["r2"], None, None), (["r3"], ["r2"], None), (["r7"], None, None)])
    assert rel.sources == ["r2", "r3", "r7"]
    assert rel.printed == ["r2", "r7"]
    # A row printed above the first sighting: the earlier own rows are printing rows too.
    rel = _builder_rel([(["r4"], None, None), (["r6"], ["r1"], None)])
    assert rel.printed == ["r4", "r1"]


def test_a_fact_some_row_states_is_not_derived() -> None:
    assert _builder_rel([(["r2"], None, "regla")]).derived == "regla"
    assert _builder_rel([(["r2"], None, "regla"), (["r3"], None, None)]).derived is None
    assert _builder_rel([(["r2"], None, None), (["r3"], None, "regla")]).derived is None


# --- the gap report and the map show the printed row ---------------------------------------

HEADING_SPEC = """\
document: "doc"
title: "Ámbitos"
tables:
  - file: tables/matriz.tsv
    name: matriz
    kind: actions
    fill_down: {Eje: [], Ámbito: [], Rector: [Ámbito]}
    columns: {Eje: eje, Ámbito: ambito, Acción: titulo, Rector: rector}
"""
#: Row 2 opens an ámbito: it prints the eje and the rector and holds no action; rows 3–5
#: are its actions, their eje and rector cells merged with row 2's (blank here).
HEADING_TABLE = (
    "Eje\tÁmbito\tAcción\tRector\n"
    "Producción\tRiego\t\tSecretaría A\n"
    "\t\tCanales\t\n"
    "\t\tReservorios\t\n"
    "\t\tMedidores\t\n"
)


def _dataset(root: Path, spec: str, tables: dict[str, str]) -> Path:
    folder = root / "doc"
    (folder / "tables").mkdir(parents=True)
    (folder / "dataset.yaml").write_text(spec, encoding="utf-8")
    for name, text in tables.items():
        (folder / "tables" / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def heading_store(tmp_path: Path) -> EmbeddedStore:
    folder = _dataset(tmp_path, HEADING_SPEC, {"matriz.tsv": HEADING_TABLE})
    store = EmbeddedStore(tmp_path / "g.json")
    store.write(read_datasets(folder).batch)
    return store


def test_a_finding_cites_the_row_that_prints_its_merged_cell(heading_store: EmbeddedStore
                                                             ) -> None:
    report = find_gaps(heading_store, kinds=["punto_critico"])
    finding = next(f for f in report.findings if f.evidence.get("motivo") == "rector_dominante")
    assert [(p.row, p.impreso) for p in finding.provenance] == [
        (2, True), (3, False), (4, False), (5, False)]
    assert provenance_text(finding.provenance[0]) == (
        "doc · matriz · fila 2 (impresa aquí la celda combinada)")
    assert provenance_text(finding.provenance[1]) == "doc · matriz · fila 3"


def test_the_gap_report_shows_the_printed_row(heading_store: EmbeddedStore) -> None:
    result = run("gaps", "--store", heading_store.path, "--kind", "punto_critico")
    assert result.exit_code == 0, result.output
    # The document by its title (dataset.yaml «Ámbitos»), the table and the row.
    assert ("Ámbitos · matriz · fila 2 (impresa aquí la celda combinada); Ámbitos · matriz · "
            "fila 3") in result.stdout
    data = json.loads(run("gaps", "--store", heading_store.path, "--kind", "punto_critico",
                          "--format", "json").stdout)
    rows = [(p["row"], p["impreso"]) for f in data["findings"] for p in f["provenance"]]
    assert (2, True) in rows and (3, False) in rows


def test_the_map_profile_shows_the_printed_row(heading_store: EmbeddedStore,
                                               tmp_path: Path) -> None:
    stats = write_map(heading_store.snapshot(), tmp_path / "m.html", view="completo",
                      gaps=False, date="2026-01-31")
    text = stats.path.read_text(encoding="utf-8")
    match = re.search(r'id="tejido-data">(.*?)</script>', text, re.S)
    assert match
    data = json.loads(match.group(1))
    profile = next(p for p in data["profiles"] if p["title"] == "Canales")
    provenance = dict((title, lines) for title, lines in profile["sections"])["Procedencia"]
    assert provenance == ["doc · matriz · fila 3",
                          "doc · matriz · fila 2 (impreso aquí: bajo, lidera)"]


# --- both stores --------------------------------------------------------------------------


def test_neo4j_gives_the_same_export_with_printed_and_derived(
    tmp_path: Path, neo4j_store: Neo4jStore,
) -> None:
    embedded = tmp_path / "g.json"
    assert run("load", DATA, "--store", embedded).exit_code == 0
    assert run("load", DATA, "--store", neo4j_store.uri).exit_code == 0
    exports = {}
    for name, store in (("embedded", embedded), ("neo4j", neo4j_store.uri)):
        result = run("export", "--store", store, "--format", "json")
        assert result.exit_code == 0, result.output
        exports[name] = json.loads(result.stdout)
    assert exports["neo4j"] == exports["embedded"]
    edges = exports["neo4j"]["edges"]
    assert sum(1 for e in edges if e.get("printed")) >= 35 + 72 + 213
    assert any(e.get("derived") == "rector_por_defecto" for e in edges)
    out = tmp_path / "n.graphml"
    assert run("export", "--store", neo4j_store.uri, "--format", "graphml", "--out", out
               ).exit_code == 0
    graph = nx.read_graphml(out, force_multigraph=True)
    assert any("printed_provenance" in attrs for _, _, attrs in graph.edges(data=True))
