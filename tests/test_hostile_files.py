"""Hostile workbooks through the real ``tejido load`` (a subprocess, as a planner runs it):
each one is refused with a message naming its file, sheet, row and column (exit 2, the
store untouched, no traceback), or cleaned with a warning in the load output and the
quality report. Every file is built here, by hand, with openpyxl or zipfile."""

from __future__ import annotations

import hashlib
import json
import random
import string
import subprocess
import sys
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from helpers_workbook import (
    SMALL,
    XmlCell,
    big_cell_sheet,
    formula,
    shared,
    sheet_xml,
    write_parts,
    write_xlsx,
    xlsx_parts,
)

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.errors import InputError
from tejido.graph.i18n import set_lang
from tejido.graph.model import Actor, Source
from tejido.loaders import workbook, workbook_guard
from tejido.loaders.workbook import read_workbook

REJECTED = "1 problema en los datos; no se escribió nada."
ACTORS = sheet_xml([["nombre"], ["Secretaría de Ambiente"]])
#: Runs a command and writes the peak resident memory of its process tree (KiB) to a file:
#: a wrapper of its own, so that no other child of the test process counts.
MEASURE = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[2:]).returncode
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


@pytest.fixture(autouse=True)
def spanish() -> Iterator[None]:
    set_lang("es")
    yield
    set_lang("es")


def tejido(*args: object, measure: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command, as a planner runs it."""
    command = [sys.executable, "-c", "from tejido.cli.main import main; main()",
               *map(str, args)]
    if measure is not None:
        command = [sys.executable, "-c", MEASURE, str(measure), *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """An embedded store holding the small workbook: what a hostile load must not touch."""
    path = tmp_path / "g.json"
    loaded = tejido("load", write_xlsx(tmp_path / "bueno.xlsx", SMALL), "--store", path)
    assert loaded.returncode == 0, loaded.stderr
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(book: Path, store: Path, *lines: str, measure: Path | None = None) -> None:
    """``tejido load book`` exits 2 with exactly ``lines`` and leaves the store as it was."""
    before = digest(store)
    result = tejido("load", book, "--store", store, measure=measure)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    count = "1 problema" if len(lines) == 1 else f"{len(lines)} problemas"
    assert result.stderr.splitlines() == [*lines, f"{count} en los datos; no se escribió nada."]
    assert result.stdout == ""
    assert digest(store) == before


# -- zip bombs and overlong cells ----------------------------------------------------------


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 1 MB on disk, one cell of 1 GiB inside (written a chunk at a time)."""
    parts: dict = xlsx_parts({"actores": ACTORS, "acciones": ""})
    parts["xl/worksheets/sheet2.xml"] = big_cell_sheet(1 << 30)
    return write_parts(tmp_path_factory.mktemp("bomba") / "bomba.xlsx", parts)


def test_a_zip_bomb_is_refused_before_it_is_inflated(bomb: Path, store: Path, tmp_path: Path
                                                     ) -> None:
    assert bomb.stat().st_size < 2 * 1024 * 1024
    peak = tmp_path / "peak.txt"
    refused(bomb, store,
            f"{bomb}:acciones: el libro ocupa 1 024 MB descomprimido (1 024 MB en la parte "
            "«xl/worksheets/sheet2.xml»); el máximo admitido es 256 MB: no se lee (puede ser "
            "una «bomba zip»)", measure=peak)
    # The whole command, interpreter and libraries included (the issue saw 3.7 GB).
    assert int(peak.read_text()) < 300 * 1024


def test_a_part_that_inflates_a_thousand_times_is_refused(tmp_path: Path) -> None:
    parts: dict = xlsx_parts({"acciones": ""})
    parts["xl/worksheets/sheet1.xml"] = big_cell_sheet(64 << 20)  # under 256 MB in all
    book = write_parts(tmp_path / "comprimido.xlsx", parts)
    member = zipfile.ZipFile(book).getinfo("xl/worksheets/sheet1.xml")
    ratio = member.file_size // member.compress_size
    assert ratio > 500  # deflate's best is about 1030:1
    with pytest.raises(InputError) as exc:
        read_workbook(book)
    assert exc.value.message == (
        f"{book}:acciones: la parte «xl/worksheets/sheet1.xml» se descomprime "
        f"{ratio:,} veces su tamaño (64 MB); el máximo admitido es 200 veces: no se lee "
        "(puede ser una «bomba zip»)".replace(",", " "))


def test_an_overlong_cell_is_found_without_reading_it_into_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workbook_guard, "MAX_RATIO", 10**9)  # past the zip checks
    parts: dict = xlsx_parts({"acciones": ""})
    parts["xl/worksheets/sheet1.xml"] = big_cell_sheet(64 << 20)
    book = write_parts(tmp_path / "celda.xlsx", parts)
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as exc:
            read_workbook(book)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert exc.value.message == (f"{book}:acciones:3:titulo: la celda tiene más de 32 767 "
                                 "caracteres, el máximo de Excel: no se lee")
    assert peak < 8 * 1024 * 1024  # a few chunks, not 64 MiB


