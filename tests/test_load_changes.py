"""A load says what it changed; ``--dry-run`` says it without writing (issue 11, item 1).

The figures are checked three ways: against what was worked out by hand for a corrected
workbook (the typo EPMAPSS gone, a note dropped, an action removed), against a diff of two
whole-store snapshots taken around the load (the load itself only reads the facts of the
replaced documents), and between the two stores, which must print the same table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers_changes import libro, otro, printed_table, snapshot_diff
from helpers_workbook import run

from tejido.graph.embedded import EmbeddedStore

#: v1 -> v2 of libro.xlsx, by hand: EPMAPSS (auto actor), «Riego por goteo», its acciones
#: row and its LEADS/TARGETS/UNDER ties and the EPMAPSS articulation go (7); the EPMAPS
#: articulation comes (1); CONQUITO loses its note (1 changed). EPMAPS and Quito, which
#: otro.xlsx also states, stay unchanged.
BY_HAND = {"Actor": (0, 1, 1), "Action": (0, 1, 0), "Source": (0, 1, 0), "LEADS": (0, 1, 0),
           "ARTICULATES": (1, 1, 0), "TARGETS": (0, 1, 0), "UNDER": (0, 1, 0)}
SUMMARY = "Cambios respecto de lo que el almacén tenía de «libro.xlsx»: 1 añadido, " \
          "7 quitados, 1 cambiado."


def _changes(table: dict[str, tuple[int, ...]]) -> dict[str, tuple[int, ...]]:
    """(added, removed, changed) of every type with any, from a load's printed table."""
    return {kind: row[1:4] for kind, row in table.items() if any(row[1:4])}


def _scenario(tmp_path: Path, spec: str, snapshot: Any) -> tuple[Any, Any, Path]:
    """otro.xlsx and libro v1 loaded; libro.xlsx rewritten as v2 (not loaded yet)."""
    assert run("load", otro(tmp_path / "otro.xlsx"), "--store", spec).exit_code == 0
    book = libro(tmp_path / "libro.xlsx", "EPMAPSS", extra_action=True, notas="nota vieja")
    first = run("load", book, "--store", spec)
    assert first.exit_code == 0, first.output
    libro(book, "EPMAPS", extra_action=False, notas=None)
    return first, snapshot(), book


def test_the_same_changes_on_both_stores_as_by_hand_and_as_a_full_diff(
        tmp_path: Path, neo4j_store: Any) -> None:
    embedded = tmp_path / "g.json"
    tables = {}
    for spec, snapshot, folder in (
            (str(embedded), lambda: EmbeddedStore(embedded).snapshot().copy(), "e"),
            (neo4j_store.uri, neo4j_store.snapshot, "n")):
        (tmp_path / folder).mkdir()
        first, before, book = _scenario(tmp_path / folder, spec, snapshot)
        # The first load of libro.xlsx adds all it states except what otro.xlsx stated.
        assert "21 añadidos, 0 quitados, 0 cambiados" in first.stdout
        assert "Territory" not in _changes(printed_table(first.stdout))  # Quito was there
        result = run("load", book, "--store", spec)
        assert result.exit_code == 0, result.output
        table = printed_table(result.stdout)
        assert _changes(table) == BY_HAND
        oracle = snapshot_diff(before, snapshot())
        assert {k: tuple(v) for k, v in oracle.items()} == BY_HAND
        assert result.stdout.rstrip().splitlines()[-1] == SUMMARY
        # The total column is the store's count after the load.
        after = neo4j_store.counts() if spec == neo4j_store.uri else \
            EmbeddedStore(embedded).counts()
        assert {k: row[-1] for k, row in table.items()} == after
        tables[spec] = table
        # Loading the same version again changes nothing, and says so.
        again = run("load", book, "--store", spec)
        assert not _changes(printed_table(again.stdout))
        assert again.stdout.rstrip().splitlines()[-1] == (
            "Sin cambios respecto de lo que el almacén tenía de «libro.xlsx».")
    assert tables[str(embedded)] == tables[neo4j_store.uri]


def test_dry_run_prints_the_same_changes_and_writes_nothing(
        tmp_path: Path, neo4j_store: Any) -> None:
    embedded = tmp_path / "g.json"
    for spec, snapshot, folder in (
            (str(embedded), lambda: EmbeddedStore(embedded).snapshot().copy(), "e"),
            (neo4j_store.uri, neo4j_store.snapshot, "n")):
        (tmp_path / folder).mkdir()
        _, before, book = _scenario(tmp_path / folder, spec, snapshot)
        file_bytes = embedded.read_bytes()
        counts = neo4j_store.counts()
        dry = run("load", book, "--dry-run", "--store", spec)
        assert dry.exit_code == 0, dry.output
        assert "simulación: no se escribió nada" in dry.stdout
        assert dry.stdout.rstrip().splitlines()[-1] == (
            "Cambiaría, respecto de lo que el almacén tiene de «libro.xlsx»: 1 añadido, "
            "7 quitados, 1 cambiado.")
        # Nothing written: the embedded file byte for byte, Neo4j's counts and graph.
        assert embedded.read_bytes() == file_bytes
        assert neo4j_store.counts() == counts
        unchanged = snapshot()
        assert set(unchanged.nodes) == set(before.nodes)
        assert set(unchanged.edges(keys=True)) == set(before.edges(keys=True))
        real = run("load", book, "--store", spec)
        # The dry run's table (its last column the predicted totals) is the real one.
        assert printed_table(dry.stdout) == printed_table(real.stdout)
        assert _changes(printed_table(dry.stdout)) == BY_HAND


def test_a_dry_run_into_a_store_that_does_not_exist_creates_nothing(tmp_path: Path) -> None:
    book = libro(tmp_path / "libro.xlsx", "EPMAPS", extra_action=False, notas=None)
    store = tmp_path / "nuevo" / "g.json"
    dry = run("load", book, "--dry-run", "--store", store)
    assert dry.exit_code == 0, dry.output
    assert not store.parent.exists()
    # Everything would be new: 2 actors, 1 action, 1 axis, 1 territory, 1 mechanism,
    # 5 rows (2 actores, 1 acciones, 1 territorios, 1 mecanismos), 1 document = 12 nodes;
    # LEADS, ARTICULATES, TARGETS, USES, UNDER one each: 17 facts.
    assert dry.stdout.rstrip().splitlines()[-1].endswith(
        "«libro.xlsx»: 17 añadidos, 0 quitados, 0 cambiados.")


def test_english_wording(tmp_path: Path) -> None:
    store = tmp_path / "g.json"
    book = libro(tmp_path / "libro.xlsx", "EPMAPSS", extra_action=True, notas="x")
    assert run("load", book, "--store", store).exit_code == 0
    libro(book, "EPMAPS", extra_action=False, notas=None)
    result = run("--lang", "en", "load", book, "--store", store)
    assert result.stdout.rstrip().splitlines()[-1] == (
        "Changes from what the store held of «libro.xlsx»: 1 added, 7 removed, 1 changed.")
    assert result.stdout.splitlines()[1].split() == [
        "loaded", "added", "removed", "changed", "total"]
