"""Next steps for the findings about one action or two: ``sin_rector``,
``sin_articuladores``, ``sin_mecanismo``, ``estancada`` and ``iniciativa_duplicada``.

Each recommender returns the sentence and its basis (``evidence.recomendacion``): the
actors, actions and mechanisms the sentence names, each with why it was chosen.
"""

from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import Any

from tejido.graph.i18n import register, t
from tejido.graph.vocabulary import display

from .model import Finding
from .recommend_facts import EMPTY, ActionFacts, Facts
from .recommend_pick import (
    eje_convener,
    mechanism_clause,
    mechanism_for,
    mechanism_of_actors,
    own_mechanism,
)
from .recommend_text import SHOWN, join, quote, why

Rec = tuple[str, dict[str, Any]]
#: Actors a recommendation proposes to join an action.
JOINERS = 2

register(
    {
        "rec.sin_rector.articulador": {
            "es": "Que {who}, que ya articula {action}, asuma su liderazgo como ente rector.",
            "en": "{who}, which already articulates {action}, could take the lead of it.",
        },
        "rec.sin_rector.responsable": {
            "es": "Que {who}, responsable del eje u objetivo de {action}, designe su ente "
                  "rector o lo asuma.",
            "en": "{who}, named responsible for the eje or objective of {action}, could "
                  "appoint its lead or take it on.",
        },
        "rec.sin_rector.eje": {
            "es": "Que {who} ({why}) asuma o designe el ente rector de {action}.",
            "en": "{who} ({why}) could take on or appoint the lead of {action}.",
        },
        "rec.sin_rector.none": {
            "es": "Designe un ente rector para {action}: hoy nadie la lidera ni la articula.",
            "en": "Appoint a lead for {action}: nobody leads or articulates it today.",
        },
        "rec.sin_articuladores.context": {
            "es": "{lead} podría sumar a {action} a {who}, activos en el mismo eje y "
                  "territorio ({where}).",
            "en": "{lead} could bring {who} into {action}: they are active on the same eje "
                  "and territory ({where}).",
        },
        "rec.sin_articuladores.eje": {
            "es": "{lead} podría sumar a {action} a {who}, activos en el eje «{eje}».",
            "en": "{lead} could bring {who} into {action}: they are active on eje «{eje}».",
        },
        "rec.sin_articuladores.none": {
            "es": "Que {lead} busque quién articule {action}: ningún otro actor declarado "
                  "trabaja en su eje.",
            "en": "{lead} could look for partners for {action}: no other declared actor "
                  "works on its eje.",
        },
        "rec.sin_mecanismo.mech": {
            "es": "Que {who} formalice la colaboración de los {n} actores de {action} {mech}.",
            "en": "{who} could formalise the collaboration of the {n} actors of {action} "
                  "{mech}.",
        },
        "rec.sin_mecanismo.none": {
            "es": "Que {who} acuerde con {others} un mecanismo de articulación para {action}: "
                  "su eje aún no usa ninguno.",
            "en": "{who} could agree an articulation mechanism for {action} with {others}: "
                  "its eje uses none yet.",
        },
        "rec.sin_mecanismo.alone": {
            "es": "Que {who} formalice con un mecanismo de articulación su trabajo en {action}.",
            "en": "{who} could formalise its work on {action} with an articulation mechanism.",
        },
        "rec.sin_mecanismo.nobody": {
            "es": "Acuerde un mecanismo de articulación para {action}{mech}.",
            "en": "Agree an articulation mechanism for {action}{mech}.",
        },
        "rec.estancada.convene": {
            "es": "Que {who} convoque a {others} para decidir cómo reactivar {action} "
                  "({estado}){mech}.",
            "en": "{who} could convene {others} to decide how to restart {action} "
                  "({estado}){mech}.",
        },
        "rec.estancada.alone": {
            "es": "Que {who} decida cómo reactivar {action} ({estado}) o la dé por cerrada{mech}.",
            "en": "{who} could decide how to restart {action} ({estado}) or close it{mech}.",
        },
        "rec.estancada.none": {
            "es": "Decida si reactivar {action} ({estado}) o darla por cerrada{mech}.",
            "en": "Decide whether to restart {action} ({estado}) or close it{mech}.",
        },
        "rec.duplicada.same": {
            "es": "Que {who} unifique {actions} —registradas bajo ejes u objetivos distintos— "
                  "o aclare en qué se diferencian.",
            "en": "{who} could merge {actions} — recorded under different ejes or "
                  "objectives — or state how they differ.",
        },
        "rec.duplicada.one": {
            "es": "Que {who} decida si {actions} son una sola iniciativa y, si lo son, las "
                  "fusione o coordine bajo su liderazgo.",
            "en": "{who} could decide whether {actions} are one initiative and, if so, merge "
                  "or coordinate them under its lead.",
        },
        "rec.duplicada.leads": {
            "es": "Que {who} acuerden fusionar {actions} o coordinarlas bajo un solo rector.",
            "en": "{who} could agree to merge {actions} or coordinate them under one lead.",
        },
        "rec.duplicada.responsable": {
            "es": "Que {who}, responsable de sus ejes u objetivos, decida si {actions} son "
                  "una sola iniciativa y les dé un solo rector.",
            "en": "{who}, named responsible for their eje or objective, could decide whether "
                  "{actions} are one initiative and give them one lead.",
        },
        "rec.duplicada.responsables": {
            "es": "Que {who}, responsables de los ejes u objetivos en que figura cada una, "
                  "decidan si {actions} son una sola iniciativa y les den un solo rector.",
            "en": "{who}, named responsible for the eje or objective each is recorded under, "
                  "could decide whether {actions} are one initiative and give them one lead.",
        },
        "rec.duplicada.corresponsables": {
            "es": "Que {who}, responsables de sus ejes u objetivos, decidan si {actions} son "
                  "una sola iniciativa y les den un solo rector.",
            "en": "{who}, named responsible for their ejes or objectives, could decide "
                  "whether {actions} are one initiative and give them one lead.",
        },
        "rec.duplicada.none": {
            "es": "Decida si {actions} son una sola iniciativa y, si lo son, fusiónelas bajo "
                  "un solo rector.",
            "en": "Decide whether {actions} are one initiative and, if so, merge them under "
                  "one lead.",
        },
        "rec.two_actions": {"es": "las dos acciones {v}", "en": "the two actions {v}"},
    }
)


