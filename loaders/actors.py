"""Resolving actor references: one actor however a document spells it.

A reference matches an actor's canonical name, one of its siglas or one of its spelling
variants, compared case-, accent- and whitespace-insensitively (:func:`fold`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tejido.graph.model import Actor, fold


@dataclass
class ActorIndex:
    actors: dict[str, Actor] = field(default_factory=dict)  # by id
    _by_key: dict[str, str] = field(default_factory=dict)  # folded name/alias -> id

    def add(self, actor: Actor, variants: list[str] | tuple[str, ...] = ()) -> list[str]:
        """Register an actor; returns the aliases already taken by another actor."""
        self.actors[actor.id] = actor
        clashes = []
        for alias in [actor.name, *actor.siglas, *variants]:
            key = fold(alias)
            if not key:
                continue
            owner = self._by_key.get(key)
            if owner is not None and owner != actor.id:
                clashes.append(alias)
                continue
            self._by_key[key] = actor.id
        return clashes

    def resolve(self, reference: str) -> Actor | None:
        actor_id = self._by_key.get(fold(reference))
        return self.actors.get(actor_id) if actor_id else None

    def owner(self, alias: str) -> str | None:
        """The id of the actor ``alias`` (any spelling) already names, if any."""
        return self._by_key.get(fold(alias))

    def keys(self) -> dict[str, str]:
        """Folded alias -> actor id, for fuzzy look-ups and reports."""
        return dict(self._by_key)
