"""The actor registry: ``data/actors.yaml`` plus ``data/actors.d/*.yaml``, read as one.

Each entry names one actor (canonical name, siglas, spelling variants, tipo, nivel,
interno). The same actor may be declared in several files when the declarations agree;
its aliases are then merged. A name or alias that would point to two different actors,
or two declarations that disagree, is an error naming both files.

An entry also records what was decided about the names the documents use, each decision
with its evidence (data/README.md, "Decisiones"):

* ``mismo_actor``: other names that are this same actor (``{nombre, fuente}``): they
  resolve to it and are listed on the actor (``Actor.variantes``);
* ``sucede_a`` + ``fuente``: this institution replaced the one named (a renamed
  secretaría): a ``SUCCEEDS`` relationship successor -> predecessor, citing the entry;
* ``generico`` + ``generico_motivo``: the name is a category, a group or a field of work,
  not one institution (``Actor.generico``): shown as such, never the subject of a
  coordination finding;
* ``pendiente``: a question no evidence decides yet; stored as a problem of the entry's
  row, so ``tejido quality`` lists it.

The registry cites itself like a table: an entry is the row ``(REGISTRY_DOCUMENT, file,
line)``, a :class:`~tejido.graph.model.Source` added to the graph for the facts it states
(:meth:`Registry.cite`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t
from tejido.graph.model import Actor, ActorTipo, Nivel, RelType, fold

from . import problems as row_problems
from .actors import ActorIndex
from .builder import GraphBuilder, actor_node
from .location import CellError
from .yamlconf import YamlDoc, problems_of, read_yaml

register(
    {
        "registry.not_list": {
            "es": "el registro de actores debe ser una lista de entradas",
            "en": "the actor registry must be a list of entries",
        },
        "registry.alias_clash": {
            "es": "«{alias}» ya nombra a «{other}» ({where}); no puede nombrar también a «{actor}»",
            "en": "“{alias}” already names “{other}” ({where}); it cannot also name “{actor}”",
        },
        "registry.disagree": {
            "es": "«{actor}» ya está declarado en {where} con {field}={theirs}; "
                  "aquí {field}={ours}",
            "en": "“{actor}” is already declared in {where} with {field}={theirs}; "
                  "here {field}={ours}",
        },
        "registry.unknown_predecessor": {
            "es": "sucede_a: «{name}» no es un actor del registro",
            "en": "sucede_a: “{name}” is not an actor of the registry",
        },
        "registry.self_predecessor": {
            "es": "sucede_a: «{name}» es este mismo actor",
            "en": "sucede_a: “{name}” is this same actor",
        },
        "registry.needs_source": {
            "es": "sucede_a necesita fuente (la evidencia del cambio de nombre)",
            "en": "sucede_a needs fuente (the evidence of the renaming)",
        },
        "registry.needs_reason": {
            "es": "generico: true necesita generico_motivo (por qué no es una institución)",
            "en": "generico: true needs generico_motivo (why it is not one institution)",
        },
        "problem.pendiente": {
            "es": "pregunta abierta del registro: {value}",
            "en": "open question in the registry: {value}",
        },
    }
)

#: Provenance ``document`` of a registry entry's row (its ``table`` is the file, relative
#: to the data folder, its ``row`` the line where the entry starts).
REGISTRY_DOCUMENT = "registro de actores"
#: Problem code of an open question (stored on the entry's Source, ``problemas``).
PENDING = "pendiente"


class SameActor(BaseModel):
    """A name decided to be the entry's actor, with the evidence that decides it."""

    model_config = ConfigDict(extra="forbid")

    nombre: str = Field(min_length=1)
    fuente: str = Field(min_length=1)


class RegistryEntry(BaseModel):
    """One actor as declared in a registry file (see data/README.md)."""

    model_config = ConfigDict(extra="forbid")

    nombre: str = Field(min_length=1)
    siglas: list[str] = Field(default_factory=list)
    variantes: list[str] = Field(default_factory=list)
    tipo: ActorTipo = ActorTipo.otro
    nivel: Nivel | None = None
    interno: bool | None = None
    #: Where the long name comes from (a document or a well-known public fact).
    expansion: str | None = None
    notas: str | None = None
    #: Names decided to be this same actor, each with its evidence.
    mismo_actor: list[SameActor] = Field(default_factory=list)
    #: The institution this one replaced (a registry name or alias), with ``fuente``.
    sucede_a: str | None = None
    fuente: str | None = None
    #: A category, a group or a field of work, not one institution; ``generico_motivo`` why.
    generico: bool = False
    generico_motivo: str | None = None
    #: A question about this actor that no evidence decides yet.
    pendiente: str | None = None

    @field_validator("nombre")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not fold(value):
            raise ValueError("nombre vacío / empty name")
        return value.strip()

    @model_validator(mode="after")
    def _decisions_carry_evidence(self) -> RegistryEntry:
        if self.sucede_a and not self.fuente:
            raise ValueError(t("registry.needs_source"))
        if self.generico and not self.generico_motivo:
            raise ValueError(t("registry.needs_reason"))
        return self

    @property
    def aliases(self) -> list[str]:
        """Every other name that resolves to this actor."""
        return [*self.siglas, *self.variantes, *(same.nombre for same in self.mismo_actor)]

    def actor(self) -> Actor:
        notes = [n for n in (self.notas,
                             self.expansion and f"Expansión: {self.expansion}",
                             self.generico_motivo and f"Genérico: {self.generico_motivo}")
                 if n]
        return actor_node(
            self.nombre,
            siglas=list(self.siglas),
            variantes=[same.nombre for same in self.mismo_actor],
            tipo=self.tipo,
            nivel=self.nivel,
            interno=self.interno,
            notas="; ".join(notes) or None,
            generico=self.generico,
        )


