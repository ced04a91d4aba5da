"""The derived values kept with the data, replayed from where a claim's timeline changed.

Each stance stores its `first_mention`, `reversal`, `status_after` and where its party stood just
before it (`position_before`, `side_before`); each party its position and side per claim
(`positions`); each claim its status and timeline bounds. A submission or a retraction changes a
claim's timeline from some point on: only the stances from that point are read and replayed
(`app.claims.rules.replay`), the state before it is rebuilt from the stored positions and the
`*_before` values, and only the values that moved are written.
"""

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Boolean, Table, TextualSelect, column, func, select, text
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
from app.enums import ClaimStatus, StanceKind
from app.kit.writes import array_parameters, as_stored_json, seek_each, update_rows
from app.models import Claim, Position, Stance


class NewStance(NamedTuple):
    """A stance about to be inserted, with what its replay needs."""

    statement_id: uuid.UUID
    claim_id: uuid.UUID
    party_id: uuid.UUID
    stance: StanceKind
    said_at: datetime


class _TailStance(NamedTuple):
    """A stance in a claim's replayed tail, with its stored derived values (None for one about
    to be inserted). Fields in the order of the tail query's columns."""

    claim_id: uuid.UUID
    statement_id: uuid.UUID
    party_id: uuid.UUID
    stance: StanceKind
    retracted: bool
    said_at: datetime
    first_mention: bool | None
    reversal: bool | None
    status_after: ClaimStatus | None
    position_before: StanceKind | None
    side_before: StanceKind | None
    since_id: uuid.UUID | None
    since_at: datetime | None
    side_id: uuid.UUID | None
    side_at: datetime | None
    changed: bool | None
    status_changed: bool | None

    @property
    def stored(self) -> tuple[Any, ...]:
        """The stored derived values, as `_values` gives them for a replayed stance."""
        return self[6:]

    @property
    def is_new(self) -> bool:
        return self.first_mention is None

    @property
    def point(self) -> Point:
        return self.said_at, self.statement_id


