"""``tejido db stats|wipe`` and ``tejido export``, and the count table ``load`` prints too.

Stores open through :func:`tejido.graph.store.using_store`: one that cannot be reached is a
:class:`StoreError` (exit 3) with a plain message, raised before any work starts.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tejido.graph.export import FORMATS as EXPORT_FORMATS
from tejido.graph.export import write_export
from tejido.graph.files import write_atomic
from tejido.graph.i18n import register, t
from tejido.graph.model import NODE_TYPES, RelType, fold
from tejido.graph.store import using_store
from tejido.graph.vocabulary import display

from .options import force_option, lang_option, refuse_overwrite, store_option, writing

register(
    {
        "db.nodes": {"es": "Nodos", "en": "Nodes"},
        "db.count": {"es": "cantidad", "en": "count"},
        "db.rels": {"es": "Relaciones", "en": "Relationships"},
        "db.store": {"es": "Almacén: {where}", "en": "Store: {where}"},
        "db.wipe_confirm": {
            "es": "¿Borrar todo lo que tejido guardó en {where}? [s/N]",
            "en": "Delete everything tejido stored in {where}? [y/N]",
        },
        "db.wipe_kept": {"es": "No se borró nada.", "en": "Nothing was deleted."},
        "db.wiped": {"es": "Borrado: {where}", "en": "Wiped: {where}"},
        "export.written": {
            "es": "Exportados {nodes} nodos y {edges} relaciones a {out}",
            "en": "Exported {nodes} nodes and {edges} relationships to {out}",
        },
    }
)

#: Answers that confirm a wipe, in either language (click.confirm knows only y/yes).
YES = {"s", "si", "y", "yes"}
TYPE_ORDER: tuple[str, ...] = (*NODE_TYPES, *(r.value for r in RelType))


def type_label(name: str) -> str:
    """A model name (Actor, LEADS…) as the planner reads it."""
    return display("label" if name in NODE_TYPES else "rel", name)


def count_lines(columns: dict[str, dict[str, int]]) -> list[str]:
    """A plain-text table: one line per model type, one numeric column per entry of ``columns``."""
    names = [n for n in TYPE_ORDER if any(n in c for c in columns.values())]
    labels = {n: f"{type_label(n)} [{n}]" for n in names}
    width = max((len(label) for label in labels.values()), default=0)
    heads = [(head, max(len(head), 8)) for head in columns]
    lines = ["  " + " " * width + "".join(f"  {head:>{w}}" for head, w in heads)]
    first_rel = next((n for n in names if n not in NODE_TYPES), None)
    for name in names:
        if name == first_rel:
            lines.append("")  # nodes above, relationships below
        cells = "".join(f"  {columns[head].get(name, 0):>{w}}" for head, w in heads)
        lines.append(f"  {labels[name]:<{width}}{cells}")
    return lines


@click.group("db")
@lang_option
def db() -> None:
    """Almacén: conteos y borrado / store: counts and wipe."""


@db.command("stats")
@store_option
@lang_option
def stats(store_spec: str | None) -> None:
    """Nodos por tipo y relaciones por tipo / nodes and relationships per type."""
    with using_store(store_spec) as store:
        counts = store.counts()
        where = store.describe()
    click.echo(t("db.store", where=where))
    nodes = sum(counts.get(n, 0) for n in NODE_TYPES)
    rels = sum(counts.get(r.value, 0) for r in RelType)
    for line in count_lines({t("db.count"): counts}):
        click.echo(line)
    click.echo(f"\n  {t('db.nodes')}: {nodes}   {t('db.rels')}: {rels}")


@db.command("wipe")
@store_option
@click.option("--yes", "-y", is_flag=True, help="No pedir confirmación / do not ask.")
@lang_option
def wipe(store_spec: str | None, yes: bool) -> None:
    """Borra todo lo que tejido guardó / delete everything tejido stored."""
    with using_store(store_spec) as store:
        if not yes:
            answer = click.prompt(t("db.wipe_confirm", where=store.describe()), default="",
                                  show_default=False, err=True)
            if fold(answer) not in YES:
                click.echo(t("db.wipe_kept"), err=True)
                raise click.exceptions.Exit(1)
        store.wipe()
        click.echo(t("db.wiped", where=store.describe()))


@click.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="json",
    show_default=True, help="json (node-link), graphml o gexf (Gephi).",
)
@click.option(
    "--out", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Archivo de salida (por defecto, la salida estándar) / output file (default stdout).",
)
@force_option
@store_option
@lang_option
def export(fmt: str, out: Path | None, force: bool, store_spec: str | None) -> None:
    """Exporta el grafo (json, graphml, gexf) / export the graph."""
    if out is not None:
        refuse_overwrite(out, force)
    with using_store(store_spec) as store:
        graph = store.snapshot()
    if out is None:
        nodes, edges = write_export(graph, fmt, sys.stdout.buffer)
        return
    counted: list[tuple[int, int]] = []
    with writing(out):
        write_atomic(out, lambda handle: counted.append(write_export(graph, fmt, handle)))
    nodes, edges = counted[0]
    click.echo(t("export.written", nodes=nodes, edges=edges, out=out), err=True)

