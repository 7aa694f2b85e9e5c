"""A synthetic national portfolio: what the national planning secretariat holds.

Issue 14: the users who outgrow a district are a province and the national secretariat,
which holds the development plans of every autonomous government (GAD). This module
draws such a portfolio with the machinery of :mod:`tejido.loaders.synth` (the same plan,
action titles, leads, articuladores, mechanisms and ties) over a national territory:

- **Territory**: Ecuador → the 24 provinces (real names, with their real number of
  cantons, 221 in all) → synthetic cantons → one urban parish (the cabecera, named after
  the canton) and 1–7 rural parishes per canton (about 880 rural parishes).
- **Actors**: every GAD (24 provincial, 221 municipal, one parroquial per rural parish:
  about 1 130), the national bodies and the international cooperation (nation-wide), and
  ``organisations`` local organisations (empresas, ONG, colectivos, universidades) named
  after the parish they work in (default: one per ten actions).
- **Who works where**, as in :class:`tejido.loaders.synth_actors.Pools`, one level up: a
  parish's own actors, its canton's (the GAD municipal and the canton's organisations), its
  province's GAD provincial, and the national bodies, with an occasional actor from
  anywhere.

The territory and the GADs are fixed, so a portfolio with more actions is denser, not
wider: that is what the secretariat's portfolio does as more plans are recorded.
Deterministic per seed; names are synthetic except the provinces'.
"""

from __future__ import annotations

import csv
import itertools
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from tejido.graph.model import Nivel, fold

from .base import LoadResult
from .synth import _actions, _mechanisms, _relations
from .synth_actors import (
    ACADEMIA,
    CIVIL,
    INSTITUTIONS,
    LEADERS,
    PRIVATE,
    WORDS,
    Pool,
    Pools,
)
from .synth_places import SAINTS, TOPONYMS, Geography, Rows
from .workbook import read_tables
from .workbook_spec import SHEETS

NATION = "Ecuador"
#: The 24 provinces and how many cantons each has (221 in all).
PROVINCES: dict[str, int] = {
    "Azuay": 15, "Bolívar": 7, "Cañar": 7, "Carchi": 6, "Chimborazo": 10, "Cotopaxi": 7,
    "El Oro": 14, "Esmeraldas": 7, "Galápagos": 3, "Guayas": 25, "Imbabura": 6, "Loja": 16,
    "Los Ríos": 13, "Manabí": 22, "Morona Santiago": 12, "Napo": 5, "Orellana": 4,
    "Pastaza": 4, "Pichincha": 8, "Santa Elena": 3, "Santo Domingo de los Tsáchilas": 2,
    "Sucumbíos": 7, "Tungurahua": 9, "Zamora Chinchipe": 9,
}
#: Rural parishes (each with its GAD parroquial) per canton, drawn uniformly.
RURAL_PER_CANTON = (1, 7)
#: National bodies beyond the ministries of :data:`INSTITUTIONS` (all nation-wide).
NATIONAL_EXTRA = [
    "Banco de Desarrollo del Ecuador", "Consejo Nacional de Competencias",
    "Instituto Nacional de Estadística y Censos", "Servicio de Rentas Internas",
    "Consejo Nacional para la Igualdad de Género", "Ministerio de Energía y Minas",
    "Ministerio de Telecomunicaciones", "Ministerio de Economía y Finanzas",
    "Secretaría de Educación Superior, Ciencia, Tecnología e Innovación",
]
ORGANISATION_SHARES = {"privado": 0.3, "sociedad_civil": 0.45, "academia": 0.15, "otro": 0.1}
OTHER = ["Consorcio {word} {place}", "Mesa Ciudadana de {place}"]


class NationalGeography(Geography):
    """:class:`Geography` plus which province each canton belongs to."""

    def __init__(self) -> None:
        super().__init__()
        self.province_of: dict[str, str] = {}  # canton territory -> province territory


