"""The work of ``tejido demo`` (:mod:`.demo`): the bundled datasets, analysed, in a folder.

Loads every dataset shipped with tejido into a temporary embedded store and writes the
technical report (PDF and HTML), the gap report in every format, the centrality table and
the network maps — the whole network, each document's and each eje's — under a front page
(index.html), then prints the worst gaps. The sample data also goes into the planner's
default store when that changes nothing of theirs (:mod:`tejido.cli.demo_store`), so the
next ``tejido gaps`` works; otherwise the last line gives the commands that do.
"""

from __future__ import annotations

import hashlib
import json
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
from tejido.queries.centrality import (
    ACTOR_COLUMNS,
    MEASURES,
    compute_centrality,
    measure_columns,
    project,
)
from tejido.queries.gaps import (
    GapReport,
    find_gaps,
    kind_label,
    number,
)
from tejido.reports.gap_files import FORMATS, write_report
from tejido.reports.gap_tables import status_text
from tejido.reports.informe import build_informe, write_informe
from tejido.reports.informe_data import document_titles
from tejido.reports.landing import DocumentMaps, document_graph, plan_maps, write_landing
from tejido.reports.tables import render
from tejido.viz.maps import write_map
from tejido.viz.overlay import Marks
from tejido.viz.views import GAP_KINDS

from .demo_store import load_default
from .map import gap_finder
from .options import writing

#: Characters of evidence shown per gap in the terminal summary.
EVIDENCE_CHARS = 160
#: How many of the executive summary's gaps the demo prints (the reports list 10).
SHOWN_TOP = 5
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
        "demo.findings": {"es": "Hallazgos: {status} Por tipo: {kinds}.",
                          "en": "Findings: {status} By kind: {kinds}."},
        "demo.top": {"es": "Las brechas de mayor prioridad y su siguiente paso:",
                     "en": "The highest-priority gaps and their next step:"},
        "demo.top_line": {"es": "  {rank}. {kind} (prioridad {priority}): {subjects}\n"
                                "     Siguiente paso: {step}",
                          "en": "  {rank}. {kind} (priority {priority}): {subjects}\n"
                                "     Next step: {step}"},
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


def write_maps(store: Store, out: Path, report: GapReport, centrality: list[dict[str, Any]],
               dataset: str, plan: list[DocumentMaps]) -> list[Path]:
    """map.html, each document's map under documentos/ and each eje's under ejes/ (those
    ``plan`` gives a path: 3 actors or more); returns the files written.

    The main map marks the gaps of the whole report; a document's map those citing the
    document; each eje's map the gaps found within that eje alone (a pair of actors may
    miss coordination in one eje only), so write_map is handed a function it calls with
    the eje it resolved.
    """
    lang = get_lang()
    graph = store.snapshot()
    # The pairs the report lists, as `tejido map` draws them; the main map says how many
    # the report counted and left out.
    findings = [f for f in report.findings if f.kind in GAP_KINDS]
    scoped = gap_finder(store)
    written = [write_map(graph, out / "map.html", lang=lang,
                         findings=Marks(findings, report.summary.pares_omitidos),
                         centrality=centrality, dataset=dataset).path]
    for doc in plan:
        if doc.whole.path is not None:
            cited = [f for f in findings if any(p.document == doc.id for p in f.provenance)]
            try:
                write_map(document_graph(graph, doc.id), doc.whole.path, lang=lang,
                          findings=cited, centrality=centrality, dataset=doc.title,
                          title=doc.title, view=doc.whole.view)
                written.append(doc.whole.path)
            except InputError:
                doc.whole.path = None  # nothing to draw after all: listed, not linked
        for link in doc.ejes:
            if link.path is None:
                continue
            try:
                write_map(graph, link.path, eje=link.scope, lang=lang, findings=scoped,
                          centrality=centrality, dataset=dataset)
                written.append(link.path)
            except InputError:
                link.path = None  # an eje whose actions have no actor has nothing to draw
    return written


def _landing(out: Path, plan: list[DocumentMaps], titles: dict[str, dict[str, str]],
             counts: dict[str, int], report: GapReport) -> Path:
    """index.html: the documents, the numbers, the reports, the maps and the data files."""
    from tejido.graph.i18n import integer
    from tejido.graph.vocabulary import display

    states = report.summary.por_estado
    documents = [(titles.get(d.id, {}).get("title", d.id),
                  display("documento.autoridad",
                          titles.get(d.id, {}).get("autoridad", "sin_declarar")))
                 for d in plan]
    headline = [(integer(counts.get("Actor", 0)), t("inf.h_actors")),
                (integer(counts.get("Action", 0)), t("inf.h_actions")),
                (integer(states.get("brecha", 0)), t("inf.h_gaps")),
                (integer(states.get("por_confirmar", 0)), t("inf.h_pending"))]
    files = [("gaps.csv", t("land.file.csv")), ("gaps.xlsx", t("land.file.xlsx")),
             ("gaps.json", t("land.file.json")), ("gaps.md", t("land.file.md")),
             ("centrality.csv", t("land.file.centrality"))]
    return write_landing(out, documents=documents, headline=headline,
                         whole_map=out / "map.html", maps=plan, files=files)


