"""A priority that means something: each finding's ``priority`` in [0, 1] and the named
components behind it (``evidence["prioridad"]``), documented in docs/priority.md.

priority = authority × geometric mean of (severity, activity[, surprise])

- **severity**: the kind's own severity (docs/gaps.md), what the finding is.
- **activity**: what is at stake, ``W / (W + HALF)`` for the estado-weighted number ``W``
  of actions the finding touches (:func:`.priority_rows.estado_weight`); for a finding
  about two actors (a missing coordination, a critical tie) the geometric mean of each
  actor's, so both must be active for the pair to matter.
- **surprise**, where a null model exists. A missing coordination is the open
  social-ecological motif of Bodin et al. (2016) — two actors working on the same unit
  (here an eje in a territory) with no tie — and the misfit of Guerrero, Bodin,
  McAllister & Wilson (2015); it tells the more, the less chance explains it: one minus the
  hypergeometric probability that two actors with ``k_a`` and ``k_b`` of the ``N`` actions
  of a context they share have none in common, a baseline keeping each actor's number of
  actions (the co-occurrence model of Veech 2013). A silo: one minus the hypergeometric
  probability that all its ``k`` ties fall on one side given the sizes of the two groups,
  whose mean is Krackhardt & Stern's (1988) expected E–I. Kinds without a null model are
  judged on their other components.
- **authority**: how binding the finding's source documents are (an adopted plan 1.0 …
  a candidate's proposal 0.5); the highest of its documents.

The geometric mean is the non-compensatory aggregation of composite indicators (OECD/JRC
2008, *Handbook on Constructing Composite Indicators*): a finding weak on one component
cannot buy its way up with another. Every part is an absolute, continuous function of the
finding's own data, never normalised within the report, so a finding has the same
priority whatever else the report holds, and kinds compare on the same scales.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from tejido.graph.i18n import get_lang, register, t

from .base import PRECISION, Rows, format_number
from .model import Finding
from .priority_rows import (
    ACTIONS,
    DOCUMENTS,
    GROUPS,
    PRIORITY_QUERIES,
    Activity,
    authorities,
    groups,
    rows_of,
)

__all__ = ["AUTHORITY_WEIGHT", "HALF", "PRIORITY_QUERIES", "p_no_shared", "p_one_sided",
           "prioritize", "priority_text"]

#: Estado-weighted actions at which the activity component reaches one half.
HALF = 5.0
#: The activity of a finding that touches no recorded action (an actor tied only by
#: RELATES): the lowest stake, not zero, so its other components still rank it.
MIN_ACTIVITY = 0.05
#: How binding each kind of source document is (docs/priority.md).
AUTHORITY_WEIGHT: dict[str, float] = {
    "plan_adoptado": 1.0,
    "informe_institucional": 0.85,
    "programa": 0.8,
    "sin_declarar": 0.7,
    "propuesta": 0.5,
}
UNDECLARED = "sin_declarar"
#: The evidence key of the priority's components.
KEY = "prioridad"

register(
    {
        "prio.text": {"es": "prioridad {p} = autoridad {a} ({kind}) × media geométrica de {parts}",
                      "en": "priority {p} = authority {a} ({kind}) × geometric mean of {parts}"},
        "prio.severidad": {"es": "gravedad {v}", "en": "severity {v}"},
        "prio.actividad": {"es": "actividad {v} ({w} acciones ponderadas por estado)",
                           "en": "activity {v} ({w} actions weighted by estado)"},
        "prio.sorpresa.pair": {
            "es": "sorpresa {v} (al azar, {ka} y {kb} de {n} acciones del contexto no "
                  "compartirían ninguna con probabilidad {p0})",
            "en": "surprise {v} (at random, {ka} and {kb} of the context's {n} actions would "
                  "share none with probability {p0})"},
        "prio.sorpresa.silo": {
            "es": "sorpresa {v} (E–I {ei} frente a {exp} esperado por el tamaño de los "
                  "grupos; al azar, probabilidad {p})",
            "en": "surprise {v} (E–I {ei} against {exp} expected from the group sizes; "
                  "at random, probability {p})"},
        "prio.autoridad.plan_adoptado": {"es": "plan adoptado", "en": "adopted plan"},
        "prio.autoridad.informe_institucional": {"es": "informe institucional",
                                                 "en": "institutional report"},
        "prio.autoridad.programa": {"es": "programa", "en": "programme"},
        "prio.autoridad.sin_declarar": {"es": "sin declarar", "en": "undeclared"},
        "prio.autoridad.propuesta": {"es": "propuesta", "en": "proposal"},
    }
)


# --- null models ------------------------------------------------------------------------


def _log_comb(n: int, k: int) -> float:
    """log C(n, k) by log-gamma (exact enough at any size, no big integers)."""
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


@lru_cache(maxsize=65536)
def p_no_shared(n: int, ka: int, kb: int) -> float:
    """P0 = C(n − ka, kb) / C(n, kb): the hypergeometric probability that an actor with
    ``kb`` actions drawn at random among ``n`` shares none of the other's ``ka``."""
    if ka <= 0 or kb <= 0:
        return 1.0
    if ka + kb > n:
        return 0.0
    return math.exp(_log_comb(n - ka, kb) - _log_comb(n, kb))


