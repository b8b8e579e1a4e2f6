"""What spiders yield: a fetched article page with its discovery hints (records come from cleaning)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FetchedPage:
    """One fetched article page, before cleaning."""

    url: str
    html: str
    site: str
    spider: str
    hints: dict[str, Any] = field(default_factory=dict)
