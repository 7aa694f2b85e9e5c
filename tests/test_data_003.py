"""Dataset 003 (Luis Reina Chamorro's councillor work plan 2019–2023).

Every expectation here was written by hand from the seed texts in /work/shared/seeds
(003_f2194c5b0b537b70); comments name the section. Row numbers ("fila") are TSV lines of
data/003_*/tables/*.tsv (header = 1). Actor names are the registry's canonical names
(data/actors.yaml, data/actors.d/*.yaml).
"""

from __future__ import annotations

import pytest
from helpers_datasets import GADDMQ, LUIS, PARROQUIAS, facts, load, one_action

from tejido.graph.model import GraphBatch


@pytest.fixture(scope="module")
def b003() -> GraphBatch:
    return load("003_plan_concejal")


# ==========================================================================================
# 003 — Plan de trabajo 2019–2023 (Luis Reina Chamorro)
# ==========================================================================================
D3 = "003_f2194c5b0b537b70"
OBJ_TERRITORIO = ("Promover resoluciones y ordenanzas que tengan como eje central la equidad "
                  "territorial")
COMISIONES = "Comisiones del Concejo Metropolitano"
ORD = "Ordenanzaz,resoluciones"

# table -> (system axis, its tipo, objective prefix, {fila: (activity, lineamiento,
#           evaluation mechanism or None, articuladores)})
PLAN_003 = {
    "Plan plurianual – Desarrollo social - cultural": (
        "Social – cultural", "sistema",
        # The table prints the gestión del territorio objective (a copy error of the source).
        "Desarrollo social - cultural: " + OBJ_TERRITORIO, {
            3: ("Gestionar normativas para el fortalecimiento de las actividades sociales "
                "dentro de la ciudad", "Recursos propios", "Rendición de cuentas", set()),
            4: ("Gestionar diferentes actividades para atender las necesidades de los grupos "
                "de atención prioritaria", "Recursos propios, Convenio con GAD y Gobierno "
                "Central", "Rendición de cuentas", {"GAD", "Gobierno Central"}),
            5: ("Gestionar el fortalecimiento de las actividades culturales a través de "
                "ordenanzas que promuevan la cultura", "Recursos propios",
                "Sesiones de trabajo del Concejo Metropolitano", set()),
        }),
    "Plan plurianual – Desarrollo económico-productivo": (
        "Económico - productivo", "sistema",
        "Desarrollo económico-productivo: Desarrollar normativas locales para el desarrollo "
        "de proyectos productivos", {
            3: ("Gestionar ordenanzas que fortalezcan mercados", "Ordenanzas, resoluciones",
                COMISIONES, {PARROQUIAS}),
            4: ("Fortalecimiento de las Asociaciones de Economía Popular y Solidaria para que "
                "procesen productos terminados de la producción de materia prima",
                "Ordenanzas, resoluciones", COMISIONES, {PARROQUIAS}),
            5: ("Gestión para que los agricultores realicen prácticas productivas comunitarias "
                "preservando el ambiente y la biodiversidad", "Odenanzas, resoluciones",
                COMISIONES, {PARROQUIAS}),
        }),
    "Plan plurianual – Desarrollo de asentamientos humanos": (
        "Asentamiento humanos", "sistema",
        "Desarrollo de asentamientos humanos: Propiciar planes de ordeamiento territorial", {
            3: ("Gestión para la elaboración del plan de Desarrollo", ORD, COMISIONES, set()),
            4: ("Gestión para la elaboración del plan de Ordenamiento territorial", ORD,
                COMISIONES, set()),
            5: ("Gestión para la elaboración del plan de gestión de riesgos", ORD, COMISIONES,
                set()),
            6: ("Gestión del mantenimiento de parques y áreas verdes", ORD, COMISIONES, set()),
            7: ("Gestión para la provisión de servicios públicos de calidad por parte del GAD "
                "Municipal", ORD, COMISIONES, {GADDMQ}),
        }),
    "Plan plurianual – Desarrollo movilidad y conectividad": (
        "Movilidad y conectividad", "sistema",
        "Desarrollo movilidad y conectividad: Gestionar la ejecución de proyectos viales", {
            3: ("Gestión para que se implementen proyectos de vialidad en diferentes zonas de "
                "la ciudad", "Ordenanzas, resoluciones", COMISIONES, set()),
            4: ("Gestión para el mantenimiento de las vías de primer nivel",
                "Ordenanzas, resoluciones", COMISIONES, set()),
            5: ("Gestión para el asfaltado de vías de segundo nivel", "Ordenanzas, resoluciones",
                COMISIONES, set()),
            6: ("Gestión para lastrado de vías de tercer nivel", "Ordenanzas, resoluciones",
                COMISIONES, set()),
            7: ("Gestión para el adoquinado de las calles, callejones en los asentamientos "
                "humanos.", "Ordenanzas, resoluciones", COMISIONES, set()),
            # Shifted row in the source: no evaluation mechanism printed.
            8: ("Gestionar paraderos de buses intercantionales en las entradas a los recintos",
                "Ordenanzas, resoluciones", None, set()),
        }),
    "Plan plurianual – Desarrollo de gestión del territorio": (
        "Gestión del territorio", "sistema",
        "Desarrollo de gestión del territorio: " + OBJ_TERRITORIO, {
            3: ("Fortalecer las organizaciones comunitarias de derecho", ORD, COMISIONES, set()),
            4: ("Facilitar la legalización de la organización de las Asociaciones de hecho", ORD,
                COMISIONES, set()),
            5: ("Fortalecer las Asambleas Ciudadanas como parte del sistema de participación "
                "ciudadana", ORD, COMISIONES, set()),
            6: ("Generar ordenanzas que promuevan la cosntrucción de nuevos polos de desarrollo",
                ORD, COMISIONES, set()),
        }),
    "Plan plurianual – Inclusión y diversidad": (
        "Inclusión y diversidad", "eje",
        "Inclusión y diversidad: elaborar de manera colectiva", {
            3: ("Fortalecer las organizaciones comunitarias de derecho", ORD, COMISIONES, set()),
            4: ("Facilitar la legalización de la organización de las Asociaciones de hecho", ORD,
                COMISIONES, set()),
            5: ("Fortalecer la Asamblea Ciudadana Parroquial Rural como parte del sistema de "
                "participación ciudadana", ORD, COMISIONES, set()),
            6: ("Gestionar la participación ciudadana dentro de la toma de decisiones del "
                "Gobierno Parroquial", ORD, COMISIONES, {PARROQUIAS}),
        }),
    "Plan plurianual – Participación y fiscalización": (
        "Participación y fiscalización", "eje",
        "Participación y fiscalización: vincular a la sociedad civil", {
            3: ("Gestionar la participación ciudadana dentro de la toma de decisiones del "
                "Gobierno Parroquial", ORD, COMISIONES, {PARROQUIAS}),
            4: ("Facilitar la legalización de la organización de las Asociaciones de hecho", ORD,
                COMISIONES, set()),
            5: ("Propiciar el acceso a mecanismos de participación ciudadana y fiscalización",
                ORD, COMISIONES, set()),
            6: ("Promover la presentación de Iniciativas Populares Normativas", ORD, COMISIONES,
                set()),
        }),
}
PLAN_ROWS_003 = [(table, row) for table, spec in PLAN_003.items() for row in spec[3]]
# Mechanisms the row's other cells name, besides its evaluation mechanism (derived columns;
# pinned with their rules in test_documented_facts.py): the Estrategias convenio (l.68) and
# the objective's participation mechanisms (l.45, l.122).
OTHER_MECHANISMS_003 = {
    ("Plan plurianual – Desarrollo social - cultural", 4): {"Convenio con GAD y Gobierno Central"},
    ("Plan plurianual – Participación y fiscalización", 5): {"Silla Vacía",
                                                            "Iniciativas Populares Normativas"},
    ("Plan plurianual – Participación y fiscalización", 6): {"Iniciativas Populares Normativas"},
}


