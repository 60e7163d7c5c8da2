"""A tagged article larger than one record travels in parts, and is whole again before use.

The parses of figure sentences make a tagged article many times its text: 400
short sentences with a figure each came to 1.17 MB, over the 1 MB a record may
hold, and the article was dropped. Dropping the parses would move the parser
to the extract stage; instead the tag and story stages send such an article as
several `TaggedArticle` records, one key (so one partition, in order), each
holding a run of its lists (`paragraphs`, `sentences`, `entities`, `parsed`)
with `part` and `parts` set; `sentence` indices stay the whole article's. The
stages that read them join the parts (`PartsBuffer`) and work on the whole
article, as extraction and stories need it: a figure's speaker or subject may
come from a sentence of another part.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pydantic import BaseModel

from .codec import encode
from .models import TaggedArticle

__all__ = ["PartsBuffer", "join_parts", "split_parts"]

E = TypeVar("E")

_LISTS = ("paragraphs", "sentences", "entities", "parsed")
"""The fields cut into runs, in this order; joining concatenates them."""
_PART_DIGITS = 40
"""Room for `part` and `parts` over what an empty part encodes to."""


def split_parts(article: TaggedArticle, budget: int) -> list[TaggedArticle]:
    """`article` alone if it encodes to at most `budget` bytes, else parts that each do.

    Greedy and linear: items go into the current part until the next would not
    fit. A single item larger than a part (a sentence whose parse alone is over
    the budget) still makes a part too large, which the send refuses with a reason.
    """
    if len(encode(article)) <= budget:
        return [article]
    empty = article.model_copy(update={name: [] for name in _LISTS})
    room = budget - len(encode(empty)) - _PART_DIGITS
    runs: list[dict[str, list[object]]] = [{name: [] for name in _LISTS}]
    used = 0
    for name in _LISTS:
        for item in getattr(article, name):
            size = _encoded_size(item) + 1  # and its comma
            if used + size > room and used:
                runs.append({name: [] for name in _LISTS})
                used = 0
            runs[-1][name].append(item)
            used += size
    return [
        empty.model_copy(update={**run, "part": n, "parts": len(runs)})
        for n, run in enumerate(runs)
    ]


def join_parts(parts: Sequence[TaggedArticle]) -> TaggedArticle:
    """The whole article from all its parts, in any order."""
    ordered = sorted(parts, key=lambda p: p.part)
    lists = {name: [item for p in ordered for item in getattr(p, name)] for name in _LISTS}
    return ordered[0].model_copy(update={**lists, "part": 0, "parts": 1})


def _encoded_size(item: object) -> int:
    if isinstance(item, BaseModel):
        return len(encode(item))
    return len(json.dumps(item, ensure_ascii=False).encode("utf-8"))


@dataclass
class _Pending(Generic[E]):
    parts: dict[int, TaggedArticle] = field(default_factory=dict)
    events: list[E] = field(default_factory=list)


class PartsBuffer(Generic[E]):
    """Parts waiting for the rest of their article, with the events that brought them.

    The events are acknowledged only once their article is whole and handled, so the
    committed offset never passes a part whose article was not handled: a worker that
    stops with parts in here reads them again from there. A part sent twice (a retry,
    an article tagged again after a restart) takes its number's place once more.
    """

    def __init__(self) -> None:
        self._pending: dict[str, _Pending[E]] = {}

    def add(self, part: TaggedArticle, event: E) -> tuple[TaggedArticle, list[E]] | None:
        """The whole article and every event of its parts once `part` completes it, else None."""
        pending = self._pending.setdefault(part.id, _Pending())
        if any(p.parts != part.parts for p in pending.parts.values()):
            pending.parts.clear()  # cut otherwise when sent again: only the new cut joins
        pending.parts[part.part] = part
        pending.events.append(event)
        if set(pending.parts) != set(range(part.parts)):
            return None
        del self._pending[part.id]
        return join_parts(list(pending.parts.values())), pending.events

    def clear(self, *_: object, **__: object) -> None:
        """Forget every part (at a rebalance: they are fetched again from the committed offset)."""
        self._pending.clear()
