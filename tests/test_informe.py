"""``tejido informe``: the printable technical report, read as its reader meets it — the
PDF's pages, text, drawings and margins through poppler and pypdf, the HTML as a browser
would load it — on the bundled data, with one actor renamed to hostile markup."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers_pdf import A4, page_sizes, path_operators, raster_images, text, word_boxes
from PIL import Image

from tejido.cli.main import COMMANDS, main
from tejido.graph import i18n
from tejido.graph.embedded import EmbeddedStore
from tejido.loaders.base import read_paths
from tejido.loaders.bundled import bundled_data_dir

OFFICE = "Dirección Metropolitana de Resiliencia"
#: Typst markup, math, a closing bracket and brace, and HTML: all must print as written.
HOSTILE = '#set page(width: 2cm) *negrita* $x^2$ ] } <script>alert(1)</script> "'
#: The template's side margins (2.2 cm) in points.
MARGIN = 2.2 / 2.54 * 72


@dataclass
class Run:
    pdf: Path
    html: Path
    output: str
    report: dict
    titles: list[str]


def _titles() -> list[str]:
    """Each bundled dataset's title, read from its dataset.yaml."""
    return [yaml.safe_load(p.read_text(encoding="utf-8"))["title"]
            for p in sorted(bundled_data_dir().glob("*/dataset.yaml"))]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    batch = read_paths([bundled_data_dir()]).batch
    office = next(k for k, n in batch.nodes.items()
                  if n.label == "Actor" and getattr(n, "name", None) == OFFICE)
    batch.nodes[office] = batch.nodes[office].model_copy(update={"name": HOSTILE})
    path = tmp_path_factory.mktemp("informe") / "graph.json"
    EmbeddedStore(path).write(batch)
    return path


def _run(store: Path, folder: Path, lang: str, *extra: str) -> Run:
    i18n.set_lang("es")
    pdf, html = folder / f"informe-{lang}.pdf", folder / f"informe-{lang}.html"
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(COMMANDS, "informe", "tejido.cli.informe:informe")
        result = CliRunner().invoke(main, ["--lang", lang, "informe", "--store", str(store),
                                           "--out", str(pdf), "--html", str(html),
                                           "--institucion", "Secretaría de Planificación",
                                           "--fecha", "2026-03-31", *extra])
        assert result.exit_code == 0, result.output
        gaps = CliRunner().invoke(main, ["gaps", "--store", str(store), "--format", "json"])
    i18n.set_lang("es")
    return Run(pdf, html, result.output, json.loads(gaps.output), _titles())


