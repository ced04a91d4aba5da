"""Read side of claims: the claim document, an event's claim list and a claim's appearances (for
JSON-LD), read without the ORM."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Uuid, bindparam, select
from sqlalchemy.orm import aliased

from app.enums import ClaimStatus
from app.errors import NotFound
from app.kit.fields import looks_like_uuid
from app.kit.pagination import IdPages, PageRequest, id_pages, read_page
from app.kit.reader import Query, Reader, instant, json_value, uuid_text
from app.models import Claim, Relay, Source, Stance, Statement

Document = dict[str, Any]

# The columns of a claim row, in the order `row_document` reads them.
COLUMNS = (
    uuid_text(Claim.id),
    uuid_text(Claim.event_id),
    Claim.text,
    Claim.status,
    instant(Claim.created_at),
)
_BY_ID = Query(select(*COLUMNS).where(Claim.id == bindparam("id", type_=Uuid)))


def row_document(row: Sequence[Any]) -> Document:
    """A claim row (`COLUMNS`) as its document."""
    return {
        "id": row[0],
        "event_id": row[1],
        "text": row[2],
        "status": row[3],
        "created_at": row[4],
    }


async def document(*, reader: Reader, ref: str) -> Document:
    """The claim with this id, as its JSON document; 404 when there is none."""
    rows = await reader.fetch(_BY_ID, {"id": uuid.UUID(ref)}) if looks_like_uuid(ref) else ()
    if not rows:
        raise NotFound(f"There is no claim with id {ref!r}.")
    return row_document(rows[0])


@cache
def _list_pages(*, status: bool) -> IdPages:
    """The list's queries with and without the status filter, compiled once each."""
    statement = select(*COLUMNS).where(Claim.event_id == bindparam("event_id", type_=Uuid))
    if status:
        statement = statement.where(Claim.status == bindparam("status"))
    return id_pages("claims", statement, Claim.id)


async def search(
    *, reader: Reader, event_id: str, status: ClaimStatus | None, page: PageRequest
) -> tuple[list[Document], str | None]:
    """A page of an event's claims (its id as text) in creation order, optionally only those
    with this status, as documents."""
    params = {
        "event_id": uuid.UUID(event_id),
        # The driver binds the plain value (asyncpg has no idea of the enum).
        "status": status.value if status is not None else None,
    }
    return await read_page(
        reader, _list_pages(status=status is not None), params, page, row_document
    )


class Agent(NamedTuple):
    """The party or speaker of an appearance."""

    id: str
    kind: str
    name: str
    aliases: list[str]
    homepage: str | None
    same_as: list[str]


class Appearance(NamedTuple):
    """A kept statement that takes a stance on a claim, with its party and speaker."""

    statement_id: str
    text: str
    # A datetime on PostgreSQL, RFC 3339 text on SQLite (`instant`).
    said_at: datetime | str
    medium: str
    url: str | None
    language: str | None
    stance: str
    quote: str | None
    party: Agent
    speaker: Agent
    archive_url: str | None = None
    responds_to: str | None = None
    said_at_precision: str = "second"
    # The first relay's URL that there is, for a statement without its own.
    relay_url: str | None = None


_party, _speaker = aliased(Source), aliased(Source)


def _agent_columns(source: Any) -> tuple[Any, ...]:
    """The columns of an `Agent`, in its order."""
    return (
        uuid_text(source.id),
        source.kind,
        source.name,
        source.aliases,
        source.homepage,
        source.same_as,
    )


_AGENT_SIZE = len(Agent._fields)
# The statement and stance columns of an `Appearance`, then its party's and speaker's columns.
_APPEARANCES = Query(
    select(
        uuid_text(Statement.id),
        Statement.text,
        instant(Statement.said_at),
        Statement.medium,
        Statement.url,
        Statement.language,
        Stance.stance,
        Stance.quote,
        *_agent_columns(_party),
        *_agent_columns(_speaker),
        Statement.archive_url,
        uuid_text(Statement.responds_to_id),
        Statement.said_at_precision,
        select(Relay.url)
        .where(Relay.statement_id == Statement.id, Relay.url.is_not(None))
        .order_by(Relay.position)
        .limit(bindparam("one"))
        .scalar_subquery(),
    )
    .select_from(Statement)
    .join(Stance, Stance.statement_id == Statement.id)
    .join(_party, _party.id == Statement.party_id)
    .join(_speaker, _speaker.id == Statement.speaker_id)
    .where(Stance.claim_id == bindparam("claim_id", type_=Uuid), Statement.retracted_at.is_(None))
    .order_by(Statement.said_at, Statement.id)
)


def _agent(row: Sequence[Any]) -> Agent:
    source_id, kind, name, aliases, homepage, same_as = row
    # asyncpg hands JSON columns over as text; SQLAlchemy has already decoded them.
    return Agent(source_id, str(kind), name, json_value(aliases), homepage, json_value(same_as))


def _appearance(row: Sequence[Any]) -> Appearance:
    statement_id, text, said_at, medium, url, language, stance, quote = row[:8]
    party = row[8 : 8 + _AGENT_SIZE]
    speaker = row[8 + _AGENT_SIZE : 8 + 2 * _AGENT_SIZE]
    archive_url, responds_to, precision, relay_url = row[8 + 2 * _AGENT_SIZE :]
    # Enum columns: plain strings from asyncpg, enum members (also strings) from SQLAlchemy.
    return Appearance(
        statement_id,
        text,
        said_at,
        str(medium),
        url,
        language,
        str(stance),
        quote,
        _agent(party),
        _agent(speaker),
        archive_url,
        responds_to,
        str(precision),
        relay_url,
    )


async def appearances(*, reader: Reader, claim_id: str) -> list[Appearance]:
    """The kept statements that take a stance on the claim (its id as text), in timeline
    order."""
    rows = await reader.fetch(_APPEARANCES, {"claim_id": uuid.UUID(claim_id), "one": 1})
    return [_appearance(row) for row in rows]
