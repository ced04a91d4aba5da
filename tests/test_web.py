"""The web pages in a real browser (Playwright driving Debian's Chromium, headless), on each store:
the seed story's timeline and comparison, live updates from a statement posted to another
instance, a bigger event loaded page by page as the reader scrolls (both ways, by keyboard too)
with a bounded number of requests, axe-core finding no serious or critical accessibility
violation, and screenshots at desktop and phone widths in tests/artifacts/ (not committed)."""

import json
import shutil
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, ConsoleMessage, Page, ViewportSize, async_playwright

from tests.conftest import PROJECT_ROOT
from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = PROJECT_ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    assert shutil.which(CHROMIUM), "Chromium is needed: `make test` installs Debian's package"
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        await launched.close()


async def _open(browser: Browser, url: str, viewport: ViewportSize) -> Page:
    # axe-core is injected as a script, which the pages' Content-Security-Policy would refuse.
    context = await browser.new_context(viewport=viewport, bypass_csp=True)
    page = await context.new_page()
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", console)
    await page.goto(url)
    await page.wait_for_selector("body[data-ready=yes]", timeout=15_000)
    assert errors == []
    return page


async def _serious_violations(page: Page) -> list[dict[str, Any]]:
    await page.add_script_tag(path=str(AXE))
    result = await page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": violation["id"], "impact": violation["impact"], "help": violation["help"]}
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


async def test_the_seed_story_in_a_browser(
    servers: list[str], browser: Browser, backend: str
) -> None:
    first, second = servers
    async with httpx.AsyncClient(timeout=30) as client:
        for body in (ELTON_JOHN_POST, PESKOV_DENIAL):
            assert (await client.post(f"{first}/v1/statements", json=body)).status_code == 201
    ARTIFACTS.mkdir(exist_ok=True)

    page = await _open(browser, f"{first}/events/{EVENT_SLUG}", DESKTOP)
    paint = await page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0].startTime"
    )
    (ARTIFACTS / f"first-paint-{backend}.json").write_text(json.dumps({"ms": paint}))
    # The claim went open -> asserted -> contested, each change with who made it.
    band = page.locator(".band-row", has_text="Putin phoned Elton John")
    assert await band.locator(".segment-status").all_inner_texts() == [
        "OPEN",
        "ASSERTED",
        "CONTESTED",
    ]
    assert "Kremlin" in await band.locator(".segment").nth(2).inner_text()
    statements = page.locator("#timeline > li")
    assert await statements.count() == 2
    kremlin = statements.nth(1)
    assert "via TASS → The Moscow Times" in await kremlin.inner_text()
    assert "first mention" in await statements.nth(0).inner_text()
    assert await _serious_violations(page) == []
    await page.screenshot(path=ARTIFACTS / f"timeline-desktop-{backend}.png", full_page=True)

    await page.get_by_role("tab", name="Comparison").click()
    matrix = page.locator("#matrix")
    row = {
        name: await matrix.locator("tr", has_text=name).locator("td").inner_text()
        for name in ("Elton John", "Kremlin")
    }
    assert "supports" in row["Elton John"]
    assert "refutes" in row["Kremlin"]
    assert "TASS" in await page.locator("#relays").inner_text()
    assert "disagree on 1" in await page.locator("#agreement").inner_text()
    # The time slider: as of Elton John's post, only he had a position.
    await page.locator("#as-of").fill("0")
    await page.wait_for_function(
        "!document.querySelector('#matrix').textContent.includes('Kremlin')"
    )
    await page.locator("#as-of").fill("1000")
    await page.wait_for_function(
        "document.querySelector('#matrix').textContent.includes('Kremlin')"
    )
    assert await _serious_violations(page) == []
    await page.screenshot(path=ARTIFACTS / f"comparison-desktop-{backend}.png", full_page=True)

    # Live: a statement posted to the other instance shows up without a reload.
    await page.get_by_role("tab", name="Timeline").click()
    await page.wait_for_selector("body[data-live=on]")
    reversal = {
        **ELTON_JOHN_POST,
        "said_at": "2015-09-16T10:00:00Z",
        "text": "It was a prank call, I now know.",
        "claims": [{"claim": {"text": "Putin phoned Elton John"}, "stance": "refutes"}],
    }
    async with httpx.AsyncClient(timeout=30) as client:
        posted = await client.post(f"{second}/v1/statements", json=reversal)
        assert posted.status_code == 201
    await page.wait_for_function(
        "document.querySelectorAll('#timeline > li').length === 3", timeout=15_000
    )
    assert "New statement by Elton John" in await page.locator("#live").inner_text()
    latest = await statements.nth(2).inner_text()
    assert "reversal" in latest
    assert "→ denied" in latest
    await page.screenshot(path=ARTIFACTS / f"timeline-live-desktop-{backend}.png", full_page=True)

    # A retraction, live too: gone from the timeline, struck through with its reason when shown.
    async with httpx.AsyncClient(timeout=30) as client:
        retracted = await client.request(
            "DELETE",
            f"{second}/v1/statements/{posted.json()['id']}",
            json={"reason": "Posted by mistake."},
        )
        assert retracted.status_code == 200
    await page.wait_for_function(
        "document.querySelectorAll('#timeline > li').length === 2", timeout=15_000
    )
    await page.get_by_label("Show retracted statements").check()
    await page.wait_for_selector("#timeline > li.retracted")
    struck = page.locator("#timeline > li.retracted")
    assert "Retracted: Posted by mistake." in await struck.inner_text()
    assert await struck.locator("del").inner_text() == reversal["text"]
    await page.screenshot(
        path=ARTIFACTS / f"timeline-retracted-desktop-{backend}.png", full_page=True
    )

    phone = await _open(browser, f"{first}/events/{EVENT_SLUG}", PHONE)
    assert await _serious_violations(phone) == []
    await phone.screenshot(path=ARTIFACTS / f"timeline-phone-{backend}.png", full_page=True)
    await phone.get_by_role("tab", name="Comparison").click()
    await phone.screenshot(path=ARTIFACTS / f"comparison-phone-{backend}.png", full_page=True)


