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
``rapidfuzz.process.cdist(..., score_cutoff=...)``, which scores the block in C and zeroes
everything below the cutoff.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from tejido.graph.model import fold

#: Similarity (0–1) at or above which two titles count as the same initiative.
THRESHOLD = 0.9
BLOCK = 256
_PUNCT = re.compile(r"[\W_]+")


def normalize(title: str) -> str:
    """Accent-, case- and punctuation-insensitive form: 'Ferias, ¡YA!' -> 'ferias ya'."""
    return " ".join(_PUNCT.sub(" ", fold(title)).split())


def max_partner_length(length: int, threshold: float = THRESHOLD) -> int:
    """The longest title that can still reach ``threshold`` against one of ``length``."""
    return int(length * (2 - threshold) / threshold + 1e-9)


def similar_pairs(titles: Sequence[str], threshold: float = THRESHOLD,
                  block: int = BLOCK) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) whose normalized titles score >= ``threshold``, with the score.

    The score is rapidfuzz's ratio / 100, rounded to 4 decimals; pairs come sorted.
    """
    keyed = sorted(((normalize(t), i) for i, t in enumerate(titles)), key=lambda p: len(p[0]))
    keyed = [(text, i) for text, i in keyed if text]
    texts = [text for text, _ in keyed]
    lengths = [len(text) for text in texts]
    cutoff = threshold * 100
    found: list[tuple[int, int, float]] = []
    for start in range(0, len(texts), block):
        stop = min(start + block, len(texts))
        window = bisect_right(lengths, max_partner_length(lengths[stop - 1], threshold))
        scores = process.cdist(texts[start:stop], texts[start:window], scorer=fuzz.ratio,
                               score_cutoff=cutoff)
        for row, col in zip(*scores.nonzero(), strict=True):
            p, q = start + int(row), start + int(col)
            if q <= p:
                continue
            a, b = keyed[p][1], keyed[q][1]
            found.append((min(a, b), max(a, b), round(float(scores[row, col]) / 100, 4)))
    return sorted(found)
