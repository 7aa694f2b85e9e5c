"""``tejido centrality``: who holds the portfolio together.

Two readings of the same rows (:func:`tejido.queries.centrality.compute_centrality`):

- the default table is for reading in a terminal: the :data:`TOP_READABLE` most central
  actors by name, with a handful of columns (degree, betweenness, PageRank and the
  brokerage role they play most), numbers in the run's language, about 100 characters
  wide;
- ``--all``, CSV and JSON carry every actor and every column under the analyses
  contract's names (``id, nombre, …, intermediacion, …``), the same with and without
  ``--lang en``: scripts and spreadsheets read them by name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tejido.graph.i18n import register, t
from tejido.reports.tables import render

from .analyses import emit, format_option, out_option, table_headers
from .choices import CENTRALITY_MEASURES, GROUP_BY
from .human import count, decimal, integer, status
from .localized import command, helps, option
from .options import force_option, lang_option, refuse_overwrite, store_option

#: Actors the readable table shows unless --top or --all says otherwise.
TOP_READABLE = 15
#: The measures the readable table shows when --measure names none.
READABLE_MEASURES = ("grado", "intermediacion", "pagerank", "intermediario")
#: Characters of an actor's name in the readable table (longer names end in "…").
NAME_WIDTH = 44
#: Decimals per measure in the readable table (integers and flags have none).
DECIMALS = {"grado_ponderado": 1, "intermediacion": 3, "pagerank": 4, "restriccion": 3,
            "tamano_efectivo": 2}

helps(
    {
        "help.centrality": {
            "es": "Centralidad de cada actor en la red de actores.\n\nLa tabla muestra los "
            "actores más centrales con unas pocas columnas: grado, intermediación, PageRank "
            "y el rol de intermediario que más cumplen. Con --all, o en csv o json, van todos "
            "los actores y todas las medidas, con columnas de nombre fijo en cualquier "
            "idioma. Filas de mayor a menor según la primera medida pedida (intermediación "
            "por defecto).",
            "en": "Centrality of every actor in the actor network.\n\nThe table shows the "
            "most central actors with a few columns: degree, betweenness, PageRank and the "
            "brokerage role they play most. With --all, or as csv or json, every actor and "
            "every measure, under column names fixed in every language. Rows from highest "
            "to lowest by the first measure asked for (betweenness by default).",
        },
        "help.measure": {
            "es": "Medida a calcular; se puede repetir (todas por defecto).",
            "en": "Measure to compute; may be repeated (all by default).",
        },
        "help.top": {
            "es": "Solo los N primeros según la primera medida (la tabla muestra 15 sin "
            "--all).",
            "en": "Only the first N by the first measure (the table shows 15 without --all).",
        },
        "help.all": {
            "es": "La tabla con todos los actores y todas las columnas.",
            "en": "The table with every actor and every column.",
        },
        "help.group_by": {
            "es": "Grupos que definen los roles de intermediación.",
            "en": "Groups that define the brokerage roles.",
        },
        "help.separate_renamed": {
            "es": "Una institución renombrada y la que reemplazó van en filas separadas (por "
            "defecto son una sola).",
            "en": "A renamed institution and the one it replaced get separate rows (one row "
            "by default).",
        },
    }
)

register(
    {
        "ccli.h.actor": {"es": "actor", "en": "actor"},
        "ccli.h.grado": {"es": "grado", "en": "degree"},
        "ccli.h.grado_ponderado": {"es": "grado pond.", "en": "w. degree"},
        "ccli.h.intermediacion": {"es": "intermediación", "en": "betweenness"},
        "ccli.h.pagerank": {"es": "PageRank", "en": "PageRank"},
        "ccli.h.restriccion": {"es": "restricción", "en": "constraint"},
        "ccli.h.tamano_efectivo": {"es": "tamaño ef.", "en": "eff. size"},
        "ccli.h.intermediario": {"es": "rol", "en": "role"},
        "ccli.h.punto_articulacion": {"es": "punto de articulación",
                                      "en": "articulation point"},
        "ccli.h.comunidad": {"es": "comunidad", "en": "community"},
        "ccli.role.coordinador": {"es": "coordinador", "en": "coordinator"},
        "ccli.role.itinerante": {"es": "itinerante", "en": "itinerant"},
        "ccli.role.guardian": {"es": "guardián", "en": "gatekeeper"},
        "ccli.role.representante": {"es": "representante", "en": "representative"},
        "ccli.role.enlace": {"es": "enlace", "en": "liaison"},
        "ccli.shown": {
            "es": "{shown} de {total}; --all muestra todos los actores y todas las columnas.",
            "en": "{shown} of {total}; --all shows every actor and every column.",
        },
        "ccli.computing": {"es": "Calculando la centralidad", "en": "Computing centrality"},
    }
)


def _role(row: dict[str, Any]) -> str:
    """The brokerage role an actor plays most (the first in Gould–Fernandez order on a
    tie), with its count; empty when it brokers nothing."""
    from tejido.queries.algorithms import ROLES  # loaded with the rows already

    counts = [(row.get(f"intermediario_{role}") or 0, role) for role in ROLES]
    best = max(counts, key=lambda pair: pair[0])
    return f"{t(f'ccli.role.{best[1]}')} ({integer(best[0])})" if best[0] else ""


def _cell(measure: str, row: dict[str, Any]) -> str:
    if measure == "intermediario":
        return _role(row)
    value = row.get(measure)
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("output.yes") if value else t("output.no")
    if measure in DECIMALS:
        return decimal(float(value), DECIMALS[measure])
    return integer(int(value))


def _name(row: dict[str, Any]) -> str:
    name = str(row.get("nombre") or row["id"])
    return name if len(name) <= NAME_WIDTH else name[:NAME_WIDTH - 1] + "…"


def readable_table(rows: list[dict[str, Any]], measures: list[str]) -> str:
    """The table a person reads: the actor's name, then one column per measure (the
    brokerage roles as one ``rol`` column), numbers right-aligned in the run's language."""
    heads = [t("ccli.h.actor"), *(t(f"ccli.h.{m}") for m in measures)]
    cells = [[_name(row), *(_cell(m, row) for m in measures)] for row in rows]
    if not cells:
        return t("output.empty") + "\n"
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(heads)]
    numeric = [False, *(m not in ("intermediario", "punto_articulacion") for m in measures)]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if right else v.ljust(w)
                         for v, w, right in zip(values, widths, numeric, strict=True)).rstrip()

    return "\n".join([line(heads), "  ".join("-" * w for w in widths),
                      *(line(r) for r in cells)]) + "\n"


