"""Who stands behind a figure, as one canonical name per body.

Two spokespeople of one body are one voice: the attribution is read without
its role words and articles ("a spokesperson for the Red Cross", "Red Cross
officials" and "the Red Cross" are one voice). A figure nobody is quoted for
is the outlet's own, named by its source or its URL's host: an outlet's
unattributed figures of one key are its running account.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from streams.models import Claim

__all__ = ["outlet", "outlet_name", "same_voice", "voice"]

_ROLE = re.compile(
    r"\b(a|an|the|its|their|his|her|spokes(wo)?m[ae]n|spokesperson|spokespeople|"
    r"officials?|representatives?|sources?|statement|website|according to|for|of the|of)\b",
    re.I,
)
_SPACE = re.compile(r"[^\w]+")


def voice(claim: Claim) -> str:
    """The canonical voice of a claim; '' when neither a speaker nor an outlet is known."""
    return _voice(claim.attributed_to, claim.source, claim.url)


def outlet(claim: Claim) -> str:
    """The outlet that published a claim: its source, else its URL's host ('' if unknown)."""
    return outlet_name(claim.source, claim.url)


def same_voice(a: Claim, b: Claim) -> bool:
    return bool(voice(a)) and voice(a) == voice(b)


@lru_cache(maxsize=1 << 14)
def _voice(attributed_to: str | None, source: str | None, url: str | None) -> str:
    """Cached: the detector asks it of every pair of a key's timeline."""
    if attributed_to:
        # Spaces and punctuation go too: 'South Eastern Railway' is 'Southeastern Railway'.
        name = _SPACE.sub("", _ROLE.sub(" ", attributed_to.casefold()))
        return name or _SPACE.sub("", attributed_to.casefold())
    name = outlet_name(source, url)
    return f"outlet:{name.casefold()}" if name else ""


def outlet_name(source: str | None, url: str | None) -> str:
    """An outlet's name: its source, else its URL's host ('' if neither is known)."""
    if source:
        return source.strip()
    host = urlsplit(url).hostname or "" if url else ""
    return host.removeprefix("www.")
