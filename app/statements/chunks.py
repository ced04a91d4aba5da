"""An event's statements in timeline order with everything they name, read in chunks: what
`claimline export` and the CSV export write out."""

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Claim, Event, Relay, Source, Stance, Statement

CHUNK_SIZE = 1000


@dataclass
class Chunk:
    """Statements with their relays and stances (in order) and the sources and claims named."""

    statements: Sequence[Statement]
    relays: dict[uuid.UUID, list[Relay]]
    stances: dict[uuid.UUID, list[Stance]]
    sources: dict[uuid.UUID, Source]
    claims: dict[uuid.UUID, Claim]


async def _chunk(session: AsyncSession, statements: Sequence[Statement]) -> Chunk:
    ids = [statement.id for statement in statements]
    relays = await session.scalars(
        select(Relay).where(Relay.statement_id.in_(ids)).order_by(Relay.position)
    )
    stances = await session.scalars(
        select(Stance).where(Stance.statement_id.in_(ids)).order_by(Stance.position)
    )
    chunk = Chunk(statements, {}, {}, {}, {})
    for relay in relays:
        chunk.relays.setdefault(relay.statement_id, []).append(relay)
    for stance in stances:
        chunk.stances.setdefault(stance.statement_id, []).append(stance)
    source_ids = {relay.source_id for relays in chunk.relays.values() for relay in relays}
    for statement in statements:
        source_ids.add(statement.speaker_id)
        source_ids.add(statement.party_id)
    for source in await session.scalars(select(Source).where(Source.id.in_(source_ids))):
        chunk.sources[source.id] = source
    claim_ids = {stance.claim_id for stances in chunk.stances.values() for stance in stances}
    for claim in await session.scalars(select(Claim).where(Claim.id.in_(claim_ids))):
        chunk.claims[claim.id] = claim
    return chunk


async def event_statements(
    session: AsyncSession,
    event: Event,
    *,
    include_retracted: bool = False,
    chunk_size: int = CHUNK_SIZE,
) -> AsyncIterator[Chunk]:
    """The event's statements by `said_at`, then in the order they were recorded, in chunks
    (keyset: the event may be large)."""
    after: tuple[datetime, uuid.UUID] | None = None
    while True:
        query = (
            select(Statement)
            .where(Statement.event_id == event.id)
            .order_by(Statement.said_at, Statement.id)
            .limit(chunk_size)
        )
        if not include_retracted:
            query = query.where(Statement.retracted_at.is_(None))
        if after is not None:
            query = query.where(tuple_(Statement.said_at, Statement.id) > after)
        statements = (await session.scalars(query)).all()
        if not statements:
            return
        yield await _chunk(session, statements)
        after = (statements[-1].said_at, statements[-1].id)
