"""A local Neo4j instance without Docker: the same Neo4j as docker-compose.yml.

Every start launches ``org.neo4j.server.CommunityEntryPoint`` (the entry point of the
official distribution's ``neo4j console``) on Java 17+ from the jars Maven copied once into
the cache (:mod:`tejido.graph.neo4j_jars`), without calling Maven again.

The server listens on 127.0.0.1 only (Bolt; HTTP is off) and keeps its data under
``.tejido/neo4j-<port>/``. Authentication: if ``NEO4J_PASSWORD`` is set when an instance
first starts, that becomes the password of ``NEO4J_USER`` (default ``neo4j``) and
authentication stays on for that instance; otherwise the instance runs without
authentication, which is acceptable only because nothing but this machine can reach it.

Nothing here imports the command line: progress lines go to an ``echo`` callback
(``tejido server`` passes one writing to stderr); warnings the user must see even when nobody
asked for progress (rejected credentials, a forced stop) go to it too, else to stderr.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .i18n import register, t
from .neo4j_jars import NEO4J_VERSION, Echo, ServerError, fetch, fetch_gds, find_java, to_stderr
from .neo4j_quiet import quiet_driver_logs

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
HOST = "127.0.0.1"
DEFAULT_PORT = 7687
DEFAULT_HEAP = os.environ.get("TEJIDO_NEO4J_HEAP", "1g")
DEFAULT_PAGECACHE = os.environ.get("TEJIDO_NEO4J_PAGECACHE", "512m")
#: Share of the heap one transaction may use (``db.memory.transaction.max``): a load's
#: transaction needs about 3 KB of heap per node or relationship (README, "Neo4j: memory
#: of a load").
TRANSACTION_SHARE = 0.6
#: Seconds to wait for Bolt after launching the JVM (a cold first start takes ~10 s).
START_TIMEOUT = 180.0
#: Seconds a clean shutdown may take (it checkpoints) before the JVM is killed.
STOP_TIMEOUT = 60.0
#: Pause between two readiness probes; the deadline, not this, bounds the wait.
POLL_INTERVAL = 0.25
#: Neo4j rejects shorter passwords (dbms.security.auth_minimum_password_length).
MIN_PASSWORD = 8
STATE_FILE = "tejido-server.json"
#: An instance's folders and files are its owner's alone: its data is the planner's, its
#: state and config say how to reach it. The JVM runs with this umask, so what Neo4j
#: creates (stores, transaction logs, neo4j.log) is private too.
PRIVATE_UMASK = 0o077
#: Environment variables the JVM does not inherit.
SECRET_VARIABLES = ("NEO4J_PASSWORD", "NEO4J_AUTH")
#: The password every new Neo4j user database starts with, to be changed on first login.
FACTORY_PASSWORD = "neo4j"

#: JVM flags from the official distribution's neo4j.conf (server.jvm.additional) that
#: matter outside it: Netty and the page cache need these packages opened.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)

quiet_driver_logs()

register(
    {
        "server.port_busy": {
            "es": "El puerto {port} ya está en uso por otro programa; elija otro con --port.",
            "en": "Port {port} is already in use by another program; choose another with --port.",
        },
        "server.short_password": {
            "es": "NEO4J_PASSWORD debe tener al menos {min} caracteres (regla de Neo4j).",
            "en": "NEO4J_PASSWORD must be at least {min} characters long (a Neo4j rule).",
        },
        "server.starting": {
            "es": "Iniciando Neo4j {version} en el puerto {port} (datos en {data})…",
            "en": "Starting Neo4j {version} on port {port} (data in {data})…",
        },
        "server.died": {
            "es": "Neo4j terminó al arrancar (código {code}). Últimas líneas de {log}:\n{tail}",
            "en": "Neo4j exited while starting (exit code {code}). Last lines of {log}:\n{tail}",
        },
        "server.timeout": {
            "es": "Neo4j no aceptó conexiones Bolt en {seconds:.0f} s; se detuvo. Vea {log}.",
            "en": "Neo4j did not accept Bolt connections within {seconds:.0f} s; it was "
            "stopped. See {log}.",
        },
        "server.password_failed": {
            "es": "No se pudo fijar la contraseña inicial de Neo4j: {reason}",
            "en": "Could not set Neo4j's initial password: {reason}",
        },
        "server.already": {
            "es": "Neo4j ya estaba en marcha (pid {pid}).",
            "en": "Neo4j was already running (pid {pid}).",
        },
        "server.auth_rejected": {
            "es": "Esta instancia tiene contraseña y Neo4j rechazó la de NEO4J_USER/"
            "NEO4J_PASSWORD; la contraseña se fijó en el primer inicio.",
            "en": "This instance has a password and Neo4j rejected NEO4J_USER/"
            "NEO4J_PASSWORD; the password was set at the first start.",
        },
        "server.killed": {
            "es": "Neo4j no se detuvo en {seconds:.0f} s y se forzó su cierre; al reiniciar "
            "recuperará las transacciones confirmadas.",
            "en": "Neo4j did not stop within {seconds:.0f} s and was killed; on restart it "
            "recovers the committed transactions.",
        },
    }
)


@dataclass
class ServerStatus:
    running: bool
    pid: int | None
    uri: str
    data_dir: Path
    auth: bool


@dataclass
class LocalServer:
    """One local Neo4j instance: a port and the folder holding its data, logs and state.

    ``auth`` holds the credentials clients should use once :meth:`start` has run (``None``
    when the instance has no authentication).
    """

    port: int = DEFAULT_PORT
    data_dir: Path | None = None
    heap: str = DEFAULT_HEAP
    pagecache: str = DEFAULT_PAGECACHE
    #: Load the open-source Graph Data Science plugin (fetched with Maven like the server).
    gds: bool = False
    auth: tuple[str, str] | None = field(default=None, init=False)
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.home = Path(self.data_dir or Path(".tejido") / f"neo4j-{self.port}").absolute()
        #: The folders this instance may create, outermost first (``.tejido`` by default).
        self._private = [self.home] if self.data_dir else [self.home.parent, self.home]

    @property
    def uri(self) -> str:
        return f"bolt://{HOST}:{self.port}"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "neo4j.log"

    # -- state -----------------------------------------------------------------------------

    def _state_path(self) -> Path:
        return self.home / STATE_FILE

    def _state(self) -> dict[str, Any]:
        try:
            return json.loads(self._state_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _make_home(self) -> None:
        """Create the instance's folders (and ``.tejido``) private: 0700, also when an
        older tejido created them readable by everyone."""
        for folder in self._private:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                folder.chmod(0o700)

    def _write_state(self, state: dict[str, Any]) -> None:
        self._make_home()
        _write_private(self._state_path(), json.dumps(state, indent=2))

    def _update_state(self, **changes: Any) -> None:
        self._write_state({**self._state(), **changes})

    def pid(self) -> int | None:
        """The pid of this instance's JVM if it is alive, else ``None``."""
        pid = self._state().get("pid")
        if not isinstance(pid, int) or not _alive(pid):
            return None
        # A recycled pid belongs to some other program: only trust one running our server.
        cmdline = Path(f"/proc/{pid}/cmdline")
        if cmdline.exists():
            with contextlib.suppress(OSError):
                args = cmdline.read_bytes().split(b"\0")
                if MAIN_CLASS.encode() not in args or not any(
                    str(self.home).encode() in arg for arg in args
                ):
                    return None
        return pid

    def status(self) -> ServerStatus:
        pid = self.pid()
        return ServerStatus(pid is not None, pid, self.uri, self.home,
                            bool(self._state().get("auth_enabled")))

    # -- start -----------------------------------------------------------------------------

    def start(self, timeout: float = START_TIMEOUT, password: str | None = None,
              user: str = "neo4j", echo: Echo | None = None) -> None:
        """Start the server (fetching the jars if needed); return once it accepts Bolt.

        ``password`` (if given) becomes the password of ``user`` on the instance's first
        authenticated start; later starts keep authentication on and just use it.
        ``echo`` receives the progress lines (``None``: none); warnings go to it, else to
        stderr.
        """
        warn = echo or to_stderr
        if password is not None and len(password) < MIN_PASSWORD:
            raise ServerError(t("server.short_password", min=MIN_PASSWORD))
        state = self._state()
        password_set = bool(state.get("password_set"))
        auth_enabled = password_set or password is not None
        self.auth = (user, password) if auth_enabled and password is not None else None
        running = self.pid()
        if running is not None:
            if echo is not None:
                echo(t("server.already", pid=running))
            return
        if _port_busy(self.port):
            raise ServerError(t("server.port_busy", port=self.port))
        java = find_java()
        lib = fetch(echo=echo)
        plugins = fetch_gds(echo=echo) if self.gds else None
        if echo is not None:
            echo(t("server.starting", version=NEO4J_VERSION, port=self.port, data=self.home))
        self._write_config(auth_enabled, plugins)
        console = self.home / "logs" / "console.log"
        console.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _write_private(console, "", append=True)
        # Like Neo4j's own launcher, the plugins folder is also on the class path: GDS's
        # extension factory (found through ServiceLoader) must be visible to the kernel,
        # and its procedures are registered from the plugins folder.
        classpath = os.pathsep.join(str(folder / "*") for folder in (lib, plugins) if folder)
        command = [java, f"-Xmx{self.heap}", *JVM_FLAGS, "-cp", classpath, MAIN_CLASS,
                   f"--home-dir={self.home}", f"--config-dir={self.home / 'conf'}"]
        with console.open("ab") as out:
            # The password reaches the server over Bolt only (_set_initial_password), never
            # through the JVM's environment, which outlives this command.
            env = {k: v for k, v in os.environ.items() if k not in SECRET_VARIABLES}
            self._process = subprocess.Popen(
                command, cwd=self.home, stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, env=env, **_detached(),
            )
        self._update_state(pid=self._process.pid, port=self.port, version=NEO4J_VERSION,
                         auth_enabled=auth_enabled)
        probe = self.auth
        if auth_enabled and not password_set:
            probe = ("neo4j", FACTORY_PASSWORD)
        rejected = self._await_bolt(probe, timeout, warn)
        if auth_enabled and not password_set and password is not None:
            self._set_initial_password(user, password, warn)
        elif rejected:
            warn(t("server.auth_rejected"))

    def _write_config(self, auth_enabled: bool, plugins: Path | None = None) -> None:
        """neo4j.conf for this instance; rewritten on every start so options take effect.

        ``plugins``: the GDS jars' folder, if loaded, read in place from the cache.
        """
        settings = {
            "server.default_listen_address": HOST,
            "server.default_advertised_address": HOST,
            "server.bolt.enabled": "true",
            "server.bolt.listen_address": f"{HOST}:{self.port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "server.directories.data": self.home / "data",
            "server.directories.logs": self.home / "logs",
            "server.directories.run": self.home / "run",
            "server.directories.import": self.home / "import",
            "server.directories.plugins": plugins or self.home / "plugins",
            "server.memory.pagecache.size": self.pagecache,
            # A load is one transaction (graph/neo4j_write.py), held on the heap until it
            # commits. Past this share of the heap it fails with a client error tejido
            # explains (TransactionOutOfMemoryError), before the pool of all transactions
            # (70 % of the heap, whose overflow is a transient error the driver would
            # retry) or the heap itself runs out.
            "db.memory.transaction.max": _share(self.heap, TRANSACTION_SHARE),
            "dbms.security.auth_enabled": str(auth_enabled).lower(),
            "dbms.usage_report.enabled": "false",
            # Transaction log files are preallocated at full size: 256 MiB each by default,
            # twice per instance (system + neo4j), a lot for a laptop or a test's temp dir.
            "db.tx_log.rotation.size": "64M",
            # After a crash, recovery replays the log since the last checkpoint: checkpoint
            # every minute (default 15) so a restart after kill -9 takes seconds, not minutes.
            "db.checkpoint.interval.time": "1m",
            # Netty's graceful shutdown otherwise idles ~10 s after the databases stopped.
            "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
            "internal.dbms.bolt.netty_server_shutdown_timeout": "2s",
        }
        if plugins is not None:
            settings["dbms.security.procedures.unrestricted"] = "gds.*"
        self._make_home()
        conf = self.home / "conf" / "neo4j.conf"
        conf.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Neo4j reads backslashes in values as escapes; forward slashes work on every OS.
        lines = [f"{key}={str(value).replace(os.sep, '/')}" for key, value in settings.items()]
        _write_private(conf, "\n".join(lines) + "\n")

    def _await_bolt(self, auth: tuple[str, str] | None, timeout: float, warn: Echo) -> bool:
        """Poll until Bolt answers; True if it answered by rejecting the credentials."""
        # The driver loads only here, when a server starts: at the top of this module it
        # cost `tejido server … --help` 0.3 s and 25 MB (issue 14).
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, DriverError, Neo4jError

        deadline = time.monotonic() + timeout
        with GraphDatabase.driver(self.uri, auth=auth, connection_timeout=5.0) as driver:
            while True:
                code = self._process.poll() if self._process else None
                if code is not None:
                    raise ServerError(t("server.died", code=code, log=self.log_file,
                                        tail=self._log_tail()))
                try:
                    driver.verify_connectivity()
                    return False
                except AuthError:
                    return True  # the server is up; it only refused these credentials
                except (DriverError, Neo4jError, OSError):
                    pass
                if time.monotonic() > deadline:
                    self.stop(echo=warn)
                    raise ServerError(t("server.timeout", seconds=timeout, log=self.log_file))
                time.sleep(POLL_INTERVAL)

    def _set_initial_password(self, user: str, password: str, warn: Echo) -> None:
        """Replace the factory password (and create ``user`` if it is not ``neo4j``).

        Done over Bolt with parameters so the password never appears on a command line.
        """
        from neo4j import GraphDatabase
        from neo4j.exceptions import DriverError, Neo4jError

        try:
            with GraphDatabase.driver(self.uri, auth=("neo4j", FACTORY_PASSWORD)) as driver:
                driver.execute_query("ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                                     old=FACTORY_PASSWORD, new=password, database_="system")
            if user != "neo4j":
                with GraphDatabase.driver(self.uri, auth=("neo4j", password)) as driver:
                    driver.execute_query(
                        "CREATE USER $user IF NOT EXISTS SET PASSWORD $password "
                        "CHANGE NOT REQUIRED", user=user, password=password,
                        database_="system",
                    )
        except (DriverError, Neo4jError) as exc:
            self.stop(echo=warn)
            raise ServerError(t("server.password_failed", reason=exc)) from exc
        self._update_state(password_set=True)

    def _log_tail(self, lines: int = 20) -> str:
        parts = []
        for path in (self.home / "logs" / "console.log", self.log_file):
            with contextlib.suppress(OSError):
                parts.extend(path.read_text(encoding="utf-8", errors="replace").splitlines())
        return "\n".join(parts[-lines:])

    # -- stop ------------------------------------------------------------------------------

    def stop(self, timeout: float = STOP_TIMEOUT, echo: Echo | None = None) -> bool:
        """Stop cleanly (SIGTERM: Neo4j checkpoints and exits); kill after ``timeout``.

        Returns False if it was not running. On Windows, where a detached JVM cannot be sent
        a console signal, this terminates it; Neo4j then recovers its committed
        transactions from the transaction log on the next start. A forced stop is reported
        to ``echo``, else on stderr.
        """
        pid = self.pid()
        if pid is None:
            self._forget()
            return False
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        if not self._wait_gone(pid, timeout):
            (echo or to_stderr)(t("server.killed", seconds=timeout))
            self.kill()
        self._forget()
        return True

    def kill(self) -> None:
        """Kill the JVM outright, as a power cut would (used to test recovery)."""
        pid = self.pid()
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
        self._wait_gone(pid, STOP_TIMEOUT)
        self._forget()

    def _wait_gone(self, pid: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while _alive(pid):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)
        return True

    def _forget(self) -> None:
        if self._process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=1)
            self._process = None
        state = self._state()
        if state.pop("pid", None) is not None:
            self._write_state(state)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs; reaps it first if it is our own exited child (a zombie)."""
    if sys.platform == "win32":
        return _alive_windows(pid)
    with contextlib.suppress(ChildProcessError, OSError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _alive_windows(pid: int) -> bool:
    # os.kill(pid, 0) would terminate the process on Windows; ask for its exit code instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    code = ctypes.c_ulong()
    try:
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259
    finally:  # 259 is STILL_ACTIVE
        kernel32.CloseHandle(handle)


def _write_private(path: Path, text: str, append: bool = False) -> None:
    """Write ``text`` to ``path``, readable and writable by its owner alone (0600)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)  # a file an older tejido created readable by everyone
        handle.write(text)


def _share(size: str, share: float) -> str:
    """``share`` of a JVM size such as ``1g`` or ``1536m``, in Neo4j's MiB form."""
    units = {"k": 1 / 1024, "m": 1, "g": 1024, "t": 1024 * 1024}
    text = size.strip().lower().rstrip("b")
    mib = float(text[:-1]) * units[text[-1]] if text[-1] in units else int(text) / 2**20
    return f"{max(1, int(mib * share))}m"


def _port_busy(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((HOST, port)) == 0


def _detached() -> dict[str, Any]:
    """Popen options so the server outlives the `tejido server start` that launched it."""
    if sys.platform == "win32":
        flags = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.DETACHED_PROCESS
        return {"creationflags": flags}
    return {"start_new_session": True, "umask": PRIVATE_UMASK}

