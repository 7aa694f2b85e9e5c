"""``tejido demo`` end to end on the bundled datasets, and what the report shows about the
source documents' own diagnoses (numbers recomputed here from the loaded rows)."""

from __future__ import annotations

import csv
import html
import importlib.util
import json
import re
import shlex
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from click.testing import CliRunner
from helpers_pdf import A4, page_sizes, text

from tejido.cli.main import main
from tejido.graph import i18n
from tejido.graph.model import GraphBatch, RelType
from tejido.loaders.base import read_paths
from tejido.loaders.bundled import bundled_data_dir

QUITO_RURAL = "000_4a985cea5809c66a"
RESILIENCE = "002_88ae770ca5db9c38"
OFFICE = "Dirección Metropolitana de Resiliencia"


@dataclass
class Demo:
    out: Path
    stdout: str
    report: dict[str, Any]
    batch: GraphBatch


@contextmanager
def planner_folder(folder: Path) -> Iterator[None]:
    """Run in ``folder`` with no TEJIDO_STORE, as a planner in a fresh folder would: the
    default store is then ``folder/.tejido/graph.json``."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        mp.delenv("TEJIDO_STORE", raising=False)
        yield


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    folder = tmp_path_factory.mktemp("demo")
    out = folder / "tejido-demo"
    i18n.set_lang("es")  # the default a fresh process starts with (--lang is process-wide)
    with planner_folder(folder):
        result = CliRunner().invoke(main, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "gaps.json").read_text(encoding="utf-8"))
    yield Demo(out, result.output, report, read_paths([bundled_data_dir()]).batch)


def test_demo_writes_every_file(demo: Demo) -> None:
    for name in ("gaps.md", "gaps.csv", "gaps.json", "gaps.xlsx", "gaps.html", "centrality.csv"):
        assert (demo.out / name).stat().st_size > 0, name
    maps = importlib.util.find_spec("tejido.viz.maps") is not None
    assert (demo.out / "map.html").exists() == maps
    assert (demo.out / "index.html").exists() == maps
    if maps:
        per_eje = sorted((demo.out / "ejes").glob("*.html"))
        assert per_eje
        index = (demo.out / "index.html").read_text(encoding="utf-8")
        assert all(f"ejes/{p.name}" in index for p in per_eje)
    with (demo.out / "centrality.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    actors = [n for n in demo.batch.nodes.values() if n.label == "Actor"]
    # A renamed institution and what it replaced are one row, which names them.
    replaced = {r.target for r in demo.batch.rels.values() if r.type == RelType.SUCCEEDS}
    assert len(rows) == len(actors) - len(replaced) and replaced
    named = {n.name for n in actors if n.id in replaced}
    assert {p for r in rows for p in r["predecesores"].split("; ") if p} == named


def test_demo_prints_a_spanish_summary(demo: Demo) -> None:
    states = demo.report["summary"]["por_estado"]
    assert (f"Hallazgos: {states['brecha']} brechas; {states['por_confirmar']} por "
            "confirmar") in demo.stdout
    assert "Las brechas de mayor prioridad y su siguiente paso:" in demo.stdout
    # The first line is the executive summary's first gap, with its next step.
    first = demo.report["summary"]["top"][0]
    assert "  1. " in demo.stdout and f"): {first['subjects']}\n" in demo.stdout
    assert "Siguiente paso: " + first["recommendation"][:60] in demo.stdout


def _actions_without_articulators(batch: GraphBatch, document: str) -> set[tuple[str, int]]:
    """(table, row) of the document's actions no ARTICULATES relationship reaches."""
    articulated = {r.target for r in batch.rels.values() if r.type == RelType.ARTICULATES}
    sources = {n.id: n for n in batch.nodes.values() if n.label == "Source"}
    return {
        (sources[s].table, sources[s].row)
        for n in batch.nodes.values() if n.label == "Action" and n.id not in articulated
        for s in n.sources if sources[s].document == document
    }


