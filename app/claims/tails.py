"""What a replay reads before it runs (`app.claims.derived`): the claims' rows, locked; their
stored tails from the start points on; the stored positions of the parties it replays and how
many others hold each side; each replayed party's chain just before the tail. Each is one
statement of fixed text whatever the number of claims (`kit.writes.seek_each` and alike), so
neither SQLAlchemy nor the database compiles it again for the next batch.
"""

import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Boolean, Table, TextualSelect, column, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.claims.rules import Chain
from app.claims.stored import Bounds, Point, Standing
from app.enums import ClaimStatus, StanceKind
from app.kit.writes import array_parameters, as_stored_json, list_value, one_of, seek_each
from app.models import Claim, Position, Stance

# The derived values a stance row stores, in `TailStance`'s order.
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


class TailStance(NamedTuple):
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


_STANCES: Table = Stance.__table__  # type: ignore[assignment]
_CHAIN_COLUMNS = ("since_id", "since_at", "side_id", "side_at", "changed")


async def locked_bounds(session: AsyncSession, ids: list[uuid.UUID]) -> dict[uuid.UUID, Bounds]:
    """The claims' status and bounds, their rows locked in id order until commit (one array
    parameter: an IN list of hundreds of ids is rendered anew for each batch)."""
    dialect = session.get_bind().dialect.name
    table = Claim.__table__
    # SQLite's writes run one at a time: there is nothing to lock row by row.
    lock = " FOR UPDATE" if dialect == "postgresql" else ""
    query = text(
        f"SELECT {', '.join(Bounds.__dataclass_fields__)} FROM claims "
        f"WHERE {one_of(dialect, 'id', 'ids', 'uuid')} ORDER BY id{lock}"
    ).columns(*(table.c[name] for name in Bounds.__dataclass_fields__))
    rows = await session.execute(query, {"ids": list_value(dialect, ids)})
    return {row.id: Bounds(*row) for row in rows}


# The start of a claim replayed from its beginning: before every stance.
_BEGINNING: Point = (datetime(1, 1, 1, tzinfo=UTC), uuid.UUID(int=0))
_TAIL_COLUMNS = ("claim_id", "statement_id", "party_id", "stance", "retracted", "said_at")


async def tails_from(
    session: AsyncSession, starts: Mapping[uuid.UUID, Point | None]
) -> dict[uuid.UUID, list[TailStance]]:
    """Each claim's stored stances from its start point on, in timeline order, in one query of
    fixed text (a range seek a claim on the claim-timeline index)."""
    wanted = [(claim_id, *(point or _BEGINNING)) for claim_id, point in starts.items()]
    dialect = session.get_bind().dialect
    parameters: dict[str, Any]
    if dialect.name == "postgresql":
        parameters = {f"v{n}": [item[n] for item in wanted] for n in range(3)}
    else:
        parameters = {"wanted": as_stored_json(_STANCES, _POINT, wanted, dialect)}
    tails: dict[uuid.UUID, list[TailStance]] = {claim_id: [] for claim_id in starts}
    # One tuple a row, named by `TailStance`: a rebuild reads every stance of the event.
    for row in await session.execute(_tails_statement(dialect.name), parameters):
        tails[row[0]].append(TailStance._make(row))
    return tails


_POINT = ("claim_id", "said_at", "statement_id")


@cache
def _tails_statement(dialect: str) -> TextualSelect:
    picked = ", ".join(
        [
            "s.claim_id, s.statement_id, s.party_id, s.stance",
            "st.retracted_at IS NOT NULL AS retracted, s.said_at",
            # The stored values, in `TailStance`'s order like every column here.
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


_POSITIONS: Table = Position.__table__  # type: ignore[assignment]
_STANDING = ("stance", "side", *Chain._fields)


async def stored_positions(
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


_SIDES = (StanceKind.supports, StanceKind.refutes)
# Whether parties other than the k replayed ones hold a side: at most k + 1 positions with that
# side are read (the claim's positions in key order; all of them only when few hold it).
_HELD_POSTGRESQL = text(
    "SELECT CAST(w.i AS integer) - 1, (SELECT count(*) FROM (SELECT 1 FROM positions AS p "
    "WHERE p.claim_id = w.claim_id AND p.side = w.side LIMIT w.k + 1) AS x) "
    "FROM unnest(CAST(:claims AS uuid[]), CAST(:sides AS varchar[]), CAST(:ks AS integer[])) "
    "WITH ORDINALITY AS w(claim_id, side, k, i)"
)
# SQLite takes no LIMIT from the outer row: whether a position with that side is held by a
# party outside the replayed ones (in the row's JSON: claim, side, replayed parties).
_HELD_SQLITE = text(
    "SELECT CAST(w.key AS integer), EXISTS (SELECT 1 FROM positions AS p "
    "WHERE p.claim_id = json_extract(w.value, '$[0]') AND p.side = json_extract(w.value, '$[1]') "
    "AND p.party_id NOT IN (SELECT value FROM json_each(w.value, '$[2]')))"
    "FROM json_each(:wanted) AS w"
)


async def sides_held(
    session: AsyncSession,
    stored: Mapping[uuid.UUID, Mapping[uuid.UUID, Standing]],
    parties: Mapping[uuid.UUID, set[uuid.UUID]],
) -> dict[uuid.UUID, Counter[StanceKind]]:
    """For each claim replayed from a point, whether parties other than those it replays hold
    each side (1 if any does, else 0): all the replay needs of them (the claim's status).

    On PostgreSQL, with k replayed parties whose stored side is S, others hold S when more than
    k positions do: one statement reads at most k + 1 positions a claim and side. SQLite looks
    for a position with that side outside the replayed parties."""
    held: dict[uuid.UUID, Counter[StanceKind]] = defaultdict(Counter)
    if not parties:
        return held
    wanted: list[tuple[uuid.UUID, StanceKind, int]] = []
    for claim_id in parties:
        mine = Counter(side for _stance, side, _chain in stored[claim_id].values())
        wanted.extend((claim_id, side, mine[side]) for side in _SIDES)
    if session.get_bind().dialect.name == "postgresql":
        rows = await session.execute(
            _HELD_POSTGRESQL,
            {
                "claims": [claim for claim, _, _ in wanted],
                "sides": [side.value for _, side, _ in wanted],
                "ks": [k for _, _, k in wanted],
            },
        )
        for index, found in rows:
            claim_id, side, k = wanted[index]
            held[claim_id][side] = 1 if found > k else 0
        return held
    document = [
        [claim_id.hex, side.value, sorted(party.hex for party in parties[claim_id])]
        for claim_id, side, _ in wanted
    ]
    for index, others in await session.execute(_HELD_SQLITE, {"wanted": json.dumps(document)}):
        claim_id, side, _ = wanted[index]
        held[claim_id][side] = 1 if others else 0
    return held


async def chains_before(
    session: AsyncSession,
    starts: Mapping[uuid.UUID, Point | None],
    tails: Mapping[uuid.UUID, Sequence[TailStance]],
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
