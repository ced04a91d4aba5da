"""JSON answers written with orjson, for documents built without response models."""

from typing import Any

import orjson
from starlette.responses import Response

# Instants are UTC datetimes or RFC 3339 text; orjson writes the datetimes with a `Z` too.
_OPTIONS = orjson.OPT_UTC_Z


def dump(document: Any, *, sort_keys: bool = False) -> bytes:
    """A document as JSON bytes."""
    return orjson.dumps(document, option=_OPTIONS | orjson.OPT_SORT_KEYS if sort_keys else _OPTIONS)


class DocumentResponse(Response):
    """An `application/json` answer of a plain document."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dump(content)
