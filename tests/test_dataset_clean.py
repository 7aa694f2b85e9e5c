"""Invisible characters in a dataset folder's TSV/CSV tables are cleaned as a workbook's are.

A name copied from a PDF or a web page may carry characters nobody sees: a right-to-left
override (U+202E) shows «Acción uno» reversed, a zero-width space (U+200B) makes «AMBIENTE»
a name the actor registry does not know, a NUL or a bell (U+0007) breaks the XLSX report
later. The dataset loader removes them from every text cell, with a warning naming file,
sheet, row and column (as the workbook loader does, loaders/workbook_clean.py), and records
the cleaning on the row's Source node for ``tejido quality``.

Expected values are written out by hand from the table below, not taken from the loader.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers_workbook import run
from openpyxl import load_workbook
from test_matrix import make_dataset

from tejido.graph.model import Source
from tejido.loaders.matrix import read_datasets

RLO, ZWSP, NUL, BEL = "\u202e", "\u200b", "\x00", "\x07"

SPEC = """\
document: "doc_test"
title: "Prueba"
tables:
  - file: tables/territorios.csv
    name: "Territorios"
    kind: territories
    columns: {nombre: nombre, codigo: codigo}
  - file: tables/m.tsv
    name: "Matriz"
    kind: actions
    fill_down:
      Eje: []
    columns:
      Eje: eje
      Acciones: titulo
      Territorios: territorios
      Rector: rector
"""

#: Row 2: RLO in the title, ZWSP after the rector's name. Row 3: NUL inside the title, a
#: bell in the eje (header «Eje»). The CSV: a ZWSP inside a territory's name (row 3).
MATRIX = (
    "Eje\tAcciones\tTerritorios\tRector\n"
    f"E1\tAcción {RLO}uno\tT1\tAMBIENTE{ZWSP}\n"
    f"E2{BEL}\tAcción{NUL} dos\tT2\tCONQUITO\n"
)
TERRITORIES = f"nombre,codigo\nZona uno,T1\nZona{ZWSP} dos,T2\n"
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    return make_dataset(tmp_path / "data", SPEC, {"m.tsv": MATRIX,
                                                  "territorios.csv": TERRITORIES})


def test_names_are_clean_and_the_registry_finds_them(dataset: Path) -> None:
    result = read_datasets(dataset)
    nodes = list(result.batch.nodes.values())
    titles = {n.titulo for n in nodes if n.label == "Action"}
    assert titles == {"Acción uno", "Acción dos"}
    assert {n.name for n in nodes if n.label == "Territory"} == {"Zona uno", "Zona dos"}
    # Without its ZWSP «AMBIENTE» is the registry's variant of the Secretaría de Ambiente.
    leads = {(result.batch.nodes[r.source].display, result.batch.nodes[r.target].titulo)
             for r in result.batch.rels.values() if r.type == "LEADS"}
    assert ("Secretaría de Ambiente", "Acción uno") in leads
    for node in nodes:
        for value in vars(node).values():
            texts = value if isinstance(value, list) else [value]
            assert not any(isinstance(v, str) and INVISIBLE.search(v) for v in texts), node


def test_each_cleaned_cell_is_named_in_a_warning(dataset: Path) -> None:
    warnings = read_datasets(dataset).warnings
    matrix = f"{dataset / 'tables' / 'm.tsv'}:m.tsv"
    csv = f"{dataset / 'tables' / 'territorios.csv'}:territorios.csv"
    expected = {  # file:sheet:row:column, the code points the warning lists
        f"{matrix}:2:Acciones:": "U+202E",
        f"{matrix}:2:Rector:": "U+200B",
        f"{matrix}:3:Acciones:": "U+0000",
        f"{matrix}:3:Eje:": "U+0007",
        f"{csv}:3:nombre:": "U+200B",
    }
    for where, chars in expected.items():
        found = [w for w in warnings if w.startswith(where)]
        assert len(found) == 1, (where, warnings)
        assert chars in found[0] and "se quitaron caracteres" in found[0]
    assert len([w for w in warnings if "se quitaron caracteres" in w]) == len(expected)


def test_the_cleaning_is_recorded_on_the_row(dataset: Path) -> None:
    """As for a workbook: `tejido quality` lists the row as read only in part."""
    nodes = read_datasets(dataset).batch.nodes
    row2 = nodes[Source.key("doc_test", "Matriz", 2)].problemas
    row3 = nodes[Source.key("doc_test", "Matriz", 3)].problemas
    assert set(row2) == {"caracteres_invisibles: Acciones: U+202E",
                         "caracteres_invisibles: Rector: U+200B"}
    assert set(row3) == {"caracteres_de_control: Acciones: U+0000",
                         "caracteres_de_control: Eje: U+0007"}
    assert nodes[Source.key("doc_test", "Territorios", 3)].problemas == [
        "caracteres_invisibles: nombre: U+200B"]


def test_later_commands_never_meet_the_characters(dataset: Path, tmp_path: Path) -> None:
    store = tmp_path / "s.graph"
    loaded = run("load", dataset.parent, "--store", store)
    assert loaded.exit_code == 0, loaded.output
    assert "U+0000" in loaded.output  # the warning reaches the planner
    out = tmp_path / "gaps.xlsx"
    gaps = run("gaps", "--store", store, "--format", "xlsx", "--out", out)
    assert gaps.exit_code == 0, gaps.output
    assert gaps.exception is None or isinstance(gaps.exception, SystemExit)
    book = load_workbook(out, read_only=True)
    texts = [str(v) for sheet in book for row in sheet.iter_rows(values_only=True)
             for v in row if isinstance(v, str)]
    assert any("Acción uno" in v or "Acción dos" in v for v in texts)
    assert not any(INVISIBLE.search(v) for v in texts)
