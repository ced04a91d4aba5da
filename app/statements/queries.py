"""Read side of statements: JSON-ready documents and the filtered list.

These are the hottest reads of the service, so they skip the ORM and the response models: rows
come from queries compiled once (`app.kit.reader`) and become plain dicts that orjson writes. The
response models in `schemas.py` still describe them in the OpenAPI document, and the tests
validate these documents against those models.
"""

import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, Uuid, bindparam, exists, func, literal_column, or_, select, text
from sqlalchemy.orm import aliased

from app.kit.db import UTCDateTime
from app.kit.fields import aware as _aware
from app.kit.pagination import PageRequest, decode_id_cursor, encode_cursor
from app.kit.reader import Query, Reader, any_of, instant, uuid_text
from app.models import Claim, Relay, Source, Stance, Statement, StatementBasis
from app.statements.wording import with_wording

Document = dict[str, Any]
Row = Sequence[Any]

_WORD = re.compile(r"\w+")
_speaker, _on_behalf_of, _relay_source = aliased(Source), aliased(Source), aliased(Source)

# The columns of a statement row, in the order `documents` reads them (read only in this module).
STATEMENT_COLUMNS = (
    uuid_text(Statement.id),
    uuid_text(Statement.event_id),
    Statement.text,
    instant(Statement.said_at),
    Statement.said_at_precision,
    Statement.medium,
    Statement.url,
    Statement.language,
    instant(Statement.recorded_at),
    instant(Statement.retracted_at),
    Statement.retraction_reason,
    uuid_text(_speaker.id),
    _speaker.slug,
    _speaker.name,
    _speaker.kind,
    uuid_text(_on_behalf_of.id),
    _on_behalf_of.slug,
    _on_behalf_of.name,
    _on_behalf_of.kind,
    Statement.archive_url,
    uuid_text(Statement.responds_to_id),
)


def statement_rows() -> Select[*tuple[Any, ...]]:
    """Statements with their speaker and party, as `STATEMENT_COLUMNS`."""
    return (
        select(*STATEMENT_COLUMNS)
        .select_from(Statement)
        .join(_speaker, _speaker.id == Statement.speaker_id)
        .outerjoin(_on_behalf_of, _on_behalf_of.id == Statement.on_behalf_of_id)
    )


_RELAYS = Query(
    select(
        uuid_text(Relay.statement_id),
        uuid_text(_relay_source.id),
        _relay_source.slug,
        _relay_source.name,
        _relay_source.kind,
        Relay.url,
        instant(Relay.published_at),
        Relay.quote,
        Relay.archive_url,
    )
    .join(_relay_source, _relay_source.id == Relay.source_id)
    .where(any_of(Relay.statement_id, "ids"))
    .order_by(Relay.position)
)


_BASES = Query(
    select(uuid_text(StatementBasis.statement_id), uuid_text(StatementBasis.based_on_id))
    .where(any_of(StatementBasis.statement_id, "ids"))
    .order_by(StatementBasis.statement_id, StatementBasis.position)
)


# Read only here: `documents` gives them out by name.
_STANCES = Query(
    select(
        uuid_text(Stance.statement_id),
        uuid_text(Stance.claim_id),
        Claim.text,
        Stance.stance,
        Stance.quote,
        Stance.first_mention,
        Stance.reversal,
        Stance.status_after,
    )
    .join(Claim, Claim.id == Stance.claim_id)
    .where(any_of(Stance.statement_id, "ids"))
    .order_by(Stance.position)
)
_BY_ID = Query(statement_rows().where(Statement.id == bindparam("id", type_=Uuid)))
_BY_IDS = Query(statement_rows().where(any_of(Statement.id, "ids")))


def _source(row: Row, at: int) -> Document | None:
    if row[at] is None:
        return None
    return {"id": row[at], "slug": row[at + 1], "name": row[at + 2], "kind": row[at + 3]}


async def documents(
    reader: Reader, rows: Sequence[Row], *, derived: bool = False
) -> tuple[list[Document], dict[str, list[Document]]]:
    """Statement documents for statement rows (`statement_rows()`), in their order (two more
    queries); with `derived`, also each statement's stances as the timeline shows them (with
    their derived values), by statement id."""
    ids = [row[0] for row in rows]
    relays: dict[str, list[Document]] = defaultdict(list)
    stances: dict[str, list[Row]] = defaultdict(list)
    bases: dict[str, list[str]] = defaultdict(list)
    if ids:
        for relay in await reader.fetch(_RELAYS, {"ids": ids}):
            relays[relay[0]].append(
                {
                    "source": _source(relay, 1),
                    "url": relay[5],
                    "published_at": relay[6],
                    "quote": relay[7],
                    "archive_url": relay[8],
                }
            )
        for stance in await reader.fetch(_STANCES, {"ids": ids}):
            stances[stance[0]].append(stance)
        for statement_id, based_on_id in await reader.fetch(_BASES, {"ids": ids}):
            bases[statement_id].append(based_on_id)
    shown = [
        {
            "id": row[0],
            "event_id": row[1],
            "speaker": _source(row, 11),
            "on_behalf_of": _source(row, 15),
            "text": row[2],
            "said_at": row[3],
            "said_at_precision": row[4],
            "medium": row[5],
            "url": row[6],
            "archive_url": row[19],
            "language": row[7],
            "responds_to": row[20],
            "based_on": bases[row[0]],
            "via": with_wording(row[2], row[3], relays[row[0]]),
            "stances": [
                {"claim_id": s[1], "claim_text": s[2], "stance": s[3], "quote": s[4]}
                for s in stances[row[0]]
            ],
            "recorded_at": row[8],
            "retracted_at": row[9],
            "retraction_reason": row[10],
        }
        for row in rows
    ]
    in_timeline: dict[str, list[Document]] = {}
    if derived:
        in_timeline = {
            statement_id: [
                {
                    "claim_id": s[1],
                    "claim_text": s[2],
                    "stance": s[3],
                    "first_mention": s[5],
                    "reversal": s[6],
                    "status_after": s[7],
                }
                for s in rows_of_statement
            ]
            for statement_id, rows_of_statement in stances.items()
        }
    return shown, in_timeline


