"""Write rules and look-ups for claims."""

import hashlib
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.claims.rules import StanceInTimeline, replay
from app.db import utcnow
from app.errors import Conflict, NotFound
from app.fields import looks_like_uuid
from app.ids import new_id
from app.models import Claim, ClaimStatus, Stance, Statement
from app.pagination import PageRequest, fetch_page
from app.text import claim_key


def text_hash(text: str) -> str:
    """The key a claim is unique on within its event: SHA-256 of its normalized text."""
    return hashlib.sha256(claim_key(text).encode()).hexdigest()


async def _find(session: AsyncSession, event_id: uuid.UUID, text: str) -> Claim | None:
    found: Claim | None = await session.scalar(
        select(Claim).where(Claim.event_id == event_id, Claim.text_hash == text_hash(text))
    )
    return found


async def create(*, session: AsyncSession, event_id: uuid.UUID, text: str) -> Claim:
    """Record a new claim; 409 when the event already has one with the same normalized text."""
    existing = await _find(session, event_id, text)
    if existing is not None:
        raise Conflict(f"The event already has this claim: {existing.id}.")
    return await resolve_text(session=session, event_id=event_id, text=text)


async def resolve_text(*, session: AsyncSession, event_id: uuid.UUID, text: str) -> Claim:
    """The event's claim with this normalized text, created if there is none.

    `INSERT … ON CONFLICT DO NOTHING` on the unique (event, text hash): of two concurrent
    transactions naming one new claim, one inserts and the other finds its row.
    """
    existing = await _find(session, event_id, text)
    if existing is not None:
        return existing
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    values = {
        "id": new_id(),
        "event_id": event_id,
        "text": text,
        "text_hash": text_hash(text),
        "status": ClaimStatus.open,
        "created_at": utcnow(),
    }
    await session.execute(
        insert(Claim)
        .values(values)
        .on_conflict_do_nothing(index_elements=[Claim.event_id, Claim.text_hash])
    )
    claim = await _find(session, event_id, text)
    assert claim is not None, "the claim was neither inserted nor found"
    return claim


async def get(*, session: AsyncSession, ref: str) -> Claim:
    """The claim with this id; 404 when there is none."""
    claim = await session.get(Claim, uuid.UUID(ref)) if looks_like_uuid(ref) else None
    if claim is None:
        raise NotFound(f"There is no claim with id {ref!r}.")
    return claim


async def search(
    *,
    session: AsyncSession,
    event_id: uuid.UUID,
    status: ClaimStatus | None,
    page: PageRequest,
) -> tuple[list[Claim], str | None]:
    """A page of an event's claims in creation order, optionally only those with this status."""
    statement = select(Claim).where(Claim.event_id == event_id)
    if status is not None:
        statement = statement.where(Claim.status == status)
    return await fetch_page(session, statement, key=Claim.id, kind="claims", page=page)


async def refresh_derived(*, session: AsyncSession, claim_ids: Iterable[uuid.UUID]) -> int:
    """Recompute the derived values of these claims' stances and their statuses; return how many
    stance rows and claims had to change.

    Claims are locked in id order first: a concurrent writer to the same claim waits, then
    replays with this one's rows in view, so no derived value is left stale.
    """
    ids = sorted(set(claim_ids))
    if not ids:
        return 0
    claims = {
        claim.id: claim
        for claim in await session.scalars(
            select(Claim).where(Claim.id.in_(ids)).order_by(Claim.id).with_for_update()
        )
    }
    rows = (
        await session.execute(
            select(
                Stance.claim_id,
                Stance.statement_id,
                Statement.party_id,
                Stance.stance,
                Statement.retracted_at.is_not(None),
                Stance.first_mention,
                Stance.reversal,
                Stance.status_after,
            )
            .join(Statement, Statement.id == Stance.statement_id)
            .where(Stance.claim_id.in_(ids))
            .order_by(Stance.claim_id, Statement.said_at, Statement.id)
        )
    ).all()
    timelines: dict[uuid.UUID, list[Any]] = {claim_id: [] for claim_id in ids}
    for row in rows:
        timelines[row[0]].append(row)
    changes: list[dict[str, Any]] = []
    fixed = 0
    for claim_id, timeline in timelines.items():
        derived, status = replay(
            StanceInTimeline(party=row[2], stance=row[3], retracted=row[4]) for row in timeline
        )
        for row, values in zip(timeline, derived, strict=True):
            if (row[5], row[6], row[7]) != (
                values.first_mention,
                values.reversal,
                values.status_after,
            ):
                changes.append(
                    {
                        "statement_id": row[1],
                        "claim_id": claim_id,
                        "first_mention": values.first_mention,
                        "reversal": values.reversal,
                        "status_after": values.status_after,
                    }
                )
        if claims[claim_id].status != status:
            claims[claim_id].status = status
            fixed += 1
    if changes:
        await session.execute(update(Stance), changes)
    await session.flush()
    return fixed + len(changes)
