"""Synthetic portfolios, part 1: where things happen (see :mod:`tejido.loaders.synth`).

The territory grows with the actors: the DMQ's real zones and parishes first (Provincia de
Pichincha → Distrito Metropolitano de Quito → Zona → parroquia), then Pichincha's other real
cantons with their parishes, then synthetic cantons of the same province (Cantón →
parroquia) until there are enough parishes.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tejido.graph.model import fold

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


def geography(rng: random.Random, parishes: int) -> Geography:
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
