"""The Neo4j store: a load is one transaction of batched ``UNWIND`` statements.

A load (replace + write, :mod:`tejido.graph.neo4j_write`) runs in one managed write
transaction: an exception, a lost server or a killed ``tejido load`` leaves the old
version, a commit the new one — never a mix (issue 11). The driver retries the whole
transaction with exponential backoff on transient errors and lost connections (up to
``max_transaction_retry_time``). New facts are CREATEd, facts the store holds are MERGEd
on their stable ids, so a re-run load never duplicates anything. The whole load's changes
live in the server's memory until the commit: see the README ("Neo4j: memory of a load")
for the heap a national portfolio needs.
"""

from __future__ import annotations

import os
from typing import Any, LiteralString, cast

import networkx as nx
from neo4j import (
    READ_ACCESS,
    Driver,
    GraphDatabase,
    ManagedTransaction,
    NotificationMinimumSeverity,
    Query,
    RoutingControl,
    unit_of_work,
)
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
)

from . import schema
from .changes import Before, Changes
from .errors import InputError, StoreError
from .i18n import register, t
from .model import NODE_TYPES, GraphBatch, RelType, rel_key
from .neo4j_quiet import quiet_driver_logs, redact, split_credentials
from .read_check import not_a_plain_read, refused_procedures
from .store import Progress, ReadQuery, Row, Store, check_fields, empty_counts, shaped_rows

DEFAULT_BATCH_SIZE = 5000
#: Seconds a saved query may run before the server stops it ($TEJIDO_QUERY_TIMEOUT).
DEFAULT_TIMEOUT = float(os.environ.get("TEJIDO_QUERY_TIMEOUT", "120"))
#: How long the driver keeps retrying a transaction that failed transiently (seconds):
#: long enough to ride out a server restart, short enough that an outage is said within
#: a minute (each retry is one line on stderr, see neo4j_quiet).
RETRY_SECONDS = 60.0
#: Seconds to open one connection (a host that drops packets would otherwise take 30 s).
CONNECT_SECONDS = 10.0
#: Seconds to wait for a connection from the pool (the driver's default is 60).
ACQUIRE_SECONDS = 30.0

quiet_driver_logs()

register(
    {
        "neo4j.unavailable": {
            "es": "No se puede conectar con Neo4j en {uri}: {reason}. "
            "Inicie uno con `tejido server start` o `docker compose up -d`.",
            "en": "Cannot connect to Neo4j at {uri}: {reason}. "
            "Start one with `tejido server start` or `docker compose up -d`.",
        },
        "neo4j.auth": {
            "es": "Neo4j en {uri} rechazó las credenciales de NEO4J_USER/NEO4J_PASSWORD.",
            "en": "Neo4j at {uri} rejected the NEO4J_USER/NEO4J_PASSWORD credentials.",
        },
        "neo4j.bad_uri": {
            "es": "Dirección de Neo4j no válida «{uri}»: {reason}",
            "en": "Invalid Neo4j address «{uri}»: {reason}",
        },
        "neo4j.refused": {
            "es": "Neo4j rechazó la operación: {reason}",
            "en": "Neo4j refused the operation: {reason}",
        },
        "neo4j.write": {
            "es": "La consulta «{name}» ({path}) intenta modificar la base; las consultas "
            "guardadas solo pueden leer. No se cambió nada.",
            "en": "Query «{name}» ({path}) tries to modify the database; saved queries may "
            "only read. Nothing was changed.",
        },
        "neo4j.not_a_read": {
            "es": "La consulta «{name}» ({path}) no es una lectura simple ({what}); las "
            "consultas guardadas solo pueden leer. No se cambió nada: no se ejecutó.",
            "en": "Query «{name}» ({path}) is not a plain read ({what}); saved queries may "
            "only read. Nothing was changed: it was not run.",
        },
        "neo4j.word": {"es": "empieza o usa «{word}»", "en": "it starts with or uses «{word}»"},
        "neo4j.procedure": {
            "es": "llama a {names}, fuera de la lista de procedimientos de lectura permitidos",
            "en": "it calls {names}, outside the allow-list of read procedures",
        },
        "neo4j.terminated": {
            "es": "La consulta «{name}» fue terminada en el servidor por otra sesión "
            "(TERMINATE TRANSACTION, o un administrador) antes de acabar; no fue un límite "
            "de tiempo. Vuelva a ejecutarla.",
            "en": "Query «{name}» was terminated on the server by another session "
            "(TERMINATE TRANSACTION, or an administrator) before it finished; it was not a "
            "time limit. Run it again.",
        },
        "neo4j.tx_memory": {
            "es": "La carga ({elements} elementos) no cabe en la memoria que Neo4j da a una "
            "transacción: {reason}. Una carga se escribe entera o nada, así que no se cambió "
            "nada. Dé más memoria a Neo4j (TEJIDO_NEO4J_HEAP con `tejido server`, NEO4J_HEAP "
            "con docker compose; unos 3 KB por elemento) y cárguela de nuevo.",
            "en": "The load ({elements} elements) does not fit in the memory Neo4j gives one "
            "transaction: {reason}. A load is written whole or not at all, so nothing was "
            "changed. Give Neo4j more memory (TEJIDO_NEO4J_HEAP with `tejido server`, "
            "NEO4J_HEAP with docker compose; about 3 KB per element) and load it again.",
        },
        "neo4j.qtype": {"es": "Neo4j la planifica como «{kind}», no como lectura",
                        "en": "Neo4j plans it as «{kind}», not as a read"},
        "neo4j.timeout": {
            "es": "La consulta «{name}» superó el tiempo límite de {seconds:g} s y se detuvo "
            "(use --timeout para dar más tiempo).",
            "en": "Query «{name}» exceeded the {seconds:g} s time limit and was stopped "
            "(use --timeout to allow more).",
        },
        "neo4j.cypher": {
            "es": "La consulta «{name}» ({path}) falló en Neo4j: {reason}",
            "en": "Query «{name}» ({path}) failed on Neo4j: {reason}",
        },
    }
)

