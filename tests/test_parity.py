"""Parity: every built-in query gives the same rows on Neo4j (its Cypher) and on the
embedded store (its networkx twin) — over the bundled datasets and over random portfolios.

Rows are compared as the contract says (runner.canonical_rows): declared columns, numbers
rounded to 6 decimals, list cells as multisets, rows as a sorted list. The catalog is
iterated, so every query added to queries/builtin or queries/gaps is covered without
touching this file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from helpers_portfolio import portfolios, reset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import GraphBatch
from tejido.loaders.base import is_dataset_tree, read_paths
from tejido.queries.catalog import QuerySpec, builtin_specs
from tejido.queries.runner import canonical_rows, run_query

BUILTINS = builtin_specs()
DATA = Path(__file__).resolve().parents[1] / "data"


def _candidates(snapshot: nx.MultiDiGraph) -> list[str]:
    """Strings a string parameter may meaningfully take: node ids, names and enum values."""
    values: set[str] = set()
    for node, attrs in snapshot.nodes(data=True):
        values.add(node)
        values.update(v for k, v in attrs.items()
                      if k in ("name", "titulo", "estado", "tipo", "nivel", "eje")
                      and isinstance(v, str))
    return sorted(values)


def _param_strategy(spec: QuerySpec, candidates: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Values for every declared parameter, drawn from the graph's own strings."""
    strings = st.sampled_from(candidates) if candidates else st.just("—")
    by_type: dict[str, st.SearchStrategy[Any]] = {
        "string": st.none() | strings,
        "int": st.integers(0, 4),
        "float": st.sampled_from([0.0, 0.25, 0.5, 1.0]),
        "bool": st.booleans(),
        "list[string]": st.lists(strings, max_size=3),
    }
    return st.fixed_dictionaries({p.name: by_type[p.type] for p in spec.parameters})


def _assert_same(spec: QuerySpec, neo4j: Any, embedded: Any, params: dict[str, Any]) -> None:
    cypher = canonical_rows(run_query(spec, neo4j, params), spec.columns)
    twin = canonical_rows(run_query(spec, embedded, params), spec.columns)
    assert cypher == twin, f"{spec.name} {params}: Cypher rows != twin rows"


def test_the_catalog_has_the_network_queries() -> None:
    names = {spec.name for spec in BUILTINS}
    assert {"actors", "actor_network", "actor_network_directed", "degree"} <= names


@pytest.fixture
def embedded(tmp_path: Path) -> EmbeddedStore:
    return EmbeddedStore(tmp_path / "graph.json")


def _seed_batch() -> GraphBatch:
    """The bundled datasets (all five documents)."""
    assert is_dataset_tree(DATA), f"no datasets in {DATA}"
    return read_paths([DATA]).batch


def test_parity_on_the_bundled_datasets(neo4j_store: Any, embedded: EmbeddedStore) -> None:
    batch = _seed_batch()
    assert batch.counts().get("Action", 0) > 0
    reset(neo4j_store, batch)
    reset(embedded, batch)
    snapshot = embedded.snapshot()
    axes = sorted(n for n, label in snapshot.nodes(data="label") if label == "Axis")
    territories = sorted(n for n, label in snapshot.nodes(data="label") if label == "Territory")
    for spec in BUILTINS:
        _assert_same(spec, neo4j_store, embedded, {})
        # Every string parameter also with real ids, every few of them (ejes, territorios…).
        for param in spec.parameters:
            if param.type != "string":
                continue
            for value in [*axes[::7], *territories]:
                _assert_same(spec, neo4j_store, embedded, {param.name: value})


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batch=portfolios(), data=st.data())
def test_parity_on_random_portfolios(neo4j_store: Any, embedded: EmbeddedStore,
                                     batch: GraphBatch, data: st.DataObject) -> None:
    reset(neo4j_store, batch)
    reset(embedded, batch)
    candidates = _candidates(embedded.snapshot())
    for spec in BUILTINS:
        _assert_same(spec, neo4j_store, embedded, {})
        if spec.parameters:
            params = data.draw(_param_strategy(spec, candidates), label=spec.name)
            _assert_same(spec, neo4j_store, embedded, params)