async def test_threads_echoes_wording_and_known_at_in_a_browser(
    servers: list[str], browser: Browser, backend: str
) -> None:
    first, _ = servers
    async with httpx.AsyncClient(timeout=30) as client:
        post = (await client.post(f"{first}/v1/statements", json=ELTON_JOHN_POST)).json()
        denial = await client.post(
            f"{first}/v1/statements", json={**PESKOV_DENIAL, "responds_to": post["id"]}
        )
        assert denial.status_code == 201
        echo = {
            "event": EVENT_SLUG,
            "speaker": {"name": "A blogger"},
            "text": "Elton John says Putin called him.",
            "said_at": "2015-09-16T08:00:00Z",
            "based_on": [post["id"]],
            "claims": [{"claim": {"text": "Putin phoned Elton John"}, "stance": "supports"}],
        }
        echoed = await client.post(f"{first}/v1/statements", json=echo)
        assert echoed.status_code == 201
        claim_id = post["stances"][0]["claim_id"]
        review = {
            "reviewer": {"name": "A fact-checking desk", "kind": "organization"},
            "rating": "False",
            "url": "https://factcheck.example/putin-elton-john",
            "published_at": "2015-09-16T10:00:00Z",
        }
        reviewed = await client.post(f"{first}/v1/claims/{claim_id}/reviews", json=review)
        assert reviewed.status_code == 201
    ARTIFACTS.mkdir(exist_ok=True)
    context = await browser.new_context(viewport=DESKTOP, bypass_csp=True, timezone_id="UTC")
    page = await context.new_page()
    await page.goto(f"{first}/events/{EVENT_SLUG}")
    await page.wait_for_selector("body[data-ready=yes]")
    statements = page.locator("#timeline > li")
    kremlin = statements.nth(1)
    # The answer links to what it answers, and going there focuses it.
    link = kremlin.get_by_role("link", name="Elton John's statement")
    assert "In answer to Elton John's statement" in await kremlin.inner_text()
    await link.focus()
    await page.keyboard.press("Enter")
    await page.wait_for_function(
        f"document.activeElement && document.activeElement.id === 's-{post['id']}'"
    )
    relays = kremlin.get_by_role("list", name="Relays and their wording")
    wording = await relays.inner_text()
    assert "The Moscow Times 3 h after" in wording
    assert PESKOV_DENIAL["via"][0]["quote"] in wording
    assert "% changed" in wording
    assert "Based on 1 earlier statement" in await statements.nth(2).inner_text()
    assert await _serious_violations(page) == []
    await page.screenshot(path=ARTIFACTS / f"thread-desktop-{backend}.png", full_page=True)

    await page.get_by_role("tab", name="Comparison").click()
    matrix = page.locator("#matrix")
    assert "echo" in await matrix.locator("tr", has_text="A blogger").locator("td").inner_text()
    assert (
        "echo" not in await matrix.locator("tr", has_text="Elton John").locator("td").inner_text()
    )
    assert "independent: 1 for, 1 against" in await matrix.locator("thead").inner_text()
    # The review beside the claim, in the matrix and on its band, linked to the fact check.
    check = matrix.locator("thead").get_by_role("link", name="False")
    assert await check.get_attribute("href") == "https://factcheck.example/putin-elton-john"
    band = page.locator(".band-row", has_text="Putin phoned Elton John")
    assert "Fact checks: False (16 Sept 2015)" in await band.inner_text()
    # As known when Elton John's post was recorded: nobody else had spoken.
    known = post["recorded_at"].removesuffix("Z")[:19]
    await page.get_by_label("Record as known at").fill(known)
    await page.get_by_label("Record as known at").dispatch_event("change")
    await page.wait_for_function(
        "!document.querySelector('#matrix').textContent.includes('Kremlin')"
    )
    assert "A blogger" not in await matrix.inner_text()
    assert await _serious_violations(page) == []
    await page.screenshot(path=ARTIFACTS / f"known-at-desktop-{backend}.png", full_page=True)
    await page.get_by_role("button", name="As known now").click()
    await page.wait_for_function(
        "document.querySelector('#matrix').textContent.includes('Kremlin')"
    )
    await context.close()


