"""Each event's counts of statements by party and by relay (`event_parties`, `event_relays`),
kept as statements are recorded and retracted: the comparison's parties and relays without
reading the event's statements. Behind them, one running count a statement (`tally_marks`): the
counts as they stood at any moment, for the comparison's `as_of`, one seek each."""

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    bindparam,
    delete,
    distinct,
    func,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.writes import add_counts, bulk_insert, seek_each
from app.models import EventParty, EventRelay, Relay, Statement, TallyMark
from app.models.tally import OWN

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


async def count_recorded(
    session: AsyncSession,
    statements: Iterable[Counted],
    relays: Iterable[tuple[uuid.UUID, uuid.UUID]],
) -> None:
    """Count new statements (with their relays as (statement id, source id) pairs)."""
    parties, relayed = _deltas(statements, relays)
    await add_counts(session, _PARTIES, ("event_id", "party_id"), parties)
    await add_counts(session, _RELAYS, ("event_id", "source_id", "party_id"), relayed)


# A tally mark's key (event, party, source: `OWN` for the party's own count), and its place in
# the timeline (said_at, statement id).
MarkKey = tuple[uuid.UUID, uuid.UUID, uuid.UUID]
Point = tuple[datetime, uuid.UUID]
_MARKS: Table = TallyMark.__table__  # type: ignore[assignment]


def _points(
    statements: Iterable[tuple[uuid.UUID, uuid.UUID, uuid.UUID, datetime]],
    relays: Iterable[tuple[uuid.UUID, uuid.UUID]],
) -> dict[MarkKey, list[Point]]:
    """The marks statements (id, event, party, said_at) make, by key, in timeline order: one for
    the party, one for each source that relayed it (once however often `via` names it)."""
    by_id = {row[0]: row for row in statements}
    points: dict[MarkKey, set[Point]] = defaultdict(set)
    for statement_id, event, party, said_at in by_id.values():
        points[(event, party, OWN)].add((said_at, statement_id))
    for statement_id, source in relays:
        if statement_id in by_id:
            _, event, party, said_at = by_id[statement_id]
            points[(event, party, source)].add((said_at, statement_id))
    return {key: sorted(found) for key, found in points.items()}


def _key_is(key: MarkKey) -> ColumnElement[bool]:
    event, party, source = key
    return and_(
        TallyMark.event_id == event, TallyMark.party_id == party, TallyMark.source_id == source
    )


def _from(point: Point) -> ColumnElement[bool]:
    said_at, statement_id = point
    return and_(
        TallyMark.said_at >= said_at,
        or_(TallyMark.said_at > said_at, TallyMark.statement_id >= statement_id),
    )


# Where no mark can be: after every moment a statement can be said.
_END: Point = (datetime(9999, 12, 31, tzinfo=UTC), uuid.UUID(int=(1 << 128) - 1))
_KEY = ("event_id", "party_id", "source_id")
_ORDER = ("said_at", "statement_id")


async def _latest(
    session: AsyncSession, wanted: Sequence[tuple[MarkKey, Point]]
) -> list[int | None]:
    """For each key and point, the count of its latest mark before the point (None when there
    is none): one seek each on the table's key, all in one statement."""
    counts: list[int | None] = [None] * len(wanted)
    found = await seek_each(
        session,
        _MARKS,
        keys=_KEY,
        order=_ORDER,
        returning=("counted",),
        wanted=[(*key, *point) for key, point in wanted],
    )
    for index, counted in found:
        counts[index] = counted
    return counts


async def mark_recorded(
    session: AsyncSession,
    statements: Iterable[tuple[uuid.UUID, uuid.UUID, uuid.UUID, datetime]],
    relays: Iterable[tuple[uuid.UUID, uuid.UUID]],
) -> None:
    """Mark new statements (id, event, party, said_at) with their running counts.

    A statement said after everything of its party (the usual case) takes the latest count plus
    one; one said before others moves their counts up, from its place on. Every step reads or
    writes all keys at once.
    """
    points = _points(statements, relays)
    keys = list(points)
    last = await seek_each(
        session,
        _MARKS,
        keys=_KEY,
        order=_ORDER,
        returning=(*_ORDER, "counted"),
        wanted=[(*key, *_END) for key in keys],
    )
    latest = {
        keys[index]: ((said_at, statement_id), counted)
        for index, said_at, statement_id, counted in last
    }
    rows: list[dict[str, Any]] = []
    behind: list[tuple[MarkKey, Point]] = []
    for key, new in points.items():
        found = latest.get(key)
        if found is not None and found[0] >= new[0]:
            behind.extend((key, point) for point in new)
            continue
        counted = found[1] if found is not None else 0
        for n, (said_at, statement_id) in enumerate(new, start=1):
            rows.append(_mark(key, said_at, statement_id, kept=True, counted=counted + n))
    if behind:
        await _insert_behind(session, behind, rows)
    await bulk_insert(session, _MARKS, rows)


