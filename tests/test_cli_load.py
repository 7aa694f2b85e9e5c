"""``tejido load``, ``template``, ``synth`` and ``db`` through the real CLI, on real files and
a real Neo4j (fixture ``neo4j_store``)."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from helpers_workbook import SMALL, run, write_xlsx
from openpyxl.utils import column_index_from_string, range_boundaries

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.i18n import set_lang
from tejido.graph.model import NODE_TYPES, ActionTipo, ActorTipo, Estado, MechanismTipo, Nivel
from tejido.graph.neo4j_store import Neo4jStore
from tejido.graph.store import empty_counts

HOSTILE = ["x'}) DETACH DELETE n //", "`Actor`", "<img src=x onerror=alert(1)>"]


@pytest.fixture(autouse=True)
def spanish() -> Iterator[None]:
    yield
    set_lang("es")  # --lang en in one test must not leak into the next


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- template ---------------------------------------------------------------------------------


def test_template_has_six_sheets_notes_and_drop_downs(tmp_path: Path) -> None:
    out = tmp_path / "plantilla.xlsx"
    result = run("template", out)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["actores", "acciones", "territorios", "mecanismos", "relaciones",
                               "equivalencias", "listas"]
    assert book["listas"].sheet_state == "hidden"
    assert [c.value for c in book["acciones"][1]] == [
        "id", "titulo", "tipo", "eje", "objetivo", "problema", "estado", "rector",
        "articuladores", "territorios", "mecanismos", "fuente"]
    assert [c.value for c in book["equivalencias"][1]] == [
        "nombre", "equivale_a", "relacion", "fuente"]
    for sheet in book.worksheets[:6]:
        for cell in sheet[1]:
            assert cell.comment is not None and len(cell.comment.text) > 20, (sheet, cell)
    assert "obligatorio" in book["acciones"]["B1"].comment.text
    assert "mismo_actor" in book["equivalencias"]["C1"].comment.text
    assert "renombrado" in book["equivalencias"]["C1"].comment.text

    closed_lists = {
        ("actores", "tipo"): [m.value for m in ActorTipo],
        ("actores", "nivel"): [m.value for m in Nivel],
        ("actores", "interno"): ["sí", "no"],
        ("acciones", "tipo"): [m.value for m in ActionTipo],
        ("acciones", "estado"): [m.value for m in Estado],
        ("mecanismos", "tipo"): [m.value for m in MechanismTipo],
        ("equivalencias", "relacion"): ["mismo_actor", "renombrado"],
    }
    lists = book["listas"]
    for (sheet_name, header), values in closed_lists.items():
        sheet = book[sheet_name]
        column = next(c.column for c in sheet[1] if c.value == header)
        (validation,) = [
            v for v in sheet.data_validations.dataValidation
            if any(r.min_col == column and r.min_row == 2 for r in v.sqref.ranges)
        ]
        assert validation.type == "list" and validation.showErrorMessage
        assert any(r.max_row == 1_048_576 for r in validation.sqref.ranges)
        target, cells = validation.formula1.split("!")
        assert target == "listas"  # a range, not an inline list limited to 255 characters
        min_col, min_row, _, max_row = range_boundaries(cells.replace("$", ""))
        listed = [lists.cell(row=r, column=min_col).value for r in range(min_row, max_row + 1)]
        assert listed == values, (sheet_name, header)
    # The other columns are free text: no drop-down.
    validated = {
        (s.title, r.min_col) for s in book.worksheets for v in s.data_validations.dataValidation
        for r in v.sqref.ranges
    }
    assert len(validated) == len(closed_lists)
    assert ("acciones", column_index_from_string("H")) not in validated  # rector


def test_template_notes_in_english_and_the_empty_template_loads(tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    assert run("template", out, "--lang", "en").exit_code == 0
    book = openpyxl.load_workbook(out)
    note = book["acciones"]["B1"].comment.text
    assert "required" in note and "obligatorio" not in note
    assert book["equivalencias"]["A1"].comment.text.startswith("Optional sheet")
    store = tmp_path / "g.json"
    result = run("load", out, "--store", store)
    assert result.exit_code == 0, result.output
    assert EmbeddedStore(store).counts() == empty_counts()


def test_template_refuses_a_name_that_is_not_xlsx(tmp_path: Path) -> None:
    result = run("template", tmp_path / "plantilla.xls")
    assert result.exit_code == 2
    assert "debe terminar en .xlsx" in result.stderr
    assert not (tmp_path / "plantilla.xls").exists()


# -- loading into both stores -----------------------------------------------------------------


def _sheet_rows(path: Path) -> dict[str, list[dict[str, object]]]:
    """Every data row of every sheet, as {header: value}, read with openpyxl alone."""
    book = openpyxl.load_workbook(path, read_only=True)
    out = {}
    for sheet in book.worksheets:
        header, *rows = sheet.iter_rows(values_only=True)
        out[sheet.title] = [dict(zip(header, r, strict=False)) for r in rows if any(r)]
    book.close()
    return out


def test_synthetic_portfolio_loads_the_same_into_both_stores_and_reloads_as_a_no_op(
    tmp_path: Path, neo4j_store: Neo4jStore,
) -> None:
    book = tmp_path / "synth-3.xlsx"
    assert run("synth", "--actors", 150, "--actions", 2000, "--seed", 3, "--out", book
               ).exit_code == 0
    embedded = tmp_path / "g.json"

    first = run("load", book, "--store", embedded)
    assert first.exit_code == 0, first.output
    assert run("load", book, "--store", neo4j_store.uri, "--batch-size", 700).exit_code == 0
    counts = EmbeddedStore(embedded).counts()
    assert neo4j_store.counts() == counts

    # Expectations read straight from the file with openpyxl.
    rows = _sheet_rows(book)
    assert counts["Action"] == len(rows["acciones"]) == 2000
    assert counts["Territory"] == len(rows["territorios"])
    assert counts["Mechanism"] == len(rows["mecanismos"])
    cited = {r.get("fuente") for r in rows["acciones"] + rows["relaciones"]} - {None}
    assert counts["Source"] == sum(len(r) for r in rows.values()) + len(cited)
    declared = len(rows["actores"])
    assert counts["Actor"] > declared  # the few undeclared comités, created with a warning
    assert "no está declarado" in first.stderr

    embedded_graph = EmbeddedStore(embedded).snapshot()
    neo4j_graph = neo4j_store.snapshot()
    assert set(neo4j_graph.nodes) == set(embedded_graph.nodes)
    assert set(neo4j_graph.edges(keys=True)) == set(embedded_graph.edges(keys=True))

    second = run("load", book, "--store", embedded)
    assert second.exit_code == 0
    assert run("load", book, "--store", neo4j_store.uri).exit_code == 0
    assert EmbeddedStore(embedded).counts() == counts
    assert neo4j_store.counts() == counts


BAD = {
    "actores": [["nombre", "tipo"], ["Secretaría de Ambiente", "secretaria"],
                ["Fundación Raíces", "ong"]],
    "acciones": [["titulo", "estado", "rector"],
                 ["Reforestar", "en_marcha", "Secretaría de Ambiente"],
                 ["Limpiar quebradas", "detenida", "Secretaría de Ambiente"],
                 [None, "planificada", "Fundación Raíces"]],
}


def test_bad_cells_exit_2_name_every_cell_and_write_nothing_anywhere(
    tmp_path: Path, neo4j_store: Neo4jStore,
) -> None:
    book = write_xlsx(tmp_path / "malo.xlsx", BAD)
    embedded = tmp_path / "g.json"
    expected_lines = [
        f"{book}:actores:3:tipo: «ong» no está en la lista cerrada; se admite: "
        + ", ".join(m.value for m in ActorTipo),
        f"{book}:acciones:3:estado: «detenida» no está en la lista cerrada; se admite: "
        + ", ".join(m.value for m in Estado),
        f"{book}:acciones:4:titulo: celda obligatoria vacía",
    ]
    for store in (embedded, neo4j_store.uri):
        result = run("load", book, "--store", store)
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            *expected_lines, "3 problemas en los datos; no se escribió nada."]
        assert result.stdout == ""
    assert not embedded.exists()
    assert neo4j_store.counts() == empty_counts()


def test_the_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "malo.xlsx", BAD)
    proc = subprocess.run(
        [sys.executable, "-c", "from tejido.cli.main import main; main()", "load", str(book),
         "--store", str(tmp_path / "g.json")],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"{book}:acciones:4:titulo: celda obligatoria vacía" in proc.stderr.splitlines()


def test_hostile_names_are_stored_as_plain_text_in_both_stores(
    tmp_path: Path, neo4j_store: Neo4jStore,
) -> None:
    sheets = {
        "actores": [["nombre", "tipo"], ["Secretaría de Ambiente", "secretaria"],
                    *([name, "otro"] for name in HOSTILE)],
        "acciones": [["titulo", "rector", "articuladores"],
                     *([f"Acción {name}", "Secretaría de Ambiente", name] for name in HOSTILE)],
    }
    book = write_xlsx(tmp_path / "hostil.xlsx", sheets)
    embedded = tmp_path / "g.json"
    for store in (embedded, neo4j_store.uri):
        result = run("load", book, "--store", store)
        assert result.exit_code == 0, result.output
        assert result.stderr == ""  # every reference resolved
    for graph in (EmbeddedStore(embedded).snapshot(), neo4j_store.snapshot()):
        actors = {a["name"] for _, a in graph.nodes(data=True) if a["label"] == "Actor"}
        titles = {a["titulo"] for _, a in graph.nodes(data=True) if a["label"] == "Action"}
        assert actors == {"Secretaría de Ambiente", *HOSTILE}
        assert titles == {f"Acción {name}" for name in HOSTILE}
        articulates = [(u, v) for u, v, k in graph.edges(keys=True) if k == "ARTICULATES"]
        assert len(articulates) == 3
    assert neo4j_store.counts() == EmbeddedStore(embedded).counts()


def test_dry_run_validates_and_writes_nothing(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "ok.xlsx", SMALL)
    embedded = tmp_path / "g.json"
    result = run("load", book, "--dry-run", "--store", embedded)
    assert result.exit_code == 0
    assert "simulación: no se escribió nada" in result.stdout
    assert "Acciones [Action]" in result.stdout
    assert not embedded.exists()


def test_csv_folder_and_strict_mode_through_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "cartera"
    folder.mkdir()
    (folder / "acciones.csv").write_text("titulo;rector\nUno;Red Barrial\n", encoding="utf-8")
    embedded = tmp_path / "g.json"
    strict = run("load", folder, "--strict", "--store", embedded)
    assert strict.exit_code == 2
    assert strict.stderr.splitlines()[0] == (
        f"{folder / 'acciones.csv'}:acciones:2:rector: el actor «Red Barrial» no está "
        "declarado en la hoja actores")
    assert not embedded.exists()
    loose = run("load", folder, "--store", embedded)
    assert loose.exit_code == 0
    assert loose.stderr.startswith("aviso: ")
    counts = EmbeddedStore(embedded).counts()
    assert (counts["Actor"], counts["Action"], counts["LEADS"], counts["Source"]) == (1, 1, 1, 1)


def test_english_output(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "ok.xlsx", SMALL)
    result = run("--lang", "en", "load", book, "--store", tmp_path / "g.json")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Loaded into {tmp_path / 'g.json'}")
    assert "Actions [Action]" in result.stdout


@pytest.mark.parametrize("kind", ["missing", "corrupt", "empty-folder"])
def test_unreadable_input_exits_2_with_one_line(tmp_path: Path, kind: str) -> None:
    path = {"missing": tmp_path / "no.xlsx", "corrupt": tmp_path / "roto.xlsx",
            "empty-folder": tmp_path / "vacia"}[kind]
    if kind == "corrupt":
        path.write_bytes(b"PK\x03\x04 not really a zip")
    if kind == "empty-folder":
        path.mkdir()
    result = run("load", path, "--store", tmp_path / "g.json")
    assert result.exit_code == 2
    first, summary = result.stderr.splitlines()
    assert first.startswith(f"{path}: ")
    assert summary == "1 problema en los datos; no se escribió nada."


def test_a_store_that_is_down_is_exit_3_without_traceback(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "ok.xlsx", SMALL)
    uri = f"bolt://127.0.0.1:{closed_port()}"
    for args in (("load", book), ("db", "stats"), ("export",), ("db", "wipe", "--yes")):
        result = run(*args, "--store", uri)
        assert result.exit_code == 3, args
        assert f"No se puede conectar con Neo4j en {uri}" in result.stderr
        assert "Traceback" not in result.output


# -- db stats / wipe --------------------------------------------------------------------------


def _stats_numbers(output: str) -> dict[str, int]:
    """'  Acciones [Action]    1' -> {'Action': 1}."""
    out = {}
    for line in output.splitlines():
        if "[" in line and "]" in line:
            name = line[line.index("[") + 1:line.index("]")]
            out[name] = int(line.split()[-1])
    return out


def test_db_stats_and_wipe_on_both_stores(tmp_path: Path, neo4j_store: Neo4jStore) -> None:
    book = write_xlsx(tmp_path / "ok.xlsx", SMALL)
    embedded = tmp_path / "g.json"
    # By hand from SMALL: 2 actors, 1 action, 3 territories, 1 mechanism, 1 eje; Sources:
    # 2 + 1 + 3 + 1 + 1 data rows, plus the cited "PMDOT 2021"; one Document, the workbook.
    expected = {"Actor": 2, "Action": 1, "Territory": 3, "Mechanism": 1, "Axis": 1,
                "Source": 9, "Document": 1, "LEADS": 1, "ARTICULATES": 1, "TARGETS": 2, "USES": 1,
                "UNDER": 1, "PART_OF": 2, "RELATES": 1,
                # Every type of the model is listed, those SMALL has none of too.
                "RESPONSIBLE_FOR": 0, "SUCCEEDS": 0, "CONVENES": 0}
    for store in (str(embedded), neo4j_store.uri):
        assert run("load", book, "--store", store).exit_code == 0
        stats = run("db", "stats", "--store", store)
        assert stats.exit_code == 0
        assert _stats_numbers(stats.stdout) == expected
        assert stats.stdout.rstrip().endswith(
            f"Nodos: {sum(expected[n] for n in NODE_TYPES)}   Relaciones: 9")

        kept = run("db", "wipe", "--store", store, input="n\n")
        assert kept.exit_code == 1
        assert "No se borró nada." in kept.stderr
        assert _stats_numbers(run("db", "stats", "--store", store).stdout) == expected

        wiped = run("db", "wipe", "--store", store, input="sí\n")
        assert wiped.exit_code == 0
        assert set(_stats_numbers(run("db", "stats", "--store", store).stdout).values()) == {0}

        assert run("load", book, "--store", store).exit_code == 0
        assert run("db", "wipe", "--yes", "--store", store).exit_code == 0
        assert set(_stats_numbers(run("db", "stats", "--store", store).stdout).values()) == {0}