async def test_the_events_page(servers: list[str], browser: Browser) -> None:
    first, _ = servers
    async with httpx.AsyncClient(timeout=30) as client:
        event = {"title": "Another story", "tags": ["music"]}
        assert (await client.post(f"{first}/v1/events", json=event)).status_code == 201
        assert (
            await client.post(f"{first}/v1/statements", json=ELTON_JOHN_POST)
        ).status_code == 201
    context = await browser.new_context(viewport=DESKTOP, bypass_csp=True)
    page = await context.new_page()
    await page.goto(f"{first}/")
    await page.wait_for_selector(".event")
    assert await page.locator(".event h2").count() == 2
    await page.get_by_role("textbox", name="Tag").fill("music")
    await page.get_by_role("button", name="Search").click()
    await page.wait_for_function("document.querySelectorAll('.event').length === 1")
    assert await page.locator(".event h2").inner_text() == "Another story"
    assert await _serious_violations(page) == []
    await page.locator(".event a").first.click()
    await page.wait_for_selector("body[data-ready=yes]")
    assert await page.locator("h1").inner_text() == "Another story"


BIG = 700
BIG_EVENT = {"slug": "a-big-story", "title": "A big story"}
BIG_CLAIMS = ["The dam was breached", "The army was nearby", "The warning came late"]


