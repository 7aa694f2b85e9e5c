"""The planner's workbook reader: real .xlsx and .csv files in tmp_path, expectations by hand."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers_workbook import Sheet, write_xlsx

from tejido.graph.errors import InputError
from tejido.graph.i18n import set_lang
from tejido.graph.model import Action, Actor, Axis, Source, Territory
from tejido.loaders.base import read_paths
from tejido.loaders.cells import clean_text
from tejido.loaders.location import CellError
from tejido.loaders.workbook import read_workbook


def problems(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def rel_set(result: Any, rtype: str) -> set[tuple[str, str]]:
    return {(r.source, r.target) for r in result.batch.rels.values() if str(r.type) == rtype}


def a(name: str) -> str:
    return Actor.key(name)


def ter(name: str) -> str:
    return Territory.key(name)


@pytest.fixture(autouse=True)
def spanish() -> None:
    set_lang("es")


BASIC: dict[str, Sheet] = {
    "actores": [
        ["nombre", "siglas", "tipo", "nivel", "interno", "notas"],
        ["Secretaría de Ambiente", "SA; SDA", "secretaria", "metropolitano", "sí", None],
        ["Agencia de Promoción Económica CONQUITO", "CONQUITO", "agencia", None, "no", "x"],
        ["Fundación Tierra Viva", None, "sociedad_civil", None, None, None],
    ],
    "acciones": [
        ["id", "titulo", "tipo", "eje", "objetivo", "problema", "estado", "rector",
         "articuladores", "territorios", "mecanismos", "fuente"],
        [None, "Reforestar quebradas", "proyecto", "Ambiente", "Proteger el agua", None,
         "en_marcha", "sa", "conquito; FUNDACION TIERRA VIVA", "Nono; Lloa",
         "Convenio marco", "PMDOT 2021"],
        [None, "Ferias agroecológicas", None, "Producción", None, None, None,
         "Agencia de Promoción Económica CONQUITO", None, "Nono", None, None],
    ],
    "territorios": [
        ["nombre", "tipo", "pertenece_a", "codigo"],
        ["Zona Norte", "zona", None, None],
        ["Nono", "parroquia", "Zona Norte", 170156],
        ["Lloa", "parroquia", "Zona Norte", None],
    ],
    "mecanismos": [["nombre", "tipo"], ["Convenio marco", "convenio"]],
    "relaciones": [
        ["origen", "destino", "tipo", "peso", "mecanismo", "fuente"],
        ["SA", "CONQUITO", "Coordinación", 3, "Convenio marco", None],
    ],
}


def test_a_complete_workbook_becomes_the_graph_it_describes(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "plan.xlsx", BASIC)
    result = read_workbook(book)
    assert result.warnings == []
    batch = result.batch

    sa = batch.nodes[a("Secretaría de Ambiente")]
    assert isinstance(sa, Actor)
    assert (sa.siglas, sa.tipo, sa.nivel, sa.interno, sa.auto) == (
        ["SA", "SDA"], "secretaria", "metropolitano", True, False)
    assert batch.nodes[a("Agencia de Promoción Económica CONQUITO")].interno is False

    reforestar = Action.key("Reforestar quebradas", "Ambiente", "Proteger el agua")
    ferias = Action.key("Ferias agroecológicas", "Producción", None)
    action = batch.nodes[reforestar]
    assert isinstance(action, Action)
    assert (action.tipo, action.estado) == ("proyecto", "en_marcha")
    assert batch.nodes[ferias].tipo == "accion"  # blank tipo = accion

    assert rel_set(result, "LEADS") == {
        (a("Secretaría de Ambiente"), reforestar),
        (a("Agencia de Promoción Económica CONQUITO"), ferias),
    }
    assert rel_set(result, "ARTICULATES") == {
        (a("Agencia de Promoción Económica CONQUITO"), reforestar),
        (a("Fundación Tierra Viva"), reforestar),
    }
    assert rel_set(result, "TARGETS") == {
        (reforestar, ter("Nono")), (reforestar, ter("Lloa")), (ferias, ter("Nono"))}
    assert rel_set(result, "USES") == {(reforestar, "mechanism:convenio-marco")}
    eje, objetivo = Axis.key("Ambiente", "eje"), Axis.key("Proteger el agua", "objetivo")
    assert rel_set(result, "UNDER") == {
        (reforestar, eje), (reforestar, objetivo), (ferias, Axis.key("Producción", "eje"))}
    assert rel_set(result, "PART_OF") == {
        (ter("Nono"), ter("Zona Norte")), (ter("Lloa"), ter("Zona Norte")), (objetivo, eje)}
    (relates,) = [r for r in batch.rels.values() if str(r.type) == "RELATES"]
    assert (relates.source, relates.target) == (
        a("Secretaría de Ambiente"), a("Agencia de Promoción Económica CONQUITO"))
    assert (relates.tipo, relates.peso, relates.mecanismo) == ("coordinación", 3.0,
                                                               "Convenio marco")
    nono = batch.nodes[ter("Nono")]
    assert isinstance(nono, Territory)
    assert (nono.codigo, nono.parent) == ("170156", "Zona Norte")


def test_provenance_names_document_sheet_and_excel_row(tmp_path: Path) -> None:
    sheets = {
        "actores": [["nombre", "tipo"], ["Secretaría de Ambiente", "secretaria"]],
        # Row 3 is left blank: the second action sits on Excel row 4.
        "acciones": [["titulo", "rector", "fuente"], ["Uno", "Secretaría de Ambiente", None],
                     [None, None, None], ["Dos", "Secretaría de Ambiente", "Acta 12"]],
    }
    result = read_workbook(write_xlsx(tmp_path / "cartera.xlsx", sheets))
    batch = result.batch
    rows = {(s.document, s.table, s.row) for s in batch.nodes.values() if isinstance(s, Source)}
    assert rows == {("cartera.xlsx", "actores", 2), ("cartera.xlsx", "acciones", 2),
                    ("cartera.xlsx", "acciones", 4), ("Acta 12", "", 0)}
    dos = batch.nodes[Action.key("Dos")]
    assert dos.sources == [Source.key("cartera.xlsx", "acciones", 4), Source.key("Acta 12", "", 0)]
    lead = batch.rels[(a("Secretaría de Ambiente"), Action.key("Dos"), "LEADS")]
    assert lead.sources == dos.sources
    assert batch.nodes[a("Secretaría de Ambiente")].sources == [
        Source.key("cartera.xlsx", "actores", 2)]


def test_headers_match_whatever_case_accents_or_language(tmp_path: Path) -> None:
    sheets = {
        "Actors": [["NAME", "Acronyms", "Type", "Level", "Internal", "Notes"],
                   ["Secretaría de Salud", "SS", "Secretaría", "Metropolitano", "yes", None]],
        "ACCIONES": [["Título", "Status", "Lead", "Articulators", "Territories", "Axis",
                      "Objective", "Mechanisms"],
                     ["Vacunar", "En marcha", "ss", None, "Nono", "Salud", "Cobertura", None]],
        "Territories": [["Name", "Type", "Parent", "Code"], ["Nono", "parroquia", None, None]],
    }
    result = read_workbook(write_xlsx(tmp_path / "en.xlsx", sheets))
    assert result.warnings == []
    batch = result.batch
    salud = batch.nodes[a("Secretaría de Salud")]
    assert (salud.siglas, salud.tipo, salud.nivel, salud.interno) == (
        ["SS"], "secretaria", "metropolitano", True)
    vacunar = Action.key("Vacunar", "Salud", "Cobertura")
    assert batch.nodes[vacunar].estado == "en_marcha"
    assert rel_set(result, "LEADS") == {(a("Secretaría de Salud"), vacunar)}
    assert rel_set(result, "TARGETS") == {(vacunar, ter("Nono"))}


def test_todos_means_every_territory_the_workbook_names(tmp_path: Path) -> None:
    sheets = {
        "territorios": [["nombre"], ["Nono"], ["Lloa"], ["Pacto"]],
        # "Gualea" is named only by an action: it is a territory of the workbook too.
        "acciones": [["titulo", "territorios"], ["Todo el DMQ", "TODOS"],
                     ["Solo Gualea", "gualea"], ["Nada", None]],
    }
    result = read_workbook(write_xlsx(tmp_path / "t.xlsx", sheets))
    everywhere = Action.key("Todo el DMQ")
    assert rel_set(result, "TARGETS") == {
        (everywhere, ter("Nono")), (everywhere, ter("Lloa")), (everywhere, ter("Pacto")),
        (everywhere, ter("gualea")), (Action.key("Solo Gualea"), ter("gualea")),
    }
    assert any("gualea" in w and ":acciones:3:territorios:" in w for w in result.warnings)


def test_todos_without_any_territory_is_an_error(tmp_path: Path) -> None:
    sheets = {"acciones": [["titulo", "territorios"], ["Todo", "todos"]]}
    with pytest.raises(InputError) as exc:
        read_workbook(write_xlsx(tmp_path / "t.xlsx", sheets))
    assert problems(exc) == [
        f"{tmp_path / 't.xlsx'}:acciones:2:territorios: TODOS, pero el libro no nombra "
        "ningún territorio"]


def test_undeclared_references_are_created_with_a_warning_or_rejected_when_strict(
    tmp_path: Path,
) -> None:
    sheets = {
        "actores": [["nombre"], ["Secretaría de Ambiente"]],
        "acciones": [["titulo", "rector", "articuladores", "mecanismos"],
                     ["Uno", "Comité Barrial Nono", None, "Mesa del agua"],
                     ["Dos", "Secretaría de Ambiente", "comite barrial nono", None]],
        "relaciones": [["origen", "destino"], ["Secretaría de Ambiente", "ONG Nueva"]],
    }
    book = write_xlsx(tmp_path / "w.xlsx", sheets)
    result = read_workbook(book)
    comite = result.batch.nodes[a("Comité Barrial Nono")]
    assert isinstance(comite, Actor)
    assert (comite.tipo, comite.auto, comite.name) == ("otro", True, "Comité Barrial Nono")
    assert result.batch.nodes[a("ONG Nueva")].auto is True
    assert result.batch.nodes["mechanism:mesa-del-agua"].tipo == "otro"
    # One warning per undeclared name, at its first cell, listing the other rows.
    assert len(result.warnings) == 3
    assert result.warnings[0].startswith(
        f"{book}:acciones:2:rector: el actor «Comité Barrial Nono»")
    assert "(también en las filas 3)" in result.warnings[0]

    with pytest.raises(InputError) as exc:
        read_workbook(book, strict=True)
    assert problems(exc) == [
        f"{book}:acciones:2:rector: el actor «Comité Barrial Nono» no está declarado en la "
        "hoja actores",
        f"{book}:acciones:2:mecanismos: el mecanismo «Mesa del agua» no está declarado en la "
        "hoja mecanismos",
        f"{book}:acciones:3:articuladores: el actor «Comité Barrial Nono» no está declarado en "
        "la hoja actores",
        f"{book}:relaciones:2:destino: el actor «ONG Nueva» no está declarado en la hoja actores",
    ]


def test_every_bad_cell_is_reported_at_once_and_nothing_is_returned(tmp_path: Path) -> None:
    sheets = {
        "actores": [["nombre", "siglas", "tipo", "color"],
                    ["Secretaría de Ambiente", "SA", "ministerio", None],
                    [None, None, "privado", None],
                    ["Servicio Agrícola", "sa", "privado", None]],
        "acciones": [["titulo", "estado", "rector"],
                     ["Uno", "parada", "SA"],
                     [None, "en_marcha", "SA"]],
        "relaciones": [["origen", "destino", "peso"], ["SA", "SA", "mucho"]],
    }
    book = write_xlsx(tmp_path / "malo.xlsx", sheets)
    with pytest.raises(InputError) as exc:
        read_workbook(book)
    found = problems(exc)
    assert found[0] == (f"{book}:actores:1:color: encabezado desconocido «color»; se admiten: "
                        "nombre, siglas, tipo, nivel, interno, notas")
    assert found[1].startswith(f"{book}:actores:2:tipo: «ministerio» no está en la lista cerrada")
    assert "secretaria, empresa_publica, agencia" in found[1]
    assert found[2] == f"{book}:actores:3:nombre: celda obligatoria vacía"
    assert found[3] == (f"{book}:actores:4:siglas: la sigla «sa» ya identifica a "
                        "«Secretaría de Ambiente» (fila 2)")
    assert found[4].startswith(f"{book}:acciones:2:estado: «parada» no está en la lista cerrada")
    assert found[5] == f"{book}:acciones:3:titulo: celda obligatoria vacía"
    assert found[6] == (f"{book}:relaciones:2:peso: peso «mucho» no es un número mayor o igual "
                        "que 0")
    assert found[7] == f"{book}:relaciones:2:destino: origen y destino son el mismo actor"
    assert len(found) == 8
    assert all(isinstance(p, CellError) for p in exc.value.problems)


def test_messages_in_english(tmp_path: Path) -> None:
    set_lang("en")
    book = write_xlsx(tmp_path / "bad.xlsx", {"acciones": [["titulo", "estado"], [None, "x"]]})
    with pytest.raises(InputError) as exc:
        read_workbook(book)
    found = problems(exc)
    assert found[0] == f"{book}:acciones:2:titulo: required cell is empty"
    assert found[1].startswith(f"{book}:acciones:2:estado: “x” is not in the closed list; allowed:")


def test_duplicates_and_cycles(tmp_path: Path) -> None:
    sheets = {
        "actores": [["nombre"], ["CONQUITO"], ["Conquito"]],
        "territorios": [["nombre", "pertenece_a"], ["A", "B"], ["B", "C"], ["C", "A"],
                        ["D", "d"]],
        "mecanismos": [["nombre"], ["Mesa"], ["MESA"]],
        "acciones": [["id", "titulo"], ["A-1", "Uno"], ["a-1", "Otro"]],
    }
    book = write_xlsx(tmp_path / "dup.xlsx", sheets)
    with pytest.raises(InputError) as exc:
        read_workbook(book)
    assert problems(exc) == [
        f"{book}:actores:3:nombre: «Conquito» ya está declarado en la fila 2",
        f"{book}:territorios:2:pertenece_a: pertenece_a forma un ciclo: A → B → C → A",
        f"{book}:territorios:5:pertenece_a: un territorio no puede pertenecer a sí mismo",
        f"{book}:mecanismos:3:nombre: «MESA» ya está declarado en la fila 2",
        f"{book}:acciones:3:id: el id «a-1» ya se usa en la fila 2",
    ]


def test_same_action_twice_without_id_is_merged_with_a_warning(tmp_path: Path) -> None:
    sheets = {"acciones": [["titulo", "eje"], ["Uno", "E"], ["uno", "e"]]}
    book = write_xlsx(tmp_path / "m.xlsx", sheets)
    result = read_workbook(book)
    (action,) = [n for n in result.batch.nodes.values() if isinstance(n, Action)]
    assert action.sources == [Source.key("m.xlsx", "acciones", 2),
                              Source.key("m.xlsx", "acciones", 3)]
    assert result.warnings == [
        f"{book}:acciones:3:titulo: la acción repite título, eje y objetivo de la fila 2; "
        "se fusionan en una"]


def test_csv_folder_semicolons_and_windows_encoding(tmp_path: Path) -> None:
    folder = tmp_path / "cartera"
    folder.mkdir()
    # What Excel's plain "CSV" writes in a Spanish locale: ';' and Windows-1252.
    (folder / "actores.csv").write_bytes(
        "nombre;siglas;tipo\r\nSecretaría de Educación;SE;secretaria\r\n".encode("cp1252"))
    # UTF-8 with BOM and commas, a quoted cell with a line break inside (two articuladores).
    (folder / "acciones.csv").write_text(
        'título,rector,articuladores\nAlfabetizar,se,"Fundación Ñ\nRed de Mujeres"\n',
        encoding="utf-8-sig")
    (folder / "notas.csv").write_text("cualquier,cosa\n", encoding="utf-8")
    result = read_workbook(folder)
    alfabetizar = Action.key("Alfabetizar")
    assert rel_set(result, "LEADS") == {(a("Secretaría de Educación"), alfabetizar)}
    assert rel_set(result, "ARTICULATES") == {
        (a("Fundación Ñ"), alfabetizar), (a("Red de Mujeres"), alfabetizar)}
    assert result.batch.nodes[a("Secretaría de Educación")].sources == [
        Source.key("cartera", "actores", 2)]
    assert any("notas" in w and "hoja ignorada" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p / "nada.xlsx", "no existe el archivo o la carpeta"),
        (lambda p: (p / "roto.xlsx").write_bytes(b"no soy un zip") and p / "roto.xlsx",
         "no se puede leer el archivo"),
        (lambda p: (p / "viejo.xls").write_bytes(b"\xd0\xcf\x11\xe0") and p / "viejo.xls",
         "formato no admitido"),
        (lambda p: (p / "vacia").mkdir() or p / "vacia", "no hay ninguna hoja reconocida"),
    ],
    ids=["missing", "not-a-zip", "old-xls", "empty-folder"],
)
def test_unreadable_inputs_give_one_clear_message(tmp_path: Path, make: Any, expected: str) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as exc:
        read_workbook(path)
    (message,) = problems(exc)
    assert message.startswith(f"{path}: {expected}")


def test_a_damaged_sheet_inside_a_valid_zip_is_reported_not_raised(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "bueno.xlsx", BASIC)
    damaged = tmp_path / "danado.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    with pytest.raises(InputError) as exc:
        read_workbook(damaged)
    (message,) = problems(exc)
    assert message.startswith(f"{damaged}: no se puede leer el archivo")


def test_read_paths_reports_the_problems_of_every_workbook(tmp_path: Path) -> None:
    bad1 = write_xlsx(tmp_path / "a.xlsx", {"acciones": [["titulo", "eje"], [None, "E"], ["ok"]]})
    bad2 = write_xlsx(tmp_path / "b.xlsx", {"mecanismos": [["nombre", "tipo"], ["M", "x"]]})
    with pytest.raises(InputError) as exc:
        read_paths([bad1, bad2])
    found = problems(exc)
    assert len(found) == 2
    assert found[0].startswith(f"{bad1}:acciones:2:titulo:")
    assert found[1].startswith(f"{bad2}:mecanismos:2:tipo:")


def test_a_value_in_a_column_without_header_is_an_error(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "h.xlsx", {"acciones": [["titulo", None], ["Uno", "perdido"]]})
    with pytest.raises(InputError) as exc:
        read_workbook(book)
    assert problems(exc) == [
        f"{book}:acciones:2:: valor «perdido» en una columna sin encabezado"]


# -- cleanings (the hostile files themselves: tests/test_hostile_files.py) -------------------


def test_clean_text_removes_what_nobody_sees_and_keeps_spanish() -> None:
    # The characters issue 11 names, one by one: bidi controls, zero-width characters.
    hidden = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
              "\u2069", "\u200e", "\u200f", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2060",
              "\u00ad"]
    for char in hidden:
        assert clean_text(f"CON{char}QUITO") == ("CONQUITO", "", char), hex(ord(char))
    for char in ["\x00", "\x01", "\x08", "\x1f", "\x7f", "\x85"]:
        assert clean_text(f"Red{char}Barrial") == ("RedBarrial", char, ""), hex(ord(char))
    # Line and page breaks of other programs, and Windows line ends, become line breaks.
    assert clean_text("uno\x0bdos\x0ctres\r\ncuatro\rcinco").text == "uno\ndos\ntres\ncuatro\ncinco"
    spanish = "¿Añadió «Peñón» en Güéjar-Sierra?\tSí: ¡ÁÉÍÓÚÜÑ áéíóúüñ!\u00a01º"
    assert clean_text(spanish) == (spanish, "", "")
    assert clean_text("Compan\u0303i\u0301a").text == "Compañía"  # NFC, one code point each
    assert len(clean_text("Compan\u0303i\u0301a").text) == 8


def test_a_merged_range_across_columns_and_over_a_blank_row(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "acciones"
    for row in (["titulo", "rector", "articuladores"], ["Uno", "Red Barrial", None],
                [None, None, None], ["Dos", "Otra Red", None]):
        sheet.append(row)
    sheet.merge_cells("B2:C3")  # across rector and articuladores, down over a blank row
    path = tmp_path / "a.xlsx"
    book.save(path)
    set_lang("en")
    result = read_workbook(path)
    uno = Action.key("Uno")
    assert rel_set(result, "LEADS") == {(a("Red Barrial"), uno), (a("Otra Red"), Action.key("Dos"))}
    assert rel_set(result, "ARTICULATES") == {(a("Red Barrial"), uno)}  # read as it shows
    assert [n.titulo for n in result.batch.nodes.values() if isinstance(n, Action)] == [
        "Uno", "Dos"]  # row 3 only had the merged value: still blank, no «titulo» error
    assert result.warnings[0] == (f"{path}:acciones:2:rector: merged cell B2:C3: its value "
                                  "«Red Barrial» is read in every cell it covers")
