"""The jars the local Neo4j runs from: pinned versions, their cache, Java, and Maven's fetch.

The community server is run from its Maven Central artifacts, not from a downloaded
distribution: ``tejido server fetch`` (or the first start) asks Maven once to copy
``org.neo4j:neo4j`` and its dependencies (``neo4j_server/pom.xml``), and optionally the
open-source Graph Data Science plugin (``neo4j_server/gds/pom.xml``), into a cache. Every
start then runs from those jars on Java 17+ without calling Maven again
(:mod:`tejido.graph.local_server`).

The poms are the single source of the versions: :data:`NEO4J_VERSION` is read from them, and
docker-compose.yml pins the same image (:data:`NEO4J_IMAGE`; a test checks they agree).

Nothing here prints: progress lines go to an ``echo`` callback the caller passes (the command
line writes them to stderr).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from .errors import InputError
from .i18n import register, t

POM = Path(__file__).with_name("neo4j_server") / "pom.xml"
GDS_POM = Path(__file__).with_name("neo4j_server") / "gds" / "pom.xml"
MIN_JAVA = 17

#: Receives one line of text for the person at the terminal (progress or a warning).
Echo = Callable[[str], None]

register(
    {
        "server.no_java": {
            "es": "No se encontró Java {min}+ (ni en JAVA_HOME ni en el PATH). Instale un JDK "
            "{min} o posterior, o use `docker compose up -d`.",
            "en": "Java {min}+ was not found (neither in JAVA_HOME nor on PATH). Install a "
            "JDK {min} or later, or use `docker compose up -d`.",
        },
        "server.old_java": {
            "es": "{java} es Java {found}; Neo4j {version} necesita Java {min} o posterior.",
            "en": "{java} is Java {found}; Neo4j {version} needs Java {min} or later.",
        },
        "server.no_maven": {
            "es": "No se encontró Maven (`mvn`) en el PATH; hace falta una sola vez para "
            "descargar {version} de Maven Central. Instálelo o use `docker compose up -d`.",
            "en": "Maven (`mvn`) was not found on PATH; it is needed once to download "
            "{version} from Maven Central. Install it or use `docker compose up -d`.",
        },
        "server.fetching": {
            "es": "Descargando {version} de Maven Central en {lib} (solo la primera vez)…",
            "en": "Downloading {version} from Maven Central into {lib} (first time only)…",
        },
        "server.fetch_failed": {
            "es": "Maven no pudo descargar {version} (código {code}):\n{output}",
            "en": "Maven could not download {version} (exit code {code}):\n{output}",
        },
        "server.fetched": {
            "es": "{version} listo en {lib}",
            "en": "{version} ready in {lib}",
        },
    }
)


class ServerError(InputError):
    """The local server cannot be fetched, started or stopped; the message says why.

    An :class:`InputError` (exit code 2 on the command line): what it reports is this
    machine's setup (no Java 17+, no Maven, a busy port, a short password, a server that
    would not start), which the user fixes, not a fault of a store already in use.
    """


def to_stderr(line: str) -> None:
    """The default :data:`Echo` for warnings nobody asked to route: one line on stderr."""
    print(line, file=sys.stderr, flush=True)


def pom_property(pom: Path, name: str) -> str:
    """A pinned version: a property of one of the shipped poms."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    node = ET.parse(pom).getroot().find(f"m:properties/m:{name}", ns)
    if node is None or not node.text:
        raise RuntimeError(f"{pom} has no {name} property")
    return node.text.strip()


def neo4j_version() -> str:
    return pom_property(POM, "neo4j.version")


NEO4J_VERSION = neo4j_version()
GDS_VERSION = pom_property(GDS_POM, "gds.version")
#: The Docker image of the same version (docker-compose.yml and the test fixture use it).
NEO4J_IMAGE = f"neo4j:{NEO4J_VERSION}-community"


