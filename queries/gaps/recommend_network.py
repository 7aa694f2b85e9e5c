"""Next steps for the findings about actors and their contexts: ``coordinacion_faltante``,
``contexto_fragmentado``, ``silo`` and ``territorio_desatendido`` (the critical points and
ties are in :mod:`.recommend_critical`).

Each recommender returns the sentence and its basis (``evidence.recomendacion``): the
actors, actions and mechanisms the sentence names, each with why it was chosen.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tejido.graph.i18n import register, t

from .model import Finding
from .recommend_facts import EMPTY, Facts
from .recommend_pick import eje_convener, mechanism_clause, mechanism_for, most_tied
from .recommend_text import SHOWN, join, mechanism_text, quote, why

Rec = tuple[str, dict[str, Any]]

register(
    {
        "rec.coordinacion.convener": {
            "es": "{who} ({why}) podría reunir a {a} y {b} para coordinar su trabajo en "
                  "{where}{mech}.",
            "en": "{who} ({why}) could bring {a} and {b} together to coordinate their work "
                  "on {where}{mech}.",
        },
        "rec.coordinacion.direct": {
            "es": "{a} podría proponer a {b} coordinar su trabajo en {where}{mech}.",
            "en": "{a} could propose to {b} to coordinate their work on {where}{mech}.",
        },
        "rec.fragmentado": {
            "es": "{who} ({why}) podría convocar a {reps} a un espacio común que una los {n} "
                  "grupos de actores que hoy no trabajan juntos en «{eje}» ({place}){mech}; "
                  "{enough}.",
            "en": "{who} ({why}) could convene {reps} in a joint space joining the {n} groups "
                  "of actors that do not work together today on «{eje}» ({place}){mech}; "
                  "{enough}.",
        },
        "rec.fragmentado.one": {"es": "basta un lazo nuevo", "en": "one new tie is enough"},
        "rec.fragmentado.many": {"es": "bastan {k} lazos nuevos",
                                 "en": "{k} new ties are enough"},
        "rec.fragmentado.mech": {"es": ", como ya se hace en {m}",
                                 "en": ", as {m} already does"},
        "rec.side.True": {"es": "de la administración", "en": "within the administration"},
        "rec.side.False": {"es": "de fuera de la administración",
                           "en": "outside the administration"},
        "rec.silo.tied": {
            "es": "{x} podría abrir su trabajo a {y} ({side}), que ya trabaja con {k} de sus "
                  "socios ({names}){mech}.",
            "en": "{x} could open its work to {y} ({side}), which already works with {k} of "
                  "its partners ({names}){mech}.",
        },
        "rec.silo.eje": {
            "es": "{x} podría sumar a su trabajo a {y} ({side}), que también trabaja en el "
                  "eje «{eje}»{mech}.",
            "en": "{x} could bring {y} ({side}), also active on eje «{eje}», into its "
                  "work{mech}.",
        },
        "rec.silo.mech": {"es": "{x} podría abrir {m} a actores {side}.",
                          "en": "{x} could open {m} to actors {side}."},
        "rec.silo.none": {"es": "{x} podría buscar socios {side}: hoy sus {k} lazos son con "
                                "{names}.",
                          "en": "{x} could look for partners {side}: today its {k} ties are "
                                "with {names}."},
        "rec.territorio": {
            "es": "{y}, que ya trabaja en el eje «{eje}» en {place} ({action}), podría llevar "
                  "ese trabajo a {target}.",
            "en": "{y}, already working on eje «{eje}» in {place} ({action}), could take that "
                  "work to {target}.",
        },
        "rec.territorio.none": {
            "es": "Que el eje «{eje}» incluya a {target} en su planificación.",
            "en": "Eje «{eje}» could include {target} in its planning.",
        },
        "rec.territorio.action": {
            "es": "Que el eje «{eje}» llegue a {target}, por ejemplo extendiendo {action}.",
            "en": "Eje «{eje}» could reach {target}, e.g. by extending {action}.",
        },
    }
)


def _where(contexts: list[dict[str, Any]]) -> str:
    """«Eje» en T1, T2 y T3, per eje of the contexts (in their order)."""
    places: dict[str, list[str]] = {}
    for c in contexts:
        places.setdefault(c.get("eje") or c["eje_id"], []).append(
            c.get("territorio") or c["territorio_id"])
    return join([t("rec.contexts", eje=eje, places=join(found)) for eje, found in places.items()])


def coordinacion_faltante(finding: Finding, facts: Facts) -> Rec:
    a, b = (s.id for s in finding.subjects[:2])
    names = [s.name or facts.name(s.id) for s in finding.subjects[:2]]
    contexts = finding.evidence.get("contextos") or []
    ejes = [e for e, _ in Counter(c["eje_id"] for c in contexts).most_common()]
    basis: dict[str, Any] = {}
    bridges = [p["id"] for p in finding.evidence.get("puentes") or () if facts.clean(p["id"])]
    bridge = min(bridges, default=None, key=lambda x: (
        -sum(facts.eje_parts.get(e, EMPTY)[x] for e in ejes), -facts.activity(x),
        facts.name(x), x))
    convener = (facts.ref(bridge, motivo="puente") if bridge
                else eje_convener(facts, ejes, exclude=(a, b)))
    mech = mechanism_for(facts, ejes, [a, b])
    clause = f", {mechanism_clause(mech)}" if mech else ""
    if mech:
        basis["mecanismos"] = [mech]
    if convener:
        basis["convocantes"] = [convener]
        return t("rec.coordinacion.convener", who=convener["nombre"], why=why(convener),
                 a=names[0], b=names[1], where=_where(contexts), mech=clause), basis
    basis["convocantes"] = [facts.ref(a, motivo="sujeto")]
    return t("rec.coordinacion.direct", a=names[0], b=names[1], where=_where(contexts),
             mech=clause), basis


def contexto_fragmentado(finding: Finding, facts: Facts) -> Rec:
    ev = finding.evidence
    eje, place = ev["eje_id"], ev["territorio_id"]
    here = facts.context.get((eje, place), EMPTY)
    members = [m["id"] for group in ev.get("grupos") or () for m in group]
    given = ev.get("convocante")
    convener: dict[str, Any] | None = None
    if given and facts.clean(given["id"]):
        motivo = "responsable" if given.get("motivo") == "rector_eje" else given.get("motivo")
        convener = facts.ref(given["id"], motivo=motivo or "mas_lazos")
    convener = convener or eje_convener(facts, [eje])
    if convener is None:
        best = facts.first_clean(sorted(members, key=lambda x: (-here[x], facts.name(x), x)))
        convener = facts.ref(best, motivo="mas_activo") if best else None
    reps = []
    for group in ev.get("grupos") or ():
        ranked = sorted((m["id"] for m in group), key=lambda x: (-here[x], facts.name(x), x))
        rep = facts.first_clean(ranked, [convener["id"]] if convener else [])
        if rep:
            reps.append(rep)
    basis: dict[str, Any] = {"candidatos": [facts.ref(x, motivo="grupo") for x in reps[:SHOWN]]}
    stated = facts.eje_mechs.get(eje, EMPTY)
    listed = next((m for m in ev.get("mecanismos_eje") or () if m["id"] in stated), None)
    mech = ({**facts.mechanism_ref(listed["id"]), "motivo": "usado_en_eje",
             "eje": {"id": eje, "nombre": ev.get("eje")}} if listed
            else mechanism_for(facts, [eje], members))
    clause = t("rec.fragmentado.mech", m=mechanism_text(mech)) if mech else ""
    if mech:
        basis["mecanismos"] = [mech]
    if convener is None:   # no declared actor in the context at all: name the groups
        convener = facts.ref(members[0], motivo="mas_activo") if members else {
            "id": eje, "nombre": ev.get("eje"), "motivo": "mas_activo"}
    basis["convocantes"] = [convener]
    k = ev.get("lazos_necesarios") or max(len(reps) - 1, 1)
    return t("rec.fragmentado", who=convener["nombre"], why=why(convener),
             reps=join([facts.name(x) for x in reps]), n=ev.get("n_grupos", len(reps)),
             eje=ev.get("eje"), place=ev.get("territorio"),
             enough=t("rec.fragmentado.one" if k == 1 else "rec.fragmentado.many", k=k),
             mech=clause), basis


def silo(finding: Finding, facts: Facts) -> Rec:
    x = finding.subjects[0].id
    name = finding.subjects[0].name or facts.name(x)
    ev = finding.evidence
    group_refs = list(ev.get("internos") or []) + list(ev.get("externos") or [])
    group = {r["id"] for r in group_refs}
    interno = ev.get("interno")
    want = (not interno) if ev.get("ei", 0) < 0 else bool(interno)
    side = t(f"rec.side.{want}")
    ejes = [e for e, _ in facts.actor_ejes.get(x, EMPTY).most_common()]
    mech = mechanism_for(facts, ejes[:1], [x])
    clause = f", {mechanism_clause(mech)}" if mech else ""
    basis: dict[str, Any] = {"mecanismos": [mech]} if mech else {}

    side_actors = facts.by_interno[want]
    found = most_tied(facts, group, group | {x}, side_actors)
    if found:
        y, k = found
        partners = sorted((g for g in group if g in facts.neighbours(y)),
                          key=lambda g: (facts.name(g), g))
        basis["candidatos"] = [facts.ref(y, motivo="vinculado_al_grupo", lazos=k,
                                         socios=[facts.ref(g) for g in partners[:SHOWN]])]
        return t("rec.silo.tied", x=name, y=facts.name(y), side=side, k=k,
                 names=join([facts.name(g) for g in partners]), mech=clause), basis
    for eje in ejes:
        y = facts.first_clean((c for c in facts.eje_actors(eje) if c in side_actors), {x})
        if y:
            basis["candidatos"] = [facts.ref(y, motivo="activo_eje",
                                             acciones=facts.eje_parts[eje][y])]
            return t("rec.silo.eje", x=name, y=facts.name(y), side=side,
                     eje=facts.eje_names.get(eje), mech=clause), basis
    if mech:
        return t("rec.silo.mech", x=name, m=mechanism_text(mech), side=side), basis
    return t("rec.silo.none", x=name, side=side, k=len(group),
             names=join([str(r.get("nombre") or r["id"]) for r in group_refs])), basis


def territorio_desatendido(finding: Finding, facts: Facts) -> Rec:
    eje = next((s.id for s in finding.subjects if s.type == "Axis"), "")
    target = next((s for s in finding.subjects if s.type == "Territory"), None)
    eje_name = next((s.name for s in finding.subjects if s.type == "Axis"), None) or \
        facts.eje_names.get(eje)
    target_id = target.id if target else ""
    target_name = (target.name if target else None) or facts.territory_name(target_id)
    siblings = sorted({c for p in facts.parents.get(target_id, ())
                       for c in facts.children.get(p, ())} - {target_id})
    score: dict[tuple[str, str], int] = {}
    for place in siblings:
        here = facts.context.get((eje, place), EMPTY)
        y = facts.first_clean(facts.context_actors(eje, place))
        if y:
            score[(y, place)] = here[y]
    basis: dict[str, Any] = {}
    if score:
        y, place = min(score, key=lambda k: (-score[k], facts.name(k[0]), k[0],
                                              facts.territory_name(k[1])))
        motivo = "vecino"
    else:
        y = facts.first_clean(facts.eje_actors(eje))
        place = None
        if y:
            contexts = facts.actor_contexts.get(y, EMPTY)
            place = min((c[1] for c in contexts if c[0] == eje),
                        key=lambda p: (-contexts[(eje, p)], facts.territory_name(p), p),
                        default=None)
        motivo = "activo_eje"
    if y and place:
        action = facts.context_action.get((eje, place, y)) or facts.eje_action[(eje, y)]
        basis["candidatos"] = [facts.ref(y, motivo=motivo, territorio={
            "id": place, "nombre": facts.territory_name(place)})]
        basis["acciones"] = [facts.action_ref(action)]
        return t("rec.territorio", y=facts.name(y), eje=eje_name,
                 place=facts.territory_name(place), action=quote(facts.title(action)),
                 target=target_name), basis
    action = facts.eje_first.get(eje)
    if action:
        basis["acciones"] = [facts.action_ref(action)]
        return t("rec.territorio.action", eje=eje_name, target=target_name,
                 action=quote(facts.title(action))), basis
    return t("rec.territorio.none", eje=eje_name, target=target_name), basis
