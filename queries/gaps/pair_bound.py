"""A ceiling on a «coordinación faltante» pair's priority that needs none of its rows, so
the engine passes over a pair that cannot be listed before gathering its rows.

A report lists the few highest pairs of each context (:class:`.pair_cap.PairCap`); a
40 000-action portfolio has 287 000 pairs for 7 000 listed. A pair's priority
(:func:`.priority.pair_value`) multiplies the authority of the documents its rows come
from by a geometric mean of severity, activity and surprise. Gathering those rows (every
participation of both actors in every shared context, then their documents) and drafting
the pair cost more than the rest, and grew faster than the portfolio. The ceiling is the
same arithmetic on the same parts, with only the authority replaced by the most binding
document behind either actor anywhere (never below ``sin_declarar``, what a pair citing
no document gets): it is never below the pair's priority, and equal to it whenever the
actors' documents are of one kind — usually.

This is the pruning test of threshold algorithms (Fagin, Lotem & Naor, "Optimal
aggregation algorithms for middleware", PODS 2001): an object whose best possible score
cannot beat the k-th best seen so far is never scored in full.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import cache
from typing import Any

from .base import PRECISION
from .coordinacion_faltante import Pairs, severity_coordinacion
from .priority import AUTHORITY_WEIGHT, UNDECLARED, pair_numbers, priority_number
from .priority import Context as PriorityContext
from .status import StatusRules


class PairCeiling:
    """The most binding document behind each actor, built once from the rows of a report
    (linear in them); :meth:`bound` then costs a pair what its priority's parts cost."""

    def __init__(self, pairs: Pairs, rules: StatusRules, weights: PriorityContext,
                 documents_of: Callable[..., set[str]]) -> None:
        self._pairs = pairs
        self._concerning = rules.concerning
        self._weights = weights
        self._authority = _authority(pairs, weights, documents_of)
        self._floor_authority = AUTHORITY_WEIGHT[UNDECLARED]
        #: actor -> its neighbours that are flagged or have a derived fact (memoized)
        self._near: dict[str, frozenset[str]] = {}

    def bound(self, row: dict[str, Any], contexts: list[tuple[str, str]]) -> PairBound | None:
        """The ceiling of the pair of ``row`` sharing ``contexts`` (its rows' (eje,
        territory) pairs); None when the pair's draft names a flagged actor or one with a
        derived fact — either actor or a bridge between them — so its status must be
        settled on the draft. Needs no bridges: a concerning bridge is a concerning
        neighbour of both."""
        a, b = row["actor_a"], row["actor_b"]
        concerning = self._concerning
        if a in concerning or b in concerning:
            return None
        near_a, near_b = self._near_of(a), self._near_of(b)
        if near_a and near_b and not near_a.isdisjoint(near_b):
            return None
        authority = max(self._authority.get(a, self._floor_authority),
                        self._authority.get(b, self._floor_authority), self._floor_authority)
        return PairBound(authority, len(contexts), *pair_numbers(a, b, contexts, self._weights))

    def _near_of(self, actor: str) -> frozenset[str]:
        found = self._near.get(actor)
        if found is None:
            found = self._near[actor] = frozenset(
                self._concerning.intersection(self._pairs.adjacency.get(actor, ())))
        return found


class PairBound:
    """A pair's ceiling parts: the highest authority either actor could lend it, the number
    of contexts it shares and its activity and surprise (the report's own floats)."""

    __slots__ = ("authority", "contexts", "activity", "surprise")

    def __init__(self, authority: float, contexts: int, activity: float,
                 surprise: float | None) -> None:
        self.authority, self.contexts = authority, contexts
        self.activity, self.surprise = activity, surprise

    def floor(self, bridged: bool) -> tuple[float]:
        """The smallest sort key (:func:`.contexto_fragmentado.pair_key`) the pair could
        have, as a one-element prefix, if a third actor bridges it (``bridged``) or not.
        Unbridged is a ceiling whether or not it is bridged (a bridge halves the
        severity), so a pair it rules out needs no bridges computed."""
        severity = _severity(self.contexts, bridged)
        # The same parts and arithmetic as the exact priority, so the same float for the
        # same authority; a larger authority only raises it (IEEE products are monotone).
        return (-round(priority_number(self.authority, severity, self.activity,
                                       self.surprise), PRECISION),)

    def value(self, authority: float, severity: float) -> float:
        """The pair's exact priority once its documents' ``authority`` is known."""
        return priority_number(authority, severity, self.activity, self.surprise)


@cache
def _severity(contexts: int, bridged: bool) -> float:
    """A pair's severity as its finding rounds it (a few distinct values per report)."""
    return round(severity_coordinacion(contexts, bridged), PRECISION)


def _authority(pairs: Pairs, weights: PriorityContext,
               documents_of: Callable[..., set[str]]) -> dict[str, float]:
    """Actor -> the weight of the most binding document behind its participations (or
    the rows printing them) in any context."""
    documents: dict[str, set[str]] = defaultdict(set)
    for tables in (pairs.members, pairs.printing):
        for actors in tables.values():
            for actor, rows in actors.items():
                documents[actor] |= documents_of(rows)
    return {actor: weights.authority_of_documents(found)[0]
            for actor, found in documents.items()}

