"""Write rules and look-ups for claims."""

import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.changes import log as change_log
from app.enums import Change, ClaimStatus
from app.errors import Conflict
from app.kit.db import utcnow
from app.kit.ids import new_id
from app.models import Claim
from app.text import claim_key, text_hash


async def _find(session: AsyncSession, event_id: uuid.UUID, text: str) -> Claim | None:
    found: Claim | None = await session.scalar(
        select(Claim).where(Claim.event_id == event_id, Claim.text_hash == text_hash(text))
    )
    return found


async def create(*, session: AsyncSession, event_id: uuid.UUID, text: str) -> Claim:
    """Record a new claim; 409 when the event already has one with the same normalized text."""
    # The event's row first, as statement writers take it (before any claim).
    await change_log.lock_events(session, [event_id])
    existing = await _find(session, event_id, text)
    if existing is not None:
        raise Conflict(f"The event already has this claim: {existing.id}.")
    claim = await resolve_text(session=session, event_id=event_id, text=text)
    await change_log.record_change(session, event_id, Change.claim_created)
    return claim


async def get_or_create(*, session: AsyncSession, event_id: uuid.UUID, text: str) -> Claim:
    """The event's claim with this normalized text, or a new one (told to the event's views)."""
    await change_log.lock_events(session, [event_id])
    existing = await _find(session, event_id, text)
    if existing is not None:
        return existing
    claim = await resolve_text(session=session, event_id=event_id, text=text)
    await change_log.record_change(session, event_id, Change.claim_created)
    return claim


async def resolve_text(*, session: AsyncSession, event_id: uuid.UUID, text: str) -> Claim:
    """The event's claim with this normalized text, created if there is none.

    `INSERT … ON CONFLICT DO NOTHING` on the unique (event, text hash): of two concurrent
    transactions naming one new claim, one inserts and the other finds its row.
    """
    existing = await _find(session, event_id, text)
    if existing is not None:
        return existing
    dialect = session.get_bind().dialect.name
    insert_into = postgresql_insert if dialect == "postgresql" else sqlite_insert
    values = {
        "id": new_id(),
        "event_id": event_id,
        "text": text,
        "text_hash": text_hash(text),
        "text_key": claim_key(text),
        "status": ClaimStatus.open,
        "created_at": utcnow(),
    }
    await session.execute(
        insert_into(Claim)
        .values(values)
        .on_conflict_do_nothing(index_elements=[Claim.event_id, Claim.text_hash])
    )
    claim = await _find(session, event_id, text)
    assert claim is not None, "the claim was neither inserted nor found"
    return claim
