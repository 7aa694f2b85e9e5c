"""The gap report opens with its executive summary (issue 10, item 7) in every format.

Most reports here are built by hand from the model's classes, with chosen priorities and
recommendations, so what each format must show is known before it is rendered; the CLI
tests run ``tejido gaps --top N`` on a small store where every finding is worked out.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers_gaps import Portfolio
from openpyxl import load_workbook

from tejido.cli.main import main
from tejido.graph import i18n
from tejido.graph.embedded import EmbeddedStore
from tejido.queries.gaps import (
    Finding,
    GapReport,
    NotRecorded,
    Provenance,
    Subject,
    Summary,
    TopFinding,
)
from tejido.reports.gap_files import to_csv, to_json, to_xlsx
from tejido.reports.gap_summary import anchor
from tejido.reports.gap_text import to_html, to_markdown

HOSTILE = '<script>alert("x")</script> & <b>'
FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture(autouse=True)
def _spanish() -> Iterator[None]:
    before = i18n.get_lang()
    i18n.set_lang("es")
    yield
    i18n.set_lang(before)


# --- a report built by hand -------------------------------------------------------------


def _finding(title: str, priority: float, recommendation: str = "",
             status: str = "brecha", row: int = 2) -> Finding:
    ident = "action:" + re.sub(r"\W+", "-", title.lower()).strip("-")
    evidence = {"articuladores": 0, "eje": "Eje uno", "estado": None}
    if status == "por_confirmar":
        evidence["por_confirmar_motivo"] = "declare «XYZ» en la hoja actores"
    return Finding(id=f"sin_rector:{ident}", kind="sin_rector", severity=1.0,
                   subjects=[Subject(id=ident, type="Action", name=title)], evidence=evidence,
                   provenance=[Provenance(document="000", table="Matriz", row=row)],
                   status=status, priority=priority, recommendation=recommendation)


def _report(findings: list[Finding], top: int, omitted: int = 0,
            not_recorded: list[NotRecorded] | None = None) -> GapReport:
    """The report the engine would give for ``findings`` (already in report order: gaps by
    priority, then those to confirm), its summary listing the first ``top`` gaps."""
    gaps = [f for f in findings if f.status == "brecha"]
    chosen = [TopFinding(rank=i, id=f.id, kind=f.kind, priority=f.priority,
                         subjects=f.subjects[0].name or "", recommendation=f.recommendation)
              for i, f in enumerate(gaps[:top], start=1)]
    summary = Summary(total=len(findings), por_tipo={"sin_rector": len(findings)},
                      por_documento={"000": {"sin_rector": len(findings)}},
                      tipos=["sin_rector"], filtros={"eje": None, "territorio": None},
                      por_estado={"brecha": len(gaps),
                                  "por_confirmar": len(findings) - len(gaps)},
                      top=chosen, pares_omitidos=omitted)
    return GapReport(findings=findings, summary=summary, ei_por_eje=[], ei_por_actor=[],
                     not_recorded=not_recorded or [])


#: Four gaps in report order (priority 0.9, 0.7, 0.45, 0.2) and one finding to confirm.
FINDINGS = [
    _finding("Mesa del agua", 0.9, "Convoque a la Secretaría de Ambiente y a EPMAPS", row=2),
    _finding("Ferias rurales", 0.7, "Use la mesa de ferias que ya tiene el eje", row=3),
    _finding("Huertos", 0.45, "Pida a CONQUITO que lidere", row=4),
    _finding("Caminos", 0.2, "", row=5),
    _finding("Supuesta", 0.0, "declare «XYZ» en la hoja actores", status="por_confirmar",
             row=6),
]


def _sections_md(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## ")]


def _summary_md(text: str) -> list[str]:
    section = text.split("## Resumen ejecutivo\n")[1].split("\n## ")[0]
    return [line for line in section.splitlines() if re.match(r"\d+\. ", line)]


class _Page(HTMLParser):
    """Every id, every in-page link, the order of h2 ids, the summary's links and the
    tags met before the summary's heading."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.h2: list[str | None] = []
        self.before_summary: list[str] = []
        self.summary_links: list[str] = []
        self.rows: dict[str, list[str]] = {}
        self._in_summary = self._seen_summary = False
        self._row: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.links.append((a["href"] or "")[1:])
            if self._in_summary:
                self.summary_links.append((a["href"] or "")[1:])
        if tag == "h2":
            self.h2.append(a.get("id"))
            self._in_summary = a.get("id") == "resumen-ejecutivo"
            self._seen_summary = self._seen_summary or self._in_summary
        if not self._seen_summary:
            self.before_summary.append(tag)
        if tag == "tr" and a.get("id"):
            self._row = a["id"]
            self.rows[self._row or ""] = []
        if tag == "td" and self._row:
            self.rows[self._row].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._row and self.rows[self._row]:
            self.rows[self._row][-1] += data