@lru_cache(maxsize=65536)
def p_one_sided(side: int, others: int, ties: int) -> float:
    """C(side, k) / C(others, k): the chance that ``k`` neighbours drawn at random among
    ``others`` actors all fall among the ``side`` actors of one group."""
    if ties > side or ties > others or others <= 0:
        return 0.0
    return math.exp(_log_comb(side, ties) - _log_comb(others, ties))


def expected_ei(group: int, total: int) -> float | None:
    """Krackhardt & Stern (1988): with ties at random, a member of a group of ``group``
    among ``total`` actors has an external share (total − group) / (total − 1), so an
    expected E–I of 2 · that − 1. None for fewer than two actors."""
    if total < 2:
        return None
    return 2 * (total - group) / (total - 1) - 1


# --- the parts ---------------------------------------------------------------------------


def saturate(weighted: float) -> float:
    """W / (W + HALF): 0 for nothing at stake, ½ at HALF live actions, → 1 (absolute,
    the same scale for every kind); MIN_ACTIVITY when the finding touches no action."""
    return max(weighted / (weighted + HALF), MIN_ACTIVITY) if weighted > 0 else MIN_ACTIVITY


def _gmean(values: Iterable[float]) -> float:
    items = list(values)
    if not items:
        return 0.0
    if min(items) <= 0:
        return 0.0
    return math.exp(sum(map(math.log, items)) / len(items))


def _gmean2(x: float, y: float) -> float:
    """``_gmean([x, y])``, the same float (``sum`` starts from 0, which adds exactly),
    without building a list: a pair's activity, in its finding and when ranking every pair
    of a national portfolio."""
    if x <= 0 or y <= 0:
        return 0.0
    return math.exp((math.log(x) + math.log(y)) / 2)


class Context:
    """Everything the priority reads, built once from the rows (linear in them)."""

    def __init__(self, rows: Rows) -> None:
        self.activity = Activity(rows_of(rows, ACTIONS))
        self.groups = groups(rows_of(rows, GROUPS))
        self.authority = authorities(rows_of(rows, DOCUMENTS))

    def authority_of(self, finding: Finding) -> tuple[float, str, str | None]:
        """(weight, autoridad, document) of the finding's most binding source document;
        ``sin_declarar`` when it has none declared."""
        return self.authority_of_documents({p.document for p in finding.provenance})

    def authority_of_documents(self, documents: Iterable[str],
                               ) -> tuple[float, str, str | None]:
        """:meth:`authority_of` a finding citing rows of ``documents``."""
        best: tuple[float, str, str] | None = None
        for document in documents:
            kind = str(self.authority.get(document) or UNDECLARED)
            if kind not in AUTHORITY_WEIGHT:
                kind = UNDECLARED
            weight = AUTHORITY_WEIGHT[kind]
            # The most binding document; of equal ones, the first by id (stable output).
            if best is None or weight > best[0] or (weight == best[0] and document < best[2]):
                best = (weight, kind, document)
        return best or (AUTHORITY_WEIGHT[UNDECLARED], UNDECLARED, None)


Parts = dict[str, Any]


def _ids(finding: Finding, label: str) -> list[str]:
    return [s.id for s in finding.subjects if s.type == label]


def _pair(finding: Finding, ctx: Context) -> Parts:
    """Missing coordination: each actor's activity in the ejes they share, and the
    hypergeometric surprise of the context where sharing nothing is least likely."""
    a, b = (_ids(finding, "Actor") + [None, None])[:2]
    contexts = [(c.get("eje_id"), c.get("territorio_id"))
                for c in finding.evidence.get("contextos") or ()]
    return pair_parts(a, b, contexts, ctx)


