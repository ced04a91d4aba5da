"""The comparison's parts read from the values kept with the data: each party's position and
chain per claim (`positions`), the claims' first mentions, the counts of statements by party and
by relay. A handful of queries whose rows grow with parties and claims, not with statements;
with `sources=`, only the listed parties' rows. With `as_of`, each position is one seek for the
party's latest stance by then, and each count one seek for the party's (or relay's) latest
running count by then (`tally_marks`)."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Uuid, and_, bindparam, literal_column, select
from sqlalchemy.orm import aliased

from app.comparisons.rules import Gathered, Position
from app.enums import StanceKind
from app.kit.db import UTCDateTime
from app.kit.reader import Query, Reader, any_of, instant, uuid_text
from app.models import Claim, EventParty, EventRelay, Stance, Statement, TallyMark
from app.models import Position as StoredPosition
from app.models.tally import OWN

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
# The stance of a position's first statement on its claim (its place in that statement).
_OF_PARTY_FIRST = and_(
    _PARTY_FIRST.statement_id == StoredPosition.first_id,
    _PARTY_FIRST.claim_id == StoredPosition.claim_id,
)


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
            # listed parties is the earliest of theirs (with every party, the claims' own first
            # mentions order them, and the place of each first stance is not read).
            StoredPosition.first_at,
            StoredPosition.first_id,
            _PARTY_FIRST.position if parties else literal_column("NULL"),
        )
        .join(Claim, Claim.id == StoredPosition.claim_id)
        .where(Claim.event_id == _EVENT)
    )
    if parties:
        positions = positions.outerjoin(_PARTY_FIRST, _OF_PARTY_FIRST)
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
        _place(positions, firsts, row[0], row[1], row[2], row[3], row[4:9], row[9:12])
    ordered = None if parties else [c for c, _, mentioned in claims if mentioned]
    return await _rest(
        reader, params, claims, positions, firsts, counts_query, relays_query, ordered
    )


def _place(
    positions: dict[str, dict[str, Position]],
    firsts: dict[str, tuple[Any, ...]],
    claim_id: str,
    party_id: str,
    stance: str,
    side: str | None,
    chain: Sequence[Any],
    first: Sequence[Any],
) -> None:
    """Add a party's position on a claim (with its chain: since id and instant, side's id and
    instant, changed), and keep the claim's earliest first stance (instant, statement, place)."""
    since_id, since_at, side_id, side_at, changed = chain
    taken = StanceKind(side) if side is not None else None
    positions.setdefault(claim_id, {})[party_id] = Position(
        stance=StanceKind(stance),
        statement_id=since_id,
        since=since_at,
        side=taken,
        side_statement_id=side_id,
        side_since=side_at,
        sides_taken=set(_BOTH_SIDES) if changed else {taken} if taken else set(),
    )
    earliest = (first[0], first[1], first[2] if first[2] is not None else 0)
    if claim_id not in firsts or earliest < firsts[claim_id]:
        firsts[claim_id] = earliest


async def _rest(
    reader: Reader,
    params: dict[str, Any],
    claims: Sequence[Sequence[Any]],
    positions: dict[str, dict[str, Position]],
    firsts: dict[str, tuple[Any, ...]],
    counts_query: Query,
    relays_query: Query,
    ordered: list[str] | None = None,
) -> Gathered:
    """The counts, and the claims in the view's order: mentioned ones by first mention (the
    earliest of the parties' first stances), then the others by creation."""
    if ordered is None:
        ordered = sorted(positions, key=firsts.__getitem__)
    statement_counts: dict[str, int] = {
        row[0]: row[1] for row in await reader.fetch(counts_query, params) if row[1]
    }
    relayed: dict[str, int] = defaultdict(int)
    relayed_parties: dict[str, set[str]] = defaultdict(set)
    for source_id, party_id, count in await reader.fetch(relays_query, params):
        if source_id not in statement_counts and count:
            relayed[source_id] += count
            relayed_parties[source_id].add(party_id)
    return Gathered(
        statement_counts=statement_counts,
        positions={claim_id: positions[claim_id] for claim_id in ordered if claim_id in positions},
        relayed=relayed,
        relayed_parties=relayed_parties,
        claims=sorted(((claim_id, text) for claim_id, text, _ in claims), key=lambda c: c[0]),
    )


