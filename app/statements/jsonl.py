"""`claimline import` and `claimline export`: statements as JSON Lines, one submission (the body of
`POST /v1/statements`) per line.

Import validates each line as the API does, records valid lines in batches (each batch one
transaction, like `POST /v1/statements/batch`), and remembers each recorded line by the SHA-256
of its canonical JSON, so that running it again (or after a failure) skips what is already in.
A line the API would refuse is reported with its number and does not stop the others.

Export writes an event's kept statements in timeline order, naming the event and each source in
full the first time and by slug afterwards, so that importing the file into an empty database
gives the same timeline and comparison.
"""

import hashlib
import json
import uuid
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson
from pydantic import ValidationError
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import AppError, InvalidInput, error_location
from app.events import queries as event_queries
from app.kit.db import Database, refresh_statistics, utcnow
from app.kit.fields import to_rfc3339
from app.kit.reader import Query, any_of, uuid_text
from app.kit.writes import REQUEST_LOCK_SPACE, bulk_insert, list_value, lock_keys, one_of
from app.models import ImportedLine, Statement
from app.statements import service as statement_service
from app.statements.chunks import Chunk, RelayRow, SourceRow, StanceRow, event_statements
from app.statements.schemas import StatementImport

BATCH_SIZE = 1000


@dataclass
class BadLine:
    """A line that was not imported, and why."""

    number: int
    reason: str


@dataclass
class ImportReport:
    """What an import did, line by line."""

    imported: int = 0
    already_in: int = 0
    bad: list[BadLine] = field(default_factory=list)


@dataclass
class _Line:
    number: int
    key: str
    submission: StatementImport


def line_key(document: Any) -> str:
    """The idempotency key of a submission: the SHA-256 of its canonical JSON (sorted keys, no
    spaces, UTF-8 as it is)."""
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _valid_line_key(document: Any) -> str:
    """`line_key` of a document that validated as a submission, several times faster.

    Such a document holds only objects with ASCII field names, lists, strings and nulls (no
    field is a number or a boolean), which orjson writes byte for byte as `json.dumps` does
    (`tests/test_transfer.py` checks every code point). Lone surrogates, which it cannot write,
    never pass validation; anything it refuses takes the slow path all the same."""
    try:
        canonical = orjson.dumps(document, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # orjson.JSONEncodeError is one
        return line_key(document)
    return hashlib.sha256(canonical).hexdigest()


def _describe(error: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in error_location(tuple(detail['loc'])))}: "
        f"{str(detail['msg']).removeprefix('Value error, ')}"
        for detail in error.errors()
    )


def parse(number: int, text: str | bytes) -> _Line | BadLine | None:
    """One line of an import file: a submission, a bad line, or nothing (a blank line)."""
    if not text.strip():
        return None
    try:
        document = json.loads(text)
    except ValueError as error:
        return BadLine(number, f"not JSON: {error}")
    try:
        submission = StatementImport.model_validate(document)
    except ValidationError as error:
        return BadLine(number, _describe(error))
    return _Line(number, _valid_line_key(document), submission)


async def _record(session: AsyncSession, lines: Sequence[_Line]) -> list[uuid.UUID]:
    """Record the lines as one batch; an item the rules refuse raises with its index first."""
    return await statement_service.submit(
        session=session,
        items=[line.submission for line in lines],
        locs=[[index] for index in range(len(lines))],
    )


async def _imported(session: AsyncSession, keys: list[str]) -> Sequence[str]:
    """Those of these line keys that are in: one statement of fixed text."""
    dialect = session.get_bind().dialect.name
    query = text(f"SELECT key FROM imported_lines WHERE {one_of(dialect, 'key', 'keys', 'text')}")
    return (await session.scalars(query, {"keys": list_value(dialect, keys)})).all()


