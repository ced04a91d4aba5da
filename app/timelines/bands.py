"""Where each claim's status changed: the points of the event's claim timeline at which a kept
stance moved its claim's status, read from the stances that say so (`status_changed`), not from
every stance. The event page draws its status bands from them."""

import uuid
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Uuid, and_, bindparam, or_, select, text

from app.enums import ClaimStatus
from app.errors import BadRequest
from app.kit.db import UTCDateTime
from app.kit.pagination import PageRequest, decode_cursor, encode_cursor
from app.kit.reader import Query, Reader, instant, uuid_text
from app.models import Claim, Source, Stance, Statement

Document = dict[str, Any]
_KIND = "status-changes"
# The status before the first stance of a claim's timeline.
_OPEN = ClaimStatus.open.value


@cache
def _query(*, claim: bool, after: bool) -> Query:
    # The page of changes first, from the partial index alone (its exact condition), and only
    # then their statements and parties: planned the other way round without statistics, the
    # join read every stance of each party.
    changes = select(
        Stance.claim_id, Stance.statement_id, Stance.said_at, Stance.status_after, Stance.party_id
    ).where(
        Stance.claim_id.in_(
            select(Claim.id).where(Claim.event_id == bindparam("event_id", type_=Uuid))
        ),
        text("status_changed"),
    )
    if claim:
        changes = changes.where(Stance.claim_id == bindparam("claim_id", type_=Uuid))
    if after:
        last_claim = bindparam("after_claim", type_=Uuid)
        said_at = bindparam("said_at", type_=UTCDateTime())
        last = bindparam("after", type_=Uuid)
        changes = changes.where(
            Stance.claim_id >= last_claim,
            or_(
                Stance.claim_id > last_claim,
                and_(
                    Stance.said_at >= said_at,
                    or_(Stance.said_at > said_at, Stance.statement_id > last),
                ),
            ),
        )
    order = (Stance.claim_id, Stance.said_at, Stance.statement_id)
    page = changes.order_by(*order).limit(bindparam("limit")).subquery("changes")
    query = (
        select(
            uuid_text(page.c.claim_id),
            uuid_text(page.c.statement_id),
            instant(page.c.said_at),
            Statement.said_at_precision,
            page.c.status_after,
            uuid_text(Source.id),
            Source.slug,
            Source.name,
            Source.kind,
        )
        .select_from(page)
        .join(Statement, Statement.id == page.c.statement_id)
        .join(Source, Source.id == page.c.party_id)
        .order_by(page.c.claim_id, page.c.said_at, page.c.statement_id)
    )
    return Query(query)


def _position(cursor: str) -> tuple[uuid.UUID, datetime, uuid.UUID, str]:
    """Where a cursor points: past this change (claim, said_at, statement), which left the
    claim with this status."""
    claim_id, said_at, statement_id, status = decode_cursor(_KIND, cursor, 4)
    try:
        instant_ = datetime.fromisoformat(said_at)
        if instant_.tzinfo is None or status not in ClaimStatus.__members__:
            raise ValueError(said_at)
        return (
            uuid.UUID(hex=claim_id),
            instant_.astimezone(UTC),
            uuid.UUID(hex=statement_id),
            status,
        )
    except (ValueError, OverflowError):
        raise BadRequest(f"The cursor is not a cursor of this {_KIND} list.") from None


async def status_changes(
    *, reader: Reader, event_id: uuid.UUID, claim_id: uuid.UUID | None, page: PageRequest
) -> tuple[list[Document], str | None]:
    """A page of the points where the event's claims changed status: by claim (id), then in
    timeline order, each with the status before and after it and the statement and party that
    moved it."""
    after = _position(page.cursor) if page.cursor is not None else None
    params: dict[str, Any] = {
        "event_id": event_id,
        "claim_id": claim_id,
        "after_claim": after[0] if after else None,
        "said_at": after[1] if after else None,
        "after": after[2] if after else None,
        "limit": page.limit + 1,
    }
    rows = await reader.fetch(_query(claim=claim_id is not None, after=after is not None), params)
    items: list[Document] = []
    # Each change moves the status: the one before is the previous change's, or open.
    previous_claim, before = (str(after[0]), after[3]) if after else (None, _OPEN)
    for row in rows[: page.limit]:
        claim, statement_id, said_at, precision, status, *party = row
        if claim != previous_claim:
            previous_claim, before = claim, _OPEN
        items.append(
            {
                "claim_id": claim,
                "statement_id": statement_id,
                "said_at": said_at,
                "said_at_precision": precision,
                "status_before": before,
                "status": status,
                "party": {"id": party[0], "slug": party[1], "name": party[2], "kind": party[3]},
            }
        )
        before = status
    next_cursor = None
    if len(rows) > page.limit:
        last = items[-1]
        said_at = last["said_at"]
        position = [
            uuid.UUID(last["claim_id"]).hex,
            said_at.isoformat() if isinstance(said_at, datetime) else said_at,
            uuid.UUID(last["statement_id"]).hex,
            str(last["status"]),
        ]
        next_cursor = encode_cursor(_KIND, position)
    return items, next_cursor
