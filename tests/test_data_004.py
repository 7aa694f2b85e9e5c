"""Dataset 004 (Pactos por Pichincha).

Every expectation here was written by hand from the seed texts in /work/shared/seeds
(004_d5efb94dd9411b21); comments name the section. Row numbers ("fila") are TSV lines of
data/004_*/tables/*.tsv (header = 1). Actor names are the registry's canonical names
(data/actors.yaml, data/actors.d/*.yaml).
"""

from __future__ import annotations

import pytest
from helpers_datasets import PICHINCHA_GOV, actor, facts, load, one_action

from tejido.graph.model import GraphBatch


@pytest.fixture(scope="module")
def b004() -> GraphBatch:
    return load("004_pactos_pichincha")


# ==========================================================================================
# 004 — Pactos por Pichincha
# ==========================================================================================
D4 = "004_d5efb94dd9411b21"
T4_PROG = "Programa, productos y hoja de ruta (derivado del texto)"
T4_MESAS = ("Pactos – 8 mesas cantonales de turismo y 5 mesas sectoriales agropecuarias "
            "(derivado del texto)")
T4_AXES = "Alcance, objetivos, resultados y hoja de ruta (derivado del texto)"
EJE4 = "La productividad en Pichincha"
RES4 = "Pactos por Pichincha – Resultados"
HR = "Pactos por Pichincha – Hoja de ruta"
LANZ, PACTOS, APOYO, SOC = (f"{HR}: Evento de lanzamiento", f"{HR}: Pactos",
                            f"{HR}: Pactos: instrumentos de apoyo",
                            f"{HR}: Socialización de la propuesta")
# The general objective (Objetivo general).
OG = ("Llevar a cabo un proceso de articulación y coordinación con actores públicos y "
      "privados para identificar y poner en marcha un modelo de gestión que fomente el "
      "desarrollo productivo de Pichincha")
# One cantonal mesa per canton of Pichincha (a public fact; the document names none).
CANTONES = ["Cayambe", "Mejía", "Pedro Moncayo", "Pedro Vicente Maldonado", "Puerto Quito",
            "Quito", "Rumiñahui", "San Miguel de los Bancos"]
CANTONALES = {f"Pactos por Pichincha – Mesa cantonal de turismo de {c}" for c in CANTONES}
SECTORIALES = {f"Pactos por Pichincha – Mesa sectorial agropecuaria {i}" for i in range(1, 6)}

# fila: (title, tipo, axis, rector, territories, mechanisms)
PROGRAM_004 = {
    2: ("Pactos por Pichincha", "programa", EJE4, {PICHINCHA_GOV}, {"Pichincha"},
        CANTONALES | SECTORIALES),
    3: ("Producto 1: Un enfoque conceptual, una propuesta metodológica, una hoja de ruta y un "
        "plan de trabajo.", "accion", RES4, set(), set(), set()),
    4: ("Producto 2: Dos procesos de concertación para la construcción de los Pactos por "
        "Pichincha.", "accion", RES4, set(), set(), set()),
    5: ("Producto 3: Desarrollo de una estrategia de comunicación de doble vía.", "accion",
        RES4, set(), set(), set()),
    6: ("Producto 4: Diseño de un Sistema de Información Estratégica que articule y ofrezca "
        "información para el desarrollo productivo.", "accion", RES4, set(), set(), set()),
    7: ("Producto 5: Desarrollo de eventos públicos para socializar el alcance y logros del "
        "programa, con la participación de líderes políticos, sociales y expertos.", "accion",
        RES4, set(), set(), set()),
    8: ("Conformación del grupo de trabajo", "actividad", LANZ, set(), set(), set()),
    10: ("Definición de una estrategia de comunicación", "actividad", LANZ, set(), set(), set()),
    14: ("Logística", "actividad", LANZ, set(), set(), set()),
    16: ("Sistematización del evento", "actividad", LANZ, set(), set(), set()),
    17: ("Diseño Metodológico", "actividad", PACTOS, set(), set(), set()),
    19: ("Organización de las mesas de diálogo", "actividad", PACTOS, set(), set(), set()),
    20: ("Implementación de 8 mesas cantonales que dialogan y se ponen de acuerdo en una "
         "estrategia provincial de turismo", "actividad", PACTOS, set(), {"Pichincha"},
         CANTONALES),
    21: ("Realización de 5 mesas sectoriales que abordan la temática agropecuaria permitiendo "
         "articulación, prioridades, acuerdos, metas para escenarios futuros", "actividad",
         PACTOS, set(), {"Pichincha"}, SECTORIALES),
    22: ("Definición de una estrategia de comunicación", "actividad", APOYO, set(), set(), set()),
    24: ("Mapeo de actores provinciales y cantonales", "actividad", APOYO, set(), set(), set()),
    25: ("Encuentro de socialización de resultados de los Pactos por Pichincha y de los "
         "avances logrados, lo que permitirá corregir errores, sumar experiencias y "
         "fortalecer el proceso", "actividad", SOC, set(), set(), set()),
}


