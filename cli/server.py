"""``tejido server``: the same Neo4j as docker-compose.yml, for machines without Docker.

The commands only parse options and print: fetching the jars with Maven lives in
:mod:`tejido.graph.neo4j_jars`, starting and stopping an instance in
:mod:`tejido.graph.local_server`. Their progress lines reach stderr through :func:`_progress`,
so stdout keeps only what a script reads (the bolt URI of ``start``).
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from tejido.graph.i18n import register, t
from tejido.graph.local_server import (
    DEFAULT_HEAP,
    DEFAULT_PAGECACHE,
    DEFAULT_PORT,
    START_TIMEOUT,
    STOP_TIMEOUT,
    LocalServer,
)
from tejido.graph.neo4j_jars import NEO4J_VERSION, fetch, fetch_gds

from .localized import group, helps, option
from .options import lang_option

register(
    {
        "server.ready": {
            "es": "Neo4j {version} escuchando en {uri}",
            "en": "Neo4j {version} listening on {uri}",
        },
        "server.no_auth": {
            "es": "Sin autenticación: solo se aceptan conexiones desde este equipo (127.0.0.1). "
            "Defina NEO4J_PASSWORD antes del primer inicio para exigir contraseña.",
            "en": "No authentication: only connections from this machine (127.0.0.1) are "
            "accepted. Set NEO4J_PASSWORD before the first start to require a password.",
        },
        "server.stopped": {
            "es": "Neo4j detenido (puerto {port}).",
            "en": "Neo4j stopped (port {port}).",
        },
        "server.not_running": {
            "es": "Neo4j no está en marcha en el puerto {port} (datos en {data}).",
            "en": "Neo4j is not running on port {port} (data in {data}).",
        },
        "server.running": {
            "es": "Neo4j {version} en marcha: {uri} (pid {pid}, datos en {data}, {auth}).",
            "en": "Neo4j {version} running: {uri} (pid {pid}, data in {data}, {auth}).",
        },
        "server.auth_on": {"es": "con contraseña", "en": "password required"},
        "server.auth_off": {"es": "sin autenticación", "en": "no authentication"},
    }
)


def _progress(line: str) -> None:
    """The launcher's progress lines and warnings: on stderr, never mixed with the output."""
    click.echo(line, err=True)


helps(
    {
        "help.server": {
            "es": "Un Neo4j local sin Docker.\n\nNecesita Java 17 o posterior; Maven solo "
            "para la primera descarga.",
            "en": "A local Neo4j without Docker.\n\nIt needs Java 17 or later; Maven only "
            "for the first download.",
        },
        "help.server.port": {"es": "Puerto Bolt.", "en": "Bolt port."},
        "help.server.data_dir": {
            "es": "Carpeta de la instancia (por defecto .tejido/neo4j-PUERTO).",
            "en": "Folder of the instance (.tejido/neo4j-PORT by default).",
        },
        "help.server.gds": {"es": "Con el complemento Graph Data Science.",
                            "en": "With the Graph Data Science plugin."},
        "help.server.fetch": {
            "es": "Descarga los jar de Neo4j una sola vez, para preparar equipos y pruebas.",
            "en": "Download the Neo4j jars once, to prepare machines and tests.",
        },
        "help.server.start": {
            "es": "Inicia Neo4j en 127.0.0.1 y espera a que acepte conexiones Bolt.",
            "en": "Start Neo4j on 127.0.0.1 and wait until it accepts Bolt connections.",
        },
        "help.server.heap": {"es": "Memoria máxima de Java (-Xmx).",
                             "en": "Maximum Java memory (-Xmx)."},
        "help.server.pagecache": {"es": "Caché de páginas de Neo4j.",
                                  "en": "Neo4j's page cache."},
        "help.server.start_timeout": {
            "es": "Segundos de espera hasta que acepte conexiones.",
            "en": "Seconds to wait until it accepts connections.",
        },
        "help.server.stop": {
            "es": "Detiene Neo4j limpiamente; lo fuerza si no termina a tiempo.",
            "en": "Stop Neo4j cleanly; force it if it does not end in time.",
        },
        "help.server.stop_timeout": {"es": "Segundos para un cierre limpio.",
                                     "en": "Seconds for a clean stop."},
        "help.server.status": {
            "es": "Dice si Neo4j está en marcha (código de salida 0) o no (1).",
            "en": "Tell whether Neo4j is running (exit code 0) or not (1).",
        },
        "metavar.port": {"es": "PUERTO", "en": "PORT"},
        "metavar.size": {"es": "TAMAÑO", "en": "SIZE"},
    }
)

