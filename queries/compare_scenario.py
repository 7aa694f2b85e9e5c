"""A what-if: the store as it is, against a copy of it with a scenario added.

A scenario is a small planner's workbook (proposed actions, relations, mechanisms,
equivalences) read by the loaders into a :class:`~tejido.graph.model.GraphBatch`. It is
never written to the planner's store: the store's snapshot is turned back into a batch
(:func:`batch_from_snapshot`), written with the scenario's batch into a temporary
embedded store in ``folder``, and that copy is read as the "after" cut. Both stores give
the same snapshot (the Store contract), so a scenario on Neo4j and on the embedded store
is simulated alike.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t
from tejido.graph.model import NODE_TYPES, GraphBatch, Rel, Source
from tejido.graph.store import Store, open_store

from .compare import TOP, Comparison, compare_cuts
from .compare_cut import Cut, read_cut

register(
    {
        "scenario.same_document": {
            "es": "El escenario se llama como un documento que ya está en el almacén "
            "({documents}): cargado encima lo reemplazaría. Cambie el nombre del archivo "
            "del escenario.",
            "en": "The scenario has the name of a document already in the store "
            "({documents}): loaded on top it would replace it. Rename the scenario file.",
        },
    }
)


def batch_from_snapshot(graph: nx.MultiDiGraph) -> GraphBatch:
    """The batch that writes ``graph`` (a store's snapshot) again: every node with its
    label's model and properties, every relationship with its type and properties."""
    batch = GraphBatch()
    labels = dict(graph.nodes(data="label"))
    for node, attrs in graph.nodes(data=True):
        props = {k: v for k, v in attrs.items() if k != "label"}
        batch.nodes[node] = NODE_TYPES[attrs["label"]](id=node, **props)
    for source, target, attrs in graph.edges(data=True):
        props = {k: v for k, v in attrs.items() if k != "type"}
        rel = Rel(type=attrs["type"], source=source, target=target,
                  source_label=labels[source], target_label=labels[target], **props)
        batch.rels[(source, target, rel.key)] = rel
    return batch


def scenario_documents(batch: GraphBatch) -> set[str]:
    """The documents a scenario's rows come from."""
    return {n.document for n in batch.nodes.values() if isinstance(n, Source)}


def simulate(store: Store, scenario: GraphBatch, folder: Path, top: int = TOP) -> Comparison:
    """The comparison of ``store`` now (before) and with ``scenario`` added (after); see
    :func:`simulate_cuts`."""
    return compare_cuts(*simulate_cuts(store, scenario, folder), top)


def simulate_cuts(store: Store, scenario: GraphBatch, folder: Path) -> tuple[Cut, Cut]:
    """The cuts of ``store`` now (before) and with ``scenario`` added (after), for a
    comparison or a map of the change.

    Only reads ``store``; the copy lives in ``folder`` (a temporary folder the caller
    removes). :class:`InputError` when the scenario has the name of a document the store
    holds: adding it would replace that document, not add to it.
    """
    before = read_cut(store)
    graph = store.snapshot()
    held = {n for n, label in graph.nodes(data="label") if label == "Document"}
    held |= {attrs.get("document") for _, attrs in graph.nodes(data=True)
             if attrs.get("label") == "Source"}
    clash = sorted(scenario_documents(scenario) & held)
    if clash:
        raise InputError(t("scenario.same_document", documents=", ".join(clash)))
    copy = open_store(str(Path(folder) / "escenario.json"))
    try:
        copy.write(batch_from_snapshot(graph))
        copy.write(scenario)
        after = read_cut(copy)
    finally:
        copy.close()
    return before, after