def national_geography(rng: random.Random) -> NationalGeography:
    """Ecuador → provinces → cantons → parishes (the cabecera urban, the others rural)."""
    geo = NationalGeography()
    geo.add(NATION, "pais", "", "EC")
    names = _place_names(rng)
    taken = {fold(NATION)}
    for p, (province, cantons) in enumerate(PROVINCES.items(), 1):
        prov = f"Provincia de {province}"
        geo.add(prov, "provincia", NATION, f"P{p:02d}")
        taken.add(fold(prov))
        for c in range(1, cantons + 1):
            canton = _fresh(names, taken)
            area = f"Cantón {canton}"
            taken.add(fold(area))
            geo.cantons.append(canton)
            geo.province_of[area] = prov
            geo.add(area, "canton", prov, f"P{p:02d}C{c:02d}")
            parishes = [canton] + [_fresh(names, taken)
                                   for _ in range(rng.randint(*RURAL_PER_CANTON))]
            for q, parish in enumerate(parishes, 1):
                geo.add(parish, "parroquia", area, f"P{p:02d}C{c:02d}Q{q:02d}")
                if q > 1:
                    geo.rural.add(parish)
    return geo


def _place_names(rng: random.Random) -> itertools.chain[str]:
    """Saint-and-toponym names, shuffled; numbered again once they run out."""
    def round_(variant: int) -> list[str]:
        names = [f"{s} de {p}" + (f" {variant}" if variant > 1 else "")
                 for s in SAINTS for p in TOPONYMS]
        rng.shuffle(names)
        return names
    return itertools.chain.from_iterable(round_(v) for v in itertools.count(1))


def _fresh(names: itertools.chain[str], taken: set[str]) -> str:
    for name in names:
        if fold(name) not in taken:
            taken.add(fold(name))
            return name
    raise AssertionError("unreachable: the names never run out")


def national_actors(rng: random.Random, geo: NationalGeography,
                    organisations: int) -> tuple[Rows, list[str]]:
    """The actores rows (GADs, national bodies, cooperation, organisations) and the
    territory each works in (same order)."""
    named: list[tuple[str, str, Nivel | None, str]] = []  # name, tipo, level, scope
    national = [*INSTITUTIONS["gobierno_nacional"], *NATIONAL_EXTRA]
    named += [(n, "gobierno_nacional", Nivel.nacional, NATION) for n in national]
    named += [(n, "cooperacion", Nivel.internacional, NATION) for n in INSTITUTIONS["cooperacion"]]
    named += [(f"GAD Provincial de {p.removeprefix('Provincia de ')}", "gad_provincial",
               Nivel.provincial, p) for p in sorted(set(geo.province_of.values()))]
    named += [(f"GAD Municipal de {c}", "gad_cantonal", Nivel.cantonal, f"Cantón {c}")
              for c in geo.cantons]
    named += [(f"GAD Parroquial de {p}", "gad_parroquial", Nivel.parroquial, p)
              for p in geo.parishes if p in geo.rural]
    taken: set[str] = set()
    rows: Rows = []
    scopes: list[str] = []

    def add(name: str, tipo: str, level: Nivel | None, scope: str, interno: bool) -> None:
        taken.add(fold(name))
        rows.append({"nombre": name, "siglas": "", "tipo": tipo,
                     "nivel": level.value if level else "",
                     "interno": "sí" if interno else "no", "notas": ""})
        scopes.append(scope)

    for name, tipo, level, scope in named:
        add(name, tipo, level, scope, name == "Secretaría Nacional de Planificación")
    patterns = {"privado": PRIVATE, "sociedad_civil": CIVIL, "academia": ACADEMIA,
                "otro": OTHER}
    tipos = list(ORGANISATION_SHARES)
    areas = list(geo.members)
    made = 0
    while made < organisations:
        tipo = rng.choices(tipos, weights=[ORGANISATION_SHARES[t] for t in tipos])[0]
        pattern, place = rng.choice(patterns[tipo]), rng.choice(geo.parishes)
        name = pattern.format(word=rng.choice(WORDS), place=place)
        if fold(name) in taken:
            name = f"{name} {made + 2}"
            if fold(name) in taken:
                continue
        add(name, tipo, None, place if "{place}" in pattern else rng.choice(areas), False)
        made += 1
    return rows, scopes


