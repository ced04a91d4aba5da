"""Answers, `based_on`, relays' wording and delays, archives and threads (contract v1.1), on
both stores."""

import copy
import uuid
from difflib import SequenceMatcher
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import InvalidInput
from app.statements import service as statement_service
from app.statements.schemas import StatementImport
from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL

ARCHIVE = "https://web.archive.org/web/2015/https://www.instagram.com/eltonjohn/"


async def _submit(client: AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/v1/statements", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _said(text: str, said_at: str, **extra: Any) -> dict[str, Any]:
    return {
        "event": EVENT_SLUG,
        "speaker": {"name": "Dmitry Peskov"},
        "text": text,
        "said_at": said_at,
        **extra,
    }


async def test_the_seed_story_carries_answers_wording_and_archives(client: AsyncClient) -> None:
    post = await _submit(client, {**ELTON_JOHN_POST, "archive_url": ARCHIVE})
    assert post["archive_url"] == ARCHIVE
    assert post["responds_to"] is None
    assert post["based_on"] == []
    denial_body = copy.deepcopy(PESKOV_DENIAL)
    denial_body["responds_to"] = post["id"]
    denial_body["via"][1]["archive_url"] = ARCHIVE
    denial = await _submit(client, denial_body)
    assert denial["responds_to"] == post["id"]
    tass, moscow_times = denial["via"]
    # TASS's words are Peskov's, but for the case and the spaces: no drift.
    text = denial_body["text"]
    tass_quote = denial_body["via"][0]["quote"]
    assert tass["quote"] == tass_quote
    assert tass["drift"] == round(
        1 - SequenceMatcher(None, tass_quote.casefold(), text.casefold(), autojunk=False).ratio(),
        3,
    )
    assert tass["delay_s"] is None
    assert tass["archive_url"] is None
    # The Moscow Times wraps TASS's wording (the wording before it) in its own.
    assert 0 < moscow_times["drift"] < 1
    # Said on 2015-09-15 at 09:00+03:00 (a day's precision), published at 12:00+03:00.
    assert moscow_times["delay_s"] == 3 * 3600
    assert moscow_times["archive_url"] == ARCHIVE
    read = (await client.get(f"/v1/statements/{denial['id']}")).json()
    assert read == denial
    listed = (await client.get("/v1/statements", params={"responds_to": post["id"]})).json()
    assert [item["id"] for item in listed["items"]] == [denial["id"]]
    assert listed["items"][0] == denial


async def test_a_relay_without_a_quote_takes_no_drift_and_the_next_compares_with_the_text(
    client: AsyncClient,
) -> None:
    await _submit(client, ELTON_JOHN_POST)
    body = _said(
        "Putin  did NOT call him.",
        "2015-09-15T09:00:00Z",
        via=[
            {"source": {"name": "TASS"}, "published_at": "2015-09-15T08:59:59.5Z"},
            {"source": {"name": "RIA"}, "quote": "putin did not call him."},
            {"source": {"name": "BBC"}, "quote": "Putin did not call him at all."},
        ],
    )
    shown = (await _submit(client, body))["via"]
    assert [hop["drift"] for hop in shown[:2]] == [None, 0.0]
    expected = (
        1
        - SequenceMatcher(
            None, "putin did not call him at all.", "putin did not call him.", autojunk=False
        ).ratio()
    )
    assert shown[2]["drift"] == round(expected, 3)
    # Half a second before `said_at` is truncated toward zero.
    assert [hop["delay_s"] for hop in shown] == [0, None, None]


async def test_links_name_statements_of_the_same_event(client: AsyncClient) -> None:
    post = await _submit(client, ELTON_JOHN_POST)
    other = await _submit(
        client,
        {**_said("Unrelated.", "2015-09-12T12:00:00Z"), "event": {"slug": "bbc", "title": "BBC"}},
    )
    missing = "01890000-0000-7000-8000-000000000000"
    cases = [
        ({"responds_to": other["id"]}, ["body", "responds_to"], "another event"),
        ({"responds_to": missing}, ["body", "responds_to"], "no statement"),
        ({"based_on": [post["id"], other["id"]]}, ["body", "based_on", 1], "another event"),
        ({"based_on": [missing]}, ["body", "based_on", 0], "no statement"),
        ({"based_on": [post["id"], post["id"]]}, ["body", "based_on", 1], "twice"),
        ({"responds_to": "not-an-id"}, ["body", "responds_to"], ""),
        ({"based_on": [post["id"]] * 21}, ["body", "based_on"], ""),
        ({"via": [{"source": "tass", "quote": "x" * 10_001}]}, ["body", "via", 0, "quote"], ""),
        ({"archive_url": "ftp://example.com/"}, ["body", "archive_url"], ""),
    ]
    before = (await client.get("/v1/statements", params={"limit": 200})).json()["items"]
    for extra, loc, words in cases:
        response = await client.post(
            "/v1/statements", json=_said("A denial.", "2015-09-15T09:00:00Z", **extra)
        )
        assert response.status_code == 422, (extra, response.text)
        problem = response.json()
        assert problem["errors"][0]["loc"] == loc, (extra, problem)
        assert words in problem["errors"][0]["msg"], (extra, problem)
    after = (await client.get("/v1/statements", params={"limit": 200})).json()["items"]
    assert after == before
    based = await _submit(
        client, _said("As Elton said.", "2015-09-15T09:00:00Z", based_on=[post["id"]])
    )
    assert based["based_on"] == [post["id"]]


async def test_a_thread_shows_what_a_statement_answers_and_every_answer(
    client: AsyncClient,
) -> None:
    post = await _submit(client, ELTON_JOHN_POST)
    denial = await _submit(client, {**PESKOV_DENIAL, "responds_to": post["id"]})
    # A counter said earlier than the denial (a day's precision) but recorded after it.
    counter = await _submit(
        client,
        {
            **_said("He did call.", "2015-09-15T00:00:00Z", said_at_precision="day"),
            "speaker": {"name": "Elton John"},
            "responds_to": denial["id"],
        },
    )
    aside = await _submit(
        client, {**_said("No comment.", "2015-09-16T00:00:00Z"), "responds_to": post["id"]}
    )
    retraction = await client.request(
        "DELETE", f"/v1/statements/{aside['id']}", json={"reason": "Wrong speaker."}
    )
    assert retraction.status_code == 200

    thread = (await client.get(f"/v1/statements/{denial['id']}/thread")).json()
    assert [item["statement"]["id"] for item in thread["ancestors"]] == [post["id"]]
    assert thread["statement"]["statement"]["id"] == denial["id"]
    assert thread["statement"]["party"]["name"] == "Kremlin"
    assert [item["statement"]["id"] for item in thread["answers"]] == [counter["id"]]

    root = (await client.get(f"/v1/statements/{post['id']}/thread")).json()
    assert root["ancestors"] == []
    # Timeline order: the counter (said on the 15th at 00:00) before the denial (09:00).
    assert [item["statement"]["id"] for item in root["answers"]] == [
        counter["id"],
        denial["id"],
        aside["id"],
    ]
    shown_aside = root["answers"][2]
    assert shown_aside["statement"]["retraction_reason"] == "Wrong speaker."
    timeline = (
        await client.get(f"/v1/events/{EVENT_SLUG}/timeline", params={"include_retracted": "true"})
    ).json()
    by_id = {item["statement"]["id"]: item for item in timeline["items"]}
    for item in [*root["answers"], root["statement"]]:
        assert item == by_id[item["statement"]["id"]]

    missing = await client.get("/v1/statements/01890000-0000-7000-8000-000000000000/thread")
    assert missing.status_code == 404
    assert (await client.get("/v1/statements/nope/thread")).status_code == 404


async def test_the_statement_list_at_a_moment(client: AsyncClient) -> None:
    post = await _submit(client, ELTON_JOHN_POST)
    denial = await _submit(client, PESKOV_DENIAL)
    retraction = await client.request(
        "DELETE", f"/v1/statements/{post['id']}", json={"reason": "Misread."}
    )
    retracted_at = retraction.json()["retracted_at"]

    async def listed(known_at: str, **params: str) -> list[dict[str, Any]]:
        response = await client.get(
            "/v1/statements", params={"known_at": known_at, "event": EVENT_SLUG, **params}
        )
        assert response.status_code == 200, response.text
        return list(response.json()["items"])

    at_post = await listed(post["recorded_at"])
    assert [item["id"] for item in at_post] == [post["id"]]
    assert at_post[0]["retracted_at"] is None
    assert at_post[0]["retraction_reason"] is None
    before = await listed(post["recorded_at"].replace("Z", "+00:01"))
    assert before == []
    assert [item["id"] for item in await listed(retracted_at)] == [denial["id"]]
    with_retracted = await listed(retracted_at, include_retracted="true")
    assert [item["id"] for item in with_retracted] == [post["id"], denial["id"]]
    assert with_retracted[0]["retraction_reason"] == "Misread."
    naive = await client.get("/v1/statements", params={"known_at": "2015-09-15T09:00:00"})
    assert naive.status_code == 422
    assert naive.json()["errors"][0]["loc"] == ["query", "known_at"]


async def test_an_imported_statement_cannot_be_based_on_itself_or_a_later_line(
    session: AsyncSession,
) -> None:
    own, later = uuid.UUID(int=(1 << 76) | 7), uuid.UUID(int=(1 << 76) | 8)

    def line(statement_id: uuid.UUID, **links: Any) -> StatementImport:
        return StatementImport.model_validate(
            {**_said("Said.", "2015-09-15T09:00:00Z"), "id": str(statement_id), **links}
        )

    await statement_service.record(
        session=session, items=[line(own, event={"slug": EVENT_SLUG, "title": "T"})], locs=[[0]]
    )
    cases = [
        (line(later, based_on=[str(later)]), [0, "based_on", 0], "itself"),
        (line(later, responds_to=str(later)), [0, "responds_to"], "itself"),
        (line(own), [0, "id"], "exists"),
    ]
    for item, loc, words in cases:
        with pytest.raises(InvalidInput, match=words) as raised:
            await statement_service.record(session=session, items=[item], locs=[[0]])
        assert raised.value.loc == loc
    # A line may name one before it in the same batch, never one after it.
    after = uuid.UUID(int=(1 << 76) | 9)
    with pytest.raises(InvalidInput, match="no statement"):
        await statement_service.record(
            session=session,
            items=[line(later, based_on=[str(after)]), line(after)],
            locs=[[0], [1]],
        )
    recorded = await statement_service.record(
        session=session,
        items=[line(later), line(after, based_on=[str(later)], responds_to=str(own))],
        locs=[[0], [1]],
    )
    assert recorded.documents[1]["based_on"] == [str(later)]
    assert recorded.documents[1]["responds_to"] == str(own)
