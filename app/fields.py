"""Field types shared by request and response schemas."""

import re
import unicodedata
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    Discriminator,
    Field,
    PlainSerializer,
    StrictStr,
    WithJsonSchema,
)

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_MAX_LENGTH = 80
_SLUG_RE = re.compile(SLUG_PATTERN)
# C0 controls other than tab, line feed and carriage return, DEL, and C1 controls.
_FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _check_text(value: str) -> str:
    """Refuse text a database cannot store faithfully (NUL, lone surrogates) or control codes."""
    if _FORBIDDEN_CHARACTERS.search(value):
        raise ValueError("must not contain control characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode (no lone surrogates)") from None
    return value


def _check_single_line(value: str) -> str:
    stripped = value.strip()
    if not stripped:
        raise ValueError("must not be blank")
    if any(unicodedata.category(char) in {"Zl", "Zp", "Cc"} for char in stripped):
        raise ValueError("must be a single line")
    return stripped


def _check_slug(value: str) -> str:
    if not _SLUG_RE.fullmatch(value):
        raise ValueError("must be lowercase letters and digits separated by single hyphens")
    if looks_like_uuid(value):
        raise ValueError("must not look like a UUID: ids and slugs share the same paths")
    return value


def _check_http_url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s/?#]+[^\s]*", value):
        raise ValueError("must be an absolute http or https URL")
    return value


_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?P<offset>[Zz]|[+-]\d{2}:\d{2})?"
)


def _require_rfc3339(value: Any) -> Any:
    # A timestamp comes as RFC 3339 text, never as a number or a number in a string (which
    # pydantic would read as Unix time), and always with an offset.
    if isinstance(value, datetime):
        return value
    match = _RFC3339.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError("must be an RFC 3339 timestamp such as 2015-09-14T15:11:00Z")
    if match["offset"] is None:
        raise ValueError("must carry an offset (Z or ±hh:mm): naive timestamps are refused")
    return value


def _in_utc(value: datetime) -> datetime:
    # Stored and compared in UTC: an instant whose UTC date falls outside years 1..9999 is refused.
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("is out of range once converted to UTC") from None


def looks_like_uuid(value: str) -> bool:
    """Whether the text parses as a UUID."""
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def is_slug(value: str) -> bool:
    """Whether the text has the form of a slug."""
    return len(value) <= SLUG_MAX_LENGTH and _SLUG_RE.fullmatch(value) is not None


def to_rfc3339(value: datetime) -> str:
    """An instant as RFC 3339 in UTC with a `Z`."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


Text = Annotated[StrictStr, AfterValidator(_check_text)]
Line = Annotated[StrictStr, AfterValidator(_check_text), AfterValidator(_check_single_line)]
Slug = Annotated[
    StrictStr,
    Field(min_length=1, max_length=SLUG_MAX_LENGTH, pattern=SLUG_PATTERN),
    AfterValidator(_check_slug),
]
HttpUrl = Annotated[
    StrictStr, Field(max_length=2048), AfterValidator(_check_text), AfterValidator(_check_http_url)
]
TimestampIn = Annotated[
    AwareDatetime,
    BeforeValidator(_require_rfc3339),
    AfterValidator(_in_utc),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
Timestamp = Annotated[
    datetime,
    PlainSerializer(to_rfc3339, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
# Query-string text goes into SQL parameters too: the same characters are refused there.
QueryText = Annotated[str, AfterValidator(_check_text)]


# A reference is an id or slug (text) or an inline object. The union is told apart by the value's
# JSON type, so an error is reported for that branch only, and its tag is left out of `loc`.
REF_TAG, OBJECT_TAG = "id-or-slug", "object"
UNION_TAGS = frozenset({REF_TAG, OBJECT_TAG})


def _reference_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return REF_TAG
    if isinstance(value, dict) or hasattr(value, "model_fields"):
        return OBJECT_TAG
    return None


BY_JSON_TYPE = Discriminator(
    _reference_kind,
    custom_error_type="reference_type",
    custom_error_message="must be an id or slug (a string) or an object",
)
