"""How an instance is told that events changed: its own writes once committed, every
instance's on PostgreSQL (one LISTEN connection an instance; NOTIFY is sent at commit), and on
SQLite (one machine, one file) a look at `event_changes` at most every half second, when a view
or a stream asks. Being told drops the event's rendered views (`app.changes.cache`) and wakes
the instance's streams of the event; nothing depends on a notification arriving for data to be
right: streams read what they have not sent from `event_changes`, and views are kept only while
the instance is being told.
"""

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator, Iterable

import asyncpg
from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from app.changes.cache import ViewCache
from app.changes.log import CHANGED, CHANNEL, EVERY_EVENT, NIL_EVENT, SEEN
from app.errors import ServiceUnavailable
from app.kit.reader import Query, Readers, uuid_text
from app.models import EventChange

logger = logging.getLogger("claimline.streams")
POLL_SECONDS = 0.5
# After the LISTEN connection fails, try again at most this often.
RECONNECT_SECONDS = 1.0
# The header a write's answer carries, and a read may send back: `<event id>:<seq>` per event
# the write changed. A read that sends it is answered with a view that includes that change.
CONSISTENCY_HEADER = "Claimline-Consistency"

_NEWEST = Query(select(func.max(EventChange.seq)))
_SINCE = Query(
    select(EventChange.seq, uuid_text(EventChange.event_id))
    .where(EventChange.seq > bindparam("after"))
    .order_by(EventChange.seq)
    .limit(bindparam("limit"))
)
_LOOK_BATCH = 1000


class _Stopping:
    """Set when the process is asked to stop: open streams end (clients reconnect elsewhere with
    `Last-Event-ID`) instead of holding the shutdown until its grace period runs out."""

    def __init__(self) -> None:
        self.event: asyncio.Event | None = None
        self.stopping = False

    def waiter(self) -> asyncio.Event:
        if self.event is None:
            self.event = asyncio.Event()
            if self.stopping:
                self.event.set()
        return self.event

    def stop(self) -> None:
        self.stopping = True
        if self.event is not None:
            self.event.set()


STOPPING = _Stopping()


def stop_streams() -> None:
    """End every open stream of this process (called when the server is asked to stop)."""
    STOPPING.stop()


def consistency_token(seen: Iterable[tuple[str, int]]) -> str:
    """The value of the consistency header for these (event id, seq) pairs."""
    return ",".join(f"{event_id}:{seq}" for event_id, seq in sorted(seen))


def seen_in(header: str | None, event_id: str) -> int | None:
    """The seq a read's consistency header names for this event, if any."""
    for part in (header or "").split(","):
        name, _, seq = part.strip().partition(":")
        if name.lower() == event_id and seq.isdigit():
            return int(seq)
    return None


