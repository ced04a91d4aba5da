"""The timeline of an event as it stood at `known_at` (`app.claims.known`), paged exactly as the
timeline of the record as it is now."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from app.claims.known import Record, Said
from app.claims.rules import Derived
from app.enums import StanceKind
from app.errors import InvalidInput
from app.kit.fields import to_rfc3339
from app.kit.pagination import PageRequest, encode_cursor
from app.kit.reader import Reader
from app.statements.queries import Document, as_known, documents, rows_of
from app.timelines.queries import cursor_kind, cursor_position
from app.timelines.schemas import Order


def _shown(
    item: Said,
    *,
    since: datetime | None,
    until: datetime | None,
    speaker_id: uuid.UUID | None,
    claim_id: uuid.UUID | None,
    stance: StanceKind | None,
    include_retracted: bool,
) -> bool:
    """Whether the timeline's filters show this statement."""
    if item.retracted and not include_retracted:
        return False
    if (since is not None and item.said_at < since) or (until is not None and item.said_at > until):
        return False
    if speaker_id is not None and str(speaker_id) not in (item.speaker, item.party):
        return False
    if claim_id is None and stance is None:
        return True
    return any(
        (claim_id is None or c == str(claim_id)) and (stance is None or s == stance)
        for c, s, _ in item.stances
    )


async def timeline(
    reader: Reader,
    found: Record,
    *,
    order: Order,
    since: datetime | None,
    until: datetime | None,
    speaker_id: uuid.UUID | None,
    claim_id: uuid.UUID | None,
    stance: StanceKind | None,
    include_retracted: bool,
    page: PageRequest,
    at: uuid.UUID | None,
) -> tuple[list[Document], str | None, str | None]:
    """A page of the timeline of the record, with the cursors after and before it."""
    listed = [
        item
        for item in found.statements
        if _shown(
            item,
            since=since,
            until=until,
            speaker_id=speaker_id,
            claim_id=claim_id,
            stance=stance,
            include_retracted=include_retracted,
        )
    ]
    if order is Order.desc:
        listed.reverse()
    keys = [(item.said_at, item.id) for item in listed]
    descending = order is Order.desc

    def beyond(point: tuple[datetime, str], key: tuple[datetime, str]) -> bool:
        return key < point if descending else key > point

    start, end = 0, len(listed)
    if page.cursor is not None:
        said_at, last, back = cursor_position(order, page.cursor)
        point = (said_at, str(last))
        if back:
            end = sum(1 for key in keys if beyond(key, point))
            start = max(0, end - page.limit)
        else:
            start = sum(1 for key in keys if not beyond(point, key))
    elif at is not None:
        named = next((item for item in found.statements if item.id == str(at)), None)
        if named is None:
            raise InvalidInput(
                f"The event has no statement with id {str(at)!r}.", loc=["query", "at"]
            )
        start = sum(1 for key in keys if beyond(key, named.point))
    end = min(end, start + page.limit)
    chosen = listed[start:end]
    items = await _items(reader, found, [item.id for item in chosen])
    if not items:
        return items, None, None

    def cursor(item: Said, *, back: bool) -> str:
        position = [to_rfc3339(item.said_at), uuid.UUID(item.id).hex]
        return encode_cursor(cursor_kind(order, back=back), position)

    next_cursor = cursor(chosen[-1], back=False) if end < len(listed) else None
    prev_cursor = cursor(chosen[0], back=True) if start > 0 else None
    return items, next_cursor, prev_cursor


def _stance(shown: Document, value: Derived) -> Document:
    return {
        "claim_id": shown["claim_id"],
        "claim_text": shown["claim_text"],
        "stance": shown["stance"],
        "first_mention": value.first_mention,
        "reversal": value.reversal,
        "status_after": value.status_after,
    }


async def _items(reader: Reader, found: Record, ids: Sequence[str]) -> list[Document]:
    """Timeline items of these statements with the record's derived values."""
    if not ids:
        return []
    statements, stances = await documents(reader, await rows_of(reader, ids), derived=True)
    as_known(statements, found.known_at)
    return [
        {
            "statement": statement,
            "party": statement["on_behalf_of"] or statement["speaker"],
            "stances": [
                _stance(shown, found.derived[(statement["id"], shown["claim_id"])])
                for shown in stances.get(statement["id"], [])
            ],
        }
        for statement in statements
    ]
