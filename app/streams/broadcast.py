"""One reader of an event's changes per instance, however many clients watch it: the first
subscriber of an event starts a pump that reads each new change once (woken by the change feed),
renders its message once, and hands it to every subscriber of the event on this instance."""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from app.changes.feed import ChangeFeed
from app.errors import ServiceUnavailable

logger = logging.getLogger("claimline.streams")

# A subscriber this many messages behind is dropped (its client reconnects with Last-Event-ID).
MAX_BEHIND = 10_000
# The wake-up interval of a quiet pump, in seconds (it reads again then, whatever it was told).
QUIET_SECONDS = 15.0

# (seq, the message's bytes), or None: the subscriber fell too far behind and must end.
Message = tuple[int, bytes] | None
# Reads the messages of the event's changes after a position: [(seq, bytes)], at most a batch.
ReadAfter = Callable[[int], Awaitable[list[tuple[int, bytes]]]]


@dataclass
class _Channel:
    position: int
    subscribers: set[asyncio.Queue[Message]] = field(default_factory=set)
    pump: asyncio.Task[None] | None = None


class Broadcaster:
    """This instance's channels, one an event with subscribers."""

    def __init__(self) -> None:
        self._channels: dict[str, _Channel] = {}
        # How many times the pumps have read the database (`/metrics`).
        self.total_reads = 0

    @property
    def subscribers(self) -> int:
        """How many subscribers there are now, over all events."""
        return sum(len(channel.subscribers) for channel in self._channels.values())

    @contextlib.asynccontextmanager
    async def subscribe(
        self, feed: ChangeFeed, event_id: str, position: int, read_after: ReadAfter
    ) -> AsyncIterator[tuple[asyncio.Queue[Message], int]]:
        """A queue of the event's messages after the position returned with it (the channel's:
        what came before it and after the caller's own position, the caller reads itself)."""
        channel = self._channels.get(event_id)
        if channel is None:
            channel = self._channels[event_id] = _Channel(position=position)
            channel.pump = asyncio.create_task(self._pump(feed, event_id, channel, read_after))
        queue: asyncio.Queue[Message] = asyncio.Queue()
        channel.subscribers.add(queue)
        try:
            yield queue, channel.position
        finally:
            channel.subscribers.discard(queue)
            if not channel.subscribers and self._channels.get(event_id) is channel:
                del self._channels[event_id]
                if channel.pump is not None:
                    channel.pump.cancel()

    async def _pump(
        self, feed: ChangeFeed, event_id: str, channel: _Channel, read_after: ReadAfter
    ) -> None:
        async with feed.subscribe(uuid.UUID(event_id)) as subscription:
            while not subscription.stopped:
                try:
                    self.total_reads += 1
                    messages = await read_after(channel.position)
                except ServiceUnavailable:
                    logger.warning("cannot read the changes of event %s", event_id)
                    messages = []
                for seq, message in messages:
                    channel.position = seq
                    for queue in list(channel.subscribers):
                        if queue.qsize() >= MAX_BEHIND:
                            channel.subscribers.discard(queue)
                            queue.put_nowait(None)
                        else:
                            queue.put_nowait((seq, message))
                if messages and len(messages) >= BATCH:
                    continue
                await subscription.wait(QUIET_SECONDS)


# Changes read at once, by the pump and by a subscriber catching up.
BATCH = 200
