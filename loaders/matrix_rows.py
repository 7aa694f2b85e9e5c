"""What the matrix loader holds while it reads one dataset table row (see loaders/matrix.py).

:class:`Scope` is what one dataset declares (its territories, axes and mechanisms, by folded
name or code), for resolving the references of its own rows; :class:`RowContext` is one row
of one table: its values with the table's defaults, how its multi-value cells split, and
where a message about a cell points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tejido.graph.model import Axis, Mechanism, Source, Territory

from .dataset_spec import TableSpec
from .location import CellError
from .split import SplitRule, split_cell
from .tables import Row, Table

#: How multi-value fields split when dataset.yaml says nothing.
DEFAULT_SPLIT: dict[str, SplitRule] = {
    name: SplitRule(separators=[";"])
    for name in ("rector", "articuladores", "territorios", "mecanismos", "responsables",
                 "convoca", "siglas", "variantes", "origen", "destino")
}


@dataclass
class Scope:
    """What one dataset declares, for resolving its own references."""

    document: str
    territories: dict[str, Territory] = field(default_factory=dict)  # folded name/code
    territory_list: list[Territory] = field(default_factory=list)
    axes: dict[str, Axis] = field(default_factory=dict)  # folded name/code
    mechanisms: dict[str, Mechanism] = field(default_factory=dict)


@dataclass
class RowContext:
    """One table being read: where messages point, and the row's Source."""

    table: Table
    spec: TableSpec
    row: Row
    source: Source

    def value(self, name: str) -> str:
        return self.row.values.get(name) or self.spec.default(name)

    def split(self, name: str) -> list[str]:
        base = name.partition("@")[0]  # a derived column (field@n) splits as its field
        return split_cell(self.value(name), self.spec.split.get(base, DEFAULT_SPLIT.get(base)))

    def error(self, name: str | None, message: str) -> CellError:
        return self.table.cell(self.row.number, name, message)
