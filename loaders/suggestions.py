"""Equivalences worth proposing to the planner, each with the evidence that suggests it.

Nothing here decides anything: two names become one actor only when the planner writes an
``equivalencias`` row (:mod:`tejido.loaders.equivalences`). These functions look for the
three kinds of evidence a planner would accept at a glance, on plain data (names, ids,
rows), so that both the quality report and the loaders' warnings can use them:

* **similar names** — a typo or a variant spelling (CONQITO / CONQUITO, EPMAPSS / EPMAPS):
  rapidfuzz's token sort ratio on folded names, as :func:`tejido.loaders.quality.near_duplicates`,
  where one of the two was never declared and both carry the same numbers;
* **initials** — an acronym whose letters are the initials of a name's words, the small
  words skipped (SDPC = Secretaría de Desarrollo Productivo y Competitividad);
* **used instead** — the same action (same title) names one actor in some rows and the
  other in other rows, in the same role, and the shorter name abbreviates the longer
  («SECU» where another row writes «Secretaría de Cultura»): one document, or two versions
  of one matrix, wrote the same cell two ways.

A suggestion is a row ready to paste into the ``equivalencias`` sheet: ``name``,
``equivalent_to``, ``relation`` (always ``mismo_actor``: a renaming is a fact of history no
string comparison can tell) and an empty ``source`` for the planner to fill, plus the
evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from tejido.graph.i18n import register, t
from tejido.graph.model import Actor, fold

from .workbook_spec import Relacion

register({"suggest.did_you_mean": {"es": "; ¿quiso decir «{name}»?",
                                   "en": "; did you mean «{name}»?"}})

#: Words an acronym skips: articles, prepositions, conjunctions.
STOPWORDS = frozenset({
    "a", "al", "con", "de", "del", "e", "el", "en", "la", "las", "lo", "los", "o", "para",
    "por", "u", "un", "una", "y",
})
#: A name that is one word of capitals (and digits): "SECU", "ACDC", "EPMAPS".
_ACRONYM = re.compile(r"^[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9&\-]{1,9}$")
_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+")
#: Similarity a "¿quiso decir…?" needs: below it, guessing would mislead more than help.
DID_YOU_MEAN_CUTOFF = 85
#: Rows listed per side of a "used instead" evidence (the JSON stays readable).
MAX_ROWS = 10

#: One place of one document: (document, table, row).
Where = tuple[str, str, int]


def is_acronym(name: str) -> bool:
    """Whether a name is written as an acronym: one word of capitals, 2–10 characters."""
    return bool(_ACRONYM.match(name.strip()))


def letters(name: str) -> str:
    """The folded letters and digits of a name: 'S.D.P.C.' -> 'sdpc'."""
    return "".join(_WORD.findall(fold(name)))


def initials(name: str) -> str:
    """The initials of a name's words, small words skipped:
    'Secretaría de Desarrollo Productivo y Competitividad' -> 'sdpc'."""
    return _initials_of(fold(name))


def _initials_of(folded: str) -> str:
    return "".join(w[0] for w in _WORD.findall(folded) if w not in STOPWORDS)


def initials_match(acronym: str, name: str) -> bool:
    """Whether ``acronym`` spells the initials of ``name`` (at least two words)."""
    found = initials(name)
    return len(found) >= 2 and not is_acronym(name) and letters(acronym) == found


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` could be written for ``long``: its letters appear in order in
    ``long``'s, starting with the first ('SECU', 'Sec Cultura' for 'Secretaría de Cultura').

    Loose on purpose (SECU also fits 'Secretaría de Educación'): it is only used together
    with the two names standing in the same place of the same action.
    """
    a, b = letters(short), letters(long)
    if not a or len(a) >= len(b) or a[0] != b[0]:
        return False
    rest = iter(b)
    return all(ch in rest for ch in a)


def closest(name: str, candidates: Iterable[str],
            cutoff: int = DID_YOU_MEAN_CUTOFF) -> str | None:
    """The candidate a name most likely meant: the name whose initials an acronym spells,
    else the most similar one (token sort ratio ≥ ``cutoff``); None when nothing is close.
    Candidates are taken in the order of their folded names (then as written); of equally
    close ones, the first. The name itself, however spelled, is no suggestion.

    For a load warning's «¿quiso decir …?»: ``candidates`` are the declared names and
    acronyms, as written.
    """
    return _guesser(tuple(candidates)).closest(name, cutoff)


