"""`/metrics`: requests by route and status, latency, pools, statements recorded and retracted."""

from httpx import AsyncClient
from prometheus_client.parser import text_string_to_metric_families

from tests.seed import ELTON_JOHN_POST, PESKOV_DENIAL


async def _samples(client: AsyncClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def _requests(route: str, method: str, status: str) -> tuple[str, frozenset[tuple[str, str]]]:
    labels = {"route": route, "method": method, "status": status}
    return "claimline_requests_total", frozenset(labels.items())


async def test_metrics_count_requests_statements_and_pools(client: AsyncClient) -> None:
    keyed = {"Idempotency-Key": "metrics-1"}
    first = await client.post("/v1/statements", json=ELTON_JOHN_POST, headers=keyed)
    assert first.status_code == 201
    replay = await client.post("/v1/statements", json=ELTON_JOHN_POST, headers=keyed)
    assert replay.status_code == 201  # a replay records nothing
    batch = {"statements": [PESKOV_DENIAL, {**PESKOV_DENIAL, "said_at": "2015-09-16T00:00:00Z"}]}
    assert (await client.post("/v1/statements/batch", json=batch)).status_code == 201
    refused = await client.post("/v1/statements", json={**ELTON_JOHN_POST, "said_at": "soon"})
    assert refused.status_code == 422
    retracted = await client.request(
        "DELETE", f"/v1/statements/{first.json()['id']}", json={"reason": "Test."}
    )
    assert retracted.status_code == 200
    assert (await client.head(f"/v1/statements/{first.json()['id']}")).status_code == 200
    assert (await client.get("/v1/events/putin-elton-john-call/timeline")).status_code == 200
    assert (await client.get("/no/such/path")).status_code == 404

    samples = await _samples(client)
    assert samples[_requests("/v1/statements", "POST", "201")] == 2
    assert samples[_requests("/v1/statements", "POST", "422")] == 1
    assert samples[_requests("/v1/statements/batch", "POST", "201")] == 1
    assert samples[_requests("/v1/statements/{statement}", "DELETE", "200")] == 1
    assert samples[_requests("/v1/statements/{statement}", "HEAD", "200")] == 1
    assert samples[_requests("/v1/events/{event}/timeline", "GET", "200")] == 1
    assert samples[_requests("unmatched", "GET", "404")] == 1
    assert samples[("claimline_statements_recorded_total", frozenset())] == 3
    assert samples[("claimline_statements_retracted_total", frozenset())] == 1
    timeline = frozenset({("route", "/v1/events/{event}/timeline"), ("method", "GET")})
    assert samples[("claimline_request_duration_seconds_count", timeline)] == 1
    for pool in ("write", "read"):
        assert ("claimline_db_pool_size", frozenset({("pool", pool)})) in samples
        assert ("claimline_db_pool_in_use", frozenset({("pool", pool)})) in samples
