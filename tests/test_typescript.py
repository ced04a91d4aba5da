"""The TypeScript client (clients/typescript): its types are generated from the current OpenAPI
document by openapi-typescript, `tsc --noEmit` passes, and the example submits the seed story to
a live server and prints the timeline it returns, on each store. `make test` installs the Node
packages from the committed package-lock.json first."""

import json
import shutil
import subprocess
from pathlib import Path

from tests.conftest import PROJECT_ROOT, new_api_key, run_served

CLIENT = PROJECT_ROOT / "clients" / "typescript"


def _npx(*args: str | Path) -> subprocess.CompletedProcess[str]:
    npx = shutil.which("npx")
    assert npx is not None, "Node.js and npm are needed (make test installs the packages)"
    return subprocess.run(
        [npx, "--no-install", *map(str, args)],
        cwd=CLIENT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_types_are_generated_from_the_current_document(tmp_path: Path) -> None:
    generated = tmp_path / "claimline.d.ts"
    made = _npx("openapi-typescript", PROJECT_ROOT / "openapi" / "openapi.json", "-o", generated)
    assert made.returncode == 0, made.stderr
    committed = (CLIENT / "src" / "claimline.d.ts").read_text()
    assert generated.read_text() == committed, "run `cd clients/typescript && npm run generate`"


def test_the_client_type_checks() -> None:
    checked = _npx("tsc", "--noEmit")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_seed_story_through_openapi_fetch(own_database: str) -> None:
    built = _npx("tsc", "--outDir", "dist")
    assert built.returncode == 0, built.stdout + built.stderr
    token = new_api_key(own_database)
    node = shutil.which("node")
    assert node is not None
    run = run_served(
        own_database,
        lambda base: [node, "dist/seed-story.js", base, token],
        cwd=CLIENT,
        auth="writes",
    )
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(line["party"], line["status_after"]) for line in lines] == [
        ("Elton John", "asserted"),
        ("Kremlin", "contested"),
    ]
    assert [line["first_mention"] for line in lines] == [True, False]
