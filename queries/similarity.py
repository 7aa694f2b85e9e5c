"""Near-identical titles without comparing every pair of titles.

Titles are compared after :func:`normalize` (accents, case and punctuation removed) with
rapidfuzz's ``fuzz.ratio``, the normalized Indel similarity
``1 - indel(a, b) / (len(a) + len(b))``.

Blocking (exact, it never drops a qualifying pair): the Indel distance is at least the
length difference, so ``ratio(a, b) >= t`` implies ``len(b) <= len(a) * (2 - t) / t`` for
``len(a) <= len(b)`` — at t = 0.9, titles more than ~22 % longer cannot match. Titles are
sorted by length (the sorted-neighbourhood method, Hernández & Stolfo 1995, with the
length filter of Gravano et al. 2001 as its window), cut into blocks, and each block is
scored only against the titles inside its length window with
only the pairs that pass a second exact filter (below) are then scored with
``rapidfuzz.process.cpdist(..., score_cutoff=...)``.

Character-class count filter (exact too): every insertion or deletion changes the count of
one character by one, so for any partition of the alphabet into classes the Indel
distance is at least ``sum_k |count_k(a) - count_k(b)|`` (the bag-of-characters bound of
q-gram filtering with q = 1, Gravano et al. 2001, with the alphabet folded into
``CLASSES`` classes); a pair whose bound already exceeds ``(1 - t)(len(a) + len(b))``
cannot reach ``t``. Counting is vectorized with numpy, a few operations per pair instead
of a full Indel computation, and lets through well under 1 % of the pairs of a length
window on the synthetic portfolios (bench/bench_gaps.py prints the figures).
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
#: Character classes of the count filter (more classes: a tighter bound, more counting).
CLASSES = 16
_PUNCT = re.compile(r"[\W_]+")


def normalize(title: str) -> str:
    """Accent-, case- and punctuation-insensitive form: 'Ferias, ¡YA!' -> 'ferias ya'."""
    return " ".join(_PUNCT.sub(" ", fold(title)).split())


def max_partner_length(length: int, threshold: float = THRESHOLD) -> int:
    """The longest title that can still reach ``threshold`` against one of ``length``."""
    return int(length * (2 - threshold) / threshold + 1e-9)


def class_counts(texts: Sequence[str], classes: int = CLASSES) -> np.ndarray:
    """Per text, how many of its characters fall in each class (texts x classes).

    Characters are dealt into classes round-robin by frequency (ties by character), so
    the classes are about equally common and the bound is tight; any partition is exact.
    """
    frequency = Counter(c for text in texts for c in text)
    ranked = sorted(frequency, key=lambda c: (-frequency[c], c))
    of = {c: rank % classes for rank, c in enumerate(ranked)}
    counts = np.zeros((len(texts), classes), dtype=np.int16)
    for row, text in enumerate(texts):
        for c, n in Counter(text).items():
            counts[row, of[c]] += n
    return counts


def similar_pairs(titles: Sequence[str], threshold: float = THRESHOLD,
                  block: int = BLOCK) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) whose normalized titles score >= ``threshold``, with the score.

    The score is rapidfuzz's ratio / 100, rounded to 4 decimals; pairs come sorted.
    """
    keyed = sorted(((normalize(t), i) for i, t in enumerate(titles)), key=lambda p: len(p[0]))
    keyed = [(text, i) for text, i in keyed if text]
    texts = [text for text, _ in keyed]
    lengths = [len(text) for text in texts]
    size = np.array(lengths, dtype=np.int32)
    counts = class_counts(texts)
    cutoff = threshold * 100
    found: list[tuple[int, int, float]] = []
    for start in range(0, len(texts), block):
        stop = min(start + block, len(texts))
        window = bisect_right(lengths, max_partner_length(lengths[stop - 1], threshold))
        bound = np.zeros((stop - start, window - start), dtype=np.int16)
        for k in range(counts.shape[1]):
            bound += np.abs(counts[start:stop, k, None] - counts[None, start:window, k])
        allowed = (1 - threshold) * (size[start:stop, None] + size[None, start:window]) + 1e-9
        rows, cols = np.nonzero(bound <= allowed)
        later = cols > rows  # each pair once, and never a title with itself
        ps, qs = rows[later] + start, cols[later] + start
        if not len(ps):
            continue
        scores = process.cpdist([texts[p] for p in ps], [texts[q] for q in qs],
                                scorer=fuzz.ratio, score_cutoff=cutoff)
        for hit in np.nonzero(scores)[0]:
            a, b = keyed[int(ps[hit])][1], keyed[int(qs[hit])][1]
            found.append((min(a, b), max(a, b), round(float(scores[hit]) / 100, 4)))
    return sorted(found)
