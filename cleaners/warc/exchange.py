"""``HttpExchange``: one HTTP request and its response, as a WARC writer needs them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class HttpExchange:
    """A fetched page: what was asked (method, headers) and what came back (status, body).

    ``body`` is the body as the crawler used it (after content decoding); the writer drops
    ``Content-Encoding``/``Transfer-Encoding`` and sets ``Content-Length`` to match it.
    ``fetched_at`` is UTC ISO 8601 (the WARC-Date).
    """

    url: str
    status: int
    body: bytes
    fetched_at: str
    response_headers: tuple[tuple[str, str], ...] = ()
    request_headers: tuple[tuple[str, str], ...] = ()
    method: str = "GET"
    protocol: str = "HTTP/1.1"
    reason: str = ""
    ip_address: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # the metadata record (id, hints, ...)

    @property
    def content_type(self) -> str:
        """The response's Content-Type header ('' when there is none)."""
        for name, value in self.response_headers:
            if name.lower() == "content-type":
                return value
        return ""
