"""`tejido quality` on a small dataset built here, whose findings are known by construction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz

from tejido.cli.main import main
from tejido.graph import i18n
from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import Actor, GraphBatch, Rel, RelType, Source, fold
from tejido.loaders import quality as quality_module
from tejido.loaders.matrix import read_datasets
from tejido.loaders.quality import build_report, near_duplicates

REGISTRY = """\
- nombre: "Secretaría de Desarrollo Productivo y Competitividad"
  siglas: [SDPC]
  tipo: secretaria
- nombre: "Administraciones Zonales"
  siglas: [AZ]
  tipo: administracion_zonal
- nombre: "ACDC"
"""

SPEC = """\
document: "doc_q"
title: "Calidad"
tables:
  - file: tables/objetivos.tsv
    name: "Objetivos"
    kind: axes
    columns: {Objetivo: nombre, Tipo: tipo, Código: codigo, "Pertenece a": pertenece_a,
              Declaradas: iniciativas_declaradas, Nota: nota_declaradas}
  - file: tables/matriz.tsv
    name: "Matriz"
    kind: actions
    fill_down: [Desarrollo, Gestión, Rector]
    columns: {Desarrollo: eje, Gestión: objetivo, Iniciativa: titulo, Rector: rector,
              Articuladores: articuladores}
