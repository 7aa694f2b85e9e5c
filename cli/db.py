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

from .human import count, integer
from .localized import command, group, helps, option
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
            "es": "Exportados {nodes} y {edges} a {out}",
            "en": "Exported {nodes} and {edges} to {out}",
        },
    }
)

helps(
    {
        "help.db": {"es": "El almacén: conteos y borrado.",
                    "en": "The store: counts and wipe."},
        "help.db.stats": {"es": "Nodos y relaciones de cada tipo en el almacén.",
                          "en": "Nodes and relationships of each type in the store."},
        "help.db.wipe": {"es": "Borra todo lo que tejido guardó en el almacén.",
                         "en": "Delete everything tejido stored in the store."},
        "help.db.yes": {"es": "No pide confirmación.", "en": "Do not ask for confirmation."},
        "help.export": {
            "es": "Exporta el grafo: json (nodos y enlaces), graphml o gexf (para Gephi).",
            "en": "Export the graph: json (node-link), graphml or gexf (for Gephi).",
        },
        "help.export.format": {
            "es": "json (nodos y enlaces), graphml o gexf (Gephi).",
            "en": "json (node-link), graphml or gexf (Gephi).",
        },
        "help.export.out": {"es": "Archivo de salida (por defecto, la salida estándar).",
                            "en": "Output file (standard output by default)."},
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
        cells = "".join(f"  {integer(columns[head].get(name, 0)):>{w}}" for head, w in heads)
        lines.append(f"  {labels[name]:<{width}}{cells}")
    return lines


@group("db", help="help.db")
@lang_option
def db() -> None:
    """Store counts and wipe."""


@db.command("stats", help="help.db.stats")
@store_option
@lang_option
def stats(store_spec: str | None) -> None:
    """Nodes and relationships per type."""
    with using_store(store_spec) as store:
        counts = store.counts()
        where = store.describe()
    click.echo(t("db.store", where=where))
    nodes = sum(counts.get(n, 0) for n in NODE_TYPES)
    rels = sum(counts.get(r.value, 0) for r in RelType)
    for line in count_lines({t("db.count"): counts}):
        click.echo(line)
    click.echo(f"\n  {t('db.nodes')}: {integer(nodes)}   {t('db.rels')}: {integer(rels)}")


@db.command("wipe", help="help.db.wipe")
@store_option
@option("--yes", "-y", is_flag=True, help="help.db.yes")
@lang_option
def wipe(store_spec: str | None, yes: bool) -> None:
    """Delete everything tejido stored."""
    with using_store(store_spec) as store:
        if not yes:
            answer = click.prompt(t("db.wipe_confirm", where=store.describe()), default="",
                                  show_default=False, err=True)
            if fold(answer) not in YES:
                click.echo(t("db.wipe_kept"), err=True)
                raise click.exceptions.Exit(1)
        store.wipe()
        click.echo(t("db.wiped", where=store.describe()))


@command("export", help="help.export")
@option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="json",
        show_default=True, help="help.export.format")
@option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="help.export.out")
@force_option
@store_option
@lang_option
def export(fmt: str, out: Path | None, force: bool, store_spec: str | None) -> None:
    """Export the graph (json, graphml, gexf)."""
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
    click.echo(t("export.written", nodes=count(nodes, "unit.node"),
                 edges=count(edges, "unit.relationship"), out=out), err=True)

