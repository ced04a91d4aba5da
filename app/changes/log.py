"""Writing an event's changes: each recorded or retracted statement, and each other write that
changes what the event's views show, gets a number, in commit order within its event, and
PostgreSQL tells every instance's listeners (NOTIFY, delivered at commit). The session remembers
which events changed and their newest numbers, for the instance to drop what it rendered of them
and to answer with a consistency token once the transaction commits (`app.changes.feed`)."""

import json
import uuid
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.enums import Change
from app.kit.db import utcnow
from app.kit.writes import bulk_insert
from app.models import EventChange

CHANNEL = "claimline_event_changes"
# The NOTIFY payload (and, as the nil UUID, the event id) of a change to every event.
EVERY_EVENT = "*"
NIL_EVENT = uuid.UUID(int=0)
# Keys of `session.info`: the ids of the events changed (None: every event), and the newest
# change number of each event changed.
CHANGED = "claimline.changed"
SEEN = "claimline.seen"


async def lock_events(session: AsyncSession, event_ids: Iterable[uuid.UUID]) -> None:
    """Hold the events' rows until commit, so that writers to one event number their changes in
    the order they commit. Taken after the name locks and before any claim's row lock (the order
    every writer follows); `FOR NO KEY UPDATE` leaves rows that only reference the event free.
    SQLite writes run one at a time already."""
    ids = sorted(set(event_ids))
    if ids and session.get_bind().dialect.name == "postgresql":
        # One array parameter: an IN list of many ids is rendered anew for each batch.
        await session.execute(
            text(
                "SELECT id FROM events WHERE id = ANY(CAST(:ids AS uuid[])) "
                "ORDER BY id FOR NO KEY UPDATE"
            ),
            {"ids": ids},
        )


async def record(
    session: AsyncSession, statements: Iterable[tuple[uuid.UUID, uuid.UUID]], change: Change
) -> None:
    """Number the changes of these (event id, statement id) pairs and tell the listeners."""
    pairs = list(statements)
    if pairs:
        await _number(session, [(event, statement, change) for event, statement in pairs])


async def record_change(session: AsyncSession, event_id: uuid.UUID | None, change: Change) -> None:
    """Number a change that names no statement, of one event or (None) of every event."""
    await _number(session, [(event_id or NIL_EVENT, None, change)])


async def _latest_seqs(session: AsyncSession, events: list[uuid.UUID]) -> list[tuple[int, int]]:
    """(index in `events`, the event's latest `seq`) for each: one backward seek of the
    (event_id, seq) index an event, by one statement of fixed text (a `max` grouped over the
    events' changes would read every change of them)."""
    if session.get_bind().dialect.name == "postgresql":
        query = text(
            "SELECT CAST(w.i AS integer) - 1, "
            "(SELECT max(c.seq) FROM event_changes AS c WHERE c.event_id = w.event_id) "
            "FROM unnest(CAST(:events AS uuid[])) WITH ORDINALITY AS w(event_id, i)"
        )
        rows = await session.execute(query, {"events": events})
    else:
        query = text(
            "SELECT CAST(w.key AS integer), "
            "(SELECT max(c.seq) FROM event_changes AS c WHERE c.event_id = w.value) "
            "FROM json_each(:events) AS w"
        )
        rows = await session.execute(query, {"events": json.dumps([e.hex for e in events])})
    return [(int(index), int(seq)) for index, seq in rows if seq is not None]


async def _number(
    session: AsyncSession, changes: list[tuple[uuid.UUID, uuid.UUID | None, Change]]
) -> None:
    now = utcnow()
    # COPY on PostgreSQL (`seq` comes from its sequence), like the statements themselves.
    await bulk_insert(
        session,
        EventChange.__table__,  # type: ignore[arg-type]
        [
            {"event_id": event, "statement_id": statement, "change": kind.value, "created_at": now}
            for event, statement, kind in changes
        ],
    )
    events = sorted({event for event, _, _ in changes})
    changed: set[str | None] = session.info.setdefault(CHANGED, set())
    seen: dict[str, int] = session.info.setdefault(SEEN, {})
    for event in events:
        changed.add(None if event == NIL_EVENT else str(event))
    named = [event for event in events if event != NIL_EVENT]
    if named:
        for index, seq in await _latest_seqs(session, named):
            seen[str(named[index])] = int(seq)
    if session.get_bind().dialect.name == "postgresql":
        # One notification an event, all sent by one statement.
        await session.execute(
            text(
                "SELECT count(pg_notify(:channel, payload)) "
                "FROM unnest(CAST(:payloads AS text[])) AS payload"
            ),
            {
                "channel": CHANNEL,
                "payloads": [EVERY_EVENT if e == NIL_EVENT else str(e) for e in events],
            },
        )
