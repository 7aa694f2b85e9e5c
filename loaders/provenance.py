"""Which rows print a fact, and which rule made a fact no cell states.

A dataset row states a relationship through some of its cells (the rector cell for LEADS,
the eje cell for UNDER…). Copied from a PDF, a merged cell is printed once and filled down
(:class:`~tejido.loaders.tables.FillDown`): the relationship applies to the receiving row
(its ``sources``) but is printed in the row above (its ``printed``), which is the row a
planner must open to check it. A relationship read from a dataset.yaml default, or from a
table the dataset constructed (numbered placeholders for "8 mesas"), is printed nowhere:
it is ``derived``, and names its rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from tejido.graph.model import GraphBatch, Source

from .dataset_spec import TableSpec, default_rule
from .tables import Row


class HasSource(Protocol):
    """A row being read, with its Source node (the matrix loader's context)."""

    @property
    def source(self) -> Source: ...


def printing_rows(row: Row, source: Source, fields: Iterable[str]) -> list[str] | None:
    """The Source ids of the rows whose cells print ``fields`` on ``row``: the row a merged
    cell was filled down from, else the row itself; None when no field has a value there
    (none given, or every one a default)."""
    numbers = dict.fromkeys(row.filled_from.get(name, row.number)
                            for name in fields if row.values.get(name))
    return [Source.key(source.document, source.table, n) for n in numbers] or None


def derived_rule(spec: TableSpec, row: Row, fields: Iterable[str]) -> str | None:
    """The rule that made a fact of ``row`` when no cell states it: a blank field's default
    (``rector_por_defecto``), else the table's own rule (``mesas_numeradas``), else None."""
    for name in fields:
        if not row.values.get(name) and spec.default(name):
            return default_rule(name)
    return spec.derived


#: The label of the nodes a table of each kind declares (a relations table declares none).
DECLARES = {"territories": "Territory", "axes": "Axis", "mechanisms": "Mechanism",
            "actions": "Action", "actors": "Actor"}


def constructed_nodes(batch: GraphBatch, rows: Iterable[HasSource],
                      spec: TableSpec) -> dict[str, str]:
    """node id -> the table's rule for the nodes a constructed table (``spec.derived``)
    declares and only its ``rows`` cite so far: its placeholders, whose every relationship
    is derived by that rule. A node its rows only name (an actor) is not one of them."""
    label = DECLARES.get(spec.kind)
    if not spec.derived or label is None:
        return {}
    ids = {row.source.id for row in rows}
    return {node.id: spec.derived for node in batch.nodes.values()
            if node.label == label and node.sources and ids.issuperset(node.sources)}
