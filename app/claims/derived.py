"""The derived values kept with the data, replayed from where a claim's timeline changed.

Each stance stores its `first_mention`, `reversal`, `status_after` and where its party stood just
before it (`position_before`, `side_before`); each party its position and side per claim
(`positions`); each claim its status and timeline bounds. A submission or a retraction changes a
claim's timeline from some point on: only the stances from that point are read and replayed
(`app.claims.rules.replay`), the state before it is rebuilt from the stored positions and the
`*_before` values, and only the values that moved are written.
"""

import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from app.claims.rules import Chain, ClaimState, Derived, StanceInTimeline, replay
from app.claims.stored import (
    Bounds,
    MovedPositions,
    Standing,
    add_moved_positions,
    store_bounds,
    store_positions,
    update_bounds,
)
from app.claims.stored import (
    Point as Point,
)
from app.claims.tails import STORED_COLUMNS as STORED_COLUMNS
from app.claims.tails import (
    TailStance,
    chains_before,
    locked_bounds,
    sides_held,
    stored_positions,
    tails_from,
)
from app.enums import StanceKind
from app.kit.writes import update_rows
from app.models import Stance


class NewStance(NamedTuple):
    """A stance about to be inserted, with what its replay needs."""

    statement_id: uuid.UUID
    claim_id: uuid.UUID
    party_id: uuid.UUID
    stance: StanceKind
    said_at: datetime


@dataclass
class Refreshed:
    """What a refresh did: the derived values of the new stances, keyed by (statement id, claim
    id), and how many stored rows and values had to change."""

    new: dict[tuple[uuid.UUID, uuid.UUID], Derived]
    fixed: int


def _point_of(stance: TailStance) -> Point:
    return stance.said_at, stance.statement_id


def _ends_at_or_after(claim: Bounds, point: Point) -> bool:
    if claim.last_said_at is None or claim.last_statement_id is None:
        return False
    return (claim.last_said_at, claim.last_statement_id) >= point


async def refresh_derived(
    *, session: AsyncSession, starts: Mapping[uuid.UUID, Point | None]
) -> int:
    """Bring the derived values of these claims up to date; return how many stored rows and
    values had to change (0 after a rebuild of values that were right).

    `starts` gives, per claim, the point from which its timeline may have changed (a retracted
    statement), or None to replay it from the beginning (a rebuild).
    """
    refreshed = await refresh_with_new(session=session, starts=starts, new_stances=())
    return refreshed.fixed


