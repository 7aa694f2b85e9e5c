"""``tejido load``, ``tejido template`` and ``tejido synth``.

``load`` validates everything it is given before it writes anything: a bad cell anywhere
means exit code 2, one line per bad cell (FILE:SHEET:ROW:COLUMN: message) and an
untouched store. It then prints what it changed in the store — facts added, removed and
changed per label and type, compared with what the store held of the same documents
(:mod:`tejido.graph.changes`) — and ``--dry-run`` prints the same without writing.
"""

from __future__ import annotations

import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t

from .db import change_columns, change_summary, count_lines
from .human import count, decimal
from .localized import argument, command, helps, option
from .main import INPUT_EXIT
from .options import force_option, lang_option, refuse_overwrite, store_option, writing

if TYPE_CHECKING:
    from tejido.graph.changes import Changes

register(
    {
        "load.rejected": {
            "es": "{problems} en los datos; no se escribió nada.",
            "en": "{problems} in the data; nothing was written.",
        },
        "load.warning": {"es": "aviso: {text}", "en": "warning: {text}"},
        "load.reading": {"es": "Leyendo {paths}…", "en": "Reading {paths}…"},
        "load.progress": {"es": "Escribiendo", "en": "Writing"},
        "load.dry_run": {
            "es": "Datos válidos ({warnings}); simulación: no se escribió nada. "
            "Se cargaría:",
            "en": "Data valid ({warnings}); dry run: nothing was written. "
            "Would load:",
        },
        "load.done": {
            "es": "Cargado en {where} en {seconds} s ({warnings}):",
            "en": "Loaded into {where} in {seconds} s ({warnings}):",
        },
        "load.col_batch": {"es": "cargados", "en": "loaded"},
        "load.col_total": {"es": "total", "en": "total"},
        "load.col_after": {"es": "total después", "en": "total after"},
        "template.written": {
            "es": "Plantilla escrita en {out}",
            "en": "Template written to {out}",
        },
        "cli.not_xlsx": {
            "es": "{out}: el archivo debe terminar en .xlsx",
            "en": "{out}: the file name must end in .xlsx",
        },
        "synth.written": {
            "es": "Cartera sintética escrita en {out}: {actors}, {actions} ({seconds} s)",
            "en": "Synthetic portfolio written to {out}: {actors}, {actions} ({seconds} s)",
        },
    }
)


helps(
    {
        "help.load": {
            "es": "Carga libros del planificador y carpetas de datos.\n\nAcepta libros .xlsx, "
            "carpetas de .csv con las mismas hojas y carpetas de datos (dataset.yaml). Valida "
            "todo antes de escribir: una celda mala en cualquier parte detiene la carga con "
            "código 2, una línea por celda, y el almacén queda como estaba.",
            "en": "Load planner workbooks and dataset folders.\n\nTakes .xlsx workbooks, "
            "folders of .csv with the same sheets and dataset folders (dataset.yaml). It "
            "checks everything before writing: one bad cell anywhere stops the load with "
            "exit code 2, one line per cell, and the store stays as it was.",
        },
        "help.load.dry_run": {
            "es": "Solo valida, y muestra qué cambiaría en el almacén; no escribe nada.",
            "en": "Only check, and show what would change in the store; write nothing.",
        },
        "help.load.strict": {
            "es": "Los actores, territorios o mecanismos no declarados son errores.",
            "en": "Undeclared actors, territories or mechanisms are errors.",
        },
        "help.load.batch_size": {"es": "Filas por transacción en Neo4j.",
                                 "en": "Rows per transaction on Neo4j."},
        "help.load.quiet": {"es": "Sin indicador de progreso.",
                            "en": "No progress display."},
        "help.template": {
            "es": "Escribe el libro vacío del planificador, con notas y listas desplegables.",
            "en": "Write the empty planner's workbook, with notes and drop-down lists.",
        },
        "help.synth": {
            "es": "Genera una cartera sintética en forma de libro del planificador.",
            "en": "Write a synthetic portfolio as a planner's workbook.",
        },
        "help.synth.actors": {"es": "Cuántos actores.", "en": "How many actors."},
        "help.synth.actions": {"es": "Cuántas acciones.", "en": "How many actions."},
        "help.synth.seed": {"es": "Semilla: la misma da la misma cartera.",
                            "en": "Seed: the same one gives the same portfolio."},
        "help.synth.out": {"es": "Libro .xlsx a escribir.", "en": "The .xlsx workbook to write."},
        "metavar.paths": {"es": "RUTAS...", "en": "PATHS..."},
        "metavar.rows": {"es": "FILAS", "en": "ROWS"},
        "metavar.xlsx": {"es": "ARCHIVO.xlsx", "en": "FILE.xlsx"},
    }
)