def _page(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


def test_markdown_opens_with_the_summary_in_priority_order() -> None:
    text = to_markdown(_report(FINDINGS, top=10))
    assert _sections_md(text)[0] == "Resumen ejecutivo"
    lines = _summary_md(text)
    # Four gaps, the one to confirm left out; priorities with a decimal comma.
    assert len(lines) == 4
    assert lines[0] == ("1. Acción sin ente rector: Mesa del agua — prioridad 0,90. "
                        "Siguiente paso: Convoque a la Secretaría de Ambiente y a EPMAPS")
    assert "prioridad 0,45" in lines[2] and "Pida a CONQUITO que lidere" in lines[2]
    assert lines[3].endswith("Siguiente paso: (sin recomendación)")
    assert not any("Supuesta" in line for line in lines)


def test_markdown_and_html_have_the_same_sections_in_the_same_order() -> None:
    report = _report(FINDINGS, top=3)
    md = _sections_md(to_markdown(report))
    expected = ["Resumen ejecutivo", "Brechas", "Por confirmar (limpieza de datos)",
                "Datos que los documentos no registran", "Recuento por tipo y documento",
                "Coordinación interna y externa de los actores responsables (índice E–I)",
                "Acciones sin articuladores, por documento", "E–I y densidad por eje",
                "E–I por actor"]
    assert md == expected
    page = _page(to_html(report))
    assert page.h2 == [None, "resumen-ejecutivo", "brechas", "por_confirmar", "no-registrado",
                       "recuento", "responsables", "sin-articuladores", "ei-eje", "ei-actor"]


def test_html_toc_and_summary_links_resolve() -> None:
    page = _page(to_html(_report(FINDINGS, top=10)))
    assert len(page.ids) == len(set(page.ids)), "ids are unique"
    assert page.links and set(page.links) <= set(page.ids)
    # The table of contents links every section.
    for section in ("resumen-ejecutivo", "brechas", "por_confirmar", "no-registrado",
                    "ei-actor"):
        assert section in page.links
    # Each summary line links the row of its finding, in priority order.
    # Columns: priority, severity, subjects, evidence, next step, source.
    assert [page.rows[target][:3] for target in page.summary_links] == [
        ["0,90", "1,00", "Mesa del agua"], ["0,70", "1,00", "Ferias rurales"],
        ["0,45", "1,00", "Huertos"], ["0,20", "1,00", "Caminos"]]


def test_html_summary_is_near_the_top() -> None:
    """Before the summary: the title, the counts and the table of contents; no table."""
    page = _page(to_html(_report(FINDINGS, top=10)))
    assert "table" not in page.before_summary
    assert page.before_summary.count("h1") == 1 and "nav" in page.before_summary


def test_html_findings_show_priority_and_recommendation() -> None:
    page = _page(to_html(_report(FINDINGS, top=10)))
    row = page.rows[anchor(FINDINGS[1].id)]
    assert row[0] == "0,70" and row[4] == "Use la mesa de ferias que ya tiene el eje"
    # A finding to confirm has its row and its cleaning step too (kind, severity,
    # subjects, evidence, cleaning step, source).
    assert page.rows[anchor(FINDINGS[4].id)][4] == "declare «XYZ» en la hoja actores"


def test_top_zero_gives_an_empty_summary_that_says_so(tmp_path: Path) -> None:
    report = _report(FINDINGS, top=0)
    md = to_markdown(report)
    assert _summary_md(md) == []
    said = "El resumen ejecutivo no lista ninguna brecha (se pidió --top 0); las 4 brechas"
    assert said in md.split("## Brechas")[0]
    html = to_html(report)
    assert said in html.split('id="brechas"')[0] and '<ol class="top">' not in html
    sheet = load_workbook(io.BytesIO(to_xlsx(report))).worksheets[0]
    assert sheet.max_row == 2 and said in sheet["A2"].value


def test_no_gap_at_all_is_said_apart() -> None:
    report = _report([FINDINGS[4]], top=10)
    assert "no se encontró ninguna" in to_markdown(report).split("## Brechas")[0]


def test_xlsx_first_sheet_is_the_summary() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(_report(FINDINGS, top=3))))
    sheet = book.worksheets[0]
    assert sheet.title == "Resumen"
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["rank", "kind", "kind_label", "subjects", "priority", "recommendation",
                       "id"]
    assert [r[0] for r in rows[1:]] == [1, 2, 3]
    assert rows[1][1:] == ["sin_rector", "Acción sin ente rector", "Mesa del agua", 0.9,
                           "Convoque a la Secretaría de Ambiente y a EPMAPS", FINDINGS[0].id]
    assert sheet["E2"].data_type == "n" and sheet["E2"].number_format == "0.00"
    i18n.set_lang("en")
    english = load_workbook(io.BytesIO(to_xlsx(_report(FINDINGS, top=3)))).worksheets[0]
    assert english.title == "Summary"
    assert [c.value for c in english[1]] == rows[0]


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_headers_are_the_same_in_every_language() -> None:
    report = _report(FINDINGS, top=2)
    spanish = _csv(to_csv(report))
    i18n.set_lang("en")
    english = _csv(to_csv(report))
    assert spanish[0] == english[0]
    head = spanish[0]
    for column in ("id", "kind", "status", "priority", "recommendation"):
        assert column in head
    first = dict(zip(head, spanish[1], strict=True))
    # One row per finding, the summary's first on top with its rank.
    assert len(spanish) == 1 + len(FINDINGS)
    assert (first["top_rank"], first["id"], first["priority"]) == ("1", FINDINGS[0].id, "0.9")
    assert first["recommendation"] == "Convoque a la Secretaría de Ambiente y a EPMAPS"
    ranks = [dict(zip(head, r, strict=True))["top_rank"] for r in spanish[1:]]
    assert ranks == ["1", "2", "", "", ""]


