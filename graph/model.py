"""The graph model: node and relationship shapes, closed vocabularies, stable ids.

Every node and relationship carries ``sources``: the ids of the :class:`Source` rows it
came from (document, table, row), so any fact in a report can be traced back.
Ids are derived from the canonical name and the node type, never from load order, so
loading the same data twice is a no-op.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator


class ActorTipo(StrEnum):
    secretaria = "secretaria"
    empresa_publica = "empresa_publica"
    agencia = "agencia"
    administracion_zonal = "administracion_zonal"
    gad_parroquial = "gad_parroquial"
    gad_cantonal = "gad_cantonal"
    gad_provincial = "gad_provincial"
    gobierno_nacional = "gobierno_nacional"
    cooperacion = "cooperacion"
    privado = "privado"
    sociedad_civil = "sociedad_civil"
    academia = "academia"
    otro = "otro"


class Nivel(StrEnum):
    parroquial = "parroquial"
    cantonal = "cantonal"
    metropolitano = "metropolitano"
    provincial = "provincial"
    nacional = "nacional"
    internacional = "internacional"


class ActionTipo(StrEnum):
    accion = "accion"
    iniciativa = "iniciativa"
    proyecto = "proyecto"
    programa = "programa"
    actividad = "actividad"


class Estado(StrEnum):
    planificada = "planificada"
    en_marcha = "en_marcha"
    finalizada = "finalizada"
    suspendida = "suspendida"
    no_iniciada = "no_iniciada"


class MechanismTipo(StrEnum):
    convenio = "convenio"
    acuerdo = "acuerdo"
    alianza = "alianza"
    app = "app"
    carta_intencion = "carta_intencion"
    mesa_tecnica = "mesa_tecnica"
    reunion_bilateral = "reunion_bilateral"
    mancomunidad = "mancomunidad"
    consorcio = "consorcio"
    convenio_delegacion = "convenio_delegacion"
    contrato = "contrato"
    otro = "otro"


class Autoridad(StrEnum):
    """What standing a source document has, for weighing what it says (issue 10's ranking).

    Declared by each dataset (``autoridad:`` in dataset.yaml); a planner's workbook is
    ``sin_declarar``.
    """

    #: A plan a council adopted (by ordinance), e.g. a PMDOT.
    plan_adoptado = "plan_adoptado"
    #: An institution's own report or strategy.
    informe_institucional = "informe_institucional"
    #: A government programme document.
    programa = "programa"
    #: A candidate's or proponent's work plan, not adopted.
    propuesta = "propuesta"
    #: Nobody said (e.g. a planner's workbook).
    sin_declarar = "sin_declarar"


#: The closed lists, by the field name a user sees in the workbook (or dataset.yaml).
CLOSED_LISTS: dict[str, type[StrEnum]] = {
    "actor.tipo": ActorTipo,
    "actor.nivel": Nivel,
    "accion.tipo": ActionTipo,
    "accion.estado": Estado,
    "mecanismo.tipo": MechanismTipo,
    "documento.autoridad": Autoridad,
}


def fold(text: str) -> str:
    """Case-, accent- and whitespace-insensitive key.

    'Secretaría  de Ambiente' -> 'secretaria de ambiente'.
    """
    if text.isascii():  # NFKD leaves ASCII as it is, and it has no combining marks
        return " ".join(text.casefold().split())
    bare = unicodedata.normalize("NFKD", text).translate(_WITHOUT_COMBINING)
    return " ".join(bare.casefold().split())


class _CombiningDropped(dict[int, int | None]):
    """A ``str.translate`` table deleting combining marks (``unicodedata.combining``),
    filled as characters are met: every name, title and heading of a portfolio is folded,
    and a test per character in Python was most of the cost. At most ``LIMIT`` characters
    are kept, so a file using all of Unicode cannot grow it without bound."""

    LIMIT = 1 << 16

    def __missing__(self, ordinal: int) -> int | None:
        kept = None if unicodedata.combining(chr(ordinal)) else ordinal
        if len(self) < self.LIMIT:
            self[ordinal] = kept
        return kept


_WITHOUT_COMBINING = _CombiningDropped()


_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 48
_PLAIN_WORDS = re.compile(r"[a-z0-9]+( [a-z0-9]+)*")


def stable_id(kind: str, *parts: str) -> str:
    """A readable, deterministic id: ``actor:conquito``, ``action:desarrollar-sistemas-…-1a2b3c4d``.

    The slug keeps ids legible in Neo4j Browser and exports; the hash suffix (of the full
    folded key) keeps long or punctuation-only names distinct.
    """
    key = "\x1f".join(fold(p) for p in parts)
    slug = _NON_ALNUM.sub("-", key).strip("-")
    # The hash is only left out where the folded name is plain words, so that the slug
    # says it all: "a b" -> a-b, while "a-b" and "a.b" get a hash each.
    if len(slug) > _MAX_SLUG or len(parts) > 1 or not _PLAIN_WORDS.fullmatch(key):
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
        slug = f"{slug[:_MAX_SLUG].rstrip('-')}-{digest}" if slug else digest
    return f"{kind}:{slug}"


class GraphModel(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True, frozen=False)

    def model_post_init(self, _context: Any) -> None:
        # pydantic keeps, per instance, the set of fields the caller passed (for
        # ``exclude_unset``, which tejido never uses): 728 of a relationship's 1 429 bytes.
        # A national portfolio builds two million of them; an empty set is 216 bytes.
        object.__setattr__(self, "__pydantic_fields_set__", set())


class Node(GraphModel):
    """Base of every node. ``label`` is the Neo4j label, taken only from this model."""

    label: ClassVar[str]
    id: str
    sources: list[str] = Field(default_factory=list)

    def properties(self) -> dict[str, Any]:
        """Properties as stored (ids and enums as plain strings, no nulls)."""
        return {k: v for k, v in self.model_dump(mode="json").items() if v is not None}

    @property
    def display(self) -> str:
        return getattr(self, "name", None) or getattr(self, "titulo", None) or self.id


class Actor(Node):
    label: ClassVar[str] = "Actor"
    name: str
    siglas: list[str] = Field(default_factory=list)
    #: Other names decided to be this same actor (an equivalence ``mismo_actor``): they
    #: resolve to it, and the quality report lists them with the rows that decided it.
    variantes: list[str] = Field(default_factory=list)
    tipo: ActorTipo = ActorTipo.otro
    nivel: Nivel | None = None
    interno: bool | None = None
    notas: str | None = None
    #: True when the actor was referenced but never declared (created with tipo "otro").
    auto: bool = False
    #: True when the name is a category or a group («COOPERACIÓN», «GADs»), not one
    #: institution: shown as such, never the subject of a coordination finding.
    generico: bool = False

    @classmethod
    def key(cls, name: str) -> str:
        return stable_id("actor", name)


class Action(Node):
    label: ClassVar[str] = "Action"
    titulo: str
    tipo: ActionTipo = ActionTipo.accion
    estado: Estado | None = None
    eje: str | None = None
    objetivo: str | None = None
    problema: str | None = None
    lineamiento: str | None = None
    ambito: str | None = None
    descripcion: str | None = None

    @classmethod
    def key(cls, titulo: str, eje: str | None = None, objetivo: str | None = None) -> str:
        # The same title under another eje/objective is another action: keeping them
        # apart is what lets the gap report find duplicated initiatives.
        return stable_id("action", titulo, eje or "", objetivo or "")


class Territory(Node):
    label: ClassVar[str] = "Territory"
    name: str
    tipo: str | None = None
    parent: str | None = None
    codigo: str | None = None

    @classmethod
    def key(cls, name: str) -> str:
        return stable_id("territory", name)


class Mechanism(Node):
    label: ClassVar[str] = "Mechanism"
    name: str
    tipo: MechanismTipo = MechanismTipo.otro

    @classmethod
    def key(cls, name: str) -> str:
        return stable_id("mechanism", name)


class Axis(Node):
    """An eje, an objective or any other heading actions sit under; they may nest."""

    label: ClassVar[str] = "Axis"
    name: str
    tipo: str = "eje"
    codigo: str | None = None
    parent: str | None = None
    #: What the source document says about itself (e.g. "36 iniciativas"), for the quality report.
    iniciativas_declaradas: int | None = None
    #: Why what was found differs from ``iniciativas_declaradas`` (or why it agrees only
    #: in a certain reading), in the dataset's words: shown beside the count by ``quality``.
    nota_declaradas: str | None = None
    #: Actor ids the document names as responsible for the axis. Not LEADS: a narrative that
    #: names who proposed an objective's initiatives does not say who leads each one.
    responsables: list[str] = Field(default_factory=list)

    @classmethod
    def key(cls, name: str, tipo: str = "eje") -> str:
        return stable_id("axis", tipo, name)


class Source(Node):
    """One row of one table of one document: the unit of provenance."""

    label: ClassVar[str] = "Source"
    document: str
    table: str
    row: int
    #: What could not be read from this row ("code: column: value"), for the quality report.
    problemas: list[str] = Field(default_factory=list)

    @classmethod
    def key(cls, document: str, table: str, row: int) -> str:
        return stable_id("source", document, table, str(row))

    @classmethod
    def of(cls, document: str, table: str, row: int) -> Source:
        return cls(id=cls.key(document, table, row), document=document, table=table, row=row)


class Document(Node):
    """One source document (a bundled dataset's, or a planner's workbook): what reports name
    it by and how much it weighs.

    ``id`` is the document as :attr:`Source.document` holds it (a dataset's ``document:``,
    a workbook's file name), so a Source row finds its document without a relationship.
    Its ``sources`` are every row of the document: a re-load of the document takes them all
    back (:attr:`GraphBatch.replaces`), so the node, like any other, is renewed with the new
    title and autoridad, or deleted with the rest of what only the document said.
    """

    label: ClassVar[str] = "Document"
    title: str
    autoridad: Autoridad = Autoridad.sin_declarar

    @property
    def display(self) -> str:
        return self.title


NODE_TYPES: dict[str, type[Node]] = {
    cls.label: cls for cls in (Actor, Action, Territory, Mechanism, Axis, Source, Document)
}


class RelType(StrEnum):
    LEADS = "LEADS"
    ARTICULATES = "ARTICULATES"
    TARGETS = "TARGETS"
    USES = "USES"
    UNDER = "UNDER"
    PART_OF = "PART_OF"
    RELATES = "RELATES"
    #: An actor a document names as responsible for an axis (an objective's secretarías).
    RESPONSIBLE_FOR = "RESPONSIBLE_FOR"
    #: An institution that replaced another (a renamed secretaría): successor -> predecessor.
    SUCCEEDS = "SUCCEEDS"
    #: The actor that convenes an articulation mechanism (a mesa, a convenio it promotes).
    CONVENES = "CONVENES"


#: Which labels each relationship type may join (source label, target label).
REL_ENDPOINTS: dict[RelType, set[tuple[str, str]]] = {
    RelType.LEADS: {("Actor", "Action")},
    RelType.ARTICULATES: {("Actor", "Action")},
    RelType.TARGETS: {("Action", "Territory"), ("Mechanism", "Territory")},
    RelType.USES: {("Action", "Mechanism")},
    RelType.UNDER: {("Action", "Axis")},
    RelType.PART_OF: {("Territory", "Territory"), ("Axis", "Axis")},
    RelType.RELATES: {("Actor", "Actor")},
    RelType.RESPONSIBLE_FOR: {("Actor", "Axis")},
    RelType.SUCCEEDS: {("Actor", "Actor")},
    RelType.CONVENES: {("Actor", "Mechanism")},
}
#: The properties that, with (type, source, target), identify a relationship: two RELATES
#: ties of different tipo between the same actors are two ties; any other type is one per
#: pair. Declared once: the model's keys, the Neo4j MERGE and the snapshot all derive it.
REL_IDENTITY: dict[RelType, tuple[str, ...]] = {RelType.RELATES: ("tipo",)}
#: Properties a relationship may carry besides its sources.
REL_PROPERTIES = ("tipo", "peso", "mecanismo", "printed", "derived")


def rel_key(rel_type: RelType, props: dict[str, Any]) -> str:
    """A relationship's identity within (source, target): its type, plus the values of
    its identity properties (``RELATES:convenio``)."""
    parts = [str(props.get(name)) for name in REL_IDENTITY.get(rel_type, ())]
    return ":".join([rel_type.value, *parts])


class Rel(GraphModel):
    """A relationship. One per (type, source, target, tipo): re-loading merges into it."""

    type: RelType
    source: str
    target: str
    source_label: str
    target_label: str
    sources: list[str] = Field(default_factory=list)
    # RELATES only: the tie's own kind, weight and mechanism.
    tipo: str | None = None
    peso: float | None = None
    mecanismo: str | None = None
    #: Source ids of the rows where the fact is printed, when that is not every row it
    #: applies to (a filled-down cell is printed once and applies to the rows below).
    printed: list[str] | None = None
    #: The rule that constructed the fact when no cell states it (e.g. a default rector).
    derived: str | None = None

    @field_validator("source_label", "target_label")
    @classmethod
    def _known_label(cls, value: str) -> str:
        if value not in NODE_TYPES:
            raise ValueError(f"unknown label {value!r}")
        return value

    def model_post_init(self, _context: Any) -> None:
        super().model_post_init(_context)
        if self.type == RelType.RELATES and self.tipo is None:
            self.tipo = "relacion"  # part of the tie's identity, so never null
        if (self.source_label, self.target_label) not in REL_ENDPOINTS[RelType(self.type)]:
            raise ValueError(
                f"{self.type} cannot join {self.source_label} to {self.target_label}"
            )

    @property
    def key(self) -> str:
        """Identity within (source, target): see :func:`rel_key`."""
        return rel_key(RelType(self.type), {"tipo": self.tipo})

    def properties(self) -> dict[str, Any]:
        props: dict[str, Any] = {"sources": list(self.sources)}
        for name in REL_PROPERTIES:
            value = getattr(self, name)
            if value is not None:
                props[name] = value
        return props


class GraphBatch(GraphModel):
    """What a loader hands to a store: validated nodes and relationships, deduplicated."""

    nodes: dict[str, Node] = Field(default_factory=dict)
    rels: dict[tuple[str, str, str], Rel] = Field(default_factory=dict)
    #: Documents whose whole contribution this batch replaces: a store drops every fact
    #: (and citation) that cites only rows of these documents and that the batch no longer
    #: states, so a corrected, re-loaded workbook leaves nothing of its old version behind.
    replaces: set[str] = Field(default_factory=set)
    # Sources already listed per node/rel: an axis cited by thousands of rows must not
    # rebuild a set on every sighting.
    _seen: dict[int, set[str]] = PrivateAttr(default_factory=dict)

    def add_node(self, node: Node) -> Node:
        """Add or merge a node; a second sighting only adds its sources.

        The first sighting's properties win, except that a declared actor replaces one
        that was only created from a reference (``auto``).
        """
        existing = self.nodes.get(node.id)
        if existing is None:
            self.nodes[node.id] = node
            return node
        if getattr(existing, "auto", False) and not getattr(node, "auto", False):
            self.nodes[node.id] = node
            node.sources, existing.sources = existing.sources, node.sources
            self._seen[id(node)] = self._seen.pop(id(existing), set(node.sources))
            self.cite(node, existing.sources)
            return node
        self.cite(existing, node.sources)
        return existing

    def add_rel(self, rel: Rel) -> Rel:
        ident = (rel.source, rel.target, rel.key)
        existing = self.rels.get(ident)
        if existing is None:
            self.rels[ident] = rel
            return rel
        self.cite(existing, rel.sources)
        if rel is not existing:
            if rel.printed:
                existing.printed = list(dict.fromkeys([*(existing.printed or []), *rel.printed]))
            if rel.derived is None:
                existing.derived = None  # a fact some row states is not derived
        if rel.peso is not None and existing.peso is not None and rel is not existing:
            existing.peso = max(existing.peso, rel.peso)
        return existing

    def extend(self, other: GraphBatch) -> None:
        self.replaces |= other.replaces
        for node in other.nodes.values():
            self.add_node(node)
        for rel in other.rels.values():
            self.add_rel(rel)

    def nodes_by_label(self) -> dict[str, list[Node]]:
        grouped: dict[str, list[Node]] = {}
        for node in self.nodes.values():
            grouped.setdefault(node.label, []).append(node)
        return grouped

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for node in self.nodes.values():
            out[node.label] = out.get(node.label, 0) + 1
        for rel in self.rels.values():
            out[str(rel.type)] = out.get(str(rel.type), 0) + 1
        return dict(sorted(out.items()))


    def cite(self, item: Node | Rel, more: list[str]) -> None:
        """Add ``more`` Source ids to what ``item`` lists, first-seen order, once each."""
        seen = self._seen.get(id(item))
        if seen is None:
            seen = self._seen[id(item)] = set(item.sources)
        for source in more:
            if source not in seen:
                item.sources.append(source)
                seen.add(source)
