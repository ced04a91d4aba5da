"""Write rules and look-ups for events."""

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from app.changes import log as change_log
from app.enums import Change
from app.errors import InvalidInput, Loc, NotFound
from app.events.schemas import EventCreate, EventUpdate, InlineEvent
from app.kit.db import utcnow
from app.kit.slugs import (
    derive_slug,
    ensure_slug_free,
    find_by_ref,
    flush_update,
    insert_with_slug,
)
from app.models import Event, EventTag
from app.text import fold


def _search_text(event: Event) -> str:
    return f"{fold(event.title)}\n{fold(event.description)}"


async def _store_tags(session: AsyncSession, event: Event) -> None:
    """Replace the folded tags an event is filtered by with its current tags."""
    await session.execute(delete(EventTag).where(EventTag.event_id == event.id))
    session.add_all(EventTag(event_id=event.id, tag_key=key) for key in tag_keys(event))
    await session.flush()


def new_event(data: EventCreate) -> Event:
    """A new event's row, not yet added to a session."""
    now = utcnow()
    event = Event(
        slug=data.slug or derive_slug(data.title, fallback="event"),
        title=data.title,
        description=data.description,
        occurred_at=data.occurred_at,
        tags=data.tags,
        created_at=now,
        updated_at=now,
    )
    event.search_text = _search_text(event)
    return event


def tag_keys(event: Event) -> list[str]:
    """The folded tags an event is filtered by, each once."""
    return list(dict.fromkeys(fold(tag) for tag in event.tags))


def inline_event_data(ref: InlineEvent, loc: Loc) -> EventCreate:
    """The event an inline reference creates when its slug names none (it needs a title)."""
    slug = inline_event_slug(ref)
    if ref.title is None:
        raise InvalidInput(
            f"There is no event with slug {slug!r}; give a title to create it.",
            loc=[*loc, "title"],
        )
    return EventCreate(
        title=ref.title,
        slug=slug,
        description=ref.description,
        occurred_at=ref.occurred_at,
        tags=ref.tags,
    )


async def create(*, session: AsyncSession, data: EventCreate) -> Event:
    """Record a new event."""
    event = new_event(data)
    await insert_with_slug(session, event, Event.slug, derived=data.slug is None, label="event")
    await _store_tags(session, event)
    return event


async def get(*, session: AsyncSession, ref: str) -> Event:
    """The event with this id or slug; 404 when there is none."""
    event = await find_by_ref(session, Event, ref)
    if event is None:
        raise NotFound(f"There is no event with id or slug {ref!r}.")
    return event


async def update(
    *, session: AsyncSession, event: Event, changes: EventUpdate, if_match_given: bool
) -> Event:
    """Apply a partial update; `updated_at` moves only when something changed."""
    values = changes.model_dump(include=changes.model_fields_set)
    changed = {field: value for field, value in values.items() if getattr(event, field) != value}
    if not changed:
        return event
    if "slug" in changed:
        await ensure_slug_free(session, Event.slug, changed["slug"], label="event")
    for field, value in changed.items():
        setattr(event, field, value)
    event.search_text = _search_text(event)
    event.updated_at = utcnow()
    await flush_update(session, label="event", if_match_given=if_match_given)
    if "tags" in changed:
        await _store_tags(session, event)
    # The UPDATE holds the event's row from here to commit, as `change_log.lock_events` would.
    await change_log.record_change(session, event.id, Change.event_updated)
    return event


async def resolve(*, session: AsyncSession, ref: str | InlineEvent, loc: Loc) -> Event:
    """The event a statement names: by id or slug, or get-or-create by slug for an inline one."""
    if isinstance(ref, str):
        found = await find_by_ref(session, Event, ref)
        if found is None:
            raise InvalidInput(f"There is no event with id or slug {ref!r}.", loc=loc)
        return found
    existing = await find_by_ref(session, Event, inline_event_slug(ref))
    if existing is not None:
        return existing
    return await create(session=session, data=inline_event_data(ref, loc))


def inline_event_slug(ref: InlineEvent) -> str:
    """The slug an inline event is found or created by."""
    if ref.slug is not None:
        return ref.slug
    assert ref.title is not None
    return derive_slug(ref.title, fallback="event")