"""

OBJECTIVES = (
    "Objetivo\tTipo\tCódigo\tPertenece a\tDeclaradas\tNota\n"
    "1. Objetivo uno\tobjetivo_desarrollo\t1\t\t5\tcuenta una iniciativa dos veces\n"  # 2: 4 found
    "1.1 Gestión uno\tobjetivo_gestion\t1.1\t1. Objetivo uno\t3\n"   # 3: 3 found
    "1.2 Gestión dos\tobjetivo_gestion\t1.2\t1. Objetivo uno\t1\n"   # 4: 1 found
    "2.1 Gestión vacía\tobjetivo_gestion\t2.1\t\t2\n"               # 5: 0 found
)

MATRIX = (
    "Desarrollo\tGestión\tIniciativa\tRector\tArticuladores\n"
    "1. Objetivo uno\t1.1 Gestión uno\tIniciativa a\tSDPC\tAZ\n"                       # 2
    "\t\tIniciativa b\t\tACDC\n"                                                       # 3
    "\t\tIniciativa c\tSecretaria de Desarrollo Productivo y Competitivdad\tXYZQ\n"    # 4
    "\t1.2 Gestión dos\tIniciativa d\t\tAZ\n"                                          # 5
    "\t\t\t\tAZ\n"                                                                     # 6
)


@pytest.fixture(autouse=True)
def spanish_again():
    """--lang en sets the language for the whole process: put Spanish back."""
    yield
    i18n.set_lang("es")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    (tmp_path / "actors.yaml").write_text(REGISTRY, encoding="utf-8")
    folder = tmp_path / "doc"
    (folder / "tables").mkdir(parents=True)
    (folder / "dataset.yaml").write_text(SPEC, encoding="utf-8")
    (folder / "tables" / "objetivos.tsv").write_text(OBJECTIVES, encoding="utf-8")
    (folder / "tables" / "matriz.tsv").write_text(MATRIX, encoding="utf-8")
    path = tmp_path / "graph.json"
    EmbeddedStore(path).write(read_datasets(folder).batch)
    return path


@pytest.fixture
def report(store_path: Path) -> dict:
    return build_report(EmbeddedStore(store_path).snapshot())


def test_unresolved_actors_with_their_rows(report):
    found = {a["name"]: [r["row"] for r in a["rows"]] for a in report["unresolved_actors"]}
    # The misspelt lead of row 4 reaches row 5 through the merged Rector cell.
    assert found == {"Secretaria de Desarrollo Productivo y Competitivdad": [4, 5], "XYZQ": [4]}


def test_unexpanded_acronyms(report):
    found = {a["name"]: a["registered"] for a in report["unexpanded_acronyms"]}
    assert found == {"ACDC": True, "XYZQ": False}


def test_near_duplicate_names(report):
    pairs = {frozenset((p["a"], p["b"])) for p in report["near_duplicates"]}
    assert pairs == {frozenset(("Secretaria de Desarrollo Productivo y Competitivdad",
                                "Secretaría de Desarrollo Productivo y Competitividad"))}
    assert report["near_duplicates"][0]["score"] >= 95


def test_actions_without_lead(report):
    # Row 3 inherits SDPC by fill-down, row 4 names its own (typo) lead, row 5 starts a new
    # management objective but Rector only fills down, so it inherits row 4's lead.
    assert report["actions_without_lead"] == []


def test_row_problems(report):
    [entry] = report["row_problems"]
    assert (entry["table"], entry["row"]) == ("Matriz", 6)
    assert entry["problems"][0].startswith("fila_sin_accion: Articuladores: ")


def test_stated_versus_found(report):
    found = {r["codigo"]: (r["declared"], r["found"], r["difference"])
             for r in report["stated_vs_found"]}
    assert found == {"1": (5, 4, -1), "1.1": (3, 3, 0), "1.2": (1, 1, 0), "2.1": (2, 0, -2)}
    notes = {r["codigo"]: r["note"] for r in report["stated_vs_found"]}
    assert notes == {"1": "cuenta una iniciativa dos veces", "1.1": None, "1.2": None, "2.1": None}


def test_action_without_lead_is_listed(tmp_path):
    (tmp_path / "actors.yaml").write_text(REGISTRY, encoding="utf-8")
    folder = tmp_path / "doc"
    (folder / "tables").mkdir(parents=True)
    (folder / "dataset.yaml").write_text(
        'document: "d"\ntitle: "t"\ntables:\n  - {file: tables/a.tsv, name: A, '
        'kind: actions, columns: {x: titulo, r: rector}}\n', encoding="utf-8")
    (folder / "tables" / "a.tsv").write_text("x\tr\nCon rector\tAZ\nSin rector\t\n",
                                             encoding="utf-8")
    EmbeddedStore(tmp_path / "g.json").write(read_datasets(folder).batch)
    report = build_report(EmbeddedStore(tmp_path / "g.json").snapshot())
    assert [(a["titulo"], a["rows"][0]["row"]) for a in report["actions_without_lead"]] == [
        ("Sin rector", 3)]


def test_cli_markdown_in_spanish_and_english(store_path):
    runner = CliRunner()
    result = runner.invoke(main, ["quality", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "# Calidad de los datos" in result.output
    assert "## Iniciativas declaradas frente a encontradas" in result.output
    assert "| 2.1 Gestión vacía | 2 | 0 | -2 |  |" in result.output  # no reason given
    assert "| Eje / objetivo | Declaradas | Encontradas | Diferencia | Motivo |" in result.output
    assert "| -1 | cuenta una iniciativa dos veces |" in result.output
    assert "XYZQ" in result.output and "doc_q · Matriz · 4" in result.output
    result = runner.invoke(main, ["quality", "--store", str(store_path), "--lang", "en"])
    assert result.exit_code == 0
    assert "# Data quality" in result.output
    assert "row without an action" in result.output


def test_cli_json(store_path):
    result = CliRunner().invoke(main, ["quality", "--store", str(store_path), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert {r["codigo"]: r["found"] for r in data["stated_vs_found"]}["1"] == 4
    assert data["counts"]["Action"] == 4


def test_missing_store_is_a_clear_message(tmp_path):
    result = CliRunner().invoke(main, ["quality", "--store", str(tmp_path / "nada.json")])
    assert result.exit_code != 0
    assert "no existe" in result.output and "tejido load" in result.output
    assert "Traceback" not in result.output


def test_unreadable_store_is_a_clear_message(tmp_path):
    # A store cut short (a full disk before atomic writes, a bad copy): the store's error.
    bad = tmp_path / "roto.json"
    bad.write_text('{"format": "tejido-graph", "version": 1, "nodes": [', encoding="utf-8")
    result = CliRunner().invoke(main, ["quality", "--store", str(bad)])
    assert result.exit_code == 3
    assert "No se puede leer el almacén" in result.output
    # Something that is no store at all: the user's mistake, and the file is left alone.
    other = tmp_path / "otro.json"
    other.write_text("{ esto no es json", encoding="utf-8")
    result = CliRunner().invoke(main, ["quality", "--store", str(other)])
    assert result.exit_code == 2
    assert "no es un almacén de tejido" in result.output
    assert other.read_text(encoding="utf-8") == "{ esto no es json"


def test_near_duplicates_in_blocks_match_every_pair(monkeypatch):
    """Blocked cdist finds exactly the pairs a direct pairwise scoring finds."""
    monkeypatch.setattr(quality_module, "_CHUNK", 7)
    bases = ["Secretaría de Salud", "Secretaria de Salud.", "Agencia CONQUITO",
             "Agencia ConQuito", "Administraciones Zonales", "Administracion Zonal",
             "Fondo del Agua", "Fondo para el Agua", "Museo de la Ciudad", "Museo Ciudad"]
    names = {f"actor:{i}": f"{base} {i // len(bases)}" for i, base in
             enumerate(bases * 5)}
    found = {(p["a_id"], p["b_id"]) for p in near_duplicates(names, 85)}
    ids = sorted(names)
    expected = {
        (a, b) for i, a in enumerate(ids) for b in ids[i + 1:]
        if fuzz.token_sort_ratio(fold(names[a]), fold(names[b])) >= 85
    }
    assert found == expected and len(expected) > 10


def test_the_misspelt_lead_is_suggested_as_the_registered_actor(report):
    [suggestion] = report["equivalence_suggestions"]
    assert {k: suggestion[k] for k in ("name", "equivalent_to", "relation", "source")} == {
        "name": "Secretaria de Desarrollo Productivo y Competitivdad",
        "equivalent_to": "Secretaría de Desarrollo Productivo y Competitividad",
        "relation": "mismo_actor", "source": ""}
    [evidence] = suggestion["evidence"]
    assert evidence["kind"] == "similar_name" and evidence["score"] >= 95
    assert report["equivalences"] == report["generic_actors"] == report["open_questions"] == []


# -- equivalences, generic actors and open questions, from a graph written by hand -------------


def _decided_store(path: Path) -> Path:
    """A graph as the registry leaves it: a merged name, a renaming citing the registry's
    entry, a generic actor, an open question on an entry's row."""
    batch = GraphBatch()
    row = Source.of("doc", "Matriz", 2)
    entry = Source.of("registro de actores", "actors.yaml", 12)
    entry.problemas.append("pendiente: SECOM: ¿es la Secretaría de Comunicación?")
    other = Source.of("doc", "Matriz", 3)
    other.problemas.append("fila_sin_accion: Rector: X")
    for source in (row, entry, other):
        source.sources = [source.id]
        batch.add_node(source)
    culture = Actor(id=Actor.key("Secretaría de Cultura"), name="Secretaría de Cultura",
                    variantes=["SECU"], sources=[row.id, entry.id])
    old = Actor(id=Actor.key("Dirección de Cultura"), name="Dirección de Cultura",
                sources=[row.id])
    generic = Actor(id=Actor.key("COOPERACIÓN"), name="COOPERACIÓN", generico=True,
                    sources=[row.id, other.id])
    for actor in (culture, old, generic):
        batch.add_node(actor)
    batch.add_rel(Rel(type=RelType.SUCCEEDS, source=culture.id, target=old.id,
                      source_label="Actor", target_label="Actor", sources=[entry.id]))
    EmbeddedStore(path).write(batch)
    return path


