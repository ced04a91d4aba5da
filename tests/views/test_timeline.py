"""The claim timeline, on both stores."""

import uuid
from typing import Any

from httpx import AsyncClient

from app.kit.pagination import encode_cursor
from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL, PHONE_CALL_CLAIM
from tests.views.helpers import CALL, EVENT, MEETING, stance_values, statement, submit, timeline


async def test_seed_story_goes_open_asserted_contested(client: AsyncClient) -> None:
    post, denial = await submit(client, ELTON_JOHN_POST, PESKOV_DENIAL)
    response = await client.get(f"/v1/events/{EVENT_SLUG}/timeline")
    assert response.status_code == 200
    body = response.json()
    assert body["event"]["slug"] == EVENT_SLUG
    assert body["next_cursor"] is None
    first, second = body["items"]
    assert first["statement"] == post
    assert second["statement"] == denial
    assert first["party"]["name"] == "Elton John"
    assert second["party"]["name"] == "Kremlin"
    assert first["stances"] == [
        {
            "claim_id": post["stances"][0]["claim_id"],
            "claim_text": PHONE_CALL_CLAIM,
            "stance": "supports",
            "first_mention": True,
            "reversal": False,
            "status_after": "asserted",
        }
    ]
    assert second["stances"][0]["first_mention"] is False
    assert second["stances"][0]["reversal"] is False
    assert second["stances"][0]["status_after"] == "contested"


async def test_reversal_and_neutral_keeps_the_side(client: AsyncClient) -> None:
    await submit(
        client,
        statement("Elton John", "2015-09-14T10:00:00Z", (CALL, "supports")),
        statement("Elton John", "2015-09-14T11:00:00Z", (CALL, "neutral")),
        statement("Kremlin", "2015-09-14T12:00:00Z", (CALL, "refutes")),
        statement("Elton John", "2015-09-14T13:00:00Z", (CALL, "questions")),
        statement("Elton John", "2015-09-14T14:00:00Z", (CALL, "refutes")),
        statement("Elton John", "2015-09-14T15:00:00Z", (CALL, "refutes")),
        statement("Elton John", "2015-09-14T16:00:00Z", (CALL, "supports")),
    )
    assert stance_values(await timeline(client), CALL) == [
        ("Elton John", "supports", True, False, "asserted"),
        ("Elton John", "neutral", False, False, "asserted"),
        ("Kremlin", "refutes", False, False, "contested"),
        ("Elton John", "questions", False, False, "contested"),
        ("Elton John", "refutes", False, True, "denied"),
        ("Elton John", "refutes", False, False, "denied"),
        ("Elton John", "supports", False, True, "contested"),
    ]


async def test_retraction_turns_contested_back_into_asserted(client: AsyncClient) -> None:
    _, denial = await submit(client, ELTON_JOHN_POST, PESKOV_DENIAL)
    claim_id = denial["stances"][0]["claim_id"]
    await client.request(
        "DELETE", f"/v1/statements/{denial['id']}", json={"reason": "Wrong attribution."}
    )
    assert (await client.get(f"/v1/claims/{claim_id}")).json()["status"] == "asserted"
    shown = await timeline_of_seed(client, include_retracted=True)
    assert [item["statement"]["retracted_at"] is not None for item in shown] == [False, True]
    assert shown[1]["stances"][0]["first_mention"] is False
    assert shown[1]["stances"][0]["reversal"] is False
    assert shown[1]["stances"][0]["status_after"] == "asserted"
    assert len(await timeline_of_seed(client)) == 1


async def timeline_of_seed(client: AsyncClient, **params: Any) -> list[dict[str, Any]]:
    response = await client.get(f"/v1/events/{EVENT_SLUG}/timeline", params=params)
    assert response.status_code == 200
    return list(response.json()["items"])


async def test_out_of_order_said_at_recomputes_what_follows(client: AsyncClient) -> None:
    await submit(
        client,
        statement("Kremlin", "2015-09-15T09:00:00Z", (CALL, "refutes")),
        statement("Elton John", "2015-09-16T09:00:00Z", (CALL, "refutes")),
        # Arrives last but was said first.
        statement("Elton John", "2015-09-14T09:00:00Z", (CALL, "supports")),
    )
    assert stance_values(await timeline(client), CALL) == [
        ("Elton John", "supports", True, False, "asserted"),
        ("Kremlin", "refutes", False, False, "contested"),
        ("Elton John", "refutes", False, True, "denied"),
    ]


