"""Reviews of claims (contract v1.1): recorded beside the debate, never changing a status,
listed with the claim and in the comparison; on both stores."""

from typing import Any

from httpx import AsyncClient

from app.reviews.schemas import FULL_FACT_REVIEW
from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL


async def _claim(client: AsyncClient) -> str:
    for body in (ELTON_JOHN_POST, PESKOV_DENIAL):
        assert (await client.post("/v1/statements", json=body)).status_code == 201
    claims = (await client.get(f"/v1/events/{EVENT_SLUG}/claims")).json()["items"]
    return str(claims[0]["id"])


async def test_a_review_sits_beside_the_debate(client: AsyncClient) -> None:
    claim_id = await _claim(client)
    response = await client.post(f"/v1/claims/{claim_id}/reviews", json=FULL_FACT_REVIEW)
    assert response.status_code == 201, response.text
    review = response.json()
    assert response.headers["location"] == f"/v1/claims/{claim_id}/reviews"
    assert review["claim_id"] == claim_id
    assert review["reviewer"]["name"] == "A fact-checking desk"
    assert review["reviewer"]["kind"] == "organization"
    assert (review["rating"], review["rating_value"], review["best_rating"]) == ("False", 1, 5)
    assert review["published_at"] == "2015-09-16T10:00:00Z"
    assert review["recorded_at"].endswith("Z")
    # The same reviewer again, by name in other case: one source.
    second = await client.post(
        f"/v1/claims/{claim_id}/reviews",
        json={
            "reviewer": {"name": "a FACT-checking desk"},
            "rating": "Misleading",
            "url": "https://factcheck.example/update",
            "published_at": "2015-09-17T10:00:00+02:00",
        },
    )
    assert second.status_code == 201, second.text
    assert second.json()["reviewer"]["id"] == review["reviewer"]["id"]
    assert (second.json()["rating_value"], second.json()["summary"]) == (None, None)

    listed = (await client.get(f"/v1/claims/{claim_id}/reviews", params={"limit": 1})).json()
    assert [item["id"] for item in listed["items"]] == [review["id"]]
    rest = await client.get(
        f"/v1/claims/{claim_id}/reviews", params={"cursor": listed["next_cursor"]}
    )
    assert [item["id"] for item in rest.json()["items"]] == [second.json()["id"]]
    assert listed["items"][0] == review

    # The status describes the debate, not the truth.
    assert (await client.get(f"/v1/claims/{claim_id}")).json()["status"] == "contested"
    compared = (await client.get(f"/v1/events/{EVENT_SLUG}/comparison")).json()
    [claim] = compared["claims"]
    assert claim["status"] == "contested"
    assert claim["reviews"] == [
        {
            "review_id": review["id"],
            "reviewer_id": review["reviewer"]["id"],
            "rating": "False",
            "url": FULL_FACT_REVIEW["url"],
            "published_at": "2015-09-16T10:00:00Z",
        },
        {
            "review_id": second.json()["id"],
            "reviewer_id": review["reviewer"]["id"],
            "rating": "Misleading",
            "url": "https://factcheck.example/update",
            "published_at": "2015-09-17T08:00:00Z",
        },
    ]
    # As known before the second review was recorded, only the first shows.
    known = (
        await client.get(
            f"/v1/events/{EVENT_SLUG}/comparison", params={"known_at": review["recorded_at"]}
        )
    ).json()
    assert [r["review_id"] for r in known["claims"][0]["reviews"]] == [review["id"]]


async def test_bad_reviews_are_refused_at_the_field(client: AsyncClient) -> None:
    claim_id = await _claim(client)
    cases: list[tuple[dict[str, Any], list[Any]]] = [
        ({"reviewer": "nobody-here"}, ["body", "reviewer"]),
        ({"rating": ""}, ["body", "rating"]),
        ({"rating": "x" * 101}, ["body", "rating"]),
        ({"url": "not a url"}, ["body", "url"]),
        ({"published_at": "2015-09-16T10:00:00"}, ["body", "published_at"]),
        ({"rating_value": 9}, ["body"]),
        ({"worst_rating": 5, "best_rating": 1, "rating_value": None}, ["body"]),
        ({"rating_value": "1"}, ["body", "rating_value"]),
        ({"extra": True}, ["body", "extra"]),
    ]
    for change, loc in cases:
        response = await client.post(
            f"/v1/claims/{claim_id}/reviews", json={**FULL_FACT_REVIEW, **change}
        )
        assert response.status_code == 422, (change, response.text)
        assert response.json()["errors"][0]["loc"][: len(loc)] == loc, (change, response.json())
    missing = await client.post(
        "/v1/claims/01890000-0000-7000-8000-000000000000/reviews", json=FULL_FACT_REVIEW
    )
    assert missing.status_code == 404
    assert (await client.get(f"/v1/claims/{claim_id}/reviews")).json()["items"] == []
