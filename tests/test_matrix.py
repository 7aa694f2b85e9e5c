"""The matrix loader on small hand-made datasets: fill-down, repeated headers, splitting,
provenance, TODOS, validation errors located as FILE:SHEET:ROW:COLUMN, idempotent reloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.errors import InputError
from tejido.graph.model import Source
from tejido.loaders.matrix import read_datasets
from tejido.loaders.split import SplitRule, split_cell

REGISTRY = """\
- nombre: "Agencia de Promoción Económica CONQUITO"
  siglas: [CONQUITO]
  variantes: ["Conquito"]
  tipo: agencia
- nombre: "Administraciones Zonales"
  siglas: [AZ]
  tipo: administracion_zonal
- nombre: "Secretaría de Ambiente"
  variantes: ["AMBIENTE", "SEC AMBIENTE"]
  tipo: secretaria
- nombre: "Gobierno Provincial de Pichincha"
  variantes: ["GAD PICHINCHA"]
  tipo: gad_provincial
- nombre: "GAD parroquiales"
  variantes: ["GADS PARROQUIALES"]
  tipo: gad_parroquial
"""

HEADER = "Eje\tProblema\tÁmbito\tAcciones\tTerritorios\tRector\tArticuladores"

MATRIX_SPEC = """\
document: "doc_test"
title: "Prueba"
tables:
  - file: tables/territorios.tsv
    name: "Territorios"
    kind: territories
    columns: {nombre: nombre, codigo: codigo}
  - file: tables/m.tsv
    name: "Matriz"
    kind: actions
    fill_down:
      Eje: []
      Problema: []
      Ámbito: []
      Rector: [Ámbito]
    columns:
      EJE: eje
      problema: problema
      AMBITO: ambito
      Acciones: titulo
      Territorios: territorios
      Rector: rector
      Articuladores: articuladores
    split:
      titulo: {bullets: ["*"]}
      rector: {separators: ["-", "/"]}
      articuladores:
        separators: ["*", "-", ",", "/"]
        keep: {"GAD PICHINCHA Y PARROQUIALES": ["GAD PICHINCHA", "GADS PARROQUIALES"]}
      territorios: {separators: ["-", ","]}
