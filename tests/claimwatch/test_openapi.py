"""The OpenAPI document: valid 3.1, and naming every route a worker serves with its methods."""

import json
from pathlib import Path

from openapi_spec_validator import validate

from claimwatch.app import create_app
from claimwatch.openapi import openapi_document
from claimwatch.problems import PROBLEM_TYPES
from streams.settings import Settings


def test_the_document_is_valid_openapi_3_1() -> None:
    document = json.loads(json.dumps(openapi_document()))  # as GET /openapi.json serves it
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_every_route_and_method_is_described(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path))
    served = {
        (resource.canonical, route.method.lower())
        for resource in app.web.web_app.router.resources()
        for route in resource
        if route.method != "HEAD"
    }
    described = {
        (path, method) for path, item in openapi_document()["paths"].items() for method in item
    }
    assert served == described


def test_every_problem_type_is_named_by_a_route() -> None:
    text = json.dumps(openapi_document()["paths"])
    for code in PROBLEM_TYPES:
        assert f'"code": "{code}"' in text, code
