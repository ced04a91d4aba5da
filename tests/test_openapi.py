"""The committed OpenAPI document is current and documents every operation fully."""

import json
from pathlib import Path
from typing import Any

from app.config import Settings
from app.main import create_app

DOCUMENT = Path(__file__).resolve().parent.parent / "openapi" / "openapi.json"


def test_committed_document_is_current() -> None:
    generated = create_app(Settings()).openapi()
    committed = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    assert committed == generated, "openapi/openapi.json is stale: run `make openapi`"


def test_every_operation_is_named_tagged_and_documents_problems() -> None:
    document = create_app(Settings()).openapi()
    operation_ids = []
    for path, path_item in document["paths"].items():
        for method, operation in path_item.items():
            operation_ids.append(operation["operationId"])
            assert operation.get("tags"), (method, path)
            assert operation.get("summary"), (method, path)
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert list(response["content"]) == ["application/problem+json"], (
                        method,
                        path,
                        status,
                    )
            if path.startswith("/v1/"):
                assert "503" in operation["responses"], (method, path)
    assert len(operation_ids) == len(set(operation_ids))
    assert "HTTPValidationError" not in json.dumps(document)


def test_the_served_document_asks_for_the_keys_the_service_asks_for() -> None:
    def security(auth: str) -> dict[tuple[str, str], Any]:
        document = create_app(Settings(auth=auth)).openapi()  # type: ignore[arg-type]
        return {
            (method, path): operation["security"]
            for path, operations in document["paths"].items()
            for method, operation in operations.items()
        }

    writes, everything, off = security("writes"), security("all"), security("off")
    created = ("post", "/v1/statements")
    read = ("get", "/v1/events/{event}/timeline")
    assert writes[created] == [{"ApiKey": []}]
    assert writes[read] == [{}, {"ApiKey": []}]
    assert everything[read] == [{"ApiKey": []}]
    assert everything[("get", "/healthz")] == []
    assert set(map(str, off.values())) == {"[]"}
