"""Near-duplicate actor names that name different territories are two institutions.

Places and scores are worked out by hand and with rapidfuzz itself, not from
``tejido.loaders.place_names``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from tejido.cli.main import main
from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import Actor, GraphBatch, Territory, fold
from tejido.loaders import quality as quality_module
from tejido.loaders.place_names import PlaceNames, different_places, numbers
from tejido.loaders.quality import build_report, near_duplicates

TERRITORIES = ["San José", "San Juan", "Nanegal", "Nanegalito", "Calacalí", "Calderón",
               "Zona Calderón", "La Tola"]
#: actor name -> the territory it names (None: none the data knows)
ACTORS = {
    "GAD Parroquial de San José": "San José",
    "GAD Parroquial San José": "San José",            # the same body, written without «de»
    "GAD Parroquial de San Juan": "San Juan",
    "Asociación de Mujeres de Nanegal": "Nanegal",
    "Asociación de Mujeres de Nanegalito": "Nanegalito",
    "Cámara de Turismo de Calacalí": "Calacalí",
    "Cámara de Turismo de Calacalli": None,           # a typo of the place: not a known one
    "Secretaría de Ambiente": None,
    "Secretaria de Ambiemte": None,
    "Unidad Educativa Fiscal 12": "nº 12",           # two schools: numbers tell them apart
    "Unidad Educativa Fiscal 13": "nº 13",
}


def test_a_name_mentions_the_longest_territory_as_whole_words():
    places = PlaceNames(TERRITORIES)
    assert places.mentioned("GAD Parroquial de SAN JOSÉ") == {"san jose"}
    assert places.mentioned("Administración Zona Calderón") == {"zona calderon"}
    assert places.mentioned("Comité de Calderón y La Tola") == {"calderon", "la tola"}
    assert places.mentioned("Sanjosé Eventos") == frozenset()
    assert places.mentioned("Calderonas del Norte") == frozenset()
    assert places.mentioned("Secretaría de Ambiente") == frozenset()
    assert numbers("Unidad Educativa Nº 12 «Quito»") == {"nº 12"}
    assert numbers("Plan 2021-2033") == {"nº 2021", "nº 2033"}
    assert numbers("Escuela Politécnica Nacional") == frozenset()
    # a number agrees only with itself
    assert different_places(numbers("Escuela 12"), numbers("Escuela 123"))


def test_places_agree_when_one_is_written_inside_the_other():
    assert different_places(frozenset({"san jose"}), frozenset({"san juan"}))
    assert not different_places(frozenset({"zona calderon"}), frozenset({"calderon"}))
    assert not different_places(frozenset(), frozenset({"san juan"}))
    assert different_places(frozenset({"calderon", "la tola"}), frozenset({"calderon"}))


@given(st.sets(st.sampled_from([fold(p) for p in TERRITORIES])),
       st.sets(st.sampled_from([fold(p) for p in TERRITORIES])))
def test_apart_is_symmetric_and_never_splits_the_same_places(a, b):
    a, b = frozenset(a), frozenset(b)
    assert different_places(a, b) == different_places(b, a)
    assert not different_places(a, a)


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    batch = GraphBatch()
    for name in TERRITORIES:
        batch.add_node(Territory(id=Territory.key(name), name=name))
    for name in ACTORS:
        batch.add_node(Actor(id=Actor.key(name), name=name, tipo="otro"))
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(batch)
    return store


def _similar(threshold: int) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """(may be one institution, name different places) among the pairs scoring ≥ threshold,
    from rapidfuzz and the places written beside ACTORS."""
    same, different = set(), set()
    names = sorted(ACTORS)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if fuzz.token_sort_ratio(fold(a), fold(b)) < threshold:
                continue
            pa, pb = ACTORS[a], ACTORS[b]
            (different if pa and pb and pa != pb else same).add(frozenset((a, b)))
    return same, different


def test_the_quality_report_sets_apart_names_of_different_places(store):
    report = build_report(store.snapshot(), 85)
    same, different = _similar(85)
    assert {frozenset((p["a"], p["b"])) for p in report["near_duplicates"]} == same
    # the typo of a place and the missing «de» stay listed; two parishes do not
    assert frozenset(("GAD Parroquial de San José", "GAD Parroquial San José")) in same
    assert frozenset(("Cámara de Turismo de Calacalí", "Cámara de Turismo de Calacalli")) in same
    assert frozenset(("GAD Parroquial de San José", "GAD Parroquial de San Juan")) in different
    assert frozenset(("Unidad Educativa Fiscal 12", "Unidad Educativa Fiscal 13")) in different
    # The example the report gives: alike but for the place, the most similar such pair.
    assert report["other_place_example"] == {
        "a": "Asociación de Mujeres de Nanegal", "b": "Asociación de Mujeres de Nanegalito",
        "score": round(fuzz.token_sort_ratio("asociacion de mujeres de nanegal",
                                             "asociacion de mujeres de nanegalito"))}


def test_the_markdown_says_what_it_left_out_and_why(store):
    out = CliRunner().invoke(main, ["quality", "--store", str(store.path)])
    assert out.exit_code == 0, out.output
    assert ("No se listan los nombres casi iguales que nombran territorios distintos de los "
            "datos (o llevan números distintos), como «Asociación de Mujeres de Nanegal» y "
            "«Asociación de Mujeres de Nanegalito»") in out.output
    assert "son instituciones distintas." in out.output
    english = CliRunner().invoke(main, ["quality", "--store", str(store.path), "--lang", "en"])
    assert ("Near-identical names that name different territories of the data (or carry "
            "different numbers) are not listed, such as «Asociación de Mujeres de Nanegal»"
            ) in english.output


KINDS = ["GAD Parroquial de", "Asociación de Mujeres de", "Cámara de Turismo", "Comité de",
         "Secretaría de Ambiente", "Fundación"]
PLACES = [*TERRITORIES, "Calacalli", "San Jos", "Nanegalit", ""]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.sampled_from(PLACES),
                          st.sampled_from(PLACES), st.sampled_from(["", "Norte", "del Sur"])),
                min_size=2, max_size=40),
       st.integers(min_value=60, max_value=95), st.integers(min_value=1, max_value=9))
def test_the_place_index_finds_what_the_full_sweep_finds_less_the_pairs_apart(
        parts, threshold, chunk):
    """Comparing each name only with names of agreeing places (and names of none) finds
    exactly the pairs of the full sweep whose places are not apart, in blocks of any size."""
    names = {f"actor:{i}": " ".join(w for w in p if w) for i, p in enumerate(parts)}
    places = PlaceNames(TERRITORIES)
    mentions = {n: places.mentioned(name) for n, name in names.items()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quality_module, "_CHUNK", chunk)
        indexed = near_duplicates(names, threshold, mentions)
    everything = near_duplicates(names, threshold)
    assert indexed == [p for p in everything
                       if not different_places(mentions[p["a_id"]], mentions[p["b_id"]])]