def pair_parts(a: str | None, b: str | None, contexts: list[tuple[str, str]],
               ctx: Context) -> Parts:
    """:func:`_pair` of actors ``a`` and ``b`` sharing ``contexts`` (eje, territory)."""
    wa, wb, best = _pair_terms(a, b, contexts, ctx.activity)
    parts: Parts = {"metodo": "hipergeometrica",
                    "actividad": _gmean2(saturate(wa), saturate(wb)),
                    "acciones_a": wa, "acciones_b": wb}
    if best is not None:
        p0, (eje, place), n, ka, kb = best
        parts.update({"sorpresa": 1.0 - p0, "p_ninguna_comun": p0,
                      "contexto": {"eje_id": eje, "territorio_id": place},
                      "n": n, "k_a": ka, "k_b": kb})
    return parts


def pair_numbers(a: str, b: str, contexts: list[tuple[str, str]],
                 ctx: Context) -> tuple[float, float | None]:
    """The activity and surprise (None without a null model) of :func:`pair_parts`, the
    same floats, without the named parts: what ranking a pair reads (hundreds of
    thousands of pairs in a national portfolio, most never listed)."""
    wa, wb, best = _pair_terms(a, b, contexts, ctx.activity)
    return (_gmean2(saturate(wa), saturate(wb)), None if best is None else 1.0 - best[0])


_NO_WEIGHT: dict[str, float] = {}


def _pair_terms(a: str | None, b: str | None, contexts: list[tuple[str, str]],
                act: Activity) -> tuple[float, float, tuple[Any, ...] | None]:
    """Each actor's estado-weighted actions in the ejes the pair shares, and the context
    where sharing no action is least likely: (P0, context, n, k_a, k_b), or None."""
    ejes = {e for e, _ in contexts if e is not None}
    of_a, of_b = act.actor_eje.get(a, _NO_WEIGHT), act.actor_eje.get(b, _NO_WEIGHT)
    if len(ejes) == 1:
        # Nearly every pair shares one eje: its weights, the floats ``sum`` gives for one
        # (0 + w is w for the non-negative w here), without two generators per pair.
        (eje,) = ejes
        wa, wb = of_a.get(eje, 0.0), of_b.get(eje, 0.0)
    else:
        ordered = sorted(ejes)  # a fixed order: same sums
        wa = sum(of_a.get(e, 0.0) for e in ordered)
        wb = sum(of_b.get(e, 0.0) for e in ordered)
    best: tuple[float, tuple[str, str], int, int, int] | None = None
    context_n, context_k = act.context_n, act.context_k
    for key in contexts:
        n = context_n.get(key, 0)
        counts = context_k.get(key) or {}
        ka, kb = counts.get(a, 0), counts.get(b, 0)
        if n and ka and kb:
            p0 = p_no_shared(n, ka, kb)
            if best is None or p0 < best[0]:
                best = (p0, key, n, ka, kb)
    return wa, wb, best


#: The most surprise an outside actor tied only to the administration carries (see _silo).
EXTERNAL_PARTNER_SURPRISE = 0.1


def _silo(finding: Finding, ctx: Context) -> Parts:
    """Silo: the actor's activity, and how far its one-sided ties are from what the group
    sizes alone would give (Krackhardt & Stern's expected E–I; the hypergeometric chance
    that all k ties fall on the observed side)."""
    ev = finding.evidence
    actor = (_ids(finding, "Actor") or [None])[0]
    weighted = ctx.activity.actor.get(actor, 0.0)
    parts: Parts = {"metodo": "krackhardt_stern", "actividad": saturate(weighted),
                    "acciones": weighted}
    interno, ei, ties = ev.get("interno"), ev.get("ei"), ev.get("lazos")
    if interno is None or ei is None or not ties or not ctx.groups:
        return parts
    own = ctx.groups.get(bool(interno), 0)
    total = sum(ctx.groups.values())
    expected = expected_ei(own, total)
    if expected is None:
        return parts
    # Ties all internal: the k neighbours are among the own group's other members; all
    # external: among the other group.
    side = own - 1 if ei < 0 else total - own
    p = p_one_sided(side, total - 1, int(ties))
    parts.update({"ei": ei, "ei_esperado": expected, "desvio": ei - expected,
                  "grupo": own, "clasificados": total, "p_azar": p, "sorpresa": 1.0 - p})
    if not interno and ei > 0:
        # An actor outside the administration whose ties are all with it is a partner doing
        # what a partner does, not a silo to break: it ranks with little surprise.
        parts.update({"sorpresa": min(1.0 - p, EXTERNAL_PARTNER_SURPRISE),
                      "lectura": "socio_externo"})
    return parts


