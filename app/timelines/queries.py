"""The claim timeline of an event: statements in order, with the derived values kept on stances."""

import uuid
from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import BadRequest
from app.models import Claim, Event, Stance, StanceKind, Statement
from app.pagination import PageRequest, decode_cursor, encode_cursor
from app.statements.queries import represent
from app.timelines.schemas import Order, TimelineItem, TimelineStance


def _cursor_kind(order: Order) -> str:
    return f"timeline-{order.value}"


def _position(order: Order, cursor: str) -> tuple[datetime, uuid.UUID]:
    said_at, statement_id = decode_cursor(_cursor_kind(order), cursor, 2)
    try:
        instant = datetime.fromisoformat(said_at)
        if instant.tzinfo is None:
            raise ValueError(said_at)
        return instant.astimezone(UTC), uuid.UUID(hex=statement_id)
    except (ValueError, OverflowError):
        raise BadRequest("The cursor is not a cursor of this timeline.") from None


async def timeline(
    *,
    session: AsyncSession,
    event: Event,
    order: Order,
    since: datetime | None,
    until: datetime | None,
    speaker_id: uuid.UUID | None,
    claim_id: uuid.UUID | None,
    stance: StanceKind | None,
    include_retracted: bool,
    page: PageRequest,
) -> tuple[list[TimelineItem], str | None]:
    """A page of the timeline: `said_at`, then recording order (reversed for `desc`).

    Filters pick items; the derived values shown are those of the whole timeline.
    """
    query = select(Statement).where(Statement.event_id == event.id)
    if not include_retracted:
        query = query.where(Statement.retracted_at.is_(None))
    if since is not None:
        query = query.where(Statement.said_at >= since)
    if until is not None:
        query = query.where(Statement.said_at <= until)
    if speaker_id is not None:
        query = query.where(
            or_(Statement.speaker_id == speaker_id, Statement.party_id == speaker_id)
        )
    if claim_id is not None or stance is not None:
        matching = exists().where(Stance.statement_id == Statement.id)
        if claim_id is not None:
            matching = matching.where(Stance.claim_id == claim_id)
        if stance is not None:
            matching = matching.where(Stance.stance == stance)
        query = query.where(matching)
    if page.cursor is not None:
        said_at, after = _position(order, page.cursor)
        # The plain range bound lets the index seek to the cursor instead of scanning up to it.
        if order is Order.asc:
            later = or_(Statement.said_at > said_at, Statement.id > after)
            query = query.where(Statement.said_at >= said_at, later)
        else:
            earlier = or_(Statement.said_at < said_at, Statement.id < after)
            query = query.where(Statement.said_at <= said_at, earlier)
    if order is Order.asc:
        query = query.order_by(Statement.said_at, Statement.id)
    else:
        query = query.order_by(Statement.said_at.desc(), Statement.id.desc())
    rows = list((await session.scalars(query.limit(page.limit + 1))).all())
    next_cursor = None
    if len(rows) > page.limit:
        rows = rows[: page.limit]
        last = rows[-1]
        next_cursor = encode_cursor(_cursor_kind(order), [last.said_at.isoformat(), last.id.hex])
    statements = await represent(session, rows)
    stances: dict[uuid.UUID, list[TimelineStance]] = defaultdict(list)
    for row in await session.execute(
        select(
            Stance.statement_id,
            Stance.claim_id,
            Claim.text,
            Stance.stance,
            Stance.first_mention,
            Stance.reversal,
            Stance.status_after,
        )
        .join(Claim, Claim.id == Stance.claim_id)
        .where(Stance.statement_id.in_([row.id for row in rows]))
        .order_by(Stance.position)
    ):
        stances[row.statement_id].append(
            TimelineStance(
                claim_id=row.claim_id,
                claim_text=row.text,
                stance=row.stance,
                first_mention=row.first_mention,
                reversal=row.reversal,
                status_after=row.status_after,
            )
        )
    items = [
        TimelineItem(
            statement=statement,
            party=statement.on_behalf_of or statement.speaker,
            stances=stances[statement.id],
        )
        for statement in statements
    ]
    return items, next_cursor