def test_quito_rural_rows_without_articulators_are_listed(demo: Demo) -> None:
    expected = _actions_without_articulators(demo.batch, QUITO_RURAL)
    # Read by hand in data/000_quito_rural/tables/eje1.tsv: the action on row 17 has no
    # ente rector and no articuladores (row 16 opens a new ámbito with both empty).
    assert ("Resultado 1 – Tierra productiva", 17) in expected
    listed = {
        (p["table"], p["row"])
        for f in demo.report["findings"]
        if f["kind"] == "sin_articuladores"
        or (f["kind"] == "sin_rector" and f["evidence"]["articuladores"] == 0)
        for p in f["provenance"] if p["document"] == QUITO_RURAL
    }
    assert listed == expected
    section = (demo.out / "gaps.md").read_text(encoding="utf-8").split(
        "## Acciones sin articuladores, por documento")[1].split("\n## ")[0]
    title = _titles()[QUITO_RURAL]  # documents by title in the reports
    for table, row in expected:
        assert f"| {title} | {table} | {row} |" in section


def _ties(batch: GraphBatch, actor: str) -> tuple[set[str], set[str]]:
    """The actor's neighbours (shared action or RELATES), split by the same/other interno."""
    takes_part: dict[str, set[str]] = {}
    for rel in batch.rels.values():
        if rel.type in (RelType.LEADS, RelType.ARTICULATES):
            takes_part.setdefault(rel.target, set()).add(rel.source)
    neighbours = set()
    for people in takes_part.values():
        if actor in people:
            neighbours |= people
    for rel in batch.rels.values():
        if rel.type == RelType.RELATES and actor in (rel.source, rel.target):
            neighbours |= {rel.source, rel.target}
    neighbours.discard(actor)
    mine = batch.nodes[actor].interno  # type: ignore[attr-defined]
    flags = {n: batch.nodes[n].interno for n in neighbours}  # type: ignore[attr-defined]
    same = {n for n, f in flags.items() if f is not None and f == mine}
    other = {n for n, f in flags.items() if f is not None and f != mine}
    return same, other


def test_the_resilience_office_ei_index_is_reported(demo: Demo) -> None:
    office = next(n for n in demo.batch.nodes.values()
                  if n.label == "Actor" and n.name == OFFICE)  # type: ignore[attr-defined]
    internal, external = _ties(demo.batch, office.id)
    # The report (3.2) says the office coordinates only with external entities; its own
    # tables name internal partners too (CONQUITO in RCN-Visa, the Secretaría de Ambiente
    # and the SGP in FIEM): the E–I index is not +1.
    assert internal and external
    entry = next(a for a in demo.report["ei_por_actor"] if a["actor_id"] == office.id)
    assert (entry["i"], entry["e"]) == (len(internal), len(external))
    assert {r["id"] for r in entry["internos"]} == internal
    ei = (len(external) - len(internal)) / (len(external) + len(internal))
    assert entry["ei"] == pytest.approx(ei, abs=1e-4) and entry["ei"] < 1
    assert entry["responsable_de"]  # the dataset names the office as responsible
    md = (demo.out / "gaps.md").read_text(encoding="utf-8")
    section = md.split("## Coordinación interna y externa de los actores responsables")[1]
    line = next(x for x in section.splitlines() if x.startswith(f"| {OFFICE} |"))
    assert f"{ei:+.2f}".replace(".", ",") in line


# --- the report, the front page and the default store (issue 12) ------------------------


