"""The store interface shared by the embedded (networkx) and the Neo4j store.

Both hold the same graph: a node per id with its label and properties, and at most one
relationship per identity (see :func:`tejido.graph.model.rel_key`). Everything outside
``graph/`` talks to a store through this interface only, never through a driver:

- :meth:`Store.rows` runs a saved read query: its Cypher in a read transaction on Neo4j,
  its networkx twin on the embedded store. Built-in analyses have both and give the same
  rows (the parity tests compare them).
- :meth:`Store.nodes` reads chosen properties of the nodes of one label.
- :meth:`Store.snapshot` hands exports and maps the whole graph as a networkx
  ``MultiDiGraph``: node attributes ``label`` + properties, edge key = the relationship's
  identity, edge attributes ``type`` + properties.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from .changes import Before, Changes, diff
from .errors import InputError, StoreError
from .i18n import register, t
from .model import NODE_TYPES, GraphBatch, RelType

Progress = Callable[[int], None]
Row = dict[str, Any]

DEFAULT_PATH = Path(".tejido") / "graph.json"
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")

register(
    {
        "store.columns": {
            "es": "La consulta «{name}» ({path}) devolvió las columnas {got}, pero su cabecera "
            "declara {declared}.",
            "en": "Query «{name}» ({path}) returned the columns {got}, but its header declares "
            "{declared}.",
        },
        "store.os_error": {
            "es": "No se puede usar el almacén {where}: {reason}",
            "en": "Cannot use the store {where}: {reason}",
        },
        "store.unknown_field": {
            "es": "El modelo no tiene la propiedad «{field}» en {label}.",
            "en": "The model has no property «{field}» on {label}.",
        },
    }
)


class ReadQuery(Protocol):
    """What a store needs to run a saved read query (tejido.queries.catalog.QuerySpec)."""

    name: str
    path: str
    cypher: str
    columns: list[str]
    #: Shipped with tejido; a planner's own query is checked to be a plain read first.
    builtin: bool

    @property
    def has_twin(self) -> bool:
        """Whether the query has a networkx twin, so it runs on the embedded store too."""

    def run_twin(self, graph: nx.MultiDiGraph, memo: dict[str, Any],
                 params: dict[str, Any]) -> list[Row]:
        """The twin's rows on ``graph``. ``memo`` holds what twins derive from the graph
        (an index), valid until the store changes, so a dozen twins build it once."""


class Store(ABC):
    """A place holding tejido's graph. See the module docstring for the contract."""

    @abstractmethod
    def write(self, batch: GraphBatch, progress: Progress | None = None) -> None:
        """Merge a validated batch into the store (idempotent)."""

    @abstractmethod
    def before(self, batch: GraphBatch) -> Before:
        """What the store holds now of the facts ``batch`` touches: those citing a row of
        a document it replaces, and those it states (see :mod:`tejido.graph.changes`).
        Only reads."""

    def load(self, batch: GraphBatch, progress: Progress | None = None,
             dry_run: bool = False) -> Changes:
        """Write ``batch`` (unless ``dry_run``) and say what it changed: facts added,
        removed and changed per label and type, worked out before writing from
        :meth:`before`, so a dry run reports exactly what the load would do."""
        changes = diff(batch, self.before(batch))
        if not dry_run:
            self.write(batch, progress)
        return changes

    def remove_documents(self, documents: set[str], dry_run: bool = False) -> Changes:
        """Take away everything only ``documents`` say: a load of an empty batch that
        replaces them (facts other documents also back stay, with fewer citations)."""
        return self.load(GraphBatch(replaces=set(documents)), dry_run=dry_run)

    def documents(self) -> list[str]:
        """The documents loaded (the ids of the Document nodes), sorted."""
        return sorted(row["id"] for row in self.nodes("Document", []))

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type, every model name present (0 if none)."""

    @abstractmethod
    def wipe(self) -> None:
        """Remove everything tejido stored."""

    @abstractmethod
    def snapshot(self) -> nx.MultiDiGraph:
        """The whole graph, in memory (see module docstring for its shape)."""

    @abstractmethod
    def rows(self, query: ReadQuery, params: dict[str, Any] | None = None,
             timeout: float | None = None) -> list[Row]:
        """Rows of a read query, each a dict in the query's declared column order.

        Raises :class:`InputError` when the query cannot run here (no twin on the embedded
        store; a write, a timeout or a Cypher error on Neo4j) or returns other columns than
        it declares.
        """

    @abstractmethod
    def nodes(self, label: str, fields: list[str], ids: list[str] | None = None) -> list[Row]:
        """``id`` and the given properties of every node of ``label`` (or of those ``ids``)."""

    @abstractmethod
    def describe(self) -> str:
        """Where the store is, for messages (never with credentials)."""

    def exists(self) -> bool:
        """Whether anything was ever stored here (a store file that is not there: False)."""
        return True

    def verify(self) -> None:  # noqa: B027 - optional hook
        """Check the store answers before work starts (StoreError with a plain message)."""

    def gds_version(self) -> str | None:
        """The Graph Data Science version the store offers, or None."""
        return None

    def translate(self, exc: Exception) -> StoreError | None:
        """A store-specific failure as a StoreError with a plain message, or None."""
        if isinstance(exc, OSError):
            return StoreError(t("store.os_error", where=self.describe(), reason=exc))
        return None

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""

    def release(self) -> None:  # noqa: B027 - optional hook
        """Drop what the store holds in memory to answer reads (the embedded store's graph
        and its index); the next read fetches it again. An analysis that has read all it
        needs calls this so that its own results do not sit on top of the whole graph."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def empty_counts() -> dict[str, int]:
    return {name: 0 for name in [*NODE_TYPES, *(t.value for t in RelType)]}


