"""Every value of every closed list, label and relationship type has a display name."""

from __future__ import annotations

from tejido.graph import i18n
from tejido.graph.model import ActorTipo, Estado, RelType
from tejido.graph.vocabulary import NAMES, display, lists


def test_every_model_value_has_a_display_name_in_both_languages() -> None:
    declared = lists()
    assert set(declared) == set(NAMES)
    for kind, values in declared.items():
        assert set(values) == {str(v) for v in NAMES[kind]}, kind
        for value in values:
            es, en = NAMES[kind][value]
            assert es.strip() and en.strip(), (kind, value)


def test_display_follows_the_language_and_keeps_unknown_values() -> None:
    try:
        i18n.set_lang("es")
        assert display("actor.tipo", ActorTipo.secretaria) == "Secretaría"
        assert display("accion.estado", Estado.no_iniciada) == "no iniciada"
        assert display("rel", RelType.UNDER) == "bajo (acción → eje u objetivo)"
        i18n.set_lang("en")
        assert display("actor.tipo", "gad_parroquial") == "Parish government"
        assert display("label", "Axis") == "Axes and objectives"
    finally:
        i18n.set_lang("es")
    assert display("actor.tipo", "tipo_de_otro_modelo") == "tipo_de_otro_modelo"
    assert display("accion.estado", None) == ""