def _show_progress(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


@command("load", help="help.load")
@argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path),
          metavar="metavar.paths")
@store_option
@option("--dry-run", is_flag=True, help="help.load.dry_run")
@option("--strict", is_flag=True, help="help.load.strict")
@option("--batch-size", type=click.IntRange(min=1), default=None, metavar="metavar.rows",
        help="help.load.batch_size")
@option("--quiet", "-q", is_flag=True, help="help.load.quiet")
@lang_option
def load(
    paths: tuple[Path, ...], store_spec: str | None, dry_run: bool, strict: bool,
    batch_size: int | None, quiet: bool,
) -> None:
    """Validate everything, then load it (help: ``help.load``)."""
    # The readers (openpyxl, pydantic), the store and tqdm load only when something is
    # loaded: at the top they cost `tejido load --help` 0.45 s (issue 14).
    from tqdm import tqdm

    from tejido.graph.store import using_store
    from tejido.loaders.base import read_paths

    started = time.monotonic()
    with ExitStack() as stack:
        # Reach the store first: a server that is down should not cost a full read. A dry
        # run reaches it too: it compares the data with what the store holds (only reads).
        store = stack.enter_context(using_store(store_spec, batch_size))
        if _show_progress(quiet):
            click.echo(t("load.reading", paths=", ".join(str(p) for p in paths)), err=True)
        try:
            result = read_paths(list(paths), strict=strict)
        except InputError as exc:
            click.echo(exc.message, err=True)
            click.echo(t("load.rejected", problems=count(len(exc.problems), "unit.problem")),
                       err=True)
            raise click.exceptions.Exit(INPUT_EXIT) from None
        for warning in result.warnings:
            click.echo(t("load.warning", text=warning), err=True)
        batch = result.batch
        if dry_run:
            changes = store.load(batch, dry_run=True)
            counts = changes.after(store.counts())
            click.echo(t("load.dry_run", warnings=count(len(result.warnings), "unit.warning")))
            _print_changes(batch.counts(), changes, counts, t("load.col_after"), dry_run)
            return
        with tqdm(total=len(batch.nodes) + len(batch.rels), desc=t("load.progress"),
                  unit=" elem", file=sys.stderr, disable=not _show_progress(quiet)) as bar:
            changes = store.load(batch, progress=bar.update)
        counts = store.counts()
        where = store.describe()
    click.echo(t("load.done", where=where, seconds=decimal(time.monotonic() - started, 1),
                 warnings=count(len(result.warnings), "unit.warning")))
    _print_changes(batch.counts(), changes, counts, t("load.col_total"), dry_run)


def _print_changes(loaded: dict[str, int], changes: Changes, counts: dict[str, int],
                   total: str, dry_run: bool) -> None:
    """The table (loaded, added, removed, changed, total per type) and the summary line."""
    columns = {t("load.col_batch"): loaded, **change_columns(changes), total: counts}
    for line in count_lines(columns):
        click.echo(line)
    click.echo("")
    click.echo(change_summary(changes, dry_run))


@command("template", help="help.template")
@argument("out", type=click.Path(dir_okay=False, path_type=Path), metavar="metavar.xlsx")
@force_option
@lang_option
def template(out: Path, force: bool) -> None:
    """Write the empty planner's workbook."""
    from tejido.loaders.template import write_template

    if out.suffix.lower() != ".xlsx":
        raise InputError(t("cli.not_xlsx", out=out))
    refuse_overwrite(out, force)
    with writing(out):
        write_template(out)
    click.echo(t("template.written", out=out))


@command("synth", help="help.synth")
@option("--actors", type=click.IntRange(min=1), default=200, show_default=True,
        help="help.synth.actors")
@option("--actions", type=click.IntRange(min=0), default=2000, show_default=True,
        help="help.synth.actions")
@option("--seed", type=int, default=0, show_default=True, help="help.synth.seed")
@option("--out", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
        metavar="metavar.xlsx", help="help.synth.out")
@force_option
@lang_option
def synth(actors: int, actions: int, seed: int, out: Path, force: bool) -> None:
    """Write a synthetic portfolio workbook."""
    from tejido.loaders.synth import synth_workbook, write_workbook

    if out.suffix.lower() != ".xlsx":
        raise InputError(t("cli.not_xlsx", out=out))
    refuse_overwrite(out, force)
    started = time.monotonic()
    tables = synth_workbook(actors, actions, seed)
    with writing(out):
        write_workbook(tables, out)
    click.echo(t("synth.written", out=out, actors=count(len(tables["actores"]), "unit.actor"),
                 actions=count(len(tables["acciones"]), "unit.action"),
                 seconds=decimal(time.monotonic() - started, 1)))
