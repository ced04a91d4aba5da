"""Settings read from the environment (prefix CLAIMLINE_) and validated once at start-up."""

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_SQLITE_PATH = Path("var") / "claimline.sqlite3"
MiB = 1024 * 1024

# Plain driver names people copy from other tools, mapped to the async drivers this service runs on.
_DRIVER_ALIASES = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


class Settings(BaseSettings):
    """Everything the service reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="CLAIMLINE_", extra="ignore", frozen=True)

    database_url: SecretStr = SecretStr(f"sqlite+aiosqlite:///{DEFAULT_SQLITE_PATH}")
    host: str = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535)] = 8000
    max_body_bytes: Annotated[int, Field(ge=1024)] = 1 * MiB
    max_batch_body_bytes: Annotated[int, Field(ge=1024)] = 16 * MiB
    db_pool_size: Annotated[int, Field(ge=1, le=200)] = 10
    db_statement_timeout_ms: Annotated[int, Field(ge=100)] = 15_000
    log_level: str = "info"
    # Origins of the frontend apps that may call the API from a browser (none by default);
    # JSON (`["https://a.example"]`) or comma-separated.
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Who needs an API key: nobody (`off`), writers (`writes`), or every API request (`all`).
    auth: Literal["off", "writes", "all"] = "writes"
    # Token buckets per API key (per client address when anonymous); 0 turns limits off.
    rate_limit_per_minute: Annotated[int, Field(ge=0)] = 6000
    rate_limit_burst: Annotated[int, Field(ge=1)] = 1000
    # With a Redis URL the buckets are shared by every instance.
    redis_url: SecretStr | None = None
    redis_prefix: Annotated[str, Field(min_length=1, max_length=64)] = "claimline"

    @field_validator("database_url", mode="before")
    @classmethod
    def _normalize_database_url(cls, value: object) -> SecretStr:
        raw = value.get_secret_value() if isinstance(value, SecretStr) else value
        if not isinstance(raw, str) or not raw.strip():
            raise ValueError("must be a database URL")
        try:
            url = make_url(raw.strip())
        except ArgumentError:
            raise ValueError(
                "is not a database URL; expected sqlite+aiosqlite:///path "
                "or postgresql+asyncpg://user@host/db"
            ) from None
        driver = _DRIVER_ALIASES.get(url.drivername)
        if driver is None:
            raise ValueError(
                f"uses unsupported driver {url.drivername!r}; "
                "expected sqlite+aiosqlite or postgresql+asyncpg"
            )
        url = url.set(drivername=driver)
        if driver.startswith("sqlite") and not url.database:
            raise ValueError("names no SQLite file; in-memory databases are not supported")
        if driver.startswith("postgresql") and not url.database:
            raise ValueError("names no PostgreSQL database")
        return SecretStr(url.render_as_string(hide_password=False))

    @field_validator("log_level")
    @classmethod
    def _check_log_level(cls, value: str) -> str:
        level = value.lower()
        if level not in {"critical", "error", "warning", "info", "debug"}:
            raise ValueError("must be one of critical, error, warning, info, debug")
        return level

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [origin.strip() for origin in text.split(",") if origin.strip()]
        return value

    @field_validator("cors_origins")
    @classmethod
    def _check_origins(cls, origins: list[str]) -> list[str]:
        for origin in origins:
            if origin != "*" and not re.fullmatch(r"https?://[^/\s]+", origin):
                raise ValueError(f"{origin!r} is not an origin (scheme://host[:port], no path)")
        return origins

    @property
    def database(self) -> URL:
        """The database URL as SQLAlchemy parses it."""
        return make_url(self.database_url.get_secret_value())

    @property
    def is_sqlite(self) -> bool:
        """Whether the store is a SQLite file."""
        return self.database.get_backend_name() == "sqlite"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings()


def describe_settings_error(error: ValidationError) -> str:
    """One line naming each bad setting and what is wrong with it."""
    parts = []
    for item in error.errors():
        name = "CLAIMLINE_" + "_".join(str(part) for part in item["loc"]).upper()
        message = item["msg"].removeprefix("Value error, ")
        parts.append(f"{name} {message}")
    return "invalid settings: " + "; ".join(parts)
