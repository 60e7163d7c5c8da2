"""claimwatch's own problem types: what the HTTP views answer when they refuse a request.

Each has a `code`, one HTTP status, a title, and a `type` of `/problems/{code}`:
an address on every worker, where the problem type is documented (RFC 9457 asks
that a problem type's URI, if it can be fetched, give its documentation). The
README's HTTP API section lists them; the OpenAPI document names each route's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import quote

from pydantic import ValidationError

from streams.health import HealthStatus
from streams.web.problems import FieldError, Problem

__all__ = ["PROBLEMS_PATH", "PROBLEM_TYPES", "ProblemType", "invalid", "problem"]

PROBLEMS_PATH = "/problems/"

_FRAGMENT_SAFE = "!$&'()*+,;=:@"
"""What a URI fragment holds as it is, besides letters, digits and '-._~' (RFC 3986)."""


@dataclass(frozen=True)
class ProblemType:
    status: HTTPStatus
    title: str
    description: str

    def text(self, code: str) -> str:
        """Its documentation, as /problems/{code} serves it."""
        return (
            f"{self.title}\n\ncode: {code}\nHTTP status: {self.status.value} "
            f"{self.status.phrase}\n\n{self.description}\n"
        )


PROBLEM_TYPES: dict[str, ProblemType] = {
    "invalid_article": ProblemType(
        HTTPStatus.BAD_REQUEST,
        "Not an article",
        "The body of POST /articles is not one RawArticle JSON object, nor a non-empty list of "
        "them. `errors` names each wrong part by a JSON Pointer into the body ('#/0/body': the "
        "first article has no `body`). Nothing was sent.",
    ),
    "invalid_query": ProblemType(
        HTTPStatus.BAD_REQUEST,
        "Invalid query",
        "A query parameter is not what the route takes (GET /alerts: `since` an ISO 8601 "
        "time, `limit` a whole number from 1; the stories routes: a `cursor` a page gave, a "
        "`kind`, `severity` or `format` they know). `errors` names each by its `parameter`.",
    ),
    "missing_key": ProblemType(
        HTTPStatus.BAD_REQUEST,
        "No claim key",
        "GET /claims needs the claim key as its `key` query parameter.",
    ),
    "unknown_key": ProblemType(
        HTTPStatus.NOT_FOUND,
        "Unknown claim key",
        "No claim on this key is known: none was made, or its claims are older than the "
        "detector's history.",
    ),
    "unknown_story": ProblemType(
        HTTPStatus.NOT_FOUND,
        "Unknown story",
        "No story of this id is held: none was seen, or it is older than what the workers "
        "keep (`CLAIMWATCH_STORY_VIEW_MAX_CLAIMS`).",
    ),
    "stories_loading": ProblemType(
        HTTPStatus.SERVICE_UNAVAILABLE,
        "Stories loading",
        "The worker has not yet read what was on the `stories`, `claims` and `alerts` topics "
        "when it started, so its answer would be partial: ask again shortly (`Retry-After`), or "
        "ask another worker.",
    ),
    "body_too_large": ProblemType(
        HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
        "Request body too large",
        "The body passed `CLAIMWATCH_MAX_MESSAGE_BYTES`; the rest was not read and the "
        "connection is closed. Nothing was sent.",
    ),
    "message_too_large": ProblemType(
        HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
        "Article too large for a record",
        "One article's record on `articles.raw` would pass `CLAIMWATCH_MAX_MESSAGE_BYTES`; "
        "`detail` names it by its index and id. None of the articles was sent.",
    ),
    HealthStatus.STARTING: ProblemType(
        HTTPStatus.SERVICE_UNAVAILABLE,
        "Worker starting",
        "The worker has not started yet (GET /readyz says when it is ready). Nothing was sent.",
    ),
    HealthStatus.BROKER_UNREACHABLE: ProblemType(
        HTTPStatus.SERVICE_UNAVAILABLE,
        "Broker unreachable",
        "The broker has not answered for `CLAIMWATCH_BROKER_TIMEOUT` seconds, or did not ack "
        "the articles within them. Some articles may still reach the topic; sending them again "
        "is safe (the duplicate check marks a re-send).",
    ),
    HealthStatus.STORE_UNWRITABLE: ProblemType(
        HTTPStatus.SERVICE_UNAVAILABLE,
        "Table store unwritable",
        "The worker cannot write its state under `CLAIMWATCH_DATA_DIR` and is stopping. "
        "Nothing was sent; another worker takes the articles.",
    ),
}
"""Every problem claimwatch's views answer, by code; others say no more than their status."""


def problem(
    code: str, instance: str, detail: str = "", errors: Iterable[FieldError] = ()
) -> Problem:
    """The problem of `code` (one of PROBLEM_TYPES) for the request at `instance`."""
    kind = PROBLEM_TYPES[code]
    return Problem(
        type=f"{PROBLEMS_PATH}{code}",
        title=kind.title,
        status=kind.status,
        detail=detail or f"{kind.title}.",
        instance=instance,
        code=str(code),
        errors=list(errors),
    )


def invalid(code: str, instance: str, exc: ValidationError, *, query: bool = False) -> Problem:
    """The problem of invalid input: each error of `exc` as a JSON Pointer into the body, or as
    the query parameter it is about."""
    errors = [
        FieldError(
            detail=error["msg"],
            parameter=str(error["loc"][0]) if query and error["loc"] else None,
            pointer=None if query else _pointer(error["loc"]),
        )
        for error in exc.errors(include_url=False)
    ]
    first = errors[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    detail = f"{first.parameter or first.pointer}: {first.detail}{more}"
    return problem(code, instance, detail, errors)


def _pointer(loc: tuple[int | str, ...]) -> str:
    """A location in pydantic's terms as a JSON Pointer (RFC 6901) in a URI fragment."""
    steps = (str(part).replace("~", "~0").replace("/", "~1") for part in loc)
    return "#" + "".join(f"/{quote(step, safe=_FRAGMENT_SAFE)}" for step in steps)
