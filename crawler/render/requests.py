"""Requests marked for the browser: plain meta only, so they survive a Redis queue.

``RENDER_META`` holds what the browser should wait for; the download handler turns it into
scrapy-playwright's meta when it downloads the request. Requests without it never reach the
browser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from scrapy import Request

RENDER_META: Final = "news_render"  # {"wait": CSS selector or None, "reason": why rendered}
# Meta of the plain download that should not follow the request into the browser.
PLAIN_ONLY_META: Final = ("download_latency", "download_slot", "retry_times", "dont_retry",
                          "redirect_times", "redirect_ttl", "redirect_reasons", "depth")


def is_render_request(request: Request) -> bool:
    """Whether the request was marked for the browser."""
    return isinstance(request.meta.get(RENDER_META), dict)


def render_meta(wait: str | None, reason: str) -> dict[str, Any]:
    """The plain meta value that marks a request for the browser."""
    return {"wait": wait, "reason": reason}


def render_request(request: Request, *, wait: str | None, reason: str) -> Request:
    """The same request (callback, errback, hints, redirect origin) marked for the browser,
    never filtered as a duplicate of its plain fetch."""
    meta = {k: v for k, v in request.meta.items() if k not in PLAIN_ONLY_META}
    meta[RENDER_META] = render_meta(wait, reason)
    return request.replace(meta=meta, dont_filter=True)


def mark_for_rendering(request: Request, *, wait: str | None, reason: str) -> None:
    """Mark a request that has not been downloaded yet (render = always)."""
    request.meta[RENDER_META] = render_meta(wait, reason)
