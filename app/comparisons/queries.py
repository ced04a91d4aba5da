"""The comparison of an event's sources.

Without `as_of` (with or without `sources`), it is read from the values kept with the data
(positions and counts, `app.comparisons.stored`): its cost grows with parties and claims, not
statements. With `as_of` it folds the stance rows of the statements that count. Like the other hot
reads it runs on a `Reader` and builds a plain document.
"""

import itertools
import uuid
from collections import defaultdict
from functools import cache
from typing import Any

from sqlalchemy import Uuid, bindparam, select

from app.claims.rules import status_from_sides
from app.comparisons import stored
from app.comparisons.rules import Gathered, Position, agreement
from app.enums import ClaimStatus, StanceKind
from app.kit.db import UTCDateTime
from app.kit.reader import Query, Reader, any_of, instant, uuid_text
from app.models import Claim, Relay, Source, Stance, Statement

Document = dict[str, Any]


def _kept(query: Any, as_of: bool, parties: bool) -> Any:
    """Only the event's statements that count: not retracted, said by `as_of`, of `parties`."""
    query = query.where(
        Statement.event_id == bindparam("event_id", type_=Uuid),
        Statement.retracted_at.is_(None),
    )
    if as_of:
        query = query.where(Statement.said_at <= bindparam("as_of", type_=UTCDateTime()))
    if parties:
        query = query.where(any_of(Statement.party_id, "parties"))
    return query


@cache
def _queries(as_of: bool, parties: bool) -> tuple[Query, Query, Query]:
    """The statement, stance and relay queries for one combination of filters."""
    statements = Query(_kept(select(uuid_text(Statement.party_id)), as_of, parties))
    stances = Query(
        _kept(
            select(
                uuid_text(Stance.claim_id),
                uuid_text(Statement.party_id),
                Stance.stance,
                uuid_text(Stance.statement_id),
                instant(Statement.said_at),
            ).join(Statement, Statement.id == Stance.statement_id),
            as_of,
            parties,
        ).order_by(Statement.said_at, Statement.id, Stance.position)
    )
    relays = Query(
        _kept(
            select(
                uuid_text(Relay.source_id), uuid_text(Statement.id), uuid_text(Statement.party_id)
            ).join(Statement, Statement.id == Relay.statement_id),
            as_of,
            parties,
        )
    )
    return statements, stances, relays


_CLAIMS = Query(
    select(uuid_text(Claim.id), Claim.text)
    .where(Claim.event_id == bindparam("event_id", type_=Uuid))
    .order_by(Claim.id)
)
_SOURCES = Query(
    select(uuid_text(Source.id), Source.slug, Source.name, Source.kind).where(
        any_of(Source.id, "ids")
    )
)


async def compare(
    *,
    reader: Reader,
    event: Document,
    as_of: Any,
    parties: list[str] | None,
) -> Document:
    """Parties, relays, positions per claim, agreement and contradictions of kept statements:
    from the values kept with the data (of every party, or of the listed ones), or with `as_of`
    from the stance rows of the statements that count."""
    if as_of is None:
        gathered = await stored.gather(reader, event["id"], parties)
    else:
        gathered = await _scan(reader, event["id"], as_of, parties)
    return await _document(reader, event, gathered)


async def _scan(reader: Reader, event_id: str, as_of: Any, parties: list[str] | None) -> Gathered:
    """Fold the kept statements' stance rows in timeline order."""
    statements_query, stances_query, relays_query = _queries(as_of is not None, bool(parties))
    params = {"event_id": uuid.UUID(event_id), "as_of": as_of, "parties": parties}
    statements = await reader.fetch(statements_query, params)
    stances = await reader.fetch(stances_query, params)
    relays = await reader.fetch(relays_query, params)
    claims = await reader.fetch(_CLAIMS, params)

    statement_counts: dict[str, int] = defaultdict(int)
    for (party_id,) in statements:
        statement_counts[party_id] += 1
    positions: dict[str, dict[str, Position]] = {}
    for claim_id, party_id, stance, statement_id, said_at in stances:
        on_claim = positions.setdefault(claim_id, {})
        if party_id in on_claim:
            on_claim[party_id].update(stance, statement_id, said_at)
        else:
            on_claim[party_id] = Position.first(stance, statement_id, said_at)
    relayed: dict[str, set[str]] = defaultdict(set)
    relayed_parties: dict[str, set[str]] = defaultdict(set)
    for source_id, statement_id, party_id in relays:
        if source_id not in statement_counts:
            relayed[source_id].add(statement_id)
            relayed_parties[source_id].add(party_id)
    return Gathered(
        statement_counts=statement_counts,
        positions=positions,
        relayed={source: len(ids) for source, ids in relayed.items()},
        relayed_parties=relayed_parties,
        claims=[(row[0], row[1]) for row in claims],
    )


