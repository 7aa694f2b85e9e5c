"""The ``equivalencias`` sheet, the «¿quiso decir…?» warnings and the suggested equivalences.

Workbooks are written cell by cell with openpyxl (helpers_workbook); every expectation is
written by hand from the sheets below. Loads go through the real CLI into both stores.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from helpers_workbook import Sheet, run, write_xlsx

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.errors import InputError
from tejido.graph.i18n import set_lang
from tejido.graph.model import Action, Actor, RelType, Source
from tejido.graph.neo4j_store import Neo4jStore
from tejido.graph.store import empty_counts
from tejido.loaders.suggestions import (
    ActorFacts,
    Usage,
    abbreviates,
    closest,
    initials,
    initials_match,
    suggest,
)
from tejido.loaders.workbook import read_workbook

AGENCIA = "Agencia de Promoción Económica ConQuito"
PATRIMONIO = "Secretaría de Cultura y Patrimonio"
CULTURA = "Secretaría de Cultura"


def a(name: str) -> str:
    return Actor.key(name)


@pytest.fixture(autouse=True)
def spanish() -> Iterator[None]:
    set_lang("es")
    yield
    set_lang("es")


@pytest.fixture(params=["embedded", "neo4j"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store spec for the CLI: an embedded file, or the session's (wiped) Neo4j."""
    if request.param == "embedded":
        return str(tmp_path / "g.json")
    neo4j: Neo4jStore = request.getfixturevalue("neo4j_store")
    _OPEN[neo4j.uri] = neo4j
    return neo4j.uri


#: The Neo4j stores the ``store`` fixture handed out, by URI: a snapshot reads through them.
_OPEN: dict[str, Neo4jStore] = {}


def snapshot(spec: str) -> nx.MultiDiGraph:
    if spec in _OPEN:
        return _OPEN[spec].snapshot()
    return EmbeddedStore(Path(spec)).snapshot()


def edges(graph: nx.MultiDiGraph, kind: RelType) -> dict[tuple[str, str], dict[str, Any]]:
    return {(s, t): d for s, t, d in graph.edges(data=True) if d.get("type") == kind}


# -- acceptance: one actor, and a renaming tied with its source -------------------------------

PLAN: dict[str, Sheet] = {
    "actores": [
        ["nombre", "siglas", "tipo"],
        [AGENCIA, None, "agencia"],                                   # 2
        [PATRIMONIO, "SCP", "secretaria"],                             # 3
        ["Secretaría de Ambiente", "SA", "secretaria"],                # 4
    ],
    "acciones": [
        ["titulo", "rector", "articuladores"],
        ["Ferias de productores", "Conquito", "SA"],                  # 2
        ["Ferias de invierno", AGENCIA, None],                        # 3
        ["Museo abierto", CULTURA, "conquito"],                       # 4: the old name
    ],
    "equivalencias": [
        ["nombre", "equivale_a", "relacion", "fuente"],
        ["Conquito", AGENCIA, "mismo_actor", "Acta de la mesa, 2024-03-02"],   # 2
        [CULTURA, "SCP", "Renombrado", "Resolución A-012"],                     # 3
    ],
}


