"""The comparison's parts read from the values kept with the data: each party's position and
chain per claim (`positions`), the claims' first mentions, the counts of statements by party and
by relay. A handful of queries whose rows grow with parties and claims, not with statements."""

import uuid
from collections import defaultdict

from sqlalchemy import Uuid, and_, bindparam, literal_column, select
from sqlalchemy.orm import aliased

from app.comparisons.rules import Gathered, Position
from app.enums import StanceKind
from app.kit.reader import Query, Reader, instant, uuid_text
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
_POSITIONS = Query(
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
    )
    .join(Claim, Claim.id == StoredPosition.claim_id)
    .where(Claim.event_id == _EVENT)
)
_PARTIES = Query(
    select(uuid_text(EventParty.party_id), EventParty.statements).where(
        EventParty.event_id == _EVENT, EventParty.statements > literal_column("0")
    )
)
_RELAYS = Query(
    select(
        uuid_text(EventRelay.source_id), uuid_text(EventRelay.party_id), EventRelay.statements
    ).where(EventRelay.event_id == _EVENT, EventRelay.statements > literal_column("0"))
)

_BOTH_SIDES = frozenset({StanceKind.supports, StanceKind.refutes})


async def gather(reader: Reader, event_id: str) -> Gathered:
    """Everything the comparison of all the event's counted statements is made of."""
    params = {"event_id": uuid.UUID(event_id)}
    claims = await reader.fetch(_CLAIMS, params)
    positions: dict[str, dict[str, Position]] = {
        claim_id: {} for claim_id, _, mentioned in claims if mentioned
    }
    for row in await reader.fetch(_POSITIONS, params):
        claim_id, party_id, stance, side, since_id, since_at, side_id, side_at, changed = row
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
    statement_counts: dict[str, int] = {
        row[0]: row[1] for row in await reader.fetch(_PARTIES, params)
    }
    relayed: dict[str, int] = defaultdict(int)
    relayed_parties: dict[str, set[str]] = defaultdict(set)
    for source_id, party_id, count in await reader.fetch(_RELAYS, params):
        if source_id not in statement_counts:
            relayed[source_id] += count
            relayed_parties[source_id].add(party_id)
    return Gathered(
        statement_counts=statement_counts,
        positions={claim_id: on_claim for claim_id, on_claim in positions.items() if on_claim},
        relayed=relayed,
        relayed_parties=relayed_parties,
        claims=[(claim_id, text) for claim_id, text, _ in claims],
    )