@dataclass(frozen=True)
class Decision:
    """One equivalence the registry decides, in the workbook sheet's columns."""

    nombre: str
    equivale_a: str
    relacion: Literal["mismo_actor", "renombrado"]
    fuente: str
    #: "file:line" of the entry that decides it.
    where: str


@dataclass(frozen=True)
class EntryRow:
    """Where an entry is written: its file (relative to the data folder) and line."""

    table: str
    line: int


@dataclass
class Registry:
    """Resolves actor references to registry actors (see :class:`ActorIndex`)."""

    index: ActorIndex = field(default_factory=ActorIndex)
    #: folded alias -> "file:line" where it was first declared, for clash messages.
    where: dict[str, str] = field(default_factory=dict)
    #: actor id -> "file:line" of its first declaration.
    declared_at: dict[str, str] = field(default_factory=dict)
    #: Equivalences decided with evidence (``mismo_actor`` and ``sucede_a``), in file order.
    decisions: list[Decision] = field(default_factory=list)
    #: (successor id, predecessor name as written, evidence, entry row).
    successions: list[tuple[str, str, str, EntryRow | None]] = field(default_factory=list)
    #: actor id -> (open question, entry row).
    pending: dict[str, tuple[str, EntryRow | None]] = field(default_factory=dict)
    #: actor id -> the rows of the entries that decide other names are it (``mismo_actor``).
    deciding_rows: dict[str, list[EntryRow]] = field(default_factory=dict)
    #: Longest alias, in words, so segmentation does not try longer spans.
    _max_words: int = 1

    def declare(self, entry: RegistryEntry, where: str, row: EntryRow | None = None) -> list[str]:
        """Add one entry; returns problems (clashes, disagreements) as messages."""
        actor = entry.actor()
        problems: list[str] = []
        existing = self.index.actors.get(actor.id)
        if existing is not None:
            for key in ("tipo", "nivel", "interno"):
                ours, theirs = getattr(actor, key), getattr(existing, key)
                if ours is not None and theirs is not None and ours != theirs:
                    # tipo "otro" is the default, so only a stated tipo can disagree.
                    if key == "tipo" and ActorTipo.otro in (ours, theirs):
                        continue
                    problems.append(
                        t("registry.disagree", actor=actor.name, where=self.declared_at[actor.id],
                          field=key, theirs=theirs, ours=ours)
                    )
            if problems:
                return problems
            _merge_declarations(existing, actor)
            actor = existing
        else:
            self.declared_at[actor.id] = where
        aliases = [actor.name, *entry.aliases]
        for alias in aliases:
            owner = self.index.owner(alias)  # not keys(): a copy of every alias per alias
            if owner is not None and owner != actor.id:
                problems.append(
                    t("registry.alias_clash", alias=alias, other=self.index.actors[owner].name,
                      where=self.where.get(fold(alias), "?"), actor=actor.name)
                )
        if problems:
            return problems
        self.index.add(actor, [*entry.variantes, *actor.siglas,
                               *(same.nombre for same in entry.mismo_actor)])
        for alias in aliases:
            self.where.setdefault(fold(alias), where)
            self._max_words = max(self._max_words, len(fold(alias).split()))
        self.decisions.extend(
            Decision(same.nombre, actor.name, "mismo_actor", same.fuente, where)
            for same in entry.mismo_actor)
        if entry.sucede_a and entry.fuente:
            self.successions.append((actor.id, entry.sucede_a, entry.fuente, row))
            self.decisions.append(
                Decision(entry.sucede_a, actor.name, "renombrado", entry.fuente, where))
        if entry.pendiente:
            self.pending[actor.id] = (entry.pendiente, row)
        if entry.mismo_actor and row is not None:
            self.deciding_rows.setdefault(actor.id, []).append(row)
        return []

    def resolve(self, reference: str) -> Actor | None:
        return self.index.resolve(reference)

    def segment(self, reference: str) -> list[Actor] | None:
        """Read a cell fragment that lacks separators as several known actors.

        "AZ CONQUITO" or "AMBIENTE EPMAPS" are two actors the source forgot to separate.
        The fragment is accepted only when it is covered, word by word, by two or more
        known names or aliases (longest match first); otherwise ``None``.
        """
        words = reference.split()
        spans: list[Actor] = []
        start = 0
        while start < len(words):
            for end in range(min(len(words), start + self._max_words), start, -1):
                actor = self.resolve(" ".join(words[start:end]))
                if actor is not None:
                    spans.append(actor)
                    start = end
                    break
            else:
                return None
        return spans if len(spans) > 1 else None

    def check_successions(self) -> list[tuple[str, str]]:
        """(successor name, message) for each ``sucede_a`` that names no other actor."""
        problems = []
        for successor, predecessor, _, _ in self.successions:
            found = self.resolve(predecessor)
            name = self.index.actors[successor].name
            if found is None:
                problems.append((name, t("registry.unknown_predecessor", name=predecessor)))
            elif found.id == successor:
                problems.append((name, t("registry.self_predecessor", name=predecessor)))
        return problems

    def cite(self, graph: GraphBuilder) -> None:
        """Add to a batch the facts the registry states about the actors it holds.

        For every ``sucede_a`` whose two actors the batch has, a ``SUCCEEDS`` relationship
        (successor -> predecessor) citing the entry's row; for every open question about an
        actor the batch has, the entry's row with the question among its ``problemas``; an
        actor other names were decided to be (``mismo_actor``) also lists the row that
        decided it. Actors no loaded row names stay out: the registry describes, it does not
        add institutions to a portfolio.
        """
        nodes = graph.batch.nodes
        for actor_id, rows in sorted(self.deciding_rows.items()):
            if actor_id in nodes:
                graph.cite(nodes[actor_id], [
                    graph.source(REGISTRY_DOCUMENT, row.table, row.line).id for row in rows])
        for successor, predecessor, _, row in self.successions:
            found = self.resolve(predecessor)
            if row is None or found is None or successor not in nodes or found.id not in nodes:
                continue
            source = graph.source(REGISTRY_DOCUMENT, row.table, row.line)
            graph.rel(RelType.SUCCEEDS, nodes[successor], nodes[found.id], [source.id])
        for actor_id, (question, row) in sorted(self.pending.items()):
            if row is None or actor_id not in nodes:
                continue
            source = graph.source(REGISTRY_DOCUMENT, row.table, row.line)
            entry = row_problems.encode(PENDING, nodes[actor_id].display, question)
            if entry not in source.problemas:
                source.problemas.append(entry)


