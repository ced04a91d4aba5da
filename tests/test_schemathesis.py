"""Schemathesis against a served Claimline, on each store: the whole OpenAPI document, every
check, in all four phases (the document's examples, coverage of each schema's edges, random
requests, and stateful sequences that follow the `links` of each 201), and no failure.

Keys are on (`CLAIMLINE_AUTH=writes`, the default) with an admin key given to every request, so
the authentication checks see 401s for requests without one. The run is deterministic (fixed
seed, no example database) and bounded by `--max-examples`. What schemathesis may not count as a
failure, and why, is in tests/schemathesis.toml.
"""

import json
import os
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT, new_api_key, run_served

SCHEMATHESIS = Path(sys.executable).with_name("st")
MAX_EXAMPLES = "25"
SEED = "20151914"


def test_schemathesis_finds_no_failure(own_database: str, tmp_path: Path) -> None:
    token = new_api_key(own_database, "admin")

    def schemathesis(base: str) -> list[str]:
        return [
            str(SCHEMATHESIS),
            "--config-file",
            str(PROJECT_ROOT / "tests" / "schemathesis.toml"),
            "--no-color",
            "run",
            f"{base}/openapi.json",
            "--checks",
            "all",
            "--phases",
            "examples,coverage,fuzzing,stateful",
            "--max-examples",
            MAX_EXAMPLES,
            "--seed",
            SEED,
            "--generation-deterministic",
            "--workers",
            "1",
            "--header",
            f"Authorization: Bearer {token}",
            "--report-dir",
            str(tmp_path),
        ]

    run = run_served(
        own_database,
        schemathesis,
        cwd=PROJECT_ROOT,
        env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.schemathesis_hooks"},
        timeout=300,
        auth="writes",
        rate_limit_per_minute="0",
    )
    assert run.returncode == 0, run.stdout[-20_000:] + run.stderr[-5_000:]
    # Every operation of the document was tested, and the stateful phase ran.
    document = json.loads((PROJECT_ROOT / "openapi" / "openapi.json").read_text())
    operations = sum(len(path_item) for path_item in document["paths"].values())
    assert f"Tested: {operations}" in run.stdout, run.stdout
    assert "✅ Stateful" in run.stdout, run.stdout
