"""The container files: no daemon runs here, so they are linted and parsed, not built."""

import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def test_dockerfile_passes_hadolint() -> None:
    hadolint = shutil.which("hadolint") or str(Path(__file__).parents[1] / ".venv/bin/hadolint")
    result = subprocess.run(
        [hadolint, "--failure-threshold", "info", "Dockerfile"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_runs_migrations_as_non_root_with_a_healthcheck() -> None:
    text = (PROJECT_ROOT / "Dockerfile").read_text()
    assert "\nUSER 10001\n" in text
    assert "HEALTHCHECK" in text
    assert "/readyz" in text
    assert "claimline migrate && exec claimline serve" in text


def test_compose_file_runs_instances_behind_a_balancer_on_postgres() -> None:
    compose: dict[str, Any] = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert services["db"]["image"].startswith("postgres:")
    database_url = services["migrate"]["environment"]["CLAIMLINE_DATABASE_URL"]
    assert database_url.startswith("postgresql+asyncpg://")
    assert services["migrate"]["command"] == ["claimline", "migrate"]
    api = services["api"]
    assert api["build"] == "."
    assert api["environment"]["CLAIMLINE_DATABASE_URL"] == database_url
    assert api["environment"]["CLAIMLINE_REDIS_URL"].startswith("redis://redis:")
    assert api["deploy"]["replicas"] >= 2
    assert api["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    balancer = services["balancer"]
    (mount,) = balancer["volumes"]
    config = (PROJECT_ROOT / mount.split(":")[0]).read_text()
    assert "server api:8000;" in config
    assert "proxy_pass http://claimline;" in config
    assert "pgdata" in compose["volumes"]
