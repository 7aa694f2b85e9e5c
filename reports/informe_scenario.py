"""The informe's «Escenario» section (``tejido informe --escenario``): what a simulated
scenario would change, worded for the printed report.

The scenario is simulated as ``tejido simular`` does
(:func:`tejido.queries.compare_scenario.simulate_cuts`, on a copy of the store); this
module only words the comparison: the one-sentence summary of ``simular``
(:func:`tejido.reports.compare_tables.scenario_text`), then the findings the scenario
would close, the contexts it would join (fewer groups that never work together) and the
new critical points, critical ties and silos it would create. The result is plain
JSON-ready strings, placed by the Typst template and the HTML page like every other
section (never spliced into markup).
"""

from __future__ import annotations

import html
from typing import Any

from tejido.graph.i18n import register, t, tn
from tejido.queries.compare import Comparison
from tejido.queries.gaps import kind_label

from .compare_tables import scenario_text

register(
    {
        "infesc.heading": {"es": "Escenario", "en": "Scenario"},
        "infesc.intro": {
            "es": "Qué cambiaría el escenario «{file}» si se aplicara a esta cartera. Se "
                  "simuló sobre una copia del almacén, sin modificarlo, como lo hace "
                  "`tejido simular`, comparando todos los pares de actores.",
            "en": "What the scenario «{file}» would change if applied to this portfolio. It "
                  "was simulated on a copy of the store, without changing it, as `tejido "
                  "simular` does, comparing every pair of actors."},
        "infesc.closed": {"es": "Hallazgos que cerraría", "en": "Findings it would close"},
        "infesc.joined": {"es": "Contextos que uniría", "en": "Contexts it would join"},
        "infesc.created": {"es": "Puntos críticos y silos nuevos",
                           "en": "New critical points and silos"},
        "infesc.context": {"es": "{eje} × {territorio}: de {before} a {after}",
                           "en": "{eje} × {territorio}: from {before} to {after}"},
        "infesc.groups": {"es": "{n} grupos", "en": "{n} groups"},
        "infesc.groups.one": {"es": "{n} grupo", "en": "{n} group"},
        "infesc.none": {"es": "(ninguno)", "en": "(none)"},
        "infesc.more": {"es": "… y {n} más.", "en": "… and {n} more."},
        "infesc.more.one": {"es": "… y 1 más.", "en": "… and 1 more."},
        "infesc.ties": {"es": "Además crearía {n} lazos nuevos entre actores.",
                        "en": "It would also create {n} new ties between actors."},
        "infesc.ties.one": {"es": "Además crearía 1 lazo nuevo entre actores.",
                            "en": "It would also create 1 new tie between actors."},
    }
)

#: How many items each list shows (the rest is counted).
SHOWN = 15
#: The opened kinds the section names: what a scenario could make worse.
CREATED = ("punto_critico", "vinculo_critico", "silo")


def _finding(finding: dict[str, Any]) -> str:
    subjects = " ↔ ".join(str(s.get("name") or s["id"]) for s in finding["subjects"])
    return f"{kind_label(finding['kind'])}: {subjects}"


def _group(title: str, items: list[str]) -> dict[str, Any]:
    more = tn("infesc.more", len(items) - SHOWN) if len(items) > SHOWN else ""
    return {"title": title, "items": items[:SHOWN], "more": more, "none": t("infesc.none")}


def scenario_section(comparison: Comparison, name: str) -> dict[str, Any]:
    """The section's strings: ``heading``, ``intro``, ``lead`` (the one-sentence summary),
    ``ties`` and three ``groups`` (closed findings, joined contexts, new critical points
    and silos), each ``{title, items, more, none}``."""
    joined = [c for c in comparison["contexts"]
              if c["before"] is not None and c["after"] is not None
              and c["after"] < c["before"]]
    contexts = [t("infesc.context", eje=c["eje"]["name"], territorio=c["territorio"]["name"],
                  before=tn("infesc.groups", c["before"]),
                  after=tn("infesc.groups", c["after"])) for c in joined]
    created = [f for f in comparison["findings_opened"] if f["kind"] in CREATED]
    return {
        "heading": t("infesc.heading"),
        "intro": t("infesc.intro", file=name),
        "lead": scenario_text(comparison),
        "ties": tn("infesc.ties", len(comparison["ties_added"])),
        "groups": [
            _group(t("infesc.closed"), [_finding(f) for f in comparison["findings_closed"]]),
            _group(t("infesc.joined"), contexts),
            _group(t("infesc.created"), [_finding(f) for f in created]),
        ],
    }


def scenario_html(section: dict[str, Any] | None) -> list[str]:
    """The section as HTML for :mod:`.informe_html` (every value escaped); nothing
    without a scenario."""
    if not section:
        return []
    e = html.escape
    parts = [f'<h2 id="escenario">{e(section["heading"])}</h2>', f"<p>{e(section['intro'])}</p>",
             f"<p><strong>{e(section['lead'])}</strong></p>", f"<p>{e(section['ties'])}</p>"]
    for group in section["groups"]:
        parts.append(f"<h3>{e(group['title'])}</h3>")
        if group["items"]:
            parts.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in group["items"]) + "</ul>")
        else:
            parts.append(f'<p class="muted">{e(group["none"])}</p>')
        if group["more"]:
            parts.append(f'<p class="muted">{e(group["more"])}</p>')
    return parts
