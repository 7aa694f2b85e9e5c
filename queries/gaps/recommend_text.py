"""How a next step reads: the sentences of the recommendations in Spanish and English, and
the small helpers that put names from the data into them.

Every sentence is a template whose blanks are filled with names from the data (actors,
actions, mechanisms, ejes, territories); none is complete without them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tejido.graph.i18n import register, t, tn
from tejido.graph.vocabulary import display

#: How many names a list in a sentence shows before "and N more".
SHOWN = 3

register(
    {
        "rec.and": {"es": "y", "en": "and"},
        "rec.more": {"es": "{n} más", "en": "{n} more"},
        "rec.cleaning": {"es": "Limpieza de datos: {v}.", "en": "Data cleaning: {v}."},
        "rec.confirm": {"es": "confirme los datos de {v}", "en": "confirm the data of {v}"},
        "rec.review": {"es": "Revise este hallazgo con {v}.",
                       "en": "Review this finding with {v}."},
        # who a proposed actor is (why it is proposed)
        "rec.why.puente": {"es": "ya trabaja con ambos", "en": "already works with both"},
        "rec.why.convoca": {"es": "ya convoca {m} en este eje",
                            "en": "already convenes {m} in this eje"},
        "rec.why.responsable": {"es": "responsable, según el documento, de {n} acciones "
                                      "del eje",
                                "en": "named responsible for {n} actions of the eje"},
        "rec.why.responsable_eje": {"es": "responsable del eje",
                                    "en": "responsible for the eje"},
        "rec.why.lidera_eje": {"es": "lidera {n} acciones del eje",
                               "en": "leads {n} actions of the eje"},
        "rec.why.lidera_eje.one": {"es": "lidera 1 acción del eje",
                                   "en": "leads 1 action of the eje"},
        "rec.why.responsable.one": {"es": "responsable, según el documento, de 1 acción "
                                          "del eje",
                                    "en": "named responsible for 1 action of the eje"},
        "rec.why.mas_activo": {"es": "el actor con más acciones en el contexto",
                               "en": "the actor with most actions in the context"},
        "rec.why.mas_lazos": {"es": "el actor con más lazos en el contexto",
                              "en": "the actor with most ties in the context"},
        # mechanisms
        "rec.mech.known": {"es": "mediante {m}, ya usado en el eje por {who}",
                           "en": "through {m}, already used in the eje by {who}"},
        "rec.mech.eje": {"es": "mediante {m}, ya usado en el eje «{eje}»",
                         "en": "through {m}, already used in eje «{eje}»"},
        "rec.mech.own": {"es": "a través de {m}, el mecanismo de la acción",
                         "en": "through {m}, the action's mechanism"},
        "rec.mech.actors": {"es": "mediante {m}, ya usado por {who} en otras acciones",
                            "en": "through {m}, already used by {who} in other actions"},
        "rec.contexts": {"es": "«{eje}» en {places}", "en": "«{eje}» in {places}"},
    }
)


def quote(text: Any) -> str:
    return f"«{text}»"


def join(items: Sequence[str], shown: int = SHOWN) -> str:
    """«A», «A y B», «A, B y C», «A, B, C y 2 más» (English: and)."""
    items = list(items)
    if len(items) > shown:
        items = [*items[:shown], t("rec.more", n=len(items) - shown)]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('rec.and')} {items[-1]}"


def mechanism_text(ref: dict[str, Any]) -> str:
    """«Name» (tipo), the tipo in the report's language and left out when «otro»."""
    tipo = ref.get("tipo")
    name = quote(ref["nombre"])
    return f"{name} ({display('mecanismo.tipo', tipo)})" if tipo and tipo != "otro" else name


def why(ref: dict[str, Any]) -> str:
    """Why an actor is proposed, from its ``motivo`` (and the count or mechanism it carries)."""
    motivo = ref["motivo"]
    if motivo == "convoca":
        return t("rec.why.convoca", m=quote(ref["mecanismo"]["nombre"]))
    if motivo == "responsable":
        return (tn("rec.why.responsable", ref["acciones"]) if "acciones" in ref
                else t("rec.why.responsable_eje"))
    if motivo == "lidera_eje":
        return tn("rec.why.lidera_eje", ref["acciones"])
    return t(f"rec.why.{motivo}")


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
