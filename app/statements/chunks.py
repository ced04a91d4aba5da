"""An event's statements in timeline order with everything they name, read in chunks: what
`claimline export` and the CSV export write out.

Rows come from a `Reader` as named tuples. Ids are canonical text; instants are the raw columns,
which are timezone-aware UTC datetimes on both stores (asyncpg decodes `timestamptz`, SQLAlchemy
runs `UTCDateTime`), so that the exports format them as before and the keyset can bind them back.
"""

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import String, Uuid, bindparam, select, tuple_, type_coerce

from app.kit.reader import Query, Reader, any_of, json_value, uuid_text
from app.models import Claim, Relay, Source, Stance, Statement, StatementBasis

CHUNK_SIZE = 1000


def _text(column: Any) -> Any:
    # An enum column as its plain value on both stores (asyncpg already hands over strings).
    return type_coerce(column, String)


class StatementRow(NamedTuple):
    """A statement, with the ids of the sources it names."""

    id: str
    said_at: datetime
    said_at_precision: str
    speaker_id: str
    on_behalf_of_id: str | None
    party_id: str
    medium: str
    text: str
    url: str | None
    language: str | None
    recorded_at: datetime
    retracted_at: datetime | None
    retraction_reason: str | None
    archive_url: str | None
    responds_to_id: str | None


class RelayRow(NamedTuple):
    """A source that relayed a statement, in order."""

    statement_id: str
    source_id: str
    url: str | None
    published_at: datetime | None
    quote: str | None
    archive_url: str | None


class StanceRow(NamedTuple):
    """A statement's stance on a claim, with the claim's text, in order."""

    statement_id: str
    claim_id: str
    claim_text: str
    stance: str
    quote: str | None


class SourceRow(NamedTuple):
    """A source named by a statement or a relay."""

    id: str
    slug: str
    name: str
    kind: str
    aliases: list[str]
    description: str
    homepage: str | None
    same_as: list[str]


@dataclass
class Chunk:
    """Statements with their relays and stances (in order) and the sources they name, by id."""

    statements: Sequence[StatementRow]
    relays: dict[str, list[RelayRow]] = field(default_factory=dict)
    stances: dict[str, list[StanceRow]] = field(default_factory=dict)
    sources: dict[str, SourceRow] = field(default_factory=dict)
    # The ids of the statements each is based on, in order.
    bases: dict[str, list[str]] = field(default_factory=dict)


_RELAYS = Query(
    select(
        uuid_text(Relay.statement_id),
        uuid_text(Relay.source_id),
        Relay.url,
        Relay.published_at,
        Relay.quote,
        Relay.archive_url,
    )
    .where(any_of(Relay.statement_id, "ids"))
    .order_by(Relay.position)
)
_BASES = Query(
    select(uuid_text(StatementBasis.statement_id), uuid_text(StatementBasis.based_on_id))
    .where(any_of(StatementBasis.statement_id, "ids"))
    .order_by(StatementBasis.statement_id, StatementBasis.position)
)
_STANCES = Query(
    select(
        uuid_text(Stance.statement_id),
        uuid_text(Stance.claim_id),
        Claim.text,
        _text(Stance.stance),
        Stance.quote,
    )
    .join(Claim, Claim.id == Stance.claim_id)
    .where(any_of(Stance.statement_id, "ids"))
    .order_by(Stance.position)
)
_SOURCES = Query(
    select(
        uuid_text(Source.id),
        Source.slug,
        Source.name,
        _text(Source.kind),
        Source.aliases,
        Source.description,
        Source.homepage,
        Source.same_as,
    ).where(any_of(Source.id, "ids"))
)


@cache
def _statements_query(*, include_retracted: bool, after: bool) -> Query:
    """The query of one chunk of statements (four variants), built and compiled once each."""
    query = (
        select(
            uuid_text(Statement.id),
            Statement.said_at,
            _text(Statement.said_at_precision),
            uuid_text(Statement.speaker_id),
            uuid_text(Statement.on_behalf_of_id),
            uuid_text(Statement.party_id),
            _text(Statement.medium),
            Statement.text,
            Statement.url,
            Statement.language,
            Statement.recorded_at,
            Statement.retracted_at,
            Statement.retraction_reason,
            Statement.archive_url,
            uuid_text(Statement.responds_to_id),
        )
        .where(Statement.event_id == bindparam("event_id", type_=Uuid))
        .order_by(Statement.said_at, Statement.id)
        .limit(bindparam("limit"))
    )
    if not include_retracted:
        query = query.where(Statement.retracted_at.is_(None))
    if after:
        last = (
            bindparam("after_said_at", type_=Statement.said_at.type),
            bindparam("after_id", type_=Uuid),
        )
        query = query.where(tuple_(Statement.said_at, Statement.id) > tuple_(*last))
    return Query(query)


def _source(row: Sequence[Any]) -> SourceRow:
    source = SourceRow._make(row)
    # asyncpg hands JSON columns over as text; SQLAlchemy has already decoded them.
    if isinstance(source.aliases, str):
        return source._replace(
            aliases=json_value(source.aliases), same_as=json_value(source.same_as)
        )
    return source


async def _chunk(reader: Reader, statements: list[StatementRow]) -> Chunk:
    ids = [statement.id for statement in statements]
    chunk = Chunk(statements)
    for row in await reader.fetch(_RELAYS, {"ids": ids}):
        relay = RelayRow._make(row)
        chunk.relays.setdefault(relay.statement_id, []).append(relay)
    for row in await reader.fetch(_STANCES, {"ids": ids}):
        stance = StanceRow._make(row)
        chunk.stances.setdefault(stance.statement_id, []).append(stance)
    for statement_id, based_on_id in await reader.fetch(_BASES, {"ids": ids}):
        chunk.bases.setdefault(statement_id, []).append(based_on_id)
    source_ids = {relay.source_id for relays in chunk.relays.values() for relay in relays}
    for statement in statements:
        # The party is the source spoken for, or else the speaker: every source is named.
        source_ids.add(statement.speaker_id)
        source_ids.add(statement.party_id)
    for row in await reader.fetch(_SOURCES, {"ids": list(source_ids)}):
        source = _source(row)
        chunk.sources[source.id] = source
    return chunk


async def event_statements(
    reader: Reader,
    event_id: str,
    *,
    include_retracted: bool = False,
    chunk_size: int = CHUNK_SIZE,
) -> AsyncIterator[Chunk]:
    """The event's statements by `said_at`, then in recording order, in chunks (keyset)."""
    params: dict[str, Any] = {"event_id": uuid.UUID(event_id), "limit": chunk_size}
    after = False
    while True:
        query = _statements_query(include_retracted=include_retracted, after=after)
        statements = [StatementRow._make(row) for row in await reader.fetch(query, params)]
        if not statements:
            return
        yield await _chunk(reader, statements)
        last = statements[-1]
        params |= {"after_said_at": last.said_at, "after_id": uuid.UUID(last.id)}
        after = True