@command(name="centrality", help="help.centrality")
@option("--measure", "measures", multiple=True, type=click.Choice(CENTRALITY_MEASURES),
        help="help.measure")
@option("--top", type=click.IntRange(min=1), default=None, metavar="metavar.n",
        help="help.top")
@option("--all", "show_all", is_flag=True, help="help.all")
@option("--group-by", type=click.Choice(GROUP_BY), default="nivel", show_default=True,
        help="help.group_by")
@option("--separar-renombrados", "separate_renamed", is_flag=True,
        help="help.separate_renamed")
@format_option
@out_option
@force_option
@store_option
@lang_option
def centrality(measures: tuple[str, ...], top: int | None, show_all: bool, group_by: str,
               separate_renamed: bool, fmt: str, out: Path | None, force: bool,
               store_spec: str | None) -> None:
    """Centrality per actor: a readable table by default, every column otherwise."""
    # The store and the measures (networkx, igraph) load only when they are computed:
    # importing them for `tejido centrality --help` cost 0.4 s (issue 14).
    from tejido.graph.store import using_store
    from tejido.queries.centrality import (
        ACTOR_COLUMNS,
        MEASURES,
        compute_centrality,
        measure_columns,
    )

    if out is not None:
        refuse_overwrite(out, force)
    readable = fmt == "table" and not show_all
    chosen = list(measures) or list(READABLE_MEASURES if readable else MEASURES)
    with using_store(store_spec) as store, status(t("ccli.computing")):
        rows = compute_centrality(store, chosen, group_by, separate_renamed=separate_renamed)
    key = measure_columns(chosen)[0] if measures else "intermediacion"
    rows.sort(key=lambda r: (r[key] is None, -(float(r[key]) if r[key] is not None else 0)))
    total = len(rows)
    limit = top if top is not None else (TOP_READABLE if readable else None)
    rows = rows[:limit] if limit is not None else rows
    if readable:
        emit(readable_table(rows, chosen), out, fmt)
        if len(rows) < total:
            click.echo(t("ccli.shown", shown=integer(len(rows)),
                         total=count(total, "unit.actor")), err=True)
        return
    columns = [*ACTOR_COLUMNS, *measure_columns(chosen)]
    emit(render(rows, columns, fmt, table_headers(fmt)), out, fmt)
