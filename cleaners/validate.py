"""Validate records against the shipped JSON Schema (record schema v1)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from cleaners.exceptions import InvalidRecord


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The record schema shipped in ``cleaners/schema/record.schema.json``."""
    text = resources.files("cleaners").joinpath("schema/record.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    """One compiled validator per process."""
    schema = record_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def record_errors(record: Any) -> list[str]:
    """Every schema violation of one record as 'field.path: message' (empty when valid)."""
    errors = sorted(_validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    return [
        f"{'.'.join(str(p) for p in e.absolute_path) or '(record)'}: {e.message}" for e in errors
    ]


def validate_record(record: Any, where: str | None = None) -> None:
    """Raise InvalidRecord with the most relevant violation when the record breaks the schema."""
    error = best_match(_validator().iter_errors(record))
    if error is not None:
        path = ".".join(str(p) for p in error.absolute_path) or "(record)"
        raise InvalidRecord(f"{path}: {error.message}", where)