# With `as_of`: where each party stood at that moment is what its latest stance on the claim
# said at or before it stored (its position and side, or for a retracted stance the standing
# before it, and the chain), one seek a position on the index (claim, party, said_at, statement).
_AT = aliased(Stance)
_AT_STATEMENT = aliased(Statement)


@cache
def _as_of_queries(parties: bool) -> tuple[Query, Query, Query]:
    """The standings at a moment, and the counts of the statements said by then."""
    instant_type = UTCDateTime()
    moment = bindparam("as_of", type_=instant_type)
    latest = (
        select(_AT.statement_id)
        .where(
            _AT.claim_id == StoredPosition.claim_id,
            _AT.party_id == StoredPosition.party_id,
            _AT.said_at <= moment,
        )
        .order_by(_AT.said_at.desc(), _AT.statement_id.desc())
        .limit(bindparam("one"))
        .correlate(StoredPosition)
        .scalar_subquery()
    )
    standings = (
        select(
            uuid_text(Stance.claim_id),
            uuid_text(Stance.party_id),
            Stance.stance,
            _AT_STATEMENT.retracted_at.is_not(None),
            Stance.position_before,
            Stance.side_before,
            uuid_text(Stance.since_id),
            instant(Stance.since_at),
            uuid_text(Stance.side_id),
            instant(Stance.side_at),
            Stance.changed,
            StoredPosition.first_at,
            StoredPosition.first_id,
            _PARTY_FIRST.position,
        )
        .select_from(StoredPosition)
        .join(Claim, Claim.id == StoredPosition.claim_id)
        .join(
            Stance,
            and_(Stance.claim_id == StoredPosition.claim_id, Stance.statement_id == latest),
        )
        .join(_AT_STATEMENT, _AT_STATEMENT.id == Stance.statement_id)
        .outerjoin(_PARTY_FIRST, _OF_PARTY_FIRST)
        .where(Claim.event_id == _EVENT, Stance.since_id.is_not(None))
    )

    def counted_by_then(party: Any, source: Any) -> Any:
        # The running count of the latest mark said by then (None: nothing by then).
        return (
            select(TallyMark.counted)
            .where(
                TallyMark.event_id == _EVENT,
                TallyMark.party_id == party,
                TallyMark.source_id == source,
                TallyMark.said_at <= moment,
            )
            .order_by(TallyMark.said_at.desc(), TallyMark.statement_id.desc())
            .limit(bindparam("one"))
            .scalar_subquery()
        )

    # The parties and relays with a counted statement now are the only ones that can have had
    # one by then (retraction does not depend on the moment).
    counts = select(
        uuid_text(EventParty.party_id),
        counted_by_then(EventParty.party_id, bindparam("own", type_=Uuid)),
    ).where(EventParty.event_id == _EVENT, EventParty.statements > literal_column("0"))
    relays = select(
        uuid_text(EventRelay.source_id),
        uuid_text(EventRelay.party_id),
        counted_by_then(EventRelay.party_id, EventRelay.source_id),
    ).where(EventRelay.event_id == _EVENT, EventRelay.statements > literal_column("0"))
    if parties:
        standings = standings.where(any_of(StoredPosition.party_id, "parties"))
        counts = counts.where(any_of(EventParty.party_id, "parties"))
        relays = relays.where(any_of(EventRelay.party_id, "parties"))
    return Query(standings), Query(counts), Query(relays)


async def gather_as_of(
    reader: Reader, event_id: str, as_of: Any, parties: list[str] | None = None
) -> Gathered:
    """What the comparison of the statements said by `as_of` (of `parties`, when given) is made
    of: standings from one seek a position, counts from one seek each."""
    params = {
        "event_id": uuid.UUID(event_id),
        "parties": parties,
        "as_of": as_of,
        "one": 1,
        "own": OWN,
    }
    standings_query, counts_query, relays_query = _as_of_queries(bool(parties))
    claims = await reader.fetch(_CLAIMS, params)
    positions: dict[str, dict[str, Position]] = {}
    firsts: dict[str, tuple[Any, ...]] = {}
    for row in await reader.fetch(standings_query, params):
        claim_id, party_id, stance, retracted, position_before, side_before = row[:6]
        if retracted:
            stance, side = position_before, side_before
        else:
            side = stance if stance in _BOTH_SIDES else side_before
        _place(positions, firsts, claim_id, party_id, stance, side, row[6:11], row[11:14])
    return await _rest(reader, params, claims, positions, firsts, counts_query, relays_query)
