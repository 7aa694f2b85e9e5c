"""Capping «coordinación faltante» pairs while they are built (issue 14: memory follows
what is listed) selects exactly what sorting every pair of each context would."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tejido.graph.embedded import EmbeddedStore
from tejido.loaders.synth import synth_batch
from tejido.queries.gaps import find_gaps
from tejido.queries.gaps.pair_cap import PairCap

STATUSES = ("brecha", "por_confirmar")
CONTEXTS = [("e1", "t1"), ("e1", "t2"), ("e2", "t1"), ("e2", "t2"), ("e3", "t3")]


def _reference(items: list[tuple[int, int, str, set[tuple[str, str]]]],
               per_context: int) -> set[int]:
    """Sort all pairs of each (status, context), take the first ``per_context``."""
    kept = {ident for ident, _, _, where in items if not where}
    groups: dict[tuple[str, tuple[str, str]], list[tuple[int, int]]] = {}
    for ident, key, status, where in items:
        for context in where:
            groups.setdefault((status, context), []).append((key, ident))
    for members in groups.values():
        kept.update(ident for _, ident in sorted(members)[:per_context])
    return kept


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.sampled_from(STATUSES),
                          st.sets(st.sampled_from(CONTEXTS), max_size=3)), max_size=60),
       st.integers(0, 4))
def test_streaming_cap_equals_sorting_every_context(
        raw: list[tuple[int, str, set[tuple[str, str]]]], per_context: int) -> None:
    # Keys may tie; the arrival order breaks ties (the item id is the arrival order).
    items = [(i, key, status, where) for i, (key, status, where) in enumerate(raw)]
    cap: PairCap[int] = PairCap(per_context)
    for ident, key, status, where in items:
        cap.offer(ident, (key, ident), status, where)
    expected = _reference(items, per_context)
    assert cap.kept() == sorted(expected)
    assert cap.dropped == len(items) - len(expected)
    listed = Counter(c for ident, _, _, where in items if ident in expected for c in where)
    every = Counter(c for _, _, _, where in items for c in where)
    assert cap.listed == listed
    assert cap.omitted == Counter({c: every[c] - listed[c] for c in every
                                   if every[c] > listed[c]})


@pytest.mark.parametrize("flagged", [False, True])
def test_the_report_lists_what_capping_the_whole_list_would(tmp_path: Path,
                                                            flagged: bool) -> None:
    """The engine ranks and caps pairs before drafting them (it drafts early only a pair
    naming a flagged actor or one with a derived fact, to settle its status); the pairs
    it lists, and the counts each fragmented context gives, equal sorting the full
    report's pairs of each context by (priority, severity, subjects) and taking the
    first two. With every fifth actor an unresolved name (``auto``), pairs of both
    statuses compete, some ``por_confirmar`` only through a bridging actor."""
    batch = synth_batch(60, 400, 3).batch
    if flagged:
        actors = sorted(n for n, node in batch.nodes.items() if node.label == "Actor")
        for ident in actors[::5]:
            batch.nodes[ident] = batch.nodes[ident].model_copy(update={"auto": True})
    store = EmbeddedStore(tmp_path / "g.json")
    store.write(batch)
    full = find_gaps(store, pairs_per_context=None)
    capped = find_gaps(store, pairs_per_context=2)
    pairs = [f for f in full.findings if f.kind == "coordinacion_faltante"]
    assert len(pairs) > 50  # enough pairs for the cap to bite
    statuses = Counter(f.status for f in pairs)
    assert statuses["brecha"] > 0 and (statuses["por_confirmar"] > 0) == flagged
    if flagged:  # flagged through a bridge alone
        auto = set(actors[::5])
        assert any(f.status == "por_confirmar" and not auto & {s.id for s in f.subjects}
                   for f in pairs)
    groups: dict[tuple[str, tuple[str, str]], list[tuple[object, str]]] = {}
    for f in pairs:
        for c in f.evidence["contextos"]:
            key = (-f.priority, -f.severity, [s.id for s in f.subjects])
            groups.setdefault((f.status, (c["eje_id"], c["territorio_id"])), []).append(
                (key, f.id))
    expected = {ident for members in groups.values()
                for _, ident in sorted(members)[:2]}
    listed = [f for f in capped.findings if f.kind == "coordinacion_faltante"]
    assert {f.id for f in listed} == expected
    assert capped.summary.pares_omitidos == len(pairs) - len(expected) > 0
    # Listed pairs are the same findings as in the full report (priority, advice...).
    whole = {f.id: f for f in pairs}
    assert all(f == whole[f.id] for f in listed)
