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
from tejido.graph.i18n import get_lang, t
from tejido.graph.store import Store, using_store
from tejido.viz.texts import SIZE_MEASURES
from tejido.viz.views import GAP_KINDS, VIEWS

from .options import force_option, lang_option, refuse_overwrite, store_option

if TYPE_CHECKING:
    from tejido.queries.gaps import Finding


def gap_finder(store: Store) -> Callable[[str | None, str | None], list[Finding]]:
    """The gap findings a map draws (missing coordination, critical points), found on
    ``store`` for the map's resolved eje and territory ids (None: not filtered)."""
    from tejido.queries.gaps import find_gaps

    def find(eje_id: str | None, territorio_id: str | None) -> list[Finding]:
        report = find_gaps(store, kinds=list(GAP_KINDS), eje=eje_id, territorio=territorio_id)
        return report.findings

    return find


@click.command("map")
@store_option
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("mapa.html"), show_default=True,
              help="Archivo HTML a escribir / HTML file to write.")
@click.option("--view", type=click.Choice(VIEWS), default="actores", show_default=True,
              help="actores: red de actores; completo: también acciones, territorios, "
                   "mecanismos y ejes.")
@click.option("--eje", default=None, metavar="NOMBRE",
              help="Solo las acciones de este eje (nombre, código o id).")
@click.option("--territorio", default=None, metavar="NOMBRE",
              help="Solo las acciones en este territorio o dentro de él.")
@click.option("--actor", default=None, metavar="NOMBRE",
              help="Solo el entorno de este actor (nombre, siglas o id).")
@click.option("--depth", type=click.IntRange(min=1), default=None,
              help="Pasos desde --actor (1 por defecto).")
@click.option("--size-by", type=click.Choice(SIZE_MEASURES), default="grado",
              show_default=True, help="Medida de centralidad que da el tamaño de los actores.")
@click.option("--gaps/--no-gaps", default=True, show_default=True,
              help="Mostrar coordinación faltante y puntos críticos.")
@click.option("--title", default=None, help="Título del mapa.")
@force_option
@lang_option
def map_command(store_spec: str | None, out_path: Path, view: str, eje: str | None,
                territorio: str | None, actor: str | None, depth: int | None, size_by: str,
                gaps: bool, title: str | None, force: bool) -> None:
    """Escribe un mapa de la red en un archivo HTML que se abre sin conexión."""
    from tejido.viz.maps import write_map  # pyvis and numpy load only when a map is drawn

    if depth is not None and actor is None:
        raise InputError(t("map.depth_needs_actor"))
    # Maps go in folders of their own: a missing folder is created (by write_map).
    refuse_overwrite(out_path, force, make_folders=True)
    with using_store(store_spec) as store:
        stats = write_map(store.snapshot(), out_path, view=view, eje=eje,
                          territorio=territorio, actor=actor, depth=depth or 1,
                          size_by=size_by, gaps=gaps,
                          findings=gap_finder(store) if gaps else None, lang=get_lang(),
                          title=title, dataset=store.describe())
    click.echo(t("map.written", path=stats.path, nodes=stats.nodes, edges=stats.edges,
                 gaps=stats.gap_edges + stats.critical, kb=round(stats.bytes / 1024)))
