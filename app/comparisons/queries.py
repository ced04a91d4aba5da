"""The comparison of an event's sources.

It is read from the values kept with the data (`app.comparisons.stored`): positions and counts,
whose rows grow with parties and claims, not statements; with `as_of`, one seek a position for
the party's latest stance by then, and the statements said by then counted. Like the other hot
reads it runs on a `Reader` and builds a plain document.
"""

import itertools
from collections import defaultdict
from typing import Any

from sqlalchemy import select

from app.claims.rules import status_from_sides
from app.comparisons import independence as independent_voices
from app.comparisons import stored
from app.comparisons.independence import Independence
from app.comparisons.rules import Gathered, Position, agreement
from app.enums import ClaimStatus, StanceKind
from app.kit.reader import Query, Reader, any_of, uuid_text
from app.models import Source
from app.reviews import queries as review_queries

Document = dict[str, Any]


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
    known_at: Any = None,
) -> Document:
    """Parties, relays, positions per claim, agreement and contradictions of the statements that
    count (of the listed parties, said by `as_of`), from the values kept with the data."""
    if as_of is None:
        gathered = await stored.gather(reader, event["id"], parties)
    else:
        gathered = await stored.gather_as_of(reader, event["id"], as_of, parties)
    independence = await independent_voices.stored(
        reader, event["id"], gathered.positions, as_of=as_of, parties=parties
    )
    return await document(reader, event, gathered, independence, known_at)


async def document(
    reader: Reader,
    event: Document,
    gathered: Gathered,
    independence: Independence,
    known_at: Any = None,
) -> Document:
    """The comparison document of what was gathered, with whether each side is independent and
    the reviews of each claim (those recorded by `known_at`, when given)."""
    reviews = await review_queries.mentions(reader, event["id"], known_at)
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
        voices = {
            party_id: independence[(claim_id, party_id)] if p.side is not None else None
            for party_id, p in on_claim.items()
        }
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
                        "independent": voices[party_id],
                    }
                    for party_id in ordered
                ],
                "independent_supporters": _independent(on_claim, voices, StanceKind.supports),
                "independent_refuters": _independent(on_claim, voices, StanceKind.refutes),
                "reviews": reviews.get(claim_id, []),
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
        {
            "claim_id": claim_id,
            "text": text,
            "status": ClaimStatus.open,
            "positions": [],
            "independent_supporters": 0,
            "independent_refuters": 0,
            "reviews": reviews.get(claim_id, []),
        }
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


def _independent(
    on_claim: dict[str, Position], voices: dict[str, bool | None], side: StanceKind
) -> int:
    return sum(1 for party_id, p in on_claim.items() if p.side == side and voices[party_id])


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