def _actors(finding: Finding, ctx: Context) -> Parts:
    """An actor (a critical point) or a tie between two (a critical tie): each actor's
    estado-weighted actions; both must be active for a tie to matter (geometric mean)."""
    weights = [ctx.activity.actor.get(x, 0.0) for x in _ids(finding, "Actor")]
    return {"metodo": "estructural", "actividad": _gmean(map(saturate, weights or [0.0])),
            "acciones": sum(weights)}


def _punto_critico(finding: Finding, ctx: Context) -> Parts:
    """A critical point: as :func:`_actors`; a dominant lead, its actions in that eje."""
    if finding.evidence.get("motivo") != "rector_dominante":
        return _actors(finding, ctx)
    actor = (_ids(finding, "Actor") or [None])[0]
    eje = (_ids(finding, "Axis") or [None])[0]
    weighted = ctx.activity.actor_eje.get(actor, _NO_WEIGHT).get(eje, 0.0)
    return {"metodo": "estructural", "actividad": saturate(weighted), "acciones": weighted}


def _actions(finding: Finding, ctx: Context) -> Parts:
    """A finding about actions: their estado weights summed (one action: its own)."""
    weight = ctx.activity.weight
    weighted = sum(weight.get(x, 0.0) for x in _ids(finding, "Action"))
    return {"metodo": "estructural", "actividad": saturate(weighted), "acciones": weighted}


def _eje(finding: Finding, ctx: Context) -> Parts:
    """An eje absent from a territory: the eje's actions are what it leaves out there."""
    weighted = ctx.activity.eje.get((_ids(finding, "Axis") or [None])[0], 0.0)
    return {"metodo": "estructural", "actividad": saturate(weighted), "acciones": weighted}


def _context(finding: Finding, ctx: Context) -> Parts:
    """A fragmented (eje, territory) context: the actions in that context."""
    ev = finding.evidence
    key = (ev.get("eje_id") or (_ids(finding, "Axis") or [None])[0],
           ev.get("territorio_id") or (_ids(finding, "Territory") or [None])[0])
    weighted = ctx.activity.context.get(key, 0.0)
    return {"metodo": "estructural", "actividad": saturate(weighted), "acciones": weighted}


def _generic(finding: Finding, ctx: Context) -> Parts:
    """Any other kind: the activity of its subjects (actions summed; each actor, eje,
    territory or (eje, territory) pair its own), combined by geometric mean."""
    act = ctx.activity
    axes, places = _ids(finding, "Axis"), _ids(finding, "Territory")
    weights = [act.actor.get(x, 0.0) for x in _ids(finding, "Actor")]
    if _ids(finding, "Action"):
        weights.append(sum(act.weight.get(x, 0.0) for x in _ids(finding, "Action")))
    if axes and places:
        weights.append(sum(act.context.get((e, t), 0.0) for e in axes for t in places))
    else:
        weights += [act.eje.get(e, 0.0) for e in axes] + [act.territory.get(t, 0.0)
                                                        for t in places]
    return {"metodo": "generica", "actividad": _gmean(map(saturate, weights or [0.0])),
            "acciones": sum(weights)}


#: Each kind's stake (and surprise, where it has a null model); any other kind: generic.
STAKES: dict[str, Callable[[Finding, Context], Parts]] = {
    "sin_rector": _actions,
    "sin_articuladores": _actions,
    "sin_mecanismo": _actions,
    "estancada": _actions,
    "iniciativa_duplicada": _actions,
    "coordinacion_faltante": _pair,
    "silo": _silo,
    "punto_critico": _punto_critico,
    "vinculo_critico": _actors,
    "territorio_desatendido": _eje,
    "contexto_fragmentado": _context,
}


def _rounded(parts: Parts) -> Parts:
    """Numbers to PRECISION decimals; probabilities (``p_*``) to PRECISION significant
    digits, so a one-in-a-million chance is not written as 0."""
    return {k: (float(f"{v:.{PRECISION}g}") if k.startswith("p_") else round(v, PRECISION))
            if isinstance(v, float) else v for k, v in parts.items()}


def priority_of(finding: Finding, ctx: Context) -> tuple[float, Parts]:
    """The finding's priority and its components (unrounded priority, rounded parts)."""
    value, parts = _priority(finding, ctx)
    return value, _rounded(parts)


