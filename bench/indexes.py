"""What each index costs the ingest of a batch of 1,000 statements on PostgreSQL, and what reads it.

A new database is migrated (the real indexes' storage options, `pg_class.reloptions`, are read
then) and loaded with realistic statements, none retracted, through a Claimline server
(`bench.generate`). For each table a batch writes, the rows of the last 1,000 statements
(`positions`: 3,000 random rows) are copied with asyncpg's `copy_records_to_table` into twins of
the table that hold all its other rows (CREATE TABLE AS: the real size, no constraints, triggers
or foreign-key checks): one with no index, one with each index of the real table alone (its
`pg_indexes.indexdef`), one with all of them. The COPY is timed twice: elapsed, and the time the
server's backend spent on a CPU (/proc/PID/schedstat; it does not count waiting for a CPU that
other work on the machine holds); the commit is timed apart. The twins take a batch in turns, a
round at a time (the order turned each round; the first round a warm-up), so drift and other load
spread over all of them; each figure is the median of 5 rounds, and after each batch the copied
rows are deleted and the twin vacuumed.

The full-text GIN index (`to_tsvector('simple', text)`) is measured with fastupdate on (the
default: a batch's entries go to the pending list; `gin_clean_pending_list` after each batch is
timed too, with the pending pages it flushed) and off, alone and among all. Then batches of real
statements go one after the other into a twin with that index only, at gin_pending_list_limit 4MB
(the default) and 32MB, until a batch flushes the pending list itself: batches per flush, that
batch's time, and the mean per batch over the whole cycle (the amortized cost); with fastupdate
off, the mean over as many batches. (The batches after the first are copies of rows the twin
already holds: their words are in the index already, as most words of new statements are.)

What reads each index: `idx_scan` of `pg_stat_user_indexes` over the ingest (the batch endpoint's
own reads and its foreign-key checks) and over a sweep of the read endpoints with their filters,
an event's stream and one retraction (after ANALYZE, on a second server), and EXPLAIN ANALYZE of
the app's own compiled queries for the filters the speaker, party, relay, text and event-change
indexes serve. The foreign keys from and to the tables are listed with their ON DELETE action.

Usage: .venv/bin/python -m bench.indexes [--statements 20000] → bench/results/indexes.json
"""

import argparse
import asyncio
import json
import re
import statistics
import sys
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from app.kit.reader import Query, _value
from app.statements.queries import _RELAYS, _search_query
from app.streams.router import _CHANGES
from app.timelines.queries import _timeline_query
from app.timelines.schemas import Order
from bench.generate import BATCH_SIZE, Loaded, Plan, load
from bench.servers import (
    ROOT,
    claimline_server,
    create_pg_database,
    drop_pg_database,
    free_port,
    migrate,
    pg_dsn,
    pg_url,
)

REPEATS = 5
POSITIONS_SAMPLE = 3000
BIG_PENDING_LIST_KB = 32 * 1024
# The rows of the batch in each table a batch writes (`bench_batch` holds its statement ids).
BATCH_ROWS = {
    "statements": "id IN (SELECT id FROM bench_batch)",
    "stances": "statement_id IN (SELECT id FROM bench_batch)",
    "relays": "statement_id IN (SELECT id FROM bench_batch)",
    "tally_marks": "statement_id IN (SELECT id FROM bench_batch)",
    "positions": (
        "(claim_id, party_id) IN (SELECT claim_id, party_id FROM positions "
        f"ORDER BY md5(claim_id::text || party_id::text) LIMIT {POSITIONS_SAMPLE})"
    ),
    "event_changes": "statement_id IN (SELECT id FROM bench_batch)",
}
TABLES = tuple(BATCH_ROWS)
_OTHERS = f"({BATCH_ROWS['statements']}) IS NOT TRUE"
# The current transaction's id as `xmin` shows it: what the copied rows are deleted by.
_XID = "SELECT (pg_current_xact_id()::text::bigint % 4294967296)::text"


@dataclass
class Run:
    """One batch copied: the COPY, the commit, and (fastupdate on) the pending list's flush."""

    copy_ms: float
    copy_cpu_ms: float
    commit_ms: float
    flush_ms: float | None = None
    flush_cpu_ms: float | None = None
    pending_pages: int | None = None


@dataclass
class Config:
    """A twin of a table with some of its indexes, and the batches copied into it."""

    label: str
    twin: str
    indexes: list[str]
    runs: list[Run] = field(default_factory=list)


def _median(values: Sequence[float]) -> float:
    return round(statistics.median(values), 2)


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000


