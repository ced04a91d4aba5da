"""The ceiling: Claimline's hot read endpoints written with raw Starlette + asyncpg + orjson.

It serves the same JSON as Claimline for the statement list (`?event=`), one statement, a
timeline page and the comparison, straight from Claimline's tables, with the same queries and
no framework, ORM or validation in between: the fastest this machine serves those views from
Python. The comparison folds its rows with Claimline's own pure rules (`app.comparisons.rules`),
so the two differ only in how they reach the database and build the answer. PostgreSQL only.

Usage: .venv/bin/python -m bench.ceiling --dsn postgresql://postgres@127.0.0.1/db --port 8001
"""

import argparse
import base64
import hashlib
import itertools
import re
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.claims.rules import status_from_sides
from app.comparisons.rules import Position, agreement
from app.models import StanceKind

JSON = orjson.OPT_UTC_Z
UUID_PATTERN = re.compile(r"^[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}$")

STATEMENT_COLUMNS = """
    s.id::text, s.event_id::text, s.text, s.said_at, s.said_at_precision, s.medium, s.url,
    s.language, s.recorded_at, s.retracted_at, s.retraction_reason,
    sp.id::text, sp.slug, sp.name, sp.kind, ob.id::text, ob.slug, ob.name, ob.kind"""
STATEMENT_FROM = """
    FROM statements s JOIN sources sp ON sp.id = s.speaker_id
    LEFT JOIN sources ob ON ob.id = s.on_behalf_of_id"""
RELAYS = """
    SELECT r.statement_id::text, so.id::text, so.slug, so.name, so.kind, r.url, r.published_at
    FROM relays r JOIN sources so ON so.id = r.source_id
    WHERE r.statement_id = ANY($1::uuid[]) ORDER BY r.position"""
STANCES = """
    SELECT st.statement_id::text, st.claim_id::text, c.text, st.stance, st.quote,
           st.first_mention, st.reversal, st.status_after
    FROM stances st JOIN claims c ON c.id = st.claim_id
    WHERE st.statement_id = ANY($1::uuid[]) ORDER BY st.position"""
EVENT = """
    SELECT id::text, slug, title, description, occurred_at, tags, created_at, updated_at
    FROM events WHERE {column} = $1"""


def _problem(status: int, title: str, detail: str) -> Response:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return Response(orjson.dumps(body), status, media_type="application/problem+json")


def _tagged(document: Any) -> Response:
    """A view with its ETag, as Claimline tags its views (a hash of the sorted JSON)."""
    tag = hashlib.sha256(orjson.dumps(document, option=JSON | orjson.OPT_SORT_KEYS)).hexdigest()[
        :32
    ]
    return _json(document, {"ETag": f'"{tag}"'})


