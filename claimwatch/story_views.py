"""The stories API: GET /stories and a story's detail, claims, alerts and live changes.

Every worker answers from its own `StoryFeed` (`claimwatch.story_feed`), which
holds every story, so no request is routed or fanned out. JSON by default;
`?format=csv` gives the same rows as CSV (`claimwatch.csv_export`), with the
next page, if any, in a `Link: <...>; rel="next"` header. Live changes are
server-sent events (aiohttp-sse): `event:` claim, alert or story, `data:` the
record as on its topic, `id:` `<run>-<seq>`, and a comment every
`HEARTBEAT_SECONDS`; a client resuming with a `Last-Event-ID` this worker can
no longer serve gets `event: reset` and reads the story anew. Until the worker
has read what was on the topics when it started, the routes answer 503
`stories_loading` rather than a partial answer.
"""

from __future__ import annotations

import asyncio
from typing import Any, Literal, TypeVar, cast

from aiohttp import web as aioweb
from aiohttp_sse import sse_response
from faust import web
from pydantic import BaseModel, Field, ValidationError

from agents.stories import (
    InvalidCursor,
    QuantityView,
    StoriesQuery,
    StoryAlertsQuery,
    StoryClaimsQuery,
    StorySummary,
    VoicedClaim,
)
from streams.app import ClaimwatchApp
from streams.models import Alert
from streams.web.problems import FieldError, Problem, ProblemView, instance_of, problem_reply

from .csv_export import CSV, to_csv
from .problems import invalid, problem
from .story_feed import StoryFeed, follow_stories
from .views import AlertsPage

__all__ = ["HEARTBEAT_SECONDS", "OutputFormat", "register_story_views"]

HEARTBEAT_SECONDS = 15.0
"""Between two comments on a live stream: proxies close a connection silent for long."""

JSON = "application/json"
Q = TypeVar("Q", bound=BaseModel)


class OutputFormat(BaseModel):
    """`format` of every stories route but the live ones."""

    format: Literal["json", "csv"] = Field(
        default="json", description="json, or csv: the same rows as CSV, one column per field."
    )


def _parse(model: type[Q], request: web.Request) -> tuple[Q, str] | Problem:
    """The query as `model` and the output format, or the problem naming what is wrong."""
    query = dict(request.query)
    try:
        output = OutputFormat.model_validate({"format": query.pop("format", "json")})
        return model.model_validate(query), output.format
    except ValidationError as exc:
        return invalid("invalid_query", instance_of(request), exc, query=True)


def _bad_cursor(request: web.Request) -> Problem:
    detail = "not a cursor a page gave"
    return problem(
        "invalid_query",
        instance_of(request),
        f"cursor: {detail}",
        [FieldError(detail=detail, parameter="cursor")],
    )


