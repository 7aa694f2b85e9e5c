"""The query catalog: every built-in parses and runs on Neo4j; bad query files are refused
with messages naming the file; parameters are checked against their declared types."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers_portfolio import portfolios, reset
from hypothesis import HealthCheck, given, settings

from tejido.graph.errors import InputError
from tejido.graph.i18n import set_lang
from tejido.graph.model import GraphBatch
from tejido.queries.catalog import BUILTIN_FOLDERS, builtin_specs, load_catalog, parse_query
from tejido.queries.runner import run_query

HEADER = """// ---
// name: {name}
// title: {{es: "Título", en: "Title"}}
// parameters:
//   - {{name: n, type: int, default: 2}}
// columns: [id]
// ---
MATCH (x:Actor) RETURN x.id AS id LIMIT $n
"""


def _problems(text: str, builtin: bool = False) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_query(text, "q.cypher", builtin=builtin)
    return [str(p) for p in caught.value.problems]


def test_every_builtin_is_valid() -> None:
    specs = builtin_specs()
    names = [spec.name for spec in specs]
    assert len(names) == len(set(names))
    for spec in specs:
        assert spec.builtin and spec.columns and spec.title.es and spec.title.en
        assert callable(spec.twin_function())
        # file name = query name; a gap kind's queries live beside it in gaps/, the rest
        # (the network queries) in builtin/.
        folder = "gaps" if spec.name.startswith("gap_") else "builtin"
        assert folder in BUILTIN_FOLDERS
        assert spec.path == f"{folder}/{spec.name}.cypher", "file name = query name"


@settings(max_examples=5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=portfolios())
def test_every_builtin_runs_on_neo4j(neo4j_store: Any, batch: GraphBatch) -> None:
    reset(neo4j_store, batch)
    for spec in builtin_specs():
        rows = run_query(spec, neo4j_store)  # raises if the columns differ from the header
        assert all(list(row) == spec.columns for row in rows)


def test_a_valid_user_query(tmp_path: Path) -> None:
    (tmp_path / "mine.cypher").write_text(HEADER.format(name="mis_actores"), encoding="utf-8")
    spec = load_catalog(tmp_path).get("mis_actores")
    assert not spec.builtin and spec.twin is None
    assert spec.cypher.startswith("MATCH (x:Actor)")
    assert spec.parameters[0].default == 2
    set_lang("en")
    try:
        assert str(spec.title) == "Title"
    finally:
        set_lang("es")
    assert str(spec.title) == "Título"


def test_the_environment_names_the_user_folder(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.cypher").write_text(HEADER.format(name="desde_entorno"), encoding="utf-8")
    monkeypatch.setenv("TEJIDO_QUERIES", str(tmp_path))
    assert "desde_entorno" in load_catalog().queries
    monkeypatch.delenv("TEJIDO_QUERIES")
    assert "desde_entorno" not in load_catalog().queries


def test_a_plain_string_title_serves_both_languages() -> None:
    spec = parse_query("// ---\n// name: x\n// title: Mi consulta\n// columns: [n]\n// ---\n"
                       "RETURN 1 AS n", "x.cypher")
    assert spec.title.es == spec.title.en == "Mi consulta"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MATCH (n) RETURN n", "falta la cabecera"),
        ("// ---\n// name: x\nMATCH (n) RETURN n", "q.cypher:3:"),
        ("// ---\n// name: x\n// columns: [n]\n", "no se cierra"),
        ("// ---\n// name: [x\n// ---\nRETURN 1", "no es YAML"),
        ("// ---\n// name: x\n// title: t\n// columns: [n]\n// ---\n", "no hay Cypher"),
        ("// ---\n// name: Mi-Consulta\n// title: t\n// columns: [n]\n// ---\nRETURN 1 AS n",
         "«name»"),
        ("// ---\n// name: x\n// title: t\n// columns: []\n// ---\nRETURN 1 AS n", "«columns»"),
        ("// ---\n// name: x\n// title: t\n// columns: [n, n]\n// ---\nRETURN 1 AS n",
         "«columns»"),
        ("// ---\n// name: x\n// title: t\n// columns: [n]\n// parameters:\n"
         "//   - {name: k, type: integer}\n// ---\nRETURN 1 AS n", "«parameters.0.type»"),
        ("// ---\n// name: x\n// title: t\n// columns: [n]\n// parameters:\n"
         "//   - {name: k, type: int, default: tres}\n// ---\nRETURN 1 AS n", "«parameters.0»"),
        ("// ---\n// name: x\n// title: t\n// columns: [n]\n// colour: red\n// ---\nRETURN 1 AS n",
         "«colour»"),
        ("// ---\n// name: x\n// title: t\n// columns: [n]\n// twin: no es un twin\n// ---\n"
         "RETURN 1 AS n", "«twin»"),
    ],
)
def test_bad_query_files_are_refused_naming_the_file(text: str, expected: str) -> None:
    problems = _problems(text)
    assert any(p.startswith("q.cypher") and expected in p for p in problems), problems


def test_a_builtin_needs_an_importable_twin_that_takes_its_parameters() -> None:
    base = "// ---\n// name: x\n// title: t\n// columns: [id]\n{extra}// ---\nRETURN 1 AS id"
    assert "necesita `twin" in _problems(base.format(extra=""), builtin=True)[0]
    broken = "// twin: tejido.queries.no_such_module:f\n"
    assert "no se puede importar" in _problems(base.format(extra=broken), builtin=True)[0]
    narrow = ("// twin: tejido.queries.network:actors_rows\n"
              "// parameters: [{name: eje, type: string}]\n")
    assert "no acepta los parámetros eje" in _problems(base.format(extra=narrow), builtin=True)[0]
    # The first argument of a twin is the snapshot's NetworkIndex: a function taking no
    # positional argument cannot be one.
    no_index = "// twin: tejido.graph.i18n:get_lang\n"
    assert "debe recibir el índice" in _problems(base.format(extra=no_index), builtin=True)[0]


def test_a_user_query_may_not_take_a_builtin_name(tmp_path: Path) -> None:
    (tmp_path / "degree.cypher").write_text(HEADER.format(name="degree"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalog(tmp_path)
    message = str(caught.value)
    assert "degree" in message and "builtin/degree.cypher" in message
    assert str(tmp_path / "degree.cypher") in message


def test_every_bad_file_of_a_folder_is_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.cypher").write_text("RETURN 1", encoding="utf-8")
    (tmp_path / "b.cypher").write_text("// ---\n// name: b\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalog(tmp_path)
    assert len(caught.value.problems) == 2


def test_a_missing_user_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no existe"):
        load_catalog(tmp_path / "nope")


def test_parameters_are_coerced_to_their_declared_types() -> None:
    spec = parse_query(
        "// ---\n// name: x\n// title: t\n// columns: [n]\n// parameters:\n"
        "//   - {name: n, type: int, default: 1}\n//   - {name: f, type: float}\n"
        "//   - {name: b, type: bool, default: false}\n//   - {name: l, type: \"list[string]\"}\n"
        "//   - {name: s, type: string, required: true}\n// ---\nRETURN 1 AS n",
        "x.cypher",
    )
    assert spec.bind({"s": "Nono", "n": "3", "f": "0.5", "b": "sí", "l": "Nono, Lloa"}) == {
        "n": 3, "f": 0.5, "b": True, "l": ["Nono", "Lloa"], "s": "Nono"}
    assert spec.bind({"s": "x"}) == {"n": 1, "f": None, "b": False, "l": None, "s": "x"}
    with pytest.raises(InputError) as caught:
        spec.bind({"n": "tres", "b": "quizás", "zzz": "1"})
    message = str(caught.value)
    assert "«tres» no es de tipo int" in message
    assert "«quizás» no es de tipo bool" in message
    assert "no tiene el parámetro «zzz»" in message
    assert "necesita el parámetro «s»" in message
