"""``tejido query`` and ``tejido centrality`` as a planner runs them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from helpers_portfolio import hand_portfolio

from tejido.cli.main import main
from tejido.graph.embedded import EmbeddedStore
from tejido.graph.errors import InputError
from tejido.graph.i18n import set_lang
from tejido.graph.model import Actor, GraphBatch
from tejido.loaders.base import read_paths
from tejido.loaders.bundled import bundled_data_dir
from tejido.queries.catalog import parse_query

WRITE_QUERY = """// ---
// name: borrar_todo
// title: "Borra todos los actores"
// columns: [n]
// ---
MATCH (a:Actor) DETACH DELETE a
CREATE (x:Actor {id: 'actor:intruso', name: 'Intruso'})
RETURN count(x) AS n
"""
SLOW_QUERY = """// ---
// name: lenta
// title: "Muy lenta"
// columns: [n]
// ---
UNWIND range(1, 4000000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n
"""
TYPED_QUERY = """// ---
// name: primeros
// title: {es: "Primeros actores", en: "First actors"}
// parameters:
//   - {name: n, type: int, default: 2}
// columns: [id]
// ---
MATCH (a:Actor) RETURN a.id AS id ORDER BY id LIMIT $n
"""


@pytest.fixture(autouse=True)
def spanish() -> None:
    """--lang sets the process-wide language; each test starts from the default."""
    set_lang("es")


def tejido(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    path = tmp_path / "graph.json"
    EmbeddedStore(path).write(hand_portfolio())
    return str(path)


@pytest.fixture
def user_queries(tmp_path: Path) -> Path:
    folder = tmp_path / "consultas"
    folder.mkdir()
    for name, text in (("borrar", WRITE_QUERY), ("lenta", SLOW_QUERY), ("primeros", TYPED_QUERY)):
        (folder / f"{name}.cypher").write_text(text, encoding="utf-8")
    return folder


def test_list_shows_builtins_and_own_queries(user_queries: Path) -> None:
    result = tejido("query", "list", "--queries", str(user_queries))
    assert result.exit_code == 0
    assert "Grado de cada actor" in result.output and "incorporada" in result.output
    assert "primeros" in result.output and "n:int=2" in result.output
    english = tejido("query", "list", "--lang", "en")
    assert "Degree of each actor" in english.output and "built-in" in english.output


def test_show_prints_metadata_and_cypher() -> None:
    result = tejido("query", "show", "degree")
    assert result.exit_code == 0
    assert "Columnas: id, nombre, grado, grado_ponderado" in result.output
    assert "tejido.queries.centrality:degree_rows" in result.output
    assert "MATCH (x:Actor)" in result.output


def test_run_on_the_embedded_store_uses_the_twin(store_path: str) -> None:
    result = tejido("query", "run", "degree", "--store", store_path, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["nombre"]: (row["grado"], row["grado_ponderado"])
            for row in json.loads(result.output)}
    # Worked out by hand for hand_portfolio in test_centrality.py.
    assert rows == {"A": (2, 3), "B": (2, 3), "C": (3, 3), "D": (2, 3), "E": (1, 2)}


def test_unknown_or_ill_typed_parameters_exit_2(store_path: str, user_queries: Path) -> None:
    unknown = tejido("query", "run", "degree", "--param", "eje=x", "--store", store_path)
    assert unknown.exit_code == 2 and "no tiene el parámetro «eje»" in unknown.output
    bad = tejido("query", "run", "primeros", "--param", "n=muchos", "--queries",
                 str(user_queries), "--store", store_path)
    assert bad.exit_code == 2 and "«muchos» no es de tipo int" in bad.output
    syntax = tejido("query", "run", "degree", "--param", "sin-igual", "--store", store_path)
    assert syntax.exit_code == 2 and "NOMBRE=VALOR" in syntax.output
    missing = tejido("query", "run", "no_existe", "--store", store_path)
    assert missing.exit_code == 2 and "No existe la consulta «no_existe»" in missing.output
    assert "Traceback" not in unknown.output + bad.output + syntax.output + missing.output


def test_own_cypher_on_the_embedded_store_asks_for_neo4j(store_path: str,
                                                        user_queries: Path) -> None:
    result = tejido("query", "run", "primeros", "--queries", str(user_queries),
                    "--store", store_path)
    assert result.exit_code == 2
    assert "tejido server start" in result.output and "solo corre en Neo4j" in result.output


def test_csv_neutralizes_formula_cells(tmp_path: Path) -> None:
    batch = GraphBatch()
    names = ["=HYPERLINK(\"http://x\")", "+Comité", "-Junta", "@Red", "Secretaría"]
    for name in names:
        batch.add_node(Actor(id=Actor.key(name), name=name))
    path = tmp_path / "g.json"
    EmbeddedStore(path).write(batch)
    result = tejido("query", "run", "actors", "--store", str(path), "--format", "csv")
    cells = {row["nombre"] for row in csv.DictReader(io.StringIO(result.output))}
    assert cells == {"'=HYPERLINK(\"http://x\")", "'+Comité", "'-Junta", "'@Red", "Secretaría"}


def _counts(store: Any) -> dict[str, int]:
    return store.counts()


def test_a_writing_query_is_refused_and_changes_nothing(neo4j_store: Any, neo4j_uri: str,
                                                        user_queries: Path) -> None:
    neo4j_store.write(hand_portfolio())
    before = _counts(neo4j_store)
    result = tejido("query", "run", "borrar_todo", "--queries", str(user_queries),
                    "--store", neo4j_uri)
    assert result.exit_code == 2
    assert "solo pueden leer" in result.output and "No se cambió nada" in result.output
    assert _counts(neo4j_store) == before
    assert before["Actor"] == 5


def test_a_slow_query_stops_at_the_timeout(neo4j_store: Any, neo4j_uri: str,
                                           user_queries: Path) -> None:
    result = tejido("query", "run", "lenta", "--timeout", "1", "--queries", str(user_queries),
                    "--store", neo4j_uri)
    assert result.exit_code == 2
    assert "tiempo límite de 1 s" in result.output


def test_own_query_runs_on_neo4j_with_a_typed_parameter(neo4j_store: Any, neo4j_uri: str,
                                                        user_queries: Path) -> None:
    neo4j_store.write(hand_portfolio())
    result = tejido("query", "run", "primeros", "--param", "n=3", "--format", "json",
                    "--queries", str(user_queries), "--store", neo4j_uri)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"id": "actor:a"}, {"id": "actor:b"}, {"id": "actor:c"}]


CONTRACT_COLUMNS = ["id", "nombre", "tipo", "nivel", "interno", "predecesores"]


def test_centrality_csv_top_and_stable_headers(store_path: str, tmp_path: Path) -> None:
    result = tejido("centrality", "--measure", "intermediacion", "--measure", "grado",
                    "--top", "2", "--format", "csv", "--store", store_path)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [*CONTRACT_COLUMNS, "intermediacion", "grado"]
    assert [r["nombre"] for r in rows] == ["C", "D"]  # betweenness 4/6 and 3/6
    out = tmp_path / "centralidad.csv"
    english = tejido("centrality", "--measure", "grado", "--format", "csv", "--out", str(out),
                     "--lang", "en", "--store", store_path)
    assert english.exit_code == 0 and str(out) in english.output
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    # Machine outputs keep the contract's names whatever the language.
    assert header == "id,nombre,tipo,nivel,interno,predecesores,grado"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_centrality_machine_outputs_do_not_change_with_the_language(store_path: str,
                                                                     fmt: str) -> None:
    spanish = tejido("centrality", "--format", fmt, "--store", store_path).stdout
    english = tejido("centrality", "--format", fmt, "--lang", "en", "--store", store_path).stdout
    if fmt == "csv":
        assert spanish.splitlines()[0] == english.splitlines()[0]
        assert spanish.splitlines()[0].startswith(",".join([*CONTRACT_COLUMNS, "grado"]))
    else:
        assert [list(r) for r in json.loads(spanish)] == [list(r) for r in json.loads(english)]
    assert spanish == english  # no cell is worded by language either


def test_centrality_readable_table_on_the_hand_portfolio(store_path: str) -> None:
    table = tejido("centrality", "--store", store_path)
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["actor", "grado", "intermediación", "PageRank", "rol"]
    # C: degree 3, betweenness 4/6, gatekeeper once (A→C→D, C and D parroquial);
    # D: degree 2, betweenness 3/6, representative once (C→D→E). Decimal commas.
    assert lines[2].split()[:3] == ["C", "3", "0,667"] and lines[2].endswith("guardián (1)")
    assert lines[3].split()[:3] == ["D", "2", "0,500"]
    assert lines[3].endswith("representante (1)")
    assert re.fullmatch(r"0,\d{4}", lines[2].split()[3])
    assert len(lines) == 2 + 5 and "--all" not in table.output  # every actor fits in 15
    english = tejido("centrality", "--lang", "en", "--store", store_path).stdout.splitlines()
    assert english[0].split() == ["actor", "degree", "betweenness", "PageRank", "role"]
    assert english[2].split()[:3] == ["C", "3", "0.667"] and english[2].endswith("gatekeeper (1)")


def test_centrality_table_of_chosen_measures(store_path: str) -> None:
    table = tejido("centrality", "--measure", "punto_articulacion", "--store", store_path)
    assert table.exit_code == 0 and "punto de articulación" in table.output
    lines = table.stdout.splitlines()[2:]
    assert [line.split()[0] for line in lines[:2]] == ["C", "D"]
    assert lines[0].endswith("sí") and lines[-1].endswith("no")
    data = json.loads(tejido("centrality", "--format", "json", "--group-by", "interno",
                             "--store", store_path).output)
    assert len(data) == 5 and "intermediario_enlace" in data[0] and "comunidad" in data[0]


@pytest.fixture(scope="module")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled datasets (data/) loaded into an embedded store."""
    path = tmp_path_factory.mktemp("bundled") / "graph.json"
    EmbeddedStore(path).write(read_paths([bundled_data_dir()]).batch)
    return str(path)


def test_centrality_default_table_is_readable_on_the_bundled_data(bundled_store: str) -> None:
    result = tejido("centrality", "--store", bundled_store)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    actors = len(json.loads(tejido("centrality", "--format", "json", "--measure", "grado",
                                   "--store", bundled_store).stdout))
    assert actors > 15
    assert len(lines) == 2 + 15 and max(len(line) for line in lines) <= 100
    assert f"15 de {actors} actores; --all muestra" in result.stderr
    full = tejido("centrality", "--all", "--store", bundled_store)
    full_lines = full.stdout.splitlines()
    assert len(full_lines) == 2 + actors and full_lines[0].split()[:6] == CONTRACT_COLUMNS
    assert "comunidad" in full_lines[0] and "intermediario_enlace" in full_lines[0]


def _territory_id(store: str, name: str) -> str:
    (found,) = [r["id"] for r in EmbeddedStore(Path(store)).nodes("Territory", ["name"])
                if r["name"] == name]
    return found


def test_a_territory_parameter_takes_the_name_the_planner_sees(bundled_store: str) -> None:
    by_id = tejido("query", "run", "gap_coordinacion_faltante", "--param",
                   f"territorio={_territory_id(bundled_store, 'Quito Rural T1')}",
                   "--format", "json", "--store", bundled_store)
    by_name = tejido("query", "run", "gap_coordinacion_faltante", "--param",
                     "territorio=Quito Rural T1", "--format", "json", "--store", bundled_store)
    folded = tejido("query", "run", "gap_coordinacion_faltante", "--param",
                    "territorio=  quito rural t1 ", "--format", "json", "--store", bundled_store)
    assert by_name.exit_code == 0, by_name.output
    rows = json.loads(by_name.stdout)
    assert rows and rows == json.loads(by_id.stdout) == json.loads(folded.stdout)
    everywhere = json.loads(tejido("query", "run", "gap_coordinacion_faltante", "--format",
                                   "json", "--store", bundled_store).stdout)
    assert len(rows) < len(everywhere)  # the parameter did filter


def test_a_misspelled_name_exits_2_with_a_suggestion(bundled_store: str) -> None:
    result = tejido("query", "run", "gap_coordinacion_faltante", "--param",
                    "territorio=Quito Rurl T1", "--store", bundled_store)
    assert result.exit_code == 2
    assert "No hay ningún territorio «Quito Rurl T1»" in result.stderr
    assert "¿Quiso decir: Quito Rural T1" in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


REFERS_QUERY = """// ---
// name: de_un_actor
// title: "De un actor"
// parameters:
//   - {{name: quien, type: {ptype}, refers: {refers}}}
// columns: [id]
// ---
MATCH (a:Actor) WHERE a.id = $quien RETURN a.id AS id
"""


def test_a_declared_reference_resolves_siglas_and_lists(tmp_path: Path) -> None:
    batch = GraphBatch()
    for name, siglas in (("Agencia de Promoción Económica", ["CONQUITO"]),
                         ("Secretaría de Ambiente", [])):
        batch.add_node(Actor(id=Actor.key(name), name=name, siglas=siglas))
    store = EmbeddedStore(tmp_path / "g.json")
    store.write(batch)
    spec = parse_query(REFERS_QUERY.format(ptype="string", refers="Actor"), "q.cypher")
    assert spec.parameters[0].refers == "Actor"
    conquito = Actor.key("Agencia de Promoción Económica")
    assert spec.resolve(spec.bind({"quien": "conquito"}), store) == {"quien": conquito}
    listed = parse_query(REFERS_QUERY.format(ptype='"list[string]"', refers="Actor"),
                         "q.cypher")
    both = listed.resolve(listed.bind({"quien": "CONQUITO, secretaria de ambiente"}), store)
    assert both == {"quien": [conquito, Actor.key("Secretaría de Ambiente")]}
    with pytest.raises(InputError) as caught:
        spec.resolve(spec.bind({"quien": "Secretaria de Ambiete"}), store)
    assert "Parámetro «quien»" in caught.value.message
    assert "¿Quiso decir: Secretaría de Ambiente" in caught.value.message


@pytest.mark.parametrize(("ptype", "refers"), [("int", "Actor"), ("string", "Persona")])
def test_a_bad_reference_declaration_is_refused(ptype: str, refers: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_query(REFERS_QUERY.format(ptype=ptype, refers=refers), "q.cypher")
    assert "q.cypher" in caught.value.message and "parameters.0" in caught.value.message