"""

TERRITORIES = "nombre\tcodigo\nZona uno\tT1\nZona dos\tT2\nZona tres\tT3\n"


def make_dataset(root: Path, spec: str, tables: dict[str, str], registry: str = REGISTRY,
                 name: str = "ds") -> Path:
    """A data/ folder with a registry and one dataset; returns the dataset folder."""
    (root / "actors.yaml").write_text(registry, encoding="utf-8")
    folder = root / name
    (folder / "tables").mkdir(parents=True)
    (folder / "dataset.yaml").write_text(spec, encoding="utf-8")
    for file, text in tables.items():
        (folder / "tables" / file).write_text(text, encoding="utf-8")
    return folder


def rows(*lines: str) -> str:
    return "\n".join(lines) + "\n"


@pytest.fixture
def matrix(tmp_path: Path) -> Path:
    table = rows(
        HEADER,                                                                       # 1
        "E1\tProblema A\tProducción\t*Acción uno *Acción dos\tTODOS\tAMBIENTE\t*CONQUITO *AZ",  # 2
        "\t\t\tAcción tres\tT1 - T3\t\tConquito - GAD PICHINCHA Y PARROQUIALES",      # 3
        "",                                                                           # 4
        "\tProblema B\tTurismo\tAcción cuatro\ttodos\t\tAZ",                          # 5
        "--\t--\t--\t--\t--\t--\t--",                                                 # 6
        "\t\t\tAcción cinco\tT2\t\t",                                                 # 7
        HEADER,                                                                       # 8
        "\t\t\tAcción seis\tT1\tSEC AMBIENTE / AZ\t",                                 # 9
        "\tProblema C\t\t\t\t\t",                                                     # 10
    )
    return make_dataset(tmp_path, MATRIX_SPEC, {"m.tsv": table, "territorios.tsv": TERRITORIES})


def by_title(batch):
    return {n.titulo: n for n in batch.nodes.values() if n.label == "Action"}


def names_of(batch, rel_type: str, action_id: str) -> set[str]:
    """Display names at the other end of rel_type edges touching the action."""
    out = set()
    for rel in batch.rels.values():
        if rel.type != rel_type:
            continue
        if rel.target == action_id:
            out.add(batch.nodes[rel.source].display)
        elif rel.source == action_id:
            out.add(batch.nodes[rel.target].display)
    return out


def source_id(row: int, table: str = "Matriz") -> str:
    return Source.key("doc_test", table, row)


def test_bullets_make_several_actions_with_the_row_as_source(matrix):
    batch = read_datasets(matrix).batch
    actions = by_title(batch)
    assert {"Acción uno", "Acción dos"} <= set(actions)
    for title in ("Acción uno", "Acción dos"):
        assert actions[title].sources == [source_id(2)]
        assert names_of(batch, "LEADS", actions[title].id) == {"Secretaría de Ambiente"}
        assert names_of(batch, "ARTICULATES", actions[title].id) == {
            "Agencia de Promoción Económica CONQUITO", "Administraciones Zonales"}


def test_fill_down_of_merged_cells_and_reset_by_trigger_column(matrix):
    batch = read_datasets(matrix).batch
    actions = by_title(batch)
    # Row 3: eje, problema, ámbito and rector blank -> filled from row 2.
    tres = actions["Acción tres"]
    assert (tres.eje, tres.problema, tres.ambito) == ("E1", "Problema A", "Producción")
    assert names_of(batch, "LEADS", tres.id) == {"Secretaría de Ambiente"}
    # Row 5 starts a new ámbito: the rector restarts empty (reset by Ámbito).
    cuatro = actions["Acción cuatro"]
    assert (cuatro.problema, cuatro.ambito) == ("Problema B", "Turismo")
    assert names_of(batch, "LEADS", cuatro.id) == set()
    # Row 7 (after a rule line): still under the fill of row 5.
    assert actions["Acción cinco"].ambito == "Turismo"


def test_repeated_header_is_dropped_and_restarts_fill_down(matrix):
    batch = read_datasets(matrix).batch
    actions = by_title(batch)
    assert "Acciones" not in actions
    assert source_id(8) not in batch.nodes  # the header row is no data row
    seis = actions["Acción seis"]
    assert (seis.eje, seis.problema, seis.ambito) == (None, None, None)
    assert names_of(batch, "LEADS", seis.id) == {"Secretaría de Ambiente",
                                                 "Administraciones Zonales"}


def test_fill_across_headers_when_the_dataset_says_so(tmp_path, matrix):
    spec = (matrix / "dataset.yaml").read_text(encoding="utf-8")
    (matrix / "dataset.yaml").write_text(
        spec.replace("    kind: actions\n", "    kind: actions\n    fill_across_headers: true\n"),
        encoding="utf-8")
    seis = by_title(read_datasets(matrix).batch)["Acción seis"]
    assert (seis.eje, seis.problema, seis.ambito) == ("E1", "Problema B", "Turismo")


def test_rule_lines_and_blank_lines_are_not_rows(matrix):
    batch = read_datasets(matrix).batch
    assert source_id(4) not in batch.nodes and source_id(6) not in batch.nodes
    assert source_id(7) in batch.nodes


def test_separators_and_kept_names(matrix):
    batch = read_datasets(matrix).batch
    tres = by_title(batch)["Acción tres"]
    assert names_of(batch, "ARTICULATES", tres.id) == {
        "Agencia de Promoción Económica CONQUITO", "Gobierno Provincial de Pichincha",
        "GAD parroquiales"}


def test_territories_todos_and_a_pair_of_codes(matrix):
    batch = read_datasets(matrix).batch
    actions = by_title(batch)
    every = {"Zona uno", "Zona dos", "Zona tres"}
    assert names_of(batch, "TARGETS", actions["Acción uno"].id) == every
    assert names_of(batch, "TARGETS", actions["Acción cuatro"].id) == every  # "todos"
    # "T1 - T3" lists two territories; it is not a range.
    assert names_of(batch, "TARGETS", actions["Acción tres"].id) == {"Zona uno", "Zona tres"}


def test_every_node_and_relationship_names_its_rows(matrix):
    batch = read_datasets(matrix).batch
    sources = {n.id for n in batch.nodes.values() if n.label == "Source"}
    for node in batch.nodes.values():
        assert node.sources and set(node.sources) <= sources, node.id
    for rel in batch.rels.values():
        assert rel.sources and set(rel.sources) <= sources
    conquito = next(n for n in batch.nodes.values() if n.display.endswith("CONQUITO"))
    assert set(conquito.sources) == {source_id(2), source_id(3)}
    zona_dos = next(n for n in batch.nodes.values() if n.display == "Zona dos")
    assert Source.key("doc_test", "Territorios", 3) in zona_dos.sources


def test_a_heading_row_that_reaches_no_action_is_recorded(matrix):
    batch = read_datasets(matrix).batch
    [problem] = batch.nodes[source_id(10)].problemas
    assert problem.startswith("fila_sin_accion: Problema: ") and "Problema C" in problem
    # Row 5's values reach row 7, so row 5 is not a problem even without its rector.
    assert batch.nodes[source_id(5)].problemas == []


def test_strict_turns_row_problems_into_errors(matrix):
    with pytest.raises(InputError) as caught:
        read_datasets(matrix, strict=True)
    [problem] = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("m.tsv", 10, "Problema")


def test_unknown_actor_is_created_flagged_and_strict_refuses_it(tmp_path):
    folder = make_dataset(tmp_path, MATRIX_SPEC, {
        "m.tsv": rows(HEADER, "E1\tP\tA\tUna acción\tT1\tACDC\tAZ CONQUITO"),
        "territorios.tsv": TERRITORIES})
    result = read_datasets(folder)
    acdc = result.batch.nodes["actor:acdc"]
    assert (acdc.name, acdc.tipo, acdc.auto) == ("ACDC", "otro", True)
    assert any("ACDC" in w and ":2:Rector:" in w for w in result.warnings)
    # "AZ CONQUITO": two known names without a separator -> two actors, and a note.
    action = by_title(result.batch)["Una acción"]
    assert names_of(result.batch, "ARTICULATES", action.id) == {
        "Administraciones Zonales", "Agencia de Promoción Económica CONQUITO"}
    [note] = result.batch.nodes[source_id(2)].problemas
    assert note.startswith("actores_sin_separador: Articuladores:")
    with pytest.raises(InputError) as caught:
        read_datasets(folder, strict=True)
    assert {(p.row, p.column) for p in caught.value.problems} == {(2, "Rector"),
                                                                  (2, "Articuladores")}


def test_idempotent_reload(matrix, tmp_path):
    path = tmp_path / "graph.json"
    EmbeddedStore(path).write(read_datasets(matrix).batch)
    first = EmbeddedStore(path).snapshot()
    EmbeddedStore(path).write(read_datasets(matrix).batch)
    again = EmbeddedStore(path).snapshot()
    assert first.number_of_nodes() > 0
    assert sorted(first.nodes(data=True)) == sorted(again.nodes(data=True))
    assert sorted(first.edges(keys=True, data=True)) == sorted(again.edges(keys=True, data=True))


def test_xlsx_with_merged_cells(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Matriz 1"
    sheet.append(["Eje", "Acciones", "Rector"])
    sheet.append(["E1", "Primera", "AZ"])
    sheet.append([None, "Segunda", None])
    sheet.append([None, "Tercera", None])
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("C2:C3")
    (tmp_path / "x" / "tables").mkdir(parents=True)
    book.save(tmp_path / "x" / "tables" / "libro.xlsx")
    (tmp_path / "actors.yaml").write_text(REGISTRY, encoding="utf-8")
    (tmp_path / "x" / "dataset.yaml").write_text(
        'document: "d"\ntitle: "t"\ntables:\n  - file: tables/libro.xlsx\n    sheet: "Matriz 1"\n'
        '    name: "Libro"\n    kind: actions\n    fill_down: [Eje, Rector]\n'
        '    columns: {Eje: eje, Acciones: titulo, Rector: rector}\n', encoding="utf-8")
    batch = read_datasets(tmp_path / "x").batch
    actions = by_title(batch)
    assert {a.eje for a in actions.values()} == {"E1"}
    assert names_of(batch, "LEADS", actions["Tercera"].id) == {"Administraciones Zonales"}
    assert actions["Tercera"].sources == [Source.key("d", "Libro", 4)]


def test_csv_table(tmp_path):
    folder = make_dataset(tmp_path, 'document: "d"\ntitle: "t"\ntables:\n'
                          '  - {file: tables/a.csv, name: A, kind: actions, '
                          'columns: {Acción: titulo, Rector: rector}}\n',
                          {"a.csv": 'Acción,Rector\n"Una, con coma",AZ\n'})
    actions = by_title(read_datasets(folder).batch)
    assert list(actions) == ["Una, con coma"]


def test_whole_data_folder_loads_every_dataset(tmp_path):
    make_dataset(tmp_path, 'document: "a"\ntitle: "A"\ntables:\n'
                 '  - {file: tables/a.tsv, name: A, kind: actions, columns: {x: titulo}}\n',
                 {"a.tsv": "x\nAcción A\n"}, name="a")
    make_dataset(tmp_path, 'document: "b"\ntitle: "B"\ntables:\n'
                 '  - {file: tables/b.tsv, name: B, kind: actions, columns: {x: titulo}}\n',
                 {"b.tsv": "x\nAcción B\n"}, name="b")
    assert set(by_title(read_datasets(tmp_path).batch)) == {"Acción A", "Acción B"}


# --- bad input: every problem, located, and nothing returned -------------------------------


def test_bad_dataset_yaml_names_file_line_and_key(tmp_path):
    spec = MATRIX_SPEC.replace("kind: actions", "kind: acciones").replace(
        "Rector: rector\n      Articuladores", "Rector: lider\n      Articuladores")
    folder = make_dataset(tmp_path, spec, {"m.tsv": HEADER + "\n",
                                           "territorios.tsv": TERRITORIES})
    with pytest.raises(InputError) as caught:
        read_datasets(folder)
    [problem] = caught.value.problems
    assert problem.file == str(folder / "dataset.yaml")
    assert problem.column == "tables[1].kind" and problem.row == 10
    assert "actions" in problem.message


def test_dataset_yaml_cross_key_rules(tmp_path):
    spec = MATRIX_SPEC.replace("Rector: rector\n      Articuladores",
                               "Rector: lider\n      Articuladores").replace(
        "      Rector: [Ámbito]\n", "      Rector: [Ámbito]\n      Fecha: []\n")
    folder = make_dataset(tmp_path, spec, {"m.tsv": HEADER + "\n",
                                           "territorios.tsv": TERRITORIES})
    with pytest.raises(InputError) as caught:
        read_datasets(folder)
    found = {(p.column, p.row) for p in caught.value.problems}
    assert ("tables[1].columns.Rector", 23) in found  # "lider" is no field of actions
    assert ("tables[1].fill_down", 12) in found  # "Fecha" is not a mapped column


def test_yaml_syntax_error_has_a_line(tmp_path):
    folder = make_dataset(tmp_path, 'document: "d"\ntables: [\n', {})
    with pytest.raises(InputError) as caught:
        read_datasets(folder)
    [problem] = caught.value.problems
    assert problem.file == str(folder / "dataset.yaml") and problem.row is not None


def test_bad_cells_are_all_reported_with_file_sheet_row_column(tmp_path):
    spec = MATRIX_SPEC.replace("      Articuladores: articuladores\n",
                               "      Articuladores: articuladores\n      Estado: estado\n")
    table = rows(HEADER + "\tEstado",
                 "E1\tP\tA\tUna\tT1\tAZ\t\ten marcha",
                 "E1\tP\tA\tDos\tT1\tAZ\t\tpensada",
                 "E1\tP\tA\tTres\tT1\tAZ\t\t\tsobra")
    folder = make_dataset(tmp_path, spec, {"m.tsv": table, "territorios.tsv": TERRITORIES})
    with pytest.raises(InputError) as caught:
        read_datasets(folder)
    problems = {(p.file, p.sheet, p.row, p.column) for p in caught.value.problems}
    path = str(folder / "tables" / "m.tsv")
    assert problems == {(path, "m.tsv", 3, "Estado"), (path, "m.tsv", 4, "#9")}
    assert "planificada" in str(caught.value)  # the closed list is shown


def test_missing_column_and_missing_file(tmp_path):
    folder = make_dataset(tmp_path, MATRIX_SPEC,
                          {"m.tsv": "Eje\tAcciones\nE1\tUna\n"})  # no territorios.tsv
    with pytest.raises(InputError) as caught:
        read_datasets(folder)
    where = {(p.sheet, p.row, p.column) for p in caught.value.problems}
    assert ("territorios.tsv", None, None) in where
    assert ("m.tsv", 1, "Rector") in where and ("m.tsv", 1, "AMBITO") in where


def test_todos_without_territories_is_an_error(tmp_path):
    spec = 'document: "d"\ntitle: "t"\ntables:\n  - {file: tables/a.tsv, name: A, ' \
           'kind: actions, columns: {x: titulo, t: territorios}}\n'
    folder = make_dataset(tmp_path, spec, {"a.tsv": "x\tt\nUna\tTODOS\n"})
    with pytest.raises(InputError) as caught:
        read_datasets(folder)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "t")]


def test_not_a_dataset(tmp_path):
    with pytest.raises(InputError):
        read_datasets(tmp_path)


# --- split_cell on its own ----------------------------------------------------------------


@pytest.mark.parametrize(("cell", "rule", "expected"), [
    ("*Uno *Dos", SplitRule(bullets=["*"]), ["Uno", "Dos"]),
    ("Uno - con guion", SplitRule(bullets=["*"]), ["Uno - con guion"]),
    ("SDPC - Conquito - Zonales -", SplitRule(separators=["-"]), ["SDPC", "Conquito", "Zonales"]),
    ("AZ-CONQUITO- SECRET", SplitRule(separators=["-"]), ["AZ", "CONQUITO", "SECRET"]),
    ("QUITO TURISMO - - SECU", SplitRule(separators=["-"]), ["QUITO TURISMO", "SECU"]),
    ("SECU / IMP", SplitRule(separators=["/"]), ["SECU", "IMP"]),
    ("A y B", SplitRule(separators=[" y "], keep=["GAD Pichincha y Parroquiales"]), ["A", "B"]),
    ("*gad pichincha y parroquiales *X", SplitRule(bullets=["*"], separators=[" y "],
                                                   keep=["GAD PICHINCHA Y PARROQUIALES"]),
     ["gad pichincha y parroquiales", "X"]),
    ("Gestión y Participación", SplitRule(separators=[" y "], keep=["GESTION Y PARTICIPACION"]),
     ["Gestión y Participación"]),
    ("X - GAD PICHINCHA Y PARROQUIALES", SplitRule(
        separators=["-"], keep={"GAD PICHINCHA Y PARROQUIALES": ["GAD Pichincha", "GADs"]}),
     ["X", "GAD Pichincha", "GADs"]),
    ("  ", SplitRule(separators=["-"]), []),
])
def test_split_cell(cell, rule, expected):
    assert split_cell(cell, rule) == expected
