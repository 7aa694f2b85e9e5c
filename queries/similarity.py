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
#: Titles of a length window the screen multiplies a block by at a time.
SCREEN_WINDOW = 8192
#: Screened pairs whose exact bag bound is computed at a time.
BAG_PAIRS = 16384
#: Texts whose characters :func:`class_counts` counts at a time.
COUNT_CHUNK = 4096
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
    in ``max_columns`` (or one class is left). Counted with numpy over the code points of
    ``COUNT_CHUNK`` texts at a time: a few arrays of 8 bytes a character for all the
    texts at once took 128 MB at 40 000 titles.
    """
    # Each chunk's code points (4 bytes a character, kept for the passes below).
    chunks = [np.frombuffer("".join(texts[at:at + COUNT_CHUNK]).encode("utf-32-le"),
                            dtype=np.uint32) for at in range(0, len(texts), COUNT_CHUNK)]
    # Distinct characters by code point (a table as long as the largest code point in
    # use: normalized titles are mostly below 128), with their frequencies.
    every = np.zeros(0, dtype=np.int64)
    for points in chunks:
        found = np.bincount(points)
        every = np.pad(every, (0, max(len(found) - len(every), 0)))
        every[:len(found)] += found
    chars = np.flatnonzero(every)
    frequency = every[chars]
    index = np.zeros(len(every), dtype=np.int64)
    index[chars] = np.arange(len(chars))
    # Rank of each distinct character: most frequent first, ties by code point (a stable
    # sort of characters already in code point order).
    rank = np.empty(len(chars), dtype=np.int64)
    rank[np.argsort(-frequency, kind="stable")] = np.arange(len(chars))
    classes = max(len(chars), 1)
    while True:
        of_point = (rank % classes)[index]  # code point -> its class
        counts = np.empty((len(texts), classes), dtype=np.int32)
        for at, points in zip(range(0, len(texts), COUNT_CHUNK), chunks, strict=True):
            some = texts[at:at + COUNT_CHUNK]
            owner = np.repeat(np.arange(len(some)), [len(text) for text in some])
            counts[at:at + len(some)] = np.bincount(
                owner * classes + of_point[points], minlength=len(some) * classes,
            ).reshape(len(some), classes)
        top = counts.max(axis=0) if len(texts) else np.zeros(classes, dtype=np.int32)
        if int(top.sum()) <= max_columns or classes == 1:
            return counts
        classes = max(1, classes // 2)


def screen_factors(counts: np.ndarray, threshold: float,
                   columns: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Left and right factors whose product is ``screen - t (len(a) + len(b)) / 2``.

    The unary code of ``counts`` has a 0/1 column (class k, depth j) for each class and
    each count below the class's largest: 1 when the text has more than j characters of
    class k, so row products count shared characters. Keeps the ``columns`` unary columns
    of highest variance; row a of the left factor is ``[kept(a), (r_a - t len(a)) / 2,
    1]``, row b of the right one ``[kept(b), 1, (r_b - t len(b)) / 2]`` (``r``: 1s in the
    columns left out). Only the kept columns are built: each column's share of 1s comes
    from a histogram of its class's counts, and a row's 1s in all columns are its length.
    The whole code (texts × up to ``MAX_COLUMNS`` floats) took 96 MB at 40 000 titles.
    """
    columns = SCREEN_COLUMNS if columns is None else columns
    texts = len(counts)
    top = (counts.max(axis=0) if texts else np.zeros(counts.shape[1], dtype=np.int32)).tolist()
    klass = np.repeat(np.arange(len(top)), top)
    depth = np.concatenate([np.arange(d) for d in top]) if top else np.zeros(0, dtype=np.int64)
    above = np.concatenate([texts - np.cumsum(np.bincount(counts[:, k], minlength=d))[:d]
                            for k, d in enumerate(top)]) if top else depth
    # The float32 mean of a 0/1 column, as numpy computes it: exact sum / count in float64.
    share = ((above / texts) if texts else np.zeros(len(klass))).astype(np.float32)
    kept = np.sort(np.argsort(-(share * (1 - share)), kind="stable")[:columns])
    width = len(kept)
    left = np.empty((texts, width + 2), dtype=np.float32)
    left[:, :width] = counts[:, klass[kept]] > depth[kept]
    lengths = counts.sum(axis=1).astype(np.float32)
    rest = lengths - left[:, :width].sum(axis=1)
    half = ((rest - np.float32(threshold) * lengths) / 2).astype(np.float32)
    right = left.copy()
    left[:, width], left[:, width + 1] = half, 1
    right[:, width], right[:, width + 1] = 1, half
    return left, right


def _candidates(left: np.ndarray, right: np.ndarray, counts: np.ndarray, lengths: np.ndarray,
                rows: np.ndarray, lo: int, hi: int, is_row: np.ndarray, threshold: float,
                stats: dict[str, int] | None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (p, q) of the ``rows`` and the titles ``lo:hi`` that pass the bag-of-characters
    bound: q != p, and q > p when q is one of the rows too (each pair once)."""
    block = left[rows]
    found: list[np.ndarray] = []
    partners: list[np.ndarray] = []
    # A window at a time: a block against a whole window (every title of similar length,
    # most of a portfolio) was a 40 MB matrix at 40 000 titles.
    for start in range(lo, hi, SCREEN_WINDOW):
        # The slack absorbs float32 rounding (small integer sums and products by t/2):
        # the screen never drops a pair the exact bound keeps.
        margin = block @ right[start:min(start + SCREEN_WINDOW, hi)].T
        # One flat scan: several times faster than a two-dimensional nonzero over a
        # matrix that is almost all False.
        at, cols = np.divmod(np.flatnonzero(margin >= -1e-3), margin.shape[1])
        found.append(at)
        partners.append(cols + start)
    ps = rows[np.concatenate(found)] if found else rows[:0]
    qs = np.concatenate(partners) if partners else rows[:0]
    once = _once(ps, qs, is_row)
    ps, qs = ps[once], qs[once]
    exact = np.empty(len(ps), dtype=bool)
    # A slice of pairs at a time: each pair reads two rows of counts (the screen can let
    # a hundred thousand pairs of one block through: 40 MB of rows at once).
    for at in range(0, len(ps), BAG_PAIRS):
        p, q = ps[at:at + BAG_PAIRS], qs[at:at + BAG_PAIRS]
        common = np.minimum(counts[p], counts[q]).sum(axis=1)
        exact[at:at + BAG_PAIRS] = 2 * common >= threshold * (lengths[p] + lengths[q]) - 1e-9
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
    left, right = screen_factors(counts, threshold)
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
