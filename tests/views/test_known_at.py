"""The record as it stood at a moment (`known_at=`) on every view that takes it, on both
stores: recorded, not said."""

from typing import Any

from httpx import AsyncClient

from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL
from tests.views.helpers import submit


async def _get(client: AsyncClient, path: str, **params: Any) -> Any:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _before(instant: str) -> str:
    # The same wall-clock time one hour east of UTC: an hour earlier.
    return instant.replace("Z", "+01:00")


async def test_the_seed_story_as_known_after_each_recording_and_the_retraction(
    client: AsyncClient,
) -> None:
    post, denial = await submit(client, ELTON_JOHN_POST, PESKOV_DENIAL)
    claim_id = post["stances"][0]["claim_id"]
    retraction = await client.request(
        "DELETE", f"/v1/statements/{denial['id']}", json={"reason": "Misattributed."}
    )
    retracted_at = retraction.json()["retracted_at"]
    timeline = f"/v1/events/{EVENT_SLUG}/timeline"
    comparison = f"/v1/events/{EVENT_SLUG}/comparison"
    claims = f"/v1/events/{EVENT_SLUG}/claims"

    # After the post only: asserted, one party, the denial not yet in.
    at_post = await _get(client, timeline, known_at=post["recorded_at"])
    assert [item["statement"]["id"] for item in at_post["items"]] == [post["id"]]
    assert at_post["items"][0]["stances"][0]["status_after"] == "asserted"
    claim = await _get(client, f"/v1/claims/{claim_id}", known_at=post["recorded_at"])
    assert claim["status"] == "asserted"
    assert (await _get(client, claims, known_at=post["recorded_at"]))["items"] == [claim]
    compared = await _get(client, comparison, known_at=post["recorded_at"])
    assert [p["source"]["name"] for p in compared["parties"]] == ["Elton John"]
    assert compared["relays"] == []

    # After the denial, before its retraction: contested, and the denial shown as not retracted.
    at_denial = await _get(client, timeline, known_at=denial["recorded_at"])
    shown = at_denial["items"][1]
    assert shown["statement"]["id"] == denial["id"]
    assert shown["statement"]["retracted_at"] is None
    assert shown["statement"]["retraction_reason"] is None
    assert shown["stances"][0]["status_after"] == "contested"
    claim = await _get(client, f"/v1/claims/{claim_id}", known_at=denial["recorded_at"])
    assert claim["status"] == "contested"
    compared = await _get(client, comparison, known_at=denial["recorded_at"])
    assert compared["claims"][0]["status"] == "contested"
    assert [r["source"]["name"] for r in compared["relays"]] == ["TASS", "The Moscow Times"]
    # as_of and known_at combine: by the 14th (said), only the post counts.
    early = await _get(
        client, comparison, known_at=denial["recorded_at"], as_of="2015-09-14T23:59:59Z"
    )
    assert early["claims"][0]["status"] == "asserted"

    # At the retraction: the denial counts no more; with include_retracted it is shown retracted.
    now = await _get(client, timeline, include_retracted="true")
    at_retraction = await _get(client, timeline, known_at=retracted_at, include_retracted="true")
    assert at_retraction["items"] == now["items"]
    assert (await _get(client, comparison, known_at=retracted_at)) == (
        await _get(client, comparison)
    )
    assert (await _get(client, f"/v1/claims/{claim_id}", known_at=retracted_at))["status"] == (
        "asserted"
    )

    # Before anything was recorded: no statement, no claim.
    before = _before(post["recorded_at"])
    assert (await _get(client, timeline, known_at=before))["items"] == []
    assert (await _get(client, claims, known_at=before))["items"] == []
    missing = await client.get(f"/v1/claims/{claim_id}", params={"known_at": before})
    assert missing.status_code == 404
    empty = await _get(client, comparison, known_at=before)
    assert (empty["parties"], empty["claims"]) == ([], [])


async def test_known_at_pages_like_the_timeline_of_now(client: AsyncClient) -> None:
    bodies = [
        {
            "event": {"slug": "pages", "title": "Pages"},
            "speaker": {"name": f"Speaker {n % 3}"},
            "text": f"Statement {n}",
            "said_at": f"2016-01-01T10:{(7 * n) % 60:02d}:00Z",
            "claims": [{"claim": {"text": "It rained"}, "stance": "supports"}],
        }
        for n in range(12)
    ]
    recorded = await submit(client, *bodies)
    known_at = recorded[-1]["recorded_at"]
    for order in ("asc", "desc"):
        now = await _get(client, "/v1/events/pages/timeline", order=order, limit=100)
        expected = [item["statement"]["id"] for item in now["items"]]
        seen: list[str] = []
        params: dict[str, Any] = {"order": order, "limit": 5, "known_at": known_at}
        while True:
            page = await _get(client, "/v1/events/pages/timeline", **params)
            seen.extend(item["statement"]["id"] for item in page["items"])
            if page["next_cursor"] is None:
                break
            params["cursor"] = page["next_cursor"]
        assert seen == expected
        # Back from the last page, and from a statement named by `at=`.
        back = await _get(
            client, "/v1/events/pages/timeline", **{**params, "cursor": page["prev_cursor"]}
        )
        assert [item["statement"]["id"] for item in back["items"]] == expected[5:10]
        at = await _get(
            client,
            "/v1/events/pages/timeline",
            order=order,
            limit=3,
            known_at=known_at,
            at=expected[4],
        )
        assert [item["statement"]["id"] for item in at["items"]] == expected[4:7]
        paged_now = await _get(
            client, "/v1/events/pages/timeline", order=order, limit=3, at=expected[4]
        )
        assert (at["next_cursor"] is None) == (paged_now["next_cursor"] is None)
        assert (at["prev_cursor"] is None) == (paged_now["prev_cursor"] is None)
    claims = await _get(client, "/v1/events/pages/claims", known_at=known_at, limit=1)
    assert claims["next_cursor"] is None
    assert [claim["text"] for claim in claims["items"]] == ["It rained"]


async def test_a_known_at_without_an_offset_is_refused_at_the_parameter(
    client: AsyncClient,
) -> None:
    [post] = await submit(client, ELTON_JOHN_POST)
    for path in [
        f"/v1/events/{EVENT_SLUG}/timeline",
        f"/v1/events/{EVENT_SLUG}/comparison",
        f"/v1/events/{EVENT_SLUG}/claims",
        f"/v1/claims/{post['stances'][0]['claim_id']}",
        "/v1/statements",
    ]:
        response = await client.get(path, params={"known_at": "2015-09-15T09:00:00"})
        assert response.status_code == 422, (path, response.text)
        assert response.json()["errors"][0]["loc"] == ["query", "known_at"]
