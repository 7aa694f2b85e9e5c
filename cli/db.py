"""``tejido db stats|wipe`` and ``tejido export``; also how data commands open a store.

A store that cannot be reached is a :class:`StoreError` (exit 3) with a plain message,
raised at once: the Neo4j driver would otherwise keep retrying for minutes before giving up.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from tejido.graph.errors import InputError, StoreError
from tejido.graph.i18n import register, t
from tejido.graph.model import NODE_TYPES, RelType, fold
from tejido.graph.store import Store, is_neo4j_spec, open_store

from .options import lang_option, store_option

register(
    {
        "db.type.Actor": {"es": "Actores", "en": "Actors"},
        "db.type.Action": {"es": "Acciones", "en": "Actions"},
        "db.type.Territory": {"es": "Territorios", "en": "Territories"},
        "db.type.Mechanism": {"es": "Mecanismos", "en": "Mechanisms"},
        "db.type.Axis": {"es": "Ejes y objetivos", "en": "Axes and objectives"},
        "db.type.Source": {"es": "Filas de origen", "en": "Source rows"},
        "db.type.LEADS": {"es": "lidera (actor → acción)", "en": "leads (actor → action)"},
        "db.type.ARTICULATES": {
            "es": "articula (actor → acción)", "en": "articulates (actor → action)"},
        "db.type.TARGETS": {
            "es": "se ejecuta en (acción → territorio)", "en": "targets (action → territory)"},
        "db.type.USES": {
            "es": "usa (acción → mecanismo)", "en": "uses (action → mechanism)"},
        "db.type.UNDER": {
            "es": "bajo (acción → eje u objetivo)", "en": "under (action → axis or objective)"},
        "db.type.PART_OF": {"es": "pertenece a", "en": "part of"},
        "db.type.RELATES": {
            "es": "relación directa (actor → actor)", "en": "direct tie (actor → actor)"},
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
        "db.os_error": {
            "es": "No se puede usar el almacén {where}: {reason}",
            "en": "Cannot use the store {where}: {reason}",
        },
        "db.bad_uri": {
            "es": "Dirección de Neo4j no válida «{uri}»: {reason}",
            "en": "Invalid Neo4j address «{uri}»: {reason}",
        },
        "db.refused": {
            "es": "Neo4j rechazó la operación: {reason}",
            "en": "Neo4j refused the operation: {reason}",
        },
        "export.written": {
            "es": "Exportados {nodes} nodos y {edges} relaciones a {out}",
            "en": "Exported {nodes} nodes and {edges} relationships to {out}",
        },
        "export.cannot_write": {
            "es": "No se puede escribir {out}: {reason}",
            "en": "Cannot write {out}: {reason}",
        },
    }
)

#: Answers that confirm a wipe, in either language (click.confirm knows only y/yes).
YES = {"s", "si", "y", "yes"}
TYPE_ORDER: tuple[str, ...] = (*NODE_TYPES, *(r.value for r in RelType))


def type_label(name: str) -> str:
    """A model name (Actor, LEADS…) as the planner reads it."""
    return t(f"db.type.{name}")


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


def open_ready_store(spec: str | None, batch_size: int | None = None) -> Store:
    """Open the store and, for Neo4j, check the server answers before any work starts."""
    if not is_neo4j_spec(spec or os.environ.get("TEJIDO_STORE") or ""):
        return open_store(spec, batch_size)  # embedded: no need to load the Neo4j driver
    from neo4j.exceptions import AuthError, ConfigurationError, DriverError, Neo4jError

    try:
        store = open_store(spec, batch_size)
    except (ConfigurationError, ValueError) as exc:
        raise StoreError(t("db.bad_uri", uri=spec, reason=exc)) from exc
    uri = store.describe()
    try:
        store.driver.verify_connectivity()  # type: ignore[attr-defined]
    except AuthError as exc:
        store.close()
        raise StoreError(t("neo4j.auth", uri=uri)) from exc
    except (DriverError, Neo4jError, OSError) as exc:
        store.close()
        raise StoreError(t("neo4j.unavailable", uri=uri, reason=exc)) from exc
    return store


@contextmanager
def using_store(spec: str | None, batch_size: int | None = None) -> Iterator[Store]:
    """A ready store, closed afterwards; file-system and server refusals become StoreError."""
    store = open_ready_store(spec, batch_size)
    try:
        with store:
            yield store
    except OSError as exc:
        raise StoreError(t("db.os_error", where=store.describe(), reason=exc)) from exc
    except Exception as exc:
        if store.kind != "neo4j":
            raise
        from neo4j.exceptions import DriverError, Neo4jError

        if isinstance(exc, Neo4jError):
            raise StoreError(t("db.refused", reason=exc.message or exc)) from exc
        if isinstance(exc, DriverError):
            raise StoreError(t("neo4j.unavailable", uri=store.describe(), reason=exc)) from exc
        raise


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
    "--format", "fmt", type=click.Choice(["json", "graphml", "gexf"]), default="json",
    show_default=True, help="json (node-link), graphml o gexf (Gephi).",
)
@click.option(
    "--out", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Archivo de salida (por defecto, la salida estándar) / output file (default stdout).",
)
@store_option
@lang_option
def export(fmt: str, out: Path | None, store_spec: str | None) -> None:
    """Exporta el grafo (json, graphml, gexf) / export the graph."""
    from tejido.graph.export import write_export

    with using_store(store_spec) as store:
        graph = store.snapshot()
    if out is None:
        nodes, edges = write_export(graph, fmt, sys.stdout.buffer)
        return
    try:
        with out.open("wb") as handle:
            nodes, edges = write_export(graph, fmt, handle)
    except OSError as exc:
        raise InputError(t("export.cannot_write", out=out, reason=exc.strerror or exc)) from exc
    click.echo(t("export.written", nodes=nodes, edges=edges, out=out), err=True)

