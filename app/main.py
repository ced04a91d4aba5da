"""The application factory."""

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.middleware.cors import CORSMiddleware

from app.changes.feed import ChangeFeed
from app.claims.router import router as claims_router
from app.comparisons.router import router as comparisons_router
from app.config import Settings, get_settings
from app.errors import install_error_handlers
from app.events.router import router as events_router
from app.health.router import router as health_router
from app.kit.body_limit import BodyLimitMiddleware
from app.kit.db import Database
from app.kit.metrics import Metrics, MetricsMiddleware
from app.kit.openapi import finish
from app.kit.rate_limit import limiter_for
from app.kit.request_log import RequestIdMiddleware
from app.kit.routing import HeadAsGetMiddleware
from app.kit.security import SecurityHeadersMiddleware, cors_options
from app.provenance.router import router as provenance_router
from app.reviews.router import router as reviews_router
from app.sources.router import router as sources_router
from app.statements.router import event_exports_router
from app.statements.router import router as statements_router
from app.streams.broadcast import Broadcaster
from app.streams.router import router as streams_router
from app.timelines.router import router as timelines_router
from app.web.router import router as web_router
from app.web.router import static as web_static

API_DESCRIPTION = """\
Claimline tracks who claimed what about a news event, when, and who contradicts whom.

Errors are `application/problem+json` (RFC 9457). Lists are keyset-paginated: pass the
`next_cursor` of one page as `cursor` to get the next. Single resources carry an `ETag`.
"""

logger = logging.getLogger("claimline")
# Young-generation collections run after this many net allocations (Python's default: 700).
GC_YOUNG_THRESHOLD = 20_000


def operation_id(route: APIRoute) -> str:
    """Operation ids are the endpoint function names, so generated SDKs get clean method names."""
    return route.name


AUTH_MODES = {
    "off": "off, no request needs an API key (CLAIMLINE_AUTH=off)",
    "writes": "reads are open, every write needs an API key (CLAIMLINE_AUTH=writes)",
    "all": "every API request needs an API key (CLAIMLINE_AUTH=all)",
}


def settle_garbage_collector() -> None:
    """Once started, move every long-lived object out of the collector's sight and collect less
    often: a request allocates thousands of short-lived objects, and each young-generation
    collection would otherwise rescan them along with everything loaded at start-up."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; the lifespan opens the database and closes it on shutdown."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.database = Database.from_settings(settings)
        # Told of changes from the start (best effort: views are computed until it is).
        await app.state.change_feed.start(app.state.database.readers)
        logger.info("claimline serving with the %s store", settings.database.get_backend_name())
        logger.info("authentication: %s", AUTH_MODES[settings.auth])
        settle_garbage_collector()
        try:
            yield
        finally:
            await app.state.change_feed.close()
            await app.state.database.dispose()
            if app.state.limiter is not None:
                await app.state.limiter.close()

    app = FastAPI(
        title="Claimline",
        version="1.0.0",
        description=API_DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        openapi_tags=[
            {"name": "sources", "description": "People, organizations and outlets."},
            {"name": "events", "description": "News events that statements are about."},
            {"name": "claims", "description": "Checkable propositions about one event."},
            {
                "name": "statements",
                "description": "Who said what, when, through whom, taking which stances. "
                "Immutable once recorded; a correction is a new statement plus a retraction.",
            },
            {
                "name": "views",
                "description": "The claim timeline and the comparison of sources, derived from "
                "the statements that are not retracted.",
            },
            {"name": "health", "description": "Probes for balancers and orchestrators."},
        ],
    )
    app.state.settings = settings
    app.state.limiter = limiter_for(settings)
    # The instance's rendered views and stream waiters; it learns which database tells it of
    # changes from the lifespan, or from the first request that needs it (tests run no lifespan).
    feed = app.state.change_feed = ChangeFeed(None)
    app.state.after_commit = feed.committed
    app.state.broadcaster = Broadcaster()
    app.add_middleware(
        BodyLimitMiddleware,
        limit=settings.max_body_bytes,
        batch_limit=settings.max_batch_body_bytes,
    )
    app.add_middleware(HeadAsGetMiddleware)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, **cors_options(settings.cors_origins))
    app.add_middleware(SecurityHeadersMiddleware)
    app.state.metrics = Metrics(app)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)
    # Routes are matched in order: the most requested first.
    routers = [
        statements_router,
        timelines_router,
        comparisons_router,
        events_router,
        event_exports_router,
        claims_router,
        provenance_router,
        reviews_router,
        sources_router,
        streams_router,
        health_router,
        web_router,
    ]
    for router in routers:
        app.include_router(router)
    app.mount("/static", web_static, name="static")
    app.state.route_methods = [
        (route.path_regex, route.methods)
        for router in routers
        for route in router.routes
        if isinstance(route, APIRoute)
    ]

    default_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = finish(default_openapi(), settings.auth)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
