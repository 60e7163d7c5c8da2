"""Error answers as RFC 9457 problem details (`application/problem+json`).

Every error a worker's port answers has one shape, whatever answers it: a
view, the router (an unknown path, a method not allowed), the connection (a
malformed request head) or an exception no view expected (500). Besides the
RFC's `type`, `title`, `status`, `detail` and `instance`, a problem carries
`code`, a stable snake_case name to switch on, and for invalid input `errors`,
one per wrong part.

A problem that says no more than its HTTP status has the RFC's `type`
`about:blank`, the status's phrase as `title` and as `code` (`not_found`,
`method_not_allowed`, `internal_server_error`); claimwatch's own problems
(`claimwatch.problems`) have a `type` of their own.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import cast

from aiohttp import web as aioweb
from faust import web
from faust.exceptions import NotReady
from faust.web.exceptions import WebError
from pydantic import BaseModel, Field

__all__ = [
    "PROBLEM_JSON",
    "FieldError",
    "Problem",
    "ProblemView",
    "http_problem",
    "instance_of",
    "problem_middleware",
    "problem_reply",
    "problem_response",
]

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    """One wrong part of the input."""

    detail: str = Field(description="What is wrong with it.")
    pointer: str | None = Field(
        default=None,
        description="Where in the JSON body, as a JSON Pointer in a URI fragment: '#/0/body' is "
        "the `body` of the first article, '#' the whole body.",
    )
    parameter: str | None = Field(default=None, description="The query parameter that is wrong.")


class Problem(BaseModel):
    """An error answer: RFC 9457 problem details, with claimwatch's `code` and `errors`."""

    type: str = Field(
        default="about:blank",
        description="The problem type: `about:blank` when the HTTP status says it all, else "
        "`/problems/{code}` (resolved against the worker's address, where it is documented).",
    )
    title: str = Field(description="The problem type, in a few words: the same every time.")
    status: int = Field(description="The HTTP status code of the answer.")
    detail: str = Field(description="What went wrong this time, in a sentence.")
    instance: str | None = Field(
        default=None, description="The request's path and query (absent for a malformed request)."
    )
    code: str = Field(description="The problem type, in snake_case: what a client switches on.")
    errors: list[FieldError] = Field(
        default_factory=list, description="For invalid input: each wrong part and why."
    )

    def body(self) -> bytes:
        return self.model_dump_json(exclude_none=True).encode("utf-8")


def http_problem(status: int, detail: str = "", instance: str | None = None) -> Problem:
    """A problem that says no more than its HTTP status."""
    phrase = HTTPStatus(status).phrase
    return Problem(
        title=phrase,
        status=status,
        detail=detail or f"{phrase}.",
        instance=instance,
        code=phrase.lower().replace(" ", "_").replace("-", "_"),
    )


def instance_of(request: web.Request | aioweb.BaseRequest) -> str:
    """The request's path and query, as sent (percent-encoded): a problem's `instance`."""
    return str(cast(aioweb.BaseRequest, request).rel_url)


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> aioweb.Response:
    return aioweb.Response(
        body=problem.body(), status=problem.status, content_type=PROBLEM_JSON, headers=headers
    )


Handler = Callable[[aioweb.Request], Awaitable[aioweb.StreamResponse]]


@aioweb.middleware
async def problem_middleware(request: aioweb.Request, handler: Handler) -> aioweb.StreamResponse:
    """The router's errors (404, 405, ...), a worker not started yet (503) and any exception a
    view did not expect (500) as problems; what views answer themselves passes as it is."""
    try:
        return await handler(request)
    except aioweb.HTTPException as exc:
        if exc.status < 400:
            raise
        allow = {"Allow": exc.headers["Allow"]} if "Allow" in exc.headers else None
        return problem_response(http_problem(exc.status, instance=instance_of(request)), allow)
    except NotReady as exc:  # a routed view, before the worker's producer has started
        return problem_response(http_problem(503, f"{exc}.", instance_of(request)))
    except Exception:
        log.exception("unexpected error answering %s %s", request.method, request.path)
        return problem_response(http_problem(500, instance=instance_of(request)))


class ProblemView(web.View):
    """A Faust view that answers problems, its Faust errors too (a 503 when no worker holds a
    key's partition, in a rebalance), which Faust answers as `{"error": ...}`."""

    async def on_request_error(self, request: web.Request, exc: WebError) -> web.Response:
        return problem_reply(self, http_problem(int(exc.code), exc.detail, instance_of(request)))


def problem_reply(view: web.View, problem: Problem) -> web.Response:
    """A view's answer of `problem`."""
    return view.bytes(problem.body(), content_type=PROBLEM_JSON, status=problem.status)
