"""The gap queries rewritten to scale (issue 14) still say what they said, on a graph small
enough to work the answer out by hand, on Neo4j (Cypher) and on the embedded store (twin).

``gap_coordinacion_faltante`` now drops the pairs already tied by grouping (the candidate
pairs and the tied pairs in one stream, aggregated per pair) instead of checking a
pattern per pair; the cases below are the ones that grouping must keep apart: a pair
tied by an action in another context, by RELATES, by SUCCEEDS (either direction), a
generic actor, and two actors sharing two contexts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers_portfolio import reset

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import Action, Actor, Axis, GraphBatch, Rel, RelType, Source, Territory
from tejido.queries.catalog import builtin_specs
from tejido.queries.runner import run_query

SPECS = {spec.name: spec for spec in builtin_specs()}


def _rel(kind: RelType, source: str, target: str, source_label: str, target_label: str,
         **extra: Any) -> Rel:
    return Rel(type=kind, source=source, target=target, source_label=source_label,
               target_label=target_label, **extra)


def contexts_portfolio() -> GraphBatch:
    """Ejes E1, E2; territories T1, T2; actors A, B, C, D, F and the generic G.

    Context (E1, T1): a1 (lead A, articulator B), a2 (lead C), a3 (lead D), a4 (lead G).
    Context (E1, T2): a6 (lead A), a7 (lead D) — A and D share two contexts.
    Context (E2, T2): a5 (lead A, articulator C) — ties A and C outside (E1, T1).
    C RELATES D; B SUCCEEDS C. F takes part in nothing.

    Non-generic pairs in (E1, T1): AB (tied: a1), AC (tied: a5), AD, BC (SUCCEEDS),
    BD, CD (RELATES) -> missing: A–D (contexts (E1,T1) and (E1,T2)) and B–D ((E1,T1)).
    """
    batch = GraphBatch()
    source = batch.add_node(Source.of("doc", "acciones", 2))
    for name in "ABCDFG":
        batch.add_node(Actor(id=f"actor:{name.lower()}", name=name, generico=name == "G",
                             sources=[source.id]))
    for name in ("E1", "E2"):
        batch.add_node(Axis(id=f"axis:{name.lower()}", name=name))
    for name in ("T1", "T2"):
        batch.add_node(Territory(id=f"territory:{name.lower()}", name=name))
    actions = {"a1": ("E1", "T1", "A", ["B"]), "a2": ("E1", "T1", "C", []),
               "a3": ("E1", "T1", "D", []), "a4": ("E1", "T1", "G", []),
               "a5": ("E2", "T2", "A", ["C"]), "a6": ("E1", "T2", "A", []),
               "a7": ("E1", "T2", "D", [])}
    for title, (eje, place, lead, articulators) in actions.items():
        action = batch.add_node(Action(id=f"action:{title}", titulo=title, eje=eje,
                                       sources=[source.id]))
        batch.add_rel(_rel(RelType.UNDER, action.id, f"axis:{eje.lower()}", "Action", "Axis"))
        batch.add_rel(_rel(RelType.TARGETS, action.id, f"territory:{place.lower()}", "Action",
                           "Territory"))
        batch.add_rel(_rel(RelType.LEADS, f"actor:{lead.lower()}", action.id, "Actor", "Action",
                           sources=[source.id]))
        for other in articulators:
            batch.add_rel(_rel(RelType.ARTICULATES, f"actor:{other.lower()}", action.id,
                               "Actor", "Action", sources=[source.id]))
    batch.add_rel(_rel(RelType.RELATES, "actor:c", "actor:d", "Actor", "Actor",
                       tipo="coordinacion"))
    batch.add_rel(_rel(RelType.SUCCEEDS, "actor:b", "actor:c", "Actor", "Actor"))
    return batch


def _pairs(rows: list[dict[str, Any]]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    return {(r["actor_a"], r["actor_b"]): [(c["eje_id"], c["territorio_id"])
                                           for c in r["contextos"]] for r in rows}


EXPECTED = {
    ("actor:a", "actor:d"): [("axis:e1", "territory:t1"), ("axis:e1", "territory:t2")],
    ("actor:b", "actor:d"): [("axis:e1", "territory:t1")],
}


@pytest.mark.parametrize("params, expected", [
    ({}, EXPECTED),
    ({"territorio": "territory:t2"}, {("actor:a", "actor:d"): [("axis:e1", "territory:t2")]}),
    ({"eje": "axis:e2"}, {}),
])
def test_missing_coordination_by_hand(neo4j_store: Any, tmp_path: Path,
                                      params: dict[str, Any],
                                      expected: dict[tuple[str, str], list]) -> None:
    spec = SPECS["gap_coordinacion_faltante"]
    embedded = EmbeddedStore(tmp_path / "graph.json")
    batch = contexts_portfolio()
    for store in (neo4j_store, embedded):
        reset(store, batch)
        assert _pairs(run_query(spec, store, params)) == expected, store.describe()
