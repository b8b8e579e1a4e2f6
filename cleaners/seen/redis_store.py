"""``RedisSeenStore``: the seen-store shared by all workers, same contract as the SQLite one.

Pure (no Scrapy): ``crawler.distributed.seen_redis`` adds ``from_crawler``; ``newsclean
ccnews`` with ``REDIS_URL`` uses it directly.

``get(key) -> (content_hash, revision) | None`` and ``mark(key, content_hash, revision)``, keyed
by canonical URL; the pipelines also mark a record's alias keys (the URLs it was requested and
fetched as, ``cleaners.seen.revisions.alias_keys``). The pipelines call ``mark`` only after the
writer wrote the record, and with the next revision when the content hash changed. ``mark`` is
one Lua script, so it is atomic and never lowers a revision: if two workers raced on one
article, the higher revision stays.

Like the SQLite store it knows when each entry was last confirmed (``checked_at``: written, or
re-fetched and found unchanged by ``touch``), which ``SkipSeenMiddleware`` compares with sitemap
lastmod and feed dates. The time is the Redis server's clock, so all workers share one clock.

Values live in one Redis hash (``NEWS_SEEN_REDIS_KEY``) as ``"<revision> <content_hash>"``, the
format of earlier versions, so workers of an earlier version still read it; the confirmation
times (Unix seconds, to the microsecond) live beside it in ``<NEWS_SEEN_REDIS_KEY>:checked``.
An entry without a time (written by an earlier version) is seen, date unknown
(``DATE_UNKNOWN``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from types import TracebackType
from typing import Final, Self

import redis

from cleaners.seen.store import DATE_UNKNOWN

DEFAULT_KEY: Final = "newsclean:seen"
CHECKED_SUFFIX: Final = ":checked"  # hash of confirmation times beside the seen hash

# The Redis server's clock as "<unix seconds>.<microseconds>" (whole seconds made a sitemap
# lastmod given later within the same second look newer than the write; older entries hold
# whole seconds, which read the same way).
_NOW_LUA: Final = """
local function NOW()
  local t = redis.call('TIME')
  return t[1] .. '.' .. string.format('%06d', tonumber(t[2]))
end
"""

# KEYS: seen hash, times hash. ARGV: key, content hash, revision.
# 1 = stored, 0 = a newer revision is already stored (its time stays too).
MARK: Final = _NOW_LUA + """
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  local revision = tonumber(string.match(current, '^(%d+) '))
  if revision and revision > tonumber(ARGV[3]) then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. ' ' .. ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], NOW())
return 1
"""

# KEYS: seen hash, times hash. ARGV: key. 1 = confirmed now, 0 = not in the store.
TOUCH: Final = _NOW_LUA + """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], NOW())
return 1
"""


class RedisSeenStore:
    """Canonical URL -> (content_hash, revision) in a Redis hash, confirmation times beside it."""

    def __init__(self, client: redis.Redis, *, key: str = DEFAULT_KEY) -> None:
        self.client = client
        self.key = key
        self.checked_key = key + CHECKED_SUFFIX
        self._mark = client.register_script(MARK)
        self._touch = client.register_script(TOUCH)

    @classmethod
    def from_url(cls, url: str, *, key: str = DEFAULT_KEY) -> Self:
        """Connect to ``redis://host:port/db``."""
        return cls(redis.Redis.from_url(url), key=key)

    def get(self, key: str) -> tuple[str, int] | None:
        """The content hash and revision last written for ``key``, or None if never."""
        value = self.client.hget(self.key, key)
        if value is None:
            return None
        revision, _, content_hash = value.decode("utf-8").partition(" ")
        return content_hash, int(revision)

    def mark(self, key: str, content_hash: str, revision: int) -> None:
        """Record that revision ``revision`` with ``content_hash`` of ``key`` was written now."""
        self._mark(keys=[self.key, self.checked_key], args=[key, content_hash, int(revision)])

    def touch(self, key: str) -> None:
        """Record that ``key`` was fetched again just now and found unchanged."""
        self._touch(keys=[self.key, self.checked_key], args=[key])

    def checked_at(self, key: str) -> datetime | None:
        """When ``key`` was last written or confirmed unchanged (UTC); None if not in the store,
        ``DATE_UNKNOWN`` for an entry an earlier version wrote without a time."""
        pipe = self.client.pipeline(transaction=False)
        pipe.hexists(self.key, key)
        pipe.hget(self.checked_key, key)
        known, seconds = pipe.execute()
        if not known:
            return None
        if seconds is None:
            return DATE_UNKNOWN
        return datetime.fromtimestamp(float(seconds), UTC)

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