#: The technical report's files in the demo folder.
INFORME = ("informe.pdf", "informe.html")


def _planned(out: Path, plan: list[DocumentMaps]) -> list[Path]:
    """Every file a run writes into ``out`` (a map with nothing to draw is skipped later)."""
    maps = [link.path for doc in plan for link in (doc.whole, *doc.ejes)
            if link.path is not None]
    return [*(out / f"gaps.{fmt}" for fmt in FORMATS), out / "centrality.csv",
            *(out / name for name in INFORME), out / "map.html", *maps, out / "index.html"]


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
    folders = [out / "ejes", out / "documentos"]
    return foreign + [f for f in folders if f.exists() and not f.is_dir()]


def _record(out: Path, written: list[Path], manifest: dict[str, str]) -> None:
    """Remember what this run wrote, and what earlier runs wrote that is still unchanged."""
    files = {name: digest for name, digest in manifest.items()
             if ".." not in Path(name).parts and not Path(name).is_absolute()
             and (out / name).is_file() and _digest(out / name) == digest}
    files.update({path.relative_to(out).as_posix(): _digest(path) for path in written})
    write_atomic(out / MANIFEST, json.dumps({"format": "tejido-demo", "files": files},
                                            ensure_ascii=False, indent=1, sort_keys=True))


def _summary_lines(report: GapReport) -> list[str]:
    """The counts, then the executive summary's first gaps with their next step (the
    same ranking as the reports, by priority, not the worst of each kind)."""
    kinds = "; ".join(f"{kind_label(k)}: {n}" for k, n in report.summary.por_tipo.items() if n)
    lines = [t("demo.findings", status=status_text(report), kinds=kinds)]
    if report.summary.top:
        lines.append(t("demo.top"))
    for top in report.summary.top[:SHOWN_TOP]:
        step = top.recommendation
        if len(step) > EVIDENCE_CHARS:
            step = step[:EVIDENCE_CHARS - 1] + "…"
        lines.append(t("demo.top_line", rank=top.rank, kind=kind_label(top.kind),
                       priority=number(top.priority), subjects=top.subjects, step=step))
    return lines


def run(out: Path, force: bool) -> None:
    """Analyse the bundled sample data and write the reports, the centrality table and the
    maps into ``out`` (``tejido demo``: see :mod:`.demo`)."""
    data_dir = bundled_data_dir()
    loaded = read_paths([data_dir])
    counts = loaded.batch.counts()
    # The documents a load replaces are the source documents (the registry is not one).
    documents = loaded.batch.replaces
    with tempfile.TemporaryDirectory(prefix="tejido-demo-") as tmp:
        store = EmbeddedStore(Path(tmp) / "graph.json")
        store.write(loaded.batch)
        report = find_gaps(store)
        titles = document_titles(store)
        plan = plan_maps(store.snapshot(), report,
                         {d: v["title"] for d, v in titles.items()}, out)
        manifest = _manifest(out)
        foreign = _foreign(out, _planned(out, plan), manifest)
        if foreign and not force:
            names = ", ".join(str(p) for p in foreign[:NAMED_FILES])
            raise InputError(t("demo.foreign", out=out, files=names + (
                f" (+{len(foreign) - NAMED_FILES})" if len(foreign) > NAMED_FILES else "")))
        with writing(out):
            out.mkdir(parents=True, exist_ok=True)
            for fmt in FORMATS:
                write_report(report, fmt, out / f"gaps.{fmt}")
            rows = compute_centrality(store)
            # The CSV is a machine format: the contract's column names in every language.
            headers: dict[str, str] = {}
            columns = [*ACTOR_COLUMNS, *measure_columns(MEASURES)]
            write_atomic(out / "centrality.csv",
                         render(rows, columns, "csv", headers).encode("utf-8-sig"))
            dataset = t("demo.dataset", documents=len(documents))
            network, _ = project(store)
            content = build_informe(store, report, rows, network, data_label=dataset)
            write_informe(content, pdf=out / INFORME[0], html=out / INFORME[1])
            maps = write_maps(store, out, report, rows, dataset, plan)
            index = _landing(out, plan, titles, counts, report)
            _record(out, [*(out / f"gaps.{fmt}" for fmt in FORMATS), out / "centrality.csv",
                          *(out / name for name in INFORME), *maps, index], manifest)
    stored = load_default(loaded.batch, data_dir, out / "tejido-demo.graph")
    click.echo(t("demo.loaded", documents=len(documents), actors=counts.get("Actor", 0),
                 actions=counts.get("Action", 0), territories=counts.get("Territory", 0),
                 mechanisms=counts.get("Mechanism", 0)))
    for line in _summary_lines(report):
        click.echo(line)
    files = [*INFORME, *(f"gaps.{fmt}" for fmt in FORMATS), "centrality.csv"]
    files.append(t("demo.maps", n=len(maps), index="index.html"))
    click.echo(t("demo.written", out=out, files=", ".join(files)))
    click.echo(t("demo.open", path=out / "index.html"))
    click.echo(stored)

