"""The `claimline` command: serve, migrate, rebuild-views, keys, openapi."""

import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import select

from app.config import Settings, describe_settings_error, get_settings


def _settings_or_exit() -> Settings:
    try:
        return get_settings()
    except ValidationError as error:
        print(f"claimline: {describe_settings_error(error)}", file=sys.stderr)
        raise SystemExit(2) from None


def _migrate(settings: Settings, revision: str) -> None:
    from sqlalchemy.exc import DBAPIError

    from app.db import Database
    from app.schema import upgrade

    async def run() -> None:
        database = Database.from_settings(settings)
        try:
            await upgrade(database.write_engine, revision)
        finally:
            await database.dispose()

    try:
        asyncio.run(run())
    except (DBAPIError, OSError) as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        print(f"claimline: cannot migrate the database: {reason}", file=sys.stderr)
        raise SystemExit(1) from None
    backend = settings.database.get_backend_name()
    print(f"claimline: {backend} database migrated to {revision}", file=sys.stderr)


def _serve(settings: Settings, host: str | None, port: int | None) -> None:
    import uvicorn

    from app.request_log import logging_config

    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        log_level=settings.log_level,
        # JSON lines with request ids; the app writes its own access line (no query strings).
        log_config=logging_config(settings.log_level),
        access_log=False,
        proxy_headers=True,
        timeout_graceful_shutdown=30,
    )


def _rebuild_views(settings: Settings, event_ref: str | None) -> None:
    from app.claims import service as claim_service
    from app.db import Database
    from app.errors import NotFound
    from app.events import service as event_service
    from app.models import Claim

    async def run() -> tuple[int, int]:
        database = Database.from_settings(settings)
        try:
            async with database.write_sessions() as session:
                query = select(Claim.id).order_by(Claim.id)
                if event_ref is not None:
                    event = await event_service.get(session=session, ref=event_ref)
                    query = query.where(Claim.event_id == event.id)
                claim_ids = list((await session.scalars(query)).all())
                fixed = 0
                for start in range(0, len(claim_ids), 100):
                    chunk = claim_ids[start : start + 100]
                    fixed += await claim_service.refresh_derived(
                        session=session, starts=dict.fromkeys(chunk)
                    )
                    done = min(start + 100, len(claim_ids))
                    print(f"claimline: {done}/{len(claim_ids)} claims replayed", file=sys.stderr)
                await session.commit()
                return len(claim_ids), fixed
        finally:
            await database.dispose()

    try:
        claims, fixed = asyncio.run(run())
    except NotFound as error:
        print(f"claimline: {error.detail}", file=sys.stderr)
        raise SystemExit(1) from None
    print(f"rebuilt the views of {claims} claims: {fixed} derived values fixed")


def _keys(settings: Settings, args: argparse.Namespace) -> None:
    from app import auth
    from app.db import Database
    from app.errors import NotFound
    from app.models import Scope

    async def run() -> None:
        database = Database.from_settings(settings)
        try:
            async with database.write_sessions() as session:
                if args.keys_command == "create":
                    scopes = [Scope(scope) for scope in args.scope]
                    key, token = await auth.create_key(
                        session=session, name=args.name, scopes=scopes
                    )
                    await session.commit()
                    print(token)
                    print(
                        f"claimline: API key {key.id} ({key.name}, {', '.join(key.scopes)}) "
                        "created; the token above is shown only this once",
                        file=sys.stderr,
                    )
                elif args.keys_command == "list":
                    for key in await auth.list_keys(session=session):
                        state = (
                            f"revoked {key.revoked_at:%Y-%m-%dT%H:%M:%SZ}"
                            if key.revoked_at
                            else "active"
                        )
                        print(
                            f"{key.id}  cl_{key.prefix}_…  {','.join(key.scopes):<16} "
                            f"{state:<28} {key.name}"
                        )
                else:
                    key = await auth.revoke_key(session=session, ref=args.key)
                    await session.commit()
                    print(f"claimline: API key {key.id} ({key.name}) revoked", file=sys.stderr)
        finally:
            await database.dispose()

    try:
        asyncio.run(run())
    except NotFound as error:
        print(f"claimline: {error.detail}", file=sys.stderr)
        raise SystemExit(1) from None


def _openapi(output: Path | None) -> None:
    from app.main import create_app

    document = json.dumps(create_app(Settings()).openapi(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(document)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(document, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Run one `claimline` subcommand."""
    parser = argparse.ArgumentParser(prog="claimline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    migrate = commands.add_parser("migrate", help="migrate the database (to head by default)")
    migrate.add_argument("revision", nargs="?", default="head")
    rebuild = commands.add_parser(
        "rebuild-views", help="recompute every derived value and report how many were wrong"
    )
    rebuild.add_argument("--event", help="only this event (id or slug)")
    keys = commands.add_parser("keys", help="manage API keys").add_subparsers(
        dest="keys_command", required=True
    )
    create = keys.add_parser("create", help="make a key and print its token (shown once)")
    create.add_argument("--name", required=True, help="who or what the key is for")
    create.add_argument(
        "--scope",
        action="append",
        required=True,
        choices=["read", "write", "admin"],
        help="read, write (also reads) or admin (everything); may be repeated",
    )
    keys.add_parser("list", help="list the keys (never their tokens)")
    revoke = keys.add_parser("revoke", help="revoke a key")
    revoke.add_argument("key", help="the key's id or prefix")
    openapi = commands.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", type=Path)
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    if args.command == "serve":
        logging.getLogger("alembic").setLevel(logging.WARNING)
    if args.command == "openapi":
        _openapi(args.output)
        return
    settings = _settings_or_exit()
    if args.command == "migrate":
        _migrate(settings, args.revision)
    elif args.command == "rebuild-views":
        _rebuild_views(settings, args.event)
    elif args.command == "serve":
        _serve(settings, args.host, args.port)
    elif args.command == "keys":
        _keys(settings, args)


if __name__ == "__main__":
    main()
