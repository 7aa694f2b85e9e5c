"""«¿Quiso decir…?» for undeclared names: the prepared candidates give the same answers as
comparing the name with every candidate afresh, and a load's warnings fold each declared
name once, not once per warning."""

from __future__ import annotations

import random

from rapidfuzz import fuzz, process

import tejido.loaders.suggestions as suggestions
from tejido.graph.model import fold
from tejido.loaders.suggestions import closest, did_you_mean, initials_match, is_acronym

WORDS = ["Secretaría", "de", "Ambiente", "Cultura", "Salud", "Desarrollo", "Productivo", "y",
         "Competitividad", "Comité", "Barrial", "San", "Miguel", "Ilaló", "Empresa", "Pública",
         "Metropolitana", "Agua", "Potable", "Junta", "Parroquial", "Nono", "la", "Mujer"]


def reference_closest(name: str, candidates: list[str], cutoff: int = 85) -> str | None:
    """Every candidate folded and compared afresh, as the loaders did before (the pool in
    the order of folded names, then as written)."""
    pool = sorted({c for c in candidates if fold(c) and fold(c) != fold(name)},
                  key=lambda c: (fold(c), c))
    if not pool:
        return None
    if is_acronym(name):
        for candidate in pool:
            if initials_match(name, candidate):
                return candidate
    best = process.extractOne(fold(name), [fold(c) for c in pool],
                              scorer=fuzz.token_sort_ratio, score_cutoff=cutoff)
    return pool[best[2]] if best is not None else None


def _name(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(1, 5))
    if rng.random() < 0.3:
        words.append(str(rng.randint(1, 40)))
    return " ".join(words)


def _variant(rng: random.Random, name: str) -> str:
    """A typo, an acronym, another case or accent, or the name itself."""
    pick = rng.randrange(5)
    if pick == 0 and len(name) > 3:
        i = rng.randrange(len(name))
        return name[:i] + name[i + 1:]
    if pick == 1:
        return "".join(w[0] for w in name.split() if w.lower() not in {"de", "y", "la"}).upper()
    if pick == 2:
        return name.upper()
    if pick == 3:
        return fold(name)
    return name


def test_prepared_candidates_answer_as_comparing_every_candidate_afresh() -> None:
    rng = random.Random(14)
    for _ in range(60):
        candidates = [_name(rng) for _ in range(rng.randint(0, 40))]
        # Acronyms, repeated names and spellings that fold alike are candidates too.
        candidates += [_variant(rng, c) for c in rng.sample(candidates, len(candidates) // 3)]
        queries = [_variant(rng, c) for c in candidates[:15]] + [_name(rng) for _ in range(5)]
        for name in queries:
            for cutoff in (60, 85):
                assert closest(name, candidates, cutoff) == reference_closest(
                    name, candidates, cutoff), (name, candidates, cutoff)


def test_equally_close_candidates_give_the_same_answer_in_every_order() -> None:
    # «CONQUITO» and «Conquito» fold alike: the answer must not depend on which came first.
    candidates = ["Conquito", "CONQUITO", "Secretaría de Salud"]
    assert closest("CONQITO", candidates) == closest("CONQITO", candidates[::-1]) == "CONQUITO"


def test_warnings_fold_each_declared_name_once(monkeypatch) -> None:
    calls = 0

    def counted(text: str) -> str:
        nonlocal calls
        calls += 1
        return fold(text)

    monkeypatch.setattr(suggestions, "fold", counted)
    names = [f"Junta Parroquial de la comunidad número {i}" for i in range(400)]
    hints = [did_you_mean(f"Junta Parroquial de la comunidad numero {i}x", names)
             for i in range(0, 400, 10)]
    assert all(hints)
    # Folding every declared name for each of the 40 warnings took 32 000 folds.
    assert calls <= len(names) + 2 * len(hints)
