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
graph (no ``.xlsx`` round-trip) and :func:`write_workbook` to save it. The territory is
drawn in :mod:`tejido.loaders.synth_places`, the actors and who works where in
:mod:`tejido.loaders.synth_actors`; this module draws the plan, the actions and the ties.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from tejido.graph.model import fold

from .base import LoadResult
from .synth_actors import LEAD_LEVELS, PARTNER_LEVELS, Pools, bare, reference, synth_actors
from .synth_places import ACTORS_PER_PARISH, Geography, Rows, geography
from .workbook import read_tables
from .workbook_spec import SHEETS

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
#: TODOS actions: about this many whatever the size, at most this share of the actions.
TODOS_EXPECTED = 10
TODOS_SHARE = 0.05


def synth_workbook(actors: int, actions: int, seed: int = 0,
                   todos: int = TODOS_EXPECTED) -> dict[str, Rows]:
    """The five sheets of a synthetic portfolio as rows ({canonical header: value}).

    ``actors`` declared actors (a few more are referenced without being declared),
    ``actions`` actions, about ``actors // 2`` direct relations, one parish per
    ``ACTORS_PER_PARISH`` actors (at least the DMQ's). About ``todos`` actions (at most
    ``TODOS_SHARE`` of them) are about TODOS: the benchmarks raise it to measure what
    national-scope actions cost. Deterministic per seed (and ``todos``).
    """
    if actors < 1 or actions < 0:
        raise ValueError("actors must be >= 1 and actions >= 0")
    rng = random.Random(seed)
    geo = geography(rng, actors // ACTORS_PER_PARISH)
    actor_rows, scopes = synth_actors(rng, actors, geo)
    pools = Pools(rng, actor_rows, scopes, geo)
    mechanism_rows = _mechanisms(rng, max(8, actions // 40))
    phantoms = [f"Comité Barrial {rng.choice(geo.parishes)} {n}"
                for n in range(1, actors // 50 + 2)]
    action_rows = list(_actions(rng, actions, pools, mechanism_rows, phantoms, todos))
    return {
        "actores": actor_rows,
        "acciones": action_rows,
        "territorios": geo.rows,
        "mecanismos": mechanism_rows,
        "relaciones": _relations(rng, pools, mechanism_rows),
    }


def synth_batch(actors: int, actions: int, seed: int = 0,
                todos: int = TODOS_EXPECTED) -> LoadResult:
    """The validated graph batch of :func:`synth_workbook`, as ``tejido load`` would build it
    from the saved workbook ``synth-<seed>.xlsx`` (same ids, sources and warnings)."""
    return read_tables(synth_workbook(actors, actions, seed, todos), f"synth-{seed}.xlsx")


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


def _actions(
    rng: random.Random, count: int, pools: Pools, mechanisms: Rows, phantoms: list[str],
    expected_todos: int = TODOS_EXPECTED,
) -> Iterator[dict[str, Any]]:
    ejes = list(PLAN)
    todos = min(TODOS_SHARE, expected_todos / count) if count else 0.0
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
        cited = [reference(rng, a) for a in partners]
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
            "rector": "; ".join(reference(rng, a) for a in leads),
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
        bare(title),
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
            "origen": reference(rng, a),
            "destino": reference(rng, b),
            "tipo": rng.choice(TIES),
            "peso": rng.randint(1, 5),
            "mecanismo": rng.choice(mechanisms)["nombre"] if rng.random() < 0.3 else "",
            "fuente": rng.choice(SOURCES) if rng.random() < 0.5 else "",
        })
    return rows
