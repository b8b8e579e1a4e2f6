"""newsclean's cleaning toolkit: template artefacts out, headed sections, dated records.

Importable without Scrapy. Public names are loaded lazily so that ``import cleaners`` stays
cheap in worker processes and in downstream tools that only read records.
"""

from __future__ import annotations

import importlib
from typing import Any

SCHEMA_VERSION = 1

_EXPORTS: dict[str, str] = {
    "clean_html": "cleaners.clean",
    "clean_text": "cleaners.clean",
    "validate_record": "cleaners.validate",
    "read_jsonl": "cleaners.io",
    "write_jsonl": "cleaners.io",
    "DatedJsonlWriter": "cleaners.archive.writer",
    "read_records": "cleaners.archive.reader",
    "CleaningReport": "cleaners.report",
    "CleanError": "cleaners.exceptions",
    "BadInput": "cleaners.exceptions",
    "InvalidRecord": "cleaners.exceptions",
}

__all__ = ["SCHEMA_VERSION", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cleaners' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
