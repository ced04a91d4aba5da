"""The links a statement makes to others of its event: the one it answers (`responds_to`) and
those it is based on (`based_on`), which must name statements already recorded, or recorded
earlier in the same submission, of the same event."""

import uuid
from collections.abc import Sequence

from sqlalchemy import Uuid, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import InvalidInput, Loc
from app.kit.writes import list_value, one_of
from app.statements.schemas import StatementCreate


def check_link(
    linked: dict[uuid.UUID, uuid.UUID],
    event_id: uuid.UUID,
    statement_id: uuid.UUID,
    target: uuid.UUID,
    loc: Loc,
) -> None:
    """Check that a link (`responds_to`, a `based_on` item) names a statement of the event."""
    if target == statement_id:
        raise InvalidInput("A statement cannot answer or be based on itself.", loc=loc)
    found = linked.get(target)
    if found is None:
        raise InvalidInput(f"There is no statement with id {str(target)!r}.", loc=loc)
    if found != event_id:
        raise InvalidInput(
            f"The statement {str(target)!r} belongs to another event: links stay within one.",
            loc=loc,
        )


async def linked_events(
    session: AsyncSession, items: Sequence[StatementCreate]
) -> dict[uuid.UUID, uuid.UUID]:
    """The event of each stored statement that the items link to, or give as their own id."""
    wanted: set[uuid.UUID] = set()
    for item in items:
        wanted.update(item.based_on)
        if item.responds_to is not None:
            wanted.add(item.responds_to)
        own = getattr(item, "id", None)
        if own is not None:
            wanted.add(own)
    if not wanted:
        return {}
    dialect = session.get_bind().dialect.name
    found = await session.execute(
        text(
            "SELECT id, event_id FROM statements WHERE " + one_of(dialect, "id", "ids", "uuid")
        ).columns(id=Uuid, event_id=Uuid),
        {"ids": list_value(dialect, sorted(wanted))},
    )
    return {row[0]: row[1] for row in found}
