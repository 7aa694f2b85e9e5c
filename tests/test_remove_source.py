"""``tejido db remove DOCUMENT`` takes away what only that document says (issue 11, item 1).

After removing libro.xlsx from a store holding otro.xlsx and libro.xlsx, the store must
be exactly a clean load of otro.xlsx alone — on both stores — while EPMAPS and Quito,
which both workbooks state, stay. A document that is not loaded is exit 2, naming it and
the loaded ones, with the store untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers_changes import EPMAPS, libro, otro, printed_table
from helpers_workbook import run

from tejido.graph.embedded import EmbeddedStore


def _graph_sets(graph: Any) -> tuple[set[Any], set[Any]]:
    return set(graph.nodes), set(graph.edges(keys=True))


def test_removing_a_workbook_leaves_a_clean_load_of_the_other(
        tmp_path: Path, neo4j_store: Any) -> None:
    other = otro(tmp_path / "otro.xlsx")
    book = libro(tmp_path / "libro.xlsx", "EPMAPSS", extra_action=True, notas="nota")
    # The oracle: otro.xlsx alone, loaded into a fresh embedded store.
    alone = tmp_path / "solo.json"
    assert run("load", other, "--store", alone).exit_code == 0
    expected = _graph_sets(EmbeddedStore(alone).snapshot())
    expected_counts = EmbeddedStore(alone).counts()
    embedded = tmp_path / "g.json"
    for spec, snapshot, counts in (
            (str(embedded), lambda: EmbeddedStore(embedded).snapshot(),
             lambda: EmbeddedStore(embedded).counts()),
            (neo4j_store.uri, neo4j_store.snapshot, neo4j_store.counts)):
        assert run("load", other, "--store", spec).exit_code == 0
        assert run("load", book, "--store", spec).exit_code == 0
        before = counts()
        result = run("db", "remove", "libro.xlsx", "--yes", "--store", spec)
        assert result.exit_code == 0, result.output
        assert _graph_sets(snapshot()) == expected
        assert counts() == expected_counts
        names = {a.get("name") for _, a in snapshot().nodes(data=True)}
        assert EPMAPS in names  # otro.xlsx states it too
        # What it says it removed is what went: the store's counts before minus after.
        removed = sum(before.values()) - sum(expected_counts.values())
        assert result.stdout.splitlines()[0].startswith(
            f"Quitado «libro.xlsx» de {spec}")
        assert f": {removed} quitados;" in result.stdout
        table = printed_table(result.stdout)
        assert {k: row[0] for k, row in table.items()} == {
            k: before[k] - expected_counts[k] for k in before}
        assert {k: row[1] for k, row in table.items()} == expected_counts
    # libro.xlsx alone held 21 facts otro.xlsx did not (its first load added them).
    assert removed == 21


def test_a_document_that_is_not_loaded_is_exit_2_and_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "g.json"
    assert run("load", otro(tmp_path / "otro.xlsx"), "--store", store).exit_code == 0
    assert run("load", libro(tmp_path / "libro.xlsx", "EPMAPS", False, None),
               "--store", store).exit_code == 0
    before = store.read_bytes()
    result = run("db", "remove", "libros.xlsx", "--yes", "--store", store)
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"El documento «libros.xlsx» no está cargado en {store}. "
                                     "Documentos cargados: libro.xlsx, otro.xlsx.")
    assert store.read_bytes() == before


def test_a_path_names_the_workbook_and_no_answer_keeps_everything(tmp_path: Path) -> None:
    store = tmp_path / "g.json"
    book = libro(tmp_path / "libro.xlsx", "EPMAPS", False, None)
    assert run("load", book, "--store", store).exit_code == 0
    before = store.read_bytes()
    kept = run("db", "remove", book, "--store", store, input="n\n")
    assert kept.exit_code == 1
    assert store.read_bytes() == before
    dry = run("db", "remove", book, "--dry-run", "--store", store)
    assert dry.exit_code == 0 and store.read_bytes() == before
    assert "0 añadidos, 17 quitados, 0 cambiados" in dry.stdout
    gone = run("db", "remove", book, "--store", store, input="s\n")
    assert gone.exit_code == 0, gone.output
    assert EmbeddedStore(store).snapshot().number_of_nodes() == 0
    assert run("--lang", "en", "db", "remove", "libro.xlsx", "--yes", "--store", store
               ).stderr.strip().endswith("Loaded documents: none.")
