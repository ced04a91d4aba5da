"""`claimline import-claimreview`, run as a user runs it, on realistic files written from the
published formats (schema.org ClaimReview JSON-LD in a page's `@graph`, and a Google Fact Check
Tools `claims:search` answer): several publishers, languages and ratings, claims without a
claimant or a date, refused entries reported by position with exit 1, and a second run that
creates nothing; on both stores."""

import json
from pathlib import Path
from typing import Any

from tests.conftest import count_rows, run_claimline
from tests.test_transfer import _client

JSON_LD_PAGE = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebPage", "name": "Fact checks about the call"},
        {
            "@type": "ClaimReview",
            "url": "https://factcheck.example/2015/09/putin-elton-john",
            "claimReviewed": "Putin phoned Elton John",
            "datePublished": "2015-09-16",
            "author": {"@type": "Organization", "name": "Example Fact Check"},
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": "1",
                "bestRating": "5",
                "worstRating": "1",
                "alternateName": "False",
            },
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Person", "name": "Elton John"},
                "datePublished": "2015-09-14",
                "appearance": {
                    "@type": "CreativeWork",
                    "url": "https://www.instagram.com/eltonjohn/",
                },
            },
        },
        {
            "@type": "ClaimReview",
            "url": "https://verif.example/fr/poutine-appel",
            "claimReviewed": "Poutine a téléphoné à Elton John",
            "datePublished": "2015-09-17T08:00:00+02:00",
            "author": {"@type": "Organization", "name": "Vérif'"},
            "reviewRating": {"@type": "Rating", "alternateName": "Faux"},
        },
        # No rating at all: refused, by its place in the graph.
        {
            "@type": "ClaimReview",
            "url": "https://factcheck.example/2015/09/incomplete",
            "claimReviewed": "The call was a prank",
            "datePublished": "2015-09-18",
            "author": {"@type": "Organization", "name": "Example Fact Check"},
        },
    ],
}
GOOGLE_ANSWER: dict[str, Any] = {
    "claims": [
        {
            "text": "Putin phoned Elton John",
            "claimant": "Elton John",
            "claimDate": "2015-09-14T15:11:00Z",
            "claimReview": [
                {
                    "publisher": {"name": "Проверка", "site": "proverka.example"},
                    "url": "https://proverka.example/putin-elton",
                    "title": "Путин не звонил Элтону Джону",
                    "reviewDate": "2015-09-16T12:00:00Z",
                    "textualRating": "Ложь",
                    "languageCode": "ru",
                }
            ],
        },
        # No claimant and no date: the claim and its review, no statement.
        {
            "text": "The call was a prank by two comedians",
            "claimReview": [
                {
                    "publisher": {"name": "Example Fact Check", "site": "factcheck.example"},
                    "url": "https://factcheck.example/2015/09/prank",
                    "title": "Yes, it was a prank",
                    "reviewDate": "2015-09-20",
                    "textualRating": "True",
                    "languageCode": "en",
                }
            ],
        },
        {"claimReview": []},
    ]
}


async def test_claim_reviews_import_from_both_formats(own_database: str, tmp_path: Path) -> None:
    async with await _client(own_database) as client:
        event = {"slug": "the-call", "title": "The call"}
        assert (await client.post("/v1/events", json=event)).status_code == 201
        await client._transport.app.state.database.dispose()  # type: ignore[attr-defined]
    page, answer = tmp_path / "page.jsonld", tmp_path / "answer.json"
    page.write_text(json.dumps(JSON_LD_PAGE, ensure_ascii=False))
    answer.write_text(json.dumps(GOOGLE_ANSWER, ensure_ascii=False))

    first = run_claimline(own_database, "import-claimreview", str(page), "--event", "the-call")
    assert first.returncode == 1, first.stderr
    assert f"{page}:@graph[3]: review 0: rating" in first.stderr
    assert "2 entries read in: 1 new statements, 2 new reviews; 1 entries refused" in first.stderr
    second = run_claimline(own_database, "import-claimreview", str(answer), "--event", "the-call")
    assert second.returncode == 1, second.stderr
    assert f"{answer}:claims[2]: no claim text" in second.stderr
    # Elton John's statement of the 14th is in already (from the page): not twice.
    assert "2 entries read in: 0 new statements, 2 new reviews" in second.stderr

    async with await _client(own_database) as client:
        claims = (await client.get("/v1/events/the-call/claims")).json()["items"]
        by_text = {claim["text"]: claim for claim in claims}
        assert set(by_text) == {
            "Putin phoned Elton John",
            "Poutine a téléphoné à Elton John",
            "The call was a prank by two comedians",
        }
        # Reviews never change a status: the claimant's statement made it asserted.
        assert by_text["Putin phoned Elton John"]["status"] == "asserted"
        assert by_text["The call was a prank by two comedians"]["status"] == "open"
        call = by_text["Putin phoned Elton John"]["id"]
        reviews = (await client.get(f"/v1/claims/{call}/reviews")).json()["items"]
        assert [(r["reviewer"]["name"], r["rating"], r["rating_value"]) for r in reviews] == [
            ("Example Fact Check", "False", 1),
            ("Проверка", "Ложь", None),
        ]
        assert reviews[0]["best_rating"] == 5
        assert reviews[0]["published_at"] == "2015-09-16T00:00:00Z"
        [said] = (await client.get("/v1/statements", params={"event": "the-call"})).json()["items"]
        assert (said["speaker"]["name"], said["said_at"], said["said_at_precision"]) == (
            "Elton John",
            "2015-09-14T00:00:00Z",
            "day",
        )
        await client._transport.app.state.database.dispose()  # type: ignore[attr-defined]

    counts = {table: await _rows(own_database, table) for table in ("claims", "reviews")}
    again = run_claimline(own_database, "import-claimreview", str(answer), "--event", "the-call")
    assert "0 new statements, 0 new reviews" in again.stderr
    again = run_claimline(own_database, "import-claimreview", str(page), "--event", "the-call")
    assert "0 new statements, 0 new reviews" in again.stderr
    assert {table: await _rows(own_database, table) for table in counts} == counts

    unknown = run_claimline(own_database, "import-claimreview", str(page), "--event", "nowhere")
    assert unknown.returncode == 1
    assert "There is no event" in unknown.stderr
    unreadable = run_claimline(own_database, "import-claimreview", str(tmp_path / "none.json"))
    assert unreadable.returncode != 0


async def _rows(url: str, table: str) -> int:
    from app.config import Settings
    from app.kit.db import Database

    database = Database.from_settings(Settings(database_url=url))  # type: ignore[arg-type]
    try:
        return await count_rows(database, table)
    finally:
        await database.dispose()