@pytest.mark.parametrize(("table", "row"), PLAN_ROWS_003)
def test_003_activity_rows(b003: GraphBatch, table: str, row: int) -> None:
    system, system_tipo, objective, rows = PLAN_003[table]
    title, lineamiento, evaluation, partners = rows[row]
    f = facts(b003, D3, table, row)
    action = one_action(f)
    assert (action.titulo, action.tipo, action.lineamiento) == (title, "actividad", lineamiento)
    assert f["rector"] == {LUIS}
    assert f["articuladores"] == partners
    assert f["mecanismos"] == ({evaluation} if evaluation else set()) | OTHER_MECHANISMS_003.get(
        (table, row), set())
    assert f["territorios"] == set()
    axes = dict((name, tipo) for tipo, name in f["under"])
    assert axes.pop(system) == system_tipo
    [(objective_name, objective_tipo)] = axes.items()
    assert objective_tipo == "objetivo" and objective_name.startswith(objective)


def test_003_counts(b003: GraphBatch) -> None:
    # 3 + 3 + 5 + 6 + 4 + 4 + 4 activity rows. Three titles repeat across sections
    # ("Fortalecer las organizaciones…" ×2, "Facilitar la legalización…" ×3, "Gestionar la
    # participación ciudadana…" ×2) and stay separate actions (one per section/objective).
    actions = [n for n in b003.nodes.values() if n.label == "Action"]
    assert len(actions) == 29
    assert len({a.titulo for a in actions}) == 29 - 4
    systems = [n.name for n in b003.nodes.values() if n.label == "Axis" and n.tipo == "sistema"]
    assert sorted(systems) == sorted(["Social – cultural", "Económico - productivo",
                                      "Asentamiento humanos", "Movilidad y conectividad",
                                      "Gestión del territorio"])


