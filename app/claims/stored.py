"""Writing what a replay moved (`app.claims.derived`): claims' status and bounds, parties'
positions; each kind of change is one statement."""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from app.claims.rules import Chain, ClaimState
from app.enums import ClaimStatus, StanceKind
from app.kit.db import Base
from app.kit.writes import bulk_insert, update_rows
from app.models import Position

# A place in a claim's timeline: (said_at, statement id).
Point = tuple[datetime, uuid.UUID]
# Where a party stands on a claim: its latest stance, its latest taken side, and its chain.
Standing = tuple[StanceKind, StanceKind | None, Chain]


@dataclass
class Bounds:
    """What a replay reads and writes of a claim row: its status and timeline bounds."""

    id: uuid.UUID
    status: ClaimStatus
    first_said_at: datetime | None
    first_statement_id: uuid.UUID | None
    last_said_at: datetime | None
    last_statement_id: uuid.UUID | None


_BOUNDS_WRITTEN = [name for name in Bounds.__dataclass_fields__ if name != "id"]


@dataclass
class MovedPositions:
    """The positions a replay moved, by kind of change: each kind is one statement."""

    new: list[dict[str, Any]]
    changed: list[dict[str, Any]]
    gone: list[tuple[uuid.UUID, uuid.UUID]]

    def __len__(self) -> int:
        return len(self.new) + len(self.changed) + len(self.gone)


def update_bounds(
    claim: Bounds,
    start: Point | None,
    first_in_tail: Point | None,
    last_in_tail: Point | None,
    state: ClaimState,
) -> int:
    """Set the claim's status and bounds from where its replay started, the first kept and the
    last stance of the replayed tail; return how many of them changed."""
    first: Point | None = None
    if start is not None and claim.first_said_at is not None and claim.first_statement_id:
        kept = (claim.first_said_at, claim.first_statement_id)
        first = kept if kept < start else None
    if first is None:
        first = first_in_tail
    last = last_in_tail
    if last is None and start is not None and claim.last_said_at and claim.last_statement_id:
        last = (claim.last_said_at, claim.last_statement_id)
    wanted = (
        state.status,
        first[0] if first else None,
        first[1] if first else None,
        last[0] if last else None,
        last[1] if last else None,
    )
    current = (
        claim.status,
        claim.first_said_at,
        claim.first_statement_id,
        claim.last_said_at,
        claim.last_statement_id,
    )
    if current == wanted:
        return 0
    (
        claim.status,
        claim.first_said_at,
        claim.first_statement_id,
        claim.last_said_at,
        claim.last_statement_id,
    ) = wanted
    return sum(1 for a, b in zip(current, wanted, strict=True) if a != b)


def add_moved_positions(
    claim_id: uuid.UUID,
    parties: set[uuid.UUID],
    stored: Mapping[uuid.UUID, Standing],
    state: ClaimState,
    moved: MovedPositions,
) -> None:
    """Add the positions of these parties that the replay moved: new, changed or gone."""
    for party in parties:
        wanted = (
            (state.positions[party], state.sides.get(party), state.chains[party])
            if party in state.positions
            else None
        )
        before = stored.get(party)
        if wanted == before:
            continue
        if wanted is None:
            moved.gone.append((claim_id, party))
            continue
        stance, side, chain = wanted
        row = {
            "claim_id": claim_id,
            "party_id": party,
            "stance": stance,
            "side": side,
            **chain._asdict(),
        }
        (moved.changed if before is not None else moved.new).append(row)


async def store_positions(session: AsyncSession, moved: MovedPositions) -> None:
    """Write the moved positions of every claim: one statement for each kind of change."""
    positions = Base.metadata.tables["positions"]
    # COPY or a Core INSERT: the ORM's bulk path inserts these row by row.
    await bulk_insert(session, positions, moved.new)
    await update_rows(session, positions, ("claim_id", "party_id"), moved.changed)
    if moved.gone:
        await session.execute(
            delete(Position).where(tuple_(Position.claim_id, Position.party_id).in_(moved.gone))
        )


async def store_bounds(session: AsyncSession, updated: Sequence[Bounds]) -> None:
    """Write the changed status and bounds of these claims, as one executemany."""
    if not updated:
        return
    await update_rows(
        session,
        Base.metadata.tables["claims"],
        ("id",),
        [{"id": claim.id, **{n: getattr(claim, n) for n in _BOUNDS_WRITTEN}} for claim in updated],
    )