@dataclass
class Refreshed:
    """What a refresh did: the derived values of the new stances, keyed by (statement id, claim
    id), and how many stored rows and values had to change."""

    new: dict[tuple[uuid.UUID, uuid.UUID], Derived]
    fixed: int


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
    claims = await _locked_bounds(session, ids)
    # A claim whose last stored stance lies before its start point has nothing stored to
    # replay again: only its new stances, appended below.
    stored_after = {
        claim_id: point
        for claim_id, point in starts.items()
        if point is None or _ends_at_or_after(claims[claim_id], point)
    }
    tails = await _tails(session, stored_after) if stored_after else {}
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
    stored = await _stored_positions(session, [i for i in ids if starts[i] is None], parties)
    others = await _sides_held(session, stored, parties)
    chains = await _chains_before(session, starts, tails)
    for new in new_stances:
        tails[new.claim_id].append(
            _TailStance(
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


# The derived values a stance row stores, in `_TailStance`'s order.
STORED_COLUMNS = (
    "first_mention",
    "reversal",
    "status_after",
    "position_before",
    "side_before",
    "since_id",
    "since_at",
    "side_id",
    "side_at",
    "changed",
    "status_changed",
)


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


def _point_of(stance: _TailStance) -> Point:
    return stance.said_at, stance.statement_id


async def _locked_bounds(session: AsyncSession, ids: list[uuid.UUID]) -> dict[uuid.UUID, Bounds]:
    """The claims' status and bounds, their rows locked in id order until commit."""
    columns = [getattr(Claim, name) for name in Bounds.__dataclass_fields__]
    rows = await session.execute(
        select(*columns).where(Claim.id.in_(ids)).order_by(Claim.id).with_for_update()
    )
    return {row.id: Bounds(*row) for row in rows}


# The start of a claim replayed from its beginning: before every stance.
_BEGINNING: Point = (datetime(1, 1, 1, tzinfo=UTC), uuid.UUID(int=0))
_TAIL_COLUMNS = ("claim_id", "statement_id", "party_id", "stance", "retracted", "said_at")


async def _tails(
    session: AsyncSession, starts: Mapping[uuid.UUID, Point | None]
) -> dict[uuid.UUID, list[_TailStance]]:
    """Each claim's stored stances from its start point on, in timeline order, in one query of
    fixed text (a range seek a claim on the claim-timeline index)."""
    wanted = [(claim_id, *(point or _BEGINNING)) for claim_id, point in starts.items()]
    dialect = session.get_bind().dialect
    parameters: dict[str, Any]
    if dialect.name == "postgresql":
        parameters = {f"v{n}": [item[n] for item in wanted] for n in range(3)}
    else:
        parameters = {"wanted": as_stored_json(_STANCES, _POINT, wanted, dialect)}
    tails: dict[uuid.UUID, list[_TailStance]] = {claim_id: [] for claim_id in starts}
    # One tuple a row, named by `_TailStance`: a rebuild reads every stance of the event.
    for row in await session.execute(_tails_statement(dialect.name), parameters):
        tails[row[0]].append(_TailStance._make(row))
    return tails


_POINT = ("claim_id", "said_at", "statement_id")


@cache
def _tails_statement(dialect: str) -> TextualSelect:
    picked = ", ".join(
        [
            "s.claim_id, s.statement_id, s.party_id, s.stance",
            "st.retracted_at IS NOT NULL AS retracted, s.said_at",
            # The stored values, in `_TailStance`'s order like every column here.
            *(f"s.{name}" for name in STORED_COLUMNS),
        ]
    )
    reached = (
        "FROM stances AS s JOIN statements AS st ON st.id = s.statement_id WHERE "
        "s.claim_id = w.claim_id AND (s.said_at, s.statement_id) >= (w.said_at, w.statement_id)"
    )
    if dialect == "postgresql":
        # OFFSET 0 keeps the lateral subquery a seek a claim, whatever the statistics say.
        sql = (
            f"SELECT t.* FROM unnest({array_parameters(_STANCES, _POINT)}) "
            f"AS w(claim_id, said_at, statement_id) CROSS JOIN LATERAL "
            f"(SELECT {picked} {reached} OFFSET 0) AS t "
            "ORDER BY t.claim_id, t.said_at, t.statement_id"
        )
    else:
        sql = (
            "WITH w(claim_id, said_at, statement_id) AS (SELECT json_extract(value, '$[0]'), "
            "json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(:wanted)) "
            f"SELECT {picked} FROM w JOIN stances AS s ON s.claim_id = w.claim_id "
            "AND (s.said_at, s.statement_id) >= (w.said_at, w.statement_id) "
            "JOIN statements AS st ON st.id = s.statement_id "
            "ORDER BY s.claim_id, s.said_at, s.statement_id"
        )
    names = (*_TAIL_COLUMNS, *STORED_COLUMNS)
    return text(sql).columns(
        *(column(n, Boolean() if n == "retracted" else _STANCES.c[n].type) for n in names)
    )


def _ends_at_or_after(claim: Bounds, point: Point) -> bool:
    if claim.last_said_at is None or claim.last_statement_id is None:
        return False
    return (claim.last_said_at, claim.last_statement_id) >= point


_POSITIONS: Table = Position.__table__  # type: ignore[assignment]
_STANDING = ("stance", "side", *Chain._fields)


async def _stored_positions(
    session: AsyncSession,
    whole: list[uuid.UUID],
    parties: Mapping[uuid.UUID, set[uuid.UUID]],
) -> dict[uuid.UUID, dict[uuid.UUID, Standing]]:
    """The stored positions, by party, of every party on the `whole` claims, and of the named
    `parties` on the others (one seek on the key each, in one statement)."""
    stored: dict[uuid.UUID, dict[uuid.UUID, Standing]] = {
        claim_id: {} for claim_id in [*whole, *parties]
    }
    if whole:
        # Core rows, not ORM objects: a busy claim has hundreds of parties.
        for row in await session.execute(
            select(
                Position.claim_id,
                Position.party_id,
                *(getattr(Position, name) for name in _STANDING),
            ).where(Position.claim_id.in_(whole))
        ):
            stored[row[0]][row[1]] = (row[2], row[3], Chain._make(row[4:]))
    # In no particular order: sorting UUIDs compares them in Python.
    wanted = [(claim_id, party) for claim_id, named in parties.items() for party in named]
    for index, *standing in await seek_each(
        session,
        _POSITIONS,
        keys=("claim_id", "party_id"),
        order=None,
        returning=_STANDING,
        wanted=wanted,
    ):
        claim_id, party = wanted[index]
        stored[claim_id][party] = (standing[0], standing[1], Chain._make(standing[2:]))
    return stored


async def _sides_held(
    session: AsyncSession,
    stored: Mapping[uuid.UUID, Mapping[uuid.UUID, Standing]],
    parties: Mapping[uuid.UUID, set[uuid.UUID]],
) -> dict[uuid.UUID, Counter[StanceKind]]:
    """For each claim replayed from a point, how many parties other than those it replays hold
    each side: all the replay needs of them (the claim's status)."""
    held: dict[uuid.UUID, Counter[StanceKind]] = defaultdict(Counter)
    if not parties:
        return held
    rows = await session.execute(
        select(Position.claim_id, Position.side, func.count())
        .where(Position.claim_id.in_(list(parties)), Position.side.is_not(None))
        .group_by(Position.claim_id, Position.side)
    )
    for claim_id, side, count in rows:
        if side is not None:  # as the query asks: positions without a side hold none
            held[claim_id][side] += count
    for claim_id in parties:
        for _stance, side, _chain in stored[claim_id].values():
            if side is not None:
                held[claim_id][side] -= 1
    return held


async def _chains_before(
    session: AsyncSession,
    starts: Mapping[uuid.UUID, Point | None],
    tails: Mapping[uuid.UUID, Sequence[_TailStance]],
) -> dict[uuid.UUID, dict[uuid.UUID, Chain | None]]:
    """The chain of each party with a stored stance in a claim's replayed tail, just before the
    tail: what its latest stance before the start point stored (a retracted stance stores the
    chain before it). One seek a party on the party-timeline index, all in one statement
    (`seek_each`)."""
    wanted: list[tuple[uuid.UUID, uuid.UUID, datetime, uuid.UUID]] = []
    for claim_id, tail in tails.items():
        start = starts[claim_id]
        if start is None:
            continue
        parties = {stance.party_id for stance in tail if not stance.is_new}
        wanted.extend((claim_id, party, *start) for party in parties)
    chains: dict[uuid.UUID, dict[uuid.UUID, Chain | None]] = {}
    for claim_id, party, *_ in wanted:
        chains.setdefault(claim_id, {})[party] = None
    found = await seek_each(
        session,
        _STANCES,
        keys=("claim_id", "party_id"),
        order=("said_at", "statement_id"),
        returning=_CHAIN_COLUMNS,
        wanted=wanted,
    )
    for index, *chain in found:
        if chain[0] is not None:
            claim_id, party = wanted[index][:2]
            chains[claim_id][party] = Chain._make((*chain, None, None))
    return chains


# The placeholder parties of `_state_before`: no party id is a tuple.
_OTHERS = "others"
_STANCES: Table = Stance.__table__  # type: ignore[assignment]
_CHAIN_COLUMNS = ("since_id", "since_at", "side_id", "side_at", "changed")


def _state_before(
    claim: Bounds,
    start: Point | None,
    tail: Iterable[_TailStance],
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