async def _insert_behind(
    session: AsyncSession, behind: Sequence[tuple[MarkKey, Point]], rows: list[dict[str, Any]]
) -> None:
    """Marks for new points said before a key's latest mark (`behind`, each key's points in
    order): each new mark counts what its key's stored marks count before it plus the new ones
    up to it, and every stored mark after a new point counts one more for each new point before
    it (one UPDATE a run of stored marks between two new points)."""
    bases = await _latest(session, behind)
    runs: list[dict[str, Any]] = []
    earlier = 0
    for index, (key, (said_at, statement_id)) in enumerate(behind):
        # How many of the key's new points lie at or before this one.
        earlier = earlier + 1 if index and behind[index - 1][0] == key else 1
        rows.append(
            _mark(key, said_at, statement_id, kept=True, counted=(bases[index] or 0) + earlier)
        )
        following = behind[index + 1] if index + 1 < len(behind) else None
        until = following[1] if following is not None and following[0] == key else _END
        event, party, source = key
        runs.append(
            {
                "k_event": event,
                "k_party": party,
                "k_source": source,
                "from_at": said_at,
                "from_id": statement_id,
                "until_at": until[0],
                "until_id": until[1],
                "more": earlier,
            }
        )
    marks = _MARKS.c
    at = tuple_(marks.said_at, marks.statement_id)
    await session.execute(
        update(_MARKS)
        .where(
            marks.event_id == bindparam("k_event"),
            marks.party_id == bindparam("k_party"),
            marks.source_id == bindparam("k_source"),
            at
            > tuple_(
                bindparam("from_at", type_=marks.said_at.type),
                bindparam("from_id", type_=marks.statement_id.type),
            ),
            at
            < tuple_(
                bindparam("until_at", type_=marks.said_at.type),
                bindparam("until_id", type_=marks.statement_id.type),
            ),
        )
        .values(counted=marks.counted + bindparam("more"))
        .execution_options(synchronize_session=False),
        runs,
    )


def _mark(
    key: MarkKey, said_at: datetime, statement_id: uuid.UUID, *, kept: bool, counted: int
) -> dict[str, Any]:
    event, party, source = key
    return {
        "event_id": event,
        "party_id": party,
        "source_id": source,
        "said_at": said_at,
        "statement_id": statement_id,
        "kept": kept,
        "counted": counted,
    }


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
    # Its marks and every later one of the same keys count one statement less.
    point = (statement.said_at, statement.id)
    keys = [(event, party, OWN), *((event, party, source) for source in sources)]
    # Found by the table's key, each of them: no index starts with the statement.
    mine = and_(TallyMark.said_at == statement.said_at, TallyMark.statement_id == statement.id)
    for key in keys:
        await session.execute(
            update(TallyMark)
            .where(_key_is(key), _from(point))
            .values(counted=TallyMark.counted - 1)
            .execution_options(synchronize_session=False)
        )
        await session.execute(
            update(TallyMark)
            .where(_key_is(key), mine)
            .values(kept=False)
            .execution_options(synchronize_session=False)
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
    return fixed + await _remark(session, ids)


async def _remark(session: AsyncSession, ids: list[uuid.UUID] | None) -> int:
    """Make these events' tally marks again from their statements; store what differs and
    return how many marks had to change."""
    statements = select(
        Statement.id,
        Statement.event_id,
        Statement.party_id,
        Statement.said_at,
        Statement.retracted_at.is_(None),
    )
    relays = select(Relay.statement_id, Relay.source_id).join(
        Statement, Statement.id == Relay.statement_id
    )
    stored_query = select(
        TallyMark.event_id,
        TallyMark.party_id,
        TallyMark.source_id,
        TallyMark.said_at,
        TallyMark.statement_id,
        TallyMark.kept,
        TallyMark.counted,
    )
    if ids is not None:
        statements = statements.where(Statement.event_id.in_(ids))
        relays = relays.where(Statement.event_id.in_(ids))
        stored_query = stored_query.where(TallyMark.event_id.in_(ids))
    rows = (await session.execute(statements)).all()
    kept = {row[0]: row[4] for row in rows}
    relayed = [(row[0], row[1]) for row in await session.execute(relays)]
    points = _points(((row[0], row[1], row[2], row[3]) for row in rows), relayed)
    wanted: dict[tuple[Any, ...], tuple[bool, int]] = {}
    for key, marks in points.items():
        counted = 0
        for said_at, statement_id in marks:
            counted += 1 if kept[statement_id] else 0
            wanted[(*key, said_at, statement_id)] = (kept[statement_id], counted)
    stored = {tuple(row[:5]): (row[5], row[6]) for row in await session.execute(stored_query)}
    wrong = [key for key in stored.keys() | wanted.keys() if stored.get(key) != wanted.get(key)]
    names = ("event_id", "party_id", "source_id", "said_at", "statement_id")
    # Marks stored wrong (or no longer wanted) go, one seek on the key each; the right ones
    # come in with one bulk insert (COPY on PostgreSQL): a rebuild of an event of a million
    # statements writes its marks in seconds.
    gone = [dict(zip(names, key, strict=True)) for key in wrong if key in stored]
    if gone:
        await session.execute(
            delete(_MARKS).where(*(_MARKS.c[name] == bindparam(name) for name in names)), gone
        )
    fresh = [
        {**dict(zip(names, key, strict=True)), "kept": wanted[key][0], "counted": wanted[key][1]}
        for key in wrong
        if key in wanted
    ]
    await bulk_insert(session, _MARKS, fresh)
    return len(wrong)
