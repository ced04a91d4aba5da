"""An event's statements as CSV, for spreadsheets: one row per statement in timeline order."""

import csv
import io
from collections.abc import AsyncIterator

from app.events import queries as event_queries
from app.kit.db import Database
from app.kit.fields import to_rfc3339
from app.statements.chunks import Chunk, StatementRow, event_statements

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
COLUMNS = [
    "id",
    "said_at",
    "said_at_precision",
    "speaker",
    "on_behalf_of",
    "party",
    "medium",
    "text",
    "url",
    "language",
    "via",
    "stances",
    "recorded_at",
    "retracted_at",
    "retraction_reason",
    "archive_url",
    "responds_to",
    "based_on",
    "via_quotes",
]
# A cell a spreadsheet would read as a formula starts with a quote instead (OWASP's advice).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str | None) -> str:
    if value is None:
        return ""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _row(statement: StatementRow, chunk: Chunk) -> list[str]:
    sources = chunk.sources
    via = " > ".join(sources[relay.source_id].name for relay in chunk.relays.get(statement.id, []))
    stances = "; ".join(
        f"{stance.stance}: {stance.claim_text}" for stance in chunk.stances.get(statement.id, [])
    )
    quotes = " > ".join(
        f"{sources[relay.source_id].name}: {relay.quote}"
        for relay in chunk.relays.get(statement.id, [])
        if relay.quote is not None
    )
    on_behalf_of = statement.on_behalf_of_id
    values: list[str | None] = [
        statement.id,
        to_rfc3339(statement.said_at),
        statement.said_at_precision,
        sources[statement.speaker_id].name,
        sources[on_behalf_of].name if on_behalf_of is not None else None,
        sources[statement.party_id].name,
        statement.medium,
        statement.text,
        statement.url,
        statement.language,
        via,
        stances,
        to_rfc3339(statement.recorded_at),
        to_rfc3339(statement.retracted_at) if statement.retracted_at else None,
        statement.retraction_reason,
        statement.archive_url,
        statement.responds_to_id,
        " ".join(chunk.bases.get(statement.id, [])),
        quotes,
    ]
    return [_cell(value) for value in values]


async def event_csv(
    database: Database, ref: str, *, include_retracted: bool
) -> tuple[str, AsyncIterator[bytes]]:
    """The event's slug and its statements as CSV (UTF-8 with a byte order mark, so that
    spreadsheets read it as UTF-8), produced chunk by chunk. Raises NotFound first when no event
    has this id or slug."""
    async with database.reader() as reader:
        event = await event_queries.document(reader=reader, ref=ref)
    slug, event_id = event["slug"], event["id"]

    async def rows() -> AsyncIterator[bytes]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        yield ("\ufeff" + buffer.getvalue()).encode()
        # Opened here: the response streams after the route has returned, for as long as the
        # client takes, so off the hot reads' pool.
        async with database.long_reader() as reader:
            async for chunk in event_statements(
                reader, event_id, include_retracted=include_retracted
            ):
                buffer.seek(0)
                buffer.truncate()
                writer.writerows(_row(statement, chunk) for statement in chunk.statements)
                yield buffer.getvalue().encode()

    return slug, rows()
