"""The rows of a report's gap queries, each run when a step first reads it and let go after
the last step that reads it.

A report's steps read the rows a kind at a time (:attr:`.base.Kind.queries` and
``unscoped``), and a kind's rows are much larger than its drafts: at 40 000 actions the
critical-ties rows (every tie of the actor network with its actions) take 96 MB for 191
findings. Holding every query's rows until the last kind was built made them half of the
report's peak memory. Here a query's rows live from the first step that reads them to the
last; rows a later stage reads (the recommendations', the E–I section's) are kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .base import Row, Rows, unscoped_key

#: Runs one query: (query name, its parameters) -> rows.
Run = Callable[[str, dict[str, Any]], list[Row]]
_UNFILTERED: dict[str, Any] = {"eje": None, "territorio": None}


class QueryRows:
    """Rows by key (a query's name, or :func:`.base.unscoped_key` of it for the query run
    without the report's filters) for a planned sequence of steps, each a list of keys.

    :meth:`read` runs what a step reads that is not held yet; :meth:`done` lets go of
    what no later step reads, unless it is in ``keep``. Without filters a query and its
    unscoped run are the same rows, run once.
    """

    def __init__(self, run: Run, params: dict[str, Any], steps: Iterable[Sequence[str]],
                 keep: Iterable[str] = ()) -> None:
        self._run, self._params = run, params
        self._unfiltered = params == _UNFILTERED
        self._held: dict[str, list[Row]] = {}
        self._left: Counter[str] = Counter(
            same for step in steps for same in {self._same(k) for k in step})
        self._keep = {self._same(k) for k in keep}

    def read(self, keys: Iterable[str]) -> Rows:
        """The rows of ``keys``, each query run once however many steps read it."""
        out: Rows = {}
        for key in keys:
            same = self._same(key)
            found = self._held.get(same)
            if found is None:
                found = self._held[same] = self._query(same)
            out[key] = found
        return out

    def done(self, keys: Iterable[str]) -> None:
        """A planned step that read ``keys`` is over: let go of the rows it read last."""
        for same in {self._same(k) for k in keys}:
            self._left[same] -= 1
            if self._left[same] <= 0 and same not in self._keep:
                self._held.pop(same, None)

    def _same(self, key: str) -> str:
        """The key its rows are held under: without filters, the query's own name."""
        return _query_of(key) if self._unfiltered else key

    def _query(self, key: str) -> list[Row]:
        name = _query_of(key)
        return self._run(name, _UNFILTERED if name != key else self._params)


def _query_of(key: str) -> str:
    """The query a rows key names (an unscoped key names its query run unfiltered)."""
    return key.removesuffix(unscoped_key(""))
