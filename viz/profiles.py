"""What the map knows about each node beyond its position: filter facets and the profile
shown in the side panel, as plain, already translated text (the page only places it)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import Any

from tejido.graph.i18n import register, t
from tejido.graph.model import RelType
from tejido.graph.vocabulary import display
from tejido.queries.centrality import ACTOR_COLUMNS
from tejido.queries.gaps import kind_label
from tejido.queries.index import NetworkIndex

from .measures import format_value, measure_help, measure_name
from .views import View, eje_names, node_name

__all__ = ["Profiler", "facets", "format_value", "view_actions"]

#: Columns of a centrality row that describe the actor rather than measure it.
#: The closed list (tejido.graph.vocabulary) a node's ``tipo`` belongs to, by label;
#: territories and axes have free-text tipos, shown as they are.
TIPO_LISTS = {"Actor": "actor.tipo", "Action": "accion.tipo", "Mechanism": "mecanismo.tipo"}

Profile = dict[str, Any]

register(
    {
        "map.ui.printed": {"es": "{row} (impreso aquí: {what})",
                           "en": "{row} (printed here: {what})"},
        "map.ui.derived": {"es": "{what}: derivado, regla «{rule}» (ninguna celda lo dice)",
                           "en": "{what}: derived, rule “{rule}” (no cell states it)"},
    }
)


def view_actions(view: View) -> set[str]:
    """Actions the view is about: the in-scope ones (all when unfiltered)."""
    return set(view.index.scoped(view.scope.eje, view.scope.territorio))


def facets(view: View, nodes: Iterable[str]) -> dict[str, tuple[set[str], set[str]]]:
    """Per node, the ejes (root axis ids) and territories (ids, with the ones containing
    them) of the in-scope actions it is linked to, for the page's eje/territory filters.

    On the actor view a renamed institution is one node with what it replaced, so it is
    in every eje and territory where either takes part."""
    ix = view.index
    merged = view.merged
    actions = view_actions(view)
    eje_of = {a: ix.root_axes(a) for a in actions}
    terr_of = {a: {up for tt in ix.targets.get(a, ()) for up in ix.up(tt)} for a in actions}
    linked: dict[str, set[str]] = defaultdict(set)  # node -> in-scope actions it touches
    for a in actions:
        linked[a].add(a)
        for node in (ix.participants(a) | ix.uses.get(a, set()) | ix.targets.get(a, set())
                     | ix.under.get(a, set())):
            linked[merged.get(node, node)].add(a)
    out = {}
    for node in nodes:
        label = ix.attr(node, "label")
        ejes = set().union(*(eje_of[a] for a in linked.get(node, ())))
        terrs = set().union(*(terr_of[a] for a in linked.get(node, ())))
        if label == "Axis":
            ejes |= ix.roots(node)
        elif label == "Territory":
            terrs |= ix.up(node)
        out[node] = (ejes, terrs)
    return out


def _yes_no(value: object) -> str:
    if value is None:
        return "—"
    return t("map.ui.yes") if value else t("map.ui.no")


def _ref(graph: Any, source: str) -> tuple[str, str, int]:
    attrs = graph.nodes[source] if source in graph else {}
    if attrs.get("label") == "Source":
        return (str(attrs.get("document")), str(attrs.get("table")), int(attrs.get("row") or 0))
    return (source, "", 0)


def _ref_text(ref: tuple[str, str, int]) -> str:
    doc, table, num = ref
    return f"{doc} · {table} · {t('map.ui.row')} {num}" if table else doc


def _rel_name(rel_type: object) -> str:
    """A relationship type's short display name ("lidera", "articula")."""
    return display("rel", str(rel_type)).split(" (")[0]