def test_mismo_actor_is_one_actor_and_renombrado_a_tie_with_its_source_in_both_stores(
    tmp_path: Path, store: str,
) -> None:
    book = write_xlsx(tmp_path / "plan.xlsx", PLAN)
    result = run("load", book, "--store", store)
    assert result.exit_code == 0, result.output
    assert "aviso" not in result.stderr  # the predecessor is declared by its row

    graph = snapshot(store)
    actors = {n: d for n, d in graph.nodes(data=True) if d["label"] == "Actor"}
    assert set(actors) == {a(AGENCIA), a(PATRIMONIO), a("Secretaría de Ambiente"), a(CULTURA)}
    assert actors[a(AGENCIA)]["variantes"] == ["Conquito"]
    assert actors[a(CULTURA)].get("auto") is not True
    ferias, museo = Action.key("Ferias de productores"), Action.key("Museo abierto")
    assert set(edges(graph, RelType.LEADS)) == {
        (a(AGENCIA), ferias), (a(AGENCIA), Action.key("Ferias de invierno")),
        (a(CULTURA), museo)}
    assert (a(AGENCIA), museo) in edges(graph, RelType.ARTICULATES)
    # The agencia lists the equivalencias row that merged the name, and its cited act.
    assert Source.key("plan.xlsx", "equivalencias", 2) in actors[a(AGENCIA)]["sources"]

    succeeds = edges(graph, RelType.SUCCEEDS)
    assert list(succeeds) == [(a(PATRIMONIO), a(CULTURA))]
    assert sorted(succeeds[(a(PATRIMONIO), a(CULTURA))]["sources"]) == sorted([
        Source.key("plan.xlsx", "equivalencias", 3), Source.key("Resolución A-012", "", 0)])

    report = json.loads(run("quality", "--store", store, "--format", "json").output)
    assert report["equivalences"] == [
        {"relation": "mismo_actor", "names": ["Conquito"], "name_ids": [],
         "equivalent_to": AGENCIA, "equivalent_to_id": a(AGENCIA),
         "rows": [{"document": "Acta de la mesa, 2024-03-02", "table": "", "row": 0},
                  {"document": "plan.xlsx", "table": "equivalencias", "row": 2}]},
        {"relation": "renombrado", "names": [CULTURA], "name_ids": [a(CULTURA)],
         "equivalent_to": PATRIMONIO, "equivalent_to_id": a(PATRIMONIO),
         "rows": [{"document": "Resolución A-012", "table": "", "row": 0},
                  {"document": "plan.xlsx", "table": "equivalencias", "row": 3}]},
    ]
    markdown = run("quality", "--store", store).output
    assert "## Equivalencias aplicadas" in markdown
    assert (f"| Conquito | {AGENCIA} | mismo actor | plan.xlsx · equivalencias · 2; "
            "Acta de la mesa, 2024-03-02 |") in markdown
    assert (f"| {CULTURA} | {PATRIMONIO} | renombrado (sucede a) | plan.xlsx · equivalencias"
            " · 3; Resolución A-012 |") in markdown
    english = run("quality", "--store", store, "--lang", "en").output
    assert "## Equivalences applied" in english and "renamed (succeeds)" in english


def test_an_actores_row_of_the_merged_name_is_folded_into_the_canonical_actor(
    tmp_path: Path,
) -> None:
    sheets = {
        "actores": [["nombre", "siglas"], [AGENCIA, None], ["Conquito", "CQ; Quito Emprende"]],
        "acciones": [["titulo", "rector"], ["Ferias", "CQ"], ["Huertos", "quito emprende"]],
        "equivalencias": [["nombre", "equivale_a", "relacion"], ["conquito", AGENCIA,
                                                                 "mismo actor"]],
    }
    book = write_xlsx(tmp_path / "w.xlsx", sheets)
    result = read_workbook(book)
    assert result.warnings == []
    actors = {n.id: n for n in result.batch.nodes.values() if isinstance(n, Actor)}
    assert list(actors) == [a(AGENCIA)]
    agencia = actors[a(AGENCIA)]
    assert (agencia.siglas, agencia.variantes) == (["CQ", "Quito Emprende"], ["conquito"])
    assert agencia.sources == [Source.key("w.xlsx", "actores", 2),
                               Source.key("w.xlsx", "equivalencias", 2),
                               Source.key("w.xlsx", "actores", 3)]
    assert {r.source for r in result.batch.rels.values() if r.type == RelType.LEADS} == {
        a(AGENCIA)}


def test_a_merged_name_declared_twice_is_a_duplicate(tmp_path: Path) -> None:
    sheets = {
        "actores": [["nombre"], [AGENCIA], ["Conquito"], ["CONQUITO"]],
        "equivalencias": [["nombre", "equivale_a", "relacion"], ["Conquito", AGENCIA,
                                                                 "mismo_actor"]],
    }
    book = write_xlsx(tmp_path / "w.xlsx", sheets)
    with pytest.raises(InputError) as exc:
        read_workbook(book)
    assert [str(p) for p in exc.value.problems] == [
        f"{book}:actores:4:nombre: «CONQUITO» ya está declarado en la fila 3"]


# -- bad rows ---------------------------------------------------------------------------------

BAD: dict[str, Sheet] = {
    "actores": [
        ["nombre", "siglas"],
        [AGENCIA, None],                                   # 2
        ["Secretaría de Ambiente", "SA"],                  # 3
        ["Secretaría de Salud", "SS"],                     # 4
    ],
    "equivalencias": [
        ["nombre", "equivale_a", "relacion", "fuente"],
        ["Conquito", AGENCIA, "mismo_actor", None],                                  # 2 ok
        ["Quito Emprende", "Conquito", "mismo_actor", None],                         # 3
        ["Conquito", "Secretaría de Ambiente", "mismo_actor", None],                 # 4
        ["Quito Turismo", "QUITO TURISMO", "renombrado", None],                     # 5
        ["Fondo Ambiental", "Secretaria de Ambiemte", "renombrado", None],           # 6
        ["SA", "Secretaría de Salud", "mismo_actor", None],                          # 7
        ["SS", "Secretaría de Salud", "renombrado", None],                           # 8
        [None, "SA", "mismo_actor", None],                                           # 9
        ["X", "SA", None, None],                                                     # 10
        ["Secretaría de Salud", "Secretaría de Ambiente", "renombrado", "Acta 1"],   # 11
        ["Secretaría de Ambiente", "Secretaría de Salud", "renombrado", "Acta 2"],   # 12
        ["Quito Limpio", "SA", "igual", None],                                       # 13
    ],
}


