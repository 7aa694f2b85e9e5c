"""Commands ``tejido query`` (saved queries) and ``tejido centrality``.

Output columns keep the analyses contract's names (Spanish) in JSON; with ``--lang en``
the table and CSV headers are translated, so a spreadsheet reads in the planner's
language while programs reading JSON see stable keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tejido.graph.errors import InputError
from tejido.graph.files import write_atomic
from tejido.graph.i18n import get_lang, register, t
from tejido.graph.store import using_store
from tejido.queries.catalog import QuerySpec, load_catalog
from tejido.queries.centrality import (
    ACTOR_COLUMNS,
    GROUP_BY,
    MEASURES,
    compute_centrality,
    measure_columns,
)
from tejido.queries.runner import run_query
from tejido.reports.tables import FORMATS, render

from .options import force_option, lang_option, refuse_overwrite, store_option, writing

#: The integers Neo4j (and Cypher's 64-bit INTEGER) can hold.
INT64 = (-(2**63), 2**63 - 1)

#: English headers for the contract's Spanish column names (table and CSV with --lang en).
HEADERS_EN = {
    "nombre": "name", "tipo": "type", "nivel": "level", "interno": "internal",
    "predecesores": "predecessors",
    "grado": "degree", "grado_ponderado": "weighted_degree", "intermediacion": "betweenness",
    "pagerank": "pagerank", "restriccion": "constraint", "tamano_efectivo": "effective_size",
    "intermediario_coordinador": "broker_coordinator",
    "intermediario_itinerante": "broker_itinerant",
    "intermediario_guardian": "broker_gatekeeper",
    "intermediario_representante": "broker_representative",
    "intermediario_enlace": "broker_liaison",
    "punto_articulacion": "articulation_point", "comunidad": "community",
}

register(
    {
        "qcli.param_syntax": {
            "es": "--param espera NOMBRE=VALOR, no «{value}».",
            "en": "--param expects NAME=VALUE, not «{value}».",
        },
        "qcli.written": {"es": "Escrito: {path}", "en": "Written: {path}"},
        "qcli.int_range": {
            "es": "El parámetro «{name}» de la consulta «{query}» vale {value}, fuera del rango "
            "de los enteros de Neo4j (de {low} a {high}).",
            "en": "Parameter «{name}» of query «{query}» is {value}, outside the range of "
            "Neo4j integers ({low} to {high}).",
        },
        "qcli.builtin": {"es": "incorporada", "en": "built-in"},
        "qcli.own": {"es": "propia", "en": "own"},
        "qcli.h_name": {"es": "nombre", "en": "name"},
        "qcli.h_title": {"es": "título", "en": "title"},
        "qcli.h_params": {"es": "parámetros", "en": "parameters"},
        "qcli.h_origin": {"es": "origen", "en": "origin"},
        "qcli.show": {
            "es": "{name}: {title}\n{description}\nArchivo: {path}\nColumnas: {columns}\n"
            "Parámetros: {params}\nGemela networkx: {twin}\n\n{cypher}",
            "en": "{name}: {title}\n{description}\nFile: {path}\nColumns: {columns}\n"
            "Parameters: {params}\nnetworkx twin: {twin}\n\n{cypher}",
        },
        "qcli.no_twin": {"es": "ninguna (solo Neo4j)", "en": "none (Neo4j only)"},
        "qcli.none": {"es": "ninguno", "en": "none"},
    }
)

queries_option = click.option(
    "--queries", "queries_dir", type=click.Path(path_type=Path), envvar="TEJIDO_QUERIES",
    default=None, metavar="CARPETA",
    help="Carpeta con consultas propias (.cypher) / folder of your own queries.",
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
    help="Formato de salida / output format.",
)
out_option = click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Escribir en este archivo en vez de la pantalla / write to this file.",
)


def _headers() -> dict[str, str]:
    return HEADERS_EN if get_lang() == "en" else {}


def _emit(text: str, out: Path | None, fmt: str) -> None:
    if out is None:
        click.echo(text, nl=False)
        return
    # utf-8-sig: Excel opens a CSV with accents correctly only when it carries the BOM.
    data = text.encode("utf-8-sig" if fmt == "csv" else "utf-8")
    with writing(out):
        write_atomic(out, data)
    click.echo(t("qcli.written", path=out), err=True)


def _describe_params(spec: QuerySpec) -> str:
    return ", ".join(
        f"{p.name}:{p.type}" + ("" if p.default is None else f"={p.default}")
        for p in spec.parameters
    ) or t("qcli.none")


def _check_ints(spec: QuerySpec, bound: dict[str, Any]) -> None:
    """An integer Neo4j cannot hold (``--param k=99999999999999999999999``) is the user's
    input error, named before the store is opened, not the driver's overflow traceback."""
    low, high = INT64
    problems = [
        t("qcli.int_range", name=name, query=spec.name, value=value, low=low, high=high)
        for name, value in bound.items()
        for item in (value if isinstance(value, list) else [value])
        if isinstance(item, int) and not isinstance(item, bool) and not low <= item <= high
    ]
    if problems:
        raise InputError(problems)


