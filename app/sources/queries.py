"""Read side of sources: the source document and the source list, read without the ORM."""

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Uuid, bindparam, exists, select

from app.enums import SourceKind
from app.errors import NotFound
from app.kit.pagination import IdPages, PageRequest, id_pages, read_page
from app.kit.reader import Query, Reader, fetch_by_ref, instant, json_value, uuid_text
from app.models import Source, SourceName
from app.text import like_pattern

Document = dict[str, Any]

# The columns of a source row, in the order `_document` reads them.
_COLUMNS = (
    uuid_text(Source.id),
    Source.slug,
    Source.name,
    Source.kind,
    Source.aliases,
    Source.description,
    Source.homepage,
    instant(Source.created_at),
    instant(Source.updated_at),
    Source.same_as,
)
_BY_ID = Query(select(*_COLUMNS).where(Source.id == bindparam("id", type_=Uuid)))
_BY_SLUG = Query(select(*_COLUMNS).where(Source.slug == bindparam("slug")))


def _document(row: Sequence[Any]) -> Document:
    aliases = row[4]
    return {
        "id": row[0],
        "slug": row[1],
        "name": row[2],
        "kind": row[3],
        # asyncpg hands JSON columns over as text; SQLAlchemy has already decoded them.
        "aliases": json_value(aliases),
        "description": row[5],
        "homepage": row[6],
        "same_as": json_value(row[9]),
        "created_at": row[7],
        "updated_at": row[8],
    }


async def document(*, reader: Reader, ref: str) -> Document:
    """The source with this id or slug, as its JSON document; 404 when there is none."""
    rows = await fetch_by_ref(reader, ref, by_id=_BY_ID, by_slug=_BY_SLUG)
    if not rows:
        raise NotFound(f"There is no source with id or slug {ref!r}.")
    return _document(rows[0])


@cache
def _list_pages(*, text: bool, kind: bool) -> IdPages:
    """The list's queries for one combination of filters, compiled once each."""
    statement = select(*_COLUMNS)
    if text:
        statement = statement.where(
            exists().where(
                SourceName.source_id == Source.id,
                SourceName.name_key.like(bindparam("pattern"), escape="\\"),
            )
        )
    if kind:
        statement = statement.where(Source.kind == bindparam("kind"))
    return id_pages("sources", statement, Source.id)


async def search(
    *, reader: Reader, q: str | None, kind: SourceKind | None, page: PageRequest
) -> tuple[list[Document], str | None]:
    """A page of sources whose name or an alias contains `q` (and of this kind), oldest first,
    as documents."""
    pages = _list_pages(text=bool(q), kind=kind is not None)
    params = {
        "pattern": like_pattern(q) if q else None,
        # The driver binds the plain value (asyncpg has no idea of the enum).
        "kind": kind.value if kind is not None else None,
    }
    return await read_page(reader, pages, params, page, _document)
