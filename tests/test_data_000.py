"""Dataset 000 (Quito Rural operating model): rows pinned to what the seed says.

Expectations were written by reading /work/shared/seeds/000_4a985cea5809c66a.txt (TSV row r
of eje<n>.tsv is seed line r+27, r+48, r+65, r+87, r+108, r+121 for ejes 1–6), across page
breaks, merged (blank) cells and multi-actor cells, with the readings documented in
data/000_quito_rural/README.md.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import Source
from tejido.loaders.matrix import read_datasets
from tejido.loaders.registry import load_registry

DATA = Path(__file__).resolve().parents[1] / "data"
DATASET = DATA / "000_quito_rural"
DOC = "000_4a985cea5809c66a"
TABLES = {
    1: "Resultado 1 – Tierra productiva",
    2: "Resultado 2 – Centralidades alimentarias",
    3: "Resultado 3 – Seguridad hídrica y cultura del agua",
    4: "Resultado 4 – Ruralidad sustentable, resiliente y segura",
    5: "Resultado 5 – Capacidad de retención juvenil",
    6: "Resultado 6 – Identidad rural, cultura campesina y género",
}
EJES = {
    1: "1 TIERRA PRODUCTIVA",
    2: "2 CENTRALIDADES ALIMENTARIAS",
    3: "3 SEGURIDAD HÍDRICA Y CULTURA DEL AGUA",
    4: "4 RURALIDAD SUSTENTABLE, RESILIENTE Y SEGURA",
    5: "5 CAPACIDAD DE RETENCIÓN JUVENIL",
    6: "6 IDENTIDAD RURAL, CULTURA CAMPESINA, Y GÉNERO",
}

# Canonical names (data/actors.yaml); generic references and unexpanded acronyms as written.
SDPC = "Secretaría de Desarrollo Productivo y Competitividad"
AZ = "Administraciones Zonales"
CQ = "Agencia de Promoción Económica CONQUITO"
QT = "Empresa Pública Metropolitana de Gestión de Destino Turístico"
AMB = "Secretaría de Ambiente"
EDU = "Secretaría de Educación"
SEG = "Secretaría de Seguridad Ciudadana y Gestión de Riesgos"
DGR = "Dirección Metropolitana de Gestión de Riesgos"  # DIR RIESGOS, DIR GESTIÓN DE RIESGOS
FONAG = "Fondo para la Protección del Agua"
STHV = "Secretaría de Territorio, Hábitat y Vivienda"
EPMAPS = "Empresa Pública Metropolitana de Agua Potable y Saneamiento"
CUL = "Secretaría de Cultura"  # Sec Cultura and SECU
INC = "Secretaría de Inclusión Social"
GADPQ = "GAD parroquiales rurales del DMQ"
DRI = "Dirección de Relaciones Internacionales"
TICS = "Secretaría de Gobierno Digital y Tecnologías de la Información y Comunicaciones"
ACDC = "Agencia de Coordinación Distrital del Comercio"
AMC = "Agencia Metropolitana de Control"
MMQEP = "Empresa Pública Metropolitana Mercado Mayorista de Quito"
# SCTYPC (línea 60) and SCPC (línea 118): data/actors.yaml, mismo_actor.
SCT = "Secretaría General de Coordinación Territorial y Participación Ciudadana"
ALL = {"T1", "T2", "T3", "T4"}


def gad_pichincha() -> str:
    # Declared by the 004 dataset's registry entries; 000 writes "GAD Pichincha".
    return load_registry(DATA).resolve("GAD PICHINCHA").name


# (eje, TSV row) -> [(titles, leads, articulators, territory codes)]
EXPECTED = {
    # --- Eje 1: bullets, fill-down of SDPC / Quito Turismo, page break at row 6 and 16.
    (1, 2): (["Desarrollar sistemas de logística entre demanda y oferta",
              "Implementar sistemas de cross - docking con los mercados municipales para "
              "eficientizar logística de abastecimiento"],
             {SDPC}, {AZ, ACDC, MMQEP, CQ}, ALL),
    (1, 3): (["Profesionalizar a las organizaciones productivas rurales",
              "Implementar procesos de desarrollo de proveedores con empresas ancla - "
              "Laboratorio móvil de identidades competitivas."],
             {SDPC}, {AZ, CQ}, {"T1", "T3"}),
    (1, 4): (["Articular con entidades público - privadas que tengan la competencia productiva, "
              "el asesorar y acercar tecnología y técnicas de producción actualizadas para el "
              "mejoramiento de eficiencia en la producción (mayor productividad - menores costos) "
              "con enfoque sostenible."],
             {SDPC}, {CQ, "RASTRO EP", "GAD_PICHINCHA", GADPQ, DRI, "COOPERACIÓN"}, ALL),
    (1, 5): (['Implementar el distintivo de calidad, identidad de productos y servicios de la '
              'ruralidad del DMQ a través de la marca "hecho en quito r"'],
             {SDPC}, {CQ, QT, "EMPRESAS EJE", ACDC}, ALL),
    (1, 7): (["Transición hacia sistemas productivos sostenibles (a nivel de fincas y "
              "comunidades)"],
             {SDPC}, {SDPC, CQ, AZ, QT, "GAD_PICHINCHA"}, ALL),
    (1, 8): (["Planes integrales de negocios agropecuarios sostenibles (Enfoque de "
              "bioemprendimiento guarango - Bosque seco)"],
             {AMB}, {SDPC, CQ, AZ, "Ministerio del Ambiente, Agua y Transición Ecológica",
                     "REM"}, {"T1"}),
    (1, 9): (["Programa de gestores turístico en la ruralidad con enfoque en mujeres jóvenes"],
             {QT}, {SDPC, CUL}, ALL),
    (1, 10): (["Centros de facilitación turística rurales"], {QT}, {CQ, GADPQ, AZ},
              {"T3", "T4"}),
    (1, 11): (["Circuitos y Rutas turísticas inteligentes - Geocercas"],
              {QT}, {SDPC, SEG, TICS, "Policía Turística Nacional"}, {"T2", "T3", "T4"}),
    (1, 12): (["Paquetes de rutas turísticas implementados en el territorio - Operación "
               "turística en el territorio"], {QT}, {AZ, CQ, "SECRET"}, {"T2", "T3", "T4"}),
    (1, 13): (["Regulación de establecimientos turísticos en el territorio"], {QT}, {AMC}, ALL),
    (1, 14): (["SELLOS DISTINTIVOS PARA EMPRENDIMIENTOS TURÍSTICOS DESTACADOS"], {QT},
              {CQ, AZ}, ALL),
    # After the new ámbito "Planificación Urbana y rural" (row 15) and a page break: no lead.
    (1, 17): (["INCORPORACIÓN DE LA PROPIEDAD COMUNITARIA EN EL CASTRO MUNICIPAL"], set(),
              set(), ALL),
    # --- Eje 2: merged rector and articuladores over rows 2–5; two leads in row 6.
    (2, 2): (["Desarrollar sistema de mercados como cross docking abastecer a otros sistemas de "
              "comercialización y para integrar a productores rurales del DMQ"],
             {SDPC}, {CQ, ACDC, CUL, AZ}, {"T3", "T4"}),
    (2, 3): (["Continuar promoviendo la implementación de Huertos urbanos y rurales con fin "
              "comercial, para venta local"], {SDPC}, {CQ, ACDC, CUL, AZ},
             {"T1", "T2", "T3"}),
    (2, 4): (["Fomentar mayor frecuencia de bioferias y ferias con elementos de valorización "
              "cultural e identitaria"], {SDPC}, {CQ, ACDC, CUL, AZ}, ALL),
    (2, 5): (["Integrar a productores del DMQ a las estrategias del Banco de Alimentos de Quito "
              "(ReAgro): trueque entre canasta de productos procesados y excedentes de cosecha"],
             {SDPC}, {CQ, ACDC, CUL, AZ}, ALL),
    (2, 6): (["Incorporación de pequeños y medianos productores a cadenas gastronómicas, "
              "hoteleras, turísticas..."], {QT, SDPC}, {CQ, CUL, AZ}, {"T2", "T3", "T4"}),
    (2, 7): (["Integrar productores rurales al sistema de Mercados del DMQ"], {ACDC},
             {AZ, SDPC}, ALL),
    (2, 8): (["MERCADOS INTERCANTONALES DE PRODUCTOS COMPLEMENTARIOS"], {ACDC}, {CQ, SDPC},
             ALL),
    (2, 10): (['Desarrollar Ferias de salud integrales con espacios de comercialización directos '
               'de pequeños productores agroecológicos - + "Proyecto territorios que sanan" - '
               'productos medicinales'],
              {"Secretaría de Salud"}, {SDPC, CQ, CUL, "Museo de la Ciudad"}, ALL),
    (2, 11): (["Generar una estrategia comunicacional permanente para promocionar para la "
               "promoción de los circuitos cortos a nivel del DMQ"], {"SECOM"}, {CUL}, ALL),
    (2, 12): (["Articular producción rural del DMQ a la compra pública alimentaria de las "
               "escuelas, centros de desarrollo infantil y otros programas sociales a cargo del "
               "DMQ"], {EDU},
              {SCT, SDPC, INC, DRI},
              {"T3", "T4"}),
    (2, 13): (["Integrar productos provenientes de la AFC a los programas de Comedores "
               "comunitarios"], {INC}, {SDPC, CQ}, {"T3", "T4"}),
    # --- Eje 3: "todos" in lower case; rows 7–15 were shifted one column in the seed.
    (3, 2): (["PLAN ESTRATEGICO INTEGRAL DE RIOS Y QUEBRADAS"], {AMB}, {FONAG, STHV}, ALL),
    (3, 3): (["PLAN DE MANEJO DE MICROCUENCAS HIDROGRÁFICAS"], {AMB}, {FONAG, STHV}, ALL),
    (3, 4): (["PLAN DE ACCIÓN INMEDIATA DE RÍOS Y QUEBRADAS + GUÍA DE RECUPERACIÓN DE "
              "QUEBRADAS"], {AMB}, {FONAG, STHV}, ALL),
    (3, 5): (["RESTAURACIÓN ECOLÓGICA EN RÍOS Y QUEBRADAS"], {AMB}, {FONAG, STHV}, ALL),
    (3, 7): (["MANTENIMIENTO DE RÍOS Y QUEBRADAS"], {AMB}, {FONAG, STHV}, ALL),
    (3, 9): (["PLAN INTEGRAL DE GESTIÓN DE RIESGOS (ENFOQUE RÍOS Y QUEBRADAS)"], {SEG, DGR},
             {FONAG, STHV}, ALL),
    (3, 11): (["RESTAURACIÓN CON FINES PRODUCTIVOS SOSTENIBLES EN QUEBRADAS"], {AMB},
              {FONAG, STHV}, ALL),
    (3, 12): (["CO - MANEJO DE TIERRAS PARA CONSERVACIÓN HÍDRICA - ACUERDOS DE CONSERVACIÓN CON "
               "PRIVADOS"], {AMB, EPMAPS}, {FONAG, STHV}, ALL),
    (3, 13): (["RESTAURACIÓN DE PÁRAMOS Y BOSQUES ALTO ANDINOS"], {AMB, FONAG, EPMAPS},
              {STHV, AZ}, ALL),
    (3, 14): (["CONSTRUCCIÓN DE TANQUES DE CAPTACIÓN PARA POTABILIZAR EL AGUA"],
              {AMB, FONAG, EPMAPS}, {STHV, AZ}, ALL),
    (3, 17): (["SENSIBILIZACIÓN AMBIENTAL EN ESCUELAS Y COMUNIDADES SOBRE PROTECCIÓN DE FUENTES"],
              {AMB}, {EPMAPS, CUL, EDU, AZ, QT, "COMUNICACIÓN"}, ALL),
    (3, 18): (["FORMACIÓN PROFESIONAL PARA GUARDIANES DEL AGUA"], {AMB}, {FONAG, EPMAPS}, ALL),
    (3, 19): (["INCENTIVOS MONETARIOS Y NO MONETARIOS PARA LA CONSERVACIÓN HÍDRICA"], {AMB},
              {FONAG, STHV}, ALL),
    # --- Eje 4: merged cells across the page break before row 7; rows 13–18 realigned.
    (4, 2): (["IMPLEMENTAR PLANES DE MANEJO DEL SMANP"], {AMB}, {SDPC, CUL, STHV}, ALL),
    (4, 3): (["Seguimiento a autorizaciones ambientales por el MER"], {AMB},
             {SDPC, CUL, STHV}, ALL),
    (4, 5): (["Declaratoria de nuevas áreas del SMANP"], {AMB}, {SDPC, CUL, STHV}, ALL),
    (4, 7): (["Modelo de Gestión de residuos para articulación urbano rural (Ingreso de material "
              "vegetal para compostaje en lo rural y salida de residuos sólidos hacia complejo "
              "ambiental)"], {AMB}, {SDPC, CUL, STHV}, ALL),
    (4, 8): (["Acciones de prevención y mitigación del cambio climático"], {AMB},
             {EDU, AZ, "PARTICIPACIÓN"}, ALL),
    (4, 9): (["Transmisión intergeneracional de saberes y conocimientos"], {CUL},
             {EDU, AZ, "PARTICIPACIÓN"}, ALL),
    (4, 10): (["Formación de líderes para la acción climática"], {AMB},
              {EDU, AZ, "PARTICIPACIÓN"}, ALL),
    (4, 13): (["FORTALECER COMITÉS COMUNALES DE SEGURIDAD"], {SEG}, {CUL, AZ},
              {"T1", "T2", "T3"}),
    (4, 14): (["FORTALECER COMITÉS PARROQUIALES DE SEGURIDAD"], {SEG}, {CUL, AZ},
              {"T1", "T2", "T3"}),
    (4, 15): (["Plan diferenciador de respuesta de emergencia para la ruralidad"], {SEG, DGR},
              {AZ}, ALL),
    (4, 17): (["Descentralización maquinaria en AZ para atenciones urgentes en Gest riesgos"],
              {SEG, DGR}, {AZ}, ALL),
    (4, 18): (["Articulación de planes de GR con Planes de Vida en comunas"], {SEG, DGR}, {AZ},
              ALL),
    # --- Eje 5: "AZ CONQUITO" without separator; every row pinned.
    **{
        (5, row): ([title], {SDPC}, {AZ, CQ, QT, CUL, EDU, "COOPERACIÓN", "GADs"},
                   {"T3"} if row == 7 else {"T3", "T4"})
        for row, title in {
            2: "Plan de profesionalización de Org Productivas rurales (que incluya relevo "
               "generacional - juvenil) para hacerlas competitivas, c",
            3: "Gestión de capital semilla para emprendimientos juveniles con enfoque rural y "
               "turístico",
            4: "Programas de formación y transferencia tecnológica para población juvenil rural",
            5: "Programa de gestores turístico en la ruralidad con enfoque en mujeres jóvenes "
               "(Quito Turismo)",
            6: "Programas de acceso a mercados y comercialización de bienes y servicios de la "
               "población juvenil",
            7: "Bachillerato municipal Agropecuario",
        }.items()
    },
    (5, 8): (["Programa de formación de influencers rurales"], {CUL, TICS}, {AZ, INC},
             {"T3", "T4"}),
    (5, 9): (["Actividades deportivas"], {EDU, "Dirección de Deportes"}, {AZ}, {"T3", "T4"}),
    (5, 10): (["Puntos de conexión gratuitos en la ruralidad – Casas somos"], {TICS},
              {AZ, SCT, INC}, {"T3", "T4"}),
    # --- Eje 6: both rows.
    (6, 2): (["Identificar e implementar estrategias de salvaguarda de las manifestaciones de "
              "patrimonio cultural inmaterial (PCI) para sostener los procesos de desarrollo rural "
              "desde lo simbólico (recuperación de memoria social, recuperación de espacios "
              "simbólicos, ritos y leyendas)."],
             {CUL, "Instituto Metropolitano de Patrimonio"}, {AZ, GADPQ}, ALL),
    (6, 3): (['Identificar las manifestaciones de PCI dentro de cada parroquia rural, para '
              'orientar las estrategias y el "Pull de acciones institucionales para el DR".'],
             {CUL, "Instituto Metropolitano de Patrimonio"}, {AZ, GADPQ}, ALL),
}


@pytest.fixture(scope="module")
def batch():
    return read_datasets(DATASET).batch


@pytest.fixture(scope="module")
def by_row(batch):
    """(eje, row) -> {title: (leads, articulators, territory codes, axis names)}."""
    row_of = {Source.key(DOC, TABLES[e], r): (e, r) for e in TABLES for r in range(1, 40)}
    out: dict = defaultdict(dict)
    ends: dict = defaultdict(lambda: defaultdict(set))
    for rel in batch.rels.values():
        other = rel.source if rel.type in ("LEADS", "ARTICULATES") else rel.target
        action = rel.target if rel.type in ("LEADS", "ARTICULATES") else rel.source
        node = batch.nodes[other]
        value = node.codigo if rel.type == "TARGETS" else node.display
        for source in rel.sources:
            ends[(row_of.get(source), action)][rel.type].add(value)
    for node in batch.nodes.values():
        if node.label != "Action":
            continue
        for source in node.sources:
            key = row_of.get(source)
            found = ends[(key, node.id)]
            out[key][node.titulo] = (found["LEADS"], found["ARTICULATES"], found["TARGETS"],
                                     found["UNDER"])
    return out


def test_at_least_ten_rows_pinned_per_table():
    pinned = defaultdict(int)
    for eje, _ in EXPECTED:
        pinned[eje] += 1
    # Ejes 5 and 6 have 9 and 2 action rows: all are pinned.
    assert {e: n >= 10 for e, n in pinned.items()} == {1: True, 2: True, 3: True, 4: True,
                                                       5: False, 6: False}
    assert (pinned[5], pinned[6]) == (9, 2)


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=[f"eje{e}-row{r}" for e, r in
                                                       sorted(EXPECTED)])
def test_row(by_row, key):
    titles, leads, partners, territories = EXPECTED[key]
    partners = {gad_pichincha() if p == "GAD_PICHINCHA" else p for p in partners}
    found = by_row[key]
    assert sorted(found) == sorted(titles)
    for title in titles:
        got_leads, got_partners, got_territories, axes = found[title]
        assert got_leads == leads, title
        assert got_partners == partners, title
        assert got_territories == territories, title
        assert axes == {EJES[key[0]]}, title


def test_counts(batch):
    counts = batch.counts()
    # 15 + 11 + 16 + 16 + 9 + 2 actions (two bullet rows in eje 1 hold two actions each).
    assert counts["Action"] == 69
    assert counts["UNDER"] == 69
    assert counts["Territory"] == 4
    assert counts["Axis"] == 7  # six ejes and the strategy they belong to
    assert counts["PART_OF"] == 6


def test_territories_and_axes_tables(batch):
    territories = {n.codigo: n.name for n in batch.nodes.values() if n.label == "Territory"}
    assert territories == {f"T{i}": f"Quito Rural T{i}" for i in range(1, 5)}
    ejes = {n.name for n in batch.nodes.values() if n.label == "Axis" and n.tipo == "eje"}
    assert ejes == set(EJES.values())


def test_merged_cell_context_fills_down(batch):
    actions = {n.titulo: n for n in batch.nodes.values() if n.label == "Action"}
    # Eje 4, row 13 starts a new lineamiento without a problemática: the merged
    # problemática of row 2 still applies.
    comites = actions["FORTALECER COMITÉS PARROQUIALES DE SEGURIDAD"]
    assert comites.problema == "Niveles crecientes de inseguridad en parroquias rurales"
    assert comites.lineamiento == "Fortalecer la gestión territorial para la seguridad parroquial"
    assert comites.ambito == "Seguridad"
    incorporacion = actions["INCORPORACIÓN DE LA PROPIEDAD COMUNITARIA EN EL CASTRO MUNICIPAL"]
    assert incorporacion.problema == "Expansión urbana sin límites ni control en espacios rurales"
    assert incorporacion.ambito == "Planificación Urbana y rural"


def test_row_problems_are_recorded(batch):
    problems = {(n.table, n.row): n.problemas for n in batch.nodes.values()
                if n.label == "Source" and n.problemas and n.document == DOC}
    # Names run together (README, "Splitting cells"); eje 2's last row no longer reaches no
    # action (its problemática was moved to fila 12, see test_eje2_problematica_of_rows_60_61).
    assert set(problems) == {(TABLES[3], 12), (TABLES[5], 2), (TABLES[5], 8)}
    assert "AMBIENTE EPMAPS" in problems[(TABLES[3], 12)][0]
    # The open questions about the actors 000 names are the registry's rows' problems.
    pending = {p.split(": ")[1] for n in batch.nodes.values()
               if n.label == "Source" and n.document == "registro de actores"
               for p in n.problemas}
    assert pending == {"SECOM", "COMUNICACIÓN", "PARTICIPACIÓN", "SECRET", "EMPRESAS EJE", "REM",
                       SEG}


def test_eje2_problematica_of_rows_60_61(batch):
    """Seed línea 62 prints, after the table's last action, the problemática and lineamiento
    of the two actions above it (líneas 60–61: school and social food programmes, comedores
    comunitarios); they were moved to fila 12, so filas 12–13 carry them and filas 2–11
    keep fila 2's."""
    actions = {n.titulo: n for n in batch.nodes.values() if n.label == "Action"}
    own = ("Debil articulación de la producción rural alimentaria con los programas sociales "
           "de alimentación del DMQ")
    for title in ("Articular producción rural del DMQ a la compra pública alimentaria de las "
                  "escuelas, centros de desarrollo infantil y otros programas sociales a cargo "
                  "del DMQ",
                  "Integrar productos provenientes de la AFC a los programas de Comedores "
                  "comunitarios"):
        assert actions[title].problema == own, title
        assert actions[title].lineamiento.startswith("Incrementar la presencia de productos")
    comunicacional = actions["Generar una estrategia comunicacional permanente para "
                             "promocionar para la promoción de los circuitos cortos a nivel "
                             "del DMQ"]
    assert comunicacional.problema.startswith("Desarticulación entre los mercados municipales")
    assert comunicacional.ambito == "Comunicacional"


