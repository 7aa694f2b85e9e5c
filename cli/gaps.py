"""``tejido gaps``: the coordination-gap report of the store, in any of five formats."""

from __future__ import annotations

from pathlib import Path

import click

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t
from tejido.graph.store import using_store
from tejido.queries.gaps import KINDS, find_gaps
from tejido.queries.gaps.engine import TOP
from tejido.reports.gap_files import FORMATS, TEXT_RENDERERS, write_report

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
        *FORMATS, "markdown", "htm") else "md"


@click.command(name="gaps")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Tipo de brecha (repetible; todos por defecto) / gap kind (repeatable).")
@click.option("--eje", default=None, metavar="EJE",
              help="Solo acciones bajo este eje u objetivo (id, nombre o código).")
@click.option("--territorio", default=None, metavar="TERRITORIO",
              help="Solo acciones en este territorio o dentro de él (id, nombre o código).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="md, csv, json, xlsx o html (por defecto según --out, si no md).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Archivo de salida (por defecto, la pantalla) / output file.")
@click.option("--top", type=click.IntRange(min=0), default=TOP, show_default=True,
              metavar="N",
              help="Brechas que abren el informe en el resumen ejecutivo / gaps the executive "
                   "summary opens the report with.")
@force_option
@store_option
@lang_option
def gaps(kinds: tuple[str, ...], eje: str | None, territorio: str | None, fmt: str | None,
         out: Path | None, top: int, force: bool, store_spec: str | None) -> None:
    """Brechas de coordinación: acciones sin rector, sin articuladores o sin mecanismo,
    coordinación faltante, silos, puntos críticos, territorios desatendidos, iniciativas
    duplicadas y acciones estancadas, cada una con su gravedad, evidencia y fuente; el
    informe abre con un resumen ejecutivo de las --top brechas de mayor prioridad y su
    siguiente paso."""
    chosen = _format(fmt, out)
    if chosen == "xlsx" and out is None:
        raise InputError(t("gcli.xlsx_out"))
    if out is not None:
        refuse_overwrite(out, force)
    with using_store(store_spec) as store:
        if not store.counts().get("Action"):
            raise InputError(t("gcli.empty", store=store.describe()))
        report = find_gaps(store, kinds or None, eje, territorio, top=top)
    if out is None:
        click.echo(TEXT_RENDERERS[chosen](report), nl=False)
        return
    with writing(out):
        write_report(report, chosen, out)
    click.echo(t("gcli.written", path=out), err=True)
