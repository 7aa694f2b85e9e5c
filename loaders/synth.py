"""Synthetic but plausible portfolios in the planner's workbook format, for demos and benches.

A portfolio looks like a Pichincha one: secretarías, empresas públicas, agencias,
administraciones zonales, GAD parroquiales and cantonales, ministerios, cooperación,
empresas, ONG, universidades; ejes with objetivos; actions with a lead (most of them),
0–4 articuladores, territories (rarely TODOS), mechanisms, a few suspended or not started,
some near-duplicate titles and some direct ties between actors. A few articuladores are
never declared, as in real workbooks. Everything is drawn from one ``random.Random(seed)``,
so a seed always gives the same portfolio.

Assumptions that keep a big portfolio plausible (a portfolio 4× bigger covers more
territory, it is not the same territory 4× denser):

- **Territory grows with the actors**: one parish per ``ACTORS_PER_PARISH`` declared actors.
  The first ones are the DMQ's real zones and parishes (Provincia de Pichincha → Distrito
  Metropolitano de Quito → Zona → parroquia), then Pichincha's other real cantons with
  their parishes, then synthetic cantons of the same province (Cantón → parroquia) until
  there are enough parishes. So actions per parish, and actors per (eje, territory), stay
  about the same at every size.
- **Actors are territorial** (``scope``, not written to the workbook): a GAD parroquial works
  in its parish, an administración zonal in its zone, a GAD municipal in its canton;
  empresas, ONG, colectivos and institutos in the parish their name carries, reaching the
  rest of its zone or canton; universities in a home zone or canton; the metropolitan
  secretarías, empresas públicas and agencias across the DMQ; only the provincial GAD,
  the ministries, cooperation and ``PROVINCE_WIDE`` secretarías across the whole province.
  These institution lists are finite, so the actors active everywhere are a bounded set.
- **Actions happen somewhere**: each is about one parish (drawn uniformly), and its title
  usually names a barrio or comunidad there (``_where``); its lead
  comes from the actors working there (its GAD parroquial, zonal or cantonal body,
  metropolitan or provincial ones), its articuladores mostly from the parish and its
  zone/canton, with an occasional actor from anywhere (``PARTNER_LEVELS``). Leads and
  articuladores are heavy-tailed (Zipf) within each of those pools.
- **TODOS is rare**: about ``TODOS_EXPECTED`` actions whatever the size (at most
  ``TODOS_SHARE`` of a small portfolio), led and articulated by province-wide actors
  only. TODOS expands to every territory, so a share of the actions would grow the graph
  quadratically.
- Direct ties (``relaciones``) join an actor with another working where it works.

Use :func:`synth_workbook` for the sheets as rows, :func:`synth_batch` for the validated
graph (no ``.xlsx`` round-trip) and :func:`write_workbook` to save it.
"""

from __future__ import annotations

import itertools
import random
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
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

# -- territory: the DMQ's administrative zones and parishes, then more cantons ---------------

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
PROVINCE = "Provincia de Pichincha"
DISTRICT = "Distrito Metropolitano de Quito"
#: Pichincha's other cantons and their parishes, the cabecera cantonal (urban) first.
CANTONS: dict[str, list[str]] = {
    "Rumiñahui": ["Sangolquí", "San Pedro de Taboada", "San Rafael", "Cotogchoa", "Rumipamba"],
    "Mejía": ["Machachi", "Alóag", "Aloasí", "Cutuglahua", "El Chaupi",
              "Manuel Cornejo Astorga", "Tambillo", "Uyumbicho"],
    "Cayambe": ["Cayambe", "Ayora", "Juan Montalvo", "Ascázubi", "Cangahua", "Olmedo", "Otón",
                "Santa Rosa de Cusubamba"],
    "Pedro Moncayo": ["Tabacundo", "La Esperanza", "Malchinguí", "Tocachi", "Tupigachi"],
    "San Miguel de los Bancos": ["San Miguel de los Bancos", "Mindo"],
    "Pedro Vicente Maldonado": ["Pedro Vicente Maldonado"],
    "Puerto Quito": ["Puerto Quito"],
}
#: Name parts of the synthetic parishes and cantons that follow Pichincha's real ones.
SAINTS = [
    "San Gabriel", "Santa Rosa", "San Isidro", "San Juan", "San Pablo", "San Vicente",
    "Santa Lucía", "San Francisco", "Santa Marianita", "San Luis", "San Roque", "Santa Clara",
    "San Marcos", "San Pedro", "Santa Teresa", "San Bartolo", "San Carlos", "San Fernando",
    "Santa Cecilia", "San Jacinto", "San Sebastián", "Santa Ana", "San Miguel", "San Andrés",
    "San Lorenzo", "Santa Bárbara", "San Agustín", "San Cristóbal", "Santa Inés", "San Blas",
]
TOPONYMS = [
    "Toachi", "Pucará", "La Tola", "Guachalá", "Cochapamba", "Llano Grande", "Las Palmas",
    "El Tingo", "Cachaco", "Pucayacu", "Urcu", "Pambamarca", "Tiopullo", "Cusubamba", "Inga",
    "Itulcachi", "Tolontag", "Pasochoa", "Ilaló", "Atacazo", "Pichán", "Saloya", "Guarumos",
    "Mulaute", "Nambillo", "Palmitopamba", "Yanahurco", "Cochasquí", "Sigsipamba", "Chilcapamba",
    "Jambelí", "Quinchuquí", "Pisque", "Guanguilquí", "Tanlahua", "Chiche", "Yunguilla",
    "Alambi", "Tulipe", "Mashpi",
]
#: One parish per this many declared actors (the DMQ alone serves small portfolios).
ACTORS_PER_PARISH = 8
SYNTH_CANTON_PARISHES = (4, 10)


