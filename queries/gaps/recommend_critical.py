"""Next steps for what the actor network depends on: ``punto_critico`` (an articulation
point's backup, a dominant lead's) and ``vinculo_critico`` (a second tie between the two
sides of a bridge).

Each recommender returns the sentence and its basis (``evidence.recomendacion``): the
actors, actions and mechanisms the sentence names, each with why it was chosen.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tejido.graph.i18n import register, t

from .model import Finding
from .recommend_facts import EMPTY, Facts
from .recommend_pick import eje_convener, most_tied
from .recommend_text import SHOWN, join, quote, why
from .vinculo_critico import bridge_sides

Rec = tuple[str, dict[str, Any]]
#: How many of a side's actors (most active first) a second tie is looked for from, and
#: how far down a ranking each of them looks: enough for any real side, bounded for hubs.
SIDE_SCAN = 25
LIST_SCAN = 200

register(
    {
        "rec.punto.backup": {
            "es": "Para no depender solo de {x}, {y}, que ya tiene vínculo con {k} de sus {n} "
                  "vecinos, podría establecer vínculos directos con {others}.",
            "en": "So as not to depend on {x} alone, {y}, already tied to {k} of its {n} "
                  "neighbours, could build direct ties with {others}.",
        },
        "rec.punto.share": {
            "es": "Para no depender solo de {x}, {y}, que ya tiene vínculo con {k} de sus {n} "
                  "vecinos, podría compartir con él el papel de enlace.",
            "en": "So as not to depend on {x} alone, {y}, already tied to {k} of its {n} "
                  "neighbours, could share its role as a link.",
        },
        "rec.punto.star": {
            "es": "{y}, que ya trabaja con {x}, podría establecer vínculos directos con "
                  "{others}, que hoy solo se conectan a través de {x}.",
            "en": "{y}, which already works with {x}, could build direct ties with {others}, "
                  "who connect only through {x} today.",
        },
        "rec.punto.alone": {
            "es": "Que {x} ponga en contacto directo a sus {n} vecinos, para que la red no "
                  "dependa solo de él.",
            "en": "{x} could put its {n} neighbours in direct touch, so the network does not "
                  "depend on it alone.",
        },
        "rec.rector.backup": {
            "es": "{y} ({why}) podría asumir el liderazgo de alguna de las {n} acciones que "
                  "{x} lidera en «{eje}» (p. ej. {action}), para que el eje no dependa de un "
                  "solo rector.",
            "en": "{y} ({why}) could take the lead of some of the {n} actions {x} leads on "
                  "«{eje}» (e.g. {action}), so the eje does not depend on one lead.",
        },
        "rec.rector.none": {
            "es": "Que {x} comparta con otro actor el liderazgo de alguna de sus {n} acciones "
                  "en «{eje}».",
            "en": "{x} could share with another actor the lead of some of its {n} actions "
                  "on «{eje}».",
        },
        "rec.why.articula_de": {"es": "ya articula {k} de ellas",
                                "en": "already articulates {k} of them"},
        "rec.vinculo.one": {
            "es": "Hoy {sep} solo se conecta con el resto de la red a través de {other} "
                  "({carrier})",
            "en": "Today {sep} connects to the rest of the network only through {other} "
                  "({carrier})",
        },
        "rec.vinculo.many": {
            "es": "Hoy {m} actores solo se conectan con el resto de la red por el vínculo "
                  "entre {a} y {b} ({carrier})",
            "en": "Today {m} actors connect to the rest of the network only through the tie "
                  "between {a} and {b} ({carrier})",
        },
        "rec.vinculo.pair": {
            "es": "{today}: {x} y {y}, que ya comparten {shared}, podrían crear un segundo "
                  "vínculo entre los dos lados.",
            "en": "{today}: {x} and {y}, who already share {shared}, could build a second tie "
                  "between the two sides.",
        },
        "rec.vinculo.introduce": {
            "es": "{today}: {far} podría poner en contacto a {near} con {z}, con quien ya "
                  "trabaja, para crear un segundo vínculo.",
            "en": "{today}: {far} could put {near} in touch with {z}, which it already works "
                  "with, to build a second tie.",
        },
        "rec.vinculo.none": {
            "es": "{today}: que {a} y {b} formalicen ese vínculo y busquen un segundo lazo "
                  "entre los dos lados.",
            "en": "{today}: {a} and {b} could formalise that tie and look for a second tie "
                  "between the two sides.",
        },
        "rec.vinculo.direct": {"es": "relación directa", "en": "direct tie"},
        "rec.shared.contexto": {"es": "el eje «{eje}» en {place}",
                                "en": "eje «{eje}» in {place}"},
        "rec.shared.eje": {"es": "el eje «{eje}»", "en": "eje «{eje}»"},
        "rec.shared.territorio": {"es": "el territorio {place}", "en": "territory {place}"},
    }
)


def punto_critico(finding: Finding, facts: Facts) -> Rec:
    if finding.evidence.get("motivo") == "rector_dominante":
        return _dominant(finding, facts)
    x = finding.subjects[0].id
    name = finding.subjects[0].name or facts.name(x)
    near = facts.neighbours(x)
    found = most_tied(facts, near, {x})
    basis: dict[str, Any] = {}
    if found:
        y, k = found
        others = _by_activity(facts, near - facts.neighbours(y) - {y})
        basis["respaldo"] = [facts.ref(y, motivo="vinculado_a_vecinos", lazos=k)]
        if others:
            basis["candidatos"] = [facts.ref(o, motivo="vecino") for o in others[:SHOWN]]
            return t("rec.punto.backup", x=name, y=facts.name(y), k=k, n=len(near),
                     others=join([facts.name(o) for o in others])), basis
        return t("rec.punto.share", x=name, y=facts.name(y), k=k, n=len(near)), basis
    ranked = _by_activity(facts, near)
    if len(ranked) >= 2:
        y, others = ranked[0], ranked[1:]
        basis["respaldo"] = [facts.ref(y, motivo="vecino_mas_activo")]
        basis["candidatos"] = [facts.ref(o, motivo="vecino") for o in others[:SHOWN]]
        return t("rec.punto.star", x=name, y=facts.name(y),
                 others=join([facts.name(o) for o in others])), basis
    return t("rec.punto.alone", x=name, n=len(near)), basis


def _by_activity(facts: Facts, actors: set[str]) -> list[str]:
    return sorted((a for a in actors if facts.clean(a)),
                  key=lambda a: (-facts.activity(a), facts.name(a), a))


def _dominant(finding: Finding, facts: Facts) -> Rec:
    x = finding.subjects[0].id
    name = finding.subjects[0].name or facts.name(x)
    eje = next((s.id for s in finding.subjects if s.type == "Axis"), None)
    eje_name = finding.evidence.get("eje") or facts.eje_names.get(eje or "")
    led = sorted((a for a in facts.actor_actions.get(x, ())
                  if eje in facts.actions[a].ejes and x in facts.actions[a].rectores),
                 key=lambda a: (facts.title(a), a))
    n = finding.evidence.get("lidera") or len(led)
    helpers: Counter[str] = Counter(y for a in led for y in facts.actions[a].articuladores
                                    if y != x and facts.clean(y))
    basis: dict[str, Any] = {}
    if helpers:
        y = min(helpers, key=lambda y: (-helpers[y], facts.name(y), y))
        action = next(a for a in led if y in facts.actions[a].articuladores)
        backup = facts.ref(y, motivo="articula_de", acciones=helpers[y])
        reason = t("rec.why.articula_de", k=helpers[y])
    else:
        backup = eje_convener(facts, [eje] if eje else [], exclude=(x,))
        mine = [a for a in led if backup and backup["id"] not in facts.actions[a].actors]
        action = (mine or led or [None])[0]
        reason = why(backup) if backup else ""
    if backup is None or action is None:
        return t("rec.rector.none", x=name, n=n, eje=eje_name), basis
    basis["respaldo"] = [backup]
    basis["acciones"] = [facts.action_ref(action)]
    return t("rec.rector.backup", y=backup["nombre"], why=reason, n=n, x=name, eje=eje_name,
             action=quote(facts.title(action))), basis


def _sides(facts: Facts) -> dict[frozenset[str], set[str]]:
    """Each bridge of the whole actor network -> the actors of its smaller side."""
    cached = facts.memo.get("bridge_sides")
    if cached is None:
        ties = ((a, b) for a, near in facts.adjacency.items() for b in near)
        cached = facts.memo["bridge_sides"] = {
            frozenset(edge): set(side) for edge, (side, _) in bridge_sides(ties).items()}
    return cached


def _second_tie(facts: Facts, side: set[str]) -> tuple[str, str, dict[str, Any]] | None:
    """An actor of ``side`` and one outside it, not tied, who share a context, else an
    eje, else a territory: the most active of the side first."""
    starts = sorted((x for x in side if facts.clean(x)),
                    key=lambda x: (-facts.activity(x), facts.name(x), x))[:SIDE_SCAN]
    lookups = (
        ("contexto", lambda x: [c for c, _ in facts.actor_contexts.get(x, EMPTY)
                                .most_common(SHOWN)], lambda c: facts.context_actors(*c)),
        ("eje", lambda x: [e for e, _ in facts.actor_ejes.get(x, EMPTY)
                           .most_common(SHOWN)], facts.eje_actors),
        ("territorio", lambda x: sorted({p for c in facts.actor_contexts.get(x, ())
                                         for p in c[1:]})[:SHOWN], facts.territory_actors),
    )
    for motivo, places, ranking in lookups:
        for x in starts:
            near = facts.neighbours(x)
            for place in places(x):
                for y in ranking(place)[:LIST_SCAN]:
                    if y != x and y not in side and y not in near and facts.clean(y):
                        return x, y, _shared(facts, motivo, place)
    return None


def _shared(facts: Facts, motivo: str, place: Any) -> dict[str, Any]:
    if motivo == "contexto":
        return {"motivo": motivo, "eje": {"id": place[0], "nombre": facts.eje_names.get(place[0])},
                "territorio": {"id": place[1], "nombre": facts.territory_name(place[1])}}
    if motivo == "eje":
        return {"motivo": motivo, "eje": {"id": place, "nombre": facts.eje_names.get(place)}}
    return {"motivo": motivo, "territorio": {"id": place, "nombre": facts.territory_name(place)}}


def _shared_text(shared: dict[str, Any]) -> str:
    eje = (shared.get("eje") or {}).get("nombre")
    place = (shared.get("territorio") or {}).get("nombre")
    return t(f"rec.shared.{shared['motivo']}", eje=eje, place=place)


def vinculo_critico(finding: Finding, facts: Facts) -> Rec:
    ev = finding.evidence
    a, b = (s.id for s in finding.subjects[:2])
    names = [s.name or facts.name(s.id) for s in finding.subjects[:2]]
    basis: dict[str, Any] = {}
    if ev.get("mecanismos"):
        carrier = quote(ev["mecanismos"][0])
        basis["mecanismos"] = [{"nombre": ev["mecanismos"][0], "motivo": "sostiene_vinculo"}]
    elif ev.get("acciones"):
        first = ev["acciones"][0]
        carrier = quote(first.get("titulo") or first["id"])
        basis["acciones"] = [{"id": first["id"], "titulo": first.get("titulo")}]
    else:
        carrier = t("rec.vinculo.direct")
    side = _sides(facts).get(frozenset((a, b))) if facts.adjacency else None
    if side is None:
        side = {r["id"] for r in ev.get("separados") or ()}
    m = ev.get("aislados") or len(side)
    alone = sorted(side) if len(side) == 1 else [
        r["id"] for r in ev.get("separados") or () if m == 1]
    if alone and alone[0] in (a, b):
        other = names[1] if alone[0] == a else names[0]
        today = t("rec.vinculo.one", sep=names[0 if alone[0] == a else 1], other=other,
                  carrier=carrier)
    else:
        today = t("rec.vinculo.many", m=m, a=names[0], b=names[1], carrier=carrier)
    pair = _second_tie(facts, side) if side else None
    if pair:
        x, y, shared = pair
        basis["respaldo"] = [facts.ref(x, motivo="lado_separado"),
                             facts.ref(y, motivo="otro_lado")]
        basis["compartido"] = shared
        return t("rec.vinculo.pair", today=today, x=facts.name(x), y=facts.name(y),
                 shared=_shared_text(shared)), basis
    near_end = a if a in side else b if b in side else None
    if near_end is not None:
        far_end = b if near_end == a else a
        z = facts.first_clean(_by_activity(facts, facts.neighbours(far_end) - side),
                              {near_end, far_end})
        if z:
            basis["respaldo"] = [facts.ref(z, motivo="vecino_del_otro_lado")]
            return t("rec.vinculo.introduce", today=today, far=names[far_end == b],
                     near=names[near_end == b], z=facts.name(z)), basis
    return t("rec.vinculo.none", today=today, a=names[0], b=names[1]), basis
