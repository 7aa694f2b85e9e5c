"""A report's query rows (queries/gaps/query_rows.py): each query runs once, its rows live
from the first kind that reads them to the last, and the report is the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tejido.graph.embedded import EmbeddedStore
from tejido.loaders.synth import synth_batch
from tejido.queries.gaps import engine, find_gaps
from tejido.queries.gaps.base import unscoped_key
from tejido.queries.gaps.query_rows import QueryRows


class _Recorded:
    """A query runner that answers with fresh rows and remembers what it ran."""

    def __init__(self) -> None:
        self.ran: list[tuple[str, tuple[Any, ...]]] = []

    def __call__(self, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.ran.append((name, tuple(sorted(params.items()))))
        return [{"query": name, **params}]


def test_rows_live_from_the_first_step_that_reads_them_to_the_last() -> None:
    run = _Recorded()
    scope = {"eje": "eje:agua", "territorio": None}
    steps = [("a", "b"), ("b", unscoped_key("c")), ("c",), ("d",)]
    rows = QueryRows(run, scope, steps, keep=["d"])
    first = rows.read(steps[0])
    rows.done(steps[0])
    assert rows._held.keys() == {"b"}  # "a" was read last by the first step
    second = rows.read(steps[1])
    assert second["b"] is first["b"]  # read by two steps, run once
    # Filtered, the unscoped run is another query run: without the filters.
    assert second[unscoped_key("c")] == [{"query": "c", "eje": None, "territorio": None}]
    rows.done(steps[1])
    assert rows._held == {}
    assert rows.read(steps[2])["c"] == [{"query": "c", **scope}]
    rows.done(steps[2])
    rows.read(steps[3])
    rows.done(steps[3])
    assert rows._held.keys() == {"d"}  # kept for what comes after the steps
    assert [name for name, _ in run.ran] == ["a", "b", "c", "c", "d"]


def test_without_filters_a_query_and_its_unscoped_run_are_one_run() -> None:
    run = _Recorded()
    steps = [("net",), (unscoped_key("net"), "x")]
    rows = QueryRows(run, {"eje": None, "territorio": None}, steps)
    net = rows.read(steps[0])["net"]
    rows.done(steps[0])
    assert rows.read(steps[1])[unscoped_key("net")] is net
    rows.done(steps[1])
    assert rows._held == {}
    assert [name for name, _ in run.ran] == ["net", "x"]


@pytest.mark.parametrize("filtered", [False, True])
def test_a_report_runs_each_query_once(tmp_path: Path, filtered: bool,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    store = EmbeddedStore(tmp_path / "g.json")
    store.load(synth_batch(400, 120, 3).batch)
    ran: list[tuple[str, tuple[Any, ...]]] = []
    plain = engine.RowSource.rows

    def counted(self: engine.RowSource, name: str, params: dict[str, Any]) -> list[Any]:
        bound = {k: v for k, v in params.items() if k in ("eje", "territorio")}
        ran.append((name, tuple(sorted(bound.items()))))
        return plain(self, name, params)

    monkeypatch.setattr(engine.RowSource, "rows", counted)
    eje = next(r["id"] for r in store.nodes("Axis", ["name"])) if filtered else None
    report = find_gaps(store, eje=eje)
    assert report.findings
    # Filtered, the actor network runs twice: in the scope, and whole for the bridges.
    network = [params for name, params in ran if name == "gap_punto_critico"]
    assert len(network) == (2 if filtered else 1)
    repeated = {k for k in ran if ran.count(k) > 1}
    assert not repeated, repeated