def _provenance(view: View, node: str) -> list[str]:
    """The node's rows; then the rows that print its relationships elsewhere (a merged
    cell filled down into its rows), and the rules of its derived relationships."""
    graph = view.index.graph
    own = view.index.sources(node)
    mine = set(own)
    printed: dict[tuple[str, str, int], set[str]] = defaultdict(set)
    derived: dict[str, set[str]] = defaultdict(set)
    for _, _, attrs in chain(graph.in_edges(node, data=True), graph.out_edges(node, data=True)):
        for source in attrs.get("printed") or ():
            if source not in mine:
                printed[_ref(graph, source)].add(_rel_name(attrs.get("type")))
        if attrs.get("derived"):
            derived[str(attrs["derived"])].add(_rel_name(attrs.get("type")))
    lines = [_ref_text(ref) for ref in sorted(_ref(graph, s) for s in own)]
    lines += [t("map.ui.printed", row=_ref_text(ref), what=", ".join(sorted(kinds)))
              for ref, kinds in sorted(printed.items())]
    lines += [t("map.ui.derived", rule=rule, what=", ".join(sorted(kinds)))
              for rule, kinds in sorted(derived.items())]
    return lines


def _names(view: View, nodes: Iterable[str]) -> list[str]:
    graph = view.index.graph
    return sorted(node_name(graph.nodes[n]) for n in set(nodes))


