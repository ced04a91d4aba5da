"""The generated Python SDK (clients/python, `make sdk`) is current, installs in a venv of its own
and runs the seed story against a live server (clients/examples/seed_story.py), on each store."""

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, new_api_key, run_served

BIN = Path(sys.executable).parent
UV = PROJECT_ROOT / ".tools" / "bin" / "uv"


def _differences(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right, ignore=["__pycache__", ".ruff_cache"])
    found = [str(left / name) for name in compared.left_only + compared.right_only]
    found += [str(left / name) for name in compared.diff_files]
    for name in compared.common_dirs:
        found += _differences(left / name, right / name)
    return found


def test_the_sdk_is_generated_from_the_current_document(tmp_path: Path) -> None:
    generated = tmp_path / "python"
    subprocess.run(
        [
            BIN / "openapi-python-client",
            "generate",
            "--path",
            PROJECT_ROOT / "openapi" / "openapi.json",
            "--meta",
            "uv",
            "--config",
            PROJECT_ROOT / "clients" / "openapi-python-client.yaml",
            "--output-path",
            generated,
        ],
        env={**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"},
        check=True,
        capture_output=True,
    )
    assert _differences(PROJECT_ROOT / "clients" / "python", generated) == [], "run `make sdk`"


@pytest.fixture(scope="session")
def sdk_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Python with the SDK installed and nothing of Claimline's."""
    venv = tmp_path_factory.mktemp("sdk") / "venv"
    subprocess.run([UV, "venv", "--quiet", "--python", sys.executable, venv], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [UV, "pip", "install", "--quiet", "--python", python, PROJECT_ROOT / "clients" / "python"],
        check=True,
    )
    return python


def test_the_seed_story_through_the_sdk(own_database: str, sdk_python: Path) -> None:
    token = new_api_key(own_database)
    example = PROJECT_ROOT / "clients" / "examples" / "seed_story.py"
    run = run_served(own_database, lambda base: [sdk_python, example, base, token], auth="writes")
    assert run.returncode == 0, run.stderr
    views = json.loads(run.stdout)
    steps = [
        (item["party"]["name"], stance["stance"], stance["status_after"])
        for item in views["timeline"]["items"]
        for stance in item["stances"]
    ]
    assert steps == [("Elton John", "supports", "asserted"), ("Kremlin", "refutes", "contested")]
    comparison = views["comparison"]
    names = {party["source"]["id"]: party["source"]["name"] for party in comparison["parties"]}
    (pair,) = comparison["agreement"]
    assert {names[pair["a"]], names[pair["b"]]} == {"Elton John", "Kremlin"}
    assert (pair["agree"], pair["disagree"]) == (0, 1)
    assert [relay["source"]["name"] for relay in comparison["relays"]] == [
        "TASS",
        "The Moscow Times",
    ]
    # The claim found under other words, a review beside it, and the ClaimReview out of it.
    (found,) = views["similar"]["items"]
    assert found["claim"]["id"] == views["other_claim"]["id"]
    assert 0.3 <= found["score"] < 1
    (claim,) = [c for c in comparison["claims"] if c["reviews"]]
    assert [review["rating"] for review in claim["reviews"]] == ["False"]
    (claim_review,) = views["claimreview"]["@graph"]
    assert claim_review["claimReviewed"] == "Putin phoned Elton John"
    assert claim_review["reviewRating"]["alternateName"] == "False"
