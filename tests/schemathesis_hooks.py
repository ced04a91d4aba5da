"""Schemathesis hooks (`SCHEMATHESIS_HOOKS=tests.schemathesis_hooks`).

- An `Idempotency-Key` stands for one request: sent again with another body it is a 422, by the
contract. Generated keys repeat (hypothesis favours short strings), so each schema-valid request
gets a key of its own, as a client's would; replays are tested in tests/statements.
- `DELETE /v1/statements/{id}` retracts: the statement stays readable, marked retracted, as the
  contract says. A read after it is no "use after free" when it shows the retraction.
"""

import uuid
from typing import Any

import schemathesis


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: Any) -> None:
    headers = case.headers
    if (
        headers
        and "Idempotency-Key" in headers
        and case.meta
        and case.meta.generation.mode.is_positive
    ):
        headers["Idempotency-Key"] = f"st-{uuid.uuid4()}"


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    if failure.code == "ST301" and failure.free.startswith("DELETE /v1/statements/"):
        shown = response.json() if response.status_code == 200 else {}
        return not (shown.get("retracted_at") and shown.get("retraction_reason"))
    return True
