"""Gephi's own importers for the tests: fetch the toolkit once, run GephiImport.java on files.

The Gephi toolkit (``org.gephi:gephi-toolkit``, classifier ``all``: one jar with Gephi's
importers, graph store and the NetBeans platform bits they need) comes from Maven Central
through this folder's pom.xml, copied by ``mvn dependency:copy-dependencies`` into the tejido
cache next to the Neo4j jars (``~/.cache/tejido/gephi-toolkit-<version>/lib``, or under
``$TEJIDO_CACHE``), the same way and with the same helper as graph/neo4j_jars.py. Nothing in
the repository holds the jar, so git needs no ignore line for it.

Run as a script (tests/run.sh does) to fetch ahead of the tests::

    .venv/bin/python tests/gephi/toolkit.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tejido.graph.neo4j_jars import _maven_copy, cache_dir, find_java, pom_property, to_stderr

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
HARNESS = HERE / "GephiImport.java"
#: The official GEXF 1.2draft schema (see gexf-1.2draft/README.md for where it comes from).
GEXF_12_SCHEMA = HERE / "gexf-1.2draft" / "gexf.xsd"
GEPHI_VERSION = pom_property(POM, "gephi.version")
#: One JVM for all files; cold it takes a few seconds (compiling the harness in memory).
TIMEOUT_SECONDS = 600


def lib_dir() -> Path:
    return cache_dir() / f"gephi-toolkit-{GEPHI_VERSION}" / "lib"


def fetch(echo: Any = to_stderr) -> Path:
    """The folder holding the toolkit jar, fetched with Maven the first time."""
    return _maven_copy(POM, lib_dir(), f"Gephi toolkit {GEPHI_VERSION}", echo)


def gephi_import(files: list[Path],
                 validate: tuple[tuple[Path, Path], ...] = ()) -> dict[str, Any]:
    """What Gephi keeps of each file (see GephiImport.java for the shape), and the schema
    errors of each (schema, file) pair in ``validate``, from one JVM start."""
    lib = fetch()
    with tempfile.TemporaryDirectory(prefix="gephi-") as scratch:
        out = Path(scratch) / "result.json"
        command = [find_java(), "-Djava.awt.headless=true", "-cp", f"{lib}/*", str(HARNESS),
                   "--out", str(out)]
        for schema, file in validate:
            command += ["--validate", str(schema), str(file)]
        command += [str(f) for f in files]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"GephiImport failed ({done.returncode}):\n{done.stderr[-4000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    print(fetch(), file=sys.stderr)