def _cpu_ms(connection: asyncpg.Connection) -> float:
    """The time the connection's backend has spent on a CPU (the server runs on this machine):
    unlike the elapsed time, it does not count waiting for a CPU that other work holds."""
    on_cpu = Path(f"/proc/{connection.get_server_pid()}/schedstat").read_text().split()[0]
    return int(on_cpu) / 1e6


async def _connect(dsn: str) -> asyncpg.Connection:
    connection: asyncpg.Connection = await asyncpg.connect(dsn)
    return connection


# --- The indexes, their options, their foreign keys, their reads ---------------------------


async def _index_options(dsn: str) -> dict[str, Any]:
    """Each index of the batch's tables with its storage options (None: the defaults)."""
    connection = await _connect(dsn)
    try:
        rows = await connection.fetch(
            "SELECT i.relname, t.relname AS table_name, i.reloptions, am.amname "
            "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_class t ON t.oid = x.indrelid JOIN pg_am am ON am.oid = i.relam "
            "WHERE t.relname = ANY($1) ORDER BY t.relname, i.relname",
            list(TABLES),
        )
        settings = await connection.fetch(
            "SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)",
            ["gin_pending_list_limit", "autovacuum_vacuum_insert_threshold", "work_mem"],
        )
    finally:
        await connection.close()
    return {
        "indexes": {
            row["relname"]: {
                "table": row["table_name"],
                "method": row["amname"],
                "reloptions": row["reloptions"],
            }
            for row in rows
        },
        "settings": {row["name"]: f"{row['setting']}{row['unit'] or ''}" for row in settings},
    }


async def _foreign_keys(connection: asyncpg.Connection) -> list[dict[str, Any]]:
    """The foreign keys from and to the batch's tables, with their ON DELETE action."""
    rows = await connection.fetch(
        "SELECT conrelid::regclass::text AS table_name, confrelid::regclass::text AS referenced, "
        "pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE contype = 'f' "
        "AND (conrelid::regclass::text = ANY($1) OR confrelid::regclass::text = ANY($1)) "
        "ORDER BY 1, 3",
        list(TABLES),
    )
    return [dict(row) for row in rows]


