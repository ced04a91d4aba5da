"""The `claimline` command: serve, migrate, rebuild-views, keys, import, export, openapi."""

import argparse
import asyncio
import contextlib
import json
import logging
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from pydantic import ValidationError
from sqlalchemy import select

from app.config import Settings, describe_settings_error, get_settings


def _bounded(settings: Settings, seconds: float | None) -> Settings:
    """The settings of a command that works on a whole database: its statements bounded by
    `seconds` (None: no bound), not by the service's request timeout."""
    return settings.model_copy(
        update={"db_statement_timeout_ms": 0 if seconds is None else max(1, round(seconds * 1000))}
    )


def _seconds(text: str) -> float | None:
    """`--statement-timeout`: seconds above 0, or `none`."""
    if text.strip().lower() == "none":
        return None
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is neither seconds nor 'none'") from None
    if not 0 < seconds < 10**7:
        raise argparse.ArgumentTypeError(f"{text!r}: seconds above 0, or 'none'")
    return seconds


# Statements a transaction of `claimline import`: more than an HTTP batch (1000), since each claim
# a batch touches is read and written once for all of its statements.
IMPORT_BATCH_SIZE = 5000
_CLAIMREVIEW = "import ClaimReview JSON-LD or Google Fact Check Tools answers into an event"
_LONG_WORK = (
    "bound on each database statement, in seconds, or 'none' (the default: this command works on "
    "the whole database, so the service's request bound, CLAIMLINE_DB_STATEMENT_TIMEOUT_MS, does "
    "not apply)"
)


def _settings_or_exit() -> Settings:
    try:
        return get_settings()
    except ValidationError as error:
        print(f"claimline: {describe_settings_error(error)}", file=sys.stderr)
        raise SystemExit(2) from None


