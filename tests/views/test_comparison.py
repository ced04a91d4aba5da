"""The comparison of sources, on both stores."""

from typing import Any

from httpx import AsyncClient

from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL
from tests.views.helpers import CALL, EVENT, MEETING, statement, submit


async def _compare(client: AsyncClient, slug: str = EVENT["slug"], **params: Any) -> Any:
    response = await client.get(f"/v1/events/{slug}/comparison", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _names(summaries: list[dict[str, Any]]) -> list[str]:
    return [summary["name"] for summary in summaries]


async def test_seed_story(client: AsyncClient) -> None:
    post, denial = await submit(client, ELTON_JOHN_POST, PESKOV_DENIAL)
    view = await _compare(client, EVENT_SLUG)
    elton, kremlin = post["speaker"]["id"], denial["on_behalf_of"]["id"]
    assert [
        (p["source"]["name"], p["statements"], p["claims_addressed"]) for p in view["parties"]
    ] == [
        ("Elton John", 1, 1),
        ("Kremlin", 1, 1),
    ]
    assert [relay["source"]["name"] for relay in view["relays"]] == ["TASS", "The Moscow Times"]
    assert all(relay["relayed_statements"] == 1 for relay in view["relays"])
    assert all(_names(relay["relayed_parties"]) == ["Kremlin"] for relay in view["relays"])
    [claim] = view["claims"]
    assert claim["status"] == "contested"
    assert claim["positions"] == [
        {
            "source_id": elton,
            "stance": "supports",
            "since": "2015-09-14T15:11:00Z",
            "statement_id": post["id"],
            "changed": False,
            "independent": True,
        },
        {
            "source_id": kremlin,
            "stance": "refutes",
            "since": "2015-09-15T06:00:00Z",
            "statement_id": denial["id"],
            "changed": False,
            "independent": True,
        },
    ]
    assert (claim["independent_supporters"], claim["independent_refuters"]) == (1, 1)
    assert view["agreement"] == [{"a": elton, "b": kremlin, "shared": 1, "agree": 0, "disagree": 1}]
    assert view["contradictions"] == [
        {
            "claim_id": claim["claim_id"],
            "supporting": [
                {"source_id": elton, "statement_id": post["id"], "said_at": "2015-09-14T15:11:00Z"}
            ],
            "refuting": [
                {
                    "source_id": kremlin,
                    "statement_id": denial["id"],
                    "said_at": "2015-09-15T06:00:00Z",
                }
            ],
        }
    ]
    # Peskov spoke for the Kremlin: neither a party nor a relay.
    assert "Dmitry Peskov" not in _names(
        [p["source"] for p in view["parties"]] + [r["source"] for r in view["relays"]]
    )


async def test_sources_with_one_party(client: AsyncClient) -> None:
    await submit(client, ELTON_JOHN_POST, PESKOV_DENIAL)
    view = await _compare(client, EVENT_SLUG, sources="kremlin")
    assert _names([party["source"] for party in view["parties"]]) == ["Kremlin"]
    assert view["claims"][0]["status"] == "denied"
    assert view["agreement"] == []
    assert view["contradictions"] == []
    assert _names([relay["source"] for relay in view["relays"]]) == ["TASS", "The Moscow Times"]
    both = await _compare(client, EVENT_SLUG, sources="kremlin, elton-john")
    assert both["claims"][0]["status"] == "contested"
    assert await _compare(client, EVENT_SLUG, sources=" , ") == await _compare(client, EVENT_SLUG)
    bad = await client.get(f"/v1/events/{EVENT_SLUG}/comparison", params={"sources": "nobody"})
    assert bad.status_code == 422


async def test_as_of_before_the_denial(client: AsyncClient) -> None:
    await submit(client, ELTON_JOHN_POST, PESKOV_DENIAL)
    view = await _compare(client, EVENT_SLUG, as_of="2015-09-15T00:00:00Z")
    assert _names([party["source"] for party in view["parties"]]) == ["Elton John"]
    assert view["relays"] == []
    assert view["claims"][0]["status"] == "asserted"
    assert view["contradictions"] == []
    exactly = await _compare(client, EVENT_SLUG, as_of="2015-09-15T09:00:00+03:00")
    assert exactly["claims"][0]["status"] == "contested"
    for as_of in ["2015-09-15T00:00:00", "0.5", "1442275200"]:
        refused = await client.get(f"/v1/events/{EVENT_SLUG}/comparison", params={"as_of": as_of})
        assert refused.status_code == 422, as_of


async def test_positions_since_changed_and_sides(client: AsyncClient) -> None:
    recorded = await submit(
        client,
        statement("Elton John", "2015-09-14T10:00:00Z", (CALL, "supports")),
        statement("Elton John", "2015-09-14T11:00:00Z", (CALL, "supports")),
        statement("Kremlin", "2015-09-14T12:00:00Z", (CALL, "refutes"), (MEETING, "refutes")),
        statement("Kremlin", "2015-09-14T13:00:00Z", (CALL, "neutral")),
        statement("BBC", "2015-09-14T14:00:00Z", (MEETING, "supports"), (CALL, "refutes")),
        statement("BBC", "2015-09-14T15:00:00Z", (CALL, "supports")),
    )
    await client.post(f"/v1/events/{EVENT['slug']}/claims", json={"text": "Putin laughed"})
    view = await _compare(client)
    ids = [item["id"] for item in recorded]
    call, meeting, laughed = view["claims"]
    assert (call["text"], meeting["text"], laughed["text"]) == (CALL, MEETING, "Putin laughed")
    assert laughed == {**laughed, "status": "open", "positions": []}
    positions = {p["source_id"]: p for p in call["positions"]}
    by_name = {party["source"]["name"]: party["source"]["id"] for party in view["parties"]}
    assert _names([party["source"] for party in view["parties"]]) == [
        "BBC",
        "Elton John",
        "Kremlin",
    ]
    elton = positions[by_name["Elton John"]]
    assert (elton["stance"], elton["statement_id"], elton["changed"]) == ("supports", ids[0], False)
    kremlin = positions[by_name["Kremlin"]]
    assert (kremlin["stance"], kremlin["statement_id"]) == ("neutral", ids[3])
    bbc = positions[by_name["BBC"]]
    assert (bbc["stance"], bbc["statement_id"], bbc["changed"]) == ("supports", ids[5], True)
    assert [p["source_id"] for p in call["positions"]] == [
        by_name[n] for n in ("BBC", "Elton John", "Kremlin")
    ]
    assert call["status"] == "contested"
    [contradiction_call, contradiction_meeting] = view["contradictions"]
    assert contradiction_call["claim_id"] == call["claim_id"]
    assert [s["source_id"] for s in contradiction_call["supporting"]] == [
        by_name["BBC"],
        by_name["Elton John"],
    ]
    # The Kremlin's later neutral keeps its side, held since its refutation.
    assert contradiction_call["refuting"] == [
        {"source_id": by_name["Kremlin"], "statement_id": ids[2], "said_at": "2015-09-14T12:00:00Z"}
    ]
    assert contradiction_meeting["claim_id"] == meeting["claim_id"]
    agreement = {(pair["a"], pair["b"]): pair for pair in view["agreement"]}
    bbc_elton = agreement[(by_name["BBC"], by_name["Elton John"])]
    assert (bbc_elton["shared"], bbc_elton["agree"], bbc_elton["disagree"]) == (1, 1, 0)
    bbc_kremlin = agreement[(by_name["BBC"], by_name["Kremlin"])]
    assert (bbc_kremlin["shared"], bbc_kremlin["agree"], bbc_kremlin["disagree"]) == (2, 0, 2)
    elton_kremlin = agreement[(by_name["Elton John"], by_name["Kremlin"])]
    assert (elton_kremlin["shared"], elton_kremlin["disagree"]) == (1, 1)
    assert list(agreement) == sorted(agreement, key=lambda pair: [view_name(view, s) for s in pair])


def view_name(view: Any, source_id: str) -> str:
    names = {p["source"]["id"]: p["source"]["name"].casefold() for p in view["parties"]}
    return str(names[source_id])


async def test_confirmations_that_repeat_one_briefing_are_one_voice(client: AsyncClient) -> None:
    claim = {"claim": {"text": "The convoy was struck from the air"}, "stance": "supports"}

    def said(speaker: str, minute: int, **extra: Any) -> dict[str, Any]:
        return {
            "event": {"slug": "convoy", "title": "A convoy is struck"},
            "speaker": {"name": speaker, "kind": "government"},
            "text": f"{speaker} confirms it.",
            "said_at": f"2016-09-20T10:{minute:02d}:00Z",
            "claims": [claim],
            **extra,
        }

    [briefing] = await submit(client, said("Intelligence service", 0))
    ally, friend = await submit(
        client,
        said("Government A", 1, based_on=[briefing["id"]]),
        said("Government B", 2, based_on=[briefing["id"]]),
    )
    # C repeats B, which repeats the briefing: an echo two links away.
    [third] = await submit(client, said("Government C", 3, based_on=[friend["id"]]))
    [denial] = await submit(
        client,
        {**said("Government D", 4), "claims": [{**claim, "stance": "refutes"}]},
    )
    view = await _compare(client, "convoy")
    [compared] = view["claims"]
    names = {p["source"]["id"]: p["source"]["name"] for p in view["parties"]}
    voices = {names[p["source_id"]]: p["independent"] for p in compared["positions"]}
    assert voices == {
        "Intelligence service": True,
        "Government A": False,
        "Government B": False,
        "Government C": False,
        "Government D": True,
    }
    assert (compared["independent_supporters"], compared["independent_refuters"]) == (1, 1)

    # Government A then says it again on its own: its side is now held independently.
    [again] = await submit(client, said("Government A", 5))
    view = await _compare(client, "convoy")
    voices = {names[p["source_id"]]: p["independent"] for p in view["claims"][0]["positions"]}
    assert voices["Government A"] is True
    assert view["claims"][0]["independent_supporters"] == 2
    # Before it, as of minute 4, A was an echo; the briefing's retraction breaks every chain.
    early = await _compare(client, "convoy", as_of="2016-09-20T10:04:00Z")
    assert early["claims"][0]["independent_supporters"] == 1
    retracted = await client.request(
        "DELETE", f"/v1/statements/{briefing['id']}", json={"reason": "Unsourced."}
    )
    assert retracted.status_code == 200
    view = await _compare(client, "convoy")
    voices = {names[p["source_id"]]: p["independent"] for p in view["claims"][0]["positions"]}
    assert voices == {
        "Government A": True,
        "Government B": True,
        "Government C": False,
        "Government D": True,
    }
    # Only C and B listed: B's basis is not kept, so B is independent and C echoes B.
    listed = await _compare(client, "convoy", sources=f"{third['speaker']['slug']},government-b")
    shown = sorted(p["independent"] for p in listed["claims"][0]["positions"])
    assert shown == [False, True]
    # A neutral statement later does not change whether D's side is independent.
    await submit(client, {**said("Government D", 6), "claims": [{**claim, "stance": "neutral"}]})
    view = await _compare(client, "convoy")
    d = next(p for p in view["claims"][0]["positions"] if names[p["source_id"]] == "Government D")
    assert (d["stance"], d["independent"]) == ("neutral", True)
    del ally, denial, again