@dataclass
class Geography:
    """The territories sheet and what the generator needs to place actors and actions."""

    rows: Rows = field(default_factory=list)
    parishes: list[str] = field(default_factory=list)
    area_of: dict[str, str] = field(default_factory=dict)  # parish -> its zone or canton
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    rural: set[str] = field(default_factory=set)  # parishes with a GAD parroquial
    metropolitan: set[str] = field(default_factory=set)  # the DMQ's parishes
    cantons: list[str] = field(default_factory=list)  # cantons outside the DMQ

    def add(self, name: str, tipo: str, parent: str, code: str) -> None:
        self.rows.append({"nombre": name, "tipo": tipo, "pertenece_a": parent, "codigo": code})
        if tipo == "parroquia":
            self.parishes.append(name)
            self.area_of[name] = parent
            self.members[parent].append(name)

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
LOCALITIES = ["el barrio", "la comunidad", "el sector", "la urbanización"]
BARRIOS = [
    "San José", "La Florida", "El Rosario", "Santa Clara", "La Victoria", "El Belén",
    "Las Cuadras", "La Libertad", "El Carmen", "San Vicente", "La Esperanza", "El Tejar",
    "Los Pinos", "Las Acacias", "El Dorado", "La Colina", "San Luis", "Santa Anita",
    "El Placer", "La Tola Chica", "Miraflores", "Bellavista", "El Porvenir", "La Primavera",
    "San Francisco", "Los Laureles", "El Bosque", "Lucha de los Pobres", "Nueva Aurora",
    "La Dolorosa", "El Triunfo", "San Martín", "Santa Rosa Alta", "Los Álamos", "La Merced Baja",
    "Chaupicruz", "Pusuquí", "Guajaló", "Caupicho", "Tarqui", "Ecuatoriana", "El Paraíso",
]
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
#: Secretarías that work across the whole province, not only the DMQ (few on purpose).
PROVINCE_WIDE = {"Secretaría de Ambiente", "Secretaría de Gestión de Riesgos"}
#: Actor types whose every member works across the province (the rest of the institutions
#: across the DMQ).
PROVINCIAL_TIPOS = {"gad_provincial", "gobierno_nacional", "cooperacion"}
#: Relative weight of each pool an action's lead / articuladores are drawn from:
#: the action's parish, its zone or canton, the DMQ (for DMQ parishes), the province,
#: anywhere (an occasional actor from elsewhere).
LEAD_LEVELS = {"parish": 3.0, "area": 3.0, "district": 3.0, "province": 1.0}
PARTNER_LEVELS = {"parish": 4.0, "area": 3.0, "district": 1.0, "province": 1.5, "anywhere": 0.3}
#: TODOS actions: about this many whatever the size, at most this share of the actions.
TODOS_EXPECTED = 10
TODOS_SHARE = 0.05


