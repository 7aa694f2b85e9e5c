"""Dataset 002 (the Dirección Metropolitana de Resiliencia).

Every expectation here was written by hand from the seed texts in /work/shared/seeds
(002_88ae770ca5db9c38); comments name the section. Row numbers ("fila") are TSV lines of
data/002_*/tables/*.tsv (header = 1). Actor names are the registry's canonical names
(data/actors.yaml, data/actors.d/*.yaml).
"""

from __future__ import annotations

import pytest
from helpers_datasets import (
    AMBIENTE,
    CONQUITO,
    DMR,
    EMBAJADA,
    GADDMQ,
    RCN,
    RIESGOS,
    RPA,
    SGP,
    SGSG,
    actor,
    facts,
    load,
    one_action,
)

from tejido.graph.model import GraphBatch, RelType


@pytest.fixture(scope="module")
def b002() -> GraphBatch:
    return load("002_resiliencia")


# ==========================================================================================
# 002 — Dirección Metropolitana de Resiliencia (abril 2022)
# ==========================================================================================
D2 = "002_88ae770ca5db9c38"
T2_PROJ = "Secciones 1–7 – Proyectos y acciones de la DMR (derivado del texto)"
T2_AXES = ("Secciones 1–3.2 – Estrategia de Resiliencia: problemáticas, ejes y matriz de "
           "proyectos (derivado del texto)")
T2_STATUS = "Sección 3.2 – Estado de la matriz de proyectos (derivado del texto)"
T2_MECH = "Secciones 1 y 3.2 – Mecanismos de cooperación (derivado del texto)"
T2_REL = "Secciones 1, 4 y 6 – Relaciones entre actores (derivado del texto)"
T2_RES = "Sección 5.1 – Resultados esperados del proyecto RCN-Visa"

ESTRATEGIA = "Estrategia de Resiliencia de Quito"
MATRIZ = "Matriz de proyectos de la DMR"
RCN_VISA = "Ciudades Resilientes Formando un Mundo Digital (RCN-Visa)"
CONVENIO = "Convenio de cooperación técnica MDMQ – Rockefeller Philantropy Advisors"
REUNION = "Reunión con la sección comercial de la embajada de España"
RCITIES_MECH = {"Acceso a una red de ciudades", "Formulación de una estrategia de resiliencia",
                "Provisión de un oficial de resiliencia", "Acceso a una plataforma de socios"}

