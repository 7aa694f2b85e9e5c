"""What every gap kind shares: the draft of a finding, the kind's record, stage weight,
subject helpers, the twins' common row parts and the wording of evidence.

A kind module (``sin_rector.py``, ``silo.py``, …) holds side by side its networkx
twin(s) of its ``.cypher`` file(s), its severity formula(s), its builder from rows to
:class:`Draft` findings, its display label and its evidence sentence; it ends with one
:class:`Kind` record that :mod:`tejido.queries.gaps.kinds` lists in report order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tejido.graph.i18n import get_lang, register, t
from tejido.graph.model import Estado

from ..index import NetworkIndex

Row = dict[str, Any]
#: Query name -> its rows (unscoped runs under :func:`unscoped_key`).
Rows = dict[str, list[Row]]
#: Decimal places of severities and indices in the report.
PRECISION = 4
#: How much a gap in a finished action still weighs (the action no longer depends on it).
FINISHED_WEIGHT = 0.5

register(
    {
        "ev.estado": {"es": "estado: {v}", "en": "estado: {v}"},
        "ev.eje": {"es": "eje: {v}", "en": "eje: {v}"},
        "ev.rectores": {"es": "rector: {v}", "en": "lead: {v}"},
    }
)


@dataclass
class Draft:
    """A finding before its Source ids are resolved into (document, table, row).

    ``sources`` are the rows its facts apply to; ``printed`` the rows that print some of
    them elsewhere (a merged cell filled down: ``Rel.printed``), cited too.
    """

    kind: str
    severity: float
    subjects: list[dict[str, Any]]
    evidence: dict[str, Any]
    sources: list[str] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)
    #: ``brecha`` or ``por_confirmar`` (set by the engine, :mod:`.status`).
    status: str = "brecha"


@dataclass(frozen=True)
class Kind:
    """A gap kind: the queries it reads (with the report's filters, and ``unscoped``
    without), its builder, and the sentence parts its evidence reads as.

    Its label and description are the i18n messages ``kind.<name>`` and ``about.<name>``,
    registered by its module.
    """

    name: str
    queries: tuple[str, ...]
    build: Callable[[Rows], Iterable[Draft]]
    evidence: Callable[[dict[str, Any]], list[str]]
    unscoped: tuple[str, ...] = ()

    def label(self) -> str:
        return t(f"kind.{self.name}")

    def about(self) -> str:
        return t(f"about.{self.name}")


def unscoped_key(query: str) -> str:
    """The rows key of ``query`` run without the report's filters."""
    return f"{query}@todo"


def stage_weight(estado: str | None) -> float:
    """1, or FINISHED_WEIGHT for a finalizada action (its gap no longer blocks delivery)."""
    return FINISHED_WEIGHT if estado == Estado.finalizada else 1.0


# --- subjects ---------------------------------------------------------------------------


def action_subject(row: Row) -> dict[str, Any]:
    return {"id": row["action_id"], "type": "Action", "name": row["titulo"]}


def actor_subject(ident: str, name: str | None) -> dict[str, Any]:
    return {"id": ident, "type": "Actor", "name": name}


def axis_subject(ident: str, name: str | None) -> dict[str, Any]:
    return {"id": ident, "type": "Axis", "name": name}


def territory_subject(ident: str, name: str | None) -> dict[str, Any]:
    return {"id": ident, "type": "Territory", "name": name}


# --- twins' common parts ----------------------------------------------------------------


def action_row(ix: NetworkIndex, action: str) -> Row:
    """The columns every action-kind query starts with."""
    return {
        "action_id": action,
        "titulo": ix.attr(action, "titulo"),
        "estado": ix.attr(action, "estado"),
        "eje": ix.attr(action, "eje"),
    }


def eje_actions(ix: NetworkIndex, eje: str | None,
                territorio: str | None) -> dict[str, list[str]]:
    """Eje (the axis an action's ``eje`` field names) -> its in-scope actions, sorted."""
    by_eje: dict[str, list[str]] = defaultdict(list)
    for action in ix.scoped(eje, territorio):
        for axis in ix.ejes(action):
            by_eje[axis].append(action)
    return by_eje


class Tie:
    """Two actors sharing in-scope actions: the actions (in scope order) and the rows of
    both actors' participations in them (and the rows printing those)."""

    __slots__ = ("actions", "sources", "printed")

    def __init__(self) -> None:
        self.actions: list[str] = []
        self.sources: set[str] = set()
        self.printed: set[str] = set()


def actor_ties(ix: NetworkIndex, eje: str | None,
               territorio: str | None) -> Iterator[tuple[tuple[str, str], Tie]]:
    """(sorted actor pair, its :class:`Tie`) in order of the pair, for every pair taking
    part in the same in-scope action, and without filters every pair joined by RELATES
    (a tie has no eje or territory; its rows join the pair's): the actor network the
    ``gap_punto_critico`` and ``gap_vinculo_critico`` twins project.

    A join through each action's participants, never all pairs of actors. The pairs are
    swept one first actor at a time (its partners after it), so what the sweep builds
    and touches is one actor's ties, not a record of every pair of a national portfolio
    at once (hundreds of thousands, far beyond the processor's cache).
    """
    unfiltered = eje is None and territorio is None
    scoped = None if unfiltered else set(ix.scoped(eje, territorio))
    part_sources, part_printed = ix.part_sources, ix.part_printed
    for first in sorted(ix.takes_part.keys() | ix.relates.keys()):
        mine: dict[str, Tie] = {}
        for action in sorted(ix.takes_part.get(first, ())):  # the in-scope order
            if scoped is not None and action not in scoped:
                continue
            rows = part_sources.get((first, action), ())
            shown = part_printed.get((first, action), ())
            for second in ix.participants(action):
                if second <= first:
                    continue
                tie = mine.get(second)
                if tie is None:
                    tie = mine[second] = Tie()
                tie.actions.append(action)
                tie.sources.update(rows, part_sources.get((second, action), ()))
                theirs = part_printed.get((second, action), ())
                if shown or theirs:
                    tie.printed.update(shown, theirs)
        if unfiltered:
            for second in ix.relates.get(first, ()):
                if second > first:
                    tie = mine.get(second)
                    if tie is None:
                        tie = mine[second] = Tie()
                    tie.sources |= ix.relates_sources[(first, second)]
                    tie.printed.update(ix.relates_printed.get((first, second), ()))
        for second in sorted(mine):
            yield (first, second), mine[second]


# --- evidence wording -------------------------------------------------------------------


def format_number(value: float | None, signed: bool = False) -> str:
    """2 decimals; decimal comma in Spanish; '' for None."""
    if value is None:
        return ""
    text = f"{value:+.2f}" if signed else f"{value:.2f}"
    return text.replace(".", ",") if get_lang() == "es" else text


def names_text(refs: Iterable[Any]) -> str:
    """Names of ``{id, nombre}`` dicts or :class:`Ref`-like objects, comma-separated
    (the id when a name is missing)."""
    return ", ".join(str(r.get("nombre") or r.get("id")) if isinstance(r, dict)
                     else str(r.nombre or r.id) for r in refs)


def action_evidence(ev: dict[str, Any], *extra: str) -> list[str]:
    """``extra`` followed by the action's eje and estado, when known."""
    parts = [*extra]
    if ev.get("eje"):
        parts.append(t("ev.eje", v=ev["eje"]))
    if ev.get("estado"):
        parts.append(t("ev.estado", v=ev["estado"]))
    return parts
