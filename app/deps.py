"""Annotated dependencies the routers share."""

from typing import Annotated

from fastapi import Depends, Header
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings, get_settings
from app.kit.db import (
    Database,
    get_database,
    open_write_session,
)
from app.kit.pagination import PageDep as PageDep

SessionDep = Annotated[AsyncSession, Depends(open_write_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
# Room for a few dozen entity tags; longer header values are a 422.
MAX_ETAG_HEADER_LENGTH = 4096
IfNoneMatch = Annotated[
    str | None,
    Header(
        alias="If-None-Match",
        max_length=MAX_ETAG_HEADER_LENGTH,
        description="An ETag from an earlier read: 304 if unchanged.",
    ),
]
IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=MAX_ETAG_HEADER_LENGTH,
        description="The ETag the update is based on: 412 if it changed.",
    ),
]
DatabaseDep = Annotated[Database, Depends(get_database)]