async def _import_batch(database: Database, lines: list[_Line], report: ImportReport) -> None:
    """Record one batch, skipping lines already in. A line the rules refuse is reported and the
    batch recorded without it; an error that names no line is looked for line by line."""
    while lines:
        async with database.write_sessions() as session:
            keys = [line.key for line in lines]
            # Two imports of one file at once take turns per line.
            await lock_keys(session, [f"import:{key}" for key in keys], space=REQUEST_LOCK_SPACE)
            seen = set(await _imported(session, keys))
            todo: list[_Line] = []
            for line in lines:
                if line.key not in seen:
                    seen.add(line.key)
                    todo.append(line)
            if todo:
                try:
                    ids = await _record(session, todo)
                except AppError as error:
                    await session.rollback()
                    index = _item_index(error)
                    if index is None and len(todo) > 1:
                        for line in lines:
                            await _import_batch(database, [line], report)
                        return
                    refused = todo[index or 0]
                    report.bad.append(BadLine(refused.number, _reason(error)))
                    lines = [line for line in lines if line is not refused]
                    continue
                now = utcnow()
                await bulk_insert(
                    session,
                    ImportedLine.__table__,  # type: ignore[arg-type]
                    [
                        {"key": line.key, "statement_id": statement_id, "imported_at": now}
                        for line, statement_id in zip(todo, ids, strict=True)
                    ],
                )
                await session.commit()
            report.imported += len(todo)
            report.already_in += len(lines) - len(todo)
            return


def _item_index(error: AppError) -> int | None:
    if isinstance(error, InvalidInput) and error.loc and isinstance(error.loc[0], int):
        return error.loc[0]
    return None


def _reason(error: AppError) -> str:
    if not isinstance(error, InvalidInput):
        return error.detail
    where = ".".join(str(part) for part in error.loc[1:])
    return f"{where}: {error.detail}" if where else error.detail


async def import_lines(
    database: Database,
    lines: Iterable[tuple[int, str | bytes]],
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int, ImportReport], None] = lambda number, report: None,
) -> ImportReport:
    """Import numbered lines of JSON; `progress` hears of each batch done (last line number)."""
    report = ImportReport()
    batch: list[_Line] = []
    last = 0
    for number, raw in lines:
        last = number
        parsed = parse(number, raw)
        if isinstance(parsed, BadLine):
            report.bad.append(parsed)
        elif parsed is not None:
            batch.append(parsed)
        if len(batch) >= batch_size:
            await _import_batch(database, batch, report)
            batch = []
            progress(last, report)
    if batch:
        await _import_batch(database, batch, report)
    if report.imported:
        # A bulk load: statistics now, rather than whenever (if ever) autovacuum gets to it.
        await refresh_statistics(database)
    progress(last, report)
    report.bad.sort(key=lambda bad: bad.number)
    return report


def _source_document(source: SourceRow) -> dict[str, Any]:
    document: dict[str, Any] = {"name": source.name, "kind": source.kind, "slug": source.slug}
    if source.aliases:
        document["aliases"] = source.aliases
    if source.description:
        document["description"] = source.description
    if source.homepage:
        document["homepage"] = source.homepage
    if source.same_as:
        document["same_as"] = source.same_as
    return document


def _event_document(event: dict[str, Any]) -> dict[str, Any]:
    document: dict[str, Any] = {"slug": event["slug"], "title": event["title"]}
    if event["description"]:
        document["description"] = event["description"]
    occurred_at: datetime | str | None = event["occurred_at"]
    if occurred_at is not None:
        # The reader's instant: a datetime on PostgreSQL, already RFC 3339 text on SQLite.
        document["occurred_at"] = (
            occurred_at if isinstance(occurred_at, str) else to_rfc3339(occurred_at)
        )
    if event["tags"]:
        document["tags"] = event["tags"]
    return document


class _Namer:
    """Names each event and source in full the first time, by slug afterwards."""

    def __init__(self) -> None:
        self.named: set[str] = set()

    def _first(self, thing_id: str) -> bool:
        first = thing_id not in self.named
        self.named.add(thing_id)
        return first

    def source(self, source: SourceRow) -> Any:
        """The source in full the first time, else its slug."""
        return _source_document(source) if self._first(source.id) else source.slug

    def event(self, event: dict[str, Any]) -> Any:
        """The event in full the first time, else its slug."""
        return _event_document(event) if self._first(event["id"]) else event["slug"]


