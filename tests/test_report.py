"""The gap report's five formats: formula-safe spreadsheets, escaped HTML/Markdown,
Spanish by default and English on request, and the documented JSON layout."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers_gaps import Portfolio
from openpyxl import load_workbook

from tejido.cli.main import main
from tejido.graph import i18n
from tejido.graph.embedded import EmbeddedStore

HOSTILE_TITLE = '<script>alert("x")</script> & <b>ferias</b>'
FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+SUM(1,2)", "-2+3", "@cmd"]


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    """--lang sets the process's language: start from a fresh process's default (es) and
    give the next test the language this one found."""
    before = i18n.get_lang()
    i18n.set_lang("es")
    yield
    i18n.set_lang(before)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    p = Portfolio()
    eje = p.axis("=Eje peligroso")
    actors = [p.actor(name, interno=False) for name in FORMULAS]
    p.action(HOSTILE_TITLE, eje=eje)  # no lead: a sin_rector finding naming the title
    p.action("+Acción con fórmula", eje=eje, leads=(actors[0],), arts=tuple(actors[1:]))
    # The document records mechanisms, so the one above has a sin_mecanismo finding.
    p.action("Con mecanismo", eje=eje, leads=(actors[0],), arts=(actors[1],),
             mechanisms=(p.mechanism("Mesa"),))
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(p.batch)
    return store.path


def _gaps(store_path: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["gaps", "--store", str(store_path), *args])
    assert result.exit_code == 0, result.output
    return result.output


def _dangerous(text: str) -> bool:
    return text.startswith(("=", "+", "-", "@"))


def test_csv_cells_are_neutralized(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "gaps.csv"
    _gaps(store_path, "--out", str(out))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if _dangerous(c)]
    # The hostile names are there, behind the quote that makes them text.
    assert "'+Acción con fórmula" in cells


def test_xlsx_cells_are_neutralized(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "gaps.xlsx"
    _gaps(store_path, "--format", "xlsx", "--out", str(out))
    book = load_workbook(out)
    values = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in values)
    texts = [cell.value for cell in values if isinstance(cell.value, str)]
    assert not [v for v in texts if _dangerous(v)]
    assert "'+Acción con fórmula" in texts


def test_xlsx_needs_a_file(store_path: Path) -> None:
    result = CliRunner().invoke(main, ["gaps", "--store", str(store_path), "--format", "xlsx"])
    assert result.exit_code == 2 and "--out" in result.output


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_hostile_title_is_escaped(store_path: Path, fmt: str) -> None:
    text = _gaps(store_path, "--format", fmt)
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(" in text and "&amp;" in text


def test_spanish_by_default_english_on_request(store_path: Path) -> None:
    spanish = _gaps(store_path, "--format", "md")
    english = _gaps(store_path, "--format", "md", "--lang", "en")
    assert spanish.startswith("# Brechas de coordinación")
    assert "Acción sin ente rector" in spanish and "Fuente" in spanish
    assert english.startswith("# Coordination gaps")
    assert "Action without a lead" in english and "Source" in english
    assert "Acción sin ente rector" not in english
    # Data keeps its Spanish: titles and table names are not translated.
    assert "+Acción con fórmula" in english and "Matriz de prueba" in english
    assert "row " in english and "fila " in spanish


def test_json_layout(store_path: Path) -> None:
    data = json.loads(_gaps(store_path, "--format", "json", "--lang", "en"))
    assert set(data) == {"findings", "summary", "ei_por_eje", "ei_por_actor", "not_recorded",
                         "documentos"}
    finding = data["findings"][0]
    # The issue 10 contract: the old keys, plus id, status, priority and recommendation.
    assert set(finding) == {"id", "kind", "severity", "subjects", "evidence", "provenance",
                            "status", "priority", "recommendation"}
    assert {f["status"] for f in data["findings"]} <= {"brecha", "por_confirmar"}
    assert all(0 <= f["priority"] <= 1 and isinstance(f["recommendation"], str)
               for f in data["findings"])
    assert set(finding["subjects"][0]) == {"id", "type", "name"}
    # impreso: the row prints a merged cell filled down into the finding's rows (docs/gaps.md).
    assert set(finding["provenance"][0]) == {"document", "table", "row", "impreso"}
    assert set(data["summary"]) == {"total", "por_tipo", "por_documento", "tipos", "filtros",
                                    "por_estado", "top", "pares_omitidos"}
    # The executive summary: the first gaps of the list (at most 10 by default).
    gaps = [f["id"] for f in data["findings"] if f["status"] == "brecha"]
    assert [t["id"] for t in data["summary"]["top"]] == gaps[:10]
    assert set(data["summary"]["top"][0]) == {"rank", "id", "kind", "priority", "subjects",
                                              "recommendation"}
    assert sum(data["summary"]["por_estado"].values()) == data["summary"]["total"]
    assert data["summary"]["total"] == len(data["findings"])
    # JSON keeps the contract's keys and the data's Spanish whatever --lang says.
    titles = {s["name"] for f in data["findings"] for s in f["subjects"]}
    assert HOSTILE_TITLE in titles


def test_xlsx_measures_are_numbers_and_columns_have_widths(tmp_path: Path) -> None:
    """E–I and density were text («'-0,50») and no column had a width (issue 11)."""
    p = Portfolio()
    eje = p.axis("Eje")
    a, b, c = (p.actor(name, interno=True) for name in ("A", "B", "C"))
    d = p.actor("D", interno=False)
    p.action("Uno", eje=eje, leads=(a,), arts=(b, c))
    p.action("Dos", eje=eje, leads=(a,), arts=(d,))
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(p.batch)
    out = tmp_path / "gaps.xlsx"
    _gaps(store.path, "--format", "xlsx", "--out", str(out))
    book = load_workbook(out)
    sheet = next(s for s in book if s.title.startswith("E–I y densidad"))
    headers = [cell.value for cell in sheet[1]]
    ei, density = sheet[2][headers.index("E–I")], sheet[2][headers.index("Densidad")]
    # Eje: 4 actors, ties AB AC BC AD (A with D is external): E=1, I=3 -> E–I = -0.5;
    # density 4 of 6 pairs.
    assert ei.data_type == "n" and ei.value == -0.5 and ei.number_format.startswith("+0.00")
    assert density.data_type == "n" and round(density.value, 4) == round(4 / 6, 4)
    for each in book:
        widths = [each.column_dimensions[col].width for col in "AB" if each.max_column >= 2]
        assert all(8 <= w <= 60 for w in widths), each.title