def _action(finding: Finding, facts: Facts, index: int = 0) -> tuple[str, ActionFacts | None]:
    action = finding.subjects[index].id
    return action, facts.actions.get(action)


def _by_activity(facts: Facts, actors: list[str], ejes: list[str]) -> list[str]:
    """Declared actors, most actions led then taken part in in these ejes first."""
    def key(x: str) -> tuple[int, int, str, str]:
        leads = sum(facts.eje_leads.get(e, EMPTY)[x] for e in ejes)
        parts = sum(facts.eje_parts.get(e, EMPTY)[x] for e in ejes)
        return (-leads, -parts, facts.name(x), x)
    return sorted((x for x in dict.fromkeys(actors) if facts.clean(x)), key=key)


def _title(finding: Finding, facts: Facts, index: int = 0) -> str:
    subject = finding.subjects[index]
    return quote(subject.name or facts.title(subject.id))


def sin_rector(finding: Finding, facts: Facts) -> Rec:
    action, a = _action(finding, facts)
    title = _title(finding, facts)
    basis: dict[str, Any] = {"acciones": [facts.action_ref(action)]}
    ejes = a.ejes if a else []
    arts = _by_activity(facts, a.articuladores if a else [], ejes)
    if arts:
        basis["candidatos"] = [facts.ref(arts[0], motivo="articulador")]
        return t("rec.sin_rector.articulador", who=facts.name(arts[0]), action=title), basis
    responsible = sorted((x for x in (a.responsables if a else []) if facts.clean(x)),
                         key=lambda x: (-sum(facts.eje_resp[e][x] for e in ejes),
                                        facts.name(x), x))
    if responsible:
        basis["candidatos"] = [facts.ref(responsible[0], motivo="responsable")]
        return t("rec.sin_rector.responsable", who=facts.name(responsible[0]),
                 action=title), basis
    convener = eje_convener(facts, ejes)
    if convener:
        basis["candidatos"] = [convener]
        return t("rec.sin_rector.eje", who=convener["nombre"], why=why(convener),
                 action=title), basis
    return t("rec.sin_rector.none", action=title), basis