def synth_workbook(actors: int, actions: int, seed: int = 0) -> dict[str, Rows]:
    """The five sheets of a synthetic portfolio as rows ({canonical header: value}).

    ``actors`` declared actors (a few more are referenced without being declared),
    ``actions`` actions, about ``actors // 2`` direct relations, one parish per
    ``ACTORS_PER_PARISH`` actors (at least the DMQ's). Deterministic per seed.
    """
    if actors < 1 or actions < 0:
        raise ValueError("actors must be >= 1 and actions >= 0")
    rng = random.Random(seed)
    geo = _territories(rng, actors // ACTORS_PER_PARISH)
    actor_rows, scopes = _actors(rng, actors, geo)
    pools = Pools(rng, actor_rows, scopes, geo)
    mechanism_rows = _mechanisms(rng, max(8, actions // 40))
    phantoms = [f"Comité Barrial {rng.choice(geo.parishes)} {n}"
                for n in range(1, actors // 50 + 2)]
    action_rows = list(_actions(rng, actions, pools, mechanism_rows, phantoms))
    return {
        "actores": actor_rows,
        "acciones": action_rows,
        "territorios": geo.rows,
        "mecanismos": mechanism_rows,
        "relaciones": _relations(rng, pools, mechanism_rows),
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


def _territories(rng: random.Random, parishes: int) -> Geography:
    """Province → DMQ → zones → parishes, then further cantons until ``parishes`` parishes."""
    geo = Geography()
    geo.add(PROVINCE, "provincia", "", "P17")
    geo.add(DISTRICT, "distrito", PROVINCE, "DMQ")
    for z, (zone, members) in enumerate(ZONES.items(), 1):
        geo.add(f"Zona {zone}", "zona", DISTRICT, f"Z{z:02d}")
        for p, parish in enumerate(members, 1):
            geo.add(parish, "parroquia", f"Zona {zone}", f"Z{z:02d}P{p:02d}")
            geo.metropolitan.add(parish)
            if parish in RURAL:
                geo.rural.add(parish)
    taken = {fold(row["nombre"]) for row in geo.rows}
    cantons = _cantons(rng)
    for c in itertools.count(1):
        if len(geo.parishes) >= parishes:
            break
        canton, members = next(cantons)
        area = f"Cantón {canton}"
        taken.add(fold(area))
        geo.cantons.append(canton)
        geo.add(area, "canton", PROVINCE, f"C{c:03d}")
        for p, parish in enumerate(members, 1):
            name = parish if fold(parish) not in taken else f"{parish} ({canton})"
            taken.add(fold(name))
            geo.add(name, "parroquia", area, f"C{c:03d}P{p:02d}")
            if p > 1:  # the cabecera cantonal is urban: no GAD parroquial
                geo.rural.add(name)
    return geo


def _cantons(rng: random.Random) -> Iterator[tuple[str, list[str]]]:
    """Pichincha's real cantons, then synthetic ones named after their cabecera."""
    yield from CANTONS.items()
    for variant in itertools.count(1):
        names = [f"{saint} de {place}" for saint in SAINTS for place in TOPONYMS]
        rng.shuffle(names)
        if variant > 1:
            names = [f"{name} {variant}" for name in names]
        while names:
            size = rng.randint(*SYNTH_CANTON_PARISHES)
            members, names = names[:size], names[size:]
            yield members[0], members


def _acronym(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w.lower() not in _STOPWORDS]
    return "".join(_bare(w[0]).upper() for w in words if w[0].isalpha())


def _bare(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _names(rng: random.Random, tipo: str, geo: Geography) -> Iterator[tuple[str, str]]:
    """Candidate (name, scope) pairs for one actor type: the real-looking institutions
    first, then generated organisations. The scope is the territory the actor works in."""
    if tipo == "gad_cantonal":
        for canton in [*CANTONS, *geo.cantons[len(CANTONS):]]:
            home = f"Cantón {canton}"
            yield f"GAD Municipal de {canton}", home if home in geo.members else PROVINCE
        return
    if tipo in INSTITUTIONS:
        for name in INSTITUTIONS[tipo]:
            wide = tipo in PROVINCIAL_TIPOS or name in PROVINCE_WIDE
            yield name, PROVINCE if wide else DISTRICT
        return
    if tipo == "administracion_zonal":
        yield from ((f"Administración Zonal {zone}", f"Zona {zone}") for zone in ZONES)
        return
    if tipo == "gad_parroquial":
        yield from ((f"GAD Parroquial de {p}", p) for p in geo.parishes if p in geo.rural)
        return
    patterns = {"privado": PRIVATE, "sociedad_civil": CIVIL, "academia": ACADEMIA,
                "otro": ["Consorcio {word} {place}", "Mesa Ciudadana de {place}"]}[tipo]
    areas = list(geo.members)
    for round_ in range(1, 1_000_000):
        for _ in range(len(patterns) * len(geo.parishes)):
            pattern, place = rng.choice(patterns), rng.choice(geo.parishes)
            name = pattern.format(word=rng.choice(WORDS), place=place)
            # An organisation named after a place works there; one without a place
            # (a university, a research centre) in a home zone or canton.
            scope = place if "{place}" in pattern else rng.choice(areas)
            yield (name if round_ == 1 else f"{name} {round_}"), scope


def _actors(rng: random.Random, count: int, geo: Geography) -> tuple[Rows, list[str]]:
    """The actores rows, and the territory each actor works in (same order)."""
    tipos = list(ACTOR_SHARES)
    generators = {tipo: _names(rng, tipo, geo) for tipo in tipos}
    taken: set[str] = set()
    rows: Rows = []
    scopes: list[str] = []
    while len(rows) < count:
        tipo = rng.choices(tipos, weights=[ACTOR_SHARES[t] for t in tipos])[0]
        named = next(generators[tipo], None)
        if named is None:  # that institution list is used up: an organisation instead
            tipo = rng.choice(["privado", "sociedad_civil", "academia"])
            named = next(generators[tipo])
        name, scope = named
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
        scopes.append(scope)
    return rows, scopes


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


@dataclass
class Pool:
    """Actors drawn with Zipf weights (their order is shuffled once, so ranks are random)."""

    actors: Rows
    weights: list[float]

    @classmethod
    def of(cls, rng: random.Random, actors: Rows) -> Pool:
        actors = list(actors)
        rng.shuffle(actors)
        return cls(actors, _zipf(len(actors)))

    def draw(self, rng: random.Random) -> dict[str, Any]:
        return rng.choices(self.actors, cum_weights=self.weights)[0]


class Pools:
    """Who works where: for each parish, the actors of the parish, of its zone or canton
    (including the organisations of its other parishes), of the DMQ, of the province."""

    def __init__(self, rng: random.Random, actors: Rows, scopes: list[str],
                 geo: Geography) -> None:
        self.geo = geo
        self.everyone = actors
        self.weights = _zipf(len(actors), 0.7)
        self.scope = {id(a): s for a, s in zip(actors, scopes, strict=True)}
        by_scope: dict[str, Rows] = defaultdict(list)
        for actor, scope in zip(actors, scopes, strict=True):
            by_scope[scope].append(actor)
        reach = {area: [a for p in members for a in by_scope.get(p, ())] + by_scope.get(area, [])
                 for area, members in geo.members.items()}
        self.levels: dict[bool, dict[str, dict[str, Pool]]] = {}
        self.province: dict[bool, Pool] = {}
        for leaders in (False, True):
            def pool(group: Rows, leaders: bool = leaders) -> Pool:
                return Pool.of(rng, [a for a in group if not leaders or a["tipo"] in LEADERS])
            areas = {area: pool(group) for area, group in reach.items()}
            district = pool(by_scope.get(DISTRICT, []))
            province = self.province[leaders] = pool(by_scope.get(PROVINCE, []))
            self.levels[leaders] = {
                parish: {"parish": pool(by_scope.get(parish, [])),
                         "area": areas[geo.area_of[parish]],
                         "district": district if parish in geo.metropolitan else Pool([], []),
                         "province": province}
                for parish in geo.parishes
            }

    def draw(self, rng: random.Random, parish: str | None, leaders: bool,
             weights: dict[str, float]) -> dict[str, Any] | None:
        """One actor working in ``parish`` (None: province-wide, for TODOS actions)."""
        if parish is None:
            wide = self.province[leaders]
            return wide.draw(rng) if wide.actors else None
        levels = self.levels[leaders][parish]
        names = [n for n in weights if n == "anywhere" or levels[n].actors]
        if not names:
            return None
        level = rng.choices(names, weights=[weights[n] for n in names])[0]
        if level == "anywhere":
            return rng.choice(self.everyone)
        return levels[level].draw(rng)

    def distinct(self, rng: random.Random, parish: str | None, leaders: bool,
                 weights: dict[str, float], k: int, exclude: Rows = ()) -> Rows:
        """Up to ``k`` different actors (fewer when the pools run short)."""
        chosen: Rows = []
        for _ in range(4 * k):
            if len(chosen) == k:
                break
            pick = self.draw(rng, parish, leaders, weights)
            if pick is None:
                break
            if all(pick is not c for c in chosen) and all(pick is not e for e in exclude):
                chosen.append(pick)
        return chosen

    def anchor(self, rng: random.Random, actor: dict[str, Any]) -> str:
        """A parish where ``actor`` works (for drawing its direct ties)."""
        scope = self.scope[id(actor)]
        if scope in self.geo.area_of:
            return scope
        if scope in self.geo.members:
            return rng.choice(self.geo.members[scope])
        if scope == DISTRICT:
            return rng.choice(sorted(self.geo.metropolitan))
        return rng.choice(self.geo.parishes)


def _reference(rng: random.Random, actor: dict[str, Any]) -> str:
    """How a workbook cites an actor: its name, its acronym, or a careless spelling."""
    roll = rng.random()
    if actor["siglas"] and roll < 0.35:
        return actor["siglas"]
    if roll > 0.9:
        return _bare(actor["nombre"]).lower()
    return actor["nombre"]


def _actions(
    rng: random.Random, count: int, pools: Pools, mechanisms: Rows, phantoms: list[str],
) -> Iterator[dict[str, Any]]:
    ejes = list(PLAN)
    todos = min(TODOS_SHARE, TODOS_EXPECTED / count) if count else 0.0
    titles: list[tuple[str, str, str, str | None]] = []
    for n in range(1, count + 1):
        if titles and rng.random() < 0.03:
            title, eje, objetivo, place = rng.choice(titles)
            title = _near_duplicate(rng, title)
        else:
            eje = rng.choice(ejes)
            objetivo = rng.choice(PLAN[eje]["objetivos"])
            place = None if rng.random() < todos else rng.choice(pools.geo.parishes)
            title = (f"{rng.choice(VERBS)} {rng.choice(PLAN[eje]['temas'])} "
                     f"en {_where(rng, place)}{rng.choice(SUFFIXES)}")
        titles.append((title, eje, objetivo, place))
        lead_count = rng.choices([0, 1, 2], weights=[8, 88, 4])[0]
        leads = pools.distinct(rng, place, True, LEAD_LEVELS, lead_count)
        how_many = rng.choices(range(5), [20, 30, 25, 15, 10])[0]
        partners = pools.distinct(rng, place, False, PARTNER_LEVELS, how_many, exclude=leads)
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
            "territorios": "TODOS" if place is None else _places(rng, place, pools.geo),
            "mecanismos": "; ".join(m["nombre"] for m in rng.sample(mechanisms, uses)),
            "fuente": rng.choice(SOURCES) if rng.random() < 0.6 else "",
        }


def _where(rng: random.Random, place: str | None) -> str:
    """Where the title says the action happens: usually a barrio or comunidad of the parish.

    Real titles name the local place; without it, actions with the same wording in
    parishes with similar names would read as near-duplicates, and such accidental pairs
    grow with the square of the portfolio.
    """
    if place is None:
        return "todo el territorio"
    if rng.random() < 0.1:
        return place
    return f"{rng.choice(LOCALITIES)} {rng.choice(BARRIOS)}, {place}"


def _places(rng: random.Random, place: str, geo: Geography) -> str:
    """Where an action about ``place`` happens: there (and neighbours), its zone or canton,
    or nowhere said."""
    roll = rng.random()
    if roll < 0.07:
        return ""
    area = geo.area_of[place]
    if roll < 0.21:
        return area
    neighbours = [p for p in geo.members[area] if p != place]
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


def _relations(rng: random.Random, pools: Pools, mechanisms: Rows) -> Rows:
    """About ``actors // 2`` direct ties, each between an actor (heavy-tailed) and another
    working where it works."""
    actors = pools.everyone
    if len(actors) < 2:
        return []
    rows: Rows = []
    while len(rows) < len(actors) // 2:
        a = rng.choices(actors, cum_weights=pools.weights)[0]
        others = pools.distinct(rng, pools.anchor(rng, a), False, PARTNER_LEVELS, 1, [a])
        b = others[0] if others else rng.choice(actors)
        if b is a:
            continue
        rows.append({
            "origen": _reference(rng, a),
            "destino": _reference(rng, b),
            "tipo": rng.choice(TIES),
            "peso": rng.randint(1, 5),
            "mecanismo": rng.choice(mechanisms)["nombre"] if rng.random() < 0.3 else "",
            "fuente": rng.choice(SOURCES) if rng.random() < 0.5 else "",
        })
    return rows
