"""``tejido db stats|wipe|remove`` and ``tejido export``, and the count and change tables
``load`` prints too.

``db remove`` keeps the group's English verbs (``stats``, ``wipe``): a planner who knows
``db wipe`` finds ``db remove`` beside it in ``tejido db --help``.

Stores open through :func:`tejido.graph.store.using_store`: one that cannot be reached is a
:class:`StoreError` (exit 3) with a plain message, raised before any work starts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tejido.graph.errors import InputError
from tejido.graph.files import write_atomic
from tejido.graph.i18n import register, t

from .choices import EXPORT_FORMATS
from .human import count, integer, units
from .localized import argument, command, group, helps, option
from .options import force_option, lang_option, refuse_overwrite, store_option, writing

if TYPE_CHECKING:
    from tejido.graph.changes import Changes

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
        "db.not_loaded": {
            "es": "El documento «{document}» no está cargado en {where}. Documentos "
            "cargados: {loaded}.",
            "en": "Document «{document}» is not loaded in {where}. Loaded documents: "
            "{loaded}.",
        },
        "db.none_loaded": {"es": "ninguno", "en": "none"},
        "db.remove_confirm": {
            "es": "¿Quitar de {where} todo lo que solo dice «{document}»? [s/N]",
            "en": "Remove from {where} everything only «{document}» says? [y/N]",
        },
        "db.removed": {
            "es": "Quitado «{document}» de {where}: {removed}; lo que otros documentos "
            "también dicen se queda.",
            "en": "Removed «{document}» from {where}: {removed}; what other documents also "
            "say stays.",
        },
        "changes.col_added": {"es": "añadidos", "en": "added"},
        "changes.col_removed": {"es": "quitados", "en": "removed"},
        "changes.col_changed": {"es": "cambiados", "en": "changed"},
        "changes.col_total": {"es": "total", "en": "total"},
        "changes.summary": {
            "es": "Cambios respecto de lo que el almacén tenía de {documents}: {added}, "
            "{removed}, {changed}.",
            "en": "Changes from what the store held of {documents}: {added}, {removed}, "
            "{changed}.",
        },
        "changes.summary_dry": {
            "es": "Cambiaría, respecto de lo que el almacén tiene de {documents}: {added}, "
            "{removed}, {changed}.",
            "en": "Would change, from what the store holds of {documents}: {added}, "
            "{removed}, {changed}.",
        },
        "changes.none": {
            "es": "Sin cambios respecto de lo que el almacén tenía de {documents}.",
            "en": "No changes from what the store held of {documents}.",
        },
        "changes.more": {"es": "{shown} y {more} más", "en": "{shown} and {more} more"},
        "export.written": {
            "es": "Exportados {nodes} y {edges} a {out}",
            "en": "Exported {nodes} and {edges} to {out}",
        },
    }
)

helps(
    {
        "help.db": {"es": "El almacén: conteos, borrado y quitar un documento.",
                    "en": "The store: counts, wipe and removing a document."},
        "help.db.stats": {"es": "Nodos y relaciones de cada tipo en el almacén.",
                          "en": "Nodes and relationships of each type in the store."},
        "help.db.wipe": {"es": "Borra todo lo que tejido guardó en el almacén.",
                         "en": "Delete everything tejido stored in the store."},
        "help.db.remove": {
            "es": "Quita del almacén todo lo que solo dice DOCUMENTO (un libro o un documento "
            "de datos cargado): lo que otros documentos también dicen se queda.",
            "en": "Remove from the store everything only DOCUMENT says (a loaded workbook or "
            "dataset document): what other documents also say stays.",
        },
        "help.db.remove.dry_run": {"es": "Solo muestra qué se quitaría.",
                                   "en": "Only show what would be removed."},
        "metavar.document": {"es": "DOCUMENTO", "en": "DOCUMENT"},
        "help.db.yes": {"es": "No pide confirmación.", "en": "Do not ask for confirmation."},
        "help.export": {
            "es": "Exporta el grafo: json (nodos y enlaces), graphml, gexf (GEXF 1.3, para "
                  "Gephi) o gexf-1.2 (GEXF 1.2draft, para otras herramientas).",
            "en": "Export the graph: json (node-link), graphml, gexf (GEXF 1.3, for Gephi) "
                  "or gexf-1.2 (GEXF 1.2draft, for other tools).",
        },
        "help.export.format": {
            "es": "json (nodos y enlaces), graphml, gexf (Gephi) o gexf-1.2 (GEXF 1.2draft).",
            "en": "json (node-link), graphml, gexf (Gephi) or gexf-1.2 (GEXF 1.2draft).",
        },
        "help.export.out": {"es": "Archivo de salida (por defecto, la salida estándar).",
                            "en": "Output file (standard output by default)."},
    }
)

units(
    {
        "unit.added": ({"es": "{n} añadido", "en": "{n} added"},
                       {"es": "{n} añadidos", "en": "{n} added"}),
        "unit.removed": ({"es": "{n} quitado", "en": "{n} removed"},
                         {"es": "{n} quitados", "en": "{n} removed"}),
        "unit.changed": ({"es": "{n} cambiado", "en": "{n} changed"},
                         {"es": "{n} cambiados", "en": "{n} changed"}),
    }
)

#: Documents named in a change summary before «and N more».
SHOWN_DOCUMENTS = 3

#: Answers that confirm a wipe, in either language (click.confirm knows only y/yes).
YES = {"s", "si", "y", "yes"}


# The graph model (pydantic) and the store load inside the functions below, when a
# command runs: importing them at the top cost every `tejido db … --help`, `export --help`
# and `load --help` a third of a second (issue 14).
def type_order() -> tuple[str, ...]:
    """Every model type in table order: the node labels, then the relationship types."""
    from tejido.graph.model import NODE_TYPES, RelType

    return (*NODE_TYPES, *(r.value for r in RelType))


def type_label(name: str) -> str:
    """A model name (Actor, LEADS…) as the planner reads it."""
    from tejido.graph.model import NODE_TYPES
    from tejido.graph.vocabulary import display

    return display("label" if name in NODE_TYPES else "rel", name)


def count_lines(columns: dict[str, dict[str, int]]) -> list[str]:
    """A plain-text table: one line per model type, one numeric column per entry of ``columns``."""
    from tejido.graph.model import NODE_TYPES

    names = [n for n in type_order() if any(n in c for c in columns.values())]
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


def change_columns(changes: Changes) -> dict[str, dict[str, int]]:
    """The added / removed / changed columns of a change table."""
    return {t("changes.col_added"): changes.added, t("changes.col_removed"): changes.removed,
            t("changes.col_changed"): changes.changed}


def documents_text(documents: list[str]) -> str:
    """«a.xlsx, b.xlsx y 2 más»: the documents a change summary is about."""
    shown = ", ".join(f"«{d}»" for d in documents[:SHOWN_DOCUMENTS])
    more = len(documents) - SHOWN_DOCUMENTS
    return t("changes.more", shown=shown, more=integer(more)) if more > 0 else shown


def change_summary(changes: Changes, dry_run: bool = False) -> str:
    """One line: how many facts the load adds, removes and changes, with plurals."""
    documents = documents_text(changes.documents)
    if not changes.any:
        return t("changes.none", documents=documents)
    return t("changes.summary_dry" if dry_run else "changes.summary", documents=documents,
             added=count(changes.total("added"), "unit.added"),
             removed=count(changes.total("removed"), "unit.removed"),
             changed=count(changes.total("changed"), "unit.changed"))


@group("db", help="help.db")
@lang_option
def db() -> None:
    """Store counts and wipe."""


@db.command("stats", help="help.db.stats")
@store_option
@lang_option
def stats(store_spec: str | None) -> None:
    """Nodes and relationships per type."""
    from tejido.graph.model import NODE_TYPES, RelType
    from tejido.graph.store import using_store

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
    from tejido.graph.model import fold
    from tejido.graph.store import using_store

    with using_store(store_spec) as store:
        if not yes:
            answer = click.prompt(t("db.wipe_confirm", where=store.describe()), default="",
                                  show_default=False, err=True)
            if fold(answer) not in YES:
                click.echo(t("db.wipe_kept"), err=True)
                raise click.exceptions.Exit(1)
        store.wipe()
        click.echo(t("db.wiped", where=store.describe()))


@db.command("remove", help="help.db.remove")
@argument("document", metavar="metavar.document")
@store_option
@option("--yes", "-y", is_flag=True, help="help.db.yes")
@option("--dry-run", is_flag=True, help="help.db.remove.dry_run")
@lang_option
def remove(document: str, store_spec: str | None, yes: bool, dry_run: bool) -> None:
    """Remove what only one document says (help: ``help.db.remove``)."""
    from tejido.graph.model import fold
    from tejido.graph.store import using_store

    with using_store(store_spec) as store:
        loaded = store.documents()
        name = _loaded_name(document, loaded)
        where = store.describe()
        if name is None:
            raise InputError(t("db.not_loaded", document=document, where=where,
                               loaded=", ".join(loaded) or t("db.none_loaded")))
        if not yes and not dry_run:
            answer = click.prompt(t("db.remove_confirm", where=where, document=name),
                                  default="", show_default=False, err=True)
            if fold(answer) not in YES:
                click.echo(t("db.wipe_kept"), err=True)
                raise click.exceptions.Exit(1)
        before = store.counts()
        changes = store.remove_documents({name}, dry_run=dry_run)
    removed = count(changes.total("removed"), "unit.removed")
    click.echo(change_summary(changes, dry_run) if dry_run else
               t("db.removed", document=name, where=where, removed=removed))
    columns = {t("changes.col_removed"): changes.removed,
               t("changes.col_total"): changes.after(before)}
    for line in count_lines(columns):
        click.echo(line)


def _loaded_name(document: str, loaded: list[str]) -> str | None:
    """The loaded document ``document`` names: its id, or the file name of a path to it
    (a workbook is loaded under its file name)."""
    if document in loaded:
        return document
    name = Path(document).name
    return name if name in loaded else None


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
    from tejido.graph.export import write_export
    from tejido.graph.store import using_store

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

