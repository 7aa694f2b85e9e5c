"""The data-quality report (``tejido quality``) as Markdown.

The report's data is built from a store's snapshot by :mod:`tejido.loaders.quality`; this
module words it for a reader, in Spanish or English, every cell escaped by
:mod:`tejido.reports.markdown` (names come from planners' files).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tejido.graph.i18n import register, t
from tejido.graph.model import NODE_TYPES, RelType
from tejido.graph.vocabulary import display

from .markdown import md_table, md_text

register(
    {
        "quality.title": {"es": "Calidad de los datos", "en": "Data quality"},
        "quality.store": {"es": "Almacén: {store}", "en": "Store: {store}"},
        "quality.counts": {"es": "Recuento", "en": "Counts"},
        "quality.unresolved": {
            "es": "Actores no registrados (creados con tipo otro)",
            "en": "Actors not in the registry (created with tipo otro)",
        },
        "quality.acronyms": {
            "es": "Siglas sin expandir",
            "en": "Acronyms not expanded",
        },
        "quality.duplicates": {
            "es": "Nombres de actores casi iguales (similitud ≥ {threshold})",
            "en": "Near-duplicate actor names (similarity ≥ {threshold})",
        },
        "quality.other_place": {
            "es": "No se listan los nombres casi iguales que nombran territorios distintos de "
                  "los datos (o llevan números distintos), como «{a}» y «{b}» (similitud "
                  "{score}): son instituciones distintas.",
            "en": "Near-identical names that name different territories of the data (or carry "
                  "different numbers) are not listed, such as «{a}» and «{b}» (similarity "
                  "{score}): they are different institutions.",
        },
        "quality.equivalences": {
            "es": "Equivalencias aplicadas",
            "en": "Equivalences applied",
        },
        "quality.suggestions": {
            "es": "Equivalencias sugeridas (filas listas para la hoja equivalencias; "
                  "decida y complete la fuente)",
            "en": "Suggested equivalences (rows ready for the equivalencias sheet; decide "
                  "and fill in the source)",
        },
        "quality.generic": {
            "es": "Actores genéricos (una categoría o un grupo, no una institución)",
            "en": "Generic actors (a category or a group, not one institution)",
        },
        "quality.questions": {
            "es": "Preguntas abiertas del registro de actores",
            "en": "Open questions of the actor registry",
        },
        "quality.col.question": {"es": "Pregunta", "en": "Question"},
        "quality.col.equivalent": {"es": "Equivale a", "en": "Equivalent to"},
        "quality.col.relation": {"es": "Relación", "en": "Relation"},
        "quality.col.source": {"es": "Fuente", "en": "Source"},
        "quality.col.evidence": {"es": "evidencia", "en": "evidence"},
        "quality.relation.mismo_actor": {
            "es": "mismo actor", "en": "same actor",
        },
        "quality.relation.renombrado": {
            "es": "renombrado (sucede a)", "en": "renamed (succeeds)",
        },
        "quality.ev.similar_name": {
            "es": "{names}: nombres casi iguales (similitud {score})",
            "en": "{names}: near-identical names (similarity {score})",
        },
        "quality.ev.and": {"es": " y ", "en": " and "},
        "quality.ev.initials": {
            "es": "«{acronym}» son las iniciales de «{name}»",
            "en": "«{acronym}» are the initials of «{name}»",
        },
        "quality.ev.used_instead": {
            "es": "en «{action}» ({role}): «{a}» en {a_rows}; «{b}» en {b_rows}",
            "en": "in «{action}» ({role}): «{a}» in {a_rows}; «{b}» in {b_rows}",
        },
        f"quality.role.{RelType.LEADS.value}": {"es": "rector", "en": "lead"},
        f"quality.role.{RelType.ARTICULATES.value}": {"es": "articulador", "en": "articulator"},
        "quality.no_lead": {
            "es": "Acciones sin ente rector",
            "en": "Actions without a lead (ente rector)",
        },
        "quality.problems": {
            "es": "Filas leídas solo en parte",
            "en": "Rows read only in part",
        },
        "quality.declared": {
            "es": "Iniciativas declaradas frente a encontradas",
            "en": "Initiatives stated versus found",
        },
        "quality.none": {"es": "Ninguno.", "en": "None."},
        "quality.col.name": {"es": "Nombre", "en": "Name"},
        "quality.col.rows": {"es": "Filas", "en": "Rows"},
        "quality.col.registered": {"es": "Registrado", "en": "Registered"},
        "quality.col.a": {"es": "Actor A", "en": "Actor A"},
        "quality.col.b": {"es": "Actor B", "en": "Actor B"},
        "quality.col.score": {"es": "Similitud", "en": "Similarity"},
        "quality.col.action": {"es": "Acción", "en": "Action"},
        "quality.col.row": {"es": "Fila", "en": "Row"},
        "quality.col.problem": {"es": "Problema", "en": "Problem"},
        "quality.col.axis": {"es": "Eje / objetivo", "en": "Axis / objective"},
        "quality.col.declared": {"es": "Declaradas", "en": "Stated"},
        "quality.col.found": {"es": "Encontradas", "en": "Found"},
        "quality.col.difference": {"es": "Diferencia", "en": "Difference"},
        "quality.col.note": {"es": "Motivo", "en": "Reason"},
        "quality.col.what": {"es": "Qué", "en": "What"},
        "quality.col.count": {"es": "Cantidad", "en": "Count"},
        "quality.yes": {"es": "sí", "en": "yes"},
        "quality.no": {"es": "no", "en": "no"},
    }
)


def _where(row: dict[str, Any]) -> str:
    return f"{row['document']} · {row['table']} · {row['row']}"


def _where_all(rows: list[dict[str, Any]]) -> str:
    """Rows grouped by table: 'doc · table · 2, 3, 7; doc · other · 4'."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        grouped.setdefault((row["document"], row["table"]), []).append(str(row["row"]))
    return "; ".join(f"{d} · {tb} · {', '.join(n)}" for (d, tb), n in grouped.items())


