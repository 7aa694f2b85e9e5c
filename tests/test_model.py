"""The model: closed lists, stable ids, relationship endpoints, batch merging."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from tejido.graph import schema
from tejido.graph.model import (
    Action,
    Actor,
    ActorTipo,
    Estado,
    GraphBatch,
    Rel,
    RelType,
    fold,
    stable_id,
)


def test_fold_ignores_case_accents_and_spacing():
    assert fold("  Secretaría   de AMBIENTE ") == fold("secretaria de ambiente")
    assert fold("ConQuito") == fold("CONQUITO")
    assert fold("Ñuñoa") != fold("Nunoa x")


def _fold_per_character(text: str) -> str:
    """fold as first written: each decomposed character tested in Python."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


@given(st.text() | st.text(alphabet="aeinoñuAEINOÑU áéíóúü\u0301\u0303\u034f\u20dd\t«»–º"))
def test_fold_gives_the_per_character_key(text: str) -> None:
    # The ASCII shortcut and the translate table must drop exactly the combining marks
    # (U+034F has class 0: kept) and nothing else.
    assert fold(text) == _fold_per_character(text)


def test_fold_keys_accented_names_as_their_plain_spelling() -> None:
    assert fold("Junta Parroquial de Nanegalito – Pichincha") == \
        "junta parroquial de nanegalito – pichincha"
    assert fold("GAD de Tumbaco\u0301") == fold("GAD de Tumbaco") == "gad de tumbaco"
    assert fold("Cayambe\u034f") != fold("Cayambe")


def test_ids_are_stable_and_spelling_insensitive():
    assert Actor.key("CONQUITO") == Actor.key("Conquito") == "actor:conquito"
    assert Actor.key("Secretaría de Ambiente") == Actor.key("SECRETARIA DE AMBIENTE")
    # Different types never share an id, even with the same name.
    assert stable_id("actor", "Quito") != stable_id("territory", "Quito")


def test_ids_keep_punctuated_names_apart():
    plain = Actor.key("Actor")
    quoted = Actor.key("`Actor`")
    hostile = Actor.key("x'}) DETACH DELETE n //")
    assert len({plain, quoted, hostile}) == 3
    # Same title under another eje is another action (needed to spot duplicates).
    assert Action.key("Plan de riego", "Eje 1") != Action.key("Plan de riego", "Eje 2")


def test_long_titles_get_bounded_distinct_ids():
    base = "Desarrollar sistemas de logística entre demanda y oferta en parroquias rurales "
    a, b = Action.key(base + "del norte"), Action.key(base + "del sur")
    assert a != b
    assert len(a) < 80 and len(b) < 80


@pytest.mark.parametrize(
    "model, field, allowed",
    [(Actor, "tipo", ActorTipo), (Action, "estado", Estado)],
)
def test_closed_lists_reject_unknown_values_listing_the_allowed_ones(model, field, allowed):
    base = {"id": "x", "name": "x"} if model is Actor else {"id": "x", "titulo": "x"}
    with pytest.raises(ValidationError) as info:
        model(**base, **{field: "inventado"})
    message = str(info.value)
    for member in allowed:
        assert member.value in message


def test_relationship_endpoints_come_from_the_model():
    with pytest.raises(ValidationError):
        Rel(type="LEADS", source="a", target="b", source_label="Action", target_label="Actor")
    with pytest.raises(ValidationError):
        Rel(type="HACKS", source="a", target="b", source_label="Actor", target_label="Action")
    with pytest.raises(ValueError):
        schema.merge_nodes("Actor) DETACH DELETE n //")
    rel = Rel(type="RELATES", source="a", target="b", source_label="Actor", target_label="Actor")
    assert rel.tipo == "relacion" and rel.key == "RELATES:relacion"


def test_batch_merges_duplicates_and_their_sources():
    batch = GraphBatch()
    batch.add_node(Actor(id=Actor.key("SDPC"), name="SDPC", sources=["s1"]))
    batch.add_node(Actor(id=Actor.key("sdpc"), name="sdpc", sources=["s2", "s1"]))
    lead = dict(type=RelType.LEADS, source="actor:sdpc", target="action:x",
                source_label="Actor", target_label="Action")
    batch.add_rel(Rel(**lead, sources=["s1"]))
    batch.add_rel(Rel(**lead, sources=["s3"]))
    assert batch.counts() == {"Actor": 1, "LEADS": 1}
    assert batch.nodes["actor:sdpc"].sources == ["s1", "s2"]
    assert next(iter(batch.rels.values())).sources == ["s1", "s3"]