def test_row_113_lead_is_the_merged_rector_and_quito_turismo_articulates(by_row):
    """Seed línea 113 (eje 5 fila 5): its title names Quito Turismo, but its Ente rector cell
    is blank, merged with SDPC's on línea 110 (same ámbito Productivo-Educativo); Quito
    Turismo is among the merged articuladores. The same programme in eje 1 (línea 36) is
    led by Quito Turismo: a different row, loaded as written."""
    [(leads, partners, _, _)] = by_row[(5, 5)].values()
    assert leads == {SDPC}
    assert QT in partners
    [(leads_eje1, _, _, _)] = by_row[(1, 9)].values()
    assert leads_eje1 == {QT}


def test_reload_changes_nothing(tmp_path):
    path = tmp_path / "g.json"
    EmbeddedStore(path).write(read_datasets(DATASET).batch)
    before = EmbeddedStore(path)
    counts, graph = before.counts(), before.snapshot()
    EmbeddedStore(path).write(read_datasets(DATASET).batch)
    after = EmbeddedStore(path)
    assert after.counts() == counts
    assert sorted(after.snapshot().edges(keys=True, data=True)) == sorted(
        graph.edges(keys=True, data=True))


def test_neo4j_reload_and_report_match_the_embedded_store(neo4j_store, tmp_path):
    """The same load twice into Neo4j changes nothing, and the quality report it yields
    (row problems stored as list properties, actors' rows) equals the embedded store's."""
    from tejido.loaders.quality import build_report

    neo4j_store.write(read_datasets(DATASET).batch)
    counts = neo4j_store.counts()
    neo4j_store.write(read_datasets(DATASET).batch)
    assert neo4j_store.counts() == counts
    assert (counts["Action"], counts["Source"]) == (69, read_datasets(DATASET).batch.counts()[
        "Source"])
    embedded = EmbeddedStore(tmp_path / "g.json")
    embedded.write(read_datasets(DATASET).batch)
    assert build_report(neo4j_store.snapshot()) == build_report(embedded.snapshot())