def _merge_declarations(existing: Actor, other: Actor) -> None:
    """Fill what the first declaration left open; siglas and variantes are unioned."""
    existing.siglas = [*existing.siglas, *(s for s in other.siglas if s not in existing.siglas)]
    existing.variantes = [*existing.variantes,
                          *(v for v in other.variantes if v not in existing.variantes)]
    existing.generico = existing.generico or other.generico
    if existing.tipo == ActorTipo.otro:
        existing.tipo = other.tipo
    for key in ("nivel", "interno", "notas"):
        if getattr(existing, key) is None:
            setattr(existing, key, getattr(other, key))


def registry_files(data_dir: Path) -> list[Path]:
    """``actors.yaml`` then ``actors.d/*.yaml`` in name order (order only affects messages)."""
    files = []
    main = data_dir / "actors.yaml"
    if main.is_file():
        files.append(main)
    extra = data_dir / "actors.d"
    if extra.is_dir():
        files.extend(sorted(p for p in extra.iterdir() if p.suffix in (".yaml", ".yml")))
    return files


def load_registry(data_dir: Path | None) -> Registry:
    """Read every registry file under ``data_dir``; InputError listing every problem."""
    registry = Registry()
    if data_dir is None:
        return registry
    problems: list[CellError] = []
    docs: dict[str, tuple[YamlDoc, int]] = {}  # actor id -> where its sucede_a is written
    for path in registry_files(data_dir):
        try:
            doc = read_yaml(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(read_entries(doc, registry, path.relative_to(data_dir).as_posix()))
        if isinstance(doc.data, list):
            for number, raw in enumerate(doc.data):
                if isinstance(raw, dict) and raw.get("sucede_a"):
                    actor = registry.resolve(str(raw.get("nombre", "")))
                    if actor is not None:
                        docs[actor.id] = (doc, number)
    if not problems:
        for successor, message in registry.check_successions():
            actor = registry.resolve(successor)
            doc, number = docs[actor.id] if actor is not None else (None, 0)
            if doc is not None:
                problems.append(doc.error([number, "sucede_a"], message))
    if problems:
        raise InputError(problems)
    return registry


def read_entries(doc: YamlDoc, registry: Registry, table: str | None = None) -> list[CellError]:
    """Validate and declare the entries of one registry file.

    ``table`` names the file in provenance (relative to the data folder); without it the
    entries state no facts of their own (no Source rows).
    """
    if doc.data is None:
        return []
    if not isinstance(doc.data, list):
        return [doc.error([], t("registry.not_list"))]
    problems: list[CellError] = []
    for number, raw in enumerate(doc.data):
        try:
            entry = RegistryEntry.model_validate(raw)
        except ValidationError as exc:
            problems.extend(problems_of(exc, doc, [number]))
            continue
        line = doc.line_of([number])
        where = f"{doc.path}:{line}"
        row = EntryRow(table, line) if table is not None and line is not None else None
        for message in registry.declare(entry, where, row):
            problems.append(doc.error([number, "nombre"], message))
    return problems
