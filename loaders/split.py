"""Splitting a multi-value cell ("*CONQUITO *RASTRO EP", "SDPC - SECU", "T4 - T3").

A rule lists bullet markers and separators (both cut the cell) and names to ``keep``
whole although they contain a separator word or sign ("GAD PICHINCHA Y PARROQUIALES"
when " Y " separates). ``keep`` may also map such a name to the values it stands for.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

#: Accented forms a kept name may be written with in the cell (matching is also case-blind).
_ACCENTS = {
    "a": "aáàâäã", "e": "eéèêë", "i": "iíìîï", "o": "oóòôöõ", "u": "uúùûü", "n": "nñ", "c": "cç",
}
_PLACEHOLDER = re.compile("\x00(\\d+)\x00")


class SplitRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    bullets: list[str] = Field(default_factory=list)
    separators: list[str] = Field(default_factory=list)
    keep: list[str] | dict[str, list[str]] = Field(default_factory=list)

    def kept(self) -> dict[str, list[str] | None]:
        """Kept name -> what it stands for (``None``: itself, as written in the cell)."""
        if isinstance(self.keep, dict):
            return dict(self.keep)
        return dict.fromkeys(self.keep)


def _loose_pattern(phrase: str) -> str:
    """Regex for ``phrase`` ignoring case, accents and runs of whitespace."""
    out = []
    for char in phrase.strip():
        if char.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
            continue
        base = char.lower()
        for plain, forms in _ACCENTS.items():
            if base in forms:
                base = plain
        out.append(f"[{_ACCENTS[base]}]" if base in _ACCENTS else re.escape(char))
    return "".join(out)


def split_cell(text: str, rule: SplitRule | None) -> list[str]:
    """The values in one cell, in order, blanks dropped; kept names survive whole."""
    text = text.strip()
    if not text:
        return []
    if rule is None:
        return [text]
    kept = rule.kept()
    found: list[tuple[str, list[str] | None]] = []

    def protect(match: re.Match[str], stands_for: list[str] | None) -> str:
        found.append((match.group(0), stands_for))
        return f"\x00{len(found) - 1}\x00"

    # Longest names first, so a kept name inside a longer kept name does not win.
    for phrase in sorted(kept, key=len, reverse=True):
        pattern = re.compile(_loose_pattern(phrase), re.IGNORECASE)
        text = pattern.sub(lambda m, p=phrase: protect(m, kept[p]), text)

    markers = sorted({m for m in [*rule.bullets, *rule.separators] if m}, key=len, reverse=True)
    pieces = re.split("|".join(re.escape(m) for m in markers), text) if markers else [text]
    edge = " \t" + "".join({ch for m in markers for ch in m if not ch.isalnum()})

    values: list[str] = []
    for piece in pieces:
        piece = piece.strip(edge)
        if not piece:
            continue
        whole = _PLACEHOLDER.fullmatch(piece)
        if whole and found[int(whole.group(1))][1] is not None:
            values.extend(found[int(whole.group(1))][1] or [])
            continue
        values.append(_PLACEHOLDER.sub(lambda m: found[int(m.group(1))][0], piece))
    return values
