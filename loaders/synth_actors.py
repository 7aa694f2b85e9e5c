"""Synthetic portfolios, part 2: who the actors are and where each works (see
:mod:`tejido.loaders.synth`).

Institutions come from finite lists (secretarías, empresas públicas, ministerios…), then
generated organisations named after a place. Each actor has a ``scope``, the territory it
works in (not written to the workbook), and :class:`Pools` draws the actors working in a
parish with heavy-tailed (Zipf) weights.
"""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from tejido.graph.model import Nivel, fold

from .synth_places import CANTONS, DISTRICT, PROVINCE, ZONES, Geography, Rows

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


def _acronym(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w.lower() not in _STOPWORDS]
    return "".join(bare(w[0]).upper() for w in words if w[0].isalpha())


def bare(text: str) -> str:
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


def synth_actors(rng: random.Random, count: int, geo: Geography) -> tuple[Rows, list[str]]:
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


def reference(rng: random.Random, actor: dict[str, Any]) -> str:
    """How a workbook cites an actor: its name, its acronym, or a careless spelling."""
    roll = rng.random()
    if actor["siglas"] and roll < 0.35:
        return actor["siglas"]
    if roll > 0.9:
        return bare(actor["nombre"]).lower()
    return actor["nombre"]
