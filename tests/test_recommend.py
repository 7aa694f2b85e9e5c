"""Next steps (issue 10 item 6) on small hand-built portfolios: for each kind, the actor,
action or mechanism the recommendation must name is worked out by hand from the facts
written below, and checked in Spanish and English with its basis.

The engine does not call :func:`recommend` yet, so the tests run ``find_gaps`` and then
``recommend`` on the rows of :data:`RECOMMEND_QUERIES` (unfiltered), as the engine will.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers_gaps import Portfolio

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.i18n import set_lang
from tejido.graph.model import Rel, RelType
from tejido.queries.gaps import Finding, GapReport, RowSource, find_gaps
from tejido.queries.gaps.recommend import RECOMMEND_QUERIES, recommend


def _store(tmp_path: Path, p: Portfolio) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "graph.json")
    store.wipe()
    store.write(p.batch)
    return store


def _recommended(tmp_path: Path, p: Portfolio, lang: str = "es") -> GapReport:
    store = _store(tmp_path, p)
    report = find_gaps(store)
    source = RowSource(store)
    set_lang(lang)
    recommend(report.findings, {n: source.rows(n, {}) for n in RECOMMEND_QUERIES})
    return report


def _one(report: GapReport, kind: str, *subjects: str) -> Finding:
    found = [f for f in report.findings
             if f.kind == kind and (not subjects or [s.id for s in f.subjects] == list(subjects))]
    assert len(found) == 1, [(f.kind, [s.id for s in f.subjects]) for f in report.findings]
    return found[0]


def _ids(basis: dict[str, Any], key: str) -> list[str]:
    return [r["id"] for r in basis.get(key, [])]


def responsible(p: Portfolio, actor: str, axis: str) -> None:
    p.batch.add_rel(Rel(type=RelType.RESPONSIBLE_FOR, source=actor, target=axis,
                        source_label="Actor", target_label="Axis", sources=[]))


# --- coordinacion_faltante --------------------------------------------------------------


def _pair_portfolio(bridge: bool) -> tuple[Portfolio, dict[str, str]]:
    """A and B act in eje Agua / Nono through different actions; with ``bridge``, Cruz
    articulates one action of each (so Cruz is tied to both, A–B are not)."""
    p = Portfolio()
    eje, other = p.axis("Agua"), p.axis("Vías")
    nono = p.territory("Nono")
    names = ["Junta de Agua", "Banco", "Cruz Roja", "Secretaría de Ambiente", "Fondo"]
    a, b, c, r, f = (p.actor(n) for n in names)
    mesa, convenio = p.mechanism("Mesa del agua"), p.mechanism("Convenio marco")
    p.action("Cuidar vertientes", eje=eje, leads=(a,), territories=(nono,), mechanisms=(mesa,))
    p.action("Financiar riego", eje=eje, leads=(b,), territories=(nono,))
    # The eje's most used mechanism is the convenio (2 actions), but A already uses the mesa.
    p.action("Reforestar", eje=eje, leads=(f,), mechanisms=(convenio,))
    p.action("Sembrar", eje=eje, leads=(f,), mechanisms=(convenio,))
    if bridge:
        p.action("Abrir caminos", eje=other, leads=(c,), arts=(a,))
        p.action("Asfaltar", eje=other, leads=(c,), arts=(b,))
    responsible(p, r, eje)
    return p, {"a": a, "b": b, "c": c, "r": r, "mesa": mesa, "convenio": convenio}


def test_missing_coordination_is_convened_by_the_bridge_through_a_known_mechanism(
        tmp_path: Path) -> None:
    p, ids = _pair_portfolio(bridge=True)
    f = _one(_recommended(tmp_path, p), "coordinacion_faltante", ids["b"], ids["a"])
    assert f.status == "brecha"
    basis = f.evidence["recomendacion"]
    assert _ids(basis, "convocantes") == [ids["c"]]
    assert basis["convocantes"][0]["motivo"] == "puente"
    # Junta de Agua uses the mesa in this eje: it beats the eje's more used convenio.
    assert _ids(basis, "mecanismos") == [ids["mesa"]]
    assert f.recommendation == (
        "Cruz Roja (ya trabaja con ambos) podría reunir a Banco y Junta de Agua para "
        "coordinar su trabajo en «Agua» en Nono, mediante «Mesa del agua», ya usado en el "
        "eje por Junta de Agua.")
    english = _one(_recommended(tmp_path / "en", p, "en"), "coordinacion_faltante",
                   ids["b"], ids["a"])
    assert english.recommendation == (
        "Cruz Roja (already works with both) could bring Banco and Junta de Agua together "
        "to coordinate their work on «Agua» in Nono, through «Mesa del agua», already used "
        "in the eje by Junta de Agua.")


def test_without_a_bridge_the_eje_responsible_convenes(tmp_path: Path) -> None:
    p, ids = _pair_portfolio(bridge=False)
    f = _one(_recommended(tmp_path, p), "coordinacion_faltante", ids["b"], ids["a"])
    basis = f.evidence["recomendacion"]
    # Secretaría de Ambiente is RESPONSIBLE_FOR the eje, so for all 4 of its actions.
    assert basis["convocantes"] == [{"id": ids["r"], "nombre": "Secretaría de Ambiente",
                                     "motivo": "responsable", "acciones": 4}]
    assert f.recommendation.startswith(
        "Secretaría de Ambiente (responsable, según el documento, de 4 acciones del eje) "
        "podría reunir a Banco y Junta de Agua")


# --- actions ----------------------------------------------------------------------------


def test_action_kinds_name_who_could_lead_join_and_formalise(tmp_path: Path) -> None:
    p = Portfolio()
    eje = p.axis("Agua")
    nono, lloa = p.territory("Nono"), p.territory("Lloa")
    names = ["EPMAPS", "FAO", "Junta", "Universidad", "Prefectura", "Museo"]
    lead, fao, junta, uni, pref, museo = (p.actor(n) for n in names)
    mesa, carta = p.mechanism("Mesa del agua"), p.mechanism("Carta FAO")
    convenio = p.mechanism("Convenio reservorio")
    # sin_rector: FAO (1 action) and Junta (leads 2 actions of the eje) articulate it:
    # Junta leads more of the eje, so Junta is proposed.
    orphan = p.action("Proteger fuentes", eje=eje, arts=(fao, junta), territories=(nono,))
    p.action("Medir caudales", eje=eje, leads=(junta,), territories=(nono,), mechanisms=(mesa,))
    p.action("Limpiar acequias", eje=eje, leads=(junta,), territories=(nono,),
             mechanisms=(mesa,))
    # sin_articuladores: EPMAPS alone in Agua / Nono. In that context Junta has 3 actions,
    # FAO 1 (the orphan) + 1 below = 2; Museo works only in Lloa (same eje): not proposed.
    alone = p.action("Mapear vertientes", eje=eje, leads=(lead,), territories=(nono,),
                     mechanisms=(carta,))
    p.action("Sembrar páramo", eje=eje, leads=(museo,), territories=(lloa,))
    p.action("Sembrar páramo 2", eje=eje, leads=(museo,), territories=(lloa,))
    # sin_mecanismo: Universidad leads, Prefectura articulates. Each already uses one
    # mechanism in this eje once (Universidad the convenio below, Prefectura the carta);
    # the carta is used by 2 of the eje's actions, the convenio by 1: the carta.
    bare = p.action("Capacitar juntas", eje=eje, leads=(uni,), arts=(pref,),
                    territories=(lloa,))
    p.action("Vigilar páramos", eje=eje, leads=(pref,), arts=(fao,), territories=(nono,),
             mechanisms=(carta,))
    # estancada: suspended; Universidad leads, Museo articulates, it has its own convenio.
    stalled = p.action("Construir reservorio", eje=eje, leads=(uni,), arts=(museo,),
                       territories=(lloa,), mechanisms=(convenio,), estado="suspendida")
    report = _recommended(tmp_path, p)

    f = _one(report, "sin_rector", orphan)
    assert _ids(f.evidence["recomendacion"], "candidatos") == [junta]
    assert f.recommendation == ("Que Junta, que ya articula «Proteger fuentes», asuma su "
                                "liderazgo como ente rector.")

    f = _one(report, "sin_articuladores", alone)
    assert _ids(f.evidence["recomendacion"], "candidatos") == [junta, fao]
    assert f.recommendation == ("EPMAPS podría sumar a «Mapear vertientes» a Junta y FAO, "
                                "activos en el mismo eje y territorio («Agua» en Nono).")

    f = _one(report, "sin_mecanismo", bare)
    basis = f.evidence["recomendacion"]
    assert _ids(basis, "convocantes") == [uni] and _ids(basis, "mecanismos") == [carta]
    assert f.recommendation == (
        "Que Universidad formalice la colaboración de los 2 actores de «Capacitar juntas» "
        "mediante «Carta FAO», ya usado en el eje por Prefectura.")

    f = _one(report, "estancada", stalled)
    basis = f.evidence["recomendacion"]
    assert _ids(basis, "convocantes") == [uni] and _ids(basis, "candidatos") == [museo]
    assert _ids(basis, "mecanismos") == [convenio]
    assert f.recommendation == (
        "Que Universidad convoque a Museo para decidir cómo reactivar «Construir reservorio» "
        "(suspendida), a través de «Convenio reservorio», el mecanismo de la acción.")

    english = _recommended(tmp_path / "en", p, "en")
    assert _one(english, "sin_rector", orphan).recommendation == (
        "Junta, which already articulates «Proteger fuentes», could take the lead of it.")
    assert _one(english, "estancada", stalled).recommendation == (
        "Universidad could convene Museo to decide how to restart «Construir reservorio» "
        "(suspended), through «Convenio reservorio», the action's mechanism.")


def test_a_duplicated_initiative_goes_to_both_leads(tmp_path: Path) -> None:
    p = Portfolio()
    eje = p.axis("Agua")
    o1, o2 = p.axis("Objetivo 1", tipo="objetivo"), p.axis("Objetivo 2", tipo="objetivo")
    x, y = p.actor("EPMAPS"), p.actor("Prefectura")
    first = p.action("Plan de riego", eje=eje, objetivo=o1, leads=(x,))
    second = p.action("Plan de riego", eje=eje, objetivo=o2, leads=(y,))
    f = _one(_recommended(tmp_path, p), "iniciativa_duplicada")
    assert {s.id for s in f.subjects} == {first, second}
    assert sorted(_ids(f.evidence["recomendacion"], "convocantes")) == sorted([x, y])
    assert f.recommendation == ("Que EPMAPS y Prefectura acuerden fusionar las dos acciones "
                                "«Plan de riego» o coordinarlas bajo un solo rector.")


def test_a_leaderless_duplicate_goes_to_the_objectives_responsibles(tmp_path: Path) -> None:
    """No lead on either copy: the secretarías the document names responsible decide —
    both, when both answer for both objectives; one per side when each answers for one."""
    p = Portfolio()
    eje = p.axis("Agua")
    o1, o2 = p.axis("Objetivo 1", tipo="objetivo"), p.axis("Objetivo 2", tipo="objetivo")
    a, b = p.actor("Ambiente"), p.actor("Hábitat")
    other = p.actor("Otra")
    p.action("Control", eje=eje, objetivo=o1, leads=(other,))  # the document records leads
    p.action("Plan de riego", eje=eje, objetivo=o1, arts=(other,))
    p.action("Plan de riego", eje=eje, objetivo=o2, arts=(other,))
    for actor, axis in ((a, o1), (b, o1), (a, o2), (b, o2)):
        responsible(p, actor, axis)
    f = _one(_recommended(tmp_path, p), "iniciativa_duplicada")
    assert sorted(_ids(f.evidence["recomendacion"], "convocantes")) == sorted([a, b])
    assert f.recommendation.startswith("Que Ambiente y Hábitat, responsables de sus ejes u "
                                       "objetivos, decidan si las dos acciones «Plan de riego»")

    q = Portfolio()
    eje = q.axis("Agua")
    o1, o2 = q.axis("Objetivo 1", tipo="objetivo"), q.axis("Objetivo 2", tipo="objetivo")
    a, c, other = q.actor("Ambiente"), q.actor("Seguridad"), q.actor("Otra")
    q.action("Control", eje=eje, objetivo=o1, leads=(other,))
    q.action("Plan de riego", eje=eje, objetivo=o1, arts=(other,))
    q.action("Plan de riego", eje=eje, objetivo=o2, arts=(other,))
    responsible(q, a, o1)
    responsible(q, c, o2)
    f = _one(_recommended(tmp_path, q), "iniciativa_duplicada")
    assert sorted(_ids(f.evidence["recomendacion"], "convocantes")) == sorted([a, c])
    assert "responsables de los ejes u objetivos en que figura cada una" in f.recommendation
