"""Shared fixtures: a real Neo4j for the tests that need one.

Where the Neo4j comes from, first that works:

1. ``NEO4J_URI`` (with ``NEO4J_USER``/``NEO4J_PASSWORD``): a server someone already runs;
2. a testcontainers ``Neo4jContainer`` of the pinned image, if a Docker engine answers;
3. ``tejido server`` (graph/local_server.py) on a free loopback port, data in a temporary folder.

If none works the Neo4j tests fail with the reasons: the test command (tests/run.sh)
installs everything a local server needs, so a missing server is a broken setup, never a
reason to pass by skipping.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NoReturn

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError

from tejido.graph.local_server import LocalServer
from tejido.graph.neo4j_jars import NEO4J_IMAGE, ServerError
from tejido.graph.neo4j_store import Neo4jStore

#: Seconds to wait for a Docker engine to answer before concluding there is none.
DOCKER_PROBE_SECONDS = 3


@dataclass
class Neo4jHandle:
    """The Neo4j the session uses. ``local`` is set when tests may stop and restart it."""

    uri: str
    auth: tuple[str, str] | None
    kind: str  # "env", "docker" or "local"
    local: LocalServer | None = None

    def store(self, **options: object) -> Neo4jStore:
        return Neo4jStore(self.uri, self.auth, **options)  # type: ignore[arg-type]


def neo4j_unavailable(reasons: list[str]) -> NoReturn:
    pytest.fail("no Neo4j for the tests: " + "; ".join(reasons), pytrace=False)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def env_auth() -> tuple[str, str] | None:
    password = os.environ.get("NEO4J_PASSWORD")
    user = os.environ.get("NEO4J_USER") or os.environ.get("NEO4J_USERNAME") or "neo4j"
    return (user, password) if password else None


def _docker_answers() -> str | None:
    """None if a Docker engine answers within a few seconds, else why not."""
    try:
        import docker

        docker.from_env(timeout=DOCKER_PROBE_SECONDS).ping()
    except Exception as exc:  # any failure at all means "no usable Docker"
        return f"Docker: {type(exc).__name__}: {exc}"
    return None


def _start_local(tmp_path_factory: pytest.TempPathFactory, gds: bool = False) -> LocalServer:
    local = LocalServer(port=free_port(), data_dir=tmp_path_factory.mktemp("neo4j"), gds=gds)
    auth = env_auth()
    local.start(password=auth[1] if auth else None, user=auth[0] if auth else "neo4j")
    return local


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jHandle]:
    reasons: list[str] = []
    uri = os.environ.get("NEO4J_URI")
    if uri:
        try:
            with GraphDatabase.driver(uri, auth=env_auth()) as driver:
                driver.verify_connectivity()
        except (DriverError, Neo4jError, OSError, ValueError) as exc:
            reasons.append(f"NEO4J_URI={uri}: {exc}")
        if reasons:
            neo4j_unavailable(reasons)
        yield Neo4jHandle(uri, env_auth(), "env")
        return

    problem = _docker_answers()
    if problem is None:
        try:
            from testcontainers.community.neo4j import Neo4jContainer
        except ImportError:  # testcontainers < 4.10
            from testcontainers.neo4j import Neo4jContainer

        # The image's only user is neo4j. Tests that run the CLI with --store <uri> read
        # the credentials from the environment, so the session exports the container's.
        password = os.environ.get("NEO4J_PASSWORD") or secrets.token_urlsafe(16)
        container = Neo4jContainer(NEO4J_IMAGE, username="neo4j", password=password)
        try:
            container.start()
        except Exception as exc:  # image pull, engine errors...: try the next way
            reasons.append(f"Neo4jContainer({NEO4J_IMAGE}): {exc}")
        else:
            with pytest.MonkeyPatch.context() as env:
                env.setenv("NEO4J_USER", "neo4j")
                env.setenv("NEO4J_PASSWORD", password)
                try:
                    yield Neo4jHandle(container.get_connection_url(), ("neo4j", password),
                                      "docker")
                finally:
                    container.stop()
            return
    else:
        reasons.append(problem)

    try:
        local = _start_local(tmp_path_factory)
    except ServerError as exc:
        reasons.append(f"tejido server: {exc.message}")
        local = None
    if local is None:
        neo4j_unavailable(reasons)
    try:
        yield Neo4jHandle(local.uri, local.auth, "local", local)
    finally:
        local.stop()


@pytest.fixture(scope="session")
def neo4j_uri(neo4j_server: Neo4jHandle) -> str:
    return neo4j_server.uri


@pytest.fixture(scope="session")
def restartable_neo4j(
    neo4j_server: Neo4jHandle, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Neo4jHandle]:
    """A Neo4j the test may kill and restart: the session's own if local, else a new one."""
    if neo4j_server.local is not None:
        yield neo4j_server
        return
    yield from _own_local_server(tmp_path_factory, "a restartable tejido server")


def _own_local_server(
    tmp_path_factory: pytest.TempPathFactory, what: str, gds: bool = False
) -> Iterator[Neo4jHandle]:
    """A local server for one fixture alone, stopped with it."""
    try:
        local = _start_local(tmp_path_factory, gds=gds)
    except ServerError as exc:
        neo4j_unavailable([f"{what}: {exc.message}"])
    try:
        yield Neo4jHandle(local.uri, local.auth, "local", local)
    finally:
        local.stop()


def _wiped_store(server: Neo4jHandle) -> Iterator[Neo4jStore]:
    store = server.store()
    store.wipe()
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def neo4j_store(neo4j_server: Neo4jHandle) -> Iterator[Neo4jStore]:
    """A Neo4jStore on the session's Neo4j, wiped before the test and closed after it."""
    yield from _wiped_store(neo4j_server)


@pytest.fixture(scope="session")
def gds_neo4j_server(
    neo4j_server: Neo4jHandle, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Neo4jHandle]:
    """A Neo4j with Graph Data Science: the session's own if it has it (docker-compose's
    does), else a local one started with the open-source GDS plugin from Maven Central."""
    store = neo4j_server.store()
    try:
        has_gds = store.gds_version() is not None
    finally:
        store.close()
    if has_gds:
        yield neo4j_server
        return
    yield from _own_local_server(tmp_path_factory, "a tejido server with GDS", gds=True)


@pytest.fixture
def gds_neo4j_store(gds_neo4j_server: Neo4jHandle) -> Iterator[Neo4jStore]:
    """Like neo4j_store, on a Neo4j that has Graph Data Science."""
    yield from _wiped_store(gds_neo4j_server)


@pytest.fixture(autouse=True)
def spanish_by_default() -> Iterator[None]:
    """`--lang en` sets the language for the whole process; no test may inherit another's."""
    from tejido.graph import i18n

    i18n.set_lang("es")
    yield
    i18n.set_lang("es")
