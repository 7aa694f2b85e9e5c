"""Datasets 002 (resilience office), 003 (councillor work plan), 004 (Pactos por Pichincha).

Every expectation here was written by hand from the seed texts in /work/shared/seeds
(002_88ae770ca5db9c38, 003_f2194c5b0b537b70, 004_d5efb94dd9411b21); comments name the
section. Row numbers ("fila") are TSV lines of data/00X_*/tables/*.tsv (header = 1).
Actor names are the registry's canonical names (data/actors.yaml, data/actors.d/*.yaml).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tejido.graph.model import GraphBatch, RelType, Source
from tejido.loaders.matrix import read_datasets

DATA = Path(__file__).resolve().parents[1] / "data"

# --- canonical actor names ----------------------------------------------------------------
DMR = "Dirección Metropolitana de Resiliencia"
RCN = "Resilient Cities Network"
CONQUITO = "Agencia de Promoción Económica CONQUITO"
GADDMQ = "Gobierno Autónomo Descentralizado del Distrito Metropolitano de Quito"
RPA = "Rockefeller Philanthropy Advisors"
SGP = "Secretaría General de Planificación"
SGSG = "Secretaría General de Seguridad y Gobernabilidad"
RIESGOS = "Dirección Metropolitana de Riesgos"
EMBAJADA = "Sección comercial de la Embajada de España"
AMBIENTE = "Secretaría de Ambiente"
LUIS = "Luis Reina Chamorro"
PARROQUIAS = "GAD parroquiales rurales del DMQ"
PICHINCHA_GOV = "Gobierno Autónomo Descentralizado de la Provincia de Pichincha"


def _load(folder: str) -> GraphBatch:
    return read_datasets(DATA / folder).batch


@pytest.fixture(scope="module")
def b002() -> GraphBatch:
    return _load("002_resiliencia")


@pytest.fixture(scope="module")
def b003() -> GraphBatch:
    return _load("003_plan_concejal")


@pytest.fixture(scope="module")
def b004() -> GraphBatch:
    return _load("004_pactos_pichincha")


def facts(batch: GraphBatch, document: str, table: str, row: int) -> dict:
    """Everything one table row produced: nodes citing it and the ties that cite it."""
    source = Source.key(document, table, row)
    assert source in batch.nodes, f"no Source for {table} fila {row}"
    cited = [n for n in batch.nodes.values() if source in n.sources and n.label != "Source"]
    out: dict = {
        "actions": [n for n in cited if n.label == "Action"],
        "axes": [n for n in cited if n.label == "Axis"],
        "mechanisms": [n for n in cited if n.label == "Mechanism"],
        "rector": set(), "articuladores": set(), "mecanismos": set(), "territorios": set(),
        "under": set(), "part_of": set(), "relates": set(),
    }
    action_ids = {a.id for a in out["actions"]}

    def name(node_id: str) -> str:
        return batch.nodes[node_id].display

    for rel in batch.rels.values():
        if source not in rel.sources:
            continue
        if rel.type == RelType.LEADS and rel.target in action_ids:
            out["rector"].add(name(rel.source))
        elif rel.type == RelType.ARTICULATES and rel.target in action_ids:
            out["articuladores"].add(name(rel.source))
        elif rel.type == RelType.USES and rel.source in action_ids:
            out["mecanismos"].add(name(rel.target))
        elif rel.type == RelType.TARGETS and rel.source in action_ids:
            out["territorios"].add(name(rel.target))
        elif rel.type == RelType.UNDER and rel.source in action_ids:
            out["under"].add((batch.nodes[rel.target].tipo, name(rel.target)))
        elif rel.type == RelType.PART_OF:
            out["part_of"].add((name(rel.source), name(rel.target)))
        elif rel.type == RelType.RELATES:
            out["relates"].add((name(rel.source), name(rel.target), rel.tipo, rel.mecanismo))
    return out


def one_action(f: dict):
    assert len(f["actions"]) == 1, [a.titulo for a in f["actions"]]
    return f["actions"][0]


def actor(batch: GraphBatch, name: str):
    found = [n for n in batch.nodes.values() if n.label == "Actor" and n.name == name]
    assert len(found) == 1, name
    return found[0]


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


@pytest.mark.parametrize(("table", "row"), PLAN_ROWS_003)
def test_003_activity_rows(b003: GraphBatch, table: str, row: int) -> None:
    system, system_tipo, objective, rows = PLAN_003[table]
    title, lineamiento, evaluation, partners = rows[row]
    f = facts(b003, D3, table, row)
    action = one_action(f)
    assert (action.titulo, action.tipo, action.lineamiento) == (title, "actividad", lineamiento)
    assert f["rector"] == {LUIS}
    assert f["articuladores"] == partners
    assert f["mecanismos"] == ({evaluation} if evaluation else set())
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
CANTONALES = {f"Pactos por Pichincha – Mesa cantonal de turismo {i}" for i in range(1, 9)}
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


# ==========================================================================================
# Across datasets: the registry resolves one actor however a document spells it.
# ==========================================================================================
def test_conquito_is_the_same_actor_in_000_and_002(b002: GraphBatch) -> None:
    b000 = _load("000_quito_rural")
    in_000 = {n.id for n in b000.nodes.values()
              if n.label == "Actor" and "CONQUITO" in n.siglas}
    lead = next(iter(facts(b002, D2, T2_PROJ, 6)["rector"]))
    assert len(in_000) == 1
    assert in_000 == {actor(b002, lead).id}
