"""The record as it stood at a moment (`known_at=`): the statements recorded by then, those
retracted by then not counting, and every derived value computed afresh for that record.

The values kept with the data describe the record as it is now, so a read at `known_at` reads
the event's statements recorded by then (a scan of the event, which `bench/known_at.py`
measures) and replays each claim with the same pure rules (`app.claims.rules`,
`app.comparisons.rules`, `app.provenance.rules`) that keep the stored values.
"""

import gc
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Uuid, bindparam, or_, select

from app.claims.rules import ClaimState, Derived, StanceInTimeline, replay
from app.comparisons.rules import Gathered, Position
from app.enums import ClaimStatus, StanceKind
from app.kit.db import UTCDateTime
from app.kit.reader import Query, Reader, uuid_text
from app.models import Claim, Relay, Stance, Statement, StatementBasis
from app.provenance.independence import Independence
from app.provenance.rules import Echoes, Kept, aware

_EVENT = bindparam("event_id", type_=Uuid)
_KINDS = {kind.value: kind for kind in StanceKind}
_KNOWN = bindparam("known_at", type_=UTCDateTime())
_RECORDED = (Statement.event_id == _EVENT, Statement.recorded_at <= _KNOWN)

_STATEMENTS = Query(
    select(
        uuid_text(Statement.id),
        Statement.said_at,
        uuid_text(Statement.party_id),
        uuid_text(Statement.speaker_id),
        Statement.retracted_at,
    ).where(*_RECORDED)
)
# The event's stances claim by claim in timeline order, from the index of each claim's timeline
# (those of statements recorded later are left out in Python).
_STANCES = Query(
    select(
        uuid_text(Stance.statement_id), uuid_text(Stance.claim_id), Stance.stance, Stance.position
    )
    .join(Claim, Claim.id == Stance.claim_id)
    .where(Claim.event_id == _EVENT)
    .order_by(Stance.claim_id, Stance.said_at, Stance.statement_id)
)
_RELAYS = Query(
    select(uuid_text(Relay.statement_id), uuid_text(Relay.source_id))
    .join(Statement, Statement.id == Relay.statement_id)
    .where(*_RECORDED)
)
_BASES = Query(
    select(uuid_text(StatementBasis.statement_id), uuid_text(StatementBasis.based_on_id))
    .where(StatementBasis.event_id == _EVENT)
    .order_by(StatementBasis.statement_id, StatementBasis.position)
)
_CHANGED_STATEMENTS = Query(
    select(Statement.id)
    .where(
        Statement.event_id == _EVENT,
        or_(Statement.recorded_at > _KNOWN, Statement.retracted_at > _KNOWN),
    )
    .limit(bindparam("one"))
)
_LATER_CLAIMS = Query(
    select(Claim.id)
    .where(Claim.event_id == _EVENT, Claim.created_at > _KNOWN)
    .limit(bindparam("one"))
)
_CLAIMS = Query(
    select(uuid_text(Claim.id), Claim.text, Claim.created_at).where(
        Claim.event_id == _EVENT, Claim.created_at <= _KNOWN
    )
)


@dataclass
class Said:
    """A statement recorded by the moment."""

    id: str
    said_at: datetime
    party: str
    speaker: str
    # Retracted at or before the moment: shown only with `include_retracted`, counts for nothing.
    retracted: bool
    stances: list[tuple[str, StanceKind, int]] = field(default_factory=list)
    relays: list[str] = field(default_factory=list)
    based_on: tuple[str, ...] = ()

    @property
    def point(self) -> tuple[datetime, str]:
        """Its place in the timeline."""
        return self.said_at, self.id


@dataclass
class Record:
    """An event's record at a moment: its statements in timeline order, its claims by id
    (text, creation), each stance's derived values and each claim's status."""

    known_at: datetime
    statements: list[Said]
    claims: dict[str, tuple[str, datetime]]
    derived: dict[tuple[str, str], Derived]
    statuses: dict[str, ClaimStatus]


async def unchanged_since(reader: Reader, event_id: str, known_at: datetime) -> bool:
    """Whether nothing was recorded, retracted or created in the event after `known_at`: then
    the record as it stood then is the record as it is, and the kept values serve it exactly."""
    params: dict[str, Any] = {"event_id": uuid.UUID(event_id), "known_at": known_at, "one": 1}
    if await reader.fetch(_CHANGED_STATEMENTS, params):
        return False
    return not await reader.fetch(_LATER_CLAIMS, params)


async def record(reader: Reader, event_id: str, known_at: datetime) -> Record:
    """The event's record as it stood at `known_at`, with its timeline's derived values."""
    params: dict[str, Any] = {"event_id": uuid.UUID(event_id), "known_at": known_at}
    rows = [await reader.fetch(query, params) for query in (_STATEMENTS, _STANCES, _RELAYS, _BASES)]
    claims = {
        claim_id: (text, aware(created_at))
        for claim_id, text, created_at in await reader.fetch(_CLAIMS, params)
    }
    # Hundreds of thousands of small objects at once, with no await in between: the cyclic
    # collector would walk them over and over (half the time, measured), and they hold no cycle.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(known_at, claims, *rows)
    finally:
        if collecting:
            gc.enable()


