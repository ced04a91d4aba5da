"""API keys and who may do what.

`CLAIMLINE_AUTH` sets the rule: `off` (nobody needs a key), `writes` (the default: reads are
open, every write needs a key with the `write` or `admin` scope) or `all` (reads need a key too,
any scope). A token is `cl_<prefix>_<secret>`; only its SHA-256 is stored, found by its prefix and
compared in constant time. Keys are revoked, never deleted, so what a key recorded stays
attributed to it.
"""

import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import String, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.enums import Scope
from app.errors import Forbidden, NotFound, TooManyRequests, Unauthorized
from app.kit.db import Database, get_database_now, utcnow
from app.kit.fields import looks_like_uuid
from app.kit.rate_limit import RateLimiter, retry_after
from app.kit.reader import Query, uuid_text
from app.models import ApiKey

READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CHALLENGE = 'Bearer realm="claimline"'
_BAD_TOKEN = _CHALLENGE + ', error="invalid_token"'


@dataclass(frozen=True)
class Caller:
    """Who is making a request: an API key, or nobody."""

    key_id: uuid.UUID | None = None

    @property
    def client(self) -> str:
        """The key Idempotency-Keys are kept under: each API key has its own (anonymous: "")."""
        return str(self.key_id) if self.key_id else ""


ANONYMOUS = Caller()


def new_token() -> tuple[str, str]:
    """A new token and its prefix."""
    prefix = secrets.token_hex(4)
    return f"cl_{prefix}_{secrets.token_urlsafe(32)}", prefix


def token_hash(token: str) -> str:
    """What is stored of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _prefix_of(token: str) -> str | None:
    parts = token.split("_", 2)
    return parts[1] if len(parts) == 3 and parts[0] == "cl" and parts[1] else None


def allows(scopes: list[str], *, writing: bool) -> bool:
    """Whether keys with these scopes may read (or write)."""
    if Scope.admin in scopes or Scope.write in scopes:
        return True
    return Scope.read in scopes and not writing


_KEY_BY_PREFIX = Query(
    select(uuid_text(ApiKey.id), ApiKey.secret_hash, ApiKey.scopes, ApiKey.revoked_at).where(
        ApiKey.prefix == bindparam("prefix", type_=String)
    )
)

# The OpenAPI security scheme of API keys (declared by `app.main`, since `caller` reads the
# header itself: a security dependency per request costs more than the check).
SECURITY_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": "An API key made with `claimline keys create`. With `CLAIMLINE_AUTH=writes` "
    "(the default) writes need one with the `write` or `admin` scope; with `all` reads need one "
    "too.",
}


def _bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else ""


async def caller(request: Request) -> Caller:
    """The caller of a request, refused (401, 403) when the rule in force does not let it in,
    or (429) when it has used up its rate limit."""
    found = await _identify(request)
    limiter: RateLimiter | None = request.app.state.limiter
    if limiter is not None:
        client = request.client.host if request.client else "unknown"
        wait = await limiter.take(f"key:{found.key_id}" if found.key_id else f"address:{client}")
        if wait > 0:
            raise TooManyRequests(
                f"Too many requests from this client; retry in {retry_after(wait)} s.",
                headers={"Retry-After": retry_after(wait)},
            )
    return found


async def _identify(request: Request) -> Caller:
    mode = request.app.state.settings.auth
    if mode == "off":
        return ANONYMOUS
    writing = request.method not in READING_METHODS
    token = _bearer_token(request)
    if token is None:
        if mode == "writes" and not writing:
            return ANONYMOUS
        raise Unauthorized(
            "This request needs an API key: send `Authorization: Bearer <token>`.",
            headers={"WWW-Authenticate": _CHALLENGE},
        )
    prefix = _prefix_of(token)
    rows = []
    if prefix is not None:
        database: Database = get_database_now(request)
        async with database.reader() as reader:
            rows = list(await reader.fetch(_KEY_BY_PREFIX, {"prefix": prefix}))
    # Compared even when no key matched, so a wrong prefix takes as long as a wrong secret.
    stored = rows[0][1] if rows else "0" * 64
    if not hmac.compare_digest(token_hash(token), stored) or not rows or rows[0][3] is not None:
        raise Unauthorized(
            "The API key is not valid (unknown, mistyped or revoked).",
            headers={"WWW-Authenticate": _BAD_TOKEN},
        )
    key_id, _, scopes, _ = rows[0]
    if isinstance(scopes, str):  # asyncpg hands JSON over as text
        scopes = json.loads(scopes)
    if not allows(scopes, writing=writing):
        raise Forbidden(
            f"This API key's scopes ({', '.join(scopes)}) do not allow "
            f"{'writing' if writing else 'reading'}."
        )
    return Caller(key_id=uuid.UUID(key_id))


CallerDep = Annotated[Caller, Depends(caller)]


async def create_key(
    *, session: AsyncSession, name: str, scopes: list[Scope]
) -> tuple[ApiKey, str]:
    """Record a new key; return it with its token, which is never shown again."""
    token, prefix = new_token()
    key = ApiKey(
        name=name,
        prefix=prefix,
        secret_hash=token_hash(token),
        scopes=sorted({scope.value for scope in scopes}),
        created_at=utcnow(),
        revoked_at=None,
    )
    session.add(key)
    await session.flush()
    return key, token


async def list_keys(*, session: AsyncSession) -> list[ApiKey]:
    """Every key, oldest first."""
    return list((await session.scalars(select(ApiKey).order_by(ApiKey.id))).all())


async def revoke_key(*, session: AsyncSession, ref: str) -> ApiKey:
    """Revoke the key with this id or prefix (again: no change)."""
    if looks_like_uuid(ref):
        key = await session.scalar(select(ApiKey).where(ApiKey.id == uuid.UUID(ref)))
    else:
        key = await session.scalar(select(ApiKey).where(ApiKey.prefix == ref))
    if key is None:
        raise NotFound(f"There is no API key {ref!r}.")
    if key.revoked_at is None:
        await session.execute(update(ApiKey).where(ApiKey.id == key.id).values(revoked_at=utcnow()))
        await session.refresh(key)
    return key
