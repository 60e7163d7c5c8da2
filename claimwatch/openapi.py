"""The OpenAPI 3.1 document of the HTTP views, served at GET /openapi.json.

Bodies and parameters are the pydantic models' JSON Schema (`streams.schemas`),
so the document cannot drift from what the views answer; each route names the
problems it answers (`claimwatch.problems`). A test checks that it is valid and
names every route the worker serves.
"""

from __future__ import annotations

from collections import defaultdict
from importlib.metadata import version
from typing import Any

from pydantic import BaseModel

from agents.stories import (
    StoriesPage,
    StoriesQuery,
    StoryAlertsQuery,
    StoryClaimsPage,
    StoryClaimsQuery,
    StoryDetail,
)
from streams.health import Health
from streams.models import RawArticle
from streams.schemas import component_schemas
from streams.settings import Settings
from streams.web.problems import PROBLEM_JSON, Problem

from .problems import PROBLEM_TYPES, problem
from .story_views import OutputFormat
from .views import Accepted, AlertsPage, AlertsQuery, ClaimsPage

__all__ = ["OPENAPI_VERSION", "openapi_document"]

OPENAPI_VERSION = "3.1.0"
_SCHEMAS = "#/components/schemas/{model}"
_JSON = "application/json"
_CSV = "text/csv"
_EVENTS = "text/event-stream"


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": _SCHEMAS.format(model=model.__name__)}


def _ok(description: str, model: type[BaseModel]) -> dict[str, Any]:
    return {"description": description, "content": {_JSON: {"schema": _ref(model)}}}


def _text(description: str, media_type: str) -> dict[str, Any]:
    return {"description": description, "content": {media_type: {"schema": {"type": "string"}}}}


def _problems(path: str, *codes: str, unavailable: bool = False) -> dict[str, Any]:
    """The error answers of a route: its problems by status, each with an example; with
    `unavailable`, the 503 of a request no worker can take while partitions move."""
    by_status: dict[str, dict[str, Any]] = defaultdict(dict)
    for code in codes:
        by_status[str(PROBLEM_TYPES[code].status.value)][code] = {
            "summary": PROBLEM_TYPES[code].title,
            "value": problem(code, path).model_dump(mode="json", exclude_none=True),
        }
    if unavailable:
        by_status["503"]["service_unavailable"] = {
            "summary": "No worker holds the key's partition (a rebalance): ask again",
            "value": {
                "type": "about:blank",
                "title": "Service Unavailable",
                "status": 503,
                "detail": "Service unavailable. Try again later.",
                "instance": path,
                "code": "service_unavailable",
            },
        }
    return {
        status: {
            "description": "; ".join(f"`{code}`: {ex['summary']}" for code, ex in examples.items()),
            "content": {PROBLEM_JSON: {"schema": _ref(Problem), "examples": examples}},
        }
        for status, examples in sorted(by_status.items())
    }


_DEFAULT_PROBLEM = {
    "default": {
        "description": "Any other error, as a problem whose `type` is `about:blank`: 404 "
        "`not_found` (no such route), 405 `method_not_allowed`, 414 `request_uri_too_long`, "
        "431 `request_header_fields_too_large`, 400 `bad_request` (a malformed request), 500 "
        "`internal_server_error`.",
        "content": {PROBLEM_JSON: {"schema": _ref(Problem)}},
    }
}


def _query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """A query model's fields as OpenAPI parameters (none required: each has a default)."""
    parameters = []
    for name, field in model.model_json_schema(ref_template=_SCHEMAS)["properties"].items():
        schema = {k: v for k, v in field.items() if k not in ("title", "description")}
        not_null = [s for s in schema.pop("anyOf", []) if s.get("type") != "null"]
        if not_null:
            schema.update(not_null[0])
            schema.pop("default", None)
        parameters.append(
            {"name": name, "in": "query", "description": field["description"], "schema": schema}
        )
    return parameters


_KEY_IN_PATH = {
    "name": "key",
    "in": "path",
    "required": True,
    "description": "A claim key (a claim's `key_text`), percent-encoded; it may hold a '/'.",
    "schema": {"type": "string"},
}


_STORY_IN_PATH = {
    "name": "story_id",
    "in": "path",
    "required": True,
    "description": "A story's `story_id`, or the id of any story linked into it (its "
    "`linked`): each answers with the whole thread.",
    "schema": {"type": "string"},
}


