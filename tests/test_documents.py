"""Every source document is a Document node: its title and its autoridad (issues 10, 12).

A dataset's Document comes from its dataset.yaml (``document``, ``title``, ``autoridad``);
a workbook's is titled by its file name, ``sin_declarar``. A Document lists every row of its
document, so a re-load of the document renews it (new title, new autoridad) and a
replacement that no longer states it takes it away, as any node — on both stores alike.
Document nodes are provenance, not network: no analysis, map or GraphML/GEXF export changes
with them.
Expected titles are copied by hand from each data/*/dataset.yaml.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from helpers_workbook import SMALL, run, write_xlsx

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import Autoridad, Document, GraphBatch, Source
from tejido.graph.store import Store
from tejido.loaders.base import read_paths
from tejido.queries.catalog import builtin_specs
from tejido.queries.runner import canonical_rows, run_query

DATA = Path(__file__).resolve().parents[1] / "data"
#: document -> (title, autoridad), as each data/*/dataset.yaml declares them.
BUNDLED = {
    "000_4a985cea5809c66a": (
        "Modelo operativo Quito Rural (2023): matrices de los seis ejes reguladores",
        "informe_institucional"),
    "001_4e5989aca73e7530": (
        "PMDOT 2024–2033, Apéndice 12 – Inserción estratégica territorial (GADDMQ, mayo 2024)",
        "plan_adoptado"),
    "002_88ae770ca5db9c38": (
        "Informe de proyectos y de cooperación de la Dirección Metropolitana de Resiliencia "
        "(abril 2022)", "informe_institucional"),
    "003_f2194c5b0b537b70": (
        "Plan de trabajo 2019–2023, candidatos a concejales del DMQ (Luis Reina Chamorro)",
        "propuesta"),
    "004_d5efb94dd9411b21": (
        "Pactos por Pichincha (Gobierno Provincial de Pichincha), anexo A.3", "programa"),
}
PACTOS = "004_d5efb94dd9411b21"


@pytest.fixture(params=["embedded", "neo4j"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Callable[[], Store]]:
    """(what ``--store`` takes, how to open the store as it is now), empty, on each store.

    An embedded store is opened afresh after each command: the CLI wrote its file."""
    if request.param == "embedded":
        path = tmp_path / "g.json"
        return str(path), lambda: EmbeddedStore(path)
    neo4j_store = request.getfixturevalue("neo4j_store")
    return request.getfixturevalue("neo4j_uri"), lambda: neo4j_store


def _documents(store: Store) -> dict[str, tuple[str, str]]:
    return {r["id"]: (r["title"], r["autoridad"])
            for r in store.nodes("Document", ["title", "autoridad"])}


def _copy_data(tmp_path: Path) -> Path:
    """The bundled datasets and registry, to edit."""
    return Path(shutil.copytree(DATA, tmp_path / "data",
                                ignore=shutil.ignore_patterns("__pycache__", "*.py")))


def _set_key(dataset: Path, key: str, value: str) -> None:
    """Rewrite one top-level key of dataset.yaml (``title:``, ``autoridad:``)."""
    spec = dataset / "dataset.yaml"
    lines = spec.read_text("utf-8").splitlines()
    (number,) = [i for i, line in enumerate(lines) if line.startswith(f"{key}:")]
    lines[number] = f"{key}: {value}"
    spec.write_text("\n".join(lines) + "\n", "utf-8")


def _rows_by_document(store: Store) -> dict[str, list[str]]:
    """Source ids per document, sorted."""
    out: dict[str, list[str]] = {}
    for row in store.nodes("Source", ["document"]):
        out.setdefault(row["document"], []).append(row["id"])
    return {document: sorted(ids) for document, ids in out.items()}


def _actions_of(store: Store, document: str) -> int:
    """How many actions cite a row of ``document``."""
    rows = {r["id"]: r["document"] for r in store.nodes("Source", ["document"])}
    return sum(1 for r in store.nodes("Action", ["sources"])
               if any(rows.get(s) == document for s in r["sources"]))


# -- loading ------------------------------------------------------------------------------------


def test_the_bundled_data_makes_five_documents_with_their_titles(store) -> None:
    spec, opened = store
    assert run("load", DATA, "--store", spec).exit_code == 0
    assert _documents(opened()) == BUNDLED
    # A Document lists every row of its document, and only those.
    rows = _rows_by_document(opened())
    assert {r["id"]: sorted(r["sources"]) for r in opened().nodes("Document", ["sources"])} == {
        d: rows[d] for d in BUNDLED}
    # Every Source row's document has its Document (the registry is no document).
    assert set(rows) - set(BUNDLED) == {"registro de actores"}


def test_a_workbook_is_one_document_titled_by_its_file_name(store, tmp_path: Path) -> None:
    spec, opened = store
    book = write_xlsx(tmp_path / "Cartera 2025.xlsx", SMALL)
    assert run("load", book, "--store", spec).exit_code == 0
    # SMALL's «fuente» cites "PMDOT 2021": a cited document, not one loaded, so no Document.
    assert _documents(opened()) == {"Cartera 2025.xlsx": ("Cartera 2025.xlsx", "sin_declarar")}
    # A folder of CSV sheets is one document too, named by the folder.
    folder = tmp_path / "cartera_csv"
    folder.mkdir()
    (folder / "actores.csv").write_text("nombre\nSecretaría de Cultura\n", encoding="utf-8")
    assert run("load", folder, "--store", spec).exit_code == 0
    assert _documents(opened())["cartera_csv"] == ("cartera_csv", "sin_declarar")
    # A workbook without a single row says nothing, so it is no document either.
    empty = write_xlsx(tmp_path / "vacio.xlsx", {"actores": [["nombre"]]})
    assert run("load", empty, "--store", spec).exit_code == 0
    assert set(_documents(opened())) == {"Cartera 2025.xlsx", "cartera_csv"}


# -- re-loading ---------------------------------------------------------------------------------


def test_a_reload_renews_title_and_autoridad_and_keeps_the_others(store, tmp_path: Path) -> None:
    spec, opened = store
    data = _copy_data(tmp_path)
    assert run("load", data, "--store", spec).exit_code == 0
    actions = _actions_of(opened(), PACTOS)
    assert actions > 0
    _set_key(data / "004_pactos_pichincha", "title", '"Pactos por Pichincha, versión 2"')
    _set_key(data / "004_pactos_pichincha", "autoridad", "plan_adoptado")
    assert run("load", data / "004_pactos_pichincha", "--store", spec).exit_code == 0
    expected = {**BUNDLED, PACTOS: ("Pactos por Pichincha, versión 2", "plan_adoptado")}
    assert _documents(opened()) == expected
    (pactos,) = opened().nodes("Document", ["sources"], [PACTOS])
    assert sorted(pactos["sources"]) == _rows_by_document(opened())[PACTOS]
    assert _actions_of(opened(), PACTOS) == actions  # the document's facts are all there


def test_a_dataset_left_out_of_a_reload_keeps_its_document_as_it_keeps_its_facts(
    store, tmp_path: Path,
) -> None:
    """A load replaces only the documents it reads: a dataset folder removed before
    re-loading the tree keeps its Document exactly as long as its actions; a wipe takes
    both."""
    spec, opened = store
    data = _copy_data(tmp_path)
    assert run("load", data, "--store", spec).exit_code == 0
    shutil.rmtree(data / "004_pactos_pichincha")
    (data / "actors.d" / "004.yaml").unlink()
    actions = _actions_of(opened(), PACTOS)
    assert run("load", data, "--store", spec).exit_code == 0
    assert _documents(opened()) == BUNDLED
    assert _actions_of(opened(), PACTOS) == actions
    assert run("db", "wipe", "--yes", "--store", spec).exit_code == 0
    assert _documents(opened()) == {}


def test_a_replacement_that_no_longer_states_a_document_takes_it_away(store) -> None:
    """The store's side of it, written by hand: a batch replacing document "a.xlsx" that
    states its Document again renews it; one that does not, deletes it (as it deletes every
    fact only "a.xlsx" stated); document "b.xlsx" is untouched throughout."""
    _, opened = store
    the_store = opened()

    def batch(*documents: Document, replaces: set[str]) -> GraphBatch:
        out = GraphBatch(replaces=replaces)
        for document in documents:
            out.add_node(document)
            row = Source.of(document.id, "acciones", 2)
            out.add_node(row.model_copy(update={"sources": [row.id]}))
        return out

    def doc(name: str, title: str, autoridad: Autoridad = Autoridad.sin_declarar) -> Document:
        return Document(id=name, title=title, autoridad=autoridad,
                        sources=[Source.key(name, "acciones", 2)])

    the_store.write(batch(doc("a.xlsx", "A"), doc("b.xlsx", "B"), replaces={"a.xlsx", "b.xlsx"}))
    assert _documents(opened()) == {"a.xlsx": ("A", "sin_declarar"),
                                     "b.xlsx": ("B", "sin_declarar")}
    the_store.write(batch(doc("a.xlsx", "A2", Autoridad.programa), replaces={"a.xlsx"}))
    assert _documents(opened()) == {"a.xlsx": ("A2", "programa"),
                                     "b.xlsx": ("B", "sin_declarar")}
    gone = GraphBatch(replaces={"a.xlsx"})
    gone.add_node(Source.of("c.xlsx", "acciones", 2))  # a batch that says nothing of a.xlsx
    the_store.write(gone)
    assert _documents(opened()) == {"b.xlsx": ("B", "sin_declarar")}
    assert the_store.counts()["Document"] == 1


# -- counting, refusing -------------------------------------------------------------------------


def test_db_stats_counts_documents(store) -> None:
    spec, _ = store
    assert run("load", DATA, "--store", spec).exit_code == 0
    stats = run("db", "stats", "--store", spec)
    assert stats.exit_code == 0
    (line,) = [x for x in stats.stdout.splitlines() if "[Document]" in x]
    assert line.split() == ["Documentos", "de", "origen", "[Document]", "5"]
    english = run("--lang", "en", "db", "stats", "--store", spec)
    assert "Source documents [Document]" in english.stdout


def test_a_bad_autoridad_is_refused_naming_file_line_and_key(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    dataset = data / "004_pactos_pichincha"
    _set_key(dataset, "autoridad", "ordenanza")
    line = 1 + [x.split(":")[0] for x in
                (dataset / "dataset.yaml").read_text("utf-8").splitlines()].index("autoridad")
    store = tmp_path / "g.json"
    result = run("load", dataset, "--store", store)
    assert result.exit_code == 2
    assert f"{dataset / 'dataset.yaml'}:dataset.yaml:{line}:autoridad:" in result.stderr
    assert "plan_adoptado" in result.stderr  # says what is allowed
    assert not store.exists()


def test_autoridad_may_be_left_out_and_is_then_not_declared(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    spec = data / "004_pactos_pichincha" / "dataset.yaml"
    spec.write_text("".join(line for line in spec.read_text("utf-8").splitlines(keepends=True)
                            if not line.startswith("autoridad:")), "utf-8")
    batch = read_paths([data / "004_pactos_pichincha"]).batch
    document = batch.nodes[PACTOS]
    assert isinstance(document, Document)
    assert (document.title, document.autoridad) == (BUNDLED[PACTOS][0], "sin_declarar")


# -- not network --------------------------------------------------------------------------------


def _without_documents(batch: GraphBatch) -> GraphBatch:
    out = GraphBatch(replaces=set(batch.replaces))
    for node in batch.nodes.values():
        if node.label != "Document":
            out.add_node(node)
    for rel in batch.rels.values():
        out.add_rel(rel)
    return out


def _all_rows(store: Store) -> dict[str, list[str]]:
    """Rows of every saved query but those that read Document nodes on purpose (the
    documents' authority, for the priority)."""
    return {spec.name: canonical_rows(run_query(spec, store, {}), spec.columns)
            for spec in builtin_specs() if ":Document" not in spec.cypher}


def test_every_saved_query_gives_the_same_rows_with_or_without_documents(
    tmp_path: Path, neo4j_store: Any,
) -> None:
    """On each store, every built-in query and gap query (its Cypher on Neo4j, its twin on
    the embedded store) over the bundled data, with and without the Document nodes."""
    batch = read_paths([DATA]).batch
    assert sum(1 for n in batch.nodes.values() if n.label == "Document") == 5
    assert len(_all_rows(EmbeddedStore(tmp_path / "empty.json"))) >= 20  # most of the catalog
    with_docs, without = EmbeddedStore(tmp_path / "a.json"), EmbeddedStore(tmp_path / "b.json")
    with_docs.write(batch)
    without.write(_without_documents(batch))
    assert _all_rows(with_docs) == _all_rows(without)
    neo4j_store.write(batch)
    rows = _all_rows(neo4j_store)
    neo4j_store.wipe()
    neo4j_store.write(_without_documents(batch))
    assert _all_rows(neo4j_store) == rows


def test_exports_list_documents_apart_from_the_network(tmp_path: Path) -> None:
    store = tmp_path / "g.json"
    assert run("load", DATA, "--store", store).exit_code == 0
    out = tmp_path / "export.json"
    assert run("export", "--store", store, "--out", out).exit_code == 0
    data = json.loads(out.read_text("utf-8"))
    assert {d["id"]: (d["title"], d["autoridad"]) for d in data["documents"]} == BUNDLED
    assert not {n["id"] for n in data["nodes"]} & set(BUNDLED)
    gexf = tmp_path / "g.gexf"
    assert run("export", "--store", store, "--format", "gexf", "--out", gexf).exit_code == 0
    assert not set(nx.read_gexf(gexf).nodes) & set(BUNDLED)
