"""``tejido demo``: the bundled datasets, analysed end to end, into one folder.

Loads every dataset shipped with tejido into a temporary embedded store (nothing is
written to the planner's own store) and writes the gap report in every format, the
centrality table and the network maps, then prints the worst gaps.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import click

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.errors import InputError
from tejido.graph.files import write_atomic
from tejido.graph.i18n import get_lang, register, t
from tejido.graph.store import Store
from tejido.loaders.base import read_paths
from tejido.loaders.bundled import bundled_data_dir
from tejido.queries.centrality import ACTOR_COLUMNS, MEASURES, compute_centrality, measure_columns
from tejido.queries.gaps import (
    GapReport,
    evidence_text,
    find_gaps,
    kind_label,
    number,
    subjects_text,
)
from tejido.reports.gap_files import FORMATS, write_report
from tejido.reports.tables import render
from tejido.viz.maps import write_map, write_map_index
from tejido.viz.views import GAP_KINDS

from .map import gap_finder
from .options import lang_option, writing

#: Characters of evidence shown per gap in the terminal summary.
EVIDENCE_CHARS = 110
#: The demo folder's manifest: each file demo wrote there, with its SHA-256.
MANIFEST = ".tejido-demo.json"
#: How many of the files demo would not replace the refusal names.
NAMED_FILES = 5

register(
    {
        "demo.loaded": {
            "es": "Datos de ejemplo: {documents} documentos, {actors} actores, {actions} "
            "acciones, {territories} territorios, {mechanisms} mecanismos.",
            "en": "Sample data: {documents} documents, {actors} actors, {actions} actions, "
            "{territories} territories, {mechanisms} mechanisms.",
        },
        "demo.findings": {"es": "Brechas de coordinación: {total} hallazgos ({kinds}).",
                          "en": "Coordination gaps: {total} findings ({kinds})."},
        "demo.worst": {"es": "La brecha más grave de cada tipo:",
                       "en": "The worst gap of each kind:"},
        "demo.written": {"es": "Escrito en {out}: {files}", "en": "Written to {out}: {files}"},
        "demo.maps": {"es": "{n} mapas (ábralos desde {index})",
                      "en": "{n} maps (open them from {index})"},
        "demo.dataset": {"es": "datos de ejemplo de tejido ({documents} documentos de Quito y "
                         "Pichincha)",
                         "en": "tejido's sample data ({documents} documents from Quito and "
                         "Pichincha)"},
        "demo.open": {"es": "Empiece por {path}.", "en": "Start with {path}."},
        "demo.foreign": {
            "es": "{out} ya tiene archivos que tejido demo no escribió o que se modificaron "
            "después: {files}. No se reemplazó nada: use --force para reemplazarlos o elija "
            "otra carpeta con --out.",
            "en": "{out} already holds files tejido demo did not write, or that were changed "
            "since: {files}. Nothing was replaced: use --force to replace them or choose "
            "another folder with --out.",
        },
    }
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "eje"


def write_maps(store: Store, out: Path, report: GapReport,
               centrality: list[dict[str, Any]], dataset: str) -> list[Path]:
    """map.html, one map per eje under ejes/, and index.html; returns the files written.

    The main map marks the gaps of the whole report; each eje's map marks the gaps found
    within that eje alone (a pair of actors may miss coordination in one eje only), so
    write_map is handed a function it calls with the eje it resolved.
    """
    lang = get_lang()
    graph = store.snapshot()
    findings = [f for f in report.findings if f.kind in GAP_KINDS]
    scoped = gap_finder(store)
    written = [write_map(graph, out / "map.html", lang=lang, findings=findings,
                         centrality=centrality, dataset=dataset).path]
    per_eje: dict[str, Path] = {}
    for eje in report.ei_por_eje:
        path = out / "ejes" / f"{_slug(eje.eje_id.removeprefix('axis:'))}.html"
        path.parent.mkdir(exist_ok=True)
        try:
            write_map(graph, path, eje=eje.eje_id, lang=lang, findings=scoped,
                      centrality=centrality, dataset=dataset)
        except InputError:
            continue  # an eje whose actions have no actor has nothing to draw
        per_eje[eje.eje or eje.eje_id] = path
        written.append(path)
    written.append(write_map_index({"★ " + t("report.title"): out / "map.html", **per_eje}, out,
                                   lang=lang))
    return written


def _planned(out: Path, report: GapReport) -> list[Path]:
    """Every file a run writes into ``out`` (an eje with nothing to draw is skipped later)."""
    return [*(out / f"gaps.{fmt}" for fmt in FORMATS), out / "centrality.csv",
            out / "map.html",
            *(out / "ejes" / f"{_slug(eje.eje_id.removeprefix('axis:'))}.html"
              for eje in report.ei_por_eje),
            out / "index.html"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest(out: Path) -> dict[str, str]:
    """The files an earlier run wrote (relative path -> SHA-256); empty if none is readable."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"] if data.get("format") == "tejido-demo" else {}
        return {str(k): str(v) for k, v in files.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _foreign(out: Path, planned: list[Path], manifest: dict[str, str]) -> list[Path]:
    """The planned files that exist but are not, byte for byte, what demo wrote there: a
    planner's own index.html, or a gaps.xlsx they edited, is not replaced without --force.
    Demo's own unchanged outputs are, so running demo again needs no --force."""
    foreign = [path for path in planned if path.exists() and not (
        path.is_file() and manifest.get(path.relative_to(out).as_posix()) == _digest(path))]
    ejes = out / "ejes"
    return foreign + ([ejes] if ejes.exists() and not ejes.is_dir() else [])


def _record(out: Path, written: list[Path], manifest: dict[str, str]) -> None:
    """Remember what this run wrote, and what earlier runs wrote that is still unchanged."""
    files = {name: digest for name, digest in manifest.items()
             if ".." not in Path(name).parts and not Path(name).is_absolute()
             and (out / name).is_file() and _digest(out / name) == digest}
    files.update({path.relative_to(out).as_posix(): _digest(path) for path in written})
    write_atomic(out / MANIFEST, json.dumps({"format": "tejido-demo", "files": files},
                                            ensure_ascii=False, indent=1, sort_keys=True))


def _summary_lines(report: GapReport) -> list[str]:
    kinds = "; ".join(f"{kind_label(k)}: {n}" for k, n in report.summary.por_tipo.items() if n)
    lines = [t("demo.findings", total=report.summary.total, kinds=kinds), t("demo.worst")]
    for kind in report.summary.tipos:
        worst = next((f for f in report.findings if f.kind == kind and f.status == "brecha"),
                     None)
        if worst is None:
            continue
        evidence = evidence_text(worst)
        if len(evidence) > EVIDENCE_CHARS:
            evidence = evidence[:EVIDENCE_CHARS - 1] + "…"
        lines.append(f"  - {kind_label(kind)} ({number(worst.severity)}): "
                     f"{subjects_text(worst)} — {evidence}")
    return lines


@click.command(name="demo")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("tejido-demo"), show_default=True,
              help="Carpeta donde escribir los resultados / output folder.")
