"""The worker's HTTP server: request bodies read within a limit, malformed heads answered.

A body is read chunk by chunk and refused as soon as it passes its limit:
reading it whole first let a 300 MB POST take 1 GB of a worker's memory.

aiohttp answers any request it cannot parse with a 400 and logs an ERROR with
a traceback: a 70 KB request line (a probe, a runaway client) filled the log of
a public port. Here a request line too long is 414, a header too long 431,
anything else malformed 400, each logged as one INFO line. aiohttp has no
setting for this, only its connection class, which `_Runner` swaps in.

Every error answer is a problem (`streams.web.problems`): the connection's, and
through a middleware the router's and those of exceptions no view expected.
"""

from __future__ import annotations

import asyncio
import logging
import re
import socket
from http import HTTPStatus
from typing import Any, cast

from aiohttp.http_exceptions import HttpProcessingError, LineTooLong
from aiohttp.web import AppRunner, Request, StreamResponse
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest
from aiohttp.web_server import Server
from faust import web
from faust.web.drivers import aiohttp

from ..errors import StageError, UserError
from .problems import http_problem, problem_middleware, problem_response

__all__ = ["BodyTooLarge", "PortInUse", "Web", "check_port", "head_error_status", "read_body"]

log = logging.getLogger(__name__)

_REQUEST_TARGET = re.compile(rb"([A-Z]+ )?(/|\*|[A-Za-z][A-Za-z0-9+.-]*://)")
"""The start of a request line or of its target: what aiohttp quotes when the request line is
too long (a header too long is quoted from its name or value)."""


class BodyTooLarge(StageError):
    """A request body over the limit; the rest of it is never read."""

    def __init__(self, limit: int) -> None:
        super().__init__("body_too_large", f"request body over {limit} bytes")


async def read_body(view_request: web.Request, limit: int) -> bytes:
    """The request's body; BodyTooLarge as soon as it (or its Content-Length) passes `limit`."""
    request = cast(Request, view_request)  # what Faust's aiohttp driver hands its views
    if request.content_length is not None and request.content_length > limit:
        raise BodyTooLarge(limit)
    body = bytearray()
    async for chunk in request.content.iter_any():
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge(limit)
    return bytes(body)


class PortInUse(UserError):
    """The web port is taken by another process."""


def check_port(host: str, port: int) -> None:
    """PortInUse if nothing can listen on host:port (checked as aiohttp binds: address reuse on,
    so a port left in TIME_WAIT by a stopped worker counts as free)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise PortInUse(
                f"cannot listen on {host}:{port} (CLAIMWATCH_WEB_HOST, CLAIMWATCH_WEB_PORT): "
                f"{exc.strerror or exc}"
            ) from exc


def head_error_status(exc: BaseException) -> HTTPStatus:
    """The answer to a request head aiohttp could not parse."""
    if isinstance(exc, LineTooLong):
        line = exc.args[0] if exc.args else b""
        if isinstance(line, bytes | bytearray) and _REQUEST_TARGET.match(line):
            return HTTPStatus.REQUEST_URI_TOO_LONG
        return HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
    return HTTPStatus.BAD_REQUEST


class _Connection(RequestHandler):
    def handle_error(
        self,
        request: BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> StreamResponse:
        if status != HTTPStatus.BAD_REQUEST or not isinstance(exc, HttpProcessingError):
            # Logged as aiohttp does (and refused if an answer was begun), answered as a problem.
            status = super().handle_error(request, status, exc, message).status
        else:
            status = head_error_status(exc)
            log.info("answered %d to a malformed request from %s", status, request.remote)
        response = problem_response(http_problem(status))
        response.force_close()
        return response


class _Server(Server):
    def __call__(self) -> RequestHandler:
        return _Connection(self, loop=self._loop, **self._kwargs)


class _Runner(AppRunner):
    async def _make_server(self) -> Server:
        made = await super()._make_server()
        return _Server(
            made.request_handler,
            request_factory=made.request_factory,
            handler_cancellation=made.handler_cancellation,
            loop=asyncio.get_running_loop(),
            **made._kwargs,
        )


class Web(aiohttp.Web):
    """Faust's aiohttp web driver with `_Connection` answering malformed request heads, and
    every error answered as a problem."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.web_app.middlewares.append(problem_middleware)
        self._runner = _Runner(self.web_app, access_log=None)
