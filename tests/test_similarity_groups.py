"""Similar titles among a subset and within groups (queries/similarity.py), and the
same-place rule of «iniciativa duplicada» (queries/gaps/iniciativa_duplicada.py): each
checked against comparing every pair with rapidfuzz."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from tejido.queries import similarity
from tejido.queries.gaps import iniciativa_duplicada
from tejido.queries.gaps.iniciativa_duplicada import same_place_pairs
from tejido.queries.similarity import normalize, similar_in_groups, similar_pairs

titles_st = st.lists(st.text(alphabet="abcdeáé ,.-", min_size=1, max_size=14), max_size=30)


def _similar(titles: list[str], i: int, j: int) -> bool:
    a, b = normalize(titles[i]), normalize(titles[j])
    return bool(a and b) and fuzz.ratio(a, b) >= 90


def _pairs(found: list[tuple[int, int, float]]) -> set[tuple[int, int]]:
    assert found == sorted(found) and len({(i, j) for i, j, _ in found}) == len(found)
    assert all(i < j for i, j, _ in found)
    return {(i, j) for i, j, _ in found}


@settings(max_examples=80, deadline=None)
@given(titles_st, st.data(), st.integers(2, 7), st.sampled_from([1, 3, 10_000]))
def test_among_gives_every_similar_pair_touching_the_subset(titles, data, block, long):
    # `long`: titles longer than this are scored without the filters (cdist); 1 and 3 send
    # most blocks that way, 10 000 none.
    among = data.draw(st.sets(st.integers(0, max(len(titles) - 1, 0))) if titles
                      else st.just(set()))
    expected = {(i, j) for i, j in itertools.combinations(range(len(titles)), 2)
                if (i in among or j in among) and _similar(titles, i, j)}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(similarity, "LONG_TITLE", long)
        found = similar_pairs(titles, block=block, among=sorted(among))
    assert _pairs(found) == expected
    scores = {(i, j): s for i, j, s in similar_pairs(titles)}
    assert all(scores[(i, j)] == s for i, j, s in found)  # the same scores as the full run


@settings(max_examples=80, deadline=None)
@given(titles_st, st.data(), st.sampled_from([0, 10**9]))
def test_groups_give_every_similar_pair_inside_a_group(titles, data, direct):
    # `direct` 0 sends every group to the sweep, 10**9 none.
    n = len(titles)
    index = st.integers(0, max(n - 1, 0))
    groups = data.draw(st.lists(st.tuples(st.lists(index, max_size=8),
                                          st.lists(index, max_size=12)), max_size=4)
                       if n else st.just([]))
    expected = {(min(i, j), max(i, j)) for first, second in groups
                for i in first for j in (*first, *second)
                if i != j and _similar(titles, i, j)}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(similarity, "DIRECT_PAIRS", direct)
        patch.setattr(similarity, "SWEEP_ROWS", 1)
        patch.setattr(similarity, "BLOCK", 2)
        found = similar_in_groups(titles, groups)
    assert _pairs(found) == expected


# A small territory tree: a province with two cantons, each with two parishes.
PARENT = {"c1": "prov", "c2": "prov", "p11": "c1", "p12": "c1", "p21": "c2", "p22": "c2"}


def _up(place: str) -> set[str]:
    found = {place}
    while place in PARENT:
        place = PARENT[place]
        found.add(place)
    return found


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["ferias agroecologicas", "ferias agroecologica",
                                           "restaurar quebradas", "restaurar quebrada s"]),
                          st.sets(st.sampled_from(["prov", *PARENT]), max_size=3)),
                max_size=14),
       st.sampled_from([0, 1, 2, 8]))
def test_same_place_pairs_are_the_similar_pairs_that_can_share_a_place(actions, wide):
    # `wide`: actions in more territories than this are swept against every title and
    # filtered afterwards (0: all of them; 8: none here).
    rows = [{"titulo": title, "territorios": [{"id": p, "nombre": p} for p in sorted(places)],
             "dentro_de": sorted({u for p in places for u in _up(p)})}
            for title, places in actions]

    def may_share(a: dict, b: dict) -> bool:
        mine, theirs = ({p["id"] for p in r["territorios"]} for r in (a, b))
        return (not mine or not theirs or bool(mine & set(b["dentro_de"]))
                or bool(theirs & set(a["dentro_de"])))

    titles = [r["titulo"] for r in rows]
    expected = {(i, j) for i, j in itertools.combinations(range(len(rows)), 2)
                if may_share(rows[i], rows[j]) and _similar(titles, i, j)}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(iniciativa_duplicada, "WIDE", wide)
        assert _pairs(same_place_pairs(rows)) == expected


def test_two_parishes_apart_are_not_a_duplicate_but_a_parish_and_its_canton_are():
    def at(*places: str) -> list[dict[str, str]]:
        return [{"id": p, "nombre": p} for p in places]

    rows = [{"titulo": "Ferias agroecológicas", "territorios": at("p11"),
             "dentro_de": ["c1", "p11", "prov"]},
            {"titulo": "ferias agroecologicas", "territorios": at("p21"),
             "dentro_de": ["c2", "p21", "prov"]},
            {"titulo": "Ferias agroecológicas.", "territorios": at("c1"),
             "dentro_de": ["c1", "prov"]},
            {"titulo": "Ferias agroecologicas", "territorios": [], "dentro_de": []}]
    assert _pairs(same_place_pairs(rows)) == {(0, 2), (0, 3), (1, 3), (2, 3)}
