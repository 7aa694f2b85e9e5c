"""Near-identical titles without comparing every pair of titles.

Titles are compared after :func:`normalize` (accents, case and punctuation removed) with
rapidfuzz's ``fuzz.ratio``, the normalized Indel similarity
``1 - indel(a, b) / (len(a) + len(b))``. Exact filters (they never drop a qualifying
pair) decide which pairs get scored:

1. Length window: the Indel distance is at least the length difference, so
   ``ratio(a, b) >= t`` implies ``len(b) <= len(a) * (2 - t) / t`` for
   ``len(a) <= len(b)`` — at t = 0.9, titles more than ~22 % longer cannot match. Titles
   are sorted by length (the sorted-neighbourhood method, Hernández & Stolfo 1995, with
   the length filter of Gravano et al. 2001 as its window) and cut into blocks; a block
   is only paired with the titles inside its length window.
2. Bag of characters (q-gram count filter with q = 1, Gravano et al. 2001): every
   insertion or deletion changes one character count by one, so
   ``indel(a, b) >= len(a) + len(b) - 2 * common`` where ``common`` is the number of
   characters the two titles share counted with multiplicity (``sum_c min(a_c, b_c)``),
   and ``ratio >= t`` needs ``common >= t (len(a) + len(b)) / 2``. Characters may be
   folded into fewer classes (``MAX_COLUMNS``); that only raises ``common``, so it
   stays exact. The bound is applied in two steps:

   a. Screen, one matrix product per block (BLAS). In unary ("thermometer") code — one
      0/1 column per character and count, 1 when the title has more than that many of
      the character — ``common`` is a dot product. Only the ``SCREEN_COLUMNS`` columns
      on which titles differ most are multiplied; the shared ones left out of a pair's
      product number at most ``min(r_a, r_b) <= (r_a + r_b) / 2`` (``r``: a title's 1s
      in the columns left out), so ``screen = common_kept + (r_a + r_b) / 2`` bounds
      ``common`` from above. Columns nearly every title has (a first «e», a first
      space) cost a product but tell titles apart no better than this average, which
      is exact when both titles have the column. With ``r`` and the lengths carried
      in two more columns, the whole test ``screen - t (len(a) + len(b)) / 2 >= 0`` is
      one product, one comparison and one scan of the block.
   b. Exact bag bound on the pairs the screen lets through, from the per-character
      counts (integers: no rounding).

   Most of the time on large portfolios is the screen's sweep over the length windows,
   which grow with the square of the titles; the pairs scored are well under 1 % of them.

Only the pairs left by both filters are scored, with ``rapidfuzz.process.cpdist(...,
score_cutoff=...)`` (bench/bench_gaps.py prints how many pass each step). Blocks of
titles longer than ``LONG_TITLE`` are scored directly against their window with
``process.cdist``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from tejido.graph.model import fold

#: Similarity (0–1) at or above which two titles count as the same initiative.
THRESHOLD = 0.9
BLOCK = 256
#: Blocks whose titles are all at most this long use the bag-of-characters filter.
LONG_TITLE = 512
#: Most unary columns the filter builds (characters are folded into classes beyond it).
MAX_COLUMNS = 1024
#: Unary columns the screen multiplies (those on which titles differ most).
SCREEN_COLUMNS = 128
_PUNCT = re.compile(r"[\W_]+")


def normalize(title: str) -> str:
    """Accent-, case- and punctuation-insensitive form: 'Ferias, ¡YA!' -> 'ferias ya'."""
    return " ".join(_PUNCT.sub(" ", fold(title)).split())


def max_partner_length(length: int, threshold: float = THRESHOLD) -> int:
    """The longest title that can still reach ``threshold`` against one of ``length``."""
    return int(length * (2 - threshold) / threshold + 1e-9)


def class_counts(texts: Sequence[str], max_columns: int = MAX_COLUMNS) -> np.ndarray:
    """Texts x character classes matrix of counts, with at most ``max_columns`` unary
    columns (the sum over classes of the largest count).

    Characters are dealt into classes round-robin by frequency (ties by character),
    starting with one class per character and halving the classes until the columns fit
    in ``max_columns`` (or one class is left).
    """
    frequency = Counter(c for text in texts for c in text)
    ranked = sorted(frequency, key=lambda c: (-frequency[c], c))
    per_text = [Counter(text) for text in texts]
    classes = max(len(ranked), 1)
    while True:
        of = {c: rank % classes for rank, c in enumerate(ranked)}
        counts = np.zeros((len(texts), classes), dtype=np.int32)
        for row, chars in enumerate(per_text):
            for c, n in chars.items():
                counts[row, of[c]] += n
        top = counts.max(axis=0) if len(texts) else np.zeros(classes, dtype=np.int32)
        if int(top.sum()) <= max_columns or classes == 1:
            return counts
        classes = max(1, classes // 2)


def unary(counts: np.ndarray) -> np.ndarray:
    """0/1 matrix whose row products count shared characters: column (class k, j) is 1
    when the text has more than j characters of class k."""
    top = counts.max(axis=0) if len(counts) else np.zeros(counts.shape[1], dtype=np.int32)
    code = np.zeros((len(counts), int(top.sum())), dtype=np.float32)
    start = 0
    for k, depth in enumerate(top.tolist()):
        code[:, start:start + depth] = counts[:, k, None] > np.arange(depth)[None, :]
        start += depth
    return code


def screen_factors(code: np.ndarray, threshold: float,
                   columns: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Left and right factors whose product is ``screen - t (len(a) + len(b)) / 2``.

    Keeps the ``columns`` unary columns of highest variance; row a of the left factor is
    ``[kept(a), (r_a - t len(a)) / 2, 1]``, row b of the right one
    ``[kept(b), 1, (r_b - t len(b)) / 2]`` (``r``: 1s in the columns left out).
    """
    columns = SCREEN_COLUMNS if columns is None else columns
    share = code.mean(axis=0) if len(code) else np.zeros(code.shape[1], dtype=np.float32)
    kept = np.sort(np.argsort(-(share * (1 - share)), kind="stable")[:columns])
    part = np.ascontiguousarray(code[:, kept])
    lengths = code.sum(axis=1)
    rest = lengths - part.sum(axis=1)
    ones = np.ones((len(code), 1), dtype=np.float32)
    half = ((rest - np.float32(threshold) * lengths) / 2)[:, None].astype(np.float32)
    return np.hstack([part, half, ones]), np.hstack([part, ones, half])


