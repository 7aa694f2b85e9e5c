"""Near-identical titles (queries/similarity.py): the filters never drop a pair that
reaches the threshold, checked against comparing every pair with rapidfuzz."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from tejido.queries import similarity
from tejido.queries.similarity import normalize, similar_pairs


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="abcdeáé ,.-", min_size=1, max_size=14), max_size=40),
       st.integers(2, 7), st.sampled_from([0, 1, 3, 8, 128]), st.sampled_from([1, 3, 8192]))
def test_blocked_similarity_finds_exactly_the_all_pairs_answer(titles: list[str], block: int,
                                                               screen: int, window: int) -> None:
    # `screen`: unary columns the screen multiplies (128 keeps all of them here; 0 leaves
    # the screen only the lengths): the exact bag bound behind it must make up for it.
    # `window`: titles of a length window screened at a time (the last slice short).
    expected = {
        (i, j) for i, j in itertools.combinations(range(len(titles)), 2)
        if normalize(titles[i]) and normalize(titles[j])
        and fuzz.ratio(normalize(titles[i]), normalize(titles[j])) >= 90
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(similarity, "SCREEN_COLUMNS", screen)
        patch.setattr(similarity, "SCREEN_WINDOW", window)
        patch.setattr(similarity, "BAG_PAIRS", window)  # 1, 3: several slices of pairs
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


def _thermometer_factors(counts: np.ndarray, threshold: float,
                         columns: int) -> tuple[np.ndarray, np.ndarray]:
    """The screen's factors the long way: the whole unary code, every column built."""
    top = counts.max(axis=0) if len(counts) else np.zeros(counts.shape[1], dtype=np.int32)
    code = np.zeros((len(counts), int(top.sum())), dtype=np.float32)
    start = 0
    for k, depth in enumerate(top.tolist()):
        code[:, start:start + depth] = counts[:, k, None] > np.arange(depth)[None, :]
        start += depth
    share = code.mean(axis=0) if len(code) else np.zeros(code.shape[1], dtype=np.float32)
    kept = np.sort(np.argsort(-(share * (1 - share)), kind="stable")[:columns])
    part = np.ascontiguousarray(code[:, kept])
    lengths = code.sum(axis=1)
    rest = lengths - part.sum(axis=1)
    ones = np.ones((len(code), 1), dtype=np.float32)
    half = ((rest - np.float32(threshold) * lengths) / 2)[:, None].astype(np.float32)
    return np.hstack([part, half, ones]), np.hstack([part, ones, half])


@pytest.mark.parametrize("seed", range(12))
def test_screen_factors_equal_those_of_the_whole_unary_code(seed: int) -> None:
    # Built from the counts, only the kept columns: the same floats, bit for bit, as
    # building every unary column (so the same pairs pass the screen).
    rng = np.random.default_rng(seed)
    texts, classes = int(rng.integers(0, 3000)), int(rng.integers(1, 60))
    counts = rng.poisson(rng.uniform(0.2, 4, classes), (texts, classes)).astype(np.int32)
    for columns in (0, 7, 128):
        got = similarity.screen_factors(counts, 0.9, columns)
        want = _thermometer_factors(counts, 0.9, columns)
        for a, b in zip(got, want, strict=True):
            assert a.dtype == b.dtype and a.shape == b.shape
            assert np.array_equal(a, b)
    for shape in ((0, 3), (5, 1)):  # no texts; a class nobody has
        empty = np.zeros(shape, dtype=np.int32)
        for a, b in zip(similarity.screen_factors(empty, 0.9),
                        _thermometer_factors(empty, 0.9, 128), strict=True):
            assert a.shape == b.shape and np.array_equal(a, b)
    titles = ["".join(rng.choice(list("abcdeáé ,.-xyz"), int(rng.integers(1, 90))))
              for _ in range(400)]
    counts = similarity.class_counts([normalize(t) for t in titles])
    for a, b in zip(similarity.screen_factors(counts, 0.9),
                    _thermometer_factors(counts, 0.9, similarity.SCREEN_COLUMNS), strict=True):
        assert np.array_equal(a, b)


@pytest.mark.parametrize("max_columns", [1024, 20, 1])
def test_class_counts_are_the_same_counted_a_chunk_at_a_time(max_columns: int) -> None:
    rng = np.random.default_rng(max_columns)
    titles = ["".join(rng.choice(list("aaaeeiouáéñ xyz,"), int(rng.integers(0, 40))))
              for _ in range(50)]
    whole = similarity.class_counts(titles, max_columns)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(similarity, "COUNT_CHUNK", 3)  # 17 chunks, the last one short
        chunked = similarity.class_counts(titles, max_columns)
    assert chunked.dtype == whole.dtype and np.array_equal(chunked, whole)
    # Every character of a title is counted once, in one class.
    assert whole.sum(axis=1).tolist() == [len(t) for t in titles]
    assert whole.shape[1] >= 1 and int(whole.max(axis=0).sum()) <= max(max_columns, 40)
