"""Reading one cell as a typed value: closed lists, integers, numbers, yes/no.

Each function returns the value or raises :class:`CellValueError` with a planner-facing
message; the caller knows the file, sheet, row and column to put around it.
"""

from __future__ import annotations

from enum import StrEnum

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
