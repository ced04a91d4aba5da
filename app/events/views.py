"""An event's views rendered once per change (`app.changes.views`), the event named by id or
slug: what the event, claims, timeline and comparison routes share."""

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from app.changes import views
from app.events import queries
from app.kit.db import Database
from app.kit.etags import etag_of_document
from app.kit.reader import Reader

Document = views.Document


async def serve(
    request: Request,
    database: Database,
    *,
    kind: str,
    event: str,
    render: Callable[[Reader, Document], Awaitable[Document]],
    etag: Callable[[Document], str] = etag_of_document,
) -> Response:
    """The view `kind` of the event `event` (id or slug), kept or rendered by `render`."""
    return await views.serve(
        request,
        database,
        kind=kind,
        ref=event,
        resolve=lambda reader: queries.document(reader=reader, ref=event),
        render=render,
        etag=etag,
    )
