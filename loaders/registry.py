"""The actor registry: ``data/actors.yaml`` plus ``data/actors.d/*.yaml``, read as one.

Each entry names one actor (canonical name, siglas, spelling variants, tipo, nivel,
interno). The same actor may be declared in several files when the declarations agree;
its aliases are then merged. A name or alias that would point to two different actors,
or two declarations that disagree, is an error naming both files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t
from tejido.graph.model import Actor, ActorTipo, Nivel, fold

from .actors import ActorIndex
from .builder import actor_node
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
    }
)


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

    @field_validator("nombre")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not fold(value):
            raise ValueError("nombre vacío / empty name")
        return value.strip()

    def actor(self) -> Actor:
        notes = [n for n in (self.notas, self.expansion and f"Expansión: {self.expansion}") if n]
        return actor_node(
            self.nombre,
            siglas=list(self.siglas),
            tipo=self.tipo,
            nivel=self.nivel,
            interno=self.interno,
            notas="; ".join(notes) or None,
        )


@dataclass
class Registry:
    """Resolves actor references to registry actors (see :class:`ActorIndex`)."""

    index: ActorIndex = field(default_factory=ActorIndex)
    #: folded alias -> "file:line" where it was first declared, for clash messages.
    where: dict[str, str] = field(default_factory=dict)
    #: actor id -> "file:line" of its first declaration.
    declared_at: dict[str, str] = field(default_factory=dict)
    #: Longest alias, in words, so segmentation does not try longer spans.
    _max_words: int = 1

    def declare(self, entry: RegistryEntry, where: str) -> list[str]:
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
        aliases = [actor.name, *entry.siglas, *entry.variantes]
        for alias in aliases:
            owner = self.index.keys().get(fold(alias))
            if owner is not None and owner != actor.id:
                problems.append(
                    t("registry.alias_clash", alias=alias, other=self.index.actors[owner].name,
                      where=self.where.get(fold(alias), "?"), actor=actor.name)
                )
        if problems:
            return problems
        self.index.add(actor, [*entry.variantes, *actor.siglas])
        for alias in aliases:
            self.where.setdefault(fold(alias), where)
            self._max_words = max(self._max_words, len(fold(alias).split()))
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


def _merge_declarations(existing: Actor, other: Actor) -> None:
    """Fill what the first declaration left open; siglas are unioned."""
    existing.siglas = [*existing.siglas, *(s for s in other.siglas if s not in existing.siglas)]
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
    for path in registry_files(data_dir):
        try:
            doc = read_yaml(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(read_entries(doc, registry))
    if problems:
        raise InputError(problems)
    return registry


def read_entries(doc: YamlDoc, registry: Registry) -> list[CellError]:
    """Validate and declare the entries of one registry file."""
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
        where = f"{doc.path}:{doc.line_of([number])}"
        for message in registry.declare(entry, where):
            problems.append(doc.error([number, "nombre"], message))
    return problems
