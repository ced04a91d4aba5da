"""Prometheus metrics of one instance, at `/metrics`: requests by route and status, their
latency, the database pools' use, and the statements recorded and retracted.

Each instance counts its own requests (the service keeps no shared state); Prometheus scrapes
every instance and sums them (`sum by (route, status) (rate(claimline_requests_total[5m]))`).
"""

import time
from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

METRICS_MEDIA_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Latency buckets, in seconds: from a cached read to a large batch.
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
# What a request that matched no route is counted under (raw paths would grow without bound).
UNMATCHED = "unmatched"
RECORDED_KEY = "claimline.statements_recorded"
RETRACTED_KEY = "claimline.statements_retracted"


class _PoolCollector(Collector):
    """The database pools' connections, read when Prometheus scrapes."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def collect(self) -> Iterator[GaugeMetricFamily]:
        size = GaugeMetricFamily(
            "claimline_db_pool_size", "Connections a pool keeps open.", labels=["pool"]
        )
        in_use = GaugeMetricFamily(
            "claimline_db_pool_in_use", "Connections of a pool in use now.", labels=["pool"]
        )
        database = getattr(self.app.state, "database", None)
        if database is not None:
            for name, engine in (("write", database.write_engine), ("read", database.read_engine)):
                pool = engine.pool
                size.add_metric([name], float(getattr(pool, "size", lambda: 0)()))
                in_use.add_metric([name], float(getattr(pool, "checkedout", lambda: 0)()))
            readers = database.readers.pool
            if readers is not None:
                size.add_metric(["readers"], float(readers.get_size()))
                in_use.add_metric(["readers"], float(readers.get_size() - readers.get_idle_size()))
        yield size
        yield in_use


class _ViewsCollector(Collector):
    """The rendered views kept (`app.changes.cache`) and the streams' reads, read when
    Prometheus scrapes (duck-typed: the plumbing knows no domain)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily]:
        cache = getattr(getattr(self.app.state, "change_feed", None), "cache", None)
        if cache is not None:
            yield CounterMetricFamily(
                "claimline_view_cache_hits", "Views served as kept.", value=cache.hits
            )
            yield CounterMetricFamily(
                "claimline_view_cache_misses", "Views computed.", value=cache.misses
            )
        broadcaster = getattr(self.app.state, "broadcaster", None)
        if broadcaster is not None:
            yield CounterMetricFamily(
                "claimline_stream_reads",
                "Reads of events' changes by the streams (one for all subscribers of an event).",
                value=broadcaster.total_reads,
            )
            yield GaugeMetricFamily(
                "claimline_stream_subscribers",
                "Streams open now.",
                value=broadcaster.subscribers,
            )


class Metrics:
    """The metrics of one app, in a registry of its own."""

    def __init__(self, app: Any) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "claimline_requests",
            "HTTP requests answered, by route template, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "claimline_request_duration_seconds",
            "Time to answer a request, by route template and method.",
            ["route", "method"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.recorded = Counter(
            "claimline_statements_recorded",
            "Statements recorded (committed), single or in batches.",
            registry=self.registry,
        )
        self.retracted = Counter(
            "claimline_statements_retracted", "Statements retracted.", registry=self.registry
        )
        self.registry.register(_PoolCollector(app))
        self.registry.register(_ViewsCollector(app))

    def committed(self, request: Request) -> None:
        """Count what a request's committed transaction recorded."""
        self.recorded.inc(request.scope.get(RECORDED_KEY, 0))
        self.retracted.inc(request.scope.get(RETRACTED_KEY, 0))

    def render(self) -> Response:
        """The text exposition format."""
        return Response(generate_latest(self.registry), media_type=METRICS_MEDIA_TYPE)


class MetricsMiddleware:
    """Times each request and counts it by the route it matched (innermost: the router has set
    `scope["route"]` by the time the answer starts)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or UNMATCHED
            method = scope["method"]
            self.metrics.requests.labels(template, method, str(status)).inc()
            self.metrics.latency.labels(template, method).observe(time.perf_counter() - started)
