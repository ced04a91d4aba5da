"""Alembic environment: runs on the caller's connection, or on the configured database."""

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy import JSON, Column, Connection

import app.models  # noqa: F401  (every table registered on Base.metadata)
from app.config import get_settings
from app.kit.db import Base, Database

config = context.config
target_metadata = Base.metadata


# Search structures of one store only, made by raw SQL in the migrations (full text, trigrams).
_SEARCH_OBJECTS = ("statements_fts", "ix_statements_text_search", "ix_claims_text_key_trgm")


def _include_object(
    item: object, name: str | None, kind: str, reflected: bool, compare_to: object
) -> bool:
    return not (name or "").startswith(_SEARCH_OBJECTS)


def _compare_default(
    context: object,
    inspected_column: object,
    metadata_column: Column[object],
    inspected_default: str | None,
    metadata_default: object,
    rendered_metadata_default: str | None,
) -> bool | None:
    """Alembic's own comparison, but for JSON columns: PostgreSQL cannot compare `json` values
    with `=`, so there only the presence of a default is compared."""
    if isinstance(metadata_column.type, JSON):
        return (inspected_default is None) != (metadata_default is None)
    return None


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=_include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        compare_server_default=_compare_default,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_on_settings_database() -> None:
    database = Database.from_settings(get_settings())
    try:
        async with database.write_engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await database.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported: run them against a database")

given = config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    if config.config_file_name is not None:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    asyncio.run(_run_on_settings_database())
