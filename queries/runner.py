"""Running a saved query on a store.

The store runs it (:meth:`tejido.graph.store.Store.rows`): on Neo4j the Cypher runs in a
*read* transaction (the session's access mode is read, so the server itself refuses any
write, whatever the query says) with a timeout; on the embedded store a built-in query
runs through its networkx twin, and a planner's own Cypher needs Neo4j.

:func:`canonical_rows` is the contract's comparison of results across stores.
"""

from __future__ import annotations

import json
from typing import Any

from tejido.graph.store import Store

from .catalog import QuerySpec

#: Decimal places kept when comparing numbers across stores.
PRECISION = 6


def run_query(spec: QuerySpec, store: Store, params: dict[str, Any] | None = None,
              timeout: float | None = None) -> list[dict[str, Any]]:
    """Rows of ``spec`` on ``store`` (dicts in the declared column order).

    ``params`` may hold CLI strings or Python values; they are checked against the
    declared types (:class:`InputError`, exit 2, on an unknown or ill-typed one).
    """
    return store.rows(spec, spec.bind(params or {}), timeout)


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
