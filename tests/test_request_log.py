"""Request ids on every answer and in every log line; JSON logs that never hold a body or token."""

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from httpx import AsyncClient

from app.kit.request_log import JsonFormatter, request_id
from tests.conftest import PROJECT_ROOT, free_port
from tests.seed import ELTON_JOHN_POST


async def test_request_ids_are_echoed_or_made(client: AsyncClient) -> None:
    given = await client.get("/healthz", headers={"X-Request-ID": "trace-42:abc"})
    assert given.headers["x-request-id"] == "trace-42:abc"
    made = await client.get("/healthz")
    assert len(made.headers["x-request-id"]) == 32
    assert made.headers["x-request-id"] != (await client.get("/healthz")).headers["x-request-id"]
    for unfit in ("has space", "x" * 129, "é"):
        response = await client.get("/healthz", headers=[(b"X-Request-ID", unfit.encode())])
        assert response.headers["x-request-id"] != unfit
        assert len(response.headers["x-request-id"]) == 32
    problem = await client.get("/v1/statements/nope", headers={"X-Request-ID": "on-errors-too"})
    assert problem.status_code == 404
    assert problem.headers["x-request-id"] == "on-errors-too"


async def test_access_lines_hold_no_query_string_or_body(
    client: AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="claimline.access")
    secret = "BODY-MARKER-7f3a"
    body = {**ELTON_JOHN_POST, "text": f"{ELTON_JOHN_POST['text']} {secret}"}
    created = await client.post("/v1/statements?token=QUERY-MARKER", json=body)
    assert created.status_code == 201
    [line] = [record for record in caplog.records if record.name == "claimline.access"]
    assert (line.method, line.path, line.status) == ("POST", "/v1/statements", 201)  # type: ignore[attr-defined]
    formatted = JsonFormatter().format(line)
    assert secret not in formatted
    assert "QUERY-MARKER" not in formatted


def test_json_lines_carry_the_request_id() -> None:
    record = logging.LogRecord("claimline.test", logging.WARNING, __file__, 1, "x=%s", ("y",), None)
    record.status = 503
    token = request_id.set("req-1")
    try:
        entry = json.loads(JsonFormatter().format(record))
    finally:
        request_id.reset(token)
    assert entry["message"] == "x=y"
    assert entry["level"] == "warning"
    assert entry["request_id"] == "req-1"
    assert entry["status"] == 503
    assert entry["time"].endswith("+00:00")


def test_serve_writes_json_lines(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "CLAIMLINE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'log.sqlite3'}",
        "CLAIMLINE_PORT": str(port),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve"],
        cwd=PROJECT_ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(
                    f"http://127.0.0.1:{port}/healthz?token=QUERY-MARKER",
                    headers={"X-Request-ID": "from-the-test"},
                )
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert response.headers["x-request-id"] == "from-the-test"
    finally:
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=30)
    lines = [json.loads(line) for line in stderr.splitlines() if line.strip()]
    assert any(line["logger"] == "claimline" for line in lines), stderr
    access = [line for line in lines if line["logger"] == "claimline.access"]
    assert access == [
        {
            **access[0],
            "request_id": "from-the-test",
            "method": "GET",
            "path": "/healthz",
            "status": 200,
        }
    ]
    assert "QUERY-MARKER" not in stderr
