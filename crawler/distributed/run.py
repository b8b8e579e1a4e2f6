"""The run: seeded once by the first worker (SET NX), ended when the whole crawl is idle.

A run starts when a worker (or ``scrapy seed``) sets the run marker; that also clears the
run-scoped dupefilter, so articles can be queued again (the seen-store decides whether they
are new). While the seeder is still pushing its start requests a ``seeding`` key with a TTL
tells the others to wait. The run ends (marker and dupefilter deleted) when the queue is empty,
no instance holds a lease and nobody is seeding: the next scheduled run seeds afresh.

The run id (the marker's value) tells a worker that stays up across runs
(``MAX_IDLE_TIME_BEFORE_CLOSE = 0``) that a new run has begun: the ``LeaseScheduler`` sends
``run_started`` when it leases the first request of a run (or begins one), and the components
that remember things for one run (discovery pages requested, robots.txt, skip decisions) forget
them. A process that lives for one run only gets it once, before its first request.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from redis import Redis

    from crawler.distributed.keys import RedisKeys

run_started = object()
"""Signal (``run_id``): this worker now works for a new run; forget what the last run knew."""

# KEYS: run, dupefilter, seeding, chains of the run. ARGV: run id, seeding ttl ms, force ('1' =
# seed into a live run).
BEGIN_RUN: Final = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('DEL', KEYS[2])
  redis.call('DEL', KEYS[4])
elseif ARGV[3] ~= '1' then
  return 0
end
redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[2])
return 1
"""

# KEYS: queue, workers, seeding, run, dupefilter, chains of the run, walked chains. ARGV: lease
# prefix, end ('1' = end run if idle). Ending a run makes its chains walked. Returns {queued,
# leased, seeding, ended}.
RUN_STATE: Final = """
local queued = redis.call('ZCARD', KEYS[1])
local leased = 0
for _, inst in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  leased = leased + redis.call('HLEN', ARGV[1] .. inst)
end
local seeding = redis.call('EXISTS', KEYS[3])
local ended = 0
if ARGV[2] == '1' and queued == 0 and leased == 0 and seeding == 0 then
  ended = redis.call('DEL', KEYS[4])
  redis.call('DEL', KEYS[5])
  if ended == 1 and redis.call('EXISTS', KEYS[6]) == 1 then
    redis.call('SUNIONSTORE', KEYS[7], KEYS[7], KEYS[6])
    redis.call('DEL', KEYS[6])
  end
end
return {queued, leased, seeding, ended}
"""


@dataclass(frozen=True)
class RunState:
    """What the shared crawl is doing right now."""

    queued: int
    leased: int
    seeding: bool
    ended: bool = False

    @property
    def busy(self) -> bool:
        """True while any request is queued or leased, or a worker is still seeding."""
        return bool(self.queued or self.leased or self.seeding)


class RunCoordinator:
    """Begin, watch and end the shared run of one spider."""

    def __init__(self, server: Redis, keys: RedisKeys, *, seeding_ttl_ms: int) -> None:
        self.server = server
        self.keys = keys
        self.seeding_ttl_ms = seeding_ttl_ms
        self.run_id = ""
        self._begin = server.register_script(BEGIN_RUN)
        self._state = server.register_script(RUN_STATE)

    def begin(self, *, force: bool = False) -> bool:
        """Take the seeding lock: True when this worker must push the start requests."""
        run_id = uuid.uuid4().hex[:12]
        taken = self._begin(
            keys=[self.keys.run, self.keys.dupefilter, self.keys.seeding, self.keys.chains_run],
            args=[run_id, self.seeding_ttl_ms, "1" if force else "0"],
        )
        if taken:
            current = self.server.get(self.keys.run)
            self.run_id = current.decode() if isinstance(current, bytes) else str(current)
        return bool(taken)

    def keep_seeding(self) -> None:
        """Refresh the seeding key while start requests are still being pushed."""
        self.server.pexpire(self.keys.seeding, self.seeding_ttl_ms)

    def done_seeding(self) -> None:
        """All start requests are queued."""
        self.server.delete(self.keys.seeding)

    def state(self, *, end_if_idle: bool = False) -> RunState:
        """Queue and lease counts; with ``end_if_idle`` also end the run if nothing is left."""
        queued, leased, seeding, ended = self._state(
            keys=[self.keys.queue, self.keys.workers, self.keys.seeding, self.keys.run,
                  self.keys.dupefilter, self.keys.chains_run, self.keys.chains_walked],
            args=[self.keys.lease_prefix, "1" if end_if_idle else "0"],
        )
        return RunState(int(queued), int(leased), bool(seeding), bool(ended))
