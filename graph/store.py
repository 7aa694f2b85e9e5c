"""The store interface shared by the embedded (networkx) and the Neo4j store.

Both hold the same graph: a node per id with its label and properties, and at most one
relationship per (source, target, key). :meth:`Store.snapshot` hands analyses, exports
and maps the whole graph as a networkx ``MultiDiGraph`` in that shape:
node attributes ``label`` + properties, edge key = :attr:`Rel.key`, edge attributes
``type`` + properties.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from .model import NODE_TYPES, GraphBatch, RelType

Progress = Callable[[int], None]

DEFAULT_PATH = Path(".tejido") / "graph.json"
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


class Store(ABC):
    kind: str

    @abstractmethod
    def write(self, batch: GraphBatch, progress: Progress | None = None) -> None:
        """Merge a validated batch into the store (idempotent)."""

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
    def describe(self) -> str:
        """Where the store is, for messages (never with credentials)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def empty_counts() -> dict[str, int]:
    return {name: 0 for name in [*NODE_TYPES, *(t.value for t in RelType)]}


def is_neo4j_spec(spec: str) -> bool:
    return spec == "neo4j" or spec.startswith(NEO4J_SCHEMES)


def open_store(spec: str | None = None, batch_size: int | None = None) -> Store:
    """Open the store named by ``spec``, ``$TEJIDO_STORE``, or the embedded default.

    ``spec`` is a file path (embedded), a bolt/neo4j URI, or the word ``neo4j`` meaning
    ``$NEO4J_URI``.
    """
    spec = spec or os.environ.get("TEJIDO_STORE") or str(DEFAULT_PATH)
    if is_neo4j_spec(spec):
        from .neo4j_store import Neo4jStore

        uri = os.environ.get("NEO4J_URI", "bolt://localhost:7687") if spec == "neo4j" else spec
        return Neo4jStore.from_env(uri, batch_size=batch_size)
    from .embedded import EmbeddedStore

    return EmbeddedStore(Path(spec))
