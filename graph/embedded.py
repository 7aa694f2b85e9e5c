"""The embedded store: a networkx graph persisted to one JSON file, for one planner's laptop."""

from __future__ import annotations

import codecs
import gc
import json
import os
import sys
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
from filelock import FileLock, Timeout

from .changes import Before, Changes, Fact, diff
from .errors import InputError, StoreError
from .files import write_atomic
from .graph_build import GraphBuilder
from .i18n import register, t
from .json_stream import members
from .memory import collector_paused, forget_cached_views
from .model import REL_IDENTITY, GraphBatch, RelType
from .store import Progress, ReadQuery, Row, Store, check_fields, empty_counts, shaped_rows

#: How long (seconds) a writer waits for another process's write into the same file to
#: finish before it gives up with exit code 3; $TEJIDO_LOCK_TIMEOUT overrides it.
LOCK_SECONDS = 120.0
LOCK_ENV = "TEJIDO_LOCK_TIMEOUT"
FORMAT = "tejido-graph"
VERSION = 1
#: How every store file begins (``_save`` writes "format" first), spaces removed.
_HEAD = b'{"format":"tejido-graph"'

register(
    {
        "embedded.unreadable": {
            "es": "No se puede leer el almacén {path}: {reason}",
            "en": "Cannot read the store {path}: {reason}",
        },
        "embedded.waiting": {
            "es": "Otro proceso está escribiendo en {path}; esperando (hasta {seconds:g} s)…",
            "en": "Another process is writing to {path}; waiting (up to {seconds:g} s)…",
        },
        "embedded.busy": {
            "es": "Otro proceso está escribiendo en el almacén {path} desde hace más de "
            "{seconds:g} s; no se escribió nada. Inténtelo cuando termine.",
            "en": "Another process has been writing to the store {path} for over {seconds:g} s; "
            "nothing was written. Try again when it finishes.",
        },
        "embedded.not_ours": {
            "es": "{path} no es un almacén de tejido (¿un libro u otro archivo?); no se lee, "
            "no se borra ni se sobrescribe. Indique con --store un archivo .json de tejido "
            "o uno que aún no exista.",
            "en": "{path} is not a tejido store (a workbook or another file?); it is not read, "
            "wiped or overwritten. Point --store at a tejido .json file or at one that does "
            "not exist yet.",
        },
        "embedded.needs_neo4j": {
            "es": "La consulta «{name}» ({path}) es Cypher propio y solo corre en Neo4j. "
            "Inicie uno con `tejido server start` (o `docker compose up -d`) y use "
            "--store neo4j.",
            "en": "Query «{name}» ({path}) is your own Cypher and runs only on Neo4j. "
            "Start one with `tejido server start` (or `docker compose up -d`) and use "
            "--store neo4j.",
        },
    }
)


#: The store file's members read one element at a time.
_RECORDS = frozenset({"nodes", "edges"})


