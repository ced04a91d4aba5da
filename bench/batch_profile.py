"""Where the time of a batch goes: realistic batches of 1000 through the whole app in-process
(httpx ASGITransport, no sockets), on both stores, with each step of a submission timed.

The steps are the functions a submission calls (`app.statements.service.submit` and what it
calls), wrapped with a clock for the run; the time of the requests outside `submit` (parsing and
validating the body, the answer, the transaction's commit) is what is left of each request.
Usage: .venv/bin/python -m bench.batch_profile [--statements 10000]
→ bench/results/batch_profile.json
"""

import argparse
import asyncio
import functools
import json
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from httpx import ASGITransport, AsyncClient

from app.changes import log as change_log
from app.claims import derived
from app.config import Settings
from app.kit.db import Database, get_database
from app.kit.migrations import upgrade
from app.main import create_app
from app.statements import references, service, tally
from bench.generate import Plan, load
from bench.servers import ROOT, create_pg_database, drop_pg_database, pg_url, remove_sqlite

# (module or class, function name, label): the steps of a submission, in the order it runs them.
STEPS: list[tuple[Any, str, str]] = [
    (references.References, "prefetch", "look up what the batch names"),
    (references.References, "store_new", "insert new events, sources, claims"),
    (derived, "locked_bounds", "replay: lock the claims"),
    (derived, "tails_from", "replay: read the claims' tails"),
    (derived, "stored_positions", "replay: read the replayed parties' positions"),
    (derived, "sides_held", "replay: count the other parties' sides"),
    (derived, "chains_before", "replay: read the chains before the tails"),
    (derived, "store_positions", "replay: write the moved positions"),
    (derived, "store_bounds", "replay: write the claims' bounds"),
    (tally, "count_recorded", "count the parties and relays"),
    (tally, "mark_recorded", "write the running counts"),
    (change_log, "record", "number the changes and notify"),
]
_SYNC_STEPS: list[tuple[Any, str, str]] = [(derived, "replay", "replay: the rules (pure)")]


def _timed(spent: dict[str, float], label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    if asyncio.iscoroutinefunction(function):

        @functools.wraps(function)
        async def waited(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - started

        return waited

    @functools.wraps(function)
    def ran(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - started

    return ran


def _instrument(spent: dict[str, float]) -> Callable[[], None]:
    """Wrap the steps (and each table's bulk insert); return what undoes it."""
    saved: list[tuple[Any, str, Any]] = []
    for owner, name, label in [*STEPS, *_SYNC_STEPS, (service, "submit", "submit")]:
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, _timed(spent, label, getattr(owner, name)))
    # `derived` calls the writers of `stored` by the names it imported.
    insert_name = "bulk_insert"  # `submit` inserts its statements, relays and stances with it
    original_insert = getattr(service, insert_name)

    async def bulk_insert(session: Any, table: Any, rows: Any) -> None:
        started = time.perf_counter()
        try:
            await original_insert(session, table, rows)
        finally:
            spent[f"insert the {table.name}"] += time.perf_counter() - started

    saved.append((service, insert_name, original_insert))
    setattr(service, insert_name, bulk_insert)

    def undo() -> None:
        for owner, name, function in reversed(saved):
            setattr(owner, name, function)

    return undo


async def measure(url: str, statements: int) -> dict[str, Any]:
    settings = Settings(database_url=url, auth="off", rate_limit_per_minute=0)  # type: ignore[arg-type]
    database = Database.from_settings(settings)
    await upgrade(database.write_engine)
    app = create_app(settings)
    app.dependency_overrides[get_database] = lambda: database
    spent: dict[str, float] = defaultdict(float)
    undo = _instrument(spent)
    try:
        async with AsyncClient(
            transport=ASGITransport(app=app), base_url="http://bench", timeout=600
        ) as client:
            loaded = await load(
                client, Plan(statements=statements, seed=7, retracted_share=0), progress=False
            )
    finally:
        undo()
        await database.dispose()
    batches = len(loaded.batch_seconds)
    per_batch = {label: round(seconds / batches * 1000, 1) for label, seconds in spent.items()}
    per_batch["whole request"] = round(sum(loaded.batch_seconds) / batches * 1000, 1)
    # `submit` also runs for the generator's few single statements: negligible beside batches.
    steps = sum(
        value for label, value in per_batch.items() if label not in ("submit", "whole request")
    )
    per_batch["the rest of submit (resolving each statement, in Python)"] = round(
        per_batch["submit"] - steps, 1
    )
    per_batch["outside submit (body, answer, commit)"] = round(
        per_batch["whole request"] - per_batch["submit"], 1
    )
    return {
        "batches": batches,
        "statements_per_s": round(loaded.statements_per_s),
        "ms_per_batch": dict(sorted(per_batch.items(), key=lambda item: -item[1])),
    }


async def measure_postgresql(statements: int) -> dict[str, Any]:
    name = await create_pg_database()
    try:
        return await measure(pg_url(name), statements)
    finally:
        await drop_pg_database(name)


def main() -> None:
    """Profile both stores and write bench/results/batch_profile.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=10_000)
    arguments = parser.parse_args()
    report = {"postgresql": asyncio.run(measure_postgresql(arguments.statements))}
    path = ROOT / "var" / f"bench-profile-{uuid.uuid4().hex[:8]}.sqlite3"
    try:
        report["sqlite"] = asyncio.run(measure(f"sqlite+aiosqlite:///{path}", arguments.statements))
    finally:
        remove_sqlite(path)
    output = ROOT / "bench" / "results" / "batch_profile.json"
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2), file=sys.stderr)


if __name__ == "__main__":
    main()