def check_fields(label: str, fields: list[str]) -> None:
    """Only the model's own properties may be read (they are interpolated into Cypher)."""
    if label not in NODE_TYPES:
        raise ValueError(f"label {label!r} is not in the model")
    known = NODE_TYPES[label].model_fields
    for name in fields:
        if name not in known:
            raise InputError(t("store.unknown_field", field=name, label=label))


def shaped_rows(query: ReadQuery, keys: list[str], rows: list[Row]) -> list[Row]:
    """``rows`` in the declared column order, after checking the columns match the header."""
    if sorted(keys) != sorted(query.columns):
        raise InputError(t("store.columns", name=query.name, path=query.path,
                           got=", ".join(keys), declared=", ".join(query.columns)))
    # Rows already in the declared order are kept as they are (the twins build them so):
    # a copy of each would double the memory of a national portfolio's largest queries.
    columns = tuple(query.columns)
    return [row if tuple(row) == columns else {column: row[column] for column in columns}
            for row in rows]


def is_neo4j_spec(spec: str) -> bool:
    return spec == "neo4j" or spec.startswith(NEO4J_SCHEMES)


def open_store(spec: str | None = None, batch_size: int | None = None) -> Store:
    """Open the store named by ``spec``, ``$TEJIDO_STORE``, or the embedded default.

    ``spec`` is a file path (embedded), a bolt/neo4j URI, or the word ``neo4j`` meaning
    ``$NEO4J_URI``. Only a Neo4j store loads the Neo4j driver.
    """
    spec = spec or os.environ.get("TEJIDO_STORE") or str(DEFAULT_PATH)
    if is_neo4j_spec(spec):
        from .neo4j_store import Neo4jStore

        uri = os.environ.get("NEO4J_URI", "bolt://localhost:7687") if spec == "neo4j" else spec
        return Neo4jStore.from_env(uri, batch_size=batch_size)
    from .embedded import EmbeddedStore

    return EmbeddedStore(Path(spec))


@contextmanager
def using_store(spec: str | None = None, batch_size: int | None = None) -> Iterator[Store]:
    """A store that answered (:meth:`Store.verify`), closed afterwards; the store's own
    failures (a refused file, a server gone) become :class:`StoreError` with a plain message.
    """
    store = open_store(spec, batch_size)
    try:
        store.verify()
    except BaseException:
        store.close()
        raise
    try:
        with store:
            yield store
    except (InputError, StoreError):
        raise
    except Exception as exc:
        translated = store.translate(exc)
        if translated is None:
            raise
        raise translated from exc