@pytest.mark.parametrize("row", sorted(PROGRAM_004))
def test_004_program_rows(b004: GraphBatch, row: int) -> None:
    title, tipo, axis, rector, territories, mechanisms = PROGRAM_004[row]
    f = facts(b004, D4, T4_PROG, row)
    action = one_action(f)
    assert (action.titulo, action.tipo) == (title, tipo)
    assert axis in {name for _, name in f["under"]}
    assert f["rector"] == rector
    assert f["articuladores"] == set()  # the document names no other actor
    assert f["territorios"] == territories
    assert f["mecanismos"] == mechanisms


def test_004_eight_cantonal_and_five_sectoral_mesas(b004: GraphBatch) -> None:
    mesas = {facts(b004, D4, T4_MESAS, r)["mechanisms"][0].name: r for r in range(2, 15)}
    assert set(mesas) == CANTONALES | SECTORIALES
    kinds = {n.tipo for n in b004.nodes.values() if n.label == "Mechanism"}
    assert kinds == {"mesa_tecnica"}
    assert len(CANTONALES) == 8 and len(SECTORIALES) == 5


def test_004_program_led_by_the_provincial_government(b004: GraphBatch) -> None:
    # External: the registry is read from the metropolitan government's side.
    government = actor(b004, PICHINCHA_GOV)
    assert (government.tipo, government.nivel, government.interno) == (
        "gad_provincial", "provincial", False)
    program = one_action(facts(b004, D4, T4_PROG, 2))
    assert program.objetivo == OG
    assert len([n for n in b004.nodes.values() if n.label == "Action"]) == 24


# fila: (name, tipo, parent); OG = the general objective (fila 3).
AXES_004 = {
    2: (EJE4, "eje", None),
    3: (OG, "objetivo", EJE4),
    4: ("Organizar información provincial que apoye a la definición de un modelo de gestión "
        "productiva para Pichincha, en las áreas agropecuaria y turística.", "objetivo", OG),
    5: ("Desarrollar un proceso de diálogo y consulta con actores públicos y privados para "
        "impulsar la concreción de Pactos por Pichincha.", "objetivo", OG),
    6: ("Alinear y fortalecer la gestión del Gobierno Provincial a partir de la concertación "
        "derivada de los “Pactos por Pichincha”.", "objetivo", OG),
    7: (RES4, "resultados", None),
    8: (HR, "hoja_de_ruta", None),
    9: (LANZ, "fase", HR), 10: (PACTOS, "fase", HR), 11: (APOYO, "fase", HR), 12: (SOC, "fase", HR),
}


@pytest.mark.parametrize("row", sorted(AXES_004))
def test_004_axis_rows(b004: GraphBatch, row: int) -> None:
    name, tipo, parent = AXES_004[row]
    f = facts(b004, D4, T4_AXES, row)
    [axis] = [a for a in f["axes"] if a.name == name]
    assert axis.tipo == tipo
    assert f["part_of"] == ({(name, parent)} if parent else set())