@click.option("--force", is_flag=True,
              help="Reemplazar archivos de la carpeta que demo no escribió / replace files "
              "in the folder that demo did not write.")
@lang_option
def demo(out: Path, force: bool) -> None:
    """Analiza los datos de ejemplo incluidos (Quito y Pichincha) y escribe el informe de
    brechas, la centralidad y los mapas en una carpeta.

    Vuelva a ejecutarlo sobre la misma carpeta sin --force: demo reemplaza solo lo que él
    mismo escribió (lo anota en .tejido-demo.json)."""
    loaded = read_paths([bundled_data_dir()])
    counts = loaded.batch.counts()
    # The documents a load replaces are the source documents (the registry is not one).
    documents = loaded.batch.replaces
    with tempfile.TemporaryDirectory(prefix="tejido-demo-") as tmp:
        store = EmbeddedStore(Path(tmp) / "graph.json")
        store.write(loaded.batch)
        report = find_gaps(store)
        manifest = _manifest(out)
        foreign = _foreign(out, _planned(out, report), manifest)
        if foreign and not force:
            names = ", ".join(str(p) for p in foreign[:NAMED_FILES])
            raise InputError(t("demo.foreign", out=out, files=names + (
                f" (+{len(foreign) - NAMED_FILES})" if len(foreign) > NAMED_FILES else "")))
        with writing(out):
            out.mkdir(parents=True, exist_ok=True)
            for fmt in FORMATS:
                write_report(report, fmt, out / f"gaps.{fmt}")
            rows = compute_centrality(store)
            headers = _centrality_headers()
            columns = [*ACTOR_COLUMNS, *measure_columns(MEASURES)]
            write_atomic(out / "centrality.csv",
                         render(rows, columns, "csv", headers).encode("utf-8-sig"))
            dataset = t("demo.dataset", documents=len(documents))
            maps = write_maps(store, out, report, rows, dataset)
            _record(out, [*(out / f"gaps.{fmt}" for fmt in FORMATS), out / "centrality.csv",
                          *maps], manifest)
    click.echo(t("demo.loaded", documents=len(documents), actors=counts.get("Actor", 0),
                 actions=counts.get("Action", 0), territories=counts.get("Territory", 0),
                 mechanisms=counts.get("Mechanism", 0)))
    for line in _summary_lines(report):
        click.echo(line)
    files = [f"gaps.{fmt}" for fmt in FORMATS] + ["centrality.csv"]
    files.append(t("demo.maps", n=len(maps) - 1, index="index.html"))
    click.echo(t("demo.written", out=out, files=", ".join(files)))
    click.echo(t("demo.open", path=out / "index.html"))


def _centrality_headers() -> dict[str, str]:
    from .analyses import HEADERS_EN

    return HEADERS_EN if get_lang() == "en" else {}