# fila: (title, tipo, estado, rector, articuladores, mecanismos, axes it sits under)
PROJECTS_002 = {
    # 1: R-Cities' assistance through the convenio and its four support mechanisms.
    2: ("Asistencia técnica de la iniciativa 100 Ciudades Resilientes (R-Cities) a Quito",
        "programa", None, {RCN}, {RPA, GADDMQ, DMR}, {CONVENIO} | RCITIES_MECH,
        {("programa", ESTRATEGIA)}),
    # 2: "bajo la metodología provista por R-Cities".
    3: ("Evaluación Preliminar de Resiliencia", "accion", "finalizada", set(), {RCN}, set(),
        {("programa", ESTRATEGIA)}),
    # 3.1: "Un primer paso … fue alinear el PMDOT 2021-2033"; nobody named.
    4: ("Alinear el PMDOT 2021-2033 con los ejes de la Estrategia de Resiliencia", "accion",
        "finalizada", set(), set(), set(), {("programa", ESTRATEGIA)}),
    # 3.2: FIEM through the SGP, with the embassy and the Secretaría de Ambiente.
    5: ("Fondo para la Internalización de la Empresa (FIEM)", "iniciativa", "en_marcha", {DMR},
        {SGP, EMBAJADA, AMBIENTE}, {REUNION}, set()),
    # 3.2 / 5.1: executed through CONQUITO; partners Visa, R-Cities, Paymovil, Dátil.
    6: (RCN_VISA, "proyecto", "en_marcha", {CONQUITO}, {DMR, "Visa", RCN, "Paymovil", "Dátil"},
        set(), {("programa", MATRIZ)}),
    7: ("Plan Comunicacional del proyecto RCN-Visa", "actividad", "en_marcha", {CONQUITO}, {RCN},
        set(), set()),
    8: ("Mecanismo de seguimiento para resultados del proyecto RCN-Visa", "actividad",
        "en_marcha", {CONQUITO}, {RCN}, set(), set()),
    # 5.1: "se busca generar una sinergia con el Cluster Financiero del Ecuador".
    9: ("Sinergia con el Cluster Financiero del Ecuador para potenciar el alcance del proyecto "
        "RCN-Visa", "accion", "planificada", set(), {"Cluster Financiero del Ecuador"}, set(),
        set()),
    # 4: "desde la SGSG a través de la Dirección Metropolitana de Riesgos".
    10: ("Objetivo 5 del Plan de Seguridad Ciudadana y Convivencia Pacífica 2021-2025 "
         "(desastres naturales y riesgos)", "programa", None, {SGSG}, {RIESGOS}, set(), set()),
    11: ("Búsqueda de asistencia técnica a través de R-Cities para apoyar el cumplimiento del "
         "Plan de Seguridad Ciudadana y Convivencia Pacífica 2021-2025", "accion", None, {DMR},
         {RCN}, set(), set()),
    # 7: Acciones planificadas.
    12: ("Fortalecer la articulación/coordinación con las dependencias municipales para "
         "gestionar asistencia técnica en el marco de las acciones de la Estrategia de "
         "Resiliencia con R-Cities", "accion", "planificada", {DMR}, {RCN}, set(),
         {("programa", ESTRATEGIA)}),
    13: ("Visibilizar la Estrategia de Resiliencia en el proceso de planificación municipal, a "
         "fin de tener información que permita medir los avances en la implementación de la "
         "estrategia", "accion", "planificada", {DMR}, set(), set(), {("programa", ESTRATEGIA)}),
}


@pytest.mark.parametrize("row", sorted(PROJECTS_002))
def test_002_project_rows(b002: GraphBatch, row: int) -> None:
    title, tipo, estado, rector, partners, mechanisms, under = PROJECTS_002[row]
    f = facts(b002, D2, T2_PROJ, row)
    action = one_action(f)
    assert (action.titulo, action.tipo, action.estado) == (title, tipo, estado)
    assert f["rector"] == rector
    assert f["articuladores"] == partners
    assert f["mecanismos"] == mechanisms
    assert f["territorios"] == set()  # the report names no territory for any project
    assert f["under"] == under


def test_002_rcn_visa_partners_status_and_target_group(b002: GraphBatch) -> None:
    f = facts(b002, D2, T2_PROJ, 6)
    action = one_action(f)
    # "Socios: Visa, R- Cities, ConQuito, Paymovil y Dátil" — CONQUITO as executor (rector).
    assert f["rector"] | (f["articuladores"] - {DMR}) == {
        "Visa", RCN, CONQUITO, "Paymovil", "Dátil"}
    assert action.estado == "en_marcha"
    assert action.ambito == "Proyecto AGRUPAR – Agricultores Urbanos"
    for name in ("Visa", "Paymovil", "Dátil", RCN):
        assert actor(b002, name).interno is False
    assert actor(b002, CONQUITO).interno is True


def test_002_r_cities_is_one_actor_under_its_names(b002: GraphBatch) -> None:
    # 1: "100 Ciudades Resilientes (100CR), actual Resilient Cities Network (R-Cities)";
    # 5.1 writes "R- Cities".
    rel = facts(b002, D2, T2_REL, 3)["relates"]
    assert rel == {(RPA, RCN, "representacion", None)}
    f6 = facts(b002, D2, T2_PROJ, 6)
    assert RCN in f6["articuladores"]
    assert actor(b002, RCN).siglas == ["R-Cities", "100CR"]