def test_json_keeps_the_summary() -> None:
    data = json.loads(to_json(_report(FINDINGS, top=2, omitted=7)))
    assert [t["id"] for t in data["summary"]["top"]] == [FINDINGS[0].id, FINDINGS[1].id]
    assert data["summary"]["top"][0]["recommendation"].startswith("Convoque")
    assert data["summary"]["pares_omitidos"] == 7
    assert {"id", "priority", "recommendation", "status"} <= set(data["findings"][0])


def test_omitted_pairs_are_stated_where_the_gaps_start() -> None:
    report = _report(FINDINGS, top=2, omitted=7)
    md = to_markdown(report)
    gaps = md.split("## Brechas\n")[1].split("\n### ")[0]
    assert ("7 pares de coordinación faltante de menor prioridad no se listan: de cada "
            "contexto (eje × territorio) se listan los 3 pares de mayor prioridad.") in gaps
    html = to_html(report)
    assert "7 pares de coordinación faltante de menor" in html.split('id="brechas"')[1].split(
        "<h3")[0]
    assert "pares de coordinación faltante de menor" not in to_markdown(
        _report(FINDINGS, top=2))


def test_not_recorded_names_the_table_when_there_is_one() -> None:
    entries = [NotRecorded(document="000", field="mechanisms", kinds=["sin_mecanismo"],
                           actions=68, silenced=68),
               NotRecorded(document="002", table="Proyectos", field="lead",
                           kinds=["sin_rector"], actions=1, silenced=1),
               NotRecorded(document="004", table="Hoja de ruta", tipos=["accion", "actividad"],
                           field="lead", kinds=["sin_rector"], actions=23, silenced=23)]
    md = to_markdown(_report(FINDINGS, top=2, not_recorded=entries))
    section = md.split("## Datos que los documentos no registran\n")[1].split("\n## ")[0]
    assert ("- El documento 000 no registra mecanismos de articulación: 68 acciones sin "
            "dato") in section
    assert ("- El documento 002, tabla «Proyectos», no registra ente rector: 1 acción sin "
            "dato (1 hallazgo de tipo Acción sin ente rector no se informa).") in section
    assert ("- El documento 004, tabla «Hoja de ruta», no registra ente rector en sus acciones "
            "de tipo accion, actividad: 23 acciones sin dato (23 hallazgos de tipo Acción sin "
            "ente rector no se informan).") in section
    assert section.count("\n- ") == 3  # one line per entry