class _Guesser:
    """The candidates of :func:`closest`, prepared once: folded, ordered, with their
    initials. A national load warns about hundreds of undeclared names among tens of
    thousands of declared ones; folding every candidate again for each warning made the
    warnings most of the load's time (200 000 actions: minutes), growing with the square of
    the portfolio. Now each warning costs one compiled comparison per candidate."""

    def __init__(self, candidates: tuple[str, ...]) -> None:
        folded = {c: fold(c) for c in candidates}
        self.pool = sorted((c for c in folded if folded[c]), key=lambda c: (folded[c], c))
        self.folds = [folded[c] for c in self.pool]
        self.at: dict[str, list[int]] = {}  # folded name -> its positions in the pool
        #: initials -> positions of the names (not themselves acronyms) they spell
        self.spelled: dict[str, list[int]] = {}
        for i, (candidate, key) in enumerate(zip(self.pool, self.folds, strict=True)):
            self.at.setdefault(key, []).append(i)
            found = _initials_of(key)
            if len(found) >= 2 and not is_acronym(candidate):
                self.spelled.setdefault(found, []).append(i)

    def closest(self, name: str, cutoff: int) -> str | None:
        key = fold(name)
        itself = set(self.at.get(key, ()))
        if is_acronym(name):
            for i in self.spelled.get(letters(name), ()):
                if i not in itself:
                    return self.pool[i]
        if len(itself) == len(self.pool):
            return None
        scores = process.cdist([key], self.folds, scorer=fuzz.token_sort_ratio,
                               score_cutoff=cutoff, dtype=np.float64)[0]
        scores[list(itself)] = -1.0
        best = int(np.argmax(scores))  # the first of the highest, as extractOne's
        return self.pool[best] if scores[best] >= cutoff else None


@lru_cache(maxsize=4)
def _guesser(candidates: tuple[str, ...]) -> _Guesser:
    # A load asks with the same declared names for every warning: prepared once per list.
    return _Guesser(candidates)


def declared_names(actors: Iterable[Actor]) -> list[str]:
    """Every name and acronym a declared actor answers to, as written."""
    return [n for a in actors if not a.auto for n in (a.name, *a.siglas, *a.variantes)]


def did_you_mean(name: str, candidates: list[str]) -> str:
    """'; ¿quiso decir «X»?' for a load warning about an undeclared name: the closest of
    ``candidates`` (:func:`closest`), or '' when none is close."""
    found = closest(name, candidates)
    return t("suggest.did_you_mean", name=found) if found else ""


@dataclass(frozen=True)
class ActorFacts:
    """What the suggestions need to know of one actor."""

    id: str
    name: str
    #: Declared (in a registry or an ``actores`` row), not created from a reference.
    declared: bool = True
    #: How many rows name it: the more used spelling is the better canonical one.
    rows: int = 0


@dataclass(frozen=True)
class Usage:
    """One actor in one role (a RelType value) of one action, and the rows that say so."""

    action: str  # the action's title, as written
    role: str
    actor: str  # actor id
    rows: frozenset[Where]


@dataclass
class _Pair:
    short: str | None  # the id that must be the merged name (an acronym), if evidence says
    evidence: list[dict[str, Any]] = field(default_factory=list)


def suggest(
    actors: Mapping[str, ActorFacts], similar: Iterable[dict[str, Any]],
    usages: Iterable[Usage], apart: set[frozenset[str]] = frozenset(),
) -> list[dict[str, Any]]:
    """Proposed ``equivalencias`` rows with their evidence, strongest first.

    ``actors`` are the candidates (generic actors left out by the caller); ``similar`` the
    pairs of actors with similar names (``a_id``, ``b_id``, ``score`` and the two
    ``names`` compared, as :func:`~tejido.loaders.quality.near_duplicates` scores them);
    ``usages`` who stands where in each action; ``apart`` pairs of ids already known to be
    different actors (a direct tie, a renaming) — never proposed.
    """
    pairs: dict[frozenset[str], _Pair] = {}

    def add(a: str, b: str, evidence: dict[str, Any], short: str | None = None) -> None:
        key = frozenset((a, b))
        if a == b or key in apart or a not in actors or b not in actors:
            return
        pair = pairs.setdefault(key, _Pair(short))
        pair.short = pair.short or short
        pair.evidence.append(evidence)

    for p in similar:
        if not _plausible_typo(actors.get(p["a_id"]), actors.get(p["b_id"])):
            continue
        names = dict(zip((p["a_id"], p["b_id"]), p.get("names") or (), strict=False))
        add(p["a_id"], p["b_id"], {"kind": "similar_name", "score": int(p["score"]),
                                   "names": names})
    for acronym, names in _by_initials(actors):
        for other in names:
            add(acronym, other, {"kind": "initials", "initials": actors[acronym].name}, acronym)
    for short, long, evidence in _used_instead(actors, usages):
        add(short, long, evidence, short)
    out = [_row(actors, key, pair) for key, pair in pairs.items()]
    return sorted(out, key=lambda r: (-len({e["kind"] for e in r["evidence"]}),
                                      -max(e.get("score", 0) for e in r["evidence"]),
                                      fold(r["name"]), fold(r["equivalent_to"])))


