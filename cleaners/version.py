"""``cleaner_version()``: which cleaner made a record (package version + hash of its sources)."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Final

_PACKAGE: Final = Path(__file__).parent
# The sources whose change can change a record: every step, every rule, the pipeline itself.
_SOURCES: Final = ("steps", "rules", "clean.py", "record.py", "config.py", "report.py")


@cache
def cleaner_version() -> str:
    """``<package version>+<10 hex digits of the cleaning sources>``, e.g. ``0.1.0+3f2a9c01de``."""
    try:
        base = version("newsclean")
    except PackageNotFoundError:
        base = "0"
    digest = hashlib.sha256()
    for name in _SOURCES:
        path = _PACKAGE / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for f in files:
            if f.is_file():
                digest.update(f.relative_to(_PACKAGE).as_posix().encode() + b"\0")
                digest.update(f.read_bytes())
    return f"{base}+{digest.hexdigest()[:10]}"
