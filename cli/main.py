"""The ``tejido`` command: the root group, its lazily loaded commands, and the one place
where the core's plain exceptions become messages and exit codes.

Each command lives in a module of this package and loads on first use, so that running one
(``tejido load``) does not import what only another needs (pyvis, the Neo4j driver).
"""

from __future__ import annotations

import importlib
from typing import IO, Any

import click

from tejido.graph.errors import InputError, StoreError
from tejido.graph.neo4j_quiet import redact

from .localized import LocalizedGroup, LocalizedOption, helps
from .options import lang_option

#: command name -> "module:attribute" (modules of this package)
COMMANDS: dict[str, str] = {
    "load": "tejido.cli.load:load",
    "template": "tejido.cli.load:template",
    "synth": "tejido.cli.load:synth",
    "quality": "tejido.cli.quality:quality",
    "db": "tejido.cli.db:db",
    "export": "tejido.cli.db:export",
    "server": "tejido.cli.server:server",
    "centrality": "tejido.cli.centrality:centrality",
    "gaps": "tejido.cli.gaps:gaps",
    "query": "tejido.cli.analyses:query",
    "demo": "tejido.cli.demo:demo",
    "map": "tejido.cli.map:map_command",
    "informe": "tejido.cli.informe:informe",
}

#: Exit codes: 2 for the user's input (as click's own usage errors), 3 for the store.
INPUT_EXIT = 2
STORE_EXIT = 3


class UserMessage(click.ClickException):
    """A core error shown as its plain message (no "Error:" prefix) with its exit code; a
    password inside a URI in it (``bolt://neo4j:secret@host``) is shown as ``***``."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(redact(message))
        self.exit_code = exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.format_message(), err=True, file=file)


helps(
    {
        "help.main": {
            "es": "tejido: mapa de actores, acciones, territorios y mecanismos de "
            "articulación.\n\nTodo en castellano por defecto; --lang en (o TEJIDO_LANG=en) "
            "para inglés. Los nombres de las columnas de CSV y las claves de JSON no cambian "
            "con el idioma.",
            "en": "tejido: map of actors, actions, territories and articulation mechanisms."
            "\n\nEverything in Spanish by default; --lang en (or TEJIDO_LANG=en) for "
            "English. CSV column names and JSON keys do not change with the language.",
        },
        "help.version": {"es": "Muestra la versión y termina.",
                         "en": "Show the version and exit."},
    }
)


class TejidoGroup(LocalizedGroup):
    """click's documented lazy-loading group, translating the core's errors on the way out
    (and, as :class:`LocalizedGroup`, reading --lang before anything is parsed)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            raise UserMessage(exc.message, INPUT_EXIT) from exc
        except StoreError as exc:
            raise UserMessage(exc.message, STORE_EXIT) from exc


@click.group(cls=TejidoGroup, context_settings={"help_option_names": ["-h", "--help"]},
             help="help.main")
@lang_option
@click.version_option(package_name="tejido", message="%(prog)s %(version)s",
                      help="help.version", cls=LocalizedOption)
def main() -> None:
    """The root command (its help is the message ``help.main``)."""
