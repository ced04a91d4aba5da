"""Load without loss: two Claimline instances on PostgreSQL, 100 clients for 60 s.

Clients mix submissions (single statements and small batches naming shared new sources and
claims by name, so the instances race to create them), retractions and reads (lists, statements,
timelines). Afterwards: no answer may be a 5xx, no source or claim may exist twice, and every
statement answered 201 (and every retraction answered 200) must be in the database.

Usage: .venv/bin/python -m bench.soak [--clients 100 --seconds 60] → bench/results/soak.json
"""

import argparse
import asyncio
import json
import random
import sys
import time
from collections import Counter
from typing import Any

import asyncpg
import httpx

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

EVENTS = [f"soak-event-{n}" for n in range(5)]


def _statement(rng: random.Random, n: int) -> dict[str, Any]:
    event = rng.choice(EVENTS)
    return {
        "event": {"slug": event, "title": event.replace("-", " ").title()},
        "speaker": {"name": f"Soak speaker {rng.randrange(60)}"},
        "text": f"Soak statement {n} ({rng.randrange(10**9)}).",
        "said_at": f"2015-09-{1 + rng.randrange(28):02d}T{rng.randrange(24):02d}:"
        f"{rng.randrange(60):02d}:00Z",
        "via": [{"source": {"name": f"Soak outlet {rng.randrange(15)}", "kind": "outlet"}}]
        if rng.random() < 0.33
        else [],
        "claims": [
            {
                "claim": {"text": f"Soak claim {c} of {event}"},
                "stance": rng.choice(["supports", "refutes", "questions"]),
            }
            for c in rng.sample(range(30), 2)
        ],
    }


async def _client(number: int, bases: list[str], until: float, tally: dict[str, Any]) -> None:
    rng = random.Random(number)
    async with httpx.AsyncClient(timeout=60) as client:
        sent = 0
        while time.monotonic() < until:
            base = bases[(number + sent) % len(bases)]
            sent += 1
            roll = rng.random()
            try:
                if roll < 0.35:
                    response = await client.post(
                        f"{base}/v1/statements", json=_statement(rng, sent)
                    )
                    if response.status_code == 201:
                        tally["recorded"].append(response.json()["id"])
                elif roll < 0.45:
                    items = [_statement(rng, sent * 100 + k) for k in range(rng.randint(2, 20))]
                    response = await client.post(
                        f"{base}/v1/statements/batch", json={"statements": items}
                    )
                    if response.status_code == 201:
                        tally["recorded"].extend(s["id"] for s in response.json()["statements"])
                elif roll < 0.5 and tally["recorded"]:
                    victim = rng.choice(tally["recorded"])
                    response = await client.request(
                        "DELETE", f"{base}/v1/statements/{victim}", json={"reason": "Soak."}
                    )
                    if response.status_code == 200:
                        tally["retracted"].add(victim)
                elif roll < 0.7:
                    response = await client.get(f"{base}/v1/events/{rng.choice(EVENTS)}/timeline")
                elif roll < 0.85 and tally["recorded"]:
                    response = await client.get(
                        f"{base}/v1/statements/{rng.choice(tally['recorded'])}"
                    )
                else:
                    response = await client.get(f"{base}/v1/statements")
                tally["statuses"][response.status_code] += 1
            except httpx.TransportError as error:
                tally["statuses"][type(error).__name__] += 1


async def measure(clients: int, seconds: float) -> dict[str, Any]:
    """The whole run on a new database, dropped afterwards."""
    name = await create_pg_database()
    try:
        migrate(pg_url(name))
        ports = [free_port(), free_port()]
        # Three pools of 15 per instance: 90 connections in all, within PostgreSQL's 100.
        with (
            claimline_server(pg_url(name), ports[0], pool_size=15),
            claimline_server(pg_url(name), ports[1], pool_size=15),
        ):
            bases = [f"http://127.0.0.1:{port}" for port in ports]
            tally: dict[str, Any] = {"recorded": [], "retracted": set(), "statuses": Counter()}
            until = time.monotonic() + seconds
            print(f"{clients} clients on 2 instances for {seconds:.0f} s…", file=sys.stderr)
            await asyncio.gather(*(_client(n, bases, until, tally) for n in range(clients)))
        connection = await asyncpg.connect(pg_dsn(name))
        try:
            stored = {str(row[0]) for row in await connection.fetch("SELECT id FROM statements")}
            retracted = {
                str(row[0])
                for row in await connection.fetch(
                    "SELECT id FROM statements WHERE retracted_at IS NOT NULL"
                )
            }
            duplicate_sources = await connection.fetchval(
                "SELECT count(*) FROM (SELECT name FROM sources GROUP BY name "
                "HAVING count(*) > 1) AS twice"
            )
            duplicate_claims = await connection.fetchval(
                "SELECT count(*) FROM (SELECT event_id, text_hash FROM claims "
                "GROUP BY event_id, text_hash HAVING count(*) > 1) AS twice"
            )
        finally:
            await connection.close()
        statuses = {str(key): value for key, value in sorted(tally["statuses"].items(), key=str)}
        report = {
            "clients": clients,
            "seconds": seconds,
            "requests": sum(tally["statuses"].values()),
            "statuses": statuses,
            "server_errors": sum(
                v for k, v in tally["statuses"].items() if isinstance(k, int) and k >= 500
            ),
            "statements_answered_201": len(tally["recorded"]),
            "statements_missing": len(set(tally["recorded"]) - stored),
            "retractions_answered_200": len(tally["retracted"]),
            "retractions_missing": len(tally["retracted"] - retracted),
            "duplicate_sources": duplicate_sources,
            "duplicate_claims": duplicate_claims,
        }
        return report
    finally:
        await drop_pg_database(name)


def main() -> None:
    """Run, write bench/results/soak.json, and fail if anything was lost or a 5xx was seen."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    arguments = parser.parse_args()
    report = asyncio.run(measure(arguments.clients, arguments.seconds))
    (ROOT / "bench" / "results" / "soak.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    lost = (
        report["server_errors"]
        + report["statements_missing"]
        + report["retractions_missing"]
        + report["duplicate_sources"]
        + report["duplicate_claims"]
    )
    if lost:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
