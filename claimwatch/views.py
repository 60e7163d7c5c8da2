"""HTTP views served on every worker's web port, beside /metrics.

Every body is a pydantic model dumped as JSON (those below, or the topic
messages of `streams.models`), so the HTTP API keeps the topics' contract;
every error a `Problem` (RFC 9457, `claimwatch.problems`). GET /openapi.json
describes them all (`claimwatch.openapi`).

Any worker answers for any claim key. The detector's table is filled from
`claims`, each partition by the worker that reads it, so a request is forwarded
to the worker that reads the key's partition of `claims` (`app.topic_route`).
Not `app.table_route`: it hashes the table's changelog key, which Faust encodes
as JSON ('"Calder | crowd"', quotes included), and so can pick another
partition than the one the key's claims are on.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any, cast

from faust import web
from faust.types import TableT
from pydantic import BaseModel, Field, TypeAdapter, ValidationError, field_validator

from agents.detect import KnownClaims
from streams.codec import encode
from streams.errors import StageError
from streams.health import Health, HealthStatus
from streams.kafka import check_record_size
from streams.models import Alert, Claim, RawArticle
from streams.topics import CLAIMS, KNOWN_CLAIMS_TABLE, RAW
from streams.web import register_pages
from streams.web.problems import Problem, ProblemView, instance_of, problem_reply
from streams.web.server import BodyTooLarge, read_body

from .problems import PROBLEM_TYPES, PROBLEMS_PATH, invalid, problem

if TYPE_CHECKING:
    from streams.app import ClaimwatchApp

__all__ = [
    "Accepted",
    "AlertsPage",
    "AlertsQuery",
    "ClaimsPage",
    "parse_articles",
    "register_views",
]

JSON = "application/json"


class ClaimsPage(BaseModel):
    """GET /claims?key= and GET /claims/{key}."""

    key_text: str = Field(description="The claim key asked for.")
    claims: list[Claim] = Field(description="Oldest first (by date, else by ingest time).")


class AlertsPage(BaseModel):
    """GET /alerts: the standing alerts and, for a client that polls, the withdrawn ones."""

    alerts: list[Alert] = Field(description="Standing alerts, newest first.")
    withdrawn: list[Alert] = Field(
        default_factory=list,
        description="Withdrawals, newest first, selected as `alerts` are by their `raised_at` "
        "(when the alert was withdrawn): the ids a client showing alerts drops.",
    )


class AlertsQuery(BaseModel):
    """The query string of GET /alerts."""

    since: datetime | None = Field(
        default=None,
        description="Only alerts raised (or withdrawn) at or after this time; naive means UTC.",
    )
    limit: int = Field(default=100, ge=1, description="At most this many alerts (and withdrawals).")
    key: str | None = Field(default=None, description="Only the alerts on this claim key.")

    @field_validator("since")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return value.replace(tzinfo=UTC) if value and value.tzinfo is None else value


class Accepted(BaseModel):
    """POST /articles: the ids of the articles sent to `articles.raw`."""

    ids: list[str] = Field(description="The articles' ids, in the order sent.")


_ARTICLES = TypeAdapter(Annotated[list[RawArticle], Field(min_length=1)])


def parse_articles(body: bytes) -> list[RawArticle]:
    """One RawArticle JSON object or a non-empty list of them; ValidationError otherwise."""
    if body.lstrip()[:1] == b"[":
        return _ARTICLES.validate_json(body)
    return [RawArticle.model_validate_json(body)]


def _records(app: ClaimwatchApp, articles: list[RawArticle]) -> list[tuple[bytes, bytes]]:
    """Each article as its `articles.raw` record, stamped with `ingested_at` as
    `publish_articles` does (the view is their producer); StageError with the
    article's index if one is more than Kafka takes."""
    now = datetime.now(UTC)
    records = []
    for n, article in enumerate(a.received(now) for a in articles):
        key, value = article.id.encode("utf-8"), encode(article)
        try:
            check_record_size(app.settings.topic(RAW), key, value, app.settings.max_message_bytes)
        except StageError as exc:
            raise StageError(exc.reason, f"article {n} ({article.id}): {exc.detail}") from exc
        records.append((key, value))
    return records


async def _send(
    app: ClaimwatchApp, records: list[tuple[bytes, bytes]], instance: str
) -> Problem | None:
    """Send to `articles.raw` and wait for the broker's acks: None means they are on it.

    Waits at most `broker_timeout`: Faust's producer would wait 20 minutes for
    a broker that is gone. Records sent by then may still reach the topic; a
    client sending them again makes copies that the duplicate check marks.
    """
    topic = app.pipeline_topics[RAW]

    async def send_all() -> None:
        pending = [await topic.send(key=key, value=value) for key, value in records]
        await asyncio.gather(*pending)

    timeout = app.settings.broker_timeout
    try:
        await asyncio.wait_for(send_all(), timeout)
    except TimeoutError:
        why = f"no acks from the broker within {timeout:g} s; sending again is safe"
        return problem(HealthStatus.BROKER_UNREACHABLE, instance, why)
    return None


def _unready(health: Health, instance: str) -> Problem:
    return problem(health.status, instance, health.reason)


