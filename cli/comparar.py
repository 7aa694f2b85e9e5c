"""``tejido comparar ANTES DESPUES``: what changed between two cuts of the portfolio.

Each side is a store (an embedded store file, a bolt:// or neo4j:// URI, or the word
``neo4j``) or a workbook or dataset path, read into a temporary embedded store that is
gone before the other side is read. The sides are read one after the other into plain
data (:func:`tejido.queries.compare_cut.read_cut`), so both may be the same Neo4j at two
moments, or one a Neo4j and the other a file.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t

from .choices import COMPARE_FORMATS, COMPARE_TOP
from .human import status
from .localized import argument, command, helps, option
from .options import force_option, lang_option, refuse_overwrite, writing

# The stores, the readers and the comparison load inside the functions below, when two
# cuts are compared: at the top they cost `tejido comparar --help` (and `simular --help`,
# which shares them) 0.7 s and 70 MB (issue 14).
if TYPE_CHECKING:
    from tejido.graph.store import Store
    from tejido.queries.compare import Comparison
    from tejido.queries.compare_cut import Cut
    from tejido.reports.compare_tables import Heading

register(
    {
        "cmpcli.missing": {
            "es": "{side} no existe: indique un almacén (archivo de tejido o bolt://…), "
                  "un libro .xlsx o una carpeta de datos.",
            "en": "{side} does not exist: give a store (a tejido file or bolt://…), an "
                  ".xlsx workbook or a data folder."},
        "cmpcli.xlsx_out": {"es": "El formato xlsx necesita --out ARCHIVO.xlsx.",
                            "en": "The xlsx format needs --out FILE.xlsx."},
        "cmpcli.reading": {"es": "Leyendo {side}", "en": "Reading {side}"},
        "cmpcli.written": {"es": "Escrito: {path}", "en": "Written: {path}"},
        "cmpcli.warning": {"es": "aviso: {text}", "en": "warning: {text}"},
        "cmpcli.same_file": {"es": "--mapa y --out no pueden ser el mismo archivo ({path}).",
                             "en": "--mapa and --out cannot be the same file ({path})."},
    }
)

helps(
    {
        "help.comparar": {
            "es": "Qué cambió entre dos cortes de la cartera: actores y lazos nuevos y "
                  "perdidos, hallazgos cerrados y abiertos, cambios de prioridad, de estado "
                  "de las acciones, de centralidad y de fragmentación por contexto.\n\n"
                  "ANTES y DESPUES son cada uno un almacén (archivo de tejido, bolt://… o "
                  "neo4j://…) o un libro o carpeta de datos, que se lee en un almacén "
                  "temporal. Los hallazgos se comparan por su id, sin el tope de pares por "
                  "contexto.",
            "en": "What changed between two cuts of the portfolio: actors and ties added "
                  "and lost, findings closed and opened, changes of priority, of action "
                  "estado, of centrality and of fragmentation per context.\n\n"
                  "BEFORE and AFTER are each a store (a tejido file, bolt://… or neo4j://…) "
                  "or a workbook or data folder, read into a temporary store. Findings are "
                  "compared by id, without the per-context cap on pairs.",
        },
        "help.cmp.format": {
            "es": "md, html, xlsx o json (por defecto, según la extensión de --out; si no, "
                  "md).",
            "en": "md, html, xlsx or json (by default, from the extension of --out; "
                  "otherwise md)."},
        "help.cmp.out": {"es": "Archivo de salida (por defecto, la pantalla).",
                         "en": "Output file (the screen by default)."},
        "help.cmp.top": {
            "es": "Cuántos cambios de prioridad y de centralidad se listan, los mayores "
                  "(0: todos).",
            "en": "How many priority and centrality changes are listed, the largest "
                  "(0: all)."},
        "help.cmp.mapa": {
            "es": "Escribe además un mapa HTML del cambio (se abre sin conexión): lazos "
                  "nuevos en color, perdidos discontinuos, sin cambio atenuados; actores "
                  "nuevos y retirados marcados.",
            "en": "Also write an HTML map of the change (opens offline): new ties in "
                  "colour, lost ones dashed, unchanged ones faded; actors added and removed "
                  "marked."},
        "metavar.cmp.html": {"es": "ARCHIVO.html", "en": "FILE.html"},
        "metavar.before": {"es": "ANTES", "en": "BEFORE"},
        "metavar.after": {"es": "DESPUES", "en": "AFTER"},
    }
)


def output_format(fmt: str | None, out: Path | None) -> str:
    """--format, else the --out file's extension, else Markdown."""
    if fmt:
        return fmt
    suffix = out.suffix.lower().lstrip(".") if out else ""
    suffix = {"markdown": "md", "htm": "html"}.get(suffix, suffix)
    return suffix if suffix in COMPARE_FORMATS else "md"


