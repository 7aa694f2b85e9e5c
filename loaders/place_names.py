"""Territory names inside actor names: two names that differ in the place they name are
two institutions.

«GAD Parroquial de San José» and «GAD Parroquial de San Juan» score 90 on token sort
ratio, yet they are the governments of two parishes; so are «Cámara de Turismo de
Alangasí» and «… de Calacalí». A provincial portfolio has hundreds of such bodies (one per
parish), and listing every pair of them as a near duplicate buries the few real ones
(57 000 pairs at 40 000 synthetic actions). The territories loaded with the data say which
words are places: a name *mentions* a territory when the territory's folded name appears
in it as whole words (the longest one where several start at the same word).

Numbers in names are compared the same way (:func:`numbers`): «Unidad Educativa 12» and
«… 13» are two schools.

Two names name *different places* when both mention places and they differ. Places are
compared leniently, so that a name written with a sector's fuller name is not set apart
from the same name with the parish («Zona Calderón» / «Calderón»): two places agree when
the words of one appear, in order and whole, in the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tejido.graph.model import fold

_NUMBER = re.compile(r"\b\d+\b")

_END = ""  # trie key marking the end of a place name (no word is empty)


class PlaceNames:
    """The folded names of some territories, found as whole words inside other names."""

    def __init__(self, names: Iterable[str]) -> None:
        self._trie: dict[str, dict] = {}
        for name in names:
            words = fold(name).split()
            if not words:
                continue
            node = self._trie
            for word in words:
                node = node.setdefault(word, {})
            node[_END] = " ".join(words)

    def mentioned(self, name: str) -> frozenset[str]:
        """The places ``name`` names, left to right, each the longest match at its word."""
        return self.split(name)[0]

    def split(self, name: str) -> tuple[frozenset[str], str]:
        """The places ``name`` names and its other words (folded): «GAD Parroquial de San
        José» -> ({"san jose"}, "gad parroquial de")."""
        words = fold(name).split()
        found: set[str] = set()
        rest: list[str] = []
        i = 0
        while i < len(words):
            node, j, match = self._trie, i, None
            while j < len(words) and words[j] in node:
                node = node[words[j]]
                j += 1
                if _END in node:
                    match = (j, node[_END])
            if match is None:
                rest.append(words[i])
                i += 1
            else:
                i, place = match
                found.add(place)
        return frozenset(found), " ".join(rest)


def numbers(name: str) -> frozenset[str]:
    """The whole numbers a name carries, marked so that they agree only with themselves:
    «Unidad Educativa 12» and «… 13» are two schools, as two places are two bodies."""
    return frozenset(f"nº {n}" for n in _NUMBER.findall(fold(name)))


def agreeing(places: Iterable[str]) -> dict[str, set[str]]:
    """Each of ``places`` -> those of them it agrees with (itself included)."""
    unique = sorted(set(places))
    out: dict[str, set[str]] = {p: {p} for p in unique}
    for i, a in enumerate(unique):
        for b in unique[i + 1:]:
            if _agree(a, b):
                out[a].add(b)
                out[b].add(a)
    return out


def _agree(a: str, b: str) -> bool:
    """One place's words appear, in order and whole, in the other's."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return f" {short} " in f" {long} "


def different_places(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether names mentioning places ``a`` and ``b`` stand for two institutions: both
    name a place, and one names a place the other's places do not agree with."""
    if not a or not b:
        return False
    return (any(not any(_agree(x, y) for y in b) for x in a)
            or any(not any(_agree(y, x) for x in a) for y in b))