def test_002_office_ties_internal_and_external(b002: GraphBatch) -> None:
    """Who the DMR shares an action with, split by interno (for an E–I index).

    By hand from 3.2 and 5.1: RCN-Visa (CONQUITO internal; Visa, R-Cities, Paymovil, Dátil
    external), FIEM (SGP, Secretaría de Ambiente internal; the embassy external), 1
    (GADDMQ internal; R-Cities, RPA external), 4 and 7 (R-Cities).
    """
    dmr = actor(b002, DMR).id
    involved: dict[str, set[str]] = {}
    for rel in b002.rels.values():
        if rel.type in (RelType.LEADS, RelType.ARTICULATES):
            involved.setdefault(rel.target, set()).add(rel.source)
    partners = set().union(*(ids for ids in involved.values() if dmr in ids)) - {dmr}
    internal = {b002.nodes[p].name for p in partners if b002.nodes[p].interno}
    external = {b002.nodes[p].name for p in partners if b002.nodes[p].interno is False}
    assert internal == {CONQUITO, SGP, AMBIENTE, GADDMQ}
    assert external == {RCN, RPA, "Visa", "Paymovil", "Dátil", EMBAJADA}
    assert actor(b002, DMR).interno is True


# fila: (name, tipo, parent, iniciativas_declaradas, responsables)
AXES_002 = {
    2: (ESTRATEGIA, "programa", None, None, {GADDMQ, DMR}),
    3: ("Hitos estratégicos de la Estrategia de Resiliencia", "programa", ESTRATEGIA, 64, set()),
    4: ("Metodología de R-Cities", "metodologia", None, None, {RCN}),
    5: ("Liderazgo y Estrategia", "dimension", "Metodología de R-Cities", None, set()),
    6: ("Salud y Bienestar", "dimension", "Metodología de R-Cities", None, set()),
    7: ("Economía y Sociedad", "dimension", "Metodología de R-Cities", None, set()),
    8: ("Infraestructura y Medio Ambiente", "dimension", "Metodología de R-Cities", None, set()),
    9: ("Economía inestable", "problema", ESTRATEGIA, None, set()),
    10: ("Territorio inseguro", "problema", ESTRATEGIA, None, set()),
    11: ("Ambiente frágil", "problema", ESTRATEGIA, None, set()),
    12: ("Ciudad dispersa", "problema", ESTRATEGIA, None, set()),
    13: ("Tejido Social Fragmentado", "problema", ESTRATEGIA, None, set()),
    14: ("Ciudadanía empoderada e inclusiva", "eje_resiliencia", ESTRATEGIA, None, set()),
    15: ("Ambiente sostenible y robusto", "eje_resiliencia", ESTRATEGIA, None, set()),
    16: ("Ciudad compacta e integrada", "eje_resiliencia", ESTRATEGIA, None, set()),
    17: ("Economía sólida y recursiva", "eje_resiliencia", ESTRATEGIA, None, set()),
    18: ("Territorio seguro y reflexivo", "eje_resiliencia", ESTRATEGIA, None, set()),
    19: (MATRIZ, "programa", ESTRATEGIA, 63, {DMR}),
}


@pytest.mark.parametrize("row", sorted(AXES_002))
def test_002_axis_rows(b002: GraphBatch, row: int) -> None:
    name, tipo, parent, declared, responsables = AXES_002[row]
    f = facts(b002, D2, T2_AXES, row)
    [axis] = [a for a in f["axes"] if a.name == name]
    assert (axis.tipo, axis.iniciativas_declaradas) == (tipo, declared)
    assert f["part_of"] == ({(name, parent)} if parent else set())
    assert {b002.nodes[i].name for i in axis.responsables} == responsables


def test_002_five_problems_and_five_axes(b002: GraphBatch) -> None:
    tipos = [n.tipo for n in b002.nodes.values() if n.label == "Axis"]
    assert tipos.count("problema") == 5
    assert tipos.count("eje_resiliencia") == 5


# 3.2: "35 suspendidos, 13 no iniciados, 08 finalizados, 07 en Marcha" of 63 projects.
STATUS_002 = {2: ("suspendidos", 35), 3: ("no iniciados", 13), 4: ("finalizados", 8),
              5: ("en Marcha", 7)}