class ChangeFeed:
    """The instance's view cache and stream waiters, and how changes reach them."""

    def __init__(self, dsn: str | None, cache: ViewCache | None = None) -> None:
        self.dsn = dsn
        self.cache = cache or ViewCache()
        self._waiters: dict[uuid.UUID, set[asyncio.Event]] = {}
        self._connection: asyncpg.Connection | None = None
        self._lock = asyncio.Lock()
        self._readers: Readers | None = None
        self._next_try = 0.0
        self._last_seq: int | None = None
        self._last_look = 0.0
        # The newest change of each event this instance's own writes told it of: a look does
        # not drop their views a second time.
        self._told_up_to: dict[str, int] = {}

    @property
    def listens(self) -> bool:
        """Whether notifications tell this instance (PostgreSQL), rather than looking."""
        return self.dsn is not None

    @property
    def listening(self) -> bool:
        """Whether the LISTEN connection is up now."""
        return self._connection is not None and not self._connection.is_closed()

    def _told(self, event_id: str | None) -> None:
        self.cache.changed(event_id)
        if event_id is None:
            woken: Iterable[asyncio.Event] = (w for ws in self._waiters.values() for w in ws)
        else:
            with contextlib.suppress(ValueError):
                woken = self._waiters.get(uuid.UUID(event_id), ())
        for waiter in list(woken):
            waiter.set()

    def _notified(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        self._told(None if payload == EVERY_EVENT else payload.lower())

    def _lost(self, _connection: object) -> None:
        logger.warning("the connection listening for event changes was lost")
        self.cache.telling(False)

    async def start(self, readers: Readers) -> None:
        """Be told of changes from now on (again, after a failure): LISTEN on PostgreSQL, a
        first look at `event_changes` on SQLite. Cheap when already told."""
        if self._readers is None:
            self._readers = readers
            # A feed made before the database was known listens once it knows it can.
            self.dsn = self.dsn or readers.dsn
        if self.listens:
            if self.listening:
                return
            await self._listen()
        else:
            await self.look()

    async def _listen(self) -> None:
        async with self._lock:
            if self.listening:
                return
            if time.monotonic() < self._next_try:
                return
            try:
                connection = await asyncpg.connect(self.dsn, timeout=10)
                await connection.add_listener(CHANNEL, self._notified)
                connection.add_termination_listener(self._lost)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as error:
                # Views are computed every time and streams look at each heartbeat until the
                # database is back.
                logger.warning("cannot listen for event changes: %s", type(error).__name__)
                self._next_try = time.monotonic() + RECONNECT_SECONDS
                self.cache.telling(False)
                return
            self._connection = connection
            self.cache.telling(True)

    async def look(self) -> None:
        """On SQLite: read the changes committed since the last look (at most every half
        second), and be told of them."""
        if self.listens or self._readers is None:
            return
        if time.monotonic() - self._last_look < POLL_SECONDS:
            return
        async with self._lock:
            if time.monotonic() - self._last_look < POLL_SECONDS:
                return
            try:
                async with self._readers.reader() as reader:
                    if self._last_seq is None:
                        self._last_seq = int((await reader.fetch(_NEWEST, {}))[0][0] or 0)
                    while True:
                        rows = await reader.fetch(
                            _SINCE, {"after": self._last_seq, "limit": _LOOK_BATCH}
                        )
                        for seq, event_id in rows:
                            if int(seq) > self._told_up_to.get(event_id, 0):
                                self._told(None if event_id == str(NIL_EVENT) else event_id)
                            self._last_seq = int(seq)
                        last = self._last_seq
                        self._told_up_to = {e: n for e, n in self._told_up_to.items() if n > last}
                        if len(rows) < _LOOK_BATCH:
                            break
            except (ServiceUnavailable, OSError, DBAPIError) as error:
                logger.warning("cannot look for event changes: %s", type(error).__name__)
                self.cache.telling(False)
                return
            finally:
                self._last_look = time.monotonic()
            self.cache.telling(True)

    def committed(self, session: AsyncSession) -> dict[str, str]:
        """After a write's commit: tell this instance at once of the events it changed, and
        return the headers its answer carries (the consistency token)."""
        changed: set[str | None] = session.info.pop(CHANGED, set())
        for event_id in changed:
            self._told(event_id)
        seen: dict[str, int] = session.info.pop(SEEN, {})
        if not self.listens:
            self._told_up_to.update(seen)
        return {CONSISTENCY_HEADER: consistency_token(seen.items())} if seen else {}

    @contextlib.asynccontextmanager
    async def subscribe(self, event_id: uuid.UUID) -> AsyncIterator["Subscription"]:
        """Register for the event's changes before reading them, so none falls in between."""
        if self.listens:
            await self._listen()
        subscription = Subscription(self)
        waiters = self._waiters.setdefault(event_id, set())
        waiters.add(subscription.woken)
        try:
            yield subscription
        finally:
            waiters.discard(subscription.woken)
            if not waiters:
                self._waiters.pop(event_id, None)

    async def close(self) -> None:
        """Stop listening."""
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.remove_termination_listener(self._lost)
                await self._connection.close()
            self._connection = None
        self.cache.telling(False)


class Subscription:
    """One registration for one event's changes."""

    def __init__(self, feed: ChangeFeed) -> None:
        self.feed = feed
        self.woken = asyncio.Event()

    @property
    def stopped(self) -> bool:
        """Whether the process is stopping (the stream should end)."""
        return STOPPING.stopping

    async def wait(self, seconds: float) -> None:
        """Until the event may have changed since the last call, the process stops, or that many
        seconds pass (half a second on SQLite, which then looks)."""
        listens = self.feed.listening
        if not listens:
            seconds = min(seconds, POLL_SECONDS)
        woken = asyncio.ensure_future(self.woken.wait())
        stopping = asyncio.ensure_future(STOPPING.waiter().wait())
        try:
            await asyncio.wait({woken, stopping}, timeout=seconds, return_when="FIRST_COMPLETED")
        finally:
            woken.cancel()
            stopping.cancel()
        self.woken.clear()
        if not listens:
            await self.feed.look()