def _story_route(
    summary: str, path: str, query: type[BaseModel] | None, model: type[BaseModel], rows: str
) -> dict[str, Any]:
    """A stories route: JSON of `model`, or with `format=csv` the `rows` as CSV."""
    in_path = [_STORY_IN_PATH] if "{story_id}" in path else []
    query_parameters = _query_parameters(query) if query is not None else []
    codes = ["invalid_query", *(["unknown_story"] if in_path else []), "stories_loading"]
    return {
        "get": {
            "summary": summary,
            "tags": ["stories"],
            "parameters": [*in_path, *query_parameters, *_query_parameters(OutputFormat)],
            "responses": {
                "200": {
                    "description": f"JSON; with `format=csv`, {rows} as CSV (one column per "
                    "field, nested ones dotted; a paged answer's next page in a `Link` header "
                    'with `rel="next"`).',
                    "content": {
                        _JSON: {"schema": _ref(model)},
                        _CSV: {"schema": {"type": "string"}},
                    },
                },
                **_problems(path, *codes),
                **_DEFAULT_PROBLEM,
            },
        }
    }


def _story_events(summary: str, path: str) -> dict[str, Any]:
    in_path = [_STORY_IN_PATH] if "{story_id}" in path else []
    return {
        "get": {
            "summary": summary,
            "tags": ["stories"],
            "parameters": [
                *in_path,
                {
                    "name": "Last-Event-ID",
                    "in": "header",
                    "description": "The `id` of the last event a client had: the changes after "
                    "it are sent first, or `event: reset` when this worker no longer holds "
                    "them (the client then reads the story anew).",
                    "schema": {"type": "string"},
                },
            ],
            "responses": {
                "200": {
                    "description": "Server-sent events, one per change: `event:` claim, alert or "
                    "story (`data:` the Claim, Alert or StoryUpdate as on its topic) or reset; "
                    "`id:` `<run>-<seq>`, the sequence growing by one per change of this "
                    "worker's run; a comment every 15 s.",
                    "content": {_EVENTS: {"schema": {"type": "string"}}},
                },
                **_DEFAULT_PROBLEM,
            },
        }
    }


def _health(summary: str, unavailable: str) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "tags": ["health"],
            "responses": {
                "200": _ok("The worker's health: `status` ok.", Health),
                "503": _ok(unavailable, Health),
            },
        }
    }