def _parse_params(values: tuple[str, ...]) -> dict[str, Any]:
    """``NAME=VALUE`` pairs; a name given twice collects a list (for list[string])."""
    params: dict[str, Any] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError(t("qcli.param_syntax", value=item))
        name = name.strip()
        if name in params:
            previous = params[name]
            params[name] = [*(previous if isinstance(previous, list) else [previous]), value]
        else:
            params[name] = value
    return params


@click.group(name="query")
@lang_option
def query() -> None:
    """Consultas guardadas: listar, ver y ejecutar (saved queries)."""


@query.command(name="list")
@queries_option
@lang_option
def list_queries(queries_dir: Path | None) -> None:
    """Lista las consultas incorporadas y propias."""
    rows = [
        {"name": spec.name, "title": str(spec.title), "params": _describe_params(spec),
         "origin": t("qcli.builtin") if spec.builtin else t("qcli.own")}
        for spec in load_catalog(queries_dir)
    ]
    headers = {c: t(f"qcli.h_{c}") for c in ("name", "title", "params", "origin")}
    click.echo(render(rows, ["name", "title", "params", "origin"], "table", headers), nl=False)


@query.command(name="show")
@click.argument("name")
@queries_option
@lang_option
def show_query(name: str, queries_dir: Path | None) -> None:
    """Muestra la descripción, parámetros y Cypher de una consulta."""
    spec = load_catalog(queries_dir).get(name)
    click.echo(t(
        "qcli.show", name=spec.name, title=spec.title, description=spec.description or "",
        path=spec.path, columns=", ".join(spec.columns), params=_describe_params(spec),
        twin=spec.twin or t("qcli.no_twin"), cypher=spec.cypher,
    ))


@query.command(name="run")
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="NOMBRE=VALOR",
              help="Valor de un parámetro (repetible) / a parameter value (repeatable).")
@format_option
@out_option
@force_option
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Segundos máximos en Neo4j / max seconds on Neo4j (default 120).")
@queries_option
@store_option
@lang_option
def run_command(name: str, params: tuple[str, ...], fmt: str, out: Path | None, force: bool,
                timeout: float | None, queries_dir: Path | None, store_spec: str | None) -> None:
    """Ejecuta una consulta guardada (en Neo4j, en una transacción de solo lectura)."""
    spec = load_catalog(queries_dir).get(name)
    given = _parse_params(params)
    _check_ints(spec, spec.bind(given))  # bad parameters fail before the store is opened
    if out is not None:
        refuse_overwrite(out, force)
    with using_store(store_spec) as store:
        rows = run_query(spec, store, given, timeout)
    _emit(render(rows, spec.columns, fmt, _headers()), out, fmt)


@click.command(name="centrality")
@click.option("--measure", "measures", multiple=True, type=click.Choice(MEASURES),
              help="Medida a calcular (repetible; todas por defecto) / measure (repeatable).")
@click.option("--top", type=click.IntRange(min=1), default=None,
              help="Solo los N primeros según la primera medida / only the top N.")
@click.option("--group-by", type=click.Choice(GROUP_BY), default="nivel", show_default=True,
              help="Grupos para los roles de intermediación / groups for brokerage roles.")
@click.option("--separar-renombrados", "separate_renamed", is_flag=True,
              help="Una institución renombrada y la que reemplazó, por separado (por defecto "
                   "son una sola fila) / keep a renamed institution apart from its "
                   "predecessor.")
@format_option
@out_option
@force_option
@store_option
@lang_option
def centrality(measures: tuple[str, ...], top: int | None, group_by: str,
               separate_renamed: bool, fmt: str, out: Path | None, force: bool,
               store_spec: str | None) -> None:
    """Centralidad de cada actor en la red de actores.

    Filas ordenadas de mayor a menor por la primera medida pedida (intermediación por
    defecto). Con --lang en los encabezados de tabla y CSV van en inglés; las claves JSON
    siguen el contrato (en castellano).
    """
    if out is not None:
        refuse_overwrite(out, force)
    chosen = list(measures) or list(MEASURES)
    with using_store(store_spec) as store:
        rows = compute_centrality(store, chosen, group_by, separate_renamed=separate_renamed)
    key = measure_columns(chosen)[0] if measures else "intermediacion"
    rows.sort(key=lambda r: (r[key] is None, -(float(r[key]) if r[key] is not None else 0)))
    if top is not None:
        rows = rows[:top]
    columns = [*ACTOR_COLUMNS, *measure_columns(chosen)]
    _emit(render(rows, columns, fmt, _headers()), out, fmt)
