"""The comparison of an event's sources, computed per request from indexed rows."""

import itertools
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, String, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession

from app.claims.rules import status_from_sides
from app.comparisons.rules import Position, agreement
from app.comparisons.schemas import (
    AgreementOut,
    ClaimComparison,
    Comparison,
    ContradictionOut,
    PartyOut,
    PositionOut,
    RelayOut,
    SideOut,
)
from app.events.schemas import EventOut
from app.models import Claim, ClaimStatus, Event, Relay, Source, Stance, StanceKind, Statement
from app.sources.schemas import SourceSummary


def raw(column: Any) -> Any:
    """A column read as the driver returns it: no UUID, enum or timestamp objects built per row.

    The comparison folds tens of thousands of rows but shows only a few hundred values; those are
    converted on the way out (`_uuid`, `_instant`).
    """
    return type_coerce(column, String)


def _uuid(value: Any) -> uuid.UUID:
    return value if type(value) is uuid.UUID else uuid.UUID(str(value))


def _instant(value: Any) -> datetime:
    if isinstance(value, str):  # SQLite keeps UTC instants as text
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    assert isinstance(value, datetime)
    return value.astimezone(UTC)


SelectT = TypeVar("SelectT", bound=Select[*tuple[Any, ...]])


def _kept(
    query: SelectT,
    event_id: uuid.UUID,
    as_of: datetime | None,
    parties: list[uuid.UUID] | None,
) -> SelectT:
    """Only the event's statements that count: not retracted, said by `as_of`, of `parties`."""
    query = query.where(Statement.event_id == event_id, Statement.retracted_at.is_(None))
    if as_of is not None:
        query = query.where(Statement.said_at <= as_of)
    if parties is not None:
        query = query.where(Statement.party_id.in_(parties))
    return query


async def compare(
    *,
    session: AsyncSession,
    event: Event,
    as_of: datetime | None,
    parties: list[uuid.UUID] | None,
) -> Comparison:
    """Parties, relays, positions per claim, agreement and contradictions of kept statements."""
    statements = (
        await session.execute(
            _kept(select(raw(Statement.id), raw(Statement.party_id)), event.id, as_of, parties)
        )
    ).all()
    stances = (
        await session.execute(
            _kept(
                select(
                    raw(Stance.claim_id),
                    raw(Statement.party_id),
                    raw(Stance.stance),
                    raw(Stance.statement_id),
                    raw(Statement.said_at),
                ).join(Statement, Statement.id == Stance.statement_id),
                event.id,
                as_of,
                parties,
            ).order_by(Statement.said_at, Statement.id, Stance.position)
        )
    ).all()
    relays = (
        await session.execute(
            _kept(
                select(raw(Relay.source_id), raw(Statement.id), raw(Statement.party_id)).join(
                    Statement, Statement.id == Relay.statement_id
                ),
                event.id,
                as_of,
                parties,
            )
        )
    ).all()
    claims = (
        await session.execute(
            select(raw(Claim.id), Claim.text).where(Claim.event_id == event.id).order_by(Claim.id)
        )
    ).all()

    statement_counts: dict[Any, int] = defaultdict(int)
    for _, party_id in statements:
        statement_counts[party_id] += 1
    positions: dict[Any, dict[Any, Position]] = {}
    for claim_id, party_id, stance, statement_id, said_at in stances:
        on_claim = positions.setdefault(claim_id, {})
        if party_id in on_claim:
            on_claim[party_id].update(stance, statement_id, said_at)
        else:
            on_claim[party_id] = Position.first(stance, statement_id, said_at)
    relayed: dict[Any, set[Any]] = defaultdict(set)
    relayed_parties: dict[Any, set[Any]] = defaultdict(set)
    for source_id, statement_id, party_id in relays:
        if source_id not in statement_counts:
            relayed[source_id].add(statement_id)
            relayed_parties[source_id].add(party_id)

    source_ids = set(statement_counts) | set(relayed)
    loaded = {
        source.id: SourceSummary.model_validate(source)
        for source in await session.scalars(
            select(Source).where(Source.id.in_([_uuid(key) for key in source_ids]))
        )
    }
    summaries = {key: loaded[_uuid(key)] for key in source_ids}

    def by_name(key: Any) -> tuple[str, str]:
        return summaries[key].name.casefold(), summaries[key].id.hex

    sides: dict[Any, dict[Any, StanceKind]] = defaultdict(dict)
    for claim_id, on_claim in positions.items():
        for party_id, position in on_claim.items():
            if position.side is not None:
                sides[party_id][claim_id] = position.side

    claim_texts: dict[Any, str] = dict(claims)
    compared: list[ClaimComparison] = []
    contradictions: list[ContradictionOut] = []
    # `positions` was filled in timeline order, so its keys are the claims by first mention.
    for claim_id, on_claim in positions.items():
        status = status_from_sides(p.side for p in on_claim.values() if p.side is not None)
        ordered = sorted(on_claim, key=by_name)
        compared.append(
            ClaimComparison(
                claim_id=_uuid(claim_id),
                text=claim_texts[claim_id],
                status=status,
                positions=[
                    PositionOut(
                        source_id=summaries[party_id].id,
                        stance=on_claim[party_id].stance,
                        since=_instant(on_claim[party_id].since),
                        statement_id=_uuid(on_claim[party_id].statement_id),
                        changed=on_claim[party_id].changed,
                    )
                    for party_id in ordered
                ],
            )
        )
        if status is ClaimStatus.contested:
            contradictions.append(
                ContradictionOut(
                    claim_id=_uuid(claim_id),
                    supporting=_sides(on_claim, ordered, StanceKind.supports, summaries),
                    refuting=_sides(on_claim, ordered, StanceKind.refutes, summaries),
                )
            )
    compared.extend(
        ClaimComparison(claim_id=_uuid(claim_id), text=text, status=ClaimStatus.open, positions=[])
        for claim_id, text in claims
        if claim_id not in positions
    )
    pairs = []
    for a, b in itertools.combinations(sorted(sides, key=by_name), 2):
        shared, agree, disagree = agreement(sides[a], sides[b])
        if shared:
            pairs.append(
                AgreementOut(
                    a=summaries[a].id,
                    b=summaries[b].id,
                    shared=shared,
                    agree=agree,
                    disagree=disagree,
                )
            )
    return Comparison(
        event=EventOut.model_validate(event),
        parties=[
            PartyOut(
                source=summaries[party_id],
                statements=statement_counts[party_id],
                claims_addressed=sum(1 for on_claim in positions.values() if party_id in on_claim),
            )
            for party_id in sorted(statement_counts, key=by_name)
        ],
        relays=[
            RelayOut(
                source=summaries[source_id],
                relayed_statements=len(relayed[source_id]),
                relayed_parties=[
                    summaries[party_id]
                    for party_id in sorted(relayed_parties[source_id], key=by_name)
                ],
            )
            for source_id in sorted(relayed, key=by_name)
        ],
        claims=compared,
        agreement=pairs,
        contradictions=contradictions,
    )


def _sides(
    on_claim: dict[Any, Position],
    ordered: list[Any],
    side: StanceKind,
    summaries: dict[Any, SourceSummary],
) -> list[SideOut]:
    return [
        SideOut(
            source_id=summaries[party_id].id,
            statement_id=_uuid(on_claim[party_id].side_statement_id),
            said_at=_instant(on_claim[party_id].side_since),
        )
        for party_id in ordered
        if on_claim[party_id].side == side
    ]
