"""Reading one cell as a typed value: closed lists, integers, numbers, yes/no; and a text
cell cleaned of what nobody can see (:func:`clean_text`).

Each typed reader returns the value or raises :class:`CellValueError` with a
planner-facing message; the caller knows the file, sheet, row and column to put around it.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import NamedTuple

from tejido.graph.i18n import register, t
from tejido.graph.model import MechanismTipo, fold

register(
    {
        "cell.choice": {
            "es": "«{value}» no está en la lista cerrada; se admite: {allowed}",
            "en": "“{value}” is not in the closed list; allowed: {allowed}",
        },
        "cell.integer": {
            "es": "«{value}» no es un número entero",
            "en": "“{value}” is not a whole number",
        },
        "cell.number": {"es": "«{value}» no es un número", "en": "“{value}” is not a number"},
        "cell.boolean": {
            "es": "«{value}» no es sí/no",
            "en": "“{value}” is not yes/no",
        },
    }
)

_YES = {"si", "sí", "s", "yes", "y", "true", "verdadero", "1", "x"}
_NO = {"no", "n", "false", "falso", "0"}

#: Words that name a mechanism type, most specific first (the PMDOT's footnote 2 list).
_MECHANISM_WORDS: tuple[tuple[str, MechanismTipo], ...] = (
    ("convenio de delegacion", MechanismTipo.convenio_delegacion),
    ("convenios de delegacion", MechanismTipo.convenio_delegacion),
    ("alianza publico", MechanismTipo.app),
    ("alianzas publico", MechanismTipo.app),
    ("app", MechanismTipo.app),
    ("carta", MechanismTipo.carta_intencion),
    ("mesa", MechanismTipo.mesa_tecnica),
    ("reunion", MechanismTipo.reunion_bilateral),
    ("mancomunidad", MechanismTipo.mancomunidad),
    ("consorcio", MechanismTipo.consorcio),
    ("convenio", MechanismTipo.convenio),
    ("acuerdo", MechanismTipo.acuerdo),
    ("alianza", MechanismTipo.alianza),
    ("contrato", MechanismTipo.contrato),
)


#: Control characters (Unicode category Cc) other than tab, line feed and carriage return:
#: invisible, meaningless in a name, and what XML 1.0 (an .xlsx report) cannot hold, so
#: that writing them later fails (openpyxl's IllegalCharacterError). Vertical tab and form
#: feed are how other programs write a line or page break: they become a line break.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = {"\x0b": "\n", "\x0c": "\n"}
#: Invisible format characters: the bidirectional embeddings, overrides, isolates and
#: marks (U+202A–202E, U+2066–2069, U+200E/F, U+061C), which can show a name reversed
#: (Unicode Technical Standard #39 and CVE-2021-42574, "Trojan Source"); the zero-width
#: space, joiners and word joiner, the BOM, the soft hyphen and the other invisible
#: operators and tags (U+200B–200D, U+2060–2064, U+206A–206F, U+FEFF, U+00AD, U+180E,
#: U+FFF9–FFFB, U+E0001, U+E0020–E007F), which make «CON\u200bQUITO» another name than
#: «CONQUITO» while both look the same. None is part of a Spanish name or title.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f]")


class Cleaned(NamedTuple):
    """A text cell cleaned by :func:`clean_text`, with what was taken out (each distinct
    character once, in order)."""

    text: str
    controls: str
    invisible: str


def clean_text(text: str) -> Cleaned:
    """The text as a person sees it: control and invisible format characters removed
    (see :data:`_CONTROL`, :data:`_INVISIBLE`), line breaks as ``\\n``, NFC-normalised
    (a decomposed «n» + combining tilde becomes the one «ñ» a keyboard types; accents and
    «ñ» stay). Only the removals are worth a warning: the rest changes nothing visible.
    """
    controls = invisible = ""
    if _CONTROL.search(text):
        controls = "".join(dict.fromkeys(_CONTROL.findall(text)))
        text = _CONTROL.sub(lambda m: _BREAKS.get(m.group(), ""), text)
    if _INVISIBLE.search(text):
        invisible = "".join(dict.fromkeys(_INVISIBLE.findall(text)))
        text = _INVISIBLE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return Cleaned(text, controls, invisible)


def codepoints(chars: str) -> str:
    """'\u202e\x00' -> 'U+202E, U+0000': characters nobody can see, named."""
    return ", ".join(f"U+{ord(c):04X}" for c in chars)


class CellValueError(ValueError):
    """A cell that cannot be read as its field's type."""


def closed(value: str, enum: type[StrEnum]) -> str:
    """``"En marcha"`` -> ``"en_marcha"``: case-, accent- and separator-insensitive."""
    key = fold(value).replace(" ", "_").replace("-", "_")
    if key in enum._value2member_map_:
        return key
    allowed = ", ".join(str(member.value) for member in enum)
    raise CellValueError(t("cell.choice", value=value, allowed=allowed))


def integer(value: str) -> int:
    text = value.strip().replace(" ", "")
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise CellValueError(t("cell.integer", value=value)) from None
    if not number.is_integer():
        raise CellValueError(t("cell.integer", value=value))
    return int(number)


def number(value: str) -> float:
    try:
        return float(value.strip().replace(",", "."))
    except ValueError:
        raise CellValueError(t("cell.number", value=value)) from None


def boolean(value: str) -> bool:
    key = fold(value)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellValueError(t("cell.boolean", value=value))


def mechanism_tipo(name: str) -> MechanismTipo:
    """The closed-list type a mechanism's name says it is ("Convenios" -> convenio)."""
    key = fold(name)
    for word, tipo in _MECHANISM_WORDS:
        if key == word or key.startswith(word):
            return tipo
    return MechanismTipo.otro
