"""The OpenAPI document states the text rules exactly: each field type's JSON Schema (read by a
JSON Schema validator, as clients and schemathesis read it) accepts what the app's validator
accepts, and nothing else."""

import re
import sys
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from app.claims.schemas import ClaimText
from app.events.schemas import Tag, Title
from app.kit.fields import HttpUrl, QueryText, Slug, Text
from app.sources.schemas import Name
from app.text import EMPTY_CLAIM_KEY_PATTERN, claim_key

# The characters the rules are about, mixed with ordinary ones so that hypothesis meets them.
EDGES = (
    "\x00\x01\x08\t\n\x0b\x0c\r\x1c\x1f \x7f\x80\x85\x9f\xa0\u1680\u2000\u200a\u200b\u200d"
    "\u2024\u2026\u2028\u2029\u202f\u203c\u2047\u205f\u2060\u3000\ufe52\ufeff\uff01\uff0e\uff1f"
    ".!?-/#:abcdef0123456789zAÉп"
)
texts = st.text(
    alphabet=st.sampled_from(EDGES) | st.characters(exclude_categories=["Cs"]), max_size=40
)
urls = st.builds(
    lambda scheme, rest: scheme + rest, st.sampled_from(["http://", "https://"]), texts
)
slugs = st.from_regex(r"[0-9a-f-]{30,40}", fullmatch=True) | texts


def _agree(annotation: Any, value: str) -> None:
    adapter = TypeAdapter(annotation)
    try:
        adapter.validate_python(value)
        accepted = True
    except ValidationError:
        accepted = False
    schema = adapter.json_schema()
    assert jsonschema_rs.validator_for(schema).is_valid(value) == accepted, (value, schema)


@pytest.mark.parametrize("annotation", [Text, Name, Title, Tag, QueryText, ClaimText])
@given(value=texts)
def test_text_schemas_accept_what_the_app_accepts(annotation: Any, value: str) -> None:
    _agree(annotation, value)


@given(value=urls | texts)
def test_url_schema_accepts_what_the_app_accepts(value: str) -> None:
    _agree(HttpUrl, value)


@given(value=slugs)
def test_slug_schema_accepts_what_the_app_accepts(value: str) -> None:
    _agree(Slug, value)


@pytest.mark.parametrize(
    "value",
    ["0123456789abcdef0123456789abcdef", "01234567-89ab-cdef-0123-456789abcdef", "0-1-2-3-4-5-6-7"],
)
def test_uuid_like_slugs_are_refused_by_both(value: str) -> None:
    _agree(Slug, value)


def test_the_empty_claim_key_pattern_knows_every_character() -> None:
    # Over all of Unicode: a character alone has an empty key exactly when the pattern says so.
    pattern = re.compile(EMPTY_CLAIM_KEY_PATTERN)
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        assert (claim_key(char) == "") == bool(pattern.fullmatch(char)), hex(code)


@given(value=texts)
def test_the_empty_claim_key_pattern_matches_the_key(value: str) -> None:
    assert (claim_key(value) == "") == bool(re.fullmatch(EMPTY_CLAIM_KEY_PATTERN, value))


@pytest.mark.parametrize("value", ["x" * 64, "x" * 64 + " ", " " + "x" * 63, "x" * 65])
def test_lengths_count_what_was_sent(value: str) -> None:
    _agree(Tag, value)