def _big_statement(n: int) -> dict[str, Any]:
    """The n-th statement of the big event: 40 parties taking and changing sides over time."""
    party = n % 40
    return {
        "event": BIG_EVENT,
        "speaker": {"name": f"Spokesperson {party}"},
        "on_behalf_of": {"name": f"Party {party:02d}", "kind": "government"},
        "text": f"Statement number {n}.",
        "said_at": f"2023-06-{6 + n // 240:02d}T{(n // 10) % 24:02d}:{n % 60:02d}:00Z",
        "claims": [
            {
                "claim": {"text": BIG_CLAIMS[(n + k) % 3]},
                "stance": ("supports", "refutes", "questions")[(n // 7 + k + party) % 3],
            }
            for k in range(1 + n % 2)
        ],
    }


def _api_requests(page: Page) -> list[str]:
    """Every request the page makes to the API from now on (the stream included)."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url) if "/v1/" in request.url else None)
    return seen


async def test_a_big_event_loads_as_the_reader_scrolls(
    servers: list[str], browser: Browser, backend: str
) -> None:
    first, second = servers
    async with httpx.AsyncClient(timeout=60) as client:
        bodies = [_big_statement(n) for n in range(BIG)]
        sent = await client.post(f"{first}/v1/statements/batch", json={"statements": bodies})
        assert sent.status_code == 201, sent.text
        ids = [item["id"] for item in sent.json()["statements"]]
        timeline = []
        cursor = None
        while True:
            params: dict[str, Any] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
            got = (
                await client.get(f"{first}/v1/events/a-big-story/timeline", params=params)
            ).json()
            timeline += [item["statement"]["id"] for item in got["items"]]
            cursor = got["next_cursor"]
            if not cursor:
                break
    assert sorted(timeline) == sorted(ids)

    context = await browser.new_context(viewport=DESKTOP, bypass_csp=True)
    page = await context.new_page()
    requests = _api_requests(page)
    await page.goto(f"{first}/events/a-big-story")
    await page.wait_for_selector("body[data-ready=yes]", timeout=15_000)
    await page.wait_for_selector("body[data-live=on]")
    # Bounded: the event, a page of the timeline, its newest statement, the status changes,
    # the comparison and the stream; not the 700 statements.
    assert len(requests) <= 10, requests
    statements = page.locator("#timeline > li.statement")
    assert await statements.count() == 50
    shown = await statements.evaluate_all("items => items.map(item => item.id.slice(2))")
    assert shown == timeline[:50]
    # Every claim has its band, drawn from the points where its status changed.
    assert await page.locator(".band-row").count() == 3
    assert await _serious_violations(page) == []
    await page.screenshot(path=ARTIFACTS / f"big-timeline-desktop-{backend}.png")

    # Scrolling down loads the next pages; the window never holds more than six of them.
    for _ in range(12):
        await page.locator("#timeline > li.statement").last.scroll_into_view_if_needed()
        await page.wait_for_timeout(150)
    await page.wait_for_function(
        "document.querySelectorAll('#timeline > li.statement').length >= 250"
    )
    assert await statements.count() <= 300
    # By keyboard: End goes to the latest statement, then the arrows walk back up through pages.
    await statements.first.focus()
    await page.keyboard.press("End")
    await page.wait_for_function(
        f"document.activeElement.id === 's-{timeline[-1]}'", timeout=10_000
    )
    for _ in range(70):
        await page.keyboard.press("ArrowUp")
    await page.wait_for_function(
        f"document.activeElement.id === 's-{timeline[-71]}'", timeout=10_000
    )
    shown = await statements.evaluate_all("items => items.map(item => item.id.slice(2))")
    # The window is a run of the timeline, in its order, ending with the latest statement.
    start = timeline.index(shown[0])
    assert shown == timeline[start : start + len(shown)]
    assert shown[-1] == timeline[-1]
    await page.keyboard.press("Home")
    await page.wait_for_function(f"document.activeElement.id === 's-{timeline[0]}'")
    # Following a band's change goes to the statement that made it.
    segment = page.locator(".band-row").first.locator("a.segment-by").last
    await segment.click()
    target = await page.evaluate("document.activeElement.id")
    assert target.startswith("s-")
    assert target[2:] in timeline

    # Live, at the latest statements: a new one is shown in place with few requests.
    await page.get_by_role("button", name="Latest statements").click()
    await page.wait_for_function(
        f"document.activeElement.id === 's-{timeline[-1]}'", timeout=10_000
    )
    applied = await page.evaluate("Number(document.body.dataset.applied || 0)")
    before = len(requests)
    newest = {
        **_big_statement(BIG),
        "said_at": "2023-06-30T12:00:00Z",
        "text": "The last word.",
    }
    async with httpx.AsyncClient(timeout=30) as client:
        posted = await client.post(f"{second}/v1/statements", json=newest)
        assert posted.status_code == 201
    await page.wait_for_selector(f"#s-{posted.json()['id']}", timeout=10_000)
    await page.wait_for_function(f"Number(document.body.dataset.applied || 0) > {applied}")
    assert len(requests) - before <= 3, requests[before:]
    assert (await statements.last.get_attribute("id")) == f"s-{posted.json()['id']}"

    # The comparison of 40 parties: a filter on the matrix, the agreement one party at a time.
    await page.get_by_role("tab", name="Comparison").click()
    assert await page.locator("#matrix tbody tr").count() == 40
    await page.get_by_label("Filter parties by name").fill("Party 07")
    await page.wait_for_function("document.querySelectorAll('#matrix tbody tr').length === 1")
    await page.get_by_label("Agreement of").select_option(label="Party 07")
    agreement = page.locator("#agreement > li")
    assert await agreement.count() == 39
    assert "Party 07" not in await agreement.first.inner_text()
    assert await _serious_violations(page) == []
    await page.screenshot(path=ARTIFACTS / f"big-comparison-desktop-{backend}.png")
