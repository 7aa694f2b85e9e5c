"""How the model's names read to a planner: one table of display names, in both languages.

Every closed list of the model (:data:`tejido.graph.model.CLOSED_LISTS`), every node label
and every relationship type has its Spanish and English display name here and only here;
the CLI, the reports and the maps ask :func:`display`. A test checks that every member of
every list has one, so a value added to the model cannot reach a planner unnamed.
"""

from __future__ import annotations

from enum import StrEnum

from .i18n import register, t
from .model import CLOSED_LISTS, NODE_TYPES, RelType

#: list name -> value -> (es, en). List names: "label" (plural, for counts), "label.one"
#: (one node of that label), "rel", and CLOSED_LISTS' keys.
NAMES: dict[str, dict[str, tuple[str, str]]] = {  # RelType keys hash as their str
    "label": {
        "Actor": ("Actores", "Actors"),
        "Action": ("Acciones", "Actions"),
        "Territory": ("Territorios", "Territories"),
        "Mechanism": ("Mecanismos", "Mechanisms"),
        "Axis": ("Ejes y objetivos", "Axes and objectives"),
        "Source": ("Filas de origen", "Source rows"),
        "Document": ("Documentos de origen", "Source documents"),
    },
    "label.one": {
        "Actor": ("Actor", "Actor"),
        "Action": ("Acción", "Action"),
        "Territory": ("Territorio", "Territory"),
        "Mechanism": ("Mecanismo", "Mechanism"),
        "Axis": ("Eje u objetivo", "Axis or objective"),
        "Source": ("Fila de origen", "Source row"),
        "Document": ("Documento de origen", "Source document"),
    },
    "rel": {
        RelType.LEADS: ("lidera (actor → acción)", "leads (actor → action)"),
        RelType.ARTICULATES: ("articula (actor → acción)", "articulates (actor → action)"),
        RelType.TARGETS: ("se ejecuta en (acción → territorio)", "targets (action → territory)"),
        RelType.USES: ("usa (acción → mecanismo)", "uses (action → mechanism)"),
        RelType.UNDER: ("bajo (acción → eje u objetivo)", "under (action → axis or objective)"),
        RelType.PART_OF: ("pertenece a", "part of"),
        RelType.RELATES: ("relación directa (actor → actor)", "direct tie (actor → actor)"),
        RelType.RESPONSIBLE_FOR: ("responsable de (actor → eje u objetivo)",
                                  "responsible for (actor → axis or objective)"),
        RelType.SUCCEEDS: ("sucede a (actor → actor que reemplazó)",
                           "succeeds (actor → actor it replaced)"),
        RelType.CONVENES: ("convoca (actor → mecanismo)", "convenes (actor → mechanism)"),
    },
    "actor.tipo": {
        "secretaria": ("Secretaría", "Secretariat"),
        "empresa_publica": ("Empresa pública", "Public company"),
        "agencia": ("Agencia", "Agency"),
        "administracion_zonal": ("Administración zonal", "Zonal administration"),
        "gad_parroquial": ("GAD parroquial", "Parish government"),
        "gad_cantonal": ("GAD cantonal", "Cantonal government"),
        "gad_provincial": ("GAD provincial", "Provincial government"),
        "gobierno_nacional": ("Gobierno nacional", "National government"),
        "cooperacion": ("Cooperación", "International cooperation"),
        "privado": ("Privado", "Private sector"),
        "sociedad_civil": ("Sociedad civil", "Civil society"),
        "academia": ("Academia", "Academia"),
        "otro": ("Otro", "Other"),
    },
    "actor.nivel": {
        "parroquial": ("parroquial", "parish"),
        "cantonal": ("cantonal", "cantonal"),
        "metropolitano": ("metropolitano", "metropolitan"),
        "provincial": ("provincial", "provincial"),
        "nacional": ("nacional", "national"),
        "internacional": ("internacional", "international"),
    },
    "accion.tipo": {
        "accion": ("acción", "action"),
        "iniciativa": ("iniciativa", "initiative"),
        "proyecto": ("proyecto", "project"),
        "programa": ("programa", "programme"),
        "actividad": ("actividad", "activity"),
    },
    "accion.estado": {
        "planificada": ("planificada", "planned"),
        "en_marcha": ("en marcha", "under way"),
        "finalizada": ("finalizada", "finished"),
        "suspendida": ("suspendida", "suspended"),
        "no_iniciada": ("no iniciada", "not started"),
    },
    "mecanismo.tipo": {
        "convenio": ("convenio", "agreement"),
        "acuerdo": ("acuerdo", "accord"),
        "alianza": ("alianza", "alliance"),
        "app": ("alianza público-privada", "public-private partnership"),
        "carta_intencion": ("carta de intención", "letter of intent"),
        "mesa_tecnica": ("mesa técnica", "technical roundtable"),
        "reunion_bilateral": ("reunión bilateral", "bilateral meeting"),
        "mancomunidad": ("mancomunidad", "association of governments"),
        "consorcio": ("consorcio", "consortium"),
        "convenio_delegacion": ("convenio de delegación", "delegation agreement"),
        "contrato": ("contrato", "contract"),
        "otro": ("otro", "other"),
    },
    "documento.autoridad": {
        "plan_adoptado": ("plan adoptado por el concejo", "plan adopted by the council"),
        "informe_institucional": ("informe institucional", "institutional report"),
        "programa": ("programa de gobierno", "government programme"),
        "propuesta": ("propuesta no adoptada", "proposal, not adopted"),
        "sin_declarar": ("sin declarar", "not declared"),
    },
}

register({f"vocab.{kind}.{value}": {"es": es, "en": en}
          for kind, values in NAMES.items() for value, (es, en) in values.items()})


def lists() -> dict[str, list[str]]:
    """Every list's values as the model declares them (what :data:`NAMES` must cover)."""
    model: dict[str, list[str]] = {"label": list(NODE_TYPES), "label.one": list(NODE_TYPES),
                                   "rel": [r.value for r in RelType]}
    for name, enum in CLOSED_LISTS.items():
        model[name] = [member.value for member in enum]
    return model


def display(kind: str, value: str | StrEnum | None) -> str:
    """The display name of ``value`` in list ``kind`` in the current language; a value
    outside the list (data from an older model) is shown as it is."""
    if value is None:
        return ""
    key = str(value)
    return t(f"vocab.{kind}.{key}") if key in NAMES.get(kind, {}) else key