def bad_lines(book: Path) -> list[str]:
    at = f"{book}:equivalencias"
    return [
        f"{at}:3:equivale_a: «Conquito» es a su vez el mismo actor que «{AGENCIA}» (fila 2): "
        f"escriba «{AGENCIA}»",
        f"{at}:4:nombre: «Conquito» ya tiene una equivalencia en la fila 2",
        f"{at}:5:equivale_a: nombre y equivale_a son el mismo nombre",
        f"{at}:6:equivale_a: «Secretaria de Ambiemte» no está declarado en la hoja actores; "
        "¿quiso decir «Secretaría de Ambiente»?",
        f"{at}:7:nombre: la sigla «SA» ya identifica a «Secretaría de Ambiente» (fila 3)",
        f"{at}:8:nombre: «SS» ya identifica a «Secretaría de Salud»: nombre y equivale_a son "
        "el mismo actor",
        f"{at}:9:nombre: celda obligatoria vacía",
        f"{at}:10:relacion: celda obligatoria vacía",
        f"{at}:11:equivale_a: los renombramientos forman un ciclo: Secretaría de Salud → "
        "Secretaría de Ambiente → Secretaría de Salud",
        f"{at}:13:relacion: «igual» no está en la lista cerrada; se admite: mismo_actor, "
        "renombrado",
    ]


def test_every_bad_equivalence_is_reported_at_its_cell(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "malo.xlsx", BAD)
    with pytest.raises(InputError) as exc:
        read_workbook(book)
    assert [str(p) for p in exc.value.problems] == bad_lines(book)


def test_bad_equivalences_exit_2_and_write_nothing_in_either_store(
    tmp_path: Path, neo4j_store: Neo4jStore,
) -> None:
    book = write_xlsx(tmp_path / "malo.xlsx", BAD)
    embedded = tmp_path / "g.json"
    for spec in (embedded, neo4j_store.uri):
        result = run("load", book, "--store", spec)
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            *bad_lines(book), "10 problemas en los datos; no se escribió nada."]
    assert not embedded.exists()
    assert neo4j_store.counts() == empty_counts()


def test_missing_columns_and_english_messages(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "w.xlsx", {
        "actores": [["nombre"], [AGENCIA]],
        "equivalencias": [["nombre", "relacion"], ["Conquito", "mismo_actor"]]})
    with pytest.raises(InputError) as exc:
        read_workbook(book)
    assert [str(p) for p in exc.value.problems][0] == (
        f"{book}:equivalencias:1:equivale_a: falta la columna obligatoria «equivale_a»")
    set_lang("en")
    book = write_xlsx(tmp_path / "en.xlsx", {
        "actores": [["nombre"], [AGENCIA]],
        "equivalences": [["name", "equivalent_to", "relation"], ["Conquito", "Conquito",
                                                                 "mismo_actor"]]})
    with pytest.raises(InputError) as exc:
        read_workbook(book)
    assert [str(p) for p in exc.value.problems] == [
        f"{book}:equivalences:2:equivalent_to: nombre and equivale_a are the same name"]


def test_a_csv_folder_with_english_headers(tmp_path: Path) -> None:
    folder = tmp_path / "cartera"
    folder.mkdir()
    (folder / "actores.csv").write_text(f"nombre;siglas\n{PATRIMONIO};SCP\n", encoding="utf-8")
    (folder / "acciones.csv").write_text(f"titulo;rector\nMuseo;{CULTURA}\n", encoding="utf-8")
    (folder / "equivalencias.csv").write_text(
        f"name;equivalent_to;relation;source\n{CULTURA};{PATRIMONIO};renombrado;Gaceta 12\n",
        encoding="utf-8")
    result = read_workbook(folder)
    [rel] = [r for r in result.batch.rels.values() if r.type == RelType.SUCCEEDS]
    assert (rel.source, rel.target) == (a(PATRIMONIO), a(CULTURA))
    assert rel.sources == [Source.key("cartera", "equivalencias", 2),
                           Source.key("Gaceta 12", "", 0)]


