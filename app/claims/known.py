"""The record as it stood at a moment (`known_at=`): the statements recorded by then, those
retracted by then not counting, and every derived value computed afresh for that record.

The values kept with the data describe the record as it is now, so a read at `known_at` reads
the event's statements recorded by then (a scan of the event, which `bench/known_at.py`
measures) and replays each claim with the same pure rules (`app.claims.rules`) that keep the
stored values; the comparison folds the record with its own (`app.comparisons.known`), and
the timeline pages it (`app.timelines.known`).
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
from app.enums import ClaimStatus, StanceKind
from app.kit.db import UTCDateTime
from app.kit.fields import aware
from app.kit.pagination import PageRequest, decode_id_cursor, encode_cursor
from app.kit.reader import Query, Reader, uuid_text
from app.models import Claim, Relay, Stance, Statement, StatementBasis

Document = dict[str, Any]

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


def claim_document(found: Record, claim_id: str, event_id: str) -> Document:
    """A claim of the record as its document."""
    text, created_at = found.claims[claim_id]
    return {
        "id": claim_id,
        "event_id": event_id,
        "text": text,
        "status": found.statuses[claim_id],
        "created_at": created_at,
    }


def claims(
    found: Record, event_id: str, *, status: ClaimStatus | None, page: PageRequest
) -> tuple[list[Document], str | None]:
    """A page of the record's claims in creation order (by id), optionally of one status."""
    ids = sorted(found.claims, key=uuid.UUID)
    if status is not None:
        ids = [claim_id for claim_id in ids if found.statuses[claim_id] is status]
    if page.cursor is not None:
        after = decode_id_cursor("claims", page.cursor)
        ids = [claim_id for claim_id in ids if uuid.UUID(claim_id) > after]
    chosen = ids[: page.limit]
    next_cursor = (
        encode_cursor("claims", [uuid.UUID(chosen[-1]).hex]) if len(ids) > page.limit else None
    )
    return [claim_document(found, claim_id, event_id) for claim_id in chosen], next_cursor
