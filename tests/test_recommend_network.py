"""Next steps for the network kinds (silo, critical points and ties, neglected territory,
fragmented context), the cleaning step of a ``por_confirmar`` finding, the bundled data,
and the parity of the ``gap_recomendacion_*`` queries on facts the random portfolios of
tests/test_parity.py never draw (derived roles, RESPONSIBLE_FOR, CONVENES).

Expected actors are worked out by hand from the facts each test writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers_gaps import Portfolio
from helpers_portfolio import reset
from test_recommend import _one, _recommended, _store, responsible

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.i18n import set_lang
from tejido.graph.model import Actor, Rel, RelType
from tejido.loaders.base import read_paths
from tejido.queries.gaps import Finding, RowSource, Subject, find_gaps
from tejido.queries.gaps.engine import gap_spec
from tejido.queries.gaps.recommend import RECOMMEND_QUERIES, recommend
from tejido.queries.gaps.recommend_facts import ACTIONS, ACTORS, TERRITORIES
from tejido.queries.runner import canonical_rows, run_query

DATA = Path(__file__).resolve().parents[1] / "data"


def test_a_silo_is_opened_to_the_outside_actor_tied_to_most_of_its_partners(
        tmp_path: Path) -> None:
    p = Portfolio()
    eje = p.axis("Agua")
    office = p.actor("Oficina", interno=True)
    n1, n2, n3 = (p.actor(n, interno=True) for n in ("Ana", "Beto", "Ciro"))
    ext, ext2 = p.actor("Red", interno=False), p.actor("Visa", interno=False)
    mesa = p.mechanism("Mesa interna")
    p.action("Piloto", eje=eje, leads=(office,), arts=(n1, n2, n3), mechanisms=(mesa,))
    p.action("Red de barrios", eje=eje, leads=(ext,), arts=(n1, n2))   # Red: Ana, Beto
    p.action("Pagos", eje=eje, leads=(ext2,), arts=(n3,))             # Visa: Ciro only
    f = _one(_recommended(tmp_path, p), "silo", office)
    assert f.evidence["recomendacion"]["candidatos"][0]["id"] == ext
    assert f.recommendation == (
        "Oficina podría abrir su trabajo a Red (de fuera de la administración), que ya "
        "trabaja con 2 de sus socios (Ana y Beto), mediante «Mesa interna», ya usado en el "
        "eje por Oficina.")
    english = _one(_recommended(tmp_path / "en", p, "en"), "silo", office)
    assert english.recommendation.startswith(
        "Oficina could open its work to Red (outside the administration), which already "
        "works with 2 of its partners (Ana and Beto)")


def test_a_critical_point_gets_the_backup_tied_to_most_of_its_neighbours(
        tmp_path: Path) -> None:
    # Network: X–A, X–B, A–B (Piloto), Y–A, Y–B (Apoyo), X–C (Visita). Without X, Comité
    # is cut off. Among X's neighbours {A, B, C}: Yachay is tied to 2, A and B to 1 each.
    p = Portfolio()
    eje = p.axis("Agua")
    x, a, b, c, y = (p.actor(n) for n in ("Oficina", "Agencia", "Banco", "Comité", "Yachay"))
    p.action("Piloto", eje=eje, leads=(x,), arts=(a, b))
    p.action("Apoyo", eje=eje, leads=(y,), arts=(a, b))
    p.action("Visita", eje=eje, leads=(x,), arts=(c,))
    report = _recommended(tmp_path, p)
    f = _one(report, "punto_critico", x)
    basis = f.evidence["recomendacion"]
    assert [r["id"] for r in basis["respaldo"]] == [y] and basis["respaldo"][0]["lazos"] == 2
    assert f.recommendation == (
        "Para no depender solo de Oficina, Yachay, que ya tiene vínculo con 2 de sus 3 "
        "vecinos, podría establecer vínculos directos con Comité.")


def test_a_dominant_lead_is_backed_by_who_articulates_most_of_its_actions(
        tmp_path: Path) -> None:
    p = Portfolio()
    eje = p.axis("Agua")
    x, a, b = p.actor("Ambiente"), p.actor("Zonal"), p.actor("Banco")
    p.action("Cercar", eje=eje, leads=(x,), arts=(a,))
    p.action("Bombear", eje=eje, leads=(x,), arts=(a, b))
    p.action("Drenar", eje=eje, leads=(x,), arts=(b,))
    p.action("Medir", eje=eje, leads=(b,), arts=(a,))
    # Ambiente leads 3 of the eje's 4 actions; Zonal articulates 2 of those 3 (Bombear,
    # Cercar), Banco 2 as well (Bombear, Drenar): a tie, broken by name -> Banco; its first
    # such action by title is «Bombear».
    f = _one(_recommended(tmp_path, p), "punto_critico", x, eje)
    assert f.evidence["recomendacion"]["respaldo"][0]["id"] == b
    assert f.recommendation == (
        "Banco (ya articula 2 de ellas) podría asumir el liderazgo de alguna de las 3 "
        "acciones que Ambiente lidera en «Agua» (p. ej. «Bombear»), para que el eje no "
        "dependa de un solo rector.")


def test_a_critical_tie_gets_a_second_tie_between_its_sides(tmp_path: Path) -> None:
    # Agencia–Aldea (Censo, in Agua/Nono) and Agencia–Banco (Puente, with its convenio) hold
    # the small side {Agencia, Aldea} to {Banco, Brigada, Bomberos}. Brigada works in
    # Agua/Nono too (Aforo) without sharing any action with the small side.
    p = Portfolio()
    agua, vias = p.axis("Agua"), p.axis("Vías")
    nono = p.territory("Nono")
    ag, al, ba, br, bo = (p.actor(n) for n in ("Agencia", "Aldea", "Banco", "Brigada",
                                               "Bomberos"))
    convenio = p.mechanism("Convenio puente")
    p.action("Censo", eje=agua, leads=(ag,), arts=(al,), territories=(nono,))
    p.action("Puente", eje=vias, leads=(ag,), arts=(ba,), mechanisms=(convenio,))
    p.action("Rescate", eje=vias, leads=(ba,), arts=(br, bo))
    p.action("Aforo", eje=agua, leads=(br,), territories=(nono,))
    f = _one(_recommended(tmp_path, p), "vinculo_critico", ag, ba)
    basis = f.evidence["recomendacion"]
    assert [r["id"] for r in basis["respaldo"]] == [ag, br]
    assert basis["compartido"]["motivo"] == "contexto"
    assert f.recommendation == (
        "Hoy 2 actores solo se conectan con el resto de la red por el vínculo entre Agencia "
        "y Banco («Convenio puente»): Agencia y Brigada, que ya comparten el eje «Agua» en "
        "Nono, podrían crear un segundo vínculo entre los dos lados.")


def test_a_neglected_territory_goes_to_who_works_on_the_eje_next_door(tmp_path: Path) -> None:
    p = Portfolio()
    turismo, agro = p.axis("Turismo"), p.axis("Agro")
    province = p.territory("Pichincha")
    cayambe, mejia = p.territory("Cayambe", province), p.territory("Mejía", province)
    rural = p.territory("Quito Rural")
    y, z, w = p.actor("Yaku"), p.actor("Zonal"), p.actor("Wasi")
    p.action("Ruta del queso", eje=turismo, leads=(y,), territories=(cayambe,))
    # Zonal is more active on the eje, but in a territory that is not Mejía's neighbour.
    p.action("Ruta rural", eje=turismo, leads=(z,), territories=(rural,))
    p.action("Ruta rural 2", eje=turismo, leads=(z,), territories=(rural,))
    p.action("Huertos", eje=agro, leads=(w,), territories=(mejia,))
    f = _one(_recommended(tmp_path, p), "territorio_desatendido", turismo, mejia)
    assert f.evidence["recomendacion"]["candidatos"][0]["id"] == y
    assert f.recommendation == ("Yaku, que ya trabaja en el eje «Turismo» en Cayambe («Ruta "
                                "del queso»), podría llevar ese trabajo a Mejía.")


def test_a_fragmented_context_is_convened_by_the_eje_responsible(tmp_path: Path) -> None:
    """The kind's finding is built by hand with the evidence keys contexto_fragmentado
    writes, so this runs whether or not the kind is registered yet."""
    p = Portfolio()
    eje, nono = p.axis("Agua"), p.territory("Nono")
    a, b, r = p.actor("Junta"), p.actor("Banco"), p.actor("Secretaría de Ambiente")
    mesa = p.mechanism("Mesa del agua")
    p.action("Cuidar", eje=eje, leads=(a,), territories=(nono,), mechanisms=(mesa,))
    p.action("Financiar", eje=eje, leads=(b,), territories=(nono,))
    responsible(p, r, eje)
    store = _store(tmp_path, p)
    finding = Finding(
        kind="contexto_fragmentado", severity=0.5, provenance=[],
        subjects=[Subject(id=eje, type="Axis", name="Agua"),
                  Subject(id=nono, type="Territory", name="Nono")],
        evidence={"eje_id": eje, "eje": "Agua", "territorio_id": nono, "territorio": "Nono",
                  "grupos": [[{"id": a, "nombre": "Junta"}], [{"id": b, "nombre": "Banco"}]],
                  "n_grupos": 2, "lazos_necesarios": 1, "convocante": None,
                  "mecanismos_eje": [{"id": mesa, "nombre": "Mesa del agua", "tipo": "otro"}]})
    source = RowSource(store)
    recommend([finding], {n: source.rows(n, {}) for n in RECOMMEND_QUERIES})
    assert finding.evidence["recomendacion"]["convocantes"][0]["id"] == r
    assert finding.recommendation == (
        "Secretaría de Ambiente (responsable, según el documento, de 2 acciones del eje) "
        "podría convocar a Junta y Banco a un espacio común que una los 2 grupos de actores "
        "que hoy no trabajan juntos en «Agua» (Nono), como ya se hace en «Mesa del agua»; "
        "basta un lazo nuevo.")


def test_to_confirm_gets_its_cleaning_step_and_unresolved_actors_are_never_proposed(
        tmp_path: Path) -> None:
    p = Portfolio()
    eje, nono = p.axis("Agua"), p.territory("Nono")
    ghost = p.batch.add_node(Actor(id=Actor.key("Fantasma"), name="Fantasma", auto=True)).id
    lead, quiet = p.actor("EPMAPS"), p.actor("Junta")
    ghostly = p.action("Vigilar", eje=eje, leads=(ghost,), territories=(nono,))
    for title in ("Medir", "Aforar", "Limpiar"):      # the unresolved actor: 3 in Agua/Nono
        p.action(title, eje=eje, leads=(ghost,), territories=(nono,))
    # (one articulated action, so the document records articulators at all)
    p.action("Cercar", eje=eje, leads=(quiet,), arts=(lead,), territories=(nono,))
    alone = p.action("Mapear", eje=eje, leads=(lead,), territories=(nono,))
    report = _recommended(tmp_path, p)
    f = _one(report, "sin_articuladores", ghostly)
    assert f.status == "por_confirmar"
    assert f.recommendation == ("Limpieza de datos: declare «Fantasma» en la hoja actores o "
                                "en el registro de actores.")
    assert f.evidence["recomendacion"] == {"limpieza": [
        "declare «Fantasma» en la hoja actores o en el registro de actores"]}
    f = _one(report, "sin_articuladores", alone)
    assert [r["id"] for r in f.evidence["recomendacion"]["candidatos"]] == [quiet]


# --- bundled data -----------------------------------------------------------------------


def _names(value: Any) -> list[str]:
    """Every ``nombre``/``titulo`` in a basis, however nested."""
    if isinstance(value, dict):
        own = [str(value[k]) for k in ("nombre", "titulo") if value.get(k)]
        return own + [n for k, v in value.items() if k not in ("nombre", "titulo")
                      for n in _names(v)]
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _refs(value: Any) -> list[str]:
    if isinstance(value, dict):
        own = [str(value["id"])] if "id" in value else []
        return own + [i for v in value.values() for i in _refs(v)]
    return [i for v in value for i in _refs(v)] if isinstance(value, list) else []


def test_every_gap_of_the_bundled_data_has_a_next_step_from_its_data(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "graph.json")
    store.wipe()
    store.write(read_paths([DATA]).batch)
    report = find_gaps(store)
    source = RowSource(store)
    rows = {n: source.rows(n, {}) for n in RECOMMEND_QUERIES}
    flagged = {r["actor_id"] for r in rows[ACTORS] if r["generico"] or r["auto"]}
    recommend(report.findings, rows)
    gaps = [f for f in report.findings if f.status == "brecha"]
    assert gaps and all(f.recommendation for f in report.findings)
    spanish = {}
    for f in gaps:
        basis = f.evidence["recomendacion"]
        # The sentence names exactly what its basis lists, and something of the finding.
        assert all(name in f.recommendation for name in _names(basis)), (f.id, basis)
        own = [s.name for s in f.subjects if s.name] + _names(
            {k: v for k, v in f.evidence.items() if k != "recomendacion"}) + _names(basis)
        assert any(name in f.recommendation for name in own), f.id
        assert not flagged & set(_refs(basis)), f.id
        spanish[f.id] = f.recommendation
    for f in report.findings:
        if f.status == "por_confirmar":
            assert f.recommendation.startswith("Limpieza de datos: ")
    set_lang("en")
    recommend(report.findings, rows)
    for f in gaps:
        assert f.recommendation and f.recommendation != spanish[f.id]


# --- parity of the queries on facts the random portfolios never draw ----------------------


def test_recommendation_queries_agree_on_neo4j(neo4j_store: Any, tmp_path: Path) -> None:
    p = Portfolio()
    eje = p.axis("Agua")
    objetivo = p.axis("Objetivo 1", tipo="objetivo", parent=eje)
    province = p.territory("Pichincha")
    nono = p.territory("Nono", province)
    x, y, z = p.actor("EPMAPS"), p.actor("FAO"), p.actor("Junta")
    mesa, carta = p.mechanism("Mesa del agua"), p.mechanism("Carta FAO")
    action = p.action("Cuidar", eje=eje, objetivo=objetivo, leads=(x,), arts=(y,),
                      territories=(nono,), mechanisms=(mesa,))
    p.action("Medir", eje=eje, leads=(z,), territories=(province,))
    responsible(p, y, objetivo)
    derived = {"derived": "regla_de_prueba"}
    for rtype, a, b, labels in ((RelType.LEADS, z, action, ("Actor", "Action")),
                                (RelType.ARTICULATES, x, action, ("Actor", "Action")),
                                (RelType.USES, action, carta, ("Action", "Mechanism")),
                                (RelType.RESPONSIBLE_FOR, z, eje, ("Actor", "Axis")),
                                (RelType.CONVENES, z, carta, ("Actor", "Mechanism"))):
        p.batch.add_rel(Rel(type=rtype, source=a, target=b, source_label=labels[0],
                            target_label=labels[1], sources=[], **derived))
    p.batch.add_rel(Rel(type=RelType.CONVENES, source=y, target=mesa, source_label="Actor",
                        target_label="Mechanism", sources=[]))
    embedded = EmbeddedStore(tmp_path / "graph.json")
    for batch in (p.batch, read_paths([DATA]).batch):
        reset(neo4j_store, batch)
        reset(embedded, batch)
        for name in (ACTIONS, ACTORS, TERRITORIES):
            spec = gap_spec(name)
            twin = canonical_rows(run_query(spec, embedded), spec.columns)
            assert canonical_rows(run_query(spec, neo4j_store), spec.columns) == twin, name
        if batch is p.batch:
            rows = {r["action_id"]: r for r in run_query(gap_spec(ACTIONS), embedded)}
            # Derived roles are left out: Junta's LEADS, EPMAPS's ARTICULATES, the carta;
            # FAO is responsible for the objective above «Cuidar», Junta only by a rule.
            assert rows[action]["rectores"] == [x] and rows[action]["articuladores"] == [y]
            assert [m["id"] for m in rows[action]["mecanismos"]] == [mesa]
            assert rows[action]["responsables"] == [y]
            convoca = {r["actor_id"]: r["convoca"] for r in run_query(gap_spec(ACTORS),
                                                                      embedded)}
            assert convoca[y] == [mesa] and convoca[z] == []