def _where_cited(rows: list[dict[str, Any]]) -> str:
    """Like :func:`_where_all`, but a cited document (no table) reads as its name alone."""
    cited = [str(r["document"]) for r in rows if not r["table"]]
    return "; ".join(x for x in (_where_all([r for r in rows if r["table"]]), *cited) if x)


def evidence_text(evidence: dict[str, Any], name: str, equivalent_to: str) -> str:
    """One piece of evidence for a suggested equivalence, in the current language."""
    kind = evidence["kind"]
    if kind == "similar_name":
        names = t("quality.ev.and").join(f"«{n}»" for n in evidence.get("names") or ())
        return t("quality.ev.similar_name", score=evidence["score"], names=names)
    if kind == "initials":
        return t("quality.ev.initials", acronym=name, name=equivalent_to)
    return t("quality.ev.used_instead", action=evidence["action"],
             role=t(f"quality.role.{evidence['role']}"), a=name,
             a_rows=_where_all(evidence["name_rows"]), b=equivalent_to,
             b_rows=_where_all(evidence["equivalent_to_rows"]))


def _suggestion_row(s: dict[str, Any]) -> list[Any]:
    evidence = "; ".join(evidence_text(e, s["name"], s["equivalent_to"]) for e in s["evidence"])
    return [s["name"], s["equivalent_to"], s["relation"], s["source"], evidence]