async def test_equal_said_at_is_broken_by_recording_order(client: AsyncClient) -> None:
    same = "2015-09-14T09:00:00Z"
    await submit(
        client,
        statement("TASS", same, (CALL, "questions")),
        statement("Elton John", same, (CALL, "supports")),
        statement("Kremlin", same, (CALL, "refutes")),
    )
    assert stance_values(await timeline(client), CALL) == [
        ("TASS", "questions", True, False, "open"),
        ("Elton John", "supports", False, False, "asserted"),
        ("Kremlin", "refutes", False, False, "contested"),
    ]
    descending = await timeline(client, order="desc", limit=1)
    ascending = await timeline(client, limit=2)
    assert [item["statement"]["id"] for item in descending] == [
        item["statement"]["id"] for item in reversed(ascending)
    ]


async def test_filters_choose_items_but_never_change_values(client: AsyncClient) -> None:
    recorded = await submit(
        client,
        statement("Elton John", "2015-09-14T10:00:00Z", (CALL, "supports")),
        statement(
            "Dmitry Peskov",
            "2015-09-15T10:00:00Z",
            (CALL, "refutes"),
            (MEETING, "questions"),
            on_behalf_of="Kremlin",
        ),
        statement("Elton John", "2015-09-16T10:00:00Z", (MEETING, "supports")),
    )
    everything = await timeline(client)
    by_id = {item["statement"]["id"]: item for item in everything}

    async def shown(**params: Any) -> list[str]:
        items = await timeline(client, **params)
        for item in items:
            assert item == by_id[item["statement"]["id"]]
        return [item["statement"]["id"] for item in items]

    ids = [item["id"] for item in recorded]
    assert await shown(speaker="kremlin") == [ids[1]]
    assert await shown(speaker="dmitry-peskov") == [ids[1]]
    assert await shown(speaker="elton-john") == [ids[0], ids[2]]
    meeting = recorded[1]["stances"][1]["claim_id"]
    assert await shown(claim=meeting) == [ids[1], ids[2]]
    assert await shown(stance="supports") == [ids[0], ids[2]]
    assert await shown(stance="questions", claim=meeting) == [ids[1]]
    assert await shown(stance="supports", claim=recorded[1]["stances"][0]["claim_id"]) == [ids[0]]
    assert await shown(since="2015-09-15T10:00:00Z") == [ids[1], ids[2]]
    assert await shown(until="2015-09-15T13:00:00+03:00") == [ids[0], ids[1]]
    assert await shown(order="desc") == ids[::-1]
    assert await shown(order="desc", limit=1) == ids[::-1]