def _plausible_typo(a: ActorFacts | None, b: ActorFacts | None) -> bool:
    """Whether two similar names may be one name mistyped: one of them was never declared
    (two declared actors were declared apart on purpose: the near-duplicates list shows
    them), and they carry the same numbers («Comité Barrial 11» is not «… 31»)."""
    if a is None or b is None or (a.declared and b.declared):
        return False
    return _NUMBER.findall(a.name) == _NUMBER.findall(b.name)


def _by_initials(actors: Mapping[str, ActorFacts]) -> Iterable[tuple[str, list[str]]]:
    """(acronym id, ids of the names it spells the initials of)."""
    spelled: dict[str, list[str]] = {}
    for facts in actors.values():
        if not is_acronym(facts.name) and len(initials(facts.name)) >= 2:
            spelled.setdefault(initials(facts.name), []).append(facts.id)
    for facts in actors.values():
        if is_acronym(facts.name) and letters(facts.name) in spelled:
            yield facts.id, sorted(spelled[letters(facts.name)])


def _used_instead(
    actors: Mapping[str, ActorFacts], usages: Iterable[Usage]
) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """(short id, long id, evidence) where one abbreviates the other and both hold the same
    role of the same action in different rows (no row names both)."""
    places: dict[tuple[str, str], dict[str, set[Where]]] = {}
    titles: dict[tuple[str, str], str] = {}
    folded: dict[str, str] = {}
    for usage in usages:
        title = folded.get(usage.action) or folded.setdefault(usage.action, fold(usage.action))
        key = (title, usage.role)
        titles.setdefault(key, usage.action)
        places.setdefault(key, {}).setdefault(usage.actor, set()).update(usage.rows)
    for key, by_actor in sorted(places.items()):
        ids = sorted(i for i in by_actor if i in actors)
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                if by_actor[a] & by_actor[b]:
                    continue  # one row names both: the document says they are two
                short, long = (a, b) if len(actors[a].name) < len(actors[b].name) else (b, a)
                if not abbreviates(actors[short].name, actors[long].name):
                    continue
                yield short, long, {
                    "kind": "used_instead", "action": titles[key], "role": key[1],
                    "name_rows": _rows(by_actor[short]),
                    "equivalent_to_rows": _rows(by_actor[long]),
                }


def _rows(rows: Iterable[Where]) -> list[dict[str, Any]]:
    return [{"document": d, "table": t, "row": r} for d, t, r in sorted(rows)[:MAX_ROWS]]


def _row(actors: Mapping[str, ActorFacts], key: frozenset[str], pair: _Pair) -> dict[str, Any]:
    """The pair as an equivalencias row: the acronym (when evidence names one) merges into
    the full name; otherwise the declared, more used, longer name is the canonical one."""
    if pair.short is not None:
        (long,) = key - {pair.short}
        short = pair.short
    else:
        long, short = sorted(key, key=lambda i: _canonical_rank(actors[i]))
    for evidence in pair.evidence:
        if evidence["kind"] == "similar_name":  # the two names compared, in the row's order
            by_id = evidence["names"]
            evidence["names"] = [by_id[i] for i in (short, long) if i in by_id]
    return {
        "name": actors[short].name, "equivalent_to": actors[long].name,
        "relation": Relacion.mismo_actor.value, "source": "",
        "name_id": short, "equivalent_to_id": long, "evidence": pair.evidence,
    }


def _canonical_rank(facts: ActorFacts) -> tuple[Any, ...]:
    """Sorts the better canonical name first."""
    return (not facts.declared, is_acronym(facts.name), -facts.rows, -len(facts.name),
            facts.id)
