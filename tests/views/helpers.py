"""Building small stories for the view tests."""

from typing import Any

from httpx import AsyncClient

EVENT = {"slug": "phone-call", "title": "Did Putin phone Elton John?"}
CALL = "Putin phoned Elton John"
MEETING = "Putin will meet Elton John"


def statement(
    speaker: str,
    said_at: str,
    *stances: tuple[str, str],
    on_behalf_of: str | None = None,
    via: list[str] | None = None,
) -> dict[str, Any]:
    """A statement on the test event; stances are (claim text, stance)."""
    body: dict[str, Any] = {
        "event": EVENT,
        "speaker": {"name": speaker},
        "text": f"{speaker} speaks at {said_at}.",
        "said_at": said_at,
        "claims": [{"claim": {"text": text}, "stance": stance} for text, stance in stances],
    }
    if on_behalf_of:
        body["on_behalf_of"] = {"name": on_behalf_of}
    if via:
        body["via"] = [{"source": {"name": name, "kind": "outlet"}} for name in via]
    return body


async def submit(client: AsyncClient, *bodies: dict[str, Any]) -> list[dict[str, Any]]:
    """Submit statements one by one, returning what was recorded."""
    recorded = []
    for body in bodies:
        response = await client.post("/v1/statements", json=body)
        assert response.status_code == 201, response.text
        recorded.append(response.json())
    return recorded


async def every_item(client: AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged list, following cursors."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = dict(params)
        if cursor:
            query["cursor"] = cursor
        response = await client.get(path, params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items


async def timeline(client: AsyncClient, **params: Any) -> list[dict[str, Any]]:
    """Every item of the test event's timeline, following cursors."""
    return await every_item(client, f"/v1/events/{EVENT['slug']}/timeline", **params)


def stance_values(
    items: list[dict[str, Any]], claim: str
) -> list[tuple[str, str, bool, bool, str]]:
    """(party, stance, first_mention, reversal, status_after) of each stance on a claim."""
    return [
        (
            item["party"]["name"],
            stance["stance"],
            stance["first_mention"],
            stance["reversal"],
            stance["status_after"],
        )
        for item in items
        for stance in item["stances"]
        if stance["claim_text"] == claim
    ]