def _refused(error: StageError, instance: str) -> Problem:
    return problem(error.reason, instance, error.detail)


def register_views(app: ClaimwatchApp) -> None:
    """Add the views, the alert feed they read and the analyst pages built on them to `app`."""
    from .openapi import openapi_document  # which describes these views

    known_claims = cast(TableT, app.tables[KNOWN_CLAIMS_TABLE])

    def known(key: str) -> KnownClaims | None:
        stored = known_claims.get(key)
        return KnownClaims.model_validate_json(stored) if stored else None

    alert_feed = app.alert_feed
    claims_topic = app.pipeline_topics[CLAIMS]

    def reply(view: web.View, body: BaseModel, status: int = 200) -> web.Response:
        return view.bytes(body.model_dump_json().encode("utf-8"), content_type=JSON, status=status)

    def readiness(view: web.View) -> web.Response:
        health = app.health()
        return reply(view, health, status=200 if health.ready else 503)

    @app.page("/readyz", base=ProblemView)
    async def readyz(self: web.View, request: web.Request) -> web.Response:
        """Ready once started, unless the broker has been unreachable for longer than
        `broker_timeout` or the table store cannot be written."""
        return readiness(self)

    @app.page("/healthz", base=ProblemView)
    async def healthz(self: web.View, request: web.Request) -> web.Response:
        """The same as /readyz (what the Docker image's health check asks)."""
        return readiness(self)

    @app.page("/livez", base=ProblemView)
    async def livez(self: web.View, request: web.Request) -> web.Response:
        """Alive while it serves, unless the store failed: a broker outage is no reason to
        restart a worker, which would only lose its place."""
        health = app.health()
        alive = health.status != HealthStatus.STORE_UNWRITABLE
        return reply(self, health, status=200 if alive else 503)

    @app.page("/claims")
    class CurrentClaims(ProblemView):
        """Where the key stands: each voice's latest figure."""

        async def get(self, request: web.Request, **_: Any) -> web.Response:
            if not request.query.get("key"):
                return problem_reply(self, problem("missing_key", instance_of(request)))
            return await self.routed(request)

        @app.topic_route(topic=claims_topic, query_param="key")
        async def routed(self: web.View, request: web.Request) -> web.Response:
            key = request.query["key"]
            history = known(key)
            claims = history.current() if history else []
            return reply(self, ClaimsPage(key_text=key, claims=claims))

    @app.page("/claims/{key:.+}", base=ProblemView)
    @app.topic_route(topic=claims_topic, match_info="key")
    async def claims_history(self: web.View, request: web.Request, key: str) -> web.Response:
        """The key's history: every figure the detector holds, replaced ones included."""
        history = known(key)
        if history is None:
            return problem_reply(self, problem("unknown_key", instance_of(request)))
        return reply(self, ClaimsPage(key_text=key, claims=history.timeline()))

    @app.page("/alerts", base=ProblemView)
    async def alerts(self: web.View, request: web.Request) -> web.Response:
        """The latest alerts this worker has read from the alerts topic, newest first."""
        try:
            query = AlertsQuery.model_validate(dict(request.query))
        except ValidationError as exc:
            refused = invalid("invalid_query", instance_of(request), exc, query=True)
            return problem_reply(self, refused)
        selection = (query.since, query.limit, query.key)
        page = AlertsPage(
            alerts=alert_feed.recent(*selection), withdrawn=alert_feed.withdrawn(*selection)
        )
        return reply(self, page)

    @app.page("/articles")
    class Articles(ProblemView):
        async def post(self, request: web.Request, **_: Any) -> web.Response:
            """Ingest: answered once every article is on `articles.raw`."""
            instance = instance_of(request)
            try:
                body = await read_body(request, app.settings.max_message_bytes)
            except BodyTooLarge as exc:
                # Closed after the answer: the rest of the body is never read.
                too_large = problem_reply(self, _refused(exc, instance))
                too_large.force_close()  # type: ignore[attr-defined]
                return too_large
            try:
                articles = parse_articles(body)
            except ValidationError as exc:
                return problem_reply(self, invalid("invalid_article", instance, exc))
            try:
                records = _records(app, articles)
            except StageError as exc:
                return problem_reply(self, _refused(exc, instance))
            health = app.health()
            if not health.ready:
                return problem_reply(self, _unready(health, instance))
            unsent = await _send(app, records, instance)
            if unsent is not None:
                return problem_reply(self, unsent)
            return reply(self, Accepted(ids=[a.id for a in articles]), status=202)

    @app.page(PROBLEMS_PATH + "{code}", base=ProblemView)
    async def problem_type(self: web.View, request: web.Request, code: str) -> web.Response:
        """The documentation of a problem type: where a problem's `type` leads."""
        if code not in PROBLEM_TYPES:
            raise self.NotFound(f"no problem type {code!r}")
        return self.text(PROBLEM_TYPES[code].text(code))

    document = json.dumps(openapi_document()).encode("utf-8")

    @app.page("/openapi.json", base=ProblemView)
    async def openapi(self: web.View, request: web.Request) -> web.Response:
        """The OpenAPI 3.1 document of these views."""
        return self.bytes(document, content_type=JSON)

    register_pages(app)
