"""Read side of events: the event document (read, embedded in the views) and the event list,
read without the ORM."""

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Uuid, bindparam, exists, select

from app.errors import NotFound
from app.kit.pagination import IdPages, PageRequest, id_pages, read_page
from app.kit.reader import Query, Reader, fetch_by_ref, instant, json_value, uuid_text
from app.models import Event, EventTag
from app.text import fold, like_pattern

Document = dict[str, Any]

# The columns of an event row, in the order `_document` reads them.
_COLUMNS = (
    uuid_text(Event.id),
    Event.slug,
    Event.title,
    Event.description,
    instant(Event.occurred_at),
    Event.tags,
    instant(Event.created_at),
    instant(Event.updated_at),
)
_BY_ID = Query(select(*_COLUMNS).where(Event.id == bindparam("id", type_=Uuid)))
_BY_SLUG = Query(select(*_COLUMNS).where(Event.slug == bindparam("slug")))


def _document(row: Sequence[Any]) -> Document:
    tags = row[5]
    return {
        "id": row[0],
        "slug": row[1],
        "title": row[2],
        "description": row[3],
        "occurred_at": row[4],
        # asyncpg hands JSON columns over as text; SQLAlchemy has already decoded them.
        "tags": json_value(tags),
        "created_at": row[6],
        "updated_at": row[7],
    }


async def document(*, reader: Reader, ref: str) -> Document:
    """The event with this id or slug, as its JSON document; 404 when there is none."""
    rows = await fetch_by_ref(reader, ref, by_id=_BY_ID, by_slug=_BY_SLUG)
    if not rows:
        raise NotFound(f"There is no event with id or slug {ref!r}.")
    return _document(rows[0])


@cache
def _list_pages(*, text: bool, tag: bool) -> IdPages:
    """The list's queries for one combination of filters, compiled once each."""
    statement = select(*_COLUMNS)
    if text:
        statement = statement.where(Event.search_text.like(bindparam("pattern"), escape="\\"))
    if tag:
        statement = statement.where(
            exists().where(EventTag.event_id == Event.id, EventTag.tag_key == bindparam("tag"))
        )
    return id_pages("events", statement, Event.id)


async def search(
    *, reader: Reader, q: str | None, tag: str | None, page: PageRequest
) -> tuple[list[Document], str | None]:
    """A page of events whose title or description contains `q` (and that carry `tag`), oldest
    first, as documents."""
    pages = _list_pages(text=bool(q), tag=bool(tag))
    params = {
        "pattern": like_pattern(q) if q else None,
        "tag": fold(tag) if tag else None,
    }
    return await read_page(reader, pages, params, page, _document)
