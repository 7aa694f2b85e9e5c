"""Hypothesis strategies for random portfolios (shared by the parity, centrality and gap tests).

A portfolio is what a loader would hand a store: a :class:`GraphBatch` with actors of
several tipo/nivel/interno, actions with leads (none, one or two), articulators (possibly
also a lead of the same action), territories (none, some, or a TODOS-like "every
territory"), ejes and objetivos (nested), mechanisms, estados, RELATES ties between
actors, and Source provenance on everything. Titles repeat across ejes so duplicated
initiatives occur; some actors take part in nothing.

Stable API (other test modules rely on it):

- ``portfolios(max_actors=8, max_actions=10, max_territories=5) -> SearchStrategy[GraphBatch]``
- ``reset(store, batch)``: wipe the store, then write the batch.
- ``hand_portfolio()``: five actors A–E and three actions, small enough to work out
  network measures by hand (see tests/test_centrality.py).
- ``ACTOR_NAMES``, ``TERRITORY_NAMES``, ``EJE_NAMES``, ``TITLES``, ``RELATES_TIPOS``: the pools.
"""

from __future__ import annotations

from hypothesis import strategies as st

from tejido.graph.model import (
    Action,
    ActionTipo,
    Actor,
    ActorTipo,
    Axis,
    Estado,
    GraphBatch,
    Mechanism,
    MechanismTipo,
    Nivel,
    Rel,
    RelType,
    Source,
    Territory,
)
from tejido.graph.store import Store

#: Real-looking names, with the accents, siglas and punctuation the documents have; one
#: starts with "=" and one with "@" so exports meet formula-like cells.
ACTOR_NAMES = [
    "Secretaría de Ambiente",
    "Agencia de Promoción Económica CONQUITO",
    "EPMAPS",
    "GAD Provincial de Pichincha",
    "Junta Parroquial de Nanegalito",
    "Ministerio de Agricultura y Ganadería",
    "Administración Zonal La Delicia",
    "FAO",
    "Universidad Central del Ecuador",
    "Colectivo Agroecológico Ñucanchik",
    "=Comité de Gestión",
    "@Red de Mujeres Rurales",
    "Secretaría de Desarrollo Productivo",
    "Empresa Eléctrica Quito",
]
TERRITORY_NAMES = [
    "Nanegal", "Nanegalito", "Calacalí", "Nono", "Lloa", "Pacto", "Gualea", "Puéllaro",
]
EJE_NAMES = ["Tierra productiva", "Agua y ambiente", "Gobernanza", "Movilidad rural"]
OBJETIVO_NAMES = ["Reducir la pobreza rural", "Proteger fuentes de agua", "Fortalecer juntas"]
TITLES = [
    "Fortalecer ferias agroecológicas",
    "Implementar sistemas de riego",
    "Capacitar a productores",
    "Mejorar vías de acceso",
    "Restaurar quebradas",
    "Crear mesa técnica parroquial",
]
MECHANISM_NAMES = ["Convenio marco", "Mesa técnica rural", "Carta de intención FAO"]
RELATES_TIPOS = ["coordinacion", "financiamiento", "conflicto"]

DOCUMENT = "000_test_portfolio"


def _sources(draw: st.DrawFn, pool: list[Source]) -> list[str]:
    picked = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2,
                          unique_by=lambda s: s.id))
    return [source.id for source in picked]


def _rel(rtype: RelType, source: str, target: str, labels: tuple[str, str],
         sources: list[str], **props: object) -> Rel:
    return Rel(type=rtype, source=source, target=target, source_label=labels[0],
               target_label=labels[1], sources=sources, **props)


@st.composite
def portfolios(draw: st.DrawFn, max_actors: int = 8, max_actions: int = 10,
               max_territories: int = 5) -> GraphBatch:
    """A random, valid portfolio (see module docstring for what it may contain)."""
    batch = GraphBatch()
    pool = [Source.of(DOCUMENT, table, row) for table in ("Eje 1", "Eje 2") for row in (2, 3, 4)]
    for source in pool:
        batch.add_node(source)

    names = draw(st.lists(st.sampled_from(ACTOR_NAMES), min_size=1,
                          max_size=min(max_actors, len(ACTOR_NAMES)), unique=True))
    actors = []
    for name in names:
        actor = Actor(
            id=Actor.key(name), name=name,
            tipo=draw(st.sampled_from(list(ActorTipo))),
            nivel=draw(st.none() | st.sampled_from(list(Nivel))),
            interno=draw(st.none() | st.booleans()),
            auto=draw(st.booleans()),
            sources=_sources(draw, pool),
        )
        actors.append(batch.add_node(actor))

    territories = []
    for name in draw(st.lists(st.sampled_from(TERRITORY_NAMES), max_size=max_territories,
                              unique=True)):
        territory = batch.add_node(Territory(id=Territory.key(name), name=name, tipo="parroquia",
                                             sources=_sources(draw, pool)))
        if territories and draw(st.booleans()):
            parent = draw(st.sampled_from(territories))
            batch.add_rel(_rel(RelType.PART_OF, territory.id, parent.id,
                               ("Territory", "Territory"), list(territory.sources)))
        territories.append(territory)

    ejes = [batch.add_node(Axis(id=Axis.key(name), name=name, tipo="eje",
                                sources=_sources(draw, pool)))
            for name in draw(st.lists(st.sampled_from(EJE_NAMES), min_size=1, max_size=3,
                                      unique=True))]
    objetivos = []
    for name in draw(st.lists(st.sampled_from(OBJETIVO_NAMES), max_size=2, unique=True)):
        objetivo = batch.add_node(Axis(id=Axis.key(name, "objetivo"), name=name, tipo="objetivo",
                                       sources=_sources(draw, pool)))
        eje = draw(st.sampled_from(ejes))
        batch.add_rel(_rel(RelType.PART_OF, objetivo.id, eje.id, ("Axis", "Axis"),
                           list(objetivo.sources)))
        objetivos.append(objetivo)

    mechanisms = [batch.add_node(Mechanism(id=Mechanism.key(name), name=name,
                                           tipo=draw(st.sampled_from(list(MechanismTipo))),
                                           sources=_sources(draw, pool)))
                  for name in draw(st.lists(st.sampled_from(MECHANISM_NAMES), max_size=3,
                                            unique=True))]

    for _ in range(draw(st.integers(0, max_actions))):
        _draw_action(draw, batch, pool, actors, territories, ejes, objetivos, mechanisms)

    for _ in range(draw(st.integers(0, 4))):
        origin, target = draw(st.sampled_from(actors)), draw(st.sampled_from(actors))
        if origin.id == target.id:
            continue  # a tie of an actor with itself is not in any source document
        batch.add_rel(_rel(
            RelType.RELATES, origin.id, target.id, ("Actor", "Actor"), _sources(draw, pool),
            tipo=draw(st.sampled_from(RELATES_TIPOS)),
            peso=draw(st.none() | st.sampled_from([0.5, 1.0, 2.0, 3.5])),
            mecanismo=draw(st.none() | st.sampled_from(MECHANISM_NAMES)),
        ))
    return batch