class _Interner:
    """One string object per distinct text while a store file is read.

    The JSON parser makes a new string for every occurrence of a value: each Source id an
    edge cites, each relationship type, each endpoint of each edge (a copy of its node's
    id). A national portfolio repeats them hundreds of thousands of times; sharing one
    object each takes about a quarter off the graph's memory.
    """

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}
        self._names: dict[tuple[str, ...], tuple[str, ...]] = {}

    def __call__(self, text: str) -> str:
        return self._seen.setdefault(text, text)

    def values(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """``attrs`` with shared strings, its keys too: the file is decoded a record at a
        time, and the decoder shares a key's string only within one record."""
        names = tuple(attrs)
        shared = self._names.get(names)  # records of one kind have the same keys
        if shared is None:
            shared = self._names[names] = tuple(map(self, names))
        seen = self._seen
        out: dict[str, Any] = {}
        for name, value in zip(shared, attrs.values(), strict=True):
            if type(value) is str:
                value = seen.setdefault(value, value)
            elif type(value) is list and value and type(value[0]) is str:
                value = [seen.setdefault(v, v) if type(v) is str else v for v in value]
            out[name] = value
        return out


class EmbeddedStore(Store):

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._graph: nx.MultiDiGraph | None = None
        #: (mtime_ns, size) of the file the graph in memory reflects, None before reading.
        self._stamp: tuple[int, int] | None = None
        #: What twins derive from the graph (an index), dropped whenever the graph changes.
        self._memo: dict[str, Any] = {}
        #: The snapshots handed out, so :meth:`release` can break their cycles.
        self._views: weakref.WeakSet[nx.MultiDiGraph] = weakref.WeakSet()

    def describe(self) -> str:
        return str(self.path)

    def exists(self) -> bool:
        return self._graph is not None or self.path.exists()

    def verify(self) -> None:
        """Refuse, before any work, a path that holds something else than a store: a
        planner's workbook given as --store must never be wiped or overwritten."""
        if self._graph is None and self.path.exists() and not self._is_ours():
            raise InputError(t("embedded.not_ours", path=self.path))

    def _is_ours(self) -> bool:
        """Whether the file starts as every store this class writes does."""
        try:
            with self.path.open("rb") as handle:
                head = handle.read(len(_HEAD) + 16)
        except OSError:
            return True  # unreadable: reading it later says why, with the OS's reason
        return head.replace(b" ", b"").startswith(_HEAD) or not head

    def rows(self, query: ReadQuery, params: dict[str, Any] | None = None,
             timeout: float | None = None) -> list[Row]:
        """The query's networkx twin on the graph (a planner's own Cypher has none)."""
        if not query.has_twin:
            raise InputError(t("embedded.needs_neo4j", name=query.name, path=query.path))
        rows = query.run_twin(self.snapshot(), self._memo, params or {})
        return shaped_rows(query, list(rows[0]) if rows else list(query.columns), rows)

    def nodes(self, label: str, fields: list[str], ids: list[str] | None = None) -> list[Row]:
        check_fields(label, fields)
        nodes = self.graph._node  # each node's attribute dict, without a view per node
        wanted = nodes if ids is None else (i for i in dict.fromkeys(ids) if i in nodes)
        return [{"id": node, **{name: attrs.get(name) for name in fields}}
                for node in wanted if (attrs := nodes[node]).get("label") == label]

    @property
    def graph(self) -> nx.MultiDiGraph:
        if self._graph is None:
            self._graph = self._read()
        return self._graph

    def _read(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        self._stamp = self._file_stamp()
        if not self.path.exists():
            return graph
        with collector_paused():
            return self._parse(graph)

    def _parse(self, graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
        try:
            same = _Interner()
            build = GraphBuilder(graph)
            header: dict[str, Any] = {}
            # Record by record as the file is read (graph/json_stream.py): neither the
            # file's text nor its parsed records are ever held whole beside the graph.
            with self.path.open(encoding="utf-8") as handle:
                for name, value, element in members(handle, _RECORDS):
                    if not element:
                        # The file says what it is before its records begin.
                        if name in _RECORDS and header.get("format") != FORMAT:
                            raise ValueError(f"not a {FORMAT} file")
                        header[name] = value
                        continue
                    if name == "nodes":
                        build.node(same(value.pop("id")), same.values(value))
                    else:
                        build.edge(same(value.pop("source")), same(value.pop("target")),
                                   same(value.pop("key")), same.values(value))
            if header.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} file")
            missing = _RECORDS - header.keys()
            if missing:
                raise KeyError(sorted(missing)[0])
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreError(t("embedded.unreadable", path=self.path, reason=exc)) from exc
        return graph

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """Hold the store's lock file, and the graph as the file holds it now.

        Two loads into one store file used to both read it, both add their batch and both
        save: the second save lost the first load. Under the lock each writer re-reads the
        file if another process changed it since (its size or modification time differ).
        """
        # A store reached through a symbolic link is locked (and saved, by write_atomic) at
        # the link's target, so two links to one file share one lock and the link stays.
        real = Path(os.path.realpath(self.path))
        real.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(real.with_name(f".{real.name}.lock"))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            # Say why nothing happens: a second writer waits its turn, visibly.
            seconds = lock_seconds()
            print(t("embedded.waiting", path=self.path, seconds=seconds), file=sys.stderr,
                  flush=True)
            try:
                lock.acquire(timeout=seconds)
            except Timeout as exc:
                raise StoreError(t("embedded.busy", path=self.path, seconds=seconds)) from exc
        try:
            if self._graph is None or self._stamp != self._file_stamp():
                self._graph = self._read()
                self._memo.clear()
            yield
        finally:
            lock.release()

    def write(self, batch: GraphBatch, progress: Progress | None = None) -> None:
        with self._exclusive():
            self._write(batch, progress)

    def load(self, batch: GraphBatch, progress: Progress | None = None,
             dry_run: bool = False) -> Changes:
        """As :meth:`Store.load`; the changes are worked out under the same lock as the
        write, so they describe exactly the store the write changed."""
        if dry_run:
            return diff(batch, self.before(batch))
        with self._exclusive():
            changes = diff(batch, self.before(batch))
            self._write(batch, progress)
        return changes

    def before(self, batch: GraphBatch) -> Before:
        graph = self.graph
        out = Before()
        if batch.replaces:
            out.stale = {n for n, attrs in graph.nodes(data=True) if attrs.get("label")
                         == "Source" and attrs.get("document") in batch.replaces}
        if out.stale:
            for node, attrs in graph.nodes(data=True):
                if out.stale.intersection(attrs.get("sources") or ()):
                    out.facts[(node,)] = Fact.of(attrs["label"], attrs, out.stale)
            for source, target, key, attrs in graph.edges(keys=True, data=True):
                if out.stale.intersection(attrs.get("sources") or ()):
                    out.facts[(source, target, key)] = Fact.of(attrs["type"], attrs, out.stale)
        for node in batch.nodes:
            if (node,) not in out.facts and node in graph:
                attrs = graph.nodes[node]
                out.facts[(node,)] = Fact.of(attrs["label"], attrs, out.stale)
        for edge in batch.rels:
            if edge not in out.facts and graph.has_edge(*edge):
                attrs = graph.edges[edge]
                out.facts[edge] = Fact.of(attrs["type"], attrs, out.stale)
        return out

    def _write(self, batch: GraphBatch, progress: Progress | None) -> None:
        graph = self.graph
        self._memo.clear()
        emptied_nodes, emptied_edges = self._forget(batch.replaces)
        for node in batch.nodes.values():
            props = node.properties()
            props.pop("id")  # the graph's node key already is the id
            sources = props.pop("sources", [])
            if node.id in graph:
                attrs = graph.nodes[node.id]
                # A mere reference never overwrites a declaration, unless what declared it
                # is gone (the node was emptied by the replaced documents).
                if not getattr(node, "auto", False) or node.id in emptied_nodes:
                    attrs.update(props)
                attrs["sources"] = _union(attrs.get("sources", []), sources)
            else:
                graph.add_node(node.id, label=node.label, **props, sources=list(sources))
            if progress:
                progress(1)
        for rel in batch.rels.values():
            props = rel.properties()
            sources = props.pop("sources", [])
            if graph.has_edge(rel.source, rel.target, key=rel.key):
                attrs = graph.edges[rel.source, rel.target, rel.key]
                attrs.update(props)
                attrs["sources"] = _union(attrs.get("sources", []), sources)
            else:
                graph.add_edge(
                    rel.source, rel.target, key=rel.key, type=str(rel.type), **props,
                    sources=list(sources),
                )
            if progress:
                progress(1)
        # What only the replaced documents said, and the batch no longer says, goes.
        graph.remove_edges_from(
            [e for e in emptied_edges if graph.has_edge(*e) and not graph.edges[e]["sources"]])
        graph.remove_nodes_from(
            [n for n in emptied_nodes if n in graph and not graph.nodes[n]["sources"]])
        self._save()

    def _forget(self, documents: set[str]) -> tuple[set[str], set[tuple[str, str, str]]]:
        """Take the citations of ``documents``' rows out of every node and relationship;
        returns those left citing nothing (deleted after the batch, unless it re-states
        them)."""
        if not documents:
            return set(), set()
        graph = self.graph
        stale = {n for n, attrs in graph.nodes(data=True)
                 if attrs.get("label") == "Source" and attrs.get("document") in documents}
        nodes = {n for n, attrs in graph.nodes(data=True) if _strip(attrs, stale, ("label",))}
        edges = {(s, t, k) for s, t, k, attrs in graph.edges(keys=True, data=True)
                 if _strip(attrs, stale, ("type", *_identity(attrs)))}
        return nodes, edges

    def counts(self) -> dict[str, int]:
        out = empty_counts()
        for _, label in self.graph.nodes(data="label"):
            out[label] = out.get(label, 0) + 1
        for _, _, rtype in self.graph.edges(data="type"):
            out[rtype] = out.get(rtype, 0) + 1
        return out

    def wipe(self) -> None:
        self.verify()
        with self._exclusive():
            self._graph = nx.MultiDiGraph()
            self._memo.clear()
            if self.path.exists():
                self._save()

    def release(self) -> None:
        graph = self._graph
        self._graph, self._stamp, self._memo = None, None, {}
        if graph is None:
            return
        # A networkx graph and its views refer to one another; without their cached views
        # they do not, and reference counting frees the graph as the last view goes.
        forget_cached_views([graph, *self._views])
        self._views.clear()
        freed = weakref.ref(graph)
        del graph
        if freed() is not None:  # somebody still holds a view; reclaim any cycle anyway
            gc.collect()

    def snapshot(self) -> nx.MultiDiGraph:
        # A read-only view, not a copy: analyses only read, and a copy of a 40 000-action
        # portfolio costs seconds. Mutating it raises instead of corrupting the store.
        view = self.graph.copy(as_view=True)
        self._views.add(view)
        return view

    def _save(self) -> None:
        """Write atomically: a crash leaves either the old file or the new one, never half."""
        graph = self.graph
        write_atomic(self.path, lambda handle: _dump(graph, handle), durable=True,
                     parents=True)
        self._stamp = self._file_stamp()


_REL_TYPES = {r.value for r in RelType}
#: Records encoded per write while saving.
_SAVE_CHUNK = 5000


def _dump(graph: nx.MultiDiGraph, handle: Any) -> None:
    """The store file, record by record: the same JSON as one ``json.dump`` of the whole
    document, without building that document (a list with a copy of every node and edge,
    gigabytes on a national portfolio), and each record through the C encoder."""
    def chunks(records: Iterator[dict[str, Any]]) -> Iterator[str]:
        batch: list[str] = []
        for record in records:
            batch.append(json.dumps(record, ensure_ascii=False))
            if len(batch) == _SAVE_CHUNK:
                yield ", ".join(batch)
                batch = []
        if batch:
            yield ", ".join(batch)

    out = codecs.getwriter("utf-8")(handle)
    out.write(json.dumps({"format": FORMAT, "version": VERSION})[:-1] + ', "nodes": [')
    for i, text in enumerate(chunks({"id": n, **attrs} for n, attrs in graph.nodes(data=True))):
        out.write(", " + text if i else text)
    out.write('], "edges": [')
    for i, text in enumerate(chunks({"source": s, "target": d, "key": k, **attrs}
                                    for s, d, k, attrs in graph.edges(keys=True, data=True))):
        out.write(", " + text if i else text)
    out.write("]}")


def lock_seconds() -> float:
    """How long a writer waits for the store's lock (:data:`LOCK_SECONDS`, or the
    environment's :data:`LOCK_ENV`)."""
    try:
        return max(0.0, float(os.environ.get(LOCK_ENV, LOCK_SECONDS)))
    except ValueError:
        return LOCK_SECONDS


def _identity(attrs: dict[str, Any]) -> tuple[str, ...]:
    return REL_IDENTITY.get(RelType(attrs["type"]), ()) if attrs.get("type") in _REL_TYPES else ()


def _strip(attrs: dict[str, Any], stale: set[str], keep: tuple[str, ...]) -> bool:
    """Remove ``stale`` Source ids from an element's sources and printed rows; True when
    it cited some and now cites none. Such an element keeps only ``keep`` (its label or
    type and identity): if the batch states it again, it gets the batch's properties
    alone, not the old version's leftovers; if not, it is deleted."""
    sources = attrs.get("sources") or []
    if not stale.intersection(sources):
        return False
    attrs["sources"] = [s for s in sources if s not in stale]
    if attrs.get("printed"):
        printed = [s for s in attrs["printed"] if s not in stale]
        if printed:
            attrs["printed"] = printed
        else:
            del attrs["printed"]
    if attrs["sources"]:
        return False
    for name in [k for k in attrs if k not in keep and k != "sources"]:
        del attrs[name]
    return True


def _union(old: list[str], new: list[str]) -> list[str]:
    seen = set(old)
    return [*old, *(s for s in new if s not in seen)]