def test_english_summary_uses_a_decimal_point() -> None:
    i18n.set_lang("en")
    text = to_markdown(_report(FINDINGS, top=1))
    assert _sections_md(text)[0] == "Executive summary"
    assert "1. Action without a lead: Mesa del agua — priority 0.90. Next step:" in text


# --- hostile text in the new fields -----------------------------------------------------


def _hostile_report() -> GapReport:
    findings = [_finding(HOSTILE, 0.8, f"{FORMULA} {HOSTILE}"),
                _finding("Otra", 0.5, "@cmd|' /C calc'!A0")]
    return _report(findings, top=2)


def test_hostile_recommendations_stay_inert_in_html_and_markdown() -> None:
    report = _hostile_report()
    for text in (to_html(report), to_markdown(report)):
        assert "<script>" not in text and "<b>" not in text
        assert "&lt;script&gt;alert(" in text
    page = _page(to_html(report))
    assert set(page.links) <= set(page.ids)


def test_hostile_recommendations_stay_text_in_spreadsheets() -> None:
    report = _hostile_report()
    cells = [c for row in _csv(to_csv(report)) for c in row]
    assert f"'{FORMULA} {HOSTILE}" in cells and "'@cmd|' /C calc'!A0" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    book = load_workbook(io.BytesIO(to_xlsx(report)))
    values = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in values)
    texts = [c.value for c in values if isinstance(c.value, str)]
    assert not [v for v in texts if v.startswith(("=", "+", "-", "@"))]
    assert f"'{FORMULA} {HOSTILE}" in [c.value for c in book.worksheets[0]["F"]]


@pytest.mark.parametrize("ident", [
    'sin_rector:action:"><script>alert(1)</script>',
    "coordinacion_faltante:actor:a b+actor:c\td",
    "silo:actor:ñandú.~x",
])
def test_anchors_are_valid_ids_whatever_the_finding_id(ident: str) -> None:
    made = anchor(ident)
    assert re.fullmatch(r"f-[A-Za-z0-9_.~-]+", made)


def test_anchors_are_one_to_one() -> None:
    ids = ["a:b", "a.b", "a+b", "a~b", "a~~b", "a:+b", "a.:b", "a_b", "a-b", "a~3a.b"]
    assert len({anchor(i) for i in ids}) == len(ids)
    assert anchor("coordinacion_faltante:actor:acdc+actor:secom") == (
        "f-coordinacion_faltante.actor.acdc~~actor.secom")