class NationalPools(Pools):
    """Who works where in the country: for each parish, the actors of the parish, of its
    canton (with its other parishes' organisations), of its province, of the nation. The
    levels keep the names of :class:`Pools` (``district`` is the province here,
    ``province`` the nation) so the action and tie generators of :mod:`.synth` apply."""

    def __init__(self, rng: random.Random, actors: Rows, scopes: list[str],
                 geo: NationalGeography) -> None:
        self.geo = geo
        self.everyone = actors
        self.weights = [float(w) for w in itertools.accumulate(
            1.0 / (rank + 1) ** 0.7 for rank in range(len(actors)))]
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
            provinces = {p: pool(by_scope.get(p, [])) for p in set(geo.province_of.values())}
            nation = self.province[leaders] = pool(by_scope.get(NATION, []))
            self.levels[leaders] = {
                parish: {"parish": pool(by_scope.get(parish, [])),
                         "area": areas[geo.area_of[parish]],
                         "district": provinces[geo.province_of[geo.area_of[parish]]],
                         "province": nation}
                for parish in geo.parishes
            }

    def anchor(self, rng: random.Random, actor: dict[str, Any]) -> str:
        """A parish where ``actor`` works (for drawing its direct ties)."""
        scope = self.scope[id(actor)]
        geo = self.geo
        if scope in geo.area_of:
            return scope
        if scope in geo.members:
            return rng.choice(geo.members[scope])
        assert isinstance(geo, NationalGeography)
        cantons = [c for c, p in geo.province_of.items() if p == scope]
        if cantons:
            return rng.choice(geo.members[rng.choice(cantons)])
        return rng.choice(geo.parishes)


def national_workbook(actions: int, organisations: int | None = None,
                      seed: int = 0) -> dict[str, Rows]:
    """The five sheets of a national portfolio with ``actions`` actions and
    ``organisations`` local organisations (default ``actions // 10``), about half as many
    direct ties as actors. Deterministic per seed."""
    if actions < 0:
        raise ValueError("actions must be >= 0")
    rng = random.Random(seed)
    geo = national_geography(rng)
    orgs = actions // 10 if organisations is None else organisations
    actor_rows, scopes = national_actors(rng, geo, orgs)
    pools = NationalPools(rng, actor_rows, scopes, geo)
    mechanism_rows = _mechanisms(rng, max(8, actions // 40))
    phantoms = [f"Comité Barrial {rng.choice(geo.parishes)} {n}"
                for n in range(1, len(actor_rows) // 50 + 2)]
    return {
        "actores": actor_rows,
        "acciones": list(_actions(rng, actions, pools, mechanism_rows, phantoms)),
        "territorios": geo.rows,
        "mecanismos": mechanism_rows,
        "relaciones": _relations(rng, pools, mechanism_rows),
    }


def national_batch(actions: int, organisations: int | None = None,
                   seed: int = 0) -> LoadResult:
    """The validated graph of :func:`national_workbook`, as loading its CSV folder
    ``national-<seed>`` would build it."""
    return read_tables(national_workbook(actions, organisations, seed), f"national-{seed}")


def write_csv_folder(tables: dict[str, Rows], folder: Path) -> None:
    """Save the sheets as a folder of ``<sheet>.csv`` files (UTF-8, the template's columns),
    which ``tejido load <folder>`` reads like a workbook; far quicker than an ``.xlsx``
    at a national size."""
    folder.mkdir(parents=True, exist_ok=True)
    for spec in SHEETS:
        if spec.name not in tables:
            continue
        header = [c.name for c in spec.columns]
        with (folder / f"{spec.name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for row in tables[spec.name]:
                writer.writerow(["" if row.get(n) is None else row.get(n) for n in header])
