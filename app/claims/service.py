"""Write rules and look-ups for claims."""

import hashlib
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, bindparam, delete, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.claims.rules import ClaimState, StanceInTimeline, replay
from app.errors import Conflict, NotFound
from app.kit.db import Base, bulk_insert, utcnow
from app.kit.fields import looks_like_uuid
from app.kit.ids import new_id
from app.kit.pagination import PageRequest, fetch_page
from app.models import Claim, ClaimStatus, Position, Stance, StanceKind, Statement
from app.text import claim_key


@lru_cache(maxsize=8192)
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


# A place in a claim's timeline: (said_at, statement id).
Point = tuple[datetime, uuid.UUID]


async def _tail_rows(
    session: AsyncSession, starts: Mapping[uuid.UUID, Point | None]
) -> dict[uuid.UUID, list[Any]]:
    """Each claim's stance rows from its start point on, in timeline order, in one query."""
    conditions: list[Any] = []
    from_start = [claim_id for claim_id, point in starts.items() if point is None]
    if from_start:
        conditions.append(Stance.claim_id.in_(from_start))
    for claim_id, point in starts.items():
        if point is not None:
            said_at, statement_id = point
            conditions.append(
                and_(
                    Stance.claim_id == claim_id,
                    Stance.said_at >= said_at,
                    or_(Stance.said_at > said_at, Stance.statement_id >= statement_id),
                )
            )
    tails: dict[uuid.UUID, list[Any]] = {claim_id: [] for claim_id in starts}
    for row in await session.execute(
        select(
            Stance.claim_id,
            Stance.statement_id,
            Statement.party_id,
            Stance.stance,
            Statement.retracted_at.is_not(None),
            Stance.first_mention,
            Stance.reversal,
            Stance.status_after,
            Stance.position_before,
            Stance.side_before,
            Stance.said_at,
        )
        .join(Statement, Statement.id == Stance.statement_id)
        .where(or_(*conditions))
        .order_by(Stance.claim_id, Stance.said_at, Stance.statement_id)
    ):
        tails[row[0]].append(row)
    return tails


def _ends_at_or_after(claim: "_Bounds", point: Point) -> bool:
    if claim.last_said_at is None or claim.last_statement_id is None:
        return False
    return (claim.last_said_at, claim.last_statement_id) >= point


def _timeline_point(row: Any) -> tuple[Any, Any]:
    return row[10], row[1]


async def _stored_positions(
    session: AsyncSession, claim_ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[Any, tuple[StanceKind, StanceKind | None]]]:
    stored: dict[uuid.UUID, dict[Any, tuple[StanceKind, StanceKind | None]]] = {
        claim_id: {} for claim_id in claim_ids
    }
    # Core rows, not ORM objects: a busy claim has hundreds of parties.
    for claim_id, party_id, stance, side in await session.execute(
        select(Position.claim_id, Position.party_id, Position.stance, Position.side).where(
            Position.claim_id.in_(claim_ids)
        )
    ):
        stored[claim_id][party_id] = (stance, side)
    return stored


def _state_before(
    claim: "_Bounds",
    start: Point | None,
    tail: list[Any],
    stored: dict[Any, tuple[StanceKind, StanceKind | None]],
    appended: Collection[uuid.UUID],
) -> ClaimState:
    """Where the claim's timeline stood just before `start`, without reading what lies before.

    A party with no stored stance from `start` on stands where its stored position says; one
    with such a stance stands where that stance's `position_before` and `side_before` say.
    """
    state = ClaimState()
    if start is None:
        return state
    for party, (stance, side) in stored.items():
        state.positions[party] = stance
        if side is not None:
            state.sides[party] = side
    picked_up: set[Any] = set()
    for row in tail:
        party = row[2]
        if row[1] in appended or party in picked_up:
            continue
        picked_up.add(party)
        state.positions.pop(party, None)
        state.sides.pop(party, None)
        if row[8] is not None:
            state.positions[party] = row[8]
        if row[9] is not None:
            state.sides[party] = row[9]
    first = (claim.first_said_at, claim.first_statement_id)
    state.mentioned = first[0] is not None and first < start  # type: ignore[operator,unused-ignore]
    return state


