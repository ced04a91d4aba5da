"""`claimline rebuild-views` recomputes every derived value and reports how many were wrong."""

import asyncio
import subprocess

from httpx import AsyncClient
from sqlalchemy import text

from app.kit.db import Database
from tests.conftest import run_claimline
from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL


def _rebuild(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_claimline(database_url, "rebuild-views", *args)


async def test_rebuild_reports_zero_then_repairs_damage(
    live_client: AsyncClient, database: Database, database_url: str
) -> None:
    for body in (ELTON_JOHN_POST, PESKOV_DENIAL):
        assert (await live_client.post("/v1/statements", json=body)).status_code == 201
    healthy = await asyncio.to_thread(_rebuild, database_url)
    assert healthy.returncode == 0, healthy.stderr
    assert healthy.stdout.strip() == "rebuilt the views of 1 claims: 0 derived values fixed"
    assert "1/1 claims replayed" in healthy.stderr
    async with database.write_engine.begin() as connection:
        await connection.execute(
            text("UPDATE stances SET first_mention = NOT first_mention, status_after = 'open'")
        )
        await connection.execute(text("UPDATE claims SET status = 'denied'"))
        # The running counts behind `as_of`: both parties' own marks wrong, one relay's gone.
        relayed = "SELECT source_id FROM relays"
        await connection.execute(
            text(f"UPDATE tally_marks SET counted = counted + 5 WHERE source_id NOT IN ({relayed})")
        )
        gone = await connection.execute(
            text(f"DELETE FROM tally_marks WHERE source_id IN ({relayed} WHERE position = 1)")
        )
        assert gone.rowcount == 1
    damaged = await asyncio.to_thread(_rebuild, database_url, "--event", EVENT_SLUG)
    assert damaged.returncode == 0, damaged.stderr
    assert damaged.stdout.strip() == "rebuilt the views of 1 claims: 6 derived values fixed"
    early = (
        await live_client.get(
            f"/v1/events/{EVENT_SLUG}/comparison", params={"as_of": PESKOV_DENIAL["said_at"]}
        )
    ).json()
    assert [party["statements"] for party in early["parties"]] == [1, 1]
    assert [relay["relayed_statements"] for relay in early["relays"]] == [1, 1]
    claim = (await live_client.get(f"/v1/events/{EVENT_SLUG}/claims")).json()["items"][0]
    assert claim["status"] == "contested"
    timeline = (await live_client.get(f"/v1/events/{EVENT_SLUG}/timeline")).json()["items"]
    assert [item["stances"][0]["status_after"] for item in timeline] == ["asserted", "contested"]
    assert [item["stances"][0]["first_mention"] for item in timeline] == [True, False]
    again = await asyncio.to_thread(_rebuild, database_url)
    assert again.stdout.strip() == "rebuilt the views of 1 claims: 0 derived values fixed"
    unknown = await asyncio.to_thread(_rebuild, database_url, "--event", "no-such-event")
    assert unknown.returncode == 1
    assert "no-such-event" in unknown.stderr
