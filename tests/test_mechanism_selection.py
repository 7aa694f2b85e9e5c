"""Facts.actor_mechanisms selects (it does not sort everything): the selection must equal
the first ``limit`` of the full ranking, ties included, for any counts."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from tejido.queries.gaps.recommend_facts import Facts

MECHS = [f"m{i}" for i in range(8)]
EJES = ["e1", "e2", "e3"]
counts = st.dictionaries(st.sampled_from(MECHS), st.integers(1, 3), max_size=8)


def _reference(facts: Facts, actor: str, ejes: tuple[str, ...], limit: int) -> list[str]:
    used: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for eje in ejes:
        used.update(facts.actor_eje_mechs.get((actor, eje), Counter()))
        totals.update(facts.eje_mechs.get(eje, Counter()))
    return sorted(used, key=lambda m: (-used[m], -totals[m], facts.mechanism_name(m), m))[:limit]


@settings(max_examples=300, deadline=None)
@given(mine=st.dictionaries(st.sampled_from(EJES), counts),
       others=st.dictionaries(st.sampled_from(EJES), counts),
       names=st.dictionaries(st.sampled_from(MECHS), st.sampled_from(["A", "B", "C"])),
       ejes=st.lists(st.sampled_from(EJES), min_size=1, max_size=3),
       limit=st.integers(0, 5))
def test_selection_is_the_head_of_the_full_ranking(mine, others, names, ejes, limit):
    facts = Facts({})
    facts.mechanisms = {m: {"id": m, "nombre": n} for m, n in names.items()}
    for eje, used in mine.items():
        facts.actor_eje_mechs[("x", eje)] = Counter(used)
        facts.eje_mechs[eje].update(used)
    for eje, used in others.items():
        facts.eje_mechs[eje].update(used)
    key = tuple(ejes)
    assert facts.actor_mechanisms("x", key, limit) == _reference(facts, "x", key, limit)
