"""`claimline export` and `claimline import`, run as a user runs them, on each store: an event
exported and imported into an empty database gives the same timeline and comparison; importing
again skips what is in; refused lines are reported by number and the others imported."""

import json
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text

from app.config import Settings
from app.kit.db import Database
from app.kit.migrations import upgrade
from app.main import create_app
from app.statements import jsonl
from app.statements.schemas import StatementCreate
from bench.generate import Plan, archive
from tests.conftest import create_database_url, drop_database_url, run_claimline
from tests.seed import ELTON_JOHN_POST, PESKOV_DENIAL
from tests.views.helpers import CALL, EVENT, MEETING, statement, submit

STORY = [
    statement("Elton John", "2015-09-14T15:11:00Z", (CALL, "supports")),
    statement(
        "Dmitry Peskov",
        "2015-09-15T06:00:00Z",
        (CALL, "refutes"),
        (MEETING, "questions"),
        on_behalf_of="Kremlin",
        via=["TASS", "The Moscow Times"],
    ),
    statement("Elton John", "2015-09-15T06:00:00Z", (MEETING, "supports"), via=["BBC"]),
    statement("Kremlin", "2015-09-16T10:00:00Z", (MEETING, "supports"), (CALL, "neutral")),
    statement("Vladimir Putin", "2015-09-17T08:00:00Z", (CALL, "supports"), via=["TASS"]),
]


@pytest.fixture
async def second_database(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    url = await create_database_url(backend, tmp_path / "second")
    database = Database.from_settings(Settings(database_url=url))  # type: ignore[arg-type]
    await upgrade(database.write_engine)
    await database.dispose()
    yield url
    await drop_database_url(url)


async def _client(url: str) -> AsyncClient:
    settings = Settings(database_url=url, auth="off", rate_limit_per_minute=0)  # type: ignore[arg-type]
    app = create_app(settings)
    app.state.database = Database.from_settings(settings)
    return AsyncClient(transport=ASGITransport(app=app), base_url="http://test")


async def _views(url: str, event: str) -> dict[str, Any]:
    """The event's whole timeline and its comparison with every id replaced by what it
    names."""
    async with await _client(url) as client:
        items: list[dict[str, Any]] = []
        params: dict[str, Any] = {"limit": 200}
        while True:
            page = (await client.get(f"/v1/events/{event}/timeline", params=params)).json()
            items += page["items"]
            if not page["next_cursor"]:
                break
            params["cursor"] = page["next_cursor"]
        timeline = {"items": items}
        comparison = (await client.get(f"/v1/events/{event}/comparison")).json()
        await client._transport.app.state.database.dispose()  # type: ignore[attr-defined]
    names: dict[str, str] = {}
    for party in comparison["parties"] + comparison["relays"]:
        names[party["source"]["id"]] = party["source"]["name"]
    for claim in comparison["claims"]:
        names[claim["claim_id"]] = claim["text"]
    for item in timeline["items"]:
        names[item["statement"]["id"]] = item["statement"]["text"] + item["statement"]["said_at"]

    def scrub(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                key: scrub(inner)
                for key, inner in value.items()
                if key not in ("id", "recorded_at", "created_at", "updated_at", "event_id")
            }
        if isinstance(value, list):
            return [scrub(inner) for inner in value]
        return names.get(value, value) if isinstance(value, str) else value

    return {"timeline": scrub(timeline["items"]), "comparison": scrub(comparison)}


async def test_an_exported_event_imports_to_the_same_views(
    own_database: str, second_database: str, tmp_path: Path
) -> None:
    async with await _client(own_database) as client:
        recorded = await submit(client, *STORY, statement("Nobody", "2015-09-18T00:00:00Z"))
        retracted = await client.request(
            "DELETE", f"/v1/statements/{recorded[-1]['id']}", json={"reason": "Not said."}
        )
        assert retracted.status_code == 200
        await client._transport.app.state.database.dispose()  # type: ignore[attr-defined]
    exported = tmp_path / "story.jsonl"
    result = run_claimline(
        own_database, "export", "--event", EVENT["slug"], "--output", str(exported)
    )
    assert result.returncode == 0, result.stderr
    lines = exported.read_text().splitlines()
    assert len(lines) == len(STORY)  # the retracted statement is not exported
    # Each source and the event are named in full once, then by slug.
    assert json.loads(lines[0])["event"]["slug"] == EVENT["slug"]
    assert json.loads(lines[1])["event"] == EVENT["slug"]
    assert json.loads(lines[2])["speaker"] == json.loads(lines[0])["speaker"]["slug"]

    imported = run_claimline(second_database, "import", str(exported))
    assert imported.returncode == 0, imported.stderr
    assert f"{len(STORY)} statements imported" in imported.stderr
    original = await _views(own_database, EVENT["slug"])
    assert len(original["timeline"]) == len(STORY)
    assert original["comparison"]["contradictions"]
    assert [relay["source"]["name"] for relay in original["comparison"]["relays"]] == [
        "BBC",
        "TASS",
        "The Moscow Times",
    ]
    assert await _views(second_database, EVENT["slug"]) == original


async def test_importing_again_skips_what_is_in(own_database: str, tmp_path: Path) -> None:
    bodies = [ELTON_JOHN_POST, PESKOV_DENIAL, *STORY]
    whole = tmp_path / "whole.jsonl"
    whole.write_text("".join(json.dumps(body) + "\n" for body in bodies))
    # A first run that stopped part of the way: only the first three lines got in.
    first_part = tmp_path / "part.jsonl"
    first_part.write_text("".join(whole.read_text().splitlines(keepends=True)[:3]))
    assert run_claimline(own_database, "import", str(first_part)).returncode == 0
    resumed = run_claimline(own_database, "import", "--batch-size", "2", str(whole))
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(bodies) - 3} statements imported, 3 lines already in, 0 lines refused" in (
        resumed.stderr
    )
    again = run_claimline(own_database, "import", str(whole))
    assert f"0 statements imported, {len(bodies)} lines already in" in again.stderr
    # A bulk load leaves the planner statistics (this machine's PostgreSQL runs no autovacuum).
    database = Database.from_settings(Settings(database_url=own_database))  # type: ignore[arg-type]
    try:
        async with database.write_engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                analyzed = await connection.scalar(
                    text(
                        "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables "
                        "WHERE relname = 'statements'"
                    )
                )
            else:
                analyzed = await connection.scalar(
                    text("SELECT count(*) > 0 FROM sqlite_stat1 WHERE tbl = 'statements'")
                )
        assert analyzed
    finally:
        await database.dispose()
    async with await _client(own_database) as client:
        listed = (await client.get("/v1/statements", params={"limit": 200})).json()["items"]
        await client._transport.app.state.database.dispose()  # type: ignore[attr-defined]
    assert len(listed) == len(bodies)


