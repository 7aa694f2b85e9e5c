"""The ``tejido`` command: the root group, its lazily loaded commands, and the one place
where the core's plain exceptions become messages and exit codes.

Each command lives in a module of this package and loads on first use, so that running one
(``tejido load``) does not import what only another needs (pyvis, the Neo4j driver).
Listing the commands (``tejido --help``) imports none of them: their one-line
descriptions are in :data:`LISTING` (``tests/test_startup.py`` checks they say what each
command's own help says, and that the listing imports nothing heavy). A command module
imports what its command needs to run inside the command's function, and takes its
options' choices and defaults from :mod:`.choices`, so that ``tejido gaps --help`` loads
no analysis either (the same test file checks every command's and subcommand's help).
"""

from __future__ import annotations

import importlib
from typing import IO, Any

import click

from tejido.graph.errors import InputError, StoreError
from tejido.graph.i18n import get_lang
from tejido.graph.neo4j_quiet import redact

from . import click_es
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
    "comparar": "tejido.cli.comparar:comparar",
    "simular": "tejido.cli.simular:simular",
}

#: command name -> its one-line description per language, as ``tejido --help`` lists it:
#: the first sentence of the command's help (click shortens it to the terminal's width).
#: A command missing here is listed by importing it.
LISTING: dict[str, dict[str, str]] = {
    "centrality": {"es": "Centralidad de cada actor en la red de actores.",
                   "en": "Centrality of every actor in the actor network."},
    "comparar": {
        "es": "Qué cambió entre dos cortes de la cartera: actores y lazos nuevos y perdidos, "
              "hallazgos cerrados y abiertos, cambios de prioridad, de estado de las acciones, "
              "de centralidad y de fragmentación por contexto.",
        "en": "What changed between two cuts of the portfolio: actors and ties added and "
              "lost, findings closed and opened, changes of priority, of action estado, of "
              "centrality and of fragmentation per context.",
    },
    "simular": {
        "es": "Qué cambiaría un escenario: una mesa, un convenio o acciones propuestas, en un "
              "libro con las hojas de `tejido template`.",
        "en": "What a scenario would change: a round table, an agreement or proposed actions, "
              "in a workbook with the sheets of `tejido template`.",
    },
    "db": {"es": "El almacén: conteos, borrado y quitar un documento.",
           "en": "The store: counts, wipe and removing a document."},
    "demo": {"es": "Analiza los datos de ejemplo incluidos (Quito y Pichincha).",
             "en": "Analyse the bundled sample data (Quito and Pichincha)."},
    "export": {"es": "Exporta el grafo: json (nodos y enlaces), graphml, gexf (GEXF 1.3, para "
                     "Gephi) o gexf-1.2 (GEXF 1.2draft, para otras herramientas).",
               "en": "Export the graph: json (node-link), graphml, gexf (GEXF 1.3, for Gephi) "
                     "or gexf-1.2 (GEXF 1.2draft, for other tools)."},
    "gaps": {"es": "Brechas de coordinación del almacén, en md, csv, json, xlsx o html.",
             "en": "The store's coordination gaps, as md, csv, json, xlsx or html."},
    "informe": {"es": "Informe técnico para imprimir y adjuntar a un oficio.",
                "en": "Technical report to print and attach to an official letter."},
    "load": {"es": "Carga libros del planificador y carpetas de datos.",
             "en": "Load planner workbooks and dataset folders."},
    "map": {"es": "Escribe un mapa de la red en un archivo HTML que se abre sin conexión.",
            "en": "Write a network map to an HTML file that opens offline."},
    "quality": {"es": "Informe de calidad de los datos cargados.",
                "en": "Data-quality report of the loaded data."},
    "query": {"es": "Consultas guardadas: listar, ver y ejecutar.",
              "en": "Saved queries: list, show and run."},
    "server": {"es": "Un Neo4j local sin Docker.", "en": "A local Neo4j without Docker."},
    "synth": {"es": "Genera una cartera sintética en forma de libro del planificador.",
              "en": "Write a synthetic portfolio as a planner's workbook."},
    "template": {
        "es": "Escribe el libro vacío del planificador, con notas y listas desplegables.",
        "en": "Write the empty planner's workbook, with notes and drop-down lists.",
    },
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

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's command list, from :data:`LISTING` where it has the command: importing
        every command module to read one line of help each cost ``tejido --help`` a second
        and 130 MB (the Neo4j driver, openpyxl, matplotlib…)."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            texts = LISTING.get(name)
            if texts is not None:
                # A throwaway command shortens the sentence exactly as click would.
                line = click.Command(name, help=texts[get_lang()]).get_short_help_str(limit)
            else:
                command = self.get_command(ctx, name)
                if command is None or command.hidden:
                    continue
                line = command.get_short_help_str(limit)
            rows.append((name, line))
        if rows:
            with formatter.section(click_es.translate("Commands")):
                formatter.write_dl(rows)

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