T3_SYS = "Propuesta – Sistemas de desarrollo"
SYSTEMS_003 = {2: ("Social – cultural", "sistema"), 3: ("Económico - productivo", "sistema"),
               4: ("Asentamiento humanos", "sistema"), 5: ("Movilidad y conectividad", "sistema"),
               6: ("Gestión del territorio", "sistema"), 7: ("Inclusión y diversidad", "eje"),
               8: ("Participación y fiscalización", "eje")}


@pytest.mark.parametrize("row", sorted(SYSTEMS_003))
def test_003_system_rows(b003: GraphBatch, row: int) -> None:
    [axis] = facts(b003, D3, T3_SYS, row)["axes"]
    assert (axis.name, axis.tipo) == SYSTEMS_003[row]


T3_ACC = "3) Mecanismos periódicos y públicos de rendición de cuentas"
ACCOUNTABILITY_003 = {
    2: "Acceso a la información pública mediante acceso físico",
    3: "Rendición de cuentas",
    4: "Acceso a la información pública mediante acceso electrónico",
    5: "Publicación mensual de actividades realizadas e informe de gestión",
    6: "Informe al Consejo de Participación Ciudadana y Control Social",
}


@pytest.mark.parametrize("row", sorted(ACCOUNTABILITY_003))
def test_003_accountability_rows(b003: GraphBatch, row: int) -> None:
    [mechanism] = facts(b003, D3, T3_ACC, row)["mechanisms"]
    assert (mechanism.name, mechanism.tipo) == (ACCOUNTABILITY_003[row], "otro")


def test_003_evaluation_mechanisms_and_relations(b003: GraphBatch) -> None:
    table = "Plan plurianual – Mecanismos de evaluación (derivado de las tablas)"
    names = {facts(b003, D3, table, r)["mechanisms"][0].name for r in (2, 3)}
    assert names == {"Sesiones de trabajo del Concejo Metropolitano", COMISIONES}
    table = "Rendición de cuentas y evaluación – Relaciones entre actores (derivado del texto)"
    ties = set().union(*(facts(b003, D3, table, r)["relates"] for r in (2, 3, 4)))
    assert ties == {
        (LUIS, "Concejo Metropolitano de Quito", "evaluacion", COMISIONES),
        (LUIS, "Secretaría del Concejo Metropolitano de Quito", "acceso_a_informacion",
         "Acceso a la información pública mediante acceso físico"),
        (LUIS, "Consejo de Participación Ciudadana y Control Social", "rendicion_de_cuentas",
         "Informe al Consejo de Participación Ciudadana y Control Social"),
    }