def test_a_chain_of_renamings_is_history(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "w.xlsx", {
        "actores": [["nombre"], ["Secretaría B"], ["Secretaría C"]],
        "equivalencias": [["nombre", "equivale_a", "relacion"],
                          ["Secretaría A", "Secretaría B", "renombrado"],
                          ["Secretaría B", "Secretaría C", "renombrado"]]})
    rels = read_workbook(book, strict=True).batch.rels.values()
    assert {(r.source, r.target) for r in rels if r.type == RelType.SUCCEEDS} == {
        (a("Secretaría B"), a("Secretaría A")), (a("Secretaría C"), a("Secretaría B"))}


# -- «¿quiso decir …?» --------------------------------------------------------------------

TYPOS: dict[str, Sheet] = {
    "actores": [
        ["nombre", "siglas"],
        ["Agencia de Promoción Económica CONQUITO", "CONQUITO"],
        ["Empresa Pública Metropolitana de Agua Potable y Saneamiento", "EPMAPS"],
        ["Secretaría de Desarrollo Productivo y Competitividad", None],
    ],
    "acciones": [
        ["titulo", "rector", "articuladores"],
        ["Ferias", "CONQITO", "EPMAPSS"],
        ["Huertos", "SDPC", "Comité Barrial Nono"],
    ],
}


def test_an_undeclared_actor_warning_suggests_the_closest_declared_name(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "w.xlsx", TYPOS)
    warnings = read_workbook(book).warnings
    assert warnings == [
        f"{book}:acciones:2:rector: el actor «CONQITO» no está declarado en la hoja actores; se "
        "crea con tipo «otro»; ¿quiso decir «CONQUITO»?",
        f"{book}:acciones:2:articuladores: el actor «EPMAPSS» no está declarado en la hoja "
        "actores; se crea con tipo «otro»; ¿quiso decir «EPMAPS»?",
        f"{book}:acciones:3:rector: el actor «SDPC» no está declarado en la hoja actores; se "
        "crea con tipo «otro»; ¿quiso decir «Secretaría de Desarrollo Productivo y "
        "Competitividad»?",
        f"{book}:acciones:3:articuladores: el actor «Comité Barrial Nono» no está declarado en "
        "la hoja actores; se crea con tipo «otro»",
    ]
    with pytest.raises(InputError) as exc:
        read_workbook(book, strict=True)
    assert str(exc.value.problems[0]).endswith(
        "no está declarado en la hoja actores; ¿quiso decir «CONQUITO»?")


# -- suggestions: the pure functions -----------------------------------------------------------


def test_initials_skip_the_small_words() -> None:
    assert initials("Secretaría de Desarrollo Productivo y Competitividad") == "sdpc"
    assert initials("Empresa Pública Metropolitana de Agua Potable y Saneamiento") == "epmaps"
    assert initials_match("SDPC", "Secretaría de Desarrollo Productivo y Competitividad")
    assert not initials_match("SDP", "Secretaría de Desarrollo Productivo y Competitividad")
    assert not initials_match("SA", "SAN")  # an acronym has no initials to spell


def test_abbreviations() -> None:
    assert abbreviates("SECU", CULTURA) and abbreviates("Sec Cultura", CULTURA)
    assert not abbreviates("CULT", CULTURA)  # must start where the name starts
    assert not abbreviates(CULTURA, "SECU")


def test_closest_catches_typos_and_initials_and_stays_quiet_otherwise() -> None:
    assert closest("CONQITO", ["CONQUITO", "Secretaría de Salud"]) == "CONQUITO"
    assert closest("EPMAPSS", ["EPMMOP", "EPMAPS"]) == "EPMAPS"
    assert closest("SDPC", ["Secretaría de Desarrollo Productivo y Competitividad", "SDP"]) == (
        "Secretaría de Desarrollo Productivo y Competitividad")
    assert closest("Comité Barrial Nono", ["Secretaría de Ambiente", "SA"]) is None
    assert closest("SA", ["SA"]) is None  # the name itself is no suggestion


