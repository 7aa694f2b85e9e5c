"""`tejido server` and the Docker setup: the same pinned Neo4j, started and stopped for real."""

from __future__ import annotations

import secrets
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from tejido.cli.main import main
from tejido.graph.local_server import LocalServer
from tejido.graph.neo4j_jars import NEO4J_IMAGE, NEO4J_VERSION, java_major

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from tejido.cli.main import main; main()"]


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=300)


def test_start_status_stop(tmp_path):
    port = _free_port()
    data = tmp_path / "neo4j"
    password = secrets.token_urlsafe(12)
    runner = CliRunner()  # in-process: messages are Spanish unless --lang en (state is global)
    env = {"NEO4J_PASSWORD": password, "NEO4J_USER": "planner"}
    where = ["--port", str(port), "--data-dir", str(data)]
    try:
        started = runner.invoke(main, ["--lang", "es", "server", "start", *where], env=env)
        assert started.exit_code == 0, started.output
        uri = f"bolt://127.0.0.1:{port}"
        assert started.stdout.strip().splitlines()[-1] == uri
        assert f"Neo4j {NEO4J_VERSION} escuchando en {uri}" in started.stderr

        # It answers on Bolt at once (start returned only when it did), with the password.
        with GraphDatabase.driver(uri, auth=("planner", password)) as driver:
            records, _, _ = driver.execute_query("CALL dbms.components() YIELD versions "
                                                 "RETURN versions[0] AS v")
            assert records[0]["v"] == NEO4J_VERSION
        with GraphDatabase.driver(uri, auth=("planner", "not-the-password")) as driver, \
                pytest.raises(AuthError):
            driver.verify_connectivity()
        assert (data / "data" / "databases" / "neo4j").is_dir()
        # Private: the folder and what Neo4j itself created in it (issue 11, item 7).
        assert _mode(data) == 0o700
        assert _mode(data / "data" / "databases" / "neo4j") == 0o700
        assert _mode(data / "logs" / "neo4j.log") & 0o077 == 0
        assert _mode(data / "conf" / "neo4j.conf") == 0o600
        # The password went over Bolt; the JVM's environment does not hold it.
        server_pid = LocalServer(port=port, data_dir=data).pid()
        environ = Path(f"/proc/{server_pid}/environ").read_bytes()
        assert b"NEO4J_PASSWORD" not in environ and password.encode() not in environ

        status = runner.invoke(main, ["--lang", "es", "server", "status", *where])
        assert status.exit_code == 0
        assert f"en marcha: {uri}" in status.output and "con contraseña" in status.output
        status_en = runner.invoke(main, ["--lang", "en", "server", "status", *where])
        assert f"running: {uri}" in status_en.output
        pid = LocalServer(port=port, data_dir=data).pid()
        assert pid is not None

        stopped = runner.invoke(main, ["--lang", "es", "server", "stop", *where])
        assert stopped.exit_code == 0 and f"puerto {port}" in stopped.output
        assert LocalServer(port=port, data_dir=data).pid() is None
        assert not _listening(port)
        assert "Stopped." in (data / "logs" / "neo4j.log").read_text(encoding="utf-8")

        status = runner.invoke(main, ["--lang", "es", "server", "status", *where])
        assert status.exit_code == 1 and "no está en marcha" in status.output
    finally:
        LocalServer(port=port, data_dir=data).stop()


def test_start_refuses_a_port_in_use(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["--lang", "es", "server", "start", "--port", str(port),
                                           "--data-dir", str(tmp_path / "n")])
    assert result.exit_code == 2
    assert f"El puerto {port} ya está en uso" in result.output
    assert not (tmp_path / "n" / "data").exists()


def test_short_password_is_refused_before_anything_runs(tmp_path):
    result = CliRunner().invoke(
        main, ["--lang", "en", "server", "start", "--data-dir", str(tmp_path / "n")],
        env={"NEO4J_PASSWORD": "short"},
    )
    assert result.exit_code == 2
    assert "at least 8 characters" in result.output
    assert not (tmp_path / "n").exists()


def test_missing_java_is_a_message_and_exit_2(tmp_path):
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path)}  # an empty folder: no java, no mvn
    result = run_cli("server", "start", "--data-dir", str(tmp_path / "n"), env=env)
    assert result.returncode == 2
    assert "No se encontró Java 17+" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    result = run_cli("--lang", "en", "server", "fetch", env=env)
    assert result.returncode == 2 and "Java 17+ was not found" in result.stderr


def test_missing_maven_is_a_message_and_exit_2(tmp_path):
    java = shutil.which("java")
    assert java is not None, "the test command needs Java 17+ (the Neo4j tests run on it)"
    java_home = Path(java).resolve().parent.parent
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path), "JAVA_HOME": str(java_home),
           "TEJIDO_CACHE": str(tmp_path / "cache")}
    result = run_cli("server", "fetch", env=env)
    assert result.returncode == 2, result.stderr
    assert "No se encontró Maven (`mvn`)" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "cache" / f"neo4j-{NEO4J_VERSION}" / "lib").exists()


def test_status_of_an_instance_never_started(tmp_path):
    result = CliRunner().invoke(main, ["--lang", "en", "server", "status", "--port", "7999",
                                       "--data-dir", str(tmp_path / "none")])
    assert result.exit_code == 1 and "not running on port 7999" in result.output


@pytest.mark.parametrize(("output", "major"), [
    ('openjdk version "17.0.15" 2025-04-15', 17),
    ('openjdk version "21" 2023-09-19', 21),
    ('java version "1.8.0_402"', 8),
    ("no version here", None),
])
def test_java_major(output, major):
    assert java_major(output) == major


def test_docker_compose_runs_the_same_pinned_neo4j():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    service = compose["services"]["neo4j"]
    assert service["image"] == NEO4J_IMAGE == f"neo4j:{NEO4J_VERSION}-community"
    assert NEO4J_VERSION.startswith("5.26.")
    env = service["environment"]
    assert env["NEO4J_AUTH"].startswith("${NEO4J_USER")
    assert "${NEO4J_PASSWORD:?" in env["NEO4J_AUTH"]  # no default: compose refuses to start
    assert set(yaml.safe_load(env["NEO4J_PLUGINS"])) == {"apoc", "graph-data-science"}
    assert service["healthcheck"]["test"]
    named = {volume.split(":")[0] for volume in service["volumes"]}
    assert named <= set(compose["volumes"]) and {"neo4j-data"} <= named
    assert all(port.startswith("127.0.0.1:") for port in service["ports"])


def test_session_neo4j_is_the_pinned_version(neo4j_server):
    with neo4j_server.store() as store:
        rows = store.execute("CALL dbms.components() YIELD versions, edition "
                             "RETURN versions[0] AS v, edition")
    if neo4j_server.kind == "env":
        # A server the user chose (NEO4J_URI): only the supported release line is required.
        assert rows[0]["v"].split(".")[:2] == NEO4J_VERSION.split(".")[:2]
    else:
        assert rows == [{"v": NEO4J_VERSION, "edition": "community"}]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)
