"""Each event's counts of statements by party and by relay (`event_parties`, `event_relays`),
kept as statements are recorded and retracted: the comparison's parties and relays without
reading the event's statements."""

import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, delete, distinct, func, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import EventParty, EventRelay, Relay, Statement

_PARTIES: Table = EventParty.__table__  # type: ignore[assignment]
_RELAYS: Table = EventRelay.__table__  # type: ignore[assignment]
# A statement's row as the tally reads it: (id, event id, party id).
Counted = tuple[uuid.UUID, uuid.UUID, uuid.UUID]


def _deltas(
    statements: Iterable[Counted], relays: Iterable[tuple[uuid.UUID, uuid.UUID]]
) -> tuple[Counter[tuple[uuid.UUID, uuid.UUID]], Counter[tuple[uuid.UUID, ...]]]:
    """How many statements each (event, party) and each (event, relay, party) gains."""
    by_id = {statement_id: (event, party) for statement_id, event, party in statements}
    parties = Counter(by_id.values())
    # A source relays a statement once, however often `via` names it.
    relayed = {
        (by_id[statement_id][0], source, by_id[statement_id][1], statement_id)
        for statement_id, source in relays
        if statement_id in by_id
    }
    return parties, Counter(key[:3] for key in relayed)


async def _add(
    session: AsyncSession, table: Table, keys: tuple[str, ...], counts: Mapping[Any, int]
) -> None:
    if not counts:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=list(keys),
            set_={"statements": table.c.statements + statement.excluded.statements},
        ),
        [{**dict(zip(keys, key, strict=True)), "statements": n} for key, n in counts.items()],
    )


async def count_recorded(
    session: AsyncSession,
    statements: Iterable[Counted],
    relays: Iterable[tuple[uuid.UUID, uuid.UUID]],
) -> None:
    """Count new statements (with their relays as (statement id, source id) pairs)."""
    parties, relayed = _deltas(statements, relays)
    await _add(session, _PARTIES, ("event_id", "party_id"), parties)
    await _add(session, _RELAYS, ("event_id", "source_id", "party_id"), relayed)


async def count_retracted(session: AsyncSession, statement: Statement) -> None:
    """Stop counting a retracted statement, for its party and each of its relays."""
    sources = (
        await session.scalars(
            select(Relay.source_id).distinct().where(Relay.statement_id == statement.id)
        )
    ).all()
    event, party = statement.event_id, statement.party_id
    await _subtract(session, _PARTIES, [(event, party)], ("event_id", "party_id"))
    await _subtract(
        session,
        _RELAYS,
        [(event, s, party) for s in sources],
        ("event_id", "source_id", "party_id"),
    )


async def _subtract(
    session: AsyncSession, table: Table, keys: list[tuple[uuid.UUID, ...]], names: tuple[str, ...]
) -> None:
    if not keys:
        return
    matching = tuple_(*(table.c[name] for name in names)).in_(keys)
    await session.execute(table.update().where(matching).values(statements=table.c.statements - 1))
    await session.execute(delete(table).where(and_(matching, table.c.statements <= 0)))


async def recount(session: AsyncSession, event_ids: Iterable[uuid.UUID] | None) -> int:
    """Count these events' statements again (every event's with None), store what differs and
    return how many rows had to change (0 when the counts were right)."""
    ids = None if event_ids is None else list(event_ids)
    kept: ColumnElement[bool] = Statement.retracted_at.is_(None)
    if ids is not None:
        kept = and_(kept, Statement.event_id.in_(ids))
    fixed = 0
    for table, names, wanted_query in (
        (
            _PARTIES,
            ("event_id", "party_id"),
            select(Statement.event_id, Statement.party_id, func.count())
            .where(kept)
            .group_by(Statement.event_id, Statement.party_id),
        ),
        (
            _RELAYS,
            ("event_id", "source_id", "party_id"),
            select(
                Statement.event_id,
                Relay.source_id,
                Statement.party_id,
                func.count(distinct(Statement.id)),
            )
            .join(Relay, Relay.statement_id == Statement.id)
            .where(kept)
            .group_by(Statement.event_id, Relay.source_id, Statement.party_id),
        ),
    ):
        wanted = {tuple(row[:-1]): row[-1] for row in await session.execute(wanted_query)}
        stored_query = select(*(table.c[name] for name in names), table.c.statements)
        if ids is not None:
            stored_query = stored_query.where(table.c.event_id.in_(ids))
        stored = {tuple(row[:-1]): row[-1] for row in await session.execute(stored_query)}
        wrong = [key for key in stored.keys() | wanted.keys() if stored.get(key) != wanted.get(key)]
        if not wrong:
            continue
        fixed += len(wrong)
        for offset in range(0, len(wrong), 500):
            chunk = wrong[offset : offset + 500]
            await session.execute(
                delete(table).where(tuple_(*(table.c[name] for name in names)).in_(chunk))
            )
        rows = [
            {**dict(zip(names, key, strict=True)), "statements": wanted[key]}
            for key in wrong
            if key in wanted
        ]
        if rows:
            await session.execute(table.insert(), rows)
    return fixed