@pytest.mark.parametrize("row", sorted(STATUS_002))
def test_002_portfolio_status_rows(b002: GraphBatch, row: int) -> None:
    name, count = STATUS_002[row]
    f = facts(b002, D2, T2_STATUS, row)
    [axis] = [a for a in f["axes"] if a.tipo == "estado_portafolio"]
    assert (axis.name, axis.iniciativas_declaradas) == (f"{MATRIZ} – {name}", count)
    assert f["part_of"] == {(axis.name, MATRIZ)}


def test_002_portfolio_counts_add_up_and_no_project_is_invented(b002: GraphBatch) -> None:
    matrix = next(n for n in b002.nodes.values() if n.label == "Axis" and n.name == MATRIZ)
    status = [n for n in b002.nodes.values()
              if n.label == "Axis" and n.tipo == "estado_portafolio"]
    assert sum(n.iniciativas_declaradas for n in status) == matrix.iniciativas_declaradas == 63
    under_matrix = [r for r in b002.rels.values()
                    if r.type == RelType.UNDER and r.target == matrix.id]
    assert [b002.nodes[r.source].titulo for r in under_matrix] == [RCN_VISA]


MECH_002 = {2: (CONVENIO, "convenio"), 3: ("Acceso a una red de ciudades", "otro"),
            4: ("Formulación de una estrategia de resiliencia", "otro"),
            5: ("Provisión de un oficial de resiliencia", "otro"),
            6: ("Acceso a una plataforma de socios", "otro"), 7: (REUNION, "reunion_bilateral")}


@pytest.mark.parametrize("row", sorted(MECH_002))
def test_002_mechanism_rows(b002: GraphBatch, row: int) -> None:
    [mechanism] = facts(b002, D2, T2_MECH, row)["mechanisms"]
    assert (mechanism.name, mechanism.tipo) == MECH_002[row]


REL_002 = {
    2: (GADDMQ, RPA, "cooperacion_tecnica", CONVENIO),
    3: (RPA, RCN, "representacion", None),
    4: ("Fundación Rockefeller", RCN, "promocion", None),
    5: (DMR, SGP, "estructura_organica", None),
    6: (DMR, RCN, "enlace", None),
    7: (RIESGOS, SGSG, "estructura_organica", None),
}


@pytest.mark.parametrize("row", sorted(REL_002))
def test_002_relation_rows(b002: GraphBatch, row: int) -> None:
    assert facts(b002, D2, T2_REL, row)["relates"] == {REL_002[row]}


RESULTS_002 = ["APOYA LOS MEDIOS DE SUBSISTENCIA Y EL EMPLEO", "ASEGURA LA SALUD PÚBLICA",
               "PROMUEVE COMUNIDADES COHESIVAS Y COMPROMETIDAS",
               "CULTIVA LA PROSPERIDAD ECONOMICA",
               "MANTIENE, CREA Y MEJORA BIENES NATURALES Y HECHOS POR EL HOMBRE",
               "PROMUEVE EL LIDERAZGO Y LA GESTIÓN EFICAZ"]


@pytest.mark.parametrize("row", range(2, 8))
def test_002_expected_results_rows(b002: GraphBatch, row: int) -> None:
    [axis] = facts(b002, D2, T2_RES, row)["axes"]
    assert (axis.name, axis.tipo) == (RESULTS_002[row - 2], "resultado_esperado")


# ==========================================================================================
# Across datasets: the registry resolves one actor however a document spells it.
# ==========================================================================================
def test_conquito_is_the_same_actor_in_000_and_002(b002: GraphBatch) -> None:
    b000 = load("000_quito_rural")
    in_000 = {n.id for n in b000.nodes.values()
              if n.label == "Actor" and "CONQUITO" in n.siglas}
    lead = next(iter(facts(b002, D2, T2_PROJ, 6)["rector"]))
    assert len(in_000) == 1
    assert in_000 == {actor(b002, lead).id}
