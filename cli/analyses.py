"""Command ``tejido query`` (saved queries: list, show, run) and the options the analyses
share.

Machine outputs keep stable column names whatever the language: CSV headers and JSON keys
are the query's declared columns (the analyses contract's names, in Spanish) with and
without ``--lang en``, so a script reading them never breaks; only the aligned table a
person reads gets English headers (:data:`HEADERS_EN`) under ``--lang en``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tejido.graph.errors import InputError
from tejido.graph.files import write_atomic
from tejido.graph.i18n import get_lang, register, t
from tejido.reports.tables import FORMATS, render  # plain Python: csv, json

if TYPE_CHECKING:
    from tejido.queries.catalog import QuerySpec

from .human import status
from .localized import argument, group, helps, option
from .options import force_option, lang_option, refuse_overwrite, store_option, writing

#: The integers Neo4j (and Cypher's 64-bit INTEGER) can hold.
INT64 = (-(2**63), 2**63 - 1)

#: English headers for the contract's Spanish column names (the table with --lang en).
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
        "qcli.running": {"es": "Ejecutando {name}", "en": "Running {name}"},
    }
)

helps(
    {
        "help.queries": {
            "es": "Carpeta con consultas propias (archivos .cypher).",
            "en": "Folder with your own queries (.cypher files).",
        },
        "help.format": {
            "es": "Formato de salida: tabla para leer, csv o json para otros programas "
            "(columnas con nombres fijos en cualquier idioma).",
            "en": "Output format: a table to read, csv or json for other programs (column "
            "names fixed in every language).",
        },
        "help.out": {"es": "Escribe en este archivo en vez de la pantalla.",
                     "en": "Write to this file instead of the screen."},
        "help.query": {
            "es": "Consultas guardadas: listar, ver y ejecutar.\n\nCada consulta es un "
            "archivo .cypher con su descripción, parámetros y columnas.",
            "en": "Saved queries: list, show and run.\n\nEach query is a .cypher file with "
            "its description, parameters and columns.",
        },
        "help.query.list": {"es": "Lista las consultas incorporadas y las propias.",
                            "en": "List the built-in queries and your own."},
        "help.query.show": {
            "es": "Muestra la descripción, los parámetros y el Cypher de una consulta.",
            "en": "Show a query's description, parameters and Cypher.",
        },
        "help.query.run": {
            "es": "Ejecuta una consulta guardada.\n\nEn Neo4j corre en una transacción de "
            "solo lectura; en el almacén de archivo, su gemela networkx. Un parámetro que "
            "nombra un actor, un territorio o un eje acepta su nombre, siglas o código tal "
            "como aparecen en los documentos.",
            "en": "Run a saved query.\n\nOn Neo4j it runs in a read-only transaction; on the "
            "file store, its networkx twin does. A parameter naming an actor, a territory "
            "or an eje takes its name, acronym or code as the documents print it.",
        },
        "help.param": {
            "es": "Valor de un parámetro; se puede repetir.",
            "en": "A parameter's value; may be repeated.",
        },
        "help.timeout": {
            "es": "Segundos máximos en Neo4j (120 por defecto).",
            "en": "Maximum seconds on Neo4j (120 by default).",
        },
        "metavar.folder": {"es": "CARPETA", "en": "FOLDER"},
        "metavar.param": {"es": "NOMBRE=VALOR", "en": "NAME=VALUE"},
        "metavar.query": {"es": "CONSULTA", "en": "QUERY"},
    }
)

queries_option = option(
    "--queries", "queries_dir", type=click.Path(path_type=Path), envvar="TEJIDO_QUERIES",
    default=None, metavar="metavar.folder", help="help.queries",
)
format_option = option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
    help="help.format",
)
out_option = option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="help.out",
)


def table_headers(fmt: str) -> dict[str, str]:
    """Headers for ``fmt``: English names for the table a person reads under --lang en;
    none for CSV and JSON, whose column names never change with the language."""
    return HEADERS_EN if fmt == "table" and get_lang() == "en" else {}


def emit(text: str, out: Path | None, fmt: str) -> None:
    """``text`` on stdout, or written to ``out`` (CSV with the BOM Excel needs)."""
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


@group(name="query", help="help.query")
@lang_option
def query() -> None:
    """Saved queries (help: ``help.query``)."""


@query.command(name="list", help="help.query.list")
@queries_option
@lang_option
def list_queries(queries_dir: Path | None) -> None:
    """List the built-in queries and the planner's own."""
    # The catalog (pydantic, YAML) and the store load only when a query is read or run,
    # not for --help (issue 14).
    from tejido.queries.catalog import load_catalog

    rows = [
        {"name": spec.name, "title": str(spec.title), "params": _describe_params(spec),
         "origin": t("qcli.builtin") if spec.builtin else t("qcli.own")}
        for spec in load_catalog(queries_dir)
    ]
    headers = {c: t(f"qcli.h_{c}") for c in ("name", "title", "params", "origin")}
    click.echo(render(rows, ["name", "title", "params", "origin"], "table", headers), nl=False)


@query.command(name="show", help="help.query.show")
@argument("name", metavar="metavar.query")
@queries_option
@lang_option
def show_query(name: str, queries_dir: Path | None) -> None:
    """Print a query's metadata and Cypher."""
    from tejido.queries.catalog import load_catalog

    spec = load_catalog(queries_dir).get(name)
    click.echo(t(
        "qcli.show", name=spec.name, title=spec.title, description=spec.description or "",
        path=spec.path, columns=", ".join(spec.columns), params=_describe_params(spec),
        twin=spec.twin or t("qcli.no_twin"), cypher=spec.cypher,
    ))


@query.command(name="run", help="help.query.run")
@argument("name", metavar="metavar.query")
@option("--param", "params", multiple=True, metavar="metavar.param", help="help.param")
@format_option
@out_option
@force_option
@option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
        metavar="metavar.seconds", help="help.timeout")
@queries_option
@store_option
@lang_option
def run_command(name: str, params: tuple[str, ...], fmt: str, out: Path | None, force: bool,
                timeout: float | None, queries_dir: Path | None, store_spec: str | None) -> None:
    """Run a saved query; names given for actor/territory/eje parameters become ids."""
    from tejido.graph.store import using_store
    from tejido.queries.catalog import load_catalog
    from tejido.queries.runner import run_query

    spec = load_catalog(queries_dir).get(name)
    given = _parse_params(params)
    bound = spec.bind(given)
    _check_ints(spec, bound)  # bad parameters fail before the store is opened
    if out is not None:
        refuse_overwrite(out, force)
    with using_store(store_spec) as store, status(t("qcli.running", name=spec.name)):
        rows = run_query(spec, store, spec.resolve(bound, store), timeout)
    emit(render(rows, spec.columns, fmt, table_headers(fmt)), out, fmt)