def test_suggest_merges_the_evidence_of_each_pair_and_respects_known_differences() -> None:
    facts = {
        "secu": ActorFacts("secu", "SECU", declared=False, rows=2),
        "cultura": ActorFacts("cultura", CULTURA, rows=1),
        "sc": ActorFacts("sc", "SC", declared=False, rows=1),
        "fondo": ActorFacts("fondo", "Fondo del Agua", rows=1),
        "fondo2": ActorFacts("fondo2", "Fondo del Agua.", declared=False, rows=5),
    }
    usages = [Usage("Museo rural", "LEADS", "secu", frozenset({("d1", "m", 4)})),
              Usage("MUSEO RURAL", "LEADS", "cultura", frozenset({("d2", "m", 4)}))]
    similar = [{"a_id": "fondo", "b_id": "fondo2", "score": 97,
                "names": ["Fondo del Agua", "Fondo del Agua."]}]
    found = {(s["name"], s["equivalent_to"]): [e["kind"] for e in s["evidence"]]
             for s in suggest(facts, similar, usages)}
    assert found == {("Fondo del Agua.", "Fondo del Agua"): ["similar_name"],
                     ("SC", CULTURA): ["initials"], ("SECU", CULTURA): ["used_instead"]}
    # A row that names both says they are two; a known tie keeps a pair apart.
    both = [*usages, Usage("Museo rural", "LEADS", "secu", frozenset({("d2", "m", 4)}))]
    assert ("SECU", CULTURA) not in {(s["name"], s["equivalent_to"])
                                     for s in suggest(facts, [], both)}
    assert suggest(facts, similar, [], apart={frozenset(("fondo", "fondo2")),
                                              frozenset(("sc", "cultura"))}) == []


# -- suggestions through `tejido quality`, pasted back into the workbook ----------------------

SUGGESTED: dict[str, Sheet] = {
    **TYPOS,
    "actores": [*TYPOS["actores"], [CULTURA, None]],
    "acciones": [
        ["titulo", "eje", "rector", "articuladores"],
        ["Ferias", None, "CONQITO", "EPMAPSS"],                       # 2
        ["Huertos", None, "SDPC", None],                              # 3
        ["Museo rural", "Patrimonio", "SECU", None],                  # 4
        ["Museo rural", "Cultura viva", CULTURA, None],               # 5
    ],
}


def test_quality_suggests_rows_that_paste_into_equivalencias(tmp_path: Path, store: str) -> None:
    book = write_xlsx(tmp_path / "w.xlsx", SUGGESTED)
    assert run("load", book, "--store", store).exit_code == 0
    report = json.loads(run("quality", "--store", store, "--format", "json").output)
    rows = [{k: s[k] for k in ("name", "equivalent_to", "relation", "source")}
            for s in report["equivalence_suggestions"]]
    conquito, epmaps, sdpc = (n for n, _ in TYPOS["actores"][1:])
    assert rows == [
        {"name": "CONQITO", "equivalent_to": conquito, "relation": "mismo_actor", "source": ""},
        {"name": "EPMAPSS", "equivalent_to": epmaps, "relation": "mismo_actor", "source": ""},
        {"name": "SDPC", "equivalent_to": sdpc, "relation": "mismo_actor", "source": ""},
        {"name": "SECU", "equivalent_to": CULTURA, "relation": "mismo_actor", "source": ""},
    ]
    evidence = [s["evidence"] for s in report["equivalence_suggestions"]]
    assert evidence[0] == [{"kind": "similar_name", "score": 93,
                            "names": ["CONQITO", "CONQUITO"]}]
    assert evidence[2] == [{"kind": "initials", "initials": "SDPC"}]
    assert evidence[3] == [{
        "kind": "used_instead", "action": "Museo rural", "role": "LEADS",
        "name_rows": [{"document": "w.xlsx", "table": "acciones", "row": 4}],
        "equivalent_to_rows": [{"document": "w.xlsx", "table": "acciones", "row": 5}]}]

    markdown = run("quality", "--store", store).output
    assert "| nombre | equivale_a | relacion | fuente | evidencia |" in markdown
    assert (f"| CONQITO | {conquito} | mismo_actor |  | «CONQITO» y «CONQUITO»: nombres casi "
            "iguales (similitud 93) |") in markdown
    assert f"«SDPC» son las iniciales de «{sdpc}»" in markdown
    assert ("en «Museo rural» (rector): «SECU» en w.xlsx · acciones · 4; «Secretaría de "
            "Cultura» en w.xlsx · acciones · 5") in markdown

    # Pasted as they are (the JSON keys are the sheet's English headers): one actor each.
    header = ["name", "equivalent_to", "relation", "source"]
    pasted = {**SUGGESTED, "equivalencias": [header, *([r[k] or None for k in header]
                                                       for r in rows)]}
    book = write_xlsx(tmp_path / "w2.xlsx", pasted)
    again = tmp_path / "again.json"
    result = run("load", book, "--store", again)
    assert result.exit_code == 0 and "aviso" not in result.stderr, result.output
    report = json.loads(run("quality", "--store", again, "--format", "json").output)
    assert report["equivalence_suggestions"] == []
    assert report["unresolved_actors"] == []
    assert sorted(n for e in report["equivalences"] for n in e["names"]) == [
        "CONQITO", "EPMAPSS", "SDPC", "SECU"]