def sin_articuladores(finding: Finding, facts: Facts) -> Rec:
    action, a = _action(finding, facts)
    title = _title(finding, facts)
    basis: dict[str, Any] = {"acciones": [facts.action_ref(action)]}
    leads = _by_activity(facts, a.rectores if a else [], a.ejes if a else [])
    lead = facts.name(leads[0]) if leads else join(finding.evidence.get("rectores") or [])
    if leads:
        basis["convocantes"] = [facts.ref(leads[0], motivo="rector")]
    taken = set(a.actors) if a else set()
    # Sorted: Cypher's collect() gives no order, and the sentence must read the same on
    # both stores.
    ejes = sorted(a.ejes, key=lambda e: (facts.eje_names.get(e) or "", e)) if a else []
    places = sorted(a.territorios, key=lambda p: (facts.territory_name(p), p)) if a else []
    score: Counter[str] = Counter()
    for eje in ejes:
        for place in places:
            here = facts.context.get((eje, place), EMPTY)
            # islice: the first few of a ranking that grows with the portfolio, not a
            # scan of all of it per finding (quadratic on a national portfolio).
            for x in islice((x for x in facts.context_actors(eje, place)
                             if x not in taken and facts.clean(x)), SHOWN):
                score[x] += here[x]
    joiners = sorted(score, key=lambda x: (-score[x], facts.name(x), x))[:JOINERS]
    if joiners:
        basis["candidatos"] = [facts.ref(x, motivo="activo_contexto", acciones=score[x])
                               for x in joiners]
        where = join([t("rec.contexts", eje=facts.eje_names.get(e),
                        places=join([facts.territory_name(p) for p in places]))
                      for e in ejes])
        return t("rec.sin_articuladores.context", lead=lead, action=title,
                 who=join([facts.name(x) for x in joiners]), where=where), basis
    for eje in ejes:
        joiners = list(islice((x for x in facts.eje_actors(eje)
                               if x not in taken and facts.clean(x)), JOINERS))
        if joiners:
            basis["candidatos"] = [facts.ref(x, motivo="activo_eje",
                                             acciones=facts.eje_parts[eje][x]) for x in joiners]
            return t("rec.sin_articuladores.eje", lead=lead, action=title, eje=facts.eje_names
                     .get(eje), who=join([facts.name(x) for x in joiners])), basis
    return t("rec.sin_articuladores.none", lead=lead, action=title), basis


def sin_mecanismo(finding: Finding, facts: Facts) -> Rec:
    action, a = _action(finding, facts)
    title = _title(finding, facts)
    basis: dict[str, Any] = {"acciones": [facts.action_ref(action)]}
    ejes = a.ejes if a else []
    people = _by_activity(facts, a.rectores if a else [], ejes)
    motivo = "rector"
    if not people:
        people, motivo = _by_activity(facts, a.articuladores if a else [], ejes), "articulador"
    if not people:
        # Nobody declared to name: the action (and the eje's mechanism) carry the sentence.
        mech = mechanism_for(facts, ejes, [])
        if mech:
            basis["mecanismos"] = [mech]
        return t("rec.sin_mecanismo.nobody", action=title,
                 mech=f", {mechanism_clause(mech)}" if mech else ""), basis
    who = people[0]
    basis["convocantes"] = [facts.ref(who, motivo=motivo)]
    everyone = a.actors if a else [who]
    mech = mechanism_for(facts, ejes, everyone) or mechanism_of_actors(facts, everyone)
    n = finding.evidence.get("actores") or len(everyone)
    if mech:
        basis["mecanismos"] = [mech]
        return t("rec.sin_mecanismo.mech", who=facts.name(who), n=n, action=title,
                 mech=mechanism_clause(mech)), basis
    others = [x for x in _by_activity(facts, everyone, ejes) if x != who]
    if others:
        basis["candidatos"] = [facts.ref(x, motivo="participa") for x in others[:SHOWN]]
        return t("rec.sin_mecanismo.none", who=facts.name(who), action=title,
                 others=join([facts.name(x) for x in others])), basis
    return t("rec.sin_mecanismo.alone", who=facts.name(who), action=title), basis


