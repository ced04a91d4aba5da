"""Read side of statements: full representations and the filtered list."""

import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, exists, func, literal_column, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Claim, Relay, Source, Stance, Statement
from app.pagination import PageRequest, fetch_page
from app.sources.schemas import SourceSummary
from app.statements.schemas import RelayOut, StanceOut, StatementOut

_WORD = re.compile(r"\w+")


async def represent(session: AsyncSession, statements: Sequence[Statement]) -> list[StatementOut]:
    """Full representations, in the order given, in three queries whatever their number."""
    ids = [statement.id for statement in statements]
    relays: dict[uuid.UUID, list[Relay]] = defaultdict(list)
    for relay in await session.scalars(
        select(Relay).where(Relay.statement_id.in_(ids)).order_by(Relay.position)
    ):
        relays[relay.statement_id].append(relay)
    stances: dict[uuid.UUID, list[StanceOut]] = defaultdict(list)
    for statement_id, claim_id, claim_text, stance, quote in await session.execute(
        select(Stance.statement_id, Stance.claim_id, Claim.text, Stance.stance, Stance.quote)
        .join(Claim, Claim.id == Stance.claim_id)
        .where(Stance.statement_id.in_(ids))
        .order_by(Stance.position)
    ):
        stances[statement_id].append(
            StanceOut(claim_id=claim_id, claim_text=claim_text, stance=stance, quote=quote)
        )
    source_ids = {statement.speaker_id for statement in statements}
    source_ids.update(s.on_behalf_of_id for s in statements if s.on_behalf_of_id is not None)
    source_ids.update(relay.source_id for chain in relays.values() for relay in chain)
    sources = {
        source.id: SourceSummary.model_validate(source)
        for source in await session.scalars(select(Source).where(Source.id.in_(source_ids)))
    }
    return [
        StatementOut(
            id=statement.id,
            event_id=statement.event_id,
            speaker=sources[statement.speaker_id],
            on_behalf_of=sources[statement.on_behalf_of_id] if statement.on_behalf_of_id else None,
            text=statement.text,
            said_at=statement.said_at,
            said_at_precision=statement.said_at_precision,
            medium=statement.medium,
            url=statement.url,
            language=statement.language,
            via=[
                RelayOut(
                    source=sources[relay.source_id], url=relay.url, published_at=relay.published_at
                )
                for relay in relays[statement.id]
            ],
            stances=stances[statement.id],
            recorded_at=statement.recorded_at,
            retracted_at=statement.retracted_at,
            retraction_reason=statement.retraction_reason,
        )
        for statement in statements
    ]


def _matching_text(statement: Select[Statement], q: str, dialect: str) -> Select[Statement]:
    """Statements whose text has every word of `q` (any case, any accents on SQLite)."""
    words = _WORD.findall(q)
    if not words:
        return statement.where(literal_column("1") == 0)
    if dialect == "postgresql":
        # The same expression as the GIN index, so the index serves it.
        vector = func.to_tsvector(literal_column("'simple'"), Statement.text)
        return statement.where(vector.op("@@")(func.plainto_tsquery("simple", " ".join(words))))
    match = " ".join(f'"{word}"' for word in words)
    hits: Select[Any] = select(literal_column("statement_id")).select_from(text("statements_fts"))
    return statement.where(
        Statement.id.in_(hits.where(text("statements_fts MATCH :match").bindparams(match=match)))
    )


async def search(
    *,
    session: AsyncSession,
    event_id: uuid.UUID | None,
    speaker_id: uuid.UUID | None,
    claim_id: uuid.UUID | None,
    q: str | None,
    include_retracted: bool,
    page: PageRequest,
) -> tuple[list[StatementOut], str | None]:
    """A page of statements in recording order, filtered."""
    statement = select(Statement)
    if event_id is not None:
        statement = statement.where(Statement.event_id == event_id)
    if speaker_id is not None:
        statement = statement.where(
            or_(Statement.speaker_id == speaker_id, Statement.party_id == speaker_id)
        )
    if claim_id is not None:
        statement = statement.where(
            exists().where(Stance.statement_id == Statement.id, Stance.claim_id == claim_id)
        )
    if not include_retracted:
        statement = statement.where(Statement.retracted_at.is_(None))
    if q:
        statement = _matching_text(statement, q, session.get_bind().dialect.name)
    rows, next_cursor = await fetch_page(
        session, statement, key=Statement.id, kind="statements", page=page
    )
    return await represent(session, rows), next_cursor
