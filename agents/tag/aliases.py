"""The alias table: canonical names for the ways articles write entities.

Data lives in `aliases.json` (package data); users add their own files of the
same shape. Pure Python, shared by the tagger (to canonicalise entities) and
the claim extractor (to map a person or agency to the country it acts for).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = [
    "Alias",
    "AliasTable",
    "default_aliases",
    "display_name",
    "load_aliases",
    "normalise_name",
]

_APOSTROPHES = re.compile(r"[’‘`]")
_POSSESSIVE = re.compile(r"(?:'s|')$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACES = re.compile(r"[\s\-]+")


def normalise_name(text: str) -> str:
    """The lookup form of a name: 'the U.S.' == 'U.S.'; 'Kim Jong-un' == 'kim jong un'."""
    text = _APOSTROPHES.sub("'", text.strip())
    text = _POSSESSIVE.sub("", _LEADING_THE.sub("", text))
    return _SPACES.sub(" ", text.replace(".", "")).strip().lower()


def display_name(text: str) -> str:
    """An unknown entity's canonical form: its own words without 'the' or a possessive."""
    text = _APOSTROPHES.sub("'", text.strip())
    return _POSSESSIVE.sub("", _LEADING_THE.sub("", text)).strip()


@dataclass(frozen=True, slots=True)
class Alias:
    canonical: str
    label: str
    acts_for: str | None = None


@dataclass(slots=True)
class AliasTable:
    """Lookups by normalised name; `phrases` feeds a phrase matcher."""

    by_name: dict[str, Alias] = field(default_factory=dict)
    phrases: dict[str, Alias] = field(default_factory=dict)

    def add(self, alias: Alias, names: Iterable[str]) -> None:
        for name in (alias.canonical, *names):
            self.by_name[normalise_name(name)] = alias
            self.phrases[_APOSTROPHES.sub("'", name)] = alias

    def lookup(self, text: str) -> Alias | None:
        """The alias for an entity's text, also trying the part after a possessor."""
        found = self.by_name.get(normalise_name(text))
        if found is None and "'s " in _APOSTROPHES.sub("'", text):
            found = self.by_name.get(normalise_name(_APOSTROPHES.sub("'", text).split("'s ")[-1]))
        return found

    def canonical(self, text: str) -> str:
        found = self.lookup(text)
        return found.canonical if found else display_name(text)

    def actor(self, canonical: str) -> str:
        """The country a person or body acts for, else the name itself."""
        found = self.by_name.get(normalise_name(canonical))
        return found.acts_for if found and found.acts_for else canonical

    def __iter__(self) -> Iterator[tuple[str, Alias]]:
        return iter(self.phrases.items())


def load_aliases(paths: Iterable[Path | str] = ()) -> AliasTable:
    """The packaged table, extended (and overridden) by each file in `paths`."""
    table = AliasTable()
    _fill(table, resources.files(__package__).joinpath("aliases.json").read_text("utf-8"))
    for path in paths:
        _fill(table, Path(path).read_text("utf-8"))
    return table


@cache
def default_aliases() -> AliasTable:
    """The packaged table, read once per process."""
    return load_aliases()


def _fill(table: AliasTable, text: str) -> None:
    for entry in json.loads(text)["entries"]:
        alias = Alias(entry["canonical"], entry.get("label", "ORG"), entry.get("acts_for"))
        table.add(alias, entry.get("aliases", ()))