def _submissions(
    chunk: Chunk, event: dict[str, Any], name: _Namer, kept: set[str]
) -> Iterator[dict[str, Any]]:
    """Each statement as a line, with its id and its links to the kept statements `kept`."""
    for statement in chunk.statements:
        document: dict[str, Any] = {
            "id": statement.id,
            "event": name.event(event),
            "speaker": name.source(chunk.sources[statement.speaker_id]),
        }
        if statement.on_behalf_of_id is not None:
            document["on_behalf_of"] = name.source(chunk.sources[statement.on_behalf_of_id])
        document |= {
            "text": statement.text,
            "said_at": to_rfc3339(statement.said_at),
            "said_at_precision": statement.said_at_precision,
            "medium": statement.medium,
        }
        if statement.url is not None:
            document["url"] = statement.url
        if statement.archive_url is not None:
            document["archive_url"] = statement.archive_url
        if statement.language is not None:
            document["language"] = statement.language
        if statement.responds_to_id in kept:
            document["responds_to"] = statement.responds_to_id
        based_on = [b for b in chunk.bases.get(statement.id, []) if b in kept]
        if based_on:
            document["based_on"] = based_on
        document["via"] = [
            _relay(relay, chunk.sources, name) for relay in chunk.relays.get(statement.id, [])
        ]
        document["claims"] = [_stance(stance) for stance in chunk.stances.get(statement.id, [])]
        yield document


def _relay(relay: RelayRow, sources: dict[str, SourceRow], name: _Namer) -> dict[str, Any]:
    document: dict[str, Any] = {"source": name.source(sources[relay.source_id])}
    if relay.url is not None:
        document["url"] = relay.url
    if relay.published_at is not None:
        document["published_at"] = to_rfc3339(relay.published_at)
    if relay.quote is not None:
        document["quote"] = relay.quote
    if relay.archive_url is not None:
        document["archive_url"] = relay.archive_url
    return document


def _stance(stance: StanceRow) -> dict[str, Any]:
    document: dict[str, Any] = {"claim": {"text": stance.claim_text}, "stance": stance.stance}
    if stance.quote is not None:
        document["quote"] = stance.quote
    return document


_KEPT = Query(
    select(uuid_text(Statement.id)).where(
        any_of(Statement.id, "ids"), Statement.retracted_at.is_(None)
    )
)


def _links(document: dict[str, Any]) -> list[str]:
    answered = [document["responds_to"]] if "responds_to" in document else []
    return [*answered, *document.get("based_on", [])]


class _InOrder:
    """Lines in timeline order, except that a line waits for the lines it links to (said later
    but recorded earlier), so that an import finds each linked statement already in."""

    def __init__(self) -> None:
        self.written: set[str] = set()
        self.waiting: dict[str, list[dict[str, Any]]] = {}

    def add(self, document: dict[str, Any]) -> Iterator[dict[str, Any]]:
        missing = [link for link in _links(document) if link not in self.written]
        if missing:
            self.waiting.setdefault(missing[0], []).append(document)
            return
        ready = [document]
        while ready:
            line = ready.pop(0)
            self.written.add(line["id"])
            yield line
            for waiter in self.waiting.pop(line["id"], []):
                still = [link for link in _links(waiter) if link not in self.written]
                if still:
                    self.waiting.setdefault(still[0], []).append(waiter)
                else:
                    ready.append(waiter)


async def export_event(database: Database, ref: str) -> AsyncIterator[dict[str, Any]]:
    """The event's kept statements as submissions with their ids, in timeline order (said_at,
    then recording; a statement after those it links to). Raises NotFound when no event has
    this id or slug."""
    async with database.long_reader() as reader:
        event = await event_queries.document(reader=reader, ref=ref)
        name = _Namer()
        order = _InOrder()
        async for chunk in event_statements(reader, event["id"]):
            targets = {
                target
                for statement in chunk.statements
                for target in [statement.responds_to_id, *chunk.bases.get(statement.id, [])]
                if target is not None
            }
            kept = (
                {row[0] for row in await reader.fetch(_KEPT, {"ids": sorted(targets)})}
                if targets
                else set()
            )
            for document in _submissions(chunk, event, name, kept):
                for line in order.add(document):
                    yield line
        # Nothing should be left (links name kept statements of the event, recorded earlier);
        # whatever is, is written rather than lost.
        for waiters in order.waiting.values():
            for line in waiters:
                yield line