# --- the command ------------------------------------------------------------------------


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Five actions with no lead (five «sin rector» gaps: the document records leads, one
    action has one) and nothing else to report about them."""
    p = Portfolio()
    eje = p.axis("Eje uno")
    lead = p.actor("Secretaría de Ambiente", interno=True)
    other = p.actor("EPMAPS", interno=True)
    mesa = p.mechanism("Mesa")
    p.action("Con rector", eje=eje, leads=(lead,), arts=(other,), mechanisms=(mesa,))
    for title in ("Uno", "Dos", "Tres", "Cuatro", "Cinco"):
        p.action(title, eje=eje, arts=(other,), mechanisms=(mesa,))
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(p.batch)
    return store.path


def _gaps(store_path: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["gaps", "--store", str(store_path), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_top_n_on_the_command(store_path: Path, tmp_path: Path) -> None:
    data = json.loads(_gaps(store_path, "--format", "json", "--top", "3"))
    gaps = [f for f in data["findings"] if f["status"] == "brecha"]
    assert len(gaps) >= 4
    top = data["summary"]["top"]
    assert len(top) == 3 and [t["id"] for t in top] == [f["id"] for f in gaps[:3]]
    md = _gaps(store_path, "--format", "md", "--top", "3")
    lines = _summary_md(md)
    assert len(lines) == 3
    names = " ↔ ".join(s["name"] for s in gaps[0]["subjects"])
    assert f": {names} — prioridad" in lines[0]
    html = _gaps(store_path, "--format", "html", "--top", "3")
    page = _page(html)
    assert len(page.summary_links) == 3
    assert page.summary_links[0] == anchor(gaps[0]["id"])
    assert set(page.links) <= set(page.ids)
    out = tmp_path / "gaps.xlsx"
    _gaps(store_path, "--out", str(out), "--top", "3")
    first = load_workbook(out).worksheets[0]
    assert first.title == "Resumen" and first.max_row == 4
    assert first["G2"].value == gaps[0]["id"]
    csv_rows = _csv(_gaps(store_path, "--format", "csv", "--top", "3"))
    assert dict(zip(csv_rows[0], csv_rows[1], strict=True))["id"] == gaps[0]["id"]


def test_top_defaults_to_ten_and_zero_empties_it(store_path: Path) -> None:
    data = json.loads(_gaps(store_path, "--format", "json"))
    gaps = [f for f in data["findings"] if f["status"] == "brecha"]
    assert len(data["summary"]["top"]) == min(10, len(gaps))
    empty = json.loads(_gaps(store_path, "--format", "json", "--top", "0"))
    assert empty["summary"]["top"] == [] and empty["findings"] == data["findings"]
    md = _gaps(store_path, "--top", "0")
    assert "(se pidió --top 0)" in md and _summary_md(md) == []


def test_top_must_be_a_whole_number_not_below_zero(store_path: Path) -> None:
    for bad in ("-1", "tres"):
        result = CliRunner().invoke(main, ["gaps", "--store", str(store_path), "--top", bad])
        assert result.exit_code == 2, bad


def test_csv_headers_match_across_languages_on_the_command(store_path: Path) -> None:
    spanish = _csv(_gaps(store_path, "--format", "csv"))
    english = _csv(_gaps(store_path, "--format", "csv", "--lang", "en"))
    assert spanish[0] == english[0] and len(spanish) == len(english)


def test_help_names_the_option() -> None:
    result = CliRunner().invoke(main, ["gaps", "--help"])
    assert result.exit_code == 0 and "--top N" in result.output
    assert "resumen ejecutivo" in result.output


def test_documents_to_read_list_the_head_of_each_kind_and_say_how_many_more() -> None:
    """A large portfolio has tens of thousands of findings: Markdown and HTML list the 50
    highest of a kind (more when the summary links further down) and say where the rest
    are; the CSV keeps every finding."""
    findings = [_finding(f"Acción {n:03}", round(1 - n / 2000, 4)) for n in range(1, 1235)]
    report = _report(findings, top=3)
    page = to_html(report)
    assert page.count('<tr id="f-sin_rector') == 50
    assert "… y 1.184 hallazgos más de menor prioridad" in page
    listed = page.split('id="brechas"')[1].split('id="por_confirmar"')[0]
    assert "Acción 050" in listed and "Acción 051" not in listed
    # The analysis table listing findings row by row stops at 200 rows too.
    assert "… y 1.034 filas más: la tabla completa está en el informe XLSX." in page
    assert "… y 1.184 hallazgos más" in to_markdown(report)
    assert len(list(csv.reader(io.StringIO(to_csv(report))))) == 1 + 1234
    wide = _report(findings, top=60)
    assert to_html(wide).count('<tr id="f-sin_rector') == 60
    i18n.set_lang("en")
    assert "… and 1,184 more lower-priority findings" in to_html(report)


def test_sheet_names_are_whole_words_within_excels_limit() -> None:
    """Excel allows 31 characters per sheet name: long headings get short names of their
    own rather than being cut mid-word («Por confirmar (limpieza de dato»)."""
    from io import BytesIO

    for lang, pending, missing in (("es", "Por confirmar (limpieza)", "No registrado"),
                                   ("en", "To confirm (cleaning)", "Not recorded")):
        i18n.set_lang(lang)
        names = load_workbook(BytesIO(to_xlsx(_report(FINDINGS, top=2)))).sheetnames
        assert pending in names and missing in names
        assert all(len(n) < 31 for n in names), names
