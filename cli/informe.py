"""``tejido informe``: the technical report of the store, as an A4 PDF and an HTML page."""

from __future__ import annotations

import tempfile
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t

from .choices import GAPS_TOP
from .human import status
from .localized import command, helps, option
from .options import force_option, lang_option, refuse_overwrite, store_option, writing

if TYPE_CHECKING:
    from tejido.graph.model import GraphBatch

helps(
    {
        "help.informe": {
            "es": "Informe técnico para imprimir y adjuntar a un oficio.\n\nPortada, resumen "
            "ejecutivo, gráficos, mapa de la red, análisis por eje, perfiles institucionales "
            "y anexos de calidad de datos y métodos, en PDF A4 y en HTML.",
            "en": "Technical report to print and attach to an official letter.\n\nCover, "
            "executive summary, charts, network map, analysis by eje, institutional "
            "profiles and annexes on data quality and methods, as an A4 PDF and as HTML.",
        },
        "help.informe.out": {"es": "Informe en PDF (A4).", "en": "Report as PDF (A4)."},
        "help.informe.html": {
            "es": "Informe en HTML (por defecto, junto al PDF con extensión .html).",
            "en": "Report as HTML (by default beside the PDF, with extension .html).",
        },
        "help.informe.institucion": {
            "es": "Institución que firma el informe (portada y encabezado).",
            "en": "Institution signing the report (cover and header).",
        },
        "help.informe.fecha": {"es": "Fecha del informe (por defecto, hoy).",
                               "en": "Date of the report (today by default)."},
        "help.informe.top": {"es": "Brechas del resumen ejecutivo.",
                             "en": "Gaps in the executive summary."},
        "help.informe.escenario": {
            "es": "Añade una sección «Escenario»: qué cambiaría este libro de acciones, "
                  "relaciones o mecanismos propuestos (como `tejido simular`, sobre una "
                  "copia del almacén).",
            "en": "Add a «Scenario» section: what this workbook of proposed actions, "
                  "relations or mechanisms would change (as `tejido simular`, on a copy "
                  "of the store)."},
        "metavar.informe.fecha": {"es": "AAAA-MM-DD", "en": "YYYY-MM-DD"},
        "metavar.informe.escenario": {"es": "ESCENARIO.xlsx", "en": "SCENARIO.xlsx"},
    }
)

register(
    {
        "icli.written": {"es": "Escrito: {pdf} y {html}.", "en": "Written: {pdf} and {html}."},
        "icli.simulating": {"es": "Simulando el escenario", "en": "Simulating the scenario"},
        "icli.centrality": {"es": "Calculando la centralidad",
                            "en": "Computing the centrality"},
        "icli.composing": {"es": "Componiendo el informe", "en": "Composing the report"},
        "icli.writing": {"es": "Escribiendo {pdf} y {html}", "en": "Writing {pdf} and {html}"},
        "icli.bad_date": {
            "es": "--fecha debe ser una fecha AAAA-MM-DD (por ejemplo 2026-03-31), no «{value}».",
            "en": "--fecha must be a YYYY-MM-DD date (e.g. 2026-03-31), not «{value}».",
        },
        "icli.no_scenario": {"es": "El escenario {path} no existe.",
                             "en": "The scenario {path} does not exist."},
        "icli.warning": {"es": "aviso: {text}", "en": "warning: {text}"},
        "icli.same": {"es": "--out y --html deben ser archivos distintos.",
                      "en": "--out and --html must be different files."},
        "icli.empty": {
            "es": "El almacén {store} no tiene acciones: cargue datos con `tejido load`.",
            "en": "The store {store} holds no actions: load data with `tejido load`.",
        },
    }
)


def check_date(value: str | None) -> str | None:
    """An ISO date as given, or InputError (exit 2) saying the expected form."""
    if value is None:
        return None
    try:
        return Date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(t("icli.bad_date", value=value)) from None


def read_scenario(path: Path) -> GraphBatch:
    """The scenario workbook read as ``tejido simular`` reads it (every bad cell
    reported, exit 2), before the store is opened."""
    from tejido.loaders.base import read_paths

    if not path.exists():
        raise InputError(t("icli.no_scenario", path=path))
    loaded = read_paths([path])
    for warning in loaded.warnings:
        click.echo(t("icli.warning", text=warning), err=True)
    return loaded.batch


@command(name="informe", help="help.informe")
@option("--out", type=click.Path(dir_okay=False, path_type=Path),
        default=Path("informe.pdf"), show_default=True, help="help.informe.out")
@option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path),
        default=None, help="help.informe.html")
@option("--institucion", default=None, help="help.informe.institucion")
@option("--fecha", default=None, metavar="metavar.informe.fecha", help="help.informe.fecha")
@option("--top", type=click.IntRange(min=0), default=GAPS_TOP, show_default=True,
        metavar="metavar.n", help="help.informe.top")
@option("--escenario", type=click.Path(dir_okay=True, path_type=Path), default=None,
        metavar="metavar.informe.escenario", help="help.informe.escenario")
@force_option
@store_option
@lang_option
def informe(out: Path, html_out: Path | None, institucion: str | None, fecha: str | None,
            top: int, escenario: Path | None, force: bool, store_spec: str | None) -> None:
    """The technical report (help text: ``help.informe``)."""
    # The store, the analyses, the charts and the typesetter load only when a report is
    # written: `tejido informe --help` took 1.4 s and 140 MB with them at the top.
    from tejido.graph.store import using_store
    from tejido.queries.centrality import compute_centrality, project
    from tejido.queries.compare import compare_cuts
    from tejido.queries.compare_scenario import simulate_cuts
    from tejido.queries.gaps import find_gaps
    from tejido.reports.informe_gaps import EVIDENCE, InformeGaps

    day = check_date(fecha)
    html_path = html_out or out.with_suffix(".html")
    if html_path.absolute() == out.absolute():
        raise InputError(t("icli.same"))
    refuse_overwrite(out, force)
    refuse_overwrite(html_path, force)
    proposed = read_scenario(escenario) if escenario is not None else None
    with using_store(store_spec) as store:
        # A national portfolio's report takes minutes: the status line (on a terminal)
        # says which step is running.
        with status(t("status.reading")):
            actions = store.counts().get("Action")
        if not actions:
            raise InputError(t("icli.empty", store=store.describe()))
        scenario = None
        if escenario is not None and proposed is not None:
            with (status(t("icli.simulating")),
                  tempfile.TemporaryDirectory(prefix="tejido-escenario-") as folder):
                before, after = simulate_cuts(store, proposed, Path(folder))
            scenario = (escenario.name, compare_cuts(before, after))
        # Only what the report prints of the gap report is kept (the evidence it reads, then
        # InformeGaps): the whole report would sit beside the graph, which centrality and
        # the report's sections read again (issue 14).
        with status(t("status.gaps")) as line:
            gaps = InformeGaps.of(find_gaps(store, top=top, evidence=EVIDENCE,
                                            steps=line.step))
        # The charts and the typesetter (73 MB of modules) load once the gap analysis,
        # the report's peak, is over: at 40 000 actions it peaked at 1 GB with them.
        from tejido.reports.informe import build_informe, write_informe

        with status(t("icli.centrality")):
            rows = compute_centrality(store)
            network, _ = project(store)
        with status(t("icli.composing")):
            content = build_informe(store, gaps, rows, network, institucion=institucion,
                                    fecha=day, scenario=scenario)
    with writing(out), status(t("icli.writing", pdf=out, html=html_path)):
        write_informe(content, pdf=out, html=html_path)
    click.echo(t("icli.written", pdf=out, html=html_path))
