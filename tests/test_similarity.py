"""Near-identical titles (queries/similarity.py): the filters never drop a pair that
reaches the threshold, checked against comparing every pair with rapidfuzz."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from tejido.queries import similarity
from tejido.queries.similarity import normalize, similar_pairs


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="abcdeáé ,.-", min_size=1, max_size=14), max_size=40),
       st.integers(2, 7), st.sampled_from([0, 1, 3, 8, 128]))
def test_blocked_similarity_finds_exactly_the_all_pairs_answer(titles: list[str], block: int,
                                                               screen: int) -> None:
    # `screen`: unary columns the screen multiplies (128 keeps all of them here; 0 leaves
    # the screen only the lengths): the exact bag bound behind it must make up for it.
    expected = {
        (i, j) for i, j in itertools.combinations(range(len(titles)), 2)
        if normalize(titles[i]) and normalize(titles[j])
        and fuzz.ratio(normalize(titles[i]), normalize(titles[j])) >= 90
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(similarity, "SCREEN_COLUMNS", screen)
        assert {(i, j) for i, j, _ in similar_pairs(titles, block=block)} == expected


# --- filters, CLI, Neo4j ---------------------------------------------------------------


@pytest.mark.parametrize("length", [10, 100, 400])
def test_titles_exactly_at_the_threshold_are_found_and_just_below_are_not(length: int) -> None:
    # ratio = 1 - indel / (len(a) + len(b)): two titles of `length` characters differing in
    # length / 10 characters (each a deletion plus an insertion) score exactly 0.9; one
    # more differing character falls below. The bound is computed in float32 over sums
    # of hundreds of columns: the edge must not be lost to rounding.
    words = "ferias agroecologicas en la parroquia de nanegal y su mancomunidad "
    base = (words * (length // len(words) + 1))[:length - 1] + "z"
    changed = length // 10

    def differing(n: int) -> str:
        return "".join("x" if i % 10 == 5 and i // 10 < n else c for i, c in enumerate(base))

    at = differing(changed)
    below = "x" + at[1:]  # one more differing character
    # The premise, checked on the compared (normalized) forms.
    assert fuzz.ratio(normalize(base), normalize(at)) == pytest.approx(90)
    assert fuzz.ratio(normalize(base), normalize(below)) < 90
    found = {(i, j) for i, j, _ in similar_pairs([base, at, below])}
    assert (0, 1) in found and (0, 2) not in found
