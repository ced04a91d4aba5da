"""Threads: the chain of statements a statement answers (`responds_to`), and every statement
answering it, directly or through others."""

import uuid
from typing import Any

from sqlalchemy import Uuid, bindparam, select

from app.kit.fields import aware
from app.kit.reader import Query, Reader, any_of, uuid_text
from app.models import Statement
from app.timelines.queries import items_of

Document = dict[str, Any]

_PARENT = Query(
    select(uuid_text(Statement.responds_to_id)).where(Statement.id == bindparam("id", type_=Uuid))
)
# One level of answers at a time, on the index of `responds_to_id`.
_ANSWERS = Query(select(uuid_text(Statement.id)).where(any_of(Statement.responds_to_id, "ids")))


async def thread(reader: Reader, statement_id: uuid.UUID) -> Document | None:
    """The thread of a statement (None when there is none): its ancestors root first, itself,
    and its answers at any depth in timeline order, each a timeline item (retracted included)."""
    rows = await reader.fetch(_PARENT, {"id": statement_id})
    if not rows:
        return None
    seen = {str(statement_id)}
    ancestors: list[str] = []
    parent = rows[0][0]
    while parent is not None and parent not in seen:
        seen.add(parent)
        ancestors.append(parent)
        found = await reader.fetch(_PARENT, {"id": uuid.UUID(parent)})
        parent = found[0][0] if found else None
    answers: list[str] = []
    frontier = [str(statement_id)]
    while frontier:
        level = [row[0] for row in await reader.fetch(_ANSWERS, {"ids": frontier})]
        frontier = [answer for answer in level if answer not in seen]
        seen.update(frontier)
        answers.extend(frontier)
    ancestors.reverse()
    items = await items_of(reader, [*ancestors, str(statement_id), *answers])
    shown_answers = items[len(ancestors) + 1 :]
    shown_answers.sort(
        key=lambda item: (aware(item["statement"]["said_at"]), item["statement"]["id"])
    )
    return {
        "ancestors": items[: len(ancestors)],
        "statement": items[len(ancestors)],
        "answers": shown_answers,
    }