def test_a_cell_over_excels_limit_is_named_inline_or_shared(tmp_path: Path, store: Path
                                                             ) -> None:
    long = "x" * 32_768  # one past Excel's limit (which openpyxl would cut it to: by hand)
    inline = write_parts(tmp_path / "largo.xlsx", xlsx_parts({
        "acciones": sheet_xml([["titulo", "rector"], ["Uno", None], ["Dos", long]])}))
    refused(inline, store, f"{inline}:acciones:3:rector: la celda tiene más de 32 767 "
            "caracteres, el máximo de Excel: no se lee")
    # As Excel writes text: in the shared-strings table, which openpyxl reads whole.
    table = write_parts(tmp_path / "compartido.xlsx", xlsx_parts(
        {"acciones": sheet_xml([[shared(0), shared(1)], ["Uno", shared(2)]])},
        strings=["titulo", "rector", long]))
    refused(table, store, f"{table}:acciones:2:rector: la celda tiene más de 32 767 "
            "caracteres, el máximo de Excel: no se lee")
    # A long shared text no cell shows would still be read: refused too.
    unused = write_parts(tmp_path / "sin_usar.xlsx", xlsx_parts(
        {"acciones": sheet_xml([["titulo"], ["Uno"]])}, strings=["a", long]))
    refused(unused, store, f"{unused}: la parte «xl/sharedStrings.xml» tiene un texto de más "
            "de 32 767 caracteres: no se lee")
    # Exactly at the limit is a cell like any other.
    ok = read_workbook(write_xlsx(tmp_path / "limite.xlsx", {
        "acciones": [["titulo"], ["y" * 32_767]]}))
    assert any(getattr(n, "titulo", "") == "y" * 32_767 for n in ok.batch.nodes.values())


def test_a_dtd_or_a_giant_tag_is_refused(tmp_path: Path, store: Path) -> None:
    laughs = sheet_xml([["titulo"], ["&a;"]]).replace(
        "<worksheet", '<!DOCTYPE worksheet [<!ENTITY a "jajaja">]><worksheet', 1)
    dtd = write_parts(tmp_path / "dtd.xlsx", xlsx_parts({"acciones": laughs}))
    refused(dtd, store, f"{dtd}: la parte «xl/worksheets/sheet1.xml» declara un DTD "
            "(<!DOCTYPE>), que ningún libro .xlsx trae: no se lee")
    noise = "".join(random.Random(1).choices(string.ascii_letters, k=3 << 19))  # 1.5 MiB
    tag = sheet_xml([["titulo"], [XmlCell(f' s="{noise}" t="inlineStr"', "<is><t>x</t></is>")]])
    giant = write_parts(tmp_path / "etiqueta.xlsx", xlsx_parts({"acciones": tag}))
    refused(giant, store, f"{giant}: la parte «xl/worksheets/sheet1.xml» tiene una etiqueta "
            "XML de más de 1 MB: no se lee")


@pytest.mark.parametrize("kind", ["not-a-zip", "cut-in-half", "a-zip-of-something-else",
                                  "broken-xml"])
