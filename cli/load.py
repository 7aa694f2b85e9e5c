"""``tejido load``, ``tejido template`` and ``tejido synth``.

``load`` validates everything it is given before it writes anything: a bad cell anywhere
means exit code 2, one line per bad cell (FILE:SHEET:ROW:COLUMN: message) and an
untouched store.
"""

from __future__ import annotations

import sys
import time
from contextlib import ExitStack
from pathlib import Path

import click
from tqdm import tqdm

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t
from tejido.graph.store import using_store
from tejido.loaders.base import read_paths

from .db import count_lines
from .main import INPUT_EXIT
from .options import force_option, lang_option, refuse_overwrite, store_option, writing

register(
    {
        "load.rejected": {
            "es": "{n} problema(s) en los datos; no se escribió nada.",
            "en": "{n} problem(s) in the data; nothing was written.",
        },
        "load.warning": {"es": "aviso: {text}", "en": "warning: {text}"},
        "load.reading": {"es": "Leyendo {paths}…", "en": "Reading {paths}…"},
        "load.progress": {"es": "Escribiendo", "en": "Writing"},
        "load.dry_run": {
            "es": "Datos válidos ({warnings} aviso(s)); simulación: no se escribió nada. "
            "Se cargaría:",
            "en": "Data valid ({warnings} warning(s)); dry run: nothing was written. "
            "Would load:",
        },
        "load.done": {
            "es": "Cargado en {where} en {seconds:.1f} s ({warnings} aviso(s)):",
            "en": "Loaded into {where} in {seconds:.1f} s ({warnings} warning(s)):",
        },
        "load.col_batch": {"es": "cargados", "en": "loaded"},
        "load.col_total": {"es": "total", "en": "total"},
        "template.written": {
            "es": "Plantilla escrita en {out}",
            "en": "Template written to {out}",
        },
        "cli.not_xlsx": {
            "es": "{out}: el archivo debe terminar en .xlsx",
            "en": "{out}: the file name must end in .xlsx",
        },
        "synth.written": {
            "es": "Cartera sintética escrita en {out}: {actors} actores, {actions} acciones "
            "({seconds:.1f} s)",
            "en": "Synthetic portfolio written to {out}: {actors} actors, {actions} actions "
            "({seconds:.1f} s)",
        },
    }
)


def _show_progress(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--dry-run", is_flag=True, help="Solo validar / validate only, write nothing.")
@click.option("--strict", is_flag=True,
              help="Actores, territorios o mecanismos no declarados son errores / "
              "undeclared references are errors.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Filas por transacción en Neo4j / rows per Neo4j transaction.")
@click.option("--quiet", "-q", is_flag=True,
              help="Sin barra de progreso / no progress bar.")
@lang_option
def load(
    paths: tuple[Path, ...], store_spec: str | None, dry_run: bool, strict: bool,
    batch_size: int | None, quiet: bool,
) -> None:
    """Carga libros del planificador (.xlsx o carpeta de .csv) y carpetas de datos.

    Load planner workbooks (.xlsx or a folder of .csv) and dataset folders.
    """
    started = time.monotonic()
    with ExitStack() as stack:
        # Reach the store first: a server that is down should not cost a full read.
        store = None if dry_run else stack.enter_context(using_store(store_spec, batch_size))
        if _show_progress(quiet):
            click.echo(t("load.reading", paths=", ".join(str(p) for p in paths)), err=True)
        try:
            result = read_paths(list(paths), strict=strict)
        except InputError as exc:
            click.echo(exc.message, err=True)
            click.echo(t("load.rejected", n=len(exc.problems)), err=True)
            raise click.exceptions.Exit(INPUT_EXIT) from None
        for warning in result.warnings:
            click.echo(t("load.warning", text=warning), err=True)
        batch = result.batch
        if store is None:
            click.echo(t("load.dry_run", warnings=len(result.warnings)))
            for line in count_lines({t("load.col_batch"): batch.counts()}):
                click.echo(line)
            return
        with tqdm(total=len(batch.nodes) + len(batch.rels), desc=t("load.progress"),
                  unit=" elem", file=sys.stderr, disable=not _show_progress(quiet)) as bar:
            store.write(batch, progress=bar.update)
        counts = store.counts()
        where = store.describe()
    click.echo(t("load.done", where=where, seconds=time.monotonic() - started,
                 warnings=len(result.warnings)))
    for line in count_lines({t("load.col_batch"): batch.counts(), t("load.col_total"): counts}):
        click.echo(line)


@click.command("template")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@force_option
@lang_option
def template(out: Path, force: bool) -> None:
    """Escribe el libro vacío del planificador / write the empty planner's workbook."""
    from tejido.loaders.template import write_template

    if out.suffix.lower() != ".xlsx":
        raise InputError(t("cli.not_xlsx", out=out))
    refuse_overwrite(out, force)
    with writing(out):
        write_template(out)
    click.echo(t("template.written", out=out))


@click.command("synth")
@click.option("--actors", type=click.IntRange(min=1), default=200, show_default=True)
@click.option("--actions", type=click.IntRange(min=0), default=2000, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path))
@force_option
@lang_option
def synth(actors: int, actions: int, seed: int, out: Path, force: bool) -> None:
    """Genera una cartera sintética en formato de libro / write a synthetic portfolio workbook."""
    from tejido.loaders.synth import synth_workbook, write_workbook

    if out.suffix.lower() != ".xlsx":
        raise InputError(t("cli.not_xlsx", out=out))
    refuse_overwrite(out, force)
    started = time.monotonic()
    tables = synth_workbook(actors, actions, seed)
    with writing(out):
        write_workbook(tables, out)
    click.echo(t("synth.written", out=out, actors=len(tables["actores"]),
                 actions=len(tables["acciones"]), seconds=time.monotonic() - started))
