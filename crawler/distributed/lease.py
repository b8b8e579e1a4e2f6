"""A scrapy-redis priority queue with leases: a taken request stays in Redis until it is acked.

``pop`` moves the request atomically (Lua) from the shared sorted set into the worker
instance's lease hash (member -> score). The scheduler acks it once the engine has finished
with it (downloaded, called back, items through the pipelines, new requests queued). A worker
that dies leaves its leases behind; its heartbeat key expires and the next worker that looks
(on start, then every few heartbeats) moves them back into the queue.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from scrapy_redis.queue import PriorityQueue

if TYPE_CHECKING:
    from redis import Redis
    from scrapy import Request, Spider

    from crawler.distributed.keys import RedisKeys

logger = logging.getLogger(__name__)

# KEYS: queue, lease hash, run marker. Returns {member (pickled request), run id or ''} or nil.
POP_LEASE: Final = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
redis.call('HSET', KEYS[2], r[1], r[2])
return {r[1], redis.call('GET', KEYS[3]) or ''}
"""

# KEYS: queue, workers set. ARGV: lease prefix, heartbeat prefix, instance to release or ''.
# Without ARGV[3]: re-queues the leases of every instance whose heartbeat has expired.
# With ARGV[3]: re-queues that instance's leases (a worker handing back its own on close).
REQUEUE_LEASES: Final = """
local moved = 0
local targets = {}
if ARGV[3] ~= '' then
  targets = {ARGV[3]}
else
  for _, inst in ipairs(redis.call('SMEMBERS', KEYS[2])) do
    if redis.call('EXISTS', ARGV[2] .. inst) == 0 then table.insert(targets, inst) end
  end
end
for _, inst in ipairs(targets) do
  local kv = redis.call('HGETALL', ARGV[1] .. inst)
  for i = 1, #kv, 2 do
    redis.call('ZADD', KEYS[1], kv[i + 1], kv[i])
    moved = moved + 1
  end
  redis.call('DEL', ARGV[1] .. inst)
  redis.call('SREM', KEYS[2], inst)
end
return moved
"""


class Lease(NamedTuple):
    """A leased request, its queue member (to ack it) and the run it was leased in."""

    request: Request
    member: bytes
    run_id: str  # the run marker when it was leased; '' when no run is marked


class LeasePriorityQueue(PriorityQueue):
    """``scrapy_redis.queue.PriorityQueue`` whose ``pop`` leases instead of removing."""

    def __init__(
        self, server: Redis, spider: Spider, key: str, serializer: Any = None, *,
        keys: RedisKeys, instance: str,
    ) -> None:
        super().__init__(server, spider, key, serializer=serializer)
        self.keys = keys
        self.instance = instance
        self._pop_lease = server.register_script(POP_LEASE)
        self._requeue = server.register_script(REQUEUE_LEASES)

    def pop(self, timeout: int = 0) -> Lease | None:  # type: ignore[override]
        """Lease the highest-priority request (None when empty)."""
        leased = self._pop_lease(keys=[self.key, self.keys.lease(self.instance), self.keys.run])
        if leased is None:
            return None
        member, run_id = leased
        return Lease(self._decode_request(member), member, run_id.decode())

    def ack(self, members: list[bytes]) -> int:
        """Finish leases: the requests are done and must not come back. Returns how many."""
        if not members:
            return 0
        return int(self.server.hdel(self.keys.lease(self.instance), *members))

    def requeue_orphans(self) -> int:
        """Move the leases of instances with an expired heartbeat back into the queue."""
        return int(self._requeue(
            keys=[self.key, self.keys.workers],
            args=[self.keys.lease_prefix, self.keys.heartbeat_prefix, ""],
        ))

    def requeue_own(self) -> int:
        """Move all of this instance's leases back into the queue (clean shutdown)."""
        return int(self._requeue(
            keys=[self.key, self.keys.workers],
            args=[self.keys.lease_prefix, self.keys.heartbeat_prefix, self.instance],
        ))

    def heartbeat(self, ttl_ms: int) -> None:
        """Say this instance is alive for ``ttl_ms`` more milliseconds."""
        with self.server.pipeline() as pipe:
            pipe.set(self.keys.heartbeat(self.instance), "1", px=ttl_ms)
            pipe.sadd(self.keys.workers, self.instance)
            pipe.execute()

    def leave(self) -> None:
        """Remove this instance's heartbeat (its leases must be empty or re-queued first)."""
        with self.server.pipeline() as pipe:
            pipe.delete(self.keys.heartbeat(self.instance))
            pipe.srem(self.keys.workers, self.instance)
            pipe.execute()