def _paths() -> dict[str, Any]:
    return {
        "/articles": {
            "post": {
                "summary": "Ingest articles: answered once every one is on `articles.raw`.",
                "tags": ["articles"],
                "requestBody": {
                    "required": True,
                    "description": "One article, or a non-empty list of them; at most "
                    "`CLAIMWATCH_MAX_MESSAGE_BYTES`.",
                    "content": {
                        _JSON: {
                            "schema": {
                                "oneOf": [
                                    _ref(RawArticle),
                                    {"type": "array", "items": _ref(RawArticle), "minItems": 1},
                                ]
                            }
                        }
                    },
                },
                "responses": {
                    "202": _ok("The articles are on `articles.raw`.", Accepted),
                    **_problems(
                        "/articles",
                        "invalid_article",
                        "body_too_large",
                        "message_too_large",
                        "starting",
                        "broker_unreachable",
                        "store_unwritable",
                    ),
                    **_DEFAULT_PROBLEM,
                },
            }
        },
        "/claims": {
            "get": {
                "summary": "Where a claim key stands: each voice's latest figure.",
                "tags": ["claims"],
                "parameters": [
                    {**_KEY_IN_PATH, "in": "query", "description": "A claim key (`key_text`)."}
                ],
                "responses": {
                    "200": _ok("The key's current claims; none for an unknown key.", ClaimsPage),
                    **_problems("/claims", "missing_key", unavailable=True),
                    **_DEFAULT_PROBLEM,
                },
            }
        },
        "/claims/{key}": {
            "get": {
                "summary": "A claim key's history: every figure the detector holds, oldest first.",
                "tags": ["claims"],
                "parameters": [_KEY_IN_PATH],
                "responses": {
                    "200": _ok("The key's claims, replaced ones included.", ClaimsPage),
                    **_problems("/claims/{key}", "unknown_key", unavailable=True),
                    **_DEFAULT_PROBLEM,
                },
            }
        },
        "/alerts": {
            "get": {
                "summary": "The alerts standing and those withdrawn, newest first.",
                "tags": ["alerts"],
                "parameters": _query_parameters(AlertsQuery),
                "responses": {
                    "200": _ok("The latest alerts this worker has read.", AlertsPage),
                    **_problems("/alerts", "invalid_query"),
                    **_DEFAULT_PROBLEM,
                },
            }
        },
        "/stories": _story_route(
            "Stories, newest activity first, as the query selects; any worker answers.",
            "/stories",
            StoriesQuery,
            StoriesPage,
            "the stories (`StorySummary`)",
        ),
        "/stories/events": _story_events("Every story's changes, live.", "/stories/events"),
        "/stories/{story_id}": _story_route(
            "A story: its articles and, per quantity, where each voice stands.",
            "/stories/{story_id}",
            None,
            StoryDetail,
            "its quantities (`QuantityView`)",
        ),
        "/stories/{story_id}/claims": _story_route(
            "A story's claims in time order, a page at a time.",
            "/stories/{story_id}/claims",
            StoryClaimsQuery,
            StoryClaimsPage,
            "the claims (`VoicedClaim`)",
        ),
        "/stories/{story_id}/alerts": _story_route(
            "A story's standing alerts and those withdrawn, newest first.",
            "/stories/{story_id}/alerts",
            StoryAlertsQuery,
            AlertsPage,
            "the alerts, standing then withdrawn (`Alert`)",
        ),
        "/stories/{story_id}/events": _story_events(
            "One story's changes, live.", "/stories/{story_id}/events"
        ),
        "/readyz": _health(
            "Readiness: ready once started, unless the broker or the table store failed.",
            "Not ready: `status` starting, broker_unreachable or store_unwritable, and why.",
        ),
        "/healthz": _health(
            "The same as /readyz.",
            "Not ready: `status` starting, broker_unreachable or store_unwritable, and why.",
        ),
        "/livez": _health(
            "Liveness: alive while it serves, unless its table store failed.",
            "The table store failed (`status` store_unwritable): the worker is exiting.",
        ),
        "/metrics": {
            "get": {
                "summary": "Prometheus metrics of this worker.",
                "tags": ["operations"],
                "responses": {"200": _text("Prometheus text exposition format.", "text/plain")},
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "This document.",
                "tags": ["operations"],
                "responses": {"200": _text("OpenAPI 3.1.", _JSON)},
            }
        },
        "/problems/{code}": {
            "get": {
                "summary": "The documentation of a problem type: where a problem's `type` leads.",
                "tags": ["operations"],
                "parameters": [
                    {
                        "name": "code",
                        "in": "path",
                        "required": True,
                        "description": "A problem's `code`.",
                        "schema": {"type": "string", "enum": sorted(PROBLEM_TYPES)},
                    }
                ],
                "responses": {
                    "200": _text("Its title, status and meaning.", "text/plain"),
                    **_DEFAULT_PROBLEM,
                },
            }
        },
        "/": {
            "get": {
                "summary": "The analyst page: the latest alerts, updated as they are raised.",
                "tags": ["pages"],
                "responses": {"200": _text("An HTML page.", "text/html")},
            }
        },
        "/view/claims/{key}": {
            "get": {
                "summary": "A claim key's figures over time, as a chart and a table.",
                "tags": ["pages"],
                "parameters": [_KEY_IN_PATH],
                "responses": {"200": _text("An HTML page.", "text/html")},
            }
        },
        "/view/stories": {
            "get": {
                "summary": "The stories, most recently active first, with search and filters "
                "(`q`, `kind`, `severity`, `since` as a date, `has_alerts` in the query string, "
                "read by the page).",
                "tags": ["pages"],
                "responses": {"200": _text("An HTML page.", "text/html")},
            }
        },
        "/view/stories/{story_id}": {
            "get": {
                "summary": "One story: a chart of each quantity's figures by voice, its alerts "
                "and sources, updated live; `#q=KEY` and `#alert=ID` lead to a quantity or an "
                "alert, `kind` and `severity` in the query string filter the alerts.",
                "tags": ["pages"],
                "parameters": [
                    {
                        "name": "story_id",
                        "in": "path",
                        "required": True,
                        "description": "A story's `story_id`.",
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {"200": _text("An HTML page.", "text/html")},
            }
        },
        "/static/{name}": {
            "get": {
                "summary": "A file of the pages: a script, a style sheet, the chart library.",
                "tags": ["pages"],
                "parameters": [
                    {
                        "name": "name",
                        "in": "path",
                        "required": True,
                        "description": "Its path under static/ ('feed.js', 'vendor/uplot/...').",
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {
                    "200": _text("The file, typed by its suffix.", "application/octet-stream"),
                    **_DEFAULT_PROBLEM,
                },
            }
        },
    }


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document of every route a worker serves."""
    defaults = Settings.model_construct()
    models: list[type[BaseModel]] = [
        RawArticle,
        Accepted,
        ClaimsPage,
        AlertsPage,
        StoriesPage,
        StoryDetail,
        StoryClaimsPage,
        Health,
        Problem,
    ]
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "claimwatch HTTP API",
            "version": version("claimwatch"),
            "description": "Served by every worker beside /metrics; any worker answers for any "
            "claim key. Bodies are JSON of the pydantic models of `claimwatch/views.py` and "
            "`streams/models.py`, the topics' messages (docs/asyncapi.yaml). Every error is "
            "RFC 9457 problem details (`application/problem+json`) with a `code` to switch "
            "on; a problem of claimwatch's own has the `type` `/problems/{code}`, documented "
            "there.",
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "servers": [
            {
                "url": "http://{host}:{port}",
                "description": "A worker: `CLAIMWATCH_WEB_HOST`:`CLAIMWATCH_WEB_PORT`.",
                "variables": {
                    "host": {"default": defaults.web_host},
                    "port": {"default": str(defaults.web_port)},
                },
            }
        ],
        "paths": _paths(),
        "components": {"schemas": component_schemas(models, _SCHEMAS)},
    }
