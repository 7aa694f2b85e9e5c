"""The empty planner's workbook: six sheets (the last, ``equivalencias``, optional), a note
on every header, drop-downs for closed lists.

The sheets and columns come from :data:`tejido.loaders.workbook_spec.SHEETS`, so the template
and the loader cannot drift apart. Drop-down lists live in a hidden ``listas`` sheet and
are referenced by range: an inline list (``"a,b,c"``) is limited to 255 characters,
which the actor types already exceed.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from tejido.graph.i18n import register, t

from .workbook_spec import LISTS_SHEET, SHEETS, Column, SheetSpec

#: Data validation down to Excel's last row: the planner may add as many rows as needed.
LAST_ROW = 1_048_576

_HELP: dict[str, tuple[str, str]] = {
    "actores.nombre": (
        "Nombre oficial completo del actor (obligatorio), p. ej. «Secretaría de Ambiente». "
        "Las demás hojas lo citan por este nombre o por una de sus siglas, sin importar "
        "mayúsculas ni tildes.",
        "Full official name of the actor (required), e.g. «Secretaría de Ambiente». The other "
        "sheets cite it by this name or one of its acronyms, ignoring case and accents.",
    ),
    "actores.siglas": (
        "Siglas u otros nombres con que se cita al actor, separados por punto y coma, "
        "p. ej. «SA; SDA». Cada sigla identifica a un solo actor.",
        "Acronyms or other names the actor is cited by, separated by semicolons, "
        "e.g. «SA; SDA». Each acronym identifies one actor only.",
    ),
    "actores.tipo": (
        "Tipo de actor (lista desplegable). Vacío = otro.",
        "Kind of actor (drop-down list). Empty = otro.",
    ),
    "actores.nivel": (
        "Nivel de gobierno o alcance del actor (lista desplegable). Opcional.",
        "Level of government or reach of the actor (drop-down list). Optional.",
    ),
    "actores.interno": (
        "sí si el actor forma parte del gobierno que ejecuta el plan (p. ej. el GAD del DMQ); "
        "no si es externo.",
        "sí (yes) if the actor belongs to the government that runs the plan (e.g. the DMQ "
        "GAD); no if it is external.",
    ),
    "actores.notas": ("Notas libres; no se analizan.", "Free notes; not analysed."),
    "acciones.id": (
        "Código propio de la acción, opcional (p. ej. A-001). Si se da, identifica a la "
        "acción aunque cambie su título; no puede repetirse.",
        "Your own code for the action, optional (e.g. A-001). When given it identifies the "
        "action even if its title changes; it cannot repeat.",
    ),
    "acciones.titulo": (
        "Título de la acción, iniciativa, proyecto o programa (obligatorio).",
        "Title of the action, initiative, project or programme (required).",
    ),
    "acciones.tipo": (
        "Tipo de intervención (lista desplegable). Vacío = accion.",
        "Kind of intervention (drop-down list). Empty = accion.",
    ),
    "acciones.eje": (
        "Eje estratégico bajo el que está la acción (texto libre; las acciones con el mismo "
        "eje se agrupan).",
        "Strategic axis the action sits under (free text; actions with the same axis are "
        "grouped).",
    ),
    "acciones.objetivo": (
        "Objetivo al que contribuye la acción (texto libre); pertenece a su eje.",
        "Objective the action contributes to (free text); it belongs to its axis.",
    ),
    "acciones.problema": (
        "Problema que atiende la acción (texto libre).",
        "Problem the action addresses (free text).",
    ),
    "acciones.estado": (
        "Estado de la acción (lista desplegable). Opcional.",
        "Status of the action (drop-down list). Optional.",
    ),
    "acciones.rector": (
        "Actor o actores que lideran la acción: nombre o sigla como en la hoja actores; "
        "varios separados por punto y coma. Un actor no declarado se crea con tipo «otro» "
        "y se avisa.",
        "Actor(s) leading the action: name or acronym as in the actores sheet; several "
        "separated by semicolons. An undeclared actor is created with tipo «otro», with a "
        "warning.",
    ),
    "acciones.articuladores": (
        "Actores que participan o articulan, separados por punto y coma.",
        "Actors that take part or articulate, separated by semicolons.",
    ),
    "acciones.territorios": (
        "Territorios donde se ejecuta (nombres de la hoja territorios), separados por punto "
        "y coma. TODOS = todos los territorios del libro.",
        "Territories where it takes place (names from the territorios sheet), separated by "
        "semicolons. TODOS = every territory of the workbook.",
    ),
    "acciones.mecanismos": (
        "Mecanismos de articulación que usa (nombres de la hoja mecanismos), separados por "
        "punto y coma.",
        "Articulation mechanisms it uses (names from the mecanismos sheet), separated by "
        "semicolons.",
    ),
    "acciones.fuente": (
        "Documento del que se tomó la fila (p. ej. «PMDOT 2021, p. 34»).",
        "Document the row was taken from (e.g. «PMDOT 2021, p. 34»).",
    ),
    "territorios.nombre": (
        "Nombre del territorio: parroquia, zona, cantón… (obligatorio).",
        "Name of the territory: parish, zone, canton… (required).",
    ),
    "territorios.tipo": (
        "Tipo de territorio (texto libre: parroquia, zona, cantón…).",
        "Kind of territory (free text: parroquia, zona, cantón…).",
    ),
    "territorios.pertenece_a": (
        "Territorio mayor al que pertenece (nombre de otra fila de esta hoja), p. ej. la "
        "zona de una parroquia.",
        "Larger territory it belongs to (name of another row of this sheet), e.g. the zone "
        "of a parish.",
    ),
    "territorios.codigo": (
        "Código oficial del territorio (p. ej. DPA del INEC). Opcional.",
        "Official code of the territory (e.g. INEC's DPA). Optional.",
    ),
    "mecanismos.nombre": (
        "Nombre del mecanismo de articulación concreto, p. ej. «Convenio marco SA–CONQUITO» "
        "(obligatorio).",
        "Name of the specific articulation mechanism, e.g. «Convenio marco SA–CONQUITO» "
        "(required).",
    ),
    "mecanismos.tipo": (
        "Tipo de mecanismo (lista desplegable). Vacío = otro.",
        "Kind of mechanism (drop-down list). Empty = otro.",
    ),
    "relaciones.origen": (
        "Actor de origen de una relación directa entre actores (nombre o sigla; obligatorio).",
        "Origin actor of a direct tie between actors (name or acronym; required).",
    ),
    "relaciones.destino": (
        "Actor de destino de la relación (nombre o sigla; obligatorio).",
        "Target actor of the tie (name or acronym; required).",
    ),
    "relaciones.tipo": (
        "Tipo de relación (texto libre, p. ej. coordinación, financiamiento). Vacío = relacion.",
        "Kind of tie (free text, e.g. coordinación, financiamiento). Empty = relacion.",
    ),
    "relaciones.peso": (
        "Intensidad de la relación: un número mayor o igual que 0 (p. ej. de 1 a 5). Opcional.",
        "Strength of the tie: a number greater than or equal to 0 (e.g. 1 to 5). Optional.",
    ),
    "relaciones.mecanismo": (
        "Mecanismo por el que se relacionan (nombre de la hoja mecanismos). Opcional.",
        "Mechanism through which they relate (name from the mecanismos sheet). Optional.",
    ),
    "relaciones.fuente": (
        "Documento del que se tomó la relación.",
        "Document the tie was taken from.",
    ),
    "equivalencias.nombre": (
        "Hoja opcional: decide que dos nombres son la misma institución, o que una "
        "reemplazó a otra. Nombre que se usa en las demás hojas (obligatorio), p. ej. "
        "«Conquito». Cada nombre tiene una sola equivalencia.",
        "Optional sheet: decides that two names are one institution, or that one replaced "
        "the other. Name used in the other sheets (required), e.g. «Conquito». Each name "
        "has one equivalence only.",
    ),
    "equivalencias.equivale_a": (
        "Actor declarado en la hoja actores al que equivale el nombre (nombre o sigla; "
        "obligatorio), p. ej. «Agencia de Promoción Económica ConQuito».",
        "Actor declared in the actores sheet the name is equivalent to (name or acronym; "
        "required), e.g. «Agencia de Promoción Económica ConQuito».",
    ),
    "equivalencias.relacion": (
        "mismo_actor: el nombre es otra forma de llamar a ese actor; todas las filas que lo "
        "usan se cargan como ese actor. renombrado: ese actor reemplazó a la institución "
        "del nombre (p. ej. una secretaría que cambió de nombre); se registra que la "
        "sucede y ambas se conservan.",
        "mismo_actor: the name is another way to call that actor; every row using it loads "
        "as that actor. renombrado: that actor replaced the institution of the name (e.g. "
        "a renamed secretaría); the succession is recorded and both are kept.",
    ),
    "equivalencias.fuente": (
        "Dónde consta la equivalencia: documento, página, resolución o fuente pública. "
        "«tejido quality» la muestra junto a cada equivalencia aplicada.",
        "Where the equivalence is stated: document, page, resolution or public source. "
        "«tejido quality» shows it beside each applied equivalence.",
    ),
}

register({f"template.{key}": {"es": es, "en": en} for key, (es, en) in _HELP.items()})
register(
    {
        "template.allowed": {"es": "Valores: {values}.", "en": "Values: {values}."},
        "template.error_title": {"es": "Valor no admitido", "en": "Value not allowed"},
        "template.error": {
            "es": "Elija un valor de la lista desplegable.",
            "en": "Pick a value from the drop-down list.",
        },
    }
)

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def header_help(sheet: str, column: Column) -> str:
    """The note shown on a header, in the current language (lists spelled out)."""
    text = t(f"template.{sheet}.{column.name}")
    if column.choices is not None:
        text += " " + t("template.allowed", values=", ".join(column.allowed()))
    return text


def write_template(path: Path) -> None:
    """Write the empty workbook to ``path`` (an ``.xlsx``)."""
    book = Workbook()
    book.remove(book.active)
    sheets = [book.create_sheet(spec.name) for spec in SHEETS]
    lists = book.create_sheet(LISTS_SHEET)
    next_list = 1
    for spec, sheet in zip(SHEETS, sheets, strict=True):
        for index, column in enumerate(spec.columns, 1):
            _header(sheet, index, spec, column)
            if column.choices is not None:
                _drop_down(sheet, index, lists, next_list, f"{spec.name}.{column.name}", column)
                next_list += 1
        sheet.freeze_panes = "A2"
    lists.sheet_state = "hidden"
    book.active = 0
    book.save(path)


def _header(sheet: Worksheet, index: int, spec: SheetSpec, column: Column) -> None:
    cell = sheet.cell(row=1, column=index, value=column.name)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.comment = Comment(header_help(spec.name, column), "tejido", width=340, height=160)
    sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.name) + 6)


def _drop_down(
    sheet: Worksheet, index: int, lists: Worksheet, list_index: int, title: str, column: Column
) -> None:
    """A list validation on the whole column, reading its values from the hidden sheet."""
    values = column.allowed()
    letter = get_column_letter(list_index)
    lists.cell(row=1, column=list_index, value=title)
    for offset, value in enumerate(values, 2):
        lists.cell(row=offset, column=list_index, value=value)
    validation = DataValidation(
        type="list",
        formula1=f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t("template.error_title"),
        error=t("template.error"),
    )
    target = get_column_letter(index)
    validation.add(f"{target}2:{target}{LAST_ROW}")
    sheet.add_data_validation(validation)