@pytest.fixture(scope="module")
def spanish(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    yield _run(store, tmp_path_factory.mktemp("es"), "es")


@pytest.fixture(scope="module")
def english(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    yield _run(store, tmp_path_factory.mktemp("en"), "en")


def _squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


def test_every_page_is_a4(spanish: Run) -> None:
    sizes = page_sizes(spanish.pdf)
    assert len(sizes) >= 8  # cover, contents, summary, charts, map, ejes, profiles, annexes
    for width, height in sizes:
        assert width == pytest.approx(A4[0], abs=0.5) and height == pytest.approx(A4[1], abs=0.5)


def test_the_text_names_the_summary_the_documents_and_the_top_finding(spanish: Run) -> None:
    body = text(spanish.pdf)
    assert "Resumen ejecutivo" in body
    assert "Secretaría de Planificación" in body and "31 de marzo de 2026" in body
    for title in spanish.titles:
        assert " ".join(title.split()) in body, title
    top = spanish.report["summary"]["top"][0]
    first = next(f for f in spanish.report["findings"] if f["id"] == top["id"])
    for subject in first["subjects"]:
        assert _squash(subject["name"]) in _squash(body), subject["name"]
    # Priorities in the Spanish way: a decimal comma.
    assert re.search(r"prioridad \d,\d\d", body)
    for heading in ("Anexo A. Calidad de los datos", "Anexo B. Métodos", "Perfiles institucionales",
                    "Análisis por eje", "Krackhardt"):
        assert heading in body


def test_charts_and_the_map_are_vector_graphics(spanish: Run) -> None:
    assert raster_images(spanish.pdf) == 0  # nothing was drawn as a bitmap
    pages = len(page_sizes(spanish.pdf))
    texts = {i: text(spanish.pdf, first=i) for i in range(1, pages + 1)}
    chart = next(i for i, x in texts.items() if "Figura 1:" in x)
    network = next(i for i, x in texts.items() if "Red de actores: dos actores" in x)
    # A bar chart is dozens of rectangles and lines (its text is drawn as paths too); the
    # map hundreds (61 tied actors, 191 ties in the bundled data).
    assert path_operators(spanish.pdf, chart) > 100
    assert path_operators(spanish.pdf, network) > 400
    # A page of plain text has none of that.
    assert path_operators(spanish.pdf, 2) < 50


#: Typst hangs punctuation a little into the margin («overhang», optical alignment): a
#: comma 2.5 pt out is typography, a clipped table column is tens of points.
OVERHANG = 4


def test_no_text_runs_past_the_margins(spanish: Run) -> None:
    width = A4[0]
    outside = [(p, w) for p, x0, x1, w in word_boxes(spanish.pdf)
               if x0 < MARGIN - OVERHANG or x1 > width - MARGIN + OVERHANG]
    assert not outside, outside[:5]


def test_rendered_pages_leave_the_right_margin_blank(spanish: Run, tmp_path: Path) -> None:
    import subprocess

    subprocess.run(["pdftoppm", "-r", "60", "-png", str(spanish.pdf), str(tmp_path / "p")],
                   check=True)
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == len(page_sizes(spanish.pdf))
    for image in images:
        page = Image.open(image).convert("L")
        scale = page.width / A4[0]
        band = page.crop((int((A4[0] - MARGIN + OVERHANG + 1) * scale), 0, page.width,
                          page.height))
        assert band.getextrema()[0] > 240, f"{image.name}: something drawn in the right margin"


def test_hostile_names_print_as_written(spanish: Run) -> None:
    body = _squash(text(spanish.pdf))
    assert _squash("#set page(width: 2cm) *negrita* $x^2$") in body
    assert _squash("<script>alert(1)</script>") in body
    page = spanish.html.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_html_is_one_self_contained_page(spanish: Run) -> None:
    page = spanish.html.read_text(encoding="utf-8")
    assert "Resumen ejecutivo" in page
    for title in spanish.titles:
        assert title in page
    assert page.count('src="data:image/svg+xml;base64,') >= 3  # charts and the map
    assert not re.search(r'(src|href)="(?!data:|#)', page)  # nothing fetched from elsewhere


def test_english_on_request(english: Run) -> None:
    body = text(english.pdf)
    assert "Executive summary" in body and "Resumen ejecutivo" not in body
    assert "31 March 2026" in body
    assert re.search(r"priority \d\.\d\d", body)
    assert "Executive summary" in english.html.read_text(encoding="utf-8")


def test_bad_input_is_refused_before_any_work(store: Path, tmp_path: Path) -> None:
    i18n.set_lang("es")
    out = tmp_path / "x.pdf"
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(COMMANDS, "informe", "tejido.cli.informe:informe")
        bad = CliRunner().invoke(main, ["informe", "--store", str(store), "--out", str(out),
                                        "--fecha", "31/03/2026"])
        assert bad.exit_code == 2 and "AAAA-MM-DD" in bad.output and not out.exists()
        out.write_text("mine")
        kept = CliRunner().invoke(main, ["informe", "--store", str(store), "--out", str(out)])
        assert kept.exit_code == 2 and out.read_text() == "mine"


def test_escenario_adds_a_section_saying_what_the_scenario_would_change(tmp_path: Path) -> None:
    # The small portfolio of helpers_compare.py without the EPMAPS–Bosque relation:
    # Ambiente × Nono falls into {SA, EPMAPS} and {CONQUITO, Bosque}, and SA and CONQUITO
    # are a «coordinación faltante» pair. The scenario (the mesa SA + CONQUITO) closes
    # that pair and joins the context: 2 groups before, 1 after (worked out by hand).
    from helpers_compare import HUERTOS, REFORESTAR, cut, scenario

    i18n.set_lang("es")
    store = tmp_path / "g.json"
    EmbeddedStore(store).write(read_paths([cut(tmp_path / "cartera.xlsx", [REFORESTAR, HUERTOS],
                                               relations=False)]).batch)
    before = store.read_bytes()
    mesa = scenario(tmp_path / "mesa.xlsx")
    runs = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(COMMANDS, "informe", "tejido.cli.informe:informe")
        for name, extra in (("con", ["--escenario", str(mesa)]), ("sin", [])):
            pdf = tmp_path / f"{name}.pdf"
            result = CliRunner().invoke(main, ["informe", "--store", str(store), "--out",
                                               str(pdf), *extra])
            assert result.exit_code == 0, result.output
            runs[name] = (text(pdf), pdf.with_suffix(".html").read_text(encoding="utf-8"))
        missing = CliRunner().invoke(main, ["informe", "--store", str(store), "--out",
                                            str(tmp_path / "x.pdf"), "--escenario",
                                            str(tmp_path / "no_hay.xlsx")])
    assert missing.exit_code == 2 and "no_hay.xlsx no existe" in missing.output
    body, page = runs["con"]
    closed = "Coordinación faltante: Agencia CONQUITO ↔ Secretaría de Ambiente"
    for expected in ("Escenario", "«mesa.xlsx»", "El escenario cerraría", "uniría 1 contexto (",
                     closed, "Ambiente × Nono: de 2 grupos a 1 grupo",
                     "Además crearía 1 lazo nuevo entre actores."):
        assert expected in body, expected
        assert expected in page, expected
    assert 'id="escenario"' in page and '<a href="#escenario">' in page
    without, page_without = runs["sin"]
    assert "Hallazgos que cerraría" not in without and 'id="escenario"' not in page_without
    assert store.read_bytes() == before
