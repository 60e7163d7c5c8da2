"""Answers as CSV (`?format=csv`): the rows a JSON answer lists, one column per leaf field.

Columns come from the row's model, so every page of one route has the same
header, empty or not: a nested model's fields are columns of their own
(`claim.value.low`), a list of plain values is one cell joined by "; ", and
anything else that nests (a list of claims) is one cell of its JSON.
"""

from __future__ import annotations

import csv
import io
import json
import types
from collections.abc import Iterable
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

__all__ = ["CSV", "columns", "to_csv"]

CSV = "text/csv"


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, itself or as an optional."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (Union, types.UnionType):
        models = [m for arg in get_args(annotation) if (m := _model_of(arg)) is not None]
        return models[0] if len(models) == 1 else None
    return None


def columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    """The model's leaf fields as dotted paths, in field order."""
    found = []
    for name, field in model.model_fields.items():
        nested = _model_of(field.annotation)
        if nested is not None:
            found += columns(nested, f"{prefix}{name}.")
        else:
            found.append(prefix + name)
    return found


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and not any(isinstance(v, dict | list) for v in value):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _leaf(row: dict[str, Any], path: str) -> Any:
    value: Any = row
    for step in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(step)
    return value


def to_csv(model: type[BaseModel], rows: Iterable[BaseModel]) -> str:
    """The rows as CSV with a header line (RFC 4180: CRLF line ends)."""
    header = columns(model)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        data = row.model_dump(mode="json")
        writer.writerow([_cell(_leaf(data, path)) for path in header])
    return out.getvalue()