def register_story_views(app: ClaimwatchApp) -> StoryFeed:
    """Add the stories API to `app`, with the read model its task fills; the feed."""
    feed = follow_stories(app)
    book = feed.book

    async def end_streams(_: aioweb.Application) -> None:
        feed.close()  # before the server waits for its handlers: live streams never end

    app.web.web_app.on_shutdown.append(end_streams)  # type: ignore[attr-defined]

    def reply(
        view: web.View,
        request: web.Request,
        body: BaseModel,
        output: str,
        rows: tuple[type[BaseModel], list[Any]],
        next_cursor: str | None = None,
    ) -> web.Response:
        if output == "json":
            return view.bytes(body.model_dump_json().encode("utf-8"), content_type=JSON)
        response = view.bytes(to_csv(*rows).encode("utf-8"), content_type=CSV)
        if next_cursor is not None:
            url = cast(aioweb.Request, request).rel_url.update_query(cursor=next_cursor)
            response.headers["Link"] = f'<{url}>; rel="next"'  # type: ignore[attr-defined]
        return response

    def unknown(view: web.View, request: web.Request) -> web.Response:
        return problem_reply(view, problem("unknown_story", instance_of(request)))

    def admit(view: web.View, request: web.Request, model: type[Q]) -> tuple[Q, str] | web.Response:
        """The query and output format, or the refusal: a 503 while the book is still reading
        the topics (its answer would be partial), a 400 for a bad query."""
        if not feed.caught_up.is_set():
            response = problem_reply(view, problem("stories_loading", instance_of(request)))
            response.headers["Retry-After"] = "1"  # type: ignore[attr-defined]
            return response
        parsed = _parse(model, request)
        return problem_reply(view, parsed) if isinstance(parsed, Problem) else parsed

    @app.page("/stories", base=ProblemView)
    async def stories(self: web.View, request: web.Request) -> web.Response:
        """Stories, newest activity first, as the query selects."""
        admitted = admit(self, request, StoriesQuery)
        if not isinstance(admitted, tuple):
            return admitted
        query, output = admitted
        try:
            page = book.stories(query)
        except InvalidCursor:
            return problem_reply(self, _bad_cursor(request))
        return reply(self, request, page, output, (StorySummary, page.stories), page.next)

    @app.page("/stories/events", base=ProblemView)
    async def every_story_events(self: web.View, request: web.Request) -> Any:
        """Every change of every story, as server-sent events."""
        return await _stream(feed, cast(aioweb.Request, request), None)

    @app.page("/stories/{story_id}", base=ProblemView)
    async def story(self: web.View, request: web.Request, story_id: str) -> web.Response:
        """A story: its articles and, per quantity, where each voice stands."""
        admitted = admit(self, request, OutputFormat)
        if not isinstance(admitted, tuple):
            return admitted
        detail = book.detail(story_id)
        if detail is None:
            return unknown(self, request)
        return reply(self, request, detail, admitted[1], (QuantityView, detail.quantities))

    @app.page("/stories/{story_id}/claims", base=ProblemView)
    async def story_claims(self: web.View, request: web.Request, story_id: str) -> web.Response:
        """A story's claims in time order, a page at a time."""
        admitted = admit(self, request, StoryClaimsQuery)
        if not isinstance(admitted, tuple):
            return admitted
        query, output = admitted
        try:
            page = book.claims(story_id, query)
        except InvalidCursor:
            return problem_reply(self, _bad_cursor(request))
        if page is None:
            return unknown(self, request)
        return reply(self, request, page, output, (VoicedClaim, page.claims), page.next)

    @app.page("/stories/{story_id}/alerts", base=ProblemView)
    async def story_alerts(self: web.View, request: web.Request, story_id: str) -> web.Response:
        """A story's standing alerts and those withdrawn, newest first."""
        admitted = admit(self, request, StoryAlertsQuery)
        if not isinstance(admitted, tuple):
            return admitted
        query, output = admitted
        found = book.alerts(story_id, query)
        if found is None:
            return unknown(self, request)
        standing, withdrawn = found
        page = AlertsPage(alerts=standing, withdrawn=withdrawn)
        return reply(self, request, page, output, (Alert, [*standing, *withdrawn]))

    @app.page("/stories/{story_id}/events", base=ProblemView)
    async def story_events(self: web.View, request: web.Request, story_id: str) -> Any:
        """One story's changes, as server-sent events."""
        return await _stream(feed, cast(aioweb.Request, request), story_id)

    return feed


def _resume_from(feed: StoryFeed, last_event_id: str | None) -> int | None:
    """The sequence number after which to send, from the client's `Last-Event-ID`: the
    current one without it, None if it is not of this run."""
    if last_event_id is None:
        return feed.book.changes.seq
    run, _, seq = last_event_id.rpartition("-")
    if run != feed.run or not seq.isdigit():
        return None
    return int(seq)


async def _stream(feed: StoryFeed, request: aioweb.Request, story_id: str | None) -> Any:
    """Send the changes (of one story, if given) as they come, until the client goes or the
    worker stops."""
    changes = feed.book.changes
    async with sse_response(request, ping_interval=HEARTBEAT_SECONDS) as sse:
        seq = _resume_from(feed, sse.last_event_id)
        gone = asyncio.ensure_future(sse.wait())
        try:
            while sse.is_connected() and not feed.closed:
                pending = None if seq is None else changes.after(seq, story_id, feed.book.resolve)
                top = changes.seq
                if pending is None:
                    await sse.send("{}", id=f"{feed.run}-{top}", event="reset")
                for change in pending or []:
                    data = change.record.model_dump_json()
                    await sse.send(data, id=f"{feed.run}-{change.seq}", event=change.event)
                seq = top
                await asyncio.wait([feed.next_change(), gone], return_when=asyncio.FIRST_COMPLETED)
        except ConnectionResetError:
            pass  # the client went
        finally:
            gone.cancel()
    return sse
