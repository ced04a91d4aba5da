"""The web pages: static HTML, CSS and ES modules served as they are (no build step), built only
on the public API. `/` lists events, `/events/{event}` shows an event's timeline and comparison
and keeps them live through the event's stream."""

from functools import cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

HERE = Path(__file__).parent
# The pages load their own scripts, styles and API answers, and nothing else.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

router = APIRouter(include_in_schema=False)
static = StaticFiles(directory=HERE / "static")


@cache
def _page(name: str) -> bytes:
    return (HERE / "pages" / name).read_bytes()


def _html(name: str) -> HTMLResponse:
    return HTMLResponse(
        _page(name),
        headers={"Content-Security-Policy": PAGE_POLICY, "Cache-Control": "no-cache"},
    )


@router.get("/")
async def events_page() -> HTMLResponse:
    """The list of events."""
    return _html("index.html")


@router.get("/events/{event}")
async def event_page(event: str) -> HTMLResponse:
    """One event: the page reads the event's id or slug from its own address."""
    return _html("event.html")