def render_markdown(
    report: dict[str, Any], store: str, threshold: int, problem_text: Callable[[str], str]
) -> str:
    """The report of :func:`tejido.loaders.quality.build_report` as Markdown, in the current
    language; ``problem_text`` words one stored row problem ("code: column: value")."""

    def rows_of(item: dict[str, Any]) -> str:
        return _where_all(item["rows"])

    lines = [f"# {md_text(t('quality.title'))}", "", md_text(t("quality.store", store=store)), ""]
    sections: list[tuple[str, list[str], list[list[Any]]]] = [
        (t("quality.counts"), [t("quality.col.what"), t("quality.col.count")],
         [[_type_name(k), v] for k, v in sorted(report["counts"].items(), key=_model_order)]),
        (t("quality.unresolved"), [t("quality.col.name"), t("quality.col.rows")],
         [[a["name"], rows_of(a)] for a in report["unresolved_actors"]]),
        (t("quality.acronyms"), [t("quality.col.name"), t("quality.col.registered"),
                                 t("quality.col.rows")],
         [[a["name"], t("quality.yes") if a["registered"] else t("quality.no"), rows_of(a)]
          for a in report["unexpanded_acronyms"]]),
        (t("quality.duplicates", threshold=threshold),
         [t("quality.col.a"), t("quality.col.b"), t("quality.col.score")],
         [[p["a"], p["b"], p["score"]] for p in report["near_duplicates"]]),
        (t("quality.equivalences"),
         [t("quality.col.name"), t("quality.col.equivalent"), t("quality.col.relation"),
          t("quality.col.source")],
         [["; ".join(e["names"]), e["equivalent_to"], t(f"quality.relation.{e['relation']}"),
           _where_cited(e["rows"])] for e in report["equivalences"]]),
        # The headers are the sheet's own, so that the rows paste into it as they are.
        (t("quality.suggestions"),
         ["nombre", "equivale_a", "relacion", "fuente", t("quality.col.evidence")],
         [_suggestion_row(s) for s in report["equivalence_suggestions"]]),
        (t("quality.generic"), [t("quality.col.name"), t("quality.col.rows")],
         [[a["name"], rows_of(a)] for a in report["generic_actors"]]),
        (t("quality.questions"),
         [t("quality.col.name"), t("quality.col.question"), t("quality.col.row")],
         [[q["actor"], q["question"], _where(q)] for q in report["open_questions"]]),
        (t("quality.no_lead"), [t("quality.col.action"), t("quality.col.rows")],
         [[a["titulo"], rows_of(a)] for a in report["actions_without_lead"]]),
        (t("quality.problems"), [t("quality.col.row"), t("quality.col.problem")],
         [[_where(p), problem_text(x)]
          for p in report["row_problems"] for x in p["problems"]]),
        (t("quality.declared"), [t("quality.col.axis"), t("quality.col.declared"),
                                 t("quality.col.found"), t("quality.col.difference"),
                                 t("quality.col.note")],
         [[r["name"], r["declared"], r["found"], f"{r['difference']:+d}", r.get("note") or ""]
          for r in report["stated_vs_found"]]),
    ]
    notes = {t("quality.duplicates", threshold=threshold): _other_place(report)}
    for title, headers, rows in sections:
        lines += [f"## {md_text(title)}", ""]
        lines += md_table(headers, rows) if rows else [md_text(t("quality.none"))]
        lines.append("")
        if notes.get(title):
            lines += [md_text(notes[title]), ""]
    return "\n".join(lines)


def _other_place(report: dict[str, Any]) -> str | None:
    """What the report says of the near-duplicate pairs set apart by the places they name."""
    example = report.get("other_place_example")
    if not example:
        return None
    return t("quality.other_place", a=example["a"], b=example["b"], score=example["score"])


def _model_order(item: tuple[str, int]) -> tuple[int, str]:
    """Nodes first, then relationships, each in the model's order."""
    order = [*NODE_TYPES, *(r.value for r in RelType)]
    return (order.index(item[0]) if item[0] in order else len(order), item[0])


def _type_name(name: str) -> str:
    """A label or relationship type as the planner reads it, with the model's name."""
    kind = "label" if name in NODE_TYPES else "rel"
    return f"{display(kind, name)} [{name}]"
