"""A planner's saved query is refused unless it is a plain read (issue 11, item 5).

``TERMINATE TRANSACTIONS`` ran inside a read transaction and stopped another user's work;
``SHOW TRANSACTIONS`` showed other users' query text; ``LOAD CSV`` reads files and URLs on
the server; ``CALL db.clearQueryCaches()`` empties every user's query cache. Each is refused
before anything runs, on a real Neo4j, while another user's transaction stays alive. And a
query someone else terminates is reported as terminated, not as a timeout.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tejido.cli.main import main
from tejido.graph.read_check import (
    allowed_procedure,
    blank_literals,
    not_a_plain_read,
    refused_procedures,
)

HEADER = "// ---\n// name: {name}\n// title: t\n// columns: [{columns}]\n// ---\n{cypher}\n"


@pytest.mark.parametrize(("text", "word"), [
    ("TERMINATE TRANSACTIONS $ids", "TERMINATE"),
    ("  show transactions YIELD transactionId AS id RETURN id", "show"),
    ("// a comment\nCREATE USER x SET PASSWORD 'y'", "CREATE"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "LOAD"),
    ("WITH 1 AS x LOAD CSV FROM 'http://example.invalid/' AS l RETURN l", "LOAD CSV"),
    ("USE system SHOW USERS", "USE"),
])
def test_text_that_is_not_a_plain_read(text: str, word: str) -> None:
    assert not_a_plain_read(text) == word


@pytest.mark.parametrize("text", [
    "MATCH (n:Actor) RETURN n.name AS show",
    "MATCH (n) WHERE n.name = 'LOAD CSV y SHOW' RETURN n.id AS id  // terminate later",
    "/* SHOW TRANSACTIONS */ OPTIONAL MATCH (a)-[:LEADS]->(b) RETURN count(*) AS n",
    "CALL db.labels() YIELD label RETURN label",
])
def test_plain_reads_pass_the_text_check(text: str) -> None:
    assert not_a_plain_read(text) is None


def test_blanking_keeps_positions() -> None:
    text = "MATCH (n {name: 'SHOW'}) // x\nRETURN n"
    assert len(blank_literals(text)) <= len(text) and "SHOW" not in blank_literals(text)


def _run(folder: Path, name: str, uri: str) -> Any:
    return CliRunner().invoke(main, ["query", "run", name, "--queries", str(folder),
                                     "--store", uri])


def test_administration_commands_are_refused_and_do_not_run(
        neo4j_store: Any, neo4j_uri: str, tmp_path: Path) -> None:
    queries = {
        "parar": ("TERMINATE TRANSACTIONS $ids", "transactionId, message"),
        "espiar": ("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery", "currentQuery"),
        "leer_archivo": ("LOAD CSV FROM 'file:///etc/hostname' AS l RETURN l", "l"),
        "procedimiento": ("CALL db.createLabel('Intrusa')", "x"),
        "vaciar_caches": ("CALL db.clearQueryCaches()", "value"),
        "vaciar_dentro": ("MATCH (a:Actor) WITH count(a) AS n "
                          "CALL db.clearQueryCaches() YIELD value RETURN value", "value"),
    }
    for name, (cypher, columns) in queries.items():
        text = HEADER.format(name=name, columns=columns, cypher=cypher)
        if name == "parar":
            text = text.replace("// columns", "// parameters:\n//   - {name: ids, "
                                "type: \"list[string]\", default: []}\n// columns")
        (tmp_path / f"{name}.cypher").write_text(text, encoding="utf-8")
    # Another user's open transaction, which TERMINATE TRANSACTIONS used to kill.
    with neo4j_store.driver.session(database=neo4j_store.database) as session:
        other = session.begin_transaction()
        other.run("MATCH (n) RETURN count(n) AS n").consume()
        for name in queries:
            result = _run(tmp_path, name, neo4j_uri)
            assert result.exit_code == 2, (name, result.output)
            assert "no es una lectura simple" in result.output, name
            assert "No se cambió nada" in result.output
        assert other.run("RETURN 1 AS one").single()["one"] == 1  # still alive
        other.rollback()
        for name in ("vaciar_caches", "vaciar_dentro"):
            refused = _run(tmp_path, name, neo4j_uri)
            assert "llama a «db.clearQueryCaches», fuera de la lista de procedimientos" \
                in refused.output, refused.output
    labels = neo4j_store.execute("CALL db.labels() YIELD label RETURN collect(label) AS l")
    assert "Intrusa" not in labels[0]["l"]


def _plan(*names: str) -> dict[str, Any]:
    """An EXPLAIN plan as the driver hands it: ProduceResults over a chain of calls."""
    plan: dict[str, Any] = {"operatorType": "Argument@neo4j", "args": {}, "children": []}
    for name in names:
        plan = {"operatorType": "ProcedureCall@neo4j",
                "args": {"Details": f"{name}() :: (value :: STRING)"}, "children": [plan]}
    return {"operatorType": "ProduceResults@neo4j", "args": {"Details": "value"},
            "children": [plan]}


def test_the_procedure_allow_list() -> None:
    assert refused_procedures(_plan("db.labels", "db.propertyKeys")) == []
    assert refused_procedures(_plan("db.clearQueryCaches", "db.labels",
                                     "dbms.killQuery")) == ["dbms.killQuery",
                                                            "db.clearQueryCaches"]
    assert refused_procedures(None) == []
    assert allowed_procedure("gds.pageRank.stream")
    assert allowed_procedure("gds.alpha.closeness.stream")
    for name in ("gds.pageRank.write", "gds.pageRank.mutate", "gds.graph.project",
                 "gds.graph.drop", "db.createLabel", "dbms.components", "apoc.load.json",
                 "gds.pageRank.stream.estimate", "db.labelsX"):
        assert not allowed_procedure(name), name


def test_an_allowed_procedure_runs(neo4j_store: Any, neo4j_uri: str, tmp_path: Path) -> None:
    neo4j_store.execute("CREATE (:Actor {id: 'actor:x', name: 'X'})")
    (tmp_path / "etiquetas.cypher").write_text(HEADER.format(
        name="etiquetas", columns="label",
        cypher="CALL db.labels() YIELD label RETURN label ORDER BY label"), encoding="utf-8")
    result = _run(tmp_path, "etiquetas", neo4j_uri)
    assert result.exit_code == 0, result.output
    assert "Actor" in result.output


SLOW = "UNWIND range(1, 4000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x) AS n"


def test_a_query_another_session_terminates_is_reported_as_terminated(
        neo4j_store: Any, neo4j_uri: str, tmp_path: Path) -> None:
    (tmp_path / "lenta.cypher").write_text(HEADER.format(name="lenta", columns="n", cypher=SLOW),
                                           encoding="utf-8")
    slow = subprocess.Popen(
        [sys.executable, "-c", "from tejido.cli.main import main; main()", "query", "run",
         "lenta", "--queries", str(tmp_path), "--store", neo4j_uri],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        found: list[str] = []
        deadline = time.monotonic() + 90
        while not found and time.monotonic() < deadline and slow.poll() is None:
            time.sleep(0.5)
            found = [row["id"] for row in neo4j_store.execute(
                "SHOW TRANSACTIONS YIELD transactionId AS id, currentQuery "
                "WHERE currentQuery STARTS WITH $slow RETURN id", slow=SLOW)]
        assert found, "the slow query never showed up"
        neo4j_store.execute("TERMINATE TRANSACTIONS $ids", ids=found)
        out, err = slow.communicate(timeout=60)
    finally:
        if slow.poll() is None:
            slow.kill()
    assert slow.returncode == 3, (out, err)
    assert "La consulta «lenta» fue terminada en el servidor por otra sesión" in err
    assert "tiempo límite de" not in err and "Traceback" not in err


def test_a_plain_read_of_ones_own_still_runs(neo4j_store: Any, neo4j_uri: str,
                                             tmp_path: Path) -> None:
    (tmp_path / "contar.cypher").write_text(HEADER.format(
        name="contar", columns="n", cypher="MATCH (a:Actor) RETURN count(a) AS n"),
        encoding="utf-8")
    result = _run(tmp_path, "contar", neo4j_uri)
    assert result.exit_code == 0, result.output