def check_output(fmt: str, out: Path | None, force: bool, mapa: Path | None = None) -> None:
    """Before any work: xlsx needs a file, and no file is replaced without --force."""
    if fmt == "xlsx" and out is None:
        raise InputError(t("cmpcli.xlsx_out"))
    if out is not None and mapa is not None and out.resolve() == mapa.resolve():
        raise InputError(t("cmpcli.same_file", path=out))
    for path in (out, mapa):
        if path is not None:
            refuse_overwrite(path, force)


def _is_store_file(path: Path) -> bool:
    """Whether ``path`` is a file holding a tejido store (not a workbook or a folder)."""
    from tejido.graph.store import open_store

    if not path.is_file():
        return False
    try:
        open_store(str(path)).verify()
    except InputError:
        return False
    return True


@contextmanager
def side_store(spec: str) -> Iterator[Store]:
    """The store one side names: a Neo4j URI or a store file as it is, a workbook or
    dataset path read (every bad cell reported, exit 2) into a temporary embedded store
    that is removed when the block ends."""
    from tejido.graph.store import is_neo4j_spec, using_store
    from tejido.loaders.base import read_paths

    if is_neo4j_spec(spec) or _is_store_file(Path(spec)):
        with using_store(spec) as store:
            yield store
        return
    path = Path(spec)
    if not path.exists():
        raise InputError(t("cmpcli.missing", side=spec))
    loaded = read_paths([path])
    for warning in loaded.warnings:
        click.echo(t("cmpcli.warning", text=warning), err=True)
    with (tempfile.TemporaryDirectory(prefix="tejido-corte-") as folder,
          using_store(str(Path(folder) / "corte.json")) as store):
        store.write(loaded.batch)
        yield store


def read_side(spec: str) -> Cut:
    from tejido.queries.compare_cut import read_cut

    with side_store(spec) as store, status(t("cmpcli.reading", side=spec)):
        return read_cut(store)


def emit(comparison: Comparison, fmt: str, out: Path | None, head: Heading) -> None:
    """The comparison on the screen, or written to ``out``."""
    from tejido.reports.compare_files import render_text, write_comparison

    if out is None:
        click.echo(render_text(comparison, fmt, head), nl=False)
        return
    with writing(out):
        write_comparison(comparison, fmt, out, head)
    click.echo(t("cmpcli.written", path=out), err=True)


def emit_map(before: Cut, after: Cut, mapa: Path | None, head: Heading) -> None:
    """The map of the change written to ``mapa`` (nothing without --mapa)."""
    if mapa is None:
        return
    from tejido.viz.compare_map import write_change_map  # layout's numpy/scipy: only here

    with writing(mapa):
        write_change_map(before, after, mapa, subtitle=head.sides)
    click.echo(t("cmpcli.written", path=mapa), err=True)


#: ``--mapa FILE.html``, shared by ``comparar`` and ``simular``.
mapa_option = option("--mapa", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     metavar="metavar.cmp.html", help="help.cmp.mapa")


@command(name="comparar", help="help.comparar")
@argument("before", metavar="metavar.before")
@argument("after", metavar="metavar.after")
@option("--format", "fmt", type=click.Choice(COMPARE_FORMATS), default=None,
        help="help.cmp.format")
@option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="help.cmp.out")
@option("--top", type=click.IntRange(min=0), default=COMPARE_TOP, show_default=True,
        metavar="metavar.n", help="help.cmp.top")
@mapa_option
@force_option
@lang_option
def comparar(before: str, after: str, fmt: str | None, out: Path | None, top: int,
             mapa: Path | None, force: bool) -> None:
    """Compare two cuts (help: ``help.comparar``)."""
    from tejido.queries.compare import compare_cuts
    from tejido.reports.compare_tables import Heading

    chosen = output_format(fmt, out)
    check_output(chosen, out, force, mapa)
    first, second = read_side(before), read_side(after)
    head = Heading(before=before, after=after)
    emit(compare_cuts(first, second, top), chosen, out, head)
    emit_map(first, second, mapa, head)