def _migrate(settings: Settings, revision: str) -> None:
    from sqlalchemy.exc import DBAPIError

    from app.kit.db import Database
    from app.kit.migrations import upgrade

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

    from app.changes.feed import stop_streams
    from app.kit.request_log import logging_config

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            stop_streams()
            super().handle_exit(sig, frame)

    config = uvicorn.Config(
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
    # As `uvicorn.run`: Ctrl-C (which uvicorn raises again once it has shut down) ends quietly.
    with contextlib.suppress(KeyboardInterrupt):
        Server(config).run()


def _rebuild_views(settings: Settings, event_ref: str | None) -> None:
    from app.changes import log as change_log
    from app.claims import derived
    from app.enums import Change
    from app.errors import NotFound
    from app.events import service as event_service
    from app.kit.db import Database
    from app.models import Claim
    from app.statements import tally

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
                    fixed += await derived.refresh_derived(
                        session=session, starts=dict.fromkeys(chunk)
                    )
                    done = min(start + 100, len(claim_ids))
                    print(f"claimline: {done}/{len(claim_ids)} claims replayed", file=sys.stderr)
                fixed += await tally.recount(session, None if event_ref is None else [event.id])
                if fixed:
                    # Running instances drop what they rendered from the values fixed.
                    await change_log.record_change(session, None, Change.rebuilt)
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
    from app.enums import Scope
    from app.errors import NotFound
    from app.kit import auth
    from app.kit.db import Database

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


def _numbered_lines(file: BinaryIO, advance: Callable[[int], None]) -> Iterator[tuple[int, bytes]]:
    """The file's lines, numbered from 1, telling `advance` how many bytes each took."""
    for number, raw in enumerate(file, start=1):
        advance(len(raw))
        yield number, raw


def _import(settings: Settings, path: str, batch_size: int) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    from app.kit.db import Database
    from app.statements.jsonl import ImportReport, import_lines

    console = Console(stderr=True)
    try:
        source = sys.stdin.buffer if path == "-" else Path(path).open("rb")  # noqa: SIM115
        total = None if path == "-" else Path(path).stat().st_size
    except OSError as error:
        print(f"claimline: cannot import {path}: {error.strerror}", file=sys.stderr)
        raise SystemExit(1) from None
    columns = (
        TextColumn("importing"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
    )

    async def run(progress: Progress) -> ImportReport:
        task = progress.add_task("import", total=total, counts="")

        started = time.monotonic()

        def heard(number: int, report: ImportReport) -> None:
            elapsed = time.monotonic() - started
            rate = report.imported / elapsed if elapsed > 0 else 0.0
            counts = (
                f"line {number}: {report.imported} imported ({rate:,.0f}/s), "
                f"{report.already_in} already in, {len(report.bad)} refused"
            )
            progress.update(task, counts=counts)

        database = Database.from_settings(settings)
        try:
            lines = _numbered_lines(source, lambda size: progress.advance(task, size))
            return await import_lines(database, lines, batch_size=batch_size, progress=heard)
        finally:
            await database.dispose()

    try:
        with source, Progress(*columns, console=console, transient=False) as progress:
            report = asyncio.run(run(progress))
    except OSError as error:
        print(f"claimline: cannot import {path}: {error}", file=sys.stderr)
        raise SystemExit(1) from None
    for bad in report.bad:
        print(f"{path}:{bad.number}: {bad.reason}", file=sys.stderr)
    print(
        f"claimline: {report.imported} statements imported, {report.already_in} lines already "
        f"in, {len(report.bad)} lines refused",
        file=sys.stderr,
    )
    if report.bad:
        raise SystemExit(1)


def _export(settings: Settings, event_ref: str, output: Path | None) -> None:
    from app.errors import NotFound
    from app.kit.db import Database
    from app.statements.jsonl import export_event

    async def run(target: TextIO) -> int:
        database = Database.from_settings(settings)
        count = 0
        try:
            async for document in export_event(database, event_ref):
                target.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
                target.write("\n")
                count += 1
        finally:
            await database.dispose()
        return count

    try:
        if output is None:
            count = asyncio.run(run(sys.stdout))
        else:
            with output.open("w", encoding="utf-8") as target:
                count = asyncio.run(run(target))
    except NotFound as error:
        print(f"claimline: {error.detail}", file=sys.stderr)
        raise SystemExit(1) from None
    except OSError as error:
        print(f"claimline: cannot write {output}: {error.strerror}", file=sys.stderr)
        raise SystemExit(1) from None
    print(f"claimline: {count} statements exported", file=sys.stderr)


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
    migrate.add_argument("--statement-timeout", type=_seconds, default=None, help=_LONG_WORK)
    rebuild = commands.add_parser(
        "rebuild-views", help="recompute every derived value and report how many were wrong"
    )
    rebuild.add_argument("--event", help="only this event (id or slug)")
    rebuild.add_argument("--statement-timeout", type=_seconds, default=None, help=_LONG_WORK)
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
    importing = commands.add_parser(
        "import",
        help="import statements from JSON Lines (one POST /v1/statements body per line); "
        "lines already imported are skipped, refused lines reported (exit 1)",
    )
    importing.add_argument("file", help="the file, or - for standard input")
    importing.add_argument(
        "--batch-size",
        type=int,
        default=IMPORT_BATCH_SIZE,
        choices=range(1, 10_001),
        metavar="N",
        help=f"statements per transaction (1..10000, default {IMPORT_BATCH_SIZE}); a larger "
        "batch reads each claim it touches once for more statements",
    )
    importing.add_argument("--statement-timeout", type=_seconds, default=None, help=_LONG_WORK)
    exporting = commands.add_parser(
        "export", help="write an event's statements as JSON Lines that `import` reads back"
    )
    exporting.add_argument("--event", required=True, help="the event's id or slug")
    exporting.add_argument("--output", type=Path, help="the file (default: standard output)")
    exporting.add_argument("--statement-timeout", type=_seconds, default=None, help=_LONG_WORK)
    reviews = commands.add_parser("import-claimreview", help=_CLAIMREVIEW)
    reviews.add_argument("file")
    reviews.add_argument("--event", required=True, help="the event (id or slug) to import into")
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
    if args.command in ("migrate", "rebuild-views", "import", "export"):
        settings = _bounded(settings, args.statement_timeout)
    if args.command == "migrate":
        _migrate(settings, args.revision)
    elif args.command == "rebuild-views":
        _rebuild_views(settings, args.event)
    elif args.command == "serve":
        _serve(settings, args.host, args.port)
    elif args.command == "keys":
        _keys(settings, args)
    elif args.command == "import":
        _import(settings, args.file, args.batch_size)
    elif args.command == "export":
        _export(settings, args.event, args.output)
    elif args.command == "import-claimreview":
        from app.reviews.import_claimreview import run

        run(settings, args.file, args.event)


if __name__ == "__main__":
    main()