def _priority(finding: Any, ctx: Context) -> tuple[float, Parts]:
    stake = STAKES.get(finding.kind, _generic)
    try:
        parts = stake(finding, ctx)
    except (AttributeError, KeyError, TypeError, ValueError):
        # Evidence of an unexpected shape: fall back rather than lose the report.
        parts = _generic(finding, ctx)
    weight, kind, document = ctx.authority_of(finding)
    severity = float(finding.severity)
    value = priority_value(weight, severity, parts)
    parts = {**parts, "severidad": severity, "autoridad": weight, "autoridad_tipo": kind,
             "documento": document}
    return value, parts


def priority_value(weight: float, severity: float, parts: Parts) -> float:
    """The priority: the authority's weight times the geometric mean of severity,
    activity and, when there is one, surprise (docs/priority.md)."""
    return priority_number(weight, severity, parts["actividad"], parts.get("sorpresa"))


def priority_number(weight: float, severity: float, activity: float,
                    surprise: float | None) -> float:
    """:func:`priority_value` from the numbers alone (surprise None: no null model)."""
    components = [severity, activity] if surprise is None else [severity, activity, surprise]
    return min(max(weight * _gmean(components), 0.0), 1.0)


def pair_value(a: str, b: str, contexts: list[tuple[str, str]], severity: float,
               documents: Iterable[str], ctx: Context) -> float:
    """:func:`priority_value` of the «coordinación faltante» finding of ``a`` and ``b``
    sharing ``contexts``, with ``severity`` as the finding will carry it and citing rows
    of ``documents``: the engine ranks every pair of a national portfolio this way,
    before any is drafted (the same parts and arithmetic, so the same float)."""
    weight = ctx.authority_of_documents(documents)[0]
    return priority_value(weight, float(severity), pair_parts(a, b, contexts, ctx))


def prioritize(findings: list[Finding], rows: Rows | Context) -> None:
    """Set every finding's ``priority`` (in [0, 1], PRECISION decimals) and its
    ``evidence["prioridad"]`` (the named components), whatever its kind or status.

    ``rows`` holds the :data:`PRIORITY_QUERIES` rows, each run once without filters.
    Linear in findings + rows: the rows become look-ups once, then each finding is a few
    look-ups (the hypergeometric terms are cached by their three sizes).
    """
    ctx = rows if isinstance(rows, Context) else Context(rows)
    for finding in findings:
        value, parts = priority_of(finding, ctx)
        finding.priority = round(value, PRECISION)
        finding.evidence = {**finding.evidence, KEY: parts}


def _chance(value: float) -> str:
    """A probability: 2 decimals, or 2 significant digits below 0.01 (decimal comma in
    Spanish), so a tiny chance does not read as 0."""
    text = f"{value:.2f}" if value >= 0.01 or value == 0 else f"{value:.2g}"
    return text.replace(".", ",") if get_lang() == "es" else text


def _amount(value: float) -> str:
    """A weighted count of actions: whole numbers as such, else one decimal."""
    text = str(int(value)) if float(value).is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if get_lang() == "es" else text


def priority_text(priority: float, parts: Parts) -> str:
    """The priority and its components in one sentence, in the current language (for the
    reports: why a finding ranks where it does)."""
    num = format_number
    items = [t("prio.severidad", v=num(parts.get("severidad"))),
             t("prio.actividad", v=num(parts.get("actividad")), w=_amount(parts.get(
                 "acciones", (parts.get("acciones_a") or 0) + (parts.get("acciones_b") or 0))))]
    if "p_ninguna_comun" in parts:
        items.append(t("prio.sorpresa.pair", v=num(parts["sorpresa"]), ka=parts["k_a"],
                       kb=parts["k_b"], n=parts["n"], p0=_chance(parts["p_ninguna_comun"])))
    elif "p_azar" in parts:
        items.append(t("prio.sorpresa.silo", v=num(parts["sorpresa"]),
                       ei=num(parts["ei"], signed=True),
                       exp=num(parts["ei_esperado"], signed=True), p=_chance(parts["p_azar"])))
    kind = parts.get("autoridad_tipo", UNDECLARED)
    return t("prio.text", p=num(priority), a=num(parts.get("autoridad")),
             kind=t(f"prio.autoridad.{kind if kind in AUTHORITY_WEIGHT else UNDECLARED}"),
             parts="; ".join(items))