_port_option = option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT,
                      show_default=True, metavar="metavar.port", help="help.server.port")
_data_option = option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
                      default=None, help="help.server.data_dir")


@group("server", help="help.server")
@lang_option
def server() -> None:
    """A local Neo4j without Docker (help: ``help.server``)."""


_gds_option = option("--gds", is_flag=True, help="help.server.gds")


@server.command("fetch", help="help.server.fetch")
@_gds_option
@lang_option
def fetch_command(gds: bool) -> None:
    """Download the Neo4j jars once."""
    fetch(echo=_progress)
    if gds:
        fetch_gds(echo=_progress)


@server.command("start", help="help.server.start")
@_port_option
@_data_option
@option("--heap", default=DEFAULT_HEAP, show_default=True, metavar="metavar.size",
        help="help.server.heap")
@option("--pagecache", default=DEFAULT_PAGECACHE, show_default=True, metavar="metavar.size",
        help="help.server.pagecache")
@option("--timeout", type=float, default=START_TIMEOUT, show_default=True,
        metavar="metavar.seconds", help="help.server.start_timeout")
@_gds_option
@lang_option
def start_command(port: int, data_dir: Path | None, heap: str, pagecache: str,
                  timeout: float, gds: bool) -> None:
    """Start Neo4j on 127.0.0.1 and wait for Bolt."""
    local = LocalServer(port=port, data_dir=data_dir, heap=heap, pagecache=pagecache, gds=gds)
    user = os.environ.get("NEO4J_USER") or os.environ.get("NEO4J_USERNAME") or "neo4j"
    local.start(timeout=timeout, password=os.environ.get("NEO4J_PASSWORD") or None,
                user=user, echo=_progress)
    if not local.status().auth:
        _progress(t("server.no_auth"))
    _progress(t("server.ready", version=NEO4J_VERSION, uri=local.uri))
    click.echo(local.uri)


@server.command("stop", help="help.server.stop")
@_port_option
@_data_option
@option("--timeout", type=float, default=STOP_TIMEOUT, show_default=True,
        metavar="metavar.seconds", help="help.server.stop_timeout")
@lang_option
def stop_command(port: int, data_dir: Path | None, timeout: float) -> None:
    """Stop Neo4j cleanly (forced after the timeout)."""
    local = LocalServer(port=port, data_dir=data_dir)
    if local.stop(timeout=timeout, echo=_progress):
        click.echo(t("server.stopped", port=port))
    else:
        click.echo(t("server.not_running", port=port, data=local.home))


@server.command("status", help="help.server.status")
@_port_option
@_data_option
@lang_option
def status_command(port: int, data_dir: Path | None) -> None:
    """Whether Neo4j runs (exit 0) or not (1)."""
    local = LocalServer(port=port, data_dir=data_dir)
    status = local.status()
    if not status.running:
        click.echo(t("server.not_running", port=port, data=status.data_dir))
        click.get_current_context().exit(1)
    auth = t("server.auth_on") if status.auth else t("server.auth_off")
    click.echo(t("server.running", version=NEO4J_VERSION, uri=status.uri, pid=status.pid,
                 data=status.data_dir, auth=auth))