async def test_bad_timeline_parameters(client: AsyncClient) -> None:
    await submit(client, statement("Elton John", "2015-09-14T10:00:00Z", (CALL, "supports")))
    path = f"/v1/events/{EVENT['slug']}/timeline"
    bad: list[dict[str, str | int]] = [
        {"since": "2015-09-14T10:00:00"},
        {"until": "yesterday"},
        {"order": "up"},
        {"stance": "agrees"},
        {"speaker": "nobody"},
        {"limit": 0},
    ]
    for params in bad:
        response = await client.get(path, params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == "application/problem+json"
    await submit(client, statement("Kremlin", "2015-09-15T10:00:00Z", (CALL, "refutes")))
    asc_cursor = (await client.get(path, params={"limit": 1})).json()["next_cursor"]
    mixed = await client.get(path, params={"order": "desc", "cursor": asc_cursor})
    assert mixed.status_code == 400
    assert (await client.get(path, params={"cursor": "nonsense"})).status_code == 400
    statement_id = uuid.uuid4().hex
    for said_at in ["2015-09-14T10:00:00", "0001-01-01T00:00:00+01:00", "soon", ""]:
        forged = encode_cursor("timeline-asc", [said_at, statement_id])
        response = await client.get(path, params={"cursor": forged})
        assert response.status_code == 400, said_at
    assert (await client.get("/v1/events/nothing/timeline")).status_code == 404
    assert (await client.get(path, params={"claim": "not-a-claim"})).status_code == 422


async def test_paging_while_statements_arrive_never_repeats_or_skips(client: AsyncClient) -> None:
    before = await submit(
        client,
        *(
            statement(
                "Elton John", f"2015-09-14T{10 + n // 60:02d}:{n % 60:02d}:00Z", (CALL, "supports")
            )
            for n in range(9)
        ),
    )
    seen: list[str] = []
    cursor = None
    arrivals = 0
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get(f"/v1/events/{EVENT['slug']}/timeline", params=params)).json()
        seen.extend(item["statement"]["id"] for item in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
        # One arrival said before everything so far, one said at the same instant as the page's end.
        last_said = page["items"][-1]["statement"]["said_at"]
        await submit(
            client,
            statement("Kremlin", "2015-09-13T00:00:00Z", (CALL, "refutes")),
            statement("TASS", last_said, (CALL, "questions")),
        )
        arrivals += 2
    assert arrivals
    assert len(seen) == len(set(seen))
    assert [item for item in seen if item in {s["id"] for s in before}] == [s["id"] for s in before]


async def _page(client: AsyncClient, **params: Any) -> dict[str, Any]:
    response = await client.get(f"/v1/events/{EVENT['slug']}/timeline", params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def _ids(page: dict[str, Any]) -> list[str]:
    return [item["statement"]["id"] for item in page["items"]]


async def test_pages_both_ways_from_any_statement(client: AsyncClient) -> None:
    # Ties on said_at too: the order within them is the recording order.
    bodies = [
        statement(
            "Elton John" if n % 3 else "Kremlin",
            f"2015-09-14T10:{n // 2:02d}:00Z",
            (CALL, "supports" if n % 2 else "refutes"),
        )
        for n in range(11)
    ]
    recorded = await submit(client, *bodies)
    await client.request(
        "DELETE", f"/v1/statements/{recorded[4]['id']}", json={"reason": "Misquoted."}
    )
    for order in ("asc", "desc"):
        whole = [item["statement"]["id"] for item in await timeline(client, order=order)]
        assert len(whole) == 10
        for start, at in enumerate(whole):
            page = await _page(client, order=order, at=at, limit=3)
            assert _ids(page) == whole[start : start + 3]
            # Backwards from there, page by page, to the beginning; the values are the same.
            before: list[str] = []
            cursor = page["prev_cursor"]
            assert (cursor is None) == (start == 0)
            while cursor:
                earlier = await _page(client, order=order, cursor=cursor, limit=3)
                before = _ids(earlier) + before
                cursor = earlier["prev_cursor"]
                assert earlier["next_cursor"] is not None
                following = await _page(client, order=order, cursor=earlier["next_cursor"], limit=3)
                assert _ids(following)[0] == whole[whole.index(_ids(earlier)[-1]) + 1]
            assert before == whole[:start]
            # Forwards to the end.
            after, cursor = _ids(page), page["next_cursor"]
            while cursor:
                later = await _page(client, order=order, cursor=cursor, limit=3)
                assert later["prev_cursor"] is not None
                after += _ids(later)
                cursor = later["next_cursor"]
            assert after == whole[start:]
    # A retracted statement is still a place to start from.
    page = await _page(client, at=recorded[4]["id"], limit=2)
    assert _ids(page) == [recorded[5]["id"], recorded[6]["id"]]
    earlier = await _page(client, cursor=page["prev_cursor"], limit=10)
    assert _ids(earlier) == [body["id"] for body in recorded[:4]]


async def test_at_names_a_statement_of_the_event(client: AsyncClient) -> None:
    await submit(client, statement("Elton John", "2015-09-14T10:00:00Z", (CALL, "supports")))
    other = {**ELTON_JOHN_POST, "event": {"slug": "another", "title": "Another"}}
    (elsewhere,) = await submit(client, other)
    path = f"/v1/events/{EVENT['slug']}/timeline"
    response = await client.get(path, params={"at": elsewhere["id"]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "at"]
    response = await client.get(path, params={"at": "not-an-id"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "at"]