def _json(document: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(
        orjson.dumps(document, option=JSON), media_type="application/json", headers=headers
    )


def _cursor(kind: str, position: list[str]) -> str:
    raw = orjson.dumps({"k": kind, "p": position})
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _limit(request: Request) -> int:
    return min(200, max(1, int(request.query_params.get("limit", "50"))))


def _source(row: Any, at: int) -> dict[str, Any] | None:
    if row[at] is None:
        return None
    return {"id": row[at], "slug": row[at + 1], "name": row[at + 2], "kind": row[at + 3]}


async def _event(connection: asyncpg.Connection, ref: str) -> Any:
    column = "id" if UUID_PATTERN.match(ref) else "slug"
    return await connection.fetchrow(
        EVENT.format(column=column), uuid.UUID(ref) if column == "id" else ref
    )


def _event_document(row: Any) -> dict[str, Any]:
    return {
        "id": row[0],
        "slug": row[1],
        "title": row[2],
        "description": row[3],
        "occurred_at": row[4],
        "tags": orjson.loads(row[5]),
        "created_at": row[6],
        "updated_at": row[7],
    }


async def _statements(connection: asyncpg.Connection, rows: list[Any]) -> list[dict[str, Any]]:
    """Full statement documents for page rows, with their relays and stances (two queries)."""
    ids = [row[0] for row in rows]
    relays: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for relay in await connection.fetch(RELAYS, ids):
        relays[relay[0]].append(
            {"source": _source(relay, 1), "url": relay[5], "published_at": relay[6]}
        )
    stances: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for stance in await connection.fetch(STANCES, ids):
        stances[stance[0]].append(tuple(stance))
    documents = []
    for row in rows:
        speaker, on_behalf_of = _source(row, 11), _source(row, 15)
        documents.append(
            {
                "id": row[0],
                "event_id": row[1],
                "speaker": speaker,
                "on_behalf_of": on_behalf_of,
                "text": row[2],
                "said_at": row[3],
                "said_at_precision": row[4],
                "medium": row[5],
                "url": row[6],
                "language": row[7],
                "via": relays[row[0]],
                "stances": stances[row[0]],
                "recorded_at": row[8],
                "retracted_at": row[9],
                "retraction_reason": row[10],
            }
        )
    return documents


def _plain_stances(document: dict[str, Any]) -> dict[str, Any]:
    document["stances"] = [
        {"claim_id": s[1], "claim_text": s[2], "stance": s[3], "quote": s[4]}
        for s in document["stances"]
    ]
    return document


async def list_statements(request: Request) -> Response:
    """GET /v1/statements?event=: a page in recording order."""
    limit = _limit(request)
    pool: asyncpg.Pool = request.app.state.pool
    async with pool.acquire() as connection:
        event = await _event(connection, request.query_params["event"])
        if event is None:
            return _problem(422, "Unprocessable Content", "There is no such event.")
        rows = await connection.fetch(
            f"SELECT {STATEMENT_COLUMNS} {STATEMENT_FROM} "
            "WHERE s.event_id = $1 AND s.retracted_at IS NULL ORDER BY s.id LIMIT $2",
            uuid.UUID(event[0]),
            limit + 1,
        )
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            next_cursor = _cursor("statements", [rows[-1][0].replace("-", "")])
        documents = await _statements(connection, rows)
    return _json({"items": [_plain_stances(d) for d in documents], "next_cursor": next_cursor})


async def read_statement(request: Request) -> Response:
    """GET /v1/statements/{id}, with its ETag."""
    ref = request.path_params["statement"]
    if not UUID_PATTERN.match(ref):
        return _problem(404, "Not Found", "There is no such statement.")
    pool: asyncpg.Pool = request.app.state.pool
    async with pool.acquire() as connection:
        rows = await connection.fetch(
            f"SELECT {STATEMENT_COLUMNS} {STATEMENT_FROM} WHERE s.id = $1", uuid.UUID(ref)
        )
        if not rows:
            return _problem(404, "Not Found", "There is no such statement.")
        [document] = await _statements(connection, rows)
    body = orjson.dumps(_plain_stances(document), option=JSON)
    etag = (
        '"'
        + hashlib.sha256(orjson.dumps(orjson.loads(body), option=orjson.OPT_SORT_KEYS)).hexdigest()[
            :32
        ]
        + '"'
    )
    return Response(body, media_type="application/json", headers={"ETag": etag})


async def read_timeline(request: Request) -> Response:
    """GET /v1/events/{event}/timeline: the first page in timeline order."""
    limit = _limit(request)
    pool: asyncpg.Pool = request.app.state.pool
    async with pool.acquire() as connection:
        event = await _event(connection, request.path_params["event"])
        if event is None:
            return _problem(404, "Not Found", "There is no such event.")
        rows = await connection.fetch(
            f"SELECT {STATEMENT_COLUMNS} {STATEMENT_FROM} "
            "WHERE s.event_id = $1 AND s.retracted_at IS NULL ORDER BY s.said_at, s.id LIMIT $2",
            uuid.UUID(event[0]),
            limit + 1,
        )
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            last = rows[-1]
            position = [last[3].isoformat(), last[0].replace("-", "")]
            next_cursor = _cursor("timeline-asc", position)
        documents = await _statements(connection, rows)
    items = []
    for document in documents:
        stances = document["stances"]
        items.append(
            {
                "statement": _plain_stances(dict(document)),
                "party": document["on_behalf_of"] or document["speaker"],
                "stances": [
                    {
                        "claim_id": s[1],
                        "claim_text": s[2],
                        "stance": s[3],
                        "first_mention": s[5],
                        "reversal": s[6],
                        "status_after": s[7],
                    }
                    for s in stances
                ],
            }
        )
    return _tagged({"event": _event_document(event), "items": items, "next_cursor": next_cursor})


async def read_comparison(request: Request) -> Response:
    """GET /v1/events/{event}/comparison, folded with Claimline's rules."""
    pool: asyncpg.Pool = request.app.state.pool
    async with pool.acquire() as connection:
        event = await _event(connection, request.path_params["event"])
        if event is None:
            return _problem(404, "Not Found", "There is no such event.")
        event_id = uuid.UUID(event[0])
        kept = "s.event_id = $1 AND s.retracted_at IS NULL"
        statements = await connection.fetch(
            f"SELECT s.party_id::text FROM statements s WHERE {kept}", event_id
        )
        stances = await connection.fetch(
            "SELECT st.claim_id::text, s.party_id::text, st.stance, st.statement_id::text, "
            f"s.said_at FROM stances st JOIN statements s ON s.id = st.statement_id WHERE {kept} "
            "ORDER BY s.said_at, s.id, st.position",
            event_id,
        )
        relays = await connection.fetch(
            "SELECT r.source_id::text, s.id::text, s.party_id::text FROM relays r "
            f"JOIN statements s ON s.id = r.statement_id WHERE {kept}",
            event_id,
        )
        claims = await connection.fetch(
            "SELECT id::text, text FROM claims WHERE event_id = $1 ORDER BY id", event_id
        )
        statement_counts: dict[str, int] = defaultdict(int)
        for (party_id,) in statements:
            statement_counts[party_id] += 1
        positions: dict[str, dict[str, Position]] = {}
        for claim_id, party_id, stance, statement_id, said_at in stances:
            on_claim = positions.setdefault(claim_id, {})
            kind = StanceKind(stance)
            if party_id in on_claim:
                on_claim[party_id].update(kind, statement_id, said_at)
            else:
                on_claim[party_id] = Position.first(kind, statement_id, said_at)
        relayed: dict[str, set[str]] = defaultdict(set)
        relayed_parties: dict[str, set[str]] = defaultdict(set)
        for source_id, statement_id, party_id in relays:
            if source_id not in statement_counts:
                relayed[source_id].add(statement_id)
                relayed_parties[source_id].add(party_id)
        sources = {
            row[0]: {"id": row[0], "slug": row[1], "name": row[2], "kind": row[3]}
            for row in await connection.fetch(
                "SELECT id::text, slug, name, kind FROM sources WHERE id = ANY($1::uuid[])",
                list(set(statement_counts) | set(relayed)),
            )
        }

    def by_name(key: str) -> tuple[str, str]:
        return sources[key]["name"].casefold(), key.replace("-", "")

    sides: dict[str, dict[str, StanceKind]] = defaultdict(dict)
    for claim_id, on_claim in positions.items():
        for party_id, position in on_claim.items():
            if position.side is not None:
                sides[party_id][claim_id] = position.side
    texts = dict(claims)
    compared, contradictions = [], []
    for claim_id, on_claim in positions.items():
        status = status_from_sides(p.side for p in on_claim.values() if p.side is not None)
        ordered = sorted(on_claim, key=by_name)
        compared.append(
            {
                "claim_id": claim_id,
                "text": texts[claim_id],
                "status": status,
                "positions": [
                    {
                        "source_id": party_id,
                        "stance": on_claim[party_id].stance,
                        "since": on_claim[party_id].since,
                        "statement_id": on_claim[party_id].statement_id,
                        "changed": on_claim[party_id].changed,
                    }
                    for party_id in ordered
                ],
            }
        )
        if status == "contested":
            contradictions.append(
                {
                    "claim_id": claim_id,
                    **{
                        name: [
                            {
                                "source_id": party_id,
                                "statement_id": on_claim[party_id].side_statement_id,
                                "said_at": on_claim[party_id].side_since,
                            }
                            for party_id in ordered
                            if on_claim[party_id].side == side
                        ]
                        for name, side in (
                            ("supporting", StanceKind.supports),
                            ("refuting", StanceKind.refutes),
                        )
                    },
                }
            )
    compared.extend(
        {"claim_id": claim_id, "text": text, "status": "open", "positions": []}
        for claim_id, text in claims
        if claim_id not in positions
    )
    pairs = []
    for a, b in itertools.combinations(sorted(sides, key=by_name), 2):
        shared, agree, disagree = agreement(sides[a], sides[b])
        if shared:
            pairs.append({"a": a, "b": b, "shared": shared, "agree": agree, "disagree": disagree})
    return _tagged(
        {
            "event": _event_document(event),
            "parties": [
                {
                    "source": sources[party_id],
                    "statements": statement_counts[party_id],
                    "claims_addressed": sum(1 for c in positions.values() if party_id in c),
                }
                for party_id in sorted(statement_counts, key=by_name)
            ],
            "relays": [
                {
                    "source": sources[source_id],
                    "relayed_statements": len(relayed[source_id]),
                    "relayed_parties": [
                        sources[p] for p in sorted(relayed_parties[source_id], key=by_name)
                    ],
                }
                for source_id in sorted(relayed, key=by_name)
            ],
            "claims": compared,
            "agreement": pairs,
            "contradictions": contradictions,
        }
    )


async def _keep(_connection: asyncpg.Connection) -> None:
    """No reset on release: these handlers leave no session state behind."""


def create_app(dsn: str, pool_size: int = 32) -> Starlette:
    """The ceiling app on the database at `dsn`."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.pool = await asyncpg.create_pool(
            dsn, min_size=pool_size, max_size=pool_size, reset=_keep
        )
        yield
        await app.state.pool.close()

    return Starlette(
        routes=[
            Route("/v1/statements", list_statements),
            Route("/v1/statements/{statement}", read_statement),
            Route("/v1/events/{event}/timeline", read_timeline),
            Route("/v1/events/{event}/comparison", read_comparison),
        ],
        lifespan=lifespan,
    )


def main() -> None:
    """Serve the ceiling app with one worker."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--port", type=int, default=8001)
    arguments = parser.parse_args()
    uvicorn.run(
        create_app(arguments.dsn), host="127.0.0.1", port=arguments.port, log_level="warning"
    )


if __name__ == "__main__":
    main()
