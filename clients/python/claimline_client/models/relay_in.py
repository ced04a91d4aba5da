from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.source_create import SourceCreate


T = TypeVar("T", bound="RelayIn")


@_attrs_define
class RelayIn:
    """A source that relayed the statement.

    Attributes:
        source (SourceCreate | str): A source's id or slug, or `{name, kind?, ...}`: the source whose name or alias
            matches the name (any case), created when none does.
        url (None | str | Unset):
        published_at (datetime.datetime | None | Unset):
        quote (None | str | Unset): The words as this relay published them.
        archive_url (None | str | Unset): An archived copy of the relay's page.
    """

    source: SourceCreate | str
    url: None | str | Unset = UNSET
    published_at: datetime.datetime | None | Unset = UNSET
    quote: None | str | Unset = UNSET
    archive_url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.source_create import SourceCreate  # noqa: PLC0415

        source: dict[str, Any] | str
        if isinstance(self.source, SourceCreate):
            source = self.source.to_dict()
        else:
            source = self.source

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        published_at: None | str | Unset
        if isinstance(self.published_at, Unset):
            published_at = UNSET
        elif isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        quote: None | str | Unset
        if isinstance(self.quote, Unset):
            quote = UNSET
        else:
            quote = self.quote

        archive_url: None | str | Unset
        if isinstance(self.archive_url, Unset):
            archive_url = UNSET
        else:
            archive_url = self.archive_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source": source,
            }
        )
        if url is not UNSET:
            field_dict["url"] = url
        if published_at is not UNSET:
            field_dict["published_at"] = published_at
        if quote is not UNSET:
            field_dict["quote"] = quote
        if archive_url is not UNSET:
            field_dict["archive_url"] = archive_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_create import SourceCreate  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_source(data: object) -> SourceCreate | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_1 = SourceCreate.from_dict(data)

                return source_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(SourceCreate | str, data)

        source = _parse_source(d.pop("source"))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_published_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        published_at = _parse_published_at(d.pop("published_at", UNSET))

        def _parse_quote(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        quote = _parse_quote(d.pop("quote", UNSET))

        def _parse_archive_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        archive_url = _parse_archive_url(d.pop("archive_url", UNSET))

        relay_in = cls(
            source=source,
            url=url,
            published_at=published_at,
            quote=quote,
            archive_url=archive_url,
        )

        return relay_in
