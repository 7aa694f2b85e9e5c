"""The measures a map shows, named and explained in one line each, and numbers and dates
written the way the reader's language writes them.

A planner who meets «restricción de Burt: 0,28» in the side panel needs to know, there
and then, what it says about the actor; each measure therefore carries a one-line
explanation in Spanish and English, with the method's source where it has one.
"""

from __future__ import annotations

import math
from datetime import date as Date

from tejido.graph.i18n import get_lang, register, t

#: Centrality columns a map can size actors by (numeric columns of compute_centrality).
SIZE_MEASURES = (
    "grado", "grado_ponderado", "intermediacion", "pagerank", "restriccion", "tamano_efectivo",
)

#: column -> ((name es, name en), (one-line help es, one-line help en))
MEASURES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "grado": (
        ("grado", "degree"),
        ("número de actores con los que comparte acciones o vínculos",
         "number of actors it shares actions or ties with"),
    ),
    "grado_ponderado": (
        ("grado ponderado", "weighted degree"),
        ("acciones compartidas y vínculos, sumados", "shared actions and ties, added up"),
    ),
    "intermediacion": (
        ("intermediación", "betweenness"),
        ("parte de los caminos más cortos entre otros actores que pasan por él (0 a 1; "
         "Freeman 1977)",
         "share of the shortest paths between other actors that pass through it (0 to 1; "
         "Freeman 1977)"),
    ),
    "pagerank": (
        ("PageRank", "PageRank"),
        ("importancia según la importancia de sus socios (suma 1 en toda la red)",
         "importance from the importance of its partners (adds up to 1 over the network)"),
    ),
    "restriccion": (
        ("restricción de Burt", "Burt's constraint"),
        ("cuánto se conocen entre sí sus contactos: alta = contactos redundantes, pocas "
         "oportunidades de intermediar (Burt 1992)",
         "how much its contacts know each other: high = redundant contacts, few chances "
         "to broker (Burt 1992)"),
    ),
    "tamano_efectivo": (
        ("tamaño efectivo de Burt", "Burt's effective size"),
        ("número de contactos no redundantes (Burt 1992)",
         "number of non-redundant contacts (Burt 1992)"),
    ),
    "punto_articulacion": (
        ("punto de articulación", "articulation point"),
        ("sí: si este actor falta, la red se parte en pedazos sin contacto",
         "yes: without this actor the network splits into parts with no contact"),
    ),
    "comunidad": (
        ("comunidad", "community"),
        ("grupo de actores más conectados entre sí que con el resto (Louvain; 0 = el mayor)",
         "group of actors more tied to each other than to the rest (Louvain; 0 = largest)"),
    ),
    # Gould & Fernandez (1989) brokerage roles on the lead -> articulator network: counts
    # of two-paths a -> b -> c (no a -> c) by the groups of a, b and c.
    "intermediario_coordinador": (
        ("intermediación: coordinador", "brokerage: coordinator"),
        ("veces que une a dos actores de su mismo grupo (Gould y Fernandez 1989)",
         "times it joins two actors of its own group (Gould & Fernandez 1989)"),
    ),
    "intermediario_itinerante": (
        ("intermediación: itinerante", "brokerage: itinerant"),
        ("veces que une a dos actores de un mismo grupo ajeno al suyo",
         "times it joins two actors of one group other than its own"),
    ),
    "intermediario_representante": (
        ("intermediación: representante", "brokerage: representative"),
        ("veces que lleva a otro grupo lo que recibe de su propio grupo",
         "times it passes what it gets from its own group on to another group"),
    ),
    "intermediario_guardian": (
        ("intermediación: guardián", "brokerage: gatekeeper"),
        ("veces que recibe de otro grupo y lo pasa dentro del suyo",
         "times it takes in from another group and passes it on within its own"),
    ),
    "intermediario_enlace": (
        ("intermediación: enlace", "brokerage: liaison"),
        ("veces que une a dos actores de grupos distintos, ninguno el suyo",
         "times it joins two actors of different groups, neither its own"),
    ),
}

register({f"map.measure.{key}": {"es": n[0], "en": n[1]} for key, (n, _) in MEASURES.items()})
register({f"map.measure_help.{key}": {"es": h[0], "en": h[1]}
          for key, (_, h) in MEASURES.items()})

_MONTHS = {
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def measure_name(column: str) -> str:
    """A centrality column by its name in the current language (unknown: as it is)."""
    try:
        return t(f"map.measure.{column}")
    except KeyError:
        return column.replace("_", " ")


def measure_help(column: str) -> str:
    """The column's one-line explanation in the current language ('' when there is none)."""
    try:
        return t(f"map.measure_help.{column}")
    except KeyError:
        return ""


def format_number(value: float) -> str:
    """A real for reading: 2 decimals, more when it is small (0,012 rather than 0,01),
    whole numbers without decimals; decimal comma in Spanish, as the reports write it."""
    if value.is_integer():
        text = str(int(value))
    else:
        size = abs(value)
        decimals = 2 if size >= 0.1 else min(6, 1 - math.floor(math.log10(size)))
        text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if get_lang() == "es" else text


def format_value(value: object) -> str:
    """A measure for reading: integers as such, reals by :func:`format_number`, booleans
    as yes/no, a missing value as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return t("map.ui.yes") if value else t("map.ui.no")
    if isinstance(value, float):
        return format_number(value) if math.isfinite(value) else "—"
    return str(value)


def format_date(iso: str) -> str:
    """An ISO date the way the current language writes it («31 de enero de 2026»,
    «31 January 2026»); anything that is not an ISO date is left as it is."""
    try:
        day = Date.fromisoformat(iso)
    except ValueError:
        return iso
    month = _MONTHS[get_lang()][day.month - 1]
    if get_lang() == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{day.day} {month} {day.year}"