async def _index_scans(dsn: str) -> dict[str, int]:
    """`idx_scan` of every index of the batch's tables, once no other backend is connected
    (a backend's counts reach the statistics when it exits)."""
    connection = await _connect(dsn)
    try:
        for _ in range(200):
            others = await connection.fetchval(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if not others:
                break
            await asyncio.sleep(0.05)
        await connection.execute("SELECT pg_stat_clear_snapshot()")
        rows = await connection.fetch(
            "SELECT indexrelname, idx_scan FROM pg_stat_user_indexes WHERE relname = ANY($1)",
            list(TABLES),
        )
    finally:
        await connection.close()
    return {row["indexrelname"]: row["idx_scan"] for row in rows}


@dataclass
class Picks:
    """What the read sweep and the EXPLAINs point at, chosen from the loaded data."""

    big_event: str
    big_event_id: str
    small_event: str
    small_event_id: str
    claim: str
    rare_source: str
    rare_source_id: str
    frequent_party: str
    frequent_party_id: str
    statement: str
    retracted: str
    number: str
    since: str
    until: str
    page_ids: list[str]


async def _picks(dsn: str) -> Picks:
    """ANALYZE, then pick events, sources, a claim and statements (on a connection of its own,
    closed before the sweep's statistics are read)."""
    connection = await _connect(dsn)
    try:
        await connection.execute("ANALYZE")
        events = await connection.fetch(
            "SELECT e.id::text AS id, e.slug, count(*) AS n FROM events e "
            "JOIN statements s ON s.event_id = e.id GROUP BY e.id, e.slug ORDER BY n DESC, e.slug"
        )
        big, small = events[0], events[-1]
        claim = await connection.fetchval(
            "SELECT s.claim_id::text FROM stances s JOIN claims c ON c.id = s.claim_id "
            "WHERE c.event_id = $1::uuid GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
            big["id"],
        )
        rare = await connection.fetchrow(
            "SELECT o.id::text AS id, o.slug FROM statements s "
            "JOIN sources o ON o.id = s.speaker_id "
            "GROUP BY o.id, o.slug ORDER BY count(*), o.slug LIMIT 1"
        )
        frequent = await connection.fetchrow(
            "SELECT o.id::text AS id, o.slug FROM statements s "
            "JOIN sources o ON o.id = s.party_id "
            "GROUP BY o.id, o.slug ORDER BY count(*) DESC, o.slug LIMIT 1"
        )
        said = await connection.fetch(
            "SELECT id::text AS id, said_at, text FROM statements WHERE event_id = $1::uuid "
            "ORDER BY said_at, id",
            big["id"],
        )
        middle = said[len(said) // 2]
        retracted = await connection.fetchval("SELECT id::text FROM statements ORDER BY id LIMIT 1")
        page_ids = [row["id"] for row in said[:50]]
    finally:
        await connection.close()
    number = re.search(r"\d+", middle["text"])
    return Picks(
        big_event=big["slug"],
        big_event_id=big["id"],
        small_event=small["slug"],
        small_event_id=small["id"],
        claim=claim,
        rare_source=rare["slug"],
        rare_source_id=rare["id"],
        frequent_party=frequent["slug"],
        frequent_party_id=frequent["id"],
        statement=middle["id"],
        retracted=retracted,
        number=number[0] if number else middle["text"].split()[0],
        since=said[0]["said_at"].isoformat(),
        until=middle["said_at"].isoformat(),
        page_ids=page_ids,
    )


async def _sweep(port: int, picks: Picks) -> list[dict[str, Any]]:
    """Every read endpoint with its filters (the first page, and the next where there is one),
    an event's stream replayed from the start, and one retraction."""
    big, small, claim = picks.big_event, picks.small_event, picks.claim
    requests: list[tuple[str, dict[str, str]]] = [
        ("/v1/statements", {}),
        ("/v1/statements", {"event": big}),
        ("/v1/statements", {"event": big, "include_retracted": "true"}),
        ("/v1/statements", {"speaker": picks.rare_source}),
        ("/v1/statements", {"speaker": picks.frequent_party}),
        ("/v1/statements", {"claim": claim}),
        ("/v1/statements", {"q": picks.number}),
        ("/v1/statements", {"q": "president"}),
        ("/v1/statements", {"event": big, "speaker": picks.frequent_party, "q": "ministry"}),
        (f"/v1/statements/{picks.statement}", {}),
        (f"/v1/events/{big}/timeline", {}),
        (f"/v1/events/{big}/timeline", {"order": "desc"}),
        (f"/v1/events/{big}/timeline", {"include_retracted": "true"}),
        (f"/v1/events/{big}/timeline", {"speaker": picks.frequent_party}),
        (f"/v1/events/{big}/timeline", {"speaker": picks.rare_source}),
        (f"/v1/events/{big}/timeline", {"claim": claim, "stance": "supports"}),
        (f"/v1/events/{big}/timeline", {"since": picks.since, "until": picks.until}),
        (f"/v1/events/{big}/timeline", {"at": picks.statement}),
        (f"/v1/events/{small}/timeline", {}),
        (f"/v1/events/{big}/status-changes", {}),
        (f"/v1/events/{big}/status-changes", {"claim": claim}),
        (f"/v1/events/{big}/comparison", {}),
        (f"/v1/events/{big}/comparison", {"as_of": picks.until}),
        (f"/v1/events/{big}/comparison", {"sources": picks.frequent_party}),
        (f"/v1/events/{big}/claims", {}),
        (f"/v1/claims/{claim}", {}),
        (f"/v1/claims/{claim}/jsonld", {}),
        ("/v1/events", {}),
        ("/v1/events", {"q": "event"}),
        (f"/v1/events/{big}", {}),
        ("/v1/sources", {}),
        ("/v1/sources", {"q": picks.frequent_party[:4]}),
        (f"/v1/sources/{picks.frequent_party}", {}),
        (f"/v1/events/{small}/statements.csv", {}),
        (f"/v1/events/{small}/statements.csv", {"include_retracted": "true"}),
    ]
    done: list[dict[str, Any]] = []
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
        for path, params in requests:
            response = await client.get(path, params=params)
            done.append({"path": path, "params": params, "status": response.status_code})
            cursor = None
            if response.headers.get("content-type", "").startswith("application/json"):
                cursor = response.json().get("next_cursor")
            if cursor:
                page = await client.get(path, params={**params, "cursor": cursor})
                done.append(
                    {"path": path, "params": {**params, "cursor": "…"}, "status": page.status_code}
                )
        stream = f"/v1/events/{small}/stream"
        status = 0
        try:
            async with (
                asyncio.timeout(5),
                client.stream("GET", stream, params={"after": "0"}) as sent,
            ):
                status = sent.status_code
                ids = 0
                async for line in sent.aiter_lines():
                    ids += line.startswith("id:")
                    if ids >= 3:
                        break
        except TimeoutError:
            pass
        done.append({"path": stream, "params": {"after": "0"}, "status": status})
        retraction = await client.request(
            "DELETE", f"/v1/statements/{picks.retracted}", json={"reason": "Index benchmark."}
        )
        done.append(
            {
                "path": f"DELETE /v1/statements/{picks.retracted}",
                "params": {},
                "status": retraction.status_code,
            }
        )
    return done


def _plan_indexes(plan: Any) -> list[str]:
    """The index names in an EXPLAIN (FORMAT JSON) plan."""
    found: list[str] = []
    if isinstance(plan, dict):
        if "Index Name" in plan:
            found.append(plan["Index Name"])
        for value in plan.values():
            found.extend(_plan_indexes(value))
    elif isinstance(plan, list):
        for value in plan:
            found.extend(_plan_indexes(value))
    return found


def _statement_list(**filters: bool) -> Query:
    """The query of `GET /v1/statements` with these filters (the others off)."""
    off = {"event": False, "speaker": False, "claim": False, "words": False, "after": False}
    return _search_query("postgresql", **{"include_retracted": False, **off, **filters})


def _event_timeline(**filters: bool) -> Query:
    """The query of a timeline page with these filters (the others off)."""
    off = {"since": False, "until": False, "speaker": False, "claim": False, "stance": False}
    return _timeline_query(
        Order.asc, **{"include_retracted": False, "after": False, **off, **filters}
    )


async def _explain(dsn: str, picks: Picks) -> list[dict[str, Any]]:
    """EXPLAIN ANALYZE of the app's own queries (compiled as the app sends them) for the filters
    that the speaker, party, relay-source, text and event-change indexes could serve."""
    big, small = uuid.UUID(picks.big_event_id), uuid.UUID(picks.small_event_id)
    rare, frequent = uuid.UUID(picks.rare_source_id), uuid.UUID(picks.frequent_party_id)
    page = {"limit": 51}
    cases: list[tuple[str, str, Query, dict[str, Any]]] = [
        (
            "GET /v1/statements?speaker=<a source of one statement>",
            "app/statements/queries.py _search_query",
            _statement_list(speaker=True),
            {"speaker_id": rare, **page},
        ),
        (
            "GET /v1/statements?speaker=<the party of most statements>",
            "app/statements/queries.py _search_query",
            _statement_list(speaker=True),
            {"speaker_id": frequent, **page},
        ),
        (
            "GET /v1/events/<big>/timeline?speaker=<a source of one statement>",
            "app/timelines/queries.py _timeline_query",
            _event_timeline(speaker=True),
            {"event_id": big, "speaker_id": rare, **page},
        ),
        (
            "GET /v1/statements?q=<a number in one statement>",
            "app/statements/queries.py _matching_text",
            _statement_list(words=True),
            {"words": picks.number, **page},
        ),
        (
            "GET /v1/statements?event=<big>&include_retracted=true",
            "app/statements/queries.py _search_query",
            _statement_list(event=True, include_retracted=True),
            {"event_id": big, **page},
        ),
        (
            "GET /v1/statements?event=<small>&include_retracted=true",
            "app/statements/queries.py _search_query",
            _statement_list(event=True, include_retracted=True),
            {"event_id": small, **page},
        ),
        (
            "the relays of a page of statements (every statement document)",
            "app/statements/queries.py _RELAYS",
            _RELAYS,
            {"ids": picks.page_ids},
        ),
        (
            "the stream of <big> replayed from the start",
            "app/streams/router.py _CHANGES",
            _CHANGES,
            {"event_id": big, "after": 0, "limit": 100},
        ),
        (
            "the stream of <small> replayed from the start",
            "app/streams/router.py _CHANGES",
            _CHANGES,
            {"event_id": small, "after": 0, "limit": 100},
        ),
    ]
    connection = await _connect(dsn)
    explained = []
    try:
        for label, where, query, given in cases:
            sql, names = query.for_asyncpg()
            params = {"event_id": None, "speaker_id": None, "claim_id": None, "after": None}
            params.update(given)
            values = [_value(params, name) for name in names]
            plan = json.loads(
                await connection.fetchval(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", *values)
            )
            explained.append(
                {
                    "query": label,
                    "code": where,
                    "indexes": sorted(set(_plan_indexes(plan))),
                    "ms": round(plan[0]["Execution Time"], 3),
                }
            )
    finally:
        await connection.close()
    return explained


# --- The cost of each index to a batch -------------------------------------------------------


def _twin_index(definition: str, twin: str, options: str | None = None) -> str:
    """An index definition of `pg_indexes` made for the twin (its name prefixed with the
    twin's), with storage options when given."""
    made = re.sub(
        r"^CREATE (UNIQUE )?INDEX (\S+) ON public\.\S+ ",
        lambda found: f"CREATE {found[1] or ''}INDEX {twin}_{found[2]} ON public.{twin} ",
        definition,
    )
    if options is None:
        return made
    head, where, condition = made.partition(" WHERE ")
    return f"{head} WITH ({options}){where}{condition}"


async def _make_twin(
    connection: asyncpg.Connection, table: str, twin: str, indexes: Sequence[str]
) -> None:
    """The table's rows but the batch's in a new table with these indexes, vacuumed."""
    others = f"({BATCH_ROWS[table]}) IS NOT TRUE"
    await connection.execute(f"CREATE TABLE {twin} AS SELECT * FROM {table} WHERE {others}")
    for index in indexes:
        await connection.execute(index)
    await connection.execute(f"VACUUM ANALYZE {twin}")


async def _fast_gin(connection: asyncpg.Connection, twin: str) -> str | None:
    """The twin's GIN index if it has one with fastupdate on (the default)."""
    rows = await connection.fetch(
        "SELECT i.relname, i.reloptions FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
        "JOIN pg_class t ON t.oid = x.indrelid JOIN pg_am am ON am.oid = i.relam "
        "WHERE t.relname = $1 AND am.amname = 'gin'",
        twin,
    )
    for row in rows:
        if not {"fastupdate=off", "fastupdate=false"} & set(row["reloptions"] or ()):
            name: str = row["relname"]
            return name
    return None


async def _pending_pages(connection: asyncpg.Connection, index: str) -> int:
    pages: int = await connection.fetchval("SELECT pending_pages FROM pgstatginindex($1)", index)
    return pages


async def _copy(
    connection: asyncpg.Connection, twin: str, rows: Sequence[tuple[Any, ...]]
) -> tuple[Run, str]:
    """COPY the rows into the twin and commit: the milliseconds of each (and the backend's CPU
    milliseconds of the COPY), and the transaction's id."""
    transaction = connection.transaction()
    await transaction.start()
    try:
        xid: str = await connection.fetchval(_XID)
        cpu = _cpu_ms(connection)
        started = time.perf_counter()
        await connection.copy_records_to_table(twin, records=rows)
        copied = time.perf_counter()
        cpu = _cpu_ms(connection) - cpu
        await transaction.commit()
        committed = time.perf_counter()
    except BaseException:
        await transaction.rollback()
        raise
    return Run((copied - started) * 1000, cpu, (committed - copied) * 1000), xid


async def _run(connection: asyncpg.Connection, twin: str, rows: Sequence[tuple[Any, ...]]) -> Run:
    """One batch into the twin: COPY and commit, the flush of a GIN pending list (fastupdate
    on), then the batch deleted again and the twin vacuumed."""
    run, xid = await _copy(connection, twin, rows)
    gin = await _fast_gin(connection, twin)
    if gin is not None:
        run.pending_pages = await _pending_pages(connection, gin)
        started, cpu = time.perf_counter(), _cpu_ms(connection)
        await connection.fetchval("SELECT gin_clean_pending_list($1::regclass)", gin)
        run.flush_ms, run.flush_cpu_ms = _ms(started), _cpu_ms(connection) - cpu
    await connection.execute(f"DELETE FROM {twin} WHERE xmin::text = $1", xid)
    await connection.execute(f"VACUUM {twin}")
    return run


def _result(config: Config, base: Config | None) -> dict[str, Any]:
    """A configuration's medians, and its increments over no index (`base`): the difference of
    the medians, and the median of the differences within each round."""
    runs = config.runs
    result: dict[str, Any] = {
        "ms": _median([run.copy_ms for run in runs]),
        "cpu_ms": _median([run.copy_cpu_ms for run in runs]),
    }
    if base is not None:
        pairs = list(zip(runs, base.runs, strict=True))
        result["increment_ms"] = round(result["ms"] - _median([r.copy_ms for r in base.runs]), 2)
        result["increment_cpu_ms"] = round(
            result["cpu_ms"] - _median([r.copy_cpu_ms for r in base.runs]), 2
        )
        result["paired_increment_ms"] = _median([a.copy_ms - b.copy_ms for a, b in pairs])
        result["paired_increment_cpu_ms"] = _median(
            [a.copy_cpu_ms - b.copy_cpu_ms for a, b in pairs]
        )
    result["commit_ms"] = _median([run.commit_ms for run in runs])
    flushes = [run for run in runs if run.flush_ms is not None]
    if flushes:
        result["flush_ms"] = _median([run.flush_ms or 0 for run in flushes])
        result["flush_cpu_ms"] = _median([run.flush_cpu_ms or 0 for run in flushes])
        result["pending_pages"] = max(run.pending_pages or 0 for run in flushes)
    result["runs_ms"] = [round(run.copy_ms, 2) for run in runs]
    result["runs_cpu_ms"] = [round(run.copy_cpu_ms, 2) for run in runs]
    return result


async def _table_costs(connection: asyncpg.Connection, table: str) -> dict[str, Any]:
    """A batch's rows of the table into twins with no index, each index alone, all of them
    (and for a GIN index, fastupdate off alone and among all). The twins take their batches in
    turns, a round at a time (the order turned each round), so that drift and other load on
    the machine spread over all of them; the first round is a warm-up."""
    rows = await _rows(connection, f"SELECT * FROM {table} WHERE {BATCH_ROWS[table]}")
    definitions = await connection.fetch(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
        "AND tablename = $1 ORDER BY indexname",
        table,
    )
    wanted: list[tuple[str, list[tuple[str, str | None]]]] = [("none", [])]
    every: list[tuple[str, str | None]] = [(row["indexdef"], None) for row in definitions]
    for row in definitions:
        wanted.append((row["indexname"], [(row["indexdef"], None)]))
        if " USING gin " in row["indexdef"]:
            off = (row["indexdef"], "fastupdate = off")
            wanted.append(("gin_fastupdate_off", [off]))
            others = [index for index in every if " USING gin " not in index[0]]
            wanted.append(("all_gin_fastupdate_off", [*others, off]))
    wanted.append(("all", every))
    configs = []
    for number, (label, indexes) in enumerate(wanted):
        twin = f"twin{number}_{table}"
        made = [_twin_index(definition, twin, options) for definition, options in indexes]
        await _make_twin(connection, table, twin, made)
        configs.append(Config(label, twin, made))
    await connection.execute("CHECKPOINT")
    for turn in range(REPEATS + 1):
        for config in configs[turn % len(configs) :] + configs[: turn % len(configs)]:
            run = await _run(connection, config.twin, rows)
            if turn:
                config.runs.append(run)
    for config in configs:
        await connection.execute(f"DROP TABLE {config.twin}")
    results = {config.label: _result(config, configs[0]) for config in configs}
    result: dict[str, Any] = {
        "batch_rows": len(rows),
        "twin_rows": await connection.fetchval(
            f"SELECT count(*) FROM {table} WHERE ({BATCH_ROWS[table]}) IS NOT TRUE"
        ),
        "none": _result(configs[0], None),
        "indexes": {},
    }
    for row in definitions:
        result["indexes"][row["indexname"]] = {
            **results[row["indexname"]],
            "definition": row["indexdef"],
        }
    for label in ("gin_fastupdate_off", "all_gin_fastupdate_off", "all"):
        if label in results:
            result[label] = results[label]
    return result


async def _rows(connection: asyncpg.Connection, query: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in await connection.fetch(query)]


async def _gin_stream(
    connection: asyncpg.Connection,
    options: str,
    chunks: Sequence[Sequence[tuple[Any, ...]]],
    limit: int,
) -> dict[str, Any]:
    """Batches of real statements one after the other into a twin of `statements` with only the
    GIN index (with these options), until a batch flushes the pending list itself (its pending
    pages drop) or `limit` batches: the mean per batch over them, and the flushing batch's."""
    twin = "twin_gin_stream"
    definition: str = await connection.fetchval(
        "SELECT indexdef FROM pg_indexes WHERE tablename = 'statements' "
        "AND indexdef LIKE '% USING gin %'"
    )
    await _make_twin(connection, "statements", twin, [_twin_index(definition, twin, options)])
    await connection.execute("CHECKPOINT")
    index = f"{twin}_{definition.split()[2]}"
    fast = "fastupdate = off" not in options
    times: list[float] = []
    cpu: list[float] = []
    pages: list[int] = []
    flushed = False
    while len(times) < limit and not flushed:
        run, _ = await _copy(connection, twin, chunks[len(times) % len(chunks)])
        times.append(run.copy_ms)
        cpu.append(run.copy_cpu_ms)
        if fast:
            pages.append(await _pending_pages(connection, index))
            flushed = len(pages) > 1 and pages[-1] < pages[-2]
    await connection.execute(f"DROP TABLE {twin}")
    result: dict[str, Any] = {
        "options": options,
        "batches": len(times),
        "mean_ms": round(statistics.mean(times), 2),
        "median_ms": _median(times),
        "mean_cpu_ms": round(statistics.mean(cpu), 2),
    }
    if fast:
        before_flush = pages[:-1] if flushed else pages
        result["flushed"] = flushed
        result["flushing_batch_ms"] = round(times[-1], 2) if flushed else None
        result["flushing_batch_cpu_ms"] = round(cpu[-1], 2) if flushed else None
        result["pending_pages_before_flush"] = before_flush[-1]
        result["pending_kb_per_batch"] = round(before_flush[-1] * 8 / len(before_flush), 1)
    return result


async def _gin_streams(connection: asyncpg.Connection) -> dict[str, Any]:
    """The GIN index's cost over a whole flush cycle: pending lists of 4MB and 32MB, and
    fastupdate off over as many batches as the 4MB cycle. The batches are the last 1,000
    statements, then the others 1,000 at a time, newest first (round again if need be)."""
    batch = await _rows(connection, f"SELECT * FROM statements WHERE {BATCH_ROWS['statements']}")
    others = await _rows(connection, f"SELECT * FROM statements WHERE {_OTHERS} ORDER BY id DESC")
    chunks = [batch, *(others[at : at + BATCH_SIZE] for at in range(0, len(others), BATCH_SIZE))]
    fast = "fastupdate = on, gin_pending_list_limit"
    small = await _gin_stream(connection, f"{fast} = 4096", chunks, 2000)
    large = await _gin_stream(connection, f"{fast} = {BIG_PENDING_LIST_KB}", chunks, 2000)
    off = await _gin_stream(connection, "fastupdate = off", chunks, small["batches"])
    return {"pending_4mb": small, "pending_32mb": large, "fastupdate_off": off}


async def _costs(dsn: str, batch_ids: Sequence[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Each table's costs, then the GIN streams."""
    connection = await _connect(dsn)
    try:
        await connection.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        await connection.execute("CREATE TABLE bench_batch (id uuid PRIMARY KEY)")
        await connection.copy_records_to_table(
            "bench_batch", records=[(uuid.UUID(i),) for i in batch_ids]
        )
        tables = {}
        for table in TABLES:
            print(f"measuring {table}", file=sys.stderr, flush=True)
            tables[table] = await _table_costs(connection, table)
        print("measuring the GIN pending list over batches", file=sys.stderr, flush=True)
        streams = await _gin_streams(connection)
    finally:
        await connection.close()
    return tables, streams


# --- The run and its report -------------------------------------------------------------------


async def _load(database_url: str, statements: int) -> Loaded:
    port = free_port()
    with claimline_server(database_url, port):
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            return await load(client, Plan(statements=statements, seed=7, retracted_share=0))


async def _reads(database_url: str, dsn: str) -> dict[str, Any]:
    """The sweep of the read endpoints on a second server, its index scans and the EXPLAINs."""
    picks = await _picks(dsn)
    before = await _index_scans(dsn)
    port = free_port()
    with claimline_server(database_url, port):
        requests = await _sweep(port, picks)
    after = await _index_scans(dsn)
    return {
        "requests": requests,
        "scans": {name: after[name] - before.get(name, 0) for name in after},
        "explain": await _explain(dsn, picks),
    }


async def measure(statements: int) -> dict[str, Any]:
    """Everything above, on a new database dropped at the end."""
    name = await create_pg_database()
    dsn = pg_dsn(name)
    try:
        migrate(pg_url(name))
        options = await _index_options(dsn)
        loaded = await _load(pg_url(name), statements)
        ingest_scans = await _index_scans(dsn)
        reads = await _reads(pg_url(name), dsn)
        connection = await _connect(dsn)
        try:
            foreign_keys = await _foreign_keys(connection)
        finally:
            await connection.close()
        tables, streams = await _costs(dsn, loaded.statement_ids[-BATCH_SIZE:])
    finally:
        await drop_pg_database(name)
    batches = loaded.batch_seconds
    return {
        "statements": len(loaded.statement_ids),
        "batch_statements": BATCH_SIZE,
        "repeats": REPEATS,
        "batch_endpoint_ms": {
            "median": _median([s * 1000 for s in batches]),
            "last": round(batches[-1] * 1000, 1),
        },
        "options": options,
        "foreign_keys": foreign_keys,
        "tables": tables,
        "total": _total(tables),
        "gin_streams": streams,
        "ingest_scans": ingest_scans,
        "reads": reads,
        "not_read": sorted(
            index
            for index, scans in ingest_scans.items()
            if scans == 0 and reads["scans"].get(index, 0) == 0
        ),
    }


def _total(tables: Mapping[str, Any]) -> dict[str, float]:
    """A batch's COPY into every table: with no index, with all, and the increments."""
    total: dict[str, float] = {}
    for key in ("ms", "cpu_ms"):
        total[f"none_{key}"] = round(sum(t["none"][key] for t in tables.values()), 2)
        total[f"all_{key}"] = round(sum(t["all"][key] for t in tables.values()), 2)
        total[f"all_increment_{key}"] = round(
            sum(t["all"][f"increment_{key}"] for t in tables.values()), 2
        )
        total[f"single_increments_{key}"] = round(
            sum(i[f"increment_{key}"] for t in tables.values() for i in t["indexes"].values()), 2
        )
    return total


def _line(label: str, cost: Mapping[str, Any], *scans: int) -> str:
    figures = [f"{cost['ms']:8.2f}", f"{cost['cpu_ms']:8.2f}"]
    if "increment_ms" in cost:
        figures += [f"{cost['increment_ms']:+8.2f}", f"{cost['increment_cpu_ms']:+8.2f}"]
    return f"{label:<38} " + " ".join(figures + [f"{scan:>12,}" for scan in scans])


def _print(report: Mapping[str, Any]) -> None:
    """The per-index table, the totals, the GIN findings and what nothing read."""
    scans, reads = report["ingest_scans"], report["reads"]["scans"]
    print(
        f"{report['statements']:,} statements loaded; the batch endpoint took "
        f"{report['batch_endpoint_ms']['median']} ms per batch of {BATCH_SIZE:,} (median).\n"
        f"COPY of a batch's rows, ms elapsed and ms of the backend on a CPU, median of {REPEATS};"
        " + over no index"
    )
    head = (
        f"{'table / index':<38} {'ms':>8} {'cpu ms':>8} {'+ms':>8} {'+cpu ms':>8} "
        f"{'ingest scans':>12} {'read scans':>12}"
    )
    print(f"{head}\n{'-' * len(head)}")
    for table, costs in report["tables"].items():
        print(f"{table}: {costs['batch_rows']:,} rows into {costs['twin_rows']:,}")
        print(_line("  no index", costs["none"]))
        for index, cost in costs["indexes"].items():
            print(_line(f"  {index}", cost, scans.get(index, 0), reads.get(index, 0)))
            if "flush_ms" in cost:
                flush = {"ms": cost["flush_ms"], "cpu_ms": cost["flush_cpu_ms"]}
                print(_line("    then gin_clean_pending_list", flush))
        if "gin_fastupdate_off" in costs:
            print(_line("  the GIN index, fastupdate=off", costs["gin_fastupdate_off"]))
            print(_line("  all indexes, GIN fastupdate=off", costs["all_gin_fastupdate_off"]))
        print(_line("  all indexes", costs["all"]))
    total = report["total"]
    print(
        f"all six tables: no index {total['none_ms']} ms ({total['none_cpu_ms']} cpu), "
        f"all indexes {total['all_ms']} ms ({total['all_cpu_ms']} cpu): "
        f"+{total['all_increment_ms']} ms (+{total['all_increment_cpu_ms']} cpu); the single "
        f"increments add up to {total['single_increments_ms']} ms "
        f"({total['single_increments_cpu_ms']} cpu)"
    )
    for name, stream in report["gin_streams"].items():
        print(f"GIN stream, {name}: {json.dumps(stream)}")
    print("read neither by the ingest nor by the sweep:", ", ".join(report["not_read"]) or "none")
    for case in report["reads"]["explain"]:
        used = ", ".join(case["indexes"]) or "no index"
        print(f"EXPLAIN {case['query']}: {used} ({case['ms']} ms)")
    failed = [r for r in report["reads"]["requests"] if not 200 <= r["status"] < 300]
    if failed:
        print("requests of the sweep that failed:", json.dumps(failed))


def main() -> None:
    """Measure and write bench/results/indexes.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=20_000)
    arguments = parser.parse_args()
    report = asyncio.run(measure(arguments.statements))
    output = ROOT / "bench" / "results" / "indexes.json"
    output.write_text(json.dumps(report, indent=2, default=str) + "\n")
    _print(report)


if __name__ == "__main__":
    main()
