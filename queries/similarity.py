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

Callers that need only some pairs say which: ``similar_pairs(..., among=...)`` sweeps
only the blocks of those titles (each against every title in its length window), and
:func:`similar_in_groups` compares the titles of each group (``iniciativa_duplicada``:
the actions of a territory with those inside it), directly when a group is small.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

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
#: :func:`similar_in_groups` sweeps a group with more pairs than this and at least
#: SWEEP_ROWS titles in its first list; it scores any other directly.
DIRECT_PAIRS = 1_000_000
SWEEP_ROWS = 32
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
    in ``max_columns`` (or one class is left). Counted with numpy over the code points
    of all the texts at once.
    """
    points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    owner = np.repeat(np.arange(len(texts)), [len(text) for text in texts])
    # Distinct characters by code point (a table as long as the largest code point in
    # use: normalized titles are mostly below 128), with their frequencies.
    every = np.bincount(points) if len(points) else np.zeros(0, dtype=np.int64)
    chars = np.flatnonzero(every)
    frequency = every[chars]
    index = np.zeros(len(every), dtype=np.int64)
    index[chars] = np.arange(len(chars))
    index = index[points]
    # Rank of each distinct character: most frequent first, ties by code point (a stable
    # sort of characters already in code point order).
    rank = np.empty(len(chars), dtype=np.int64)
    rank[np.argsort(-frequency, kind="stable")] = np.arange(len(chars))
    classes = max(len(chars), 1)
    while True:
        of = rank % classes
        counts = np.bincount(owner * classes + of[index],
                             minlength=len(texts) * classes).reshape(len(texts), classes)
        counts = counts.astype(np.int32)
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
                rows: np.ndarray, lo: int, hi: int, is_row: np.ndarray, threshold: float,
                stats: dict[str, int] | None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (p, q) of the ``rows`` and the titles ``lo:hi`` that pass the bag-of-characters
    bound: q != p, and q > p when q is one of the rows too (each pair once)."""
    # The slack absorbs float32 rounding (small integer sums and products by t/2): the
    # screen never drops a pair the exact bound keeps.
    margin = left[rows] @ right[lo:hi].T
    # One flat scan: several times faster than a two-dimensional nonzero over a matrix
    # that is almost all False.
    found, cols = np.divmod(np.flatnonzero(margin >= -1e-3), margin.shape[1])
    ps, qs = rows[found], cols + lo
    once = _once(ps, qs, is_row)
    ps, qs = ps[once], qs[once]
    common = np.minimum(counts[ps], counts[qs]).sum(axis=1)
    exact = 2 * common >= threshold * (lengths[ps] + lengths[qs]) - 1e-9
    if stats is not None:
        stats["window"] += len(rows) * (hi - lo)
        stats["screened"] += len(ps)
        stats["bag"] += int(exact.sum())
    return ps[exact], qs[exact]


def _once(ps: np.ndarray, qs: np.ndarray, is_row: np.ndarray) -> np.ndarray:
    return (qs != ps) & (~is_row[qs] | (qs > ps))


