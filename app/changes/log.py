"""Writing an event's changes: each recorded or retracted statement gets a number, in commit
order within its event, and PostgreSQL tells every instance's listeners (NOTIFY, delivered at
commit)."""

import uuid
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.enums import Change
from app.kit.db import utcnow
from app.kit.writes import bulk_insert
from app.models import Event, EventChange

CHANNEL = "claimline_event_changes"


async def lock_events(session: AsyncSession, event_ids: Iterable[uuid.UUID]) -> None:
    """Hold the events' rows until commit, so that writers to one event number their changes in
    the order they commit. Taken after the name locks and before any claim's row lock (the order
    every writer follows); `FOR NO KEY UPDATE` leaves rows that only reference the event free.
    SQLite writes run one at a time already."""
    ids = sorted(set(event_ids))
    if ids and session.get_bind().dialect.name == "postgresql":
        await session.execute(
            select(Event.id)
            .where(Event.id.in_(ids))
            .order_by(Event.id)
            .with_for_update(key_share=True)
        )


async def record(
    session: AsyncSession, statements: Iterable[tuple[uuid.UUID, uuid.UUID]], change: Change
) -> None:
    """Number the changes of these (event id, statement id) pairs and tell the listeners."""
    now = utcnow()
    pairs = list(statements)
    if not pairs:
        return
    # COPY on PostgreSQL (`seq` comes from its sequence), like the statements themselves.
    await bulk_insert(
        session,
        EventChange.__table__,  # type: ignore[arg-type]
        [
            {
                "event_id": event,
                "statement_id": statement,
                "change": change.value,
                "created_at": now,
            }
            for event, statement in pairs
        ],
    )
    if session.get_bind().dialect.name == "postgresql":
        for event_id in sorted({event for event, _ in pairs}):
            await session.execute(select(func.pg_notify(CHANNEL, str(event_id))))
