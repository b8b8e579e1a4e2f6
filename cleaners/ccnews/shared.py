"""Many machines: ``newsclean ccnews`` workers sharing one run's WARC files through Redis.

Keys of a run (``<REDIS_PREFIX>:<run>:...``; ``run`` is a digest of base, date range and
selection, so workers started with the same arguments share one run):

* ``seed`` (a ``SET NX`` lock with a TTL) and ``seeded``: the first worker pushes the file list
  into ``todo``; the others wait for ``seeded``. A seeder killed before it finished lets the
  lock expire and another worker seeds.
* ``leases``: a sorted set, file -> lease expiry (the Redis server's clock), ``owners``: file ->
  worker. ``claim`` (one Lua script) takes an expired lease first, else the next ``todo``; a
  live worker renews its lease every ``LEASE_RENEW`` seconds, so a killed worker's file goes to
  another worker ``LEASE_TTL`` seconds after its last renewal.
* ``handled``: file -> offset of the last page handled (the ledger, shared: a file taken over
  resumes where the killed worker got to); ``done``: the finished files; ``errors``: files that
  failed (missing, truncated), put back into ``todo`` by the next worker that joins the run
  once nobody works on it.

A worker ends when ``todo`` is empty and no lease is held; while other workers still hold
leases it waits, to take over a file whose worker dies.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Iterator
from typing import Any, Final

from cleaners.ccnews.defaults import LEASE_RENEW, LEASE_TTL, REDIS_PREFIX
from cleaners.ccnews.errors import CcnewsError

logger = logging.getLogger(__name__)
SEED_LOCK_TTL: Final = 60  # seconds a seeder may take to push the list
POLL: Final = 0.5  # seconds between looks at the shared state while waiting

_NOW: Final = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
"""
# KEYS: todo, leases, owners, done. ARGV: worker, ttl. -> {file, 1 if taken over} or {}.
CLAIM: Final = _NOW + """
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 1)
local file, over = expired[1], 1
if not file then
  over = 0
  repeat
    file = redis.call('LPOP', KEYS[1])
  until (not file) or redis.call('SISMEMBER', KEYS[4], file) == 0
end
if not file then return {} end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), file)
redis.call('HSET', KEYS[3], file, ARGV[1])
return {file, over}
"""
# KEYS: leases, owners. ARGV: file, worker, ttl. -> 1 renewed, 0 the lease is not ours.
RENEW: Final = _NOW + """
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
return 1
"""
# KEYS: leases, owners, handled, done, errors. ARGV: file, worker, offset or '', finished?, error.
RELEASE: Final = """
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
if ARGV[3] ~= '' then redis.call('HSET', KEYS[3], ARGV[1], ARGV[3]) end
if ARGV[4] == '1' then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('SADD', KEYS[4], ARGV[1])
  redis.call('HDEL', KEYS[5], ARGV[1])
elseif ARGV[5] ~= '' then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('HSET', KEYS[5], ARGV[1], ARGV[5])
end
return 1
"""
# KEYS: todo, leases, errors. -> files put back: the failed files of a run nobody works on.
RETRY_FAILED: Final = """
if redis.call('LLEN', KEYS[1]) > 0 or redis.call('ZCARD', KEYS[2]) > 0 then return 0 end
local failed = redis.call('HKEYS', KEYS[3])
for _, file in ipairs(failed) do redis.call('RPUSH', KEYS[1], file) end
redis.call('DEL', KEYS[3])
return #failed
"""


def run_key(base: str, first: str, last: str, selection: str) -> str:
    """The key prefix of the run these arguments describe."""
    digest = hashlib.sha256("\n".join((base, first, last, selection)).encode()).hexdigest()
    return f"{REDIS_PREFIX}:{digest[:16]}"