def similar_pairs(titles: Sequence[str], threshold: float = THRESHOLD, block: int = BLOCK,
                  stats: dict[str, int] | None = None,
                  among: Iterable[int] | None = None) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) whose normalized titles score >= ``threshold``, with the score.

    The score is rapidfuzz's ratio / 100, rounded to 4 decimals; pairs come sorted.
    With ``among`` (indices), only the pairs with at least one title among those: the
    sweep then runs over their blocks alone, each against every title in its length
    window. ``stats``, when given, receives how many pairs each filter looked at and let
    through (``window``, ``screened``, ``bag``, ``scored``, ``found``) for the benchmark.
    """
    return _similar([normalize(t) for t in titles], threshold, block, stats, among)


def _similar(normal: Sequence[str], threshold: float, block: int,
             stats: dict[str, int] | None,
             among: Iterable[int] | None) -> list[tuple[int, int, float]]:
    """:func:`similar_pairs` on titles already normalized."""
    if stats is not None:
        stats.update(dict.fromkeys(("window", "screened", "bag", "scored", "found"), 0))
    keyed = sorted(((text, i) for i, text in enumerate(normal)), key=lambda p: len(p[0]))
    keyed = [(text, i) for text, i in keyed if text]
    texts = [text for text, _ in keyed]
    lengths = [len(text) for text in texts]
    # reach[p]: the longest partner of title p; sorted like the lengths.
    reach = [max_partner_length(n, threshold) for n in lengths]
    wanted = None if among is None else set(among)
    is_row = np.array([wanted is None or i in wanted for _, i in keyed], dtype=bool)
    positions = np.flatnonzero(is_row)
    covered = bisect_right(lengths, max_partner_length(LONG_TITLE, threshold))
    counts = class_counts(texts[:covered])
    left, right = screen_factors(unary(counts), threshold)
    sizes = np.array(lengths[:covered], dtype=np.int64)
    cutoff = threshold * 100
    found: list[tuple[int, int, float]] = []

    def keep(p: int, q: int, score: float) -> None:
        a, b = keyed[p][1], keyed[q][1]
        found.append((min(a, b), max(a, b), round(float(score) / 100, 4)))

    for start in range(0, len(positions), block):
        rows = positions[start:start + block]
        first, last = int(rows[0]), int(rows[-1])
        # Partners are at least as long as the shortest title that reaches the block's
        # shortest, at most as long as its longest reaches; all of them: every title.
        lo = first if wanted is None else bisect_left(reach, lengths[first])
        hi = bisect_right(lengths, reach[last])
        if lengths[last] > LONG_TITLE:
            scores = process.cdist([texts[p] for p in rows], texts[lo:hi], scorer=fuzz.ratio,
                                   score_cutoff=cutoff)
            hits, cols = np.nonzero(scores)
            once = _once(rows[hits], cols + lo, is_row)
            hits, cols = hits[once], cols[once]
            for p, q, score in zip(rows[hits], cols + lo, scores[hits, cols], strict=True):
                keep(int(p), int(q), score)
            continue
        ps, qs = _candidates(left, right, counts, sizes, rows, lo, hi, is_row, threshold,
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


def similar_in_groups(titles: Sequence[str], groups: Iterable[tuple[Sequence[int], Sequence[int]]],
                      threshold: float = THRESHOLD) -> list[tuple[int, int, float]]:
    """The pairs of :func:`similar_pairs` (same scores) with one title in the first list
    of some group and the other in its second list (or both in the first), each once.

    A group is scored directly (``process.cdist``, about 0.2 µs a pair) unless it has more
    than ``DIRECT_PAIRS`` pairs and at least ``SWEEP_ROWS`` titles in its first list: then
    the filtered sweep of :func:`similar_pairs` runs over the group's titles (its set-up,
    some µs per title, pays off once each title meets tens of rows). Each title is
    normalized once.
    """
    normal: dict[int, str] = {}
    cutoff = threshold * 100
    found: dict[tuple[int, int], float] = {}
    for firsts, seconds in groups:
        for k in (*firsts, *seconds):
            if k not in normal:
                normal[k] = normalize(titles[k])
        if len(firsts) >= SWEEP_ROWS and len(firsts) * len(seconds) > DIRECT_PAIRS:
            members = sorted(set(firsts) | set(seconds))
            at = {k: n for n, k in enumerate(members)}
            for i, j, score in _similar([normal[k] for k in members], threshold, BLOCK, None,
                                        [at[k] for k in firsts]):
                a, b = members[i], members[j]
                found.setdefault((min(a, b), max(a, b)), score)
            continue
        ones = [k for k in firsts if normal[k]]
        others = [k for k in dict.fromkeys((*firsts, *seconds)) if normal[k]]
        if not ones or not others:
            continue
        scores = process.cdist([normal[k] for k in ones], [normal[k] for k in others],
                               scorer=fuzz.ratio, score_cutoff=cutoff)
        for hit, col in zip(*np.nonzero(scores), strict=True):
            a, b = ones[hit], others[col]
            if a != b:
                found.setdefault((min(a, b), max(a, b)),
                                 round(float(scores[hit, col]) / 100, 4))
    return sorted((a, b, score) for (a, b), score in found.items())
