from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.source_summary import SourceSummary


T = TypeVar("T", bound="RelayOut")


@_attrs_define
class RelayOut:
    """A relay of a statement.

    Attributes:
        source (SourceSummary): How a source appears inside other resources.
        url (None | str):
        published_at (datetime.datetime | None):
        quote (None | str):
        archive_url (None | str):
        drift (float | None): 1 minus the similarity of this relay's quote and the wording before it (the nearest
            earlier relay's quote, else the statement's text), 3 decimals; null without a quote.
        delay_s (int | None): Whole seconds from `said_at` to `published_at`; null without it.
    """

    source: SourceSummary
    url: None | str
    published_at: datetime.datetime | None
    quote: None | str
    archive_url: None | str
    drift: float | None
    delay_s: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source.to_dict()

        url: None | str
        url = self.url

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        quote: None | str
        quote = self.quote

        archive_url: None | str
        archive_url = self.archive_url

        drift: float | None
        drift = self.drift

        delay_s: int | None
        delay_s = self.delay_s

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
                "url": url,
                "published_at": published_at,
                "quote": quote,
                "archive_url": archive_url,
                "drift": drift,
                "delay_s": delay_s,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_summary import SourceSummary  # noqa: PLC0415

        d = dict(src_dict)
        source = SourceSummary.from_dict(d.pop("source"))

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        def _parse_quote(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        quote = _parse_quote(d.pop("quote"))

        def _parse_archive_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        archive_url = _parse_archive_url(d.pop("archive_url"))

        def _parse_drift(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        drift = _parse_drift(d.pop("drift"))

        def _parse_delay_s(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        delay_s = _parse_delay_s(d.pop("delay_s"))

        relay_out = cls(
            source=source,
            url=url,
            published_at=published_at,
            quote=quote,
            archive_url=archive_url,
            drift=drift,
            delay_s=delay_s,
        )

        relay_out.additional_properties = d
        return relay_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