async def test_refused_lines_are_reported_and_the_others_imported(
    own_database: str, tmp_path: Path
) -> None:
    unknown_event = {**STORY[0], "event": "no-such-event"}
    lines = [
        json.dumps(STORY[0]),  # 1
        "",  # 2: blank lines are fine
        "{not json",  # 3
        json.dumps({**STORY[1], "said_at": "2015-09-15T06:00:00"}),  # 4: naive time
        json.dumps(unknown_event),  # 5: refused by the rules, in the middle of a batch
        json.dumps(STORY[2]),  # 6
    ]
    source = tmp_path / "mixed.jsonl"
    source.write_bytes(("\n".join(lines) + "\n").encode() + b"\xff\xfe\n")  # 7: not UTF-8
    result = run_claimline(own_database, "import", str(source))
    assert result.returncode == 1
    reported = [line for line in result.stderr.splitlines() if line.startswith(str(source))]
    assert [line.split(":")[1] for line in reported] == ["3", "4", "5", "7"]
    assert "said_at" in reported[1]
    assert "no-such-event" in reported[2]
    assert "2 statements imported, 0 lines already in, 4 lines refused" in result.stderr


async def test_a_file_that_cannot_be_read_is_one_line_and_exit_1(
    own_database: str, tmp_path: Path
) -> None:
    result = run_claimline(own_database, "import", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 1
    assert result.stderr.strip().endswith("No such file or directory")
    assert "Traceback" not in result.stderr


async def test_an_export_that_cannot_be_written_is_one_line_and_exit_1(
    own_database: str, tmp_path: Path
) -> None:
    async with await _client(own_database) as client:
        await submit(client, STORY[0])
        await client._transport.app.state.database.dispose()  # type: ignore[attr-defined]
    target = str(tmp_path / "no" / "such" / "dir.jsonl")
    result = run_claimline(own_database, "export", "--event", EVENT["slug"], "--output", target)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("No such file or directory")
    assert "Traceback" not in result.stderr


async def test_an_archive_imports_to_the_views_the_api_gives(
    own_database: str, second_database: str, tmp_path: Path
) -> None:
    """The bulk path (the import's large transactions) and the API's batches of the same
    realistic statements (events interleaved, 5 % said before earlier ones, sources new and
    known, relays) give the same views, event by event."""
    plan = Plan(statements=1200, seed=3)
    lines = list(archive(plan))
    path = tmp_path / "archive.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    imported = run_claimline(second_database, "import", "--batch-size", "700", str(path))
    assert imported.returncode == 0, imported.stderr
    assert f"{len(lines)} statements imported" in imported.stderr
    async with await _client(own_database) as client:
        for offset in range(0, len(lines), 1000):
            response = await client.post(
                "/v1/statements/batch", json={"statements": lines[offset : offset + 1000]}
            )
            assert response.status_code == 201, response.text
        await client._transport.app.state.database.dispose()  # type: ignore[attr-defined]
    events = Counter(
        line["event"] if isinstance(line["event"], str) else line["event"]["slug"] for line in lines
    )
    # The three big events (out of order within the import's transactions) and small ones.
    picked = [slug for slug, _ in events.most_common(3)] + sorted(events)[:3]
    for slug in picked:
        through_api = await _views(own_database, slug)
        assert through_api["timeline"]
        assert await _views(second_database, slug) == through_api, slug


def _json_types(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        if isinstance(schema.get("type"), str):
            yield schema["type"]
        for value in schema.values():
            yield from _json_types(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _json_types(value)


def test_fast_line_keys_are_the_canonical_ones() -> None:
    """An import remembers lines by `line_key`; valid submissions take a faster way to the same
    key, which holds only while no field of a submission is a number or a boolean."""
    assert not set(_json_types(StatementCreate.model_json_schema())) & {
        "integer",
        "number",
        "boolean",
    }
    for start in range(0, 0x110000, 8192):
        text = "".join(
            chr(code)
            for code in range(start, min(start + 8192, 0x110000))
            if not 0xD800 <= code < 0xE000
        )
        document = {**ELTON_JOHN_POST, "text": text, "language": text[:5]}
        assert jsonl._valid_line_key(document) == jsonl.line_key(document)
    for item in archive(Plan(statements=300, seed=3)):
        assert jsonl._valid_line_key(item) == jsonl.line_key(item)
    lone = {**ELTON_JOHN_POST, "text": "half of a pair: \ud800"}
    assert isinstance(jsonl.parse(1, json.dumps(lone)), jsonl.BadLine)


async def test_answers_bases_and_wording_survive_a_round_trip(
    own_database: str, second_database: str, tmp_path: Path
) -> None:
    async with await _client(own_database) as client:
        [post, rumour] = await submit(
            client,
            {**STORY[0], "archive_url": "https://web.archive.org/web/2015/https://example.com/"},
            statement("A blogger", "2015-09-14T20:00:00Z", (CALL, "supports")),
        )
        denial_body = {
            **STORY[1],
            "responds_to": post["id"],
            "via": [
                {"source": {"name": "TASS"}, "quote": "Putin did not call Sir Elton John."},
                {
                    "source": {"name": "The Moscow Times"},
                    "quote": "Putin did not call him, TASS said.",
                    "published_at": "2015-09-15T09:00:00Z",
                    "archive_url": "https://web.archive.org/web/2015/https://tmt.example/",
                },
            ],
        }
        [denial] = await submit(client, denial_body)
        # Said before the denial (a day's precision), recorded after it, answering it and
        # based on the post and on the rumour, which is then retracted.
        [counter] = await submit(
            client,
            {
                **statement("Elton John", "2015-09-15T00:00:00Z", (CALL, "supports")),
                "said_at_precision": "day",
                "responds_to": denial["id"],
                "based_on": [post["id"], rumour["id"]],
            },
        )
        retracted = await client.request(
            "DELETE", f"/v1/statements/{rumour['id']}", json={"reason": "A rumour."}
        )
        assert retracted.status_code == 200
        await client._transport.app.state.database.dispose()  # type: ignore[attr-defined]
    exported = tmp_path / "links.jsonl"
    result = run_claimline(
        own_database, "export", "--event", EVENT["slug"], "--output", str(exported)
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in exported.read_text().splitlines()]
    # The counter waits for the denial it answers; the link to the retracted rumour is left out.
    assert [line["id"] for line in lines] == [post["id"], denial["id"], counter["id"]]
    assert lines[2]["based_on"] == [post["id"]]
    imported = run_claimline(second_database, "import", str(exported))
    assert imported.returncode == 0, imported.stderr
    copied, original = (
        await _views(second_database, EVENT["slug"]),
        await _views(own_database, EVENT["slug"]),
    )
    # Only kept statements are exported: the link to the retracted rumour is the one loss.
    [counter_shown] = [i for i in original["timeline"] if i["statement"]["based_on"]]
    assert counter_shown["statement"]["based_on"].pop() == rumour["id"]
    assert copied == original
    async with await _client(second_database) as client:
        again = (await client.get(f"/v1/statements/{denial['id']}")).json()
        thread = (await client.get(f"/v1/statements/{post['id']}/thread")).json()
        await client._transport.app.state.database.dispose()  # type: ignore[attr-defined]
    kept = {
        key: denial[key]
        for key in ("id", "text", "said_at", "responds_to", "based_on", "archive_url", "url")
    }
    assert {key: again[key] for key in kept} == kept
    assert [hop["quote"] for hop in again["via"]] == [hop["quote"] for hop in denial["via"]]
    assert [hop["drift"] for hop in again["via"]] == [hop["drift"] for hop in denial["via"]]
    assert again["via"][1]["archive_url"] == denial["via"][1]["archive_url"]
    assert [item["statement"]["id"] for item in thread["answers"]] == [
        counter["id"],
        denial["id"],
    ]
    # Importing the same file again creates nothing; a line naming a taken id is refused.
    assert "3 already in" in run_claimline(second_database, "import", str(exported)).stderr
    clash = tmp_path / "clash.jsonl"
    clash.write_text(json.dumps({**lines[0], "text": "Another text."}) + "\n")
    refused = run_claimline(second_database, "import", str(clash))
    assert refused.returncode == 1
    assert "line 1" in refused.stderr