def cache_dir() -> Path:
    """``$TEJIDO_CACHE``, else ``$XDG_CACHE_HOME/tejido``, else ``~/.cache/tejido``."""
    if os.environ.get("TEJIDO_CACHE"):
        return Path(os.environ["TEJIDO_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tejido"


def lib_dir() -> Path:
    return cache_dir() / f"neo4j-{NEO4J_VERSION}" / "lib"


def gds_dir() -> Path:
    return cache_dir() / f"gds-{GDS_VERSION}" / "plugins"


def find_java() -> str:
    """The ``java`` to run (``$JAVA_HOME`` first, as the official scripts do), checked for 17+."""
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    candidates.append(shutil.which("java") or "")
    java = next((c for c in candidates if c and shutil.which(c)), None)
    if java is None:
        raise ServerError(t("server.no_java", min=MIN_JAVA))
    try:
        probe = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ServerError(t("server.no_java", min=MIN_JAVA)) from exc
    major = java_major(probe.stderr + probe.stdout)
    if major is None or major < MIN_JAVA:
        raise ServerError(
            t("server.old_java", java=java, found=major or "?", min=MIN_JAVA,
              version=NEO4J_VERSION)
        )
    return java


def java_major(version_output: str) -> int | None:
    """Major version from ``java -version``: '"17.0.15"' -> 17, legacy '"1.8.0_402"' -> 8."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', version_output)
    if match is None:
        return None
    first = int(match.group(1))
    return int(match.group(2) or 0) if first == 1 else first


def fetch(echo: Echo | None = None) -> Path:
    """Copy the Neo4j jars into the cache with Maven, unless they are already there.

    ``echo`` receives the progress lines (a download takes minutes); ``None`` is silent.
    """
    return _maven_copy(POM, lib_dir(), f"Neo4j {NEO4J_VERSION}", echo)


def fetch_gds(echo: Echo | None = None) -> Path:
    """Copy the Graph Data Science plugin's jars into the cache, unless already there."""
    # Libraries Neo4j already has (jackson, caffeine, …) must come from Neo4j's own class
    # path: a second copy in the plugin folder breaks procedure registration.
    # GDS's own modules (named '*-<gds version>.jar') are kept even where a name matches one
    # of Neo4j's (annotations, neo4j-values).
    provided = {_artifact(jar.name) for jar in fetch(echo=echo).glob("*.jar")}

    def skip(jar_name: str) -> bool:
        return _artifact(jar_name) in provided and not jar_name.endswith(f"-{GDS_VERSION}.jar")

    return _maven_copy(GDS_POM, gds_dir(), f"Graph Data Science {GDS_VERSION}", echo, skip)


def _artifact(jar_name: str) -> str:
    """'jackson-core-2.18.6.jar' -> 'jackson-core'."""
    return re.sub(r"-\d[^-]*(-[A-Za-z][\w.]*)?\.jar$", "", jar_name)


def _maven_copy(pom_file: Path, lib: Path, what: str, echo: Echo | None,
                skip: Callable[[str], bool] | None = None) -> Path:
    """Copy a pom's runtime dependencies into ``lib`` with Maven, once.

    Maven writes into a scratch folder that is renamed into place only when complete, so an
    interrupted download never looks like a finished one.
    """
    if lib.is_dir():
        return lib
    find_java()
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError(t("server.no_maven", version=what))
    if echo is not None:
        echo(t("server.fetching", version=what, lib=lib))
    lib.parent.mkdir(parents=True, exist_ok=True)
    # A scratch folder of its own, so two fetches at once (parallel test workers) cannot mix.
    partial = Path(tempfile.mkdtemp(prefix="lib.partial-", dir=lib.parent))
    pom = partial / "pom.xml"
    shutil.copyfile(pom_file, pom)
    command = [mvn, "-B", "-q", "-f", str(pom), "dependency:copy-dependencies",
               f"-DoutputDirectory={partial / 'lib'}", "-DincludeScope=runtime"]
    try:
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            output = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
            raise ServerError(t("server.fetch_failed", version=what,
                                code=done.returncode, output=output))
        for jar in (partial / "lib").glob("*.jar"):
            if skip is not None and skip(jar.name):
                jar.unlink()
        with contextlib.suppress(OSError):  # another fetch finished first: keep its copy
            (partial / "lib").rename(lib)
    except OSError as exc:
        raise ServerError(t("server.no_maven", version=what)) from exc
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    if echo is not None:
        echo(t("server.fetched", version=what, lib=lib))
    return lib