def estancada(finding: Finding, facts: Facts) -> Rec:
    action, a = _action(finding, facts)
    title = _title(finding, facts)
    basis: dict[str, Any] = {"acciones": [facts.action_ref(action)]}
    ejes = a.ejes if a else []
    estado = display("accion.estado", finding.evidence.get("estado") or (a.estado if a else None))
    leads = _by_activity(facts, a.rectores if a else [], ejes)
    arts = [x for x in _by_activity(facts, a.articuladores if a else [], ejes) if x not in leads]
    mech = own_mechanism(facts, action) or mechanism_for(facts, ejes, a.actors if a else [])
    clause = f", {mechanism_clause(mech)}" if mech else ""
    if mech:
        basis["mecanismos"] = [mech]
    people = leads[:1] or arts[:1]
    if not people:
        convener = eje_convener(facts, ejes)
        people = [convener["id"]] if convener else []
        if convener:
            basis["convocantes"] = [convener]
    elif leads:
        basis["convocantes"] = [facts.ref(leads[0], motivo="rector")]
    else:
        basis["convocantes"] = [facts.ref(arts[0], motivo="articulador")]
    if not people:
        return t("rec.estancada.none", action=title, estado=estado, mech=clause), basis
    others = [x for x in arts if x not in people]
    if others:
        basis["candidatos"] = [facts.ref(x, motivo="articulador") for x in others[:SHOWN]]
        return t("rec.estancada.convene", who=facts.name(people[0]), action=title,
                 estado=estado, mech=clause,
                 others=join([facts.name(x) for x in others])), basis
    return t("rec.estancada.alone", who=facts.name(people[0]), action=title, estado=estado,
             mech=clause), basis


def iniciativa_duplicada(finding: Finding, facts: Facts) -> Rec:
    first, a = _action(finding, facts, 0)
    second, b = _action(finding, facts, 1)
    titles = [_title(finding, facts, 0), _title(finding, facts, 1)]
    actions = (t("rec.two_actions", v=titles[0]) if titles[0] == titles[1]
               else join(titles))
    basis: dict[str, Any] = {"acciones": [facts.action_ref(first), facts.action_ref(second)]}
    ejes = list(dict.fromkeys((a.ejes if a else []) + (b.ejes if b else [])))
    lead_a = set(_by_activity(facts, a.rectores if a else [], ejes))
    lead_b = set(_by_activity(facts, b.rectores if b else [], ejes))
    leads = _by_activity(facts, sorted(lead_a | lead_b), ejes)
    if leads:
        basis["convocantes"] = [facts.ref(x, motivo="rector") for x in leads[:SHOWN]]
        key = ("rec.duplicada.same" if lead_a == lead_b else "rec.duplicada.leads"
               if len(leads) > 1 else "rec.duplicada.one")
        return t(key, who=join([facts.name(x) for x in leads]), actions=actions), basis
    # Responsible for both actions' axes first: the one who can decide for both; else one
    # responsible on each side, since neither can decide for the other's objective.
    resp_a, resp_b = (set(x.responsables) if x else set() for x in (a, b))
    shared = _by_activity(facts, sorted(resp_a & resp_b), ejes)
    side_a, side_b = (_by_activity(facts, sorted(r), ejes) for r in (resp_a, resp_b))
    if not shared and side_a and side_b:
        pair = [side_a[0], side_b[0]]
        basis["convocantes"] = [facts.ref(x, motivo="responsable") for x in pair]
        return t("rec.duplicada.responsables", who=join([facts.name(x) for x in pair]),
                 actions=actions), basis
    if len(shared) > 1:  # the document names several: each can speak for both actions
        pair = shared[:2]
        basis["convocantes"] = [facts.ref(x, motivo="responsable") for x in pair]
        return t("rec.duplicada.corresponsables", who=join([facts.name(x) for x in pair]),
                 actions=actions), basis
    responsible = shared or _by_activity(facts, sorted(resp_a | resp_b), ejes)
    if responsible:
        basis["convocantes"] = [facts.ref(responsible[0], motivo="responsable")]
        return t("rec.duplicada.responsable", who=facts.name(responsible[0]),
                 actions=actions), basis
    return t("rec.duplicada.none", actions=actions), basis