async def _document(reader: Reader, event: Document, gathered: Gathered) -> Document:
    """The comparison document of what was gathered."""
    statement_counts, positions = gathered.statement_counts, gathered.positions
    relayed, relayed_parties = gathered.relayed, gathered.relayed_parties
    wanted = list(set(statement_counts) | set(relayed))
    sources = {
        row[0]: {"id": row[0], "slug": row[1], "name": row[2], "kind": row[3]}
        for row in await reader.fetch(_SOURCES, {"ids": wanted})
    }

    def by_name(key: str) -> tuple[str, str]:
        # Canonical UUID text sorts like the hex digits: by name, then by id.
        return sources[key]["name"].casefold(), key

    sides: dict[str, dict[str, StanceKind]] = defaultdict(dict)
    addressed: dict[str, int] = defaultdict(int)
    for claim_id, on_claim in positions.items():
        for party_id, position in on_claim.items():
            addressed[party_id] += 1
            if position.side is not None:
                sides[party_id][claim_id] = position.side

    texts: dict[str, str] = dict(gathered.claims)
    compared: list[Document] = []
    contradictions: list[Document] = []
    # `positions` holds the claims by first mention.
    for claim_id, on_claim in positions.items():
        status = status_from_sides(p.side for p in on_claim.values() if p.side is not None)
        ordered = sorted(on_claim, key=by_name)
        compared.append(
            {
                "claim_id": claim_id,
                "text": texts[claim_id],
                "status": status,
                "positions": [
                    {
                        "source_id": party_id,
                        "stance": on_claim[party_id].stance,
                        "since": on_claim[party_id].since,
                        "statement_id": on_claim[party_id].statement_id,
                        "changed": on_claim[party_id].changed,
                    }
                    for party_id in ordered
                ],
            }
        )
        if status is ClaimStatus.contested:
            contradictions.append(
                {
                    "claim_id": claim_id,
                    "supporting": _sides(on_claim, ordered, StanceKind.supports),
                    "refuting": _sides(on_claim, ordered, StanceKind.refutes),
                }
            )
    compared.extend(
        {"claim_id": claim_id, "text": text, "status": ClaimStatus.open, "positions": []}
        for claim_id, text in gathered.claims
        if claim_id not in positions
    )
    pairs = []
    for a, b in itertools.combinations(sorted(sides, key=by_name), 2):
        shared, agree, disagree = agreement(sides[a], sides[b])
        if shared:
            pairs.append({"a": a, "b": b, "shared": shared, "agree": agree, "disagree": disagree})
    return {
        "event": event,
        "parties": [
            {
                "source": sources[party_id],
                "statements": statement_counts[party_id],
                "claims_addressed": addressed[party_id],
            }
            for party_id in sorted(statement_counts, key=by_name)
        ],
        "relays": [
            {
                "source": sources[source_id],
                "relayed_statements": relayed[source_id],
                "relayed_parties": [
                    sources[party_id]
                    for party_id in sorted(relayed_parties[source_id], key=by_name)
                ],
            }
            for source_id in sorted(relayed, key=by_name)
        ],
        "claims": compared,
        "agreement": pairs,
        "contradictions": contradictions,
    }


def _sides(on_claim: dict[str, Position], ordered: list[str], side: StanceKind) -> list[Document]:
    return [
        {
            "source_id": party_id,
            "statement_id": on_claim[party_id].side_statement_id,
            "said_at": on_claim[party_id].side_since,
        }
        for party_id in ordered
        if on_claim[party_id].side == side
    ]
