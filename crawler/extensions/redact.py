"""``RedactSecrets``: keep passwords and tokens out of every log line.

Scrapy logs its overridden settings at start-up (``HTTPAUTH_PASS`` included) and request URLs
(``user:password@`` included). This extension puts a filter on the root log handlers before
that first log line (extensions are built just before it), so no handler ever writes a secret.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Final, Self

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

MASK: Final = "***"
# (pattern, replacement): rules as data, applied in order to the formatted message.
REDACTIONS: Final = (
    # 'HTTPAUTH_PASS': 'x' / REDIS_PASSWORD=x / "api_token": "x" (settings dumps, reprs, env)
    (re.compile(r"""(?i)(['"]?\w*(?:pass|password|passwd|secret|token|api_?key)\w*['"]?"""
                r"""\s*[:=]\s*)(['"])(?:(?!\2).)*\2"""), rf"\1\2{MASK}\2"),
    # REDIS_PASSWORD=x (unquoted, as in a command line or an environment dump)
    (re.compile(r"(?i)(\b\w*(?:pass|password|passwd|secret|token|api_?key)\w*=)[^\s,'\"]+"),
     rf"\1{MASK}"),
    # scheme://user:password@host (redis://:pw@..., http://u:pw@...)
    (re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@'\"]*:)[^@\s'\"/]+@"), rf"\1{MASK}@"),
    # Authorization: Basic/Bearer <credentials>
    (re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*\[?['\"b]*(?:basic|bearer)\s+)[^'\"\s\]]+"),
     rf"\1{MASK}"),
)


def redact(text: str) -> str:
    """The text with every secret-looking value replaced by ``***``."""
    for pattern, replacement in REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """A handler filter that rewrites each record's message with ``redact``."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the formatted message in place; never drops a record."""
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: let logging report it as usual
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


class RedactSecrets:
    """Install ``RedactingFilter`` on every root log handler (once per process)."""

    def __init__(self) -> None:
        self.filter = RedactingFilter()
        for handler in logging.getLogger().handlers:
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(self.filter)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """No settings: redaction is always on."""
        return cls()