async def one(reader: Reader, statement_id: uuid.UUID) -> Document | None:
    """The document of one statement, or None."""
    rows = await reader.fetch(_BY_ID, {"id": statement_id})
    if not rows:
        return None
    [shown], _ = await documents(reader, rows)
    return shown


async def rows_of(reader: Reader, ids: Sequence[str]) -> list[Row]:
    """The statement rows (`statement_rows()`) of these statements (ids as text), in the order
    given."""
    rows = {row[0]: row for row in await reader.fetch(_BY_IDS, {"ids": list(ids)})}
    return [rows[statement_id] for statement_id in ids]


async def represent(reader: Reader, ids: Sequence[uuid.UUID]) -> list[Document]:
    """The documents of these statements, in the order given."""
    shown, _ = await documents(reader, await rows_of(reader, [str(i) for i in ids]))
    return shown


def _matching_text(statement: Select[*tuple[Any, ...]], dialect: str) -> Select[*tuple[Any, ...]]:
    """Statements whose text has every word of the `words` parameter."""
    if dialect == "postgresql":
        # The same expression as the GIN index, so the index serves it.
        vector = func.to_tsvector(literal_column("'simple'"), Statement.text)
        query = func.plainto_tsquery(literal_column("'simple'"), bindparam("words"))
        return statement.where(vector.op("@@")(query))
    hits: Select[*tuple[Any, ...]] = select(literal_column("statement_id")).select_from(
        text("statements_fts")
    )
    return statement.where(Statement.id.in_(hits.where(text("statements_fts MATCH :words"))))


@cache
def _search_query(
    dialect: str,
    *,
    event: bool,
    speaker: bool,
    claim: bool,
    words: bool,
    include_retracted: bool,
    after: bool,
    responds_to: bool = False,
    known: bool = False,
) -> Query:
    """The list query for one combination of filters (a handful exist), compiled once each."""
    statement = statement_rows()
    if responds_to:
        statement = statement.where(
            Statement.responds_to_id == bindparam("responds_to", type_=Uuid)
        )
    if event:
        statement = statement.where(Statement.event_id == bindparam("event_id", type_=Uuid))
    if speaker:
        source = bindparam("speaker_id", type_=Uuid)
        statement = statement.where(
            or_(Statement.speaker_id == source, Statement.party_id == source)
        )
    if claim:
        statement = statement.where(
            exists().where(
                Stance.statement_id == Statement.id,
                Stance.claim_id == bindparam("claim_id", type_=Uuid),
            )
        )
    if known:
        moment = bindparam("known_at", type_=UTCDateTime())
        statement = statement.where(Statement.recorded_at <= moment)
        if not include_retracted:
            statement = statement.where(
                or_(Statement.retracted_at.is_(None), Statement.retracted_at > moment)
            )
    elif not include_retracted:
        statement = statement.where(Statement.retracted_at.is_(None))
    if words:
        statement = _matching_text(statement, dialect)
    if after:
        statement = statement.where(Statement.id > bindparam("after", type_=Uuid))
    return Query(statement.order_by(Statement.id).limit(bindparam("limit")))


async def search(
    *,
    reader: Reader,
    event_id: uuid.UUID | None,
    speaker_id: uuid.UUID | None,
    claim_id: uuid.UUID | None,
    q: str | None,
    include_retracted: bool,
    page: PageRequest,
    responds_to: uuid.UUID | None = None,
    known_at: datetime | None = None,
) -> tuple[list[Document], str | None]:
    """A page of statements in recording order, filtered; with `known_at`, as the record stood
    then (recorded by then; a later retraction not shown)."""
    words = _WORD.findall(q) if q else None
    if q is not None and not words:
        return [], None
    dialect = reader.dialect
    after = decode_id_cursor("statements", page.cursor) if page.cursor is not None else None
    query = _search_query(
        dialect,
        event=event_id is not None,
        speaker=speaker_id is not None,
        claim=claim_id is not None,
        words=words is not None,
        include_retracted=include_retracted,
        after=after is not None,
        responds_to=responds_to is not None,
        known=known_at is not None,
    )
    params: dict[str, Any] = {
        "responds_to": responds_to,
        "known_at": known_at,
        "event_id": event_id,
        "speaker_id": speaker_id,
        "claim_id": claim_id,
        "after": after,
        "limit": page.limit + 1,
    }
    if words is not None:
        params["words"] = (
            " ".join(words) if dialect == "postgresql" else " ".join(f'"{w}"' for w in words)
        )
    rows = await reader.fetch(query, params)
    next_cursor = None
    if len(rows) > page.limit:
        rows = rows[: page.limit]
        next_cursor = encode_cursor("statements", [rows[-1][0].replace("-", "")])
    shown, _ = await documents(reader, rows)
    if known_at is not None:
        as_known(shown, known_at)
    return shown, next_cursor


def as_known(shown: Sequence[Document], known_at: datetime) -> None:
    """Statement documents as they stood at `known_at`: a retraction after it is not shown."""
    for document in shown:
        retracted_at = document["retracted_at"]
        if retracted_at is not None and _aware(retracted_at) > known_at:
            document["retracted_at"] = document["retraction_reason"] = None
