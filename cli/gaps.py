"""``tejido gaps``: the coordination-gap report of the store, in any of five formats."""

from __future__ import annotations

from pathlib import Path

import click

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t

from .choices import GAP_FORMATS, GAP_KINDS, GAPS_TOP, PAIRS_PER_CONTEXT
from .human import status
from .localized import command, helps, option
from .options import force_option, lang_option, refuse_overwrite, store_option, writing

register(
    {
        "gcli.written": {"es": "Escrito: {path}", "en": "Written: {path}"},
        "gcli.xlsx_out": {
            "es": "El formato xlsx necesita --out ARCHIVO.xlsx.",
            "en": "The xlsx format needs --out FILE.xlsx.",
        },
        "gcli.empty": {
            "es": "El almacén {store} no tiene acciones: cargue datos con `tejido load`.",
            "en": "The store {store} holds no actions: load data with `tejido load`.",
        },
    }
)


def _format(fmt: str | None, out: Path | None) -> str:
    """--format, else the --out file's extension, else Markdown."""
    if fmt:
        return fmt
    suffix = out.suffix.lower().lstrip(".") if out else ""
    return {"markdown": "md", "htm": "html"}.get(suffix, suffix) if suffix in (
        *GAP_FORMATS, "markdown", "htm") else "md"


helps(
    {
        "help.gaps": {
            "es": "Brechas de coordinación del almacén, en md, csv, json, xlsx o html.\n\n"
            "Acciones sin rector, sin articuladores o sin mecanismo, coordinación faltante, "
            "silos, puntos críticos, territorios desatendidos, iniciativas duplicadas y "
            "acciones estancadas, cada una con su gravedad, evidencia y fuente. El informe "
            "abre con un resumen ejecutivo de las brechas de mayor prioridad (--top) y su "
            "siguiente paso.",
            "en": "The store's coordination gaps, as md, csv, json, xlsx or html.\n\n"
            "Actions without a lead, without articulators or without a mechanism, missing "
            "coordination, silos, critical points, neglected territories, duplicated "
            "initiatives and stalled actions, each with its severity, evidence and source. "
            "The report opens with an executive summary of the highest-priority gaps (--top) "
            "and their next step.",
        },
        "help.gaps.kind": {
            "es": "Tipo de brecha; se puede repetir (todos por defecto).",
            "en": "Gap kind; may be repeated (all by default).",
        },
        "help.gaps.eje": {
            "es": "Solo las acciones bajo este eje u objetivo (id, nombre o código).",
            "en": "Only the actions under this eje or objective (id, name or code).",
        },
        "help.gaps.territorio": {
            "es": "Solo las acciones en este territorio o dentro de él (id, nombre o código).",
            "en": "Only the actions in this territory or inside it (id, name or code).",
        },
        "help.gaps.format": {
            "es": "md, csv, json, xlsx o html (por defecto, según la extensión de --out; si "
            "no, md).",
            "en": "md, csv, json, xlsx or html (by default, from the extension of --out; "
            "otherwise md).",
        },
        "help.gaps.out": {"es": "Archivo de salida (por defecto, la pantalla).",
                          "en": "Output file (the screen by default)."},
        "help.gaps.top": {
            "es": "Cuántas brechas abren el informe en el resumen ejecutivo.",
            "en": "How many gaps the executive summary opens the report with.",
        },
        "help.gaps.pairs": {
            "es": "Pares de coordinación faltante que se listan por contexto (eje × "
                  "territorio), los de mayor prioridad; los demás se cuentan (0: todos).",
            "en": "Missing-coordination pairs listed per context (eje × territory), the "
                  "highest-priority ones; the rest are counted (0: all).",
        },
        "metavar.eje": {"es": "EJE", "en": "EJE"},
        "metavar.territory": {"es": "TERRITORIO", "en": "TERRITORY"},
    }
)


@command(name="gaps", help="help.gaps")
@option("--kind", "kinds", multiple=True, type=click.Choice(GAP_KINDS),
        help="help.gaps.kind")
@option("--eje", default=None, metavar="metavar.eje", help="help.gaps.eje")
@option("--territorio", default=None, metavar="metavar.territory",
        help="help.gaps.territorio")
@option("--format", "fmt", type=click.Choice(GAP_FORMATS), default=None,
        help="help.gaps.format")
@option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="help.gaps.out")
@option("--top", type=click.IntRange(min=0), default=GAPS_TOP, show_default=True,
        metavar="metavar.n", help="help.gaps.top")
@option("--pares-por-contexto", "pairs", type=click.IntRange(min=0),
        default=PAIRS_PER_CONTEXT, show_default=True, metavar="metavar.n",
        help="help.gaps.pairs")
@force_option
@store_option
@lang_option
def gaps(kinds: tuple[str, ...], eje: str | None, territorio: str | None, fmt: str | None,
         out: Path | None, top: int, pairs: int, force: bool, store_spec: str | None) -> None:
    """The coordination-gap report (help: ``help.gaps``)."""
    # The store, the analyses and the report writers load only when a report is made:
    # `tejido gaps --help` took 0.7 s and 70 MB with them at the top (issue 14).
    from tejido.graph.store import using_store
    from tejido.queries.gaps import find_gaps
    from tejido.reports.gap_files import text_chunks, write_report

    chosen = _format(fmt, out)
    if chosen == "xlsx" and out is None:
        raise InputError(t("gcli.xlsx_out"))
    if out is not None:
        refuse_overwrite(out, force)
    with using_store(store_spec) as store:
        # Reading a national portfolio's store takes a while too: the line says so.
        with status(t("status.reading")):
            actions = store.counts().get("Action")
        if not actions:
            raise InputError(t("gcli.empty", store=store.describe()))
        with status(t("status.gaps")) as line:
            report = find_gaps(store, kinds or None, eje, territorio, top=top,
                               pairs_per_context=pairs or None, steps=line.step)
    if out is None:
        for chunk in text_chunks(report, chosen):
            click.echo(chunk, nl=False)
        return
    with writing(out):
        write_report(report, chosen, out)
    click.echo(t("gcli.written", path=out), err=True)
