"""Read side of events: the event document the views embed, read without the ORM."""

import uuid
from typing import Any

import orjson
from sqlalchemy import Uuid, bindparam, select

from app.errors import NotFound
from app.kit.fields import is_slug, looks_like_uuid
from app.kit.reader import Query, Reader, instant, uuid_text
from app.models import Event

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


async def document(*, reader: Reader, ref: str) -> dict[str, Any]:
    """The event with this id or slug, as its JSON document; 404 when there is none."""
    rows: Any = ()
    if looks_like_uuid(ref):
        rows = await reader.fetch(_BY_ID, {"id": uuid.UUID(ref)})
    elif is_slug(ref):
        rows = await reader.fetch(_BY_SLUG, {"slug": ref})
    if not rows:
        raise NotFound(f"There is no event with id or slug {ref!r}.")
    row = rows[0]
    tags = row[5]
    return {
        "id": row[0],
        "slug": row[1],
        "title": row[2],
        "description": row[3],
        "occurred_at": row[4],
        # asyncpg hands JSON columns over as text; SQLAlchemy has already decoded them.
        "tags": orjson.loads(tags) if isinstance(tags, str) else tags,
        "created_at": row[6],
        "updated_at": row[7],
    }