def _visible(page: str) -> str:
    """A page's text as a reader sees it (tags dropped, entities kept as written)."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def _titles() -> dict[str, str]:
    """document id -> title, from each bundled dataset.yaml."""
    specs = [yaml.safe_load(p.read_text(encoding="utf-8"))
             for p in sorted(bundled_data_dir().glob("*/dataset.yaml"))]
    return {spec["document"]: spec["title"] for spec in specs}


def _document_actors(batch: GraphBatch) -> dict[str, int]:
    """Per document, the actors a LEADS/ARTICULATES row of that document names."""
    sources = {n.id: n for n in batch.nodes.values() if n.label == "Source"}
    actors: dict[str, set[str]] = {}
    for rel in batch.rels.values():
        if rel.type in (RelType.LEADS, RelType.ARTICULATES):
            for s in rel.sources:
                actors.setdefault(sources[s].document, set()).add(rel.source)
    return {doc: len(found) for doc, found in actors.items()}


def test_demo_writes_the_technical_report(demo: Demo) -> None:
    pdf = demo.out / "informe.pdf"
    sizes = page_sizes(pdf)
    assert sizes and all(w == pytest.approx(A4[0], abs=0.5) and h == pytest.approx(A4[1], abs=0.5)
                         for w, h in sizes)
    body = text(pdf)
    assert "Resumen ejecutivo" in body
    for title in _titles().values():
        assert " ".join(title.split()) in body
    assert "Resumen ejecutivo" in (demo.out / "informe.html").read_text(encoding="utf-8")
    manifest = json.loads((demo.out / ".tejido-demo.json").read_text(encoding="utf-8"))
    assert {"informe.pdf", "informe.html", "index.html"} <= set(manifest["files"])


def test_the_front_page_leads_to_the_reports_and_the_maps(demo: Demo) -> None:
    page = (demo.out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"#]+)"', page)
    for target in ("informe.pdf", "informe.html", "gaps.html", "map.html", "gaps.xlsx",
                   "centrality.csv"):
        assert target in links
    assert all((demo.out / unquote(link)).is_file() for link in links)
    visible = _visible(page)
    titles = _titles()
    for document, title in titles.items():
        assert html.escape(title) in page
        assert document not in visible  # documents by title, never by hash id
    counts = _document_actors(demo.batch)
    # The headline numbers, recounted from the loaded rows.
    actors = sum(1 for n in demo.batch.nodes.values() if n.label == "Actor")
    assert f"<b>{actors}</b>" in page
    assert f"<b>{demo.report['summary']['por_estado']['brecha']}</b>" in page
    sections = dict(zip(re.findall(r"<h3>(.*?)</h3>", page),
                        re.split(r"<h3>.*?</h3>", page)[1:], strict=True))
    for document, title in titles.items():
        section = sections[html.escape(title)].split("</ul>")[0]
        maps = re.findall(r'href="((?:documentos|ejes)/[^"]+)"', section)
        # Every document gets a map: its actor network when it names 3 actors or more,
        # else (004: one institution runs the programme) its actions, mesas and territories.
        assert any(m.startswith("documentos/") for m in maps), title
        full = "Mapa del documento: sus acciones, mecanismos y territorios" in section
        assert full == (counts.get(document, 0) < 3), title


def test_small_ejes_get_no_map(demo: Demo) -> None:
    written = {p.name for p in (demo.out / "ejes").glob("*.html")}
    for eje in demo.report["ei_por_eje"]:
        slug = re.sub(r"[^a-z0-9]+", "-", eje["eje_id"].removeprefix("axis:").lower()).strip("-")
        assert (f"{slug}.html" in written) == (eje["actores"] >= 3), eje["eje"]


def test_after_the_demo_the_next_command_works(demo: Demo) -> None:
    folder = demo.out.parent
    assert "almacén por defecto" in demo.stdout.splitlines()[-1]
    with planner_folder(folder):
        result = CliRunner().invoke(main, ["gaps", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["summary"]["total"] == demo.report["summary"]["total"]


def test_a_default_store_with_other_data_is_left_alone(tmp_path: Path) -> None:
    # The planner's own data: a dataset under another document id.
    mine = tmp_path / "mi_plan"
    shutil.copytree(bundled_data_dir() / "004_pactos_pichincha", mine)
    spec = mine / "dataset.yaml"
    spec.write_text(re.sub(r'(?m)^document: .*$', 'document: "mi_plan_2026"',
                           spec.read_text(encoding="utf-8")), encoding="utf-8")
    i18n.set_lang("es")
    with planner_folder(tmp_path):
        assert CliRunner().invoke(main, ["load", str(mine)]).exit_code == 0
        store = tmp_path / ".tejido" / "graph.json"
        before = store.read_bytes()
        result = CliRunner().invoke(main, ["demo", "--out", "salida"])
        assert result.exit_code == 0, result.output
        assert store.read_bytes() == before
        last = result.output.strip().splitlines()[-1]
        assert "no se tocó" in last
        # The line's commands work as printed.
        for command in last.split(": ", 1)[1].split(" && "):
            args = shlex.split(command)
            assert args[0] == "tejido"
            run = CliRunner().invoke(main, args[1:])
            assert run.exit_code == 0, run.output
