"""Near-identical titles without comparing every pair of titles.

Titles are compared after :func:`normalize` (accents, case and punctuation removed) with
rapidfuzz's ``fuzz.ratio``, the normalized Indel similarity
``1 - indel(a, b) / (len(a) + len(b))``. Two exact filters (they never drop a
qualifying pair) decide which pairs get scored:

1. Length window: the Indel distance is at least the length difference, so
   ``ratio(a, b) >= t`` implies ``len(b) <= len(a) * (2 - t) / t`` for
   ``len(a) <= len(b)`` — at t = 0.9, titles more than ~22 % longer cannot match. Titles
   are sorted by length (the sorted-neighbourhood method, Hernández & Stolfo 1995, with
   the length filter of Gravano et al. 2001 as its window) and cut into blocks; a block
   is only paired with the titles inside its length window.
2. Bag of characters (q-gram count filter with q = 1, Gravano et al. 2001): every
   insertion or deletion changes one character count by one, so
   ``indel(a, b) >= len(a) + len(b) - 2 * common`` where ``common`` is the number of
   characters the two titles share counted with multiplicity (``sum_c min(a_c, b_c)``).
   Written in unary ("thermometer") code — one 0/1 column per character and count,
   1 when the title has more than that many of the character — ``common`` is a dot
   product, so a whole block is bounded by one matrix product (BLAS) instead of one
   Indel computation per pair. Characters may be folded into fewer classes to bound the
   number of columns (``MAX_COLUMNS``); that only raises ``common``, so it stays exact.
   The whole test ``2 common - t (len(a) + len(b)) >= 0`` is one product: two more
   columns carry the lengths, so a block costs one BLAS call, one comparison and one
   scan for the few pairs that pass (most of the time on large portfolios is the sweep
   over the length windows, not the pairs scored).

Only the pairs left by both are scored, with ``rapidfuzz.process.cpdist(...,
score_cutoff=...)``; on the synthetic portfolios that is well under 1 % of the length
windows (bench/bench_gaps.py prints the figures). Blocks of titles longer than
``LONG_TITLE`` are scored directly against their window with ``process.cdist``.
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
_PUNCT = re.compile(r"[\W_]+")


def normalize(title: str) -> str:
    """Accent-, case- and punctuation-insensitive form: 'Ferias, ¡YA!' -> 'ferias ya'."""
    return " ".join(_PUNCT.sub(" ", fold(title)).split())


def max_partner_length(length: int, threshold: float = THRESHOLD) -> int:
    """The longest title that can still reach ``threshold`` against one of ``length``."""
    return int(length * (2 - threshold) / threshold + 1e-9)


def unary_counts(texts: Sequence[str], max_columns: int = MAX_COLUMNS) -> np.ndarray:
    """Texts x columns 0/1 matrix whose row products count shared characters.

    Column (class k, j) is 1 when the text has more than j characters of class k.
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
            break
        classes = max(1, classes // 2)
    unary = np.zeros((len(texts), int(top.sum())), dtype=np.float32)
    start = 0
    for k, depth in enumerate(top.tolist()):
        unary[:, start:start + depth] = counts[:, k, None] > np.arange(depth)[None, :]
        start += depth
    return unary


def _with_lengths(unary: np.ndarray, sizes: np.ndarray,
                  threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Left and right factors whose product is ``common - t (len(a) + len(b)) / 2``.

    Row a of the left factor is ``[unary(a), len(a), 1]``, row b of the right one
    ``[unary(b), -t/2, -t len(b) / 2]``: one matrix product then gives, for a whole block,
    the margin by which each pair clears the bag-of-characters bound.
    """
    half = np.float32(threshold / 2)
    ones = np.ones((len(sizes), 1), dtype=np.float32)
    left = np.hstack([unary, sizes[:, None], ones])
    right = np.hstack([unary, -half * ones, -half * sizes[:, None]])
    return left, right


def _candidates(left: np.ndarray, right: np.ndarray, start: int, stop: int,
                window: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (p < q) of a block and its window that pass the bag-of-characters bound."""
    # indel >= total - 2 common, and ratio >= t needs indel <= (1 - t) total, i.e.
    # common - t total / 2 >= 0; the slack absorbs float32 rounding (small integer sums
    # and one product by t/2), so no qualifying pair is ever dropped.
    margin = left[start:stop] @ right[start:window].T
    rows, cols = np.nonzero(margin >= -1e-3)
    upper = cols > rows
    return rows[upper] + start, cols[upper] + start


def similar_pairs(titles: Sequence[str], threshold: float = THRESHOLD,
                  block: int = BLOCK) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) whose normalized titles score >= ``threshold``, with the score.

    The score is rapidfuzz's ratio / 100, rounded to 4 decimals; pairs come sorted.
    """
    keyed = sorted(((normalize(t), i) for i, t in enumerate(titles)), key=lambda p: len(p[0]))
    keyed = [(text, i) for text, i in keyed if text]
    texts = [text for text, _ in keyed]
    lengths = [len(text) for text in texts]
    covered = bisect_right(lengths, max_partner_length(LONG_TITLE, threshold))
    left, right = _with_lengths(unary_counts(texts[:covered]),
                                np.array(lengths[:covered], dtype=np.float32), threshold)
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
        ps, qs = _candidates(left, right, start, stop, window)
        if not len(ps):
            continue
        scores = process.cpdist([texts[p] for p in ps], [texts[q] for q in qs],
                                scorer=fuzz.ratio, score_cutoff=cutoff)
        for hit in np.nonzero(scores)[0]:
            keep(int(ps[hit]), int(qs[hit]), scores[hit])
    return sorted(found)
