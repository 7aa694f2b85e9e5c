"""The ``tejido`` command. Each subpackage owns its commands; they load on first use,
so that running one (``tejido load``) does not import what only another needs (pyvis)."""

from __future__ import annotations

import importlib

import click

from .cli_common import lang_option

#: command name -> "module:attribute"
COMMANDS: dict[str, str] = {
    "load": "tejido.loaders.cli:load",
    "template": "tejido.loaders.cli:template",
    "synth": "tejido.loaders.cli:synth",
    "quality": "tejido.loaders.quality:quality",
    "db": "tejido.graph.cli_db:db",
    "export": "tejido.graph.cli_db:export",
    "server": "tejido.graph.server:server",
    "centrality": "tejido.queries.cli:centrality",
    "gaps": "tejido.queries.gaps_cli:gaps",
    "query": "tejido.queries.cli:query",
    "demo": "tejido.queries.demo:demo",
    "map": "tejido.viz.cli:map_command",
}


class LazyGroup(click.Group):
    """click's documented lazy-loading pattern: import a subcommand only when it runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@lang_option
@click.version_option(package_name="tejido")
def main() -> None:
    """tejido: mapa de actores, acciones, territorios y mecanismos de articulación."""
