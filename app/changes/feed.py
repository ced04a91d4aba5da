"""Waking an instance's streams when their event changes.

On PostgreSQL one connection per instance LISTENs on the changes channel, so a statement posted
to any instance wakes the streams of every instance. On SQLite (one machine, one file) streams
look again every half second. Either way a woken stream reads the changes it has not sent from
the `event_changes` table, so nothing depends on a notification arriving: a missed one only
delays a change until the next look (at most the heartbeat interval).
"""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator

import asyncpg

from app.changes.log import CHANNEL

logger = logging.getLogger("claimline.streams")
POLL_SECONDS = 0.5


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


class ChangeFeed:
    """The instance's waiters, by event; with a DSN, a LISTEN connection wakes them."""

    def __init__(self, dsn: str | None) -> None:
        self.dsn = dsn
        self._waiters: dict[uuid.UUID, set[asyncio.Event]] = {}
        self._connection: asyncpg.Connection | None = None
        self._lock = asyncio.Lock()

    @property
    def listens(self) -> bool:
        """Whether notifications wake the streams (PostgreSQL), rather than polling."""
        return self.dsn is not None

    def _notified(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        with contextlib.suppress(ValueError):
            for waiter in self._waiters.get(uuid.UUID(payload), ()):
                waiter.set()

    async def _listen(self) -> None:
        async with self._lock:
            if self._connection is not None and not self._connection.is_closed():
                return
            try:
                self._connection = await asyncpg.connect(self.dsn, timeout=10)
                await self._connection.add_listener(CHANNEL, self._notified)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as error:
                # Streams fall back to looking at each heartbeat until the database is back.
                logger.warning("cannot listen for event changes: %s", type(error).__name__)
                self._connection = None

    @contextlib.asynccontextmanager
    async def subscribe(self, event_id: uuid.UUID) -> AsyncIterator["Subscription"]:
        """Register for the event's changes before reading them, so none falls in between."""
        if self.listens:
            await self._listen()
        subscription = Subscription(self.listens)
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
                await self._connection.close()
            self._connection = None


class Subscription:
    """One stream's registration for one event's changes."""

    def __init__(self, listens: bool) -> None:
        self.listens = listens
        self.woken = asyncio.Event()

    @property
    def stopped(self) -> bool:
        """Whether the process is stopping (the stream should end)."""
        return STOPPING.stopping

    async def wait(self, seconds: float) -> None:
        """Until the event may have changed since the last call, the process stops, or that many
        seconds pass."""
        if not self.listens:
            seconds = min(seconds, POLL_SECONDS)
        woken = asyncio.ensure_future(self.woken.wait())
        stopping = asyncio.ensure_future(STOPPING.waiter().wait())
        try:
            await asyncio.wait({woken, stopping}, timeout=seconds, return_when="FIRST_COMPLETED")
        finally:
            woken.cancel()
            stopping.cancel()
        self.woken.clear()