async def refresh_with_new(
    *,
    session: AsyncSession,
    starts: Mapping[uuid.UUID, Point | None],
    new_stances: Sequence[NewStance],
) -> Refreshed:
    """Replay these claims from their start points with `new_stances` (about to be inserted) in
    their places, store what moved, and return the new stances' derived values, so that they are
    inserted once, complete.

    Claims are locked in id order first: a concurrent writer to the same claim waits, then
    replays with this one's rows in view.
    """
    ids = sorted(starts)
    if not ids:
        return Refreshed(new={}, fixed=0)
    claims = await locked_bounds(session, ids)
    # A claim whose last stored stance lies before its start point has nothing stored to
    # replay again: only its new stances, appended below.
    stored_after = {
        claim_id: point
        for claim_id, point in starts.items()
        if point is None or _ends_at_or_after(claims[claim_id], point)
    }
    tails = await tails_from(session, stored_after) if stored_after else {}
    for claim_id in ids:
        tails.setdefault(claim_id, [])
    # A claim replayed from a point reads the stored positions of the parties it replays and
    # how many other parties hold each side; one replayed from the start reads them all.
    parties: dict[uuid.UUID, set[uuid.UUID]] = {
        claim_id: {stance.party_id for stance in tails[claim_id]}
        for claim_id, point in starts.items()
        if point is not None
    }
    for new in new_stances:
        if new.claim_id in parties:
            parties[new.claim_id].add(new.party_id)
    stored = await stored_positions(session, [i for i in ids if starts[i] is None], parties)
    others = await sides_held(session, stored, parties)
    chains = await chains_before(session, starts, tails)
    for new in new_stances:
        tails[new.claim_id].append(
            TailStance(
                new.claim_id,
                new.statement_id,
                new.party_id,
                new.stance,
                False,
                new.said_at,
                *(None,) * 11,
            )
        )
    if new_stances:
        for tail in tails.values():
            tail.sort(key=_point_of)
    derived_new: dict[tuple[uuid.UUID, uuid.UUID], Derived] = {}
    changes: list[dict[str, Any]] = []
    moved = MovedPositions(new=[], changed=[], gone=[])
    updated: list[Bounds] = []
    fixed = 0
    for claim_id in ids:
        claim, start, tail = claims[claim_id], starts[claim_id], tails[claim_id]
        state = _state_before(
            claim, start, tail, stored[claim_id], chains.get(claim_id, {}), others[claim_id]
        )
        derived, state = replay(
            (
                StanceInTimeline(
                    party=s.party_id,
                    stance=s.stance,
                    retracted=s.retracted,
                    statement=s.statement_id,
                    said_at=s.said_at,
                )
                for s in tail
            ),
            state,
        )
        for stance, values in zip(tail, derived, strict=True):
            if stance.is_new:
                derived_new[(stance.statement_id, claim_id)] = values
                continue
            wanted = stored_values(values)
            if stance.stored != wanted:
                changes.append(
                    {
                        "statement_id": stance.statement_id,
                        "claim_id": claim_id,
                        **dict(zip(STORED_COLUMNS, wanted, strict=True)),
                    }
                )
        touched = {stance.party_id for stance in tail}
        if start is None:
            touched |= stored[claim_id].keys()
        add_moved_positions(claim_id, touched, stored[claim_id], state, moved)
        first_in_tail = next((stance.point for stance in tail if not stance.retracted), None)
        last_in_tail = tail[-1].point if tail else None
        changed = update_bounds(claim, start, first_in_tail, last_in_tail, state)
        if changed:
            fixed += changed
            updated.append(claim)
    await update_rows(session, _STANCES, ("statement_id", "claim_id"), changes)
    await store_positions(session, moved)
    await store_bounds(session, updated)
    await session.flush()
    return Refreshed(new=derived_new, fixed=fixed + len(changes) + len(moved))


def stored_values(values: Derived) -> tuple[Any, ...]:
    """What a stance row stores of its derived values, in `STORED_COLUMNS` order."""
    chain = values.chain
    return (
        values.first_mention,
        values.reversal,
        values.status_after,
        values.position_before,
        values.side_before,
        *(chain[:5] if chain is not None else (None,) * 5),
        values.status_changed,
    )


# The placeholder parties of `_state_before`: no party id is a tuple.
_OTHERS = "others"
_STANCES: Table = Stance.__table__  # type: ignore[assignment]


def _state_before(
    claim: Bounds,
    start: Point | None,
    tail: Iterable[TailStance],
    stored: Mapping[uuid.UUID, Standing],
    chains: Mapping[uuid.UUID, Chain | None],
    others: Counter[StanceKind],
) -> ClaimState:
    """Where the claim's timeline stood just before `start`, reading only one stance a party.

    A party with no stored stance from `start` on stands where its stored position says; one
    with such a stance stands where that stance's `position_before` and `side_before` say, with
    the chain its stance before `start` stored (its first stance is the stored position's).
    The parties the replay does not meet (`others`: how many hold each side) stand in for the
    status only, one placeholder a side they hold.
    """
    state = ClaimState()
    if start is None:
        return state
    for held, count in others.items():
        if count > 0:
            state.sides[(_OTHERS, held)] = held
    for party, (stance, side, stored_chain) in stored.items():
        state.positions[party] = stance
        state.chains[party] = stored_chain
        if side is not None:
            state.sides[party] = side
    picked_up: set[uuid.UUID] = set()
    for item in tail:
        party = item.party_id
        if item.is_new or party in picked_up:  # new stances have no stored values
            continue
        picked_up.add(party)
        state.positions.pop(party, None)
        state.sides.pop(party, None)
        now = state.chains.pop(party, None)
        before = chains.get(party)
        if before is not None and now is not None:
            state.chains[party] = before._replace(first_id=now.first_id, first_at=now.first_at)
        if item.position_before is not None:
            state.positions[party] = item.position_before
        if item.side_before is not None:
            state.sides[party] = item.side_before
    first = (claim.first_said_at, claim.first_statement_id)
    state.mentioned = first[0] is not None and first < start  # type: ignore[operator,unused-ignore]
    return state
