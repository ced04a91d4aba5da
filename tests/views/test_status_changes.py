"""Where each claim's status changed (`/v1/events/{event}/status-changes`), on both stores."""

import itertools
from typing import Any

from httpx import AsyncClient

from tests.views.helpers import CALL, EVENT, MEETING, every_item, statement, submit

PATH = f"/v1/events/{EVENT['slug']}/status-changes"


async def _changes(client: AsyncClient, **params: Any) -> list[dict[str, Any]]:
    return await every_item(client, PATH, **params)


def _moves(items: list[dict[str, Any]], claim_id: str) -> list[tuple[str, str, str, str]]:
    return [
        (item["party"]["name"], item["said_at"], item["status_before"], item["status"])
        for item in items
        if item["claim_id"] == claim_id
    ]


async def test_only_the_stances_that_move_a_status(client: AsyncClient) -> None:
    recorded = await submit(
        client,
        statement("Elton John", "2015-09-14T10:00:00Z", (CALL, "supports"), (MEETING, "neutral")),
        statement("Elton John", "2015-09-14T11:00:00Z", (CALL, "supports")),
        statement("Kremlin", "2015-09-14T12:00:00Z", (CALL, "refutes"), (MEETING, "refutes")),
        statement("Elton John", "2015-09-14T13:00:00Z", (CALL, "questions")),
        statement("Elton John", "2015-09-14T14:00:00Z", (CALL, "refutes")),
    )
    call = recorded[0]["stances"][0]["claim_id"]
    meeting = recorded[0]["stances"][1]["claim_id"]
    items = await _changes(client)
    assert _moves(items, call) == [
        ("Elton John", "2015-09-14T10:00:00Z", "open", "asserted"),
        ("Kremlin", "2015-09-14T12:00:00Z", "asserted", "contested"),
        ("Elton John", "2015-09-14T14:00:00Z", "contested", "denied"),
    ]
    assert _moves(items, meeting) == [("Kremlin", "2015-09-14T12:00:00Z", "open", "denied")]
    assert items[0]["statement_id"] in {r["id"] for r in recorded}
    assert items[0]["said_at_precision"] == "second"
    assert await _changes(client, claim=meeting) == [i for i in items if i["claim_id"] == meeting]


async def test_an_out_of_order_statement_and_a_retraction_move_the_points(
    client: AsyncClient,
) -> None:
    first, _, denial = await submit(
        client,
        statement("Elton John", "2015-09-14T10:00:00Z", (CALL, "supports")),
        statement("Kremlin", "2015-09-14T12:00:00Z", (CALL, "refutes")),
        statement("Elton John", "2015-09-14T14:00:00Z", (CALL, "refutes")),
    )
    call = first["stances"][0]["claim_id"]
    # Said earlier than the Kremlin's denial, recorded later: the contest starts earlier.
    (early,) = await submit(client, statement("Peskov", "2015-09-14T11:00:00Z", (CALL, "refutes")))
    assert _moves(await _changes(client), call) == [
        ("Elton John", "2015-09-14T10:00:00Z", "open", "asserted"),
        ("Peskov", "2015-09-14T11:00:00Z", "asserted", "contested"),
        ("Elton John", "2015-09-14T14:00:00Z", "contested", "denied"),
    ]
    response = await client.request(
        "DELETE", f"/v1/statements/{early['id']}", json={"reason": "Misattributed."}
    )
    assert response.status_code == 200, response.text
    response = await client.request(
        "DELETE", f"/v1/statements/{denial['id']}", json={"reason": "Misquoted."}
    )
    assert response.status_code == 200, response.text
    assert _moves(await _changes(client), call) == [
        ("Elton John", "2015-09-14T10:00:00Z", "open", "asserted"),
        ("Kremlin", "2015-09-14T12:00:00Z", "asserted", "contested"),
    ]


async def test_pages_carry_the_status_before_across_a_cursor(client: AsyncClient) -> None:
    bodies = [
        statement(
            "Elton John" if minute % 2 else "Kremlin",
            f"2015-09-14T10:{minute:02d}:00Z",
            (CALL, "supports" if minute % 4 < 2 else "refutes"),
        )
        for minute in range(12)
    ]
    # Each party keeps flipping: the status moves at almost every statement.
    await submit(client, *bodies)
    whole = await _changes(client)
    paged = await _changes(client, limit=1)
    assert paged == whole
    for before, after in itertools.pairwise(whole):
        if before["claim_id"] == after["claim_id"]:
            assert after["status_before"] == before["status"]
    assert len(whole) > 3


async def test_bad_parameters_are_problems(client: AsyncClient) -> None:
    await submit(client, statement("Elton John", "2015-09-14T10:00:00Z", (CALL, "supports")))
    response = await client.get(PATH, params={"cursor": "nonsense"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    response = await client.get(PATH, params={"claim": "no-such-claim"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "claim"]
    assert (await client.get("/v1/events/no-such-event/status-changes")).status_code == 404
    response = await client.get(PATH)
    etag = response.headers["etag"]
    again = await client.get(PATH, headers={"If-None-Match": etag})
    assert again.status_code == 304
