"""``RedisSeenStore``: the seen-store shared by all workers, same contract as the SQLite one.

``get(key) -> (content_hash, revision) | None`` and ``mark(key, content_hash, revision)``, keyed
by canonical URL; the pipelines also mark a record's alias keys (the URLs it was requested and
fetched as, ``crawler.pipelines.seen.alias_keys``), which ``RunDupeFilter`` looks up. The
pipelines call ``mark`` only after the writer wrote the record, and with the next revision
when the content hash changed. ``mark`` is one Lua script, so it is atomic and
never lowers a revision: if two workers raced on one article, the higher revision stays.
Values live in one Redis hash (``NEWS_SEEN_REDIS_KEY``) as ``"<revision> <content_hash>"``.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Final, Self

import redis
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

DEFAULT_KEY: Final = "newsclean:seen"

# KEYS: hash. ARGV: key, content hash, revision. 1 = stored, 0 = a newer revision is already stored.
MARK: Final = """
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  local revision = tonumber(string.match(current, '^(%d+) '))
  if revision and revision > tonumber(ARGV[3]) then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. ' ' .. ARGV[2])
return 1
"""


class RedisSeenStore:
    """Canonical URL -> (content_hash, revision) in a Redis hash."""

    def __init__(self, client: redis.Redis, *, key: str = DEFAULT_KEY) -> None:
        self.client = client
        self.key = key
        self._mark = client.register_script(MARK)

    @classmethod
    def from_url(cls, url: str, *, key: str = DEFAULT_KEY) -> Self:
        """Connect to ``redis://host:port/db``."""
        return cls(redis.Redis.from_url(url), key=key)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Use REDIS_URL and NEWS_SEEN_REDIS_KEY."""
        url = crawler.settings.get("REDIS_URL")
        if not url:
            raise NotConfigured("RedisSeenStore needs REDIS_URL")
        return cls.from_url(url, key=crawler.settings.get("NEWS_SEEN_REDIS_KEY", DEFAULT_KEY))

    def get(self, key: str) -> tuple[str, int] | None:
        """The content hash and revision last written for ``key``, or None if never."""
        value = self.client.hget(self.key, key)
        if value is None:
            return None
        revision, _, content_hash = value.decode("utf-8").partition(" ")
        return content_hash, int(revision)

    def mark(self, key: str, content_hash: str, revision: int) -> None:
        """Record that revision ``revision`` with ``content_hash`` of ``key`` was written."""
        self._mark(keys=[self.key], args=[key, content_hash, int(revision)])

    def __len__(self) -> int:
        return int(self.client.hlen(self.key))

    def close(self) -> None:
        """Release the connection pool."""
        self.client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