_ACCESS_MODE = "Neo.ClientError.Statement.AccessMode"
#: A transaction over its own limit (db.memory.transaction.max), or over the pool of all
#: transactions (a transient error, given up after the driver's retries).
_OUT_OF_MEMORY = ("TransactionOutOfMemoryError", "MemoryPoolOutOfMemoryError")
#: Codes of a transaction stopped by its own timeout (TransactionTimedOut,
#: TransactionTimedOutClientConfiguration)…
_TIMED_OUT = "TransactionTimedOut"
#: …and of one another session terminated (``TERMINATE TRANSACTIONS``): not a timeout.
_TERMINATED = "Transaction.Terminated"


def _q(text: str, timeout: float | None = None) -> Query:
    # Our Cypher is generated from the model's whitelist (see schema.py), never from input.
    return Query(cast(LiteralString, text), timeout=timeout)


class Neo4jStore(Store):

    def __init__(
        self,
        uri: str,
        auth: tuple[str, str] | None,
        database: str = "neo4j",
        batch_size: int | None = None,
        retry_seconds: float = RETRY_SECONDS,
    ) -> None:
        # A password in the URI is used, then dropped: every message shows self.uri.
        self.uri, in_uri = split_credentials(uri)
        auth = in_uri or auth
        self.database = database
        self.batch_size = batch_size or int(os.environ.get("TEJIDO_BATCH_SIZE", DEFAULT_BATCH_SIZE))
        try:
            self.driver: Driver = GraphDatabase.driver(
                self.uri, auth=auth, max_transaction_retry_time=retry_seconds,
                connection_timeout=CONNECT_SECONDS,
                connection_acquisition_timeout=ACQUIRE_SECONDS,
            )
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(t("neo4j.bad_uri", uri=redact(uri),
                               reason=redact(str(exc)))) from exc
        self._constraints_ready = False
        self._lock_ready = False  # the first-load lock's constraint, see constraints_missing

    @classmethod
    def from_env(cls, uri: str, batch_size: int | None = None) -> Neo4jStore:
        user = os.environ.get("NEO4J_USER", os.environ.get("NEO4J_USERNAME", "neo4j"))
        password = os.environ.get("NEO4J_PASSWORD")
        auth = (user, password) if password else None
        return cls(uri, auth, os.environ.get("NEO4J_DATABASE", "neo4j"), batch_size)

    def describe(self) -> str:
        return f"{self.uri} (base {self.database})"

    def close(self) -> None:
        self.driver.close()

    def verify(self) -> None:
        """Fail at once when no server answers: the driver would otherwise keep retrying
        for minutes before giving up."""
        try:
            self.driver.verify_connectivity()
        except AuthError as exc:
            raise StoreError(t("neo4j.auth", uri=self.describe())) from exc
        except (DriverError, Neo4jError, OSError) as exc:
            raise StoreError(t("neo4j.unavailable", uri=self.describe(), reason=exc)) from exc
        except ValueError as exc:  # an address the driver parses but cannot resolve
            raise StoreError(t("neo4j.bad_uri", uri=self.uri, reason=exc)) from exc

    def translate(self, exc: Exception) -> StoreError | None:
        if isinstance(exc, Neo4jError):
            return StoreError(t("neo4j.refused", reason=exc.message or exc))
        if isinstance(exc, DriverError):
            return StoreError(t("neo4j.unavailable", uri=self.describe(), reason=exc))
        return super().translate(exc)

    def gds_version(self) -> str | None:
        try:
            return self.execute("RETURN gds.version() AS v", RoutingControl.READ)[0]["v"]
        except ClientError:  # Neo.ClientError.Statement.SyntaxError: unknown function
            return None

    def rows(self, query: ReadQuery, params: dict[str, Any] | None = None,
             timeout: float | None = None) -> list[Row]:
        """Run ``query``'s Cypher in a read transaction with a timeout.

        The session's access mode is READ, so the server itself refuses a write, whatever
        the query says; the transaction function is retried by the driver on transient
        failures (safe: it only reads). Server notifications (e.g. "property `peso` does
        not exist" on a graph without weights) are turned off: they are about the data,
        not errors, and would reach the planner as log noise.
        """
        seconds = DEFAULT_TIMEOUT if timeout is None else timeout
        # The text comes from a query file; values only ever travel as parameters.
        text = cast(LiteralString, query.cypher)
        if not query.builtin:
            self._check_plain_read(query, text, params or {})

        @unit_of_work(timeout=seconds)
        def work(tx: ManagedTransaction) -> tuple[list[str], list[Row]]:
            result = tx.run(text, params or {})
            return list(result.keys()), [record.data() for record in result]

        try:
            with self.driver.session(
                database=self.database, default_access_mode=READ_ACCESS,
                notifications_min_severity=NotificationMinimumSeverity.OFF,
            ) as session:
                keys, records = session.execute_read(work)
        except ServiceUnavailable as exc:
            raise StoreError(t("neo4j.unavailable", uri=self.uri, reason=exc)) from exc
        except ClientError as exc:
            code = exc.code or ""
            if code == _ACCESS_MODE:
                raise InputError(t("neo4j.write", name=query.name, path=query.path)) from None
            if _TIMED_OUT in code or (_TERMINATED in code
                                      and "timeout" in (exc.message or "").lower()):
                raise InputError(t("neo4j.timeout", name=query.name, seconds=seconds)) from None
            if _TERMINATED in code:
                raise StoreError(t("neo4j.terminated", name=query.name)) from None
            raise InputError(t("neo4j.cypher", name=query.name, path=query.path,
                               reason=exc.message or code)) from None
        except Neo4jError as exc:
            raise StoreError(t("neo4j.cypher", name=query.name, path=query.path,
                               reason=exc.message or exc.code)) from exc
        return shaped_rows(query, keys, records)

    def _check_plain_read(self, query: ReadQuery, text: LiteralString,
                          params: dict[str, Any]) -> None:
        """Refuse a planner's query that is not a plain read before it runs
        (:mod:`tejido.graph.read_check`); nothing of it is executed."""
        word = not_a_plain_read(text)
        if word is None:
            try:
                with self.driver.session(database=self.database,
                                         default_access_mode=READ_ACCESS) as session:
                    summary = session.run(Query(cast(LiteralString, "EXPLAIN " + text)),
                                          params).consume()
            except ClientError as exc:
                raise InputError(t("neo4j.cypher", name=query.name, path=query.path,
                                   reason=exc.message or exc.code)) from None
            except ServiceUnavailable as exc:
                raise StoreError(t("neo4j.unavailable", uri=self.uri, reason=exc)) from exc
            procedures = refused_procedures(summary.plan)
            if procedures:
                what = t("neo4j.procedure", names=", ".join(f"«{p}»" for p in procedures))
            elif summary.query_type == "r":
                return
            else:
                what = t("neo4j.qtype", kind=summary.query_type or "?")
        else:
            what = t("neo4j.word", word=word)
        raise InputError(t("neo4j.not_a_read", name=query.name, path=query.path, what=what))

    def nodes(self, label: str, fields: list[str], ids: list[str] | None = None) -> list[Row]:
        check_fields(label, fields)
        return self.execute(schema.read_nodes(label, fields, by_id=ids is not None),
                            RoutingControl.READ, ids=ids)

    def execute(self, cypher: str, routing: RoutingControl = RoutingControl.WRITE,
                timeout: float | None = None, **params: Any) -> list[dict[str, Any]]:
        """Run one statement in a managed (retried) transaction; rows as dicts."""
        try:
            records, _, _ = self.driver.execute_query(
                _q(cypher, timeout), params, database_=self.database, routing_=routing
            )
        except AuthError as exc:
            raise StoreError(t("neo4j.auth", uri=self.uri)) from exc
        except ServiceUnavailable as exc:
            raise StoreError(t("neo4j.unavailable", uri=self.uri, reason=exc)) from exc
        return [record.data() for record in records]

    def ensure_constraints(self) -> None:
        if self._constraints_ready:
            return
        for statement in schema.constraint_statements():
            self.execute(statement)
        self.execute("CALL db.awaitIndexes(300)")
        self._constraints_ready = True

    def constraints_missing(self) -> bool:
        """Whether some label lacks its uniqueness constraint on ``id`` (any name): then a
        load tries a first load (:mod:`tejido.graph.neo4j_write`). One SHOW instead of a
        CREATE … IF NOT EXISTS per label when they are all there."""
        if self._constraints_ready:
            return False
        try:
            rows = self.execute(
                "SHOW CONSTRAINTS YIELD type, entityType, labelsOrTypes, properties "
                "WHERE entityType = 'NODE' AND type ENDS WITH 'UNIQUENESS' "
                "AND properties = ['id'] RETURN labelsOrTypes[0] AS label",
                RoutingControl.READ)
        except ClientError:  # not allowed to list them: create them, as before
            return True
        labels = {row["label"] for row in rows}
        self._lock_ready = schema.FIRST_LOAD_LABEL in labels
        if set(NODE_TYPES) - labels:
            return True
        self._constraints_ready = True
        return False

    def load(self, batch: GraphBatch, progress: Progress | None = None,
             dry_run: bool = False) -> Changes:
        """Write ``batch`` as one transaction and say what it changed (a dry run only
        reads). The summary is read inside the write transaction, so it describes exactly
        the state the write replaced (:mod:`tejido.graph.neo4j_write`)."""
        if dry_run:
            return super().load(batch, dry_run=True)
        return self._transact(batch, progress)

    def write(self, batch: GraphBatch, progress: Progress | None = None) -> None:
        self._transact(batch, progress)

    def _transact(self, batch: GraphBatch, progress: Progress | None) -> Changes:
        """Run :func:`neo4j_write.load_in` in one managed write transaction (retried by
        the driver on transient failures); if another load committed one of the nodes
        this one meant to CREATE, run it again with MERGE alone."""
        from .neo4j_write import NotFirst, Reported, TxRunner, load_in

        # (first, create): a first load into an empty store, constraints afterwards; the
        # usual load, CREATEing what its read found absent; the same with MERGE alone.
        attempts = [(False, True), (False, False)]
        if self.constraints_missing():
            if not self._lock_ready:
                self.execute(schema.first_load_constraint())
            attempts.insert(0, (True, True))
        reported = Reported(progress)
        for first, create in attempts:
            def work(tx: ManagedTransaction, create: bool = create,
                     first: bool = first) -> Changes:
                return load_in(TxRunner(tx, self.batch_size), batch, reported, create, first)

            if not first:
                self.ensure_constraints()
            try:
                with self.driver.session(database=self.database) as session:
                    changes = session.execute_write(work)
                if first:
                    self.ensure_constraints()
                return changes
            except NotFirst:
                continue
            except ConstraintError:
                if not create:
                    raise
            except Neo4jError as exc:
                if any(code in (exc.code or "") for code in _OUT_OF_MEMORY):
                    raise StoreError(t("neo4j.tx_memory", elements=len(batch.nodes)
                                       + len(batch.rels), reason=exc.message)) from None
                raise
            except AuthError as exc:
                raise StoreError(t("neo4j.auth", uri=self.uri)) from exc
            except ServiceUnavailable as exc:
                raise StoreError(t("neo4j.unavailable", uri=self.uri, reason=exc)) from exc
        raise AssertionError("unreachable")

    def before(self, batch: GraphBatch) -> Before:
        from .neo4j_changes import read_before

        return read_before(self, batch)

    def counts(self) -> dict[str, int]:
        out = empty_counts()
        for label in NODE_TYPES:
            out[label] = self.execute(schema.count_nodes(label), RoutingControl.READ)[0]["n"]
        for rtype in RelType:
            out[rtype.value] = self.execute(schema.count_rels(rtype), RoutingControl.READ)[0]["n"]
        return out

    def wipe(self) -> None:
        # CALL { } IN TRANSACTIONS needs an implicit (auto-commit) transaction.
        try:
            with self.driver.session(database=self.database) as session:
                session.run(_q(schema.wipe())).consume()
        except ServiceUnavailable as exc:
            raise StoreError(t("neo4j.unavailable", uri=self.uri, reason=exc)) from exc
        except Neo4jError as exc:
            raise StoreError(str(exc)) from exc

    def snapshot(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        labels = list(NODE_TYPES)
        for row in self.execute(schema.snapshot_nodes(), RoutingControl.READ, labels=labels):
            props = row["props"]
            props.pop("id", None)
            graph.add_node(row["id"], label=row["label"], **props)
        types = [r.value for r in RelType]
        for row in self.execute(schema.snapshot_rels(), RoutingControl.READ, types=types):
            props = row["props"]
            key = rel_key(RelType(row["type"]), props)
            graph.add_edge(row["source"], row["target"], key=key, type=row["type"], **props)
        return graph

