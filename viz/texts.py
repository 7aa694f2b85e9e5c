"""Everything a planner reads on a map or from ``tejido map``, in Spanish and English.

Names of the model's closed lists (actor tipo, nivel, …) are not here: they come from the
one vocabulary table (:func:`tejido.graph.vocabulary.display`), and gap kind names from
:func:`tejido.queries.gaps.kind_label`, so a map calls things what the reports call them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tejido.graph import i18n
from tejido.graph.i18n import integer, register, t, tn
from tejido.graph.vocabulary import display, lists
from tejido.queries.gaps import kind_label

from .measures import MEASURES, SIZE_MEASURES

__all__ = ["SIZE_MEASURES", "language", "page_labels", "size_explanation"]

register(
    {
        # CLI messages
        "map.written": {
            "es": "Mapa escrito en {path}: {nodes} nodos, {edges} vínculos, {gaps} brechas "
                  "({kb} KB).",
            "en": "Map written to {path}: {nodes} nodes, {edges} links, {gaps} gaps ({kb} KB).",
        },
        "map.empty": {
            "es": "No hay nada que dibujar: el almacén {store} no tiene nodos en esta vista. "
                  "Cargue datos con «tejido load».",
            "en": "Nothing to draw: the store {store} has no nodes in this view. "
                  "Load data with 'tejido load'.",
        },
        "map.unknown": {
            "es": "{option}: no hay ningún {what} llamado «{value}».{hint}",
            "en": "{option}: there is no {what} called '{value}'.{hint}",
        },
        "map.hint": {"es": " ¿Quiso decir: {names}?", "en": " Did you mean: {names}?"},
        "map.what.eje": {"es": "eje", "en": "axis"},
        "map.what.territorio": {"es": "territorio", "en": "territory"},
        "map.what.actor": {"es": "actor", "en": "actor"},
        "map.actor_outside": {
            "es": "--actor: «{name}» no participa en ninguna acción de este alcance "
                  "(revise --eje y --territorio).",
            "en": "--actor: '{name}' takes part in no action within this scope "
                  "(check --eje and --territorio).",
        },
        "map.no_actions": {
            "es": "--eje y --territorio: ninguna acción está a la vez en «{eje}» "
                  "y en «{territorio}».",
            "en": "--eje and --territorio: no action is both in '{eje}' and in '{territorio}'.",
        },
        "map.depth_needs_actor": {
            "es": "--depth solo se usa junto con --actor.",
            "en": "--depth only applies together with --actor.",
        },
        "map.no_measure": {
            "es": "--size-by {measure}: la medida no está en los resultados de centralidad "
                  "(disponibles: {available}).",
            "en": "--size-by {measure}: the measure is not in the centrality results "
                  "(available: {available}).",
        },
        "map.cannot_write": {
            "es": "No se puede escribir {path}: {reason}",
            "en": "Cannot write {path}: {reason}",
        },
        # Page text
        "map.ui.title.actores": {"es": "Red de actores", "en": "Actor network"},
        "map.ui.title.completo": {
            "es": "Actores, acciones, territorios, mecanismos y ejes",
            "en": "Actors, actions, territories, mechanisms and axes",
        },
        "map.ui.scope.eje": {"es": "eje «{name}»", "en": "axis '{name}'"},
        "map.ui.scope.territorio": {"es": "territorio «{name}»", "en": "territory '{name}'"},
        "map.ui.scope.actor": {
            "es": "entorno de {name} a {depth} pasos",
            "en": "{depth}-step neighbourhood of {name}",
        },
        "map.ui.scope.actor_1": {
            "es": "entorno de {name} a 1 paso",
            "en": "1-step neighbourhood of {name}",
        },
        "map.ui.dataset": {"es": "Datos", "en": "Data"},
        "map.ui.date": {"es": "Fecha", "en": "Date"},
        "map.ui.counts": {
            "es": "{nodes} nodos · {edges} vínculos",
            "en": "{nodes} nodes · {edges} links",
        },
        "map.ui.search": {"es": "Buscar un nodo…", "en": "Find a node…"},
        "map.ui.search_go": {"es": "Ir", "en": "Go"},
        "map.ui.search_none": {"es": "Sin resultados", "en": "No match"},
        "map.ui.all_ejes": {"es": "Todos los ejes", "en": "All axes"},
        "map.ui.all_territorios": {"es": "Todos los territorios", "en": "All territories"},
        "map.ui.interno_all": {"es": "Internos y externos", "en": "Internal and external"},
        "map.ui.interno_yes": {"es": "Solo internos", "en": "Internal only"},
        "map.ui.interno_no": {"es": "Solo externos", "en": "External only"},
        "map.ui.filter_eje": {"es": "Filtrar por eje", "en": "Filter by axis"},
        "map.ui.filter_territorio": {"es": "Filtrar por territorio", "en": "Filter by territory"},
        "map.ui.filter_interno": {
            "es": "Filtrar internos/externos",
            "en": "Filter internal/external",
        },
        "map.ui.reset": {"es": "Restablecer", "en": "Reset"},
        "map.ui.export": {"es": "Exportar PNG", "en": "Export PNG"},
        "map.ui.legend": {"es": "Leyenda", "en": "Legend"},
        "map.ui.legend_tipos": {
            "es": "Tipo de actor (clic para ocultar o mostrar)",
            "en": "Actor type (click to hide or show)",
        },
        "map.ui.legend_kinds": {
            "es": "Clase de nodo (clic para ocultar o mostrar)",
            "en": "Node kind (click to hide or show)",
        },
        "map.ui.legend_size": {"es": "Tamaño de los actores", "en": "Actor size"},
        "map.ui.size_is": {
            "es": "{measure}: {help}; calculado sobre la red completa.",
            "en": "{measure}: {help}; computed on the whole network.",
        },
        "map.ui.width_is": {
            "es": "El grosor de un vínculo crece con las acciones que comparten.",
            "en": "A link gets thicker with the actions both share.",
        },
        "map.ui.legend_gaps": {
            "es": "Brechas (clic para ocultar o mostrar)",
            "en": "Gaps (click to hide or show)",
        },
        "map.ui.field.kind": {"es": "Clase", "en": "Kind"},
        "map.ui.field.tipo": {"es": "Tipo", "en": "Type"},
        "map.ui.field.nivel": {"es": "Nivel", "en": "Level"},
        "map.ui.field.interno": {"es": "Interno", "en": "Internal"},
        # A generic actor (a category such as «COOPERACIÓN», not one institution): its
        # node label carries this suffix and a dashed border; its profile says so.
        "map.ui.generic_suffix": {"es": "(genérico)", "en": "(generic)"},
        "map.ui.field.generico": {
            "es": "Genérico (una categoría, no una institución)",
            "en": "Generic (a category, not one institution)",
        },
        "map.ui.field.siglas": {"es": "Siglas", "en": "Acronyms"},
        "map.ui.field.estado": {"es": "Estado", "en": "Status"},
        "map.ui.field.codigo": {"es": "Código", "en": "Code"},
        "map.ui.field.id": {"es": "Identificador", "en": "Identifier"},
        "map.ui.yes": {"es": "sí", "en": "yes"},
        "map.ui.no": {"es": "no", "en": "no"},
        "map.ui.section.centrality": {"es": "Centralidad", "en": "Centrality"},
        "map.ui.section.leads": {"es": "Acciones que lidera", "en": "Actions it leads"},
        "map.ui.section.articulates": {
            "es": "Acciones que articula",
            "en": "Actions it articulates",
        },
        "map.ui.section.rectores": {"es": "Rectores", "en": "Leads"},
        "map.ui.section.articuladores": {"es": "Articuladores", "en": "Articulators"},
        "map.ui.section.ejes": {"es": "Ejes", "en": "Axes"},
        "map.ui.section.territorios": {"es": "Territorios", "en": "Territories"},
        "map.ui.section.mecanismos": {"es": "Mecanismos", "en": "Mechanisms"},
        "map.ui.section.acciones": {"es": "Acciones", "en": "Actions"},
        "map.ui.section.responsible_for": {"es": "Responsable de", "en": "Responsible for"},
        "map.ui.section.responsables": {"es": "Responsables", "en": "Responsible actors"},
        "map.ui.section.convenes": {"es": "Mecanismos que convoca",
                                    "en": "Mechanisms it convenes"},
        "map.ui.section.convened_by": {"es": "Convocado por", "en": "Convened by"},
        "map.ui.section.succeeds": {"es": "Reemplazó a", "en": "Replaced"},
        "map.ui.section.gaps": {"es": "Brechas", "en": "Gaps"},
        "map.ui.section.provenance": {"es": "Procedencia", "en": "Provenance"},
        "map.ui.row": {"es": "fila", "en": "row"},
        "map.ui.severity": {"es": "gravedad", "en": "severity"},
        "map.ui.copy": {"es": "Copiar", "en": "Copy"},
        "map.ui.copied": {"es": "Copiado", "en": "Copied"},
        "map.ui.close": {"es": "Cerrar", "en": "Close"},
        "map.ui.hidden_by_filters": {
            "es": "Estaba oculto por los filtros: se han restablecido.",
            "en": "It was hidden by the filters: they have been reset.",
        },
        "map.ui.file_png": {"es": "mapa-tejido.png", "en": "tejido-map.png"},
        "map.ui.export_svg": {"es": "Exportar SVG", "en": "Export SVG"},
        "map.ui.file_svg": {"es": "mapa-tejido.svg", "en": "tejido-map.svg"},
        "map.ui.source": {"es": "Fuente", "en": "Source"},
        "map.ui.made_with": {"es": "elaborado con tejido", "en": "made with tejido"},
        "map.ui.focal": {"es": "Actor consultado", "en": "Queried actor"},
        "map.ui.labels_note": {
            "es": "Se rotulan primero los actores más centrales; acerque la vista para leer "
                  "más nombres.",
            "en": "The most central actors are labelled first; zoom in to read more names.",
        },
        "map.ui.count_of": {"es": "{shown} de {total}", "en": "{shown} of {total}"},
        "map.ui.visible": {"es": "Visibles: {shown} de {total}",
                           "en": "Visible: {shown} of {total}"},
        "map.ui.gaps_shown": {
            "es": "Brechas mostradas: {shown} de {total}, por prioridad.",
            "en": "Gaps shown: {shown} of {total}, by priority.",
        },
        "map.ui.gaps_more": {"es": "Mostrar {n} más", "en": "Show {n} more"},
        "map.ui.gaps_all": {"es": "Mostrar todas", "en": "Show all"},
        "map.ui.gaps_fewer": {"es": "Solo las {n} primeras", "en": "Only the first {n}"},
        "map.ui.gaps_list": {"es": "Brechas de mayor prioridad (clic para verlas)",
                             "en": "Highest-priority gaps (click to see them)"},
        "map.ui.gaps_omitted": {
            "es": "No se dibujan otros {n} pares de coordinación faltante: el mapa muestra, "
                  "como el informe de brechas, los de mayor prioridad de cada contexto "
                  "(eje × territorio).",
            "en": "{n} more missing-coordination pairs are not drawn: like the gap report, "
                  "the map shows the highest-priority pairs of each context "
                  "(eje × territory).",
        },
        "map.ui.gaps_omitted.one": {
            "es": "No se dibuja otro par de coordinación faltante: el mapa muestra, como el "
                  "informe de brechas, los de mayor prioridad de cada contexto "
                  "(eje × territorio).",
            "en": "1 more missing-coordination pair is not drawn: like the gap report, the "
                  "map shows the highest-priority pairs of each context (eje × territory).",
        },
        "map.ui.priority": {"es": "prioridad", "en": "priority"},
        "map.ui.pending": {"es": "por confirmar", "en": "to be confirmed"},
        "map.ui.measure_help": {"es": "Qué mide cada medida", "en": "What each measure says"},
        "map.ui.index_title": {"es": "Mapas por eje", "en": "Maps by axis"},
        "map.ui.index_intro": {
            "es": "Cada mapa se abre sin conexión a internet.",
            "en": "Each map opens without an internet connection.",
        },
    }
)

#: Page strings handed to the browser (keys without the ``map.ui.`` prefix; ``gap.KIND`` is
#: the gap kind's name from the gap report, ``kind.LABEL`` a node label's from the vocabulary).
_PAGE_KEYS = (
    "search", "search_go", "search_none", "all_ejes", "all_territorios", "interno_all",
    "interno_yes", "interno_no", "filter_eje", "filter_territorio", "filter_interno", "reset",
    "export", "legend", "legend_tipos", "legend_kinds", "legend_size", "legend_gaps",
    "gap.coordinacion_faltante", "gap.punto_critico", "kind.Actor", "kind.Action",
    "kind.Territory", "kind.Mechanism", "kind.Axis", "field.kind", "field.tipo", "field.nivel",
    "field.interno", "field.siglas", "field.estado", "field.codigo", "field.id", "yes", "no",
    "section.centrality", "section.leads", "section.articulates", "section.rectores",
    "section.articuladores", "section.ejes", "section.territorios", "section.mecanismos",
    "section.acciones", "section.gaps", "section.provenance", "row", "severity", "copy", "copied",
    "close", "hidden_by_filters", "file_png", "dataset", "date", "export_svg", "file_svg",
    "source", "made_with", "focal", "labels_note", "visible", "gaps_shown", "gaps_more",
    "gaps_all", "gaps_fewer", "gaps_list", "priority", "count_of",
)


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Use ``lang`` (or the current language when None) inside the block, then restore."""
    previous = i18n.get_lang()
    if lang is not None:
        i18n.set_lang(lang)
    try:
        yield i18n.get_lang()
    finally:
        i18n.set_lang(previous)


def page_labels() -> dict[str, str]:
    """The page's interface strings in the current language."""
    labels = {key: _page_label(key) for key in _PAGE_KEYS}
    labels.update({f"tipo.{key}": display("actor.tipo", key) for key in lists()["actor.tipo"]})
    labels.update({f"measure.{key}": t(f"map.measure.{key}") for key in MEASURES})
    return labels


def _page_label(key: str) -> str:
    if key.startswith("gap."):
        return kind_label(key.removeprefix("gap."))
    if key.startswith("kind."):
        return display("label.one", key.removeprefix("kind."))
    # Counts are filled in by the page: keep their placeholders.
    return t(f"map.ui.{key}", shown="{shown}", total="{total}", n="{n}")


def size_explanation(measure: str) -> str:
    return t("map.ui.size_is", measure=t(f"map.measure.{measure}"),
             help=t(f"map.measure_help.{measure}"))


def omitted_note(pairs: int) -> str | None:
    """What the page says of the «coordinación faltante» pairs the gap report counted and
    did not list (None when it left none out)."""
    return tn("map.ui.gaps_omitted", pairs, n=integer(pairs)) if pairs else None
