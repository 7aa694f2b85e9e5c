"""Row problems: what the matrix loader could read only in part, stored for the report.

They are stored on the row's Source node (``problemas``) as ``"code: column: value"`` so
the quality report can word them in the reader's language long after the load.
"""

from __future__ import annotations

from tejido.graph.i18n import register, t

register(
    {
        "problem.fila_sin_accion": {
            "es": "fila sin acción: sus valores no se aplican a ninguna acción ({value})",
            "en": "row without an action: its values apply to no action ({value})",
        },
        "problem.territorio_no_declarado": {
            "es": "territorio no declarado en la tabla de territorios: «{value}»",
            "en": "territory not declared in the territories table: “{value}”",
        },
        "problem.actores_sin_separador": {
            "es": "nombres sin separador, leídos como varios actores: {value}",
            "en": "names without a separator, read as several actors: {value}",
        },
    }
)


def encode(code: str, column: str, value: str) -> str:
    return f"{code}: {column}: {value}"


def describe(code: str, value: str) -> str:
    """The problem in the current language."""
    return t(f"problem.{code}", value=value)


def render(entry: str) -> str:
    """A stored entry, worded in the current language (unknown codes are shown as stored)."""
    code, _, rest = entry.partition(": ")
    column, _, value = rest.partition(": ")
    try:
        return f"{column}: {describe(code, value)}"
    except KeyError:
        return entry
