"""What spiders yield: a fetched article page with its discovery hints (cleaning makes records)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FetchedPage:
    """One fetched article page, before cleaning."""

    url: str
    html: str | bytes  # the body as received; the cleaner decodes it (labels checked against bytes)
    site: str
    spider: str
    hints: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None  # charset from the HTTP Content-Type header, if any
