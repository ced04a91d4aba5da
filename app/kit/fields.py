"""Field types shared by request and response schemas."""

import re
import uuid
from collections.abc import Callable
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
# A slug of 32 hex digits, hyphens or not, reads as a UUID (`uuid.UUID` drops the hyphens).
UUID_LIKE_SLUG_PATTERN = r"^([0-9a-f]-?){31}[0-9a-f]$"

# The rules on text are written once, as regular expressions in the subset that ECMAScript,
# Python and Rust read alike (no `\s`, `\w` or `\p{..}`: each engine has its own idea of them),
# so the OpenAPI document states exactly what the validators below accept.
# C0 controls other than tab, line feed and carriage return, DEL, and C1 controls.
_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
# Every C0 and C1 control, and the line and paragraph separators: what a single line refuses.
_LINE_BREAKERS = r"\x00-\x1f\x7f-\x9f\u2028\u2029"
# The other characters `str.strip()` removes (Python's whitespace once controls are refused).
_SPACES = r" \xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
TEXT_PATTERN = rf"^[^{_CONTROLS}]*$"
LINE_PATTERN = rf"^[^{_LINE_BREAKERS}]*[^{_LINE_BREAKERS}{_SPACES}][^{_LINE_BREAKERS}]*$"
_FORBIDDEN_CHARACTERS = re.compile(rf"[{_CONTROLS}]")
_LINE_BREAK = re.compile(rf"[{_LINE_BREAKERS}]")
_NOT_SPACE = re.compile(rf"[^{_SPACES}]")


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
    if _LINE_BREAK.search(value):
        raise ValueError("must be a single line")
    if not _NOT_SPACE.search(value):
        raise ValueError("must not be blank")
    return value.strip()


def _check_slug(value: str) -> str:
    if not _SLUG_RE.fullmatch(value):
        raise ValueError("must be lowercase letters and digits separated by single hyphens")
    if looks_like_uuid(value):
        raise ValueError("must not look like a UUID: ids and slugs share the same paths")
    return value


# No whitespace and no control characters anywhere, and a host first.
HTTP_URL_PATTERN = rf"^https?://[^{_LINE_BREAKERS}{_SPACES}/?#][^{_LINE_BREAKERS}{_SPACES}]*$"
_HTTP_URL = re.compile(HTTP_URL_PATTERN)


def _check_http_url(value: str) -> str:
    if not _HTTP_URL.fullmatch(value):
        raise ValueError("must be an absolute http or https URL")
    return value


_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?P<offset>[Zz]|[+-]\d{2}:\d{2})?"
)


# The longest RFC 3339 text taken (nanoseconds and an offset fit in 40 characters).
TIMESTAMP_MAX_LENGTH = 64


def _require_rfc3339(value: Any) -> Any:
    # A timestamp comes as RFC 3339 text, never as a number or a number in a string (which
    # pydantic would read as Unix time), and always with an offset.
    if isinstance(value, datetime):
        return value
    bounded = isinstance(value, str) and len(value) <= TIMESTAMP_MAX_LENGTH
    match = _RFC3339.fullmatch(value) if bounded else None
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


def aware(value: datetime | str) -> datetime:
    """An instant as a row carries it (a datetime from PostgreSQL, RFC 3339 text from SQLite's
    `instant`) as an aware datetime; a naive one is taken as UTC."""
    instant = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


def to_rfc3339(value: datetime) -> str:
    """An instant as RFC 3339 in UTC with a `Z`."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


# The patterns are declared for the OpenAPI document only (`json_schema_extra`); the validators
# enforce them in Python, which also refuses lone surrogates (JSON Schema cannot name them).
Text = Annotated[
    StrictStr, Field(json_schema_extra={"pattern": TEXT_PATTERN}), AfterValidator(_check_text)
]
# A single line is trimmed once checked, and its length counts what was sent: the length
# goes before these (`Annotated[StrictStr, Field(max_length=...), *LINE]`), not after.
LINE_SCHEMA = Field(json_schema_extra={"pattern": LINE_PATTERN})
CHECK_TEXT = AfterValidator(_check_text)
CHECK_LINE = AfterValidator(_check_single_line)
Slug = Annotated[
    StrictStr,
    Field(
        min_length=1,
        max_length=SLUG_MAX_LENGTH,
        pattern=SLUG_PATTERN,
        json_schema_extra={"not": {"pattern": UUID_LIKE_SLUG_PATTERN}},
    ),
    AfterValidator(_check_slug),
]
HttpUrl = Annotated[
    StrictStr,
    Field(max_length=2048, json_schema_extra={"pattern": HTTP_URL_PATTERN}),
    AfterValidator(_check_text),
    AfterValidator(_check_http_url),
]
TimestampIn = Annotated[
    AwareDatetime,
    BeforeValidator(_require_rfc3339),
    AfterValidator(_in_utc),
    WithJsonSchema({"type": "string", "format": "date-time", "maxLength": TIMESTAMP_MAX_LENGTH}),
]
Timestamp = Annotated[
    datetime,
    PlainSerializer(to_rfc3339, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
# Query-string text goes into SQL parameters too: the same characters are refused there.
QueryText = Annotated[
    str, Field(json_schema_extra={"pattern": TEXT_PATTERN}), AfterValidator(_check_text)
]


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


def schema_extra(
    *, examples: list[dict[str, Any]], not_null: tuple[str, ...] = ()
) -> Callable[[dict[str, Any]], None]:
    """A model's `json_schema_extra`: its examples, and the optional fields that may be left out
    but not sent as `null` (partial updates), declared without the `null` FastAPI would allow."""

    def extra(schema: dict[str, Any]) -> None:
        schema["examples"] = examples
        for name in not_null:
            field = schema["properties"][name]
            options = [option for option in field.pop("anyOf") if option.get("type") != "null"]
            field.pop("default", None)
            field.update(options[0] if len(options) == 1 else {"anyOf": options})

    return extra
