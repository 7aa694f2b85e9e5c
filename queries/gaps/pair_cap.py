"""Keep the highest «coordinación faltante» pairs of each context while they stream by.

A national portfolio has hundreds of thousands of actor pairs that share a context and
never meet (139 000 at 40 000 actions); the report lists the few highest of each context
(:data:`.contexto_fragmentado.PAIRS_PER_CONTEXT`) and counts the rest. Selecting them as
they are built, with a bounded heap per context, holds at most ``per_context`` pairs per
context at any time instead of every pair: memory follows what is listed, not what exists.
The selection is the same as sorting all pairs of a context and taking the first
``per_context`` (ties are broken by the order pairs arrive, as :func:`heapq.nsmallest`
does).
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Context = tuple[str, str]


class _Worst:
    """A heap entry ordered worst-first, so a bounded heap's top is the one to evict."""

    __slots__ = ("key", "seq", "slot")

    def __init__(self, key: Any, seq: int, slot: int) -> None:
        self.key, self.seq, self.slot = key, seq, slot

    def __lt__(self, other: _Worst) -> bool:
        return (self.key, self.seq) > (other.key, other.seq)


class PairCap(Generic[Item]):
    """The ``per_context`` best items (smallest key) of each (status, context).

    ``offer`` each item once with its sort key, its status and its contexts; an item is
    kept when it is among the best of at least one of its contexts (an item with no
    context is always kept). A ``por_confirmar`` pair never displaces a ``brecha`` one:
    statuses are capped apart. Afterwards :meth:`kept` gives the kept items in the order
    they were offered, and :attr:`listed` / :attr:`omitted` count per context the pairs
    listed and left out (both statuses).
    """

    def __init__(self, per_context: int) -> None:
        self.per_context = max(per_context, 0)
        self._heaps: dict[tuple[str, Hashable], list[_Worst]] = {}
        #: slot -> (item, its contexts, how many heaps hold it); freed when none does.
        self._held: dict[int, tuple[Item, tuple[Context, ...], int]] = {}
        self._seq = itertools.count()
        self.total: Counter[Context] = Counter()
        self.offered = 0

    def excludes(self, floor: Any, status: str, contexts: Iterable[Context]) -> bool:
        """Whether no item of ``status`` in ``contexts`` whose key is at least ``floor``
        could be kept now: every one of those contexts is full and ``floor`` does not beat
        its worst kept key. ``floor`` may be a prefix of the keys (a tuple shorter than
        them sorts first among the keys it begins), so a bound on a key's first part
        will do. An excluded item is :meth:`passed_over`, not offered: the same items are
        kept either way, and nothing is computed for the rest."""
        empty = True
        for context in contexts:
            empty = False
            heap = self._heaps.get((status, context), [])
            if len(heap) < self.per_context or (heap and floor < heap[0].key):
                return False
        return not empty

    def passed_over(self, contexts: Iterable[Context]) -> None:
        """Count an item :meth:`excludes` left out, as :meth:`offer` would have."""
        next(self._seq)
        self.offered += 1
        self.total.update(set(contexts))

    def offer(self, item: Item, key: Any, status: str, contexts: Iterable[Context]) -> None:
        seq = next(self._seq)
        where = tuple(sorted(set(contexts)))
        self.offered += 1
        self.total.update(where)
        if not where:
            self._held[seq] = (item, where, 1)
            return
        holders = 0
        for context in where:
            heap = self._heaps.get((status, context))
            if heap is None:
                heap = self._heaps[(status, context)] = []
            if len(heap) < self.per_context:
                heapq.heappush(heap, _Worst(key, seq, seq))
                holders += 1
            # Strictly better only: an equal key offered later loses the tie (its seq is
            # higher), as in heapq.nsmallest. Most pairs stop here, so no entry is made.
            elif heap and key < heap[0].key:
                evicted = heapq.heapreplace(heap, _Worst(key, seq, seq))
                holders += 1
                self._release(evicted.slot)
        if holders:
            self._held[seq] = (item, where, holders)

    def _release(self, slot: int) -> None:
        item, where, holders = self._held[slot]
        if holders <= 1:
            del self._held[slot]
        else:
            self._held[slot] = (item, where, holders - 1)

    def kept(self) -> list[Item]:
        return [self._held[slot][0] for slot in sorted(self._held)]

    @property
    def listed(self) -> Counter[Context]:
        out: Counter[Context] = Counter()
        for _item, where, _holders in self._held.values():
            out.update(where)
        return out

    @property
    def omitted(self) -> Counter[Context]:
        listed = self.listed
        return Counter({c: n - listed[c] for c, n in self.total.items() if n > listed[c]})

    @property
    def dropped(self) -> int:
        return self.offered - len(self._held)
