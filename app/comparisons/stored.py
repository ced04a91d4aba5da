"""The comparison's parts read from the values kept with the data: each party's position and
chain per claim (`positions`), the claims' first mentions, the counts of statements by party and
by relay. A handful of queries whose rows grow with parties and claims, not with statements;
with `sources=`, only the listed parties' rows."""

import uuid
from collections import defaultdict
from functools import cache
from typing import Any

from sqlalchemy import Uuid, and_, bindparam, literal_column, select
from sqlalchemy.orm import aliased

from app.comparisons.rules import Gathered, Position
from app.enums import StanceKind
from app.kit.reader import Query, Reader, any_of, instant, uuid_text
from app.models import Claim, EventParty, EventRelay, Stance
from app.models import Position as StoredPosition

_EVENT = bindparam("event_id", type_=Uuid)

# The event's claims: those mentioned by first mention (claims first mentioned by one statement
# in the order it names them), then the others by creation.
_FIRST = aliased(Stance)
_CLAIMS = Query(
    select(uuid_text(Claim.id), Claim.text, Claim.first_said_at.is_not(None))
    .outerjoin(
        _FIRST,
        and_(_FIRST.statement_id == Claim.first_statement_id, _FIRST.claim_id == Claim.id),
    )
    .where(Claim.event_id == _EVENT)
    .order_by(
        Claim.first_said_at.is_(None),
        Claim.first_said_at,
        Claim.first_statement_id,
        _FIRST.position,
        Claim.id,
    )
)

_PARTY_FIRST = aliased(Stance)


@cache
def _queries(parties: bool) -> tuple[Query, Query, Query]:
    """The positions, party and relay count queries, of every party or of the listed ones."""
    positions = (
        select(
            uuid_text(StoredPosition.claim_id),
            uuid_text(StoredPosition.party_id),
            StoredPosition.stance,
            StoredPosition.side,
            uuid_text(StoredPosition.since_id),
            instant(StoredPosition.since_at),
            uuid_text(StoredPosition.side_id),
            instant(StoredPosition.side_at),
            StoredPosition.changed,
            # Where the party first spoke of the claim: the claim's first mention among the
            # listed parties is the earliest of theirs.
            StoredPosition.first_at,
            StoredPosition.first_id,
            _PARTY_FIRST.position,
        )
        .join(Claim, Claim.id == StoredPosition.claim_id)
        .outerjoin(
            _PARTY_FIRST,
            and_(
                _PARTY_FIRST.statement_id == StoredPosition.first_id,
                _PARTY_FIRST.claim_id == StoredPosition.claim_id,
            ),
        )
        .where(Claim.event_id == _EVENT)
    )
    counts = select(uuid_text(EventParty.party_id), EventParty.statements).where(
        EventParty.event_id == _EVENT, EventParty.statements > literal_column("0")
    )
    relays = select(
        uuid_text(EventRelay.source_id), uuid_text(EventRelay.party_id), EventRelay.statements
    ).where(EventRelay.event_id == _EVENT, EventRelay.statements > literal_column("0"))
    if parties:
        positions = positions.where(any_of(StoredPosition.party_id, "parties"))
        counts = counts.where(any_of(EventParty.party_id, "parties"))
        relays = relays.where(any_of(EventRelay.party_id, "parties"))
    return Query(positions), Query(counts), Query(relays)


_BOTH_SIDES = frozenset({StanceKind.supports, StanceKind.refutes})


async def gather(reader: Reader, event_id: str, parties: list[str] | None = None) -> Gathered:
    """Everything the comparison of the event's counted statements (of `parties` only, when
    given) is made of."""
    params = {"event_id": uuid.UUID(event_id), "parties": parties}
    positions_query, counts_query, relays_query = _queries(bool(parties))
    claims = await reader.fetch(_CLAIMS, params)
    positions: dict[str, dict[str, Position]] = {}
    firsts: dict[str, tuple[Any, ...]] = {}
    for row in await reader.fetch(positions_query, params):
        claim_id, party_id, stance, side, since_id, since_at, side_id, side_at, changed = row[:9]
        side = StanceKind(side) if side is not None else None
        positions.setdefault(claim_id, {})[party_id] = Position(
            stance=StanceKind(stance),
            statement_id=since_id,
            since=since_at,
            side=side,
            side_statement_id=side_id,
            side_since=side_at,
            sides_taken=set(_BOTH_SIDES) if changed else {side} if side else set(),
        )
        first = (row[9], row[10], row[11] if row[11] is not None else 0)
        if claim_id not in firsts or first < firsts[claim_id]:
            firsts[claim_id] = first
    if parties:
        # Mentioned claims by the listed parties' first mention, then the others by creation.
        ordered = sorted(positions, key=firsts.__getitem__)
    else:
        ordered = [claim_id for claim_id, _, mentioned in claims if mentioned]
    statement_counts: dict[str, int] = {
        row[0]: row[1] for row in await reader.fetch(counts_query, params)
    }
    relayed: dict[str, int] = defaultdict(int)
    relayed_parties: dict[str, set[str]] = defaultdict(set)
    for source_id, party_id, count in await reader.fetch(relays_query, params):
        if source_id not in statement_counts:
            relayed[source_id] += count
            relayed_parties[source_id].add(party_id)
    return Gathered(
        statement_counts=statement_counts,
        positions={claim_id: positions[claim_id] for claim_id in ordered if claim_id in positions},
        relayed=relayed,
        relayed_parties=relayed_parties,
        claims=sorted(((claim_id, text) for claim_id, text, _ in claims), key=lambda c: c[0]),
    )
