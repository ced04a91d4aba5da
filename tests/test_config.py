"""Settings: one variable picks the store, and a bad value stops start-up with one clear line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.config import Settings, describe_settings_error

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def test_default_is_a_sqlite_file_under_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMLINE_DATABASE_URL", raising=False)
    settings = Settings()
    assert settings.database.drivername == "sqlite+aiosqlite"
    assert settings.database.database == "var/claimline.sqlite3"
    assert settings.is_sqlite


def test_environment_wins_and_plain_drivers_are_mapped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLINE_DATABASE_URL", "postgresql://postgres@127.0.0.1/claimline")
    settings = Settings()
    assert settings.database.drivername == "postgresql+asyncpg"
    assert settings.database.database == "claimline"
    assert not settings.is_sqlite
    assert "postgres@" not in repr(settings)


@pytest.mark.parametrize(
    "url",
    ["", "not a url", "mysql://root@localhost/claimline", "sqlite+aiosqlite://", "postgresql://h"],
)
def test_bad_database_urls_are_refused(url: str) -> None:
    with pytest.raises(ValidationError) as error:
        Settings(database_url=url)  # type: ignore[arg-type]
    line = describe_settings_error(error.value)
    assert line.startswith("invalid settings: CLAIMLINE_DATABASE_URL ")
    assert "\n" not in line


def _claimline(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_bad_value_fails_start_up_with_one_line() -> None:
    for command in (["serve"], ["migrate"]):
        result = _claimline(*command, env={"CLAIMLINE_DATABASE_URL": "mysql://root@localhost/x"})
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "CLAIMLINE_DATABASE_URL" in lines[0]
        assert "Traceback" not in result.stderr
    port = _claimline("serve", env={"CLAIMLINE_PORT": "99999"})
    assert port.returncode == 2
    assert "CLAIMLINE_PORT" in port.stderr


def test_migrate_creates_the_sqlite_file(tmp_path: Path) -> None:
    database = tmp_path / "var" / "claimline.sqlite3"
    result = _claimline("migrate", env={"CLAIMLINE_DATABASE_URL": f"sqlite:///{database}"})
    assert result.returncode == 0, result.stderr
    assert database.exists()
    again = _claimline("migrate", env={"CLAIMLINE_DATABASE_URL": f"sqlite:///{database}"})
    assert again.returncode == 0, again.stderr


def test_unreachable_database_fails_migrate_with_one_line() -> None:
    result = _claimline(
        "migrate", env={"CLAIMLINE_DATABASE_URL": "postgresql://postgres@127.0.0.1:1/claimline"}
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("claimline: cannot migrate")
    assert "Traceback" not in result.stderr