def _draw_action(draw: st.DrawFn, batch: GraphBatch, pool: list[Source], actors: list,
                 territories: list, ejes: list, objetivos: list, mechanisms: list) -> None:
    titulo = draw(st.sampled_from(TITLES))
    eje = draw(st.none() | st.sampled_from(ejes))
    sources = _sources(draw, pool)
    action = batch.add_node(Action(
        id=Action.key(titulo, eje.name if eje else None), titulo=titulo,
        tipo=draw(st.sampled_from(list(ActionTipo))),
        estado=draw(st.none() | st.sampled_from(list(Estado))),
        eje=eje.name if eje else None, sources=sources,
    ))
    if eje is not None:
        batch.add_rel(_rel(RelType.UNDER, action.id, eje.id, ("Action", "Axis"), sources))
    if objetivos and draw(st.booleans()):
        objetivo = draw(st.sampled_from(objetivos))
        batch.add_rel(_rel(RelType.UNDER, action.id, objetivo.id, ("Action", "Axis"), sources))
    for lead in draw(st.lists(st.sampled_from(actors), max_size=2, unique_by=lambda a: a.id)):
        batch.add_rel(_rel(RelType.LEADS, lead.id, action.id, ("Actor", "Action"), sources))
    # An articulator may also lead the same action: the documents do that.
    for art in draw(st.lists(st.sampled_from(actors), max_size=4, unique_by=lambda a: a.id)):
        batch.add_rel(_rel(RelType.ARTICULATES, art.id, action.id, ("Actor", "Action"), sources))
    if territories:
        # "TODOS" in a source cell means every territory of the document.
        targets = territories if draw(st.booleans()) and draw(st.booleans()) else draw(
            st.lists(st.sampled_from(territories), max_size=3, unique_by=lambda t: t.id))
        for territory in targets:
            batch.add_rel(_rel(RelType.TARGETS, action.id, territory.id,
                               ("Action", "Territory"), sources))
    if mechanisms:
        for mechanism in draw(st.lists(st.sampled_from(mechanisms), max_size=2,
                                       unique_by=lambda m: m.id)):
            batch.add_rel(_rel(RelType.USES, action.id, mechanism.id,
                               ("Action", "Mechanism"), sources))


HAND_NIVEL = {"A": "metropolitano", "B": "metropolitano", "C": "parroquial", "D": "parroquial",
              "E": "nacional"}
HAND_INTERNO = {"A": True, "B": True, "C": False, "D": None, "E": False}


def hand_portfolio() -> GraphBatch:
    """Actions X (lead A; articulators B, C), Y (lead C; articulator D), Z (lead A, also
    articulating it; articulator B); a RELATES tie D -> E with peso 2."""
    batch = GraphBatch()
    source = batch.add_node(Source.of("doc", "tabla", 2))
    for name in HAND_NIVEL:
        batch.add_node(Actor(id=f"actor:{name.lower()}", name=name, nivel=HAND_NIVEL[name],
                             interno=HAND_INTERNO[name], sources=[source.id]))
    roles = {"X": ("A", ["B", "C"]), "Y": ("C", ["D"]), "Z": ("A", ["A", "B"])}
    for title, (lead, articulators) in roles.items():
        action = batch.add_node(Action(id=f"action:{title.lower()}", titulo=title,
                                       sources=[source.id]))
        batch.add_rel(Rel(type=RelType.LEADS, source=f"actor:{lead.lower()}", target=action.id,
                          source_label="Actor", target_label="Action"))
        for art in articulators:
            batch.add_rel(Rel(type=RelType.ARTICULATES, source=f"actor:{art.lower()}",
                              target=action.id, source_label="Actor", target_label="Action"))
    batch.add_rel(Rel(type=RelType.RELATES, source="actor:d", target="actor:e", tipo="convenio",
                      peso=2.0, source_label="Actor", target_label="Actor"))
    return batch


def reset(store: Store, batch: GraphBatch) -> None:
    """Make ``store`` hold exactly ``batch``."""
    store.wipe()
    store.write(batch)
