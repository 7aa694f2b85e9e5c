"""Running a saved query on a store.

On Neo4j the Cypher runs in a *read* transaction (routing READ: the session's access mode
is read, so the server itself refuses any write, whatever the query says) with a timeout.
On the embedded store a built-in query runs through its networkx twin; a planner's own
Cypher needs Neo4j.

:func:`canonical_rows` is the contract's comparison of results across stores.
"""

from __future__ import annotations

import json
import os
from typing import Any, LiteralString, cast

from neo4j import (
    READ_ACCESS,
    ManagedTransaction,
    NotificationMinimumSeverity,
    unit_of_work,
)
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable

from tejido.graph.errors import InputError, StoreError
from tejido.graph.i18n import register, t
from tejido.graph.store import Store

from .catalog import QuerySpec

#: Seconds a saved query may run on Neo4j before the server stops it ($TEJIDO_QUERY_TIMEOUT).
DEFAULT_TIMEOUT = float(os.environ.get("TEJIDO_QUERY_TIMEOUT", "120"))
#: Decimal places kept when comparing numbers across stores.
PRECISION = 6

register(
    {
        "runner.needs_neo4j": {
            "es": "La consulta «{name}» ({path}) es Cypher propio y solo corre en Neo4j. "
            "Inicie uno con `tejido server start` (o `docker compose up -d`) y use "
            "--store neo4j.",
            "en": "Query «{name}» ({path}) is your own Cypher and runs only on Neo4j. "
            "Start one with `tejido server start` (or `docker compose up -d`) and use "
            "--store neo4j.",
        },
        "runner.write": {
            "es": "La consulta «{name}» ({path}) intenta modificar la base; las consultas "
            "guardadas solo pueden leer. No se cambió nada.",
            "en": "Query «{name}» ({path}) tries to modify the database; saved queries may "
            "only read. Nothing was changed.",
        },
        "runner.timeout": {
            "es": "La consulta «{name}» superó el tiempo límite de {seconds:g} s y se detuvo "
            "(use --timeout para dar más tiempo).",
            "en": "Query «{name}» exceeded the {seconds:g} s time limit and was stopped "
            "(use --timeout to allow more).",
        },
        "runner.cypher": {
            "es": "La consulta «{name}» ({path}) falló en Neo4j: {reason}",
            "en": "Query «{name}» ({path}) failed on Neo4j: {reason}",
        },
        "runner.columns": {
            "es": "La consulta «{name}» ({path}) devolvió las columnas {got}, pero su cabecera "
            "declara {declared}.",
            "en": "Query «{name}» ({path}) returned the columns {got}, but its header declares "
            "{declared}.",
        },
        "runner.unavailable": {
            "es": "No se puede conectar con Neo4j en {uri}: {reason}",
            "en": "Cannot connect to Neo4j at {uri}: {reason}",
        },
    }
)

_ACCESS_MODE = "Neo.ClientError.Statement.AccessMode"
_TIMED_OUT = ("TransactionTimedOut", "Transaction.Terminated")


def run_query(spec: QuerySpec, store: Store, params: dict[str, Any] | None = None,
              timeout: float | None = None) -> list[dict[str, Any]]:
    """Rows of ``spec`` on ``store`` (dicts in the declared column order).

    ``params`` may hold CLI strings or Python values; they are checked against the
    declared types (:class:`InputError`, exit 2, on an unknown or ill-typed one).
    """
    bound = spec.bind(params or {})
    if store.kind == "neo4j":
        return run_cypher(store, spec, bound, timeout)
    if spec.twin is None:
        raise InputError(t("runner.needs_neo4j", name=spec.name, path=spec.path))
    rows = spec.twin_function()(store.snapshot(), **bound)
    if rows:
        _check_columns(spec, list(rows[0]))
    return [{column: row[column] for column in spec.columns} for row in rows]


def run_cypher(store: Any, spec: QuerySpec, bound: dict[str, Any],
               timeout: float | None = None) -> list[dict[str, Any]]:
    """Run ``spec``'s Cypher on a Neo4j store in a read transaction with a timeout.

    The session's access mode is READ, so the server refuses a write; the transaction
    function is retried by the driver on transient failures (safe: it only reads).
    Server notifications (e.g. "property `peso` does not exist" on a graph without
    weights) are turned off: they are about the data, not errors, and would reach the
    planner as log noise.
    """
    seconds = DEFAULT_TIMEOUT if timeout is None else timeout
    # The text comes from a query file; values only ever travel as parameters.
    text = cast(LiteralString, spec.cypher)

    @unit_of_work(timeout=seconds)
    def work(tx: ManagedTransaction) -> tuple[list[str], list[dict[str, Any]]]:
        result = tx.run(text, bound)
        return list(result.keys()), [record.data() for record in result]

    try:
        with store.driver.session(
            database=store.database, default_access_mode=READ_ACCESS,
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        ) as session:
            keys, records = session.execute_read(work)
    except ServiceUnavailable as exc:
        raise StoreError(t("runner.unavailable", uri=store.uri, reason=exc)) from exc
    except ClientError as exc:
        code = exc.code or ""
        if code == _ACCESS_MODE:
            raise InputError(t("runner.write", name=spec.name, path=spec.path)) from None
        if any(part in code for part in _TIMED_OUT):
            raise InputError(t("runner.timeout", name=spec.name, seconds=seconds)) from None
        raise InputError(t("runner.cypher", name=spec.name, path=spec.path,
                           reason=exc.message or code)) from None
    except Neo4jError as exc:
        raise StoreError(t("runner.cypher", name=spec.name, path=spec.path,
                           reason=exc.message or exc.code)) from exc
    _check_columns(spec, keys)
    return [{column: record[column] for column in spec.columns} for record in records]


def _check_columns(spec: QuerySpec, got: list[str]) -> None:
    if sorted(got) != sorted(spec.columns):
        raise InputError(t("runner.columns", name=spec.name, path=spec.path,
                           got=", ".join(got), declared=", ".join(spec.columns)))


def _canonical(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        number = round(float(value), PRECISION)
        return int(number) if number.is_integer() else number
    if isinstance(value, list | tuple):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, default=str))
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    return str(value)


def canonical_rows(rows: list[dict[str, Any]], columns: list[str]) -> list[str]:
    """Rows in the form the parity contract compares: declared columns, numbers rounded to
    6 decimals (2 and 2.0 alike), list cells as sorted multisets, rows as a sorted list."""
    return sorted(
        json.dumps([_canonical(row.get(c)) for c in columns], ensure_ascii=False,
                   sort_keys=True, default=str)
        for row in rows
    )
