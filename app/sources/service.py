"""Write rules and look-ups for sources."""

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from app.changes import log as change_log
from app.enums import Change
from app.errors import NotFound
from app.kit.db import utcnow
from app.kit.slugs import (
    derive_slug,
    ensure_slug_free,
    find_by_ref,
    flush_update,
    insert_with_slug,
)
from app.models import Source, SourceName
from app.sources.schemas import SourceCreate, SourceUpdate
from app.text import fold


async def _store_names(session: AsyncSession, source: Source) -> None:
    """Replace the folded names a source is found by with its current name and aliases."""
    await session.execute(delete(SourceName).where(SourceName.source_id == source.id))
    keys = dict.fromkeys(fold(text) for text in [source.name, *source.aliases])
    session.add_all(SourceName(source_id=source.id, name_key=key) for key in keys)
    await session.flush()


def new_source(data: SourceCreate, *, slug: str) -> Source:
    """A source object for `data` under `slug`, not yet stored."""
    now = utcnow()
    return Source(
        slug=slug,
        name=data.name,
        kind=data.kind,
        aliases=data.aliases,
        description=data.description,
        homepage=data.homepage,
        same_as=data.same_as,
        created_at=now,
        updated_at=now,
    )


async def create(*, session: AsyncSession, data: SourceCreate) -> Source:
    """Record a new source."""
    source = new_source(data, slug=data.slug or derive_slug(data.name, fallback="source"))
    await insert_with_slug(session, source, Source.slug, derived=data.slug is None, label="source")
    await _store_names(session, source)
    return source


async def get(*, session: AsyncSession, ref: str) -> Source:
    """The source with this id or slug; 404 when there is none."""
    source = await find_by_ref(session, Source, ref)
    if source is None:
        raise NotFound(f"There is no source with id or slug {ref!r}.")
    return source


async def update(
    *, session: AsyncSession, source: Source, changes: SourceUpdate, if_match_given: bool
) -> Source:
    """Apply a partial update; `updated_at` moves only when something changed."""
    values = changes.model_dump(include=changes.model_fields_set)
    changed = {field: value for field, value in values.items() if getattr(source, field) != value}
    if not changed:
        return source
    if "slug" in changed:
        await ensure_slug_free(session, Source.slug, changed["slug"], label="source")
    for field, value in changed.items():
        setattr(source, field, value)
    source.updated_at = utcnow()
    await flush_update(session, label="source", if_match_given=if_match_given)
    if "name" in changed or "aliases" in changed:
        await _store_names(session, source)
    # Every event's views may show the source.
    await change_log.record_change(session, None, Change.source_updated)
    return source