def _build(
    known_at: datetime,
    claims: dict[str, tuple[str, datetime]],
    statements: Sequence[Sequence[Any]],
    stances: Sequence[Sequence[Any]],
    relays: Sequence[Sequence[Any]],
    bases: Sequence[Sequence[Any]],
) -> Record:
    said: dict[str, Said] = {}
    for statement_id, said_at, party, speaker, retracted_at in statements:
        retracted = retracted_at is not None and aware(retracted_at) <= known_at
        said[statement_id] = Said(statement_id, aware(said_at), party, speaker, retracted)
    on_claim: dict[str, list[StanceInTimeline]] = defaultdict(list)
    for statement_id, claim_id, stance, position in stances:
        item = said.get(statement_id)
        if item is None:
            continue
        kind = _KINDS[stance]
        item.stances.append((claim_id, kind, position))
        on_claim[claim_id].append(
            StanceInTimeline(item.party, kind, item.retracted, item.id, item.said_at)
        )
    for statement_id, source_id in relays:
        said[statement_id].relays.append(source_id)
    targets: dict[str, list[str]] = defaultdict(list)
    for statement_id, based_on_id in bases:
        targets[statement_id].append(based_on_id)
    for statement_id, listed in targets.items():
        if statement_id in said:
            said[statement_id].based_on = tuple(listed)
    timeline = sorted(said.values(), key=lambda item: (item.said_at, item.id))
    derived: dict[tuple[str, str], Derived] = {}
    statuses: dict[str, ClaimStatus] = {}
    for claim_id in claims:
        values, state = replay(on_claim.get(claim_id, []), ClaimState())
        for stance, value in zip(on_claim.get(claim_id, []), values, strict=True):
            derived[(stance.statement, claim_id)] = value
        statuses[claim_id] = state.status
    return Record(known_at, timeline, claims, derived, statuses)


def gather(
    found: Record, *, as_of: datetime | None, parties: list[str] | None
) -> tuple[Gathered, Independence]:
    """What the comparison of the record's counted statements (said by `as_of`, of `parties`)
    is made of, and whether each side is held independently."""
    listed = set(parties) if parties else None
    kept = [
        item
        for item in found.statements
        if not item.retracted
        and (as_of is None or item.said_at <= as_of)
        and (listed is None or item.party in listed)
    ]
    positions: dict[str, dict[str, Position]] = defaultdict(dict)
    firsts: dict[str, tuple[datetime, str, int]] = {}
    counts: dict[str, int] = defaultdict(int)
    relaying: dict[str, list[Said]] = defaultdict(list)
    for item in kept:
        counts[item.party] += 1
        for source_id in dict.fromkeys(item.relays):
            relaying[source_id].append(item)
        for claim_id, stance, place in item.stances:
            firsts.setdefault(claim_id, (item.said_at, item.id, place))
            position = positions[claim_id].get(item.party)
            if position is None:
                positions[claim_id][item.party] = Position.first(stance, item.id, item.said_at)
            else:
                position.update(stance, item.id, item.said_at)
    relayed = {s: len(items) for s, items in relaying.items() if s not in counts}
    relayed_parties = {s: {item.party for item in relaying[s]} for s in relayed}
    ordered = sorted(positions, key=firsts.__getitem__)
    gathered = Gathered(
        statement_counts=dict(counts),
        positions={claim_id: positions[claim_id] for claim_id in ordered},
        relayed=defaultdict(int, relayed),
        relayed_parties=defaultdict(set, relayed_parties),
        claims=sorted((claim_id, text) for claim_id, (text, _) in found.claims.items()),
    )
    return gathered, _independence(kept, gathered.positions)


def _independence(kept: list[Said], positions: dict[str, dict[str, Position]]) -> Independence:
    independence: Independence = {}
    if not any(item.based_on for item in kept):
        for claim_id, on_claim in positions.items():
            for party_id, position in on_claim.items():
                if position.side is not None:
                    independence[(claim_id, party_id)] = True
        return independence
    graph = {
        item.id: Kept(item.party, {c: s for c, s, _ in item.stances}, item.based_on)
        for item in kept
    }
    echoes = Echoes(graph)
    # Each party's statements taking a stance on a claim, in timeline order.
    taking: dict[tuple[str, str, StanceKind], list[Said]] = defaultdict(list)
    for item in kept:
        for claim_id, stance, _ in item.stances:
            taking[(claim_id, item.party, stance)].append(item)
    for claim_id, on_claim in positions.items():
        for party_id, position in on_claim.items():
            side = position.side
            if side is None:
                continue
            start = (position.side_since, position.side_statement_id)
            independence[(claim_id, party_id)] = any(
                item.point >= start and not echoes.echoes(item.id, claim_id, side)
                for item in taking[(claim_id, party_id, side)]
            )
    return independence
