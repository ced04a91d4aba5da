"""Slugs: derived from names and titles, unique per table, and accepted wherever an id is."""

import re
import uuid
from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

from anyascii import anyascii
from sqlalchemy import exists, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.orm.exc import StaleDataError

from app.errors import Conflict, PreconditionFailed
from app.kit.fields import SLUG_MAX_LENGTH, is_slug, looks_like_uuid
from app.kit.writes import list_value, lock_keys, one_of

ModelT = TypeVar("ModelT")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_ATTEMPTS = 5


def derive_slug(text: str, *, fallback: str) -> str:
    """A slug for a name or title: transliterated to ASCII, lowercase, words joined by hyphens."""
    slug = _NOT_SLUG.sub("-", anyascii(text).lower()).strip("-")
    slug = slug[:SLUG_MAX_LENGTH].rstrip("-") or fallback
    if looks_like_uuid(slug):
        slug = f"{fallback}-{slug}"[:SLUG_MAX_LENGTH].rstrip("-")
    return slug


def slug_lock_key(table: str, base: str) -> str:
    """The lock that transactions deriving slugs from `base` in `table` take turns on."""
    return f"slug:{table}:{base[: SLUG_MAX_LENGTH - 8]}"


def _with_suffix(base: str, number: int) -> str:
    """The `number`th slug `next_free_slug` tries for `base` (the first is `base` itself)."""
    if number == 1:
        return base
    suffix = f"-{number}"
    return base[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix


async def taken_slugs(session: AsyncSession, table: str, bases: Mapping[str, int]) -> set[str]:
    """Every stored slug of `table` that `next_free_slug` could meet for these bases, when each
    base is wanted by as many new rows as `bases` says: exact candidates (`base`, `base-2`, …;
    an index seek each) looked up in rounds, each base's window growing until it holds as many
    free ones as its rows need."""
    dialect = session.get_bind().dialect.name
    query = text(f"SELECT slug FROM {table} WHERE {one_of(dialect, 'slug', 'slugs', 'text')}")
    taken: set[str] = set()
    probed = dict.fromkeys(bases, 0)
    pending = dict(bases)
    while pending:
        candidates: list[str] = []
        for base in pending:
            first, size = probed[base] + 1, max(pending[base], probed[base], 1)
            candidates += [_with_suffix(base, n) for n in range(first, first + size)]
            probed[base] = first + size - 1
        taken.update(await session.scalars(query, {"slugs": list_value(dialect, candidates)}))
        pending = {
            base: need
            for base, need in pending.items()
            if sum(_with_suffix(base, n) not in taken for n in range(1, probed[base] + 1)) < need
        }
    return taken


async def free_slug(session: AsyncSession, column: InstrumentedAttribute[str], base: str) -> str:
    """`base`, or the first of `base-2`, `base-3`, … that no row uses yet.

    Transactions deriving from the same stem take turns, so each sees the slugs the others took.
    """
    table = column.class_.__tablename__
    await lock_keys(session, [slug_lock_key(table, base)])
    return next_free_slug(base, await taken_slugs(session, table, {base: 1}))


def next_free_slug(base: str, taken: set[str]) -> str:
    """`base`, or the first of `base-2`, `base-3`, … not in `taken`, which it joins."""
    number = 1
    while _with_suffix(base, number) in taken:
        number += 1
    slug = _with_suffix(base, number)
    taken.add(slug)
    return slug


async def find_by_ref(session: AsyncSession, model: type[ModelT], ref: str) -> ModelT | None:
    """The row whose id or slug is `ref`, if any."""
    table: Any = model
    if looks_like_uuid(ref):
        condition = table.id == uuid.UUID(ref)
    elif is_slug(ref):
        condition = table.slug == ref
    else:
        return None
    found: ModelT | None = await session.scalar(select(model).where(condition))
    return found


class _Slugged(Protocol):
    slug: str


async def ensure_slug_free(
    session: AsyncSession, column: InstrumentedAttribute[str], slug: str, *, label: str
) -> None:
    """Refuse (409) a slug that another row already uses."""
    if await session.scalar(select(exists().where(column == slug))):
        raise Conflict(f"The slug {slug!r} is already used by another {label}.")


async def insert_with_slug(
    session: AsyncSession,
    row: _Slugged,
    column: InstrumentedAttribute[str],
    *,
    derived: bool,
    label: str,
) -> None:
    """Insert a row; a derived slug taken meanwhile is derived again, an explicit one is 409."""
    base = row.slug
    for _ in range(_SLUG_ATTEMPTS):
        if derived:
            row.slug = await free_slug(session, column, base)
        else:
            await ensure_slug_free(session, column, row.slug, label=label)
        try:
            async with session.begin_nested():
                session.add(row)
                await session.flush()
            return
        except IntegrityError:
            if not derived:
                raise Conflict(
                    f"The slug {row.slug!r} is already used by another {label}."
                ) from None
    raise Conflict(f"Could not find a free slug for the {label}; try again or give one.")


async def flush_update(session: AsyncSession, *, label: str, if_match_given: bool) -> None:
    """Write pending changes to a versioned row, turning a concurrent change into 412 or 409."""
    try:
        async with session.begin_nested():
            await session.flush()
    except StaleDataError:
        if if_match_given:
            raise PreconditionFailed(f"The {label} was changed by another request.") from None
        raise Conflict(f"The {label} was changed by another request; try again.") from None
    except IntegrityError:
        raise Conflict(f"The slug is already used by another {label}.") from None