def test_a_file_that_is_no_workbook_is_one_message(tmp_path: Path, store: Path,
                                                    kind: str) -> None:
    book = tmp_path / f"{kind}.xlsx"
    good = write_xlsx(tmp_path / "bueno2.xlsx", SMALL).read_bytes()
    if kind == "not-a-zip":
        book.write_bytes(b"nombre;tipo\nSecretaria;secretaria\n")
    elif kind == "cut-in-half":
        book.write_bytes(good[: len(good) // 2])
    elif kind == "a-zip-of-something-else":
        with zipfile.ZipFile(book, "w") as archive:
            archive.writestr("notas.txt", "hola")
    else:
        write_parts(book, xlsx_parts({"acciones": sheet_xml([["titulo"], ["Uno"]])[:-40]}))
    before = digest(store)
    result = tejido("load", book, "--store", store)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    first, summary = result.stderr.splitlines()
    assert first.startswith(f"{book}: no se puede leer el archivo (")
    assert summary == REJECTED
    assert digest(store) == before


# -- formulas ---------------------------------------------------------------------------------


def test_a_formula_without_its_value_is_named_not_read_as_blank(tmp_path: Path, store: Path
                                                                ) -> None:
    # openpyxl writes formulas as a script does: never calculated.
    book = write_xlsx(tmp_path / "formulas.xlsx", {
        "actores": [["nombre", "tipo"], ["Secretaría de Ambiente", "secretaria"]],
        "acciones": [["titulo", "rector"], ["Uno", "=actores!A2"], ["=\"Do\"&\"s\"", None]]})
    refused(book, store,
            f"{book}:acciones:2:rector: la celda tiene una fórmula sin valor calculado: abra y "
            "guarde el libro en Excel o LibreOffice",
            f"{book}:acciones:3:titulo: la celda tiene una fórmula sin valor calculado: abra y "
            "guarde el libro en Excel o LibreOffice")


def test_a_calculated_formula_is_its_value_and_an_error_value_is_named(tmp_path: Path,
                                                                       store: Path) -> None:
    calculated = write_parts(tmp_path / "calculado.xlsx", xlsx_parts({
        "acciones": sheet_xml([["titulo", "rector"], [formula('"Uno"', "Uno"), "Red Barrial"],
                               [formula("1+1", "2", kind="n"), None]])}))
    result = read_workbook(calculated)
    titles = sorted(n.titulo for n in result.batch.nodes.values() if n.label == "Action")
    assert titles == ["2", "Uno"]
    failed = write_parts(tmp_path / "error.xlsx", xlsx_parts({
        "acciones": sheet_xml([["titulo", "rector"],
                               ["Uno", XmlCell(' t="e"', "<f>VLOOKUP(1,A:A,2)</f><v>#N/A</v>")]])}))
    refused(failed, store, f"{failed}:acciones:2:rector: la celda muestra el error «#N/A»: "
            "corrija la fórmula o el valor")


# -- cleanings: warned in the load output and in the quality report -------------------------


def quality(store: Path) -> dict:
    result = tejido("quality", "--store", store, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def problems_of(report: dict, document: str) -> dict[tuple[str, int], list[str]]:
    return {(p["table"], p["row"]): p["problems"] for p in report["row_problems"]
            if p["document"] == document}


def test_control_characters_are_removed_with_a_warning_and_reports_still_write(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cartera"
    folder.mkdir()
    (folder / "actores.csv").write_text("nombre\nRed\x00 Barrial\n", encoding="utf-8")
    (folder / "acciones.csv").write_text("titulo,rector\nLimpiar\x07 quebradas,Red Barrial\n",
                                         encoding="utf-8")
    store = tmp_path / "g.json"
    result = tejido("load", folder, "--store", store)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [  # the files in the folder's order
        f"aviso: {folder / 'acciones.csv'}:acciones:2:titulo: se quitaron caracteres de "
        "control invisibles (U+0007)",
        f"aviso: {folder / 'actores.csv'}:actores:2:nombre: se quitaron caracteres de control "
        "invisibles (U+0000)",
    ]
    graph = EmbeddedStore(store).snapshot()
    names = {a.get("name") or a.get("titulo") for _, a in graph.nodes(data=True)
             if a["label"] in ("Actor", "Action")}
    assert names == {"Red Barrial", "Limpiar quebradas"}  # one actor: the row resolved
    out = tmp_path / "brechas.xlsx"
    gaps = tejido("gaps", "--store", store, "--format", "xlsx", "--out", out)
    assert gaps.returncode == 0, gaps.stderr
    openpyxl.load_workbook(out).close()
    assert problems_of(quality(store), "cartera") == {
        ("actores", 2): ["caracteres_de_control: nombre: U+0000"],
        ("acciones", 2): ["caracteres_de_control: titulo: U+0007"]}


def test_excel_escapes_are_read_as_excel_shows_them(tmp_path: Path) -> None:
    book = write_parts(tmp_path / "escapes.xlsx", xlsx_parts({
        "actores": sheet_xml([["nombre", "notas"], ["Red_x0000_ Barrial", "uno_x000D_\ndos"]])}))
    result = read_workbook(book)
    (actor,) = [n for n in result.batch.nodes.values() if n.label == "Actor"]
    assert (actor.name, actor.notas) == ("Red Barrial", "uno\ndos")
    assert result.warnings == [f"{book}:actores:2:nombre: se quitaron caracteres de control "
                               "invisibles (U+0000)"]


def test_bidi_and_zero_width_characters_cannot_make_two_actors_or_reverse_a_name(
    tmp_path: Path,
) -> None:
    book = write_xlsx(tmp_path / "invisibles.xlsx", {
        "actores": [["nombre", "siglas"], ["Agencia CONQUITO", "CONQUITO"],
                    ["\u202eOTIUQNOC", None],
                    ["Compan\u0303i\u0301a Metropolitana", None]],  # decomposed: NFD
        "acciones": [["titulo", "rector", "articuladores"],
                     ["Ferias", "CON\u200bQUITO", "Compañía Metropolitana"],
                     ["Mercados", "\ufeffCONQUITO\u2060", None]],
    })
    result = read_workbook(book)
    actors = sorted(n.name for n in result.batch.nodes.values() if n.label == "Actor")
    assert actors == ["Agencia CONQUITO", "Compañía Metropolitana", "OTIUQNOC"]
    assert "Compañía Metropolitana" in actors  # NFC: accents and ñ kept, as typed
    invisible = ("se quitaron caracteres invisibles de formato o de dirección del texto "
                 "({}), que pueden invertir un nombre en pantalla o hacer de un nombre dos")
    assert result.warnings == [
        f"{book}:actores:3:nombre: " + invisible.format("U+202E"),
        f"{book}:acciones:2:rector: " + invisible.format("U+200B, U+FEFF, U+2060")
        + " (también en las filas 3)",
    ]
    leads = [r for r in result.batch.rels.values() if r.type == "LEADS"]
    assert len(leads) == 2  # Ferias and Mercados, both led by the one declared agency
    assert {r.source for r in leads} == {Actor.key("Agencia CONQUITO")}


def test_merged_cells_are_read_as_they_show_and_cite_the_row_that_prints_them(
    tmp_path: Path,
) -> None:
    workbook = openpyxl.Workbook()
    actions = workbook.active
    actions.title = "acciones"
    for row in (["titulo", "rector", "eje", "territorios", None],
                ["Uno", "Secretaría de Ambiente", "Agua", "Nono", None],
                ["Dos", None, None, None, None], ["Tres", None, None, None, None]):
        actions.append(row)
    actions.merge_cells("B2:B4")  # the rector of three actions, as a planner lays it out
    actions.merge_cells("C2:C6")  # running past the data: rows 5 and 6 stay blank
    actions.merge_cells("D1:E1")  # a header spread over two columns: layout, not data
    book = tmp_path / "combinadas.xlsx"
    workbook.save(book)
    store = tmp_path / "g.json"
    result = tejido("load", book, "--store", store)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"aviso: {book}:acciones:2:rector: celda combinada B2:B4: su valor «Secretaría de "
        "Ambiente» se lee en cada celda que cubre",
        f"aviso: {book}:acciones:2:eje: celda combinada C2:C6: su valor «Agua» se lee en cada "
        "celda que cubre",
        f"aviso: {book}:acciones:2:rector: el actor «Secretaría de Ambiente» no está declarado "
        "en la hoja actores; se crea con tipo «otro» (también en las filas 3, 4)",
        f"aviso: {book}:acciones:2:territorios: el territorio «Nono» no está declarado en la "
        "hoja territorios; se crea",
    ]
    graph = EmbeddedStore(store).snapshot()
    row = {n: Source.key("combinadas.xlsx", "acciones", n) for n in (2, 3, 4)}
    leads = {graph.nodes[v]["titulo"]: d for _, v, k, d in graph.edges(keys=True, data=True)
             if k == "LEADS"}
    assert sorted(leads) == ["Dos", "Tres", "Uno"]
    assert leads["Uno"]["sources"] == [row[2]] and not leads["Uno"].get("printed")
    assert leads["Dos"]["sources"] == [row[3]] and leads["Dos"]["printed"] == [row[2]]
    assert leads["Tres"]["printed"] == [row[2]]
    under = [d for _, _, k, d in graph.edges(keys=True, data=True) if k == "UNDER"]
    assert len(under) == 3  # «Agua» for the three actions, none for the blank rows 5 and 6
    sin_rector = tejido("gaps", "--store", store, "--kind", "sin_rector", "--format", "json")
    assert sin_rector.returncode == 0, sin_rector.stderr
    assert json.loads(sin_rector.stdout)["summary"]["por_tipo"] == {"sin_rector": 0}
    assert problems_of(quality(store), "combinadas.xlsx") == {
        ("acciones", 2): ["celda_combinada: rector: B2:B4", "celda_combinada: eje: C2:C6"]}


def test_hidden_sheets_are_read_and_said_to_be(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "actores"
    workbook["actores"].append(["nombre"])
    for name in ("Secretaría de Ambiente", "Red Barrial"):
        workbook["actores"].append([name])
    relations = workbook.create_sheet("relaciones")
    relations.append(["origen", "destino"])
    relations.append(["Secretaría de Ambiente", "Red Barrial"])
    relations.sheet_state = "hidden"
    places = workbook.create_sheet("territorios")
    places.append(["nombre"])
    places.append(["Nono"])
    places.sheet_state = "veryHidden"  # hidden from Excel's own menu
    book = tmp_path / "ocultas.xlsx"
    workbook.save(book)
    store = tmp_path / "g.json"
    result = tejido("load", book, "--store", store)
    assert result.returncode == 0, result.stderr
    hidden = ("la hoja está oculta en el libro y se leyó igualmente (ocultar una hoja la quita "
              "de la vista y de la impresión, no de los datos); bórrela o cámbiele el nombre "
              "si no debe cargarse")
    assert result.stderr.splitlines() == [f"aviso: {book}:relaciones: {hidden}",
                                          f"aviso: {book}:territorios: {hidden}"]
    counts = EmbeddedStore(store).counts()
    assert (counts["RELATES"], counts["Territory"]) == (1, 1)
    assert problems_of(quality(store), "ocultas.xlsx") == {
        ("relaciones", 2): ["hoja_oculta: : relaciones"],
        ("territorios", 2): ["hoja_oculta: : territorios"]}
    # The template's own hidden sheet of drop-down lists is no data: not a word about it.
    template = tmp_path / "plantilla.xlsx"
    assert tejido("template", template).returncode == 0
    empty = tejido("load", template, "--store", tmp_path / "t.json")
    assert empty.returncode == 0 and "oculta" not in empty.stderr


def test_a_formula_in_a_sheet_tejido_ignores_is_no_problem(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "resumen.xlsx", {
        "acciones": [["titulo"], ["Uno"]],
        "resumen": [["total"], ["=COUNTA(acciones!A:A)-1"]]})  # never calculated, not data
    result = read_workbook(book)
    assert result.warnings == [f"{book}:resumen: hoja ignorada: no es ninguna de actores, "
                               "acciones, territorios, mecanismos, relaciones, equivalencias"]


def test_csv_sheets_have_the_same_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    folder = tmp_path / "cartera"
    folder.mkdir()
    (folder / "acciones.csv").write_text("titulo,rector\nUno," + "x" * 40_000 + "\n",
                                         encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_workbook(folder)
    assert exc.value.message == (f"{folder / 'acciones.csv'}:acciones:2:rector: la celda tiene "
                                 "40 000 caracteres; el máximo es 32 767, el de Excel")
    monkeypatch.setattr(workbook, "MAX_UNCOMPRESSED", 1024)  # a file over the size limit
    with pytest.raises(InputError) as exc:
        read_workbook(folder)
    assert exc.value.message == (f"{folder / 'acciones.csv'}: el archivo ocupa 39 KB; el "
                                 "máximo admitido es 1 KB")
