from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from pydantic import TypeAdapter, ValidationError

from claimwatch.app import create_app
from claimwatch.problems import PROBLEM_TYPES, invalid
from claimwatch.views import AlertsQuery, parse_articles
from streams.settings import Settings
from streams.web.problems import PROBLEM_JSON, Problem, problem_middleware


@pytest.mark.parametrize(
    ("body", "ids"),
    [
        (b'{"id": "one", "body": "text"}', ["one"]),
        (b' [{"id": "one", "body": "a"}, {"id": "two", "body": "b"}]', ["one", "two"]),
    ],
)
def test_one_article_or_a_list(body: bytes, ids: list[str]) -> None:
    assert [a.id for a in parse_articles(body)] == ids


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (b'{"id": "one"}', ("body",)),
        (b'[{"body": "a"}, {"id": "x"}]', (1, "body")),
        (b"[]", ()),
        (b'"just text"', ()),
        (b"{", ()),
    ],
)
def test_what_is_not_an_article_is_refused_with_where(body: bytes, where: tuple) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_articles(body)
    assert caught.value.errors()[0]["loc"][: len(where)] == where


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        ("2025-04-05T12:00:00Z", datetime(2025, 4, 5, 12, tzinfo=UTC)),
        ("2025-04-05T12:00:00", datetime(2025, 4, 5, 12, tzinfo=UTC)),
        ("2025-04-05", datetime(2025, 4, 5, tzinfo=UTC)),
    ],
)
def test_since_is_read_as_utc_when_naive(since: str, expected: datetime) -> None:
    assert AlertsQuery.model_validate({"since": since}).since == expected


# --- Problems ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "pointers"),
    [
        (b'{"id": "one"}', ["#/body"]),
        (b'[{"body": "a"}, {"id": "x", "title": 3}]', ["#/1/title", "#/1/body"]),
        (b"[]", ["#"]),
        (b"{", ["#"]),
    ],
)
def test_invalid_input_is_a_problem_pointing_at_each_wrong_part(
    body: bytes, pointers: list[str]
) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_articles(body)
    problem = invalid("invalid_article", "/articles", caught.value)
    assert (problem.type, problem.status, problem.code) == (
        "/problems/invalid_article",
        400,
        "invalid_article",
    )
    assert [e.pointer for e in problem.errors] == pointers
    assert problem.detail.startswith(f"{pointers[0]}: ")


def test_a_pointer_escapes_what_a_json_pointer_and_a_fragment_must() -> None:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(dict[str, int]).validate_python({"a/b~c d": "x"})
    problem = invalid("invalid_article", "/articles", caught.value)
    assert problem.errors[0].pointer == "#/a~1b~0c%20d"


@pytest.fixture
async def http(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """A client of a worker's views served on 127.0.0.1, the worker not started (no broker)."""
    app = create_app(Settings(data_dir=tmp_path))
    server = TestServer(app.web.web_app, host="127.0.0.1")
    await server.start_server()
    try:
        async with httpx.AsyncClient(base_url=str(server.make_url("/")), timeout=10) as client:
            yield client
    finally:
        await server.close()


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code", "kind"),
    [
        ("GET", "/nowhere", None, 404, "not_found", "about:blank"),
        ("PUT", "/articles", b"{}", 405, "method_not_allowed", "about:blank"),
        ("POST", "/articles", b'{"id": "x"}', 400, "invalid_article", "/problems/invalid_article"),
        ("POST", "/articles", b'{"body": "Text."}', 503, "starting", "/problems/starting"),
        ("GET", "/claims", None, 400, "missing_key", "/problems/missing_key"),
        ("GET", "/claims?key=a", None, 503, "service_unavailable", "about:blank"),
        ("GET", "/alerts?limit=x", None, 400, "invalid_query", "/problems/invalid_query"),
        ("GET", "/problems/nothing", None, 404, "not_found", "about:blank"),
        ("GET", "/static/nothing.js", None, 404, "not_found", "about:blank"),
    ],
)
async def test_every_error_is_a_problem(
    http: httpx.AsyncClient,
    method: str,
    path: str,
    body: bytes | None,
    status: int,
    code: str,
    kind: str,
) -> None:
    response = await http.request(method, path, content=body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = Problem.model_validate_json(response.content)
    assert (problem.status, problem.code, problem.type, problem.instance) == (
        status,
        code,
        kind,
        path,
    )
    assert problem.title and problem.detail


async def test_an_unexpected_exception_is_a_500_problem() -> None:
    async def fails(request: web.Request) -> web.Response:
        raise RuntimeError("boom")

    app = web.Application(middlewares=[problem_middleware])
    app.router.add_get("/fails", fails)
    async with TestServer(app, host="127.0.0.1") as server, httpx.AsyncClient() as client:
        response = await client.get(str(server.make_url("/fails")))
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = Problem.model_validate_json(response.content)
    assert (response.status_code, problem.code) == (500, "internal_server_error")
    assert "boom" not in response.text


async def test_the_pages_files_are_served(http: httpx.AsyncClient) -> None:
    response = await http.get("/static/vendor/uplot/uPlot.iife.min.js")
    assert response.status_code == 200 and "javascript" in response.headers["content-type"]


async def test_each_problem_type_is_documented_where_its_type_leads(
    http: httpx.AsyncClient,
) -> None:
    for code, kind in PROBLEM_TYPES.items():
        response = await http.get(f"/problems/{code}")
        assert response.status_code == 200
        assert response.text == kind.text(code)