def _invert(index: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for key, values in index.items():
        for value in values:
            out[value].add(key)
    return out


class Profiler:
    """Builds side-panel profiles; the indexes are built once per map, so a profile
    costs what it lists (no scan of all actions or all findings per node)."""

    def __init__(self, view: View, centrality: Mapping[str, Mapping[str, Any]],
                 findings: Iterable[Mapping[str, Any]]) -> None:
        self.view = view
        ix = view.index
        self.centrality = centrality
        # Mechanisms may target territories too (a cantonal mesa): a territory's actions are
        # the actions among what targets it, its mechanisms the rest.
        targeted_by = _invert(ix.targets)
        self.actions_of = {
            "Territory": {n: {a for a in v if ix.label(a) == "Action"}
                          for n, v in targeted_by.items()},
            "Mechanism": _invert(ix.uses), "Axis": _invert(ix.under)}
        self.mechanisms_of = {n: {m for m in v if ix.label(m) == "Mechanism"}
                              for n, v in targeted_by.items()}
        self.responsible = _invert(ix.responsible_for)
        self.convened_by = _invert(ix.convenes)
        # A finding naming a renamed institution's predecessor belongs to the node drawn
        # for both on the actor view.
        self.merged = view.merged
        self.findings: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for finding in findings:
            for subject in finding.get("subjects") or []:
                self.findings[self._node(subject)].append(finding)

    def _node(self, subject: Mapping[str, Any]) -> str:
        node = str(subject.get("id"))
        return self.merged.get(node, node)

    def gap_lines(self, node: str) -> list[str]:
        lines = []
        for finding in self.findings.get(node, ()):
            label = _kind_name(str(finding.get("kind")))
            others = [str(s.get("name") or s.get("id")) for s in finding.get("subjects") or []
                      if self._node(s) != node]
            text = f"{label}: {', '.join(others)}" if others else label
            notes = []
            if finding.get("status") == "por_confirmar":
                notes.append(t("map.ui.pending"))
            if finding.get("priority"):
                notes.append(f"{t('map.ui.priority')} {format_value(float(finding['priority']))}")
            severity = finding.get("severity")
            if severity is not None:
                notes.append(f"{t('map.ui.severity')} {format_value(float(severity))}")
            lines.append(f"{text} ({'; '.join(notes)})" if notes else text)
        return lines

    def profile(self, node: str) -> Profile:
        """The side panel of ``node``: title, [label, value] fields, [title, lines] sections."""
        view = self.view
        ix = view.index
        attrs = ix.graph.nodes[node]
        label = attrs.get("label")
        fields: list[list[str]] = [[t("map.ui.field.kind"), display("label.one", label)]]
        sections: list[list[Any]] = []
        #: [name, value, one-line explanation] of each centrality measure (actors).
        measures: list[list[str]] = []
        if label == "Actor":
            tipo = display("actor.tipo", attrs.get("tipo") or "otro")
            nivel = display("actor.nivel", attrs.get("nivel")) or "—"
            fields.append([t("map.ui.field.tipo"), tipo])
            fields.append([t("map.ui.field.nivel"), nivel])
            fields.append([t("map.ui.field.interno"), _yes_no(attrs.get("interno"))])
            if attrs.get("generico"):
                fields.append([t("map.ui.field.generico"), t("map.ui.yes")])
            if attrs.get("siglas"):
                fields.append([t("map.ui.field.siglas"), ", ".join(map(str, attrs["siglas"]))])
            row = self.centrality.get(node)
            if row:
                measures = [[measure_name(k), format_value(v), measure_help(k)]
                            for k, v in row.items() if k not in ACTOR_COLUMNS]
            actions = ix.takes_part.get(node, set())
            sections.append([t("map.ui.section.leads"),
                             _names(view, (a for a in actions if node in ix.leads.get(a, ())))])
            sections.append([t("map.ui.section.articulates"), _names(
                view, (a for a in actions if node in ix.articulates.get(a, ())))])
            sections.append([t("map.ui.section.responsible_for"),
                             _names(view, ix.responsible_for.get(node, ()))])
            sections.append([t("map.ui.section.convenes"), _names(view, ix.convenes.get(node, ()))])
            sections.append([t("map.ui.section.succeeds"), _names(view, _succeeds(ix, node))])
        elif label == "Action":
            fields.append([t("map.ui.field.tipo"), _tipo(label, attrs)])
            fields.append([t("map.ui.field.estado"),
                           display("accion.estado", attrs.get("estado")) or "—"])
            sections.append([t("map.ui.section.rectores"), _names(view, ix.leads.get(node, ()))])
            sections.append([t("map.ui.section.articuladores"),
                             _names(view, ix.articulates.get(node, ()))])
            sections.append([t("map.ui.section.ejes"), eje_names(ix, node)])
            sections.append([t("map.ui.section.territorios"),
                             _names(view, ix.targets.get(node, ()))])
            sections.append([t("map.ui.section.mecanismos"), _names(view, ix.uses.get(node, ()))])
        else:
            fields.append([t("map.ui.field.tipo"), _tipo(label, attrs)])
            if attrs.get("codigo"):
                fields.append([t("map.ui.field.codigo"), str(attrs["codigo"])])
            actions = self.actions_of.get(str(label), {}).get(node, set())
            sections.append([t("map.ui.section.acciones"), _names(view, actions)])
            if label == "Territory":
                sections.append([t("map.ui.section.mecanismos"),
                                 _names(view, self.mechanisms_of.get(node, ()))])
            elif label == "Axis":
                sections.append([t("map.ui.section.responsables"),
                                 _names(view, self.responsible.get(node, ()))])
            elif label == "Mechanism":
                sections.append([t("map.ui.section.convened_by"),
                                 _names(view, self.convened_by.get(node, ()))])
                sections.append([t("map.ui.section.territorios"),
                                 _names(view, ix.targets.get(node, ()))])
        fields.append([t("map.ui.field.id"), str(node)])
        sections.append([t("map.ui.section.gaps"), self.gap_lines(node)])
        sections.append([t("map.ui.section.provenance"), _provenance(view, node)])
        # The tooltip's second line: an actor's tipo, else the node's kind.
        hint = fields[1][1] if label == "Actor" else fields[0][1]
        title = node_name(attrs) or str(node)
        if label == "Actor" and attrs.get("generico"):
            title = f"{title} {t('map.ui.generic_suffix')}"
        return {"title": title, "hint": hint, "fields": fields, "measures": measures,
                "sections": [s for s in sections if s[1]]}


def _succeeds(ix: NetworkIndex, actor: str) -> list[str]:
    """The institutions ``actor`` replaced (SUCCEEDS: successor -> predecessor)."""
    return [b for _, b, rtype in ix.graph.out_edges(actor, data="type")
            if rtype == RelType.SUCCEEDS]


def _tipo(label: object, attrs: Mapping[str, Any]) -> str:
    """A node's tipo by its display name when it is one of a closed list's values."""
    value = attrs.get("tipo")
    if not value:
        return "—"
    kind = TIPO_LISTS.get(str(label))
    return display(kind, value) if kind else str(value)


def _kind_name(kind: str) -> str:
    """A gap kind by the gap report's name for it (an unknown kind as it is)."""
    try:
        return kind_label(kind)
    except KeyError:
        return kind