def test_equivalences_generic_actors_and_open_questions(tmp_path):
    report = build_report(EmbeddedStore(_decided_store(tmp_path / "g.json")).snapshot())
    entry = {"document": "registro de actores", "table": "actors.yaml", "row": 12}
    assert report["equivalences"] == [
        {"relation": "mismo_actor", "names": ["SECU"], "name_ids": [],
         "equivalent_to": "Secretaría de Cultura", "equivalent_to_id": Actor.key(
             "Secretaría de Cultura"), "rows": [entry]},
        {"relation": "renombrado", "names": ["Dirección de Cultura"],
         "name_ids": [Actor.key("Dirección de Cultura")], "equivalent_to": "Secretaría de Cultura",
         "equivalent_to_id": Actor.key("Secretaría de Cultura"), "rows": [entry]},
    ]
    assert report["generic_actors"] == [
        {"id": Actor.key("COOPERACIÓN"), "name": "COOPERACIÓN",
         "rows": [{"document": "doc", "table": "Matriz", "row": 2},
                  {"document": "doc", "table": "Matriz", "row": 3}]}]
    assert report["open_questions"] == [
        {**entry, "actor": "SECOM", "question": "¿es la Secretaría de Comunicación?"}]
    # The open question is not a row read in part; the other problem still is.
    assert [(p["row"], p["problems"]) for p in report["row_problems"]] == [
        (3, ["fila_sin_accion: Rector: X"])]
    # Two actors tied by a renaming are never suggested as one; a generic one never is.
    assert report["equivalence_suggestions"] == []


def test_equivalence_sections_in_markdown_and_json(tmp_path):
    path = _decided_store(tmp_path / "g.json")
    runner = CliRunner()
    output = runner.invoke(main, ["quality", "--store", str(path)]).output
    assert ("| SECU | Secretaría de Cultura | mismo actor | registro de actores · actors.yaml · "
            "12 |") in output
    assert ("| Dirección de Cultura | Secretaría de Cultura | renombrado (sucede a) | registro de "
            "actores · actors.yaml · 12 |") in output
    assert "## Actores genéricos (una categoría o un grupo, no una institución)" in output
    assert "| COOPERACIÓN | doc · Matriz · 2, 3 |" in output
    assert "## Preguntas abiertas del registro de actores" in output
    assert ("| SECOM | ¿es la Secretaría de Comunicación? | registro de actores · actors.yaml · "
            "12 |") in output
    english = runner.invoke(main, ["quality", "--store", str(path), "--lang", "en"]).output
    for title in ("## Equivalences applied", "## Suggested equivalences",
                  "## Generic actors", "## Open questions of the actor registry"):
        assert title in english
    data = json.loads(runner.invoke(main, ["quality", "--store", str(path), "--format",
                                           "json"]).output)
    assert {"equivalences", "equivalence_suggestions", "generic_actors",
            "open_questions"} <= set(data)
    assert data["generic_actors"][0]["name"] == "COOPERACIÓN"
