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
from typing import Any

from .base import PRECISION
from .coordinacion_faltante import Pairs, severity_coordinacion
from .priority import AUTHORITY_WEIGHT, UNDECLARED, pair_parts, priority_value
from .priority import Context as PriorityContext
from .status import StatusRules


class PairCeiling:
    """The most binding document behind each actor, built once from the rows of a report
    (linear in them); :meth:`floor` then costs a pair what its priority's parts cost."""

    def __init__(self, pairs: Pairs, rules: StatusRules, weights: PriorityContext,
                 documents_of: Callable[..., set[str]]) -> None:
        self._pairs = pairs
        self._rules = rules
        self._weights = weights
        self._authority = _authority(pairs, weights, documents_of)
        self._floor_authority = AUTHORITY_WEIGHT[UNDECLARED]

    def floor(self, row: dict[str, Any]) -> tuple[float] | None:
        """The smallest sort key (:func:`.contexto_fragmentado.pair_key`) the pair of
        ``row`` could have, as a one-element prefix; None when the pair names a flagged
        actor or one with a derived fact (its status must be settled on its draft)."""
        a, b = row["actor_a"], row["actor_b"]
        bridges = self._pairs.bridges(a, b)
        if self._rules.concerns({a, b} | bridges):  # the nodes its draft names
            return None
        contexts = row["contextos"]
        severity = round(severity_coordinacion(len(contexts), bool(bridges)), PRECISION)
        authority = max(self._authority.get(a, self._floor_authority),
                        self._authority.get(b, self._floor_authority), self._floor_authority)
        # The same parts and arithmetic as the exact priority, so the same float for the
        # same authority; a larger authority only raises it (IEEE products are monotone).
        parts = pair_parts(a, b, [(c["eje_id"], c["territorio_id"]) for c in contexts],
                           self._weights)
        return (-round(priority_value(authority, severity, parts), PRECISION),)


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