def _candidates(left: np.ndarray, right: np.ndarray, counts: np.ndarray, lengths: np.ndarray,
                start: int, stop: int, window: int, threshold: float,
                stats: dict[str, int] | None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (p < q) of a block and its window that pass the bag-of-characters bound."""
    # The slack absorbs float32 rounding (small integer sums and products by t/2): the
    # screen never drops a pair the exact bound keeps.
    margin = left[start:stop] @ right[start:window].T
    # One flat scan: several times faster than a two-dimensional nonzero over a matrix
    # that is almost all False.
    rows, cols = np.divmod(np.flatnonzero(margin >= -1e-3), margin.shape[1])
    upper = cols > rows
    ps, qs = rows[upper] + start, cols[upper] + start
    common = np.minimum(counts[ps], counts[qs]).sum(axis=1)
    exact = 2 * common >= threshold * (lengths[ps] + lengths[qs]) - 1e-9
    if stats is not None:
        rows_in_block = stop - start
        stats["window"] += (rows_in_block * (window - start)
                            - rows_in_block * (rows_in_block + 1) // 2)
        stats["screened"] += len(ps)
        stats["bag"] += int(exact.sum())
    return ps[exact], qs[exact]


def similar_pairs(titles: Sequence[str], threshold: float = THRESHOLD, block: int = BLOCK,
                  stats: dict[str, int] | None = None) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) whose normalized titles score >= ``threshold``, with the score.

    The score is rapidfuzz's ratio / 100, rounded to 4 decimals; pairs come sorted.
    ``stats``, when given, receives how many pairs each filter looked at and let through
    (``window``, ``screened``, ``bag``, ``scored``, ``found``) for the benchmark.
    """
    if stats is not None:
        stats.update(dict.fromkeys(("window", "screened", "bag", "scored", "found"), 0))
    keyed = sorted(((normalize(t), i) for i, t in enumerate(titles)), key=lambda p: len(p[0]))
    keyed = [(text, i) for text, i in keyed if text]
    texts = [text for text, _ in keyed]
    lengths = [len(text) for text in texts]
    covered = bisect_right(lengths, max_partner_length(LONG_TITLE, threshold))
    counts = class_counts(texts[:covered])
    left, right = screen_factors(unary(counts), threshold)
    sizes = np.array(lengths[:covered], dtype=np.int64)
    cutoff = threshold * 100
    found: list[tuple[int, int, float]] = []

    def keep(p: int, q: int, score: float) -> None:
        a, b = keyed[p][1], keyed[q][1]
        found.append((min(a, b), max(a, b), round(float(score) / 100, 4)))

    for start in range(0, len(texts), block):
        stop = min(start + block, len(texts))
        window = bisect_right(lengths, max_partner_length(lengths[stop - 1], threshold))
        if lengths[stop - 1] > LONG_TITLE:
            scores = process.cdist(texts[start:stop], texts[start:window], scorer=fuzz.ratio,
                                   score_cutoff=cutoff)
            for row, col in zip(*scores.nonzero(), strict=True):
                if col > row:
                    keep(start + int(row), start + int(col), scores[row, col])
            continue
        ps, qs = _candidates(left, right, counts, sizes, start, stop, window, threshold,
                             stats)
        if not len(ps):
            continue
        if stats is not None:
            stats["scored"] += len(ps)
        scores = process.cpdist([texts[p] for p in ps], [texts[q] for q in qs],
                                scorer=fuzz.ratio, score_cutoff=cutoff)
        for hit in np.nonzero(scores)[0]:
            keep(int(ps[hit]), int(qs[hit]), scores[hit])
    if stats is not None:
        stats["found"] = len(found)
    return sorted(found)
