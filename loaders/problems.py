"""Row problems: what a loader could read only in part (the matrix loader) or cleaned (the
workbook loader: merged cells, invisible characters, hidden sheets), stored for the report.

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
        # What the workbook loader cleaned (tejido.loaders.workbook_clean).
        "problem.celda_combinada": {
            "es": "celda combinada {value}: su valor se lee en cada celda que cubre",
            "en": "merged cell {value}: its value is read in every cell it covers",
        },
        "problem.caracteres_de_control": {
            "es": "se quitaron caracteres de control invisibles: {value}",
            "en": "invisible control characters were removed: {value}",
        },
        "problem.caracteres_invisibles": {
            "es": "se quitaron caracteres invisibles de formato o de dirección del texto: "
            "{value}",
            "en": "invisible format or text-direction characters were removed: {value}",
        },
        "problem.hoja_oculta": {
            "es": "la hoja «{value}» está oculta en el libro; se leyó igualmente",
            "en": "the sheet «{value}» is hidden in the workbook; it was read all the same",
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
