"""Synthetic but plausible portfolios in the planner's workbook format, for demos and benches.

A portfolio looks like a DMQ one: secretarías, empresas públicas, agencias, administraciones
zonales, GAD parroquiales, ministerios, cooperación, empresas, ONG, universidades; ejes
with objetivos; parroquias inside zonas; actions with a lead (most of them), 0–4
articuladores, territories (sometimes TODOS), mechanisms, a few suspended or not started,
some near-duplicate titles and some direct ties between actors. A few articuladores are
never declared, as in real workbooks. Everything is drawn from one ``random.Random(seed)``,
so a seed always gives the same portfolio.

Use :func:`synth_workbook` for the sheets as rows, :func:`synth_batch` for the validated
graph (no ``.xlsx`` round-trip) and :func:`write_workbook` to save it.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from tejido.graph.model import Nivel, fold

from .base import LoadResult
from .workbook import SHEETS, read_tables

Rows = list[dict[str, Any]]

# -- territory: the DMQ's administrative zones and the parishes in each ----------------------

ZONES: dict[str, list[str]] = {
    "Calderón": ["Calderón", "Llano Chico", "Carcelén", "Comité del Pueblo"],
    "Eloy Alfaro": ["Chilibulo", "Chimbacalle", "La Argelia", "La Magdalena", "Solanda", "Lloa"],
    "Eugenio Espejo": ["Iñaquito", "Jipijapa", "Rumipamba", "Mariscal Sucre", "Nayón", "Zámbiza",
                       "Belisario Quevedo", "Kennedy", "San Isidro del Inca"],
    "La Delicia": ["Cotocollao", "El Condado", "Ponceano", "Pomasqui", "San Antonio de Pichincha",
                   "Calacalí", "Nono", "Nanegal", "Nanegalito", "Gualea", "Pacto"],
    "Los Chillos": ["Alangasí", "Amaguaña", "Conocoto", "Guangopolo", "La Merced", "Píntag"],
    "Manuela Sáenz": ["Centro Histórico", "Itchimbía", "La Libertad", "Puengasí", "San Juan"],
    "Quitumbe": ["Chillogallo", "Guamaní", "La Ecuatoriana", "Quitumbe", "Turubamba"],
    "Tumbaco": ["Cumbayá", "Tumbaco"],
    "Aeropuerto": ["Checa", "El Quinche", "Pifo", "Puembo", "Tababela", "Yaruquí", "Guayllabamba",
                   "Puéllaro", "Perucho", "Chavezpamba", "Atahualpa", "San José de Minas"],
}
RURAL = {
    "Alangasí", "Amaguaña", "Atahualpa", "Calacalí", "Calderón", "Chavezpamba", "Checa",
    "Conocoto", "Cumbayá", "El Quinche", "Gualea", "Guangopolo", "Guayllabamba", "La Merced",
    "Llano Chico", "Lloa", "Nanegal", "Nanegalito", "Nayón", "Nono", "Pacto", "Perucho", "Pifo",
    "Píntag", "Pomasqui", "Puéllaro", "Puembo", "San Antonio de Pichincha", "San José de Minas",
    "Tababela", "Tumbaco", "Yaruquí", "Zámbiza",
}
DISTRICT = "Distrito Metropolitano de Quito"

# -- actors: institutions first (finite lists), then generated organisations ----------------

INSTITUTIONS: dict[str, list[str]] = {
    "secretaria": [
        "Secretaría de Ambiente", "Secretaría de Movilidad", "Secretaría de Salud",
        "Secretaría de Educación", "Secretaría de Inclusión Social", "Secretaría de Cultura",
        "Secretaría de Desarrollo Productivo y Competitividad",
        "Secretaría de Seguridad y Gobernabilidad", "Secretaría de Territorio, Hábitat y Vivienda",
        "Secretaría de Coordinación Territorial y Participación Ciudadana",
        "Secretaría General de Planificación", "Secretaría de Comunicación",
        "Secretaría de Gestión de Riesgos", "Secretaría de Turismo",
    ],
    "empresa_publica": [
        "Empresa Pública Metropolitana de Agua Potable y Saneamiento",
        "Empresa Pública Metropolitana de Movilidad y Obras Públicas",
        "Empresa Pública Metropolitana de Gestión Integral de Residuos Sólidos",
        "Empresa Pública Metropolitana de Hábitat y Vivienda",
        "Empresa Pública Metropolitana de Aseo", "Empresa Pública Metropolitana de Rastro",
        "Empresa Pública Metropolitana Metro de Quito",
        "Empresa Pública Metropolitana de Servicios Aeroportuarios",
        "Empresa Pública Metropolitana de Logística para la Seguridad",
        "Empresa Eléctrica Quito",
    ],
    "agencia": [
        "Agencia de Promoción Económica", "Agencia Metropolitana de Control",
        "Agencia Metropolitana de Tránsito", "Agencia Metropolitana de Desarrollo Económico",
        "Agencia de Coordinación Distrital del Comercio",
        "Agencia Metropolitana de Promoción Turística",
    ],
    "gad_provincial": ["Gobierno Autónomo Descentralizado de la Provincia de Pichincha"],
    "gad_cantonal": [
        f"GAD Municipal de {c}" for c in (
            "Rumiñahui", "Mejía", "Cayambe", "Pedro Moncayo", "San Miguel de los Bancos",
            "Pedro Vicente Maldonado", "Puerto Quito")
    ],
    "gobierno_nacional": [
        "Ministerio de Ambiente, Agua y Transición Ecológica",
        "Ministerio de Agricultura y Ganadería",
        "Ministerio de Turismo", "Ministerio de Salud Pública", "Ministerio de Educación",
        "Ministerio de Inclusión Económica y Social", "Ministerio de Transporte y Obras Públicas",
        "Ministerio de Desarrollo Urbano y Vivienda", "Ministerio de Cultura y Patrimonio",
        "Ministerio de Producción, Comercio Exterior, Inversiones y Pesca",
        "Secretaría Nacional de Planificación", "Secretaría Nacional de Gestión de Riesgos",
        "Instituto Nacional de Economía Popular y Solidaria",
        "Ministerio del Interior", "Consejo de Protección de Derechos",
    ],
    "cooperacion": [
        "Agencia Española de Cooperación Internacional", "Cooperación Técnica Alemana",
        "Agencia de Cooperación Internacional del Japón", "Agencia Coreana de Cooperación",
        "Programa de las Naciones Unidas para el Desarrollo",
        "Organización de las Naciones Unidas para la Alimentación y la Agricultura",
        "Banco Interamericano de Desarrollo", "Banco de Desarrollo de América Latina",
        "Delegación de la Unión Europea", "Fondo Internacional de Desarrollo Agrícola",
        "Cooperación Belga al Desarrollo", "Agencia Francesa de Desarrollo",
    ],
}
PRIVATE = [
    "Cooperativa de Ahorro y Crédito {place}",
    "Asociación de Productores Agroecológicos de {place}",
    "Cámara de Turismo de {place}", "Asociación de Comerciantes de {place}",
    "Cooperativa de Transporte {place}", "Asociación de Artesanos de {place}",
    "Empresa Florícola {place}", "Centro de Acopio Lechero {place}",
]
CIVIL = [
    "Comité Pro Mejoras de {place}", "Red de Mujeres de {place}", "Liga Barrial {place}",
    "Fundación {word} {place}", "Colectivo Juvenil {place}", "Junta de Agua de {place}",
    "Asamblea Parroquial de {place}", "Club de Adultos Mayores de {place}",
    "Comité de Seguridad Ciudadana de {place}", "Asociación de Mujeres Emprendedoras de {place}",
]
ACADEMIA = [
    "Universidad {word} del Ecuador", "Escuela Politécnica {word}",
    "Instituto Superior Tecnológico {place}", "Unidad Educativa {place}",
    "Centro de Investigación {word}",
]
WORDS = [
    "Tierra Viva", "Raíces", "Minga", "Sumak Kawsay", "Horizonte", "Ñukanchik", "Semilla",
    "Andina", "Equinoccial", "Pachamama", "Nuevo Amanecer", "Manos Unidas", "Chaupi", "Yaku",
]
ACTOR_SHARES: dict[str, float] = {
    "secretaria": 0.07, "empresa_publica": 0.05, "agencia": 0.03, "administracion_zonal": 0.04,
    "gad_parroquial": 0.12, "gad_cantonal": 0.02, "gad_provincial": 0.01,
    "gobierno_nacional": 0.07, "cooperacion": 0.05, "privado": 0.18, "sociedad_civil": 0.26,
    "academia": 0.07, "otro": 0.03,
}
LEVEL = {
    "secretaria": Nivel.metropolitano, "empresa_publica": Nivel.metropolitano,
    "agencia": Nivel.metropolitano, "administracion_zonal": Nivel.metropolitano,
    "gad_parroquial": Nivel.parroquial, "gad_cantonal": Nivel.cantonal,
    "gad_provincial": Nivel.provincial, "gobierno_nacional": Nivel.nacional,
    "cooperacion": Nivel.internacional,
}
INTERNAL = {"secretaria", "empresa_publica", "agencia", "administracion_zonal"}
#: Who may lead an action: public bodies lead, others mostly articulate.
LEADERS = {*INTERNAL, "gad_parroquial", "gad_cantonal", "gad_provincial", "gobierno_nacional"}
_STOPWORDS = {"de", "del", "la", "las", "los", "el", "y", "e", "para", "en"}

# -- the plan: ejes, objetivos, problems and what actions are about ---------------------------

PLAN: dict[str, dict[str, list[str]]] = {
    "Quito verde y resiliente": {
        "objetivos": ["Conservar el patrimonio natural y la biodiversidad",
                      "Reducir la vulnerabilidad frente al cambio climático",
                      "Gestionar integralmente los residuos sólidos"],
        "temas": ["viveros forestales comunitarios", "corredores ecológicos",
                  "sistemas de captación de agua lluvia", "puntos limpios de reciclaje",
                  "huertos urbanos", "planes de gestión de riesgos", "quebradas",
                  "áreas de protección hídrica", "compostaje domiciliario"],
        "problemas": ["Pérdida de cobertura vegetal", "Contaminación de quebradas",
                      "Incendios forestales recurrentes"],
    },
    "Quito productivo y solidario": {
        "objetivos": ["Fortalecer las cadenas productivas agroecológicas",
                      "Impulsar el emprendimiento y el empleo local",
                      "Promover el turismo comunitario"],
        "temas": ["ferias agroecológicas", "circuitos cortos de comercialización",
                  "emprendimientos de mujeres rurales", "rutas de turismo comunitario",
                  "centros de acopio", "capacidades de productores lecheros",
                  "créditos asociativos", "bioemprendimientos"],
        "problemas": ["Baja rentabilidad de la producción campesina",
                      "Desempleo juvenil", "Intermediación excesiva"],
    },
    "Quito incluyente": {
        "objetivos": ["Garantizar el acceso a servicios de cuidado",
                      "Reducir las brechas educativas", "Prevenir la violencia de género"],
        "temas": ["centros de desarrollo infantil", "atención a adultos mayores",
                  "becas estudiantiles", "casas de la juventud", "bibliotecas comunitarias",
                  "rutas de atención a víctimas de violencia", "espacios de cuidado"],
        "problemas": ["Deserción escolar", "Violencia intrafamiliar",
                      "Abandono de adultos mayores"],
    },
    "Quito seguro": {
        "objetivos": ["Mejorar la convivencia ciudadana", "Recuperar el espacio público"],
        "temas": ["alarmas comunitarias", "iluminación de espacios públicos",
                  "brigadas barriales", "parques recuperados", "cámaras de videovigilancia"],
        "problemas": ["Inseguridad en espacios públicos", "Deterioro de parques"],
    },
    "Quito conectado": {
        "objetivos": ["Mejorar la movilidad sostenible",
                      "Ampliar la cobertura de servicios básicos"],
        "temas": ["ciclovías", "vías rurales", "paradas de transporte público",
                  "redes de agua potable", "alcantarillado", "aceras accesibles",
                  "puentes peatonales"],
        "problemas": ["Déficit de alcantarillado", "Vías en mal estado",
                      "Tiempos de viaje excesivos"],
    },
    "Gobernanza participativa": {
        "objetivos": ["Fortalecer la participación ciudadana",
                      "Modernizar la gestión territorial"],
        "temas": ["presupuestos participativos", "asambleas barriales",
                  "catastro rural", "sistemas de información territorial",
                  "escuelas de formación ciudadana", "mesas de concertación"],
        "problemas": ["Débil articulación interinstitucional", "Baja participación ciudadana"],
    },
}
VERBS = ["Fortalecer", "Implementar", "Promover", "Construir", "Rehabilitar", "Diseñar",
         "Impulsar", "Mejorar", "Ampliar", "Consolidar", "Desarrollar", "Articular", "Mantener",
         "Crear", "Capacitar en"]
SUFFIXES = ["", "", "", " – fase I", " – fase II", " 2024", " 2025", " (piloto)",
            " con enfoque de género", " con participación comunitaria"]
SOURCES = ["PMDOT 2021-2033", "Plan Metropolitano de Desarrollo 2023-2027",
           "Informe de gestión 2024", "Agenda zonal 2024", "Acta de asamblea parroquial"]
MECHANISMS = {
    "convenio": "Convenio de cooperación interinstitucional N.º {n:03d}",
    "mesa_tecnica": "Mesa técnica de {tema}",
    "alianza": "Alianza para {tema}",
    "acuerdo": "Acuerdo de cooperación N.º {n:03d}",
    "carta_intencion": "Carta de intención N.º {n:03d}",
    "mancomunidad": "Mancomunidad para {tema}",
    "convenio_delegacion": "Convenio de delegación de competencias N.º {n:03d}",
    "reunion_bilateral": "Reuniones bilaterales sobre {tema}",
    "contrato": "Contrato de servicios N.º {n:03d}",
}
TIES = ["coordinación", "financiamiento", "asistencia técnica", "intercambio de información",
        "convenio"]
ESTADOS = {"planificada": 25, "en_marcha": 40, "finalizada": 12, "suspendida": 6,
           "no_iniciada": 9, "": 8}
ACTION_TIPOS = {"accion": 35, "proyecto": 25, "iniciativa": 15, "actividad": 15, "programa": 10}


def synth_workbook(actors: int, actions: int, seed: int = 0) -> dict[str, Rows]:
    """The five sheets of a synthetic portfolio as rows ({canonical header: value}).

    ``actors`` declared actors (a few more are referenced without being declared),
    ``actions`` actions, about ``actors // 2`` direct relations. Deterministic per seed.
    """
    if actors < 1 or actions < 0:
        raise ValueError("actors must be >= 1 and actions >= 0")
    rng = random.Random(seed)
    territories = _territories()
    parishes = [row["nombre"] for row in territories if row["tipo"] == "parroquia"]
    actor_rows = _actors(rng, actors, parishes)
    mechanism_rows = _mechanisms(rng, max(8, actions // 40))
    phantoms = [f"Comité Barrial {rng.choice(parishes)} {n}" for n in range(1, actors // 50 + 2)]
    action_rows = list(_actions(rng, actions, actor_rows, parishes, mechanism_rows, phantoms))
    return {
        "actores": actor_rows,
        "acciones": action_rows,
        "territorios": territories,
        "mecanismos": mechanism_rows,
        "relaciones": _relations(rng, actor_rows, mechanism_rows),
    }


def synth_batch(actors: int, actions: int, seed: int = 0) -> LoadResult:
    """The validated graph batch of :func:`synth_workbook`, as ``tejido load`` would build it
    from the saved workbook ``synth-<seed>.xlsx`` (same ids, sources and warnings)."""
    return read_tables(synth_workbook(actors, actions, seed), f"synth-{seed}.xlsx")


def write_workbook(tables: dict[str, Rows], path: Path) -> None:
    """Save sheets of rows as an ``.xlsx`` in openpyxl's streaming (write-only) mode.

    Columns follow the workbook specification; text is always stored as text, so a value
    starting with ``=`` can never become a formula.
    """
    book = Workbook(write_only=True)
    order = [spec for spec in SHEETS if spec.name in tables]
    for spec in order:
        sheet = book.create_sheet(spec.name)
        header = [c.name for c in spec.columns]
        sheet.append(header)
        for row in tables[spec.name]:
            sheet.append([_cell(sheet, row.get(name)) for name in header])
    book.save(path)


def _cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"  # text, not a formula
        return cell
    return value if value != "" else None


# -- generators ------------------------------------------------------------------------------


def _territories() -> Rows:
    rows: Rows = [{"nombre": DISTRICT, "tipo": "distrito", "pertenece_a": "", "codigo": "DMQ"}]
    for z, (zone, parishes) in enumerate(ZONES.items(), 1):
        rows.append({"nombre": f"Zona {zone}", "tipo": "zona", "pertenece_a": DISTRICT,
                     "codigo": f"Z{z:02d}"})
        for p, parish in enumerate(parishes, 1):
            rows.append({"nombre": parish, "tipo": "parroquia", "pertenece_a": f"Zona {zone}",
                         "codigo": f"Z{z:02d}P{p:02d}"})
    return rows


def _acronym(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w.lower() not in _STOPWORDS]
    return "".join(_bare(w[0]).upper() for w in words if w[0].isalpha())


def _bare(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _names(rng: random.Random, tipo: str, parishes: list[str]) -> Iterator[str]:
    """Candidate names for one actor type: the real-looking institutions, then generated ones."""
    if tipo in INSTITUTIONS:
        yield from INSTITUTIONS[tipo]
        return
    if tipo == "administracion_zonal":
        yield from (f"Administración Zonal {zone}" for zone in ZONES)
        return
    if tipo == "gad_parroquial":
        yield from (f"GAD Parroquial de {p}" for p in parishes if p in RURAL)
        return
    patterns = {"privado": PRIVATE, "sociedad_civil": CIVIL, "academia": ACADEMIA,
                "otro": ["Consorcio {word} {place}", "Mesa Ciudadana de {place}"]}[tipo]
    for round_ in range(1, 1_000_000):
        for _ in range(len(patterns) * len(parishes)):
            name = rng.choice(patterns).format(word=rng.choice(WORDS), place=rng.choice(parishes))
            yield name if round_ == 1 else f"{name} {round_}"


def _actors(rng: random.Random, count: int, parishes: list[str]) -> Rows:
    tipos = list(ACTOR_SHARES)
    generators = {tipo: _names(rng, tipo, parishes) for tipo in tipos}
    taken: set[str] = set()
    rows: Rows = []
    while len(rows) < count:
        tipo = rng.choices(tipos, weights=[ACTOR_SHARES[t] for t in tipos])[0]
        name = next(generators[tipo], None)
        if name is None:  # that institution list is used up: an organisation instead
            tipo = rng.choice(["privado", "sociedad_civil", "academia"])
            name = next(generators[tipo])
        if fold(name) in taken:
            continue
        taken.add(fold(name))
        siglas = ""
        if tipo in INSTITUTIONS or tipo in INTERNAL or rng.random() < 0.15:
            acronym = _acronym(name)
            if len(acronym) >= 2 and fold(acronym) not in taken:
                taken.add(fold(acronym))
                siglas = acronym
        level = LEVEL.get(tipo)
        rows.append({
            "nombre": name, "siglas": siglas, "tipo": tipo,
            "nivel": level.value if level else "",
            "interno": "sí" if tipo in INTERNAL else "no", "notas": "",
        })
    return rows


def _mechanisms(rng: random.Random, count: int) -> Rows:
    themes = [tema for eje in PLAN.values() for tema in eje["temas"]]
    rows: Rows = []
    taken: set[str] = set()
    n = 0
    while len(rows) < count:
        n += 1
        tipo = rng.choice(list(MECHANISMS))
        name = MECHANISMS[tipo].format(n=n, tema=rng.choice(themes))
        if fold(name) in taken:
            name = f"{name} ({n})"
        taken.add(fold(name))
        rows.append({"nombre": name, "tipo": tipo})
    return rows


def _zipf(count: int, exponent: float = 0.9) -> list[float]:
    """Cumulative heavy-tailed (Zipf) weights: a few actors take part in many actions, as in
    real portfolios. Cumulative, so each draw is a bisection, not a pass over every actor."""
    return list(accumulate(1.0 / (rank + 1) ** exponent for rank in range(count)))


def _reference(rng: random.Random, actor: dict[str, Any]) -> str:
    """How a workbook cites an actor: its name, its acronym, or a careless spelling."""
    roll = rng.random()
    if actor["siglas"] and roll < 0.35:
        return actor["siglas"]
    if roll > 0.9:
        return _bare(actor["nombre"]).lower()
    return actor["nombre"]


def _actions(
    rng: random.Random, count: int, actors: Rows, parishes: list[str], mechanisms: Rows,
    phantoms: list[str],
) -> Iterator[dict[str, Any]]:
    leaders = [a for a in actors if a["tipo"] in LEADERS] or actors
    rng.shuffle(leaders)
    everyone = list(actors)
    rng.shuffle(everyone)
    lead_weights, all_weights = _zipf(len(leaders)), _zipf(len(everyone))
    zone_of = {parish: zone for zone, members in ZONES.items() for parish in members}
    ejes = list(PLAN)
    titles: list[tuple[str, str, str]] = []
    for n in range(1, count + 1):
        if titles and rng.random() < 0.03:
            title, eje, objetivo, place = rng.choice(titles)
            title = _near_duplicate(rng, title)
        else:
            eje = rng.choice(ejes)
            objetivo = rng.choice(PLAN[eje]["objetivos"])
            place = rng.choice(parishes)
            title = (f"{rng.choice(VERBS)} {rng.choice(PLAN[eje]['temas'])} en {place}"
                     f"{rng.choice(SUFFIXES)}")
        titles.append((title, eje, objetivo, place))
        lead_count = rng.choices([0, 1, 2], weights=[8, 88, 4])[0]
        leads = _distinct(rng, leaders, lead_weights, lead_count)
        how_many = rng.choices(range(5), [20, 30, 25, 15, 10])[0]
        partners = [
            p for p in _distinct(rng, everyone, all_weights, how_many)
            if all(p is not lead for lead in leads)
        ]
        cited = [_reference(rng, a) for a in partners]
        uses = rng.choices([0, 1, 2], [45, 40, 15])[0]
        if phantoms and rng.random() < 0.01:
            cited = [*cited[:3], rng.choice(phantoms)]  # still at most four articuladores
        yield {
            "id": f"A-{n:05d}",
            "titulo": title,
            "tipo": rng.choices(list(ACTION_TIPOS), weights=list(ACTION_TIPOS.values()))[0],
            "eje": eje,
            "objetivo": objetivo,
            "problema": rng.choice(PLAN[eje]["problemas"]) if rng.random() < 0.5 else "",
            "estado": rng.choices(list(ESTADOS), weights=list(ESTADOS.values()))[0],
            "rector": "; ".join(_reference(rng, a) for a in leads),
            "articuladores": "; ".join(cited),
            "territorios": _places(rng, place, zone_of),
            "mecanismos": "; ".join(m["nombre"] for m in rng.sample(mechanisms, uses)),
            "fuente": rng.choice(SOURCES) if rng.random() < 0.6 else "",
        }


def _distinct(rng: random.Random, pool: Rows, cum_weights: list[float], k: int) -> Rows:
    chosen: list[dict[str, Any]] = []
    while len(chosen) < min(k, len(pool)):
        pick = rng.choices(pool, cum_weights=cum_weights)[0]
        if all(pick is not c for c in chosen):
            chosen.append(pick)
    return chosen


def _places(rng: random.Random, place: str, zone_of: dict[str, str]) -> str:
    """Where an action about ``place`` happens: there (and neighbours), its zone, or TODOS."""
    roll = rng.random()
    if roll < 0.05:
        return "TODOS"
    if roll < 0.12:
        return ""
    if roll < 0.25:
        return f"Zona {zone_of[place]}"
    neighbours = [p for p in ZONES[zone_of[place]] if p != place]
    extra = rng.sample(neighbours, min(len(neighbours), rng.choices([0, 1, 2], [60, 30, 10])[0]))
    return "; ".join([place, *extra])


def _near_duplicate(rng: random.Random, title: str) -> str:
    """The same initiative written again by someone else: case, accents, a word, a typo."""
    variants = [
        title.lower(),
        _bare(title),
        title + " del DMQ",
        title.replace(" en ", " en la parroquia ", 1),
        title[:-1] if len(title) > 10 else title + ".",
    ]
    return rng.choice(variants)


def _relations(rng: random.Random, actors: Rows, mechanisms: Rows) -> Rows:
    if len(actors) < 2:
        return []
    weights = _zipf(len(actors), 0.7)
    rows: Rows = []
    for _ in range(len(actors) // 2):
        a, b = _distinct(rng, actors, weights, 2)
        rows.append({
            "origen": _reference(rng, a),
            "destino": _reference(rng, b),
            "tipo": rng.choice(TIES),
            "peso": rng.randint(1, 5),
            "mecanismo": rng.choice(mechanisms)["nombre"] if rng.random() < 0.3 else "",
            "fuente": rng.choice(SOURCES) if rng.random() < 0.5 else "",
        })
    return rows

