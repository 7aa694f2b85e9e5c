"""Issue 11, item 7: rough edges that showed tracebacks or secrets, or left files behind.

Paths that cannot be written, an integer Neo4j cannot hold, a store reached through a
symbolic link, temporary files of killed saves, a password inside a bolt URI, a Neo4j that
does not answer, and the permissions of a local Neo4j's folder.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import free_port
from helpers_workbook import SMALL, run, write_xlsx

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.errors import StoreError
from tejido.graph.files import HOST_TAG, STALE_HOURS, write_atomic
from tejido.graph.local_server import LocalServer
from tejido.graph.neo4j_quiet import redact, split_credentials
from tejido.graph.neo4j_store import Neo4jStore

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from tejido.cli.main import main; main()"]
TYPED_QUERY = """// ---
// name: primeros
// title: "Primeros actores"
// parameters:
//   - {name: n, type: int, default: 2}
// columns: [id]
// ---
MATCH (a:Actor) RETURN a.id AS id ORDER BY id LIMIT $n
"""


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "g.json"
    assert run("load", write_xlsx(tmp_path / "libro.xlsx", SMALL), "--store", path).exit_code == 0
    return path


def _commands(store: Path, out: Path) -> dict[str, list[object]]:
    """Every command writing a file, pointed at ``out`` (run with --force)."""
    return {
        "centrality": ["centrality", "--store", store, "--out", out],
        "query run": ["query", "run", "actors", "--store", store, "--out", out],
        "export": ["export", "--store", store, "--out", out],
        "gaps": ["gaps", "--store", store, "--format", "md", "--out", out],
        "template": ["template", out.with_suffix(".xlsx")],
        "synth": ["synth", "--actors", "2", "--actions", "2", "--out", out.with_suffix(".xlsx")],
    }


@pytest.mark.parametrize("name", ["centrality", "query run", "export", "gaps", "template",
                                  "synth"])
def test_out_into_a_missing_folder_or_under_a_file_is_a_message(
        name: str, store: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-existe" / "salida.csv"
    result = run("--lang", "es", *_commands(store, missing)[name], "--force")
    assert result.exit_code == 2, result.output
    assert "no-existe" in result.stderr and "no existe" in result.stderr
    assert not missing.parent.exists()

    a_file = tmp_path / "libro.xlsx"  # an existing file used as if it were a folder
    under = a_file / "salida.csv"
    result = run("--lang", "es", *_commands(store, under)[name], "--force")
    assert result.exit_code == 2, result.output
    assert str(a_file) in result.stderr and "no es una carpeta" in result.stderr


@pytest.mark.parametrize("name", ["centrality", "query run", "export", "gaps"])
def test_out_to_an_unwritable_file_is_a_message(name: str, store: Path) -> None:
    """/proc/version exists and nobody, not even root, can replace it."""
    target = Path("/proc/version")
    if not target.exists():
        pytest.fail("this test needs Linux's /proc")
    result = run("--lang", "es", *_commands(store, target)[name], "--force")
    assert result.exit_code == 2, result.output
    assert "No se puede escribir /proc/version" in result.stderr


def test_demo_into_an_unwritable_place_is_a_message() -> None:
    result = run("--lang", "es", "demo", "--out", "/proc/tejido-demo")
    assert result.exit_code == 2, result.output
    assert "/proc/tejido-demo" in result.stderr


def test_an_integer_neo4j_cannot_hold_is_refused_naming_the_parameter(
        tmp_path: Path) -> None:
    folder = tmp_path / "consultas"
    folder.mkdir()
    (folder / "primeros.cypher").write_text(TYPED_QUERY, encoding="utf-8")
    never_opened = tmp_path / "ninguno.json"
    for value in ("99999999999999999999999", str(2**63), str(-(2**63) - 1)):
        result = run("--lang", "es", "query", "run", "primeros", "--param", f"n={value}",
                     "--queries", folder, "--store", never_opened)
        assert result.exit_code == 2, result.output
        assert "«n»" in result.stderr and value in result.stderr
        assert "rango" in result.stderr
    # The largest int64 is a valid value: it passes the check (and then this own Cypher
    # query is refused only because an embedded store cannot run it).
    largest = run("--lang", "es", "query", "run", "primeros", "--param", f"n={2**63 - 1}",
                  "--queries", folder, "--store", never_opened)
    assert largest.exit_code == 2 and "rango" not in largest.stderr
    assert "solo corre en Neo4j" in largest.stderr


def test_a_store_behind_a_symlink_is_updated_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "datos" / "grafo.json"
    real.parent.mkdir()
    link = tmp_path / "atajo.json"
    link.symlink_to(real)
    book = write_xlsx(tmp_path / "libro.xlsx", SMALL)
    assert run("load", book, "--store", link).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith('{"format": "tejido-graph"')
    assert run("db", "wipe", "--yes", "--store", link).exit_code == 0
    assert link.is_symlink()
    assert '"nodes": []' in real.read_text(encoding="utf-8")
    assert EmbeddedStore(real).counts()["Actor"] == 0
    # No temporary or lock file was left beside the link: they belong to the target.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atajo.json", "datos", "libro.xlsx"]


def test_an_out_file_that_is_a_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("viejo", encoding="utf-8")
    link = tmp_path / "enlace.csv"
    link.symlink_to(real)
    write_atomic(link, "nuevo")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "nuevo"


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: the pid names no process now
    return child.pid


def test_a_save_removes_the_temporary_files_of_killed_saves(tmp_path: Path) -> None:
    tmp_path.joinpath("g.json").write_text('{"format": "tejido-graph", "version": 1, '
                                           '"nodes": [], "edges": []}', encoding="utf-8")
    dead = tmp_path / f".g.json-{HOST_TAG}-{_dead_pid()}-k1ll3d.tmp"
    dead.write_bytes(b"\0" * 1_000_000)
    old = tmp_path / ".g.json-abc123.tmp"  # an older tejido's name: no pid, two days old
    old.write_bytes(b"x")
    two_days = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days, two_days))
    assert STALE_HOURS < 48
    live = tmp_path / f".g.json-{HOST_TAG}-{os.getppid()}-writing.tmp"  # a live writer's
    live.write_bytes(b"y")
    other = tmp_path / f".otro.json-{HOST_TAG}-{_dead_pid()}-x.tmp"  # another file's
    other.write_bytes(b"z")

    book = write_xlsx(tmp_path / "libro.xlsx", SMALL)
    assert run("load", book, "--store", tmp_path / "g.json").exit_code == 0
    assert not dead.exists() and not old.exists()
    assert live.exists() and other.exists()
    assert not [p for p in tmp_path.iterdir()
                if p.name.startswith(".g.json-") and p.name.endswith(".tmp") and p != live]


SECRET = "s3cr3t-Pa55"


@pytest.mark.parametrize("args", [
    ["load", str(ROOT / "data" / "003_plan_concejal"), "--store"],
    ["db", "stats", "--store"],
    ["gaps", "--store"],
])
def test_a_password_in_a_bolt_uri_never_appears(args: list[str]) -> None:
    port = free_port()
    for uri in (f"bolt://neo4j:{SECRET}@127.0.0.1:{port}",
                f"neo4j://neo4j:{SECRET}@127.0.0.1:{port}",
                f"bolt://neo4j:{SECRET}@127.0.0.1:no-port"):
        result = subprocess.run([*CLI, *args, uri], capture_output=True, text=True,
                                timeout=120, env={**os.environ, "TEJIDO_LANG": "es"})
        assert result.returncode in (2, 3), result.stderr
        assert SECRET not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert "neo4j:***@" in result.stderr or "127.0.0.1" in result.stderr


def test_redact_and_split_credentials() -> None:
    text = f"bolt://neo4j:{SECRET}@db:7687 y neo4j+s://u:p@ss:w@x.org/db"
    assert redact(text) == "bolt://neo4j:***@db:7687 y neo4j+s://u:***@x.org/db"
    assert redact("bolt://db:7687, C:\\datos") == "bolt://db:7687, C:\\datos"
    assert split_credentials(f"bolt://neo4j:{SECRET}@db:7687") == (
        "bolt://db:7687", ("neo4j", SECRET))
    assert split_credentials("neo4j://ana%40x:p%3Aq@db") == ("neo4j://db", ("ana@x", "p:q"))
    assert split_credentials("bolt://db:7687") == ("bolt://db:7687", None)


def test_a_stopped_neo4j_is_said_in_spanish_within_seconds() -> None:
    """Nothing listens on the port: one Spanish message, exit 3, no driver log lines."""
    uri = f"bolt://127.0.0.1:{free_port()}"
    started = time.monotonic()
    result = subprocess.run([*CLI, "load", str(ROOT / "data" / "003_plan_concejal"),
                             "--store", uri], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "TEJIDO_LANG": "es"})
    seconds = time.monotonic() - started
    print(f"stopped Neo4j reported after {seconds:.2f} s")
    assert result.returncode == 3, result.stderr
    assert "No se puede conectar con Neo4j" in result.stderr
    assert "retried" not in result.stderr and "Transaction failed" not in result.stderr
    assert seconds < 30  # a guard only: it takes well under a second here


def test_an_outage_mid_work_retries_in_spanish_then_fails(capfd: pytest.CaptureFixture[str]
                                                          ) -> None:
    """A server lost after the store was opened: the driver's managed retries are bounded
    (here 2 s) and each is one Spanish line, never the driver's English log."""
    store = Neo4jStore(f"bolt://127.0.0.1:{free_port()}", None, retry_seconds=2.0)
    started = time.monotonic()
    try:
        with pytest.raises(StoreError, match="No se puede conectar con Neo4j"):
            store.counts()
    finally:
        store.close()
    seconds = time.monotonic() - started
    err = capfd.readouterr().err
    print(f"outage reported after {seconds:.2f} s")
    assert "Neo4j no responde; nuevo intento en" in err
    assert "Transaction failed" not in err and "retried" not in err
    assert seconds < 30


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_local_neo4j_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".tejido").mkdir(mode=0o755)  # as an older tejido left it
    os.chmod(tmp_path / ".tejido", 0o755)
    local = LocalServer(port=free_port())
    local._write_config(auth_enabled=False)
    local._update_state(port=local.port)
    assert _mode(tmp_path / ".tejido") == 0o700
    assert _mode(local.home) == 0o700
    assert _mode(local.home / "conf") == 0o700
    assert _mode(local.home / "conf" / "neo4j.conf") == 0o600
    assert _mode(local.home / "tejido-server.json") == 0o600

    chosen = LocalServer(port=free_port(), data_dir=tmp_path / "mi-neo4j")
    conf = chosen.home / "conf" / "neo4j.conf"
    conf.parent.mkdir(parents=True)
    conf.write_text("viejo", encoding="utf-8")
    os.chmod(conf, 0o644)
    chosen._write_config(auth_enabled=True)
    assert _mode(chosen.home) == 0o700 and _mode(conf) == 0o600
    assert "dbms.security.auth_enabled=true" in conf.read_text(encoding="utf-8")


def test_credentials_in_the_uri_are_used_and_not_shown(neo4j_server) -> None:
    user, password = neo4j_server.auth or ("neo4j", "any-password")
    scheme, rest = neo4j_server.uri.split("://", 1)
    with Neo4jStore(f"{scheme}://{user}:{password}@{rest}", None) as store:
        store.verify()
        assert store.counts()["Actor"] >= 0
        assert password not in store.describe() and rest in store.describe()
