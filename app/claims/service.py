"""Write rules and look-ups for claims."""

import hashlib
import uuid
from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.claims.rules import ClaimState, StanceInTimeline, replay
from app.db import utcnow
from app.errors import Conflict, NotFound
from app.fields import looks_like_uuid
from app.ids import new_id
from app.models import Claim, ClaimStatus, Position, Stance, Statement
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
    insert_into = postgresql_insert if dialect == "postgresql" else sqlite_insert
    values = {
        "id": new_id(),
        "event_id": event_id,
        "text": text,
        "text_hash": text_hash(text),
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


_TimelineRow = Any  # (claim_id, statement_id, party_id, stance, retracted, first_mention, ...)


def _stance_rows() -> Any:
    return select(
        Stance.claim_id,
        Stance.statement_id,
        Statement.party_id,
        Stance.stance,
        Statement.retracted_at.is_not(None),
        Stance.first_mention,
        Stance.reversal,
        Stance.status_after,
    ).join(Statement, Statement.id == Stance.statement_id)


def _timeline_order() -> tuple[Any, ...]:
    return (Stance.claim_id, Statement.said_at, Statement.id)


async def _claims_with_later_stances(
    session: AsyncSession, claim_ids: list[uuid.UUID], appended: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    """The claims on which an earlier-recorded stance sorts after that claim's first appended
    stance: those need a full replay, the others only have the appended stances to add."""
    firsts: dict[uuid.UUID, tuple[Any, uuid.UUID]] = {}
    for claim_id, said_at, statement_id in await session.execute(
        select(Stance.claim_id, Statement.said_at, Statement.id)
        .join(Statement, Statement.id == Stance.statement_id)
        .where(Statement.id.in_(appended), Stance.claim_id.in_(claim_ids))
    ):
        if claim_id not in firsts or (said_at, statement_id) < firsts[claim_id]:
            firsts[claim_id] = (said_at, statement_id)
    if not firsts:
        return set()
    later = or_(
        *(
            and_(
                Stance.claim_id == claim_id,
                Statement.said_at >= said_at,
                or_(Statement.said_at > said_at, Statement.id > statement_id),
            )
            for claim_id, (said_at, statement_id) in firsts.items()
        )
    )
    found = await session.scalars(
        select(Stance.claim_id)
        .join(Statement, Statement.id == Stance.statement_id)
        .where(Stance.claim_id.in_(list(firsts)), Statement.id.not_in(appended), later)
        .distinct()
    )
    return set(found.all())


async def _load_states(
    session: AsyncSession, claim_ids: list[uuid.UUID]
) -> dict[uuid.UUID, ClaimState]:
    """Where each claim's timeline stands now, from the positions table."""
    states = {claim_id: ClaimState() for claim_id in claim_ids}
    for position in await session.scalars(select(Position).where(Position.claim_id.in_(claim_ids))):
        state = states[position.claim_id]
        state.mentioned = True
        state.positions[position.party_id] = position.stance
        if position.side is not None:
            state.sides[position.party_id] = position.side
    return states


async def refresh_derived(
    *,
    session: AsyncSession,
    claim_ids: Iterable[uuid.UUID],
    appended: Collection[uuid.UUID] = (),
) -> int:
    """Bring the derived values of these claims up to date: each stance's `first_mention`,
    `reversal` and `status_after`, each party's position, each claim's status. Return how many
    stance rows, positions and claims had to change.

    `appended` names statements this transaction just recorded: on a claim where they sort after
    every other stance (the usual case), only they are replayed, from the stored positions.
    Elsewhere (a statement said before others, a retraction, a rebuild) the claim is replayed from
    its start. Claims are locked in id order first: a concurrent writer to the same claim waits,
    then replays with this one's rows in view, so no derived value is left stale.
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
    full = set(ids)
    if appended:
        full = await _claims_with_later_stances(session, ids, appended)
    tails = [claim_id for claim_id in ids if claim_id not in full]
    states = await _load_states(session, tails)
    for claim_id in full:
        states[claim_id] = ClaimState()
    timelines: dict[uuid.UUID, list[_TimelineRow]] = {claim_id: [] for claim_id in ids}
    if full:
        for row in await session.execute(
            _stance_rows().where(Stance.claim_id.in_(full)).order_by(*_timeline_order())
        ):
            timelines[row[0]].append(row)
    if tails:
        for row in await session.execute(
            _stance_rows()
            .where(Stance.claim_id.in_(tails), Stance.statement_id.in_(appended))
            .order_by(*_timeline_order())
        ):
            timelines[row[0]].append(row)
    changes: list[dict[str, Any]] = []
    fixed = 0
    for claim_id, timeline in timelines.items():
        before = ClaimState(
            positions=dict(states[claim_id].positions), sides=dict(states[claim_id].sides)
        )
        derived, state = replay(
            (StanceInTimeline(party=row[2], stance=row[3], retracted=row[4]) for row in timeline),
            states[claim_id],
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
        if claim_id in full:
            fixed += await _replace_positions(session, claim_id, state)
        else:
            await _store_positions(session, claim_id, before, state)
        if claims[claim_id].status != state.status:
            claims[claim_id].status = state.status
            fixed += 1
    if changes:
        await session.execute(update(Stance), changes)
    await session.flush()
    return fixed + len(changes)


def _position_rows(claim_id: uuid.UUID, state: ClaimState) -> dict[Any, dict[str, Any]]:
    return {
        party_id: {
            "claim_id": claim_id,
            "party_id": party_id,
            "stance": stance,
            "side": state.sides.get(party_id),
        }
        for party_id, stance in state.positions.items()
    }


async def _replace_positions(session: AsyncSession, claim_id: uuid.UUID, state: ClaimState) -> int:
    """Store a claim's positions from a full replay; return how many rows differed."""
    stored = {
        position.party_id: (position.stance, position.side)
        for position in await session.scalars(select(Position).where(Position.claim_id == claim_id))
    }
    rows = _position_rows(claim_id, state)
    wanted = {party_id: (row["stance"], row["side"]) for party_id, row in rows.items()}
    if stored == wanted:
        return 0
    differing = len(stored.keys() ^ wanted.keys()) + sum(
        1 for party in stored.keys() & wanted.keys() if stored[party] != wanted[party]
    )
    await session.execute(delete(Position).where(Position.claim_id == claim_id))
    if rows:
        await session.execute(insert(Position), list(rows.values()))
    return differing


async def _store_positions(
    session: AsyncSession, claim_id: uuid.UUID, before: ClaimState, after: ClaimState
) -> None:
    """Store the positions that replaying appended stances changed."""
    rows = _position_rows(claim_id, after)
    moved = [
        party_id
        for party_id in after.positions
        if (before.positions.get(party_id), before.sides.get(party_id))
        != (after.positions[party_id], after.sides.get(party_id))
    ]
    new = [rows[party_id] for party_id in moved if party_id not in before.positions]
    if new:
        await session.execute(insert(Position), new)
    changed = [rows[party_id] for party_id in moved if party_id in before.positions]
    if changed:
        # An ORM bulk UPDATE by primary key: one executemany, not one statement a party.
        await session.execute(update(Position), changed)
