"""Planner-facing text in Spanish (default) and English.

Each module registers its own messages with :func:`register`, so a feature's wording
lives beside the feature. ``t(key, **fields)`` formats in the current language.
"""

from __future__ import annotations

import os

LANGS = ("es", "en")
_catalog: dict[str, dict[str, str]] = {}
_lang = os.environ.get("TEJIDO_LANG", "es") if os.environ.get("TEJIDO_LANG") in LANGS else "es"


def register(messages: dict[str, dict[str, str]]) -> None:
    for key, texts in messages.items():
        missing = [lang for lang in LANGS if lang not in texts]
        if missing:
            raise ValueError(f"message {key!r} lacks {missing}")
        _catalog[key] = texts


def set_lang(lang: str) -> None:
    global _lang
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    _lang = lang


def get_lang() -> str:
    return _lang


def t(key: str, **fields: object) -> str:
    texts = _catalog.get(key)
    if texts is None:
        raise KeyError(f"no message {key!r}")
    return texts[_lang].format(**fields)


def integer(value: int) -> str:
    """``value`` with the language's thousands separator: 12.345 in Spanish, 12,345 in
    English (every count a planner reads: CLI, reports, maps)."""
    text = f"{value:,}"
    return text.replace(",", ".") if _lang == "es" else text


def tn(key: str, count: int, **fields: object) -> str:
    """``t`` with the plural the count asks for: ``<key>.one`` when ``count`` is 1 and such
    a message is registered, else ``key`` (Spanish and English both use the singular for
    exactly one). ``count`` is passed to the message as ``n`` unless given otherwise."""
    chosen = f"{key}.one" if count == 1 and f"{key}.one" in _catalog else key
    return t(chosen, **{"n": count, **fields})
