"""``tejido map``: write a network map as one HTML file that opens offline.

The map layer has no store: this command opens one, hands ``write_map`` its snapshot and,
for the gap marks, a finder that runs the gap analysis on the store for the scope the map
resolved (:func:`gap_finder`, shared with ``tejido demo``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tejido.graph.errors import InputError
from tejido.graph.i18n import get_lang, register, t, tn
from tejido.viz.measures import SIZE_MEASURES  # a plain tuple: imports nothing heavy

from .choices import MAP_VIEWS, PAIRS_PER_CONTEXT
from .human import count, integer, status
from .localized import command, helps, option
from .options import force_option, lang_option, refuse_overwrite, store_option

if TYPE_CHECKING:
    from tejido.graph.store import Store
    from tejido.viz.overlay import Marks


def gap_finder(store: Store, pairs_per_context: int | None = PAIRS_PER_CONTEXT,
               ) -> Callable[[str | None, str | None], Marks]:
    """The gap findings a map draws (missing coordination, critical points), found on
    ``store`` for the map's resolved eje and territory ids (None: not filtered).

    The pairs the gap report lists — the ``pairs_per_context`` highest of each (eje,
    territory) context, None for all — and how many it left out, which the map states:
    a provincial portfolio has hundreds of thousands of pairs (280 000 at 40 000
    actions), a page that carries them all is hundreds of MB and a hairball.
    """
    from tejido.queries.gaps import find_gaps
    from tejido.viz.overlay import Marks
    from tejido.viz.views import GAP_KINDS

    def find(eje_id: str | None, territorio_id: str | None) -> Marks:
        # evidence=(): a map shows no evidence, so each finding lets go of its own once
        # ranked.
        report = find_gaps(store, kinds=list(GAP_KINDS), eje=eje_id, territorio=territorio_id,
                           pairs_per_context=pairs_per_context, evidence=())
        return Marks(report.findings, report.summary.pares_omitidos)

    return find


helps(
    {
        "help.map": {
            "es": "Escribe un mapa de la red en un archivo HTML que se abre sin conexión.",
            "en": "Write a network map to an HTML file that opens offline.",
        },
        "help.map.out": {"es": "Archivo HTML a escribir.", "en": "HTML file to write."},
        "help.map.view": {
            "es": "actores: la red de actores; completo: también acciones, territorios, "
            "mecanismos y ejes.",
            "en": "actores: the actor network; completo: actions, territories, mechanisms "
            "and ejes as well.",
        },
        "help.map.eje": {"es": "Solo las acciones de este eje (nombre, código o id).",
                         "en": "Only the actions of this eje (name, code or id)."},
        "help.map.territorio": {
            "es": "Solo las acciones en este territorio o dentro de él.",
            "en": "Only the actions in this territory or inside it.",
        },
        "help.map.actor": {"es": "Solo el entorno de este actor (nombre, siglas o id).",
                           "en": "Only the surroundings of this actor (name, acronym or id)."},
        "help.map.depth": {"es": "Pasos desde --actor (1 por defecto).",
                           "en": "Steps from --actor (1 by default)."},
        "help.map.size_by": {
            "es": "Medida de centralidad que da el tamaño de los actores.",
            "en": "Centrality measure that sizes the actors.",
        },
        "help.map.gaps": {"es": "Muestra la coordinación faltante y los puntos críticos.",
                          "en": "Show missing coordination and critical points."},
        "help.map.title": {"es": "Título del mapa.", "en": "Title of the map."},
        "help.map.gaps_top": {
            "es": "Brechas que el mapa muestra al abrirse, las de mayor prioridad (0: todas); "
                  "la página permite mostrar más.",
            "en": "Gaps the map shows when it opens, the highest-priority ones (0: all); the "
                  "page can show more."},
        "help.map.pairs": {
            "es": "Pares de coordinación faltante que se dibujan por contexto (eje × "
                  "territorio), los de mayor prioridad, como los lista el informe de brechas; "
                  "los demás se cuentan (0: todos).",
            "en": "Missing-coordination pairs drawn per context (eje × territory), the "
                  "highest-priority ones, as the gap report lists them; the rest are counted "
                  "(0: all).",
        },
        "metavar.name": {"es": "NOMBRE", "en": "NAME"},
        "metavar.html": {"es": "ARCHIVO.html", "en": "FILE.html"},
        "metavar.title": {"es": "TÍTULO", "en": "TITLE"},
    }
)
register(
    {
        "mapcli.written": {
            "es": "Mapa escrito en {path}: {nodes}, {edges}, {gaps} ({kb} KB).",
            "en": "Map written to {path}: {nodes}, {edges}, {gaps} ({kb} KB).",
        },
        "mapcli.drawing": {"es": "Dibujando el mapa", "en": "Drawing the map"},
        "mapcli.omitted": {
            "es": "Otros {n} pares de coordinación faltante no se dibujan "
                  "(--pares-por-contexto 0 los dibuja todos).",
            "en": "{n} more missing-coordination pairs are not drawn "
                  "(--pares-por-contexto 0 draws them all).",
        },
        "mapcli.omitted.one": {
            "es": "Otro par de coordinación faltante no se dibuja (--pares-por-contexto 0 lo "
                  "dibuja).",
            "en": "1 more missing-coordination pair is not drawn (--pares-por-contexto 0 "
                  "draws it).",
        },
    }
)


@command("map", help="help.map")
@store_option
@option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
        default=Path("mapa.html"), show_default=True, metavar="metavar.html",
        help="help.map.out")
@option("--view", type=click.Choice(MAP_VIEWS), default="actores", show_default=True,
        help="help.map.view")
@option("--eje", default=None, metavar="metavar.name", help="help.map.eje")
@option("--territorio", default=None, metavar="metavar.name", help="help.map.territorio")
@option("--actor", default=None, metavar="metavar.name", help="help.map.actor")
@option("--depth", type=click.IntRange(min=1), default=None, metavar="metavar.n",
        help="help.map.depth")
@option("--size-by", type=click.Choice(SIZE_MEASURES), default="grado", show_default=True,
        help="help.map.size_by")
@option("--gaps/--no-gaps", default=True, show_default=True, help="help.map.gaps")
@option("--title", default=None, metavar="metavar.title", help="help.map.title")
@option("--gaps-top", type=click.IntRange(min=0), default=10, show_default=True,
        metavar="metavar.n", help="help.map.gaps_top")
@option("--pares-por-contexto", "pairs", type=click.IntRange(min=0),
        default=PAIRS_PER_CONTEXT, show_default=True, metavar="metavar.n", help="help.map.pairs")
@force_option
@lang_option
def map_command(store_spec: str | None, out_path: Path, view: str, eje: str | None,
                territorio: str | None, actor: str | None, depth: int | None, size_by: str,
                gaps: bool, title: str | None, gaps_top: int, pairs: int, force: bool) -> None:
    """Write a network map (help: ``help.map``)."""
    # The store, pyvis and numpy load only when a map is drawn, not for --help.
    from tejido.graph.store import using_store
    from tejido.viz.maps import write_map

    if depth is not None and actor is None:
        raise InputError(t("map.depth_needs_actor"))
    # Maps go in folders of their own: a missing folder is created (by write_map).
    refuse_overwrite(out_path, force, make_folders=True)
    with using_store(store_spec) as store, status(t("mapcli.drawing")):
        stats = write_map(store.snapshot(), out_path, view=view, eje=eje,
                          territorio=territorio, actor=actor, depth=depth or 1,
                          size_by=size_by, gaps=gaps,
                          findings=gap_finder(store, pairs or None) if gaps else None,
                          lang=get_lang(),
                          title=title, dataset=store.describe(), gaps_top=gaps_top)
    click.echo(t("mapcli.written", path=stats.path, nodes=count(stats.nodes, "unit.node"),
                 edges=count(stats.edges, "unit.tie"),
                 gaps=count(stats.gap_edges + stats.critical, "unit.gap"),
                 kb=integer(round(stats.bytes / 1024))))
    if stats.gaps_omitted:
        click.echo(tn("mapcli.omitted", stats.gaps_omitted, n=integer(stats.gaps_omitted)))
