"""A corrected workbook, loaded again, replaces what it said before (issue 11, item 1).

A workbook with typos (CONQITO, EPMAPSS) was loaded, corrected and loaded again: the old
ties, the `actor:conqito` node and the gaps about EPMAPSS stayed. Now a load replaces its
documents' whole contribution, on both stores, while what other documents say stays.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers_workbook import run, write_xlsx

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import RelType

ACTORS = ["nombre", "siglas", "tipo", "nivel", "interno"]
ACTIONS = ["título", "eje", "rector", "articuladores", "territorios", "mecanismos"]


def _book(path: Path, articulator: str, extra_action: bool, notas: str | None) -> Path:
    actors = [ACTORS + ["notas"],
              ["Agencia de Promoción Económica CONQUITO", "CONQUITO", "agencia",
               "metropolitano", "sí", notas],
              ["Empresa Pública Metropolitana de Agua Potable", "EPMAPS", "empresa_publica",
               "metropolitano", "sí", None]]
    actions = [ACTIONS, ["Huertos urbanos", "Alimentación", "CONQUITO", articulator, "Quito",
                         "Convenio huertos"]]
    if extra_action:
        actions.append(["Riego por goteo", "Alimentación", "EPMAPS", "", "Quito", ""])
    return write_xlsx(path, {
        "actores": actors, "acciones": actions,
        "territorios": [["nombre"], ["Quito"]],
        "mecanismos": [["nombre", "tipo"], ["Convenio huertos", "convenio"]],
    })


def _other(path: Path) -> Path:
    return write_xlsx(path, {
        "actores": [ACTORS, ["Secretaría de Ambiente", "", "secretaria", "metropolitano", "sí"],
                    ["Empresa Pública Metropolitana de Agua Potable", "EPMAPS",
                     "empresa_publica", "metropolitano", "sí"]],
        "acciones": [ACTIONS, ["Reforestar quebradas", "Ambiente", "Secretaría de Ambiente",
                               "EPMAPS", "Quito", ""]],
        "territorios": [["nombre"], ["Quito"]],
    })


def _facts(graph: Any) -> tuple[set[str], set[tuple[str, str, str]], dict[str, Any]]:
    names = {a.get("name") or a.get("titulo") for _, a in graph.nodes(data=True)
             if a.get("label") != "Source"}
    def name(node: str) -> str:
        return graph.nodes[node].get("name") or graph.nodes[node].get("titulo") or node

    ties = {(name(s), t, name(o)) for s, o, t in graph.edges(data="type")}
    conquito = next(a for _, a in graph.nodes(data=True)
                    if a.get("name") == "Agencia de Promoción Económica CONQUITO")
    return names, ties, conquito


@pytest.fixture(params=["embedded", "neo4j"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Any]:
    if request.param == "embedded":
        path = tmp_path / "g.json"
        return str(path), lambda: EmbeddedStore(path).snapshot()
    neo4j_store = request.getfixturevalue("neo4j_store")
    return request.getfixturevalue("neo4j_uri"), neo4j_store.snapshot


def test_a_corrected_workbook_replaces_the_old_one(tmp_path: Path, store) -> None:
    spec, snapshot = store
    book = tmp_path / "libro.xlsx"
    other = _other(tmp_path / "otro.xlsx")
    assert run("load", other, "--store", spec).exit_code == 0
    _book(book, "EPMAPSS", extra_action=True, notas="nota vieja")
    assert run("load", book, "--store", spec).exit_code == 0
    names, ties, _ = _facts(snapshot())
    assert "EPMAPSS" in names and "Riego por goteo" in names
    _book(book, "EPMAPS", extra_action=False, notas=None)
    assert run("load", book, "--store", spec).exit_code == 0
    names, ties, conquito = _facts(snapshot())
    # The typo's auto-created actor, its tie and the removed action are gone...
    assert "EPMAPSS" not in names and "Riego por goteo" not in names
    assert ("EPMAPSS", RelType.ARTICULATES, "Huertos urbanos") not in ties
    assert ("Empresa Pública Metropolitana de Agua Potable", RelType.ARTICULATES,
            "Huertos urbanos") in ties
    # ...a property the new version no longer has is gone too...
    assert "notas" not in conquito
    # ...and what the other workbook says stays whole (EPMAPS articulates there too).
    assert ("Empresa Pública Metropolitana de Agua Potable", RelType.ARTICULATES,
            "Reforestar quebradas") in ties
    assert {"Secretaría de Ambiente", "Reforestar quebradas"} <= names
    # Loading the same version again changes nothing.
    before = _facts(snapshot())[:2]
    assert run("load", book, "--store", spec).exit_code == 0
    assert _facts(snapshot())[:2] == before
