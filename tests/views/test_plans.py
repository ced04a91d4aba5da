"""The pages of a freshly loaded big event, as the views ask for them by default (retracted
statements left out), seek their index before any ANALYZE (this machine's PostgreSQL runs
without autovacuum, like a database right after a bulk load): no plan reads the whole event and
sorts it, on either store. (With `include_retracted=true` PostgreSQL still needs statistics to
prefer the timeline index over the event's id index.)"""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.db import utcnow
from app.kit.ids import new_id
from app.kit.reader import Query
from app.models import Claim, Event, Source, Stance, Statement
from app.statements.queries import _search_query
from app.timelines.bands import _query as _status_changes_query
from app.timelines.queries import _timeline_query
from app.timelines.schemas import Order

STATEMENTS = 3000
PARTIES = 60

FILTERS = {
    "include_retracted": False,
    "since": False,
    "until": False,
    "speaker": False,
    "claim": False,
    "stance": False,
    "after": False,
}


async def _load(session: AsyncSession) -> uuid.UUID:
    now = utcnow()
    sources: list[dict[str, Any]] = [
        {
            "id": new_id(),
            "slug": f"plan-source-{uuid.uuid4().hex[:8]}",
            "name": f"Planner {n}",
            "kind": "person",
            "aliases": [],
            "description": "",
            "homepage": None,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        for n in range(PARTIES)
    ]
    await session.execute(insert(Source), sources)
    events: list[uuid.UUID] = []
    for size in (STATEMENTS, 50):
        event = {
            "id": new_id(),
            "slug": f"plan-{size}-{uuid.uuid4().hex[:8]}",
            "title": "Plan",
            "description": "",
            "occurred_at": None,
            "tags": [],
            "search_text": "plan",
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        events.append(event["id"])  # type: ignore[arg-type]
        await session.execute(insert(Event), [event])
        start = datetime(2015, 9, 14, tzinfo=UTC)
        rows: list[dict[str, Any]] = [
            {
                "id": new_id(),
                "event_id": event["id"],
                "speaker_id": sources[n % PARTIES]["id"],
                "on_behalf_of_id": None,
                "party_id": sources[n % PARTIES]["id"],
                "text": f"Statement {n}",
                "said_at": start + timedelta(seconds=n),
                "said_at_precision": "second",
                "medium": "other",
                "url": None,
                "language": None,
                "recorded_at": now,
                "retracted_at": now if n % 50 == 0 else None,
                "retraction_reason": None,
            }
            for n in range(size)
        ]
        await session.execute(insert(Statement), rows)
        claim = {
            "id": new_id(),
            "event_id": event["id"],
            "text": f"Claim of {size}",
            "text_hash": f"plan-{event['id']}",
            "text_key": f"claim of {size}",
            "status": "contested",
            "created_at": now,
        }
        await session.execute(insert(Claim), [claim])
        # Every statement takes a stance; one in a hundred moves the claim's status.
        stances = [
            {
                "statement_id": row["id"],
                "claim_id": claim["id"],
                "said_at": row["said_at"],
                "party_id": row["party_id"],
                "position": 0,
                "stance": "supports",
                "first_mention": n == 0,
                "reversal": False,
                "status_after": "asserted",
                "status_changed": n % 100 == 0,
            }
            for n, row in enumerate(rows)
        ]
        await session.execute(insert(Stance), stances)
    return events[0]


async def _plan(session: AsyncSession, query: Query, params: dict[str, Any]) -> str:
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        sql, names = query.for_asyncpg()
        raw = await connection.get_raw_connection()
        rows = await raw.driver_connection.fetch(  # type: ignore[union-attr]
            "EXPLAIN " + sql, *(params.get(name) for name in names)
        )
        return "\n".join(row[0] for row in rows)
    compiled = query.statement.compile(dialect=sqlite.dialect())
    values = tuple(
        params[name].hex if isinstance(params.get(name), uuid.UUID) else params.get(name)
        for name in compiled.positiontup or ()
    )
    result = await connection.exec_driver_sql("EXPLAIN QUERY PLAN " + compiled.string, values)
    return "\n".join(str(row[-1]) for row in result)


def _seeks(plan: str, index: str) -> None:
    assert index in plan, plan
    # Nothing sorted after the fact: the index gives the order.
    assert "Sort" not in plan, plan
    assert "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize("order", [Order.asc, Order.desc])
async def test_a_timeline_page_seeks_its_index_without_statistics(
    session: AsyncSession, order: Order
) -> None:
    event_id = await _load(session)
    params = {"event_id": event_id, "limit": 51, "said_at": datetime.now(UTC), "after": new_id()}
    for filters, index in (
        (FILTERS, "ix_statements_kept_timeline"),
        ({**FILTERS, "after": True}, "ix_statements_kept_timeline"),
    ):
        _seeks(await _plan(session, _timeline_query(order, **filters), params), index)


async def test_a_statement_list_page_seeks_its_index_without_statistics(
    session: AsyncSession,
) -> None:
    event_id = await _load(session)
    dialect = (await session.connection()).dialect.name
    params = {"event_id": event_id, "limit": 51, "after": new_id()}
    for after in (False, True):
        query = _search_query(
            dialect,
            event=True,
            speaker=False,
            claim=False,
            words=False,
            include_retracted=False,
            after=after,
        )
        _seeks(await _plan(session, query, params), "ix_statements_kept_by_id")


async def test_status_changes_read_their_partial_index_without_statistics(
    session: AsyncSession,
) -> None:
    event_id = await _load(session)
    params = {
        "event_id": event_id,
        "limit": 201,
        "after_claim": new_id(),
        "said_at": datetime.now(UTC),
        "after": new_id(),
    }
    for after in (False, True):
        query = _status_changes_query(claim=False, after=after)
        plan = await _plan(session, query, params)
        assert "ix_stances_status_changes" in plan, plan