class RedisQueue:
    """The ``LocalQueue`` contract over Redis: iterate to claim files, ``advance``/``finish``/
    ``fail`` to report; a renewal thread keeps the current lease alive."""

    def __init__(self, client: Any, prefix: str, worker: str, *,
                 ttl: float = LEASE_TTL, renew: float | None = None) -> None:
        self.client, self.prefix, self.worker, self.ttl = client, prefix, worker, ttl
        self.renew_every = renew if renew is not None else min(LEASE_RENEW, ttl / 3)
        self.k = {name: f"{prefix}:{name}" for name in
                  ("seed", "seeded", "todo", "leases", "owners", "handled", "done", "errors")}
        self._claim = client.register_script(CLAIM)
        self._renew = client.register_script(RENEW)
        self._release = client.register_script(RELEASE)
        self._retry_failed = client.register_script(RETRY_FAILED)
        self.retried = 0
        self._current: str | None = None
        self._lost = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.taken_over = 0
        self.seeded_here = False

    def seed(self, paths: list[str]) -> None:
        """Push the run's file list once across all workers; wait until someone did. A worker
        joining a run that nobody works on any more puts its failed files back (a rerun tries
        them again, as on one machine)."""
        while not self.client.exists(self.k["seeded"]):
            if self.client.set(self.k["seed"], self.worker, nx=True, ex=SEED_LOCK_TTL):
                pipe = self.client.pipeline(transaction=True)
                pipe.delete(self.k["todo"])
                if paths:
                    pipe.rpush(self.k["todo"], *paths)
                pipe.set(self.k["seeded"], len(paths))
                pipe.execute()
                self.seeded_here = True
                logger.info("seeded %s with %d files", self.prefix, len(paths))
                return
            time.sleep(POLL)
        self.retried = int(self._retry_failed(keys=[self.k["todo"], self.k["leases"],
                                                    self.k["errors"]]))

    def __iter__(self) -> Iterator[tuple[str, int | None]]:
        self._thread = threading.Thread(target=self._renewals, daemon=True, name="lease-renew")
        self._thread.start()
        while True:
            got = self._claim(keys=[self.k["todo"], self.k["leases"], self.k["owners"],
                                    self.k["done"]], args=[self.worker, self.ttl])
            if not got:
                if self.client.zcard(self.k["leases"]) == 0:
                    return
                time.sleep(POLL)  # others still work: wait to take over a dead one's file
                continue
            path = got[0].decode()
            if int(got[1]):
                self.taken_over += 1
                logger.warning("%s: lease expired; taking the file over", path)
            handled = self.client.hget(self.k["handled"], path)
            self._lost.clear()
            self._current = path
            yield path, int(handled) if handled is not None else None
            self._current = None

    @property
    def lost(self) -> bool:
        """Whether the current file's lease was lost (another worker has it now)."""
        return self._lost.is_set()

    def _renewals(self) -> None:
        while not self._stop.wait(self.renew_every):
            path = self._current
            if path is None:
                continue
            try:
                ok = self._renew(keys=[self.k["leases"], self.k["owners"]],
                                 args=[path, self.worker, self.ttl])
            except Exception as exc:  # noqa: BLE001 - Redis gone: the lease will expire
                logger.error("cannot renew the lease of %s: %s", path, exc)
                continue
            if not ok and path == self._current:
                self._lost.set()

    def _release_call(self, path: str, offset: int | None, finished: bool, error: str) -> None:
        self._release(keys=[self.k["leases"], self.k["owners"], self.k["handled"],
                            self.k["done"], self.k["errors"]],
                      args=[path, self.worker, "" if offset is None else offset,
                            "1" if finished else "0", error])

    def advance(self, path: str, handled: int) -> None:
        """Save progress in ``path`` (only while the lease is ours)."""
        self._release_call(path, handled, False, "")

    def finish(self, path: str) -> None:
        """``path`` is done."""
        self._release_call(path, None, True, "")

    def fail(self, path: str, error: str) -> None:
        """``path`` broke off; released, with the error kept in ``errors``."""
        self._release_call(path, None, False, error or "failed")

    def close(self) -> None:
        """Stop renewing."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)


def connect(url: str) -> Any:
    """A Redis client for ``url``; ``CcnewsError`` naming it when it does not answer."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise CcnewsError(f"{url}: Redis does not answer ({exc})") from exc
    return client