async def refresh_derived(
    *,
    session: AsyncSession,
    starts: Mapping[uuid.UUID, Point | None],
    new_stances: Sequence[dict[str, Any]] = (),
    parties: Mapping[uuid.UUID, uuid.UUID] | None = None,
) -> int:
    """Bring the derived values of these claims up to date: each stance's `first_mention`,
    `reversal`, `status_after` and where its party stood before it, each party's position,
    each claim's status and bounds. Return how many stored rows and values had to change.

    `starts` gives, per claim, the point from which its timeline may have changed (the earliest
    new stance, a retracted statement), or None to replay it from the beginning (a rebuild).
    Only the stances from that point on are read and replayed. `new_stances` are stance rows
    about to be inserted (their statements' parties in `parties`): they take part in the replay
    and receive their derived values in place, so they are written once. Claims are locked in
    id order first: a concurrent writer to the same claim waits, then replays with this one's
    rows in view.
    """
    ids = sorted(starts)
    if not ids:
        return 0
    claims = {
        row.id: _Bounds(*row)
        for row in await session.execute(
            select(*(getattr(Claim, name) for name in _Bounds.__dataclass_fields__))
            .where(Claim.id.in_(ids))
            .order_by(Claim.id)
            .with_for_update()
        )
    }
    # A claim whose last stored stance lies before its start point has nothing stored to
    # replay again: only its new stances, appended below.
    stored_after = {
        claim_id: point
        for claim_id, point in starts.items()
        if point is None or _ends_at_or_after(claims[claim_id], point)
    }
    tails = await _tail_rows(session, stored_after) if stored_after else {}
    for claim_id in ids:
        tails.setdefault(claim_id, [])
    stored = await _stored_positions(session, ids)
    # New stances join their claims' tails as rows like the stored ones, their derived values
    # unknown (None); `fresh` leads back to the dict that is about to be inserted.
    fresh: dict[tuple[uuid.UUID, uuid.UUID], dict[str, Any]] = {}
    for stance in new_stances:
        key = (stance["statement_id"], stance["claim_id"])
        fresh[key] = stance
        party = parties[stance["statement_id"]] if parties else None
        tails[stance["claim_id"]].append(
            (key[1], key[0], party, stance["stance"], False) + (None,) * 5 + (stance["said_at"],)
        )
    if fresh:
        for tail in tails.values():
            tail.sort(key=_timeline_point)
    appended = {statement_id for statement_id, _ in fresh}
    changes: list[dict[str, Any]] = []
    moved: dict[str, list[Any]] = {"new": [], "changed": [], "gone": []}
    updated: list[_Bounds] = []
    fixed = 0
    for claim_id in ids:
        claim, start, tail = claims[claim_id], starts[claim_id], tails[claim_id]
        state = _state_before(claim, start, tail, stored[claim_id], appended)
        derived, state = replay(
            (StanceInTimeline(party=row[2], stance=row[3], retracted=row[4]) for row in tail),
            state,
        )
        for row, values in zip(tail, derived, strict=True):
            wanted = (
                values.first_mention,
                values.reversal,
                values.status_after,
                values.position_before,
                values.side_before,
            )
            new = fresh.get((row[1], claim_id))
            if new is not None:
                new.update(
                    first_mention=values.first_mention,
                    reversal=values.reversal,
                    status_after=values.status_after,
                    position_before=values.position_before,
                    side_before=values.side_before,
                )
            elif tuple(row[5:10]) != wanted:
                changes.append(
                    {
                        "statement_id": row[1],
                        "claim_id": claim_id,
                        "first_mention": values.first_mention,
                        "reversal": values.reversal,
                        "status_after": values.status_after,
                        "position_before": values.position_before,
                        "side_before": values.side_before,
                    }
                )
        touched = {row[2] for row in tail}
        if start is None:
            touched |= stored[claim_id].keys()
        _moved_positions(claim_id, touched, stored[claim_id], state, moved)
        changed = _update_claim(claim, start, tail, state)
        if changed:
            fixed += changed
            updated.append(claim)
    if changes:
        await session.execute(update(Stance), changes)
    await _store_positions(session, moved)
    if updated:
        claims_table = Base.metadata.tables["claims"]
        await session.execute(
            update(claims_table)
            .where(claims_table.c.id == bindparam("key_id"))
            .values({name: bindparam(name) for name in _BOUNDS_WRITTEN}),
            [
                {"key_id": claim.id, **{n: getattr(claim, n) for n in _BOUNDS_WRITTEN}}
                for claim in updated
            ],
        )
    await session.flush()
    return fixed + len(changes) + sum(len(rows) for rows in moved.values())


@dataclass
class _Bounds:
    """What a replay reads and writes of a claim row: its status and timeline bounds."""

    id: uuid.UUID
    status: ClaimStatus
    first_said_at: datetime | None
    first_statement_id: uuid.UUID | None
    last_said_at: datetime | None
    last_statement_id: uuid.UUID | None


_BOUNDS_WRITTEN = [name for name in _Bounds.__dataclass_fields__ if name != "id"]


def _update_claim(claim: _Bounds, start: Point | None, tail: list[Any], state: ClaimState) -> int:
    """Set the claim's status and bounds; return how many of them changed."""
    first: Point | None = None
    if start is not None and claim.first_said_at is not None and claim.first_statement_id:
        kept = (claim.first_said_at, claim.first_statement_id)
        first = kept if kept < start else None
    if first is None:
        first = next(((row[10], row[1]) for row in tail if not row[4]), None)
    last: Point | None = (tail[-1][10], tail[-1][1]) if tail else None
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


def _moved_positions(
    claim_id: uuid.UUID,
    parties: set[Any],
    stored: dict[Any, tuple[StanceKind, StanceKind | None]],
    state: ClaimState,
    moved: dict[str, list[Any]],
) -> None:
    """Add the positions of these parties that the replay moved to `moved`: new, changed, gone."""
    for party in parties:
        wanted = (
            (state.positions[party], state.sides.get(party)) if party in state.positions else None
        )
        before = stored.get(party)
        if wanted == before:
            continue
        if wanted is None:
            moved["gone"].append((claim_id, party))
            continue
        row = {"claim_id": claim_id, "party_id": party, "stance": wanted[0], "side": wanted[1]}
        moved["changed" if before is not None else "new"].append(row)


async def _store_positions(session: AsyncSession, moved: dict[str, list[Any]]) -> None:
    """Write the moved positions of every claim: one statement for each kind of change."""
    # COPY or a Core INSERT: the ORM's bulk path inserts these row by row.
    await bulk_insert(session, Base.metadata.tables["positions"], moved["new"])
    if moved["changed"]:
        # A Core UPDATE by primary key, run as one executemany.
        positions = Base.metadata.tables["positions"]
        await session.execute(
            update(positions)
            .where(
                positions.c.claim_id == bindparam("key_claim"),
                positions.c.party_id == bindparam("key_party"),
            )
            .values(stance=bindparam("stance"), side=bindparam("side")),
            [
                {"key_claim": r["claim_id"], "key_party": r["party_id"], **r}
                for r in moved["changed"]
            ],
        )
    if moved["gone"]:
        await session.execute(
            delete(Position).where(tuple_(Position.claim_id, Position.party_id).in_(moved["gone"]))
        )
